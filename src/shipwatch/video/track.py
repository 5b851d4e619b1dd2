"""Tracks: keep each person's identity from frame to frame and across shot cuts.

Within a shot a face moves little between samples, so matching is by position first (centre distance in face
sizes, greedy on the smallest cost). Position means nothing across a cut, and a track that lost its face for a
while may come back elsewhere: there, new faces are matched to known tracks by an appearance signature (colour
histograms of the face and the clothes below it) that is computed sparsely, at a track's birth and every
``refresh`` frames, not per frame.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from .detect import Face
from .errors import require

# A face may move up to this many face sizes between two samples and still be the same track.
MAX_STEP = 1.0
# Signature distance (Bhattacharyya, 0 same .. 1 disjoint) under which a returning face is a known person.
REID_DISTANCE = 0.45


def appearance(bgr: np.ndarray, box: np.ndarray) -> np.ndarray | None:
    """Hue/saturation histograms of the face and of the torso below it, concatenated and normalised."""
    cv2 = require("cv2")
    height, width = bgr.shape[:2]
    x, y, w, h = box
    parts = []
    for x0, y0, x1, y1 in ((x, y, x + w, y + h), (x - 0.5 * w, y + 1.4 * h, x + 1.5 * w, y + 3.0 * h)):
        x0, y0, x1, y1 = max(0, int(x0)), max(0, int(y0)), min(width, int(x1)), min(height, int(y1))
        if x1 - x0 < 4 or y1 - y0 < 4:
            parts.append(None)
            continue
        hsv = cv2.cvtColor(bgr[y0:y1, x0:x1], cv2.COLOR_BGR2HSV)
        hist = cv2.calcHist([hsv], [0, 1], None, [16, 8], [0, 180, 0, 256]).ravel()
        parts.append(hist / max(hist.sum(), 1e-9))
    if parts[0] is None:
        return None
    # A reference photo or a face at the bottom edge has no torso: compare faces only then.
    torso = parts[1] if parts[1] is not None else np.full_like(parts[0], np.nan)
    return np.concatenate([parts[0], torso]).astype(np.float32)


def signature_distance(a: np.ndarray, b: np.ndarray) -> float:
    """Mean Bhattacharyya distance over the parts both signatures have (face always, torso when both have it)."""
    half = a.size // 2
    dists = []
    for sl in (slice(0, half), slice(half, None)):
        pa, pb = a[sl], b[sl]
        if np.isnan(pa).any() or np.isnan(pb).any():
            continue
        bc = float(np.sum(np.sqrt(np.clip(pa, 0, None) * np.clip(pb, 0, None))))
        dists.append(float(np.sqrt(max(0.0, 1.0 - bc))))
    return float(np.mean(dists)) if dists else 1.0


@dataclass
class Track:
    id: int
    box: np.ndarray
    shot: int
    last_sample: int
    hits: int = 1
    last_detected: int = -1          # last sample where the face detector (not pose) saw this head
    presence: float = 0.0            # sum of face sizes over the samples seen: big, long-present faces rank first
    signature: np.ndarray | None = None
    _signatures: int = 0
    samples: list[int] = field(default_factory=list)

    def add_signature(self, sig: np.ndarray | None) -> None:
        if sig is None:
            return
        if self.signature is None:
            self.signature, self._signatures = sig.copy(), 1
            return
        n = self._signatures
        both = ~(np.isnan(self.signature) | np.isnan(sig))
        self.signature[both] = (self.signature[both] * n + sig[both]) / (n + 1)
        fill = np.isnan(self.signature) & ~np.isnan(sig)
        self.signature[fill] = sig[fill]
        self._signatures = n + 1


class Tracker:
    """Call ``update`` once per sampled frame with that frame's faces; it returns (track id, face) pairs."""

    def __init__(self, max_missing: int = 10, refresh: int = 20, max_step: float = MAX_STEP,
                 reid_distance: float = REID_DISTANCE):
        self.max_missing = max_missing
        self.refresh = refresh
        self.max_step = max_step
        self.reid_distance = reid_distance
        self.tracks: dict[int, Track] = {}
        self._next_id = 0

    def live(self, sample: int, shot: int) -> list[Track]:
        """Tracks of this shot seen within ``max_missing`` samples: the ones position matching may extend."""
        return [t for t in self.tracks.values()
                if t.shot == shot and sample - t.last_sample <= self.max_missing]

    def update(self, faces: list[Face], bgr: np.ndarray, sample: int, shot: int) -> list[tuple[int, Face]]:
        live = [t for t in self.live(sample, shot) if t.last_sample < sample]
        pairs = self._match_position(faces, live)
        matched_faces = {id(f) for _, f in pairs}
        rest = [f for f in faces if id(f) not in matched_faces]
        taken = {t.id for t, _ in pairs} | {t.id for t in self.tracks.values() if t.last_sample == sample}
        out = []
        for track, face in pairs:
            self._extend(track, face, bgr, sample, shot)
            out.append((track.id, face))
        for face in rest:
            sig = appearance(bgr, face.box)
            track = self._reidentify(sig, taken, sample, shot)
            if track is None:
                track = self._new(face, sig, sample, shot)
            else:
                track.add_signature(sig)
                self._extend(track, face, bgr, sample, shot, signature_done=True)
            taken.add(track.id)
            out.append((track.id, face))
        return out

    def extend(self, track_id: int, face: Face, bgr: np.ndarray, sample: int, shot: int) -> None:
        """Attach a face found another way (a head recovered from pose) to a known track."""
        self._extend(self.tracks[track_id], face, bgr, sample, shot)

    def _match_position(self, faces: list[Face], tracks: list[Track]) -> list[tuple[Track, Face]]:
        costs = []
        for ti, track in enumerate(tracks):
            tc = track.box[:2] + track.box[2:] / 2
            tsize = max(track.box[2], track.box[3])
            for fi, face in enumerate(faces):
                ratio = face.size / max(tsize, 1e-9)
                if not 0.5 <= ratio <= 2.0:
                    continue
                cost = float(np.linalg.norm(face.center - tc)) / max(tsize, face.size)
                if cost <= self.max_step:
                    costs.append((cost, ti, fi))
        pairs, used_t, used_f = [], set(), set()
        for cost, ti, fi in sorted(costs):
            if ti not in used_t and fi not in used_f:
                used_t.add(ti)
                used_f.add(fi)
                pairs.append((tracks[ti], faces[fi]))
        return pairs

    def _reidentify(self, sig: np.ndarray | None, taken: set[int], sample: int, shot: int) -> Track | None:
        if sig is None:
            return None
        live = {t.id for t in self.live(sample, shot)}
        best, best_d = None, self.reid_distance
        for track in self.tracks.values():
            # A track still live in this shot at another place is a different person standing there.
            if track.id in taken or track.id in live or track.signature is None:
                continue
            d = signature_distance(sig, track.signature)
            if d < best_d:
                best, best_d = track, d
        return best

    def _new(self, face: Face, sig: np.ndarray | None, sample: int, shot: int) -> Track:
        track = Track(self._next_id, face.box.copy(), shot, sample, samples=[sample], presence=face.size,
                      last_detected=sample if face.source == "detector" else -1)
        track.add_signature(sig)
        self.tracks[track.id] = track
        self._next_id += 1
        return track

    def _extend(self, track: Track, face: Face, bgr: np.ndarray, sample: int, shot: int,
                signature_done: bool = False) -> None:
        track.box = face.box.copy()
        track.shot, track.last_sample = shot, sample
        track.hits += 1
        track.presence += face.size
        track.samples.append(sample)
        if face.source == "detector":
            track.last_detected = sample
        # Only detector faces refresh the signature: a pose-recovered head box is rougher.
        if not signature_done and face.source == "detector" and track.hits % self.refresh == 0:
            track.add_signature(appearance(bgr, face.box))
