"""`analyze --video`: comments and a real clip in one report."""
import json
from pathlib import Path

import pytest

from shipwatch.cli import main
from shipwatch.demo import demo_path

CLIPS = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "video-clips"

pytest.importorskip("mediapipe", reason="needs the video extra: pip install 'shipwatch[video]'")


def test_joint_report_has_comment_and_camera_moments(tmp_path):
    clip = CLIPS / "highFive_0016.avi"
    if not clip.exists():
        pytest.skip(f"needs the research clips in {CLIPS}")
    out = tmp_path / "r"
    code = main(["analyze", str(demo_path()), "--skip-bad", "--reject-path", str(tmp_path / "rej.jsonl"),
                 "--video", str(clip), "--out", str(out), "--db", str(tmp_path / "s.duckdb"), "-q"])
    assert code == 0
    s = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert s["video"]["people"] >= 2 and 0 <= s["video"]["mutual_gaze_share"] <= 1
    assert (out / "video" / "frames.parquet").exists()
    page = (out / "report.html").read_text(encoding="utf-8")
    assert 'id="video"' in page and "Who looks at whom more" in page
    assert '<img src="data:image/jpeg;base64,' in page
    assert "What fans point at, and what the camera shows" in page
