"""The v1 understanding models: weighted patterns and a lexicon, measured, explainable and fast.

``LexiconReactionModel`` scores every label of ``schema.LABELS`` as ``sigmoid(bias + sum of fired rule weights)``
(rules in ``reaction_rules``); ``other`` is the probability that no other label applies. ``LexiconSentimentModel``
scores -1..1 from ``sentiment_lexicon``. Both implement the protocols of ``shipwatch.models.base`` so a trained
model can replace them without touching the stages.

Speed matters (millions of comments): ``Matcher`` runs only the rules whose required literals occur in the comment,
and rules conditioned on the headline are resolved once per distinct title and cached.
"""
from __future__ import annotations

import math
import re
from typing import Mapping, Sequence

import numpy as np

from ...schema import LABELS
from . import reaction_rules, sentiment_lexicon
from .matcher import Matcher
from .reaction_rules import Rule

_OTHER = LABELS.index("other")
_TITLE_CACHE_SIZE = 4096


class LexiconReactionModel:
    """Weighted regular expressions per label, combined by a logistic over the fired weights."""

    name = "lexicon-v1"

    def __init__(
        self,
        rules: Mapping[str, Sequence[Rule]] | None = None,
        bias: float = reaction_rules.BIAS,
        thresholds: Mapping[str, float] | None = None,
    ):
        rules = reaction_rules.RULES if rules is None else rules
        thresholds = reaction_rules.THRESHOLDS if thresholds is None else thresholds
        unknown = set(rules) - set(LABELS)
        if unknown:
            raise ValueError(f"rules for unknown labels: {sorted(unknown)}")
        self.labels: tuple[str, ...] = LABELS
        self.bias = float(bias)
        self.thresholds = np.array([thresholds.get(label, 0.5) for label in LABELS], dtype=np.float32)
        self._rules: list[tuple[int, Rule]] = []
        for label, label_rules in rules.items():
            if label == "other":
                raise ValueError("'other' has no rules: it is what remains when no other label applies")
            for rule in label_rules:
                self._rules.append((LABELS.index(label), rule))
        self._matcher = Matcher([r.pattern for _, r in self._rules])
        self._label_of = tuple(li for li, _ in self._rules)
        self._weight_of = tuple(float(r.weight) for _, r in self._rules)
        self._title_rules = [
            (rid, re.compile(r.only_title) if r.only_title else None, re.compile(r.unless_title) if r.unless_title else None)
            for rid, (_, r) in enumerate(self._rules)
            if r.only_title or r.unless_title
        ]
        self._disabled_cache: dict[str | None, frozenset[int]] = {}

    def _disabled(self, title: str | None) -> frozenset[int]:
        """Rules that cannot fire under this headline (cached: a batch shares a few titles)."""
        hit = self._disabled_cache.get(title)
        if hit is not None:
            return hit
        low = (title or "").lower()
        off = frozenset(
            rid for rid, only, unless in self._title_rules
            if (only is not None and not only.search(low)) or (unless is not None and unless.search(low))
        )
        if len(self._disabled_cache) >= _TITLE_CACHE_SIZE:
            self._disabled_cache.clear()
        self._disabled_cache[title] = off
        return off

    def _fired(self, text: str, title: str | None):
        """Yield (label index, rule id, weight, match) for each rule that fires (once per rule)."""
        low = text.lower()
        patterns = self._matcher.patterns
        for rid in self._matcher.candidates(low) - self._disabled(title):
            m = patterns[rid].search(low)
            if m is not None:
                yield self._label_of[rid], rid, self._weight_of[rid], m

    def logits(self, texts: Sequence[str], titles: Sequence[str | None]) -> np.ndarray:
        out = np.full((len(texts), len(LABELS)), self.bias, dtype=np.float64)
        for i, (text, title) in enumerate(zip(texts, titles)):
            if not text:
                continue
            row = out[i]
            for li, _, weight, _ in self._fired(text, title):
                row[li] += weight
        return out

    def predict_proba(
        self, texts: Sequence[str], titles: Sequence[str | None], langs: Sequence[str]
    ) -> np.ndarray:
        """(n, len(LABELS)) float32 in [0, 1]. Rules are script-specific, so ``langs`` needs no branching here."""
        if not (len(texts) == len(titles) == len(langs)):
            raise ValueError(f"texts, titles and langs differ in length: {len(texts)}, {len(titles)}, {len(langs)}")
        probs = 1.0 / (1.0 + np.exp(-self.logits(texts, titles)))
        rest = np.delete(probs, _OTHER, axis=1)
        probs[:, _OTHER] = np.prod(1.0 - rest, axis=1)
        return probs.astype(np.float32)

    def explain(
        self, text: str, title: str | None = None, lang: str | None = None
    ) -> dict[str, list[tuple[str, float]]]:
        """label -> [(the phrase that fired, its weight)], strongest first; labels with no evidence are left out."""
        same_length = len(text.lower()) == len(text)
        out: dict[str, list[tuple[str, float]]] = {}
        for li, _, weight, m in self._fired(text, title):
            phrase = text[m.start():m.end()] if same_length else m.group()
            out.setdefault(LABELS[li], []).append((phrase, weight))
        for items in out.values():
            items.sort(key=lambda item: -abs(item[1]))
        return out

    def __repr__(self) -> str:
        return f"LexiconReactionModel({len(self._rules)} rules)"


class LexiconSentimentModel:
    """Lexicon sentiment with negation, intensifiers, emoji and the double meaning of ㅠㅠ."""

    name = "lexicon-sentiment-v1"

    def __init__(self):
        lx = sentiment_lexicon
        entries: list[tuple[str, float, bool]] = []   # (pattern, weight, english-negatable)
        # Negated Korean predicates come first so that "좋지 않" wins over "좋" at the same position.
        for stem, w in lx.KO_PREDICATES:
            entries.append((f"(?:{stem}){lx.KO_NEGATION_SUFFIX}", w * lx.NEGATED, False))
            entries.append((f"{lx.KO_NEGATION_PREFIX}(?:{stem})", w * lx.NEGATED, False))
        entries += [(f"(?:{stem})", w, False) for stem, w in lx.KO_PREDICATES]
        entries += [(f"(?:{p})", w, False) for p, w in lx.KO_TERMS]
        entries += [(rf"\b(?:{p})\b", w, True) for p, w in lx.EN_TERMS]
        entries += [(f"(?:{p})", w, False) for p, w in lx.OTHER_TERMS + lx.EMOJI]
        self._matcher = Matcher([p for p, _, _ in entries])
        self._weights = tuple(w for _, w, _ in entries)
        self._english = tuple(e for _, _, e in entries)
        self._negator = re.compile(lx.EN_NEGATOR)
        self._intensifier = re.compile(lx.INTENSIFIER)

    def _matches(self, low: str) -> list[tuple[int, int, int]]:
        """(start, end, term) of the terms in ``low``, leftmost first; at one position the earlier term wins
        and overlapping later matches are dropped, as in one alternation (so "좋지 않" hides "좋")."""
        found = []
        patterns = self._matcher.patterns
        for k in self._matcher.candidates(low):
            found.extend((m.start(), k, m.end()) for m in patterns[k].finditer(low))
        found.sort()
        out, end = [], 0
        for start, k, stop in found:
            if start >= end:
                out.append((start, stop, k))
                end = stop
        return out

    def score(self, text: str) -> float:
        lx = sentiment_lexicon
        low = text.lower()
        total = 0.0
        for start, _, k in self._matches(low):
            w = self._weights[k]
            if start:
                if self._english[k] and self._negator.search(low, max(0, start - 24), start):
                    w *= lx.NEGATED
                if self._intensifier.search(low, max(0, start - 6), start):
                    w *= lx.INTENSIFIED
            total += w
        if "ㅠ" in low or "ㅜ" in low:
            total = total * lx.CRYING_BOOST if total else lx.CRYING_ALONE
        return math.tanh(total / lx.SCALE)

    def predict(self, texts: Sequence[str], titles: Sequence[str | None], langs: Sequence[str]) -> np.ndarray:
        """(n,) float32 in [-1, 1]; the lexicon covers every language it knows at once, so ``langs`` is not needed."""
        if not (len(texts) == len(titles) == len(langs)):
            raise ValueError(f"texts, titles and langs differ in length: {len(texts)}, {len(titles)}, {len(langs)}")
        return np.fromiter((self.score(t) if t else 0.0 for t in texts), dtype=np.float32, count=len(texts))

    def __repr__(self) -> str:
        return f"LexiconSentimentModel({len(self._weights)} terms)"


__all__ = ["LexiconReactionModel", "LexiconSentimentModel", "Rule"]
