import json
from pathlib import Path

import pytest

from shipwatch.errors import UsageError
from shipwatch.people.targets import (TargetSelector, block_features, comment_cues, headline_info, load_selector,
                                      train_targets)
from shipwatch.understand.people import People

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "people"
GOLD = FIXTURES / "targets_gold.jsonl"
TITLE = "민태오♥서하린, 6월 결혼 발표"


@pytest.fixture(scope="module")
def trained(tmp_path_factory):
    out = tmp_path_factory.mktemp("targets") / "targets.json"
    report = train_targets(GOLD, out)
    return out, report


def test_training_is_deterministic_and_writes_json_not_pickle(trained, tmp_path):
    out, report = trained
    again = tmp_path / "again.json"
    train_targets(GOLD, again)
    assert out.read_text(encoding="utf-8") == again.read_text(encoding="utf-8")
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["format"] == "shipwatch-targets-lr/1" and doc["weights"]
    assert report["rows"] == 16 and 0.0 <= report["validation_accuracy"] <= 1.0
    assert report["ceiling"] == 1.0  # every gold person of the fixture is among the candidates


def test_learned_selector_separates_congratulations_from_press_jabs(trained):
    people = People(selector=load_selector(trained[0]))
    assert sorted(people.analyse("결혼 축하해요", TITLE)[0]) == ["min-tae-oh", "seo-ha-rin"]
    assert people.analyse("기자 기사 좀 그만", TITLE)[0] == []
    assert people.analyse("서하린 예쁘다", TITLE)[0] == ["seo-ha-rin"]


def test_shipped_selector_loads_and_is_used_by_default():
    sel = load_selector()
    assert sel.meta["rows"] > 1000 and 0 < sel.threshold < 1
    title = "[단독] 전수민 “김경진과 결혼♥, 행복한 소식 전해 기뻐”"
    assert sorted(People().analyse("결혼 축하해요 행복하세요", title)[0]) == ["jeon-su-min", "kim-kyung-jin"]
    assert People().analyse("기레기들 이런 기사 좀 쓰지마", title)[0] == []


def test_block_of_unnamed_people_is_all_or_by_member_score():
    weights = {"n_bias": 3.0, "i_bias": 0.0, "i_hl_1": 1.0, "i_hl_2": -2.0, "b_bias": 1.0}
    sel = TargetSelector(weights, 0.0, threshold=0.5, member_threshold=0.5)
    named, first, second = ["n_bias"], ["i_bias", "i_hl_1"], ["i_bias", "i_hl_2"]
    assert sel.select([named, first, second], ["b_bias"]) == [True, True, False]
    # the block is off: no unnamed person is kept, however high their own score
    off = TargetSelector(dict(weights, b_bias=-1.0), 0.0, threshold=0.5)
    assert off.select([named, first], ["b_bias"]) == [True, False]


def test_features_see_gender_cues_and_headline():
    h = headline_info(TITLE, 2)
    assert h.couple_news and h.has_title
    cues = comment_cues("신부가 너무 예쁘다", 0)
    assert {"fcue", "nobody_named"} <= cues
    assert "b_fcue_f" in block_features(h, cues, False, 2, False, frozenset({"f", "m"}))
    cands = {pid: f for f, pid in People(selector=False).candidates("신부가 너무 예쁘다", TITLE)}
    assert "i_fcue_f" in cands["seo-ha-rin"] and "i_fcue_m" in cands["min-tae-oh"]


def test_bad_selector_files_are_usage_errors(tmp_path):
    with pytest.raises(UsageError, match="not found"):
        load_selector(tmp_path / "missing.json")
    bad = tmp_path / "bad.json"
    bad.write_text("{oops", encoding="utf-8")
    with pytest.raises(UsageError, match="invalid JSON"):
        load_selector(bad)
    bad.write_text('{"format": "other"}', encoding="utf-8")
    with pytest.raises(UsageError, match="not a target selector"):
        load_selector(bad)
    empty = tmp_path / "empty.jsonl"
    empty.write_text("", encoding="utf-8")
    with pytest.raises(UsageError, match="no gold rows"):
        train_targets(empty, tmp_path / "x.json")


DATA = Path(__file__).resolve().parents[3] / "shared" / "data"
LABELS = Path(__file__).resolve().parents[2] / "gold" / "labels" / "a4.jsonl"  # train and test headlines


@pytest.mark.skipif(not (DATA.is_dir() and LABELS.exists()),
                    reason="needs ../shared/data and gold/labels/a4.jsonl (the selector trains on real comments)")
def test_shipwatch_train_refits_the_selector_byte_for_byte(tmp_path):
    from shipwatch.models.train import train_selector

    labels = tmp_path / "labels"
    labels.mkdir()
    with open(LABELS, encoding="utf-8") as fh:
        (labels / "a4.jsonl").write_text(fh.read(), encoding="utf-8")
    first = train_selector(DATA, labels, tmp_path / "one.json")
    train_selector(DATA, labels, tmp_path / "two.json")
    assert (tmp_path / "one.json").read_bytes() == (tmp_path / "two.json").read_bytes()
    assert first["trained_on"] == "gold/labels (train split)" and first["validation_headlines"] >= 2
    assert load_selector(tmp_path / "one.json").meta["rows"] == first["rows"]
