from __future__ import annotations

import re

import pytest

from report_summaries import HOSTILE
from shipwatch.report.article import article_string, md_blockquote, md_text, render_article


class DictTranslator:
    """A real (if tiny) back-end: a fixed phrase book, None for anything it does not know."""

    def __init__(self, book: dict[str, str]):
        self.book = book
        self.calls: list[tuple[str, str, str]] = []

    def translate(self, text, source_lang, target_lang):
        self.calls.append((text, source_lang, target_lang))
        return self.book.get(text)


def blocks(md: str) -> list[str]:
    return md.rstrip("\n").split("\n\n")


def test_render_article_writes_file(summary, tmp_path):
    out = render_article(summary, tmp_path)
    assert out == tmp_path / "article.md"
    assert out.read_text(encoding="utf-8") == article_string(summary)


def test_headline_and_lede(summary):
    md = article_string(summary)
    first, lede = blocks(md)[:2]
    assert first == "# 'They're 100% dating': fans flood Min Tae-oh and Seo Ha-rin's clip"
    assert "**+46**" in lede and "1,240 comments" in lede and "+42 to +50" in lede
    assert "(민태오)" not in first


def test_moments_link_to_the_second(summary):
    md = article_string(summary)
    assert "## What fans keep pointing at" in md
    assert "[2:31](https://www.youtube.com/watch?v=sUmMeRsTaT1&t=151s): 87 comments" in md
    assert "**1:02:03**: 6 comments" in md          # no url: not linked


def test_one_section_per_camp_with_attributed_quotes(summary):
    md = article_string(summary)
    headings = re.findall(r"^## (.+)$", md, re.M)
    assert headings == [
        "What fans keep pointing at", "'Just date already'", "All about the chemistry",
        "'That's not acting': the believers", "The inevitable comparisons", "Not everyone is convinced",
    ]
    # A camp needs two quotes for a section: visuals and acting have one, congrats none; they are summed up.
    assert "Well-wishers" not in md and "The visuals" not in md
    assert "Smaller groups: visuals (11%), acting &amp; the show (10%), congratulations (1%)." in md
    assert "> 그냥 사귀어라 제발 현커 가자\n>\n> — Korean netizen, 1,204 likes [Korean]" in md
    assert "> — YouTube commenter, 1,830 likes\n" in md
    assert "> — Spanish-speaking fan, 220 likes [Spanish]" in md
    for section in re.split(r"^## ", md, flags=re.M)[2:]:
        assert 2 <= section.count("> — ") <= 4, section


def test_quote_used_once(summary):
    md = article_string(summary)
    # m1 is a moment quote; the chemistry camp must not repeat it.
    assert md.count("the way he looks at her when she laughs") == 1


def test_language_gap_and_closing_and_methods(summary):
    md = article_string(summary)
    assert "mostly in Korean (57%) and English (32%)" in md
    assert "English-language commenters are the keenest shippers" in md
    assert "has already made up its mind" in md
    methods = blocks(md)[-1]
    assert blocks(md)[-2] == "---"
    assert methods.startswith("*Methods:") and methods.endswith("*")
    assert "1,240 comments" in methods and "1–6 Mar 2024" in methods and "lexicon-v1" in methods
    assert "+42.1 to +50.3" in methods and "n = 1,049" in methods


def test_translator_shows_translation_over_original(summary):
    tr = DictTranslator({"그냥 사귀어라 제발 현커 가자": "Just date already, please, make it real"})
    md = article_string(summary, translator=tr)
    assert ("> Just date already, please, make it real\n>\n> — Korean netizen, 1,204 likes\n>\n"
            "> Original [Korean]:\n> 그냥 사귀어라 제발 현커 가자") in md
    assert "> 케미 미쳤다 둘이 너무 잘 어울려\n>\n> — Korean netizen, 870 likes [Korean]" in md  # None: as-is
    assert all(target == "en" and source != "en" for _, source, target in tr.calls)
    assert "machine translation" in blocks(md)[-1]


def test_no_hook_quote_gives_plain_headline(summary):
    for label in ("ship", "dating_claim", "chemistry"):
        summary["quotes"][label] = [q for q in summary["quotes"][label] if q["lang"] != "en"]
    assert article_string(summary).startswith("# Fans want Min Tae-oh and Seo Ha-rin to make it real\n")


def test_empty_summary_is_a_complete_article(empty_summary):
    md = article_string(empty_summary)
    parts = blocks(md)
    assert parts[0].startswith("# ") and "no comments" in parts[1].lower()
    assert parts[-2] == "---" and parts[-1].startswith("*Methods:")
    assert "##" not in md


def test_small_summary_skips_camps_without_quotes(summary):
    summary["quotes"] = {k: [] for k in summary["quotes"]}
    summary["quotes"]["denial"] = [summary["hate"]["examples"][0] | {"labels": ["denial", "hate"]}]
    summary["moments"] = []
    md = article_string(summary)
    assert "## " not in md                           # the only quote is hateful: no section at all
    assert "**+46**" in md and md.rstrip().endswith("*")


def test_md_text_neutralises_html_links_and_code():
    assert md_text("<b>&</b>") == "&lt;b&gt;&amp;&lt;/b&gt;"
    assert md_text("[x](javascript:alert(1))") == "\\[x\\](javascript:alert(1))"
    assert md_text("`code`") == "\\`code\\`"
    assert md_text("ㅋㅋㅋ so good!!! 😍 *wow* 100%") == "ㅋㅋㅋ so good!!! 😍 *wow* 100%"


def test_md_blockquote_cannot_be_left():
    quoted = md_blockquote("line one\r\n\r\n\r\n# heading\n- item\n1. first\u2028last")
    lines = quoted.split("\n")
    assert all(line.startswith(">") for line in lines)
    assert lines == ["> line one", ">", "> \\# heading", "> \\- item", "> 1\\. first", "> last"]


markdown_it = pytest.importorskip("markdown_it", reason="markdown-it-py renders the Markdown for the injection test")


def test_hostile_quotes_render_as_text(hostile_summary):
    md = article_string(hostile_summary)
    rendered = markdown_it.MarkdownIt("commonmark").render(md)
    assert "<script" not in rendered and "<img" not in rendered and "<svg" not in rendered
    assert "javascript:" not in "".join(re.findall(r'href="([^"]*)"', rendered))
    assert "<h1>" in rendered and rendered.count("<h1>") == 1      # "# Injected heading" stayed inside the quote
    hrefs = re.findall(r'href="([^"]*)"', rendered)
    assert all(h.startswith("https://www.youtube.com/") for h in hrefs), hrefs
    for attack in HOSTILE:
        assert attack.replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;") in rendered


def test_body_language_moments_link_into_the_clip(summary):
    summary["video"] = {"mutual_gaze_share": 0.31, "moments": [
        {"kind": "mutual_gaze", "start": 150.4, "end": 153.0, "score": 0.82},
        {"kind": "touch", "start": 301.0, "end": 303.5, "score": 0.64}]}
    md = article_string(summary)
    assert "## What the camera shows" in md and "share a look in 31% of the frames" in md
    assert "- [2:30–2:33](https://www.youtube.com/watch?v=sUmMeRsTaT1&t=150s): mutual gaze" in md
    assert "- [5:01–5:04](https://www.youtube.com/watch?v=sUmMeRsTaT1&t=301s): touch" in md


def test_article_html_is_one_safe_page(hostile_summary):
    from shipwatch.report.article import article_html

    page = article_html(hostile_summary)
    assert page.startswith("<!DOCTYPE html>") and "default-src 'none'" in page
    assert "<script" not in page.replace("&lt;script", "") and "<img" not in page and "onload=" not in page.replace(
        "&lt;svg onload=", "")
    assert all(h.startswith("https://www.youtube.com/") for h in re.findall(r'href="([^"]*)"', page))
