"""The featurizer: training and inference see the same features with the same values."""
from __future__ import annotations

import numpy as np

from shipwatch.models.trained.features import (Embedding, Featurizer, comment_features, csr_layout,
                                               segment_scores, sparse_matrix, title_features)


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


def test_embedding_is_the_unit_mean_of_the_comment_word_vectors():
    texts = ["둘이 사귀어라 사귀어라", "ㅋㅋ", "", "just date"]
    langs = ["ko", "und", "und", "en"]
    vocab = sorted({f for t, lang in zip(texts, langs) for f in comment_features(t, lang)})
    f = Featurizer(vocab)
    words = [i for i, v in enumerate(vocab) if v.startswith("\x01w") and v != "\x01wㅋㅋ"]
    vectors = np.random.default_rng(0).normal(size=(len(words), 4)).astype(np.float16)
    emb = Embedding(len(vocab), np.array(words), vectors)(*f.batch(texts, langs))
    row = {vocab[i][2:]: vectors[k].astype(np.float32) for k, i in enumerate(words)}
    expect = row["둘이"] + 2 * row["사귀어라"]
    assert np.allclose(emb[0], expect / np.linalg.norm(expect), atol=1e-5)
    assert not emb[1].any() and not emb[2].any()        # no word with a vector: a zero vector, not NaN
    expect = row["just"] + row["date"]
    assert np.allclose(emb[3], expect / np.linalg.norm(expect), atol=1e-5)


def test_morpheme_table_adds_the_morphemes_of_known_words():
    vocab = sorted({"\x01m사귀/V", "\x01m어라/E", "\x01wplease"})
    f = Featurizer(vocab, {"사귀어라": ["\x01m사귀/V", "\x01m어라/E"], "사귀는": ["\x01m사귀/V", "\x01mgone/E"]})
    names = lambda text: sorted(f.vocab[i] for i in f.comment_ids(text, "ko"))  # noqa: E731
    assert names("사귀어라 please") == ["\x01m사귀/V", "\x01m어라/E", "\x01wplease"]
    assert names("사귀는 사귀는") == ["\x01m사귀/V", "\x01m사귀/V"]      # features outside the vocabulary drop
    assert names("모르는 말") == []


def test_rumour_headlines_add_the_comment_words_as_a_group_of_their_own():
    from shipwatch.models.trained.features import RUMOUR, rumour_features, rumour_title

    assert rumour_title("현빈·손예진, 열애설 부인") and rumour_title("Are they dating? Agency denies")
    assert not rumour_title("현빈·손예진, 결혼 발표") and not rumour_title(None)
    assert rumour_features("부인해도 사귀네") == [RUMOUR + "부인해도", RUMOUR + "사귀네", RUMOUR + "부인해도 사귀네"]
    vocab = sorted(set(comment_features("사귀네", "ko")) | {RUMOUR + "사귀네"})
    f = Featurizer(vocab)
    m = sparse_matrix(f, ["사귀네", "사귀네"], ["ko", "ko"], ["열애설 부인", "결혼 발표"]).toarray()
    r = f.index[RUMOUR + "사귀네"]
    assert m[0, r] == 1.0 and m[1, r] == 0.0           # normalized on its own: the group's only feature
    assert np.allclose(np.delete(m[0], r), np.delete(m[1], r))


def test_the_engine_scores_the_rumour_group_as_training_does(tiny_model_dir):
    from shipwatch.models.trained.model import REACTIONS, Engine

    engine = Engine(tiny_model_dir)
    assert engine._rumour, "the tiny model should have rumour-group features"
    texts, titles, langs = ["둘이 사귀어라 제발", "둘이 사귀어라 제발"], ["A 열애설", None], ["ko", "ko"]
    s = engine.scores(texts, titles, langs)
    x = sparse_matrix(engine.featurizer, texts, langs, titles)
    linear = np.asarray(x @ engine.sparse.astype(np.float64)) + engine.bias
    expected = (linear[:, REACTIONS] + s.dense @ engine.dense_reactions) * engine.calib_a + engine.calib_b
    assert np.allclose(s.reactions, expected, atol=1e-3)
