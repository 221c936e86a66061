"""The article list: a virtual list that reads the store one page at a time.

Only the rows on screen are rendered and only the pages they fall in are fetched, so a
store of 100,000 articles opens as fast as one of ten, and `G` jumps to the last row
without loading the rows in between.
"""

from __future__ import annotations

from collections import OrderedDict

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.geometry import Size
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from reader.sanitize import strip_controls
from reader.store import ArticleRow, Store
from reader.tui import bindings
from reader.tui.messages import OpenArticle

PAGE = 200
#: Pages kept in memory; older ones are dropped and fetched again if needed.
CACHED_PAGES = 16


def one_line(text: str | None) -> str:
    """Store text made safe for one line of the list."""
    return " ".join(strip_controls(text or "").split())


class ArticleList(ScrollView, can_focus=True):
    """Newest first; the cursor row is the article `s`, `m`, `o` and `y` act on."""

    BINDINGS = bindings.LIST
    COMPONENT_CLASSES = {
        "article-list--cursor",
        "article-list--unread",
        "article-list--starred",
        "article-list--date",
        "article-list--lang",
        "article-list--source",
    }

    cursor: reactive[int] = reactive(0, always_update=True, init=False)

    def __init__(self, store: Store, **kwargs) -> None:
        super().__init__(**kwargs)
        self.store = store
        self.filters: dict[str, object] = {}
        self.total = 0
        self._pages: OrderedDict[int, list[ArticleRow]] = OrderedDict()

    # --- data ----------------------------------------------------------------------

    def load(self, **filters: object) -> int:
        """Show the articles matching `filters` (store.list keywords); returns the count."""
        self.filters = {k: v for k, v in filters.items() if v}
        self.total = self.store.count(**self.filters)
        self._pages.clear()
        self.virtual_size = Size(self.size.width, self.total)
        self.scroll_to(0, 0, animate=False, immediate=True)
        self.cursor = 0
        self.refresh()
        return self.total

    def row(self, index: int) -> ArticleRow | None:
        """The article at `index` in the current order, fetching its page if needed."""
        if not 0 <= index < self.total:
            return None
        page_no = index // PAGE
        page = self._pages.get(page_no)
        if page is None:
            page = self.store.list(limit=PAGE, offset=page_no * PAGE, **self.filters)  # type: ignore[arg-type]
            self._pages[page_no] = page
            while len(self._pages) > CACHED_PAGES:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(page_no)
        offset = index - page_no * PAGE
        return page[offset] if offset < len(page) else None

    @property
    def current(self) -> ArticleRow | None:
        return self.row(self.cursor)

    def reload_row(self, article_id: int) -> None:
        """Re-read the cached page holding `article_id` after its state changed."""
        for page_no, page in self._pages.items():
            if any(r.id == article_id for r in page):
                self._pages[page_no] = self.store.list(limit=PAGE, offset=page_no * PAGE, **self.filters)  # type: ignore[arg-type]
                break
        self.refresh()

    # --- rendering -----------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        index = self.scroll_offset.y + y
        width = self.scrollable_content_region.width
        base = self.rich_style
        row = self.row(index)
        if row is None:
            return Strip([Segment(" " * width, base)], width)
        def style(name: str) -> Style:
            return self.get_component_rich_style(name, partial=True)

        text = Text(no_wrap=True, overflow="ellipsis", end="")
        text.append("●" if not row.is_read else " ", style("article-list--unread"))
        text.append("★" if row.starred else " ", style("article-list--starred"))
        text.append(" ")
        text.append((row.date or "")[:10].ljust(10), style("article-list--date"))
        text.append(" ")
        text.append((row.lang or "?")[:2].ljust(2), style("article-list--lang"))
        text.append(" ")
        source = one_line(row.source) or "-"
        text.append((source[:9] + "…" if len(source) > 10 else source).ljust(10), style("article-list--source"))
        text.append(" ")
        text.append(one_line(row.title))
        text.truncate(width, overflow="ellipsis", pad=True)
        line_style = base + style("article-list--cursor") if index == self.cursor else base
        segments = [Segment(seg.text, line_style + seg.style if seg.style else line_style) for seg in text.render(self.app.console)]
        return Strip(segments, width).adjust_cell_length(width, base)

    # --- cursor --------------------------------------------------------------------

    def watch_cursor(self, cursor: int) -> None:
        height = self.scrollable_content_region.height or 1
        top = self.scroll_offset.y
        if cursor < top:
            self.scroll_to(y=cursor, animate=False, immediate=True)
        elif cursor >= top + height:
            self.scroll_to(y=cursor - height + 1, animate=False, immediate=True)
        self.refresh()

    def _move(self, to: int) -> None:
        if self.total:
            self.cursor = max(0, min(self.total - 1, to))

    def action_cursor_down(self) -> None:
        self._move(self.cursor + 1)

    def action_cursor_up(self) -> None:
        self._move(self.cursor - 1)

    def action_first(self) -> None:
        self._move(0)

    def action_last(self) -> None:
        self._move(self.total - 1)

    def action_page_down(self) -> None:
        self._move(self.cursor + max(1, self.scrollable_content_region.height - 1))

    def action_page_up(self) -> None:
        self._move(self.cursor - max(1, self.scrollable_content_region.height - 1))

    def action_open(self) -> None:
        row = self.current
        if row is not None:
            self.post_message(OpenArticle(row.id))

    def on_click(self, event) -> None:
        index = self.scroll_offset.y + event.y
        if 0 <= index < self.total:
            self.cursor = index
            if event.chain >= 2:
                self.action_open()

    def on_resize(self) -> None:
        self.virtual_size = Size(self.size.width, self.total)

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()
