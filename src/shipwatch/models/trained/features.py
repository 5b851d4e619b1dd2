"""What the trained models read from a comment: sparse n-gram features and a few dense signals.

One function family generates the features for training (as strings, to count and pick a vocabulary) and for
inference (as vocabulary ids), so the two can never drift apart:

- character 1..4-grams of the lower-cased comment padded with spaces (Korean stems and particles, English
  sub-words, emoji, ㅋㅋ/ㅠㅠ), word unigrams and bigrams, the language and a length bucket;
- the headline or video title as context: its character bigrams (열애, 결혼, 부인, 사실무근 ...) in their own
  namespace, computed once per distinct title;
- under a dating-rumour or denial headline only (``rumour_title``), the comment's words and word bigrams again in
  a namespace of their own: "사귀" under "열애설 부인" is usually a fan doubting the denial, elsewhere it is not,
  and a linear model cannot cross the headline with the comment by itself.

A comment's feature values are ``1/sqrt(k)`` per occurrence (``k`` = occurrences found in the vocabulary), so a
linear score is ``sum of weight rows / sqrt(k)``: one gather and one segment sum per batch, no sparse library.
The title group and the rumour group are each normalized the same way on their own.
"""
from __future__ import annotations

import re
from itertools import chain, repeat
from operator import add
from typing import Iterable, Mapping, Sequence

import numpy as np

NGRAM_MAX = 4
# Namespaces start with a control character, which normalized comment text never contains.
WORD, BIGRAM, TITLE, LANG, LENGTH, MORPHEME = "\x01w", "\x01b", "\x01t", "\x01l", "\x01n", "\x01m"
RUMOUR = "\x01r"
# Headlines about a dating rumour or its denial (Korean news and English video titles).
_RUMOUR_TITLE = re.compile(r"열애|부인|사실무근|교제|사귀|결별|아니|친한|동료|핑크빛|스캔들|루머|dating|rumou?r|den(?:y|ied|ies)")
_CONTROL = re.compile(r"[\x00-\x1f]")
_WORDS = re.compile(r"\w+")
_LENGTH_BUCKETS = (2, 6, 15, 40, 100)


def _length_bucket(n: int) -> str:
    for i, edge in enumerate(_LENGTH_BUCKETS):
        if n <= edge:
            return f"{LENGTH}{i}"
    return f"{LENGTH}{len(_LENGTH_BUCKETS)}"


def clean(text: str) -> str:
    return _CONTROL.sub(" ", text).lower()


def words_of(low: str) -> list[str]:
    """The words of a cleaned comment, as the word features and the pre-trained word vectors split them."""
    return _WORDS.findall(low)


def comment_features(text: str, lang: str | None = None) -> list[str]:
    """Every feature string of one comment, with repeats (a repeat counts twice)."""
    low = clean(text)
    padded = f" {low} "
    out = [padded[i:i + n] for n in range(1, NGRAM_MAX + 1) for i in range(len(padded) - n + 1)]
    words = _WORDS.findall(low)
    out += [WORD + w for w in words]
    out += [f"{BIGRAM}{a} {b}" for a, b in zip(words, words[1:])]
    out.append(_length_bucket(len(low)))
    if lang:
        out.append(LANG + lang)
    return out


def title_features(title: str | None) -> list[str]:
    if not title:
        return []
    low = clean(title)
    return [TITLE + low[i:i + 2] for i in range(len(low) - 1) if not low[i:i + 2].isspace()]


def rumour_title(title: str | None) -> bool:
    return bool(title) and _RUMOUR_TITLE.search(clean(title)) is not None


def rumour_features(text: str) -> list[str]:
    """The rumour group of a comment under a rumour headline: its words and word bigrams, namespaced."""
    words = words_of(clean(text))
    return [RUMOUR + w for w in words] + [f"{RUMOUR}{a} {b}" for a, b in zip(words, words[1:])]


class Embedding:
    """A comment's dense vector: the unit-length mean of the pre-trained vectors of its words in the vocabulary.

    ``rows`` maps every vocabulary id to its row of ``vectors`` (-1 for features that are not words), so the
    vector comes from the ids the featurizer already produced: one gather, one segment sum, no tokenizer.
    """

    def __init__(self, vocab_size: int, word_ids: np.ndarray, vectors: np.ndarray):
        self.rows = np.full(vocab_size, -1, dtype=np.int64)
        self.rows[word_ids] = np.arange(len(word_ids))
        self.vectors = vectors.astype(np.float32)

    @property
    def dim(self) -> int:
        return self.vectors.shape[1]

    def __call__(self, ids: np.ndarray, offsets: np.ndarray) -> np.ndarray:
        rows = self.rows[ids]
        known = rows >= 0
        # One padding slot keeps every start index valid; reduceat gives an empty segment its start value: zero it.
        counts = np.add.reduceat(np.append(known, False).astype(np.int64), offsets[:-1]) if len(offsets) > 1 \
            else np.zeros(0, np.int64)
        counts[offsets[:-1] == offsets[1:]] = 0
        sub_offsets = np.zeros(len(offsets), dtype=np.int64)
        np.cumsum(counts, out=sub_offsets[1:])
        out = segment_scores(self.vectors, rows[known], sub_offsets)
        norm = np.linalg.norm(out, axis=1, keepdims=True)
        return out / np.maximum(norm, 1e-6)


class Featurizer:
    """Maps comments to vocabulary ids, fast: the inner loop is a dict lookup per n-gram.

    ``morphemes`` (optional) maps a word to its morpheme features (``train.morphology``); a comment then also has
    the morpheme features of its words, found with one dict lookup per word.
    """

    def __init__(self, vocab: Sequence[str], morphemes: Mapping[str, Sequence[str]] | None = None):
        self.vocab = tuple(vocab)
        self.index: dict[str, int] = {f: i for i, f in enumerate(self.vocab)}
        self.morphemes = dict(morphemes or {})
        known = ((w, [self.index[f] for f in feats if f in self.index]) for w, feats in self.morphemes.items())
        self._morpheme_ids: dict[str, list[int]] = {w: ids for w, ids in known if ids}

    def __len__(self) -> int:
        return len(self.vocab)

    def raw_ids(self, text: str, lang: str | None = None) -> list[int]:
        """Vocabulary ids of every feature occurrence, -1 for features outside the vocabulary.

        The n-grams are built by ``map`` over shifted copies of the text (C loops, no Python-level loop per
        n-gram): this is the hot path of the whole understanding pipeline.
        """
        get = self.index.get
        low = clean(text)
        a = f" {low} "
        b, c, d = a[1:], a[2:], a[3:]
        bi = list(map(add, a, b))
        tri = list(map(add, bi, c))
        miss = repeat(-1)
        ids = list(map(get, a, miss))
        ids += map(get, bi, miss)
        ids += map(get, tri, miss)
        ids += map(get, map(add, tri, d), miss)
        words = words_of(low)
        if words:
            ids += map(get, map(add, repeat(WORD), words), miss)
            ids += map(get, map(f"{BIGRAM}{{}} {{}}".format, words, words[1:]), miss)
            if self._morpheme_ids:
                ids += chain.from_iterable(map(self._morpheme_ids.get, words, repeat(())))
        ids.append(get(_length_bucket(len(low)), -1))
        if lang:
            ids.append(get(LANG + lang, -1))
        return ids

    def comment_ids(self, text: str, lang: str | None = None) -> list[int]:
        return [i for i in self.raw_ids(text, lang) if i >= 0]

    def rumour_ids(self, text: str) -> list[int]:
        """Vocabulary ids of the rumour group (``rumour_features``); the caller checks ``rumour_title``."""
        get = self.index.get
        ids = (get(f) for f in rumour_features(text))
        return [i for i in ids if i is not None]

    def title_ids(self, title: str | None) -> list[int]:
        get = self.index.get
        ids = [get(f) for f in title_features(title)]
        return [i for i in ids if i is not None]

    def batch(self, texts: Sequence[str], langs: Sequence[str | None]) -> tuple[np.ndarray, np.ndarray]:
        """(ids, offsets) of a batch in CSR layout: row r's ids are ``ids[offsets[r]:offsets[r+1]]``."""
        raw, raw_offsets = csr_layout(self.raw_ids(t, lang) for t, lang in zip(texts, langs))
        known = raw >= 0
        # Every row has at least its length feature, so no segment of reduceat is empty.
        kept = np.add.reduceat(known.astype(np.int64), raw_offsets[:-1]) if len(texts) else np.zeros(0, np.int64)
        offsets = np.zeros(len(texts) + 1, dtype=np.int64)
        np.cumsum(kept, out=offsets[1:])
        return raw[known], offsets


def csr_layout(rows: Iterable[list[int]]) -> tuple[np.ndarray, np.ndarray]:
    rows = list(rows)
    lengths = np.fromiter((len(r) for r in rows), dtype=np.int64, count=len(rows))
    offsets = np.zeros(len(rows) + 1, dtype=np.int64)
    np.cumsum(lengths, out=offsets[1:])
    ids = np.fromiter(chain.from_iterable(rows), dtype=np.int64, count=int(offsets[-1]))
    return ids, offsets


def segment_scores(weights: np.ndarray, ids: np.ndarray, offsets: np.ndarray, chunk: int = 2048) -> np.ndarray:
    """Per row: sum of ``weights[ids of the row]`` / sqrt(number of ids); zeros for a row with none."""
    n = len(offsets) - 1
    out = np.zeros((n, weights.shape[1]), dtype=np.float32)
    for lo in range(0, n, chunk):
        hi = min(n, lo + chunk)
        starts, stops = offsets[lo:hi], offsets[lo + 1:hi + 1]
        counts = stops - starts
        full = np.flatnonzero(counts)
        if not full.size:
            continue
        gathered = weights[ids[starts[0]:stops[-1]]]
        sums = np.add.reduceat(gathered, (starts[full] - starts[0]), axis=0)
        out[lo + full] = sums / np.sqrt(counts[full]).astype(np.float32)[:, None]
    return out


def sparse_matrix(featurizer: Featurizer, texts: Sequence[str], langs: Sequence[str | None],
                  titles: Sequence[str | None] | None = None):
    """The training-side twin of ``segment_scores``: a scipy CSR matrix with the same values (training only)."""
    from scipy.sparse import csr_matrix

    data, indices, indptr = [], [], [0]
    titles = titles if titles is not None else [None] * len(texts)
    cache: dict[str | None, tuple[list[int], bool]] = {}
    for text, lang, title in zip(texts, langs, titles):
        if title not in cache:
            cache[title] = featurizer.title_ids(title), rumour_title(title)
        tids, rumour = cache[title]
        # Each group (comment, title, rumour) is normalized on its own.
        for group in (featurizer.comment_ids(text, lang), tids, featurizer.rumour_ids(text) if rumour else []):
            if group:
                data.extend([1.0 / np.sqrt(len(group))] * len(group))
                indices.extend(group)
        indptr.append(len(indices))
    m = csr_matrix((np.asarray(data, np.float64), np.asarray(indices, np.int64), np.asarray(indptr, np.int64)),
                   shape=(len(texts), len(featurizer)))
    m.sum_duplicates()
    return m


def count_rumour_features(texts: Iterable[str], titles: Iterable[str | None]) -> Mapping[str, int]:
    """Document frequency of the rumour-group features of the comments under rumour headlines."""
    from collections import Counter

    df: Counter[str] = Counter()
    for text, title in zip(texts, titles):
        if rumour_title(title):
            df.update(set(rumour_features(text)))
    return df


def count_features(texts: Iterable[str], langs: Iterable[str | None] | None = None,
                   titles: Iterable[str | None] | None = None) -> Mapping[str, int]:
    """Document frequency of every feature string (a feature counts once per comment)."""
    from collections import Counter

    df: Counter[str] = Counter()
    texts = list(texts)
    langs = list(langs) if langs is not None else [None] * len(texts)
    for text, lang in zip(texts, langs):
        df.update(set(comment_features(text, lang)))
    if titles is not None:
        for title in set(t for t in titles if t):
            df.update(set(title_features(title)))
    return df
