"""YouTube Data API v3 responses: commentThreads.list and comments.list.

A file holds one response (pretty-printed or not), JSON lines of responses, or a JSON array of responses. It is
read as a stream of JSON documents, so memory is bounded by one response (at most 100 comment threads).
"""
from __future__ import annotations

import html
import io
import json
import re
from typing import Iterator

from .lines import RAW_LIMIT, Bad, json_problem
from .rows import Row
from .source import FileSource
from .values import parse_count, parse_time

CHUNK_CHARS = 1 << 20
_TAG_RE = re.compile(r"<[^>]+>")
_BR_RE = re.compile(r"<br\s*/?>", re.I)


def strip_html(text: str) -> str:
    """Plain text from ``textDisplay`` (HTML), for responses fetched without ``textOriginal``."""
    return html.unescape(_TAG_RE.sub("", _BR_RE.sub("\n", text)))


def response_rows(doc: object, source_id: str | None, default_source_id: str, title: str | None,
                  line: int | None, display_is_html: bool = True) -> Iterator[Row | str]:
    """Rows of one API response (or one bare item). ``source_id`` forces the source id; otherwise each row
    takes its item's ``videoId`` or ``default_source_id``. ``textDisplay`` is used only without
    ``textOriginal``; it is HTML unless the response was requested with textFormat=plainText.
    A bad item yields a problem string instead of rows."""
    if not isinstance(doc, dict):
        yield f"expected a JSON object (an API response), found {type(doc).__name__}"
        return
    if "error" in doc and "items" not in doc:
        err = doc["error"] if isinstance(doc["error"], dict) else {}
        yield f"an API error response, not comments ({err.get('code', '?')}: {err.get('message', doc['error'])})"
        return
    if "items" in doc:
        items = doc["items"]
        if not isinstance(items, list):
            yield "'items' is not a list"
            return
    elif doc.get("kind") in ("youtube#commentThread", "youtube#comment"):
        items = [doc]
    else:
        yield "not a YouTube Data API comments response (no 'items')"
        return
    for item in items:
        try:
            yield from _item_rows(item, source_id, default_source_id, title, line, display_is_html)
        except (ValueError, TypeError, AttributeError) as e:
            yield f"comment item {_item_id(item)}: {e}"


def _item_rows(item: dict, forced: str | None, default: str, title: str | None, line: int | None,
               html_text: bool) -> Iterator[Row]:
    snippet = item.get("snippet") or {}
    if "topLevelComment" in snippet:
        top = snippet["topLevelComment"]
        video = forced or snippet.get("videoId") or (top.get("snippet") or {}).get("videoId") or default
        rows = [_comment_row(top, None, video, title, line, snippet.get("totalReplyCount"), html_text)]
        top_id = rows[0].comment_id
        for reply in (item.get("replies") or {}).get("comments") or []:
            parent = (reply.get("snippet") or {}).get("parentId") or top_id
            rows.append(_comment_row(reply, parent, video, title, line, 0, html_text))
        yield from rows
    elif item.get("kind") == "youtube#comment" or "textOriginal" in snippet or "textDisplay" in snippet:
        video = forced or snippet.get("videoId") or default
        yield _comment_row(item, snippet.get("parentId"), video, title, line, 0, html_text)
    else:
        raise ValueError("neither a comment thread nor a comment")


def _comment_row(comment: dict, parent: str | None, source_id: str, title: str | None, line: int | None,
                 reply_count: object, html_text: bool) -> Row:
    cid = comment.get("id")
    if not isinstance(cid, str) or not cid:
        raise ValueError("no comment 'id'")
    s = comment.get("snippet")
    if not isinstance(s, dict):
        raise ValueError("no 'snippet'")
    text = s.get("textOriginal")
    if not isinstance(text, str):
        display = s.get("textDisplay")
        if not isinstance(display, str):
            raise ValueError("no comment text (snippet.textOriginal / textDisplay)")
        text = strip_html(display) if html_text else display
    channel = s.get("authorChannelId")
    channel = channel.get("value") if isinstance(channel, dict) else channel
    published = s.get("publishedAt")
    return Row(
        "youtube",
        source_id,
        cid,
        parent,
        s.get("authorDisplayName") or None,
        channel if isinstance(channel, str) and channel else None,
        text,
        parse_count(s.get("likeCount"), "likeCount"),
        parse_count(reply_count, "totalReplyCount"),
        parse_time(published),
        published if isinstance(published, str) else None,
        title,
        line,
    )


def _item_id(item: object) -> str:
    return repr(item.get("id")) if isinstance(item, dict) and item.get("id") else "(no id)"


def first_video_id(doc: object) -> str | None:
    """The first videoId in a response, to name the source."""
    if not isinstance(doc, dict):
        return None
    items = doc.get("items") if "items" in doc else [doc]
    for item in items if isinstance(items, list) else []:
        snippet = item.get("snippet") if isinstance(item, dict) else None
        if isinstance(snippet, dict):
            vid = snippet.get("videoId") or ((snippet.get("topLevelComment") or {}).get("snippet") or {}).get("videoId")
            if isinstance(vid, str) and vid:
                return vid
    return None


def iter_documents(path, encoding: str, max_doc_chars: int) -> Iterator[tuple[int, object] | Bad]:
    """JSON documents of a file (concatenated, one per line, or in a top-level array), with their first line."""
    decoder = json.JSONDecoder()
    with open(path, "rb") as b, io.TextIOWrapper(b, encoding=encoding, errors="strict", newline="") as f:
        buf, pos, line, counted, eof, in_array = "", 0, 1, 0, False, False

        def fill() -> None:
            nonlocal buf, pos, line, counted, eof
            line += buf.count("\n", counted, pos)
            buf, counted, pos = buf[pos:], 0, 0
            try:
                chunk = f.read(CHUNK_CHARS)
            except UnicodeDecodeError as e:
                raise _Undecodable(f"not valid {encoding} text ({e.reason})") from None
            if not chunk:
                eof = True
            buf += chunk

        try:
            while True:
                while pos < len(buf) and (buf[pos] in " \t\r\n\ufeff" or (in_array and buf[pos] == ",")):
                    pos += 1
                if pos >= len(buf):
                    if eof:
                        return
                    fill()
                    continue
                if buf[pos] == "[" and not in_array:
                    in_array, pos = True, pos + 1
                    continue
                if buf[pos] == "]" and in_array:
                    in_array, pos = False, pos + 1
                    continue
                try:
                    obj, end = decoder.raw_decode(buf, pos)
                except json.JSONDecodeError as e:
                    if not eof and e.pos >= len(buf) - 1 or (not eof and e.msg.startswith("Unterminated string")):
                        if len(buf) - pos > max_doc_chars:
                            yield Bad(_line_at(buf, counted, pos, line), f"a JSON document longer than "
                                      f"{max_doc_chars:,} characters", buf[pos:pos + RAW_LIMIT])
                            return
                        fill()
                        continue
                    here = _line_at(buf, counted, pos, line)
                    nl = buf.find("\n", pos)
                    bad_line = buf[pos:nl if nl >= 0 else len(buf)]
                    yield Bad(here, json_problem(e, bad_line), bad_line[:RAW_LIMIT])
                    # Resynchronise at the next line that opens a top-level object ("{" in column 1): the usual
                    # layout is one response per line, and pretty-printed responses indent their inner objects.
                    nxt = buf.find("\n{", pos)
                    while nxt < 0 and not eof:
                        pos = max(pos, len(buf) - 1)
                        fill()
                        nxt = buf.find("\n{", pos)
                    if nxt < 0:
                        return
                    pos = nxt + 1
                    continue
                line += buf.count("\n", counted, pos)
                counted = pos
                yield line, obj
                pos = end
        except _Undecodable as e:
            yield Bad(line + buf.count("\n", counted, pos), str(e), "")


def _line_at(buf: str, counted: int, pos: int, line: int) -> int:
    return line + buf.count("\n", counted, pos)


class _Undecodable(Exception):
    pass


class YtApiSource(FileSource):
    platform = "youtube"
    format = "ytapi"
    format_name = "YouTube Data API responses"
    max_doc_chars = 64 * 1024 * 1024

    def __init__(self, path, encoding, options, fallback_source_id: str):
        super().__init__(path, encoding, options)
        self.source_id = options.video_id or self._peek_video_id() or fallback_source_id

    def _peek_video_id(self) -> str | None:
        for item in iter_documents(self.path, self.encoding, self.max_doc_chars):
            return None if isinstance(item, Bad) else first_video_id(item[1])
        return None

    def _items(self) -> Iterator[Row | Bad]:
        forced, default, title = self.options.video_id, self.source_id, self.options.title
        for item in iter_documents(self.path, self.encoding, self.max_doc_chars):
            if isinstance(item, Bad):
                yield item
                continue
            no, doc = item
            for row in response_rows(doc, forced, default, title, no):
                if isinstance(row, str):
                    yield Bad(no, row, json.dumps(doc, ensure_ascii=False)[:RAW_LIMIT])
                else:
                    yield row
