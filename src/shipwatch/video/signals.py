"""Signals: what one person's head, eyes, mouth and body do in one frame, and what the pair does together.

Angles follow the image, not the person: yaw > 0 means the face points toward the right edge of the picture,
pitch > 0 up, roll > 0 clockwise. "Looking at the partner" is geometric (the reference LAEO models cannot be
installed): the gaze, projected into the picture, must point to the partner's side by at least ``MIN_YAW`` and
its elevation must roughly match the partner's head. Thresholds are set from geometry before looking at the
labels; bench/video_gaze.py measures them against the hand labels in gold/video/.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from .detect import (LEFT_EAR, LEFT_HIP, LEFT_SHOULDER, LEFT_WRIST, NOSE, RIGHT_EAR, RIGHT_HIP, RIGHT_SHOULDER,
                     RIGHT_WRIST, Body, Face)

# Face mesh landmark numbers (MediaPipe canonical mesh, 478 points with iris).
EYE_OUTER_R, EYE_INNER_R, EYE_INNER_L, EYE_OUTER_L = 33, 133, 362, 263
IRIS_R, IRIS_L = 468, 473
FOREHEAD, CHIN = 10, 152
MOUTH_R, MOUTH_L, LIP_UPPER, LIP_LOWER = 61, 291, 13, 14

MIN_YAW = 12.0            # degrees toward the partner's side to count as looking there
MAX_ELEVATION_ERROR = 35.0
EYE_WEIGHT = 0.5          # iris landmarks on small faces are noisy: they nudge the head direction, not replace it
FACING_MIN_YAW = 10.0
LEAN_THRESHOLD = 0.4      # head ahead of the shoulders toward the partner, in face sizes
# Smile calibration: a logistic on mouth width and corner lift, both over the eye-corner distance. Set on 44 faces
# of two sample clips read by eye (neutral: width 0.41-0.61, lift -0.03..0.07; broad smiles: width 0.67-0.77,
# lift 0.10-0.18); closed-mouth smiles fall in between and mostly score below 0.5.
SMILE_WIDTH_CENTER, SMILE_WIDTH_SCALE = 0.63, 0.04
SMILE_LIFT_CENTER, SMILE_LIFT_SCALE = 0.08, 0.03


@dataclass
class Person:
    """One person in one frame: where the head is and what the models measured on it (NaN when unknown)."""
    center: np.ndarray
    size: float
    source: str                    # detector | pose
    head_yaw: float = math.nan
    head_pitch: float = math.nan
    head_roll: float = math.nan
    head_from: str = ""            # mesh | pose | "" (unknown)
    gaze_yaw: float = math.nan
    gaze_pitch: float = math.nan
    smile: float = math.nan        # 0..1
    torso_yaw: float = math.nan
    shoulder_mid_x: float = math.nan
    body: Body | None = None
    motion: float = math.nan


def _unit(v: np.ndarray) -> np.ndarray:
    n = float(np.linalg.norm(v))
    return v / n if n > 1e-9 else v


def head_pose_from_mesh(mesh: np.ndarray) -> tuple[float, float, float]:
    """Yaw, pitch, roll (degrees) from the plane through the eye corners, forehead and chin of the 3D mesh."""
    across = mesh[EYE_OUTER_L] - mesh[EYE_OUTER_R]   # subject's right eye -> left eye: image-right when frontal
    down = mesh[CHIN] - mesh[FOREHEAD]
    forward = -_unit(np.cross(across, down))          # mesh z grows away from the camera; forward faces it
    yaw = math.degrees(math.atan2(forward[0], -forward[2]))
    pitch = math.degrees(math.atan2(-forward[1], math.hypot(forward[0], forward[2])))
    roll = math.degrees(math.atan2(across[1], across[0]))
    return yaw, pitch, roll


def eye_yaw_from_mesh(mesh: np.ndarray) -> float:
    """Horizontal eye-in-head rotation (degrees) from the iris position between the eye corners."""
    ratios = []
    for outer, inner, iris in ((EYE_OUTER_R, EYE_INNER_R, IRIS_R), (EYE_OUTER_L, EYE_INNER_L, IRIS_L)):
        axis = mesh[inner, :2] - mesh[outer, :2] if outer == EYE_OUTER_R else mesh[outer, :2] - mesh[inner, :2]
        half = float(np.linalg.norm(axis)) / 2
        if half < 1.0:
            continue
        mid = (mesh[outer, :2] + mesh[inner, :2]) / 2
        ratios.append(float(np.dot(mesh[iris, :2] - mid, axis / (2 * half))) / half)
    if not ratios:
        return math.nan
    # The iris centre sits about 0.8 eye half-widths from the rotation axis: offset = 0.8 sin(angle).
    return math.degrees(math.asin(float(np.clip(np.mean(ratios) / 0.8, -1, 1))))


def smile_from_mesh(mesh: np.ndarray) -> float:
    """0..1: wide mouth with corners lifted above the lip centre, relative to the eye-corner distance."""
    across = mesh[EYE_OUTER_L, :2] - mesh[EYE_OUTER_R, :2]
    eye_dist = float(np.linalg.norm(across))
    if eye_dist < 1.0:
        return math.nan
    x_axis = across / eye_dist
    y_axis = np.array([-x_axis[1], x_axis[0]])        # image-down in the face's own frame
    width = abs(float(np.dot(mesh[MOUTH_L, :2] - mesh[MOUTH_R, :2], x_axis))) / eye_dist
    lip_mid = (mesh[LIP_UPPER, :2] + mesh[LIP_LOWER, :2]) / 2
    corners = (mesh[MOUTH_L, :2] + mesh[MOUTH_R, :2]) / 2
    lift = float(np.dot(lip_mid - corners, y_axis)) / eye_dist
    z = (width - SMILE_WIDTH_CENTER) / SMILE_WIDTH_SCALE + (lift - SMILE_LIFT_CENTER) / SMILE_LIFT_SCALE
    return 1.0 / (1.0 + math.exp(-float(np.clip(z, -30, 30))))


def head_yaw_from_pose(body: Body) -> float:
    """Yaw from the nose relative to the ears in the pose's 3D (world) landmarks: works on profile heads."""
    if np.isnan(body.world).any():
        return math.nan
    forward = body.world[NOSE] - (body.world[LEFT_EAR] + body.world[RIGHT_EAR]) / 2
    return math.degrees(math.atan2(forward[0], -forward[2]))


def torso_yaw_from_pose(body: Body) -> float:
    """Which way the chest faces, from the shoulder line in world landmarks (needs both shoulders seen)."""
    if not (body.visible(LEFT_SHOULDER, 0.5) and body.visible(RIGHT_SHOULDER, 0.5)) or np.isnan(body.world).any():
        return math.nan
    v = body.world[LEFT_SHOULDER] - body.world[RIGHT_SHOULDER]
    return math.degrees(math.atan2(v[2], v[0]))


def measure(face: Face) -> Person:
    """Everything about one person that needs only their own face and body."""
    p = Person(center=face.center.copy(), size=face.size, source=face.source, body=face.body)
    if face.mesh is not None:
        p.head_yaw, p.head_pitch, p.head_roll = head_pose_from_mesh(face.mesh)
        p.head_from = "mesh"
        eye = eye_yaw_from_mesh(face.mesh)
        p.gaze_yaw = p.head_yaw + (EYE_WEIGHT * eye if not math.isnan(eye) else 0.0)
        p.gaze_pitch = p.head_pitch
        p.smile = smile_from_mesh(face.mesh)
    elif face.body is not None:
        p.head_yaw = head_yaw_from_pose(face.body)
        p.head_from = "pose" if not math.isnan(p.head_yaw) else ""
        p.gaze_yaw = p.head_yaw
    if face.body is not None:
        p.torso_yaw = torso_yaw_from_pose(face.body)
        b = face.body
        if b.visible(LEFT_SHOULDER) and b.visible(RIGHT_SHOULDER):
            p.shoulder_mid_x = float((b.points[LEFT_SHOULDER, 0] + b.points[RIGHT_SHOULDER, 0]) / 2)
    return p


def looks_at(me: Person, other: Person) -> bool | None:
    """Does my gaze point at the other's head? None when my gaze direction is unknown."""
    if math.isnan(me.gaze_yaw):
        return None
    dx, dy = other.center - me.center
    if abs(dx) < 1e-6:
        return False
    if math.copysign(1.0, dx) * me.gaze_yaw < MIN_YAW:
        return False
    if not math.isnan(me.gaze_pitch):
        # Same-depth assumption: the partner's head seen at this elevation angle.
        elevation = math.degrees(math.atan2(-dy, abs(dx)))
        if abs(me.gaze_pitch - elevation) > MAX_ELEVATION_ERROR:
            return False
    return True


def facing(me: Person, other: Person) -> bool | None:
    """Is my chest (or, without a pose, my head) turned to the other's side?"""
    yaw = me.torso_yaw if not math.isnan(me.torso_yaw) else me.head_yaw
    if math.isnan(yaw):
        return None
    dx = other.center[0] - me.center[0]
    return math.copysign(1.0, dx) * yaw >= FACING_MIN_YAW


def lean(me: Person, other: Person) -> float:
    """How far my head is ahead of my shoulders toward the other, in face sizes (NaN without shoulders)."""
    if math.isnan(me.shoulder_mid_x):
        return math.nan
    dx = other.center[0] - me.center[0]
    return math.copysign(1.0, dx) * (me.center[0] - me.shoulder_mid_x) / max(me.size, 1e-9)


def _region(p: Person) -> np.ndarray:
    """x0, y0, x1, y1 around a person's head and visible upper-body keypoints, padded by a quarter face."""
    xs = [p.center[0] - p.size / 2, p.center[0] + p.size / 2]
    ys = [p.center[1] - p.size / 2, p.center[1] + p.size / 2]
    if p.body is not None:
        for i in (LEFT_SHOULDER, RIGHT_SHOULDER, LEFT_WRIST, RIGHT_WRIST, LEFT_HIP, RIGHT_HIP, 13, 14):
            if p.body.visible(i):
                xs.append(p.body.points[i, 0])
                ys.append(p.body.points[i, 1])
    pad = 0.25 * p.size
    return np.array([min(xs) - pad, min(ys) - pad, max(xs) + pad, max(ys) + pad])


def touching(a: Person, b: Person) -> bool | None:
    """A wrist of one inside the other's head/upper-body region (hands, shoulders, high fives)."""
    if a.body is None and b.body is None:
        return None
    for me, other in ((a, b), (b, a)):
        if me.body is None:
            continue
        x0, y0, x1, y1 = _region(other)
        for w in (LEFT_WRIST, RIGHT_WRIST):
            if me.body.visible(w):
                x, y = me.body.points[w, :2]
                if x0 <= x <= x1 and y0 <= y <= y1:
                    return True
    return False


def distance(a: Person, b: Person) -> float:
    """Head-to-head distance in mean face sizes (a scale-free "how close")."""
    return float(np.linalg.norm(a.center - b.center)) / max((a.size + b.size) / 2, 1e-9)


def motion_energy(prev_gray: np.ndarray | None, gray: np.ndarray, region: np.ndarray, scale: float) -> float:
    """Mean absolute frame difference in a person's region, less the whole picture's median (camera motion)."""
    if prev_gray is None or prev_gray.shape != gray.shape:
        return math.nan
    diff = np.abs(gray.astype(np.int16) - prev_gray.astype(np.int16))
    x0, y0, x1, y1 = (region * scale).astype(int)
    h, w = gray.shape
    x0, y0, x1, y1 = max(0, x0), max(0, y0), min(w, x1), min(h, y1)
    if x1 - x0 < 2 or y1 - y0 < 2:
        return math.nan
    return max(0.0, float(diff[y0:y1, x0:x1].mean()) - float(np.median(diff))) / 255.0


def smooth_votes(values: list[bool | None], window: int = 3) -> list[bool | None]:
    """Majority over a centred window of known values (a tie keeps the value); a gap stays None."""
    half = window // 2
    out: list[bool | None] = []
    for i, v in enumerate(values):
        if v is None:
            out.append(None)
            continue
        near = [x for x in values[max(0, i - half): i + half + 1] if x is not None]
        yes = sum(near)
        out.append(v if yes * 2 == len(near) else yes * 2 > len(near))
    return out
