"""Full-text search helpers: what goes into the FTS5 index and how a user's query is read.

The `unicode61` tokenizer folds case for Cyrillic as well as Latin and, with
`remove_diacritics 2`, strips Latin accents. Before text reaches it we fold `ё` to `е`
(Russian writes both) and cut every word to its first STEM characters: a crude stemmer
that works for all three languages, so `Зеленський` finds `Зеленського` and `Блінкен`
finds `Блінкеном`, while every query term stays an exact index lookup (FTS5 prefix
queries on common stems are ten times slower). A user's query is never passed to FTS5 as
syntax: its words become quoted terms, so `"`, `-` or `NEAR` are just text.
"""

from __future__ import annotations

import re
import unicodedata

#: Words are indexed and looked up by their first STEM characters.
STEM = 6
_FOLD = str.maketrans({"ё": "е", "Ё": "Е"})
_WORD = re.compile(r"[^\W_]+", re.UNICODE)


def fold(text: str) -> str:
    """`ё` → `е`: the one folding the tokenizer does not do itself."""
    return text.translate(_FOLD)


def index_form(text: str) -> str:
    """The form of text the index holds: folded words cut to STEM characters."""
    text = unicodedata.normalize("NFC", fold(text))
    return " ".join(w[:STEM] for w in _WORD.findall(text))


def query_terms(query: str) -> list[str]:
    """The index terms of a user's query."""
    return index_form(query).split()


def to_match(query: str) -> str | None:
    """An FTS5 MATCH expression for a user's query: every word must occur."""
    terms = query_terms(query)
    return " ".join(f'"{t}"' for t in terms) if terms else None


def term_pattern(query: str) -> re.Pattern | None:
    """A regex for the words of a text that the query matches, as the index matches them."""
    terms = sorted(set(query_terms(query)), key=len, reverse=True)
    if not terms:
        return None
    # A full-length term matches any word it begins; a shorter one only that whole word.
    alts = "|".join(re.escape(t).replace("е", "[её]").replace("Е", "[ЕЁ]") + (r"[^\W_]*" if len(t) == STEM else r"(?![^\W_])") for t in terms)
    return re.compile(rf"(?<![^\W_])(?:{alts})", re.IGNORECASE)


def match_spans(text: str, query: str) -> list[tuple[int, int]]:
    """(start, end) of every word of `text` the query matches."""
    pattern = term_pattern(query)
    return [m.span() for m in pattern.finditer(text)] if pattern else []


def make_snippet(texts: list[str], query: str, width: int = 160) -> tuple[str, list[tuple[int, int]]]:
    """A one-line excerpt around the first match in `texts`, and the spans of matches in it.

    Built in Python from the stored text for the page of results only, rather than with
    FTS5's snippet(), which is computed for every matching row before ranking cuts them.
    """
    pattern = term_pattern(query)
    for text in texts:
        if pattern is None or not pattern.search(text):
            continue
        flat = " ".join(text.split())
        m = pattern.search(flat)
        start = max(0, m.start() - width // 3)
        if start:
            space = flat.find(" ", start)
            start = space + 1 if 0 <= space < m.start() else start
        end = min(len(flat), start + width)
        if end < len(flat):
            space = flat.rfind(" ", m.end(), end)
            end = space if space > 0 else end
        excerpt = ("…" if start else "") + flat[start:end] + ("…" if end < len(flat) else "")
        return excerpt, [x.span() for x in pattern.finditer(excerpt)]
    first = " ".join(texts[0].split()) if texts else ""
    return (first[:width] + ("…" if len(first) > width else "")), []
