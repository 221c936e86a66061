"""The languages the reader understands and the codes people type for them.

A module of its own so that what needs only these (the settings, the TUI's start) does not
define the data model's classes (reader.model re-exports them).
"""

from __future__ import annotations

#: Languages the reader understands; everything else is "other".
LANGUAGES: tuple[str, ...] = ("en", "uk", "ru")

#: Codes users and sites type for a language, mapped to ISO 639-1.
LANGUAGE_ALIASES: dict[str, str] = {"ua": "uk", "ukr": "uk", "укр": "uk", "rus": "ru", "рос": "ru", "eng": "en"}


def normalise_lang(code: str) -> str:
    """ISO 639-1 code for what a user or a site typed (`ua` → `uk`)."""
    c = code.strip().lower()
    return LANGUAGE_ALIASES.get(c, c)
