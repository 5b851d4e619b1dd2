"""Normalize: ``text`` -> ``text_norm``, ``has_url``, ``handles``.

What later stages need is the words, not the markup: YouTube's ``textDisplay`` carries HTML (``<br>``, links,
``&quot;``), fans stretch words (ㅋㅋㅋㅋㅋㅋ, soooo, !!!!!!) and paste full-width or compatibility characters.
Elongations are cut to a bounded repeat rather than to one character so that intensity stays visible to the
reaction model ("ㅋㅋㅋ" and "ㅋ" are different comments). Emoji are kept: they are signals.
"""
from __future__ import annotations

import html
import re
import unicodedata

import pyarrow as pa

from .base import Stage, column, with_columns

# Only the tags YouTube emits (plus a few common inline ones): "I <3 you" and "a<b" are text, not markup.
_TAG = re.compile(r"</?(?:a|b|i|s|u|br|span|strong|em|p|div|strike|del)\b[^<>]{0,500}>", re.I)
_BR = re.compile(r"<br\s*/?>", re.I)
_URL = re.compile(
    r"https?://|www\.[^\s.]|\b[\w-]+\.(?:com|net|org|kr|ly|io|co|me|tv|gg|be|link|shop|info|xyz)(?:/|\b)", re.I
)
# @handle: not part of an e-mail address (no word character before the @).
_HANDLE = re.compile(r"(?<![\w@])@([\w][\w.\-]{0,59})")
# A character (not a digit, not a space) repeated three or more times; what survives depends on the character.
_RUN = re.compile(r"([^\d\s])\1{2,}")
# A two-character unit repeated four or more times: "hahahaha", "ㅠㅜㅠㅜㅠㅜ", "하하하하하하하하".
_UNIT = re.compile(r"([^\d\s]{2})\1{3,}")
_URL_TOKEN = re.compile(r"(\S*(?:://|www\.)\S*)")
_CRY = frozenset("ㅠㅜ")
_COMPAT_JAMO = re.compile(r"([ㄱ-ㆎ]+)")


def _nfkc(text: str) -> str:
    """NFKC, except that Hangul compatibility jamo (ㅋ ㅎ ㅠ ㄹㅇ) stay as typed.

    NFKC maps ㅋ (U+314B) to the conjoining jamo ᄏ (U+110F), which renders the same but no longer matches what
    every Korean lexicon and every reader means by ㅋㅋ.
    """
    if not _COMPAT_JAMO.search(text):
        return unicodedata.normalize("NFKC", text)
    parts = _COMPAT_JAMO.split(text)
    return "".join(p if i % 2 else unicodedata.normalize("NFKC", p) for i, p in enumerate(parts))


def _keep(ch: str) -> int:
    """How many copies of a repeated character to keep."""
    if ch in _CRY:
        return 2
    if ch.isalpha() and ch.isascii():
        return 2  # soooo -> soo: English never triples a letter
    return 3  # ㅋㅋㅋ, ㅎㅎㅎ, !!!, ???, ..., 😍😍😍


def _collapse_run(m: re.Match) -> str:
    ch = m.group(1)
    k = _keep(ch)
    return ch * k if len(m.group(0)) > k else m.group(0)


def normalize_text(text: str) -> str:
    """The normalized form of one comment (see the module docstring)."""
    if "<" in text:
        text = _TAG.sub("", _BR.sub(" ", text))
    if "&" in text:
        text = html.unescape(text)
    text = _nfkc(text)
    if "://" in text or "www." in text:
        # Links are kept verbatim: "www" and "aaa" in a path are not elongations.
        parts = _URL_TOKEN.split(text)
        text = "".join(p if i % 2 else _collapse(p) for i, p in enumerate(parts))
    else:
        text = _collapse(text)
    return " ".join(text.split())


def _collapse(text: str) -> str:
    return _UNIT.sub(_unit3, _RUN.sub(_collapse_run, text))


def _unit3(m: re.Match) -> str:
    return m.group(1) * 3


def find_handles(text: str) -> list[str]:
    out: list[str] = []
    for m in _HANDLE.finditer(text):
        h = m.group(1).rstrip(".-")
        if h and h not in out:
            out.append(h)
    return out


class Normalize(Stage):
    name = "normalize"
    requires = ("text",)
    provides = ("text_norm", "has_url", "handles")

    def __call__(self, batch: pa.RecordBatch) -> pa.RecordBatch:
        norms, urls, handles = [], [], []
        for text in column(batch, "text"):
            t = normalize_text(text or "")
            norms.append(t)
            # Every URL form has a dot or "://"; most comments have neither, so skip the regex for them.
            urls.append(("." in t or "/" in t) and _URL.search(t) is not None)
            handles.append(find_handles(t) if "@" in t else [])
        return with_columns(batch, {"text_norm": norms, "has_url": urls, "handles": handles})
