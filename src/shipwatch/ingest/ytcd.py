"""youtube-comment-downloader JSON lines: one comment object per line.

Keys: cid, text, time ("2 years ago"), author, channel, votes ("1.2K"), replies, photo, heart, reply,
time_parsed (epoch seconds). A reply's cid is "<parent cid>.<suffix>".
"""
from __future__ import annotations

import json
from typing import Iterator

from .lines import Bad, iter_lines, json_problem
from .rows import Row
from .source import FileSource
from .values import epoch_to_micros, parse_count


def ytcd_row(obj: object, source_id: str, title: str | None, line: int | None) -> Row:
    """A ``Row`` from one downloader comment dict; ``ValueError`` says what is wrong with it."""
    if not isinstance(obj, dict):
        raise ValueError(f"expected a JSON object, found {type(obj).__name__}")
    cid = obj.get("cid")
    if not isinstance(cid, str) or not cid:
        raise ValueError("no comment id ('cid')")
    text = obj.get("text")
    if not isinstance(text, str):
        raise ValueError("no comment text ('text')" if text is None else "'text' is not a string")
    parent = cid.split(".", 1)[0] if "." in cid else None
    time_parsed = obj.get("time_parsed")
    if time_parsed is not None and (isinstance(time_parsed, bool) or not isinstance(time_parsed, (int, float))):
        raise ValueError(f"'time_parsed' {time_parsed!r} is not epoch seconds")
    time_text = obj.get("time")
    return Row(
        "youtube",
        source_id,
        cid,
        parent,
        _opt_str(obj.get("author")),
        _opt_str(obj.get("channel")),
        text,
        parse_count(obj.get("votes"), "likes ('votes')"),
        parse_count(obj.get("replies"), "reply count ('replies')"),
        epoch_to_micros(time_parsed) if time_parsed is not None else None,
        time_text if isinstance(time_text, str) else None,
        title,
        line,
    )


def _opt_str(value: object) -> str | None:
    return value if isinstance(value, str) and value else None


class YtcdSource(FileSource):
    platform = "youtube"
    format = "ytcd"
    format_name = "youtube-comment-downloader JSON lines"

    def __init__(self, path, encoding, options, source_id: str):
        super().__init__(path, encoding, options)
        self.source_id = source_id

    def _items(self) -> Iterator[Row | Bad]:
        title = self.options.title
        source_id = self.source_id
        loads = json.loads
        for item in iter_lines(self.path, self.encoding, self.options.max_line_bytes):
            if isinstance(item, Bad):
                yield item
                continue
            no, line = item
            if not line.strip():
                continue
            try:
                obj = loads(line)
            except json.JSONDecodeError as e:
                yield Bad(no, json_problem(e, line), line)
                continue
            try:
                yield ytcd_row(obj, source_id, title, no)
            except ValueError as e:
                yield Bad(no, str(e), line)
