"""Every key binding of the reader, in one place.

Each binding has an `id`, so a user can remap it from config.toml:

    [keymap]
    star = "x"
    search = "slash,ctrl+f"

The help screen and the command palette are generated from these lists.
"""

from __future__ import annotations

from textual.binding import Binding

#: Keys that work wherever the focus is (unless an input has it).
APP: list[Binding] = [
    Binding("slash", "search", "Search", id="search"),
    Binding("f", "find", "Find", id="find"),
    Binding("n", "next_match", "Next match", show=False, id="next_match"),
    Binding("N", "previous_match", "Previous match", show=False, id="previous_match"),
    Binding("l", "cycle_language", "Language filter", id="language_filter"),
    Binding("t", "toggle_translation", "Translate", id="translate"),
    Binding("1", "show_in('en')", "Show in English", show=False, id="show_en"),
    Binding("2", "show_in('uk')", "Show in Ukrainian", show=False, id="show_uk"),
    Binding("3", "show_in('ru')", "Show in Russian", show=False, id="show_ru"),
    Binding("0", "show_in('')", "Show the original", show=False, id="show_original"),
    Binding("b", "side_by_side", "Side by side", show=False, id="side_by_side"),
    Binding("L", "stay_in_language", "Stay in this language", show=False, id="stay_in_language"),
    Binding("F", "feeds", "Feeds", id="feeds"),
    Binding("S", "stories", "Stories / articles", show=False, id="stories"),
    Binding("O", "other_reports", "Other reports", show=False, id="other_reports"),
    Binding("right_square_bracket", "next_unread", "Next unread", show=False, id="next_unread"),
    Binding("left_square_bracket", "previous_unread", "Previous unread", show=False, id="previous_unread"),
    Binding("a", "toggle_unread_only", "Only unread", show=False, id="unread_only"),
    Binding("A", "mark_all_read", "Mark all read", show=False, id="mark_all_read"),
    Binding("u", "undo", "Undo mark all read", show=False, id="undo"),
    Binding("z", "maximise", "Maximise reader", show=False, id="maximise"),
    Binding("s", "star", "Star", id="star"),
    Binding("m", "toggle_read", "Read/unread", show=False, id="read"),
    Binding("o", "open_url", "Open in browser", show=False, id="open_url"),
    Binding("y", "copy", "Copy text", show=False, id="copy"),
    Binding("c", "copy_url", "Copy URL", show=False, id="copy_url"),
    Binding("E", "export", "Export to a file", show=False, id="export"),
    Binding("e", "entities", "Entities", id="entities"),
    Binding("r", "refresh", "Refresh", show=False, id="refresh"),
    Binding("tab", "switch_pane", "Switch pane", show=False, id="switch_pane"),
    Binding("escape", "back", "Back", show=False, id="back"),
    Binding("question_mark,f1", "help", "Help", id="help"),
    Binding("q", "quit", "Quit", id="quit"),
]

#: Keys of the article list and the search results.
LIST: list[Binding] = [
    Binding("j,down", "cursor_down", "Down", show=False, id="down"),
    Binding("k,up", "cursor_up", "Up", show=False, id="up"),
    Binding("g,home", "first", "Top", show=False, id="top"),
    Binding("G,end", "last", "Bottom", show=False, id="bottom"),
    Binding("pagedown", "page_down", "Page down", show=False, id="page_down"),
    Binding("pageup", "page_up", "Page up", show=False, id="page_up"),
    Binding("enter", "open", "Open", id="open"),
]

#: Keys of the reader pane.
READER: list[Binding] = [
    Binding("j,down", "scroll_down", "Down", show=False, id="reader_down"),
    Binding("k,up", "scroll_up", "Up", show=False, id="reader_up"),
    Binding("g,home", "scroll_home", "Top", show=False, id="reader_top"),
    Binding("G,end", "scroll_end", "Bottom", show=False, id="reader_bottom"),
    Binding("space,pagedown", "page_down", "Page down", show=False, id="reader_page_down"),
    Binding("pageup", "page_up", "Page up", show=False, id="reader_page_up"),
]

#: Keys of the feeds pane and the entity panel (option lists).
OPTIONS: list[Binding] = [
    Binding("j,down", "cursor_down", "Down", show=False, id="option_down"),
    Binding("k,up", "cursor_up", "Up", show=False, id="option_up"),
    Binding("g,home", "first", "Top", show=False, id="option_top"),
    Binding("G,end", "last", "Bottom", show=False, id="option_bottom"),
    Binding("enter", "select", "Choose", show=False, id="option_choose"),
]

#: Keys of the help screen.
HELP: list[Binding] = [
    Binding("j,down", "scroll_down", "Down", show=False, id="help_down"),
    Binding("k,up", "scroll_up", "Up", show=False, id="help_up"),
    Binding("g,home", "scroll_home", "Top", show=False, id="help_top"),
    Binding("G,end", "scroll_end", "Bottom", show=False, id="help_bottom"),
    Binding("space,pagedown", "page_down", "Page down", show=False, id="help_page_down"),
    Binding("pageup", "page_up", "Page up", show=False, id="help_page_up"),
    Binding("escape,q,question_mark,f1", "screen.dismiss", "Close", id="help_close"),
]

#: (section title, bindings) as the help screen shows them.
SECTIONS: list[tuple[str, list[Binding]]] = [
    ("Everywhere", APP),
    ("Article list and search results", LIST),
    ("Reader pane", READER),
    ("Feeds pane and entity panel", OPTIONS),
    ("Help (this screen)", HELP),
]


def keys_of(binding: Binding, keymap: dict[str, str]) -> list[str]:
    """The keys a binding answers to once the user's keymap is applied."""
    keys = keymap.get(binding.id or "", binding.key)
    return [k.strip() for k in keys.split(",") if k.strip()]


def known_ids() -> set[str]:
    """Every binding id a keymap may name."""
    return {b.id for _, items in SECTIONS for b in items if b.id}
