"""In-memory sources for notebook users: a pandas DataFrame, an Arrow table, or a list of strings / dicts.

Columns are mapped exactly as for files (the same options and header names), so ``analyze(df)`` and
``shipwatch analyze file.csv`` read the same columns the same way.
"""
from __future__ import annotations

import hashlib
from typing import Callable, Iterator

import pyarrow as pa

from ..errors import InputError
from .lines import Bad
from .rows import Row
from .source import IngestOptions, Source, pack
from .table import map_columns, records_to_rows


def is_frame(obj) -> bool:
    if isinstance(obj, (pa.Table, pa.RecordBatch)):
        return True
    if isinstance(obj, (list, tuple)) and all(isinstance(x, (str, dict)) for x in obj):
        return True
    return type(obj).__name__ == "DataFrame" and hasattr(obj, "to_dict")


def _columns_and_records(obj) -> tuple[list[str], int, Callable[[], Iterator[dict]]]:
    """Column names, row count, and a factory of record dicts (read twice: validate, then batches)."""
    if isinstance(obj, pa.RecordBatch):
        obj = pa.Table.from_batches([obj])
    if isinstance(obj, pa.Table):
        return obj.column_names, obj.num_rows, lambda: (r for b in obj.to_batches(10_000) for r in b.to_pylist())
    if isinstance(obj, (list, tuple)):
        rows = [{"text": x} if isinstance(x, str) else x for x in obj]
        names = list(dict.fromkeys(k for r in rows for k in r))
        return names, len(rows), lambda: iter(rows)
    # pandas: object columns may mix types (likes as "1.2K" and 3), so go through records, not Arrow;
    # missing values (NaN/NA) become None.
    frame = obj.astype(object).where(obj.notna(), None)
    return [str(c) for c in frame.columns], len(frame), lambda: iter(frame.to_dict(orient="records"))


class FrameSource(Source):
    platform = "frame"
    format = "frame"

    def __init__(self, obj, options: IngestOptions):
        super().__init__(options)
        header, self.n_rows, self._records_of = _columns_and_records(obj)
        header = [str(c) for c in header]
        # The same columns and row count give the same source id: analysing a DataFrame twice into one store
        # adds nothing (comment ids come from the id column or the text, as for files).
        digest = hashlib.sha1("\x1f".join(header + [str(self.n_rows)]).encode("utf-8"))
        self.source_id = f"frame:{digest.hexdigest()[:12]}"
        self.columns = map_columns(header, options, lambda problem, fix: InputError("<frame>", None, problem, fix))

    def describe(self) -> str:
        return f"in-memory table of {self.n_rows} rows; columns " + ", ".join(
            f"{role}={col}" for role, col in self.columns.items())

    def _records(self) -> Iterator[tuple[int, dict, str]]:
        for n, rec in enumerate(self._records_of(), start=1):
            yield n, rec, ""

    def validate(self) -> None:
        for item in records_to_rows(self._records(), self.columns, self.options, self.platform, self.source_id):
            if isinstance(item, Bad) and not self.options.skip_bad:
                raise InputError("<frame>", item.line, item.problem, "fix that row, or pass skip_bad=True")

    def batches(self) -> Iterator[pa.RecordBatch]:
        self.stats = {"read": 0, "rejected": 0, "reject_path": None}
        rows = records_to_rows(self._records(), self.columns, self.options, self.platform, self.source_id)
        # validate() already refused bad rows unless skip_bad: here they are only counted.
        yield from pack(rows, self.options.batch_size, self.stats, lambda bad: None)


def open_frame(obj, options: IngestOptions | None = None) -> FrameSource:
    return FrameSource(obj, options or IngestOptions())


__all__ = ["FrameSource", "is_frame", "open_frame", "Row"]
