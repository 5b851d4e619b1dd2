import pyarrow as pa
import pytest

from shipwatch.schema import COMMENT_SCHEMA, record_batch
from shipwatch.understand.normalize import Normalize, find_handles, normalize_text


@pytest.mark.parametrize("raw, expected", [
    ("ㅋㅋㅋㅋㅋㅋㅋ 진짜", "ㅋㅋㅋ 진짜"),
    ("ㅋㅋㅋ", "ㅋㅋㅋ"),
    ("ㅠㅠㅠㅠㅠ", "ㅠㅠ"),
    ("ㅜㅜㅜ", "ㅜㅜ"),
    ("wow!!!!!!", "wow!!!"),
    ("soooooo cute", "soo cute"),
    ("cool", "cool"),
    ("hahahahahaha", "hahaha"),
    ("하하하하하하", "하하하"),
    ("2020 1000000", "2020 1000000"),
    ("😍😍😍😍😍😍", "😍😍😍"),
    ("I <3 them", "I <3 them"),
    ("a  \n\t b", "a b"),
    ("ＡＢＣ１２３", "ABC123"),
])
def test_normalize_text(raw, expected):
    assert normalize_text(raw) == expected


def test_youtube_text_display_html_is_stripped():
    raw = ('<a href="https://www.youtube.com/watch?v=abc&amp;t=151">2:31</a> the way he looks at her&#39;s'
           '<br>so &quot;good&quot; <b>together</b>')
    assert normalize_text(raw) == "2:31 the way he looks at her's so \"good\" together"


def test_emoji_are_kept():
    assert normalize_text("둘이 사겨라 💕🔥") == "둘이 사겨라 💕🔥"


@pytest.mark.parametrize("text, handles", [
    ("@songkang_b 사랑해 @Harin.Seo.", ["songkang_b", "Harin.Seo"]),
    ("mail me at fan@example.com", []),
    ("@태오팬 ㅋㅋ @태오팬", ["태오팬"]),
])
def test_handles(text, handles):
    assert find_handles(text) == handles


def test_stage_adds_typed_columns_and_keeps_rows():
    texts = ["ㅋㅋㅋㅋㅋ <br>see https://youtu.be/x", "@minfan loooove", "", "check www.example.com", "no link."]
    batch = record_batch([{"platform": "file", "source_id": "s", "comment_id": str(i), "text": t}
                          for i, t in enumerate(texts)])
    out = Normalize()(batch)
    assert out.num_rows == len(texts)
    for name in Normalize.provides:
        assert out.schema.field(name).type == COMMENT_SCHEMA.field(name).type
    assert out.column("text_norm").to_pylist() == ["ㅋㅋㅋ see https://youtu.be/x", "@minfan loove", "",
                                                  "check www.example.com", "no link."]
    assert out.column("has_url").to_pylist() == [True, False, False, True, False]
    assert out.column("handles").to_pylist() == [[], ["minfan"], [], [], []]
    assert out.column("text").equals(batch.column("text"))
