"""Ukrainian entities, with no Ukrainian NER model to install: natasha's Russian tagger
read through a length-preserving respelling, then Ukrainian rules and morphology.

- `respell` maps Ukrainian letters to their nearest Russian ones (і→и, є→е, ї→и, ґ→г,
  apostrophe→ъ, word-final и→ы after a hard consonant) without changing offsets, so
  `України` reaches the tagger as `Украины`, a word its embeddings know.
- pymorphy3's Ukrainian dictionary (first names, surnames, patronymics) fixes types and
  puts names in the nominative for the index.
- Rules add what the tagger misses: organisations named by a legal form and quotes
  (`ТОВ «Нью Сторі»`), acronyms.
"""

from __future__ import annotations

import re
import warnings

from reader.entities.dates import find_dates
from reader.entities.spans import resolve, trim
from reader.model import Entity

_LETTERS = str.maketrans({"і": "и", "І": "И", "ї": "и", "Ї": "И", "є": "е", "Є": "Е", "ґ": "г", "Ґ": "Г",
                          "'": "ъ", "’": "ъ", "ʼ": "ъ"})
_FINAL_Y = re.compile(r"(?<=[бвдзлмнпрстфцБВДЗЛМНПРСТФЦ])и\b")


def respell(text: str) -> str:
    """Ukrainian spelt as Russian letter for letter: same length, same offsets."""
    return _FINAL_Y.sub("ы", text).translate(_LETTERS)


_WORD = re.compile(r"\w+(?:[-'’ʼ]\w+)*")
# An organisation named by its legal form and quotes, nested quotes allowed:
# ТОВ «Керуюча компанія «Днепросервіс»», ДП «Укрбурштин».
_LEGAL_QUOTED = re.compile(r"\b[А-ЯІЇЄҐ]{2,6}\s*«[^«»\n]{1,80}?(?:«[^«»\n]{1,80}?»?)?[^«»\n]{0,80}?»")
_ACRONYM = re.compile(r"\b[А-ЯІЇЄҐ]{2,7}\b")
#: Acronyms that name no organisation (tax, media, units, forms of ownership on their own).
_NOT_ORG = frozenset(
    "ТОВ ПАТ ПрАТ ПП ДП КП АТ ВАТ ЗАТ ТД ФОП ЛТД ПДВ ЗМІ ВВП ЖКГ ДТП ПСГ АЕС ГЕС ТЕС ТЕЦ ЕОМ ПММ"
    " СВ СУ ГУ ТУ КС БК ЖК ЄДРПОУ ІПН ООН".split()
)
#: Acronyms of places.
_LOC_ACRONYMS = frozenset("США РФ ОАЕ ФРН КНР КНДР ПАР СРСР УРСР УСРР АРК".split())
_PER_TAGS = {"Name", "Surn", "Patr"}
_LOC_PREPOSITIONS = frozenset("в у на під біля до з із м".split())


class UkrainianRecogniser:
    lang = "uk"

    def __init__(self) -> None:
        import pymorphy3
        from natasha import NewsEmbedding, NewsNERTagger, Segmenter

        self.segmenter = Segmenter()
        self.ner = NewsNERTagger(NewsEmbedding())
        self.morph = pymorphy3.MorphAnalyzer(lang="uk")

    def tagger_spans(self, text: str) -> list[tuple[int, int, str]]:
        from natasha import Doc

        doc = Doc(respell(text))
        doc.segment(self.segmenter)
        doc.tag_ner(self.ner)
        return [(s.start, s.stop, s.type) for s in doc.spans]

    def __call__(self, text: str) -> list[Entity]:
        found = []
        for m in _LEGAL_QUOTED.finditer(text):
            if m.group().split("«")[0].strip() not in _LOC_ACRONYMS:
                found.append(self.entity(text, m.start(), m.end(), "ORG"))
        for s, e, label in self.tagger_spans(text):
            s, e = trim(text, s, e)
            label = self.relabel(text, s, e, label)
            if label:
                found.append(self.entity(text, s, e, label))
        found = resolve(found)
        taken = [(e.start, e.end) for e in found]

        def free(s: int, e: int) -> bool:
            return all(e <= a or s >= b for a, b in taken)

        for m in _ACRONYM.finditer(text):
            word = m.group()
            if free(*m.span()) and word not in _NOT_ORG:
                found.append(self.entity(text, m.start(), m.end(), "LOC" if word in _LOC_ACRONYMS else "ORG"))
        for m in _WORD.finditer(text):
            if free(*m.span()) and m.group()[0].isupper() and self.is_first_name(m.group()):
                found.append(self.entity(text, m.start(), m.end(), "PER"))
        found.extend(find_dates(text, "uk"))
        return resolve(found)

    def entity(self, text: str, s: int, e: int, label: str) -> Entity:
        return Entity(s, e, label, text[s:e], self.normalise(text[s:e], label))

    def relabel(self, text: str, s: int, e: int, label: str) -> str | None:
        """The tagger's label checked against Ukrainian morphology; None drops the span."""
        if e <= s:
            return None
        words = _WORD.findall(text[s:e])
        if len(words) == 1:
            parses = self.morph.parse(words[0])
            tags = {g for p in parses for g in p.tag.grammemes}
            known = parses[0].is_known
            if words[0].isupper() and len(words[0]) > 1:
                return "LOC" if words[0] in _LOC_ACRONYMS else label
            if known and not tags & _PER_TAGS and parses[0].tag.POS not in ("NOUN", "ADJF") :
                return None  # a pronoun, conjunction, verb... capitalised at a sentence start
            if label == "PER":
                before = text[max(0, s - 6):s].split()
                if before and before[-1].lower().strip(".") in _LOC_PREPOSITIONS and "loct" in tags:
                    return "LOC"
                if known and not tags & _PER_TAGS:
                    return None
        return label

    def is_first_name(self, word: str) -> bool:
        return any("Name" in p.tag.grammemes and p.score >= 0.3 for p in self.morph.parse(word)[:2])

    def normalise(self, surface: str, label: str) -> str:
        return " ".join(surface.split())


def load() -> UkrainianRecogniser:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        return UkrainianRecogniser()
