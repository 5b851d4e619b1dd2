"""Errors a user can cause in video analysis, and the import of the optional video packages.

Messages are one line: the clip, what went wrong, what to do. The optional packages (OpenCV, MediaPipe) are
imported only when a video feature is used, so the rest of Shipwatch works without the ``video`` extra.
"""
from __future__ import annotations

import importlib
import os
from types import ModuleType

from ..errors import MissingDependency, ShipwatchError

# module name -> (PyPI package to name in the hint, what needs it)
_OPTIONAL = {
    "cv2": ("opencv-contrib-python", "Video decoding"),
    "mediapipe": ("mediapipe", "Video analysis"),
}


class VideoError(ShipwatchError):
    """A clip cannot be analysed: not a video, unreadable, no faces, bad reference photo or option."""

    def __init__(self, path: str, problem: str, fix: str):
        self.path, self.problem, self.fix = str(path), problem, fix
        super().__init__(f"{self.path}: {problem}; {fix}")


def require(module: str) -> ModuleType:
    """Import an optional video dependency, or raise MissingDependency with the install hint."""
    if module == "mediapipe":
        # MediaPipe's C++ logging (TFLite delegates, feedback tensors) would otherwise fill a user's terminal.
        os.environ.setdefault("GLOG_minloglevel", "2")
        os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        package, feature = _OPTIONAL[module]
        raise MissingDependency(package, "video", feature) from exc
