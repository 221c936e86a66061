"""Names put in the nominative for the index, with pymorphy3 (Ukrainian or Russian).

`Олені Поповій` → `Олена Попова`, `Йенсом Столтенбергом` → `Йенс Столтенберг`,
`Київської обласної ради` → `Київська обласна рада`. The words of one name agree in case,
number and gender, so readings are chosen together, not word by word; what follows the
head noun of a longer name (`банку України`) stays as written, as do quoted names and
acronyms. When no reading fits, the name is kept as written rather than guessed.
"""

from __future__ import annotations

import re
from collections.abc import Callable

_WORD = re.compile(r"\w+(?:[-'’ʼ]\w+)*")
PER_TAGS = frozenset({"Name", "Surn", "Patr"})
#: Endings of foreign names that Ukrainian and Russian leave undeclined (Бібі, Кюри, Шоу, Гете).
_INDECLINABLE_ENDS = frozenset("іиуюоеэ")


def like(word: str, model: str) -> str:
    """`word` in the letter case of `model`."""
    if word.lower() == model.lower():
        return model
    if model.isupper() and len(model) > 1:
        return word.upper()
    if model[:1].isupper():
        return "-".join(p[:1].upper() + p[1:] for p in word.split("-")) if "-" in model else word[:1].upper() + word[1:]
    return word


class Nominative:
    """Normaliser over one pymorphy3 analyzer's `parse` (cached by the caller)."""

    def __init__(self, parse: Callable, places: frozenset[str] = frozenset()) -> None:
        self.parse = parse
        self.places = places

    def __call__(self, surface: str, label: str) -> str:
        surface = " ".join(surface.split())
        if label not in ("PER", "LOC", "ORG") or any(q in surface for q in "«»\"“”„") or surface.isupper():
            return surface
        pieces = re.split(r"(\s+)", surface)
        words = [i for i, p in enumerate(pieces) if _WORD.fullmatch(p) and not p.isupper() and len(p) > 1]
        if not words:
            return surface
        if label == "PER":
            return self.person(pieces, words)
        if len(words) == 1:
            parse = self.place_or_body(pieces[words[0]])
            form = parse.inflect({"nomn"}) if parse is not None else None
            if form is not None:
                pieces[words[0]] = like(form.word, pieces[words[0]])
            return "".join(pieces)
        return self.agreeing(pieces, words)

    def person(self, pieces: list[str], words: list[int]) -> str:
        return self.person_readings(pieces, words)[0]

    def readings(self, surface: str, label: str) -> list[str]:
        """Every nominative a person's name may have, best first (`Александра Белова` is a
        woman, or the genitive of `Александр Белов`); one reading for other types."""
        surface = " ".join(surface.split())
        pieces = re.split(r"(\s+)", surface)
        words = [i for i, p in enumerate(pieces) if _WORD.fullmatch(p) and not p.isupper() and len(p) > 1]
        if label != "PER" or not words or any(q in surface for q in "«»\"“”„"):
            return [self(surface, label)]
        return self.person_readings(pieces, words)

    def person_readings(self, pieces: list[str], words: list[int]) -> list[str]:
        """Given name, patronymic and surname in the nominative, each reading in one gender
        and case; a name that reads as a nominative (`Нэнси Пелоси`) first, as written."""
        out: list[str] = []
        # A word the dictionary does not know is kept as written: guessing its paradigm
        # turns `Мирианашвали` into `Мирианашваль`.
        known = [i for i in words if any(p.is_known for p in self.parse(pieces[i]))]
        if not known:
            return ["".join(pieces)]
        if all(any(p.tag.case == "nomn" and p.tag.number != "plur" and p.tag.grammemes & PER_TAGS for p in self.parse(pieces[i])) for i in known):
            out.append("".join(pieces))
        first = self.parse(pieces[known[0]])
        named = [p for p in first if p.tag.grammemes & PER_TAGS] or [p for p in first if p.tag.POS == "NOUN"]
        for lead in named:
            reading = list(pieces)
            for i in words:
                if i not in known and lead.tag.case == "nomn":
                    continue
                parses = [p for p in self.parse(pieces[i]) if p.tag.POS in ("NOUN", "ADJF")]
                fits = [p for p in parses if p.tag.case == lead.tag.case and (p.tag.gender == lead.tag.gender or p.tag.gender is None or "Fixd" in p.tag.grammemes)]
                if not fits and len(words) > 1 and i != known[0] and pieces[i][-1:].lower() in _INDECLINABLE_ENDS:
                    continue  # `Азії Бібі`: a foreign name ending in a vowel does not decline
                parses = fits or ([] if len(words) > 1 else parses)
                parses.sort(key=lambda p: not p.tag.grammemes & PER_TAGS)
                form = (parses[0].inflect({"nomn", "sing"}) or parses[0].inflect({"nomn"})) if parses else None
                if form is None:
                    break
                reading[i] = like(form.word, pieces[i])
            else:
                text = "".join(reading)
                if text not in out:
                    out.append(text)
        return out or ["".join(pieces)]

    def place_or_body(self, word: str):  # noqa: ANN201 - a pymorphy3 Parse or None
        parses = [p for p in self.parse(word) if p.tag.POS in ("NOUN", "ADJF")]
        if not parses:
            return None
        return next((p for p in parses if p.normal_form in self.places), None) or next(
            (p for p in parses if not p.tag.grammemes & PER_TAGS), parses[0]
        )

    def agreeing(self, pieces: list[str], words: list[int]) -> str:
        """Adjectives and their head noun in the nominative together, in the gender and
        number the noun has (`Білому домі` → `Білий дім`); what follows the head stays."""
        adjectives, head = [], None
        for i in words:
            if i != words[-1] and any(p.tag.POS == "ADJF" for p in self.parse(pieces[i])):
                adjectives.append(i)
            else:
                head = i
                break
        if head is None:
            return "".join(pieces)
        for noun in (p for p in self.parse(pieces[head]) if p.tag.POS == "NOUN"):
            chosen = []
            for i in adjectives:
                fit = next(
                    (a for a in self.parse(pieces[i]) if a.tag.POS == "ADJF" and a.tag.case == noun.tag.case
                     and a.tag.number == noun.tag.number and (a.tag.number == "plur" or a.tag.gender == noun.tag.gender)),
                    None,
                )
                if fit is None:
                    break
                chosen.append((i, fit))
            else:
                out = list(pieces)
                for i, parse in chosen + [(head, noun)]:
                    form = parse.inflect({"nomn"})
                    if form is None:
                        return "".join(pieces)
                    out[i] = like(form.word, pieces[i])
                return "".join(out)
        return "".join(pieces)


_ANALYZERS: dict[str, Nominative] = {}


def nominative_for(lang: str) -> Nominative:
    """The normaliser the Ukrainian or Russian recogniser uses, without loading its tagger
    (pymorphy3 only): for `reader names` and for names typed into the entity filter."""
    if lang not in _ANALYZERS:
        import functools

        import pymorphy3

        from reader.entities.gazetteer import UK_LOC

        analyzer = pymorphy3.MorphAnalyzer(lang=lang)
        _ANALYZERS[lang] = Nominative(functools.lru_cache(maxsize=50_000)(analyzer.parse), UK_LOC if lang == "uk" else frozenset())
    return _ANALYZERS[lang]


_POSSESSIVE = re.compile(r"(?<=\w)['’](?:s\b|(?<=s['’]))")


def normalise(name: str, lang: str, label: str) -> str:
    """A name in its nominative as the index stores it: pymorphy3 for Ukrainian and
    Russian (the reading written as is first, as the recognisers choose without context),
    an English possessive dropped (`Blinken's`); other languages as written."""
    name = " ".join(name.split())
    if lang in ("uk", "ru"):
        return nominative_for(lang)(name, label)
    if lang == "en":
        return _POSSESSIVE.sub("", name)
    return name
