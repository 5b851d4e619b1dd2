"""Video throughput: processed frames per second per stage and end to end, at 720p.

    python bench/video.py [--clips DIR] [--fps 10] [--size 1280x720]

Frames are upscaled to ``--size`` after decoding (the research clips are 352-480 lines high), so the per-stage
numbers are those of a 720p input; the resize is counted in "decode". Target: >= 10 processed frames/s on
2 cores, i.e. a 60 s clip sampled at 5 fps in <= 30 s.
"""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from shipwatch.video import analyze_video  # noqa: E402

CLIPS = ["highFive_0016.avi", "highFive_0018.avi", "highFive_0005.avi", "handShake_0001.avi",
         "ava_9Y_l9NsnYE0_01323.mp4"]
STAGES = ["decode", "shots", "faces", "mesh", "pose", "track", "signals", "pair"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clips", type=Path, default=ROOT.parent / "shared" / "data" / "video-clips")
    parser.add_argument("--fps", type=float, default=10)
    parser.add_argument("--size", default="1280x720")
    args = parser.parse_args()
    size = tuple(int(v) for v in args.size.split("x"))
    print(f"cpus={os.cpu_count()} size={args.size} sample_fps={args.fps}")
    print(f"{'clip':28} {'frames':>6} {'people':>6} " + " ".join(f"{s:>8}" for s in STAGES) + f" {'total':>8}")
    totals = {s: 0.0 for s in STAGES + ["total"]}
    frames = 0
    for name in CLIPS:
        clip = args.clips / name
        if not clip.is_file():
            print(f"{name}: not found in {args.clips}, skipped")
            continue
        result = analyze_video(clip, fps=args.fps, resize_to=size)
        n = result.summary["frames"]
        frames += n
        for s in totals:
            totals[s] += result.timings.get(s, 0.0)
        # frames per second each stage could sustain alone, then end to end
        print(f"{name:28} {n:6d} {result.summary['people']:6d} "
              + " ".join(f"{n / max(result.timings.get(s, 0.0), 1e-9):8.1f}" for s in STAGES)
              + f" {n / result.timings['total']:8.1f}")
    if frames:
        print(f"{'all (frames/s)':28} {frames:6d} {'':6} "
              + " ".join(f"{frames / max(totals[s], 1e-9):8.1f}" for s in STAGES)
              + f" {frames / totals['total']:8.1f}")
        print(f"{'all (ms/frame)':28} {'':6} {'':6} "
              + " ".join(f"{1000 * totals[s] / frames:8.1f}" for s in STAGES)
              + f" {1000 * totals['total'] / frames:8.1f}")


if __name__ == "__main__":
    main()
