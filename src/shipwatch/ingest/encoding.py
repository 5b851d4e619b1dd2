"""Which text encoding a comment file is in.

Order: a byte-order mark; else NUL bytes (UTF-16 without a BOM, or not text at all); else a strict UTF-8 try on
a prefix; else CP949 when the prefix decodes as Korean (the usual non-UTF-8 Korean export, a superset of
EUC-KR); else charset-normalizer on the sample. Only a prefix is read: files are decoded as they stream.
"""
from __future__ import annotations

import codecs

SAMPLE_BYTES = 64 * 1024

_BOMS = (  # UTF-32 first: its little-endian BOM starts with the UTF-16 one.
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


class NotText(ValueError):
    """The bytes are not text in any encoding we can tell."""


def normalize_name(encoding: str) -> str:
    """Python's codec name for ``encoding``; EUC-KR and its aliases read as CP949, which is a superset."""
    try:
        name = codecs.lookup(encoding).name
    except LookupError:
        raise ValueError(f"unknown encoding {encoding!r}") from None
    return "cp949" if name in ("euc_kr", "ks_c_5601_1987", "korean", "uhc") else name


def detect(sample: bytes) -> str:
    """The encoding of a file whose first bytes are ``sample`` (non-empty)."""
    for bom, name in _BOMS:
        if sample.startswith(bom):
            return name
    if b"\x00" in sample:
        return _utf16_without_bom(sample)
    if _decodes(sample, "utf-8"):
        return "utf-8"
    if _decodes(sample, "cp949") and _mostly_korean(sample.decode("cp949", "ignore")):
        return "cp949"
    import charset_normalizer

    best = charset_normalizer.from_bytes(sample).best()
    if best is None:
        raise NotText("not a text file (no text encoding fits its bytes)")
    return normalize_name(best.encoding)


def _decodes(sample: bytes, encoding: str) -> bool:
    # Incremental with final=False: the prefix may end in the middle of a multi-byte character.
    try:
        codecs.getincrementaldecoder(encoding)("strict").decode(sample, final=False)
        return True
    except UnicodeDecodeError:
        return False


def _mostly_korean(text: str) -> bool:
    non_ascii = [c for c in text if ord(c) > 127]
    if not non_ascii:
        return True
    hangul = sum(1 for c in non_ascii if "\uac00" <= c <= "\ud7a3" or "\u3131" <= c <= "\u318e")
    return hangul >= 0.6 * len(non_ascii)


def _utf16_without_bom(sample: bytes) -> str:
    # ASCII-range text in UTF-16 has a NUL in every other byte; binary files have NULs scattered anywhere.
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    half = len(sample) / 2
    if odd > 0.3 * half and even < 0.05 * half and _decodes(sample, "utf-16-le"):
        return "utf-16-le"
    if even > 0.3 * half and odd < 0.05 * half and _decodes(sample, "utf-16-be"):
        return "utf-16-be"
    raise NotText("not a text file (it contains NUL bytes)")
