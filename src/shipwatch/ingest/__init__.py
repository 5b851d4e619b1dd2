"""Ingest: turn a comment source (a file or a YouTube video) into bounded ``RECORD_SCHEMA`` record batches.

    source = open_source("comments.csv", IngestOptions(text_col="comments"))
    source.validate()                 # raises InputError at the first bad line, before anything is written
    for batch in source.batches():    # pyarrow RecordBatches of at most batch_size rows
        ...
"""
from __future__ import annotations

import os
from pathlib import Path

from ..errors import InputError, UsageError
from .encoding import SAMPLE_BYTES, NotText, detect, normalize_name
from .sniff import FORMATS, sniff
from .source import IngestOptions, Source
from .table import TableSource
from .text import TextSource
from .values import looks_like_video_id, parse_count, parse_time, video_id_from_url, video_id_in_name
from .youtube_live import RetryPolicy, YouTubeLiveSource
from .ytapi import YtApiSource
from .ytcd import YtcdSource

__all__ = ["IngestOptions", "Source", "open_source", "RetryPolicy", "YouTubeLiveSource", "FORMATS",
           "parse_count", "parse_time"]

NOT_TEXT_FIX = "pass a CSV, TSV, JSON lines or plain-text file of comments"


def open_source(source: str | os.PathLike, options: IngestOptions | None = None) -> Source:
    """The reader for ``source``: a comment file (format sniffed unless ``options.format``), a YouTube URL, or
    a bare 11-character video id."""
    options = options or IngestOptions()
    _check_options(options)
    name = os.fspath(source)
    path = Path(name)
    if not path.exists():
        video_id = video_id_from_url(name) or (name if looks_like_video_id(name) else None)
        if video_id:
            return YouTubeLiveSource(video_id, options, url=name if video_id != name else None)
        if name.startswith(("http://", "https://")):
            raise InputError(name, None, "not a YouTube video URL",
                             "pass a youtube.com/watch?v=..., youtu.be/... or shorts/ URL, or a comment file")
        raise InputError(name, None, "no such file", "check the path, or pass a YouTube URL or video id")
    if path.is_dir():
        raise InputError(name, None, "is a directory, not a file", "pass one comment file")
    with open(path, "rb") as f:
        sample = f.read(SAMPLE_BYTES)
    if not sample:
        raise InputError(name, None, "the file is empty", "check that the export finished, or pass another file")
    try:
        encoding = normalize_name(options.encoding) if options.encoding else detect(sample)
    except NotText as e:
        raise InputError(name, None, str(e), NOT_TEXT_FIX) from None
    except ValueError as e:
        raise UsageError(f"--encoding: {e}; use a Python codec name such as utf-8, cp949 or utf-16") from None
    if encoding == "utf-8" and sample.startswith(b"\xef\xbb\xbf"):
        encoding = "utf-8-sig"
    text = sample.decode(encoding, "replace")
    if not text.strip("\ufeff \t\r\n"):
        raise InputError(name, None, "the file is empty", "check that the export finished, or pass another file")
    if options.encoding is None and text.count("\ufffd") > max(8, len(text) // 20):
        raise InputError(name, None, f"not a text file (its bytes do not decode as {encoding})",
                         f"{NOT_TEXT_FIX}, or pass --encoding NAME")
    fmt = options.format or sniff(path, text)
    youtube_id = options.video_id or video_id_in_name(path.name)
    if fmt == "ytcd":
        return YtcdSource(path, encoding, options, youtube_id or f"file:{path.name}")
    if fmt == "ytapi":
        return YtApiSource(path, encoding, options, youtube_id or f"file:{path.name}")
    if fmt == "text":
        return TextSource(path, encoding, options)
    return TableSource(path, encoding, options, fmt)


def _check_options(options: IngestOptions) -> None:
    if options.format is not None and options.format not in FORMATS:
        raise UsageError(f"--format {options.format!r} is not one of {', '.join(FORMATS)}")
    if options.batch_size < 1:
        raise UsageError(f"--batch-size must be at least 1, not {options.batch_size}")
    if options.max_line_bytes < 1:
        raise UsageError(f"--max-line-bytes must be at least 1, not {options.max_line_bytes}")
