import json

import pytest

from shipwatch.errors import InputError, UsageError
from shipwatch.ingest import IngestOptions, open_source

GOOD = '{"cid": "c%d", "text": "댓글 %d", "votes": "%d", "time": "1 day ago"}'


def ytcd_lines(n, bad=None):
    lines = [GOOD % (i, i, i) for i in range(1, n + 1)]
    for line_no, text in (bad or {}).items():
        lines[line_no - 1] = text
    return "\n".join(lines) + "\n"


def error_of(path, options=None) -> InputError:
    with pytest.raises(InputError) as e:
        open_source(path, options).validate()
    return e.value


def test_truncated_json_line_names_file_line_problem_and_fix(tmp_path):
    path = tmp_path / "comments.jsonl"
    path.write_text(ytcd_lines(20, {17: '{"cid": "c17", "text": "잘려버린 댓글", "votes": "3"'}), encoding="utf-8")
    err = error_of(path)
    assert err.line == 17
    assert str(err) == (f"{path}:17: truncated JSON (Expecting ',' delimiter); fix or delete the line, "
                        "or pass --skip-bad to skip bad lines")


@pytest.mark.parametrize("bad,problem", [
    ('{"cid": "x", "text": "hi", "votes": "lots"}', "likes ('votes') 'lots' is not a number"),
    ('{"cid": "x", "votes": "1"}', "no comment text ('text')"),
    ('{"cid": "x", "text": 5}', "'text' is not a string"),
    ('["not", "an", "object"]', "expected a JSON object, found list"),
])
def test_invalid_json_types(tmp_path, bad, problem):
    path = tmp_path / "comments.jsonl"
    path.write_text(ytcd_lines(3, {2: bad}), encoding="utf-8")
    err = error_of(path)
    assert err.line == 2 and err.problem == problem


def test_generic_jsonl_bad_likes_and_missing_text(tmp_path):
    path = tmp_path / "c.jsonl"
    path.write_text('{"comment": "ok", "likes": 1}\n{"comment": "x", "likes": true}\n{"likes": 3}\n', encoding="utf-8")
    err = error_of(path)
    assert err.line == 2 and "likes ('likes') is true/false" in err.problem
    source = open_source(path, IngestOptions(skip_bad=True, reject_path=str(tmp_path / "rej.jsonl")))
    assert sum(b.num_rows for b in source.batches()) == 1
    assert [json.loads(l)["line"] for l in open(tmp_path / "rej.jsonl", encoding="utf-8")] == [2, 3]


def test_missing_mapped_column(tmp_path):
    path = tmp_path / "c.csv"
    path.write_text("a,b,c\n1,2,3\n", encoding="utf-8")
    err = error_of(path, IngestOptions(text_col="comments"))
    assert str(err) == f"{path}:1: no column 'comments' in header (found: a, b, c); pass --text-col NAME"
    err = error_of(path, IngestOptions(format="csv"))
    assert "no comment text column in header (found: a, b, c)" in str(err) and "--text-col" in str(err)
    path.write_text("comment,b\nhi,2\n", encoding="utf-8")
    assert "pass --likes-col NAME" in str(error_of(path, IngestOptions(likes_col="likes")))


def test_binary_garbage(tmp_path):
    path = tmp_path / "image.csv"
    path.write_bytes(bytes(range(256)) * 50)
    err = error_of(path)
    assert err.line is None and "not a text file" in err.problem


def test_nul_bytes_in_a_later_line(tmp_path):
    path = tmp_path / "c.txt"
    path.write_bytes(b"fine\n" * 20_000 + b"bin\x00ary\n" + b"fine\n")   # past the detection sample
    err = error_of(path)
    assert err.line == 20_001 and "NUL" in err.problem


def test_empty_and_blank_files(tmp_path):
    for content in (b"", b"\n\n  \n"):
        path = tmp_path / "empty.jsonl"
        path.write_bytes(content)
        err = error_of(path)
        assert err.line is None and err.problem == "the file is empty"


def test_missing_file_and_directory(tmp_path):
    err = error_of(tmp_path / "nope.csv")
    assert "no such file" in str(err) and "nope.csv" in str(err)
    assert "is a directory" in str(error_of(tmp_path))
    assert "not a YouTube video URL" in str(error_of("https://example.com/watch"))


def test_line_over_max_line_bytes(tmp_path):
    path = tmp_path / "c.txt"
    path.write_text("short\n" + "x" * 5_000 + "\nafter\n", encoding="utf-8")
    err = error_of(path, IngestOptions(max_line_bytes=1_000))
    assert err.line == 2 and "longer than 1,000 bytes" in err.problem
    source = open_source(path, IngestOptions(max_line_bytes=1_000, skip_bad=True,
                                             reject_path=str(tmp_path / "r.jsonl")))
    rows = [r for b in source.batches() for r in b.to_pylist()]
    assert [(r["source_line"], r["text"]) for r in rows] == [(1, "short"), (3, "after")]


def test_skip_bad_writes_side_file_in_current_dir(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "in" / "comments.jsonl"
    path.parent.mkdir()
    path.write_text(ytcd_lines(6, {2: '{"cid": "c2", "text": "잘림', 5: '{"cid": "c5", "text": "x", "votes": "?"}'}),
                    encoding="utf-8")
    source = open_source(path, IngestOptions(skip_bad=True))
    source.validate()   # with skip_bad the validating pass does not stop, and writes nothing
    assert not (tmp_path / "comments.jsonl.rejected.jsonl").exists()
    rows = [r for b in source.batches() for r in b.to_pylist()]
    assert [r["comment_id"] for r in rows] == ["c1", "c3", "c4", "c6"]
    reject = tmp_path / "comments.jsonl.rejected.jsonl"
    assert source.stats == {"read": 4, "rejected": 2, "reject_path": str(reject)}
    rejected = [json.loads(l) for l in reject.read_text(encoding="utf-8").splitlines()]
    assert [r["line"] for r in rejected] == [2, 5]
    assert rejected[0]["problem"].startswith("truncated JSON") and rejected[0]["raw"].startswith('{"cid": "c2"')
    assert "not a number" in rejected[1]["problem"]


def test_bad_api_response_in_a_file(tmp_path):
    path = tmp_path / "api.jsonl"
    path.write_text('{"kind": "youtube#commentThreadListResponse", "items": []}\n'
                    '{"error": {"code": 403, "message": "quota"}}\n', encoding="utf-8")
    err = error_of(path)
    assert err.line == 2 and "an API error response" in err.problem


def test_bad_options():
    with pytest.raises(UsageError):
        open_source("x.csv", IngestOptions(format="xml"))
    with pytest.raises(UsageError):
        open_source("x.csv", IngestOptions(batch_size=0))
