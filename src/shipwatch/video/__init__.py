"""Video body language: who looks at whom, smiles, leans in, touches and moves in sync, from a clip.

Needs the optional packages of ``pip install 'shipwatch[video]'`` (MediaPipe, OpenCV); importing this package
does not, only calling ``analyze_video`` does.
"""
from .errors import VideoError
from .pipeline import FRAME_SCHEMA, VideoResult, analyze_video

__all__ = ["analyze_video", "VideoResult", "VideoError", "FRAME_SCHEMA"]
