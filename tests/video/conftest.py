from __future__ import annotations

from pathlib import Path

import pytest

CLIPS = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "video-clips"


@pytest.fixture
def clips() -> Path:
    pytest.importorskip("mediapipe", reason="needs the video extra: pip install 'shipwatch[video]'")
    if not CLIPS.is_dir():
        pytest.skip(f"needs the research clips in {CLIPS} (not part of a fresh clone)")
    return CLIPS
