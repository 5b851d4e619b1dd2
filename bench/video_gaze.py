"""Precision and recall of ``mutual_gaze`` against the hand labels in gold/video/.

    python bench/video_gaze.py [--clips DIR]

Needs the video extra and the clips in ../shared/data/video-clips (research-only footage, never in the repo).
The AVA clip has three people; its labels are for the left and right men, so the pair is chosen with reference
photos cut from the clip's first frame (the leftmost and rightmost detected faces). A frame where the pipeline
cannot decide (a head not found) counts as "no mutual gaze" predicted.
"""
from __future__ import annotations

import argparse
import csv
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from shipwatch.video import analyze_video  # noqa: E402
from shipwatch.video.decode import sample_frames  # noqa: E402
from shipwatch.video.detect import PersonDetector  # noqa: E402

CLIPS = {"highFive_0016.avi": None, "ava_9Y_l9NsnYE0_01323.mp4": "outer"}


def outer_faces(clip: Path, folder: Path) -> list[Path]:
    """Crops of the leftmost and rightmost faces of the first frame, saved as reference photos."""
    import cv2

    frame = next(iter(sample_frames(clip, 10)))
    faces = sorted(PersonDetector(pose=False).faces(cv2.cvtColor(frame.image, cv2.COLOR_BGR2RGB)),
                   key=lambda f: f.center[0])
    paths = []
    for name, face in (("left", faces[0]), ("right", faces[-1])):
        x, y, w, h = face.box.astype(int)
        path = folder / f"{name}.png"
        cv2.imwrite(str(path), frame.image[max(0, y - h // 2): y + h + h // 2, max(0, x - w // 2): x + w + w // 2])
        paths.append(path)
    return paths


def evaluate(clip: Path, gold: Path, pair: str | None) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        faces = outer_faces(clip, Path(tmp)) if pair == "outer" else None
        result = analyze_video(clip, fps=10, faces=faces)
    predicted = {}
    for row in result.frames.to_pylist():
        predicted[row["frame_index"]] = bool(row["mutual_gaze"])
    tp = fp = fn = tn = 0
    with gold.open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            truth, guess = row["mutual_gaze"] == "1", predicted.get(int(row["frame_index"]), False)
            tp += truth and guess
            fp += guess and not truth
            fn += truth and not guess
            tn += not truth and not guess
    return {"tp": tp, "fp": fp, "fn": fn, "tn": tn}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clips", type=Path, default=ROOT.parent / "shared" / "data" / "video-clips")
    args = parser.parse_args()
    total = {"tp": 0, "fp": 0, "fn": 0, "tn": 0}
    print(f"{'clip':32} {'frames':>6} {'gold+':>5} {'pred+':>5} {'precision':>9} {'recall':>6}")
    for name, pair in CLIPS.items():
        clip = args.clips / name
        gold = ROOT / "gold" / "video" / f"{clip.stem}.mutual_gaze.csv"
        if not clip.is_file():
            print(f"{name}: clip not found in {args.clips}, skipped")
            continue
        c = evaluate(clip, gold, pair)
        for k in total:
            total[k] += c[k]
        _print(name, c)
    _print("all", total)


def _print(name: str, c: dict) -> None:
    precision = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else float("nan")
    recall = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else float("nan")
    n = sum(c.values())
    print(f"{name:32} {n:6d} {c['tp'] + c['fn']:5d} {c['tp'] + c['fp']:5d} {precision:9.3f} {recall:6.3f}")


if __name__ == "__main__":
    main()
