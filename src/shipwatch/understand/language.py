"""Language: ``text_norm`` -> ``lang``.

Scripts decide first (Hangul, kana, Han, Thai, Cyrillic, Arabic, Devanagari): they are unambiguous and cheap.
Latin text goes to a small scorer of function words and diacritics that tells apart the languages fan
comments come in (en, es, pt, id, vi, fr, de, tl, it). A comment with substantial Hangul *and* an English
clause is ``mixed``; one with no letters at all (emoji, ㅋㅋㅋ, numbers) is ``und``.
"""
from __future__ import annotations

import re

import pyarrow as pa

from .base import Stage, column, with_columns

# Each script's letters are translated to one marker character and counted with str.count: one C pass over
# the text instead of one regex per script.
_SCRIPT_RANGES = {
    "hangul": ["가-힣"],
    "jamo": ["ㄱ-ㆎ", "ᄀ-ᇿ"],
    "kana": ["ぁ-ゖ", "ァ-ヺ", "ー-ー"],
    "han": ["一-鿿", "㐀-䶿"],
    "thai": ["฀-๿"],
    "latin": ["A-Z", "a-z", "À-ɏ", "Ḁ-ỿ"],
    "cyrillic": ["Ѐ-ӿ"],
    "arabic": ["؀-ۿ"],
    "devanagari": ["ऀ-ॿ"],
}
_MARK = {name: chr(0xF0000 + i) for i, name in enumerate(_SCRIPT_RANGES)}  # private-use plane: never in text
_TABLE: dict[int, str | None] = {}
for _name, _ranges in _SCRIPT_RANGES.items():
    for _r in _ranges:
        for _cp in range(ord(_r[0]), ord(_r[2]) + 1):
            _TABLE[_cp] = _MARK[_name]
for _ch in "×÷":  # in the Latin-1 letter range but not letters
    del _TABLE[ord(_ch)]
# Jamo that only laugh or cry are not language; other jamo (ㄹㅇ, ㅇㅈ, ㄱㄱ) are Korean shorthand.
for _ch in "ㅋㅎㅠㅜㅡ":
    _TABLE[ord(_ch)] = None
_HANGUL = re.compile(r"[가-힣]")
_JAMO = re.compile(r"[ㄱ-ㅊㅌㅍㅏ-ㅛㅝ-ㅟㅢ-ㆎᄀ-ᇿ]")  # jamo without ㅋ ㅎ ㅜ ㅠ ㅡ
_OTHER_SCRIPT = re.compile(r"[ぁ-ヺー一-鿿㐀-䶿฀-๿Ѐ-ӿ؀-ۿऀ-ॿÀ-ÖØ-öø-ɏḀ-ỿ]")
_SCRIPT_LANG = {"thai": "th", "cyrillic": "ru", "arabic": "ar", "devanagari": "hi"}
_ASCII_LETTER = re.compile(r"[A-Za-z]")
_WORD = re.compile(r"[a-zà-ɏḀ-ỿ]+(?:'[a-z]+)?")

_STOPWORDS = {
    "en": """the a an and or but of to in on at for with is are was were be been it its it's this that these those i
        i'm you you're he she we they they're them their his her my your me us our not no so very too just what who
        how why when where which do does did don't can can't will would should could have has had there here about
        like love cute omg lol lmao wow yes really literally want need look looks looking please all more than from
        as by if then out up one only also even still much many some any because chemistry couple ship dating
        together beautiful pretty handsome drama episode scene actor actress they've i've we're isn't aren't
        gonna wanna him she's he's that's what's""",
    "es": """que de el la los las y en un una es no por con para pero muy como más mas lo se su sus del al yo tu te
        me mi esta este está están son ya sí también porque cuando todo toda ella ellos hay ser fue qué bien amo
        hermosa hermoso pareja jajaja jaja eso esto estoy tiene hace nada así ahora aquí donde quien siempre""",
    "pt": """que de o a os as e em um uma é não por com para pra mas muito muita como mais se seu sua do da dos das
        no na nos nas eu você vc voce ele ela eles elas isso esse essa está tá ta são já também porque quando tudo
        tem ser foi bem nao q vai ainda só meu minha gente aqui tô to pq mto msm né ne kkk kkkk kkkkk aí vou fazer
        ter sei nem ao casal lindo linda kk rs rsrs pqp faz fácil quase coisa coisas fica deu certo depois pode
        demais porra caralho fala mano fiquei puto nenhum nenhuma sonho cara meus minhas homem mulher algum alguma
        gata gato muie nego tamo vamo acho quero sou estou fui agora hoje mesmo quem onde nunca então obrigado
        obrigada dele dela deles ninguém alguém nosso nossa assim sempre pelo pela pelos vcs tb tbm cê vem
        vocês""",
    "id": """yang dan di ini itu aku kamu tidak gak ga nggak ngga udah sudah banget aja sama dengan ke dari untuk ada
        apa juga lagi bisa mau jadi kalo kalau tapi karena sih dong deh kok nya saya dia mereka kita kami akan belum
        lebih gue gw lu lo sekali semua orang hari bgt yg dgn tdk utk jg krn tp kenapa gimana bener emang trus
        terus banyak selalu pengen ingin cuma masih biar sampe sampai aja kok kayak kaya seperti kalian berdua
        ampun aduh jadian semoga langgeng cocok gemes gemas kapan cepetan nih loh sangat cantik ganteng pasangan
        serasi lucu manis suka sayang ya beneran pacaran nikah banget udahan wkwk wkwkwk""",
    "vi": """và của là có không những các một được người này cho với anh em chị quá rất đẹp đôi thật mình ơi nhau
        yêu thích phim cặp trai gái hay lắm đã đang sẽ nhưng vì khi nào gì ai ở trong""",
    "fr": """le la les de des du et est un une en que qui pas ne je tu il elle nous vous ils elles pour dans sur avec
        mais très c'est ce cette au aux son sa ses mon ma mes trop bien sont j'ai oui non tout tous être fait
        comme leur leurs même aussi ils sont""",
    "de": """der die das und ist nicht ich du er sie es wir ihr ein eine einen mit auf für zu von den dem des sich
        auch wie aber sehr noch nur war hat haben sind wird werden kann mal schon doch wenn dass oder nach bei
        mein meine dein so gut""",
    "tl": """ang ng sa na mga ko mo ako ikaw siya sila kami tayo hindi po naman talaga lang ba yung ito iyan kasi
        pero din rin nila niya sobrang grabe ganda gwapo kilig bagay sana kayo natin namin ano bakit paano
        dito doon wala meron may""",
    "it": """il di che è e la per non sono una con mi ma come anche questo questa molto della del gli le lo si ti
        ci io tu lui lei noi voi loro sempre ancora bello bella più""",
}
_WORDS: dict[str, tuple[str, ...]] = {}
for _lang, _words in _STOPWORDS.items():
    for _w in _words.split():
        _WORDS[_w] = _WORDS.get(_w, ()) + (_lang,)
_EN_WORDS = frozenset(w for w, langs in _WORDS.items() if "en" in langs)

# Letters that only some of the Latin languages use, with how much they count.
_DIACRITICS = [
    ("vi", re.compile(r"[ơưđăạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]"), 3.0),
    ("pt", re.compile(r"[ãõ]"), 2.0),
    ("es", re.compile(r"[ñ¿¡]"), 2.0),
    ("de", re.compile(r"[äöüß]"), 2.0),
    ("fr", re.compile(r"[èêëîïôûùœæÿ]"), 1.0),
    ("pt", re.compile(r"[çâêô]"), 0.7),
    ("fr", re.compile(r"[ç]"), 0.5),
]
_LATIN_LANGS = tuple(_STOPWORDS)


def _latin_language(text: str) -> tuple[str, int, int]:
    """(best Latin language or "und", number of Latin words, number of English function words)."""
    words = _WORD.findall(text.lower())
    scores = dict.fromkeys(_LATIN_LANGS, 0.0)
    en_hits = 0
    for w in words:
        langs = _WORDS.get(w)
        if langs:
            share = 1.0 / len(langs)
            for lang in langs:
                scores[lang] += share
            if "en" in langs:
                en_hits += 1
    lowered = text.lower()
    for lang, pattern, weight in _DIACRITICS:
        hits = len(pattern.findall(lowered))
        if hits:
            scores[lang] += weight * min(hits, 5)
    best = max(scores, key=scores.__getitem__)
    if scores[best] == 0.0:
        return "und", len(words), en_hits
    return best, len(words), en_hits


def detect_language(text: str) -> str:
    """The language code of one normalized comment."""
    if text.isascii():
        return _latin_language(text)[0] if _ASCII_LETTER.search(text) else "und"
    if _OTHER_SCRIPT.search(text) is None:
        # The common case (Hangul, jamo, ASCII, emoji): three cheap counts instead of the full translation.
        counts = dict.fromkeys(_MARK, 0)
        counts["hangul"] = len(_HANGUL.findall(text))
        counts["jamo"] = len(_JAMO.findall(text))
        counts["latin"] = len(_ASCII_LETTER.findall(text))
    else:
        marked = text.translate(_TABLE)
        counts = {name: marked.count(mark) for name, mark in _MARK.items()}
    hangul = counts["hangul"] + counts["jamo"]
    letters = sum(counts.values())
    if letters == 0:
        return "und"
    if counts["kana"] and counts["kana"] + counts["han"] >= letters / 2:
        return "ja"
    if counts["han"] >= letters / 2 and not hangul:
        return "zh"
    for script, lang in _SCRIPT_LANG.items():
        if counts[script] >= letters / 2:
            return lang
    latin = counts["latin"]
    if hangul:
        if hangul >= latin:
            lang, n_words, en_hits = _latin_language(text) if latin >= 0.2 * letters else ("und", 0, 0)
        else:
            lang, n_words, en_hits = _latin_language(text)
        if lang == "en" and n_words >= 2 and en_hits >= 1 and hangul >= 3 and latin >= 0.2 * letters:
            return "mixed"
        # Latin with no language signal beside Hangul is names or brands ("Hyun Bin 너무 좋아").
        if hangul >= latin or lang == "und":
            return "ko"
        return lang
    if counts["han"] > latin:
        return "zh"
    if latin:
        return _latin_language(text)[0]
    return "ko" if hangul else "und"


class Language(Stage):
    name = "language"
    requires = ("text_norm",)
    provides = ("lang",)

    def __call__(self, batch: pa.RecordBatch) -> pa.RecordBatch:
        return with_columns(batch, {"lang": [detect_language(t or "") for t in column(batch, "text_norm")]})
