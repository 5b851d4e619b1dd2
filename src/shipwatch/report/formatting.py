"""Wording and number formats shared by the HTML report and the article, so both say the same thing the same way."""
from __future__ import annotations

import re
from datetime import datetime, timezone
from urllib.parse import urlsplit

from shipwatch.schema import LABELS

# How a label is called in front of readers.
LABEL_NAMES: dict[str, str] = {
    "ship": "Ship it",
    "dating_claim": "Dating claims",
    "denial": "Denial",
    "couple_comparison": "Couple comparisons",
    "chemistry": "Chemistry",
    "visuals": "Visuals",
    "acting": "Acting & the show",
    "congrats": "Congratulations",
    "hate": "Hate",
    "spam": "Spam",
    "other": "Other",
}
assert set(LABEL_NAMES) == set(LABELS), "every label of schema.LABELS needs a reader-facing name"

# Labels whose comments are never quoted (aggregate leaves them out of "quotes"; the report double-checks).
UNQUOTABLE: frozenset[str] = frozenset({"hate", "spam", "other"})

LANGUAGE_NAMES: dict[str, str] = {
    "ko": "Korean", "en": "English", "ja": "Japanese", "zh": "Chinese", "es": "Spanish", "pt": "Portuguese",
    "id": "Indonesian", "th": "Thai", "vi": "Vietnamese", "tl": "Tagalog", "fr": "French", "de": "German",
    "it": "Italian", "ru": "Russian", "ar": "Arabic", "hi": "Hindi", "tr": "Turkish", "ms": "Malay",
    "mixed": "Mixed-language", "und": "Undetermined",
}

PLATFORM_NAMES: dict[str, str] = {"youtube": "YouTube", "naver": "Naver", "file": ""}

# Hosts whose pages the report may link to. Comment text and permalinks are hostile input: anything else stays text.
_LINKABLE_HOSTS = ("youtube.com", "youtu.be")
_LANG_TAG = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{1,8})*$")


def language_name(code: str | None) -> str:
    if not code:
        return "Undetermined"
    return LANGUAGE_NAMES.get(code, code)


def html_lang(code: str | None) -> str | None:
    """The value for an HTML ``lang`` attribute, or None when ``code`` is not a language tag ("mixed")."""
    if code and _LANG_TAG.match(code) and code != "mixed":
        return code
    return None


def platform_name(platform: str | None) -> str:
    if not platform:
        return ""
    return PLATFORM_NAMES.get(platform, platform.capitalize())


def safe_url(url: str | None) -> str | None:
    """``url`` when it is an http(s) address on YouTube, else None (so it is shown as text, never linked)."""
    if not url or not isinstance(url, str):
        return None
    # Whitespace, control characters and backslashes let browsers reinterpret a URL; such a URL is not linked.
    if any(ch.isspace() or ord(ch) < 32 or ch == "\\" for ch in url):
        return None
    try:
        parts = urlsplit(url)
        host = (parts.hostname or "").lower()
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or parts.username or parts.password:
        return None
    if any(host == h or host.endswith("." + h) for h in _LINKABLE_HOSTS):
        return url
    return None


def parse_time(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        t = datetime.fromisoformat(value)
    except (TypeError, ValueError):
        return None
    return t if t.tzinfo else t.replace(tzinfo=timezone.utc)


def format_date(value: str | None) -> str:
    t = parse_time(value)
    return f"{t.day} {t:%b %Y}" if t else ""


def format_datetime(value: str | None) -> str:
    t = parse_time(value)
    if not t:
        return ""
    t = t.astimezone(timezone.utc)
    return f"{t.day} {t:%b %Y, %H:%M} UTC"


def format_bucket(value: str | None, granularity: str) -> str:
    """A short axis label for one timeline bucket."""
    t = parse_time(value)
    if not t:
        return ""
    t = t.astimezone(timezone.utc)
    return f"{t.day} {t:%b} {t:%H}:00" if granularity == "hour" else f"{t.day} {t:%b}"


def format_span(span: dict | None) -> str:
    """'3–5 Mar 2024' style, or '' when the source had no timestamps."""
    span = span or {}
    start, end = parse_time(span.get("start")), parse_time(span.get("end"))
    if not start and not end:
        return ""
    if not start or not end:
        return format_date(span.get("start") or span.get("end"))
    start, end = start.astimezone(timezone.utc), end.astimezone(timezone.utc)
    if start.date() == end.date():
        return f"{start.day} {start:%b %Y}"
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{end.day} {end:%b %Y}"
    if start.year == end.year:
        return f"{start.day} {start:%b} – {end.day} {end:%b %Y}"
    return f"{start.day} {start:%b %Y} – {end.day} {end:%b %Y}"


def signed(value: float | None, digits: int = 1) -> str:
    """'+42.3', '−7.0' (a real minus sign), '0.0'."""
    if value is None:
        return "n/a"
    text = f"{abs(value):.{digits}f}"
    if float(text) == 0:
        return text
    return ("+" if value > 0 else "\u2212") + text


def percent(share: float | None, digits: int = 0) -> str:
    if share is None:
        return "n/a"
    return f"{share * 100:.{digits}f}%"


def count(n: int | None) -> str:
    return f"{n or 0:,}"


def index_available(ship_index: dict | None) -> bool:
    return bool(ship_index) and (ship_index.get("n") or 0) > 0 and ship_index.get("value") is not None


def index_verdict(ship_index: dict | None) -> str:
    """One plain sentence on what a Ship Index says, hedged when its interval includes zero."""
    if not index_available(ship_index):
        return "There were no on-topic comments, so there is no Ship Index."
    value, low, high = ship_index["value"], ship_index["ci_low"], ship_index["ci_high"]
    if low <= 0 <= high:
        return "Shippers and sceptics are evenly matched: the interval includes zero."
    if value >= 50:
        return "The comment section overwhelmingly ships them."
    if value >= 20:
        return "The comment section clearly leans towards shipping them."
    if value > 0:
        return "Shippers outnumber sceptics, but not by much."
    if value > -20:
        return "Sceptics slightly outnumber shippers."
    return "Most commenters who take a side reject the romance reading."


def pair_names(summary: dict) -> list[str]:
    pair = summary.get("pair") or {}
    return [n for n in (pair.get("names") or []) if n]


def short_name(name: str) -> str:
    """'Min Tae-oh (민태오)' -> 'Min Tae-oh': the article names people the way English copy does."""
    return re.sub(r"\s*\([^)]*\)\s*$", "", name).strip() or name


def quotable(quote: dict) -> bool:
    """Quotes shown as fan voices never carry the hate label, whatever the aggregate sent."""
    return "hate" not in (quote.get("labels") or []) and bool((quote.get("text") or "").strip())


REQUIRED_KEYS: tuple[str, ...] = (
    "title", "pair", "sources", "generated_at", "model", "n_comments", "n_on_topic", "time_span", "counts",
    "shares", "weighted_shares", "ship_index", "ship_index_by_language", "languages", "labels_by_language",
    "sentiment", "timeline", "moments", "quotes", "people", "couples_invoked", "pairs", "hate", "rumour",
)


def check_summary(summary: dict) -> None:
    """Fail early, naming the keys, when a Summary dict does not have the shape aggregate promises."""
    if not isinstance(summary, dict):
        raise TypeError(f"a Summary must be a dict, not {type(summary).__name__}")
    missing = [k for k in REQUIRED_KEYS if k not in summary]
    if missing:
        raise ValueError(f"Summary is missing keys: {', '.join(missing)}")
