"""Korean morphology (Kiwi) at training time, shipped as a word -> morpheme table.

One inflected word hides a stem and an ending that carry the meaning apart: 사귀어라 = 사귀 (date) + 어라
(imperative: "go out already"), 사귀는 = 사귀 + 는 (modifier: "the dating ..."). Kiwi finds them, but analysing
every comment at inference would cost ~0.5-1 ms each (10x the whole pipeline's budget) and ~4 s to load. So Kiwi
runs here, once per distinct word of the vocabulary, and the model ships the resulting table: at inference a
word's morpheme features are one dict lookup (``trained.features.Featurizer``).
"""
from __future__ import annotations

import re
from typing import Iterable

from ...errors import UsageError
from ..trained.features import MORPHEME

_HANGUL = re.compile(r"[가-힣]")


def morpheme_table(words: Iterable[str]) -> dict[str, list[str]]:
    """word -> its morpheme features (``MORPHEME + form/coarse tag``), for the words that contain Hangul.

    Words are analysed one at a time, without their sentence: the table must give the same answer wherever the
    word appears, which is what the inference lookup does.
    """
    try:
        from kiwipiepy import Kiwi
    except ImportError as e:  # pragma: no cover - depends on the environment
        raise UsageError("train: Config(morphology=True) needs kiwipiepy; pip install kiwipiepy") from e
    kiwi = Kiwi(num_workers=1)
    todo = sorted({w for w in words if _HANGUL.search(w)})
    table = {}
    for word, tokens in zip(todo, kiwi.tokenize(todo)):
        # The coarse tag (N noun, V verb/adjective, E ending, J particle, X affix, M adverb, ...) is enough to tell
        # the stem 사귀/V from a homograph; the fine tags split rare cases the few labelled rows cannot learn.
        feats = [f"{MORPHEME}{t.form}/{t.tag[0]}" for t in tokens]
        if len(feats) > 1 or (feats and feats[0][len(MORPHEME):].split("/")[0] != word):
            table[word] = sorted(set(feats))
    return table
