"""Snapshots of the reader at 100×30: main screen, search results, help, empty store.

The data has fixed dates and the view shows no clock, so the pictures are deterministic.
Update them after a deliberate change with `pytest tests/test_tui_snapshots.py --snapshot-update`.
"""

from __future__ import annotations

from test_tui import build, build_stories

from reader.config import Settings
from reader.tui.app import ReaderApp

SIZE = (100, 30)


def test_main_screen_with_an_open_article(home, snap_compare):
    build(home)
    assert snap_compare(ReaderApp(home, Settings()), terminal_size=SIZE, press=["enter"])


def test_search_results(home, snap_compare):
    build(home)

    async def search(pilot):
        await pilot.press("slash", *"Lviv", "enter")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()

    assert snap_compare(ReaderApp(home, Settings()), terminal_size=SIZE, run_before=search)


def test_help_screen(home, snap_compare):
    build(home)
    assert snap_compare(ReaderApp(home, Settings()), terminal_size=SIZE, press=["question_mark"])


def test_empty_store(home, snap_compare):
    async def settle(pilot):
        await pilot.pause()
        await pilot.pause()  # the footer recomposes once the bindings are known

    assert snap_compare(ReaderApp(home, Settings()), terminal_size=SIZE, run_before=settle)


# --- the main screen and the feeds pane at a small and a large terminal --------------


def test_main_screen_80x24(home, snap_compare):
    """One pane at a time: the list has the whole width."""
    build(home)
    assert snap_compare(ReaderApp(home, Settings()), terminal_size=(80, 24))


def test_article_80x24(home, snap_compare):
    build(home)
    assert snap_compare(ReaderApp(home, Settings()), terminal_size=(80, 24), press=["enter"])


def test_feeds_pane_80x24(home, snap_compare):
    build(home)
    assert snap_compare(ReaderApp(home, Settings()), terminal_size=(80, 24), press=["F"])


def test_main_screen_160x48(home, snap_compare):
    build(home)
    assert snap_compare(ReaderApp(home, Settings()), terminal_size=(160, 48), press=["enter"])


def test_feeds_pane_160x48(home, snap_compare):
    build(home)
    assert snap_compare(ReaderApp(home, Settings()), terminal_size=(160, 48), press=["enter", "F"])


def test_light_theme_list(home, snap_compare):
    build(home)
    assert snap_compare(ReaderApp(home, Settings(theme="textual-light")), terminal_size=(100, 30), press=["j"])


# --- the list by story ---------------------------------------------------------------


def test_stories_80x24(home, snap_compare):
    """One row per story: unread mark, days, languages, sources, count, headline."""
    build_stories(home)
    assert snap_compare(ReaderApp(home, Settings()), terminal_size=(80, 24), press=["S"])


def test_stories_160x48(home, snap_compare):
    """The stories beside an open article, its story named above it."""
    build_stories(home)
    assert snap_compare(ReaderApp(home, Settings()), terminal_size=(160, 48), press=["enter", "S"])
