"""The Python API: the same job for notebook users."""
import pandas as pd
import pytest

import shipwatch
from shipwatch.errors import UsageError


def test_analyze_a_dataframe_returns_the_table_and_summary():
    df = pd.DataFrame({
        "comment": ["둘이 그냥 사귀어라 제발", "they're 100% dating, look at his hands", "그냥 동료일 뿐",
                    "check out my channel http://spam.example", "what song is this?"],
        "likes": ["1.2K", 3, None, 0, 7],
        "headline": ["송강♥한소희 케미"] * 5,
    })
    r = shipwatch.analyze(df, pair=("Song Kang", "Han So-hee"))
    t = r.comments
    assert t.num_rows == 5
    assert {"labels", "p_ship", "sentiment", "lang", "people"} <= set(t.column_names)
    pdf = r.to_pandas()
    assert pdf.set_index("text").loc["둘이 그냥 사귀어라 제발", "likes"] == 1200
    assert r.summary["n_comments"] == 5
    assert r.summary["pair"]["ids"] == ["song-kang", "han-so-hee"]
    row = pdf.set_index("text").loc["둘이 그냥 사귀어라 제발"]
    assert "ship" in row["labels"] and row["lang"] == "ko"
    assert pdf.set_index("text").loc["check out my channel http://spam.example", "labels"].tolist() == ["spam"]


def test_analyze_a_list_of_strings_and_write_outputs(tmp_path):
    r = shipwatch.analyze(["I ship them so hard", "케미 미쳤다"], out=tmp_path)
    assert r.summary["n_comments"] == 2
    assert {p.name for p in r.files.values()} == {"summary.json", "report.html", "article.md"}
    assert all(p.exists() for p in r.files.values())


def test_analyze_same_frame_twice_into_one_store_adds_nothing(tmp_path):
    df = pd.DataFrame({"text": ["a b c", "d e f"], "likes": [1, 2]})
    db = tmp_path / "s.duckdb"
    shipwatch.analyze(df, db=db).store.close()
    r = shipwatch.analyze(df.assign(likes=[5, 6]), db=db)
    assert r.store.count() == 2
    assert sorted(r.to_pandas().likes) == [5, 6]


def test_pair_needs_two_names():
    with pytest.raises(UsageError, match="exactly two"):
        shipwatch.analyze(["x"], pair=("only one",))
