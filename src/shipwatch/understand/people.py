"""People: ``text_norm``, ``title`` -> ``people``, ``pair``, ``couples``.

Korean names are looked up word by word (the longest name a word starts with), and what a word names is
remembered, since comments share most of their words; romanized names, and the few Korean ones with a space or
a digit, go through regexes built as tries. Each hit is then checked:

- A Korean name form that is *substring-safe* (rare inside ordinary Korean words, measured on 712k movie
  reviews by ``tools/people/substring_safe.py``: 현빈, 손예진, 설아) counts anywhere in a word, whatever follows
  (이번엔현빈, 현빈이봉잡은거지); a longer registry name around it wins (소희 in 한소희). Every other form keeps
  the rules below.
- Korean names must start a Hangul word (or follow another name: "현빈손예진") and may be followed only by
  particles and honorifics (한소희가, 송강이랑, 현빈씨, 소희언니, 손예진과, 율희부부때문에). So 별 does not match in
  별로 or 이별, and 송강 does not match in 송강호. One-syllable names (별, 비) take only a short list of endings. A
  name of three syllables or more may be glued to any word (전현무나와서): no word starts with one.
- Latin names must not touch other letters or digits ("Songkang", "Song-kang", "#HyunBin", "Hyun Bin's").
- Weak names (given names, character names, names that are ordinary words) count only in context: the person
  is in the pair, named in the headline, or a registry partner of theirs is named in the same comment. That is
  also how a given name shared by two people (소희: 한소희 or 안소희) is resolved.

Who a comment is about is decided by the learned selector (``people/targets.py``, weights in ``targets.json``):
the candidates are the people it names, the headline's people and pair, and the headline's unnamed partner.
``selector=False`` keeps the v1 hand rules below ("they" gets the pair; a no-name comment the headline's people
unless off topic), which also produce the candidates' features.

The pair of a comment is the explicit pair, else the headline's: the two people named in it who form a
registry couple, else the first two named. A comment that refers to "they" / "둘이" / "두 사람" / "커플" gets
the pair's people. ``couples`` lists the registry couples a comment invokes (both members named, or a ship
name), other than the comment's own pair: those are the comparisons fans draw.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Iterable, NamedTuple

import pyarrow as pa

from ..errors import UsageError
from ..people.registry import (Person, Registry, couple_id, latin_orders, load_registry, name_key,
                               substring_safe_forms)
from ..people.targets import (CONGRATS_BIT, SPACED_CONGRATS, Candidate, TargetSelector, block_features,
                              comment_cues, cue_bits, features, headline_info, load_selector)
from .base import Stage, column, with_columns

_HANGUL = re.compile(r"[가-힣]")
_HANGUL_RUN = re.compile(r"[가-힣]*")
_HANGUL_WORD = re.compile(r"[가-힣]+")
_LATIN_CHAR = re.compile(r"[a-z0-9]")
_LATIN_WORD = re.compile(r"[a-z0-9]+")
_NEEDS_TEXT = ("needs the text",)  # a word whose names depend on what follows it (see _Matcher._read_token)
_LATIN_PARTS = re.compile(r"[A-Za-z0-9]+")
_SEPARATORS = ("", " ", "-", "_", ".")
_SEP_MARK = "\x00"


class _NeedsText(Exception):
    """A one-word read cannot decide: a name with a space or digit may start here (see _Matcher._longest)."""


class _SpacedHead(tuple):
    """A word's read (hits, cue bits) that holds unless a name with a space starts at it: "더" is a word, and the
    head of "더 락". Texts where no such name occurs at all (most of them) keep reading word by word."""


_IGNORE_SPACED = "ignore spaced names"  # ``alone`` for the read a _SpacedHead keeps

_HONORIFICS = ("", "씨", "님", "언니", "오빠", "누나", "누님", "형", "형님", "선배", "선배님", "배우", "배우님",
               "쌤", "옹", "이", "커플", "부부", "네", "측", "팬", "팬들", "가족", "대위", "대위님", "동무", "너",
               # nouns fans glue to a name without a space (현빈얼굴이랑, 손예진연기가, 현빈앓이, 율희남편)
               "연기", "얼굴", "앓이", "땜에", "때문에", "엄마", "아빠", "딸", "아들", "남편", "아내", "와이프", "작가",
               "작가님", "집", "최고", "짱", "사랑해", "결혼", "부인", "여친", "남친", "이혼", "나이", "역", "캐릭터",
               "입장", "정도", "때메", "때매", "편", "머리", "동생", "버전", "사진", "기사", "인줄", "은줄")
_PARTICLES = ("", "가", "이", "은", "는", "을", "를", "의", "와", "과", "랑", "하고", "도", "만", "에게", "한테",
              "께", "께서", "에게서", "한테서", "로", "으로", "처럼", "보다", "까지", "부터", "나", "이나", "야", "아",
              "여", "이여", "다", "이다", "임", "지", "이지", "인데", "인가", "네", "고", "이고", "라", "라서", "라고",
              "이라", "이라서", "이라고", "랑은", "이랑", "이랑은", "하고는", "와는", "과는", "같은", "같다", "같이",
              "같아", "같네", "같음", "같고", "도요", "요", "이요", "에요", "이에요", "예요", "입니다", "이네요",
              "한텐", "은요", "는요", "만큼", "보단", "뿐", "밖에", "들", "들이", "들은")
SUFFIXES = frozenset(h + p for h in _HONORIFICS for p in _PARTICLES)
_LONG_HONORIFICS = tuple(sorted((h for h in _HONORIFICS if h), key=len, reverse=True))
_HONORIFIC_FIRST = frozenset(h[0] for h in _LONG_HONORIFICS)


def _honorific_suffix(rest: str) -> bool:
    """Two honorifics before the particle: 율희부부때문에, 현빈씨팬들이."""
    return rest[:1] in _HONORIFIC_FIRST and any(rest.startswith(h) and rest[len(h):] in SUFFIXES
                                                 for h in _LONG_HONORIFICS)

# A one-syllable name (별, 비) is too easily the start of a word: only these endings keep it a name.
SHORT_SUFFIXES = frozenset({"", "씨", "님", "언니", "누나", "오빠", "형", "이", "이가", "이는", "이랑", "이도",
                            "이의", "이와", "이한테", "이네", "이랑은"})

# A comment under a headline that names nobody is about the headline's people, unless it is plainly about
# something else: the work itself, the press, other commenters, or a link (what annotators leave without target).
_OFF_TOPIC = re.compile(
    r"드라마|작가|시청률|기자|기레기|기사|방송|스토리|결말|내용|전개|pd|피디|제작진|시청자|http|www\.|댓글|"
    r"정부|대통령|정치|국민|코로나|조선족|경상도|전라도|한국남자|한국여자|한남|한녀|요즘|원래|결혼은|연애는|"
    r"이혼은|남자들|여자들|사람들|애들은|보통"
)
# An unnamed partner ("씨잼, 여친♥ ...", "해쉬스완, 승무원♥과 열애") is written, as annotators do, as the
# headline's own word for them; each group lists the words a comment may use for the same person, the first
# being the name used when the headline has none of them.
_ROLE_GROUPS = (
    ("여자친구", "여친", "여자 친구"), ("남자친구", "남친", "남자 친구"), ("예비신부", "신부", "예비 신부"),
    ("예비신랑", "신랑", "예비 신랑"), ("아내", "와이프", "부인"), ("남편",), ("승무원",), ("한의사",),
)
# All the words in one flat alternation, in group order (so a text matches where and as the groups would): a
# pattern whose every branch starts with a letter is scanned in C.
_ROLE_WORDS = re.compile("|".join(re.escape(w) for group in _ROLE_GROUPS for w in group))
_ROLE_GROUP = {w: i for i, group in reversed(list(enumerate(_ROLE_GROUPS))) for w in group}  # first group wins
# The headline's own word for an unnamed partner, when it has one: the name annotators write for them.
_PARTNER_WORD = re.compile(r"예비신부|예비신랑|여자친구|남자친구|여친|남친|비연예인|연인|승무원|한의사|신부|신랑|"
                           r"아내|남편|회사원|사업가|전문의")
_UNNAMED_PARTNER = re.compile(r"♥|열애|연인|결혼|비연예인|럽스타|여친|남친|신부|신랑")
_DEIXIS = re.compile(
    r"\b(?:they|them|their|theirs|they're|theyre|these two|those two|both of them|the two of them|the couple|"
    r"this couple|eles|elas|ellos|ellas|casal|pareja|mereka|sila|nila|ils|elles)\b"
    r"|(?<![가-힣])(?:둘(?:이|은|다|의|을|도|만|이서|다가)?(?![가-힣])|둘이|이\s?둘|두\s?(?:사람|분|배우))|커플|얘네|쟤네"
)  # matched against lower-cased text


_ASCII_LETTER = re.compile(r"[a-z]")
# Forms of address after a name (보검씨, 지효언니, 재석이형): only a person is called so. Not a bare 형: a name
# may end in that syllable (이지형 is not 이지 + 형).
_ADDRESS = ("씨", "님", "언니", "오빠", "누나", "누님", "형님", "선배", "쌤", "이형", "이누나", "이오빠", "이언니")
# After a given name that ends in a consonant, fans add 이 before the particle (보검이가, 서진이랑, 혜경이는): a
# word takes the particle directly (사랑이 = 사랑 + 이, never 사랑이가), so 이 + particle marks a person's name.
_PET_PARTICLES = frozenset({"가", "는", "랑", "랑은", "랑도", "하고", "도", "를", "한테", "한테도", "에게", "의",
                            "와", "만", "네", "가요", "는요"})


def _called(last: str, rest: str) -> bool:
    """Whether the ending ``rest`` after a name (whose last syllable is ``last``) addresses a person."""
    if rest.startswith(_ADDRESS):
        return True
    return rest[:1] == "이" and rest[1:] in _PET_PARTICLES and _ends_in_consonant(last)


def _ends_in_consonant(syllable: str) -> bool:
    """A Hangul syllable with a final consonant (검, 진), not an open one (수, 지): 28 finals per initial+vowel."""
    return (ord(syllable) - 0xAC00) % 28 != 0


def _may_refer(text: str, letters: bool = True) -> bool:
    """Whether ``_DEIXIS`` can match at all: every Korean form has 둘, 두, 커플, 얘네 or 쟤네, every other form a
    Latin letter (``letters`` False: the text is known to have none). Most comments have neither, and these
    checks cost a fraction of the regex."""
    return ("둘" in text or "두" in text or "커플" in text or "얘네" in text or "쟤네" in text
            or letters and _ASCII_LETTER.search(text) is not None)


class _Title(NamedTuple):
    """A headline, read once: its pair, people, weak-name context, unnamed partner and selector inputs."""
    pair: str | None
    pair_people: tuple[str, ...]
    named: tuple[str, ...]
    context: frozenset[str]
    roles: tuple
    role_name: str | None
    headline: object
    ranks: dict
    family: frozenset[str]
    genders: frozenset[str]


def _trie_regex(words: Iterable[str]) -> str:
    """A regex alternation of ``words`` as a trie, longest match first."""
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        end = "" in node
        branches = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if end else body

    return build(trie)


def _surface_forms(name: str) -> list[str]:
    """How a name can be written: Hangul as is (spaces optional); Latin with any separator between parts."""
    if _HANGUL.search(name):
        name = name.lower()
        return list({name, name.replace(" ", "")})
    parts = _LATIN_PARTS.findall(name.lower())
    if not parts:
        return []
    # Between two parts either nothing or a separator mark, which ``_Matcher._latin_hits`` reads as one of
    # _SEPARATORS between two Latin words.
    forms = {parts[0]}
    for part in parts[1:]:
        forms = {f + sep + part for f in forms for sep in ("", _SEP_MARK)}
    return sorted(forms)


class _Matcher:
    """Finds registry names in a text, and knows what each name key means."""

    def __init__(self, registry: Registry):
        self.registry = registry
        self.strong = registry.strong_index()
        self.weak = registry.weak_index()
        self.ships: dict[str, str] = {}
        for c in registry.couples.values():
            for ship in c.ship_names:
                self.ships[name_key(ship)] = c.id
        surface: set[str] = set()
        for key_names in (self._strong_names(), self._weak_names(), [s for c in registry.couples.values()
                                                                        for s in c.ship_names]):
            for n in key_names:
                surface.update(_surface_forms(n))
        self.work_titles = [(w.id, [name_key(t) for t in w.titles]) for w in registry.works.values()]
        self.how = self._how_named(registry)
        # Korean names are looked up per Hangul word (a name starts a word: 이, 김, 박 ... start names and hide
        # inside every sentence), longest first; the few with a space or a digit ("리정혁 대위", "기안84") and all
        # romanized ones go through regexes. Matched against lower-cased text: a case-insensitive regex would be
        # six times slower here. ``_words`` / ``_plain``: what each word read so far names (see _read_words).
        korean = {f for f in surface if _HANGUL_WORD.fullmatch(f)}
        self._korean = frozenset(korean)
        # Most words start with no name's first two syllables: one set look-up rules them out.
        lengths: dict[str, set[int]] = {}
        for f in korean:
            lengths.setdefault(f[:2], set()).add(len(f))
        self._lengths = {pre: tuple(sorted(ls, reverse=True)) for pre, ls in lengths.items()}
        self._one = frozenset(f for f in korean if len(f) == 1)
        # Substring-safe forms, and the registry forms that contain one (송강호 around 송강): matched anywhere
        # in a word, longest first, so a longer name hides the safe one inside it.
        self._safe = frozenset(korean & substring_safe_forms())
        around = {f for f in korean if any(f[i:j] in self._safe for i in range(len(f))
                                           for j in range(i + 2, len(f) + 1) if j - i < len(f))}
        inside: dict[str, set[int]] = {}
        for f in self._safe | around:
            inside.setdefault(f[:2], set()).add(len(f))
        self._inside_forms = self._safe | around
        # A dict look-up per syllable, as for word starts: a regex of two thousand names costs more in cache.
        self._inside = {pre: tuple(sorted(ls, reverse=True)) for pre, ls in inside.items()} or None
        odd = [f for f in surface if _HANGUL.match(f) and f not in korean]
        self._odd_first = frozenset(f[0] for f in odd)
        self._first = self._one | self._odd_first
        self._odd_heads = frozenset(_HANGUL_WORD.match(f).group(0) for f in odd)
        self._words: dict[str, tuple] = {}
        self._inside_words: dict[str, tuple] = {}
        self._plain: set[str] = set()
        self._odd = re.compile(_trie_regex(sorted(odd, key=len, reverse=True))) if odd else None
        latin = [f for f in surface if not _HANGUL.match(f)]
        # Romanized names are looked up by runs of Latin words, not by a regex: with two thousand people the trie
        # regex took most of a second to compile in every process. A form is its parts joined by nothing or a
        # _SEP_MARK (one separator character); ``_latin_prefixes`` lets a run stop as soon as no form starts so.
        self._latin = frozenset(latin)
        self._latin_prefixes = frozenset(f[:i] for f in latin for i in range(1, len(f) + 1)
                                         if i == len(f) or f[i] == _SEP_MARK)

    def works_in(self, title: str, named: list[str]) -> list[str]:
        """Works a headline is about: named by a title, or two of the people it names are in the cast."""
        key = name_key(title)
        out = [wid for wid, titles in self.work_titles if any(t in key for t in titles)]
        for i, a in enumerate(named):
            for b in named[i + 1:]:
                out.extend(w for w in self.registry.works_of(a) & self.registry.works_of(b) if w not in out)
        return out

    @staticmethod
    def _how_named(registry: Registry) -> dict[tuple[str, str], str]:
        """(name key, person id) -> how that name names the person (``targets.NAMED_HOW``)."""
        how: dict[tuple[str, str], str] = {}
        for p in registry.people.values():
            kinds = (("character", p.characters), ("given", (*p.given_names, *p.derived_given_names(),
                                                            *p.ambiguous)),
                     ("alias", p.aliases), ("full", [n for n in (p.name_ko, p.name_en) if n]))
            for kind, names in kinds:  # later kinds win: a full name that is also listed elsewhere is "full"
                for n in names:
                    for form in (latin_orders(n) if n.isascii() else [n]):
                        key = name_key(form)
                        handle = kind == "alias" and n.isascii() and not re.search(r"\s", n) and n != p.name_en
                        how[(key, p.id)] = "handle" if handle else kind
        return how

    def _strong_names(self) -> list[str]:
        return [n for p in self.registry.people.values() for n in p.strong_names()]

    def _weak_names(self) -> list[str]:
        return [n for p in self.registry.people.values() for n in p.weak_names()]

    def hits(self, text: str) -> list[tuple[str, str]]:
        """(key, kind) for every accepted name in lower-cased ``text``, in order; kind: "strong", "weak", "called"
        (a weak name addressed like a person) or "ship"."""
        return self.scan(text)[0]

    def scan(self, text: str) -> tuple[list[tuple[str, str]], int | None]:
        """``hits``, and the comment's ``targets.cue_bits`` when they came for free (else None)."""
        read = self._read_words(text)
        return read if read is not None else (self._hits_in_text(text), None)

    def _read_words(self, text: str) -> tuple[list[tuple[str, str]], int] | None:
        """``scan`` of a text word by word: what a Korean word names, and which cue words it holds, depends on
        the word alone, so each word (here: each run of non-spaces, whose Hangul words are the text's in order)
        is read once and remembered; comments share most of their words. None when a word has a Latin letter
        (romanized names and English cues need the whole text), or may start a name with a space or digit
        ("리정혁 대위", "기안84"): those need what follows."""
        cache, plain = self._words, self._plain
        out: list = []
        bits = 0
        for token in text.split():
            if token in plain:
                continue
            found = cache.get(token)
            if found is None:
                if len(cache) > 500_000:
                    cache.clear()
                    plain.clear()
                found = self._read_token(token)
                if found == ((), 0) and type(found) is tuple:  # most words: no name, no cue
                    plain.add(token)
                    continue
                cache[token] = found
            if found is _NEEDS_TEXT:
                return None
            if type(found) is _SpacedHead and self._odd.search(text) is not None:
                return None
            if found[0]:
                out.extend(found[0])
            bits |= found[1]
        if not bits & CONGRATS_BIT and ("잘" in text or "결혼" in text or "예쁜" in text) \
                and SPACED_CONGRATS.search(text):
            bits |= CONGRATS_BIT
        return out, bits

    def _read_token(self, token: str, alone: bool | str = True) -> tuple:
        if _ASCII_LETTER.search(token):  # romanized names and cue words are read in the whole text
            return _NEEDS_TEXT
        # Without Latin letters, the only cue words are Korean ones, each inside one Hangul word.
        hits: list = []
        bits = cue_bits(token)
        inside = self._inside is not None
        for word in _HANGUL_WORD.findall(token):
            pos = 0
            if word[:2] in self._lengths or word[0] in self._first:
                try:
                    end = self._longest(word, 0, len(word), alone=alone)
                    if end is not None:
                        pos = self._accept_korean(word, 0, end, hits, alone=alone) or 0
                except _NeedsText:
                    return _SpacedHead(self._read_token(token, alone=_IGNORE_SPACED))
            # A safe name at the word's start was read above (or lies inside a longer name read there).
            if inside and pos < len(word) - (1 if pos else 2):
                for _, key in self._inside_hits(word, pos or 1, len(word)):
                    self._add(key, hits)
        return tuple(hits), bits

    def _inside_hits(self, text: str, pos: int, end: int) -> list[tuple[int, str]]:
        """(start, key) of the substring-safe names in text[pos:end], wherever they are in their words: the
        longest registry form at each position, left to right, kept when it is safe."""
        out = []
        lengths, forms = self._inside, self._inside_forms
        i = pos
        while i < end - 1:
            for n in lengths.get(text[i:i + 2], ()):
                if i + n <= end and text[i:i + n] in forms:
                    if text[i + n:end] not in SUFFIXES:
                        # A name that overlaps this one and ends the word, where this one does not, is the one
                        # written: 합니다현빈 holds 현빈, not the 다현 across the sentence break.
                        j = self._ending_overlap(text, i, i + n, end)
                        if j is not None:
                            i = j
                            break
                    if text[i:i + n] in self._safe:
                        out.append((i, text[i:i + n]))
                    i += n
                    break
            else:
                i += 1
        return out

    def _ending_overlap(self, text: str, start: int, stop: int, end: int) -> int | None:
        """The start of a safe form that begins inside text[start:stop], runs past it and leaves only an ending
        (or nothing) of the word; None if there is none."""
        for j in range(start + 1, stop):
            for n in self._inside.get(text[j:j + 2], ()):
                if stop < j + n <= end and text[j:j + n] in self._safe and text[j + n:end] in SUFFIXES:
                    return j
        return None

    def _hits_in_text(self, text: str) -> list[tuple[str, str]]:
        """``hits`` of any text, reading it whole: Korean words in place, romanized names by runs of Latin words,
        merged in the order they occur."""
        found: list[tuple[int, list]] = []
        done = 0
        lengths, first, inside = self._lengths, self._first, self._inside
        for m in _HANGUL_WORD.finditer(text):
            start, word_end = m.start(), m.end()
            pos = start
            if start < done:
                pos = done  # a name with a space ate the start of this word ("리정혁 대위가")
            elif text[start:start + 2] in lengths or text[start] in first:
                end = self._longest(text, start, word_end)
                if end is not None:
                    out: list = []
                    done = self._accept_korean(text, start, end, out) or 0
                    pos = max(pos, done)
                    if out:
                        found.append((start, out))
            if inside is not None and pos < word_end - 1:
                # What a word holds inside depends on the word alone: remembered, as texts with Latin letters
                # are read whole every time. A name read at the word's start above comes first here too.
                word = m.group()
                held = self._inside_words.get(word)
                if held is None:
                    if len(self._inside_words) > 200_000:
                        self._inside_words.clear()
                    held = self._inside_words[word] = tuple(self._inside_hits(word, 0, len(word)))
                for at, key in held:
                    if start + at >= pos:
                        out = []
                        self._add(key, out)
                        found.append((start + at, out))
        if self._latin and _LATIN_CHAR.search(text):
            found.extend(self._latin_hits(text))
        if len(found) > 1:
            found.sort(key=lambda f: f[0])
        return [hit for _, out in found for hit in out]

    def _latin_hits(self, text: str) -> list[tuple[int, list]]:
        """(start, hits) of the romanized names in lower-cased ``text``: the longest run of whole Latin words, joined
        by one separator character each, that is a name form ("Songkang", "Song-kang", "#HyunBin", "Hyun Bin's";
        never "Song" inside "Songkang"), left to right."""
        words = [(m.start(), m.end(), m.group()) for m in _LATIN_WORD.finditer(text)]
        forms, prefixes = self._latin, self._latin_prefixes
        out = []
        i = 0
        while i < len(words):
            start, end, form = words[i]
            best = i if form in forms else None
            j = i
            while form in prefixes and j + 1 < len(words) and words[j + 1][0] == end + 1 \
                    and text[end] in _SEPARATORS:
                j += 1
                end = words[j][1]
                form += _SEP_MARK + words[j][2]
                if form in forms:
                    best = j
            if best is None:
                i += 1
                continue
            hits: list = []
            self._add(name_key(text[start:words[best][1]]), hits)
            if hits:
                out.append((start, hits))
            i = best + 1
        return out

    def _longest(self, text: str, start: int, word_end: int | None = None, alone: bool | str = False) -> int | None:
        """The end of the longest Korean name that starts at ``start`` (a word of Hangul up to ``word_end``).
        ``alone``: ``text`` is one word without what follows it; raises _NeedsText if that could matter, or, as
        ``_IGNORE_SPACED``, leaves names with a space out."""
        if word_end is None:
            word_end = _HANGUL_RUN.match(text, start).end()
        best = None
        for n in self._lengths.get(text[start:start + 2], ()):
            if start + n <= word_end and text[start:start + n] in self._korean:
                best = start + n
                break
        if best is None and text[start] in self._one:
            best = start + 1
        if text[start] in self._odd_first:
            if alone:
                if alone is not _IGNORE_SPACED and text[start:word_end] in self._odd_heads:
                    raise _NeedsText
                return best
            m = self._odd.match(text, start)
            if m is not None and (best is None or m.end() > best):
                best = m.end()
        return best

    def _accept_korean(self, text: str, start: int, end: int, out: list, alone: bool | str = False,
                       glued_to: bool = False) -> int | None:
        """Append the name text[start:end] (and any names glued after it) if the rest of its word allows; the
        position after that word, or after the name when it is substring-safe (the rest may hold more names).
        ``glued_to``: the name follows another one, and the whole run must be names and an ending."""
        rest = _HANGUL_RUN.match(text, end).group(0)
        one_syllable = end - start == 1
        if rest in (SHORT_SUFFIXES if one_syllable else SUFFIXES) or not one_syllable and _honorific_suffix(rest):
            self._add(name_key(text[start:end]), out, called=_called(text[end - 1], rest))
            return end + len(rest)
        key = name_key(text[start:end])
        if not glued_to and text[start:end] in self._safe:
            # A substring-safe name counts whatever follows it (현빈정도면); the rest of the word may hold more.
            self._add(key, out)
            return end
        # Two names written together ("현빈손예진"): the whole run must be names and a final ending.
        glued: list = []
        nxt = self._longest(text, end, alone=alone) if rest and not one_syllable else None
        if nxt is not None and self._accept_korean(text, end, nxt, glued, alone, glued_to=True):
            self._add(key, out)
            out.extend(glued)
            return end + len(rest)
        if end - start >= 3 and (key in self.strong or key in self.weak or key in self.ships):
            # A name of three syllables or more is no word's start: fans glue anything to it (전현무나와서,
            # 문재앙탄핵 and 구승준살려내 count).
            self._add(key, out)
            return end + len(rest)
        return None

    def headline_subjects(self, title: str, hits: list[tuple[str, str]], named: list[str]) -> list[str]:
        """People a lower-cased headline names by a stage name that is also a word (승리, 슈, 유이), written as
        headlines write their subjects: before a comma, ♥ or a middle dot ("승리, 16시간 조사", "슈·바다"), not
        after a genitive ("연기자의 길, ..."). Given names stay weak: 사랑 in '사랑의 불시착' is nobody."""
        out = []
        for key, kind in hits:
            ids = self.weak.get(key, ()) if kind == "weak" else ()
            if len(ids) != 1:
                continue
            pid = next(iter(ids))
            if pid in named or pid in out or key not in self.registry.own_keys(self.registry.people[pid]):
                continue
            if re.search(r"(?<![가-힣a-z0-9])(?<!의 )" + re.escape(key) + r"\s*[,♥·∙&]", title):
                out.append(pid)
        return out

    def _add(self, key: str, out: list, called: bool = False) -> None:
        """``called``: the name is followed by a form of address (보검씨, 지효언니, 재석이형), which only a person
        takes: a weak name so written names its one registry bearer even out of context."""
        if key in self.ships:
            out.append((key, "ship"))
        elif key in self.strong:
            out.append((key, "strong"))
        elif key in self.weak:
            out.append((key, "called" if called else "weak"))

    def resolve(self, text: str, context: frozenset[str] = frozenset(),
                how: dict[str, str] | None = None) -> tuple[list[str], list[str]]:
        """(people ids in order of mention, couple ids named by a ship name) for one lower-cased text; ``how``,
        when given, receives how each person was named (the first way they were)."""
        return self.resolve_hits(self.hits(text), context, how)

    def resolve_hits(self, hits: list[tuple[str, str]], context: frozenset[str] = frozenset(),
                     how: dict[str, str] | None = None) -> tuple[list[str], list[str]]:
        """``resolve`` of a text's ``hits``."""
        if not hits:
            return [], []
        people: list[str] = []
        ships: list[str] = []
        weak: list[tuple[str, set[str]]] = []
        for key, kind in hits:
            if kind == "ship":
                cid = self.ships[key]
                ships.append(cid)
                members = self.registry.couples[cid].members
                people.extend(members)
                if how is not None:
                    for m in members:
                        how.setdefault(m, "ship")
            elif kind == "strong":
                ids = self.strong[key]
                in_context = [i for i in self.weak.get(key, ()) if i in context and i not in ids]
                if len(in_context) == 1:
                    # 성훈 is the actor Sung Hoon, but under a headline about 강성훈 or 박성훈 it is their given name
                    people.append(in_context[0])
                    if how is not None:
                        how.setdefault(in_context[0], self.how.get((key, in_context[0]), "given"))
                elif len(ids) == 1:
                    people.extend(ids)
                    if how is not None:
                        pid = next(iter(ids))
                        how.setdefault(pid, self.how.get((key, pid), "full"))
                else:
                    weak.append((key, ids, False))
            else:
                weak.append((key, self.weak[key], kind == "called"))
        if weak:
            named = set(people).union(*(ids for _, ids, _ in weak))
            for key, ids, called in weak:
                chosen = [i for i in ids if i in context]
                if len(chosen) != 1:
                    chosen = [i for i in ids if self.registry.partners(i) & (named - {i})]
                if not chosen and called and len(ids) == 1:
                    # Out of context, a weak name addressed like a person (보검씨) still names its one bearer.
                    chosen = list(ids)
                if len(chosen) == 1:
                    people.append(chosen[0])
                    if how is not None:
                        how.setdefault(chosen[0], self.how.get((key, chosen[0]), "given"))
        return list(dict.fromkeys(people)), list(dict.fromkeys(ships))


class People(Stage):
    name = "people"
    requires = ("text_norm", "title")
    provides = ("people", "pair", "couples")

    def __init__(self, pair: tuple[str, str] | None = None, registry: Registry | str | Path | None = None,
                 implicit: bool = True, selector: TargetSelector | str | Path | bool | None = None):
        self.pair = pair
        self.registry = registry
        self.implicit = implicit
        self.selector = selector
        self._matcher: _Matcher | None = None
        self._selector: TargetSelector | None = None
        self._pair_ids: tuple[str, str] | None = None
        self._titles: dict[str | None, _Title] = {}
        self._decisions: dict[tuple, tuple] = {}
        self._resolutions: dict[tuple, tuple] = {}

    def __repr__(self) -> str:
        return f"People(pair={self.pair!r})"

    def __getstate__(self) -> dict:
        # Ship the parameters, not the compiled matcher: a Spark worker rebuilds it once on first use.
        return {"pair": self.pair, "registry": self.registry, "implicit": self.implicit, "selector": self.selector}

    def __setstate__(self, state: dict) -> None:
        self.__init__(**state)

    def _load(self) -> _Matcher:
        if self._matcher is None:
            reg = self.registry if isinstance(self.registry, Registry) else load_registry(self.registry)
            reg = Registry(dict(reg.people), dict(reg.couples), dict(reg.works))  # ad-hoc pair people must not leak into the caller's
            if self.pair is not None:
                self._pair_ids = self._resolve_pair(reg, self.pair)
            if self.selector is not False:
                self._selector = (self.selector if isinstance(self.selector, TargetSelector)
                                  else load_selector(None if self.selector in (None, True) else self.selector))
            self._matcher = _Matcher(reg)
        return self._matcher

    @staticmethod
    def _resolve_pair(reg: Registry, pair: tuple[str, str]) -> tuple[str, str]:
        if len(pair) != 2:
            raise UsageError(f"--pair needs exactly two names, got {len(pair)}; write --pair \"Name A\" \"Name B\"")
        ids = []
        for name in pair:
            pid = reg.resolve(name)
            if pid is None:
                # A pair the registry does not know is still worth analysing: add its people under their names.
                pid = "-".join(_LATIN_PARTS.findall(name.lower())) if name.isascii() else name_key(name)
                if not pid:
                    raise UsageError(f"--pair name {name!r} has no letters; give the person's name")
                if pid not in reg.people:
                    reg.add(Person(id=pid, **({"name_en": name} if name.isascii() else {"name_ko": name.strip()}),
                                   note="added from --pair"))
            ids.append(pid)
        if ids[0] == ids[1]:
            raise UsageError(f"--pair names {pair[0]!r} and {pair[1]!r} are the same person; name two people")
        return tuple(sorted(ids))  # type: ignore[return-value]

    def _title_context(self, title: str | None) -> _Title:
        """What a headline says about its comments, computed once per headline (comments come in blocks).

        The context (whose weak names count) adds the casts of the works the headline is about, the families of
        the people it names, and the explicit pair."""
        cached = self._titles.get(title)
        if cached is not None:
            return cached
        reg = self._matcher.registry
        pair, named, context, roles, role_name = None, [], set(), (), None
        if title:
            low = title.lower()
            hits = self._matcher.hits(low)
            named, _ = self._matcher.resolve_hits(hits)
            named += self._matcher.headline_subjects(low, hits, named)
            for i, a in enumerate(named):
                for b in named[i + 1:]:
                    if reg.couple_of(a, b) is not None:
                        pair = couple_id(a, b)
                        break
                if pair:
                    break
            if pair is None and len(named) >= 2:
                pair = couple_id(named[0], named[1])
            roles, role_name = self._roles(title.lower(), named)
            context = set(named).union(*(reg.works[w].cast for w in self._matcher.works_in(title, named)),
                                       *(reg.family(p) for p in named))
        if self._pair_ids is not None:
            pair = "|".join(self._pair_ids)
        pair_people = tuple(pair.split("|")) if pair else ()
        if len(self._titles) > 50_000:
            self._titles.clear()
            self._decisions.clear()
            self._resolutions.clear()
        cached = self._titles[title] = _Title(
            pair, pair_people, tuple(named), frozenset(context.union(pair_people)), roles, role_name,
            headline_info(title, len(named)), {p: i + 1 for i, p in enumerate(named)},
            frozenset().union(*(reg.family(p) for p in named)) if named else frozenset(),
            frozenset(reg.people[p].gender for p in (*named, *pair_people) if p in reg.people and reg.people[p].gender))
        return cached

    def _roles(self, title: str, named: list[str]) -> tuple[tuple, str | None]:
        """The unnamed partner of a headline person, when the headline names no partner: (regex of the words a
        comment uses for them with the name each gives, the headline's own word for them or None)."""
        reg = self._matcher.registry
        if not named or not _UNNAMED_PARTNER.search(title) or any(reg.partners(p) & set(named) for p in named):
            return (), None
        out = []
        for group in _ROLE_GROUPS:
            in_title = [w for w in group if w in title]
            out.append((name_key(in_title[0]) if in_title else group[0], group))
        m = _PARTNER_WORD.search(title)
        return (_ROLE_WORDS, tuple(name for name, _ in out)), (name_key(m.group(0)) if m else None)

    def candidates(self, text: str, title: str | None = None, with_block: bool = False):
        """(features, id) of everyone ``text`` may be about: the people it names, the headline's people and pair,
        and the headline's unnamed partner; with ``with_block``, also the features of the block of people it
        does not name. The selector decides among them; training reads them from here."""
        self._load()
        t = self._title_context(title)
        read = self._read(text.lower(), t)
        cands = self._candidates(t, read)
        return (cands, self._block(t, read)) if with_block else cands

    def _block(self, t: _Title, read: tuple) -> list[str]:
        return block_features(t.headline, read[2], read[3], len(t.named), read[4] is not None, t.genders)

    def _read(self, text: str, t: _Title) -> tuple:
        """What the selector's decision depends on: (named people with how, ships, cues, "they", partner word)."""
        hits, bits = self._matcher.scan(text)
        named, ships = self._resolved(hits, t) if hits else ((), ())
        role_named = None
        if t.roles:
            regex, names = t.roles
            m = regex.search(text)
            if m is not None:
                role_named = t.role_name or names[_ROLE_GROUP[m.group(0)]]
        deixis = bool(t.pair_people) and _may_refer(text, bits is None) and _DEIXIS.search(text) is not None
        return named, ships, comment_cues(text, len(named), bits), deixis, role_named

    def _resolved(self, hits: list, t: _Title) -> tuple[tuple, tuple]:
        """(named people with how, ships) of a comment's name hits under its headline, remembered: the same
        names come back under one headline comment after comment."""
        key = (tuple(hits), t.context)
        done = self._resolutions.get(key)
        if done is None:
            if len(self._resolutions) > 200_000:
                self._resolutions.clear()
            how: dict[str, str] = {}
            _, ships = self._matcher.resolve_hits(hits, t.context, how)
            done = self._resolutions[key] = (tuple(how.items()), tuple(ships))
        return done

    def _candidates(self, t: _Title, read: tuple) -> list[tuple[list[str], str]]:
        reg = self._matcher.registry
        named, _, cues, deixis, role_named = read
        how = dict(named)
        ids = list(how)
        if self.implicit:
            # An explicit pair wins over the headline: a comment that names nobody is about the pair (v1's rule).
            implicit = t.pair_people if self._pair_ids is not None else (*t.pair_people, *t.named)
            ids += [p for p in implicit if p not in how]
            role = role_named or t.role_name
            if role and role not in how:
                ids.append(role)
        elif deixis:
            ids += [p for p in t.pair_people if p not in how]
        out = []
        for pid in dict.fromkeys(ids):
            person = reg.people.get(pid)
            is_role = person is None
            c = Candidate(
                id=pid, how=how.get(pid), headline_rank=t.ranks.get(pid, 0), in_pair=pid in t.pair_people,
                role=is_role, role_named=is_role and role_named is not None,
                gender=None if is_role else person.gender, family_of_headline=pid in t.family,
                partner_named=not is_role and bool(reg.partners(pid) & how.keys()))
            out.append((features(c, t.headline, cues, deixis, bool(how.keys() - {pid})), pid))
        return out

    def analyse(self, text: str, title: str | None = None) -> tuple[list[str], str | None, list[str]]:
        """(people, pair, couples) of one comment."""
        t = self._titles.get(title) if self._matcher is not None else None
        if t is None:
            self._load()
            t = self._title_context(title)
        text = text.lower()
        if self._selector is None:
            people, ships = self._rules(text, t)
            return people, t.pair, self._couples(people, ships, t)
        read = self._read(text, t)
        # The decision depends on the headline and on what the comment says only through ``read``: comments
        # that read alike under one headline share it.
        key = (title, *read)
        decided = self._decisions.get(key)
        if decided is None:
            if len(self._decisions) > 200_000:
                self._decisions.clear()
            cands = self._candidates(t, read)
            keep = self._selector.select([feats for feats, _ in cands], self._block(t, read))
            people = [pid for (_, pid), k in zip(cands, keep) if k]
            decided = self._decisions[key] = (people, self._couples(people, read[1], t))
        return list(decided[0]), t.pair, list(decided[1])

    def _couples(self, people: list[str], ships, t: _Title) -> list[str]:
        """Registry couples the comment invokes (a ship name, or both members among its people), but its pair."""
        if not people:
            return []
        invoked = list(ships)
        mentioned = set(people)
        partners = self._matcher.registry.partners
        for p in people:
            for partner in partners(p) & mentioned:
                cid = couple_id(p, partner)
                if cid not in invoked:
                    invoked.append(cid)
        return [c for c in invoked if c != t.pair]

    def _rules(self, text: str, t: _Title) -> tuple[list[str], list[str]]:
        """The v1 hand rules (``selector=False``): named people, the pair on "they", the headline's people when
        nobody is named and the comment is not off topic, and any unnamed-partner word."""
        people, ships = self._matcher.resolve(text, t.context)
        if t.pair_people and _DEIXIS.search(text):
            people.extend(p for p in t.pair_people if p not in people)
        if not people and self.implicit and not _OFF_TOPIC.search(text):
            people = list(t.pair_people or t.named)
        if t.roles:
            regex, names = t.roles
            for m in regex.finditer(text):
                name = t.role_name or names[_ROLE_GROUP[m.group(0)]]
                if name not in people:
                    people.append(name)
        return people, ships

    def __call__(self, batch: pa.RecordBatch) -> pa.RecordBatch:
        self._load()
        texts = column(batch, "text_norm")
        titles = column(batch, "title") if batch.schema.get_field_index("title") >= 0 else [None] * len(texts)
        people, pairs, couples = [], [], []
        for text, title in zip(texts, titles):
            p, pair, c = self.analyse(text or "", title)
            people.append(p)
            pairs.append(pair)
            couples.append(c)
        return with_columns(batch, {"people": people, "pair": pairs, "couples": couples})
