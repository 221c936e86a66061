"""Small pure helpers over spans shared by the recognisers."""

from __future__ import annotations

import re

from reader.model import Entity

#: Types every recogniser reports; MISC only where a model gives it.
CORE_LABELS = ("PER", "ORG", "LOC")


_ABBREVIATION = re.compile(r"(?:^|\W)(?:[A-ZА-ЯІЇЄҐ]|[a-zа-яіїєґ]{1,3})$")


def trim(text: str, start: int, end: int, chars: str = " \t\n\r.,;:!?\"'«»“”„()[]") -> tuple[int, int]:
    """Shrink [start, end) so it neither starts nor ends with space or punctuation,
    keeping the dot of an initial or abbreviation (`А. С.`, `м.`, `U.S.`)."""
    while start < end and text[start] in chars:
        start += 1
    while end > start and text[end - 1] in chars:
        if text[end - 1] == "." and _ABBREVIATION.search(text[start : end - 1]):
            break
        end -= 1
    return start, end


def resolve(entities: list[Entity]) -> list[Entity]:
    """Sorted, non-overlapping spans: on overlap the longer span wins, then the earlier."""
    chosen: list[Entity] = []
    for e in sorted(entities, key=lambda e: (-(e.end - e.start), e.start)):
        if e.end > e.start and all(e.end <= c.start or e.start >= c.end for c in chosen):
            chosen.append(e)
    return sorted(chosen, key=lambda e: e.start)
