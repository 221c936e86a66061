"""First screen: the stored articles in a table (the full reader comes with the TUI issue)."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import DataTable, Footer, Header, Static

from reader.store import open_store


class ReaderApp(App):
    TITLE = "reader"
    BINDINGS = [("q", "quit", "Quit")]

    def __init__(self, home: str | None = None):
        super().__init__()
        self.home = home

    def compose(self) -> ComposeResult:
        yield Header()
        yield DataTable(id="articles", cursor_type="row")
        yield Static(id="status")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("date", "lang", "source", "title")
        with open_store(self.home) as store:
            rows = store.list(limit=500)
            total = store.count()
        for r in rows:
            table.add_row(r.date[:10], r.lang or "?", r.source or "-", r.title, key=str(r.id))
        status = f"{total} articles" if total else "No articles yet: add some with `reader add PATH|URL`."
        self.query_one("#status", Static).update(status)


def run(home: str | None = None) -> None:
    ReaderApp(home).run()
