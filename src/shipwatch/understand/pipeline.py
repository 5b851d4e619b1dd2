"""The default understanding pipeline: the per-comment stages in order, composed into one ``batch -> batch``.

Each stage is swappable: pass your own list to ``Pipeline`` (e.g. a trained reaction model in
``Reactions(model=...)``). The same ``Pipeline`` object runs in the local loop and, pickled, inside a Spark
``mapInArrow`` worker.
"""
from __future__ import annotations

from typing import Iterable, Sequence

import pyarrow as pa

from ..schema import COMMENT_SCHEMA, conform
from .base import Stage
from .language import Language
from .moments import Moments
from .normalize import Normalize
from .people import People
from .reactions import Reactions
from .sentiment import Sentiment


def default_stages(pair: Sequence[str] | None = None, registry=None, reaction_model=None,
                   sentiment_model=None) -> list[Stage]:
    return [
        Normalize(),
        Language(),
        Moments(),
        People(pair=tuple(pair) if pair else None, registry=registry),
        Reactions(model=reaction_model),
        Sentiment(model=sentiment_model),
    ]


class Pipeline:
    def __init__(self, stages: Iterable[Stage] | None = None):
        self.stages = list(stages) if stages is not None else default_stages()

    def __call__(self, batch: pa.RecordBatch) -> pa.RecordBatch:
        n = batch.num_rows
        for stage in self.stages:
            batch = stage(batch)
            if batch.num_rows != n:
                raise RuntimeError(f"stage {stage!r} changed the row count from {n} to {batch.num_rows}")
        return conform(batch, COMMENT_SCHEMA)

    def __repr__(self) -> str:
        return f"Pipeline({[s.name for s in self.stages]})"
