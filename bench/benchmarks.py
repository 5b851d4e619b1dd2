"""Quality of the shipped models on public benchmarks and on our held-out headlines (prints numbers; not a test).

    .venv/bin/python bench/benchmarks.py            # everything, trained v2 models
    .venv/bin/python bench/benchmarks.py --json     # the same as JSON
    .venv/bin/python bench/benchmarks.py --only hate,nsmc
    .venv/bin/python bench/benchmarks.py --model /tmp/m --gold /tmp/g/test.jsonl   # a `shipwatch train --out`

Held out, never trained on (see shipwatch.models.train.corpora):
  - hate: kocohub labeled/dev.tsv (3-class weighted F1, binary hate-or-offensive F1), level 1 hate head;
  - nsmc: reviews of the movies ``headline_split(movie_id)`` puts in ``test`` (ratings 1-4 vs 9-10), minus any
    text that also occurs under a training movie; polarity head accuracy and the shipped sentiment's sign;
  - spam: YouTube Spam Collection Psy + Eminem (unique comments), spam head and the shipped ``spam`` label;
  - gold: ``gold/build/test.jsonl`` (held-out headlines) through the whole understanding pipeline, v1 and v2,
    with the expected calibration error (10 bins) of every label's probability.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from shipwatch.gold import headline_split, read_gold  # noqa: E402
from shipwatch.models.train import corpora  # noqa: E402
from shipwatch.models.train.fit import ece  # noqa: E402
from shipwatch.models.trained.model import DEFAULT_DIR, hate_proba, shared_engine, spam_proba  # noqa: E402
from shipwatch.schema import LABELS  # noqa: E402

DATA = ROOT / ".." / "shared" / "data"
GOLD_TEST = ROOT / "gold" / "build" / "test.jsonl"
# The trained model folder every benchmark scores (--model); the gold file of the gold benchmark (--gold).
MODEL_DIR = DEFAULT_DIR


def prf(gold, pred) -> tuple[float, float, float]:
    gold, pred = np.asarray(gold, bool), np.asarray(pred, bool)
    tp = float((gold & pred).sum())
    p = tp / pred.sum() if pred.sum() else 0.0
    r = tp / gold.sum() if gold.sum() else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def weighted_f1(gold: list[int], pred: list[int]) -> float:
    gold, pred = np.asarray(gold), np.asarray(pred)
    return float(sum(prf(gold == c, pred == c)[2] * (gold == c).sum() for c in np.unique(gold)) / len(gold))


def hate() -> dict:
    rows = corpora._tsv(DATA / "kocohub-beep" / "labeled" / "dev.tsv")
    ex = [corpora.example(r["comments"], {"none": 0, "offensive": 1, "hate": 2}[r["hate"]]) for r in rows]
    p = hate_proba(shared_engine(MODEL_DIR), [e.text for e in ex], [e.lang for e in ex])
    gold, pred = [e.y for e in ex], list(p.argmax(axis=1))
    _, _, f_bin = prf([g > 0 for g in gold], [q > 0 for q in pred])
    return {"n": len(ex), "weighted_f1_3class": round(weighted_f1(gold, pred), 4),
            "accuracy_3class": round(float(np.mean(np.equal(gold, pred))), 4),
            "hate_or_offensive_f1": round(f_bin, 4)}


def nsmc() -> dict:
    from shipwatch.models.trained import TrainedSentimentModel

    train_texts, held = set(), {}
    for movie, review, rating in corpora.nsmc_rows(DATA):
        y = corpora.nsmc_label(rating)
        if y is None:
            continue
        if headline_split(movie) == "train":
            train_texts.add(review)
        else:
            held.setdefault(review, y)
    rows = [(t, y) for t, y in held.items() if t not in train_texts]
    ex = [corpora.example(t, y) for t, y in rows]
    texts, langs = [e.text for e in ex], [e.lang for e in ex]
    gold = np.array([e.y for e in ex])
    sm = TrainedSentimentModel(MODEL_DIR)
    pol = np.concatenate([sm.polarity(texts[i:i + 20000], langs[i:i + 20000]) for i in range(0, len(ex), 20000)])
    shipped = np.concatenate([sm.predict(texts[i:i + 20000], [None] * len(texts[i:i + 20000]), langs[i:i + 20000])
                              for i in range(0, len(ex), 20000)])
    return {"n": len(ex), "positive_share": round(float(gold.mean()), 4),
            "polarity_head_accuracy": round(float(((pol >= 0.5) == gold).mean()), 4),
            "shipped_sentiment_sign_accuracy": round(float(((shipped > 0) == gold).mean()), 4)}


def spam() -> dict:
    from shipwatch.models.trained import TrainedReactionModel

    rows = corpora.spam_rows(DATA, corpora.SPAM_TEST_FILES)
    ex = [corpora.example(t, y) for t, y in rows]
    texts, langs = [e.text for e in ex], [e.lang for e in ex]
    gold = [e.y for e in ex]
    head = spam_proba(shared_engine(MODEL_DIR), texts, langs) >= 0.5
    m = TrainedReactionModel(MODEL_DIR)
    k = LABELS.index("spam")
    label = m.predict_proba(texts, [None] * len(texts), langs)[:, k] >= m.thresholds[k]
    ph, rh, fh = prf(gold, head)
    pl, rl, fl = prf(gold, label)
    return {"n": len(ex), "spam_head": {"precision": round(ph, 4), "recall": round(rh, 4), "f1": round(fh, 4)},
            "shipped_spam_label": {"precision": round(pl, 4), "recall": round(rl, 4), "f1": round(fl, 4)}}


def gold() -> dict:
    from shipwatch.evaluate import predict, score
    from shipwatch.models.lexicon import LexiconReactionModel, LexiconSentimentModel
    from shipwatch.models.trained import TrainedReactionModel, TrainedSentimentModel
    from shipwatch.people.registry import load_registry
    from shipwatch.understand.pipeline import Pipeline, default_stages

    if not GOLD_TEST.exists():
        return {"skipped": f"{GOLD_TEST} missing: run `shipwatch gold build` first"}
    rows = list(read_gold(GOLD_TEST))
    registry = load_registry()
    out = {}
    for name, rm, sm in (("v1-lexicon", LexiconReactionModel(), LexiconSentimentModel()),
                         ("v2-trained", TrainedReactionModel(MODEL_DIR), TrainedSentimentModel(MODEL_DIR))):
        pipe = Pipeline(default_stages(registry=registry, reaction_model=rm, sentiment_model=sm))
        pred = predict(rows, pipe)
        res = score(rows, pred, registry)
        summary = {"micro_f1": res["micro_f1"], "macro_f1": res["macro_f1"],
                   "sentiment_accuracy": res["sentiment_accuracy"], "n": res["n"],
                   "f1": {lab: res["labels"][lab]["f1"] for lab in LABELS}}
        if name == "v2-trained":
            from shipwatch.schema import record_batch
            batch = record_batch([{"platform": "gold", "source_id": "gold", "comment_id": str(i), "text": r.comment,
                                   "title": r.context} for i, r in enumerate(rows)])
            full = pipe(batch)
            summary["ece"] = {}
            for lab in LABELS:
                if lab == "other":
                    continue
                p = np.asarray(full.column(f"p_{lab}").to_pylist(), dtype=float)
                y = np.array([lab in r.labels for r in rows], dtype=float)
                summary["ece"][lab] = round(ece(p, y), 4)
        out[name] = summary
    return out


def main() -> None:
    global MODEL_DIR, GOLD_TEST
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--only", default="hate,nsmc,spam,gold")
    ap.add_argument("--model", type=Path, default=DEFAULT_DIR, help="trained model folder (default: shipped)")
    ap.add_argument("--gold", type=Path, default=GOLD_TEST, help="held-out gold file of the gold benchmark")
    args = ap.parse_args()
    MODEL_DIR, GOLD_TEST = args.model, args.gold
    if not DATA.is_dir():
        sys.exit(f"{DATA} not found: these measurements need the shared data folder next to the repository")
    fns = {"hate": hate, "nsmc": nsmc, "spam": spam, "gold": gold}
    results = {k: fns[k]() for k in args.only.split(",")}
    if args.json:
        print(json.dumps(results, ensure_ascii=False, indent=1))
        return
    for k, v in results.items():
        print(f"== {k}")
        print(json.dumps(v, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
