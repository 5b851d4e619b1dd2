"""Linking fixes of issue 6: glued full names, two honorifics, a stage name that is also a given name, stage names
that are words, and the word-by-word reading giving what the whole-text reading gives."""
import pytest

from shipwatch.people import load_registry
from shipwatch.understand.people import People


@pytest.fixture(scope="module")
def people():
    return People()


@pytest.mark.parametrize("text, expected", [
    ("전현무나와서 너무재밌고", ["jun-hyun-moo"]),      # a full name of three syllables glued to a verb
    ("문재앙탄핵!", ["moon-jae-in"]),                 # ... an alias too
    ("손예진이현빈한테 들이대네", ["son-ye-jin", "hyun-bin"]),  # glued to a word; 현빈 inside a word is safe
])
def test_full_names_glued_to_any_word(people, text, expected):
    assert people.analyse(text)[0] == expected


def test_two_syllable_names_glued_to_a_word_stay_out_unless_substring_safe(people):
    assert people.analyse("강남스타일 최고")[0] == []  # 강남 (a place, and a word start) is not substring-safe
    assert people.analyse("강남이 최고")[0] == []       # ... and a weak name, out of context
    assert people.analyse("현빈입장도 생각해봐")[0] == ["hyun-bin"]  # 입장 + 도: a known noun and particle
    assert people.analyse("현빈재수탱")[0] == ["hyun-bin"]  # 현빈 is substring-safe: glued to anything


def test_character_names_glued_count_under_their_work():
    title = "'사랑불' 현빈♥손예진, 영원한 사랑 약속→완벽 해피엔딩"
    assert People(implicit=False).analyse("구승준살려내...ㅜㅜ", title)[0] == ["kim-jung-hyun"]
    assert People(implicit=False).analyse("구승준살려내")[0] == []  # a character name needs its context


def test_two_honorifics_before_the_particle(people):
    title = "'살림남2' 최민환♥율희, 쌍둥이 자매 탄생"
    assert "yulhee" in People(implicit=False).analyse("민환 율희부부때문에 살림남 봤어요", title)[0]


def test_a_stage_name_that_is_also_a_given_name_follows_the_headline():
    # 성훈 is the actor Sung Hoon; under a headline about 강성훈 or 박성훈 it is their given name
    assert People(implicit=False).analyse("성훈님 힘내세요", "[단독]강성훈, 젝스키스 떠난다")[0] == ["kang-sung-hoon"]
    assert People(implicit=False).analyse("성훈씨가 아깝네요", "류현경♥︎박성훈, 공개연애 4년차")[0] == ["park-sung-hoon"]
    assert People(implicit=False).analyse("성훈 나혼산 나온대")[0] == ["sung-hoon"]


@pytest.mark.parametrize("text", [
    "I had a huge crush on the lead singer",      # Crush
    "치킨 top 3에 등극",                          # T.O.P
    "우리 엄마도 재미없다고 하던데",               # 우리: the given name of 조우리, and "we"
    "너는 나의 태양",                              # 태양: Taeyang, and "the sun"
    "https://www1.president.go.kr/petitions",    # G.O written "go"
])
def test_stage_names_that_are_words_need_context(text):
    assert People(implicit=False).analyse(text, "'사풀인풀' 반성 없는 조우리…오민석♥조윤희")[0] == []


def test_gold_names_resolve_to_the_person_whose_own_name_it_is():
    reg = load_registry()
    assert reg.resolve("미나") == "mina"          # a weak stage name that is also someone's given name
    assert reg.resolve("소희") is None             # a given name of two people: nobody's own name


def test_headline_people_the_registry_gained(people):
    # people named in kocohub-beep headlines (issue 6): Hangul and the generated romanization both link
    assert people.analyse("양세형 웃기다")[0] == ["yang-se-hyeong"]
    assert people.analyse("Yang Se-hyeong is funny")[0] == ["yang-se-hyeong"]
    assert people.analyse("Bada")[0] == []  # a stage name that is a word in Korean romanization


@pytest.mark.parametrize("text", [
    "현빈♥손예진 결혼 축하해요", "리정혁 대위가 최고", "기안84도 나왔으면", "현빈 and Son Ye-jin", "잘 살아요 현빈씨",
    "손예진이랑 현빈은 잘 어울려", "별로다 이별했대", "전현무나와서 재밌다 전현무나와서",
    "더 좋아요 현빈", "더 락 나오는 영화 더 보고싶다", "리정혁 최고 더 락",  # 더: a word, and the head of 더 락
])
def test_word_by_word_reading_matches_the_whole_text_reading(text):
    matcher = People()._load()
    text = text.lower()
    assert matcher.hits(text) == matcher._hits_in_text(text)
    assert matcher.hits(text) == matcher.hits(text)  # the second time from the word cache


def test_a_weak_name_addressed_like_a_person_names_its_one_bearer():
    linking = People(implicit=False)
    assert linking.analyse("보검씨 너무 멋있어요")[0] == ["park-bo-gum"]   # 씨 only follows a person
    assert linking.analyse("보검 너무 멋있어요")[0] == []                  # bare, out of context: still weak
    assert linking.analyse("소희언니 최고")[0] == []                      # 한소희 or 안소희: addressed, still two
    assert "kim-e-z" not in linking.analyse("이병헌 박소현 이지형 오솔미")[0]  # 이지형 is a name, not 이지 + 형
    # the pet 이 before a particle, after a given name ending in a consonant: 보검이가, not a word's 이 (사랑이)
    assert linking.analyse("그럼 보검이가 외롭잖아")[0] == ["park-bo-gum"]
    assert linking.analyse("사랑이 최고")[0] == []
    assert linking.analyse("보검이라니 말도 안돼")[0] == []  # the copula: any noun takes it


def test_a_headline_names_its_subject_by_a_stage_name_that_is_a_word():
    linking = People(implicit=False)
    title = "[SW이슈] 승리, ‘버닝썬’ 추가 폭로에 논란 계속… 어디까지 책임일까"
    assert linking.analyse("승리는 이제 끝이다", title)[0] == ["seungri"]
    assert linking.analyse("승리는 이제 끝이다")[0] == []                   # a victory, without the headline
    # a given name, or a word after a genitive, is not the headline's subject
    assert linking.analyse("사랑이 최고", "‘사랑의 불시착’ 현빈♥︎손예진, 위기 맞은 사랑, 눈물")[0] == []
    assert linking.analyse("길이 최고", "배윤경 \"연기자의 길, 진짜 하고 싶은 일\"")[0] == []


def test_a_name_across_a_sentence_break_is_the_one_that_ends_the_word(people):
    # 합니다현빈: the safe name 다현 starts at 다 but runs into 빈; 현빈 ends the word
    assert people.analyse("다시부탁합니다현빈 손예진 연기탑")[0] == ["hyun-bin", "son-ye-jin"]
