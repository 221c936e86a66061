"""The entity panel: who and what the open article mentions, with counts.

Choosing a name filters the article list to the articles that mention it.
"""

from __future__ import annotations

from rich.text import Text
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from reader.model import Entity
from reader.tui import bindings
from reader.tui.article_list import one_line
from reader.tui.messages import EntityChosen
from reader.tui.reader_pane import entity_counts

#: Six-cell labels for the panel's first column.
SHORT = {"PER": "person", "ORG": "org", "LOC": "place", "DATE": "date", "MISC": "other"}


class EntityOptions(OptionList):
    """The names; j/k move like everywhere else."""

    BINDINGS = bindings.OPTIONS


class EntityPanel(Vertical):
    """A side panel, hidden until `e`; Enter on a name filters the list by it."""

    COMPONENT_CLASSES = {"entity-panel--per", "entity-panel--org", "entity-panel--loc", "entity-panel--date", "entity-panel--misc"}

    def compose(self):
        yield Static(Text("Entities"), classes="panel-title")
        yield EntityOptions(id="entity-options")

    def show(self, entities: list[tuple[int, Entity]]) -> None:
        """List an article's entities, most mentioned first."""
        options = self.query_one(OptionList)
        options.clear_options()
        counts = entity_counts(entities)
        if not counts:
            options.add_option(Option(Text("No entities found in this article."), disabled=True))
            return
        items = []
        for label, name, n in counts:
            style = self.get_component_rich_style(f"entity-panel--{label.lower()}", partial=True)
            prompt = Text.assemble((f"{SHORT.get(label, label.lower())[:6]:<7}", style), one_line(name), f"  ×{n}")
            items.append(Option(prompt, id=f"{label}\x1f{name}"))
        options.add_options(items)
        options.highlighted = 0

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            self.post_message(EntityChosen(event.option.id.split("\x1f", 1)[1]))
