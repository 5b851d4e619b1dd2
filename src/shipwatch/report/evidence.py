"""Evidence export of hateful comments: CSV and JSON with permalinks, author channels and times, plus a manifest.

An agency hands this to lawyers, so the export says exactly what it contains and can be checked later:
``manifest.json`` records the selection rule, the store, the sources, the row count and each file's SHA-256;
``MANIFEST.sha256`` lists the same hashes (and the manifest's own) in the format ``sha256sum -c`` verifies.
Rows are streamed from the store in batches, so memory stays flat however many comments are selected; every file
is written under a temporary name and renamed, so an interrupted export never leaves a half file behind.
"""
from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
from pathlib import Path
from typing import Iterator, Sequence

from shipwatch import __version__
from shipwatch.aggregate import _iso, _permalink
from shipwatch.store import Store, source_filter

COLUMNS: tuple[str, ...] = (
    "comment_id", "permalink", "author_channel", "author", "text", "published_at", "time_text", "labels", "p_hate",
    "likes", "platform", "source_id", "parent_id", "title", "source_line",
)
CSV_NAME, JSON_NAME, MANIFEST_NAME, SUMS_NAME = "hate_evidence.csv", "hate_evidence.json", "manifest.json", \
    "MANIFEST.sha256"
_BATCH = 5000


def _rows(store: Store, sources: Sequence[tuple[str, str]] | None, min_p: float | None) -> Iterator[dict]:
    where, params = source_filter(sources)
    rule = "list_contains(labels, 'hate')"
    if min_p is not None:
        rule = f"({rule} OR coalesce(p_hate, 0) >= ?)"
        params = params + [min_p]
    cur = store.con.execute(
        f"SELECT comment_id, platform, source_id, parent_id, author, author_channel, text, published_at, time_text, "
        f"labels, p_hate, likes, title, source_line FROM comments WHERE {where} AND {rule} "
        f"ORDER BY p_hate DESC, platform, source_id, comment_id", params)
    while True:
        batch = cur.fetchmany(_BATCH)
        if not batch:
            return
        for (cid, platform, sid, parent, author, channel, text, pub, time_text, labels, p_hate, likes, title,
             line) in batch:
            yield {
                "comment_id": cid, "permalink": _permalink(platform, sid, cid), "author_channel": channel,
                "author": author, "text": text, "published_at": _iso(pub), "time_text": time_text,
                "labels": list(labels or []), "p_hate": None if p_hate is None else round(float(p_hate), 4),
                "likes": int(likes or 0), "platform": platform, "source_id": sid, "parent_id": parent,
                "title": title, "source_line": line,
            }


class _HashingWriter:
    """A text file that hashes the exact bytes it writes."""

    def __init__(self, path: Path, encoding: str):
        self.path, self.tmp = path, path.with_name(path.name + ".tmp")
        self._fh = open(self.tmp, "wb")
        self._encoding = encoding
        self.sha = hashlib.sha256()
        self.size = 0

    def write(self, text: str) -> None:
        data = text.encode(self._encoding)
        if self.size == 0 and self._encoding == "utf-8-sig":
            self._encoding = "utf-8"       # the byte-order mark only once, at the start
        self._fh.write(data)
        self.sha.update(data)
        self.size += len(data)

    def commit(self) -> dict:
        self._fh.close()
        self.tmp.replace(self.path)
        return {"sha256": self.sha.hexdigest(), "bytes": self.size}

    def abort(self) -> None:
        self._fh.close()
        self.tmp.unlink(missing_ok=True)


def _csv_line(values: list) -> str:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\r\n").writerow(values)
    return buf.getvalue()


def _csv_value(row: dict, col: str):
    v = row[col]
    if col == "labels":
        return "|".join(v)
    return "" if v is None else v


def export_hate(store: Store, out: str | Path, sources: Sequence[tuple[str, str]] | None = None,
                min_p: float | None = None, store_path: str | None = None) -> dict:
    """Write the evidence files for the hateful comments of ``sources`` (all when None) to the folder ``out``.

    A comment is selected when it carries the ``hate`` label, or, with ``min_p``, when its hate probability is at
    least ``min_p``. Returns the manifest (also written to ``out/manifest.json``) with the file paths added.
    """
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    # The CSV carries a byte-order mark so spreadsheet programs read Korean text as UTF-8; the JSON does not.
    csv_w = _HashingWriter(out / CSV_NAME, "utf-8-sig")
    json_w = _HashingWriter(out / JSON_NAME, "utf-8")
    n = 0
    try:
        csv_w.write(_csv_line(list(COLUMNS)))
        json_w.write("[")
        for row in _rows(store, sources, min_p):
            csv_w.write(_csv_line([_csv_value(row, c) for c in COLUMNS]))
            json_w.write(("," if n else "") + "\n  " + json.dumps({c: row[c] for c in COLUMNS}, ensure_ascii=False))
            n += 1
        json_w.write("\n]\n" if n else "]\n")
        files = {CSV_NAME: csv_w.commit() | {"rows": n}, JSON_NAME: json_w.commit() | {"rows": n}}
    except BaseException:
        csv_w.abort()
        json_w.abort()
        raise
    rule = "labels contain 'hate'" + (f" or p_hate >= {min_p:g}" if min_p is not None else "")
    manifest = {
        "kind": "shipwatch hate evidence",
        "generated_at": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "shipwatch_version": __version__,
        "store": store_path or store.path,
        "sources": [{"platform": p, "source_id": s} for p, s in sources] if sources else "all",
        "selection": rule,
        "order": "p_hate descending",
        "rows": n,
        "columns": list(COLUMNS),
        "time_zone": "UTC",
        "files": files,
    }
    text = json.dumps(manifest, ensure_ascii=False, indent=2) + "\n"
    _atomic_write(out / MANIFEST_NAME, text)
    sums = {name: info["sha256"] for name, info in files.items()}
    sums[MANIFEST_NAME] = hashlib.sha256(text.encode("utf-8")).hexdigest()
    _atomic_write(out / SUMS_NAME, "".join(f"{h}  {name}\n" for name, h in sums.items()))
    manifest["paths"] = {name: out / name for name in (CSV_NAME, JSON_NAME, MANIFEST_NAME, SUMS_NAME)}
    return manifest


def verify(folder: str | Path) -> dict[str, bool]:
    """Recompute each file's SHA-256 and compare it with ``MANIFEST.sha256``: file name -> intact."""
    folder = Path(folder)
    result = {}
    for line in (folder / SUMS_NAME).read_text(encoding="utf-8").splitlines():
        digest, name = line.split("  ", 1)
        path = folder / name
        result[name] = path.is_file() and hashlib.sha256(path.read_bytes()).hexdigest() == digest
    return result


def _atomic_write(path: Path, text: str) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_bytes(text.encode("utf-8"))
    tmp.replace(path)
