"""The people registry: who can be mentioned, under which names, and which of them form couples.

A registry is one or more TOML files with ``[[person]]`` and ``[[couple]]`` tables (see ``default.toml``).
Names are compared by a *key*: case-folded, with spaces, hyphens, dots, apostrophes and a leading ``@``/``#``
removed, so "Song Kang", "song-kang", "SongKang" and "#songkang" are one name. Latin names of two or more
parts are also known in the reversed order ("Kang Song"), because fans write both.

Names come in two strengths. *Strong* names (the full Korean and English name, aliases, ship names) identify a
person anywhere. *Weak* names (given names, character names, and names that are also ordinary words, listed in
``ambiguous``) identify a person only when the context already points at them; the people stage applies that
rule, the registry only records which is which. A Korean name of three syllables with a common family name
also gives its given name as a weak name (손예진 -> 예진), and a romanized "Family Given-name" gives "Given-name".

A person may carry ``gender`` ("f"/"m": fans' 그녀/남편-style cues point at one of a couple) and ``family``
(ids of their parents): a child's given name or nickname counts under a headline naming a parent.

``[[work]]`` tables (a drama or show with its cast) let character names count under a headline about that work:
the cast of a work named in a headline, or shared by two people it names, is in context.
"""
from __future__ import annotations

import functools
import json
import re
import tomllib
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Iterable, Iterator

from ..errors import RegistryError

COUPLE_KINDS = ("real", "onscreen")
COUPLE_STATUSES = ("dating", "married", "separated", "rumoured")
GENDERS = ("f", "m")
_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_KEY_DROP = re.compile(r"[\s\-_.'’·・‧]+")
_LATIN_PART = re.compile(r"[A-Za-z0-9]+")
# The commonest Korean family names: only a name that starts with one of these has a given name to derive
# (a stage name such as 아이유 or 씨잼 has none).
# Given names that are also everyday words (하늘 "sky", 시원 "cool", 지연 "delay"): never derived.
_WORD_GIVEN_NAMES = frozenset({"하늘", "상수", "시원", "종국", "지연", "상아", "고은", "보라", "영희", "철강", "수지",
                               "나래", "하나", "은혜", "진주", "보미", "준수", "성우", "상용", "이나", "우리"})
FAMILY_NAMES = frozenset("김이박최정강조윤장임한오서신권황안송류유전홍고문양손배백허남심노하곽성차주우구민나진지엄채원천방공현함변염여추도소석선설마길연위표명기반왕금옥육인맹제모탁국어은편용예경봉사부황보")


def name_key(name: str) -> str:
    """The comparison key of a name: case-folded, no separators, no leading @ or #."""
    return _KEY_DROP.sub("", name.strip().lstrip("@#")).casefold()


def latin_orders(name: str) -> list[str]:
    """A romanized name and its reversed order: "Son Ye-jin" -> ["Son Ye-jin", "Ye-jin Son"].

    The first space-separated word is taken as the family name; a one-word name has one order.
    """
    words = name.split()
    if len(words) < 2:
        return [name]
    return [name, " ".join(words[1:] + words[:1])]


@dataclass(frozen=True)
class Person:
    id: str
    name_ko: str | None = None
    name_en: str | None = None
    aliases: tuple[str, ...] = ()
    given_names: tuple[str, ...] = ()
    characters: tuple[str, ...] = ()
    ambiguous: tuple[str, ...] = ()  # names that are also ordinary words (별, 하하, "Rain"): weak
    note: str = ""
    fictional: bool = False
    gender: str | None = None  # "f" / "m" where known: fans' 남편/아내, 그녀/그 cues point at one of a pair
    family: tuple[str, ...] = ()  # ids of parents (or a parent's spouse): under their headline, weak names count

    def strong_names(self) -> list[str]:
        names = [n for n in (self.name_ko, self.name_en) if n] + list(self.aliases)
        out: list[str] = []
        for n in names:
            out.extend(latin_orders(n) if n.isascii() else [n])
        weak = {name_key(a) for a in self.ambiguous}
        return [n for n in out if name_key(n) not in weak and not _one_syllable(n)]

    def weak_names(self) -> list[str]:
        out: list[str] = [n for n in (self.name_ko, self.name_en, *self.aliases) if n and _one_syllable(n)]
        for n in (*self.given_names, *self.derived_given_names(), *self.characters, *self.ambiguous):
            out.extend(latin_orders(n) if n.isascii() and n not in self.given_names else [n])
        return out

    def derived_given_names(self) -> list[str]:
        """손예진 -> 예진, "Son Ye-jin" -> "Ye-jin": how fans call someone they feel close to."""
        if self.fictional or self.given_names:
            return []
        out = []
        ko = (self.name_ko or "").replace(" ", "")
        if len(ko) == 3 and ko[0] in FAMILY_NAMES and all("가" <= ch <= "힣" for ch in ko) \
                and ko[1:] not in _WORD_GIVEN_NAMES:
            out.append(ko[1:])
        words = (self.name_en or "").split()
        if len(words) == 2 and "-" in words[1] and ko and ko[0] in FAMILY_NAMES:
            out.append(words[1])
        return out


def _one_syllable(name: str) -> bool:
    """A one-syllable Hangul name (별, 비) is too often a word or part of one to identify anyone by itself."""
    return len(name.strip()) == 1 and "가" <= name.strip() <= "힣"


@dataclass(frozen=True)
class Couple:
    id: str
    members: tuple[str, str]
    kind: str
    status: str | None = None
    work: str | None = None
    year: int | None = None
    ship_names: tuple[str, ...] = ()
    note: str = ""
    fictional: bool = False


@dataclass(frozen=True)
class Work:
    """A drama, film or show: under a headline about it, its cast's character names count."""
    id: str
    titles: tuple[str, ...]
    cast: tuple[str, ...]
    year: int | None = None
    note: str = ""


def couple_id(a: str, b: str) -> str:
    return "|".join(sorted((a, b)))


@dataclass
class Registry:
    people: dict[str, Person] = field(default_factory=dict)
    couples: dict[str, Couple] = field(default_factory=dict)
    works: dict[str, Work] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._strong: dict[str, set[str]] = {}
        self._weak: dict[str, set[str]] = {}
        self._partners: dict[str, set[str]] = {}
        self._works_of: dict[str, set[str]] = {}
        self._family: dict[str, set[str]] = {}
        for p in self.people.values():
            self._index(p)
        for c in self.couples.values():
            self._link(c)
        for w in self.works.values():
            for pid in w.cast:
                self._works_of.setdefault(pid, set()).add(w.id)

    def _index(self, p: Person) -> None:
        for f in p.family:
            self._family.setdefault(p.id, set()).add(f)
            self._family.setdefault(f, set()).add(p.id)
        for n in p.strong_names():
            self._strong.setdefault(name_key(n), set()).add(p.id)
        for n in p.weak_names():
            self._weak.setdefault(name_key(n), set()).add(p.id)

    def _link(self, c: Couple) -> None:
        a, b = c.members
        self._partners.setdefault(a, set()).add(b)
        self._partners.setdefault(b, set()).add(a)

    def add(self, person: Person) -> None:
        """Add a person at run time (a --pair name the files do not know)."""
        self.people[person.id] = person
        self._index(person)

    def resolve(self, name: str) -> str | None:
        """The id of the one person ``name`` denotes (any name, any case/spacing), else None.

        A strong name wins over a weak one; a name shared by several people resolves to None.
        """
        if name in self.people:
            return name
        key = name_key(name)
        for index in (self._strong, self._weak):
            ids = index.get(key)
            if ids:
                if len(ids) == 1:
                    return next(iter(ids))
                # A stage name that is also a word (미나, 별) is weak, and may also be someone's given name: it
                # still denotes the person whose own name it is.
                own = [i for i in ids if key in self.own_keys(self.people[i])]
                return own[0] if len(own) == 1 else None
        return None

    @staticmethod
    def own_keys(p: Person) -> set[str]:
        """The keys of a person's own names (full names and aliases), not of the given or character names."""
        return {name_key(n) for n in (p.name_ko, p.name_en, *p.aliases) if n}

    def strong_index(self) -> dict[str, set[str]]:
        return self._strong

    def weak_index(self) -> dict[str, set[str]]:
        return self._weak

    def partners(self, person_id: str) -> set[str]:
        return self._partners.get(person_id, set())

    def family(self, person_id: str) -> set[str]:
        """Children and parents linked by a ``family`` entry, either way."""
        return self._family.get(person_id, set())

    def works_of(self, person_id: str) -> set[str]:
        return self._works_of.get(person_id, set())

    def couple_of(self, a: str, b: str) -> Couple | None:
        return self.couples.get(couple_id(a, b))

    def display(self, person_id: str) -> str:
        """ "Hyun Bin (현빈)"; the id itself for an unknown person."""
        p = self.people.get(person_id)
        if p is None:
            return person_id
        if p.name_en and p.name_ko:
            return f"{p.name_en} ({p.name_ko})"
        return p.name_en or p.name_ko or p.id


@functools.lru_cache(maxsize=1)
def substring_safe_forms() -> frozenset[str]:
    """Korean name forms that count anywhere inside a word (현빈 in 이번엔현빈), measured on ordinary Korean text
    by ``tools/people/substring_safe.py`` and shipped as ``substring_safe.json``; empty if the file is missing."""
    try:
        text = resources.files("shipwatch.people").joinpath("substring_safe.json").read_text(encoding="utf-8")
    except FileNotFoundError:
        return frozenset()
    return frozenset(json.loads(text)["forms"])


def default_registry_path() -> Path:
    return Path(str(resources.files("shipwatch.people").joinpath("default.toml")))


def load_registry(path: str | Path | None = None, extra_paths: Iterable[str | Path] = ()) -> Registry:
    """Load ``path`` (the bundled default.toml when None) plus ``extra_paths``, validating every entry."""
    files = [Path(path) if path is not None else default_registry_path(), *map(Path, extra_paths)]
    people: dict[str, Person] = {}
    couples: dict[str, Couple] = {}
    works: dict[str, Work] = {}
    pending: list[tuple[Path, int, int, dict]] = []
    pending_works: list[tuple[Path, int, int, dict]] = []
    where: dict[str, tuple[Path, int, int]] = {}
    for f in files:
        doc, text = _read(f)
        for n, entry, line in _entries(doc, text, "person"):
            p = _person(f, n, line, entry)
            if p.id in people:
                raise RegistryError(
                    f"{f}:{line}: person #{n} has the duplicate id '{p.id}'; give it another id or delete one of "
                    f"the two entries (an extra file cannot redefine a person)"
                )
            people[p.id] = p
            where[p.id] = (f, n, line)
        pending.extend((f, n, line, entry) for n, entry, line in _entries(doc, text, "couple"))
        pending_works.extend((f, n, line, entry) for n, entry, line in _entries(doc, text, "work"))
    for p in people.values():
        for m in p.family:
            if m not in people or m == p.id:
                f, n, line = where[p.id]
                raise RegistryError(
                    f"{f}:{line}: person #{n} ('{p.id}'): family member '{m}' is not another person in the registry; "
                    f"add a [[person]] with id = \"{m}\" or fix the id"
                )
    for f, n, line, entry in pending:
        c = _couple(f, n, line, entry, people)
        if c.id in couples:
            raise RegistryError(f"{f}:{line}: couple #{n} '{c.id}' is listed twice; delete one of the entries")
        couples[c.id] = c
    for f, n, line, entry in pending_works:
        w = _work(f, n, line, entry, people)
        if w.id in works:
            raise RegistryError(f"{f}:{line}: work #{n} '{w.id}' is listed twice; delete one of the entries")
        works[w.id] = w
    return Registry(people, couples, works)


def _read(path: Path) -> tuple[dict, str]:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise RegistryError(f"{path}: people registry file not found; check the path") from None
    except UnicodeDecodeError:
        raise RegistryError(f"{path}: people registry is not UTF-8; save it as UTF-8") from None
    try:
        return tomllib.loads(text), text
    except tomllib.TOMLDecodeError as e:
        raise RegistryError(f"{path}: invalid TOML ({e}); fix the syntax at that line") from None


def _entries(doc: dict, text: str, table: str) -> Iterator[tuple[int, dict, int]]:
    entries = doc.get(table, [])
    if not isinstance(entries, list):
        raise RegistryError(f"{table}: must be an array of tables; write each entry as [[{table}]]")
    header = re.compile(rf"^[ \t]*\[\[[ \t]*{table}[ \t]*\]\]", re.M)
    lines = [text.count("\n", 0, m.start()) + 1 for m in header.finditer(text)]
    for n, entry in enumerate(entries, start=1):
        yield n, entry, lines[n - 1] if n - 1 < len(lines) else 0


def _strings(path: Path, where: str, entry: dict, key: str) -> tuple[str, ...]:
    value = entry.get(key, [])
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise RegistryError(f"{path}:{where}: '{key}' must be a list of non-empty strings; write {key} = [\"...\"]")
    return tuple(v.strip() for v in value)


def _person(path: Path, n: int, line: int, entry: dict) -> Person:
    where = f"{line}: person #{n}"
    pid = entry.get("id")
    if not isinstance(pid, str) or not pid:
        raise RegistryError(f"{path}:{where}: missing 'id'; add id = \"family-given\" (romanized, lowercase, hyphens)")
    if not _ID.match(pid):
        raise RegistryError(
            f"{path}:{where}: id '{pid}' is not lowercase romanized with hyphens; write it like \"hyun-bin\""
        )
    name_ko, name_en = entry.get("name_ko"), entry.get("name_en")
    if not (name_ko or name_en):
        raise RegistryError(f"{path}:{where} ('{pid}'): no name; add name_ko = \"...\" and/or name_en = \"...\"")
    for key, value in (("name_ko", name_ko), ("name_en", name_en)):
        if value is not None and not (isinstance(value, str) and value.strip()):
            raise RegistryError(f"{path}:{where} ('{pid}'): '{key}' must be a non-empty string; fix or remove it")
    lists = {k: _strings(path, f"{where} ('{pid}')", entry, k) for k in
             ("aliases", "given_names", "characters", "ambiguous", "family")}
    gender = entry.get("gender")
    if gender is not None and gender not in GENDERS:
        raise RegistryError(f"{path}:{where} ('{pid}'): gender must be \"f\" or \"m\" or left out; got {gender!r}")
    return Person(id=pid, name_ko=name_ko, name_en=name_en, note=str(entry.get("note", "")),
                  fictional=bool(entry.get("fictional", False)), gender=gender, **lists)


def _couple(path: Path, n: int, line: int, entry: dict, people: dict[str, Person]) -> Couple:
    where = f"{line}: couple #{n}"
    members = entry.get("members")
    if not (isinstance(members, list) and len(members) == 2 and all(isinstance(m, str) for m in members)):
        raise RegistryError(f"{path}:{where}: 'members' must list two person ids; write members = [\"a\", \"b\"]")
    for m in members:
        if m not in people:
            raise RegistryError(
                f"{path}:{where}: member '{m}' is not a person in the registry; add a [[person]] with id = \"{m}\" "
                f"or fix the id"
            )
    if members[0] == members[1]:
        raise RegistryError(f"{path}:{where}: both members are '{members[0]}'; name two different people")
    cid = couple_id(*members)
    if entry.get("id", cid) != cid:
        raise RegistryError(f"{path}:{where}: id must be the sorted member ids joined by '|'; write id = \"{cid}\"")
    kind = entry.get("kind")
    if kind not in COUPLE_KINDS:
        raise RegistryError(f"{path}:{where} ('{cid}'): kind must be one of {COUPLE_KINDS}; got {kind!r}")
    status = entry.get("status")
    if status is not None and status not in COUPLE_STATUSES:
        raise RegistryError(
            f"{path}:{where} ('{cid}'): status must be one of {COUPLE_STATUSES} or left out; got {status!r}"
        )
    year = entry.get("year")
    if year is not None and not isinstance(year, int):
        raise RegistryError(f"{path}:{where} ('{cid}'): year must be an integer like 2019; got {year!r}")
    return Couple(
        id=cid, members=tuple(sorted(members)), kind=kind, status=status, work=entry.get("work"), year=year,
        ship_names=_strings(path, f"{where} ('{cid}')", entry, "ship_names"), note=str(entry.get("note", "")),
        fictional=bool(entry.get("fictional", False)),
    )


def _work(path: Path, n: int, line: int, entry: dict, people: dict[str, Person]) -> Work:
    where = f"{line}: work #{n}"
    wid = entry.get("id")
    if not isinstance(wid, str) or not _ID.match(wid):
        raise RegistryError(f"{path}:{where}: 'id' must be lowercase romanized with hyphens; write id = \"crash-landing-on-you\"")
    titles = _strings(path, f"{where} ('{wid}')", entry, "titles")
    cast = _strings(path, f"{where} ('{wid}')", entry, "cast")
    if not titles or len(cast) < 2:
        raise RegistryError(f"{path}:{where} ('{wid}'): a work needs titles = [\"...\"] and at least two cast ids")
    for m in cast:
        if m not in people:
            raise RegistryError(f"{path}:{where} ('{wid}'): cast member '{m}' is not a person in the registry; add a "
                                f"[[person]] with id = \"{m}\" or fix the id")
    year = entry.get("year")
    if year is not None and not isinstance(year, int):
        raise RegistryError(f"{path}:{where} ('{wid}'): year must be an integer like 2019; got {year!r}")
    return Work(id=wid, titles=titles, cast=cast, year=year, note=str(entry.get("note", "")))


def check_file(path: str | Path, text: str | None = None) -> list[str]:
    """Every problem of a user's registry file, loaded after the bundled one: one line each, naming file, entry
    and fix. ``text`` checks that content as if it were the file (for ``people add``, before writing).

    Loading stops at the first error, so each problem is found by loading and taking the failing entry out.
    """
    path = Path(path)
    if text is None:
        if not path.exists():
            return [f"{path}: people registry file not found; check the path"]
        text = path.read_text(encoding="utf-8", errors="replace")
    try:
        tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        return [f"{path}: invalid TOML ({e}); fix the syntax at that line"]
    problems: list[str] = []
    lines = text.splitlines(keepends=True)
    for _ in range(200):  # a file with more problems than that needs its first ones fixed first
        try:
            _load_text(path, "".join(lines))
            return problems
        except RegistryError as e:
            problems.append(str(e))
            line = _error_line(str(e), path)
            if line is None or not _drop_entry(lines, line):
                return problems
    return problems


def _load_text(path: Path, text: str) -> Registry:
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / path.name
        copy.write_text(text, encoding="utf-8")
        try:
            return load_registry(extra_paths=[copy])
        except RegistryError as e:
            raise RegistryError(str(e).replace(str(copy), str(path))) from None


def _error_line(message: str, path: Path) -> int | None:
    m = re.match(re.escape(str(path)) + r":(\d+):", message)
    return int(m.group(1)) if m and int(m.group(1)) > 0 else None


def _drop_entry(lines: list[str], line: int) -> bool:
    """Blank out the table that starts at 1-based ``line`` (up to the next table header)."""
    start = line - 1
    if not (0 <= start < len(lines)) or not lines[start].lstrip().startswith("[["):
        return False
    end = start + 1
    while end < len(lines) and not lines[end].lstrip().startswith("[["):
        end += 1
    for i in range(start, end):
        lines[i] = "\n"
    return True


def _toml_str(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def person_toml(pid: str, name_ko: str | None = None, name_en: str | None = None, aliases: Iterable[str] = (),
                given_names: Iterable[str] = (), characters: Iterable[str] = (), note: str = "") -> str:
    """A ``[[person]]`` table in the bundled file's style."""
    out = ["[[person]]", f"id = {_toml_str(pid)}"]
    if name_ko:
        out.append(f"name_ko = {_toml_str(name_ko)}")
    if name_en:
        out.append(f"name_en = {_toml_str(name_en)}")
    for key, values in (("aliases", aliases), ("given_names", given_names), ("characters", characters)):
        values = [v for v in values if v.strip()]
        if values:
            out.append(f"{key} = [{', '.join(map(_toml_str, values))}]")
    if note:
        out.append(f"note = {_toml_str(note)}")
    return "\n".join(out) + "\n"


def format_person(p: Person) -> str:
    """One tab-separated line: id, Hangul, romanized, the other names."""
    others = [*p.aliases, *p.given_names, *p.derived_given_names(), *p.characters]
    return f"{p.id}\t{p.name_ko or '-'}\t{p.name_en or '-'}\t{', '.join(others) or '-'}"
