"""The command palette (ctrl+p): the reader's actions, filters and a jump to any article.

Actions come from `bindings.APP`, so a key and its command never drift apart. Filters by
source and entity are read from the store when the palette opens (the entities in the
background, once per change of the store: they come into the list once counted); typing three letters or more also
offers the articles whose text matches, to jump straight to one.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.fuzzy import Matcher

from reader.tui import bindings
from reader.tui.article_list import one_line
from reader.tui.reader_pane import LANGUAGE_NAMES, LABEL_NAMES

#: Binding actions that make no sense as a palette command.
_NOT_COMMANDS = {"back", "switch_pane", "quit", "help"}


def _highlight(matcher: Matcher, text: str) -> Content:
    """`text` as plain content (names come from articles: never markup) with the matched letters styled."""
    content = Content(text)
    _, offsets = matcher.fuzzy_search.match(matcher.query, text)
    for offset in offsets:
        if not text[offset].isspace():
            content = content.stylize(matcher.match_style, offset, offset + 1)
    return content


class ReaderCommands(Provider):
    """Commands for the reader's actions, its filters and its articles."""

    async def startup(self) -> None:
        app = self.app
        self._store = app.store.reopen()  # type: ignore[attr-defined]
        self._sources = await asyncio.to_thread(lambda: [s.name for s in self._store.sources() if s.articles])
        # The most named entities take seconds to count on a large store (7.9 s at 100,000
        # articles): the palette answers without them, and offers them once they are read.
        # The app keeps them until the store changes, so only the first ctrl+p waits.
        read = app.top_entities_read  # type: ignore[attr-defined]
        if read is not None and read[0] == app.store_generation:  # type: ignore[attr-defined]
            self._entities_read: asyncio.Future = asyncio.get_running_loop().create_future()
            self._entities_read.set_result(read[1])
        else:
            self._entities_read = asyncio.create_task(self._count_entities())

    async def _count_entities(self) -> list[tuple[str, str, int, int]]:
        app = self.app
        generation = app.store_generation  # type: ignore[attr-defined]
        rows = await asyncio.to_thread(self._top_entities, app.store)  # type: ignore[attr-defined]
        if rows:
            app.top_entities_read = (generation, rows)  # type: ignore[attr-defined]
        return rows

    @staticmethod
    def _top_entities(store: "object") -> list[tuple[str, str, int, int]]:
        """The entities the palette offers as filters, read on a connection of their own."""
        own = store.reopen()  # type: ignore[attr-defined]
        try:
            return own.top_entities(limit=40)
        except Exception:  # an older or half-migrated store must not break the palette
            return []
        finally:
            own.close()

    def _entities(self) -> list[tuple[str, str, int, int]]:
        task = self._entities_read
        return task.result() if task.done() and not task.cancelled() else []

    async def shutdown(self) -> None:
        self._store.close()

    def _commands(self) -> list[tuple[str, Callable[[], object], str]]:
        app = self.app
        out: list[tuple[str, Callable[[], object], str]] = []
        for b in bindings.APP:
            if b.id and b.action not in _NOT_COMMANDS:
                out.append((b.description, partial(app.run_action, b.action), f"key: {b.key}"))
        for code in ("", "en", "uk", "ru"):
            name = LANGUAGE_NAMES[code] if code else "all languages"
            out.append((f"Filter: {name}", partial(app.set_language_filter, code or None), "show only articles in this language"))  # type: ignore[attr-defined]
        out.append(("Filter: clear all filters", app.clear_filters, "language, source and entity"))  # type: ignore[attr-defined]
        for source in self._sources:
            out.append((f"Filter by source: {one_line(source)}", partial(app.set_source_filter, source), "articles from this source"))  # type: ignore[attr-defined]
        for name, label, mentions, articles in self._entities():
            out.append(
                (f"Filter by entity: {one_line(name)}", partial(app.set_entity_filter, name), f"{LABEL_NAMES.get(label, label)}, in {articles} articles")  # type: ignore[attr-defined]
            )
        return out

    async def discover(self) -> Hits:
        for text, command, help_text in self._commands():
            yield DiscoveryHit(Content(text), command, text, help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for text, command, help_text in self._commands():
            score = matcher.match(text)
            if score > 0:
                yield Hit(score, _highlight(matcher, text), command, text, help_text)
        if len(query.strip()) >= 3:
            hits = await asyncio.to_thread(self._store.search, query, 10)
            for hit in hits:
                title = one_line(hit.title)
                yield Hit(0.5, Content(f"Open: {title}"), partial(self.app.open_article, hit.id), f"Open: {title}", "jump to this article")  # type: ignore[attr-defined]
