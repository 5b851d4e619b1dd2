"""The video job: frames -> people tracks -> signals -> the pair's timeline, moments and synchrony -> files.

``analyze_video`` is the one entry point. It streams the clip (memory holds per-frame numbers, not pictures),
picks the pair (reference photos, else the two most present people), and writes ``frames.parquet``,
``video.json`` and thumbnails of the top moments when given an output folder.
"""
from __future__ import annotations

import json
import math
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

import numpy as np
import pyarrow as pa

from . import moments as moments_mod
from .decode import probe, read_frames_at, sample_frames
from .detect import Body, PersonDetector, body_crop, head_from_body, overlap, quiet_native_logs
from .errors import VideoError, require
from .shots import ShotDetector
from .signals import (Person, distance, facing, lean, looks_at, measure, motion_energy, smooth_votes, touching,
                      LEAN_THRESHOLD, _region)
from .synchrony import synchrony
from .track import Tracker, appearance, signature_distance

SMILE_THRESHOLD = 0.5
# A track counts as a person when seen in at least this share of the sampled frames (and 3 of them): the
# detector's one-frame mistakes and passers-by in the background do not.
MIN_PRESENCE = 0.15
# A track whose face the detector lost is followed by pose (profile heads) for at most this many samples after
# the detector last saw it, so pose alone cannot carry a track through a whole clip.
RECOVER_SAMPLES = 10
MOTION_WIDTH = 160

FRAME_SCHEMA = pa.schema([
    pa.field("sample", pa.int32()), pa.field("frame_index", pa.int32()), pa.field("time_s", pa.float64()),
    pa.field("shot", pa.int32()), pa.field("person", pa.string()), pa.field("track_id", pa.int32()),
    pa.field("present", pa.bool_()), pa.field("face_source", pa.string()), pa.field("head_from", pa.string()),
    pa.field("x", pa.float32()), pa.field("y", pa.float32()), pa.field("size", pa.float32()),
    pa.field("head_yaw", pa.float32()), pa.field("head_pitch", pa.float32()), pa.field("head_roll", pa.float32()),
    pa.field("gaze_yaw", pa.float32()), pa.field("gaze_pitch", pa.float32()),
    pa.field("looks_at_partner", pa.bool_()), pa.field("smile_index", pa.float32()), pa.field("smiling", pa.bool_()),
    pa.field("torso_yaw", pa.float32()), pa.field("lean", pa.float32()), pa.field("leaning_in", pa.bool_()),
    pa.field("motion", pa.float32()),
    # pair columns: the same value on both rows of a frame
    pa.field("distance", pa.float32()), pa.field("facing_each_other", pa.bool_()),
    pa.field("touching", pa.bool_()), pa.field("mutual_gaze", pa.bool_()),
])


@dataclass
class VideoResult:
    summary: dict                                  # the content of video.json, plus "timeline"
    frames: pa.Table                               # FRAME_SCHEMA: one row per sampled frame and pair member
    files: dict[str, Path] = field(default_factory=dict)
    timings: dict[str, float] = field(default_factory=dict)   # seconds per stage, for bench/video.py


def _shifted(body: Body, delta: np.ndarray) -> Body:
    points = body.points.copy()
    points[:, :2] += delta
    crop = body.crop + np.concatenate([delta, delta])
    return Body(crop, points, body.world)


def _nan_none(v):
    return None if v is None or (isinstance(v, float) and math.isnan(v)) else v


def _reference_signatures(faces: Sequence[str | Path], detector: PersonDetector) -> list[np.ndarray]:
    cv2 = require("cv2")
    sigs = []
    for photo in faces:
        image = cv2.imread(str(photo))
        if image is None:
            raise VideoError(photo, "cannot read this reference photo", "pass a JPEG or PNG photo of one face")
        found = detector.faces(cv2.cvtColor(image, cv2.COLOR_BGR2RGB))
        if not found:
            raise VideoError(photo, "no face found in this reference photo",
                             "pass a photo where the face is clearly visible")
        sig = appearance(image, max(found, key=lambda f: f.size).box)
        sigs.append(sig)
    return sigs


def _choose_pair(presence: dict[int, float], track_sigs: dict[int, np.ndarray | None], track_x: dict[int, float],
                 refs: list[np.ndarray] | None) -> list[int]:
    people = sorted(presence, key=lambda t: -presence[t])
    if refs is None:
        return sorted(people[:2], key=lambda t: track_x[t])
    best, best_cost = None, math.inf
    for a in people:
        for b in people:
            if a == b or track_sigs.get(a) is None or track_sigs.get(b) is None:
                continue
            cost = signature_distance(refs[0], track_sigs[a]) + signature_distance(refs[1], track_sigs[b])
            if cost < best_cost:
                best, best_cost = [a, b], cost
    return best if best is not None else sorted(people[:2], key=lambda t: track_x[t])


def analyze_video(path: str | Path, out_dir: str | Path | None = None, fps: float = 10, faces=None,
                  pair_names: Sequence[str] | None = None, *, resize_to: tuple[int, int] | None = None,
                  pose: bool = True, pose_every: int = 2, top_moments: int = 5) -> VideoResult:
    """Analyse the body language of the two people in a clip. See the module docstring for the outputs.

    Pose is the slowest model (~35 ms per person): it runs on every ``pose_every``-th sample, and in between a
    person's last pose is moved with their head.
    """
    with quiet_native_logs():
        return _analyze_video(path, out_dir, fps, faces, pair_names, resize_to=resize_to, pose=pose,
                              pose_every=pose_every, top_moments=top_moments)


def _analyze_video(path, out_dir, fps, faces, pair_names, *, resize_to, pose, pose_every, top_moments):
    path = Path(path)
    if faces is not None and len(faces) != 2:
        raise VideoError(path, f"--faces takes two reference photos, got {len(faces)}", "pass --faces A.jpg B.jpg")
    if pair_names is not None and len(pair_names) != 2:
        raise VideoError(path, f"--pair takes two names, got {len(pair_names)}", 'pass --pair "Name A" "Name B"')
    info = probe(path)
    cv2 = require("cv2")
    detector = PersonDetector(pose=pose)
    timings: dict[str, float] = defaultdict(float)
    refs = _reference_signatures(faces, detector) if faces is not None else None

    shots, tracker = ShotDetector(), Tracker()
    samples: list[tuple[int, float, int]] = []            # (frame_index, time_s, shot) per sample
    obs: list[dict[int, Person]] = []                     # track id -> person, per sample
    prev_gray = None
    bodies: dict[int, tuple[int, Body, np.ndarray]] = {}   # track id -> (sample, last pose, head centre then)
    start = time.perf_counter()
    t0 = time.perf_counter()
    for frame in sample_frames(path, fps, resize_to=resize_to):
        t1 = time.perf_counter()
        timings["decode"] += t1 - t0
        bgr = frame.image
        rgb = cv2.cvtColor(bgr, cv2.COLOR_BGR2RGB)
        height, width = bgr.shape[:2]
        shot = shots.update(bgr)
        t2 = time.perf_counter()
        timings["shots"] += t2 - t1
        found = detector.faces(rgb)
        t3 = time.perf_counter()
        timings["faces"] += t3 - t2
        for face in found:
            detector.add_mesh(rgb, face)
        t4 = time.perf_counter()
        timings["mesh"] += t4 - t3
        assigned = tracker.update(found, bgr, frame.sample, shot)
        for track_id, face in assigned:
            cached = bodies.get(track_id)
            if frame.sample % pose_every == 0 or cached is None or cached[0] < frame.sample - pose_every:
                face.body = detector.body(rgb, body_crop(face.box, width, height))
                if face.body is not None:
                    bodies[track_id] = (frame.sample, face.body, face.center.copy())
            else:
                face.body = _shifted(cached[1], face.center - cached[2])
        t5 = time.perf_counter()
        timings["pose"] += t5 - t4
        # Heads the face detector lost (often profiles) are looked for by pose below where they were.
        for track in tracker.live(frame.sample, shot):
            if track.last_sample == frame.sample or frame.sample - track.last_detected > RECOVER_SAMPLES:
                continue
            body = detector.body(rgb, body_crop(track.box, width, height))
            head = head_from_body(body, max(track.box[2], track.box[3])) if body is not None else None
            if head is None or any(overlap(head.box, f.box) > 0.3 for f in found):
                continue
            if np.linalg.norm(head.center - (track.box[:2] + track.box[2:] / 2)) > max(track.box[2:]):
                continue
            tracker.extend(track.id, head, bgr, frame.sample, shot)
            assigned.append((track.id, head))
        t6 = time.perf_counter()
        timings["track"] += t6 - t5
        gray = cv2.cvtColor(cv2.resize(bgr, (MOTION_WIDTH, max(1, round(MOTION_WIDTH * height / width))),
                                       interpolation=cv2.INTER_AREA), cv2.COLOR_BGR2GRAY)
        people = {}
        for track_id, face in assigned:
            person = measure(face)
            person.motion = motion_energy(prev_gray, gray, _region(person), MOTION_WIDTH / width)
            people[track_id] = person
        prev_gray = gray
        samples.append((frame.index, frame.time_s, shot))
        obs.append(people)
        t0 = time.perf_counter()
        timings["signals"] += t0 - t6
    detector.close()
    n = len(samples)
    if n == 0:
        raise VideoError(path, "no decodable video frame", "pass a video file such as .mp4, .avi, .mov or .mkv")

    present = {tid: t.presence for tid, t in tracker.tracks.items()
               if t.hits >= max(3, MIN_PRESENCE * n) or (n < 3 and t.hits >= 1)}
    if not present:
        raise VideoError(path, f"no faces found in {n} sampled frames",
                         "use a clip where the two people's faces are visible (frontal or three-quarter views)")
    track_x = {tid: float(np.mean([o[tid].center[0] for o in obs if tid in o])) for tid in present}
    track_sigs = {tid: tracker.tracks[tid].signature for tid in present}
    pair = _choose_pair(present, track_sigs, track_x, refs) if len(present) >= 2 else list(present)
    names = list(pair_names) if pair_names is not None else ["A", "B"][: len(pair)]
    if len(pair) == 1 and pair_names is not None:
        names = names[:1]

    t_sig = time.perf_counter()
    table, per_sample = _frame_table(samples, obs, pair, names)
    sync = synchrony([r["motion"][0] for r in per_sample], [r["motion"][1] for r in per_sample], fps) \
        if len(pair) == 2 else None
    moments = moments_mod.find_moments(per_sample, fps, names, top=top_moments) if len(pair) == 2 else []
    timings["pair"] += time.perf_counter() - t_sig

    summary = _summary(path, info, fps, n, len(present), pair, names, per_sample, sync, moments)
    summary["timeline"] = moments_mod.timeline(per_sample, names)
    timings["total"] = time.perf_counter() - start
    files: dict[str, Path] = {}
    if out_dir is not None:
        files = _write(Path(out_dir), path, table, summary, moments, per_sample, names)
    return VideoResult(summary, table, files, dict(timings))


def _frame_table(samples, obs, pair, names):
    """Per-sample pair signals (for moments and synchrony) and the long Arrow table (one row per person)."""
    looks_raw = {tid: [] for tid in pair}
    for people in obs:
        for i, tid in enumerate(pair):
            other = pair[1 - i] if len(pair) == 2 else None
            if tid in people and other is not None and other in people:
                looks_raw[tid].append(looks_at(people[tid], people[other]))
            else:
                looks_raw[tid].append(None)
    looks = {tid: smooth_votes(v) for tid, v in looks_raw.items()}

    rows, per_sample = [], []
    for s, ((frame_index, time_s, shot), people) in enumerate(zip(samples, obs)):
        both = len(pair) == 2 and all(t in people for t in pair)
        a, b = (people[pair[0]], people[pair[1]]) if both else (None, None)
        pair_vals = {
            "distance": distance(a, b) if both else None,
            "facing_each_other": (None if not both or facing(a, b) is None or facing(b, a) is None
                                  else bool(facing(a, b) and facing(b, a))),
            "touching": touching(a, b) if both else None,
            "mutual_gaze": (None if not both or looks[pair[0]][s] is None or looks[pair[1]][s] is None
                            else bool(looks[pair[0]][s] and looks[pair[1]][s])),
        }
        rec = {"sample": s, "frame_index": frame_index, "time_s": time_s, "both": both, **pair_vals,
               "looks": [], "smiling": [], "leaning": [], "motion": []}
        for i, tid in enumerate(pair):
            p = people.get(tid)
            other = people.get(pair[1 - i]) if len(pair) == 2 else None
            lv = lean(p, other) if p is not None and other is not None else math.nan
            smiling = None if p is None or math.isnan(p.smile) else bool(p.smile >= SMILE_THRESHOLD)
            leaning = None if math.isnan(lv) else bool(lv >= LEAN_THRESHOLD)
            rec["looks"].append(looks[tid][s])
            rec["smiling"].append(smiling)
            rec["leaning"].append(leaning)
            rec["motion"].append(p.motion if p is not None else math.nan)
            rows.append({
                "sample": s, "frame_index": frame_index, "time_s": time_s, "shot": shot, "person": names[i],
                "track_id": tid if p is not None else None, "present": p is not None,
                "face_source": p.source if p is not None else None,
                "head_from": (p.head_from or None) if p is not None else None,
                "x": float(p.center[0]) if p is not None else None,
                "y": float(p.center[1]) if p is not None else None,
                "size": p.size if p is not None else None,
                **{k: (_nan_none(getattr(p, k)) if p is not None else None)
                   for k in ("head_yaw", "head_pitch", "head_roll", "gaze_yaw", "gaze_pitch", "torso_yaw")},
                "looks_at_partner": looks[tid][s],
                "smile_index": _nan_none(p.smile) if p is not None else None,
                "smiling": smiling, "lean": _nan_none(lv), "leaning_in": leaning,
                "motion": _nan_none(p.motion) if p is not None else None,
                **pair_vals,
            })
        per_sample.append(rec)
    return pa.Table.from_pylist(rows, schema=FRAME_SCHEMA), per_sample


def _share(values) -> float | None:
    known = [v for v in values if v is not None]
    return round(sum(known) / len(known), 4) if known else None


def _summary(path, info, fps, n, n_people, pair, names, per_sample, sync, moments) -> dict:
    summary = {
        "clip": path.name, "source_fps": round(info.fps, 3), "sample_fps": fps,
        "duration_s": round(per_sample[-1]["time_s"] + 1.0 / fps, 3) if per_sample else 0.0,
        "frames": n, "people": n_people, "pair": names,
    }
    if len(pair) < 2:
        summary.update({
            "message": f"{n_people} person found: the pair signals need two people on screen"
            if n_people == 1 else f"only one of the {n_people} people is present long enough to form a pair",
            "mutual_gaze_share": None, "looks_at_partner": {names[0]: None},
            "smile_share": {names[0]: _share(r["smiling"][0] for r in per_sample)},
            "synchrony_z": None, "moments": [],
        })
        return summary
    both = [r for r in per_sample if r["both"]]
    dists = [r["distance"] for r in both if r["distance"] is not None]
    summary.update({
        "both_visible_share": round(len(both) / n, 4),
        "mutual_gaze_share": _share(r["mutual_gaze"] for r in both),
        "looks_at_partner": {names[i]: _share(r["looks"][i] for r in both) for i in range(2)},
        "smile_share": {names[i]: _share(r["smiling"][i] for r in per_sample) for i in range(2)},
        "facing_share": _share(r["facing_each_other"] for r in both),
        "touch_share": _share(r["touching"] for r in both),
        "leaning_in_share": {names[i]: _share(r["leaning"][i] for r in both) for i in range(2)},
        "median_distance": round(float(np.median(dists)), 3) if dists else None,
        "synchrony_z": sync["z"] if sync else None,
        "synchrony": sync,
        "moments": moments,
    })
    return summary


def _write(out: Path, clip: Path, table: pa.Table, summary: dict, moments: list[dict], per_sample, names):
    import pyarrow.parquet as pq

    cv2 = require("cv2")
    out.mkdir(parents=True, exist_ok=True)
    files = {"frames": out / "frames.parquet", "video": out / "video.json"}
    pq.write_table(table, files["frames"])
    rows_by_sample = defaultdict(list)
    for r in table.to_pylist():
        if r["present"]:
            rows_by_sample[r["sample"]].append(r)
    wanted = {m["peak_frame"]: m for m in moments}
    pictures = read_frames_at(clip, set(wanted))
    for k, m in enumerate(moments, 1):
        image = pictures.get(m["peak_frame"])
        if image is None:
            continue
        for r in rows_by_sample.get(m["peak_sample"], []):
            half = r["size"] / 2
            p0 = (int(r["x"] - half), int(r["y"] - half))
            p1 = (int(r["x"] + half), int(r["y"] + half))
            cv2.rectangle(image, p0, p1, (0, 220, 255), 2)
            cv2.putText(image, r["person"], (p0[0], max(12, p0[1] - 6)), cv2.FONT_HERSHEY_SIMPLEX, 0.6,
                        (0, 220, 255), 2)
        scale = 480 / image.shape[1]
        thumb = cv2.resize(image, (480, round(image.shape[0] * scale)), interpolation=cv2.INTER_AREA)
        name = f"moment_{k}.jpg"
        cv2.imwrite(str(out / name), thumb, [cv2.IMWRITE_JPEG_QUALITY, 85])
        m["thumbnail"] = name
        files[f"moment_{k}"] = out / name
    files["video"].write_text(json.dumps(summary, ensure_ascii=False, indent=2, allow_nan=False), encoding="utf-8")
    return files
