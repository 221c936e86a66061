"""Search results: a short ranked list (title and snippet, matched words marked).

A query returns at most `LIMIT` hits, so a plain OptionList is quick enough here; the
full list of articles is the virtual `ArticleList`.
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from reader.store import Hit
from reader.tui import bindings
from reader.tui.messages import OpenArticle
from reader.tui.article_list import one_line
from reader.tui.highlight import highlighted_snippet, query_spans

LIMIT = 200


class SearchResults(OptionList):
    """The hits of one query; Enter opens the highlighted one."""

    BINDINGS = bindings.LIST
    COMPONENT_CLASSES = {"search-results--match", "search-results--title", "search-results--empty"}

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.search_query = ""
        self.hits: list[Hit] = []

    def show(self, query: str, hits: list[Hit]) -> None:
        """Replace the options with the hits of `query`."""
        self.search_query, self.hits = query, hits
        match = self.get_component_rich_style("search-results--match", partial=True)
        title_style = self.get_component_rich_style("search-results--title", partial=True)
        self.clear_options()
        if not hits:
            self.add_option(Option(Text(f"No article matches “{one_line(query)}”. Esc goes back to the list."), disabled=True))
            return
        options = []
        for hit in hits:
            marks = ("●" if not hit.is_read else " ") + ("★" if hit.starred else " ")
            date = (hit.date or "")[:10] if hit.date_kind == "published" else "undated"  # as the list says
            title = Text(f"{marks} {date:10} {hit.lang or '?':5} ", end="")
            title.append(one_line(hit.title), style=title_style)
            start_of_title = len(title.plain) - len(one_line(hit.title))
            for start, end in query_spans(one_line(hit.title), query):
                title.stylize(match, start_of_title + start, start_of_title + end)
            if hit.variant:
                title.append(f"  [in the {hit.variant} translation]")
            prompt = Text.assemble(title, "\n", highlighted_snippet(hit.snippet, hit.matches, match))
            options.append(Option(prompt, id=str(hit.id)))
        self.add_options(options)
        self.highlighted = 0

    def action_open(self) -> None:
        option = self.highlighted_option
        if option is not None and option.id is not None:
            self.post_message(OpenArticle(int(option.id)))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.post_message(OpenArticle(int(event.option.id)))
