"""The DuckDB store: idempotent upserts, per-batch transactions, runs, clear errors."""
import duckdb
import pytest

from shipwatch.errors import StoreError
from shipwatch.schema import COMMENT_SCHEMA, conform, record_batch
from shipwatch.store import Store


def _batch(ids, likes=0, text="hello", source="vid00000001"):
    rows = [{"platform": "youtube", "source_id": source, "comment_id": str(i), "text": text, "likes": likes,
             "source_line": n + 1} for n, i in enumerate(ids)]
    return conform(record_batch(rows), COMMENT_SCHEMA)


def test_reingest_adds_nothing_twice_and_updates_likes(tmp_path):
    db = tmp_path / "s.duckdb"
    with Store(db) as s:
        s.upsert(_batch(range(10), likes=1))
        s.upsert(_batch(range(10), likes=7))
        assert s.count() == 10
        assert s.query("SELECT DISTINCT likes FROM comments") == [(7,)]
    with Store(db) as s:   # persisted
        s.upsert(_batch(range(5, 15), likes=2))
        assert s.count() == 15


def test_duplicate_key_within_a_batch_keeps_the_last_copy(tmp_path):
    with Store(tmp_path / "s.duckdb") as s:
        rows = [{"platform": "youtube", "source_id": "v", "comment_id": "a", "text": "old", "likes": 1, "source_line": 1},
                {"platform": "youtube", "source_id": "v", "comment_id": "a", "text": "new", "likes": 5, "source_line": 2}]
        s.upsert(conform(record_batch(rows), COMMENT_SCHEMA))
        assert s.query("SELECT text, likes FROM comments") == [("new", 5)]


def test_a_failing_batch_leaves_nothing_behind(tmp_path):
    with Store(tmp_path / "s.duckdb") as s:
        s.upsert(_batch(range(3)))
        bad = _batch(range(3, 6))
        # NOT NULL text violated -> the whole batch rolls back, earlier batches stay.
        bad = bad.set_column(bad.schema.get_field_index("text"), COMMENT_SCHEMA.field("text").with_nullable(True),
                             __import__("pyarrow").nulls(3, type=__import__("pyarrow").string()))
        with pytest.raises(duckdb.Error):
            s.upsert(bad)
        assert s.count() == 3


def test_runs_record_progress(tmp_path):
    with Store(tmp_path / "s.duckdb") as s:
        run = s.start_run("x.jsonl", "youtube", "vid00000001", "{}")
        s.upsert(_batch(range(4)), run)
        s.upsert(_batch(range(4, 6)), run)
        s.finish_run(run, 6, 1)
        (r,) = s.runs()
        assert (r["status"], r["batches"], r["n_read"], r["n_rejected"], r["last_line"]) == ("done", 2, 6, 1, 4)


def test_table_filters_sources_and_hides_authors(tmp_path):
    with Store(tmp_path / "s.duckdb") as s:
        s.upsert(_batch(range(3), source="aaaaaaaaaaa"))
        s.upsert(_batch(range(2), source="bbbbbbbbbbb"))
        t = s.table([("youtube", "bbbbbbbbbbb")], include_authors=False)
        assert t.num_rows == 2 and "author" not in t.column_names


def test_a_file_that_is_not_a_store_gives_a_clear_error(tmp_path):
    p = tmp_path / "notadb.duckdb"
    p.write_bytes(b"this is not a duckdb file at all" * 100)
    with pytest.raises(StoreError, match="--db"):
        Store(p)
