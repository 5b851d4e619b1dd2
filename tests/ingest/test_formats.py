import shutil
from datetime import datetime, timezone

import pytest

from shipwatch.ingest import IngestOptions, open_source
from shipwatch.schema import RECORD_SCHEMA


def test_ytcd_jsonl(fixtures, read_all):
    source = open_source(fixtures / "dQw4w9WgXcQ.jsonl")
    assert (source.format, source.platform, source.source_id) == ("ytcd", "youtube", "dQw4w9WgXcQ")
    rows = read_all(source)
    assert [r["comment_id"] for r in rows] == [
        "UgzA1b2C3d4E5f6G7h8", "UgzA1b2C3d4E5f6G7h8.9ZxYwVuTsRq", "UgzA1b2C3d4E5f6G7h8.8AbCdEfGhIj",
        "UgyQ9w8E7r6T5y4U3i2"]
    assert [r["parent_id"] for r in rows] == [None, "UgzA1b2C3d4E5f6G7h8", "UgzA1b2C3d4E5f6G7h8", None]
    assert [r["likes"] for r in rows] == [1200, 1500, 20000, 1234]
    assert [r["reply_count"] for r in rows] == [2, 0, 0, 0]
    assert rows[0]["published_at"] == datetime.fromtimestamp(1650000000.5, timezone.utc)
    assert rows[2]["published_at"] is None and rows[2]["time_text"] == "1 year ago (edited)"
    assert rows[3]["source_line"] == 5          # the blank line 4 is skipped but counted
    assert rows[0]["author_channel"] == "UCaaaaaaaaaaaaaaaaaaaaaa"
    assert rows[0]["text"].startswith("둘이 진짜")


def test_ytcd_video_id_option_and_title(fixtures, tmp_path, read_all):
    path = tmp_path / "export.jsonl"
    shutil.copy(fixtures / "dQw4w9WgXcQ.jsonl", path)
    assert open_source(path).source_id == "file:export.jsonl"
    source = open_source(path, IngestOptions(video_id="XXXXXXXXXX1", title="송강 한소희 비하인드"))
    rows = read_all(source)
    assert {r["source_id"] for r in rows} == {"XXXXXXXXXX1"}
    assert {r["title"] for r in rows} == {"송강 한소희 비하인드"}


def test_data_api_single_pretty_response(fixtures, read_all):
    source = open_source(fixtures / "threads.json")
    assert (source.format, source.source_id) == ("ytapi", "aBcDeFgHiJ1")
    rows = read_all(source)
    assert [(r["comment_id"], r["parent_id"]) for r in rows] == [
        ("UgxT1", None), ("UgxT1.r1", "UgxT1"), ("UgxT2", None)]
    assert rows[0]["text"] == "송강 한소희 케미 최고"          # textOriginal preferred over HTML textDisplay
    assert rows[1]["text"] == "I agree & ship it\nso much"   # textDisplay HTML turned into text
    assert rows[0]["likes"] == 42 and rows[0]["reply_count"] == 1
    assert rows[0]["author_channel"] == "UCkfan"
    assert rows[1]["published_at"] == datetime(2023, 5, 1, 23, 0, tzinfo=timezone.utc)


def test_data_api_json_lines_and_array(fixtures, read_all):
    rows = read_all(open_source(fixtures / "pages.jsonl"))
    assert [(r["comment_id"], r["parent_id"], r["source_line"]) for r in rows] == [
        ("A1", None, 1), ("A1.b", "A1", 2)]
    assert {r["source_id"] for r in rows} == {"zZzZzZzZzZ1"}  # comments.list items carry no videoId
    rows = read_all(open_source(fixtures / "array.json"))
    assert [(r["comment_id"], r["likes"], r["source_line"]) for r in rows] == [("B1", 5, 1), ("B2", 7, 2)]


def test_csv_header_sniffing_multiline_and_duplicates(fixtures, read_all):
    source = open_source(fixtures / "comments.csv")
    assert source.columns == {"text": "Comment", "likes": "Likes", "time": "published_at", "author": "author"}
    rows = read_all(source)
    assert [r["text"] for r in rows] == [
        "They look so good together, honestly",
        'A quoted comment\nover two lines with "quotes"',
        "둘이 잘 어울려요",
        "They look so good together, honestly",
    ]
    assert [r["source_line"] for r in rows] == [2, 3, 5, 6]
    assert [r["likes"] for r in rows] == [12, 1200, 0, 3]
    # the same text twice gets two ids that differ only by the occurrence index
    assert rows[0]["comment_id"].endswith("-0") and rows[3]["comment_id"].endswith("-1")
    assert rows[0]["comment_id"][:-2] == rows[3]["comment_id"][:-2]
    assert rows[0]["platform"] == "file" and rows[0]["source_id"] == "file:comments.csv"
    assert rows[3]["published_at"] == datetime(2024, 3, 2, 15, 0, tzinfo=timezone.utc)


def test_csv_explicit_column_mapping(fixtures, read_all):
    rows = read_all(open_source(fixtures / "comments.csv", IngestOptions(text_col="comment_text", likes_col="Likes")))
    assert {r["text"] for r in rows} == {"ignored"}


def test_tsv_keeps_stray_quotes_and_unquotes_quoted_fields(fixtures, read_all):
    rows = read_all(open_source(fixtures / "news.tsv"))
    assert [r["text"] for r in rows] == ['"나는자연인이다"에 나가라', '그냥 "친구" 사이래', '"따옴표로 시작하는데 안 닫힘', "멀쩡한 줄"]
    assert rows[1]["title"] == '송강♥한소희 "열애설" 부인'
    assert [r["source_line"] for r in rows] == [2, 3, 4, 5]


def test_tsv_quoted_field_over_several_lines(tmp_path, read_all):
    path = tmp_path / "multi.tsv"
    path.write_text('comments\tnews_title\n"여러 줄\n걸친 ""인용"" 댓글"\t제목\n"열린 따옴표\t제목\n다음 줄\t제목\n', encoding="utf-8")
    rows = read_all(open_source(path))
    assert [(r["source_line"], r["text"]) for r in rows] == [
        (2, '여러 줄\n걸친 "인용" 댓글'), (4, '"열린 따옴표'), (5, "다음 줄")]


def test_generic_json_lines(fixtures, read_all):
    source = open_source(fixtures / "comments.jsonl")
    assert source.format == "jsonl"
    assert source.columns == {"text": "content", "title": "headline", "likes": "upvotes", "time": "created_at"}
    rows = read_all(source)
    assert [r["likes"] for r in rows] == [10, 2500, 0]
    assert rows[0]["published_at"] == datetime(2024, 2, 14, 9, 0, tzinfo=timezone.utc)
    assert rows[1]["published_at"] == datetime.fromtimestamp(1707900000, timezone.utc)
    assert rows[2]["published_at"] is None and rows[2]["time_text"] == "yesterday"
    assert rows[1]["title"] is None


def test_plain_text(fixtures, read_all):
    source = open_source(fixtures / "comments.txt", IngestOptions(title="송강♥한소희"))
    assert source.format == "text"
    rows = read_all(source)
    assert [(r["source_line"], r["text"]) for r in rows] == [
        (1, "둘이 사귀어라 제발"), (3, "They are so cute together"), (5, "케미 미쳤다 ㅋㅋㅋ"), (6, "둘이 사귀어라 제발")]
    assert {r["title"] for r in rows} == {"송강♥한소희"}
    assert rows[0]["comment_id"] != rows[3]["comment_id"]


@pytest.mark.parametrize("name", ["dQw4w9WgXcQ.jsonl", "threads.json", "comments.csv", "news.tsv", "comments.jsonl",
                                  "comments.txt"])
def test_batches_have_exactly_the_record_schema_and_respect_batch_size(fixtures, name):
    batches = list(open_source(fixtures / name, IngestOptions(batch_size=2)).batches())
    assert batches and all(b.schema == RECORD_SCHEMA for b in batches)
    assert all(b.num_rows <= 2 for b in batches)
    assert all(b.num_rows == 2 for b in batches[:-1])


def test_batch_size_bound_on_a_larger_file(tmp_path):
    path = tmp_path / "many.txt"
    path.write_text("".join(f"comment {i}\n" for i in range(2_345)), encoding="utf-8")
    sizes = [b.num_rows for b in open_source(path, IngestOptions(batch_size=500)).batches()]
    assert sizes == [500, 500, 500, 500, 345]


def test_ids_are_stable_across_reads_and_appends(fixtures, tmp_path, read_all):
    path = tmp_path / "grows.csv"
    shutil.copy(fixtures / "comments.csv", path)
    first = [r["comment_id"] for r in read_all(open_source(path))]
    again = [r["comment_id"] for r in read_all(open_source(path))]
    assert first == again and len(set(first)) == len(first)
    with open(path, "a", encoding="utf-8") as f:
        f.write('ignored,"They look so good together, honestly",1,,dave\nignored,새 댓글,0,,\n')
    appended = [r["comment_id"] for r in read_all(open_source(path))]
    assert appended[: len(first)] == first
    assert appended[len(first)] == first[0][:-2] + "-2"


def test_format_option_overrides_sniffing(fixtures, read_all):
    source = open_source(fixtures / "comments.csv", IngestOptions(format="text"))
    rows = read_all(source)
    assert rows[0]["text"] == "comment_text,Comment,Likes,published_at,author"
