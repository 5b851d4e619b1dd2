"""Reactions: a calibrated probability for every label of docs/reactions.md, and the labels that apply.

The stage only talks to the ``ReactionModel`` protocol; the v1 default is the lexicon model, and a trained model
is passed as ``Reactions(model=...)``. ``other`` is labelled exactly when no other label reaches its threshold.
"""
from __future__ import annotations

import numpy as np
import pyarrow as pa

from ..models.base import ReactionModel, default_reaction_model
from ..schema import LABELS, PROB_COLUMNS
from .base import Stage, column, with_columns

_OTHER = LABELS.index("other")


def _require(batch: pa.RecordBatch, names: tuple[str, ...], stage: str) -> None:
    missing = [n for n in names if batch.schema.get_field_index(n) < 0]
    if missing:
        raise ValueError(f"{stage} needs the columns {missing}; run the stages that provide them first")


def inputs(batch: pa.RecordBatch, stage: str) -> tuple[list[str], list[str | None], list[str]]:
    """The (texts, titles, langs) a model reads, with nulls made harmless."""
    _require(batch, ("text_norm", "title", "lang"), stage)
    texts = [t or "" for t in column(batch, "text_norm")]
    titles = column(batch, "title")
    langs = [lang or "und" for lang in column(batch, "lang")]
    return texts, titles, langs


def labels_from(probs: np.ndarray, thresholds: np.ndarray) -> list[list[str]]:
    """Labels at their thresholds; ``other`` iff nothing else passes."""
    passed = probs >= thresholds[None, :]
    passed[:, _OTHER] = False
    out = []
    for row in passed:
        idx = np.flatnonzero(row)
        out.append([LABELS[i] for i in idx] if idx.size else ["other"])
    return out


class Reactions(Stage):
    name = "reactions"
    requires = ("text_norm", "title", "lang")
    provides = (*PROB_COLUMNS, "labels")

    def __init__(self, model: ReactionModel | None = None):
        self.model = model
        self._loaded: ReactionModel | None = None

    def _model(self) -> ReactionModel:
        if self._loaded is None:
            self._loaded = self.model if self.model is not None else default_reaction_model()
            if tuple(self._loaded.labels) != LABELS:
                raise ValueError(f"reaction model {self._loaded.name!r} has labels {self._loaded.labels}, expected {LABELS}")
        return self._loaded

    def __call__(self, batch: pa.RecordBatch) -> pa.RecordBatch:
        texts, titles, langs = inputs(batch, self.name)
        model = self._model()
        if batch.num_rows:
            probs = np.asarray(model.predict_proba(texts, titles, langs), dtype=np.float32)
        else:
            probs = np.zeros((0, len(LABELS)), dtype=np.float32)
        values: dict = {col: pa.array(probs[:, i], type=pa.float32()) for i, col in enumerate(PROB_COLUMNS)}
        values["labels"] = labels_from(probs, np.asarray(model.thresholds, dtype=np.float32))
        return with_columns(batch, values)

    def __getstate__(self):
        # The default model is a per-process singleton: a pickled stage (Spark) loads its own on first call.
        state = dict(self.__dict__)
        state["_loaded"] = None
        return state

    def __repr__(self) -> str:
        return f"Reactions(model={self.model!r})" if self.model is not None else "Reactions()"
