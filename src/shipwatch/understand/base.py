"""The contract every per-comment stage follows.

A stage is a callable ``batch -> batch``: it reads the columns named in ``requires``, appends (or replaces)
the columns named in ``provides`` and never drops or reorders rows. Constructors only store parameters;
anything expensive (models, registries) is loaded lazily on first call and kept on the instance, so a stage
pickles cheaply into a Spark ``mapInArrow`` worker and loads once per process there.
"""
from __future__ import annotations

from typing import Iterable, Mapping

import pyarrow as pa

from ..schema import COMMENT_SCHEMA


class Stage:
    name: str = "stage"
    requires: tuple[str, ...] = ()
    provides: tuple[str, ...] = ()

    def __call__(self, batch: pa.RecordBatch) -> pa.RecordBatch:  # pragma: no cover - abstract
        raise NotImplementedError

    def __repr__(self) -> str:
        return f"{type(self).__name__}()"


def column(batch: pa.RecordBatch, name: str) -> list:
    """A column as a Python list (stages that loop in Python use this)."""
    return batch.column(batch.schema.get_field_index(name)).to_pylist()


def with_columns(batch: pa.RecordBatch, values: Mapping[str, Iterable | pa.Array]) -> pa.RecordBatch:
    """Append or replace columns, typed by COMMENT_SCHEMA."""
    out = batch
    for name, vals in values.items():
        field = COMMENT_SCHEMA.field(name)
        arr = vals if isinstance(vals, pa.Array) else pa.array(list(vals), type=field.type)
        if arr.type != field.type:
            arr = arr.cast(field.type)
        idx = out.schema.get_field_index(name)
        if idx >= 0:
            out = out.set_column(idx, field, arr)
        else:
            out = out.append_column(field, arr)
    return out
