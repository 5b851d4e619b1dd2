"""Frames: decode a clip sequentially and keep samples at a target rate.

Decoding is sequential on purpose: the first frame of some AVIs is not a keyframe, and seeking to it returns a
grey picture. Sampling keeps the first decoded frame at or after each multiple of ``1 / fps`` seconds, so the same
(clip, fps) always yields the same source frame indices; gold labels are keyed by those indices.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

import numpy as np

from .errors import VideoError, require

# Containers report nonsense rates for some streams; a clip outside this range falls back to decoder timestamps.
_PLAUSIBLE_FPS = (1.0, 240.0)


@dataclass(frozen=True)
class VideoInfo:
    path: Path
    fps: float          # source frame rate (0.0 when the container does not say)
    frame_count: int    # as the container reports it; decoding may yield fewer
    width: int
    height: int


@dataclass
class Frame:
    index: int          # source frame number, 0-based, in decode order
    sample: int         # 0-based number among the sampled frames
    time_s: float
    image: np.ndarray   # BGR, uint8, H x W x 3


def _open(path: Path):
    cv2 = require("cv2")
    if not path.is_file():
        raise VideoError(path, "file not found", "check the path of the clip")
    cap = cv2.VideoCapture(str(path))
    if not cap.isOpened():
        cap.release()
        raise VideoError(path, "not a video OpenCV can decode", "pass a video file such as .mp4, .avi, .mov or .mkv")
    return cv2, cap


def probe(path: str | Path) -> VideoInfo:
    """Read the stream header and the first frame; raise VideoError when the file is not a decodable video."""
    path = Path(path)
    cv2, cap = _open(path)
    try:
        ok, image = cap.read()
        if not ok or image is None:
            raise VideoError(path, "no decodable video frame", "pass a video file such as .mp4, .avi, .mov or .mkv")
        fps = cap.get(cv2.CAP_PROP_FPS) or 0.0
        if not (_PLAUSIBLE_FPS[0] <= fps <= _PLAUSIBLE_FPS[1]) or math.isnan(fps):
            fps = 0.0
        return VideoInfo(path, float(fps), int(cap.get(cv2.CAP_PROP_FRAME_COUNT) or 0),
                         int(image.shape[1]), int(image.shape[0]))
    finally:
        cap.release()


def sample_frames(path: str | Path, fps: float = 10.0, resize_to: tuple[int, int] | None = None) -> Iterator[Frame]:
    """Yield frames sampled at ``fps`` (or every frame when the source is slower); ``resize_to`` is (width, height)."""
    if not fps or fps <= 0:
        raise VideoError(path, f"sampling rate must be positive, got {fps}", "use --fps 10 (or any value > 0)")
    path = Path(path)
    info = probe(path)
    cv2, cap = _open(path)
    step = 1.0 / fps
    next_t = 0.0
    index = sample = 0
    try:
        while True:
            ok, image = cap.read()
            if not ok or image is None:
                break
            t = index / info.fps if info.fps else cap.get(cv2.CAP_PROP_POS_MSEC) / 1000.0
            if t + 1e-6 >= next_t:
                if resize_to is not None and (image.shape[1], image.shape[0]) != tuple(resize_to):
                    image = cv2.resize(image, tuple(resize_to), interpolation=cv2.INTER_AREA)
                yield Frame(index, sample, round(t, 4), image)
                sample += 1
                # Skip whole steps so a slow source does not produce bursts of catch-up samples.
                next_t += step * max(1, math.floor((t + 1e-6 - next_t) / step) + 1)
            index += 1
    finally:
        cap.release()


def read_frames_at(path: str | Path, indices: set[int]) -> dict[int, np.ndarray]:
    """Decode the clip again and return the frames with the given source indices (for thumbnails)."""
    cv2, cap = _open(Path(path))
    wanted, out, index = set(indices), {}, 0
    try:
        while wanted:
            ok, image = cap.read()
            if not ok or image is None:
                break
            if index in wanted:
                out[index] = image
                wanted.discard(index)
            index += 1
    finally:
        cap.release()
    return out
