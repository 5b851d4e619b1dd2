"""``shipwatch train``: rebuild every shipped model from ``../shared/data`` and the committed labels.

``run`` reads the corpora (``corpora``), fits the heads (``fit``) and writes the bundle that
``shipwatch.models.trained`` loads. Same inputs, same bytes: vocabulary and rows are sorted, folds and solvers
are seeded, BLAS runs on one thread.
"""
from __future__ import annotations

from pathlib import Path

from ..trained.model import DEFAULT_DIR
from . import corpora
from .fit import Config, train


def run(data_dir: str | Path, labels_dir: str | Path, written_dir: str | Path,
        out_dir: str | Path = DEFAULT_DIR, config: Config = Config()) -> dict:
    """Read everything, fit everything, write ``out_dir``; returns the training report."""
    return train(corpora.load(data_dir, labels_dir, written_dir, kmhas=config.hate_kmhas), out_dir, config)


__all__ = ["Config", "run", "train"]
