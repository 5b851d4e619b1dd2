"""Sentiment: -1 (very negative) .. 1 (very positive) toward the people or the pair.

The stage only talks to the ``SentimentModel`` protocol; the v1 default is the lexicon model.
"""
from __future__ import annotations

import numpy as np
import pyarrow as pa

from ..models.base import SentimentModel, default_sentiment_model
from .base import Stage, with_columns
from .reactions import inputs


class Sentiment(Stage):
    name = "sentiment"
    requires = ("text_norm", "title", "lang")
    provides = ("sentiment",)

    def __init__(self, model: SentimentModel | None = None):
        self.model = model
        self._loaded: SentimentModel | None = None

    def _model(self) -> SentimentModel:
        if self._loaded is None:
            self._loaded = self.model if self.model is not None else default_sentiment_model()
        return self._loaded

    def __call__(self, batch: pa.RecordBatch) -> pa.RecordBatch:
        texts, titles, langs = inputs(batch, self.name)
        scores = self._model().predict(texts, titles, langs) if batch.num_rows else np.zeros(0, np.float32)
        scores = np.clip(np.asarray(scores, dtype=np.float32), -1.0, 1.0)
        return with_columns(batch, {"sentiment": pa.array(scores, type=pa.float32())})

    def __getstate__(self):
        state = dict(self.__dict__)
        state["_loaded"] = None
        return state

    def __repr__(self) -> str:
        return f"Sentiment(model={self.model!r})" if self.model is not None else "Sentiment()"
