"""One comment as the readers produce it, and the bounded batches they are packed into.

Readers yield ``Row`` tuples (field order = ``RECORD_SCHEMA``); ``BatchBuilder`` packs them column-wise, which is
several times faster than building dicts and keeps memory bounded by ``batch_size``.
"""
from __future__ import annotations

import hashlib
from typing import NamedTuple

import pyarrow as pa

from ..schema import RECORD_FIELDS, RECORD_SCHEMA


class Row(NamedTuple):
    platform: str
    source_id: str
    comment_id: str
    parent_id: str | None
    author: str | None
    author_channel: str | None
    text: str
    likes: int
    reply_count: int
    published_at: int | None   # UTC microseconds since the epoch
    time_text: str | None
    title: str | None
    source_line: int | None


assert Row._fields == tuple(f.name for f in RECORD_FIELDS), "Row must follow RECORD_SCHEMA"


class BatchBuilder:
    """Collects rows and turns them into ``RECORD_SCHEMA`` record batches of at most ``batch_size`` rows."""

    def __init__(self, batch_size: int):
        if batch_size < 1:
            raise ValueError("batch_size must be at least 1")
        self.batch_size = batch_size
        self.rows: list[Row] = []

    def add(self, row: Row) -> pa.RecordBatch | None:
        """Add a row; returns a full batch when one is ready."""
        self.rows.append(row)
        if len(self.rows) >= self.batch_size:
            return self.flush()
        return None

    def flush(self) -> pa.RecordBatch | None:
        if not self.rows:
            return None
        columns = list(zip(*self.rows))
        self.rows = []
        arrays = [pa.array(col, type=field.type) for col, field in zip(columns, RECORD_FIELDS)]
        return pa.RecordBatch.from_arrays(arrays, schema=RECORD_SCHEMA)


class StableIds:
    """Comment ids for sources that have none: ``sha1(title \\x1f text)[:16]-<n>``, n = how many times that same
    (title, text) pair came earlier in the file. Re-reading the file, or reading it after lines were appended,
    gives every earlier comment the same id, so the store's upsert adds nothing twice.

    Memory: one small dict entry per distinct (title, text) pair (about 100 bytes each).
    """

    def __init__(self):
        self._seen: dict[bytes, int] = {}

    def __call__(self, title: str | None, text: str) -> str:
        digest = hashlib.sha1(f"{title or ''}\x1f{text}".encode("utf-8", "surrogatepass")).digest()[:8]
        n = self._seen.get(digest, 0)
        self._seen[digest] = n + 1
        return f"{digest.hex()}-{n}"
