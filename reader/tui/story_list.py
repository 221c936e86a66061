"""The list by story (`S`): one row per story, and a story's articles once it is opened.

Both are `ArticleList`s over other rows: `StoryList` pages through the store's stories with
the list's filters (a story is listed when any of its articles passes them), and
`StoryArticles` holds the few articles of one story. Grouping itself (reader/stories.py) is
never imported here: the view only reads what `add` and `refresh` stored.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment

from reader.store import ArticleRow
from reader.tui.article_list import ArticleList, one_line
from reader.tui.messages import StoryChosen

#: The language columns of a story row, each in its place (`en    ru`).
SLOTS = ("en", "uk", "ru")
SOURCES_WIDTH = 14


@dataclass(frozen=True)
class StoryRow:
    """One line of the story list."""

    id: int
    title: str
    first: str
    last: str
    size: int
    unread: int
    languages: tuple[str, ...]
    sources: tuple[str, ...]

    @property
    def is_read(self) -> bool:
        """A story is unread while any of its articles is."""
        return self.unread == 0


def date_span(first: str | None, last: str | None) -> str:
    """Eleven cells: the day (`2024-05-14`), or the span of days (`05-12–05-14`, `…2024-05-14`)."""
    first, last = (first or "")[:10], (last or "")[:10]
    if not last:
        return " " * 11
    if not first or first == last:
        return last.ljust(11)
    if first[:4] == last[:4]:
        return f"{first[5:]}–{last[5:]}"
    return f"…{last}"


def languages_cell(languages) -> str:
    """Eight cells, each language in its own place: `en uk ru`, `   uk ru`; `--` for others only."""
    codes = [code if code in languages else "  " for code in SLOTS]
    if not any(code in languages for code in SLOTS):
        return "--".ljust(8) if languages else "?".ljust(8)
    return " ".join(codes)


def sources_cell(sources, width: int = SOURCES_WIDTH) -> str:
    """The sources, shortened to `width` cells: `BBC, Укрінформ`, `BBC +2`."""
    names = [one_line(s) for s in sources if one_line(s)]
    if not names:
        return "-".ljust(width)
    text = ", ".join(names)
    if cell_len(text) <= width:
        return text + " " * (width - cell_len(text))
    more = f" +{len(names) - 1}" if len(names) > 1 else ""
    room = width - cell_len(more)
    first = names[0]
    if cell_len(first) > room:
        first = set_cell_size(first, max(0, room - 1)) + "…"
    text = first + more
    return text + " " * (width - cell_len(text))


class StoryList(ArticleList):
    """Stories, latest first; Enter lists the highlighted story's articles."""

    def _count(self) -> int:
        return self.store.story_count(**self.filters)

    def _fetch(self, limit: int, offset: int) -> list:
        return [
            StoryRow(s["id"], s["title"], s["first"], s["last"], s["size"], s["unread"], tuple(s["languages"]), tuple(s["sources"]))
            for s in self.store.story_list(limit=limit, offset=offset, **self.filters)
        ]

    def reload_row(self, article_id: int) -> None:
        """An article's read state changed: its story's row is read again."""
        self._pages.clear()
        self._lines.clear()
        self.refresh()

    def mark_all_read(self, value: bool = True, ids: set[int] | None = None) -> None:
        self.reload_row(0)

    def _cells(self, row: StoryRow, style) -> list[Segment]:
        """A story's cells before its headline: unread mark, dates, languages, sources, count."""
        return [
            Segment("●" if row.unread else " ", style("article-list--unread")),
            Segment(" "),
            Segment(date_span(row.first, row.last), style("article-list--date")),
            Segment(" "),
            Segment(languages_cell(row.languages), style("article-list--lang")),
            Segment(" "),
            Segment(sources_cell(row.sources), style("article-list--source")),
            Segment(" "),
            Segment(f"{row.size:>3}", style("article-list--lang")),
            Segment(" "),
        ]

    def action_open(self) -> None:
        row = self.current
        if row is not None:
            self.post_message(StoryChosen(row.id))


class StoryArticles(ArticleList):
    """The articles of one story, newest first; Enter opens one, Esc goes back to the stories."""

    story_id: int | None = None
    story: dict | None = None  # as Store.story_of gives it
    _rows: list[ArticleRow] = []

    def show(self, story_id: int, select: int | None = None) -> int:
        """List the story's articles, the cursor on `select` (an article id) if it is one of them."""
        self.story_id = story_id
        found = self.store.stories(story_id=story_id)
        self.story = found[0] if found else None
        total = self.load()
        if select is not None:
            index = next((i for i, r in enumerate(self._rows) if r.id == select), None)
            if index is not None:
                self.cursor = index
        return total

    def rows_now(self) -> list[ArticleRow]:
        """The story's articles as last read from the store."""
        return list(self._rows)

    def _count(self) -> int:
        self._rows = self.store.story_articles(self.story_id) if self.story_id is not None else []
        return len(self._rows)

    def _fetch(self, limit: int, offset: int) -> list:
        return list(self._rows[offset : offset + limit])
