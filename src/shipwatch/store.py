"""DuckDB store: the comments table, idempotent upserts, runs, and the queries aggregate needs.

Comments are keyed by (platform, source_id, comment_id). Each batch is written in its own transaction, so a run
killed at any moment leaves every committed batch whole and nothing of the batch in flight; re-running the same
input upserts (likes, replies and analysis columns are refreshed, nothing is added twice), which completes an
interrupted run.
"""
from __future__ import annotations

import datetime as dt
import uuid
from pathlib import Path
from typing import Iterable, Sequence

import duckdb
import pyarrow as pa

from .errors import StoreError
from .schema import COMMENT_SCHEMA

KEY = ("platform", "source_id", "comment_id")

_DUCK_TYPES = {
    pa.string(): "VARCHAR",
    pa.int64(): "BIGINT",
    pa.int32(): "INTEGER",
    pa.float32(): "REAL",
    pa.bool_(): "BOOLEAN",
    pa.list_(pa.string()): "VARCHAR[]",
    pa.list_(pa.int32()): "INTEGER[]",
}


def _duck_type(t: pa.DataType) -> str:
    if pa.types.is_timestamp(t):
        return "TIMESTAMPTZ"
    return _DUCK_TYPES[t]


def _ddl() -> str:
    cols = [f'"{f.name}" {_duck_type(f.type)}' + (" NOT NULL" if not f.nullable else "") for f in COMMENT_SCHEMA]
    cols += ['"first_seen" TIMESTAMPTZ', '"last_seen" TIMESTAMPTZ', '"run_id" VARCHAR']
    return f"CREATE TABLE IF NOT EXISTS comments ({', '.join(cols)}, PRIMARY KEY ({', '.join(KEY)}))"


_RUNS_DDL = """
CREATE TABLE IF NOT EXISTS runs (
    run_id VARCHAR PRIMARY KEY, source VARCHAR, platform VARCHAR, source_id VARCHAR,
    started_at TIMESTAMPTZ, finished_at TIMESTAMPTZ, status VARCHAR,
    n_read BIGINT, n_rejected BIGINT, batches BIGINT, last_line BIGINT, model VARCHAR
)"""


class Store:
    """A DuckDB file (or ``":memory:"``) holding every comment ever analysed.

    ``memory_limit`` caps DuckDB's buffer cache: its pages otherwise stay resident up to the limit, which is what
    made a run's peak memory grow with the size of the store; past the cap DuckDB spills to its temp folder.
    128 MB cost no measurable speed on 300k comments (bench/throughput.py).
    """

    def __init__(self, path: str | Path = "shipwatch.duckdb", memory_limit: str = "128MB", threads: int = 2):
        self.path = str(path)
        try:
            if self.path != ":memory:":
                Path(self.path).parent.mkdir(parents=True, exist_ok=True)
            self.con = duckdb.connect(self.path, config={"memory_limit": memory_limit, "threads": threads,
                                                         "preserve_insertion_order": False})
        except duckdb.IOException as e:
            msg = str(e).splitlines()[0]
            raise StoreError(f"{self.path}: cannot open the store ({msg}); close the other process using it, "
                             f"or pass --db with another path") from None
        except duckdb.Error as e:
            msg = str(e).splitlines()[0]
            raise StoreError(f"{self.path}: not a usable DuckDB store ({msg}); pass --db with a new path") from None
        self.con.execute(_ddl())
        self.con.execute(_RUNS_DDL)
        self._columns = [f.name for f in COMMENT_SCHEMA]

    def close(self) -> None:
        self.con.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    # --- runs ------------------------------------------------------------------------------------------------

    def start_run(self, source: str, platform: str, source_id: str, model: str) -> str:
        run_id = uuid.uuid4().hex[:12]
        self.con.execute(
            "INSERT INTO runs VALUES (?, ?, ?, ?, ?, NULL, 'running', 0, 0, 0, 0, ?)",
            [run_id, source, platform, source_id, _now(), model])
        return run_id

    def finish_run(self, run_id: str, n_read: int, n_rejected: int, status: str = "done") -> None:
        self.con.execute("UPDATE runs SET finished_at = ?, status = ?, n_read = ?, n_rejected = ? WHERE run_id = ?",
                         [_now(), status, n_read, n_rejected, run_id])

    def runs(self) -> list[dict]:
        cur = self.con.execute("SELECT * FROM runs ORDER BY started_at")
        names = [d[0] for d in cur.description]
        return [dict(zip(names, row)) for row in cur.fetchall()]

    # --- writes ----------------------------------------------------------------------------------------------

    def upsert(self, batch: pa.RecordBatch, run_id: str | None = None) -> None:
        """Insert or refresh one analysed batch, atomically."""
        if batch.num_rows == 0:
            return
        now = _now()
        cols = ", ".join(f'"{c}"' for c in self._columns)
        update = ", ".join(f'"{c}" = excluded."{c}"' for c in self._columns if c not in KEY)
        self.con.register("_incoming", batch)
        try:
            self.con.execute("BEGIN TRANSACTION")
            # A batch may repeat a key (a comment listed twice in one export): the last copy wins.
            self.con.execute(
                f"INSERT INTO comments ({cols}, first_seen, last_seen, run_id) "
                f"SELECT {cols}, ?, ?, ? FROM _incoming "
                f"QUALIFY row_number() OVER (PARTITION BY {', '.join(KEY)} ORDER BY source_line DESC NULLS LAST) = 1 "
                f"ON CONFLICT ({', '.join(KEY)}) DO UPDATE SET {update}, last_seen = excluded.last_seen, "
                f"run_id = excluded.run_id",
                [now, now, run_id])
            if run_id is not None:
                self.con.execute(
                    "UPDATE runs SET batches = batches + 1, n_read = n_read + ?, "
                    "last_line = greatest(last_line, ?) WHERE run_id = ?",
                    [batch.num_rows, _max_line(batch), run_id])
            self.con.execute("COMMIT")
        except BaseException:
            try:
                self.con.execute("ROLLBACK")
            except duckdb.Error:
                pass
            raise
        finally:
            self.con.unregister("_incoming")

    # --- reads -----------------------------------------------------------------------------------------------

    def count(self, sources: Sequence[tuple[str, str]] | None = None) -> int:
        where, params = source_filter(sources)
        return self.con.execute(f"SELECT count(*) FROM comments WHERE {where}", params).fetchall()[0][0]

    def table(self, sources: Sequence[tuple[str, str]] | None = None, columns: Iterable[str] | None = None,
              include_authors: bool = True) -> pa.Table:
        cols = list(columns) if columns else self._columns
        if not include_authors:
            cols = [c for c in cols if c not in ("author", "author_channel")]
        where, params = source_filter(sources)
        sel = ", ".join(f'"{c}"' for c in cols)
        return self.con.sql(
            f"SELECT {sel} FROM comments WHERE {where} ORDER BY platform, source_id, source_line, comment_id",
            params=params).to_arrow_table()

    def query(self, sql: str, params: Sequence | None = None) -> list[tuple]:
        return self.con.execute(sql, list(params or [])).fetchall()


def source_filter(sources: Sequence[tuple[str, str]] | None) -> tuple[str, list]:
    """A WHERE clause restricting to the given (platform, source_id) pairs (all when None)."""
    if not sources:
        return "TRUE", []
    parts = " OR ".join("(platform = ? AND source_id = ?)" for _ in sources)
    params = [v for pair in sources for v in pair]
    return f"({parts})", params


def _max_line(batch: pa.RecordBatch) -> int:
    import pyarrow.compute as pc

    m = pc.max(batch.column(batch.schema.get_field_index("source_line"))).as_py()
    return int(m or 0)


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)
