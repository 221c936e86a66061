"""Small pure helpers over spans shared by the recognisers."""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable

from reader.model import Entity

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


_OPENING_QUOTES = "«„“\""
_CLOSING_QUOTES = "»“”\""


def with_known_names(
    text: str, found: list[Entity], names: list, entity: Callable[[str, int, int, str], Entity], person_word: Callable[[str], bool]
) -> list[Entity]:
    """`found` with the labels and spans of the names the alias data knows (`names`, from
    aliases.NameFinder): a span that is such a name takes its label (a city keeps a
    person's label where its words may be a name); a name that holds spans, or stands
    where none is, replaces them; a span that holds a name is a larger name and stays."""
    out = list(found)
    for m in names:
        if text[m.start - 1 : m.start] in _OPENING_QUOTES and text[m.end : m.end + 1] in _CLOSING_QUOTES and m.start > 0 and m.end < len(text):
            continue  # `банк «Россия»`: a name in quotes is a firm's or a title's
        inside = [e for e in out if e.start < m.end and m.start < e.end]
        if any(e.start < m.start or e.end > m.end for e in inside):
            continue  # part of a larger name, or crossing one
        same = [e for e in inside if (e.start, e.end) == (m.start, m.end)]
        if same:
            e = same[0]
            if e.label == m.label or e.label not in ("PER", "ORG", "LOC") or e.label == "PER" and (m.kind == "places" or m.words == 1) and person_word(e.text):
                continue
            if e.label == "LOC" and m.label == "ORG":
                continue  # a body named as the place it sits in or is (`Кремль`, `ЄС`): either is read
        elif not inside and m.words == 1 and person_word(text[m.start : m.end]):
            continue  # a capitalised word that may be a surname as well as a town
        out = [e for e in out if e not in inside] + [entity(text, m.start, m.end, m.label)]
    return sorted(out, key=lambda e: e.start)
