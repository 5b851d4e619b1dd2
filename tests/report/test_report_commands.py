"""`shipwatch cards` and `shipwatch article` from a summary.json, and the report options of `analyze`."""
from __future__ import annotations

import json

from report_summaries import make_summary
from shipwatch.cli import main


def _write(tmp_path) -> str:
    path = tmp_path / "summary.json"
    path.write_text(json.dumps(make_summary(), ensure_ascii=False), encoding="utf-8")
    return str(path)


def test_article_command_html(tmp_path, capsys):
    path = _write(tmp_path)
    assert main(["article", path, "--format", "html"]) == 0
    page = (tmp_path / "article.html").read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "<h1>" in page and "<blockquote>" in page
    assert "<script" not in page and "default-src 'none'" in page
    assert 'href="https://www.youtube.com/watch?v=sUmMeRsTaT1&amp;t=151s"' in page


def test_cards_command(tmp_path, capsys):
    path = _write(tmp_path)
    assert main(["cards", path, "--out", str(tmp_path / "cards"), "--label", "ship", "--top", "2"]) == 0
    names = sorted(p.name for p in (tmp_path / "cards").iterdir())
    assert names == ["ship-1-s1.png", "ship-1-s1.svg", "ship-2-s2.png", "ship-2-s2.svg"]
    assert main(["cards", path, "--out", str(tmp_path / "c2"), "--id", "x1"]) == 2     # hate: never a card
    assert "not among the summary's quotes" in capsys.readouterr().err


def test_bad_summary_file(tmp_path, capsys):
    bad = tmp_path / "summary.json"
    bad.write_text("{not json", encoding="utf-8")
    assert main(["cards", str(bad)]) == 2
    assert f"{bad}:1: not valid JSON" in capsys.readouterr().err


def test_analyze_report_options(tmp_path, capsys):
    src = tmp_path / "c.csv"
    src.write_text("text,time\n" + "".join(f"they are dating for sure {i},2024-03-0{1 + i % 5}T10:00:00Z\n"
                                           for i in range(30)), encoding="utf-8")
    out = tmp_path / "out"
    assert main(["analyze", str(src), "--out", str(out), "--db", str(tmp_path / "s.duckdb"), "-q",
                 "--article-format", "both", "--rumour-k", "2.5", "--export-hate", str(tmp_path / "ev")]) == 0
    assert (out / "article.html").is_file() and (out / "article.md").is_file()
    assert (tmp_path / "ev" / "MANIFEST.sha256").is_file()
    assert json.loads((out / "summary.json").read_text(encoding="utf-8"))["rumour"]["k"] == 2.5
    assert main(["analyze", str(src), "--out", str(out), "--db", str(tmp_path / "s.duckdb"), "-q",
                 "--rumour-window", "200"]) == 2
