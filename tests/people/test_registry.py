from pathlib import Path

import pytest

from shipwatch.errors import RegistryError
from shipwatch.people import load_registry

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "people"


@pytest.fixture(scope="module")
def reg():
    return load_registry()


def test_default_has_the_demo_pair_marked_fictional(reg):
    tae, harin = reg.people["min-tae-oh"], reg.people["seo-ha-rin"]
    assert tae.fictional and harin.fictional
    assert (tae.name_ko, harin.name_ko) == ("민태오", "서하린")
    assert "강도윤" in tae.characters and "한여름" in harin.characters
    couple = reg.couples["min-tae-oh|seo-ha-rin"]
    assert couple.kind == "onscreen" and couple.year == 2026 and couple.fictional
    assert "TaeRin" in couple.ship_names and "태린" in couple.ship_names


def test_default_has_the_famous_couples_with_facts(reg):
    hb = reg.couples["hyun-bin|son-ye-jin"]
    assert (hb.kind, hb.status) == ("real", "married")
    assert "Crash Landing on You" in hb.work and hb.note
    songsong = reg.couples["song-hye-kyo|song-joong-ki"]
    assert songsong.status == "separated" and "송송커플" in songsong.ship_names
    assert reg.couples["han-so-hee|song-kang"].kind == "onscreen"
    assert reg.couples["kim-ji-won|kim-soo-hyun"].year == 2024
    assert all(c.note for c in reg.couples.values())


def test_default_covers_the_most_named_headline_people(reg):
    # The people with >= ~150 comments under their headlines in kocohub-beep couple news, and named partners.
    for name in ("현빈", "손예진", "박성광", "이솔이", "김정균", "정민경", "전수민", "김경진", "이상아", "씨잼",
                 "해쉬스완", "최민환", "율희", "오민석", "조진웅", "이하늘", "이필모", "서수연"):
        assert reg.resolve(name) is not None, name


@pytest.mark.parametrize("name", ["Song Kang", "song-kang", "SongKang", "songkang", "Kang Song", "#SongKang",
                                  "송강", "song kang"])
def test_resolve_is_case_space_hyphen_and_order_insensitive(reg, name):
    assert reg.resolve(name) == "song-kang"


def test_resolve_characters_given_names_and_ambiguity(reg):
    assert reg.resolve("리정혁") == "hyun-bin"
    assert reg.resolve("Captain Ri") == "hyun-bin"
    assert reg.resolve("윤세리") == "son-ye-jin"
    assert reg.resolve("혜교") == "song-hye-kyo"
    assert reg.resolve("소희") is None  # 한소희 and 안소희: a bare given name cannot choose
    assert reg.resolve("예진") is None  # 손예진, 박예진, 임예진
    assert reg.resolve("hyun-bin") == "hyun-bin"
    assert reg.resolve("Nobody Here") is None


def test_display(reg):
    assert reg.display("hyun-bin") == "Hyun Bin (현빈)"
    assert reg.display("unknown-id") == "unknown-id"


def test_extra_paths_add_people_couples_and_handles(reg):
    both = load_registry(extra_paths=[FIXTURES / "extra.toml"])
    assert both.resolve("@jiho_official") == "park-ji-ho"
    assert both.couples["lee-na-ra|park-ji-ho"].status == "rumoured"
    assert both.resolve("현빈") == "hyun-bin"
    assert len(both.people) == len(reg.people) + 2


@pytest.mark.parametrize("fixture, needles", [
    ("missing_id.toml", ["missing_id.toml:5", "person #2", "missing 'id'", "add id ="]),
    ("no_names.toml", ["no_names.toml:1", "'kim-a'", "no name", "name_ko"]),
    ("duplicate_id.toml", ["duplicate_id.toml:5", "duplicate id 'kim-a'"]),
    ("unknown_member.toml", ["unknown_member.toml:5", "couple #1", "'lee-b' is not a person", "[[person]]"]),
    ("bad_kind.toml", ["bad_kind.toml:9", "kind must be one of", "'friends'"]),
    ("bad_syntax.toml", ["bad_syntax.toml", "invalid TOML", "line 2"]),
])
def test_bad_registry_files_name_file_entry_and_fix(fixture, needles):
    with pytest.raises(RegistryError) as err:
        load_registry(FIXTURES / fixture)
    message = str(err.value)
    assert "\n" not in message
    for needle in needles:
        assert needle in message


def test_duplicate_between_default_and_extra_file(tmp_path):
    extra = tmp_path / "dup.toml"
    extra.write_text('[[person]]\nid = "hyun-bin"\nname_ko = "현빈"\n', encoding="utf-8")
    with pytest.raises(RegistryError, match="duplicate id 'hyun-bin'"):
        load_registry(extra_paths=[extra])


def test_missing_file_is_a_registry_error(tmp_path):
    with pytest.raises(RegistryError, match="not found"):
        load_registry(tmp_path / "nope.toml")


def test_default_is_large_sourced_and_has_couples_of_each_kind(reg):
    assert len(reg.people) >= 200 and len(reg.couples) >= 40
    real = [c for c in reg.couples.values() if c.kind == "real"]
    assert {c.status for c in real} >= {"dating", "married", "separated"}
    assert sum(c.kind == "onscreen" and c.work and c.year for c in reg.couples.values()) >= 20
    assert all(p.note for p in reg.people.values())
    assert all(c.note for c in reg.couples.values())


def test_derived_given_names_are_weak_and_skip_words(reg):
    assert "예진" in reg.people["son-ye-jin"].weak_names()
    assert "Min-suk" in reg.people["oh-min-suk"].derived_given_names()
    assert "하늘" not in reg.people["lee-ha-neul"].weak_names()  # 하늘 is "sky"
    assert reg.people["iu"].derived_given_names() == []           # a stage name has no given name


def test_works_tie_casts_to_their_titles(reg):
    cloy = reg.works["crash-landing-on-you"]
    assert "사랑의 불시착" in cloy.titles and {"hyun-bin", "kim-jung-hyun"} <= set(cloy.cast)
    assert "crash-landing-on-you" in reg.works_of("seo-ji-hye")
    assert reg.resolve("구승준") == "kim-jung-hyun" and reg.resolve("알동무") == "kim-jung-hyun"


def test_a_work_with_an_unknown_cast_member_is_refused(tmp_path):
    bad = tmp_path / "work.toml"
    bad.write_text('[[work]]\nid = "x-show"\ntitles = ["X"]\ncast = ["hyun-bin", "nobody-x"]\n', encoding="utf-8")
    with pytest.raises(RegistryError, match=r"work.toml:1: work #1 .*'nobody-x' is not a person"):
        load_registry(extra_paths=[bad])


def test_gender_and_family_fields(reg, tmp_path):
    assert reg.people["son-ye-jin"].gender == "f" and reg.people["hyun-bin"].gender == "m"
    assert "choi-a-rin" in reg.family("yulhee") and "yulhee" in reg.family("choi-a-rin")
    bad = tmp_path / "bad_family.toml"
    bad.write_text('[[person]]\nid = "kid"\nname_ko = "김아이"\nfamily = ["nobody-here"]\n', encoding="utf-8")
    with pytest.raises(RegistryError, match=r"bad_family.toml:1: .*'nobody-here'.*add a \[\[person\]\]"):
        load_registry(extra_paths=[bad])
    bad.write_text('[[person]]\nid = "kid"\nname_ko = "김아이"\ngender = "x"\n', encoding="utf-8")
    with pytest.raises(RegistryError, match="gender must be"):
        load_registry(extra_paths=[bad])


def test_every_couple_headline_person_note_cites_its_source(reg):
    added = [p for p in reg.people.values() if p.note.startswith("source: kocohub-beep")]
    assert len(added) >= 200
    assert reg.resolve("마닷") == "microdot" and reg.resolve("짱이") == "choi-jae-yul"
