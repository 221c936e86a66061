"""Russian entities: natasha (slovnet NER on navec embeddings), its morphology to put names
in the nominative (`Йенсом Столтенбергом` → `Йенс Столтенберг`); dates by `dates.py`."""

from __future__ import annotations

import re
import warnings

from reader.entities.dates import find_dates
from reader.entities.spans import join_org_place, resolve, split_parenthesis, trim
from reader.model import Entity


_WORD = re.compile(r"\w+(?:-\w+)*")
_NAME_TAGS = frozenset({"Name", "Surn", "Patr", "Geox", "Orgn"})


def _like(word: str, model: str) -> str:
    return word.upper() if model.isupper() else word[:1].upper() + word[1:]


class RussianRecogniser:
    """natasha's tagger for PER/ORG/LOC, its DatesExtractor for DATE."""

    lang = "ru"

    def __init__(self) -> None:
        from natasha import MorphVocab, NewsEmbedding, NewsMorphTagger, NewsNERTagger, Segmenter

        emb = NewsEmbedding()
        self.segmenter = Segmenter()
        self.ner = NewsNERTagger(emb)
        self.morph = NewsMorphTagger(emb)
        self.vocab = MorphVocab()

    def __call__(self, text: str) -> list[Entity]:
        from natasha import Doc

        doc = Doc(text)
        doc.segment(self.segmenter)
        doc.tag_ner(self.ner)
        if doc.spans:
            doc.tag_morph(self.morph)
        found = []
        for span in doc.spans:
            start, end = trim(text, span.start, span.stop)
            if end <= start:
                continue
            try:
                span.normalize(self.vocab)
                norm = span.normal or span.text
            except (KeyError, ValueError, IndexError):
                norm = span.text
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
            tags = [t.grammemes for t in self.vocab.tag(word)]
            if any(not g & _NAME_TAGS for g in tags):
                continue  # also a common word: capitalised only by position
            first = tags[0]
            label = "PER" if first & {"Surn", "Name"} else "LOC" if "Geox" in first else "ORG" if "Orgn" in first else None
            if label:
                norm = self.vocab.parse(word)[0].normal if label != "PER" else word
                out.append(Entity(m.start(), m.end(), label, word, _like(norm, word)))
        return out


    def relabel(self, surface: str, label: str) -> str:
        """A one-word name the dictionary files as an organisation or a place keeps that type
        (the tagger calls `ЕС` a place and `Газпром` a person now and then)."""
        if label == "PER" or " " in surface or "-" in surface:
            return label
        grammemes = self.vocab.tag(surface)[0].grammemes
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
