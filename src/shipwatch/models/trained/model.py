"""The trained models: linear heads over shared n-gram features, stacked on public-data heads.

Level 1 heads are trained on public labels and read the comment only: ``polarity`` (NSMC ratings, GoEmotions
sentiment groups), ``hate`` (none / offensive / hate: kocohub + K-MHaS), ``spam`` (YouTube Spam Collection) and
``comment`` (negative / neutral / positive Korean online comments: KOTE emotions collapsed to polarity).
Level 2 heads are trained on our annotated comments (``gold/labels``) and the examples we wrote
(``gold/written``): one logistic regression per reaction label and a three-class sentiment, each reading the
n-grams of the comment and of its headline plus dense signals: the level 1 probabilities and the v1 lexicon's
per-label probabilities and sentiment. Reaction scores are calibrated per label (Platt scaling fitted on
out-of-fold predictions, folds by headline) and cut at per-label thresholds chosen on the same predictions.

Optional, when the bundle has them (``train.fit.Config``): pre-trained word vectors (``embedding``: the unit mean
of a comment's word vectors, gathered from the ids the featurizer already made) as extra dense inputs, and a
word -> Kiwi morpheme table (``morphemes``) that adds morpheme features with one dict lookup per word.

Every head's sparse weights sit in one ``(vocabulary, columns)`` matrix, so a batch costs one feature pass, one
gather and one segment sum; the reaction and sentiment models share an ``Engine`` that keeps the last batch's
scores, so the two stages featurize each comment once.
"""
from __future__ import annotations

import threading
from pathlib import Path
from typing import NamedTuple, Sequence

import numpy as np

from ...schema import LABELS
from . import bundle as bundle_io
from .features import (BIGRAM, LANG, LENGTH, MORPHEME, RUMOUR, TITLE, WORD, Embedding, Featurizer, csr_layout,
                       rumour_title, segment_scores)

DEFAULT_DIR = Path(__file__).resolve().parent / "weights"
REACTION_LABELS: tuple[str, ...] = tuple(label for label in LABELS if label != "other")
HATE_CLASSES = ("none", "offensive", "hate")
SENTIMENT_CLASSES = ("negative", "neutral", "positive")
# Column order of the shared sparse weight matrix.
COLUMNS: tuple[str, ...] = (
    "polarity", *(f"hate:{c}" for c in HATE_CLASSES), "spam", *(f"comment:{c}" for c in SENTIMENT_CLASSES),
    *(f"reaction:{lab}" for lab in REACTION_LABELS), *(f"sentiment:{c}" for c in SENTIMENT_CLASSES),
)
LEVEL1 = slice(0, 8)
REACTIONS = slice(8, 8 + len(REACTION_LABELS))
SENTIMENT = slice(8 + len(REACTION_LABELS), len(COLUMNS))
DENSE_BASE = ("polarity", "hate:offensive", "hate:hate", "spam", "comment:negative", "comment:positive")
DENSE_LEXICON = (*(f"lexicon:{lab}" for lab in REACTION_LABELS), "lexicon:sentiment")
_OTHER = LABELS.index("other")
_TITLE_CACHE_SIZE = 4096


def _sigmoid(x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.clip(x, -40, 40)))


def softmax(x: np.ndarray) -> np.ndarray:
    e = np.exp(x - x.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def dense_features(level1: np.ndarray, lexicon_probs: np.ndarray | None, lexicon_sentiment: np.ndarray | None
                   ) -> np.ndarray:
    """The dense inputs of the level 2 heads, from level 1 logits ``(n, 8)`` and the v1 lexicon outputs."""
    hate = softmax(level1[:, 1:4].astype(np.float64))
    comment = softmax(level1[:, 5:8].astype(np.float64))
    cols = [_sigmoid(level1[:, 0]), hate[:, 1], hate[:, 2], _sigmoid(level1[:, 4]), comment[:, 0], comment[:, 2]]
    out = np.column_stack(cols)
    if lexicon_probs is not None:
        out = np.column_stack([out, lexicon_probs, lexicon_sentiment])
    return out.astype(np.float32)


class Scores(NamedTuple):
    level1: np.ndarray          # (n, 8) logits: polarity, hate none/offensive/hate, spam, comment neg/neu/pos
    dense: np.ndarray           # (n, d) the dense inputs of the level 2 heads
    reactions: np.ndarray       # (n, 10) calibrated logits of REACTION_LABELS
    sentiment: np.ndarray       # (n, 3) logits of SENTIMENT_CLASSES


class Engine:
    """Loads one bundle and scores batches with every head at once."""

    def __init__(self, directory: str | Path = DEFAULT_DIR):
        b = bundle_io.load(directory)
        meta, arrays = b.meta, b.arrays
        if tuple(meta["columns"]) != COLUMNS:
            raise ValueError(f"{directory}: model columns {meta['columns']} do not match this version; retrain")
        self.meta = meta
        self.directory = Path(directory)
        self.featurizer = Featurizer(meta["vocab"], meta.get("morphemes"))
        self.sparse = arrays["sparse"].astype(np.float32)
        self.bias = arrays["bias"].astype(np.float32)
        self.dense_reactions = arrays["dense_reactions"].astype(np.float32)
        self.dense_sentiment = arrays["dense_sentiment"].astype(np.float32)
        self.calib_a = arrays["calib_a"].astype(np.float32)
        self.calib_b = arrays["calib_b"].astype(np.float32)
        self.thresholds = arrays["thresholds"].astype(np.float32)
        # Pre-trained word vectors (optional): their unit-length mean joins the dense inputs of level 2.
        self.embedding = (Embedding(len(self.featurizer), arrays["embedding_ids"].astype(np.int64),
                                    arrays["embedding"]) if "embedding" in arrays else None)
        self.embedding_level1 = arrays["embedding_level1"].astype(np.float32) if "embedding_level1" in arrays else None
        self.embedding_level2 = self.embedding is not None and bool(meta.get("embedding_level2", True))
        self.use_lexicon = bool(meta["use_lexicon"])
        self._lexicon = None
        self._lexicon_sentiment = None
        if self.use_lexicon:
            from ..lexicon import LexiconReactionModel, LexiconSentimentModel
            self._lexicon = LexiconReactionModel()
            self._lexicon_sentiment = LexiconSentimentModel()
        self._titles: dict[str | None, np.ndarray] = {}
        # Models trained without the rumour group have none of its features: skip the lookups.
        self._rumour = any(f.startswith(RUMOUR) for f in self.featurizer.vocab)
        self._lock = threading.Lock()
        self._last: tuple[tuple, Scores] | None = None

    def _title_part(self, title: str | None) -> np.ndarray:
        hit = self._titles.get(title)
        if hit is None:
            ids = self.featurizer.title_ids(title)
            hit = (self.sparse[ids].sum(axis=0) / np.sqrt(len(ids)) if ids
                   else np.zeros(len(COLUMNS), np.float32)).astype(np.float32)
            if len(self._titles) >= _TITLE_CACHE_SIZE:
                self._titles.clear()
            self._titles[title] = hit
        return hit

    def lexicon_outputs(self, texts: Sequence[str], titles: Sequence[str | None], langs: Sequence[str]):
        if not self.use_lexicon:
            return None, None
        logits = self._lexicon.logits(texts, titles)
        probs = _sigmoid(np.delete(logits, _OTHER, axis=1))
        sent = self._lexicon_sentiment.predict(texts, titles, langs)
        return probs, sent

    def scores(self, texts: Sequence[str], titles: Sequence[str | None], langs: Sequence[str]) -> Scores:
        if not (len(texts) == len(titles) == len(langs)):
            raise ValueError(f"texts, titles and langs differ in length: {len(texts)}, {len(titles)}, {len(langs)}")
        key = (tuple(texts), tuple(titles), tuple(langs))
        last = self._last
        if last is not None and last[0] == key:
            return last[1]
        ids, offsets = self.featurizer.batch(texts, langs)
        linear = segment_scores(self.sparse, ids, offsets)
        distinct = {t: self._title_part(t) for t in set(titles)}
        if any(v.any() for v in distinct.values()):
            linear += np.stack([distinct[t] for t in titles]) if len(titles) else 0
        if self._rumour:
            rumour = {t: rumour_title(t) for t in distinct}
            rows = [i for i, t in enumerate(titles) if rumour[t]]
            if rows:
                rids, roffsets = csr_layout(self.featurizer.rumour_ids(texts[i]) for i in rows)
                linear[rows] += segment_scores(self.sparse, rids, roffsets)
        linear += self.bias
        emb = self.embedding(ids, offsets) if self.embedding is not None else None
        if self.embedding_level1 is not None:
            linear[:, LEVEL1] += emb @ self.embedding_level1
        lex_probs, lex_sent = self.lexicon_outputs(texts, titles, langs)
        level1 = linear[:, LEVEL1]
        dense = dense_features(level1, lex_probs, lex_sent)
        if self.embedding_level2:
            dense = np.hstack([dense, emb])
        raw = linear[:, REACTIONS] + dense @ self.dense_reactions
        reactions = raw * self.calib_a + self.calib_b
        sentiment = linear[:, SENTIMENT] + dense @ self.dense_sentiment
        out = Scores(level1, dense, reactions.astype(np.float32), sentiment.astype(np.float32))
        with self._lock:
            self._last = (key, out)
        return out

    def dense_names(self) -> tuple[str, ...]:
        emb = tuple(f"embedding:{i}" for i in range(self.embedding.dim)) if self.embedding_level2 else ()
        return DENSE_BASE + (DENSE_LEXICON if self.use_lexicon else ()) + emb

    def contributions(self, text: str, title: str | None, lang: str | None, column: int,
                      dense_weights: np.ndarray, scale: float = 1.0) -> list[tuple[str, float]]:
        """(feature, contribution to the column's logit) for one comment, strongest first."""
        f = self.featurizer
        lang = lang or "und"
        out: dict[str, float] = {}
        rumour = f.rumour_ids(text) if self._rumour and rumour_title(title) else []
        for group in (f.comment_ids(text, lang), f.title_ids(title), rumour):
            for i in group:
                name = _display(f.vocab[i])
                out[name] = out.get(name, 0.0) + float(self.sparse[i, column]) / np.sqrt(len(group)) * scale
        s = self.scores([text], [title], [lang])
        for name, value, w in zip(self.dense_names(), s.dense[0], dense_weights):
            # The embedding's dimensions mean nothing one by one: report their sum.
            name = "word vectors" if name.startswith("embedding:") else name
            out[name] = out.get(name, 0.0) + float(value * w) * scale
        return sorted(((k, v) for k, v in out.items() if abs(v) >= 1e-4), key=lambda kv: -abs(kv[1]))


def _display(feature: str) -> str:
    """A readable name for a feature string."""
    for prefix, label in ((WORD, "word"), (BIGRAM, "words"), (TITLE, "title"), (LANG, "lang"), (LENGTH, "length"),
                          (MORPHEME, "morpheme"), (RUMOUR, "under a rumour headline")):
        if feature.startswith(prefix):
            return f"{label}:{feature[len(prefix):]}"
    return repr(feature) if feature != feature.strip() else feature


_engines: dict[Path, Engine] = {}
_engines_lock = threading.Lock()


def shared_engine(directory: str | Path = DEFAULT_DIR) -> Engine:
    """One engine per model directory and process, shared by the reaction and the sentiment model."""
    path = Path(directory).resolve()
    with _engines_lock:
        if path not in _engines:
            _engines[path] = Engine(path)
        return _engines[path]


class TrainedReactionModel:
    """Calibrated per-label probabilities from the stacked linear heads (``ReactionModel`` protocol)."""

    name = "trained-reactions-v2"

    def __init__(self, directory: str | Path = DEFAULT_DIR, engine: Engine | None = None):
        self.engine = engine if engine is not None else shared_engine(directory)
        self.labels: tuple[str, ...] = LABELS
        self.thresholds = self.engine.thresholds

    def predict_proba(self, texts: Sequence[str], titles: Sequence[str | None], langs: Sequence[str]) -> np.ndarray:
        s = self.engine.scores(texts, titles, langs)
        rest = _sigmoid(s.reactions.astype(np.float64))
        # The layer-1 spam detector (trained on whole YouTube spam videos) is better at spam than the layer-2
        # label learned from our few spam rows: a confident detector vote lifts the label over its threshold.
        k = REACTION_LABELS.index("spam")
        t = float(self.thresholds[LABELS.index("spam")])
        detector = _sigmoid(s.level1[:, 4].astype(np.float64))
        lifted = t + (1.0 - t) * (detector - 0.5) / 0.5
        rest[:, k] = np.where(detector >= 0.5, np.maximum(rest[:, k], lifted), rest[:, k])
        probs = np.empty((len(texts), len(LABELS)), dtype=np.float64)
        probs[:, [LABELS.index(lab) for lab in REACTION_LABELS]] = rest
        probs[:, _OTHER] = np.prod(1.0 - rest, axis=1)
        return probs.astype(np.float32)

    def explain(self, text: str, title: str | None = None, lang: str | None = None,
                top: int = 8) -> dict[str, list[tuple[str, float]]]:
        """label -> [(feature, contribution in calibrated logit units)] for the labels that reach half their
        threshold; lexicon features are expanded into the v1 phrases that fired."""
        lang = lang or "und"
        probs = self.predict_proba([text], [title], [lang])[0]
        e = self.engine
        phrases = e._lexicon.explain(text, title, lang) if e.use_lexicon else {}
        out: dict[str, list[tuple[str, float]]] = {}
        for k, lab in enumerate(REACTION_LABELS):
            li = LABELS.index(lab)
            if probs[li] < 0.5 * self.thresholds[li]:
                continue
            items = e.contributions(text, title, lang, REACTIONS.start + k, e.dense_reactions[:, k],
                                    scale=float(e.calib_a[k]))
            named = []
            for name, v in items[:top]:
                if name.startswith("lexicon:") and name[8:] in phrases:
                    name = "rules: " + ", ".join(p for p, _ in phrases[name[8:]][:3])
                named.append((name, round(v, 4)))
            out[lab] = named
        return out

    def __repr__(self) -> str:
        return f"TrainedReactionModel({self.engine.directory})"


class TrainedSentimentModel:
    """Three-class sentiment mapped to -1..1 (``SentimentModel`` protocol).

    The score's sign and size follow the most likely class, so ``schema.sentiment_class`` recovers it: a neutral
    comment scores inside the neutral band (``0.2 * (p_pos - p_neg)``), a polar one ``±(0.2 + 0.8 * p)``. A comment
    with no text scores 0: the model would otherwise answer with its dense inputs' priors alone.
    """

    name = "trained-sentiment-v2"

    def __init__(self, directory: str | Path = DEFAULT_DIR, engine: Engine | None = None):
        self.engine = engine if engine is not None else shared_engine(directory)

    def proba(self, texts: Sequence[str], titles: Sequence[str | None], langs: Sequence[str]) -> np.ndarray:
        return softmax(self.engine.scores(texts, titles, langs).sentiment.astype(np.float64))

    def predict(self, texts: Sequence[str], titles: Sequence[str | None], langs: Sequence[str]) -> np.ndarray:
        out = scores_from_proba(self.proba(texts, titles, langs))
        out[[not t.strip() for t in texts]] = 0.0
        return out

    def polarity(self, texts: Sequence[str], langs: Sequence[str]) -> np.ndarray:
        """P(positive) of the level 1 review-polarity head (NSMC / GoEmotions), for benchmarks."""
        return _sigmoid(self.engine.scores(texts, [None] * len(texts), langs).level1[:, 0].astype(np.float64))

    def __repr__(self) -> str:
        return f"TrainedSentimentModel({self.engine.directory})"


def scores_from_proba(p: np.ndarray) -> np.ndarray:
    cls = p.argmax(axis=1)
    neg, neu, pos = p[:, 0], p[:, 1], p[:, 2]
    out = np.where(cls == 2, 0.2 + 0.8 * pos, np.where(cls == 0, -(0.2 + 0.8 * neg), 0.2 * (pos - neg)))
    return out.astype(np.float32)


def hate_proba(engine: Engine, texts: Sequence[str], langs: Sequence[str]) -> np.ndarray:
    """(n, 3) scores of none, offensive, hate from the level 1 hate head (kocohub classes), for benchmarks: a
    softmax over its three logits (class-vs-rest margins when it was trained as NB-LR), so their argmax is its
    decision; not calibrated probabilities."""
    return softmax(engine.scores(texts, [None] * len(texts), langs).level1[:, 1:4].astype(np.float64))


def spam_proba(engine: Engine, texts: Sequence[str], langs: Sequence[str]) -> np.ndarray:
    return _sigmoid(engine.scores(texts, [None] * len(texts), langs).level1[:, 4].astype(np.float64))
