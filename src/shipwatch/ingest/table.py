"""Generic tables: CSV, TSV and JSON lines, with columns mapped by option or found by their header names.

CSV goes through the csv module so quoted multi-line fields work; when a record spans several lines and has the
wrong number of fields, its opening quote was a stray one and its lines are parsed again one by one.
TSV is line-based first: exports such as the kocohub TSVs and Naver scrapes contain stray double quotes
('"나는자연인이다"에 나가라'), which a quoting parser would eat. A field quoted as a whole ('"a ""b"" c"') is
unquoted, and a line that ends inside a quoted field and has too few fields is joined with the next lines.
"""
from __future__ import annotations

import csv
import io
import json
from typing import Iterable, Iterator

from .lines import Bad, iter_lines, json_problem
from .rows import Row, StableIds
from .source import FileSource
from .values import parse_count, parse_time

# role -> (option attribute, CLI flag, header names tried in order)
ROLES: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "text": ("text_col", "--text-col",
             ("text", "comment", "comments", "content", "body", "document", "review", "message", "tweet")),
    "title": ("title_col", "--title-col", ("title", "news_title", "headline", "video_title")),
    "likes": ("likes_col", "--likes-col", ("likes", "like_count", "votes", "upvotes")),
    "time": ("time_col", "--time-col", ("time", "date", "published_at", "created_at", "timestamp")),
    "id": ("id_col", "--id-col", ("id", "comment_id", "cid")),
    "author": ("author_col", "--author-col", ("author", "author_name", "username", "user", "nickname")),
    "parent": ("parent_col", "--parent-col", ("parent_id", "parent")),
}
# Physical lines one quoted record may span before we decide its opening quote was a stray one.
MAX_RECORD_LINES = 1_000


def find_text_header(names: list[str]) -> bool:
    """Whether a header row names a comment-text column (used by format sniffing)."""
    wanted = set(ROLES["text"][2])
    return any(n.strip().lstrip("\ufeff").lower() in wanted for n in names)


class TableSource(FileSource):
    platform = "file"

    def __init__(self, path, encoding, options, kind: str):
        super().__init__(path, encoding, options)
        self.format = kind
        self.format_name = {"csv": "CSV", "tsv": "TSV", "jsonl": "JSON lines"}[kind]
        self.source_id = f"file:{self.path.name}"
        self.header_line, self.header = self._read_header()
        self.columns = self._map_columns(self.header)

    def describe(self) -> str:
        mapped = ", ".join(f"{role}={col}" for role, col in self.columns.items())
        return f"{super().describe()}; columns {mapped}"

    # --- column mapping -------------------------------------------------------------------------------------

    def _map_columns(self, header: list[str]) -> dict[str, str]:
        return map_columns(header, self.options, lambda problem, fix: self.error(self.header_line, problem, fix))

    # --- reading --------------------------------------------------------------------------------------------

    def _read_header(self) -> tuple[int, list[str]]:
        if self.format == "jsonl":
            for item in iter_lines(self.path, self.encoding, self.options.max_line_bytes):
                if isinstance(item, Bad) or not item[1].strip():
                    continue
                try:
                    obj = json.loads(item[1])
                except json.JSONDecodeError:
                    continue
                if isinstance(obj, dict):
                    return item[0], list(obj)
            return 1, []
        for no, fields in self._records():
            if isinstance(fields, list) and any(f.strip() for f in fields):
                return no, [f.strip().lstrip("\ufeff") for f in fields]
        return 1, []

    def _items(self) -> Iterator[Row | Bad]:
        records = self._json_records() if self.format == "jsonl" else self._table_records()
        return records_to_rows(records, self.columns, self.options, self.platform, self.source_id)

    def _json_records(self) -> Iterator[tuple[int, dict | None, str | Bad]]:
        for item in iter_lines(self.path, self.encoding, self.options.max_line_bytes):
            if isinstance(item, Bad):
                yield item.line, None, item
                continue
            no, line = item
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as e:
                yield no, None, Bad(no, json_problem(e, line), line)
                continue
            if not isinstance(obj, dict):
                yield no, None, Bad(no, f"expected a JSON object, found {type(obj).__name__}", line)
                continue
            yield no, obj, line

    def _table_records(self) -> Iterator[tuple[int, dict | None, str | Bad]]:
        header = self.header
        # Only the mapped columns are kept per row; the first of two same-named columns wins.
        index = {name: header.index(name) for name in set(self.columns.values())}
        text_at = index[self.columns["text"]]
        seen_header = False
        for no, fields in self._records():
            if isinstance(fields, Bad):
                yield no, None, fields
                continue
            if not seen_header:
                if no == self.header_line:
                    seen_header = True
                continue
            if not any(f.strip() for f in fields):
                continue
            raw = "\t".join(fields) if self.format == "tsv" else ",".join(fields)
            if len(fields) <= text_at:
                yield no, None, Bad(no, f"expected {len(header)} columns, found {len(fields)}", raw)
                continue
            yield no, {name: fields[i] for name, i in index.items() if i < len(fields)}, raw

    def _records(self) -> Iterator[tuple[int, list[str] | Bad]]:
        """(first line number, fields) per record, or (line, Bad) for lines that could not be read."""
        return self._tsv_records() if self.format == "tsv" else self._csv_records()

    def _tsv_records(self) -> Iterator[tuple[int, list[str] | Bad]]:
        ncols = None
        pending: list[tuple[int, str]] = []   # lines of a quoted field that spans lines, not yet closed
        for item in iter_lines(self.path, self.encoding, self.options.max_line_bytes):
            if isinstance(item, Bad):
                yield item.line, item
                continue
            no, line = item
            if pending:
                pending.append((no, line))
                joined = "".join(text for _, text in pending)
                fields = _parse_quoted(joined, "\t")
                if fields is not None and len(fields) >= ncols:
                    yield pending[0][0], fields
                    pending = []
                    continue
                if (len(line.split("\t")) < ncols and len(pending) <= MAX_RECORD_LINES
                        and len(joined) <= self.options.max_line_bytes):
                    continue
                # The new line is a complete row of its own (or the field ran on too long): the quote that
                # opened the pending field was a stray one.
                pending.pop()
                for start, text in pending:
                    yield start, _split_tsv(text)
                pending = []
            fields = _split_tsv(line)
            if ncols is None:
                if any(f.strip() for f in fields):
                    ncols = len(fields)
            elif len(fields) < ncols and _opens_quote(fields[-1]):
                pending = [(no, line)]
                continue
            yield no, fields
        for start, text in pending:
            yield start, _split_tsv(text)

    def _csv_records(self) -> Iterator[tuple[int, list[str] | Bad]]:
        delimiter = ","
        if csv.field_size_limit() < self.options.max_line_bytes:
            csv.field_size_limit(self.options.max_line_bytes)
        lines = _PhysicalLines(iter_lines(self.path, self.encoding, self.options.max_line_bytes),
                               self.options.max_line_bytes)
        ncols = None
        while True:
            reader = csv.reader(lines, delimiter=delimiter, strict=False)
            try:
                for fields in reader:
                    yield from lines.take_bad()
                    start, buffered = lines.take()
                    if ncols is None and any(f.strip() for f in fields):
                        ncols = len(fields)
                    if len(buffered) > 1 and ncols is not None and len(fields) != ncols:
                        yield from _line_by_line(start, buffered, delimiter)
                    else:
                        yield start, fields
                yield from lines.take_bad()
                return
            except _RunawayQuote:
                yield from lines.take_bad()
                start, buffered = lines.take()
                yield from _line_by_line(start, buffered, delimiter)
            except csv.Error as e:
                yield from lines.take_bad()
                start, buffered = lines.take()
                yield start, Bad(start, f"unreadable {self.format_name} record ({e})", "".join(buffered))


class _RunawayQuote(Exception):
    """A quoted field went on for too many lines: its opening quote was a stray one."""


class _PhysicalLines:
    """Feeds good lines to csv.reader and remembers which lines the current record was made of."""

    def __init__(self, items, max_record_bytes: int):
        self.items = items
        self.max_record_bytes = max_record_bytes
        self.buffer: list[str] = []
        self.start = 0
        self.bad: list[Bad] = []
        self.size = 0

    def __iter__(self):
        return self

    def __next__(self) -> str:
        while True:
            item = next(self.items)
            if isinstance(item, Bad):
                self.bad.append(item)
                continue
            no, line = item
            if not self.buffer:
                self.start = no
                self.size = 0
            self.buffer.append(line)
            self.size += len(line)
            if len(self.buffer) > MAX_RECORD_LINES or (len(self.buffer) > 1 and self.size > self.max_record_bytes):
                raise _RunawayQuote
            return line

    def take(self) -> tuple[int, list[str]]:
        start, buffered = self.start, self.buffer
        self.buffer = []
        return start, buffered

    def take_bad(self) -> Iterator[tuple[int, Bad]]:
        bad, self.bad = self.bad, []
        for b in bad:
            yield b.line, b


def map_columns(header: list[str], options, error) -> dict[str, str]:
    """role -> column name, from the options first, else from the header names; ``error(problem, fix)`` makes
    the exception for a column that cannot be found."""
    by_lower: dict[str, str] = {}
    for name in header:
        by_lower.setdefault(name.strip().lower(), name)
    found = ", ".join(header) if header else "nothing"
    columns: dict[str, str] = {}
    for role, (attr, flag, candidates) in ROLES.items():
        wanted = getattr(options, attr)
        if wanted is not None:
            name = wanted if wanted in header else by_lower.get(wanted.strip().lower())
            if name is None:
                raise error(f"no column '{wanted}' in header (found: {found})", f"pass {flag} NAME")
            columns[role] = name
            continue
        for cand in candidates:
            if cand in by_lower:
                columns[role] = by_lower[cand]
                break
    if "text" not in columns:
        raise error(f"no comment text column in header (found: {found})", "pass --text-col NAME")
    return columns


def records_to_rows(records: Iterable[tuple[int, dict | None, object]], cols: dict[str, str], options,
                    platform: str, source_id: str) -> Iterator[Row | Bad]:
    """Mapped records -> ``Row``s (or ``Bad``s): shared by the file readers and the DataFrame adapter.

    ``records`` yields (record number, record dict or None, raw text or the ``Bad`` to pass on when the dict is None).
    """
    text_key, title_key, likes_key = cols["text"], cols.get("title"), cols.get("likes")
    time_key, id_key = cols.get("time"), cols.get("id")
    author_key, parent_key = cols.get("author"), cols.get("parent")
    default_title = options.title
    ids = StableIds()
    for no, rec, raw in records:
        if rec is None:
            yield raw
            continue
        text = rec.get(text_key)
        if text is None:
            yield Bad(no, f"no comment text ('{text_key}')", raw)
            continue
        if not isinstance(text, str):
            yield Bad(no, f"the comment text ('{text_key}') is not a string", raw)
            continue
        if not text.strip():
            continue
        title = _opt_str(rec.get(title_key)) if title_key else None
        title = title or default_title
        try:
            likes = parse_count(rec.get(likes_key), f"likes ('{likes_key}')") if likes_key else 0
        except ValueError as e:
            yield Bad(no, str(e), raw)
            continue
        published = time_text = None
        if time_key:
            value = rec.get(time_key)
            published = parse_time(value)
            time_text = _opt_str(value)
        cid = _opt_str(rec.get(id_key)) if id_key else None
        yield Row(platform, source_id, cid or ids(title, text), _opt_str(rec.get(parent_key)) if parent_key else None,
                  _opt_str(rec.get(author_key)) if author_key else None, None, text, likes, 0, published,
                  time_text, title, no)


def _line_by_line(start: int, lines: list[str], delimiter: str) -> Iterator[tuple[int, list[str]]]:
    for offset, line in enumerate(lines):
        fields = next(csv.reader([line.rstrip("\r\n")], delimiter=delimiter, quoting=csv.QUOTE_NONE), [])
        yield start + offset, [_unquote(f) for f in fields]


def _split_tsv(line: str) -> list[str]:
    return [_unquote(f) for f in line.rstrip("\r\n").split("\t")]


def _opens_quote(field: str) -> bool:
    """Whether a field starts a quoted value that the line does not close."""
    return field.startswith('"') and field[1:].replace('""', "").count('"') % 2 == 0 and not (
        len(field) >= 2 and field.endswith('"') and '"' not in field[1:-1].replace('""', ""))


def _parse_quoted(text: str, delimiter: str) -> list[str] | None:
    """The fields of ``text`` as one quoted record, or None if it does not parse as exactly one."""
    try:
        records = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True))
    except csv.Error:
        return None
    return records[0] if len(records) == 1 else None


def _unquote(field: str) -> str:
    # A field quoted as a whole, with inner quotes doubled, is unquoted; any other quote is text.
    if len(field) >= 2 and field[0] == '"' and field[-1] == '"':
        inner = field[1:-1]
        if '"' not in inner.replace('""', ""):
            return inner.replace('""', '"')
    return field


def _opt_str(value: object) -> str | None:
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, str):
        return value if value.strip() else None
    return None
