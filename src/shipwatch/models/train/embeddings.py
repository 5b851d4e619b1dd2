"""Subword word vectors pre-trained on the raw NSMC reviews, shipped as a small matrix over the vocabulary's words.

The labelled corpora are small (a few thousand gold rows); the 712k raw Korean reviews are not, and they teach
which words behave alike (사귀어라 / 사귀는 / 사귀세요, 잘어울려 / 어울린다). ``fasttext_vectors`` trains gensim's
FastText on them (``corpora.review_sentences``; character n-grams inside words, so inflected and misspelled forms
share vectors) and ``word_matrix`` looks up one vector per word feature of the vocabulary. Only that matrix ships
(float16, ``embedding`` in the bundle): inference never imports gensim (``trained.features.Embedding``).
Off by default (``Config.embedding_dim``): on today's labels it did not pay (see ``fit.Config``).

Determinism: one worker thread, a fixed seed and a fixed sentence order make gensim's training reproducible
(its n-gram hashing is its own FNV-style hash, not Python's salted ``hash``). Reviews of the movies that the NSMC
benchmark holds out (``headline_split(movie) == "test"``) are left out, so the benchmark stays unseen even as text.
"""
from __future__ import annotations

from typing import Sequence

import numpy as np

from ...errors import UsageError
from ..trained.features import WORD


def fasttext_vectors(sentences: Sequence[list[str]], dim: int, epochs: int, min_n: int = 2, max_n: int = 4,
                     seed: int = 0):
    """gensim ``FastTextKeyedVectors`` trained on ``sentences``, deterministically (one worker, fixed seed).

    A Hangul character is a whole syllable, so n-grams of 2..4 characters are already morpheme-sized (stems,
    endings, particles); single characters would make every word that shares a syllable look alike.
    """
    try:
        from gensim.models import FastText
    except ImportError as e:  # pragma: no cover - depends on the environment
        raise UsageError("train: pre-trained embeddings need gensim; pip install 'shipwatch[train]'") from e
    model = FastText(vector_size=dim, window=5, min_count=3, min_n=min_n, max_n=max_n, bucket=200_000, sg=0,
                     epochs=epochs, workers=1, seed=seed, sample=1e-4)
    model.build_vocab(corpus_iterable=sentences)
    model.train(corpus_iterable=sentences, total_examples=len(sentences), epochs=epochs)
    return model.wv


def word_matrix(vocab: Sequence[str], wv) -> tuple[np.ndarray, np.ndarray]:
    """(vocabulary ids of the word features, their unit-length vectors ``(k, dim)``).

    A word FastText never saw still gets a vector from its character n-grams; a word with none of them known
    (an emoji, a rare script) gets none and is left out.
    """
    ids, rows = [], []
    for i, feature in enumerate(vocab):
        if not feature.startswith(WORD):
            continue
        v = np.asarray(wv.get_vector(feature[len(WORD):]), dtype=np.float64)
        norm = float(np.linalg.norm(v))
        if norm > 1e-6:
            ids.append(i)
            rows.append(v / norm)
    dim = wv.vector_size
    return np.asarray(ids, dtype=np.int64), (np.vstack(rows) if rows else np.zeros((0, dim)))
