"""Inline SVG charts: small pure functions from numbers to an SVG string.

Every chart scales with its ``viewBox`` (the page sets width 100%), carries ``role="img"``, an ``aria-label``,
a ``<title>`` and a ``<desc>``, and escapes every piece of text it draws, since labels can come from comments.
"""
from __future__ import annotations

import math
import re
from html import escape
from typing import NamedTuple, Sequence

LABEL_COLOURS: dict[str, str] = {
    "ship": "#c2185b",
    "dating_claim": "#e64a19",
    "denial": "#546e7a",
    "couple_comparison": "#7b1fa2",
    "chemistry": "#f57c00",
    "visuals": "#1e88e5",
    "acting": "#00897b",
    "congrats": "#689f38",
    "hate": "#212121",
    "spam": "#9e9e9e",
    "other": "#bdbdbd",
}
ACCENT = "#c2185b"
INK = "#222222"
MUTED = "#5f6368"
GRID = "#e3e3e3"
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'Noto Sans KR', sans-serif"

# Characters XML forbids even when escaped; dropping them keeps an extracted chart valid standalone SVG.
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


class Bar(NamedTuple):
    label: str
    value: float
    text: str = ""          # the value as printed next to the bar ("42%", "1,204")
    colour: str = ACCENT


class Series(NamedTuple):
    name: str
    values: Sequence[float | None]   # None leaves a gap
    colour: str = ACCENT


class Interval(NamedTuple):
    label: str
    value: float
    low: float
    high: float
    n: int


def esc(text: object) -> str:
    return escape(_XML_INVALID.sub("", str(text)), quote=True)


def _num(x: float) -> str:
    """Coordinates with at most one decimal: short SVG, no float noise."""
    return f"{x:.1f}".rstrip("0").rstrip(".") if not float(x).is_integer() else str(int(x))


def _truncate(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _open(width: int, height: int, title: str, desc: str) -> list[str]:
    return [
        # width/height give the natural size (text at 13-14px); the page's max-width:100% shrinks it on phones.
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" '
        f'height="{height}" role="img" aria-label="{esc(title)}" class="chart" font-family="{esc(FONT)}" '
        f'font-size="14">',
        f"<title>{esc(title)}</title>",
        f"<desc>{esc(desc)}</desc>",
    ]


def bar_chart(bars: Sequence[Bar], *, title: str, desc: str, max_value: float | None = None,
              width: int = 440, label_width: int = 150) -> str:
    """Horizontal bars, one row per item, labels on the left and the printed value after each bar."""
    row, pad_top = 26, 8
    height = pad_top * 2 + row * max(len(bars), 1)
    parts = _open(width, height, title, desc)
    if not bars:
        parts.append(f'<text x="{width / 2}" y="{height / 2 + 4}" text-anchor="middle" fill="{MUTED}">No data</text>')
        return "".join(parts) + "</svg>"
    top = max_value if max_value is not None else max(b.value for b in bars)
    top = top if top > 0 else 1.0
    value_room = 64
    span = width - label_width - value_room - 8
    for i, bar in enumerate(bars):
        y = pad_top + i * row
        length = max(0.0, min(bar.value, top)) / top * span
        parts.append("<g>")
        parts.append(f"<title>{esc(bar.label)}: {esc(bar.text or bar.value)}</title>")
        parts.append(
            f'<text x="{label_width - 8}" y="{_num(y + row / 2 + 4)}" text-anchor="end" fill="{INK}">'
            f"{esc(_truncate(bar.label, 22))}</text>"
        )
        parts.append(
            f'<rect x="{label_width}" y="{_num(y + 5)}" width="{_num(max(length, 1.5))}" height="{row - 10}" '
            f'rx="2" fill="{esc(bar.colour)}"/>'
        )
        parts.append(
            f'<text x="{_num(label_width + length + 6)}" y="{_num(y + row / 2 + 4)}" fill="{INK}">'
            f"{esc(bar.text)}</text>"
        )
        parts.append("</g>")
    return "".join(parts) + "</svg>"


def nice_ticks(lo: float, hi: float, count: int = 4) -> list[float]:
    """Round tick values covering [lo, hi] (1, 2, 2.5 or 5 times a power of ten apart)."""
    if hi <= lo:
        hi = lo + 1
    raw = (hi - lo) / count
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    first = math.floor(lo / step) * step
    ticks = []
    t = first
    while t <= hi + step * 1e-9:
        ticks.append(round(t, 10))
        t += step
    if ticks[-1] < hi:
        ticks.append(round(ticks[-1] + step, 10))
    return ticks


def line_chart(x_labels: Sequence[str], series: Sequence[Series], *, title: str, desc: str,
               y_min: float | None = None, y_max: float | None = None, area: bool = False,
               zero_line: bool = False, marks: Sequence[int] = (), y_format: str = "{:g}",
               width: int = 480, height: int = 210) -> str:
    """Lines over evenly spaced buckets; ``area`` fills under the first series, ``marks`` circles bucket indexes."""
    left, right, top, bottom = 44, 14, 12, 34
    if len(series) > 1:
        top = 30
    parts = _open(width, height, title, desc)
    values = [v for s in series for v in s.values if v is not None]
    if not x_labels or not values:
        parts.append(f'<text x="{width / 2}" y="{height / 2}" text-anchor="middle" fill="{MUTED}">No data</text>')
        return "".join(parts) + "</svg>"
    lo = min(values) if y_min is None else y_min
    hi = max(values) if y_max is None else y_max
    ticks = nice_ticks(lo, hi)
    lo, hi = min(ticks[0], lo), max(ticks[-1], hi)
    plot_w, plot_h = width - left - right, height - top - bottom
    n = len(x_labels)

    def x(i: int) -> float:
        return left + (plot_w / 2 if n == 1 else i * plot_w / (n - 1))

    def y(v: float) -> float:
        return top + plot_h - (v - lo) / (hi - lo) * plot_h

    for t in ticks:
        parts.append(f'<line x1="{left}" x2="{width - right}" y1="{_num(y(t))}" y2="{_num(y(t))}" '
                     f'stroke="{INK if zero_line and t == 0 else GRID}" stroke-width="1"/>')
        parts.append(f'<text x="{left - 6}" y="{_num(y(t) + 4)}" text-anchor="end" fill="{MUTED}" '
                     f'font-size="12">{esc(y_format.format(t))}</text>')
    # At most ~6 x labels, always the first and the last, so they never overlap.
    step = max(1, math.ceil(n / 6))
    shown = sorted(set(range(0, n, step)) | {n - 1})
    if len(shown) > 1 and shown[-1] - shown[-2] < step:
        shown.pop(-2)
    for i in shown:
        anchor = "start" if i == 0 and n > 1 else "end" if i == n - 1 and n > 1 else "middle"
        parts.append(f'<text x="{_num(x(i))}" y="{height - bottom + 18}" text-anchor="{anchor}" fill="{MUTED}" '
                     f'font-size="12">{esc(x_labels[i])}</text>')

    for k, s in enumerate(series):
        segments: list[list[tuple[float, float]]] = [[]]
        for i, v in enumerate(s.values[:n]):
            if v is None:
                segments.append([])
            else:
                segments[-1].append((x(i), y(v)))
        for seg in (seg for seg in segments if seg):
            points = " ".join(f"{_num(px)},{_num(py)}" for px, py in seg)
            if area and k == 0 and len(seg) > 1:
                base = _num(y(max(lo, 0)))
                parts.append(f'<polygon points="{_num(seg[0][0])},{base} {points} {_num(seg[-1][0])},{base}" '
                             f'fill="{esc(s.colour)}" fill-opacity="0.18"/>')
            if len(seg) > 1:
                parts.append(f'<polyline points="{points}" fill="none" stroke="{esc(s.colour)}" stroke-width="2" '
                             f'stroke-linejoin="round" stroke-linecap="round"/>')
            if len(seg) == 1 or n <= 40:
                for px, py in seg:
                    parts.append(f'<circle cx="{_num(px)}" cy="{_num(py)}" r="2.5" fill="{esc(s.colour)}"/>')
        if len(series) > 1:
            lx = left + k * 150
            parts.append(f'<rect x="{lx}" y="8" width="12" height="12" rx="2" fill="{esc(s.colour)}"/>')
            parts.append(f'<text x="{lx + 17}" y="18" fill="{INK}" font-size="12">{esc(s.name)}</text>')

    first = series[0]
    for i in marks:
        if 0 <= i < n and i < len(first.values) and first.values[i] is not None:
            parts.append(f'<circle cx="{_num(x(i))}" cy="{_num(y(first.values[i]))}" r="6" fill="none" '
                         f'stroke="#b71c1c" stroke-width="2"><title>Spike: {esc(x_labels[i])}</title></circle>')
    return "".join(parts) + "</svg>"


def interval_chart(rows: Sequence[Interval], *, title: str, desc: str, lo: float = -100, hi: float = 100,
                   width: int = 460, label_width: int = 175) -> str:
    """A dot per row with its confidence interval as a whisker, on a fixed scale with zero marked."""
    row, top, bottom = 28, 8, 26
    height = top + bottom + row * max(len(rows), 1)
    parts = _open(width, height, title, desc)
    if not rows:
        parts.append(f'<text x="{width / 2}" y="{height / 2}" text-anchor="middle" fill="{MUTED}">No data</text>')
        return "".join(parts) + "</svg>"
    value_room = 56
    plot_l, plot_r = label_width, width - value_room
    plot_bottom = top + row * len(rows)

    def x(v: float) -> float:
        return plot_l + (min(max(v, lo), hi) - lo) / (hi - lo) * (plot_r - plot_l)

    for t in nice_ticks(lo, hi, 4):
        if lo <= t <= hi:
            parts.append(f'<line x1="{_num(x(t))}" x2="{_num(x(t))}" y1="{top}" y2="{plot_bottom}" '
                         f'stroke="{INK if t == 0 else GRID}" stroke-width="1"/>')
            parts.append(f'<text x="{_num(x(t))}" y="{plot_bottom + 16}" text-anchor="middle" fill="{MUTED}" '
                         f'font-size="12">{esc(f"{t:g}")}</text>')
    for i, r in enumerate(rows):
        cy = top + i * row + row / 2
        colour = LABEL_COLOURS["ship"] if r.value >= 0 else LABEL_COLOURS["denial"]
        value_text = ("+" if r.value > 0 else "\u2212" if r.value < 0 else "") + f"{abs(r.value):.0f}"
        parts.append("<g>")
        parts.append(f"<title>{esc(r.label)}: {esc(value_text)} (95% interval {r.low:.1f} to {r.high:.1f}, "
                     f"n={r.n:,})</title>")
        parts.append(f'<text x="{label_width - 8}" y="{_num(cy + 4)}" text-anchor="end" fill="{INK}">'
                     f"{esc(_truncate(r.label, 22))}</text>")
        parts.append(f'<line x1="{_num(x(r.low))}" x2="{_num(x(r.high))}" y1="{_num(cy)}" y2="{_num(cy)}" '
                     f'stroke="{colour}" stroke-width="3" stroke-linecap="round" stroke-opacity="0.45"/>')
        parts.append(f'<circle cx="{_num(x(r.value))}" cy="{_num(cy)}" r="5" fill="{colour}"/>')
        parts.append(f'<text x="{width - 4}" y="{_num(cy + 4)}" text-anchor="end" fill="{INK}" '
                     f'font-weight="600">{esc(value_text)}</text>')
        parts.append("</g>")
    return "".join(parts) + "</svg>"
