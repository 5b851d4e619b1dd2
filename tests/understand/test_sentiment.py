"""The Sentiment stage and the v1 lexicon sentiment model."""
from __future__ import annotations

import csv
import hashlib
import pickle
from pathlib import Path

import numpy as np
import pyarrow as pa
import pytest

from shipwatch.models.base import SentimentModel, default_sentiment_model
from shipwatch.models.lexicon import LexiconSentimentModel
from shipwatch.schema import record_batch
from shipwatch.understand.base import with_columns
from shipwatch.understand.sentiment import Sentiment

DATA = Path(__file__).resolve().parents[2] / ".." / "shared" / "data"


# These cases pin down the v1 lexicon model (what its rules promise); the shipped default is tested in
# tests/models/test_shipped.py.
LEXICON = LexiconSentimentModel()


def score(text: str) -> float:
    return float(LEXICON.predict([text], [None], ["ko"])[0])


def analysed_batch(texts, langs) -> pa.RecordBatch:
    rows = [{"platform": "file", "source_id": "t", "comment_id": str(i), "text": t or ""} for i, t in enumerate(texts)]
    return with_columns(record_batch(rows), {"text_norm": texts, "lang": langs})


@pytest.mark.parametrize("text", ["드라마 너무 재밌어요", "둘이 너무 잘 어울려 최고", "축하해요 행복하세요", "😍😍",
                                  "I love them so much", "their chemistry is amazing", "Felicidades, hermosos"])
def test_positive(text):
    assert score(text) > 0.2


@pytest.mark.parametrize("text", ["연기 진짜 별로다", "최악의 드라마 시간 아깝다", "씨발 꺼져", "🤮",
                                  "this is so boring", "worst couple ever", "I hate this"])
def test_negative(text):
    assert score(text) < -0.2


@pytest.mark.parametrize("text", ["누구세요?", "what song is this?", "3분 20초", ""])
def test_neutral(text):
    assert score(text) == 0.0


def test_negation_flips_korean_and_english():
    assert score("좋다") > 0 > score("안 좋다")
    assert score("재밌다") > 0 > score("재밌지 않다")
    assert score("this is good") > 0 > score("this is not good")
    assert score("싫다") < 0 < score("안 싫어")


def test_intensifier_strengthens():
    assert score("너무 좋다") > score("좋다") > 0
    assert score("so bad") < score("bad") < 0


def test_crying_depends_on_context():
    assert score("ㅠㅠ") < 0
    assert score("너무 좋아요ㅠㅠ") > score("너무 좋아요") > 0
    assert score("너무 슬프다ㅠㅠ") < score("너무 슬프다") < 0


def test_default_model_protocol_range_and_dtype():
    model = default_sentiment_model()
    assert isinstance(model, SentimentModel) and model is default_sentiment_model()
    texts = ["최고 최고 최고 사랑해 😍😍😍 대박 완벽", "최악 쓰레기 씨발 🤮 노잼", "a" * 5000, ""]
    out = model.predict(texts, [None] * 4, ["ko"] * 4)
    assert out.dtype == np.float32 and out.shape == (4,)
    assert np.all(np.abs(out) <= 1) and out[0] > 0.2 and out[1] < -0.2
    lex = LEXICON.predict(texts, [None] * 4, ["ko"] * 4)
    assert lex[0] > 0.9 and lex[1] < -0.9


def test_stage_adds_sentiment_keeps_rows_and_pickles():
    stage = Sentiment()
    out = stage(analysed_batch(["최고", None, "최악"], ["ko", None, "ko"]))
    values = out.column(out.schema.get_field_index("sentiment")).to_pylist()
    assert out.num_rows == 3 and values[0] > 0 and values[1] == 0 and values[2] < 0
    assert out.schema.field("sentiment").type == pa.float32()
    assert pickle.loads(pickle.dumps(stage))._loaded is None
    assert Sentiment()(analysed_batch([], [])).num_rows == 0


@pytest.mark.skipif(not DATA.is_dir(), reason="../shared/data (the public data sets) is not next to the repo")
def test_polarity_on_held_out_nsmc_half():
    path = DATA / "nsmc-raw-subset" / "nsmc_raw_binary_10k.tsv"
    with open(path, encoding="utf-8", newline="") as f:
        rows = [r for r in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
                if int(hashlib.sha1(r["id"].encode()).hexdigest(), 16) % 2 == 1]
    s = LEXICON.predict([r["document"] for r in rows], [None] * len(rows), ["ko"] * len(rows))
    decided = s != 0
    correct = (s[decided] > 0) == np.array([r["label"] == "1" for r in rows])[decided]
    # The lexicon abstains on reviews without known terms; where it decides it is right most of the time.
    assert decided.mean() > 0.5 and correct.mean() > 0.78
