"""Full-text search helpers: what goes into the FTS5 index and how a user's query is read.

The `unicode61` tokenizer folds case for Cyrillic as well as Latin and, with
`remove_diacritics 2`, strips Latin accents. On top of it we fold `ё` to `е` (Russian
writes both) in the indexed text and in queries alike. A user's query is never passed
to FTS5 as syntax: each word becomes a quoted prefix term, so `"`, `-` or `NEAR` in a
query are just text, and `Блінкен` also finds `Блінкена` and `Блінкеном`.
"""

from __future__ import annotations

import re

_FOLD = str.maketrans({"ё": "е", "Ё": "Е"})
_WORD = re.compile(r"\w+", re.UNICODE)
def fold(text: str) -> str:
    """The form of text the index holds."""
    return text.translate(_FOLD)


def query_terms(query: str) -> list[str]:
    """The words of a user's query, folded as the index is."""
    return [w for w in _WORD.findall(fold(query))]


def to_match(query: str) -> str | None:
    """An FTS5 MATCH expression for a user's query: every word must occur (as a prefix)."""
    terms = query_terms(query)
    if not terms:
        return None
    return " ".join(f'"{t}"*' if len(t) >= 3 else f'"{t}"' for t in terms)


def term_pattern(terms: list[str]) -> re.Pattern | None:
    """A regex matching the words the FTS query matches: each term as a word prefix, any case."""
    if not terms:
        return None
    # The index folds ё to е; the pattern accepts either where the query has е.
    alts = "|".join(
        re.escape(t).replace("е", "[её]").replace("Е", "[ЕЁ]") + (r"\w*" if len(t) >= 3 else r"\b")
        for t in sorted(set(terms), key=len, reverse=True)
    )
    return re.compile(rf"(?<!\w)(?:{alts})", re.IGNORECASE)


def make_snippet(texts: list[str], terms: list[str], width: int = 160) -> tuple[str, list[tuple[int, int]]]:
    """A one-line excerpt around the first match in `texts`, and the (start, end) spans of matches in it.

    Built in Python from the stored text rather than with FTS5's snippet(), which would be
    computed for every matching row before the ranking cuts them to a page.
    """
    pattern = term_pattern(terms)
    for text in texts:
        flat = " ".join(text.split())
        m = pattern.search(flat) if pattern else None
        if m is None:
            continue
        start = max(0, m.start() - width // 3)
        if start:
            space = flat.find(" ", start)
            start = space + 1 if 0 <= space < m.start() else start
        end = min(len(flat), start + width)
        if end < len(flat):
            space = flat.rfind(" ", m.end(), end)
            end = space if space > 0 else end
        prefix, suffix = ("…" if start else ""), ("…" if end < len(flat) else "")
        excerpt = prefix + flat[start:end] + suffix
        spans = [(x.start(), x.end()) for x in pattern.finditer(excerpt)]
        return excerpt, spans
    first = " ".join(texts[0].split()) if texts else ""
    return (first[:width] + ("…" if len(first) > width else "")), []
