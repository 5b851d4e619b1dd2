"""Precision and recall of ``mutual_gaze`` against the hand labels in gold/video/.

    python bench/video_gaze.py [--clips DIR] [--frames]

Needs the video extra and the clips in ../shared/data/video-clips (research-only footage, never in the repo).
The AVA clip has three people; its labels are for the left and right men, so the pair is chosen with reference
photos cut from the clip's first frame (the leftmost and rightmost detected faces). A frame where the pipeline
cannot decide (a head not found) counts as "no mutual gaze" predicted. ``--frames`` also prints, per labelled
frame, the label next to each person's head and gaze yaw and vote, to see where a miss comes from.
``--column first_look`` scores against the first of the three looks where a label file keeps it (the AVA clip:
see gold/video/NOTES.md); the default ``mutual_gaze`` column is the adjudicated label.
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


def evaluate(clip: Path, gold: Path, pair: str | None, frames: bool = False, column: str = "mutual_gaze") -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        faces = outer_faces(clip, Path(tmp)) if pair == "outer" else None
        result = analyze_video(clip, fps=10, faces=faces)
    predicted, people = {}, {}
    for row in result.frames.to_pylist():
        predicted[row["frame_index"]] = bool(row["mutual_gaze"])
        people.setdefault(row["frame_index"], []).append(row)
    tp = fp = fn = tn = 0
    with gold.open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            index = int(row["frame_index"])
            truth, guess = row.get(column, row["mutual_gaze"]) == "1", predicted.get(index, False)
            tp += truth and guess
            fp += guess and not truth
            fn += truth and not guess
            tn += not truth and not guess
            if frames:
                _print_frame(index, truth, guess, people.get(index, []))
    return {"tp": tp, "fp": fp, "fn": fn, "tn": tn}


def _print_frame(index: int, truth: bool, guess: bool, rows: list[dict]) -> None:
    def num(v):
        return f"{v:6.1f}" if v is not None else "     -"

    parts = [f"{r['person']}: head {num(r['head_yaw'])} gaze {num(r['gaze_yaw'])} from {r['head_from'] or '-':4} "
             f"looks {'-' if r['looks_at_partner'] is None else int(r['looks_at_partner'])}" for r in rows]
    print(f"  frame {index:4d} gold {int(truth)} pred {int(guess)}  " + "  |  ".join(parts))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clips", type=Path, default=ROOT.parent / "shared" / "data" / "video-clips")
    parser.add_argument("--frames", action="store_true", help="print each labelled frame's signals")
    parser.add_argument("--column", default="mutual_gaze", help="label column: mutual_gaze (adjudicated) or first_look")
    args = parser.parse_args()
    total = {"tp": 0, "fp": 0, "fn": 0, "tn": 0}
    print(f"{'clip':32} {'frames':>6} {'gold+':>5} {'pred+':>5} {'precision':>9} {'recall':>6}")
    for name, pair in CLIPS.items():
        clip = args.clips / name
        gold = ROOT / "gold" / "video" / f"{clip.stem}.mutual_gaze.csv"
        if not clip.is_file():
            print(f"{name}: clip not found in {args.clips}, skipped")
            continue
        c = evaluate(clip, gold, pair, args.frames, args.column)
        for k in total:
            total[k] += c[k]
        _print(name, c)
    _print("all", total)


def _print(name: str, c: dict) -> None:
    precision = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else float("nan")
    recall = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else float("nan")
    n = sum(c.values())
    print(f"{name:32} {n:6d} {c['tp'] + c['fn']:5d} {c['tp'] + c['fp']:5d} {precision:9.3f} {recall:6.3f}"
          f"   false-positive rate {c['fp'] / (c['fp'] + c['tn']) if c['fp'] + c['tn'] else float('nan'):.3f}")


if __name__ == "__main__":
    main()
