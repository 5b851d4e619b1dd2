"""Model files: plain arrays + JSON, deterministic bytes, never unpickled."""
from __future__ import annotations

import numpy as np
import pytest

from shipwatch.models.trained import bundle


def test_roundtrip_and_identical_bytes(tmp_path):
    arrays = {"b": np.arange(3, dtype=np.float32), "a": np.eye(2, dtype=np.float16)}
    bundle.save(tmp_path / "x", arrays, {"vocab": ["가", "\x01wlove"], "n": 1})
    bundle.save(tmp_path / "y", dict(reversed(list(arrays.items()))), {"n": 1, "vocab": ["가", "\x01wlove"]})
    for name in (bundle.ARRAYS, bundle.META):
        assert (tmp_path / "x" / name).read_bytes() == (tmp_path / "y" / name).read_bytes()
    b = bundle.load(tmp_path / "x")
    assert b.meta["vocab"] == ["가", "\x01wlove"] and b.arrays["a"].dtype == np.float16
    assert np.array_equal(b.arrays["b"], arrays["b"])


def test_object_arrays_are_refused(tmp_path):
    with pytest.raises(ValueError):
        bundle.save(tmp_path, {"x": np.array([{"a": 1}], dtype=object)}, {})


def test_missing_model_says_how_to_build_one(tmp_path):
    with pytest.raises(FileNotFoundError, match="shipwatch train"):
        bundle.load(tmp_path)
