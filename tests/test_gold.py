"""Gold files: the format's errors, the held-out split, and building from committed label references."""
import json

import pytest

from shipwatch.errors import GoldError
from shipwatch.gold import build, headline_split, read_gold


def _write(p, lines):
    p.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return p


def test_read_gold_accepts_the_documented_format(tmp_path):
    p = _write(tmp_path / "g.jsonl", [
        json.dumps({"comment": "둘이 사귀어라", "labels": ["ship"], "sentiment": 2, "targets": ["현빈"],
                    "news_title": "현빈♥손예진", "extra": 1}, ensure_ascii=False),
        "",
        json.dumps({"comment": "first!", "labels": ["spam"], "sentiment": 0, "targets": [], "context": "MV"}),
    ])
    rows = list(read_gold(p))
    assert [r.labels for r in rows] == [["ship"], ["spam"]]
    assert rows[0].context == "현빈♥손예진" and rows[1].context == "MV" and rows[1].line == 3


@pytest.mark.parametrize("line, problem", [
    ('{"comment": "x", "labels": ["shipping"]}', "unknown label 'shipping'"),
    ('{"comment": "x", "labels": "ship"}', "not a list"),
    ('{"comment": "x", "labels": [], "sentiment": 3}', "-2..2"),
    ('{"labels": []}', 'no "comment"'),
    ('{"comment": "x", "labels": [', "not valid JSON"),
])
def test_read_gold_names_the_line_and_the_fix(tmp_path, line, problem):
    p = _write(tmp_path / "g.jsonl", ['{"comment": "ok", "labels": []}', line])
    with pytest.raises(GoldError) as e:
        list(read_gold(p))
    assert f"g.jsonl:2: " in str(e.value) and problem in str(e.value)


def test_headline_split_is_stable_and_holds_out_about_a_fifth():
    titles = [f"headline {i}" for i in range(2000)]
    share = sum(headline_split(t) == "test" for t in titles) / len(titles)
    assert 0.17 < share < 0.23
    assert headline_split("현빈♥손예진 열애") == headline_split("현빈♥손예진 열애")


def test_build_joins_references_with_the_data_and_splits_by_headline(tmp_path):
    data = tmp_path / "data" / "kocohub-beep" / "derived"
    data.mkdir(parents=True)
    rows = ["source\tcomments\thate\tbias\tnews_title"]
    titles = [f"제목 {i}" for i in range(40)]
    rows += [f"x\t댓글 {i}\tnone\tnone\t{titles[i]}" for i in range(40)]
    _write(data / "couple_news_comments.tsv", rows)
    labels = tmp_path / "labels"
    labels.mkdir()
    refs = [{"dataset": "kocohub-beep", "file": "derived/couple_news_comments.tsv", "line": i + 2,
             "labels": ["other"], "sentiment": 0, "targets": []} for i in range(40)]
    _write(labels / "a1.jsonl", [json.dumps(r) for r in refs])
    # A second annotator on line 2 does not duplicate it in the gold file.
    _write(labels / "b1.jsonl", [json.dumps({**refs[0], "labels": ["ship"]})])
    counts = build(labels, tmp_path / "data", tmp_path / "out")
    assert counts["all"] == 40 and counts["train"] + counts["test"] == 40
    got = [json.loads(x) for x in (tmp_path / "out" / "all.jsonl").read_text(encoding="utf-8").splitlines()]
    assert got[0]["comment"] == "댓글 0" and got[0]["context"] == "제목 0" and got[0]["labels"] == ["other"]
    test_titles = {json.loads(x)["context"] for x in (tmp_path / "out" / "test.jsonl").read_text("utf-8").splitlines()}
    assert test_titles == {t for t in titles if headline_split(t) == "test"}


def test_kappa_matches_a_hand_computed_case_and_agreement_pairs_lines(tmp_path):
    from shipwatch.gold import _kappa, agreement

    # 10 items: raters agree on 8; each says yes 5 times -> po 0.8, pe 0.5, kappa 0.6
    a = [True] * 5 + [False] * 5
    b = [True] * 4 + [False] + [True] + [False] * 4
    assert _kappa(a, b) == 0.6
    first = tmp_path / "labels"
    first.mkdir()
    ref = {"dataset": "d", "file": "f", "labels": ["ship"], "sentiment": 1, "targets": ["현빈"]}
    _write(first / "a1.jsonl", [json.dumps({**ref, "line": n}, ensure_ascii=False) for n in (2, 3)])
    _write(tmp_path / "b.jsonl", [json.dumps({**ref, "line": 2}, ensure_ascii=False),
                                  json.dumps({**ref, "line": 3, "labels": ["denial"], "targets": []}),
                                  json.dumps({**ref, "line": 9})])
    r = agreement(first, tmp_path / "b.jsonl")
    assert r["n"] == 2 and r["labels_exact"] == 0.5 and r["targets_exact"] == 0.5
    assert r["labels"]["ship"]["n_first"] == 2 and r["labels"]["ship"]["n_second"] == 1
