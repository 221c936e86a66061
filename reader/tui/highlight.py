"""Article text as Rich `Text`: entity spans and matches styled, never parsed as markup.

Pure functions: styles come in as arguments (the widgets read them from the stylesheet),
so nothing here knows a colour.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from rich.style import Style
from rich.text import Text

from reader.sanitize import strip_controls

if TYPE_CHECKING:
    from reader.model import Entity

# reader.store.fts and reader.words (the search index's word rules) are imported where used:
# the reader pane imports this module, and its first paint shows no article to mark.


def clean(text: str | None) -> str:
    """Store text made safe to show: controls and escape sequences stripped."""
    return strip_controls(text or "")


def query_spans(text: str, query: str) -> list[tuple[int, int]]:
    """Spans of the words of `text` a search query matches, exactly as the index matches them."""
    from reader.store.fts import match_spans

    return match_spans(text, query)


def find_spans(text: str, needle: str) -> list[tuple[int, int]]:
    """What find-in-article marks: case-insensitive occurrences of `needle` (`ё` = `е`),
    and every word that is a form of a word of it (find `Київ`, see `Києві` marked)."""
    from reader.store.fts import match_spans
    from reader.words import fold

    folded = fold(needle.strip())
    if not folded:
        return []
    # fold() keeps the length of these texts (case and ё only), so offsets carry over.
    text_folded = fold(text)
    same_length = len(text_folded) == len(text)
    found = [m.span() for m in re.finditer(re.escape(folded), text_folded)] if same_length else []
    found += match_spans(text, needle)
    merged: list[tuple[int, int]] = []
    for start, end in sorted(set(found)):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def styled(
    text: str,
    entities: Iterable[Entity] = (),
    entity_styles: Mapping[str, Style] | None = None,
    matches: Iterable[tuple[int, int]] = (),
    match_style: Style | None = None,
    current: tuple[int, int] | None = None,
    current_style: Style | None = None,
) -> Text:
    """`text` with entity spans coloured by label and matches on top.

    `text` must already be cleaned; spans outside it (stale offsets) are ignored.
    """
    out = Text(text, end="")
    n = len(text)
    for e in entities:
        style = (entity_styles or {}).get(e.label)
        if style is not None and 0 <= e.start < e.end <= n:
            out.stylize(style, e.start, e.end)
    if match_style is not None:
        for start, end in matches:
            out.stylize(match_style, start, end)
    if current is not None and current_style is not None:
        out.stylize(current_style, *current)
    return out


def highlighted_snippet(snippet: str, spans: Iterable[tuple[int, int]], style: Style) -> Text:
    """A search hit's snippet with the matched words styled.

    The store's snippets hold no controls; if one did, its offsets no longer fit and are dropped.
    """
    safe = clean(snippet)
    out = Text(safe, end="")
    for start, end in spans if safe == snippet else ():
        out.stylize(style, start, end)
    return out
