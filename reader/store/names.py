"""The key that merges one entity's mentions across inflections and scripts.

The recognisers normalise a name to its nominative; their `merge_key` then folds it to a
script-independent skeleton so that Blinken, Блінкен and Блинкен meet in the index.
"""

from __future__ import annotations

from reader.entities.merge import merge_key
from reader.model import ENTITY_LABELS


def entity_key(norm: str, label: str) -> str:
    return merge_key(norm, label)


def keys_for_name(name: str) -> list[str]:
    """Every key a name typed by a user may be stored under (its label unknown)."""
    return sorted({merge_key(name, label) for label in ENTITY_LABELS})
