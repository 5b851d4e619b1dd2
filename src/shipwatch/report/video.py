"""The report's "On camera" section: body-language figures of an analysed clip, beside the comment moments.

The summary carries the video analyser's ``video.json`` under ``summary["video"]``, with each moment's thumbnail
as a path relative to the report folder; the page embeds the JPEG as a ``data:`` URI so it stays one offline file.
"""
from __future__ import annotations

import base64
from pathlib import Path

from markupsafe import Markup

from . import charts
from .formatting import percent

_KINDS = {
    "mutual_gaze": "Mutual gaze",
    "looks_at_partner": "Looking at the partner",
    "smile": "Smiling together",
    "shared_smile": "Smiling together",
    "closeness": "Close together",
    "touch": "Touch",
    "facing": "Facing each other",
    "synchrony": "Moving in sync",
    "lean_in": "Leaning in",
}


def _clock(seconds: float) -> str:
    s = int(round(seconds))
    return f"{s // 60}:{s % 60:02d}"


def _thumbnail(rel: str | None, base: Path | None) -> str | None:
    if not rel or base is None:
        return None
    base = base.resolve()
    p = (base / rel).resolve()
    # Only JPEGs inside the report folder: a summary is data, and must not pull other files into a page.
    if base not in p.parents or p.suffix.lower() not in (".jpg", ".jpeg") or not p.is_file() \
            or p.stat().st_size > 2_000_000:
        return None
    return "data:image/jpeg;base64," + base64.b64encode(p.read_bytes()).decode("ascii")


def side_by_side(comment_moments: list[dict], video_moments: list[dict], duration: float | None = None,
                 tolerance: float = 3.0) -> list[dict]:
    """Each comment moment with the video moment at the same time (within ``tolerance`` seconds), if any."""
    rows = []
    for m in comment_moments:
        t = float(m.get("seconds") or 0)
        match = next((v for v in video_moments
                      if v.get("start", 0) - tolerance <= t <= v.get("end", 0) + tolerance), None)
        if match:
            text = f"{_KINDS.get(match['kind'], match['kind'])} {_clock(match['start'])}–{_clock(match['end'])}"
        elif duration is not None and t > duration + tolerance:
            text = f"after the analysed clip ends ({_clock(duration)})"
        else:
            text = "no body-language moment measured"
        rows.append({"comment": m.get("label") or _clock(t), "n": m.get("n") or 0, "video": text})
    return rows


def build_video_view(video: dict | None, comment_moments: list[dict], base: Path | None) -> dict:
    if not video:
        return {"available": False}
    looks = video.get("looks_at_partner") or {}
    smiles = video.get("smile_share") or {}
    people = video.get("people") or 0
    view = {
        "available": True,
        "clip": video.get("clip") or "",
        "duration": _clock(video.get("duration_s") or 0),
        "frames": video.get("frames") or 0,
        "people": people,
        "message": video.get("message"),
        "pair_ok": people >= 2 and video.get("mutual_gaze_share") is not None,
        "mutual_gaze": percent(video.get("mutual_gaze_share"), 0),
        "facing": percent(video.get("facing_share"), 0),
        "touch": percent(video.get("touch_share"), 0),
        "synchrony_z": (f"{video['synchrony_z']:+.1f}" if isinstance(video.get("synchrony_z"), (int, float))
                        else "n/a"),
        "moments": [],
        "side_by_side": side_by_side(comment_moments, video.get("moments") or [], video.get("duration_s")),
    }
    if looks:
        bars = [charts.Bar(f"{name} looks at partner", 100 * (v or 0), percent(v, 0), "#c2185b")
                for name, v in looks.items()]
        bars += [charts.Bar(f"{name} smiles", 100 * (v or 0), percent(v, 0), "#f57c00")
                 for name, v in smiles.items()]
        view["looks_chart"] = Markup(charts.bar_chart(
            bars, title="Who looks at whom more",
            desc="; ".join(f"{b.label}: {b.text} of sampled frames" for b in bars) + ".", max_value=100))
    timeline = video.get("timeline") or []
    if timeline:
        labels = [_clock(p.get("t") or 0) for p in timeline]
        series = [charts.Series("Mutual gaze", [100 * p["mutual_gaze"] if p.get("mutual_gaze") is not None else None
                                                for p in timeline], "#c2185b")]
        for i, name in enumerate(looks):
            series.append(charts.Series(f"{name} looks at partner",
                                        [100 * (p.get("looks_at_partner") or {}).get(name)
                                         if (p.get("looks_at_partner") or {}).get(name) is not None else None
                                         for p in timeline], ("#1e88e5", "#00897b")[i % 2]))
        view["timeline_chart"] = Markup(charts.line_chart(
            labels, series, title="Body language per second",
            desc="Share of each second with mutual gaze and with each person looking at the other.",
            y_min=0, y_max=100, y_format="{:g}%"))
    for m in video.get("moments") or []:
        view["moments"].append({
            "kind": _KINDS.get(m.get("kind"), str(m.get("kind") or "")),
            "span": f"{_clock(m.get('start') or 0)}–{_clock(m.get('end') or 0)}",
            "score": f"{m.get('score') or 0:.2f}",
            "thumbnail": _thumbnail(m.get("thumbnail"), base),
        })
    return view
