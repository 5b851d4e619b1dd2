"""Run many regular expressions over short texts fast: only those whose required literals occur.

Python's ``re`` tries every branch of an alternation at every position, so a few hundred rules scanned in full
cost ~100 µs per comment. Almost every rule needs some literal (``사귀``, ``chemistry``, ``ㅅㅂ``), and a comment
contains the literals of only a handful of rules. ``Matcher`` finds, for each pattern, a set of literals one of
which every match must contain (from the parsed pattern), indexes them by their first two characters, and for a
text checks only the rules whose literal is a substring of it. Patterns with no such literal always run.
"""
from __future__ import annotations

import re
from re import _constants as C  # noqa: N812 - the parser's op codes
from re import _parser as P  # noqa: N812
from typing import Sequence

# Every two-character window of a text, found in C (a Python loop over slices costs twice as much).
_PAIRS = re.compile(r"(?=(..))", re.DOTALL)
_REPEATS = (C.MAX_REPEAT, C.MIN_REPEAT, getattr(C, "POSSESSIVE_REPEAT", C.MAX_REPEAT))


def required_literals(pattern: str) -> frozenset[str] | None:
    """Literals one of which every match of ``pattern`` contains, or None when no such set is known."""
    found = _required(P.parse(pattern))
    return frozenset(found) if found else None


def _required(items) -> set[str] | None:
    candidates: list[set[str]] = []
    run: list[str] = []

    def flush() -> None:
        if run:
            candidates.append({"".join(run)})
            run.clear()

    for op, av in items:
        if op is C.LITERAL:
            run.append(chr(av))
            continue
        flush()
        found: set[str] | None = None
        if op is C.SUBPATTERN:
            found = _required(av[-1])
        elif op is C.BRANCH:
            subs = [_required(branch) for branch in av[1]]
            found = None if any(not s for s in subs) else set().union(*subs)
        elif op in _REPEATS:
            low, _, sub = av
            found = _required(sub) if low >= 1 else None
        elif op is C.IN and all(o is C.LITERAL for o, _ in av):
            found = {chr(a) for _, a in av}
        if found:
            candidates.append(found)
    flush()
    if not candidates:
        return None
    # The most selective choice: the longest shortest literal, then the fewest alternatives.
    return max(candidates, key=lambda s: (min(map(len, s)), -len(s)))


class Matcher:
    """Compiled patterns plus an index of their required literals."""

    def __init__(self, patterns: Sequence[str]):
        self.patterns = tuple(re.compile(p) for p in patterns)
        self.always: tuple[int, ...] = ()
        by_literal: dict[str, set[int]] = {}
        always = []
        for i, p in enumerate(patterns):
            lits = required_literals(p)
            if lits is None:
                always.append(i)
                continue
            for lit in lits:
                by_literal.setdefault(lit, set()).add(i)
        self.always = tuple(always)
        # Two-character literals and longer are keyed by their first two characters, one-character ones by it.
        self._by_pair: dict[str, tuple[tuple[str, tuple[int, ...]], ...]] = {}
        self._by_char: dict[str, tuple[int, ...]] = {}
        pairs: dict[str, list[tuple[str, tuple[int, ...]]]] = {}
        for lit, ids in by_literal.items():
            if len(lit) == 1:
                self._by_char[lit] = tuple(sorted(ids))
            else:
                pairs.setdefault(lit[:2], []).append((lit, tuple(sorted(ids))))
        self._by_pair = {k: tuple(v) for k, v in pairs.items()}
        self._chars = frozenset(self._by_char)
        self._pair_keys = frozenset(self._by_pair)

    def candidates(self, text: str) -> set[int]:
        """Indices of the patterns that can match ``text`` (a superset of those that do)."""
        out = set(self.always)
        for ch in self._chars.intersection(text):
            out.update(self._by_char[ch])
        for key in self._pair_keys.intersection(_PAIRS.findall(text)):
            for lit, ids in self._by_pair[key]:
                if len(lit) == 2 or lit in text:
                    out.update(ids)
        return out
