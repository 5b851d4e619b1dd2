"""The target metrics of ``shipwatch eval``: exact set, mention-level linking, implicit attribution."""
import json

from shipwatch.evaluate import format_table, score
from shipwatch.gold import GoldRow
from shipwatch.people import load_registry

REG = load_registry()
TITLE = "현빈♥손예진, 결혼 발표"


def row(comment, targets, context=TITLE):
    return GoldRow(comment=comment, labels=[], sentiment=None, targets=targets, context=context, line=1)


def run(rows_and_pred):
    rows = [r for r, _ in rows_and_pred]
    pred = {"labels": [[] for _ in rows], "sentiment": [0.0 for _ in rows], "people": [p for _, p in rows_and_pred]}
    return score(rows, pred, REG)


def test_exact_set_counts_a_comment_right_only_when_the_whole_set_matches():
    r = run([(row("현빈 멋있다", ["현빈"]), ["hyun-bin"]),
             (row("현빈 멋있다", ["현빈", "손예진"]), ["hyun-bin"])])
    assert r["target_accuracy"] == 0.5


def test_mention_metric_scores_only_people_the_comment_names():
    r = run([
        # named and linked (Korean, a character name, a romanized name in the other order)
        (row("현빈 멋있다", ["현빈"]), ["hyun-bin"]),
        (row("리정혁 최고", ["현빈"]), ["hyun-bin"]),
        (row("Bin Hyun is so cool", ["Hyun Bin"]), ["hyun-bin"]),
        # named but missed
        (row("손예진 예쁘다", ["손예진"]), []),
        # no name of hers in the text: predicting her is an implicit decision, not a mention
        (row("결혼 축하해요", []), ["son-ye-jin"]),
    ])
    m = r["mention"]
    assert (m["gold"], m["predicted"]) == (4, 3)
    assert (m["precision"], m["recall"], m["accuracy"]) == (1.0, 0.75, 0.75)
    # the unnamed prediction counts against implicit attribution, and is its only decision
    im = r["implicit"]
    assert im["predicted"] == 1 and im["gold"] == 0 and im["precision"] == 0.0 and im["comments"] == 1
    assert im["accuracy"] == 0.8 and im["accuracy_nonempty"] == 0.0


def test_a_false_link_from_a_word_that_contains_a_name_is_a_mention_error():
    # 별로 starts with 별 (Byul) at the start of a word: a stage that linked her would be wrong by name
    r = run([(row("별로다", [], context="'♥하하' 별, 막내딸 공개"), ["byul"])])
    assert r["mention"]["predicted"] == 1 and r["mention"]["precision"] == 0.0 and r["mention"]["accuracy"] == 0.0
    # ... while 이별 (a word that has 별 inside) does not name her: there it is an implicit decision
    r = run([(row("이별했대", [], context="'♥하하' 별, 막내딸 공개"), ["byul"])])
    assert r["mention"]["predicted"] == 0 and r["implicit"]["predicted"] == 1


def test_unknown_gold_names_are_compared_as_text_in_both_metrics():
    r = run([(row("김구라 닮았다", ["김구라"]), []),
             (row("예비신부 예쁘다", ["예비신부"]), ["예비신부"])])
    assert r["mention"]["gold"] == 2 and r["mention"]["recall"] == 0.5


def test_implicit_targets_of_a_no_name_comment():
    r = run([(row("두 사람 잘 어울려요", ["현빈", "손예진"]), ["hyun-bin", "son-ye-jin"]),
             (row("결혼 축하해요", ["현빈", "손예진"]), ["hyun-bin"]),
             (row("기자님 오타요", []), [])])
    im = r["implicit"]
    assert im["accuracy"] == round(2 / 3, 4) and im["accuracy_nonempty"] == 0.5
    assert (im["precision"], im["recall"]) == (1.0, 0.75)
    assert r["mention"]["gold"] == 0 and r["mention"]["accuracy"] is None


def test_table_and_json_report_both_metrics():
    r = run([(row("현빈 멋있다", ["현빈"]), ["hyun-bin"])])
    json.dumps(r)
    assert {"target_accuracy", "mention", "implicit"} <= set(r)
    text = format_table(r)
    assert "target acc 1.000" in text and "mention (named people) acc 1.000" in text and "implicit" in text


def test_ship_index_error_compares_gold_and_predicted_index_per_headline():
    from shipwatch.evaluate import ship_index_error

    def lrow(labels, context):
        return GoldRow(comment="x", labels=labels, sentiment=None, targets=[], context=context, line=1)

    # Headline A: 20 on-topic gold comments, 10 ship and 2 denial (+40), plus spam and other-only rows that do not
    # count; the model finds 5 ships and 3 denials (+10). Headline B is too small to score.
    a = ([["ship"]] * 10 + [["denial"]] * 2 + [["visuals"]] * 8 + [["spam"]] * 5 + [["other"]] * 5)
    got_a = ([["ship"]] * 5 + [["visuals"]] * 5 + [["denial"]] * 3 + [["visuals"]] * 7 + [["spam"]] * 5
             + [["other"]] * 5)
    rows = [lrow(lab, "A") for lab in a] + [lrow(["ship"], "B")] * 3
    r = ship_index_error(rows, got_a + [["denial"]] * 3)
    assert r["headlines"] == 1 and r["per_headline"][0]["gold"] == 40.0
    assert r["per_headline"][0]["predicted"] == 10.0
    assert (r["mean_abs_error"], r["bias"], r["same_sign"]) == (30.0, -30.0, 1.0)
