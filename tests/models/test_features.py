"""The featurizer: training and inference see the same features with the same values."""
from __future__ import annotations

import numpy as np

from shipwatch.models.trained.features import (Featurizer, comment_features, csr_layout, segment_scores,
                                               sparse_matrix, title_features)


def test_comment_features_cover_ngrams_words_and_context():
    feats = comment_features("사귀어라 please", "mixed")
    assert "사귀" in feats and "사귀어라" in feats and " 사귀" in feats
    assert "\x01wplease" in feats and "\x01b사귀어라 please" in feats
    assert "\x01lmixed" in feats
    assert all(len(f) <= 4 for f in feats if not f.startswith("\x01"))


def test_title_features_are_namespaced_bigrams():
    assert title_features("열애 인정") == ["\x01t열애", "\x01t애 ", "\x01t 인", "\x01t인정"]
    assert title_features(None) == []


def test_ids_match_strings_and_skip_unknown():
    vocab = sorted({"사귀", "\x01wplease", "zz-not-in-text"})
    f = Featurizer(vocab)
    ids = f.comment_ids("사귀어라 please", "ko")
    assert sorted(f.vocab[i] for i in ids) == ["\x01wplease", "사귀"]


def test_segment_scores_equal_the_training_matrix():
    texts = ["둘이 사귀어라", "", "just date already", "ㅋㅋㅋ"]
    langs = ["ko", "und", "en", "und"]
    vocab = sorted({f for t, lang in zip(texts, langs) for f in comment_features(t, lang)})
    f = Featurizer(vocab)
    w = np.random.default_rng(0).normal(size=(len(vocab), 3)).astype(np.float32)
    ids, offsets = f.batch(texts, langs)
    fast = segment_scores(w, ids, offsets, chunk=3)
    slow = sparse_matrix(f, texts, langs) @ w.astype(np.float64)
    assert np.allclose(fast, slow, atol=1e-5)
    assert csr_layout([[1, 2], [], [3]])[1].tolist() == [0, 2, 2, 3]
