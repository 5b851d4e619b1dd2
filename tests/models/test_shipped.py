"""The shipped trained models: they load fast, follow the protocols, fire on clear cases and explain themselves."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from shipwatch.models.base import ReactionModel, SentimentModel, default_reaction_model, default_sentiment_model
from shipwatch.models.trained import DEFAULT_DIR, TrainedReactionModel, TrainedSentimentModel
from shipwatch.models.trained.bundle import ARRAYS, META
from shipwatch.schema import LABELS, record_batch, sentiment_class
from shipwatch.understand.language import detect_language
from shipwatch.understand.normalize import normalize_text

SRC = Path(__file__).resolve().parents[2] / "src"


def _prepare(texts):
    norms = [normalize_text(t) for t in texts]
    return norms, [detect_language(t) for t in norms]


def test_shipped_files_are_small_and_safe():
    size = (DEFAULT_DIR / ARRAYS).stat().st_size + (DEFAULT_DIR / META).stat().st_size
    assert size < 20 * 2 ** 20
    with np.load(DEFAULT_DIR / ARRAYS, allow_pickle=False) as npz:   # raises if anything needs unpickling
        assert all(npz[k].dtype != object for k in npz.files)


def test_models_load_in_under_two_seconds():
    code = ("import time; t = time.perf_counter();"
            "from shipwatch.models.base import default_reaction_model, default_sentiment_model;"
            "default_reaction_model(); default_sentiment_model(); print(time.perf_counter() - t)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         env={"PYTHONPATH": str(SRC), "PATH": ""})
    assert float(out.stdout) < 2.0


def test_defaults_are_the_trained_models_sharing_one_engine():
    rm, sm = default_reaction_model(), default_sentiment_model()
    assert isinstance(rm, TrainedReactionModel) and isinstance(rm, ReactionModel)
    assert isinstance(sm, TrainedSentimentModel) and isinstance(sm, SentimentModel)
    assert rm.engine is sm.engine and rm.labels == LABELS


@pytest.mark.parametrize("label", [lab for lab in LABELS if lab != "other"])
def test_every_label_fires_on_clear_korean_and_english_cases(label, cases):
    rm = default_reaction_model()
    rows = [(text, title) for lab, text, title in cases if lab == label]
    assert len(rows) == 2, f"write one Korean and one English clear case for {label}"
    norms, langs = _prepare([t for t, _ in rows])
    assert langs[0] in ("ko", "mixed") and langs[1] == "en"
    p = rm.predict_proba(norms, [h for _, h in rows], langs)[:, LABELS.index(label)]
    thr = rm.thresholds[LABELS.index(label)]
    assert (p >= thr).all(), f"{label}: p={p.round(3).tolist()} threshold {thr:.2f} on {[t for t, _ in rows]}"


def test_other_only_when_nothing_else_applies():
    from shipwatch.understand.reactions import labels_from

    rm = default_reaction_model()
    norms, langs = _prepare(["누구세요?", "what song is this?"])
    probs = rm.predict_proba(norms, [None, None], langs)
    assert labels_from(probs, rm.thresholds) == [["other"], ["other"]]


def test_sentiment_separates_clear_praise_from_clear_abuse():
    sm = default_sentiment_model()
    texts = ["너무 잘 어울려요 행복하세요", "this is the best drama, I love them", "최악이다 역겨워 꺼져",
             "she is disgusting and talentless"]
    norms, langs = _prepare(texts)
    classes = [sentiment_class(float(s)) for s in sm.predict(norms, [None] * 4, langs)]
    assert classes == ["positive", "positive", "negative", "negative"]


def test_explain_names_the_phrases_behind_a_label():
    rm = default_reaction_model()
    text = normalize_text("그냥 사귀어라 제발 현실에서도 이어지길")
    drivers = rm.explain(text, "정우진·윤하늘 투샷", "ko")
    assert "ship" in drivers
    names = " ".join(name for name, _ in drivers["ship"])
    assert any(key in names for key in ("사귀", "이어지", "rules:"))
    assert drivers["ship"][0][1] > 0


def test_the_pipeline_runs_with_the_trained_defaults():
    from shipwatch.understand.pipeline import Pipeline

    batch = record_batch([
        {"platform": "t", "source_id": "s", "comment_id": "1", "text": "둘이 그냥 사귀어라 제발", "title": "열애설"},
        {"platform": "t", "source_id": "s", "comment_id": "2", "text": "", "title": None},
    ])
    out = Pipeline()(batch)
    assert out.num_rows == 2
    assert "ship" in out.column("labels").to_pylist()[0]
    assert out.column("labels").to_pylist()[1] == ["other"]


def test_explain_command_prints_probabilities_and_drivers():
    from shipwatch.models.commands import explain

    res = CliRunner().invoke(explain, ["just date already, I ship them so hard", "--title", "cute moments"])
    assert res.exit_code == 0, res.output
    assert "ship" in res.output and "threshold" in res.output
    res = CliRunner().invoke(explain, ["축하해요 행복하세요", "--json"])
    assert res.exit_code == 0 and '"congrats"' in res.output


def test_train_command_refuses_a_missing_data_folder(tmp_path):
    from shipwatch.models.commands import train

    res = CliRunner().invoke(train, ["--data", str(tmp_path / "nope"), "--out", str(tmp_path / "m")])
    assert res.exit_code != 0 and "not found" in str(res.exception or res.output)


# Known weaknesses of the shipped v2 model, kept visible: each must fail today (strict), so a retrain that fixes
# one turns its xfail into an error here and the case moves to the passing tests above.
_KNOWN_WEAK = pytest.mark.xfail(strict=True, reason="known v2 weakness (README model card)")


def _v2_labels(text, title=None, lang="ko"):
    from shipwatch.models.base import default_reaction_model
    from shipwatch.understand.reactions import labels_from

    m = default_reaction_model()
    return labels_from(m.predict_proba([text], [title], [lang]), m.thresholds)[0]


def _v2_sentiment(text, lang):
    from shipwatch.models.base import default_sentiment_model

    return float(default_sentiment_model().predict([text], [None], [lang])[0])


def test_v2_emoji_only_praise_scores_positive():
    assert _v2_sentiment("😍😍", "und") > 0.2


def test_v2_short_english_praise_scores_positive():
    assert _v2_sentiment("I love them so much", "en") > 0.2


def test_v2_the_couple_in_the_headline_is_not_a_comparison():
    assert "couple_comparison" not in _v2_labels("현빈 손예진 진짜 잘 어울린다", "현빈·손예진, 열애설 재점화")


def test_v2_hate_about_a_third_person_stands_next_to_ship():
    assert {"ship", "hate"} <= set(_v2_labels("둘이 사귀어라 근데 기자 저 병신은 뭐냐"))


@_KNOWN_WEAK
def test_v2_asking_fans_to_stop_shipping_is_not_ship():
    assert "ship" not in _v2_labels("just friends, stop shipping them", lang="en")
