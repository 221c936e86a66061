"""The key that merges one entity's mentions across inflections and scripts.

The entity recognisers normalise a name to its nominative; this key then folds case and
transliterates Cyrillic to a Latin skeleton so that Blinken, Блінкен and Блинкен meet.
The recogniser package may provide a finer `merge_key`; the store uses it when present.
"""

from __future__ import annotations

import unicodedata


def entity_key(norm: str) -> str:
    try:
        from reader.entities import merge_key  # the recognisers' own, when written
    except ImportError:
        return _fallback_key(norm)
    return merge_key(norm)


def _fallback_key(norm: str) -> str:
    text = unicodedata.normalize("NFKD", norm.casefold())
    return " ".join("".join(ch for ch in text if not unicodedata.combining(ch)).split())
