"""Measure which Korean name forms of the registry are safe to find anywhere inside a word, and write the list the
people stage reads (``src/shipwatch/people/substring_safe.json``).

    .venv/bin/python tools/people/substring_safe.py                      # ../shared/data/nsmc-raw-subset
    .venv/bin/python tools/people/substring_safe.py --max-per-million 20 --show 현빈 진우 짱이

Fans glue names to what follows without a space (현빈이봉잡은거지, 이번엔현빈). The people stage only accepts a
two-syllable name at the start of a word followed by a particle, because most two-syllable forms are also the
start or middle of ordinary words (송강 in 송강호, 짱이 in 짱이야). Which forms are not is an empirical question:
in 712k raw NSMC movie reviews (ordinary Korean written by the public, spacing as careless as in news comments),
count the reviews where the form occurs *other than* as the particle rule would accept it (at a word start with
only particles/honorifics after it; not inside a longer registry name). A form is *substring-safe* when that
count is tiny (20 per million reviews), or when the form is mostly a name wherever the public writes it (70% of
the reviews holding it use it the particle rule's way: 현빈 116 vs 40, 손예진 247 vs 35), so its other
occurrences are mostly the person glued to a word; words fail both (공유 "share" 156 vs 126, 강남 30 vs 52,
하하 266 vs 724, 짱이 as in 짱이야). Glued uses of the real person count against a form, which only makes the
measure stricter.

Run again after adding people to ``default.toml``: the list is data of the package, nothing is measured at run time.
"""
from __future__ import annotations

import argparse
import csv
import gzip
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))

from shipwatch.people.registry import load_registry  # noqa: E402
from shipwatch.understand.people import SUFFIXES, _honorific_suffix, _Matcher  # noqa: E402

DATA = ROOT / ".." / "shared" / "data" / "nsmc-raw-subset" / "nsmc_raw_all.tsv.gz"
OUT = ROOT / "src" / "shipwatch" / "people" / "substring_safe.json"
_WORD = re.compile(r"[가-힣]+")


def korean_forms() -> set[str]:
    """Every Hangul-only name form the people stage looks up (strong, weak and ship names) of two syllables or
    more: one-syllable names keep their short list of endings whatever the data say."""
    return {f for f in _Matcher(load_registry())._korean if len(f) >= 2}


def measure(reviews, forms: set[str]) -> tuple[int, dict[str, int], dict[str, int]]:
    """(number of reviews, form -> reviews holding it as a particle-rule name, form -> reviews holding it
    otherwise)."""
    lengths: dict[str, list[int]] = {}
    for f in forms:
        lengths.setdefault(f[:2], []).append(len(f))
    for ls in lengths.values():
        ls.sort(reverse=True)
    named: dict[str, int] = dict.fromkeys(forms, 0)
    other: dict[str, int] = dict.fromkeys(forms, 0)
    n = 0
    for text in reviews:
        n += 1
        seen: set[str] = set()
        as_name: set[str] = set()
        for word in _WORD.findall(text):
            found = []  # (start, end) of every form occurrence in the word
            for i in range(len(word) - 1):
                for k in lengths.get(word[i:i + 2], ()):
                    if i + k <= len(word) and word[i:i + k] in forms:
                        found.append((i, i + k))
            for s, e in found:
                if any(s2 <= s and e <= e2 and (e2 - s2) > (e - s) for s2, e2 in found):
                    continue  # inside a longer registry name: the longer one is matched first at run time
                rest = word[e:]
                if s == 0 and (rest in SUFFIXES or _honorific_suffix(rest)):
                    as_name.add(word[s:e])  # the particle rule's name: not evidence against the form
                else:
                    seen.add(word[s:e])
        for f in as_name:
            named[f] += 1
        for f in seen:
            other[f] += 1
    return n, named, other


def read_reviews(path: Path):
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
            yield (row.get("review") or "").lower()


def is_safe(named: int, other: int, limit: float, min_share: float) -> bool:
    """Rare outside the particle rule (at most ``limit`` reviews), or, for a form the public writes often,
    mostly a name where it occurs (a share ``min_share`` of its reviews use it the particle rule's way): such a
    form's other occurrences are mostly the person glued to a word (현빈나오는, 손예진같은), not a word."""
    return other <= limit or named >= min_share * (named + other)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--max-per-million", type=float, default=20.0,
                        help="Safe when at most this many reviews per million hold the form as no name.")
    parser.add_argument("--min-name-share", type=float, default=0.7,
                        help="... or when at least this share of the reviews holding it use it as a name.")
    parser.add_argument("--show", nargs="*", default=(), help="Print the counts of these forms.")
    args = parser.parse_args()
    if not args.data.exists():
        sys.exit(f"{args.data} not found: this tool needs ../shared/data (see ../shared/data/README.md)")
    forms = korean_forms()
    n, named, other = measure(read_reviews(args.data), forms)
    limit = args.max_per_million * n / 1e6
    safe = sorted(f for f in forms if is_safe(named[f], other[f], limit, args.min_name_share))
    for f in args.show:
        print(f"{f}\tname {named.get(f, '-')}\tother {other.get(f, '-')}\t"
              f"{'safe' if f in safe else 'particle rules'}")
    doc = {
        "about": "Korean name forms of default.toml the people stage finds anywhere inside a word. Generated by "
                 "tools/people/substring_safe.py: do not edit.",
        "rule": f"safe when held other than as a name with particles in at most {args.max_per_million:g} per "
                f"million reviews ({limit:.1f}), or used as a name in at least {args.min_name_share:.0%} of the "
                f"reviews holding it",
        "corpus": f"NSMC raw reviews ({n})",
        "forms": {f: [named[f], other[f]] for f in safe},  # form: [reviews as a name, reviews otherwise]
    }
    args.out.write_text(json.dumps(doc, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"{len(safe)} of {len(forms)} forms substring-safe -> {args.out}")


if __name__ == "__main__":
    main()
