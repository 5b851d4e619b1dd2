"""People: faces (full-range detector), a face mesh with iris on a crop per face, and pose on a crop per body.

Everything comes from MediaPipe's bundled models (``mp.solutions``), so nothing is downloaded at run time. The
whole-frame face mesh uses a short-range detector that misses mid-size faces, and pose sees one person per call,
so the mesh runs on a 2x crop around each detected face and pose on a body-shaped crop below each head.
"""
from __future__ import annotations

import contextlib
import logging
import os
from dataclasses import dataclass, field

import numpy as np

from .errors import require

# MediaPipe's C++ side logs to stderr at import and on every graph start; keep the CLI output readable.
os.environ.setdefault("GLOG_minloglevel", "2")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
logging.getLogger("absl").setLevel(logging.ERROR)

# MediaPipe pose landmark numbers used by the signals.
NOSE, LEFT_EYE, RIGHT_EYE, LEFT_EAR, RIGHT_EAR = 0, 2, 5, 7, 8
LEFT_SHOULDER, RIGHT_SHOULDER, LEFT_WRIST, RIGHT_WRIST, LEFT_HIP, RIGHT_HIP = 11, 12, 15, 16, 23, 24


@dataclass
class Face:
    box: np.ndarray                          # x, y, w, h in frame pixels
    score: float
    source: str = "detector"                 # detector | pose (head box recovered from pose landmarks)
    mesh: np.ndarray | None = None           # 478 x 3 (x, y px; z px-scaled, smaller = nearer the camera)
    body: "Body | None" = None

    @property
    def center(self) -> np.ndarray:
        return self.box[:2] + self.box[2:] / 2

    @property
    def size(self) -> float:
        return float(max(self.box[2], self.box[3]))


@dataclass
class Body:
    crop: np.ndarray                         # x0, y0, x1, y1 of the crop pose ran on
    points: np.ndarray                       # 33 x 3: x, y in frame pixels, visibility 0..1
    world: np.ndarray                        # 33 x 3 metres, hip-centred, x right, y down, z away from camera
    extra: dict = field(default_factory=dict)

    def visible(self, i: int, threshold: float = 0.5) -> bool:
        return bool(self.points[i, 2] >= threshold)


def clip_box(x0: float, y0: float, x1: float, y1: float, width: int, height: int) -> tuple[int, int, int, int]:
    return max(0, int(x0)), max(0, int(y0)), min(width, int(np.ceil(x1))), min(height, int(np.ceil(y1)))


def body_crop(face_box: np.ndarray, width: int, height: int) -> tuple[int, int, int, int]:
    """The region a body hangs in below a head: about 3.5 head widths wide, 6 head heights tall."""
    x, y, w, h = face_box
    cx, size = x + w / 2, max(w, h)
    return clip_box(cx - 1.8 * size, y - 0.6 * size, cx + 1.8 * size, y + 6.0 * size, width, height)


class PersonDetector:
    """Face, mesh and pose models, created on first use and reused for every frame."""

    def __init__(self, min_face_score: float = 0.5, mesh: bool = True, pose: bool = True):
        self.min_face_score = min_face_score
        self.use_mesh = mesh
        self.use_pose = pose
        self._faces = self._mesh = self._pose = None

    def _load(self) -> None:
        if self._faces is not None:
            return
        mp = require("mediapipe")
        solutions = mp.solutions
        self._faces = solutions.face_detection.FaceDetection(model_selection=1,
                                                              min_detection_confidence=self.min_face_score)
        if self.use_mesh:
            self._mesh = solutions.face_mesh.FaceMesh(static_image_mode=True, max_num_faces=1,
                                                      refine_landmarks=True, min_detection_confidence=0.3)
        if self.use_pose:
            # model_complexity 1 is the only pose model inside the wheel; 0 and 2 try to download.
            self._pose = solutions.pose.Pose(static_image_mode=True, model_complexity=1,
                                             min_detection_confidence=0.3)

    def close(self) -> None:
        for model in (self._faces, self._mesh, self._pose):
            if model is not None:
                model.close()
        self._faces = self._mesh = self._pose = None

    def faces(self, rgb: np.ndarray) -> list[Face]:
        self._load()
        height, width = rgb.shape[:2]
        found = []
        for det in self._faces.process(rgb).detections or []:
            rel = det.location_data.relative_bounding_box
            x0, y0, x1, y1 = clip_box(rel.xmin * width, rel.ymin * height, (rel.xmin + rel.width) * width,
                                      (rel.ymin + rel.height) * height, width, height)
            if x1 - x0 >= 8 and y1 - y0 >= 8:
                found.append(Face(np.array([x0, y0, x1 - x0, y1 - y0], float), float(det.score[0])))
        return _suppress_overlaps(found)

    def add_mesh(self, rgb: np.ndarray, face: Face) -> None:
        """Mesh + iris on a 2x square crop around the face; leaves ``face.mesh`` None when the mesh fails."""
        if not self.use_mesh:
            return
        self._load()
        height, width = rgb.shape[:2]
        cx, cy = face.center
        half = face.size  # 2x the face size in total
        x0, y0, x1, y1 = clip_box(cx - half, cy - half, cx + half, cy + half, width, height)
        crop = rgb[y0:y1, x0:x1]
        if crop.shape[0] < 16 or crop.shape[1] < 16:
            return
        # Small faces upscale so the mesh's own detector and landmark model see enough pixels.
        scale = max(1.0, 192.0 / crop.shape[1])
        if scale > 1.0:
            crop = require("cv2").resize(crop, None, fx=scale, fy=scale, interpolation=require("cv2").INTER_LINEAR)
        result = self._mesh.process(np.ascontiguousarray(crop))
        if not result.multi_face_landmarks:
            return
        ch, cw = crop.shape[:2]
        pts = np.array([(p.x, p.y, p.z) for p in result.multi_face_landmarks[0].landmark], float)
        mesh = np.empty_like(pts)
        mesh[:, 0] = x0 + pts[:, 0] * cw / scale
        mesh[:, 1] = y0 + pts[:, 1] * ch / scale
        mesh[:, 2] = pts[:, 2] * cw / scale
        # The crop can hold a second face; keep the mesh only when it lies on the detected one.
        if np.linalg.norm(mesh[:, :2].mean(axis=0) - face.center) <= 0.5 * face.size:
            face.mesh = mesh

    def body(self, rgb: np.ndarray, crop_box: tuple[int, int, int, int]) -> Body | None:
        if not self.use_pose:
            return None
        self._load()
        x0, y0, x1, y1 = crop_box
        if x1 - x0 < 24 or y1 - y0 < 24:
            return None
        crop = np.ascontiguousarray(rgb[y0:y1, x0:x1])
        result = self._pose.process(crop)
        if result.pose_landmarks is None:
            return None
        ch, cw = crop.shape[:2]
        points = np.array([(x0 + p.x * cw, y0 + p.y * ch, p.visibility) for p in result.pose_landmarks.landmark])
        world = np.array([(p.x, p.y, p.z) for p in result.pose_world_landmarks.landmark]) \
            if result.pose_world_landmarks is not None else np.full((33, 3), np.nan)
        return Body(np.array(crop_box, float), points, world)


def head_from_body(body: Body, size: float) -> Face | None:
    """A head box centred on the pose's nose/eyes/ears, for profile heads the face detector misses."""
    idx = [i for i in (NOSE, LEFT_EYE, RIGHT_EYE, LEFT_EAR, RIGHT_EAR) if body.visible(i)]
    if NOSE not in idx or len(idx) < 2:
        return None
    center = body.points[idx, :2].mean(axis=0)
    score = float(body.points[idx, 2].mean())
    return Face(np.array([center[0] - size / 2, center[1] - size / 2, size, size]), score, source="pose", body=body)


def _suppress_overlaps(faces: list[Face]) -> list[Face]:
    """Drop a face box that mostly lies inside a higher-scoring one (the detector sometimes doubles a face)."""
    kept: list[Face] = []
    for face in sorted(faces, key=lambda f: -f.score):
        if all(overlap(face.box, other.box) < 0.5 for other in kept):
            kept.append(face)
    return kept


def overlap(a: np.ndarray, b: np.ndarray) -> float:
    """Intersection over the smaller box's area."""
    x0, y0 = max(a[0], b[0]), max(a[1], b[1])
    x1, y1 = min(a[0] + a[2], b[0] + b[2]), min(a[1] + a[3], b[1] + b[3])
    inter = max(0.0, x1 - x0) * max(0.0, y1 - y0)
    return inter / max(1e-9, min(a[2] * a[3], b[2] * b[3]))


@contextlib.contextmanager
def quiet_native_logs():
    """Send the process's native stderr (fd 2) to /dev/null while MediaPipe runs.

    Its C++ logging (absl, TFLite delegates) writes straight to fd 2 before any Python setting can reach it.
    Python's own errors are raised after the block, so nothing a user needs is lost.
    """
    import sys

    try:
        sys.stderr.flush()
        saved = os.dup(2)
    except (OSError, ValueError):   # no real fd 2 (e.g. captured by a test runner): nothing to silence
        yield
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, 2)
        yield
    finally:
        sys.stderr.flush()
        os.dup2(saved, 2)
        os.close(saved)
        os.close(devnull)
