"""``shipwatch train``: rebuild every shipped model from ``../shared/data`` and the committed labels.

``run`` reads the corpora (``corpora``), fits the heads (``fit``) and writes the bundle that
``shipwatch.models.trained`` loads; it also refits the people stage's target selector (``train_targets``) on the
train split of the committed labels. Same inputs, same bytes: vocabulary and rows are sorted, folds and solvers
are seeded, BLAS runs on one thread.
"""
from __future__ import annotations

import tempfile
from pathlib import Path

from ..trained.model import DEFAULT_DIR
from . import corpora
from .fit import Config, train


def run(data_dir: str | Path, labels_dir: str | Path, written_dir: str | Path,
        out_dir: str | Path = DEFAULT_DIR, config: Config = Config()) -> dict:
    """Read everything, fit everything, write ``out_dir``; returns the training report."""
    report = train(corpora.load(data_dir, labels_dir, written_dir, hate_prior=config.hate_prior,
                              reviews=config.embedding_dim > 0, hate_crossfit=config.hate_crossfit),
                   out_dir, config)
    # The selector ships with the people registry (people/targets.json); a model folder of one's own gets its own.
    targets_out = None if Path(out_dir) == Path(DEFAULT_DIR) else Path(out_dir) / "targets.json"
    report["targets"] = train_selector(data_dir, labels_dir, targets_out)
    return report


def train_selector(data_dir: str | Path, labels_dir: str | Path, out_json: str | Path | None = None) -> dict:
    """Refit the target selector on the train split (by headline) of the committed labels; held-out rows never
    reach it. ``out_json`` None writes the shipped ``people/targets.json``."""
    from ...gold import build as build_gold
    from ...people.targets import train_targets

    with tempfile.TemporaryDirectory() as tmp:
        build_gold(labels_dir, data_dir, tmp)
        return train_targets(Path(tmp) / "train.jsonl", out_json, source="gold/labels (train split)")


__all__ = ["Config", "run", "train", "train_selector"]
