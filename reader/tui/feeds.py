"""The feeds pane: the views of the store with their unread counts, like newsboat's feed list.

"All articles", "Unread" and "Starred" come first, then each saved search (`reader search
--save`), each article tag, then the sources, each feed under its folder (the tag it was
added with); choosing a folder shows the articles of all its feeds.
Choosing an entry shows its articles in the list; the counts are read again whenever the
store changes.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rich.text import Text
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from reader.store import Store
from reader.tui import bindings
from reader.tui.article_list import one_line
from reader.tui.messages import ViewChosen


@dataclass(frozen=True)
class View:
    """One entry of the pane: what the list shows when it is chosen."""

    key: str  # the option id: 'all', 'unread', 'starred', 'search:NAME', 'tag:TAG', 'source:NAME', 'folder:TAG'
    label: str
    unread: int = 0
    total: int | None = None  # shown as unread/total where known
    filters: dict = field(default_factory=dict, compare=False)  # source / starred / unread / query
    depth: int = 0  # 1: a feed inside a folder
    folder: bool = False  # a heading over its feeds (chosen, it shows them all)


def views_of(store: Store) -> list[View]:
    """The pane's entries, in order, with their counts (one grouped scan: `unread_counts`)."""
    counts = store.unread_counts()
    out = [
        View("all", "All articles", counts.unread, counts.all, {}),
        View("unread", "Unread", counts.unread, None, {"unread": True}),
        View("starred", "Starred", store.count(starred=True, unread=True), counts.starred, {"starred": True}),
    ]
    for saved in store.saved_searches():
        view = View(f"search:{saved.name}", f"⌕ {one_line(saved.name)}", 0, None, {"query": saved.query})
        try:
            from reader.store.query import parse_query

            query = parse_query(saved.query)
        except ValueError:  # a query today's parser cannot read: shown, says why when chosen
            out.append(view)
            continue
        if not query.words:  # a filter: counted like a feed (a word search is counted when run)
            filters = dict(query.filters)
            view = View(view.key, view.label, store.count(**{**filters, "unread": True}), store.count(**filters), {"query": saved.query})
        out.append(view)
    for tag in counts.tags:
        out.append(View(f"tag:{tag.name}", f"# {one_line(tag.name)}", tag.unread, tag.all, {"tag": tag.name}))
    by_name = {c.name: c for c in counts.sources}
    sources = [s for s in store.sources() if s.name in by_name and by_name[s.name].all]
    folders: dict[str, list] = {}
    for s in sources:
        folders.setdefault(s.tag or "", []).append(s)
    for tag in sorted(folders, key=lambda t: (t != "", t.casefold())):
        members = folders[tag]
        depth = 0
        if tag:
            unread = sum(by_name[s.name].unread for s in members)
            out.append(View(f"folder:{tag}", f"▾ {one_line(tag)}", unread, sum(by_name[s.name].all for s in members),
                            {"folder": tag}, folder=True))
            depth = 1
        for s in members:
            c = by_name[s.name]
            out.append(View(f"source:{s.name}", one_line(s.name) or "-", c.unread, c.all, {"source": s.name}, depth))
    return out


class FeedOptions(OptionList):
    """The entries; j/k move like everywhere else."""

    BINDINGS = bindings.OPTIONS


class FeedsPane(Vertical):
    """A side pane, hidden until `F` (`feeds` in the keymap); Enter shows the chosen view."""

    COMPONENT_CLASSES = {"feeds-pane--count", "feeds-pane--zero", "feeds-pane--folder"}

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.views: list[View] = []
        self.current = "all"

    def compose(self):
        yield Static(Text("Feeds"), classes="panel-title")
        yield FeedOptions(id="feed-options")

    @property
    def options(self) -> FeedOptions:
        return self.query_one(FeedOptions)

    def show(self, views: list[View], current: str | None = None) -> None:
        """List `views`, keeping the highlight on the same entry."""
        options = self.options
        keep = options.highlighted_option.id if options.highlighted_option is not None else None
        if current is not None:
            self.current = current
        self.views = views
        count = self.get_component_rich_style("feeds-pane--count", partial=True)
        zero = self.get_component_rich_style("feeds-pane--zero", partial=True)
        folder = self.get_component_rich_style("feeds-pane--folder", partial=True)
        items = []
        for v in views:
            mark = "›" if v.key == self.current else " "
            counts = f"{v.unread}/{v.total}" if v.total is not None else f"{v.unread}"
            prompt = Text.assemble(
                mark, ("  " * v.depth), (f"{counts:>9} ", count if v.unread else zero), (v.label, folder if v.folder else ""), end="", no_wrap=True, overflow="ellipsis"
            )
            items.append(Option(prompt, id=v.key))
        options.clear_options()
        options.add_options(items)
        ids = [v.key for v in views]
        target = keep if keep in ids else self.current if self.current in ids else None
        if target is not None:
            options.highlighted = ids.index(target)
        elif views:
            options.highlighted = 0

    def view(self, key: str) -> View:
        return next(v for v in self.views if v.key == key)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            self.post_message(ViewChosen(event.option.id))
