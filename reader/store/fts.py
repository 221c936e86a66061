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
#: Marks around matches in snippets; control characters never survive ingestion.
MARK_START, MARK_END = "\x02", "\x03"


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


def split_snippet(snippet: str) -> tuple[str, list[tuple[int, int]]]:
    """One-line snippet text and the (start, end) spans that matched."""
    out: list[str] = []
    spans: list[tuple[int, int]] = []
    start = None
    for ch in snippet.strip():
        if ch == MARK_START:
            start = len(out)
        elif ch == MARK_END:
            if start is not None:
                spans.append((start, len(out)))
            start = None
        elif ch.isspace():
            if out and out[-1] != " ":
                out.append(" ")
        else:
            out.append(ch)
    return "".join(out), spans
