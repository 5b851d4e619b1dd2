from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from report_summaries import HOSTILE
from shipwatch.report.html import html_string, render_html

SECTION_IDS = {"headline", "labels", "ship-index", "languages", "timeline", "moments", "quotes", "people", "hate",
               "methods"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
SVG_LEAVES = {"rect", "circle", "line", "polyline", "polygon", "path"}   # written as self-closing <x/>


class Page(HTMLParser):
    """Collects what the assertions need and checks that every element is closed in order."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.tags: list[tuple[str, dict]] = []
        self.errors: list[str] = []
        self.headings: list[int] = []
        self.sections: list[str] = []
        self.svgs: list[dict] = []
        self.text_by_section: dict[str, list[str]] = {}
        self.text_in_details: list[str] = []
        self.feed(text)
        self.close()
        if self.stack:
            self.errors.append(f"unclosed: {self.stack}")

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.append((tag, a))
        if tag == "section":
            self.sections.append(a.get("id"))
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
        if tag == "svg":
            self.svgs.append({"attrs": a, "children": []})
        elif "svg" in self.stack and self.stack[-1] == "svg":
            self.svgs[-1]["children"].append(tag)
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1] if self.stack else 'nothing'}")
            return
        self.stack.pop()

    def handle_data(self, data):
        if "section" in self.stack:
            self.text_by_section.setdefault(self.sections[-1], []).append(data)
        if "details" in self.stack:
            self.text_in_details.append(data)

    def section_text(self, sid: str) -> str:
        return "".join(self.text_by_section.get(sid, []))


@pytest.fixture
def page(summary) -> tuple[str, Page]:
    text = html_string(summary)
    return text, Page(text)


def test_render_writes_one_file(summary, tmp_path):
    out = render_html(summary, tmp_path)
    assert out == tmp_path / "report.html"
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert [p.name for p in tmp_path.iterdir()] == ["report.html"]


def test_parses_as_html_with_every_element_closed(page):
    _, p = page
    assert p.errors == []


def test_every_section_present_once(page):
    _, p = page
    assert sorted(p.sections) == sorted(SECTION_IDS)


def test_headings_in_order(page):
    _, p = page
    assert p.headings[0] == 1 and p.headings.count(1) == 1
    for before, after in zip(p.headings, p.headings[1:]):
        assert after <= before + 1, p.headings


def test_accessible_page_and_charts(page):
    text, p = page
    assert ("html", {"lang": "en"}) in p.tags
    assert any(t == "meta" and a.get("name") == "viewport" for t, a in p.tags)
    assert "@media print" in text and "max-width" in text
    assert len(p.svgs) >= 5
    for svg in p.svgs:
        assert svg["attrs"].get("role") == "img"
        assert svg["attrs"].get("aria-label")
        assert svg["attrs"].get("viewbox")
        assert svg["children"][:2] == ["title", "desc"]


def test_no_external_requests(page):
    text, p = page
    for tag, attrs in p.tags:
        assert tag not in {"script", "link", "iframe", "img", "object", "embed", "base", "form"}, tag
        assert "src" not in attrs, (tag, attrs)
        assert not any(name.startswith("on") for name in attrs), (tag, attrs)
        href = attrs.get("href")
        if href is not None:
            assert tag == "a"
            assert href.startswith("#") or re.match(r"https://www\.youtube\.com/watch\?", href), href
    assert "@import" not in text and "url(" not in text


def test_figures_and_content(page, summary):
    text, p = page
    headline = p.section_text("headline")
    assert "+46" in headline and "+42.1 to +50.3" in headline and "1,240" in headline
    assert "1–6 Mar 2024" in headline and "Korean" in headline
    labels = p.section_text("labels")
    assert "Dating claims" in labels and "298" in labels and "24.0%" in labels and "33.0%" in labels
    ship = p.section_text("ship-index")
    assert "+46.2" in ship and "Spanish" in ship and "+61.0" in ship
    moments = p.section_text("moments")
    assert "2:31" in moments and "87 comments" in moments
    assert 'href="https://www.youtube.com/watch?v=sUmMeRsTaT1&amp;t=151s"' in text
    quotes = p.section_text("quotes")
    assert "그냥 사귀어라 제발 현커 가자" in quotes and "1,204 likes" in quotes
    assert "Congratulations" in quotes          # listed among labels without quotes
    assert '<blockquote lang="ko">' in text
    people = p.section_text("people")
    assert "Hyun Bin & Son Ye-jin" in people and "+47.0" in people
    timeline = p.section_text("timeline")
    assert "3 Mar 2024" in timeline               # the rumour spike


def test_hate_only_collapsed_under_a_warning(page, summary):
    text, p = page
    for q in summary["hate"]["examples"]:
        assert q["text"] in "".join(p.text_in_details)
        assert q["text"] not in p.section_text("quotes")
        assert q["text"] not in p.section_text("moments")
    assert "<details" in text and "<details open" not in text
    assert "1.9%" in p.section_text("hate")


def test_hate_labelled_quote_never_shown_as_a_quote(summary):
    summary["quotes"]["ship"].append({**summary["quotes"]["ship"][0], "comment_id": "bad",
                                      "text": "shipping them but you are ugly", "labels": ["ship", "hate"]})
    assert "you are ugly" not in html_string(summary)


def test_hostile_text_is_escaped(hostile_summary):
    text = html_string(hostile_summary)
    p = Page(text)
    assert p.errors == []
    for attack in HOSTILE:
        assert attack not in text
        assert attack in html.unescape(text)      # shown, but only in escaped form
    tags = [t for t, _ in p.tags]
    assert "script" not in tags and "img" not in tags
    assert all(not any(name.startswith("on") for name in a) for _, a in p.tags)
    assert sum(1 for t, a in p.tags if t == "svg") == len(p.svgs)
    assert all(s["attrs"].get("role") == "img" for s in p.svgs)     # no injected <svg onload>


def test_unsafe_links_stay_text(hostile_summary):
    text = html_string(hostile_summary)
    p = Page(text)
    hrefs = [a["href"] for t, a in p.tags if "href" in a]
    assert not any("javascript" in h.lower() or "evil" in h or h.startswith("data:") for h in hrefs), hrefs
    assert "click my permalink" in text and "evil host" in text and "tricky host" in text
    assert "&lt;b&gt;2:31&lt;/b&gt;" in text


def test_hostile_language_code_escaped_in_svg(hostile_summary):
    text = html_string(hostile_summary)
    assert "<svg>" not in text
    assert "&lt;svg&gt;" in text


def test_empty_summary(empty_summary, tmp_path):
    out = render_html(empty_summary, tmp_path / "sub" / "r.html")
    text = out.read_text(encoding="utf-8")
    p = Page(text)
    assert p.errors == []
    assert sorted(p.sections) == sorted(SECTION_IDS)
    assert "No timestamps in this source" in text
    assert "no on-topic comments" in text.lower()
    assert "<title>Fan reactions · Shipwatch report</title>" in text


def test_no_timestamps_message_when_timeline_empty(summary):
    summary["timeline"]["points"] = []
    summary["rumour"]["points"] = []
    assert "No timestamps in this source" in html_string(summary)


def test_hour_granularity_labels(summary):
    summary["timeline"]["granularity"] = "hour"
    summary["timeline"]["points"] = [
        {"t": f"2024-03-01T{h:02d}:00:00+00:00", "n": 10 + h, "counts": {}, "ship_index": 40.0} for h in range(5)]
    text = html_string(summary)
    assert "1 Mar 00:00" in text and "Comments per hour" in text


def test_missing_key_names_it(summary):
    del summary["moments"]
    with pytest.raises(ValueError, match="moments"):
        html_string(summary)


def test_template_uses_autoescape():
    source = (Path(__file__).resolve().parents[2] / "src" / "shipwatch" / "report" / "templates"
              / "report.html.j2").read_text(encoding="utf-8")
    # Only the trusted line break may be marked safe; comment text must always go through autoescape.
    assert re.findall(r"\|\s*safe", source) == ["| safe"]
    assert "<br>" in source
