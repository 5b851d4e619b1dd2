"""Measure the People stage: comments/s on one core, and its share of the whole understanding pipeline's time.

    .venv/bin/python bench/people.py             # kocohub couple news (all 8.7k comments, with headlines), x5
    .venv/bin/python bench/people.py --repeat 20 --rounds 5
    .venv/bin/python bench/people.py --models shipped  # the trained models users run

Data: ../shared/data/kocohub-beep/derived/couple_news_comments.tsv (see its SOURCE.md). Every stage is timed on
the same normalized batches, after one warm-up pass that builds the matchers and caches (as a long run would).
"""
from __future__ import annotations

import argparse
import csv
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from shipwatch.models.lexicon import LexiconReactionModel, LexiconSentimentModel  # noqa: E402
from shipwatch.schema import record_batch  # noqa: E402
from shipwatch.understand.pipeline import default_stages  # noqa: E402

DATA = ROOT / ".." / "shared" / "data" / "kocohub-beep" / "derived" / "couple_news_comments.tsv"


def batches(repeat: int, size: int = 5000):
    with open(DATA, encoding="utf-8") as f:
        rows = list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))
    records = [{"platform": "file", "source_id": "bench", "comment_id": str(i), "text": r["comments"],
                "title": r["news_title"]} for i, r in enumerate(rows * repeat)]
    return [record_batch(records[i:i + size]) for i in range(0, len(records), size)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="Times the corpus is repeated.")
    parser.add_argument("--rounds", type=int, default=3,
                        help="Fresh pipelines timed; each stage's best round counts (timings on a shared machine "
                             "vary by a tenth from run to run).")
    parser.add_argument("--models", choices=("lexicon", "shipped"), default="lexicon",
                        help="Reaction and sentiment models of the pipeline around the People stage.")
    args = parser.parse_args()
    if not DATA.exists():
        sys.exit(f"{DATA} not found: this benchmark needs ../shared/data (see ../shared/data/README.md)")
    data = batches(args.repeat)
    n = sum(b.num_rows for b in data)
    seconds: dict[str, float] = {}
    for _ in range(args.rounds):
        # By default the lexicon reaction models, the fastest: the People stage's share is then an upper bound,
        # whichever reaction model ships. --models shipped times the pipeline users run.
        stages = (default_stages() if args.models == "shipped" else
                  default_stages(reaction_model=LexiconReactionModel(), sentiment_model=LexiconSentimentModel()))
        this = {s.name: 0.0 for s in stages}
        for warm in (True, False):
            for batch in (data[:1] if warm else data):
                for stage in stages:
                    t0 = time.perf_counter()
                    batch = stage(batch)
                    if not warm:
                        this[stage.name] += time.perf_counter() - t0
        seconds = {k: min(v, seconds.get(k, v)) for k, v in this.items()}
    total = sum(seconds.values())
    for name, s in seconds.items():
        print(f"{name:<12}{n / s:>12,.0f} comments/s   {100 * s / total:5.1f}% of the pipeline")
    people = seconds["people"]
    print(f"\n{n:,} comments: People {n / people:,.0f} comments/s on one core; "
          f"{100 * people / total:.1f}% of the understanding time "
          f"(adds {100 * people / (total - people):.1f}% to the other stages)")


if __name__ == "__main__":
    main()
