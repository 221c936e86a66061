"""The reader app: wires the list, the reader pane, search and the entity panel to the store.

No business logic lives here: the store answers, the widgets show, and this module
decides what a key does. Heavy work (search, translation, refresh) runs in worker
threads so the screen never freezes; translation and refresh are imported only when used.
"""

from __future__ import annotations

import gc
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import work
from textual.app import App, ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widget import Widget
from textual.widgets import Footer, Header, Input, OptionList, Static

from reader.config import Settings, SettingsError, load_settings
from reader.languages import LANGUAGES
from reader.store import Store, open_store
from reader.store.store import StoreError, database_errors
from reader.tui import bindings
from reader.tui.article_list import ArticleList, one_line
from reader.tui.messages import EntityChosen, OpenArticle, StoryChosen, ViewChosen
from reader.tui.reader_pane import LANGUAGE_NAMES, ReaderPane, read_styles

if TYPE_CHECKING:  # imported when first used: the first paint does not need them
    from reader.model import StoredArticle
    from reader.tui.entity_panel import EntityPanel
    from reader.tui.feeds import FeedsPane
    from reader.tui.search import SearchResults
    from reader.tui.story_list import StoryArticles, StoryList

STYLES = Path(__file__).parent / "styles"
EMPTY_HELP = (
    "No articles yet. Add some from the shell:\n\n"
    "  reader add PATH    a file, or a folder of files\n"
    "  reader add URL     a web page\n\n"
    "then start the reader again (reader --help lists every command)."
)
#: What `l` cycles through.
LANGUAGE_CYCLE: list[str | None] = [None, *LANGUAGES]
#: Below this many columns the screen shows one pane at a time (list or article, `tab` switches).
NARROW = 100


class ReaderApp(App):
    """Browse, read and search the store from the keyboard."""

    TITLE = "reader"
    AUTO_FOCUS = None  # on_mount focuses the list; never a hidden input
    CSS_PATH = [STYLES / "app.tcss", STYLES / "reader.tcss"]
    BINDINGS = bindings.APP
    COMMANDS = App.COMMANDS | {lambda: _commands()}
    #: How often the store is asked whether another process changed it (`PRAGMA data_version`).
    POLL_SECONDS = 2.0

    # The view's state beyond __init__'s filters (class defaults: set per instance when changed).
    starred_only = False  # the "Starred" view
    unread_only = False  # `a`, or the "Unread" view
    view_name: str | None = None  # a tag or saved search view's key ('tag:…', 'search:…')
    view_extra: dict = {}  # its filters (never mutated: replaced)
    story_view = False  # `S`: the list by story
    story_id: int | None = None  # the story whose articles the list shows (Enter on a story, `O`)
    feeds_shown = False  # `F`
    maximised = False  # `z`: one pane at a time on a wide screen too
    pane = "list"  # the pane in front when only one is shown: feeds | list | reader
    empty_store = False
    unread_total: int | None = None  # None until counted: on_mount counts after the first paint
    _undo: tuple[list[int], dict[int, bool]] | None = None  # the last `A`: (ids, what restores them)
    _data_version: int | None = None
    #: Bumped when the store changed under the app (another process, a refresh), so what was
    #: read from it once, such as the palette's most named entities, is read again.
    store_generation = 0
    #: (store_generation when read, the palette's most named entities): seconds to count on
    #: a large store, so counted once per change, not on every ctrl+p.
    top_entities_read: tuple[int, list] | None = None

    def __init__(self, home: str | Path | None = None, settings: Settings | None = None, *,
                 db: str | None = None, user: str | None = None) -> None:
        super().__init__()
        self.home = home
        # A value this reader cannot use is put back to its default and said once mounted.
        self.settings, self._settings_warnings = (settings if settings is not None else load_settings()).validated()
        self.store = open_store(home, db=db, user=user)  # `--db`, READER_DB, settings' db, else home's reader.db
        self.keymap = dict(self.settings.keymap)
        self.set_keymap(self.keymap)
        self.language: str | None = self.settings.language_filter or None
        self.source: str | None = None
        self.entity: str | None = None
        self.search_query = ""  # the search whose results are shown
        self.view_lang = ""  # '' shows originals, else the translation into it
        self.side_by_side = False  # with a translation: the original beside it
        # `L` (or stay_in_language in config.toml): every article opened shows in `stay_lang`;
        # off, an article opens in its own language whatever the last one was shown in.
        self.stay = self.settings.stay_in_language is True
        self.stay_lang = self.settings.translate_to if self.stay else ""
        self.open_id: int | None = None
        self.message = ""
        self._search_store: Store | None = None
        self._cancel = threading.Event()  # set to stop a running translation
        self._refresh_cancel = threading.Event()

    def run(self, **kwargs: Any) -> Any:
        """Run the app. What is loaded by now (modules, classes, the store) lives as long as the
        process: gc.freeze() leaves it out of the collector's full sweeps, one of which would
        otherwise fall before the first paint (~20 ms of a ~0.25 s start). Until that paint the
        collector is off too (on_mount turns it back on after it): building the first screen
        makes few objects and little garbage, yet young-generation collections cost ~5 ms."""
        gc.freeze()
        gc.disable()
        try:
            return super().run(**kwargs)
        finally:
            gc.enable()

    # --- layout --------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="main"):
            with Vertical(id="left"):
                yield ArticleList(self.store, id="articles")
            with Vertical(id="right"):
                yield ReaderPane(id="reader")
            # The search box and results, the find box and the entity panel are mounted
            # when first used (`_ensure`), the empty store's help when the store is empty
            # (`_reload_list`): the first paint does not pay for them.
        yield Static(id="status")
        yield Footer()

    #: Set when a database error stopped the app: the one line `run` prints.
    store_error: str | None = None

    def _handle_exception(self, error: Exception) -> None:
        """A database error anywhere (a damaged page under a search, a full disk under a star, a
        read-only store): the app stops and says so in one line, not a traceback, and writes
        nothing more; anything else is Textual's as usual."""
        from textual.worker import WorkerFailed

        from reader.store.store import database_errors, describe

        failures = (*database_errors(), StoreError)
        if isinstance(error, WorkerFailed):  # a search or refresh worker's error
            error = error.error if isinstance(error.error, failures) else error
        if isinstance(error, failures):
            if self.store_error is None:
                self.store_error = describe(error, self.store.path)
                self.exit(return_code=1)
            return
        super()._handle_exception(error)

    def on_mount(self) -> None:
        if self.settings.theme in self.available_themes:
            self.theme = self.settings.theme
        else:
            self.notify(f"config.toml: unknown theme {self.settings.theme!r}; using {self.theme}", severity="warning")
        for warning in self._settings_warnings:
            self.notify(warning, title="Settings", severity="warning", timeout=10)
        # The unread count reads an index entry per unread article (~3 ms at 100,000): the
        # status line shows it one frame after the first paint instead of delaying that paint.
        self._reload_list(counts=False)
        self.call_after_refresh(self._counts_changed)
        self.call_after_refresh(gc.enable)  # off since `run`
        if self.articles.display:
            self.articles.focus()
        if self.settings.refresh_minutes > 0:
            self.set_interval(self.settings.refresh_minutes * 60, self._background_refresh)

    def _background_refresh(self) -> None:
        """The settings' refresh interval: fetch feeds unless a refresh is already running."""
        if not self.screen.query("#articles"):  # another screen (help, palette) is up, or the app is closing
            return
        running = any(w.group == "refresh" and not w.is_finished for w in self.workers)
        if not running and self.store.sources(kind="feed"):
            self.action_refresh()

    @property
    def articles(self) -> ArticleList:
        return self.query_one("#articles", ArticleList)

    @property
    def story_list(self) -> StoryList:
        return self.query_one("#stories")  # type: ignore[return-value]

    @property
    def story_articles(self) -> StoryArticles:
        return self.query_one("#story-articles")  # type: ignore[return-value]

    def _list(self) -> ArticleList:
        """The list in the left pane: the articles, the stories, or one story's articles."""
        if self.story_view and self._has("stories"):
            return self.story_articles if self.story_id is not None else self.story_list
        return self.articles

    @property
    def on_stories(self) -> bool:
        """The list shows one row per story (not articles)."""
        return self.story_view and self.story_id is None

    def _show_lists(self) -> None:
        """Show the list the view asks for (articles, stories, a story's articles), hide the others."""
        shown = self._list() if not self.empty_store else None
        for widget_id in ("articles", "stories", "story-articles"):
            self._show(widget_id, shown is not None and shown.id == widget_id)

    def _rows_changed(self, article_id: int | None = None) -> None:
        """Read or starred states changed (of `article_id`, or None: of many): the story lists show them."""
        for widget_id in ("stories", "story-articles"):
            for lst in self.query(f"#{widget_id}"):
                if article_id is None:
                    lst.reload(**lst.filters)  # type: ignore[attr-defined]
                else:
                    lst.reload_row(article_id)  # type: ignore[attr-defined]

    @property
    def results(self) -> SearchResults:
        return self.query_one("#results")  # type: ignore[return-value]

    @property
    def reader(self) -> ReaderPane:
        return self.query_one("#reader", ReaderPane)

    @property
    def entity_panel(self) -> EntityPanel:
        return self.query_one("#entities")  # type: ignore[return-value]

    def _find(self, widget_id: str) -> Widget | None:
        """The screen's widget with this id, None while not mounted. query_one looks ids up in a
        cache (query() matches every node: ~0.1 ms a call, a dozen calls per list reload)."""
        return self.query_one_optional(f"#{widget_id}")

    def _show(self, widget_id: str, shown: bool) -> None:
        widget = self._find(widget_id)
        if widget is not None:
            widget.display = shown

    def _has(self, widget_id: str) -> bool:
        return self._find(widget_id) is not None

    async def _ensure(self, widget_id: str, make, parent: str, **where) -> Widget:
        """The widget with this id, mounted into `parent` on first use."""
        widget = self._find(widget_id)
        if widget is not None:
            return widget
        read_styles(self, "later.tcss")
        widget = make()
        await self.query_one(f"#{parent}").mount(widget, **where)
        return widget

    @property
    def showing_results(self) -> bool:
        return self._has("results") and self.results.display

    @property
    def showing_entities(self) -> bool:
        return self._has("entities") and self.entity_panel.display

    # --- the list and its filters --------------------------------------------------

    def _list_filters(self) -> dict[str, object]:
        own = {"lang": self.language, "source": self.source, "entity": self.entity, "starred": self.starred_only, "unread": self.unread_only}
        return {**own, **{k: v for k, v in self.view_extra.items() if v}}

    def _reload_list(self, counts: bool = True) -> None:
        """Load the list for the filters; `counts`: the unread counts too (else the caller's to do)."""
        total = self.articles.load(**self._list_filters())
        empty_store = total == 0 and not any(self._list_filters().values()) and self.store.count() == 0
        self.empty_store = empty_store
        if self.story_view and self._has("stories"):  # new filters: back to the stories they select
            self.story_id = None
            self.story_list.load(**self._list_filters())
        self._show("results", False)
        self._show_lists()
        if empty_store and not self._has("empty"):
            self.query_one("#left").mount(Static(Text(EMPTY_HELP), id="empty"), after="#articles")
        self._show("empty", empty_store)
        self.query_one("#main").set_class(empty_store, "-empty")
        self.search_query = ""
        self._layout()
        if counts:
            self._counts_changed()
        else:
            self._status()

    @property
    def view_key(self) -> str:
        """The feeds pane's entry the list shows."""
        if self.view_name:
            return self.view_name
        if self.source:
            return f"source:{self.source}"
        if self.starred_only:
            return "starred"
        return "unread" if self.unread_only else "all"

    def set_view(self, key: str) -> None:
        """Show a feeds pane entry: all, unread, starred, a source, a folder, a tag or a saved search."""
        if key.startswith("search:"):
            from reader.store.query import QueryError, parse_query

            saved = self.store.saved_search(key.split(":", 1)[1])
            try:
                query = parse_query(saved.query) if saved is not None else None
            except QueryError as exc:
                self._status(f"saved search {key.split(':', 1)[1]!r}: {exc}")
                return
            if query is None:
                self._status("that saved search is gone")
                return
            if query.words:  # ranked hits, in the search results
                self._status(f"searching for “{one_line(saved.query)}”…")
                self.run_search(query.words, dict(query.filters))
                return
            self.view_name, self.view_extra = key, dict(query.filters)
            self.source, self.starred_only = None, False
        elif key.startswith(("tag:", "folder:")):
            kind, name = key.split(":", 1)
            self.view_name, self.view_extra = key, {kind: name}
            self.source, self.starred_only = None, False
        else:
            self.view_name, self.view_extra = None, {}
            self.source = key.split(":", 1)[1] if key.startswith("source:") else None
            self.starred_only = key == "starred"
        if key in ("all", "unread"):
            self.unread_only = key == "unread"
        self._reload_list()

    # --- stories -------------------------------------------------------------------

    async def _ensure_story_lists(self) -> None:
        from reader.tui.story_list import StoryArticles, StoryList

        await self._ensure("stories", lambda: StoryList(self.store, id="stories"), "left", after="#articles")
        await self._ensure("story-articles", lambda: StoryArticles(self.store, id="story-articles"), "left", after="#stories")

    async def action_stories(self) -> None:
        """`S`: the list by story (one row per story, with the list's filters), or back to articles."""
        if self.empty_store:
            self._status("no articles yet, so no stories")
            return
        if self.showing_results:
            self._show("results", False)
            self.search_query = ""
        if self.story_view:
            self.story_view, self.story_id = False, None
            self.articles.reload(**self._list_filters())
            self._show_lists()
            self._activate("list")
            self._status("one row per article (S: by story)")
            return
        await self._ensure_story_lists()
        self.story_view, self.story_id = True, None
        n = self.story_list.load(**self._list_filters())
        current = self.articles.current
        if current is not None:  # the cursor's article: its story under the cursor
            self._select_story_of(current.id)
        self._show_lists()
        self._activate("list")
        if n:
            self._status("one row per story: Enter lists its articles, S goes back to articles")
        elif self.store.story_count():
            self._status("no story has an article in this view")
        else:
            self._status("no stories yet: `reader add` and `reader refresh` group articles into stories")

    def _select_story_of(self, article_id: int) -> None:
        """Put the story list's cursor on the story of `article_id`, when it is among the first rows."""
        member = self.store.story_member(article_id)
        if member is not None:
            index = self.story_list.index_of(member[0], 0)
            if index is not None:
                self.story_list.cursor = index

    def on_story_chosen(self, message: StoryChosen) -> None:
        self.open_story(message.story_id)

    def open_story(self, story_id: int, select: int | None = None) -> None:
        """List a story's articles (the cursor on `select`); Esc goes back to the stories."""
        self.story_view, self.story_id = True, story_id
        n = self.story_articles.show(story_id, select)
        self._show_lists()
        self._activate("list")
        self._status(f"{'Enter opens one, ' if n else ''}Esc goes back to the stories")

    def back_to_stories(self) -> None:
        self.story_id = None
        self.story_list.reload(**self._list_filters())  # read states changed meanwhile; cursor kept
        self._show_lists()
        self._activate("list")
        self._status("")

    async def action_other_reports(self) -> None:
        """`O`: the other articles of the open (or highlighted) article's story."""
        article_id = self.open_id if self.on_stories else self.current_id()
        if article_id is None:
            self._status("open an article first: O lists the other reports of its story")
            return
        story = self.store.story_of(article_id)
        if story is None:
            self._status("this article is in no story yet: `reader add` and `reader refresh` group articles")
            return
        others = len(story["articles"]) - 1
        if others < 1:
            self._status("no other reports: this article is the only one in its story")
            return
        await self._ensure_story_lists()
        if self.showing_results:
            self._show("results", False)
            self.search_query = ""
        self.story_view = True
        self.story_list.load(**self._list_filters())
        self._select_story_of(article_id)
        self.open_story(story["id"], select=article_id)
        self._status(f"{others} other report{'' if others == 1 else 's'} of “{one_line(story['title'])}”: Enter opens, Esc goes to the stories")

    def on_view_chosen(self, message: ViewChosen) -> None:
        self.set_view(message.key)
        if not self.showing_results:
            self._activate("list")

    # --- panes ---------------------------------------------------------------------

    def _solo(self) -> bool:
        """One pane at a time: a narrow screen, `z`, or side by side with a translation."""
        side_by_side = self.side_by_side and bool(self.view_lang) and self.open_id is not None
        return self.size.width < NARROW or self.maximised or side_by_side

    def _layout(self) -> None:
        """Show the panes the state asks for: all of them side by side, or the one in front."""
        if not self._has("main"):
            return
        narrow = self.size.width < NARROW
        solo = self._solo()
        pane = self.pane
        if pane == "reader" and (self.open_id is None or self.empty_store):
            pane = "list"
        if pane == "feeds" and not self.feeds_shown:
            pane = "list"
        if not solo:
            shown = {"feeds": self.feeds_shown, "left": True, "right": not self.empty_store}
        elif pane == "reader":
            shown = {"feeds": False, "left": False, "right": True}
        elif narrow:
            shown = {"feeds": pane == "feeds", "left": pane == "list", "right": False}
        else:
            shown = {"feeds": self.feeds_shown, "left": True, "right": False}
        main = self.query_one("#main")
        main.set_class(solo, "-solo")
        main.set_class(narrow, "-narrow")
        main.set_class(shown["feeds"], "-feeds")
        for widget_id, on in shown.items():
            self._show(widget_id, on)

    def _activate(self, pane: str) -> None:
        """Bring `pane` (feeds | list | reader) to the front and focus it."""
        self.pane = pane
        self._layout()
        if pane == "reader":
            self.reader.focus()
        elif pane == "feeds" and self._has("feeds"):
            self.query_one("#feed-options").focus()
        else:
            (self.results if self.showing_results else self._list()).focus()

    def on_descendant_focus(self, event) -> None:
        """A click or `tab` moved the focus: the pane it is in is now in front."""
        for node in event.widget.ancestors_with_self:
            pane = {"right": "reader", "left": "list", "feeds": "feeds"}.get(node.id or "")
            if pane is not None:
                if pane != self.pane:
                    self.pane = pane
                    self._layout()
                return

    def on_resize(self, event) -> None:
        self.call_after_refresh(self._layout)  # once the new size is everyone's

    @property
    def feeds_pane(self) -> FeedsPane:
        return self.query_one("#feeds")  # type: ignore[return-value]

    @property
    def showing_feeds(self) -> bool:
        return self._has("feeds") and self.feeds_pane.display

    async def action_feeds(self) -> None:
        """`F`: the feeds pane on or off (on a narrow screen: in front, or back to the list)."""
        from reader.tui.feeds import FeedsPane

        if self.feeds_shown and (self.pane == "feeds" or self.size.width >= NARROW):
            self.feeds_shown = False
            self._activate("list")
            return
        await self._ensure("feeds", lambda: FeedsPane(id="feeds"), "main", before="#left")
        self.feeds_shown = True
        self._activate("feeds")
        self._counts_changed()

    def _counts_changed(self) -> None:
        """Read the unread counts again: the status line and the feeds pane show them."""
        self.unread_total = self.store.count(unread=True)
        if self.showing_feeds:
            from reader.tui.feeds import views_of

            self.feeds_pane.show(views_of(self.store), self.view_key)
        self._status()

    def set_language_filter(self, lang: str | None) -> None:
        self.language = lang
        self._reload_list()
        self._list().focus()

    def set_source_filter(self, source: str | None) -> None:
        self.source = source
        self._reload_list()
        self._list().focus()

    def set_entity_filter(self, name: str | None) -> None:
        self.entity = name
        self._reload_list()
        self._list().focus()

    def clear_filters(self) -> None:
        self.language = self.source = self.entity = self.view_name = None
        self.view_extra = {}
        self.starred_only = self.unread_only = False
        self._reload_list()
        self._list().focus()

    def _status(self, message: str | None = None) -> None:
        """Counts and filters on the left, the latest message or background work after."""
        if message is not None:
            self.message = message
        parts = []
        if self.showing_results:
            n = len(self.results.hits)
            parts.append(f"{n} result{'' if n == 1 else 's'} for “{one_line(self.search_query)}”")
        elif self.story_view and self.story_id is not None and self._has("story-articles"):
            story = self.story_articles.story
            n = self.story_articles.total
            parts.append(f"story: {one_line(story['title']) if story else '?'} · {n} article{'' if n == 1 else 's'}")
        elif self.story_view and self._has("stories"):
            n = self.story_list.total
            parts.append(f"{n:,} stor{'y' if n == 1 else 'ies'}")
        else:
            parts.append(f"{self.articles.total:,} articles")
        parts.append(f"language: {self.language or 'all'}")
        if not self.showing_results and self.unread_total is not None:
            parts.insert(1, f"{self.unread_total:,} unread")
        if self.starred_only:
            parts.append("starred")
        if self.unread_only:
            parts.append("only unread")
        if self.view_name:
            kind, name = self.view_name.split(":", 1)
            parts.append(f"{'saved search' if kind == 'search' else kind}: {one_line(name)}")
        if self.source:
            parts.append(f"source: {one_line(self.source)}")
        if self.entity:
            parts.append(f"entity: {one_line(self.entity)}")
        if self.view_lang:
            parts.append(f"showing: {LANGUAGE_NAMES[self.view_lang]}")
        if self.stay:
            parts.append(f"stay: {self.stay_lang}")
        line = " · ".join(parts) + (f"  │  {self.message}" if self.message else "")
        status = self._find("status")
        if status is not None:  # it leaves first when the app closes (children go last to first)
            status.update(Text(line))  # type: ignore[attr-defined]

    # --- the open article ----------------------------------------------------------

    def current_id(self) -> int | None:
        """The article a key acts on: the open one when the reader has focus, else the cursor's."""
        focused = self.focused
        if isinstance(focused, ReaderPane) or focused is None:
            return self.open_id
        if self.showing_results:
            option = self.results.highlighted_option
            return int(option.id) if option is not None and option.id else self.open_id
        if self.on_stories:
            return None  # a story row: open it (Enter) to act on its articles
        lst = self._list()
        row = lst.current if lst.display else None
        return row.id if row is not None else self.open_id

    def on_open_article(self, message: OpenArticle) -> None:
        self.open_article(message.article_id)

    def open_article(self, article_id: int, focus: bool = True) -> None:
        """Show the article (in the chosen language if its translation is cached) and mark it read."""
        article = self.store.get(article_id)
        if article is None:
            self._status(f"article {article_id} is no longer in the store")
            return
        self._cancel.set()
        if article_id != self.open_id:  # another article: its own language, unless stay keeps one
            if self.stay:
                self.view_lang = self.stay_lang
            elif self.open_id is not None:  # (a language chosen before the first article is for it)
                self.view_lang = ""
        self.open_id = article_id
        if not article.is_read:
            self.store.set_read(article_id, True)
            article.is_read = True
            self.articles.reload_row(article_id)
            self._rows_changed(article_id)
            self._counts_changed()
        self.reader.story_line = self._story_line(article_id)
        self._render_article(article)
        self.refresh_bindings()
        if focus:
            self._activate("reader")
        else:
            self._layout()

    def _story_line(self, article_id: int) -> str | None:
        """The reader pane's header for an article with other reports: "Story: headline · 3 articles · en uk ru"."""
        story = self.store.story_of(article_id)
        if story is None or len(story["articles"]) < 2:
            return None
        langs = sorted(story["languages"], key=lambda code: (LANGUAGES.index(code) if code in LANGUAGES else len(LANGUAGES), code))
        return f"Story: {one_line(story['title'])} · {len(story['articles'])} articles · {' '.join(langs)}"

    def _render_article(self, article: StoredArticle) -> None:
        cached = self.store.get_translation(article.id, self.view_lang) if self.view_lang else None
        if cached:
            _, title, texts = cached
            self.reader.show(
                article, self.store.entities(article.id, self.view_lang), translation=(title, texts), view_lang=self.view_lang,
                query=self.search_query, original_entities=self.store.entities(article.id) if self.side_by_side else None,
            )
        else:
            self.reader.show(article, self.store.entities(article.id), query=self.search_query)
        if self.showing_entities:
            self.entity_panel.show(self.store.entities(article.id, self.reader.view_lang))
        self._status("")
        if self.view_lang and not cached and article.lang != self.view_lang:
            self.translate(article, self.view_lang)

    # --- search --------------------------------------------------------------------

    async def action_search(self) -> None:
        box = await self._ensure(
            "search", lambda: Input(placeholder="Search: words, any case, any of en/uk/ru (Enter runs, Esc closes)", id="search"), "left", before=0
        )
        box.display = True
        box.focus()

    async def action_find(self) -> None:
        if self.open_id is None:
            self._status("open an article first (Enter), then f finds words in it")
            return
        box = await self._ensure("find", lambda: Input(placeholder="Find in this article (Enter finds, n/N move, Esc closes)", id="find"), "right")
        box.display = True
        box.focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        text = event.value.strip()
        if event.input.id == "search":
            event.input.display = False
            if text:
                self._status(f"searching for “{one_line(text)}”…")
                self.run_search(text)
            else:
                self._focus_list()
        elif event.input.id == "export":
            event.input.display = False
            self._activate("reader" if self._export_what[1] == "this article" and self.open_id is not None else "list")
            if text:
                self._export_to(text)
            else:
                self._status("not exported")
        elif event.input.id == "find":
            event.input.display = False
            n = self.reader.find(text) if text else 0
            self.reader.focus()
            self._status(f"{n} matches for “{one_line(text)}” (n / N move)" if text else "")

    @work(thread=True, exclusive=True, group="search")
    def run_search(self, query: str, filters: dict | None = None) -> None:
        """Query the index off the UI thread, on a connection of its own."""
        if self._search_store is None:
            self._search_store = self.store.reopen()
        from reader.tui.search import LIMIT

        # The search runs within the filters the list shows (the status line names them).
        if filters is None:
            filters = {"lang": self.language, "source": self.source, "entity": self.entity, **self.view_extra}
        hits = self._search_store.search(query, LIMIT, **filters)
        self.call_from_thread(self._show_hits, query, hits)

    async def _show_hits(self, query: str, hits: list) -> None:
        from reader.tui.search import SearchResults

        await self._ensure("results", lambda: SearchResults(id="results"), "left", after="#articles")
        self.search_query = query
        for widget_id in ("articles", "stories", "story-articles", "empty"):
            self._show(widget_id, False)
        self._show("results", True)
        self.empty_store = False
        self._layout()
        self.results.show(query, hits)
        self.results.focus()
        self._status("Enter opens, Esc returns to the list")

    def _focus_list(self) -> None:
        self._activate("list")

    # --- keys ----------------------------------------------------------------------

    def action_next_match(self) -> None:
        pos, total = self.reader.step(+1)
        self._status(f"match {pos} of {total}" if total else "no matches: f finds words in the open article")

    def action_previous_match(self) -> None:
        pos, total = self.reader.step(-1)
        self._status(f"match {pos} of {total}" if total else "no matches: f finds words in the open article")

    def action_cycle_language(self) -> None:
        i = LANGUAGE_CYCLE.index(self.language) if self.language in LANGUAGE_CYCLE else 0
        self.set_language_filter(LANGUAGE_CYCLE[(i + 1) % len(LANGUAGE_CYCLE)])

    def action_toggle_translation(self) -> None:
        self.action_show_in("" if self.view_lang else self.settings.translate_to)

    def action_show_in(self, lang: str) -> None:
        """Show the open article in `lang` ('' = the original), translating it if needed.

        With stay on, a language chosen is the one every article opens in from now on."""
        self.view_lang = lang
        if self.stay and lang:
            self.stay_lang = lang
        if self.open_id is None:
            if not lang:
                self._status("articles open in their original language" + (f" once stay is off (L); now: {self.stay_lang}" if self.stay else ""))
            elif self.stay:
                self._status(f"articles will open in {LANGUAGE_NAMES[lang]}")
            else:
                self._status(f"the next article opens in {LANGUAGE_NAMES[lang]} (L: every article)")
            return
        article = self.store.get(self.open_id)
        if article is None:
            return
        self._cancel.set()
        if lang and article.lang == lang:
            self.view_lang = ""
            self.reader.show(article, self.store.entities(article.id), query=self.search_query)
            self._status(f"this article is already in {LANGUAGE_NAMES[lang]}")
            return
        self._render_article(article)

    def action_stay_in_language(self) -> None:
        """`L`: every article opened from now on shows in the chosen language (the one shown, else
        translate_to), or, off, each in its own language."""
        self.stay = not self.stay
        if not self.stay:
            self.stay_lang = ""
            self._status("stay: off — each article opens in its own language")
            return
        self.stay_lang = self.view_lang or self.settings.translate_to
        name = LANGUAGE_NAMES[self.stay_lang]
        if self.open_id is not None and self.view_lang != self.stay_lang:
            self.action_show_in(self.stay_lang)
            if self.view_lang:  # not already in it: translating, or shown from the cache
                self._status(f"stay: every article opens in {name} (L turns it off)" + (f" · {self.message}" if self.message else ""))
            return
        self._status(f"stay: every article opens in {name} (L turns it off)")

    def action_side_by_side(self) -> None:
        """Show the original beside its translation, block by block (or back to one column)."""
        self.side_by_side = not self.side_by_side
        article = self.store.get(self.open_id) if self.open_id is not None else None
        if article is None or not self.view_lang:
            self._status("side by side: on — choose a language with 1/2/3 or t" if self.side_by_side else "side by side: off")
            return
        self._cancel.set()
        self._render_article(article)
        self._layout()
        self._status("side by side" if self.side_by_side else "one column")

    def translate(self, article: StoredArticle, target: str) -> None:
        """Translate the open article into `target` in a worker, paragraph by paragraph; Esc cancels."""
        self._cancel = threading.Event()
        self._status(f"translating into {LANGUAGE_NAMES[target]}… (Esc cancels)")
        self.run_translation(article.id, target, len(article.body) + len(article.captions) + 1, self._cancel)

    @work(thread=True, exclusive=True, group="translate")
    def run_translation(self, article_id: int, target: str, total: int, cancel: threading.Event) -> None:
        from reader.translate import CannotTranslate, Cancelled, NoPackage, translate_article

        done = 0

        def progress(seq: int, text: str) -> None:
            nonlocal done
            done += 1
            self.call_from_thread(self._translated_piece, article_id, target, seq, text, f"translating into {LANGUAGE_NAMES[target]}: {done}/{total} (Esc cancels)")

        store = self.store.reopen()  # this thread's own connection
        try:
            translate_article(store, article_id, target, self.home, on_progress=progress, cancel=cancel)
        except (NoPackage, CannotTranslate) as exc:
            self.call_from_thread(self._translation_failed, article_id, str(exc))
        except Cancelled:
            self.call_from_thread(self._translation_failed, article_id, "translation cancelled")
        else:
            self.call_from_thread(self._translated, article_id, target)
        finally:
            store.close()

    def _translated_piece(self, article_id: int, target: str, seq: int, text: str, progress: str) -> None:
        if self.open_id == article_id and self.view_lang == target:
            self.reader.replace_text(seq, text)
            self._status(progress)

    def _translated(self, article_id: int, target: str) -> None:
        if self.open_id == article_id and self.view_lang == target:
            article = self.store.get(article_id)
            if article is not None:
                self._render_article(article)
        self._status(f"translated into {LANGUAGE_NAMES[target]}")

    def _translation_failed(self, article_id: int, reason: str) -> None:
        """Back to the original, saying why (the message names the install command)."""
        if self.open_id == article_id:
            self.view_lang = ""
            article = self.store.get(article_id)
            if article is not None:
                self.reader.show(article, self.store.entities(article_id), query=self.search_query)
        self._status(reason[:1].upper() + reason[1:])

    def action_star(self) -> None:
        self._flip("starred", self.store.set_starred, ("unstarred", "starred"))

    def action_toggle_read(self) -> None:
        self._flip("is_read", self.store.set_read, ("marked unread", "marked read"))

    def _flip(self, field: str, setter, messages: tuple[str, str]) -> None:
        """Turn a yes/no state of the current article over and say which way it went."""
        article_id = self.current_id()
        article = self.store.get(article_id) if article_id is not None else None
        if article is None:
            if self.on_stories:
                self._status("a story: Enter lists its articles, to star or mark one")
            return
        value = not getattr(article, field)
        setter(article_id, value)
        self.articles.reload_row(article_id)
        self._rows_changed(article_id)
        self._counts_changed()
        self._status(messages[value])

    def _current_url(self) -> str | None:
        """The URL of the article a key acts on; None (and said, when it has none) else."""
        article_id = self.current_id()
        article = self.store.get(article_id) if article_id is not None else None
        if article is not None and not article.url:
            self._status("this article has no URL")
        return article.url if article is not None else None

    def action_open_url(self) -> None:
        target = self._current_url()
        if not target:
            return
        url = one_line(target)
        if self._driver is not None and self._driver.is_web:
            self.open_url(target)
            self._status(f"opened {url} in your browser")
            return
        reason = _no_browser()
        if reason is None:
            import webbrowser

            try:
                opened = bool(webbrowser.open(target))
            except Exception as exc:  # noqa: BLE001 - webbrowser raises its own and OSErrors
                opened, reason = False, str(exc) or type(exc).__name__
            else:
                reason = None if opened else "no browser could be started"
        if reason is None:
            self._status(f"opened {url} in a browser")
        else:
            message = f"{reason}; c copies the URL ({url})"
            self._status(message)
            self.notify(message, title="Not opened", severity="warning")

    def action_copy_url(self) -> None:
        target = self._current_url()
        if target:
            self.copy_to_clipboard(target)
            self._status(f"copied the URL {one_line(target)}")

    def action_copy(self) -> None:
        article_id = self.current_id()
        if article_id is None:
            return
        if article_id == self.open_id and self.reader.pieces:
            text = self.reader.plain_text
        else:
            article = self.store.get(article_id)
            if article is None:
                return
            from reader.tui.reader_pane import pieces_of

            text = "\n\n".join(p.text for p in pieces_of(article))
        self.copy_to_clipboard(text)
        self._status(f"copied {len(text):,} characters")

    # --- export ----------------------------------------------------------------------

    _export_what: tuple[list[int], str] = ([], "")  # (ids, what they are) the export box writes

    def _export_target(self) -> tuple[list[int], str, str] | None:
        """(ids, what they are, a file name stem) for `E`: the open article when the reader is in
        front, else the open story, the story under the cursor, the search results or the list's view."""
        reading = isinstance(self.focused, ReaderPane) or (self.pane == "reader" and self._solo())
        if reading and self.open_id is not None:
            return [self.open_id], "this article", f"reader-article-{self.open_id}"
        if self.showing_results:
            return [h.id for h in self.results.hits], "the search results", "reader-search"
        if self.story_view and self.story_id is not None:
            return [r.id for r in self.store.story_articles(self.story_id)], "this story", f"reader-story-{self.story_id}"
        if self.on_stories:
            row = self.story_list.current
            if row is None:
                return None
            return [r.id for r in self.store.story_articles(row.id)], "this story", f"reader-story-{row.id}"
        if self.empty_store:
            return None
        rows = self.store.list(**self._list_filters())  # type: ignore[arg-type]
        return [r.id for r in rows], "this view", "reader-view"

    async def action_export(self) -> None:
        """`E`: write the open article, story or view to a file (Markdown, or JSON Lines for a
        .jsonl name) in the current folder; a box asks where, Enter writes, Esc cancels."""
        target = self._export_target()
        if target is None or not target[0]:
            self._status("nothing to export here")
            return
        ids, what, stem = target
        self._export_what = (ids, what)
        name, n = f"{stem}.md", 1
        while (Path.cwd() / name).exists():
            n += 1
            name = f"{stem}-{n}.md"
        boxes = self.query("#export")
        box = boxes.first(Input) if boxes else Input(id="export")
        if not boxes:
            read_styles(self, "later.tcss")
            await self.mount(box, before="#status")
        box.placeholder = "Export to (.md Markdown, .jsonl JSON Lines; Enter writes, Esc cancels)"
        box.value = name
        box.display = True
        box.focus()
        self._status(f"export {what} ({len(ids):,} article{'' if len(ids) == 1 else 's'}): Enter writes {name}, Esc cancels")

    def _export_to(self, name: str) -> None:
        from reader.export import format_of

        path = Path(name).expanduser()
        if not path.is_absolute():
            path = Path.cwd() / path
        ids, what = self._export_what
        self._status(f"exporting {what}…")
        self.run_export(ids, path, format_of(path.name), what)

    @work(thread=True, exclusive=True, group="export")
    def run_export(self, ids: list[int], path: Path, fmt: str, what: str) -> None:
        from reader import export

        store = self.store.reopen()  # this thread's own connection
        try:
            with open(path, "x", encoding="utf-8") as out:  # "x": never over another file
                n = export.write(store, ids, fmt, out)
        except FileExistsError:
            self.call_from_thread(self._status, f"not exported: {one_line(str(path))} already exists (E again, another name)")
            return
        except OSError as exc:
            self.call_from_thread(self._status, f"not exported: {one_line(str(path))}: {exc.strerror or exc}")
            return
        finally:
            store.close()
        kind = "Markdown" if fmt == "md" else "JSON Lines"
        self.call_from_thread(self._status, f"exported {what} ({n:,} article{'' if n == 1 else 's'}, {kind}) to {one_line(str(path))}")

    async def action_entities(self) -> None:
        from reader.tui.entity_panel import EntityPanel

        panel = await self._ensure("entities", lambda: EntityPanel(id="entities"), "main")
        panel.display = not panel.display
        if panel.display:
            entities = self.store.entities(self.open_id, self.reader.view_lang) if self.open_id is not None else []
            panel.show(entities)
            panel.query_one(OptionList).focus()
        else:
            self._focus_list()

    def on_entity_chosen(self, message: EntityChosen) -> None:
        self.entity_panel.display = False
        self.set_entity_filter(message.name)

    def action_refresh(self) -> None:
        """Fetch new articles from the subscribed feeds in a worker; Esc cancels."""
        if not self.store.sources(kind="feed"):
            self._status("no feeds to refresh: subscribe to one with `reader feed add URL`")
            return
        self._status("refreshing feeds…")
        self.run_refresh()

    @work(thread=True, exclusive=True, group="refresh")
    def run_refresh(self) -> None:
        from reader.feeds.refresh import refresh  # imported on first use: httpx and the cleaners

        cancel = self._refresh_cancel = threading.Event()

        def progress(done: int, total: int, name: str) -> None:
            self.call_from_thread(self._status, f"refreshing {done}/{total}: {one_line(name)}")

        with self.store.reopen() as store:  # this thread's own connection
            report = refresh(store, on_progress=progress, cancel=cancel)
        self.call_from_thread(self._refreshed, report.summary())

    def _refreshed(self, summary: str) -> None:
        self._store_changed()
        self._status(summary)

    # --- the store changed under us: another process, a refresh ------------------------

    def on_ready(self) -> None:
        self._warn_unknown_keymap()
        self._data_version = self._store_version()
        self.set_interval(self.POLL_SECONDS, self._poll_store)

    def _warn_unknown_keymap(self) -> None:
        from reader.tui.bindings import known_ids

        unknown = sorted(set(self.keymap) - known_ids())
        if unknown:
            names = ", ".join(repr(u) for u in unknown)
            self.notify(f"config.toml [keymap]: unknown binding id {names}; ? lists the ids", title="Settings", severity="warning", timeout=10)

    def _store_version(self) -> int | None:
        try:
            return self.store.data_version()
        except (*database_errors(), StoreError):
            return None

    def _poll_store(self) -> None:
        """Another connection committed (the CLI, a refresh): show its articles, cursor kept."""
        version = self._store_version()
        if version is None or version == self._data_version or not self._has("articles"):
            return  # nothing new, or the app is closing
        self._data_version = version
        before = self.articles.total
        self._store_changed()
        added = self.articles.total - before
        if added > 0:
            self._status(f"{added} new article{'' if added == 1 else 's'}")

    def _store_changed(self) -> None:
        self.store_generation += 1
        if self.showing_results or not self._has("articles"):
            self._counts_changed()
            return
        if self.empty_store:
            self._reload_list()
            if self.articles.display:
                self.articles.focus()
            return
        self.articles.reload(**self._list_filters())
        if self._has("stories"):
            self.story_list.reload(**self._list_filters())
            self.story_articles.reload()
        self._counts_changed()

    # --- unread --------------------------------------------------------------------

    def action_next_unread(self) -> None:
        self._unread_step(+1)

    def action_previous_unread(self) -> None:
        self._unread_step(-1)

    def _unread_step(self, step: int) -> None:
        """The next (or previous) unread article in the list, then in the next feed with any;
        in the reader it opens it."""
        if self.showing_results or self.empty_store:
            return
        reading = self.pane == "reader" or isinstance(self.focused, ReaderPane)
        lst = self._list()
        index = lst.next_unread(lst.cursor + step, step)
        if index is None and self.source and not self.story_view:
            from reader.tui.feeds import views_of

            feeds = [v for v in views_of(self.store) if v.key.startswith("source:")]
            keys = [v.key for v in feeds]
            here = keys.index(self.view_key) if self.view_key in keys else -1
            order = feeds[here + 1:] if step > 0 else list(reversed(feeds[:max(here, 0)]))
            nxt = next((v for v in order if v.unread), None)
            if nxt is not None:
                self.set_view(nxt.key)
                index = lst.next_unread(0 if step > 0 else lst.total - 1, step)
        if index is None:
            what = "stories" if self.on_stories else "articles"
            self._status(f"no more unread {what}" + (" here" if self.language or self.entity or self.story_id is not None else ""))
            return
        lst.cursor = index
        row = lst.current
        if reading and row is not None and not self.on_stories:
            self.open_article(row.id)
        if self.unread_total is None:  # a key before on_mount's count
            self._counts_changed()
        self._status(f"{self.unread_total:,} unread")

    def action_toggle_unread_only(self) -> None:
        self.unread_only = not self.unread_only
        if self.showing_results:
            self._status("only unread: " + ("on" if self.unread_only else "off") + " (applies to the list)")
            return
        self._reload_list()
        self._activate("list")
        self._status("showing only unread articles" if self.unread_only else "showing read and unread articles")

    def action_mark_all_read(self) -> None:
        """Every unread article of the view (the list's filters, or the search's hits) read; `u` undoes."""
        if self.showing_results:
            ids = [h.id for h in self.results.hits if not h.is_read]
        elif self.story_view and self.story_id is not None and self._has("story-articles"):  # the open story
            ids = [r.id for r in self.store.story_articles(self.story_id) if not r.is_read]
        else:
            filters = {**self._list_filters(), "unread": True}
            ids = [r.id for r in self.store.list(**filters)]  # type: ignore[arg-type]
        if not ids:
            self._status("nothing unread here")
            return
        restore = self._mark_read(ids)
        self._undo = (ids, restore)
        self.articles.mark_all_read(True, set(ids))
        self._rows_changed()
        self._counts_changed()
        self._status(f"marked {len(ids):,} read — u undoes")

    def _mark_read(self, ids: list[int]) -> dict[int, bool]:
        """Mark `ids` read in one transaction; returns their states before (for `u`)."""
        return self.store.mark_read(ids)

    def _restore_read(self, ids: list[int], restore: dict[int, bool]) -> None:
        self.store.restore_read(restore)

    def action_undo(self) -> None:
        if self._undo is None:
            self._status("nothing to undo")
            return
        ids, restore = self._undo
        self._undo = None
        self._restore_read(ids, restore)
        if not self.showing_results:
            self.articles.reload(**self._list_filters())
        self._rows_changed()
        self._counts_changed()
        self._status(f"{len(ids):,} marked unread again")

    def action_maximise(self) -> None:
        """`z`: the reader pane alone (the article full width), or back to side by side."""
        self.maximised = not self.maximised
        if self.maximised and self.open_id is not None:
            self._activate("reader")
        else:
            self._layout()
        self._status("one pane at a time (z goes back)" if self.maximised else "")

    def action_focus_next(self) -> None:
        """Tab: the screen's own binding lands here; on the main screen it switches panes."""
        if self.screen is self.screen_stack[0] and not isinstance(self.focused, Input):
            self.action_switch_pane()
        else:
            super().action_focus_next()

    def action_switch_pane(self) -> None:
        if self._solo():
            order = (["feeds"] if self.feeds_shown and self.size.width < NARROW else []) + ["list"] + (["reader"] if self.open_id is not None else [])
            here = order.index(self.pane) if self.pane in order else -1
            self._activate(order[(here + 1) % len(order)])
            return
        panes = [self.feeds_pane.options if self.showing_feeds else None, self.results if self.showing_results else self._list(), self.reader]
        panes = [p for p in panes if p is not None]
        if self.showing_entities:
            panes.append(self.entity_panel.query_one(OptionList))
        panes = [p for p in panes if p.display]
        if not panes:
            return
        focused = self.focused
        i = next((n for n, p in enumerate(panes) if p is focused), -1)
        panes[(i + 1) % len(panes)].focus()

    def action_back(self) -> None:
        """Esc: close what is open, innermost first, until only the full list is left."""
        for box in self.query(Input):
            box_id = box.id
            if box.display:
                box.display = False
                box.value = ""
                (self.reader if box_id == "find" and self.open_id is not None else self._list() if not self.showing_results else self.results).focus()
                return
        if self._cancel_work():
            return
        if self.showing_entities:
            self.entity_panel.display = False
            self._focus_list()
        elif isinstance(self.focused, ReaderPane):
            if self.reader.needle:
                self.reader.clear_marks()
                self._status("")
            else:
                self._focus_list()
        elif self.showing_results:
            self._reload_list()
            self._list().focus()
        elif self.pane == "feeds" and self._solo():
            self._activate("list")
        elif self.story_view and self.story_id is not None:
            self.back_to_stories()
        elif self.entity or self.source or self.starred_only or self.view_name:
            self.entity = self.source = self.view_name = None
            self.view_extra = {}
            self.starred_only = False
            self._reload_list()

    def _cancel_work(self) -> bool:
        """Cancel a running translation or refresh; True if there was one."""
        running = [w for w in self.workers if w.group in ("translate", "refresh") and w.is_running]
        if running:
            self._cancel.set()
            self._refresh_cancel.set()
            for w in running:
                w.cancel()
            self._status("cancelled")
        return bool(running)

    def action_help(self) -> None:
        from reader.tui.help import HelpScreen

        read_styles(self, "later.tcss")
        self.push_screen(HelpScreen())

    def on_unmount(self) -> None:
        self._cancel.set()
        self._refresh_cancel.set()
        if self._search_store is not None:
            self._search_store.close()
        self.store.close()


def _no_browser() -> str | None:
    """Why no graphical browser can start here, or None when one may."""
    import os
    import sys

    if os.environ.get("BROWSER") or sys.platform in ("darwin", "win32", "cygwin"):
        return None
    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        return "no browser here (no graphical display)"
    return None


def _commands():
    """The palette's provider, imported when the palette first opens."""
    from reader.tui.commands import ReaderCommands

    return ReaderCommands


def run(home: str | None = None, db: str | None = None, user: str | None = None) -> None:
    """Open the reader on the store `db` names, else the one in `home` (`--home`,
    READER_HOME, settings, XDG); `user`: whose read and starred state (PostgreSQL)."""
    try:
        settings = load_settings()
    except SettingsError as exc:
        raise SystemExit(f"reader: {exc}") from None
    from reader.store.store import StoreError

    try:
        app = ReaderApp(home, settings, db=db, user=user)
    except StoreError as exc:  # damaged, read-only, full: one line naming the database
        raise SystemExit(f"reader: {exc}") from None
    app.run()
    if app.store_error:
        raise SystemExit(f"reader: {app.store_error}")
