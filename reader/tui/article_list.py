"""The article list: a virtual list that reads the store one page at a time.

Only the rows on screen are rendered and only the pages they fall in are fetched, so a
store of 100,000 articles opens as fast as one of ten, and `G` jumps to the last row
without loading the rows in between.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import replace

from rich.segment import Segment
from rich.style import Style
from rich.cells import cell_len, set_cell_size
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
#: The top page is read this deep first: the first paint needs a screenful, not 200 rows.
FIRST_ROWS = 64


def one_line(text: str | None) -> str:
    """Store text made safe for one line of the list."""
    return " ".join(strip_controls(text or "").split())


def lang_code(lang: str | None) -> str:
    """Two cells for the language column: en / uk / ru, `--` for any other language, `?` unknown."""
    if not lang:
        return "? "
    if lang == "other":
        return "--"
    return lang[:2].ljust(2)


class ArticleList(ScrollView, can_focus=True):
    """Newest first, undated articles last; the cursor row is the article `s`, `m`, `o` and `y` act on."""

    BINDINGS = bindings.LIST
    COMPONENT_CLASSES = {
        "article-list--cursor",
        "article-list--unread",
        "article-list--starred",
        "article-list--date",
        "article-list--undated",
        "article-list--lang",
        "article-list--source",
    }

    cursor: reactive[int] = reactive(0, always_update=True, init=False)
    # The virtual size is (0, rows): rows are cut to the width they are drawn at, never scrolled
    # sideways, so a resize leaves it alone (setting it asks for another layout: ~3 ms at start).

    def __init__(self, store: Store, **kwargs) -> None:
        super().__init__(**kwargs)
        self.store = store
        self.filters: dict[str, object] = {}
        self.total = 0
        self._pages: OrderedDict[int, list[ArticleRow]] = OrderedDict()
        self._lines: dict[tuple[int, bool, int], Strip] = {}  # (index, is cursor, width) → line
        self._styles: dict[tuple[str, bool], Style] = {}  # (component, is cursor) → style, as _lines
        self._short_top = False  # page 0 holds only its first FIRST_ROWS rows

    # --- data ----------------------------------------------------------------------

    def load(self, **filters: object) -> int:
        """Show the articles matching `filters` (store.list keywords); returns the count."""
        self.filters = {k: v for k, v in filters.items() if v}
        self.total = self._count()
        self._pages.clear()
        self._lines.clear()
        self.virtual_size = Size(0, self.total)
        self.scroll_to(0, 0, animate=False, immediate=True)
        self.cursor = 0
        self.refresh()
        return self.total

    def _count(self) -> int:
        return self.store.count(**self.filters)

    def _fetch(self, limit: int, offset: int) -> list:
        return self.store.list(limit=limit, offset=offset, **self.filters)  # type: ignore[arg-type]

    def row(self, index: int) -> ArticleRow | None:
        """The article at `index` in the current order, fetching its page if needed."""
        if not 0 <= index < self.total:
            return None
        page_no, offset = divmod(index, PAGE)
        page = self._pages.get(page_no)
        if page is None or (page_no == 0 and self._short_top and offset >= len(page)):
            # The top of the list is read a screenful deep first (200 rows would cost the first
            # paint ~1 ms more at 100,000 articles), in full once a row below that is wanted.
            short = page is None and page_no == 0 and offset < FIRST_ROWS
            page = self._fetch(FIRST_ROWS if short else PAGE, page_no * PAGE)
            if page_no == 0:
                self._short_top = short and len(page) == FIRST_ROWS
            self._pages[page_no] = page
            while len(self._pages) > CACHED_PAGES:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(page_no)
        return page[offset] if offset < len(page) else None

    @property
    def current(self) -> ArticleRow | None:
        return self.row(self.cursor)

    def reload_row(self, article_id: int) -> None:
        """Show `article_id`'s new read and starred state where it is, without re-reading its
        page: in a view of unread articles a row just read stays put until the list reloads."""
        fresh = None
        for page in self._pages.values():
            for i, r in enumerate(page):
                if r.id == article_id:
                    if fresh is None:
                        fresh = self.store.get(article_id)
                        if fresh is None:
                            break
                    page[i] = replace(r, is_read=fresh.is_read, starred=fresh.starred)
        self._lines.clear()
        self.refresh()

    def mark_all_read(self, value: bool = True, ids: set[int] | None = None) -> None:
        """Show the cached rows (or those in `ids`) as read (or unread) without re-reading them."""
        for page in self._pages.values():
            for i, r in enumerate(page):
                if ids is None or r.id in ids:
                    page[i] = replace(r, is_read=value)
        self._lines.clear()
        self.refresh()

    def index_of(self, article_id: int, near: int = 0, spread: int = 2 * PAGE) -> int | None:
        """Where `article_id` is now, looking around `near` first (a reload moves rows a little)."""
        lo, hi = max(0, near - spread), min(self.total, near + spread)
        order = sorted(range(lo, hi), key=lambda i: abs(i - near))
        for i in order:
            row = self.row(i)
            if row is not None and row.id == article_id:
                return i
        return None

    def next_unread(self, start: int, step: int) -> int | None:
        """The index of the first unread row from `start` on in direction `step` (±1)."""
        i = start
        while 0 <= i < self.total:
            row = self.row(i)
            if row is not None and not row.is_read:
                return i
            i += step
        return None

    def reload(self, **filters: object) -> int:
        """Load again (new articles, other counts) keeping the cursor on the same article."""
        current = self.current
        old_cursor, old_top, old_total = self.cursor, self.scroll_offset.y, self.total
        self.filters = {k: v for k, v in filters.items() if v}
        self.total = self._count()
        self._pages.clear()
        self._lines.clear()
        self.virtual_size = Size(0, self.total)
        index = None
        if current is not None:
            index = self.index_of(current.id, old_cursor + max(0, self.total - old_total))
        if index is None:
            index = min(old_cursor, max(0, self.total - 1))
        shift = index - old_cursor
        self.scroll_to(0, max(0, old_top + shift), animate=False, immediate=True)
        self.cursor = index
        self.refresh()
        return self.total

    # --- rendering -----------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        index = self.scroll_offset.y + y
        width = self.scrollable_content_region.width
        key = (index, index == self.cursor, width)
        line = self._lines.get(key)
        if line is None:
            if len(self._lines) > 1000:
                self._lines.clear()
            line = self._lines[key] = self._render_row(index, width)
        return line

    def _render_row(self, index: int, width: int) -> Strip:
        """One row: the cells `_cells` gives (marks, date, language…), then the title cut to fit."""
        row = self.row(index)
        if row is None:
            return Strip([Segment(" " * width, self._style("", False))], width)
        is_cursor = index == self.cursor
        line_style = self._style("", is_cursor)

        def style(name: str) -> Style:
            return self._style(name, is_cursor)

        segments = self._cells(row, style)
        room = width - sum(cell_len(seg.text) for seg in segments)
        title = one_line(row.title)
        if cell_len(title) > room:
            title = set_cell_size(title, max(0, room - 1)) + "…" if room > 0 else ""
        segments.append(Segment(title, line_style))
        segments = [seg if seg.style else Segment(seg.text, line_style) for seg in segments]
        return Strip(segments).adjust_cell_length(width, line_style)

    def _style(self, name: str, is_cursor: bool) -> Style:
        """A component's style on a row (`name` '': the row's own), resolved once per restyle."""
        key = (name, is_cursor)
        style = self._styles.get(key)
        if style is None:
            # Full styles resolve `auto` colours ($text-muted, `auto 90%`) against their own
            # background; partial ones would leave them white. On the cursor row the cursor's
            # colours win, so every theme stays readable (tests/test_tui.py measures it).
            if name:
                full = self.get_component_rich_style(name)
                style = self._style("", is_cursor) + Style(color=None if is_cursor else full.color, bold=full.bold, italic=full.italic)
            elif is_cursor:
                style = self._style("", False) + self.get_component_rich_style("article-list--cursor")
            else:
                style = self.rich_style  # walks every ancestor's styles: once per restyle
            self._styles[key] = style
        return style

    def _cells(self, row: ArticleRow, style) -> list[Segment]:
        """An article's cells before its title: marks, date, language, source."""
        source = one_line(row.source) or "-"
        source = (source[:9] + "…" if len(source) > 10 else source).ljust(10)
        return [
            Segment("●" if not row.is_read else " ", style("article-list--unread")),
            Segment("★" if row.starred else " ", style("article-list--starred")),
            Segment(" "),
            # An undated article (listed after the dated ones) says so, never its import day.
            Segment((row.date or "")[:10].ljust(10), style("article-list--date")) if row.dated
            else Segment("undated".ljust(10), style("article-list--undated")),
            Segment(" "),
            Segment(lang_code(row.lang), style("article-list--lang")),
            Segment(" "),
            Segment(source, style("article-list--source")),
            Segment(" "),
        ]

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

    def notify_style_update(self) -> None:
        """Focus, blur and theme changes restyle the rows: drop the cached lines and styles."""
        super().notify_style_update()
        self._lines.clear()
        self._styles.clear()
