"""Shot cuts: a large jump in the colour distribution between consecutive sampled frames.

A cut changes the whole picture at once, while motion inside a shot moves a part of it: comparing hue/saturation
histograms of the full frame (Bhattacharyya distance) separates the two well at sampling rates of a few frames per
second. Tracks use the shot number to stop matching by position across a cut.
"""
from __future__ import annotations

import numpy as np

from .errors import require

DEFAULT_THRESHOLD = 0.5


class ShotDetector:
    """Feed sampled frames in order; ``update`` returns the shot number of each (0 for the first shot)."""

    def __init__(self, threshold: float = DEFAULT_THRESHOLD):
        self.threshold = threshold
        self.shot = 0
        self.last_distance = 0.0
        self._prev: np.ndarray | None = None

    def _histogram(self, image: np.ndarray) -> np.ndarray:
        cv2 = require("cv2")
        small = cv2.resize(image, (160, max(1, round(160 * image.shape[0] / image.shape[1]))),
                           interpolation=cv2.INTER_AREA)
        hsv = cv2.cvtColor(small, cv2.COLOR_BGR2HSV)
        hist = cv2.calcHist([hsv], [0, 1], None, [32, 16], [0, 180, 0, 256])
        return cv2.normalize(hist, hist).astype(np.float32)

    def update(self, image: np.ndarray) -> int:
        cv2 = require("cv2")
        hist = self._histogram(image)
        if self._prev is not None:
            self.last_distance = float(cv2.compareHist(self._prev, hist, cv2.HISTCMP_BHATTACHARYYA))
            if self.last_distance > self.threshold:
                self.shot += 1
        self._prev = hist
        return self.shot
