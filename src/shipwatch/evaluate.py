"""``shipwatch eval``: score the understanding pipeline on a gold file.

Definitions (design.md, Quality bars): labels are compared as sets per comment; micro-F1 pools every label
decision, macro-F1 is the mean of per-label F1 over the labels that occur in the gold set or the predictions;
sentiment accuracy compares negative / neutral / positive (gold -2..-1 / 0 / 1..2).

Targets are scored three ways. A gold name is mapped through the registry to a person id; a name the registry
does not know (a person only the comment names, an unnamed partner written as 예비신부) is compared as
normalized text (NFKC, case-folded, letters and digits only).

- ``target_accuracy`` (exact set): the share of comments whose predicted set of people equals the gold set.
- ``mention`` (linking): over the people a comment explicitly names. A person is *named* in a comment when one
  of their names occurs in its text: for a registry person any name the registry has for them (Hangul and
  romanized names, aliases, given, character and ambiguous names, ship names of their couples), otherwise the
  normalized name itself. Hangul names are looked for with spaces ignored (a one-syllable name only at the
  start of a word), romanized ones as whole words with any separator. Per comment, M = the gold targets named
  in it plus every predicted person named in it; pooled over comments, ``precision`` = |M & pred & gold| /
  |M & pred|, ``recall`` = |M & pred & gold| / |M & gold|, ``accuracy`` = |M & pred & gold| / |M| (correct
  links over the union of gold and predicted mentions).
- ``implicit`` (attribution): the remaining targets, those a comment refers to without naming them (headline
  people under a no-name comment, "they" / 둘이). ``accuracy`` is the share of comments whose unnamed predicted
  set equals their unnamed gold set (both empty counts as agreement); ``precision`` / ``recall`` pool the
  unnamed people as above, and ``accuracy_nonempty`` is the exact-set share over comments where either side has
  an unnamed person.

``ship_index`` (what a report would say): per headline (``context``) with at least ``SHIP_INDEX_MIN`` on-topic
comments by the gold labels, the Ship Index of reactions.md from the gold labels and from the predicted ones,
unweighted (gold rows carry no likes), each over its own on-topic comments. ``mean_abs_error`` and ``bias``
(predicted minus gold) are in index points; ``same_sign`` is the share of headlines with a gold index of at least
5 points either way whose predicted index has the same sign: do fans ship or deny, as the report would say.
"""
from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from typing import Sequence

from .gold import GoldRow, read_gold
from .schema import LABELS, record_batch, sentiment_class, ship_sign

SHIP_INDEX_MIN = 20


def _norm_name(name: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFKC", name).casefold() if ch.isalnum())


_HANGUL = re.compile(r"[가-힣]")
_LATIN_SEP = r"[\s\-_.'’]*"


class _Mentions:
    """Whether a person is named in a comment's text: the ``mention`` metric's test (see the module docstring).

    Deliberately independent of the people stage's matcher (no particle rules, no context): it only asks whether a
    name of the person is written in the comment, so the metric does not grade the stage by its own rules."""

    def __init__(self, registry):
        self.registry = registry
        self._forms: dict[str, re.Pattern | None] = {}
        self._ships: dict[str, list[str]] = {}
        if registry is not None:
            for c in registry.couples.values():
                for m in c.members:
                    self._ships.setdefault(m, []).extend(c.ship_names)

    def _pattern(self, pid: str) -> re.Pattern | None:
        if pid in self._forms:
            return self._forms[pid]
        p = self.registry.people.get(pid) if self.registry is not None else None
        if p is None:
            names = [pid]
        else:
            names = [n for n in (p.name_ko, p.name_en) if n]
            names += [*p.aliases, *p.given_names, *p.derived_given_names(), *p.characters, *p.ambiguous,
                      *self._ships.get(pid, ())]
        alts = set()
        for n in names:
            n = unicodedata.normalize("NFKC", n).casefold().strip().lstrip("@#")
            if _HANGUL.search(n):
                key = "".join(ch for ch in n if ch.isalnum())
                if key:
                    # one syllable (별, 비): only where a word starts, else every 별로 and 이별 would name 별
                    alts.add(("(?<![가-힣])" if len(key) == 1 else "") + re.escape(key))
            else:
                parts = re.findall(r"[^\W_]+", n)
                if parts:
                    alts.add(r"(?<![^\W_])" + _LATIN_SEP.join(map(re.escape, parts)) + r"(?![^\W_])")
                    if len(parts) >= 2:  # fans write romanized names in both orders
                        rev = parts[1:] + parts[:1]
                        alts.add(r"(?<![^\W_])" + _LATIN_SEP.join(map(re.escape, rev)) + r"(?![^\W_])")
        pat = re.compile("|".join(sorted(alts))) if alts else None
        self._forms[pid] = pat
        return pat

    @staticmethod
    def prepare(text: str) -> tuple[str, str]:
        """(case-folded text, the same with spaces removed between Hangul) for ``named``."""
        low = unicodedata.normalize("NFKC", text).casefold()
        return low, re.sub(r"(?<=[가-힣])\s+(?=[가-힣])", "", low)

    def named(self, pid: str, prepared: tuple[str, str]) -> bool:
        pat = self._pattern(pid)
        if pat is None:
            return False
        low, joined = prepared
        return pat.search(joined) is not None or pat.search(low) is not None


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
    mentions = _Mentions(registry)
    # mention: named & pred & gold, named & pred, named & gold, named & (pred | gold); implicit: the same for the
    # unnamed people, then comments whose unnamed sets agree, and that over comments with any unnamed person
    m_tp = m_pred = m_gold = m_union = 0
    i_tp = i_pred = i_gold = i_ok = i_ok_nonempty = i_nonempty = 0
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
        pred_t = set(pred["people"][i] or [])
        tgt_ok += gold_t == pred_t
        prepared = mentions.prepare(r.comment)
        named = {p for p in gold_t | pred_t if mentions.named(p, prepared)}
        m_tp += len(named & gold_t & pred_t)
        m_pred += len(named & pred_t)
        m_gold += len(named & gold_t)
        m_union += len(named)
        ig, ip = gold_t - named, pred_t - named
        i_tp += len(ig & ip)
        i_pred += len(ip)
        i_gold += len(ig)
        i_ok += ig == ip
        if ig or ip:
            i_nonempty += 1
            i_ok_nonempty += ig == ip

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
        "mention": {"precision": _ratio(m_tp, m_pred), "recall": _ratio(m_tp, m_gold),
                    "accuracy": _ratio(m_tp, m_union), "gold": m_gold, "predicted": m_pred},
        "implicit": {"accuracy": round(i_ok / n, 4) if n else None, "precision": _ratio(i_tp, i_pred),
                     "recall": _ratio(i_tp, i_gold), "accuracy_nonempty": _ratio(i_ok_nonempty, i_nonempty),
                     "comments": i_nonempty, "gold": i_gold, "predicted": i_pred},
        "ship_index": ship_index_error(rows, pred["labels"]),
        "n": n,
    }


def _ship_index(label_sets: Sequence[set[str]]) -> tuple[float | None, int]:
    """(Ship Index, on-topic count) of some comments' label sets, unweighted; None without on-topic comments."""
    signs = [s for s in map(ship_sign, label_sets) if s is not None]
    return (100.0 * sum(signs) / len(signs) if signs else None), len(signs)


def ship_index_error(rows: Sequence[GoldRow], predicted: Sequence[Sequence[str] | None],
                     min_comments: int = SHIP_INDEX_MIN) -> dict:
    """Gold against predicted Ship Index per headline (see the module docstring)."""
    by_context: dict[str, list[int]] = {}
    for i, r in enumerate(rows):
        if r.context:
            by_context.setdefault(r.context, []).append(i)
    per = []
    for context, idx in sorted(by_context.items()):
        gold, n = _ship_index([set(rows[i].labels) for i in idx])
        got, _ = _ship_index([set(predicted[i] or []) for i in idx])
        if gold is not None and n >= min_comments:
            per.append({"context": context, "comments": len(idx), "gold": round(gold, 1),
                        "predicted": None if got is None else round(got, 1)})
    errors = [h["predicted"] - h["gold"] for h in per if h["predicted"] is not None]
    signed = [h for h in per if abs(h["gold"]) >= 5 and h["predicted"] is not None]
    return {
        "headlines": len(per),
        "mean_abs_error": round(sum(map(abs, errors)) / len(errors), 2) if errors else None,
        "bias": round(sum(errors) / len(errors), 2) if errors else None,
        "same_sign": _ratio(sum((h["gold"] > 0) == (h["predicted"] > 0) for h in signed), len(signed)),
        "signed_headlines": len(signed),
        "per_headline": per,
    }


def _ratio(a: int, b: int) -> float | None:
    return round(a / b, 4) if b else None


def trained_pipeline(model_dir: str | Path, registry=None):
    """The default pipeline with the trained models of ``model_dir`` instead of the shipped ones."""
    from .errors import UsageError
    from .models.trained import TrainedReactionModel, TrainedSentimentModel
    from .understand.pipeline import Pipeline, default_stages

    try:
        rm, sm = TrainedReactionModel(model_dir), TrainedSentimentModel(model_dir)
    except (FileNotFoundError, ValueError) as e:
        raise UsageError(f"eval: --model {model_dir}: {e}") from e
    return Pipeline(default_stages(registry=registry, reaction_model=rm, sentiment_model=sm))


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
    m, im = result.get("mention"), result.get("implicit")
    if m and im:
        lines.append(f"targets: mention (named people) acc {fmt(m['accuracy'])} prec {fmt(m['precision'])} "
                     f"rec {fmt(m['recall'])} (gold {m['gold']})   implicit (unnamed) acc {fmt(im['accuracy'])} "
                     f"prec {fmt(im['precision'])} rec {fmt(im['recall'])} "
                     f"acc on {im['comments']} comments with any {fmt(im['accuracy_nonempty'])}")
    si = result.get("ship_index")
    if si and si["headlines"]:
        lines.append(f"ship index over {si['headlines']} headlines with >= {SHIP_INDEX_MIN} on-topic comments: "
                     f"mean abs error {si['mean_abs_error']:.1f} points, bias {si['bias']:+.1f}, same sign "
                     f"{fmt(si['same_sign'])} of {si['signed_headlines']} with |gold| >= 5")
    return "\n".join(lines)
