"""The stages between a cleaned article and the store: language, then entities.

The command line and the TUI both call these, so an article is understood the same way
whichever door it came in by.
"""

from __future__ import annotations

from reader.lang import detect
from reader.model import Article, Block, Entity, LANGUAGES


def detect_languages(article: Article) -> Article:
    """Fill in the article's language (unless a record stated one) and each block's."""
    if article.lang not in LANGUAGES:
        article.lang, article.lang_confidence = detect(article.title + "\n" + article.text)
    elif article.lang_confidence is None:
        article.lang_confidence = 1.0
    article.body = [Block(b.kind, b.text, detect(b.text)[0] if b.lang is None else b.lang) for b in article.body]
    return article


def entities_of(texts: dict[int, str], lang: str | None) -> list[tuple[int, Entity]]:
    """(seq, span) pairs for texts keyed by the store's block seq; none for other languages."""
    from reader.entities import SUPPORTED, find_entities

    if lang not in SUPPORTED:
        return []
    return [(seq, e) for seq, text in sorted(texts.items()) for e in find_entities(text, lang)]


def article_entities(article: Article, lang: str | None = None) -> list[tuple[int, Entity]]:
    """Spans for the title (seq -1), the body and the captions, numbered as the store numbers blocks."""
    texts = [article.title] + [b.text for b in article.body] + [c.text for c in article.captions]
    return entities_of({seq - 1: text for seq, text in enumerate(texts)}, lang or article.lang)


def understand(article: Article) -> tuple[list[tuple[int, Entity]] | None, str | None]:
    """Language, then entities: what the store keeps beside the cleaned text.

    Returns the spans and, when no recogniser could run, None and a one-line warning: an
    article is never lost because a model failed to load.
    """
    detect_languages(article)
    try:
        return article_entities(article), None
    except Exception as exc:  # noqa: BLE001 - any recogniser failure
        return None, f"entities not found: {exc}"
