"""One name, one type, throughout a text (used by the Russian and Ukrainian recognisers).

A tagger reads each sentence on its own: the same company may be an organisation in one
sentence, a place in the next, and missed in a third. News names a thing the same way
across an article, so the text's majority label wins, and a name's other mentions,
written the same way, are found too.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from reader.model import Entity

_CORE = ("PER", "ORG", "LOC")


def consistent(text: str, found: list[Entity], spread: tuple[str, ...] = ("ORG", "LOC")) -> list[Entity]:
    """`found` with each normalised name under its majority label, plus unlabelled
    mentions (same letters, whole words) of the names whose label is in `spread`."""
    votes: dict[str, Counter] = defaultdict(Counter)
    for e in found:
        if e.label in _CORE:
            votes[e.norm.lower()][e.label] += 1
    out = []
    for e in found:
        count = votes.get(e.norm.lower())
        if e.label in _CORE and count and len(count) > 1:
            (best, n), *rest = count.most_common()
            if n > rest[0][1] and best != e.label:
                e = Entity(e.start, e.end, best, e.text, e.norm)
        out.append(e)
    taken = sorted((e.start, e.end) for e in out)
    names = {e.text: e for e in out if e.label in spread and len(e.text) > 2 and e.text[:1].isupper()}
    for surface, e in names.items():
        for start in _occurrences(text, surface):
            end = start + len(surface)
            if all(end <= a or start >= b for a, b in taken):
                out.append(Entity(start, end, e.label, surface, e.norm))
                taken.append((start, end))
    return sorted(out, key=lambda x: x.start)


def _occurrences(text: str, word: str) -> list[int]:
    """Where `word` stands in `text` as whole words (str.find: no pattern to compile)."""
    out, i = [], text.find(word)
    while i >= 0:
        end = i + len(word)
        if (i == 0 or not _joins(text[i - 1])) and (end == len(text) or not _joins(text[end])):
            out.append(i)
        i = text.find(word, i + 1)
    return out


def _joins(ch: str) -> bool:
    return ch.isalnum() or ch in "-_"
