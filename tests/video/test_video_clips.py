"""The pipeline on the real research clips in ../shared/data/video-clips (skipped when absent)."""
from __future__ import annotations

import json

import pytest

from shipwatch.video import analyze_video

pytestmark = [pytest.mark.slow, pytest.mark.shared_data]


def _outer_faces(clip, folder, which=(0, -1)):
    """Reference photos of faces of the first frame counted from the left (default: leftmost and rightmost), cut
    from the clip itself, with a face-sized margin and doubled so the reference detector finds small faces."""
    import cv2

    from shipwatch.video.decode import sample_frames
    from shipwatch.video.detect import PersonDetector

    frame = next(iter(sample_frames(clip, 10)))
    faces = sorted(PersonDetector(pose=False).faces(cv2.cvtColor(frame.image, cv2.COLOR_BGR2RGB)),
                   key=lambda f: f.center[0])
    paths = []
    for k in which:
        x, y, w, h = faces[k].box.astype(int)
        paths.append(folder / f"face{k}.png")
        crop = frame.image[max(0, y - h): y + 2 * h, max(0, x - w): x + 2 * w]
        cv2.imwrite(str(paths[-1]), cv2.resize(crop, None, fx=2, fy=2))
    return paths


def test_high_five_identities_stay_stable(clips, tmp_path):
    result = analyze_video(clips / "highFive_0016.avi", out_dir=tmp_path, fps=10, pair_names=["Turk", "Janitor"])
    rows = result.frames.to_pylist()
    by_person = {name: [r for r in rows if r["person"] == name] for name in ("Turk", "Janitor")}
    for name, rs in by_person.items():
        seen = [r for r in rs if r["present"]]
        assert len({r["track_id"] for r in seen}) == 1, f"{name} changed identity"
        assert len(seen) >= 0.75 * len(rs), f"{name} found in too few frames"
    # Turk stands left of the Janitor throughout: identities never swap places.
    for a, b in zip(by_person["Turk"], by_person["Janitor"]):
        if a["present"] and b["present"]:
            assert a["x"] < b["x"] - 100
    # The shorter man is the big profile face on the left, not the small extra seated in the background.
    assert min(r["size"] for r in by_person["Turk"] if r["present"]) > 35
    summary = json.loads((tmp_path / "video.json").read_text(encoding="utf-8"))
    assert summary["frames"] == 25 and summary["people"] >= 2
    assert summary["mutual_gaze_share"] > 0.5
    assert set(summary["looks_at_partner"]) == {"Turk", "Janitor"}
    assert summary["moments"] and (tmp_path / summary["moments"][0]["thumbnail"]).is_file()
    assert (tmp_path / "frames.parquet").is_file()


def test_ava_corridor_left_and_right_men(clips, tmp_path):
    faces = _outer_faces(clips / "ava_9Y_l9NsnYE0_01323.mp4", tmp_path)
    result = analyze_video(clips / "ava_9Y_l9NsnYE0_01323.mp4", faces=faces, pair_names=["left", "right"])
    assert result.summary["people"] == 3
    rows = result.frames.to_pylist()
    left = [r for r in rows if r["person"] == "left" and r["present"]]
    right = [r for r in rows if r["person"] == "right" and r["present"]]
    assert len(left) == len(right) == 30
    assert max(r["x"] for r in left) < 200 and min(r["x"] for r in right) > 450   # the outer two, not the middle man
    # The left man turns toward the right man: head well to the right in every frame, more so in the second half.
    assert all(r["head_yaw"] > 25 for r in left)
    first, second = left[:12], left[12:]
    assert sum(r["head_yaw"] for r in second) / len(second) > sum(r["head_yaw"] for r in first) / len(first) + 10
    assert result.summary["looks_at_partner"]["left"] >= 0.9
    # The right man keeps his face toward the picture's right edge, away from the other two (three looks, NOTES.md):
    # the analyser reports that, and so no mutual gaze, which is the adjudicated label of every frame.
    assert all(10 < r["head_yaw"] < 30 for r in right if r["head_from"] == "mesh")
    assert result.summary["mutual_gaze_share"] == 0.0


# Measured on every frame: his head yaw is +19.9 (frames 0-29) then +19.2 (30-74) by the mesh and +5..+11 by pose,
# and the iris sits on the image-right side of the eye opening throughout, both by the iris model (eye yaw +19 then
# +20, also with a 384 px crop) and by the dark-pixel centroid inside the eyelid contour (0.32 then 0.34 of the
# half-width). Seeing the left man, at his depth about a metre to his side, needs a gaze of roughly -70 degrees.
# No principled rule turns that into "looks left". A third look (the lead's, 5x Lanczos crops of frames 5 and 60)
# agrees: his face points image-right, away from the others. The criterion comes from the clip's
# description, not from the footage; this strict xfail keeps it visible until a different clip replaces it.
@pytest.mark.xfail(reason="the footage shows no turn of the right man toward the left (head +19, irises "
                          "image-right in every frame; 2 of 3 looks), so the issue's criterion cannot hold here",
                   strict=True)
def test_ava_corridor_right_man_turns_toward_left(clips, tmp_path):
    faces = _outer_faces(clips / "ava_9Y_l9NsnYE0_01323.mp4", tmp_path)
    result = analyze_video(clips / "ava_9Y_l9NsnYE0_01323.mp4", faces=faces, pair_names=["left", "right"])
    assert result.summary["looks_at_partner"]["right"] >= 0.5


def test_ava_corridor_left_and_middle_men_share_a_look_then_the_middle_man_turns_right(clips, tmp_path):
    # What the footage shows (the lead's look at frames 0-74): the middle man addresses the left man, the two look
    # at each other, and near the end (~2.4 s) the middle man turns to the right man.
    clip = clips / "ava_9Y_l9NsnYE0_01323.mp4"
    result = analyze_video(clip, faces=_outer_faces(clip, tmp_path, which=(0, 1)), pair_names=["left", "middle"])
    rows = result.frames.to_pylist()
    middle = [r for r in rows if r["person"] == "middle" and r["present"]]
    assert len(middle) == 30 and all(250 < r["x"] < 400 for r in middle)
    first = {r["frame_index"]: r["mutual_gaze"] for r in rows if r["time_s"] < 2.0}
    assert sum(first.values()) / len(first) >= 0.9
    assert all(r["head_yaw"] < -25 for r in middle if r["time_s"] < 2.0)   # toward the left man
    assert middle[-1]["head_yaw"] > middle[0]["head_yaw"] + 30               # turned toward the right man
    assert not any(r["mutual_gaze"] for r in rows if r["time_s"] > 2.6)


def test_dark_handshake_finds_one_person(clips, tmp_path):
    result = analyze_video(clips / "handShake_0001.avi", out_dir=tmp_path)
    assert result.summary["people"] == 1
    assert "1 person found" in result.summary["message"]
    assert result.summary["mutual_gaze_share"] is None
    assert json.loads((tmp_path / "video.json").read_text(encoding="utf-8"))["people"] == 1


@pytest.mark.parametrize("name", ["highFive_0005.avi", "highFive_0018.avi"])
def test_other_clips_run_through(clips, name):
    result = analyze_video(clips / name)
    assert result.summary["frames"] > 20 and result.summary["people"] >= 1
    assert result.frames.num_rows == result.summary["frames"] * len(result.summary["pair"])
