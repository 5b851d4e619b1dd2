"""Parsing the loose values comment exports carry: like counts, reply counts, times, YouTube ids.

Every parser raises ``ValueError`` with a short problem text; the reader that called it turns that into an
``InputError`` (or a rejected line) that names the file and line.
"""
from __future__ import annotations

import re
from datetime import datetime, timezone

# Display suffixes YouTube and Korean portals use for abbreviated counts ("1.2K", "3.4M", "1.5천", "2만").
_MULTIPLIERS = {
    "": 1,
    "k": 1_000,
    "m": 1_000_000,
    "b": 1_000_000_000,
    "천": 1_000,
    "만": 10_000,
    "억": 100_000_000,
}
_COUNT_RE = re.compile(r"^\s*(\d+(?:[.,]\d+)*)\s*([kKmMbB천만억]?)\s*$")


def parse_count(value: object, what: str = "likes") -> int:
    """An integer count from an int, a float, or a display string ("1,234", "1.2K", "2만"); blank is 0."""
    if value is None:
        return 0
    if isinstance(value, bool):
        raise ValueError(f"{what} is true/false, not a number")
    if isinstance(value, int):
        if value < 0:
            raise ValueError(f"{what} {value} is negative")
        return value
    if isinstance(value, float):
        if value != value or value < 0:
            raise ValueError(f"{what} {value!r} is not a count")
        return int(value)
    if not isinstance(value, str):
        raise ValueError(f"{what} {_short(value)} is not a number")
    s = value.strip()
    if not s:
        return 0
    if s.isdigit():
        return int(s)
    m = _COUNT_RE.match(s)
    if not m:
        raise ValueError(f"{what} {_short(value)} is not a number")
    number, suffix = m.groups()
    mult = _MULTIPLIERS[suffix.lower()]
    if mult == 1:
        # Without a suffix a separator is a thousands separator ("1,234", "1.234" in European exports).
        return int(number.replace(",", "").replace(".", ""))
    # With a suffix it is a decimal point ("1.2K"; some locales write "1,2K").
    return int(round(float(number.replace(",", ".")) * mult))


_DATE_FORMATS = ("%Y.%m.%d %H:%M:%S", "%Y.%m.%d %H:%M", "%Y.%m.%d", "%Y.%m.%d.", "%Y/%m/%d %H:%M:%S",
                 "%Y/%m/%d %H:%M", "%Y/%m/%d", "%Y. %m. %d. %H:%M", "%Y. %m. %d.")
_EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)


def epoch_to_micros(seconds: float) -> int:
    """Microseconds since the epoch from epoch seconds (milliseconds accepted above year 5138)."""
    if seconds > 1e11:
        seconds = seconds / 1000.0
    return int(round(seconds * 1_000_000))


def parse_time(value: object) -> int | None:
    """Absolute time as UTC microseconds since the epoch, or None when ``value`` is relative ("2 years ago")
    or unknown. Naive times are taken as UTC."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return epoch_to_micros(float(value)) if value > 0 else None
    if not isinstance(value, str):
        return None
    s = value.strip()
    if not s or not s[0].isdigit():
        return None
    if s.replace(".", "", 1).isdigit() and len(s) >= 9:
        return epoch_to_micros(float(s))
    try:
        dt = datetime.fromisoformat(s)
    except ValueError:
        dt = None
        for fmt in _DATE_FORMATS:
            try:
                dt = datetime.strptime(s, fmt)
                break
            except ValueError:
                continue
        if dt is None:
            return None
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=timezone.utc)
    delta = dt - _EPOCH
    return (delta.days * 86_400 + delta.seconds) * 1_000_000 + delta.microseconds


_VIDEO_ID_RE = re.compile(r"^[A-Za-z0-9_-]{11}$")
_URL_ID_RE = re.compile(
    r"^(?:https?://)?(?:www\.|m\.|music\.)?(?:youtube\.com/(?:watch\?(?:.*&)?v=|shorts/|embed/|live/|v/)|youtu\.be/)"
    r"([A-Za-z0-9_-]{11})(?:[?&#/].*)?$"
)


def looks_like_video_id(s: str) -> bool:
    """An 11-character YouTube id with the mix of cases/digits real ids have (so "comments_ko" is not one)."""
    if not _VIDEO_ID_RE.match(s):
        return False
    has_lower = any(c.islower() for c in s)
    has_upper = any(c.isupper() for c in s)
    has_digit = any(c.isdigit() for c in s)
    return has_lower + has_upper + has_digit >= 2


def video_id_from_url(s: str) -> str | None:
    """The video id of a YouTube watch / youtu.be / shorts URL, or None."""
    m = _URL_ID_RE.match(s.strip())
    return m.group(1) if m else None


def video_id_in_name(name: str) -> str | None:
    """An 11-character YouTube id inside a file name ("dQw4w9WgXcQ.jsonl", "comments (dQw4w9WgXcQ).csv")."""
    stem = name.rsplit(".", 1)[0] if "." in name else name
    if looks_like_video_id(stem):
        return stem
    for token in re.split(r"[^A-Za-z0-9_-]+", stem):
        if looks_like_video_id(token):
            return token
    return None


def _short(value: object, limit: int = 40) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."
