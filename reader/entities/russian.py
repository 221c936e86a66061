"""Russian entities: natasha (slovnet NER on navec embeddings), its morphology to put names
in the nominative (`Йенсом Столтенбергом` → `Йенс Столтенберг`); dates by `dates.py`."""

from __future__ import annotations

import warnings

from reader.entities.dates import find_dates
from reader.entities.spans import resolve, trim
from reader.model import Entity


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
            found.append(Entity(start, end, span.type, text[start:end], " ".join(norm.split())))
        found.extend(find_dates(text, "ru"))
        return resolve(found)


def load() -> RussianRecogniser:
    with warnings.catch_warnings():
        # pymorphy2 (under natasha) imports the deprecated pkg_resources.
        warnings.simplefilter("ignore", UserWarning)
        return RussianRecogniser()
