"""Labelled data: the gold JSON-lines format, the held-out split, and building gold files from our labels.

We commit references to real comments (dataset, file, line) with our labels, never the text; ``build`` joins
them with ``../shared/data`` into the gold format that ``shipwatch eval`` reads:
``{"comment": str, "labels": [str], "sentiment": -2..2, "targets": [str], "news_title" or "context": str}``.
"""
from __future__ import annotations

import csv
import hashlib
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from .errors import GoldError, UsageError
from .schema import LABELS

csv.field_size_limit(sys.maxsize)


@dataclass
class GoldRow:
    comment: str
    labels: list[str]
    sentiment: int | None
    targets: list[str]
    context: str | None
    line: int
    extra: dict = field(default_factory=dict)


def headline_split(headline: str) -> str:
    """'test' for one headline in five, by a hash of its text: comments come in blocks per headline."""
    return "test" if int(hashlib.sha1(headline.encode("utf-8")).hexdigest(), 16) % 5 == 0 else "train"


def read_gold(path: str | Path) -> Iterator[GoldRow]:
    """Rows of a gold file; a bad line raises GoldError naming the line and what to fix."""
    path = Path(path)
    if not path.exists():
        raise GoldError(path, None, "no such file", "check the path (build one with `shipwatch gold build`)")
    with open(path, encoding="utf-8-sig") as fh:
        for n, raw in enumerate(fh, start=1):
            if not raw.strip():
                continue
            try:
                obj = json.loads(raw)
            except json.JSONDecodeError as e:
                raise GoldError(path, n, f"not valid JSON ({e.msg})", "fix or delete the line") from None
            if not isinstance(obj, dict) or not isinstance(obj.get("comment"), str):
                raise GoldError(path, n, 'no "comment" string', 'each line needs {"comment": ..., "labels": [...]}')
            labels = obj.get("labels", [])
            if not isinstance(labels, list) or not all(isinstance(x, str) for x in labels):
                raise GoldError(path, n, '"labels" is not a list of strings', 'write e.g. "labels": ["ship"]')
            unknown = [x for x in labels if x not in LABELS]
            if unknown:
                raise GoldError(path, n, f"unknown label {unknown[0]!r}",
                                f"use the labels of reactions.md: {', '.join(LABELS)}")
            sentiment = obj.get("sentiment")
            if sentiment is not None and (not isinstance(sentiment, int) or not -2 <= sentiment <= 2):
                raise GoldError(path, n, f'"sentiment" {sentiment!r} is not an integer in -2..2',
                                "use -2, -1, 0, 1 or 2")
            targets = obj.get("targets") or []
            if not isinstance(targets, list):
                raise GoldError(path, n, '"targets" is not a list', 'write e.g. "targets": ["현빈"]')
            context = obj.get("news_title") or obj.get("context") or None
            yield GoldRow(obj["comment"], labels, sentiment, [str(t) for t in targets], context, n, obj)


# --- building gold files from committed labels ---------------------------------------------------------------

@dataclass(frozen=True)
class _FileSpec:
    text_col: str
    context_col: str | None = None
    context: str | None = None
    delimiter: str = "\t"
    quoting: int = csv.QUOTE_NONE
    split: str = "row"            # how to hold out: headline | file | row | column:<name>


_YOUTUBE_SPAM_TITLES = {
    "Youtube01-Psy.csv": "PSY - GANGNAM STYLE (강남스타일) M/V",
    "Youtube02-KatyPerry.csv": "Katy Perry - Roar",
    "Youtube03-LMFAO.csv": "LMFAO - Party Rock Anthem ft. Lauren Bennett, GoonRock",
    "Youtube04-Eminem.csv": "Eminem - Love The Way You Lie ft. Rihanna",
    "Youtube05-Shakira.csv": "Shakira - Waka Waka (This Time for Africa)",
}
# Held-out videos of the spam set: the v1 spam rules were written without looking at them.
_YOUTUBE_SPAM_TEST = {"Youtube01-Psy.csv", "Youtube04-Eminem.csv"}


def _spec(dataset: str, file: str) -> _FileSpec:
    if dataset == "kocohub-beep":
        return _FileSpec("comments", context_col="news_title", split="headline")
    if dataset == "goemotions":
        return _FileSpec("text", context="Reddit comment", split="row")
    if dataset == "youtube-spam-uci":
        return _FileSpec("CONTENT", context=_YOUTUBE_SPAM_TITLES.get(file), delimiter=",",
                         quoting=csv.QUOTE_MINIMAL, split="file")
    if dataset == "told-br-pt":
        return _FileSpec("text", context="tweet", split="row")
    if dataset == "indonlu-emot-id":
        return _FileSpec("tweet", context="tweet", split="row")
    if dataset == "wisesight-th":
        return _FileSpec("text", context="social media message", split="row")
    if dataset == "nsmc-raw-subset":
        return _FileSpec("document", context="movie review", split="column:movie_id")
    if dataset == "ko-youtube-game-comments":
        return _FileSpec("text", context="YouTube game video", split="file")
    raise UsageError(f"gold build: no reader for dataset {dataset!r}; add one in shipwatch/gold.py (_spec)")


def _split_of(spec: _FileSpec, dataset: str, file: str, line: int, row: dict, context: str | None) -> str:
    if spec.split == "headline":
        return headline_split(context or "")
    if spec.split == "file":
        if dataset == "youtube-spam-uci":
            return "test" if file in _YOUTUBE_SPAM_TEST else "train"
        return headline_split(file)
    if spec.split.startswith("column:"):
        return headline_split(str(row.get(spec.split.split(":", 1)[1], "")))
    return headline_split(f"{dataset}/{file}/{line}")


def _read_lines(path: Path, spec: _FileSpec, wanted: set[int]) -> dict[int, dict]:
    """Physical line number -> row dict for the wanted lines (header = line 1)."""
    out: dict[int, dict] = {}
    if path.suffix == ".txt":  # one comment per line, optional <SOS> ... <EOS> markers
        with open(path, encoding="utf-8", errors="replace") as fh:
            for n, raw in enumerate(fh, start=1):
                if n in wanted:
                    text = raw.strip().removeprefix("<SOS>").removesuffix("<EOS>").strip()
                    out[n] = {spec.text_col: text}
        return out
    with open(path, encoding="utf-8", newline="") as fh:
        header_line = fh.readline()
        header = next(csv.reader([header_line], delimiter=spec.delimiter, quoting=spec.quoting))
        n = 1
        for raw in fh:
            n += 1
            if n not in wanted:
                continue
            values = next(csv.reader([raw.rstrip("\r\n")], delimiter=spec.delimiter, quoting=spec.quoting))
            out[n] = dict(zip(header, values))
    return out


def build(labels_dir: str | Path, data_dir: str | Path, out_dir: str | Path) -> dict[str, int]:
    """Join committed labels with the real data into ``all.jsonl``, ``train.jsonl`` and ``test.jsonl``.

    When two annotators labelled the same line, the first file in name order wins (the others are kept for
    agreement figures, not for evaluation).
    """
    labels_dir, data_dir, out_dir = Path(labels_dir), Path(data_dir), Path(out_dir)
    if not data_dir.is_dir():
        raise UsageError(f"gold build: data folder {data_dir} not found; pass --data PATH to ../shared/data")
    refs: dict[tuple[str, str, int], dict] = {}
    for lf in sorted(labels_dir.glob("*.jsonl")):
        with open(lf, encoding="utf-8") as fh:
            for n, raw in enumerate(fh, start=1):
                if not raw.strip():
                    continue
                try:
                    obj = json.loads(raw)
                    key = (obj["dataset"], obj["file"], int(obj["line"]))
                except (json.JSONDecodeError, KeyError, TypeError, ValueError):
                    raise GoldError(lf, n, "not a label reference", 'need {"dataset", "file", "line", "labels"}') from None
                refs.setdefault(key, obj)
    by_file: dict[tuple[str, str], dict[int, dict]] = {}
    for (ds, f, line), obj in refs.items():
        by_file.setdefault((ds, f), {})[line] = obj
    out_dir.mkdir(parents=True, exist_ok=True)
    counts = {"all": 0, "train": 0, "test": 0}
    with open(out_dir / "all.jsonl", "w", encoding="utf-8") as fa, \
            open(out_dir / "train.jsonl", "w", encoding="utf-8") as ftr, \
            open(out_dir / "test.jsonl", "w", encoding="utf-8") as fte:
        for (ds, f), lines in sorted(by_file.items()):
            spec = _spec(ds, f)
            rows = _read_lines(data_dir / ds / f, spec, set(lines))
            for line in sorted(lines):
                if line not in rows:
                    continue
                row, obj = rows[line], lines[line]
                context = row.get(spec.context_col) if spec.context_col else spec.context
                split = _split_of(spec, ds, f, line, row, context)
                gold = {"comment": row.get(spec.text_col, ""), "labels": obj.get("labels", []),
                        "sentiment": obj.get("sentiment"), "targets": obj.get("targets", []),
                        "context": context, "dataset": ds, "file": f, "line": line, "split": split,
                        "annotator": obj.get("annotator")}
                text = json.dumps(gold, ensure_ascii=False) + "\n"
                fa.write(text)
                (fte if split == "test" else ftr).write(text)
                counts["all"] += 1
                counts[split] += 1
    return counts


# --- agreement between two annotators ---------------------------------------------------------------------------

def _kappa(a: list[bool | str], b: list[bool | str]) -> float | None:
    """Cohen's kappa for two raters' categorical decisions on the same items."""
    n = len(a)
    if n == 0:
        return None
    cats = sorted(set(a) | set(b), key=str)
    po = sum(x == y for x, y in zip(a, b)) / n
    pe = sum((a.count(c) / n) * (b.count(c) / n) for c in cats)
    return 1.0 if pe == 1 else round((po - pe) / (1 - pe), 4)


def agreement(first_dir: str | Path, second_file: str | Path) -> dict:
    """Per-label Cohen's kappa (and raw agreement) between the labels in ``first_dir`` and an independent second
    annotation of some of the same lines; also sentiment (neg/neu/pos) kappa and exact target-set agreement."""
    first: dict[tuple, dict] = {}
    for lf in sorted(Path(first_dir).glob("*.jsonl")):
        for raw in open(lf, encoding="utf-8"):
            if raw.strip():
                o = json.loads(raw)
                first.setdefault((o["dataset"], o["file"], int(o["line"])), o)
    pairs = []
    for raw in open(second_file, encoding="utf-8"):
        if raw.strip():
            o = json.loads(raw)
            k = (o["dataset"], o["file"], int(o["line"]))
            if k in first:
                pairs.append((first[k], o))
    per = {}
    for lab in LABELS:
        a = [lab in p[0]["labels"] for p in pairs]
        b = [lab in p[1]["labels"] for p in pairs]
        per[lab] = {"kappa": _kappa(a, b), "agree": round(sum(x == y for x, y in zip(a, b)) / len(a), 4) if a else None,
                    "n_first": sum(a), "n_second": sum(b)}
    cls = lambda v: "neg" if (v or 0) < 0 else "pos" if (v or 0) > 0 else "neu"  # noqa: E731
    sent = _kappa([cls(p[0].get("sentiment")) for p in pairs], [cls(p[1].get("sentiment")) for p in pairs])
    tgt = sum(set(p[0].get("targets") or []) == set(p[1].get("targets") or []) for p in pairs)
    exact = sum(set(p[0]["labels"]) == set(p[1]["labels"]) for p in pairs)
    return {"n": len(pairs), "labels": per, "sentiment_kappa": sent,
            "targets_exact": round(tgt / len(pairs), 4) if pairs else None,
            "labels_exact": round(exact / len(pairs), 4) if pairs else None}
