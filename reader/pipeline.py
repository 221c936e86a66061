"""The stages between a cleaned article and the store: language, then entities.

The command line and the TUI both call these, so an article is understood the same way
whichever door it came in by.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import replace

from reader.lang import detect
from reader.model import Article, Block, Entity, LANGUAGES
from reader.sanitize import sanitize_article


def detect_languages(article: Article) -> Article:
    """Fill in the article's language (unless a record stated one) and each block's."""
    if article.lang not in LANGUAGES:
        article.lang, article.lang_confidence = detect(article.title + "\n" + article.text)
    elif article.lang_confidence is None:
        article.lang_confidence = 1.0
    article.body = [Block(b.kind, b.text, detect(b.text)[0] if b.lang is None else b.lang) for b in article.body]
    return article


_SENTENCE_END = set(".!?…:;\"»”'")


def entities_of(texts: dict[int, str], lang: str | None) -> list[tuple[int, Entity]]:
    """(seq, span) pairs for texts keyed by the store's block seq; none for other languages.

    The blocks go to the recogniser as one document, paragraphs apart: one call per
    article is faster than one per block, and a name seen in full in one paragraph helps
    the recogniser with its surname in the next. Spans are then cut back to their blocks.
    """
    from reader.entities import SUPPORTED, find_entities

    if lang not in SUPPORTED or not texts:
        return []
    seqs = sorted(texts)
    starts, parts, doc = [], [], []
    pos = 0
    for seq in seqs:
        text = texts[seq]
        # A headline has no full stop; without one the model reads it into the next paragraph.
        sep = "\n\n" if text.rstrip()[-1:] in _SENTENCE_END else ".\n\n"
        starts.append(pos)
        parts.append(text)
        doc += [text, sep]
        pos += len(text) + len(sep)
    out = []
    for e in find_entities("".join(doc), lang):
        i = bisect_right(starts, e.start) - 1
        offset = starts[i]
        if e.end - offset <= len(parts[i]):  # a span across two blocks is no name
            out.append((seqs[i], replace(e, start=e.start - offset, end=e.end - offset)))
    return full_names(out)


def full_names(spans: list[tuple[int, Entity]]) -> list[tuple[int, Entity]]:
    """A surname alone names the person the same text names in full: "Blinken" after
    "Antony Blinken" is indexed as Antony Blinken, so the two are one entry. A surname two
    people of the text share is left alone."""
    by_surname: dict[str, set[str]] = {}
    for _, e in spans:
        words = e.norm.split()
        if e.label == "PER" and len(words) > 1:
            by_surname.setdefault(words[-1].casefold(), set()).add(e.norm)
    out = []
    for seq, e in spans:
        full = by_surname.get(e.norm.casefold(), set()) if e.label == "PER" and " " not in e.norm else set()
        out.append((seq, replace(e, norm=next(iter(full))) if len(full) == 1 else e))
    return out


#: Store seqs of the text outside the blocks: the title and the byline's author.
TITLE, BYLINE = -1, -2


def article_entities(article: Article, lang: str | None = None) -> list[tuple[int, Entity]]:
    """Spans for the byline (seq -2), the title (-1), the body and the captions, numbered as the store numbers blocks."""
    texts = {TITLE: article.title}
    if article.author:
        texts[BYLINE] = article.author
    texts |= {i: b.text for i, b in enumerate(article.body)}
    n = len(article.body)
    texts |= {n + i: c.text for i, c in enumerate(article.captions)}
    return entities_of(texts, lang or article.lang)


def understand(article: Article) -> tuple[list[tuple[int, Entity]] | None, str | None]:
    """Language, then entities: what the store keeps beside the cleaned text.

    Returns the spans and, when no recogniser could run, None and a one-line warning: an
    article is never lost because a model failed to load. Every text field is cleaned of
    control sequences first (`sanitize_article`): this is the one door into the store.
    """
    sanitize_article(article)
    detect_languages(article)
    try:
        return article_entities(article), None
    except Exception as exc:  # noqa: BLE001 - any recogniser failure
        return None, f"entities not found: {exc}"
