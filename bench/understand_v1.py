"""Measure the v1 lexicon models: throughput and quality on public benchmarks (prints numbers; not a test).

    .venv/bin/python bench/understand_v1.py            # speed and quality
    .venv/bin/python bench/understand_v1.py --speed    # comments/s only

Data comes from ../shared/data (see its README). Held out and never used to write the rules:
  - kocohub labeled/dev.tsv (hate: binary hate-or-offensive F1, 3-class weighted F1),
  - youtube-spam-uci Youtube01-Psy + Youtube04-Eminem (spam F1; the rules were written on 02/03/05),
  - the NSMC reviews whose id hashes to the odd half (sentiment neg/neu/pos accuracy; the even half was looked at),
  - for speed, the couple-news comments under train-split headlines, with their headlines.
"""
from __future__ import annotations

import argparse
import csv
import hashlib
import html
import re
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from shipwatch.models.base import default_reaction_model, default_sentiment_model  # noqa: E402
from shipwatch.schema import LABELS  # noqa: E402

DATA = ROOT / ".." / "shared" / "data"
NEUTRAL_BAND = 0.2      # |sentiment| below this counts as neutral when compared with 3-class gold
HATE_SEVERE = 0.85      # p_hate at or above this maps to kocohub "hate" (group slurs score highest), else "offensive"


def headline_split(title: str) -> str:
    return "test" if int(hashlib.sha1(title.encode("utf-8")).hexdigest(), 16) % 5 == 0 else "train"


def read_tsv(path: Path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))


def f1(gold: list[bool], pred: list[bool]) -> tuple[float, float, float]:
    tp = sum(g and p for g, p in zip(gold, pred))
    fp = sum(p and not g for g, p in zip(gold, pred))
    fn = sum(g and not p for g, p in zip(gold, pred))
    prec = tp / (tp + fp) if tp + fp else 0.0
    rec = tp / (tp + fn) if tp + fn else 0.0
    return prec, rec, (2 * prec * rec / (prec + rec) if prec + rec else 0.0)


def weighted_f1(gold: list[str], pred: list[str]) -> float:
    total = 0.0
    for c in set(gold):
        total += f1([g == c for g in gold], [p == c for p in pred])[2] * sum(g == c for g in gold)
    return total / len(gold)


def speed(repeat: int) -> None:
    rows = [r for r in read_tsv(DATA / "kocohub-beep" / "derived" / "couple_news_comments.tsv")
            if headline_split(r["news_title"]) == "train"]
    texts = [r["comments"] for r in rows] * repeat
    titles = [r["news_title"] for r in rows] * repeat
    langs = ["ko"] * len(texts)
    rm, sm = default_reaction_model(), default_sentiment_model()
    rm.predict_proba(texts[:100], titles[:100], langs[:100])
    t0 = time.perf_counter()
    rm.predict_proba(texts, titles, langs)
    t1 = time.perf_counter()
    sm.predict(texts, titles, langs)
    t2 = time.perf_counter()
    n = len(texts)
    print(f"speed ({n} Korean news comments, one core): reactions {n / (t1 - t0):,.0f}/s, "
          f"sentiment {n / (t2 - t1):,.0f}/s, reactions+sentiment {n / (t2 - t0):,.0f} comments/s")
    en = [r["CONTENT"] for name in ("Youtube01-Psy.csv", "Youtube04-Eminem.csv")
          for r in csv.DictReader(open(DATA / "youtube-spam-uci" / name, encoding="utf-8"))] * repeat * 8
    t0 = time.perf_counter()
    rm.predict_proba(en, [None] * len(en), ["en"] * len(en))
    sm.predict(en, [None] * len(en), ["en"] * len(en))
    t1 = time.perf_counter()
    print(f"speed ({len(en)} English YouTube comments): reactions+sentiment {len(en) / (t1 - t0):,.0f} comments/s")


def hate() -> None:
    rows = read_tsv(DATA / "kocohub-beep" / "labeled" / "dev.tsv")
    texts = [r["comments"] for r in rows]
    p = default_reaction_model().predict_proba(texts, [None] * len(texts), ["ko"] * len(texts))
    ph = p[:, LABELS.index("hate")]
    thr = default_reaction_model().thresholds[LABELS.index("hate")]
    gold = [r["hate"] for r in rows]
    pr, rc, f = f1([g != "none" for g in gold], list(ph >= thr))
    pred3 = ["hate" if x >= HATE_SEVERE else "offensive" if x >= thr else "none" for x in ph]
    acc3 = np.mean([a == b for a, b in zip(gold, pred3)])
    print(f"hate, kocohub dev (n={len(rows)}): hate-or-offensive P {pr:.3f} R {rc:.3f} F1 {f:.3f}; "
          f"3-class weighted F1 {weighted_f1(gold, pred3):.3f}, accuracy {acc3:.3f}")


def _clean_spam_text(text: str) -> str:
    # The collection has HTML entities, <br />, <a> markup and a trailing U+FEFF: what normalize strips.
    return re.sub(r"<[^>]+>", " ", html.unescape(text)).replace("\ufeff", "").strip()


def spam() -> None:
    rows = [r for name in ("Youtube01-Psy.csv", "Youtube04-Eminem.csv")
            for r in csv.DictReader(open(DATA / "youtube-spam-uci" / name, encoding="utf-8"))]
    seen, uniq = set(), []
    for r in rows:
        if r["CONTENT"] not in seen:
            seen.add(r["CONTENT"])
            uniq.append(r)
    texts = [_clean_spam_text(r["CONTENT"]) for r in uniq]
    m = default_reaction_model()
    p = m.predict_proba(texts, [None] * len(texts), ["en"] * len(texts))[:, LABELS.index("spam")]
    pr, rc, f = f1([r["label"] == "1" for r in uniq], list(p >= m.thresholds[LABELS.index("spam")]))
    print(f"spam, YouTube Spam Collection Psy+Eminem (n={len(uniq)} unique): P {pr:.3f} R {rc:.3f} F1 {f:.3f}")


def sentiment() -> None:
    base = DATA / "nsmc-raw-subset"
    rows = read_tsv(base / "nsmc_raw_binary_10k.tsv") + read_tsv(base / "nsmc_raw_neutral_2k.tsv")
    held = [r for r in rows if int(hashlib.sha1(r["id"].encode()).hexdigest(), 16) % 2 == 1]
    gold = ["neu" if r["label"] == "" else "pos" if r["label"] == "1" else "neg" for r in held]
    texts = [r["document"] for r in held]
    s = default_sentiment_model().predict(texts, [None] * len(texts), ["ko"] * len(texts))
    pred = ["pos" if x >= NEUTRAL_BAND else "neg" if x <= -NEUTRAL_BAND else "neu" for x in s]
    per = {c: np.mean([p == c for g, p in zip(gold, pred) if g == c]) for c in ("neg", "neu", "pos")}
    acc = np.mean([g == p for g, p in zip(gold, pred)])
    binary = [(g, x) for g, x in zip(gold, s) if g != "neu"]
    bacc = np.mean([(x > 0) == (g == "pos") for g, x in binary if x != 0])
    cover = np.mean([x != 0 for _, x in binary])
    print(f"sentiment, NSMC held-out half (n={len(held)}, neutral band ±{NEUTRAL_BAND}): 3-class accuracy {acc:.3f} "
          f"(neg {per['neg']:.3f}, neu {per['neu']:.3f}, pos {per['pos']:.3f}); "
          f"pos/neg accuracy where non-zero {bacc:.3f} on {cover:.1%} of reviews")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--speed", action="store_true", help="throughput only")
    ap.add_argument("--repeat", type=int, default=3, help="times the speed corpus is repeated")
    args = ap.parse_args()
    if not DATA.is_dir():
        sys.exit(f"{DATA} not found: these measurements need the shared data folder next to the repository")
    speed(args.repeat)
    if not args.speed:
        hate()
        spam()
        sentiment()


if __name__ == "__main__":
    main()
