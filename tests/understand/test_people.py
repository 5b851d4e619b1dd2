import csv
import pickle
from pathlib import Path

import pyarrow as pa
import pytest

from shipwatch.errors import UsageError
from shipwatch.people import load_registry
from shipwatch.schema import COMMENT_SCHEMA, record_batch
from shipwatch.understand.normalize import Normalize
from shipwatch.understand.people import People

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "people"
HB, SYJ, SK, HSH = "hyun-bin", "son-ye-jin", "song-kang", "han-so-hee"
SJK, SHK = "song-joong-ki", "song-hye-kyo"


@pytest.fixture(scope="module")
def people():
    return People()


@pytest.mark.parametrize("text, expected", [
    # Korean names with particles and honorifics
    ("한소희가 너무 예뻐", [HSH]),
    ("송강이랑 찍은 거 봤어?", [SK]),
    ("현빈씨 최고", [HB]),
    ("손예진이랑 현빈", [SYJ, HB]),
    ("손예진과 현빈은", [SYJ, HB]),
    ("현빈♥손예진", [HB, SYJ]),
    ("현빈손예진 결혼해라", [HB, SYJ]),
    # English: case, possessive, hyphen/space/order variants, hashtags
    ("Hyun Bin's eyes", [HB]),
    ("HYUN BIN and son ye jin", [HB, SYJ]),
    ("Song Kang", [SK]), ("Song-kang", [SK]), ("Songkang", [SK]), ("Kang Song is tall", [SK]),
    ("#HyunBin #SonYeJin", [HB, SYJ]),
    # character pairs stand for their actors when both are named
    ("리정혁 윤세리 같다", [HB, SYJ]),
    ("Captain Ri and Yoon Se-ri", [HB, SYJ]),
])
def test_mentions(people, text, expected):
    assert people.analyse(text)[0] == expected


@pytest.mark.parametrize("text", [
    "별로다", "이별했대", "별다른 건 없고",      # 별 (Byul) inside ordinary words
    "미나리 먹고 싶다",                          # 미나 inside a word
    "하하하 웃기다", "haha so funny",            # the stage name 하하 is also laughter
    "비가 온다", "rain again",                   # 비 / Rain are ordinary words
    "공유 좀 해주세요",                          # 공유 = "sharing"
    "이상이 없다",                               # 이상이 = "nothing wrong"
    "Song Kangaroo", "hyunbinary",               # Latin names glued to other letters
    "리정혁 멋있다",                             # a character name with no context
    "소희 예쁘다",                               # a given name with no context
])
def test_false_positive_guards(people, text):
    assert people.analyse(text)[0] == []


def test_longer_name_is_not_its_prefix(people):
    # a different actor whose name starts with 송강: the registry knows him (a kocohub-beep headline names him)
    assert people.analyse("송강호 연기 최고")[0] == ["song-gang-ho"]


def test_one_syllable_name_needs_context(people):
    title = "'♥하하' 별, 포동포동 막내딸 공개"
    assert people.analyse("별이 너무 예뻐", title)[0] == ["byul"]
    assert People(implicit=False).analyse("별로 안 예쁜데", title)[0] == []
    assert people.analyse("하하♥별 부부 최고")[0] == ["haha", "byul"]


def test_ambiguous_given_name_resolved_two_ways_by_context(people):
    assert people.analyse("소희 너무 예쁘다", "송강·한소희, '알고있지만' 케미")[0] == [HSH]
    assert people.analyse("소희 너무 예쁘다", "안소희, 근황 공개")[0] == ["ahn-so-hee"]
    # ... and by a partner named in the same comment
    assert people.analyse("송강 소희 잘 어울려")[0] == [SK, HSH]


def test_given_names_and_characters_count_in_pair_context():
    p = People(pair=("Min Tae-oh", "Seo Ha-rin"))
    assert p.analyse("태오오빠 너무 멋있어")[0] == ["min-tae-oh"]
    assert p.analyse("하린이 웃는 거 봐")[0] == ["seo-ha-rin"]
    assert p.analyse("Taeoh looks at Harin like that")[0] == ["min-tae-oh", "seo-ha-rin"]
    assert p.analyse("강도윤 한여름 케미")[0] == ["min-tae-oh", "seo-ha-rin"]
    assert People().analyse("한여름에 보기 좋은 드라마")[0] == []  # 한여름 = midsummer, without context


def test_explicit_pair_wins_over_title():
    p = People(pair=("Song Kang", "Han So Hee"))
    people, pair, couples = p.analyse("둘이 사귀어라", "현빈·손예진 스킨십→열애설 재점화")
    assert pair == "han-so-hee|song-kang"
    assert people == [HSH, SK]
    assert couples == []


def test_pair_inferred_from_title(people):
    # the two people of the headline who form a registry couple, even with a third person named first
    assert people.analyse("와", "'나 혼자 산다' 전현무 옆 현빈·손예진 열애설")[1] == "hyun-bin|son-ye-jin"
    # else the first two people named
    assert people.analyse("와", "전현무x기안84, 무지개 회원의 재회")[1] == "jun-hyun-moo|kian84"
    assert people.analyse("와", "박성광, 5월 결혼")[1] is None
    assert people.analyse("와", None)[1] is None


@pytest.mark.parametrize("text", ["둘이 사겨라", "두 사람 너무 잘 어울려", "they are so cute", "이 커플 찐이다",
                                  "their chemistry!!"])
def test_they_gets_the_pair(people, text):
    assert people.analyse(text, "현빈·손예진 스킨십→열애설 재점화")[0] == [HB, SYJ]


def test_they_without_a_pair_names_nobody(people):
    assert people.analyse("둘이 사겨라", "오늘의 뉴스")[0] == []


def test_couples_invoked_are_comparisons_not_the_pair(people):
    title = "송강·한소희, '알고있지만' 케미"
    _, pair, couples = people.analyse("제2의 현빈 손예진 각", title)
    assert pair == "han-so-hee|song-kang" and couples == ["hyun-bin|son-ye-jin"]
    assert people.analyse("the next Hyun Bin and Son Ye Jin", title)[2] == ["hyun-bin|son-ye-jin"]
    assert people.analyse("송송커플처럼 되지 마라", title)[2] == ["song-hye-kyo|song-joong-ki"]
    assert people.analyse("early Song-Song couple vibes", title)[2] == ["song-hye-kyo|song-joong-ki"]
    assert people.analyse("송강 한소희 케미 미쳤다", title)[2] == []  # the pair itself is no comparison
    assert people.analyse("TaeRin forever")[0] == ["min-tae-oh", "seo-ha-rin"]


def test_unknown_pair_names_are_added_not_rejected():
    p = People(pair=("Kim Nobody", "이무명"))
    people, pair, _ = p.analyse("Kim Nobody and 이무명이랑 둘이")
    assert pair == "kim-nobody|이무명"
    assert people == ["kim-nobody", "이무명"]
    assert load_registry().resolve("Kim Nobody") is None  # nothing leaked into a fresh registry


def test_bad_pair_is_a_usage_error():
    with pytest.raises(UsageError, match="same person"):
        People(pair=("Hyun Bin", "현빈")).analyse("x")


def test_handles_and_extra_registry():
    reg = load_registry(extra_paths=[FIXTURES / "extra.toml"])
    p = People(registry=reg)
    assert p.analyse("@jiho_official 사랑해")[0] == ["park-ji-ho"]
    assert p.analyse("지나라커플 최고")[0] == ["lee-na-ra", "park-ji-ho"]
    assert p.analyse("지호 나라 잘 어울려")[0] == ["park-ji-ho", "lee-na-ra"]


def test_stage_contract_and_pickling():
    texts = ["현빈 손예진 같다", "둘이 사겨라", "ㅋㅋㅋ", "", "제2의 송송커플"]
    batch = record_batch([{"platform": "file", "source_id": "s", "comment_id": str(i), "text": t,
                           "title": "송강·한소희 케미"} for i, t in enumerate(texts)])
    stage = pickle.loads(pickle.dumps(People()))
    out = stage(Normalize()(batch))
    assert out.num_rows == len(texts)
    for name in People.provides:
        assert out.schema.field(name).type == COMMENT_SCHEMA.field(name).type
    assert out.column("pair").to_pylist() == ["han-so-hee|song-kang"] * len(texts)
    # "ㅋㅋㅋ" and "" name nobody, so they are about the headline's pair
    assert out.column("people").to_pylist() == [[HB, SYJ], [HSH, SK], [HSH, SK], [HSH, SK], [SHK, SJK, HSH, SK]]
    assert out.column("couples").to_pylist() == [["hyun-bin|son-ye-jin"], [], [], [],
                                                 ["song-hye-kyo|song-joong-ki"]]


@pytest.mark.shared_data
def test_hyun_bin_son_ye_jin_headlines_in_kocohub(shared_data):
    path = shared_data / "kocohub-beep/derived/couple_news_comments.tsv"
    with open(path, encoding="utf-8") as f:
        rows = [r for r in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
                if "현빈" in r["news_title"] and "손예진" in r["news_title"]]
    p = People()
    pairs = [p.analyse(r["comments"], r["news_title"])[1] for r in rows]
    assert len(rows) > 500
    assert all(pair == "hyun-bin|son-ye-jin" for pair in pairs)
    named = sum(bool(p.analyse(r["comments"], r["news_title"])[0]) for r in rows)
    assert named / len(rows) > 0.3  # most comments say 현빈/손예진/둘이/리정혁 or the like


CLOY = "'사랑불' 현빈♥손예진, 영원한 사랑 약속→완벽 해피엔딩"


@pytest.mark.parametrize("text, title, expected", [
    # Korean: particles, honorifics and nouns glued to a name
    ("소희언니 최고", "송강·한소희 케미", [HSH]),
    ("현빈얼굴이랑 손예진연기가 다했지", None, [HB, SYJ]),
    ("리정혁동무 멋있다", CLOY, [HB]),
    ("예진이 너무 예뻐", CLOY, [SYJ]),                      # a derived given name in context
    # English: possessive, case, hashtag, @handle-like forms
    ("SON YE-JIN's smile", None, [SYJ]),
    ("#sonyejin #hyunbin", None, [SYJ, HB]),
    ("@hyunbin so handsome", None, [HB]),
])
def test_mention_forms_both_languages(people, text, title, expected):
    assert people.analyse(text, title)[0] == expected


def test_character_names_of_a_work_count_under_its_headline(people):
    assert people.analyse("구승준 살려내ㅠㅠ", CLOY)[0] == ["kim-jung-hyun"]
    assert people.analyse("표치수 연기 잘하네", CLOY)[0] == ["yang-kyung-won"]
    assert people.analyse("구승준 살려내ㅠㅠ", "박성광, 5월 결혼")[0] == ["park-sung-kwang"]  # no CLOY context:
    # the character name does not count, so the comment falls back to the headline's person
    title = "'사풀인풀' 반성 없는 조우리…오민석♥조윤희, 한집살이 시작"
    assert people.analyse("설아♡진우 재결합 가자", title)[0] == ["jo-yoon-hee", "oh-min-suk"]
    assert people.analyse("문해랑 너무 싫다", title)[0] == ["jo-woo-ri"]


def test_a_comment_naming_nobody_is_about_the_headline_unless_off_topic(people):
    title = "[단독] 전수민 “김경진과 결혼♥, 행복한 소식 전해 기뻐”"
    assert people.analyse("축하해요 행복하세요", title)[0] == ["jeon-su-min", "kim-kyung-jin"]
    assert people.analyse("기레기들 이런 기사 좀 쓰지마", title)[0] == []
    assert people.analyse("드라마 너무 재밌다", CLOY)[0] == []
    assert people.analyse("축하해요", None)[0] == []
    assert People(implicit=False).analyse("축하해요 행복하세요", title)[0] == []


def test_an_unnamed_partner_is_named_by_the_headline_word(people):
    title = "[종합] 침대에서 널 바라보며 씨잼, 여친♥ 넘치는 `과감 럽스타그램`"
    assert people.analyse("여자친구 예쁘네", title)[0] == ["c-jamm", "여친"]
    assert people.analyse("씨잼 멋있다", title)[0] == ["c-jamm"]
    # a headline that names the partner has no unnamed one
    # (a remark on the bride's looks is about the bride alone: GUIDE_NOTES, Targets)
    assert people.analyse("신부 예쁘다", "박성광♥ 예비신부 정체=배우 이솔이")[0] == ["lee-sol-i"]


def test_ship_names_of_second_couples_resolve_to_the_couple(people):
    _, pair, couples = people.analyse("구단커플도 설렜는데", CLOY)
    assert pair == "hyun-bin|son-ye-jin" and couples == ["kim-jung-hyun|seo-ji-hye"]


def test_children_named_under_their_parents_headline():
    title = "'살림남2' 최민환♥율희, 아윤·아린 쌍둥이 자매 탄생… \"다섯 가족 됐어요\" [종합]"
    p = People(selector=False)
    assert p.analyse("짱이 너무 귀엽다", title)[0] == ["choi-jae-yul"]
    assert p.analyse("짱이 너무 귀엽다", "오늘의 뉴스")[0] == []  # a nickname counts only under the family
