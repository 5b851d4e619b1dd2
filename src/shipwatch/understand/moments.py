"""Moments: ``text_norm`` -> ``moments``, the seconds into the video a comment points at.

Recognised: clock stamps "2:31", "0:45", "1:02:03" (also "at 2:31"), and Korean "3분 20초", "3분", "20초쯤",
"1시간 2분 3초". Not moments:
- times of day: "오후 3:30", "3:30pm", "3:30 am", "3시 20분", "10:30 KST";
- scores and ratios, decided by the digit count after the colon: "3:2", "16:9", "1:1" have one digit there,
  while a video timestamp always has two ("3:02"). A two-digit score such as "10:10" is indistinguishable from
  a timestamp and is read as one;
- dates and date-times: "2020.03.15 12:30", "3월 15일 10:30";
- durations: "3분 만에", "10초 동안", "5분 전", "1분마다".
Each comment's moments are deduplicated, in the order they appear.
"""
from __future__ import annotations

import re

import pyarrow as pa

from .base import Stage, column, with_columns

_CLOCK = re.compile(r"(?<![\d:.,/])(\d{1,3}):([0-5]\d)(?::([0-5]\d))?(?![\d:]|[.,]\d)")
_KOREAN = re.compile(
    r"(?<![\d.])(?:(\d{1,2})\s*시간\s*)?(\d{1,3})\s*분(?:\s*(\d{1,2})\s*초)?|(?<![\d.분])(\d{1,4})\s*초"
)
_CLOCK_AFTER = re.compile(
    r"\s*(?:[ap]\.?\s?m\b\.?|시(?![점작청간])|o'?clock|kst|est|edt|pst|pdt|jst|utc|gmt|cet|hrs\b|h\b|에\s*(?:만나|봐|시작|방송))",
    re.I,
)
_CLOCK_BEFORE = re.compile(
    r"(?:오전|오후|새벽|아침|저녁|밤|낮|정오|자정|[ap]\.?m\.?|\d{1,4}[./-]\d{1,2}[./-]\d{1,4}|\d\s*일|\d\s*월|since|until|till|from)\s*$",
    re.I,
)
_KOREAN_AFTER = re.compile(
    r"\s*(?:만|동안|간\b|간[이을은에]|전|후|뒤|내내|마다|짜리|남|밖에|이내|안에|이상|넘게|넘어|이나\s*걸|이면|만에|가량)"
)
_KOREAN_BEFORE = re.compile(r"(?:\d\s*시|오전|오후|새벽|아침|저녁|밤)\s*$")
_MAX_SECONDS = 100 * 3600


def find_moments(text: str) -> list[int]:
    """Seconds into the video referenced by one normalized comment, deduplicated, in order."""
    found: list[tuple[int, int]] = []
    if ":" in text:
        for m in _CLOCK.finditer(text):
            if _CLOCK_AFTER.match(text, m.end()) or _CLOCK_BEFORE.search(text, max(0, m.start() - 12), m.start()):
                continue
            a, b, c = m.groups()
            seconds = int(a) * 3600 + int(b) * 60 + int(c) if c else int(a) * 60 + int(b)
            found.append((m.start(), seconds))
    if "분" in text or "초" in text:
        for m in _KOREAN.finditer(text):
            if _KOREAN_AFTER.match(text, m.end()) or _KOREAN_BEFORE.search(text, max(0, m.start() - 6), m.start()):
                continue
            hours, minutes, secs, only_secs = m.groups()
            if only_secs is not None:
                seconds = int(only_secs)
            else:
                seconds = int(hours or 0) * 3600 + int(minutes) * 60 + int(secs or 0)
            found.append((m.start(), seconds))
    if len(found) > 1:
        found.sort()
    out: list[int] = []
    for _, s in found:
        if s <= _MAX_SECONDS and s not in out:
            out.append(s)
    return out


class Moments(Stage):
    name = "moments"
    requires = ("text_norm",)
    provides = ("moments",)

    def __call__(self, batch: pa.RecordBatch) -> pa.RecordBatch:
        return with_columns(batch, {"moments": [find_moments(t or "") for t in column(batch, "text_norm")]})
