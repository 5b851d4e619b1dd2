"""Numbered, decoded, length-bounded lines of a text file, read as a stream.

ASCII-compatible encodings (UTF-8, CP949, ...) are split on b"\\n" and each line decoded on its own, so one
undecodable or over-long line becomes one bad line instead of ending the file. UTF-16/32 cannot be split as
bytes and are decoded by ``io.TextIOWrapper``; there a decoding error ends the read.
"""
from __future__ import annotations

import io
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

# Codecs where b"\n" is always a line break and never part of a multi-byte character.
_WIDE = ("utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-32-be")
RAW_LIMIT = 2_000   # characters of a bad line kept in the reject file


@dataclass(frozen=True)
class Bad:
    """A line (or record) that cannot become a comment: where, why, and the text as far as it was read."""

    line: int
    problem: str
    raw: str


def iter_lines(path: Path, encoding: str, max_line_bytes: int) -> Iterator[tuple[int, str] | Bad]:
    """``(line_number, text)`` with the line ending kept (the csv module needs it), or ``Bad``."""
    if encoding in _WIDE:
        yield from _wide_lines(path, encoding, max_line_bytes)
    else:
        yield from _byte_lines(path, encoding, max_line_bytes)


def _byte_lines(path: Path, encoding: str, max_line_bytes: int) -> Iterator[tuple[int, str] | Bad]:
    with open(path, "rb") as f:
        no = 0
        readline = f.readline
        first = True
        while True:
            raw = readline(max_line_bytes + 1)
            if not raw:
                return
            no += 1
            if first:
                first = False
                if encoding == "utf-8-sig" and raw.startswith(b"\xef\xbb\xbf"):
                    raw = raw[3:]
            if len(raw) > max_line_bytes and not raw.endswith(b"\n"):
                _skip_rest_of_line(f)
                yield Bad(no, f"the line is longer than {max_line_bytes:,} bytes",
                          raw[:RAW_LIMIT].decode(encoding, "replace"))
                continue
            if b"\x00" in raw:
                yield Bad(no, "binary data (NUL bytes), not a text line", raw[:RAW_LIMIT].decode(encoding, "replace"))
                continue
            try:
                yield no, raw.decode(encoding)
            except UnicodeDecodeError as e:
                yield Bad(no, f"not valid {encoding} text (byte 0x{raw[e.start]:02x} at byte {e.start + 1})",
                          raw[:RAW_LIMIT].decode(encoding, "replace"))


def _skip_rest_of_line(f: io.BufferedReader) -> None:
    while True:
        chunk = f.readline(1 << 20)
        if not chunk or chunk.endswith(b"\n"):
            return


def _wide_lines(path: Path, encoding: str, max_line_bytes: int) -> Iterator[tuple[int, str] | Bad]:
    max_chars = max(1, max_line_bytes // 2)
    with open(path, "rb") as b, io.TextIOWrapper(b, encoding=encoding, errors="strict", newline="") as f:
        no = 0
        while True:
            try:
                line = f.readline(max_chars + 1)
            except UnicodeDecodeError as e:
                yield Bad(no + 1, f"not valid {encoding} text ({e.reason})", "")
                return
            if not line:
                return
            no += 1
            if len(line) > max_chars and not line.endswith("\n"):
                while True:
                    rest = f.readline(1 << 20)
                    if not rest or rest.endswith("\n"):
                        break
                yield Bad(no, f"the line is longer than {max_line_bytes:,} bytes", line[:RAW_LIMIT])
                continue
            if "\x00" in line:
                yield Bad(no, "binary data (NUL characters), not a text line", line[:RAW_LIMIT])
                continue
            yield no, line


def json_problem(error: json.JSONDecodeError, line: str) -> str:
    """"truncated JSON (...)" when the text ends before the value does, else "invalid JSON (...)"."""
    truncated = error.pos >= len(line.rstrip()) or error.msg.startswith("Unterminated string")
    return f"{'truncated' if truncated else 'invalid'} JSON ({error.msg})"
