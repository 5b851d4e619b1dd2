"""What every comment source offers the pipeline: a description, a validating pass, and bounded batches.

File readers subclass ``FileSource`` and implement ``_items()``, which yields ``Row``s and ``Bad``s in file
order. This class decides what a bad line means: an ``InputError`` by default, or a line in the reject file
with ``skip_bad``.
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Callable, Iterator

import pyarrow as pa

from ..errors import InputError
from .lines import Bad
from .rows import BatchBuilder, Row

SKIP_BAD_FIX = "fix or delete the line, or pass --skip-bad to skip bad lines"


@dataclass
class IngestOptions:
    format: str | None = None          # ytcd | ytapi | csv | tsv | jsonl | text; None = sniff
    encoding: str | None = None        # None = detect
    text_col: str | None = None
    title_col: str | None = None
    likes_col: str | None = None
    time_col: str | None = None
    id_col: str | None = None
    author_col: str | None = None
    parent_col: str | None = None
    title: str | None = None           # fills `title` where a row has none
    video_id: str | None = None        # the source id for YouTube exports whose name does not carry it
    skip_bad: bool = False
    reject_path: str | None = None     # default: "<input name>.rejected.jsonl" in the current directory
    batch_size: int = 5000
    max_line_bytes: int = 1_000_000


class Source:
    """A stream of comments from one place (a file or a video)."""

    platform: str = "file"
    source_id: str = ""
    format: str = ""
    path: Path | None = None
    url: str | None = None

    def __init__(self, options: IngestOptions):
        self.options = options
        self.stats: dict = {"read": 0, "rejected": 0, "reject_path": None}

    def describe(self) -> str:  # pragma: no cover - abstract
        raise NotImplementedError

    def validate(self) -> None:
        """A full pass that raises ``InputError`` at the first bad line (unless ``skip_bad``)."""

    def batches(self) -> Iterator[pa.RecordBatch]:  # pragma: no cover - abstract
        raise NotImplementedError

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.describe()}>"


class FileSource(Source):
    format_name: str = ""   # how describe() names the format

    def __init__(self, path: Path, encoding: str, options: IngestOptions):
        super().__init__(options)
        self.path = Path(path)
        self.encoding = encoding
        self.display = str(path)

    def describe(self) -> str:
        return f"{self.format_name} file {self.display} ({self.encoding}), source id {self.source_id}"

    def _items(self) -> Iterator[Row | Bad]:  # pragma: no cover - abstract
        raise NotImplementedError

    def error(self, line: int | None, problem: str, fix: str = SKIP_BAD_FIX) -> InputError:
        return InputError(self.display, line, problem, fix)

    def validate(self) -> None:
        for item in self._items():
            if isinstance(item, Bad) and not self.options.skip_bad:
                raise self.error(item.line, item.problem)

    def batches(self) -> Iterator[pa.RecordBatch]:
        self.stats = {"read": 0, "rejected": 0, "reject_path": None}
        rejects: list[IO[str]] = []

        def on_bad(item: Bad) -> None:
            if not self.options.skip_bad:
                raise self.error(item.line, item.problem)
            if not rejects:
                rejects.append(self._open_rejects())
            rejects[0].write(json.dumps({"line": item.line, "problem": item.problem, "raw": item.raw},
                                        ensure_ascii=False) + "\n")

        try:
            yield from pack(self._items(), self.options.batch_size, self.stats, on_bad)
        finally:
            for fh in rejects:
                fh.close()

    def _open_rejects(self) -> IO[str]:
        path = self.options.reject_path or os.path.join(os.getcwd(), f"{self.path.name}.rejected.jsonl")
        self.stats["reject_path"] = str(path)
        try:
            return open(path, "w", encoding="utf-8")
        except OSError as e:
            raise InputError(str(path), None, f"cannot write the reject file ({e.strerror})",
                             "pass --reject-path to a writable place") from None


def pack(items: Iterator[Row | Bad], batch_size: int, stats: dict, on_bad: Callable[[Bad], None]
         ) -> Iterator[pa.RecordBatch]:
    """Rows into bounded record batches, counting them in ``stats``; each ``Bad`` goes to ``on_bad`` (which may
    raise) and is counted as rejected."""
    builder = BatchBuilder(batch_size)
    for item in items:
        if isinstance(item, Bad):
            on_bad(item)
            stats["rejected"] += 1
            continue
        stats["read"] += 1
        batch = builder.add(item)
        if batch is not None:
            yield batch
    batch = builder.flush()
    if batch is not None:
        yield batch
