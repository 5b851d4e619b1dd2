"""report.html in headless Chromium: no request leaves the page, no comment text runs, every section is there,
it reads on a phone, text has contrast, and a screenshot is written.

Driven by Playwright (PyPI) with Debian's /usr/bin/chromium; never `playwright install`. Skips with the reason
when either is missing (`make test` installs Chromium as root).
"""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from report_summaries import make_hostile
from shipwatch.report.html import render_html

CHROMIUM = os.environ.get("SHIPWATCH_CHROMIUM", "/usr/bin/chromium")
ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-quic", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]
SECTIONS = ["headline", "labels", "ship-index", "languages", "timeline", "moments", "quotes", "people", "hate",
            "methods"]
ATTACKS = [
    "<img src=x onerror=\"window.__pwned=1;fetch('http://127.0.0.1:9/x')\">",
    "</script><script>window.__pwned=2</script>",
    "<svg onload=window.__pwned=3>",
    "\"><iframe src=javascript:window.__pwned=4>",
    "<style>@import url(http://127.0.0.1:9/css)</style>",
]

sync_api = pytest.importorskip("playwright.sync_api", reason="the browser tests need playwright (pip install playwright)")
if not (Path(CHROMIUM).is_file() and os.access(CHROMIUM, os.X_OK)):
    pytest.skip(f"no Chromium at {CHROMIUM} (Debian: apt-get install chromium; `make test` does it as root)",
                allow_module_level=True)


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> Path:
    s = make_hostile()
    s["quotes"]["ship"] += [
        {"comment_id": f"a{i}", "text": t, "lang": "en", "likes": 1, "p": 0.9, "labels": ["ship"],
         "published_at": "2024-03-02T10:15:00+00:00", "permalink": None, "author": None, "translation": t}
        for i, t in enumerate(ATTACKS)]
    s["moments"][1]["quotes"][0]["text"] = ATTACKS[0]
    s["hate"]["examples"][0]["text"] = ATTACKS[1]
    s["title"] = ATTACKS[2]
    return render_html(s, tmp_path_factory.mktemp("browser") / "report.html")


def _open(browser, report: Path, width: int, height: int = 900):
    page = browser.new_page(viewport={"width": width, "height": height})
    requests, dialogs, errors = [], [], []
    page.on("request", lambda r: requests.append(r.url))
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(report.as_uri(), wait_until="load")
    page.wait_for_timeout(300)
    return page, requests, dialogs, errors


def test_no_network_and_no_script_from_comment_text(browser, report):
    page, requests, dialogs, errors = _open(browser, report, 1000)
    # The only request is the page itself; the injected img/iframe/fetch/@import never fire.
    assert requests == [report.as_uri()]
    assert dialogs == [] and errors == []
    assert page.evaluate("window.__pwned === undefined")
    assert page.evaluate("document.scripts.length") == 0
    assert page.evaluate("document.querySelectorAll('iframe, img[src=x], svg[onload], [onerror]').length") == 0
    body = page.inner_text("body")
    for attack in ATTACKS:
        assert attack in body           # shown as text, exactly as posted
    page.close()


def test_every_section_present_and_screenshot(browser, report, tmp_path_factory):
    page, *_ = _open(browser, report, 1000)
    for sid in SECTIONS:
        assert page.locator(f"section#{sid}").count() == 1, sid
        assert page.locator(f"section#{sid} h2").first.is_visible(), sid
    assert page.locator("svg[role=img] title").count() >= 5
    shots = Path(os.environ.get("SHIPWATCH_SCREENSHOTS") or tmp_path_factory.mktemp("screenshots"))
    shots.mkdir(parents=True, exist_ok=True)
    desktop = shots / "report-desktop.png"
    page.screenshot(path=str(desktop), full_page=True)
    assert desktop.stat().st_size > 50_000
    print(f"screenshot: {desktop}")
    page.close()


def test_reads_on_a_phone(browser, report, tmp_path_factory):
    page, *_ = _open(browser, report, 390, 844)
    # Nothing forces sideways scrolling of the page (wide tables scroll inside their own box).
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    size = page.evaluate("parseFloat(getComputedStyle(document.querySelector('figure.quote p')).fontSize)")
    assert size >= 14
    shots = Path(os.environ.get("SHIPWATCH_SCREENSHOTS") or tmp_path_factory.mktemp("screenshots"))
    page.screenshot(path=str(shots / "report-phone.png"), full_page=True)
    page.close()


CONTRAST_JS = """
() => {
  const lum = c => { const v = c.match(/[\\d.]+/g).slice(0, 3).map(x => x / 255)
      .map(x => x <= 0.03928 ? x / 12.92 : Math.pow((x + 0.055) / 1.055, 2.4));
    return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2]; };
  const bg = el => { for (; el; el = el.parentElement) { const c = getComputedStyle(el).backgroundColor;
      const a = c.match(/[\\d.]+/g); if (a && (a.length < 4 || +a[3] > 0.5)) return c; } return 'rgb(255,255,255)'; };
  const bad = [];
  for (const el of document.querySelectorAll('body *')) {
    if (el.closest('svg') || !el.offsetParent) continue;
    const own = [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
    if (!own) continue;
    const st = getComputedStyle(el), a = lum(st.color), b = lum(bg(el));
    const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    const large = parseFloat(st.fontSize) >= 24 || (parseFloat(st.fontSize) >= 18.66 && +st.fontWeight >= 700);
    if (ratio < (large ? 3 : 4.5)) bad.push(el.tagName + '.' + el.className + ' ' + ratio.toFixed(2));
  }
  return bad;
}
"""


def test_text_contrast_meets_wcag_aa(browser, report):
    page, *_ = _open(browser, report, 1000)
    page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
    assert page.evaluate(CONTRAST_JS) == []
    page.close()


def test_print_layout(browser, report, tmp_path):
    page, *_ = _open(browser, report, 1000)
    page.emulate_media(media="print")
    assert page.evaluate("getComputedStyle(document.querySelector('nav.toc')).display") == "none"
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(255, 255, 255)"
    page.close()
