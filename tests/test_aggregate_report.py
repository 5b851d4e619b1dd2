"""What aggregate hands the reports: quotes fit to print, the rumour rule, hate over time.

The rumour rule is checked on synthetic hourly series whose answer is known by construction; quotes on a small
store of analysed comments written for these tests.
"""
from __future__ import annotations

import datetime as dt

import numpy as np
import pyarrow as pa
import pytest

from shipwatch.aggregate import (
    Aggregator, char_ngrams, jaccard, mask_handles, quotable_text, rumour_watch, select_quotes,
)
from shipwatch.schema import COMMENT_SCHEMA, LABELS, conform
from shipwatch.store import Store

H0 = 480_000      # an epoch hour (2024-10-04)


def series(days: int, per_hour: int, base: float, spike_day: int | None = None, spike: float = 0.0, seed: int = 0):
    """Hourly (hours, n, claims): ``base`` share of claims, ``spike`` share on ``spike_day``, binomial noise."""
    rng = np.random.default_rng(seed)
    hours = np.arange(H0, H0 + 24 * days)
    n = np.full(len(hours), per_hour)
    share = np.full(len(hours), base)
    if spike_day is not None:
        share[spike_day * 24:(spike_day + 1) * 24] = spike
    return hours, n, rng.binomial(n, share)


def test_rumour_spike_is_flagged_on_its_day_only():
    hours, n, c = series(12, 10, 0.2, spike_day=9, spike=0.5)
    out = rumour_watch(hours, n, c)
    assert out["status"] == "ok" and len(out["episodes"]) == 1
    ep = out["episodes"][0]
    day9 = dt.datetime.fromtimestamp((H0 + 9 * 24) * 3600, dt.timezone.utc)
    # Windows end with the last hour of data, so here they are the calendar days: the spike is day 9, whole.
    assert dt.datetime.fromisoformat(ep["start"]) == day9
    assert dt.datetime.fromisoformat(ep["end"]) == day9 + dt.timedelta(days=1)
    assert [p["t"] for p in out["points"] if p["spike"]] == [(day9 + dt.timedelta(hours=23)).isoformat()]
    assert ep["share"] > ep["threshold"] > ep["baseline"]
    assert 0.15 < ep["baseline"] < 0.25 and ep["share"] > 0.4


def test_noise_rarely_flags_and_real_spikes_are_caught():
    # 40 flat 14-day series (240 comments a day, 20% dating claims) and the same with day 10 at 35%.
    false_alarms = sum(bool(rumour_watch(*series(14, 10, 0.2, seed=s))["episodes"]) for s in range(40))
    caught = sum(bool(rumour_watch(*series(14, 10, 0.2, spike_day=10, spike=0.35, seed=s))["episodes"])
                 for s in range(40))
    assert false_alarms <= 4 and caught >= 36


def test_k_is_configurable():
    hours, n, c = series(12, 10, 0.2, spike_day=9, spike=0.3)
    assert rumour_watch(hours, n, c, k=1.0)["episodes"]
    assert not rumour_watch(hours, n, c, k=8.0)["episodes"]
    # A lift under min_lift is never a rumour, however calm the baseline.
    hours, n, c = series(12, 100, 0.2, spike_day=11, spike=0.24)
    assert not rumour_watch(hours, n, c, k=1.0)["episodes"]
    assert rumour_watch(hours, n, c, k=1.0, min_lift=0.02)["episodes"]


def test_gradual_rise_moves_the_baseline_with_it():
    hours = np.arange(H0, H0 + 24 * 20)
    n = np.full(len(hours), 20)
    # The share creeps up by 0.5 point a day: each day is judged against its own recent past, never a spike.
    share = 0.1 + 0.005 * (np.arange(len(hours)) // 24)
    c = np.round(n * share).astype(int)
    assert rumour_watch(hours, n, c)["episodes"] == []


def test_short_history_is_said_not_guessed():
    hours, n, c = series(2, 10, 0.2, spike_day=1, spike=0.9)
    out = rumour_watch(hours, n, c)
    assert out["status"] == "short_history" and out["episodes"] == []
    # The same series judged with hourly windows against the previous 12 hours has enough history.
    assert rumour_watch(hours, n, c, window_h=1, baseline_h=12, min_n=5)["episodes"]


def test_thin_windows_are_not_judged():
    hours, n, c = series(12, 1, 0.2, spike_day=9, spike=1.0)     # 24 comments per window
    assert rumour_watch(hours, n, c, min_n=30)["episodes"] == []
    assert rumour_watch(hours, n, c, min_n=20)["episodes"]


def test_gaps_in_the_series_count_as_silence():
    hours, n, c = series(12, 10, 0.2, spike_day=9, spike=0.6)
    keep = (hours - H0) % 24 < 12            # comments only in the first half of each day
    out = rumour_watch(hours[keep], n[keep], c[keep])
    assert len(out["episodes"]) == 1
    assert rumour_watch(np.array([], dtype=np.int64), np.array([]), np.array([]))["status"] == "no_timestamps"


def test_points_are_bounded_and_keep_every_spike():
    hours, n, c = series(60, 5, 0.2, spike_day=40, spike=0.6)
    out = rumour_watch(hours, n, c, max_points=100)
    assert len(out["points"]) == 60 and out["step_h"] == 24
    out = rumour_watch(hours, n, c, window_h=1, baseline_h=24, min_n=5, max_points=100)
    assert len(out["points"]) <= 100 + sum(1 for p in out["points"] if p["spike"])
    assert any(p["spike"] for p in out["points"]) and out["step_h"] > 1


# --- quotes ---------------------------------------------------------------------------------------------------


def q(text, lang="en", likes=0, p=0.9):
    return {"text": text, "lang": lang, "likes": likes, "p": p}


def test_select_quotes_hears_every_listed_language_and_skips_near_duplicates():
    pool = [q(f"they are so dating look at his hands omg{'!' * i}", likes=900) for i in range(6)]
    pool += [q("the way he looks at her is not acting", likes=500), q("dating news in three months", likes=300)]
    pool += [q("이거 찐이다 손 잡은 거 봐", "ko", likes=3), q("ya ampun mereka pacaran", "id", likes=1, p=0.6)]
    out = select_quotes(pool, 4, centres={}, languages=["en", "ko", "id"])
    assert {x["lang"] for x in out} == {"en", "ko", "id"}
    texts = [x["text"] for x in out]
    assert sum("look at his hands" in t for t in texts) == 1
    for i, a in enumerate(texts):
        for b in texts[i + 1:]:
            assert jaccard(char_ngrams(a), char_ngrams(b)) < 0.6


def test_select_quotes_prefers_the_centre_of_the_camp():
    centre_texts = ["just date already please", "please just date", "date already you two", "just date pls"]
    from shipwatch.aggregate import centroid

    centres = {"en": centroid(centre_texts)}
    pool = [q("my cat knocked over a vase while watching this"), q("please just date already, we beg you")]
    assert select_quotes(pool, 1, centres)[0]["text"].startswith("please just date")


def test_quote_hygiene():
    assert not quotable_text("call me 010-1234-5678")
    assert not quotable_text("more at www.example.com")
    assert not quotable_text("see bit.ly/xyz")
    assert quotable_text("2:31 the way he looks at her... that's not acting")
    assert mask_handles("@minji_fan thanks! mail me@x") == "@… thanks! mail me@x"


# --- the Aggregator on a store -----------------------------------------------------------------------------------

T0 = dt.datetime(2024, 3, 1, 9, tzinfo=dt.timezone.utc)


def row(i, text, labels, lang="en", likes=0, p=0.9, hate=0.0, url=False, author=None, minutes=0):
    r = {"platform": "youtube", "source_id": "sUmMeRsTaT1", "comment_id": f"c{i}", "text": text, "likes": likes,
         "reply_count": 0, "lang": lang, "labels": labels, "has_url": url, "author": author,
         "author_channel": f"UC{i}", "published_at": T0 + dt.timedelta(minutes=minutes), "source_line": i,
         "sentiment": 0.5, "moments": [], "people": [], "couples": [], "handles": []}
    for lab in LABELS:
        r[f"p_{lab}"] = p if lab in labels else 0.05
    r["p_hate"] = max(hate, r["p_hate"])
    return r


def store_with(rows) -> Store:
    store = Store(":memory:")
    cols = {f.name: pa.array([r.get(f.name) for r in rows], type=f.type) for f in COMMENT_SCHEMA}
    store.upsert(conform(pa.RecordBatch.from_pydict(cols, schema=COMMENT_SCHEMA)))
    return store


@pytest.fixture
def store():
    rows = [
        row(1, "just date already, we are begging you", ["ship"], likes=900),
        row(2, "just date already, we are begging you!!", ["ship"], likes=800),
        row(3, "그냥 사귀어라 제발 현커 가자", ["ship"], "ko", likes=50),
        row(4, "they should date, you ugly idiot", ["ship", "hate"], likes=5000, hate=0.95),
        row(5, "ship them! my channel www.spam.example", ["ship"], likes=3000, url=True),
        row(6, "ship ship ship, text me 010-1234-5678", ["ship"], likes=2000),
        row(7, "@fan123 yes they should be together", ["ship"], likes=100, author="Real Name"),
        row(8, "please make it real, they fit so well", ["ship"], likes=20),
        row(9, "she is disgusting and talentless", ["hate"], likes=2, hate=0.99),
    ]
    rows += [row(100 + i, f"filler comment number {i}", ["other"], minutes=i) for i in range(30)]
    return store_with(rows)


def test_aggregator_quotes_are_printable(store):
    s = Aggregator(n_boot=200).summarize(store)
    ship = s["quotes"]["ship"]
    texts = [x["text"] for x in ship]
    assert not any("ugly" in t or "www." in t or "010-" in t for t in texts)
    assert sum("begging you" in t for t in texts) == 1
    assert "@… yes they should be together" in texts
    assert all(x["author"] is None for x in ship)
    assert any(x["lang"] == "ko" for x in ship)        # Korean is 1 of 39 comments, under 5%: still quoted
    assert all(x["permalink"].startswith("https://www.youtube.com/watch?v=sUmMeRsTaT1&lc=") for x in ship)
    assert all(0.0 <= x["p"] <= 1.0 and x["lang"] and "likes" in x for x in ship)


def test_aggregator_show_authors(store):
    ship = Aggregator(n_boot=200, show_authors=True).summarize(store)["quotes"]["ship"]
    assert "@fan123 yes they should be together" in [x["text"] for x in ship]
    assert "Real Name" in [x["author"] for x in ship]


def test_aggregator_hate_over_time_and_rumour_shape(store):
    s = Aggregator(n_boot=200, rumour_k=2.5, rumour_window_h=1, rumour_baseline_h=4).summarize(store)
    assert s["hate"]["count"] == 2
    assert sum(p["n"] for p in s["hate"]["over_time"]) == s["n_comments"]
    assert s["rumour"]["k"] == 2.5 and s["rumour"]["window_h"] == 1
    assert s["rumour"]["points"] and {"t", "share", "n", "spike"} <= set(s["rumour"]["points"][0])
