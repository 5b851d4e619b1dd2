"""Quotes on real runs: the bundled demo, and the kocohub couple-news comments when ../shared/data is present.

Quotes never carry the hate label, no two quotes of a section are near-duplicates (character 5-gram Jaccard
< 0.6), and every language with at least 5% of the comments is quoted somewhere.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from shipwatch.aggregate import char_ngrams, jaccard
from shipwatch.api import analyze

DATA = Path(__file__).resolve().parents[2] / ".." / "shared" / "data"
KOCOHUB = DATA / "kocohub-beep" / "derived" / "couple_news_comments.tsv"


def check_quotes(summary: dict) -> None:
    n = summary["n_comments"]
    quoted_langs = set()
    for label, quotes in summary["quotes"].items():
        texts = [q["text"] for q in quotes]
        assert len(set(texts)) == len(texts), label
        for q in quotes:
            assert "hate" not in q["labels"], (label, q["text"])
            assert q["likes"] >= 0 and q["lang"] and 0 <= q["p"] <= 1
            quoted_langs.add(q["lang"])
        for i, a in enumerate(texts):
            for b in texts[i + 1:]:
                assert jaccard(char_ngrams(a), char_ngrams(b)) < 0.6, (label, a, b)
    for m in summary["moments"]:
        assert all("hate" not in q["labels"] for q in m["quotes"])
    sizeable = {lang for lang, c in summary["languages"].items() if c / n >= 0.05 and lang not in ("mixed", "und")}
    assert sizeable and sizeable <= quoted_langs, (sizeable, quoted_langs)


def test_demo_quotes(tmp_path):
    from shipwatch.demo import demo_meta, demo_path
    from shipwatch.ingest import IngestOptions

    meta = demo_meta()
    opts = IngestOptions(video_id=meta["video_id"], skip_bad=True, reject_path=str(tmp_path / "rejected.jsonl"))
    result = analyze(str(demo_path()), pair=meta["pair"], title=meta["title"], out=tmp_path, options=opts)
    s = result.summary
    check_quotes(s)
    assert {"en", "ko"} <= {q["lang"] for qs in s["quotes"].values() for q in qs}
    assert all(q["permalink"] for qs in s["quotes"].values() for q in qs)      # a YouTube video: every quote links
    article = (tmp_path / "article.md").read_text(encoding="utf-8")
    assert "&t=" in article and "*Methods:" in article


@pytest.mark.shared_data
@pytest.mark.skipif(not KOCOHUB.is_file(), reason=f"needs {KOCOHUB} (../shared/data is not part of a fresh clone)")
def test_kocohub_couple_news_quotes(tmp_path):
    from shipwatch.ingest import IngestOptions

    opts = IngestOptions(text_col="comments", title_col="news_title")
    result = analyze(str(KOCOHUB), out=tmp_path, options=opts)
    s = result.summary
    assert s["n_comments"] > 8000 and s["hate"]["count"] > 100      # plenty of hate to keep out
    check_quotes(s)
    assert sum(len(qs) for qs in s["quotes"].values()) >= 20
    assert (tmp_path / "report.html").is_file()
