"""Video pieces that need no real clip: synchrony statistics, moments, head-pose geometry, shot cuts, errors."""
from __future__ import annotations

import math

import numpy as np
import pytest

from shipwatch.video.moments import find_moments, timeline
from shipwatch.video.signals import (CHIN, EYE_OUTER_L, EYE_OUTER_R, FOREHEAD, Person, head_pose_from_mesh, looks_at,
                                     smooth_votes)
from shipwatch.video.synchrony import synchrony


def test_synchrony_is_high_for_lagged_copy_and_near_zero_for_independent_series():
    rng = np.random.default_rng(1)
    base = np.convolve(rng.normal(size=400), np.ones(5) / 5, mode="same")
    follower = np.roll(base, 3) + 0.1 * rng.normal(size=400)
    coupled = synchrony(list(base), list(follower), fps=10)
    independent = synchrony(list(base), list(np.convolve(rng.normal(size=400), np.ones(5) / 5, mode="same")), fps=10)
    assert coupled["z"] > 3
    assert abs(independent["z"]) < 2.5
    assert coupled["r"] > independent["r"]


def test_synchrony_needs_enough_samples():
    assert synchrony([0.1] * 5, [0.2] * 5, fps=10) is None


def _mesh(yaw_deg: float) -> np.ndarray:
    """A flat face (eye corners, forehead, chin) turned by ``yaw_deg`` around the vertical axis."""
    mesh = np.zeros((478, 3))
    a = math.radians(yaw_deg)
    for idx, (x, y) in {EYE_OUTER_R: (-1, 0), EYE_OUTER_L: (1, 0), FOREHEAD: (0, -1.2), CHIN: (0, 1.5)}.items():
        # turning toward image right pushes the subject's left side (image right) away from the camera (+z)
        mesh[idx] = (100 + 40 * x * math.cos(a), 100 + 40 * y, 40 * x * math.sin(a))
    return mesh


@pytest.mark.parametrize("yaw", [-60, -20, 0, 30, 70])
def test_head_yaw_from_mesh_follows_the_turn(yaw):
    measured, pitch, roll = head_pose_from_mesh(_mesh(yaw))
    assert measured == pytest.approx(yaw, abs=1)
    assert pitch == pytest.approx(0, abs=1) and roll == pytest.approx(0, abs=1)


def test_looks_at_needs_the_gaze_on_the_partners_side():
    left = Person(center=np.array([100.0, 100.0]), size=50, source="detector", gaze_yaw=40, gaze_pitch=0)
    right = Person(center=np.array([300.0, 100.0]), size=50, source="detector", gaze_yaw=40, gaze_pitch=0)
    assert looks_at(left, right) is True
    assert looks_at(right, left) is False
    left.gaze_pitch = 60  # staring at the ceiling
    assert looks_at(left, right) is False
    assert looks_at(Person(center=np.array([0.0, 0.0]), size=10, source="pose"), right) is None


def test_smooth_votes_removes_single_frame_flips_and_keeps_gaps():
    assert smooth_votes([True, False, True, True, None, False]) == [True, True, True, True, None, False]


def _sample(i, mutual, smiling=(False, False)):
    return {"sample": i, "frame_index": 3 * i, "time_s": i / 10, "both": True, "mutual_gaze": mutual,
            "touching": False, "facing_each_other": mutual, "distance": 2.0, "looks": [mutual, mutual],
            "smiling": list(smiling), "leaning": [False, False], "motion": [0.1, 0.2]}


def test_moments_find_the_mutual_gaze_run_and_timeline_bins_seconds():
    rows = [_sample(i, 10 <= i < 25) for i in range(40)]
    moments = find_moments(rows, fps=10, names=["A", "B"])
    assert len(moments) == 1
    m = moments[0]
    assert m["kind"] == "mutual_gaze" and 0.5 <= m["start"] <= 1.2 and 2.2 <= m["end"] <= 3.0
    assert 10 <= m["peak_sample"] < 25 and m["peak_frame"] == 3 * m["peak_sample"]
    tl = timeline(rows, ["A", "B"])
    assert [e["t"] for e in tl] == [0, 1, 2, 3]
    assert tl[1]["mutual_gaze"] == 1.0 and tl[3]["mutual_gaze"] == 0.0
    assert tl[0]["looks_at_partner"] == {"A": 0.0, "B": 0.0}


def test_no_moment_without_chemistry():
    assert find_moments([_sample(i, False) for i in range(30)], fps=10, names=["A", "B"]) == []
