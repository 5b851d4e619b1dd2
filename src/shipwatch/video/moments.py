"""Moments and timeline: when the pair's body language peaks, and per-second signals for the report.

A sample's chemistry score weighs what fans point at: mutual gaze most, then touch, a shared smile, one looking
at the other, facing each other. Smoothed over about a second, runs above ``THRESHOLD`` become moments; each is
named by the signal that contributed most and scored by its mean smoothed score (0..1).
"""
from __future__ import annotations

import math

import numpy as np

WEIGHTS = {"mutual_gaze": 0.4, "touch": 0.25, "shared_smile": 0.2, "one_looks": 0.1, "facing": 0.05}
THRESHOLD = 0.25


def _components(r: dict) -> dict[str, float]:
    looks = [bool(v) for v in r["looks"]]
    smiling = [bool(v) for v in r["smiling"]]
    return {
        "mutual_gaze": float(bool(r["mutual_gaze"])),
        "touch": float(bool(r["touching"])),
        "shared_smile": float(len(smiling) == 2 and all(smiling)),
        "one_looks": float(any(looks) and not all(looks)),
        "facing": float(bool(r["facing_each_other"])),
    }


def find_moments(per_sample: list[dict], fps: float, names: list[str], top: int = 5) -> list[dict]:
    if not per_sample:
        return []
    comps = [_components(r) for r in per_sample]
    raw = np.array([sum(WEIGHTS[k] * v for k, v in c.items()) for c in comps])
    width = max(1, int(round(fps)))
    smooth = np.convolve(raw, np.ones(width) / width, mode="same")
    moments, start = [], None
    for i, above in enumerate(list(smooth >= THRESHOLD) + [False]):
        if above and start is None:
            start = i
        elif not above and start is not None:
            if i - start >= 2:
                moments.append(_moment(per_sample, comps, raw, smooth, start, i, fps))
            start = None
    moments.sort(key=lambda m: -m["score"])
    return moments[:top]


def _moment(per_sample, comps, raw, smooth, start, end, fps) -> dict:
    totals = {k: WEIGHTS[k] * sum(c[k] for c in comps[start:end]) for k in WEIGHTS}
    peak = start + int(np.argmax(raw[start:end]))
    return {
        "start": round(per_sample[start]["time_s"], 2),
        "end": round(per_sample[end - 1]["time_s"] + 1.0 / fps, 2),
        "kind": max(totals, key=totals.get),
        "score": round(float(smooth[start:end].mean()), 3),
        "peak_s": round(per_sample[peak]["time_s"], 2),
        "peak_sample": int(per_sample[peak]["sample"]),
        "peak_frame": int(per_sample[peak]["frame_index"]),
    }


def _mean(values) -> float | None:
    known = [float(v) for v in values if v is not None and not (isinstance(v, float) and math.isnan(v))]
    return round(sum(known) / len(known), 4) if known else None


def timeline(per_sample: list[dict], names: list[str]) -> list[dict]:
    """One entry per second of the clip: shares of the boolean signals, means of the numeric ones."""
    by_second: dict[int, list[dict]] = {}
    for r in per_sample:
        by_second.setdefault(int(r["time_s"]), []).append(r)
    out = []
    for second in sorted(by_second):
        rs = by_second[second]
        entry = {"t": second, "mutual_gaze": _mean(r["mutual_gaze"] for r in rs),
                 "distance": _mean(r["distance"] for r in rs), "touching": _mean(r["touching"] for r in rs),
                 "facing_each_other": _mean(r["facing_each_other"] for r in rs)}
        for key, field in (("looks_at_partner", "looks"), ("smiling", "smiling"), ("motion", "motion")):
            entry[key] = {name: _mean(r[field][i] for r in rs) for i, name in enumerate(names)}
        out.append(entry)
    return out
