"""Motion synchrony: windowed cross-lagged correlation of two motion-energy series, against pseudo-synchrony.

Raw correlation between two people's movement is high even when they move for unrelated reasons (a walk, a
camera shake). Following Ramseyer & Tschacher (2011, rMEA), the observed value is compared with surrogates in
which one series is cut into segments and shuffled, which keeps each person's own rhythm but breaks their
alignment; the result is a z-score of the observed value among the surrogates, not a raw r.
"""
from __future__ import annotations

import math

import numpy as np

# rMEA defaults in seconds; short clips shrink them to fit (see ``_plan``).
WINDOW_S, LAG_S = 60.0, 5.0
MIN_SAMPLES = 16


def _fill(series: list[float]) -> np.ndarray | None:
    x = np.array([np.nan if v is None else v for v in series], float)
    known = ~np.isnan(x)
    if known.sum() < max(MIN_SAMPLES, 0.5 * x.size):
        return None
    idx = np.arange(x.size)
    return np.interp(idx, idx[known], x[known])


def _plan(n: int, fps: float) -> tuple[int, int, int]:
    window = min(int(round(WINDOW_S * fps)), max(8, n // 2))
    lag = max(1, min(int(round(LAG_S * fps)), window // 4))
    step = max(1, window // 2)
    return window, lag, step


def lagged_sync(x: np.ndarray, y: np.ndarray, window: int, lag: int, step: int) -> float:
    """Mean absolute Pearson r over windows and over lags -lag..lag (y shifted against x)."""
    values = []
    for start in range(lag, x.size - window - lag + 1, step):
        a = x[start:start + window]
        if a.std() < 1e-12:
            continue
        for k in range(-lag, lag + 1):
            b = y[start + k:start + k + window]
            if b.std() < 1e-12:
                continue
            values.append(abs(float(np.corrcoef(a, b)[0, 1])))
    return float(np.mean(values)) if values else math.nan


def synchrony(x: list[float], y: list[float], fps: float, n_surrogates: int = 200, seed: int = 0) -> dict | None:
    """``{"z", "r", "r_surrogates", "window_s", "lag_s", "samples"}``, or None when the series are too short."""
    a, b = _fill(x), _fill(y)
    if a is None or b is None or a.size < MIN_SAMPLES:
        return None
    window, lag, step = _plan(a.size, fps)
    observed = lagged_sync(a, b, window, lag, step)
    if math.isnan(observed):
        return None
    segment = max(2, 2 * lag)
    pieces = [b[i:i + segment] for i in range(0, b.size, segment)]
    rng = np.random.default_rng(seed)
    surrogate = []
    for _ in range(n_surrogates):
        order = rng.permutation(len(pieces))
        if np.all(order == np.arange(len(pieces))):
            continue
        value = lagged_sync(a, np.concatenate([pieces[i] for i in order]), window, lag, step)
        if not math.isnan(value):
            surrogate.append(value)
    if len(surrogate) < 10:
        return None
    mean, sd = float(np.mean(surrogate)), float(np.std(surrogate))
    z = (observed - mean) / sd if sd > 1e-12 else 0.0
    return {"z": round(z, 3), "r": round(observed, 4), "r_surrogates": round(mean, 4),
            "window_s": round(window / fps, 2), "lag_s": round(lag / fps, 2), "samples": int(a.size)}
