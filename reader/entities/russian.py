"""Russian entities: natasha's tagger (slovnet NER on navec embeddings), pymorphy3 to check
types and put names in the nominative (`Йенсом Столтенбергом` → `Йенс Столтенберг`),
dates by `dates.py`.

natasha's own normaliser needs its morphology tagger over the whole text, which halves
the speed, and it inflects every word of a long name (`Комитет защита журналисты`);
`nominative.py` agrees the words of a name instead and leaves dependants as written."""

from __future__ import annotations

import functools
import re
import warnings

from reader.entities.dates import find_dates
from reader.entities.nominative import Nominative
from reader.entities.spans import join_org_place, resolve, split_parenthesis, trim
from reader.model import Entity


_WORD = re.compile(r"\w+(?:-\w+)*")
_NAME_TAGS = frozenset({"Name", "Surn", "Patr", "Geox", "Orgn"})


class RussianRecogniser:
    """natasha's tagger for PER/ORG/LOC, its DatesExtractor for DATE."""

    lang = "ru"

    def __init__(self) -> None:
        import pymorphy3
        from natasha import NewsEmbedding, NewsNERTagger

        self.emb = NewsEmbedding()
        self.ner = NewsNERTagger(self.emb)
        self._context = None  # natasha's morphology, loaded for the first ambiguous name
        analyzer = pymorphy3.MorphAnalyzer(lang="ru")
        self.parse = functools.lru_cache(maxsize=50_000)(analyzer.parse)
        self.tag = functools.lru_cache(maxsize=50_000)(analyzer.tag)
        self.nominative = Nominative(self.parse)

    def __call__(self, text: str) -> list[Entity]:
        found = []
        for span in self.ner(text).spans:
            start, end = trim(text, span.start, span.stop)
            if end <= start:
                continue
            norm = self.normalise(text, start, end, span.type)
            label = self.relabel(text[start:end], span.type)
            found.extend(split_parenthesis(text, Entity(start, end, label, text[start:end], " ".join(norm.split()))))
        found = resolve(found)
        found = join_org_place(text, resolve(found + self.dictionary_names(text, found)))
        return resolve(found + find_dates(text, "ru"))

    def dictionary_names(self, text: str, found: list[Entity]) -> list[Entity]:
        """Capitalised words the tagger skipped that the dictionary knows only as a name,
        place or organisation (the tagger often misses a sentence-initial `Путин`)."""
        out = []
        for m in _WORD.finditer(text):
            word = m.group()
            if not word[0].isupper() or len(word) < 3 or any(e.start < m.end() and m.start() < e.end for e in found):
                continue
            tags = [t.grammemes for t in self.tag(word)]
            if any(not g & _NAME_TAGS for g in tags):
                continue  # also a common word: capitalised only by position
            first = tags[0]
            label = "PER" if first & {"Surn", "Name"} else "LOC" if "Geox" in first else "ORG" if "Orgn" in first else None
            if label:
                out.append(Entity(m.start(), m.end(), label, word, self.nominative(word, label)))
        return out


    def normalise(self, text: str, start: int, end: int, label: str) -> str:
        """The nominative of a name; when the dictionary allows several (`Медведева`: a
        woman, or Medvedev in the genitive), natasha's morphology reads the sentence."""
        readings = self.nominative.readings(text[start:end], label)
        if len(readings) == 1:
            return readings[0]
        return self.in_context(text, start, end) or readings[0]

    def in_context(self, text: str, start: int, end: int) -> str | None:
        """natasha's normal form of text[start:end], tagging only its sentence."""
        from natasha import Doc

        if self._context is None:
            from natasha import MorphVocab, NewsMorphTagger, Segmenter

            self._context = (Segmenter(), NewsMorphTagger(self.emb), MorphVocab())
        segmenter, morph, vocab = self._context
        a = max(text.rfind(".", 0, start), text.rfind("\n", 0, start)) + 1
        b = min((i for i in (text.find(".", end), text.find("\n", end)) if i >= 0), default=len(text))
        doc = Doc(text[a:b])
        doc.segment(segmenter)
        doc.tag_morph(morph)
        doc.tag_ner(self.ner)
        for span in doc.spans:
            if (span.start + a, span.stop + a) == (start, end) or (span.start + a <= start and end <= span.stop + a):
                try:
                    span.normalize(vocab)
                except (KeyError, ValueError, IndexError):
                    return None
                return span.normal if (span.start + a, span.stop + a) == (start, end) else None
        return None

    def relabel(self, surface: str, label: str) -> str:
        """A one-word name the dictionary files as an organisation or a place keeps that type
        (the tagger calls `ЕС` a place and `Газпром` a person now and then)."""
        if label == "PER" or " " in surface or "-" in surface:
            return label
        grammemes = self.tag(surface)[0].grammemes
        if "Orgn" in grammemes:
            return "ORG"
        if "Geox" in grammemes:
            return "LOC"
        return label


def load() -> RussianRecogniser:
    with warnings.catch_warnings():
        # pymorphy2 (under natasha) imports the deprecated pkg_resources.
        warnings.simplefilter("ignore", UserWarning)
        return RussianRecogniser()
