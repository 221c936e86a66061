"""Small pure helpers over spans shared by the recognisers."""

from __future__ import annotations

from reader.model import Entity

#: Types every recogniser reports; MISC only where a model gives it.
CORE_LABELS = ("PER", "ORG", "LOC")


def trim(text: str, start: int, end: int, chars: str = " \t\n\r.,;:!?\"'«»“”„()[]") -> tuple[int, int]:
    """Shrink [start, end) so it neither starts nor ends with space or punctuation."""
    while start < end and text[start] in chars:
        start += 1
    while end > start and text[end - 1] in chars:
        end -= 1
    return start, end


def resolve(entities: list[Entity]) -> list[Entity]:
    """Sorted, non-overlapping spans: on overlap the longer span wins, then the earlier."""
    chosen: list[Entity] = []
    for e in sorted(entities, key=lambda e: (-(e.end - e.start), e.start)):
        if e.end > e.start and all(e.end <= c.start or e.start >= c.end for c in chosen):
            chosen.append(e)
    return sorted(chosen, key=lambda e: e.start)
