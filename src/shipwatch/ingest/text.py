"""Plain text: one comment per line, blank lines skipped."""
from __future__ import annotations

from typing import Iterator

from .lines import Bad, iter_lines
from .rows import Row, StableIds
from .source import FileSource


class TextSource(FileSource):
    platform = "file"
    format = "text"
    format_name = "plain text"

    def __init__(self, path, encoding, options):
        super().__init__(path, encoding, options)
        self.source_id = f"file:{self.path.name}"

    def _items(self) -> Iterator[Row | Bad]:
        title = self.options.title
        source_id = self.source_id
        ids = StableIds()
        for item in iter_lines(self.path, self.encoding, self.options.max_line_bytes):
            if isinstance(item, Bad):
                yield item
                continue
            no, line = item
            text = line.rstrip("\r\n")
            if not text.strip():
                continue
            yield Row("file", source_id, ids(title, text), None, None, None, text, 0, 0, None, None, title, no)
