from pathlib import Path

import pytest

from shipwatch.ingest import IngestOptions, open_source

DATA = Path(__file__).resolve().parents[2] / ".." / "shared" / "data"
KOCOHUB = DATA / "kocohub-beep" / "derived" / "couple_news_comments.tsv"


@pytest.mark.shared_data
@pytest.mark.skipif(not KOCOHUB.exists(), reason="needs ../shared/data/kocohub-beep (not part of a fresh clone)")
def test_kocohub_couple_news_comments_load_completely(read_all):
    source = open_source(KOCOHUB, IngestOptions(text_col="comments", title_col="news_title"))
    rows = read_all(source)
    assert len(rows) == 8_741
    assert source.stats["rejected"] == 0
    assert all(r["title"] for r in rows)
    assert len({r["comment_id"] for r in rows}) == 8_741
    # a title with CSV-style doubled quotes comes out unquoted
    assert any(r["title"] == '김건모 결혼 내년 5월로 연기…"보다 많은 분 초청"' for r in rows)
