"""``shipwatch eval``: score the understanding pipeline on a gold file.

Definitions (design.md, Quality bars): labels are compared as sets per comment; micro-F1 pools every label
decision, macro-F1 is the mean of per-label F1 over the labels that occur in the gold set or the predictions;
sentiment accuracy compares negative / neutral / positive (gold -2..-1 / 0 / 1..2); target accuracy is the share
of comments whose predicted set of people equals the gold set, a gold name mapped through the registry and an
unknown name compared as normalized text.
"""
from __future__ import annotations

import unicodedata
from pathlib import Path
from typing import Sequence

from .gold import GoldRow, read_gold
from .schema import LABELS, record_batch, sentiment_class


def _norm_name(name: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFKC", name).casefold() if ch.isalnum())


def _gold_sentiment(v: int | None) -> str | None:
    if v is None:
        return None
    return "negative" if v < 0 else "positive" if v > 0 else "neutral"


def predict(rows: Sequence[GoldRow], pipeline) -> dict[str, list]:
    batch = record_batch([
        {"platform": "gold", "source_id": "gold", "comment_id": str(r.line), "text": r.comment,
         "title": r.context, "source_line": r.line}
        for r in rows
    ])
    out = pipeline(batch)
    return {name: out.column(name).to_pylist() for name in ("labels", "sentiment", "people")}


def score(rows: Sequence[GoldRow], pred: dict[str, list], registry) -> dict:
    tp = dict.fromkeys(LABELS, 0)
    fp = dict.fromkeys(LABELS, 0)
    fn = dict.fromkeys(LABELS, 0)
    support = dict.fromkeys(LABELS, 0)
    sent_ok = sent_n = tgt_ok = 0
    for i, r in enumerate(rows):
        gold, got = set(r.labels), set(pred["labels"][i] or [])
        for lab in LABELS:
            g, p = lab in gold, lab in got
            support[lab] += g
            tp[lab] += g and p
            fp[lab] += p and not g
            fn[lab] += g and not p
        gs = _gold_sentiment(r.sentiment)
        if gs is not None:
            sent_n += 1
            sent_ok += gs == sentiment_class(pred["sentiment"][i])
        gold_t = set()
        for name in r.targets:
            pid = registry.resolve(name) if registry is not None else None
            gold_t.add(pid or _norm_name(name))
        tgt_ok += gold_t == set(pred["people"][i] or [])

    def prf(t, p_, n_):
        prec = t / (t + p_) if t + p_ else 0.0
        rec = t / (t + n_) if t + n_ else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        return prec, rec, f1

    per = {}
    for lab in LABELS:
        prec, rec, f1 = prf(tp[lab], fp[lab], fn[lab])
        per[lab] = {"precision": round(prec, 4), "recall": round(rec, 4), "f1": round(f1, 4),
                    "support": support[lab], "predicted": tp[lab] + fp[lab]}
    active = [lab for lab in LABELS if per[lab]["support"] or per[lab]["predicted"]]
    _, _, micro = prf(sum(tp.values()), sum(fp.values()), sum(fn.values()))
    n = len(rows)
    return {
        "labels": per,
        "micro_f1": round(micro, 4),
        "macro_f1": round(sum(per[lab]["f1"] for lab in active) / len(active), 4) if active else 0.0,
        "sentiment_accuracy": round(sent_ok / sent_n, 4) if sent_n else None,
        "target_accuracy": round(tgt_ok / n, 4) if n else None,
        "n": n,
    }


def evaluate(gold_path: str | Path, pipeline=None, registry=None) -> dict:
    """Score ``pipeline`` (default: the shipped one) on a gold JSON-lines file."""
    from .people.registry import load_registry
    from .understand.pipeline import Pipeline

    rows = list(read_gold(gold_path))
    registry = registry if registry is not None else load_registry()
    pipeline = pipeline if pipeline is not None else Pipeline()
    pred = predict(rows, pipeline) if rows else {"labels": [], "sentiment": [], "people": []}
    return score(rows, pred, registry)


def format_table(result: dict) -> str:
    lines = [f"{'label':<18}{'prec':>7}{'rec':>7}{'f1':>7}{'support':>9}"]
    for lab, m in result["labels"].items():
        lines.append(f"{lab:<18}{m['precision']:>7.3f}{m['recall']:>7.3f}{m['f1']:>7.3f}{m['support']:>9}")
    fmt = lambda v: "n/a" if v is None else f"{v:.3f}"  # noqa: E731
    lines += [
        "",
        f"micro-F1 {fmt(result['micro_f1'])}   macro-F1 {fmt(result['macro_f1'])}   "
        f"sentiment acc {fmt(result['sentiment_accuracy'])}   target acc {fmt(result['target_accuracy'])}   "
        f"n {result['n']}",
    ]
    return "\n".join(lines)
