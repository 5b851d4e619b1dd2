import pytest

from shipwatch.ingest.values import parse_count, parse_time, video_id_from_url, video_id_in_name


@pytest.mark.parametrize("raw,count", [
    ("1.2K", 1200), ("3.4M", 3_400_000), ("1,234", 1234), ("1.5천", 1500), ("2만", 20_000), ("1.2만", 12_000),
    ("", 0), (None, 0), (7, 7), (7.0, 7), ("  15 ", 15), ("1.2k", 1200), ("3억", 300_000_000),
])
def test_parse_count(raw, count):
    assert parse_count(raw) == count


@pytest.mark.parametrize("raw", ["lots", "-3", True, [1], "1.2X", -1])
def test_parse_count_rejects(raw):
    with pytest.raises(ValueError):
        parse_count(raw)


def test_parse_time():
    assert parse_time("1970-01-01T00:00:01Z") == 1_000_000
    assert parse_time("1970-01-01T09:00:01+09:00") == 1_000_000
    assert parse_time("1970.01.01 00:00") == 0
    assert parse_time(1_000) == 1_000_000_000
    assert parse_time(1_700_000_000_000) == 1_700_000_000 * 1_000_000   # milliseconds
    assert parse_time("2 years ago") is None and parse_time("어제") is None


def test_video_ids():
    assert video_id_from_url("https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=42s") == "dQw4w9WgXcQ"
    assert video_id_from_url("https://youtu.be/dQw4w9WgXcQ?si=abc") == "dQw4w9WgXcQ"
    assert video_id_from_url("https://youtube.com/shorts/dQw4w9WgXcQ") == "dQw4w9WgXcQ"
    assert video_id_from_url("https://example.com/watch?v=dQw4w9WgXcQ") is None
    assert video_id_in_name("dQw4w9WgXcQ.jsonl") == "dQw4w9WgXcQ"
    assert video_id_in_name("comments (dQw4w9WgXcQ).csv") == "dQw4w9WgXcQ"
    assert video_id_in_name("comments_ko.jsonl") is None
