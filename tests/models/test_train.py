"""Training on a small fixture: it runs, it is deterministic, and the result implements the protocols."""
from __future__ import annotations

import numpy as np

from shipwatch.models.base import ReactionModel, SentimentModel
from shipwatch.models.trained import bundle
from shipwatch.models.trained.model import Engine, TrainedReactionModel, TrainedSentimentModel
from shipwatch.schema import LABELS


def test_training_twice_gives_identical_bytes(tiny_model_dir, make_corpora, tmp_path):
    from shipwatch.models.train.fit import Config, train

    train(make_corpora(), tmp_path, Config(folds=2, gold_min_df=1, hate_min_df=1, polarity_min_df=1,
                                           polarity_vocab_every=1, spam_min_df=1))
    for name in (bundle.ARRAYS, bundle.META):
        assert (tmp_path / name).read_bytes() == (tiny_model_dir / name).read_bytes()


def test_trained_model_follows_the_protocols(tiny_model_dir):
    engine = Engine(tiny_model_dir)
    rm, sm = TrainedReactionModel(engine=engine), TrainedSentimentModel(engine=engine)
    assert isinstance(rm, ReactionModel) and isinstance(sm, SentimentModel)
    assert rm.labels == LABELS and rm.thresholds.shape == (len(LABELS),)
    texts = ["둘이 사귀어라 제발", "축하해요", "", "check out my channel http://x.co"]
    p = rm.predict_proba(texts, ["A 열애설", None, None, None], ["ko", "ko", "und", "en"])
    assert p.shape == (4, len(LABELS)) and p.dtype == np.float32
    assert ((p >= 0) & (p <= 1)).all()
    s = sm.predict(texts, [None] * 4, ["ko", "ko", "und", "en"])
    assert s.shape == (4,) and ((s >= -1) & (s <= 1)).all()


def test_the_tiny_model_learns_its_training_rows(tiny_model_dir):
    engine = Engine(tiny_model_dir)
    rm = TrainedReactionModel(engine=engine)
    p = rm.predict_proba(["축하해요 행복하세요", "누구세요?"], ["D 결혼", "A 열애설"], ["ko", "ko"])
    congrats = LABELS.index("congrats")
    assert p[0, congrats] > p[1, congrats]
