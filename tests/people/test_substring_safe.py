"""Substring-safe names (issue 6, round 3): Korean name forms measured to be rare inside ordinary words count
anywhere in a word; the others keep the particle rules."""
import importlib.util
from pathlib import Path

import pytest

from shipwatch.people.registry import substring_safe_forms
from shipwatch.understand.people import People

TOOL = Path(__file__).resolve().parents[2] / "tools" / "people" / "substring_safe.py"


@pytest.fixture(scope="module")
def people():
    return People(implicit=False)


@pytest.mark.parametrize("text", [
    "현빈이봉잡은거지 여자가아깝네",    # glued to a verb phrase
    "현빈정도면 20대도 만날수있는데",   # ... to a noun that is no honorific
    "현빈입장에선 아무래도",            # ... to a noun and a particle the lists lack
    "예전엔 다른 사람 이번엔현빈ᆢ",      # at the end of a word
    "이번엔현빈 haha",                  # a Latin letter: the whole-text reading finds it too
])
def test_substring_safe_names_count_glued_anywhere(people, text):
    assert people.analyse(text)[0] == ["hyun-bin"]


def test_glued_safe_names_keep_their_order(people):
    assert people.analyse("현빈님손예진님의 감동연기")[0] == ["hyun-bin", "son-ye-jin"]


def test_a_longer_registry_name_around_a_safe_one_wins(people):
    assert people.analyse("송강호연기 최고")[0] == ["song-gang-ho"]  # 송강 is safe, 송강호 is someone else
    assert people.analyse("한소희예쁘다")[0] == ["han-so-hee"]       # 소희 inside 한소희


@pytest.mark.parametrize("text", ["싸이코패스 같음", "싸이월드 감성", "이거 완전 싸이코"])
def test_a_name_that_starts_ordinary_words_is_not_linked_inside_them(people, text):
    assert "psy" not in people.analyse(text)[0]


def test_a_name_that_is_not_safe_keeps_the_particle_rules(people):
    assert "psy" in people.analyse("싸이는 어쩔려고")[0]
    assert "psy" not in people.analyse("너무싸이는 어쩔려고")[0]  # inside a word: only safe names count


def test_the_shipped_list_keeps_words_out():
    safe = substring_safe_forms()
    assert {"현빈", "손예진", "송강"} <= safe
    assert not {"공유", "강남", "하하", "짱이", "싸이", "승리"} & safe  # "share", a district, laughter, 짱이야 ...
    assert all(len(f) >= 2 for f in safe)  # one-syllable names keep their short list of endings


def _tool():
    spec = importlib.util.spec_from_file_location("substring_safe_tool", TOOL)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_tool_counts_name_uses_apart_from_other_uses():
    tool = _tool()
    reviews = ["현빈이 최고", "현빈의 연기", "현빈나오는 영화", "강남스타일", "강남구 근처", "강남이 멋짐",
               "송강호 연기"]
    n, named, other = tool.measure(reviews, {"현빈", "강남", "송강", "송강호"})
    assert n == 7
    assert (named["현빈"], other["현빈"]) == (2, 1)
    assert (named["강남"], other["강남"]) == (1, 2)
    assert other["송강"] == 0  # inside the longer registry name 송강호: not evidence against 송강
    assert tool.is_safe(2, 1, limit=0, min_share=0.6) and not tool.is_safe(1, 2, limit=0, min_share=0.6)
    assert tool.is_safe(0, 1, limit=1, min_share=0.9)  # rare anywhere: safe
