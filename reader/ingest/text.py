"""Plain-text cleaner: a scraper's flattened page (one visible block per line) → Article.

First honest version: title = first non-empty line, paragraphs = the other lines.
"""

from __future__ import annotations

from reader.model import Article, Block, NoArticle


def clean_text(text: str) -> Article:
    lines = [ln.strip() for ln in text.splitlines()]
    lines = [ln for ln in lines if ln]
    if not lines:
        raise NoArticle("no text")
    return Article(title=lines[0], body=[Block("p", ln) for ln in lines[1:]])
