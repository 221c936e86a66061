"""The stages between a cleaned article and the store: language, then entities.

The command line and the TUI both call these, so an article is understood the same way
whichever door it came in by.
"""

from __future__ import annotations

from reader.lang import detect
from reader.model import Article, Block, LANGUAGES


def detect_languages(article: Article) -> Article:
    """Fill in the article's language (unless a record stated one) and each block's."""
    if article.lang not in LANGUAGES:
        article.lang, article.lang_confidence = detect(article.title + "\n" + article.text)
    elif article.lang_confidence is None:
        article.lang_confidence = 1.0
    article.body = [Block(b.kind, b.text, detect(b.text)[0] if b.lang is None else b.lang) for b in article.body]
    return article
