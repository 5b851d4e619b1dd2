"""The trained reaction and sentiment models (v2), shipped as plain arrays + JSON in ``weights/``.

See ``model`` for the architecture and ``shipwatch.models.train`` for how ``shipwatch train`` rebuilds them.
"""
from __future__ import annotations

from .model import DEFAULT_DIR, Engine, TrainedReactionModel, TrainedSentimentModel, shared_engine

__all__ = ["DEFAULT_DIR", "Engine", "TrainedReactionModel", "TrainedSentimentModel", "shared_engine"]
