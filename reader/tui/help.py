"""The help screen: every key binding, with the keys the user's keymap gives it."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from reader.tui import bindings


def help_text(keymap: dict[str, str], key_display) -> Text:
    """The help table as text: one line per binding, sections in screen order."""
    out = Text(end="")
    for title, items in bindings.SECTIONS:
        out.append(f"{title}\n", style="bold")
        for b in items:
            keys = " ".join(key_display(Binding(k, b.action)) for k in bindings.keys_of(b, keymap))
            out.append(f"  {keys:<16}{b.description:<22}{b.id}\n")
        out.append("\n")
    out.append("ctrl+p opens the command palette. Remap any key in config.toml, e.g.\n")
    out.append('[keymap]\nstar = "x"')
    return out


class HelpBody(VerticalScroll, can_focus=True):
    """The scrolling text: j/k, arrows, space and the page keys move it, on any screen height."""

    BINDINGS = bindings.HELP


class HelpScreen(ModalScreen[None]):
    """`?` or F1 opens it; Esc, `q`, `?` or F1 closes it."""

    def compose(self) -> ComposeResult:
        with HelpBody(id="help-body"):
            yield Static(help_text(getattr(self.app, "keymap", {}), self.app.get_key_display), id="help-text")

    def on_mount(self) -> None:
        self.query_one(HelpBody).focus()
