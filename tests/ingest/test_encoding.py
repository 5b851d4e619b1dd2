import codecs

import pytest

from shipwatch.errors import InputError
from shipwatch.ingest import IngestOptions, open_source

CSV = "comment,likes\n둘이 진짜 사귀는 거 아니야?,3\n\"케미, 미쳤다\",1.2K\nThey look great together,0\n"
EXPECTED = ["둘이 진짜 사귀는 거 아니야?", "케미, 미쳤다", "They look great together"]


@pytest.mark.parametrize("encoding,prefix,detected", [
    ("utf-8", b"", "utf-8"),
    ("utf-8", codecs.BOM_UTF8, "utf-8-sig"),
    ("cp949", b"", "cp949"),
    ("euc-kr", b"", "cp949"),
    ("utf-16-le", codecs.BOM_UTF16_LE, "utf-16"),
    ("utf-16-be", codecs.BOM_UTF16_BE, "utf-16"),
])
def test_encodings_are_detected(tmp_path, read_all, encoding, prefix, detected):
    path = tmp_path / "comments.csv"
    path.write_bytes(prefix + CSV.encode(encoding))
    source = open_source(path)
    assert source.encoding == detected
    rows = read_all(source)
    assert [r["text"] for r in rows] == EXPECTED
    assert [r["likes"] for r in rows] == [3, 1200, 0]


def test_cp949_only_characters(tmp_path, read_all):
    # 똠 and 햏 are outside EUC-KR (KS X 1001) but inside CP949
    path = tmp_path / "comments.txt"
    path.write_bytes("똠방각하 햏자\n두 번째 줄\n".encode("cp949"))
    rows = read_all(open_source(path))
    assert [r["text"] for r in rows] == ["똠방각하 햏자", "두 번째 줄"]


def test_utf8_text_past_the_detection_sample(tmp_path, read_all):
    path = tmp_path / "long.txt"
    path.write_text("a" * 70_000 + "\n" + "한글은 샘플 뒤에\n", encoding="utf-8")
    rows = read_all(open_source(path))
    assert rows[1]["text"] == "한글은 샘플 뒤에"


def test_encoding_option_overrides_detection(tmp_path, read_all):
    path = tmp_path / "comments.txt"
    path.write_bytes("케미\n".encode("cp949"))
    rows = read_all(open_source(path, IngestOptions(encoding="latin-1")))
    assert rows[0]["text"] == "케미".encode("cp949").decode("latin-1")


def test_undecodable_line_later_in_a_utf8_file(tmp_path):
    path = tmp_path / "comments.txt"
    path.write_bytes(("좋아요\n" * 20_000).encode("utf-8") + b"bad \xff\xfe byte\n" + "끝\n".encode("utf-8"))
    with pytest.raises(InputError) as e:
        open_source(path).validate()
    assert e.value.line == 20_001 and "not valid utf-8 text" in str(e.value)
