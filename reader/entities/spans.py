"""Small pure helpers over spans shared by the recognisers."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable

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


def whole_words(names: Iterable[str]) -> re.Pattern:
    """A pattern for any of `names` as whole words, the longest first (`New York City`
    before `New York`); a hyphen joins words, so `Uber-like` holds no `Uber`."""
    alternatives = "|".join(map(re.escape, sorted(names, key=len, reverse=True)))
    return re.compile(r"(?<![\w-])(?:" + alternatives + r")(?![\w-])")


def overlaps(entities: list[Entity], start: int, end: int) -> bool:
    """Whether any of `entities` shares text with [start, end)."""
    return any(e.start < end and start < e.end for e in entities)


def resolve(entities: list[Entity]) -> list[Entity]:
    """Sorted, non-overlapping spans: on overlap the longer span wins, then the earlier."""
    chosen: list[Entity] = []  # kept sorted by start; disjoint, so their ends are sorted too
    starts: list[int] = []
    for e in sorted(entities, key=lambda e: (-(e.end - e.start), e.start)):
        i = bisect.bisect_left(starts, e.end)  # the chosen spans that start before e ends
        if e.end > e.start and (i == 0 or chosen[i - 1].end <= e.start):
            chosen.insert(i, e)
            starts.insert(i, e.start)
    return chosen


_JOIN_GAP = re.compile(r" |\s?[мг]\.\s?| (?:города|міста) ")


def join_org_place(text: str, entities: list[Entity]) -> list[Entity]:
    """An organisation followed by the place it belongs to is one name: `Национального
    банка` + `Украины`, `Верховный суд` + `Бангладеша`, `суду` + `м. Києва`. The place
    keeps its written (genitive) form in the normalised name."""
    out: list[Entity] = []
    for e in sorted(entities, key=lambda x: x.start):
        if out and out[-1].label == "ORG" and e.label == "LOC" and _JOIN_GAP.fullmatch(text[out[-1].end : e.start]):
            prev = out[-1]
            out[-1] = Entity(prev.start, e.end, "ORG", text[prev.start : e.end], prev.norm + text[prev.end : e.end])
            continue
        out.append(e)
    return out


def split_parenthesis(text: str, e: Entity) -> list[Entity]:
    """`ООН (ФАО` → `ООН` and `ФАО`: a tagger span that runs into a parenthesis is two names."""
    cut = e.text.find("(")
    if cut <= 0:
        return [e]
    parts = []
    for a, b in ((e.start, e.start + cut), (e.start + cut + 1, e.end)):
        a, b = trim(text, a, b)
        if b > a:
            parts.append(Entity(a, b, e.label, text[a:b], " ".join(text[a:b].split())))
    return parts
