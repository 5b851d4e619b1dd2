"""Training on a small fixture: it runs, it is deterministic, and the result implements the protocols."""
from __future__ import annotations

import numpy as np
import pytest

from shipwatch.models.base import ReactionModel, SentimentModel
from shipwatch.models.trained import bundle
from shipwatch.models.trained.model import Engine, TrainedReactionModel, TrainedSentimentModel
from shipwatch.schema import LABELS


def test_training_twice_gives_identical_bytes(tiny_model_dir, make_corpora, tiny_config, tmp_path):
    from shipwatch.models.train.fit import train

    train(make_corpora(), tmp_path, tiny_config)
    for name in (bundle.ARRAYS, bundle.META):
        assert (tmp_path / name).read_bytes() == (tiny_model_dir / name).read_bytes()


def test_the_word_vectors_ship_as_plain_arrays_and_feed_the_heads(tiny_model_dir):
    b = bundle.load(tiny_model_dir)
    assert b.arrays["embedding"].dtype == np.float16 and b.arrays["embedding"].shape[1] == 8
    assert b.arrays["embedding_level1"].shape == (8, 8)
    vocab = b.meta["vocab"]
    assert all(vocab[i].startswith("\x01w") for i in b.arrays["embedding_ids"])
    engine = Engine(tiny_model_dir)
    s = engine.scores(["축하해요 행복하세요"], [None], ["ko"])
    assert s.dense.shape[1] == len(engine.dense_names()) and np.isclose(np.linalg.norm(s.dense[0, -8:]), 1, atol=1e-3)
    assert engine.dense_reactions.shape[0] == s.dense.shape[1]


def test_training_without_word_vectors_still_works(make_corpora, tiny_config, tmp_path):
    from dataclasses import replace

    from shipwatch.models.train.fit import train

    train(make_corpora(), tmp_path, replace(tiny_config, embedding_dim=0))
    assert "embedding" not in bundle.load(tmp_path).arrays
    p = TrainedReactionModel(engine=Engine(tmp_path)).predict_proba(["축하해요"], [None], ["ko"])
    assert p.shape == (1, len(LABELS))


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


def test_morphology_ships_a_word_table_that_inference_reads_without_kiwi(make_corpora, tiny_config, tmp_path):
    pytest.importorskip("kiwipiepy", reason="Korean morphology at training time needs kiwipiepy")
    from dataclasses import replace

    from shipwatch.models.train.fit import train

    train(make_corpora(), tmp_path, replace(tiny_config, morphology=True, morpheme_min_df=1, embedding_dim=0))
    meta = bundle.load(tmp_path).meta
    assert "\x01m축하/N" in meta["vocab"] and "\x01m축하/N" in meta["morphemes"]["축하해요"]
    engine = Engine(tmp_path)
    ids = engine.featurizer.comment_ids("축하해요", "ko")
    assert engine.featurizer.index["\x01m축하/N"] in ids


def test_eval_scores_the_model_folder_it_is_given(tiny_model_dir, tmp_path):
    import json

    from click.testing import CliRunner

    from shipwatch.cli import cli

    gold = tmp_path / "gold.jsonl"
    gold.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in [
        {"comment": "축하해요 행복하세요", "labels": ["congrats"], "sentiment": 2, "context": "D 결혼"},
        {"comment": "누구세요?", "labels": ["other"], "sentiment": 0, "context": "A 열애설"}]) + "\n", encoding="utf-8")
    res = CliRunner().invoke(cli, ["eval", str(gold), "--model", str(tiny_model_dir), "--json"])
    assert res.exit_code == 0, res.output
    assert json.loads(res.output)["n"] == 2
    res = CliRunner().invoke(cli, ["eval", str(gold), "--model", str(tmp_path / "missing")])
    assert res.exit_code != 0 and "no trained model" in str(res.exception)


def test_the_hate_prior_folds_into_the_hate_heads_weights(make_corpora, tiny_config):
    """The K-MHaS head's logits are inputs of the hate head; the shipped weights must score exactly as the two
    stages would, so inference stays one linear layer."""
    from scipy.sparse import csr_matrix, hstack

    from shipwatch.models.train.fit import _fit_hate, _level1_design, fit_hate_prior, select_vocabulary
    from shipwatch.models.trained.features import Featurizer

    c = make_corpora()
    assert c.hate_prior, "the fixture needs K-MHaS-like rows"
    f = Featurizer(select_vocabulary(c, tiny_config))
    x, y = _level1_design(f, c.hate, None, tiny_config)
    xp, yp = _level1_design(f, c.hate_prior, None, tiny_config)
    p_coef, p_intercept = fit_hate_prior(xp, yp, tiny_config)
    folded, folded_b = _fit_hate(x, y, tiny_config, reads=(p_coef, p_intercept))
    plain, _ = _fit_hate(x, y, tiny_config)
    assert folded.shape == plain.shape and not np.allclose(folded, plain)

    prior_logits = np.asarray(x @ p_coef.T) + p_intercept
    stacked = hstack([x, csr_matrix(prior_logits - prior_logits.mean(axis=0))]).tocsr()
    two_stage, two_stage_b = _fit_hate(stacked, y, tiny_config, n_extra=3)
    texts = ["벌레 같은 놈들 꺼져", "좋은 기사 감사합니다"]
    xt, _ = _level1_design(f, [type(c.hate[0])(t, "ko", 0) for t in texts], None, tiny_config)
    pt = np.asarray(xt @ p_coef.T) + p_intercept - prior_logits.mean(axis=0)
    expected = np.asarray(hstack([xt, csr_matrix(pt)]) @ two_stage.T) + two_stage_b
    assert np.allclose(np.asarray(xt @ folded.T) + folded_b, expected)


def test_training_reports_the_prior_rows_it_read(tiny_model_dir):
    import json

    info = json.loads((tiny_model_dir / bundle.META).read_text(encoding="utf-8"))
    hate = info["training"]["level1"]["hate"]
    assert hate["prior_rows"] == 11 and hate["reads"] == 4    # K-MHaS none / offensive / hate, review polarity


def test_the_cut_is_half_the_best_f1():
    from shipwatch.models.train.fit import best_threshold, half_f1_threshold

    # 10 positives at 0.9, 10 negatives at 0.6, 80 negatives at 0.1: the best F1 is 1.0 (first reached at 0.61),
    # so the cut is 0.5, where the 0.6 negatives pass (F1 2*10/(20+10)): the rule reads the curve's height only.
    p = np.r_[np.full(10, 0.9), np.full(10, 0.6), np.full(80, 0.1)]
    y = np.r_[np.ones(10), np.zeros(90)].astype(int)
    assert best_threshold(p, y) == (0.61, 1.0)
    t, f1 = half_f1_threshold(p, y)
    assert t == 0.5 and np.isclose(f1, 20 / 30)
    assert half_f1_threshold(np.full(5, 0.01), np.r_[1, 0, 0, 0, 0])[0] == 0.05    # never below the grid


def test_train_names_a_missing_data_file_instead_of_a_traceback(tmp_path, capsys):
    from shipwatch.cli import main

    (tmp_path / "data").mkdir()
    (tmp_path / "labels").mkdir()
    code = main(["train", "--data", str(tmp_path / "data"), "--labels", str(tmp_path / "labels"),
                 "--out", str(tmp_path / "model")])
    err = capsys.readouterr().err
    assert code != 0 and "Traceback" not in err and len(err.strip().splitlines()) == 1
    assert "nsmc_raw_all.tsv.gz not found" in err and "../shared/data" in err
