"""Summary dicts shaped like aggregate's output: a realistic one, a hostile one and an empty one.

The comments are written for these tests (a Korean+English fan discussion of a fictional pair); none comes from
a data set.
"""
from __future__ import annotations

from shipwatch.schema import LABELS

VIDEO = "https://www.youtube.com/watch?v=sUmMeRsTaT1"


def quote(cid, text, lang, likes, labels, p=0.9, day="2024-03-02T10:15:00+00:00", author=None):
    return {
        "comment_id": cid, "text": text, "lang": lang, "likes": likes, "p": p, "labels": labels,
        "published_at": day, "permalink": f"{VIDEO}&lc={cid}", "author": author,
    }


def interval(value, half, n):
    return {"value": value, "ci_low": value - half, "ci_high": value + half, "n": n}


def _counts(**kw):
    return {label: kw.get(label, 0) for label in LABELS}


def make_summary() -> dict:
    n = 1240
    counts = _counts(ship=412, dating_claim=298, denial=87, couple_comparison=64, chemistry=355, visuals=140,
                     acting=121, congrats=9, hate=23, spam=31, other=160)
    weighted = {"ship": 0.41, "dating_claim": 0.33, "denial": 0.04, "couple_comparison": 0.06, "chemistry": 0.31,
                "visuals": 0.09, "acting": 0.08, "congrats": 0.004, "hate": 0.006, "spam": 0.003, "other": 0.05}
    days = ["2024-03-01", "2024-03-02", "2024-03-03", "2024-03-04", "2024-03-05", "2024-03-06"]
    volumes = [520, 310, 160, 90, 95, 65]
    indexes = [44.0, 48.5, 39.0, 51.0, None, 36.0]
    return {
        "title": "Min Tae-oh and Seo Ha-rin behind the scenes | Summer Static EP.7",
        "pair": {"ids": ["min-tae-oh", "seo-ha-rin"], "names": ["Min Tae-oh (민태오)", "Seo Ha-rin (서하린)"]},
        "sources": [{"platform": "youtube", "source_id": "sUmMeRsTaT1", "url": VIDEO}],
        "generated_at": "2024-03-07T09:30:00+00:00",
        "model": {"reactions": "lexicon-v1", "sentiment": "lexicon-v1"},
        "n_comments": n,
        "n_on_topic": 1049,
        "time_span": {"start": "2024-03-01T08:02:11+00:00", "end": "2024-03-06T22:41:09+00:00"},
        "counts": counts,
        "shares": {k: v / n for k, v in counts.items()},
        "weighted_shares": weighted,
        "ship_index": interval(46.2, 4.1, 1049),
        "ship_index_by_language": {
            "ko": interval(38.4, 5.0, 610), "en": interval(61.0, 6.2, 342), "es": interval(55.0, 17.5, 41),
            "id": interval(12.0, 30.0, 9),
        },
        "languages": {"ko": 702, "en": 398, "es": 52, "id": 14, "pt": 30, "mixed": 44},
        "labels_by_language": {
            "ko": _counts(ship=220, dating_claim=190, denial=61, couple_comparison=40, chemistry=180, visuals=70,
                          acting=80, congrats=5, hate=17, spam=12, other=90),
            "en": _counts(ship=150, dating_claim=90, denial=20, couple_comparison=20, chemistry=140, visuals=55,
                          acting=35, congrats=3, hate=5, spam=15, other=50),
            "es": _counts(ship=25, dating_claim=10, denial=2, chemistry=20, visuals=8),
        },
        "sentiment": {"mean": 0.38, "negative": 130, "neutral": 420, "positive": 690},
        "timeline": {
            "granularity": "day",
            "points": [
                {"t": f"{d}T00:00:00+00:00", "n": v, "counts": _counts(ship=v // 3, dating_claim=v // 4),
                 "ship_index": ix}
                for d, v, ix in zip(days, volumes, indexes)
            ],
        },
        "moments": [
            {"seconds": 151, "label": "2:31", "n": 87, "likes": 5120, "url": f"{VIDEO}&t=151s",
             "quotes": [
                 quote("m1", "2:31 the way he looks at her when she laughs… that's not acting", "en", 2210,
                       ["dating_claim", "chemistry"]),
                 quote("m2", "2:31 눈빛 봐 이거 찐이다 ㅋㅋㅋ", "ko", 1540, ["dating_claim", "chemistry"]),
             ]},
            {"seconds": 302, "label": "5:02", "n": 41, "likes": 1310, "url": f"{VIDEO}&t=302s",
             "quotes": [quote("m3", "5:02 he fixed her hair without even thinking", "en", 830, ["chemistry"])]},
            {"seconds": 3723, "label": "1:02:03", "n": 6, "likes": 40, "url": None, "quotes": []},
        ],
        "quotes": {
            "ship": [
                quote("s1", "Just date already, we are all begging you 🙏", "en", 1830, ["ship"]),
                quote("s2", "그냥 사귀어라 제발 현커 가자", "ko", 1204, ["ship"]),
                quote("s3", "Ojalá que sean pareja en la vida real", "es", 220, ["ship"]),
            ],
            "dating_claim": [
                quote("d1", "They're 100% dating, calling it now", "en", 2040, ["dating_claim"]),
                quote("d2", "사귀는 거 맞네 손 잡은 거 봐", "ko", 990, ["dating_claim"]),
            ],
            "denial": [
                quote("n1", "It's called acting. They're good colleagues, leave them alone.", "en", 310, ["denial"]),
                quote("n2", "망붕들 적당히 해라 그냥 동료일 뿐", "ko", 280, ["denial"]),
            ],
            "couple_comparison": [
                quote("c1", "제2의 현빈 손예진 각", "ko", 640, ["couple_comparison"]),
                quote("c2", "Next Hyun Bin and Son Ye-jin? I'm ready", "en", 410, ["couple_comparison", "ship"]),
            ],
            "chemistry": [
                quote("h1", "Their chemistry is unreal.\nI have watched this 20 times.", "en", 1500, ["chemistry"]),
                quote("h2", "케미 미쳤다 둘이 너무 잘 어울려", "ko", 870, ["chemistry"]),
            ],
            "visuals": [quote("v1", "비주얼 합 무슨 일이야", "ko", 300, ["visuals"])],
            "acting": [quote("a1", "Episode 7 destroyed me, the acting is top tier", "en", 260, ["acting"])],
            "congrats": [],
        },
        "people": [{"id": "min-tae-oh", "name": "Min Tae-oh (민태오)", "n": 388},
                   {"id": "seo-ha-rin", "name": "Seo Ha-rin (서하린)", "n": 352},
                   {"id": "hyun-bin", "name": "Hyun Bin (현빈)", "n": 41}],
        "couples_invoked": [{"id": "hyun-bin|son-ye-jin", "name": "Hyun Bin & Son Ye-jin", "n": 38},
                            {"id": "song-joong-ki|song-hye-kyo", "name": "Song-Song couple", "n": 9}],
        "pairs": [{"pair": "min-tae-oh|seo-ha-rin", "names": ["Min Tae-oh (민태오)", "Seo Ha-rin (서하린)"], "n": 731,
                   "ship_index": interval(47.0, 4.4, 731)}],
        "hate": {"count": 23, "share": 23 / n, "examples": [
            quote("x1", "못생긴 게 어디서 연기를 한다고 꺼져라", "ko", 3, ["hate"]),
            quote("x2", "she is a talentless gold digger", "en", 1, ["hate"]),
        ], "over_time": [{"t": f"{d}T00:00:00+00:00", "n": v, "share": h}
                         for d, v, h in zip(days, volumes, [0.01, 0.015, 0.04, 0.02, 0.01, 0.03])]},
        "rumour": {
            "k": 2.0, "window_h": 24, "baseline_h": 168, "min_n": 20, "min_windows": 3, "status": "ok", "step_h": 12,
            "points": [
                {"t": f"{d}T{h:02d}:00:00+00:00", "share": s, "n": 150, "baseline": 0.2, "threshold": 0.3,
                 "judged": True, "spike": s > 0.3}
                for d, pair in zip(days, [(0.18, 0.2), (0.21, 0.2), (0.36, 0.31), (0.2, 0.19), (0.22, 0.21),
                                          (0.19, 0.2)])
                for h, s in zip((0, 12), pair)
            ],
            "episodes": [{"start": "2024-03-03T00:00:00+00:00", "end": "2024-03-03T13:00:00+00:00",
                          "peak": "2024-03-03T00:00:00+00:00", "share": 0.36, "n": 150, "baseline": 0.2,
                          "sd": 0.02, "threshold": 0.3}],
        },
    }


HOSTILE = [
    "<img src=x onerror=alert(1)>",
    "</script><script>alert(1)</script>",
    '"><svg onload=alert(1)>',
]


def make_hostile() -> dict:
    s = make_summary()
    s["title"] = "<script>alert('title')</script>"
    s["pair"]["names"] = ['"><svg onload=alert(2)>', "Seo Ha-rin"]
    s["quotes"]["ship"] = [quote(f"hx{i}", t, "en", 10, ["ship"]) for i, t in enumerate(HOSTILE)]
    s["quotes"]["ship"].append(
        {**quote("js", "click my permalink", "en", 5, ["ship"]), "permalink": "javascript:alert(document.cookie)"})
    s["quotes"]["chemistry"] = [
        quote("md", "> fake quote end\n\n# Injected heading\n[click](javascript:alert(1)) & <b>bold</b>", "en", 7,
              ["chemistry"]),
        {**quote("ev", "evil host", "en", 4, ["chemistry"]), "permalink": "https://evil.example/watch?v=x"},
    ]
    s["quotes"]["denial"] = [{**quote("ev2", "tricky host", "en", 4, ["denial"]),
                              "permalink": "https://www.youtube.com.evil.example/x"}]
    s["moments"][0]["url"] = "javascript:alert('moment')"
    s["moments"][0]["label"] = "<b>2:31</b>"
    s["hate"]["examples"].append(quote("hx", HOSTILE[0], "en", 0, ["hate"]))
    s["sources"] = [{"platform": "<i>yt</i>", "source_id": "<script>x</script>", "url": "data:text/html,<b>x</b>"}]
    s["people"].append({"id": "x", "name": HOSTILE[1], "n": 1})
    s["ship_index_by_language"]["<svg>"] = interval(10.0, 5.0, 20)
    s["languages"]["<svg>"] = 20
    return s


def make_empty() -> dict:
    return {
        "title": None, "pair": None, "sources": [], "generated_at": "2024-03-07T09:30:00+00:00",
        "model": {"reactions": "lexicon-v1", "sentiment": "lexicon-v1"},
        "n_comments": 0, "n_on_topic": 0, "time_span": {"start": None, "end": None},
        "counts": _counts(), "shares": {k: 0.0 for k in LABELS}, "weighted_shares": {k: 0.0 for k in LABELS},
        "ship_index": {"value": 0.0, "ci_low": 0.0, "ci_high": 0.0, "n": 0},
        "ship_index_by_language": {}, "languages": {}, "labels_by_language": {},
        "sentiment": {"mean": 0.0, "negative": 0, "neutral": 0, "positive": 0},
        "timeline": {"granularity": "day", "points": []}, "moments": [],
        "quotes": {k: [] for k in LABELS if k not in ("hate", "spam", "other")},
        "people": [], "couples_invoked": [], "pairs": [], "hate": {"count": 0, "share": 0.0, "examples": [], "over_time": []},
        "rumour": {"k": 2.0, "window_h": 24, "baseline_h": 168, "min_n": 20, "min_windows": 3,
                   "status": "no_timestamps", "step_h": None, "points": [], "episodes": []},
    }
