"""Speed of the understanding pipeline with the shipped models (prints numbers; not a test).

    .venv/bin/python bench/understand.py                 # 2 worker processes, the default models
    .venv/bin/python bench/understand.py --workers 1 --lexicon

Measures, on real comments from ../shared/data (Korean couple-news comments under their headlines, English
YouTube and Reddit comments, resampled with a fixed seed):
  - comments/s of the whole understanding pipeline (normalize, language, moments, people, reactions,
    sentiment) in ``--workers`` processes, each running the pipeline on batches of ``--batch`` comments, the
    way `analyze` or a Spark worker does;
  - the time to load the models (a fresh process, first call to the defaults);
  - the wall time of `shipwatch analyze` on a one-comment file.
"""
from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

_PIPE = None


def _init(lexicon: bool) -> None:
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    global _PIPE
    from shipwatch.understand.pipeline import Pipeline, default_stages

    if lexicon:
        from shipwatch.models.lexicon import LexiconReactionModel, LexiconSentimentModel
        _PIPE = Pipeline(default_stages(reaction_model=LexiconReactionModel(), sentiment_model=LexiconSentimentModel()))
    else:
        _PIPE = Pipeline()
    from shipwatch.schema import record_batch
    _PIPE(record_batch([{"platform": "b", "source_id": "b", "comment_id": "0", "text": "warm up", "title": None}]))


def _run(rows: list[tuple[str, str]]) -> int:
    from shipwatch.schema import record_batch

    batch = record_batch([{"platform": "b", "source_id": "b", "comment_id": str(i), "text": t, "title": h}
                          for i, (t, h) in enumerate(rows)])
    return _PIPE(batch).num_rows


def throughput(n: int, workers: int, batch: int, lexicon: bool) -> dict:
    import random

    from throughput import pool

    rows = pool()
    rng = random.Random(0)
    sample = [rows[rng.randrange(len(rows))] for _ in range(n)]
    chunks = [sample[i:i + batch] for i in range(0, n, batch)]
    ctx = mp.get_context("fork")
    with ctx.Pool(workers, initializer=_init, initargs=(lexicon,)) as p:
        p.map(_run, chunks[:workers])  # warm: every worker has loaded its models
        t0 = time.perf_counter()
        done = sum(p.map(_run, chunks, chunksize=1))
        dt = time.perf_counter() - t0
    return {"comments": done, "workers": workers, "seconds": round(dt, 3), "comments_per_s": round(done / dt)}


def load_time() -> float:
    code = ("import time,sys; sys.path.insert(0, %r); t=time.perf_counter();"
            "from shipwatch.models.base import default_reaction_model, default_sentiment_model;"
            "default_reaction_model(); default_sentiment_model(); print(time.perf_counter()-t)") % str(ROOT / "src")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return round(float(out.stdout.strip()), 3)


def analyze_one() -> float:
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "one.tsv"
        src.write_text("comments\tnews_title\n둘이 그냥 사귀어라 제발\t김도윤·이서아 열애설\n", encoding="utf-8")
        cmd = [sys.executable, "-m", "shipwatch.cli", "analyze", str(src), "--out", str(Path(tmp) / "out"),
               "--db", str(Path(tmp) / "s.duckdb"), "--quiet"]
        env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
        t0 = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True, env=env, cwd=tmp)
        return round(time.perf_counter() - t0, 3)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=100_000)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--batch", type=int, default=5000)
    ap.add_argument("--lexicon", action="store_true", help="measure the v1 lexicon models instead")
    args = ap.parse_args()
    res = {"throughput": throughput(args.n, args.workers, args.batch, args.lexicon),
           "model_load_s": load_time(), "analyze_one_comment_s": analyze_one()}
    print(json.dumps(res, indent=1))


if __name__ == "__main__":
    main()
