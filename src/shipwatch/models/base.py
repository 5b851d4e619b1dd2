"""The interfaces every reaction and sentiment model implements, and the shipped defaults.

The stages in ``understand`` only talk to these protocols, so the v1 lexicon model and a trained model are
interchangeable. The defaults are the trained v2 models (``models.trained``, which beat v1 on the held-out
headlines); the v1 lexicon models stay available as ``models.lexicon.LexiconReactionModel`` /
``LexiconSentimentModel``. The defaults are created on first use and shared by the process (one load per Spark
worker); the reaction and sentiment defaults share one loaded engine.
"""
from __future__ import annotations

import threading
from typing import Protocol, Sequence, runtime_checkable

import numpy as np


@runtime_checkable
class ReactionModel(Protocol):
    name: str
    labels: tuple[str, ...]         # == schema.LABELS, in that order
    thresholds: np.ndarray          # per label: a label applies when its probability is >= its threshold

    def predict_proba(
        self, texts: Sequence[str], titles: Sequence[str | None], langs: Sequence[str]
    ) -> np.ndarray:
        """(n, len(labels)) float32 in [0, 1]; texts are normalized (``text_norm``), titles may be None."""
        ...

    def explain(
        self, text: str, title: str | None = None, lang: str | None = None
    ) -> dict[str, list[tuple[str, float]]]:
        """label -> [(phrase or feature, contribution)] for the labels the text has evidence for."""
        ...


@runtime_checkable
class SentimentModel(Protocol):
    name: str

    def predict(self, texts: Sequence[str], titles: Sequence[str | None], langs: Sequence[str]) -> np.ndarray:
        """(n,) float32 in [-1, 1]: negative .. positive toward the people or the pair."""
        ...


_lock = threading.Lock()
_reaction_model: ReactionModel | None = None
_sentiment_model: SentimentModel | None = None


def default_reaction_model() -> ReactionModel:
    """The shipped reaction model, loaded once per process."""
    global _reaction_model
    if _reaction_model is None:
        with _lock:
            if _reaction_model is None:
                from .trained import TrainedReactionModel
                _reaction_model = TrainedReactionModel()
    return _reaction_model


def default_sentiment_model() -> SentimentModel:
    """The shipped sentiment model, loaded once per process."""
    global _sentiment_model
    if _sentiment_model is None:
        with _lock:
            if _sentiment_model is None:
                from .trained import TrainedSentimentModel
                _sentiment_model = TrainedSentimentModel()
    return _sentiment_model
