"""Which of a comment's candidate people it is about: a logistic regression over (comment, candidate) features.

The people stage proposes candidates: everyone the comment names, the headline's people, the pair, and a
headline's unnamed partner ("여친", "예비신부": the headline's own word, as annotators write it). Annotators
keep a named person almost always, but a headline person the comment does not name only when the comment is
about them (gold/GUIDE_NOTES.md, Targets): a congratulation under wedding news is about both, "so pretty" about
the woman, a jab at reporters about nobody. A hand rule cannot weigh those cues; this model does, per candidate:

    p(target) = sigmoid(intercept + sum of the weights of the candidate's active features)

Features are binary, so scoring is a few dictionary look-ups, and the stage can cache a decision per headline
and cue set.
Weights ship as JSON (``targets.json``); ``train_targets`` rebuilds them from a gold file, deterministically,
and tunes the decision thresholds by cross-validation over headlines, so that no headline is in both parts of a fold.
"""
from __future__ import annotations

import hashlib
import json
import math
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Iterable, Sequence

from ..errors import UsageError

# How a comment names a candidate (a person may be named several ways: the strongest counts).
NAMED_HOW = ("full", "alias", "given", "character", "ship", "handle")
# The feature of the unnamed-partner candidate when the comment uses a word for them: a mention, kept by select().
ROLE_NAMED = "i_role_named"

_FEMALE = re.compile(r"그녀|여자|여배우|아내|와이프|부인|신부|며느리|엄마|언니|누나|여신|예쁘|이쁘|미모|미인|임신|"
                     r"아줌마|여친|she\b|her\b|wife|girl")
# g(?<!\wg)uy is \bguy written to start with a letter: when every alternative does, the regex engine skips, in
# C, each position that starts none of them (four times faster on Korean text).
_MALE = re.compile(r"남자|남배우|남편|신랑|사위|아빠|오빠|형님|잘생|훈남|아저씨|총각|남친|군대|he\b|his\b|him\b|"
                   r"husband|g(?<!\wg)uy")
_CONGRATS = re.compile(r"축하|행복하세요|행복하게|행복하길|잘\s?살|순산|득녀|득남|결혼\s?축|congrat|예쁜\s?사랑|"
                       r"응원|화이팅|파이팅|부럽")
# About the work, the press, other commenters, or society rather than the people (v1's rule, as a feature).
_OFF_TOPIC = re.compile(
    r"드라마|작가|시청률|기자|기레기|기사|방송|스토리|결말|내용|전개|pd|피디|제작진|시청자|http|www\.|댓글|"
    r"정부|대통령|정치|국민|코로나|조선족|경상도|전라도|한국남자|한국여자|한남|한녀|요즘|원래|결혼은|연애는|"
    r"이혼은|남자들|여자들|사람들|애들은|보통|악플|네티즌|언론|실검|검색어|"
    # a music video's comments are mostly about the song or the channel, not the artists in its title
    r"song|music|video|views|view count|subscri|channel|playlist|lyrics|youtube|check out|watching"
)
_HANGUL = re.compile(r"[가-힣]")


@dataclass(frozen=True)
class Candidate:
    """One person (or unnamed partner) a comment may be about, and where they come from."""
    id: str
    how: str | None = None          # one of NAMED_HOW when the comment names them, else None
    headline_rank: int = 0          # 1 = first person the headline names, 2 = second, ...; 0 = not in it
    in_pair: bool = False
    role: bool = False              # the headline's unnamed partner ("여친")
    role_named: bool = False        # ... and the comment uses a word for that partner
    gender: str | None = None
    family_of_headline: bool = False  # a child or parent of a headline person
    partner_named: bool = False     # a registry partner of theirs is named in the comment


@dataclass(frozen=True)
class Headline:
    """What the features need to know about a comment's headline (computed once per headline)."""
    n_people: int = 0
    couple_news: bool = False
    has_title: bool = False


_COUPLE_NEWS = re.compile(r"♥|열애|커플|결혼|연애|데이트|교제|연인|신혼|부부|이혼|결별|키스|썸|사귀|재회|득녀|득남|임신|출산")


def headline_info(title: str | None, n_people: int) -> Headline:
    return Headline(n_people=n_people, couple_news=bool(title and _COUPLE_NEWS.search(title)),
                    has_title=bool(title and _HANGUL.search(title)))


# The four comment cues, in bit order for ``cue_bits``. Their Korean words lie inside one Hangul word each (a
# People stage that reads a comment word by word can find them there, once per word), except the spaced forms
# of three congratulations, which ``SPACED_CONGRATS`` finds; their other words are romanized.
CUE_REGEXES = (("fcue", _FEMALE), ("mcue", _MALE), ("congrats", _CONGRATS), ("offtopic", _OFF_TOPIC))
SPACED_CONGRATS = re.compile(r"잘\s살|결혼\s축|예쁜\s사랑")
CONGRATS_BIT = 4


def cue_bits(text: str) -> int:
    """Which of ``CUE_REGEXES`` occur in ``text``, as bits (1 = fcue, 2 = mcue, 4 = congrats, 8 = offtopic)."""
    return ((_FEMALE.search(text) is not None) | (_MALE.search(text) is not None) << 1
            | (_CONGRATS.search(text) is not None) << 2 | (_OFF_TOPIC.search(text) is not None) << 3)


def comment_cues(text: str, n_named: int, bits: int | None = None) -> frozenset[str]:
    """Features of the comment alone (lower-cased text); shared by all its candidates. ``bits``: ``cue_bits`` of
    the text when the caller has them."""
    key = (cue_bits(text) if bits is None else bits, len(text), n_named)
    cues = _CUE_SETS.get(key)
    if cues is None:  # the same few dozen sets over and over: this runs on every comment
        bits, n, _ = key
        flags = [name for i, (name, _) in enumerate(CUE_REGEXES) if bits >> i & 1]
        size = "vshort" if n <= 5 else "short" if n <= 15 else "long" if n > 80 else "mid"
        named = "nobody_named" if n_named == 0 else "one_named" if n_named == 1 else "many_named"
        if len(_CUE_SETS) > 100_000:
            _CUE_SETS.clear()
        cues = _CUE_SETS[key] = frozenset((*flags, size, named))
    return cues


_CUE_SETS: dict[tuple[int, int, int], frozenset[str]] = {}


def features(c: Candidate, h: Headline, cues: frozenset[str], deixis: bool, others_named: bool) -> list[str]:
    """The active binary features of one candidate. Named and unnamed candidates get separate weights: the same
    cue (a gendered word, a congratulation) means different things for the two."""
    p = "n_" if c.how else "i_"
    out = [p + "bias"]
    if c.how:
        out.append("n_how_" + c.how)
    if c.headline_rank:
        out.append(p + "hl")
        out.append(p + ("hl_only" if h.n_people == 1 else "hl_1" if c.headline_rank == 1 else
                        "hl_2" if c.headline_rank == 2 else "hl_3plus"))
    else:
        out.append(p + "not_hl")
    if c.in_pair:
        out.append(p + "pair")
        if deixis:
            out.append(p + "pair_deixis")
    if c.role:
        out.append(p + "role")
        if c.role_named:
            out.append(ROLE_NAMED)
    if c.family_of_headline:
        out.append(p + "family")
    if c.partner_named:
        out.append(p + "partner_named")
    if h.couple_news:
        out.append(p + "couple_news")
    if not h.has_title:
        out.append(p + "no_headline")
    if others_named:
        out.append(p + "others_named")
    for cue in cues:
        out.append(p + cue)
    g = c.gender
    if g:
        if "fcue" in cues:
            out.append(p + ("fcue_f" if g == "f" else "fcue_m"))
        if "mcue" in cues:
            out.append(p + ("mcue_m" if g == "m" else "mcue_f"))
    if not c.how and "congrats" in cues and h.couple_news:
        out.append("i_congrats_couple_news")
    if not c.how and "offtopic" in cues and "nobody_named" in cues:
        out.append("i_offtopic_nobody")
    return out


def block_features(h: Headline, cues: frozenset[str], deixis: bool, n_headline: int, role_named: bool,
                   genders: frozenset[str]) -> list[str]:
    """Features of the question "is this comment about the headline's people at all, without naming them?"."""
    out = ["b_bias", "b_hl_" + ("0" if not n_headline else "1" if n_headline == 1 else "2" if n_headline == 2
                                else "3plus")]
    out += ["b_" + cue for cue in cues]
    if deixis:
        out.append("b_deixis")
    if role_named:
        out.append("b_role_named")
    if h.couple_news:
        out.append("b_couple_news")
        if "congrats" in cues:
            out.append("b_congrats_couple_news")
    if not h.has_title:
        out.append("b_no_headline")
    if "fcue" in cues and "f" in genders:
        out.append("b_fcue_f")
    if "mcue" in cues and "m" in genders:
        out.append("b_mcue_m")
    return out


class TargetSelector:
    """Scores candidates with shipped weights; keeps those at or above the threshold."""

    def __init__(self, weights: dict[str, float], intercept: float, threshold: float,
                 member_threshold: float | None = None, meta: dict | None = None):
        self.weights = weights
        self.intercept = intercept
        self.threshold = threshold
        self.member_threshold = threshold if member_threshold is None else member_threshold
        self.meta = meta or {}
        # Compare logits, not probabilities: no exp() per candidate.
        self._cut = _logit(threshold)
        self._member_cut = _logit(self.member_threshold)

    def logit(self, feats: Iterable[str]) -> float:
        w = self.weights
        return self.intercept + sum(w.get(f, 0.0) for f in feats)

    def select(self, cands: Sequence[Sequence[str]], block: Sequence[str]) -> list[bool]:
        """Which candidates to keep. A named person is kept when their score reaches 0.5; the headline's unnamed
        partner, when the comment uses a word for them (여자친구 for 여친), is mentioned as surely as by a name
        and always kept. The people a comment does not name come as a block (annotators give a no-name comment
        both of a couple, or one, or none): the block is on when its own score (``block`` features) reaches
        ``threshold``, and then keeps each member whose score reaches ``member_threshold``."""
        on = None
        out = []
        for f in cands:
            if f[0] != "i_bias":
                out.append(self.logit(f) >= 0.0)
                continue
            if ROLE_NAMED in f:
                out.append(True)
                continue
            if on is None:
                on = self.logit(block) >= self._cut
            out.append(on and self.logit(f) >= self._member_cut)
        return out

    def to_json(self) -> dict:
        return {"format": "shipwatch-targets-lr/1", "intercept": self.intercept, "threshold": self.threshold,
                "member_threshold": self.member_threshold, "weights": dict(sorted(self.weights.items())), "meta": self.meta}

    @classmethod
    def from_json(cls, doc: dict, source: str = "targets.json") -> "TargetSelector":
        if doc.get("format") != "shipwatch-targets-lr/1":
            raise UsageError(f"{source}:1: not a target selector file (format {doc.get('format')!r}); "
                             f"rebuild it with shipwatch.people.targets.train_targets")
        return cls({k: float(v) for k, v in doc["weights"].items()}, float(doc["intercept"]),
                   float(doc["threshold"]), float(doc.get("member_threshold", doc["threshold"])), doc.get("meta", {}))


def _logit(p: float) -> float:
    p = min(max(p, 1e-9), 1 - 1e-9)
    return math.log(p / (1 - p))


def default_selector_path() -> Path:
    return Path(str(resources.files("shipwatch.people").joinpath("targets.json")))


def load_selector(path: str | Path | None = None) -> TargetSelector:
    """The shipped selector (``targets.json``), or the one in ``path``."""
    path = Path(path) if path is not None else default_selector_path()
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise UsageError(f"{path}: target selector file not found; build it with "
                         f"shipwatch.people.targets.train_targets(gold_jsonl, out_json)") from None
    except json.JSONDecodeError as e:
        raise UsageError(f"{path}:{e.lineno}: invalid JSON ({e.msg}); rebuild it with train_targets") from None
    return TargetSelector.from_json(doc, str(path))


# ---------------------------------------------------------------------------------------------- training

def _fit(X: "np.ndarray", y: "np.ndarray", l2: float = 1.0, iters: int = 50) -> "np.ndarray":
    """L2-regularized logistic regression by Newton's method (deterministic; the bias column is not penalized)."""
    import numpy as np

    w = np.zeros(X.shape[1])
    reg = np.full(X.shape[1], l2)
    reg[0] = 0.0
    for _ in range(iters):
        p = 1.0 / (1.0 + np.exp(-(X @ w)))
        grad = X.T @ (p - y) + reg * w
        H = (X * (p * (1 - p))[:, None]).T @ X + np.diag(reg) + 1e-9 * np.eye(X.shape[1])
        step = np.linalg.solve(H, grad)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return w


FOLDS = 4


def _fold(title: str | None) -> int:
    """The cross-validation fold of a headline's comments (by hash, so the folds never change)."""
    key = (title or "").encode("utf-8")
    return int(hashlib.sha1(b"targets-fold:" + key).hexdigest(), 16) % FOLDS


def _examples(rows, stage, registry):
    """Per gold row: (headline, candidate feature lists, candidate ids, labels, gold set, block features)."""
    from ..evaluate import _norm_name

    from ..schema import record_batch
    from ..understand.base import column
    from ..understand.normalize import Normalize

    # The stage sees normalized text (text_norm), so training must too.
    batch = Normalize()(record_batch([{"platform": "gold", "source_id": "gold", "comment_id": str(i),
                                       "text": r.comment, "title": r.context} for i, r in enumerate(rows)]))
    texts = column(batch, "text_norm")
    out = []
    for r, text in zip(rows, texts):
        gold = {registry.resolve(n) or _norm_name(n) for n in r.targets}
        cands, block = stage.candidates(text or "", r.context, with_block=True)
        feats = [f for f, _ in cands]
        ids = [cid for _, cid in cands]
        labels = [cid in gold for cid in ids]
        out.append((r.context, feats, ids, labels, gold, block))
    return out


def _matrix(examples, vocab, part: str):
    """Design matrix of one of the three regressions: "n" named candidates, "i" unnamed candidates of comments
    whose gold has some unnamed candidate (who in the block), "b" one row per comment with a block (is it on)."""
    import numpy as np

    rows, ys = [], []
    for _, feats, _, labels, _, block in examples:
        implicit = [y for f, y in zip(feats, labels) if f[0] == "i_bias"]
        if part == "b":
            if implicit:
                rows.append([vocab[x] for x in block if x in vocab])
                ys.append(float(any(implicit)))
            continue
        for f, y in zip(feats, labels):
            if f[0] == part + "_bias" and (part == "n" or any(implicit)):
                rows.append([vocab[x] for x in f if x in vocab])
                ys.append(float(y))
    X = np.zeros((len(rows), len(vocab) + 1))
    X[:, 0] = 1.0
    for i, cols in enumerate(rows):
        X[i, [j + 1 for j in cols]] = 1.0
    return X, np.array(ys)


def _fit_all(examples, vocab, l2):
    """The three regressions share one weight vector: their features never overlap (prefixes n_, i_, b_), and
    each one's bias feature is its intercept."""
    import numpy as np

    w = np.zeros(len(vocab) + 1)
    for part in ("n", "i", "b"):
        X, y = _matrix(examples, vocab, part)
        cols = np.flatnonzero(X.any(axis=0))
        cols = cols[cols > 0]
        w[cols] = _fit(np.hstack([np.zeros((len(y), 1)), X[:, cols]]), y, l2=l2)[1:] if len(y) else 0.0
    return w


def _selector(w, vocab, threshold, member_threshold=None, meta=None) -> TargetSelector:
    weights = {f: round(float(w[j + 1]), 6) for f, j in vocab.items() if abs(w[j + 1]) > 1e-9}
    return TargetSelector(weights, round(float(w[0]), 6), threshold, member_threshold, meta)


def _exact(examples, sel: TargetSelector) -> float:
    ok = 0
    for _, feats, ids, _, gold, block in examples:
        pred = {cid for cid, keep in zip(ids, sel.select(feats, block)) if keep}
        ok += pred == gold
    return ok / len(examples) if examples else 0.0


def train_targets(gold_jsonl: str | Path, out_json: str | Path | None = None, registry=None,
                  l2: float = 1.0, source: str | None = None) -> dict:
    """Fit the selector on ``gold_jsonl`` and write it to ``out_json`` (the shipped file when None).

    ``source`` is what the file records as its training data (default: the path); ``shipwatch train`` passes a
    fixed name, so that the same labels give the same bytes wherever the gold file was built.

    The thresholds are tuned by cross-validation over headlines (``FOLDS`` folds; no headline is in both parts
    of a fold); the shipped weights are then refitted on every row with them. Returns the numbers:
    cross-validated exact-set accuracy at the tuned thresholds and at 0.5, training accuracy, and the ceiling
    (rows whose gold targets are all among the candidates)."""
    from ..gold import read_gold
    from ..people.registry import load_registry
    from ..understand.people import People

    registry = registry if registry is not None else load_registry()
    rows = list(read_gold(gold_jsonl))
    if not rows:
        raise UsageError(f"{gold_jsonl}:1: no gold rows to train the target selector on; build it with "
                         f"`shipwatch gold build`")
    stage = People(registry=registry, selector=False)
    examples = _examples(rows, stage, registry)
    vocab = {f: i for i, f in enumerate(sorted({x for e in examples for f in (*e[1], e[5]) for x in f}))}
    grid = [round(0.1 + 0.025 * i, 3) for i in range(33)]
    # A person the comment does not name is kept only when their own odds are at least even (a remark on the
    # bride's looks is about the bride alone, GUIDE_NOTES); the block threshold says whether it is about the
    # headline's people at all.
    pairs = [(t, m) for t in grid for m in grid if 0.5 <= m <= t]
    # Thresholds tuned by cross-validation over headlines (comments come in blocks per headline, each block
    # labelled in one annotator's style): on the train split, tuning on a single held-out quarter of the
    # headlines did worse than no tuning (nested CV exact-set 0.577 vs 0.585 at 0.5), four folds better (0.609).
    correct = dict.fromkeys(pairs, 0.0)
    n_val = 0
    for k in range(FOLDS):
        fit_part = [e for e in examples if _fold(e[0]) != k]
        val_part = [e for e in examples if _fold(e[0]) == k]
        if not fit_part or not val_part:
            continue
        w = _fit_all(fit_part, vocab, l2)
        n_val += len(val_part)
        for tm in pairs:
            correct[tm] += _exact(val_part, _selector(w, vocab, *tm)) * len(val_part)
    scores = {tm: c / n_val if n_val else 0.0 for tm, c in correct.items()}
    # Highest accuracy; ties go to the thresholds nearest 0.5 (the least tuned).
    best = max(scores, key=lambda tm: (round(scores[tm], 6), -abs(tm[0] - 0.5) - abs(tm[1] - 0.5)))
    reachable = sum(e[4] <= set(e[2]) for e in examples)
    w_all = _fit_all(examples, vocab, l2)
    meta = {
        "trained_on": source or str(gold_jsonl), "rows": len(examples), "candidates": sum(len(e[1]) for e in examples),
        "validation": f"{FOLDS}-fold cross-validation by headline",
        "validation_rows": n_val,
        "validation_headlines": len({e[0] for e in examples}),
        "validation_accuracy": round(scores[best], 4),
        "validation_accuracy_at_0.5": round(scores[(0.5, 0.5)], 4),
        "l2": l2,
        "ceiling": round(reachable / len(examples), 4),
    }
    sel = _selector(w_all, vocab, best[0], best[1], meta)
    sel.meta["train_accuracy"] = round(_exact(examples, sel), 4)
    path = Path(out_json) if out_json is not None else default_selector_path()
    path.write_text(json.dumps(sel.to_json(), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return dict(sel.meta, threshold=best[0], member_threshold=best[1], out=str(path))


def explain(selector: TargetSelector, feats: Sequence[str]) -> list[tuple[str, float]]:
    """(feature, weight) of one candidate's score, largest first: why a person was kept or dropped."""
    parts = [(f, selector.weights.get(f, 0.0)) for f in feats]
    parts.append(("intercept", selector.intercept))
    return sorted(parts, key=lambda fw: -abs(fw[1]))
