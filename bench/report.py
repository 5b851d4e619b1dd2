"""Report generation from a large store: summarize (SQL) + write summary.json, report.html and article.md.

    python bench/report.py --n 1000000 --json
    -> {"n": ..., "build_s": ..., "summarize_s": ..., "render_s": ..., "total_s": ..., "peak_rss_mb": ...}

The store is built once (kept with --db and reused when it already holds n comments) from synthetic analysed rows
written straight into a Store: 30 days of comments on one video in six languages, multi-label reactions with
probabilities, Pareto likes, timestamps and moments, and a dating-claim surge on day 20. Only summarize + render
are timed; the target is under 10 s for 1M comments.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import resource
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pyarrow as pa

from shipwatch.aggregate import Aggregator
from shipwatch.api import write_outputs
from shipwatch.schema import COMMENT_SCHEMA, LABELS, conform
from shipwatch.store import Store

VIDEO = "sUmMeRsTaT1"
# Written for this benchmark: short comment stems per language, varied by a number so texts are distinct.
STEMS = {
    "en": ["just date already {}", "they're dating, calling it {}", "the chemistry at {} is unreal",
           "it's called acting, leave them alone {}", "next Hyun Bin and Son Ye-jin? {}", "she is so pretty {}"],
    "ko": ["그냥 사귀어라 제발 {}", "이거 찐이다 손 잡은 거 봐 {}", "케미 미쳤다 {}", "망붕들 적당히 해라 {}",
           "제2의 현빈 손예진 각 {}", "비주얼 무슨 일 {}"],
    "es": ["ojalá sean pareja {}", "qué química {}"], "ja": ["付き合ってほしい {}", "相性良すぎ {}"],
    "id": ["cepetan jadian dong {}", "chemistry mereka gila {}"], "pt": ["que casal lindo {}", "eles namoram {}"],
}
LANG_P = {"en": 0.42, "ko": 0.38, "es": 0.07, "ja": 0.05, "id": 0.05, "pt": 0.03}
LABEL_P = {"ship": 0.12, "dating_claim": 0.10, "denial": 0.05, "couple_comparison": 0.03, "chemistry": 0.12,
           "visuals": 0.08, "acting": 0.1, "congrats": 0.02, "hate": 0.02, "spam": 0.02}


def batch(rng: np.random.Generator, start: int, size: int, t0: dt.datetime) -> pa.RecordBatch:
    langs = rng.choice(list(LANG_P), size=size, p=list(LANG_P.values()))
    seconds = rng.integers(0, 30 * 86400, size=size)
    day = seconds // 86400
    probs = {lab: rng.random(size) for lab in LABELS}
    labels = [[] for _ in range(size)]
    for lab, p in LABEL_P.items():
        rate = np.where((day == 20) & (lab == "dating_claim"), 0.3, p)
        hit = probs[lab] < rate
        probs[lab] = np.where(hit, 0.5 + probs[lab] / 2, probs[lab] / 2)
        for i in np.flatnonzero(hit):
            labels[i].append(lab)
    for i in range(size):
        if not labels[i]:
            labels[i].append("other")
    texts = [STEMS[lg][int(k) % len(STEMS[lg])].format(start + i) for i, (lg, k) in
             enumerate(zip(langs, rng.integers(0, 1000, size=size)))]
    moments = [[int(m)] if m < 600 else [] for m in rng.integers(0, 6000, size=size)]
    cols = {
        "platform": ["youtube"] * size, "source_id": [VIDEO] * size,
        "comment_id": [f"c{start + i}" for i in range(size)], "author": [f"user{i % 5000}" for i in range(size)],
        "author_channel": [f"UC{i % 5000}" for i in range(size)], "text": texts, "text_norm": texts,
        "likes": (rng.pareto(1.2, size) * 3).astype(np.int64), "reply_count": np.zeros(size, dtype=np.int64),
        "published_at": [t0 + dt.timedelta(seconds=int(s)) for s in seconds], "title": ["BTS clip"] * size,
        "source_line": np.arange(start + 1, start + size + 1), "has_url": [False] * size, "lang": langs.tolist(),
        "moments": moments, "people": [["min-tae-oh", "seo-ha-rin"]] * size, "pair": ["min-tae-oh|seo-ha-rin"] * size,
        "couples": [[]] * size, "handles": [[]] * size, "labels": labels,
        "sentiment": rng.uniform(-1, 1, size).astype(np.float32),
        **{f"p_{lab}": probs[lab].astype(np.float32) for lab in LABELS},
    }
    arrays = {f.name: pa.array(cols[f.name], type=f.type) if f.name in cols else pa.nulls(size, f.type)
              for f in COMMENT_SCHEMA}
    return conform(pa.RecordBatch.from_pydict(arrays, schema=COMMENT_SCHEMA))


def build(db: Path, n: int, chunk: int = 100_000) -> float:
    start = time.perf_counter()
    rng = np.random.default_rng(0)
    t0 = dt.datetime(2026, 10, 1, tzinfo=dt.timezone.utc)
    with Store(db, memory_limit="1GB") as store:
        done = store.count()
        while done < n:
            size = min(chunk, n - done)
            store.upsert(batch(rng, done, size, t0))
            done += size
    return time.perf_counter() - start


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=1_000_000)
    ap.add_argument("--db", type=Path, help="store to build or reuse (default: a temporary file)")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="shipwatch-bench-report-"))
    db = args.db or tmp / "bench.duckdb"
    build_s = build(db, args.n)
    with Store(db) as store:
        n = store.count()
        t = time.perf_counter()
        summary = Aggregator().summarize(store, [("youtube", VIDEO)], title="BTS clip")
        summarize_s = time.perf_counter() - t
        t = time.perf_counter()
        write_outputs(summary, tmp / "report")
        render_s = time.perf_counter() - t
    result = {"n": n, "build_s": round(build_s, 1), "summarize_s": round(summarize_s, 2),
              "render_s": round(render_s, 2), "total_s": round(summarize_s + render_s, 2),
              "rumour_episodes": len(summary["rumour"]["episodes"]),
              "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)}
    print(json.dumps(result) if args.json else
          f"{n:,} comments: summarize {summarize_s:.2f} s + render {render_s:.2f} s = "
          f"{summarize_s + render_s:.2f} s (build {build_s:.0f} s, peak RSS {result['peak_rss_mb']:.0f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
