"""Which reader a file needs, from its first bytes (and its extension where the bytes do not tell)."""
from __future__ import annotations

import csv
import json
from pathlib import Path

from ..errors import InputError
from .table import find_text_header

FORMATS = ("ytcd", "ytapi", "csv", "tsv", "jsonl", "text")


def sniff(path: Path, sample: str) -> str:
    """One of ``FORMATS`` for a file whose decoded beginning is ``sample``."""
    ext = path.suffix.lower()
    body = sample.lstrip("\ufeff \t\r\n")
    first_line = body.split("\n", 1)[0].rstrip("\r")
    if body.startswith(("{", "[")):
        if '"youtube#comment' in body:
            return "ytapi"
        try:
            first = json.loads(first_line)
        except json.JSONDecodeError:
            first = None
        if isinstance(first, dict):
            if "cid" in first and ("votes" in first or "time_parsed" in first or "reply" in first):
                return "ytcd"
            if "items" in first and "kind" in first:
                return "ytapi"
            return "jsonl"
        if body.startswith("["):
            raise InputError(str(path), 1, "a JSON array that is not YouTube Data API responses",
                             "write one comment object per line (JSON lines), or pass --format")
        if ext in (".jsonl", ".ndjson", ".json"):
            return "jsonl"
    if ext in (".tsv", ".tab"):
        return "tsv"
    if ext == ".csv":
        return "csv"
    if ext in (".jsonl", ".ndjson"):
        return "jsonl"
    if ext == ".txt":
        return "text"
    if "\t" in first_line and find_text_header(first_line.split("\t")):
        return "tsv"
    if "," in first_line and find_text_header(next(csv.reader([first_line]), [])):
        return "csv"
    return "text"
