"""Ship Index bootstrap, moment clustering and quote diversity, on numbers we can check by hand."""
import numpy as np

from shipwatch.aggregate import char_ngrams, cluster_moments, diverse, format_seconds, jaccard, ship_index_from_groups


def test_ship_index_value_is_weighted_share_difference():
    # 3 shipping comments with 0 likes (weight 1), 1 denial with 3 likes (weight 4), 2 neutral on-topic.
    w = np.array([1, 4, 1])
    s = np.array([1, -1, 0])
    c = np.array([3, 1, 2])
    out = ship_index_from_groups(w, s, c, n_boot=500)
    assert out["n"] == 6
    assert out["value"] == round(100 * (3 - 4) / (3 + 4 + 2), 2)
    assert out["ci_low"] <= out["value"] <= out["ci_high"]
    assert -100 <= out["ci_low"] and out["ci_high"] <= 100


def test_ship_index_interval_narrows_with_more_comments():
    small = ship_index_from_groups(np.array([1, 1]), np.array([1, 0]), np.array([6, 4]), n_boot=1000)
    big = ship_index_from_groups(np.array([1, 1]), np.array([1, 0]), np.array([6000, 4000]), n_boot=1000)
    assert small["value"] == big["value"] == 60.0
    assert (big["ci_high"] - big["ci_low"]) < (small["ci_high"] - small["ci_low"]) / 10


def test_ship_index_bootstrap_is_deterministic_and_empty_is_none():
    a = ship_index_from_groups(np.array([1, 2]), np.array([1, -1]), np.array([5, 5]))
    b = ship_index_from_groups(np.array([1, 2]), np.array([1, -1]), np.array([5, 5]))
    assert a == b
    assert ship_index_from_groups(np.array([]), np.array([]), np.array([]))["value"] is None


def test_cluster_moments_groups_neighbours_and_labels_by_mode():
    pts = [(150, 2, 10), (151, 5, 3), (153, 1, 0), (200, 4, 1)]
    cl = cluster_moments(pts)
    assert [c["seconds"] for c in cl] == [151, 200]
    assert cl[0]["n"] == 8 and cl[0]["likes"] == 13 and cl[0]["members"] == [150, 151, 153]
    assert format_seconds(151) == "2:31" and format_seconds(3723) == "1:02:03"


def test_diverse_never_returns_near_duplicates():
    base = "they are 100% dating look at his hands"
    cands = [{"text": base + "!" * i, "p": 0.9, "lang": "en"} for i in range(5)]
    cands.append({"text": "the next Hyun Bin and Son Ye-jin, calling it", "p": 0.5, "lang": "en"})
    cands.append({"text": "둘이 진짜 사귀는 것 같아 눈빛 봐", "p": 0.4, "lang": "ko"})
    out = diverse(cands, 5)
    texts = [q["text"] for q in out]
    assert len(out) == 3
    for i in range(len(texts)):
        for j in range(i + 1, len(texts)):
            assert jaccard(char_ngrams(texts[i]), char_ngrams(texts[j])) < 0.6
    assert {q["lang"] for q in out} == {"en", "ko"}
