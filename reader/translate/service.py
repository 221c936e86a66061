"""Translate a stored article through the store's cache: the CLI and the TUI call this.

The cache key is the route's package key (`en-uk@1.0`, or `uk-en@1.0+en-ru@1.0` through
English), so installing a new model version translates afresh while toggling back to a
translation already made is one SQLite read.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable

from reader.model import LANGUAGES
from reader.translate.engine import translate_blocks
from reader.translate.route import find_route

#: The store's seq for an article's title; blocks (captions after the body) are 0, 1, ….
TITLE = -1

Translation = tuple[str, str, dict[int, str]]  # (package key, title, {seq: text})


class CannotTranslate(ValueError):
    """The article is missing or not in a language the packages know; the message says which."""


def translate_article(store, article_id: int, target: str, home: str | os.PathLike | None = None,
                      on_progress: Callable[[int, str], None] | None = None,
                      cancel: threading.Event | None = None) -> Translation:
    """The article's translation into `target`, from the cache or made now and cached.

    `on_progress(seq, text)` reports the title (seq -1) and each block as it is done.
    Raises NoPackage, CannotTranslate, or engine.Cancelled (nothing is cached then).
    """
    article = store.get(article_id)
    if article is None:
        raise CannotTranslate(f"no article with id {article_id}")
    source = article.lang
    if source not in LANGUAGES:
        raise CannotTranslate(f"article {article_id} is in language {source or 'unknown'!r}: only en, uk and ru translate")
    rows = store.blocks(article_id)  # (seq, kind, text), captions included
    if source == target:
        return "", article.title, {seq: text for seq, _, text in rows}
    route = find_route(source, target, home)
    cached = store.get_translation(article_id, target, route.key)
    if cached is not None:
        return cached
    seqs = [TITLE] + [seq for seq, _, _ in rows]
    texts = [article.title] + [text for _, _, text in rows]

    def progress(index: int, text: str) -> None:
        if on_progress:
            on_progress(seqs[index], text)

    out = translate_blocks(texts, source, target, home, on_progress=progress, cancel=cancel)
    translated = dict(zip(seqs[1:], out[1:]))
    store.put_translation(article_id, target, route.key, out[0], translated)
    _index_entities(store, article_id, target, {TITLE: out[0], **translated})
    return route.key, out[0], translated


def _index_entities(store, article_id: int, target: str, texts: dict[int, str]) -> None:
    """Entities of the translation, so the entity index covers it; a recogniser failure costs nothing."""
    from reader.pipeline import entities_of

    try:
        spans = entities_of(texts, target)
    except Exception:  # noqa: BLE001 - the translation is cached already; spans are a bonus
        return
    store.put_entities(article_id, target, spans)
