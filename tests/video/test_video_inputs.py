"""Bad input gives a one-line VideoError, never a traceback; shot cuts on a synthetic clip."""
from __future__ import annotations

import numpy as np
import pytest

cv2 = pytest.importorskip("cv2", reason="needs the video extra: pip install 'shipwatch[video]'")
pytest.importorskip("mediapipe", reason="needs the video extra: pip install 'shipwatch[video]'")

from shipwatch.errors import ShipwatchError  # noqa: E402
from shipwatch.video import VideoError, analyze_video  # noqa: E402
from shipwatch.video.decode import sample_frames  # noqa: E402
from shipwatch.video.shots import ShotDetector  # noqa: E402


def _write_clip(path, colours, frames_each=10, size=(160, 120)):
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"MJPG"), 10.0, size)
    rng = np.random.default_rng(0)
    for colour in colours:
        for _ in range(frames_each):
            frame = np.full((size[1], size[0], 3), colour, np.uint8)
            frame = np.clip(frame + rng.integers(0, 12, frame.shape), 0, 255).astype(np.uint8)
            writer.write(frame)
    writer.release()
    return path


def test_not_a_video(tmp_path):
    bogus = tmp_path / "comments.avi"
    bogus.write_text("this is not a video\n", encoding="utf-8")
    with pytest.raises(VideoError) as err:
        analyze_video(bogus)
    message = str(err.value)
    assert isinstance(err.value, ShipwatchError)
    assert "comments.avi" in message and "\n" not in message


def test_missing_file(tmp_path):
    with pytest.raises(VideoError, match="file not found"):
        analyze_video(tmp_path / "nope.mp4")


def test_video_without_faces(tmp_path):
    clip = _write_clip(tmp_path / "blank.avi", [(40, 80, 120), (200, 180, 20)])
    with pytest.raises(VideoError, match="no faces found in 20 sampled frames"):
        analyze_video(clip, fps=10)


def test_bad_options(tmp_path):
    clip = _write_clip(tmp_path / "blank.avi", [(40, 80, 120)])
    with pytest.raises(VideoError, match="two reference photos"):
        analyze_video(clip, faces=["a.jpg"])
    with pytest.raises(VideoError, match="sampling rate"):
        list(sample_frames(clip, fps=0))
    photo = tmp_path / "nobody.png"
    cv2.imwrite(str(photo), np.full((64, 64, 3), 128, np.uint8))
    with pytest.raises(VideoError, match="no face found in this reference photo"):
        analyze_video(clip, faces=[photo, photo])


def test_sampling_rate_and_shot_cut(tmp_path):
    clip = _write_clip(tmp_path / "two_shots.avi", [(30, 30, 200), (30, 200, 30)], frames_each=20)
    frames = list(sample_frames(clip, fps=5))
    assert [f.index for f in frames] == list(range(0, 40, 2))
    detector = ShotDetector()
    shots = [detector.update(f.image) for f in frames]
    assert shots == [0] * 10 + [1] * 10
