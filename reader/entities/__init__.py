"""Named entities: text and language in, `Entity` spans out.

One recogniser per language sits behind the `Recogniser` protocol. Each is loaded the
first time its language is asked for and kept for the life of the process, so a batch
of Russian articles never pays for spaCy and an English one never loads natasha.
"""

from __future__ import annotations

import importlib
import os
from typing import Protocol

from reader.entities.merge import merge_key
from reader.model import Entity, normalise_lang

__all__ = ["Recogniser", "find_entities", "recogniser", "loaded_languages", "merge_key", "SUPPORTED"]

#: Language code → module that holds its recogniser (each has a `load()` → Recogniser).
# The taggers multiply small matrices, where OpenBLAS's threads cost more than they give
# (natasha runs 5x faster on one thread with another process busy). Only takes effect if
# numpy is not yet imported; translation (CTranslate2) keeps its own threads.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

_MODULES: dict[str, str] = {
    "en": "reader.entities.english",
    "uk": "reader.entities.ukrainian",
    "ru": "reader.entities.russian",
}
SUPPORTED: tuple[str, ...] = tuple(_MODULES)

_loaded: dict[str, "Recogniser"] = {}


class Recogniser(Protocol):
    """Finds the named entities of one language in plain text."""

    lang: str

    def __call__(self, text: str) -> list[Entity]:
        """Spans sorted by start, not overlapping; offsets index into `text`."""
        ...


def recogniser(lang: str) -> Recogniser:
    """The recogniser for `lang` (`ua` accepted), loaded on first use and cached."""
    code = normalise_lang(lang)
    if code not in _MODULES:
        raise ValueError(f"no entity recogniser for language {lang!r} (have: {', '.join(SUPPORTED)})")
    if code not in _loaded:
        _loaded[code] = importlib.import_module(_MODULES[code]).load()
    return _loaded[code]


#: Longer texts go to the recogniser in pieces of about this many characters (spaCy refuses
#: texts over a million characters, and no model needs more context than a paragraph).
CHUNK = 20_000


def find_entities(text: str, lang: str) -> list[Entity]:
    """Entities in `text`; none for empty text or a language we have no recogniser for."""
    if not text or not text.strip() or normalise_lang(lang) not in _MODULES:
        return []
    rec = recogniser(lang)
    if len(text) <= CHUNK:
        return rec(text)
    found = []
    for offset, piece in chunks(text, CHUNK):
        found += [Entity(e.start + offset, e.end + offset, e.label, e.text, e.norm) for e in rec(piece)]
    return found


def chunks(text: str, size: int) -> list[tuple[int, str]]:
    """(offset, piece) cuts of `text` of at most `size` characters, made at a line break,
    else at a space, so that no name is cut in two."""
    out, start = [], 0
    while start < len(text):
        end = min(start + size, len(text))
        if end < len(text):
            cut = max(text.rfind("\n", start, end), text.rfind(" ", start, end) if text.rfind("\n", start, end) < start + size // 2 else -1)
            end = cut + 1 if cut > start else end
        out.append((start, text[start:end]))
        start = end
    return out


def loaded_languages() -> set[str]:
    """Languages whose recogniser this process has loaded (for tests and the TUI's status)."""
    return set(_loaded)
