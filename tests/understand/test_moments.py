import pytest

from shipwatch.schema import COMMENT_SCHEMA, record_batch
from shipwatch.understand.moments import Moments, find_moments


@pytest.mark.parametrize("text, seconds", [
    ("2:31 그 눈빛", [151]),
    ("at 2:31 he smiles", [151]),
    ("0:45", [45]),
    ("1:02:03 kiss", [3723]),
    ("3분 20초 표정 봐", [200]),
    ("3분", [180]),
    ("20초쯤 웃는 거", [20]),
    ("1시간 2분 3초", [3723]),
    ("12:05 and 0:45 and 12:05 again", [725, 45]),
    ("3분 20초랑 2:31", [200, 151]),
    ("2:31 시점", [151]),
    ("4:05!!!", [245]),
])
def test_moments_found(text, seconds):
    assert find_moments(text) == seconds


@pytest.mark.parametrize("text", [
    "오후 3:30에 방송", "3:30pm", "3:30 am", "10:30 KST", "3시 20분에 만나",   # times of day
    "3:2로 이겼다", "16:9 화면", "1:1 대화",                                   # scores and ratios
    "2020.03.15 12:30", "3월 15일 10:30", "2020-03-15",                         # dates
    "3분 만에 매진", "10초 동안", "5분 전에 봤는데", "1분마다",                 # durations
    "version 1.2:30", "ㅋㅋㅋ",
])
def test_not_moments(text):
    assert find_moments(text) == []


def test_stage_keeps_rows_and_types():
    batch = record_batch([{"platform": "file", "source_id": "s", "comment_id": str(i), "text": t}
                          for i, t in enumerate(["2:31", "none", "3분"])])
    batch = batch.append_column(COMMENT_SCHEMA.field("text_norm"), batch.column("text"))
    out = Moments()(batch)
    assert out.num_rows == 3
    assert out.schema.field("moments").type == COMMENT_SCHEMA.field("moments").type
    assert out.column("moments").to_pylist() == [[151], [], [180]]
