"""The reader app driven by Pilot on a real store in a temporary folder."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from reader.config import Settings
from reader.model import Article, Block, Caption, Entity
from reader.store import Store
from reader.tui.app import ReaderApp
from reader.tui.help import HelpScreen

pytestmark = pytest.mark.anyio
SIZE = (100, 30)
EVIL = "[bold]not bold[/bold] [link=https://evil.example]click[/link] \x1b[31mred\x1b[0m \x1b]8;;https://x.example\x07osc\x1b]8;;\x07 \u202eevil\u202c end"

#: Title of the newest article: the list opens on it.
UK_TITLE = "Блінкен прибув до Києва"
UK_BODY = "Держсекретар США Ентоні Блінкен прибув до Києва. У Києві він зустрінеться із Зеленським."


def uk_entities() -> list[tuple[int, Entity]]:
    def span(seq: int, text: str, word: str, label: str, norm: str, nth: int = 0) -> tuple[int, Entity]:
        start = -1
        for _ in range(nth + 1):
            start = text.index(word, start + 1)
        return seq, Entity(start, start + len(word), label, word, norm)

    return [
        span(-1, UK_TITLE, "Блінкен", "PER", "Блінкен"),
        span(0, UK_BODY, "Ентоні Блінкен", "PER", "Ентоні Блінкен"),
        span(0, UK_BODY, "США", "ORG", "США"),
        span(0, UK_BODY, "Києва", "LOC", "Київ"),
        span(0, UK_BODY, "Києві", "LOC", "Київ"),
        span(0, UK_BODY, "Зеленським", "PER", "Зеленський"),
    ]


def build(home: Path, extra: int = 6) -> None:
    """A small store with fixed dates: one uk article with entities, one ru, one evil en, `extra` plain en."""
    with Store(home / "reader.db") as s:
        s.add(
            Article(
                UK_TITLE,
                [Block("p", UK_BODY), Block("h", "Що далі"), Block("quote", "«Ми з Україною», — сказав він.")],
                author="Олена Петренко",
                published="2024-05-14T10:00:00+03:00",
                lang="uk",
                site_languages=["uk", "en", "ru"],
                captions=[Caption("Блінкен у Києві", "Reuters")],
                url="https://example.org/uk/blinken",
                source="Укрінформ",
            ),
            entities=uk_entities(),
        )
        s.add(Article("Визит в Киев", [Block("p", "Госсекретарь США Блинкен прибыл в Киев.")], published="2024-05-13", lang="ru", source="Интерфакс", url="https://example.org/ru/1"))
        s.add(Article("Markup [bold]title[/bold]", [Block("p", EVIL)], published="2024-05-12", lang="en", source="Evil", url="https://example.org/en/evil"))
        for i in range(extra):
            s.add(Article(f"English story {i}", [Block("p", f"Story number {i} about the weather in Lviv.")], published=f"2024-04-{20 - i:02d}", lang="en", source="BBC", url=f"https://example.org/en/{i}"))


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture
def app(home) -> ReaderApp:
    build(home)
    return ReaderApp(home, Settings())


def status(app: ReaderApp) -> str:
    return str(app.query_one("#status").render())


def screen_text(app: ReaderApp) -> str:
    return "\n".join("".join(seg.text for seg in strip) for strip in app.screen._compositor.render_strips())


async def wait_workers(app: ReaderApp, pilot) -> None:
    await app.workers.wait_for_complete()
    await pilot.pause()


# --- list and reader ---------------------------------------------------------------


async def test_opens_newest_article_and_marks_it_read(app, home):
    async with app.run_test(size=SIZE) as pilot:
        assert "9 articles" in status(app)
        await pilot.press("enter")
        assert app.reader.pieces[0].text == UK_TITLE
        assert app.focused is app.reader
        kinds = [p.kind for p in app.reader.pieces]
        assert kinds == ["title", "caption", "p", "h", "quote"]  # the caption under the byline, as the page had it
        assert "Reuters" in screen_text(app)
        assert app.store.get(app.open_id).is_read


async def test_unread_count_arrives_right_after_the_first_paint(app):
    """on_mount leaves the unread count (a scan of the unread articles' index) for after the
    first paint: the status line must still show it once the app has settled."""
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.unread_total == 9
        assert "9 articles · 9 unread · language: all" in status(app)


def test_collector_is_off_until_the_first_paint_then_on_again(home):
    """ReaderApp.run turns the garbage collector off until the first paint; it must come back."""
    import gc

    build(home)
    seen: list[bool] = []

    class Probe(ReaderApp):
        def on_mount(self) -> None:  # runs before ReaderApp.on_mount: its callback comes first
            self.call_after_refresh(self.first)

        def first(self) -> None:
            seen.append(gc.isenabled())
            self.call_after_refresh(self.later)

        def later(self) -> None:
            seen.append(gc.isenabled())
            self.exit()

    Probe(home, Settings()).run(headless=True, size=SIZE)
    assert seen == [False, True]
    assert gc.isenabled()


async def test_moves_with_j_k_g_G(app):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j", "j", "down", "k")
        assert app.articles.cursor == 2
        await pilot.press("G")
        assert app.articles.cursor == 8
        await pilot.press("g")
        assert app.articles.cursor == 0
        await pilot.press("j", "enter")
        assert app.reader.pieces[0].text == "Визит в Киев"


async def test_tab_switches_panes_and_escape_goes_back(app):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        assert app.focused is app.reader
        await pilot.press("escape")
        assert app.focused is app.articles
        await pilot.press("tab")
        assert app.focused is app.reader


async def test_virtual_list_fetches_only_the_pages_it_shows(home):
    from reader.tui import article_list

    with Store(home / "reader.db") as s:
        s.add_many(Article(f"Item {i}", [Block("p", f"text {i}")], published=f"2020-01-01T00:{i // 60:02d}:{i % 60:02d}") for i in range(1000))
    app = ReaderApp(home, Settings())
    async with app.run_test(size=SIZE) as pilot:
        assert app.articles.total == 1000
        assert len(app.articles._pages) == 1
        await pilot.press("G")
        assert app.articles.cursor == 999
        await pilot.pause()
        assert set(app.articles._pages) <= {0, 999 // article_list.PAGE}  # not the pages between
        assert "Item 0" in screen_text(app)  # the oldest, last in the list, is on screen


async def test_virtual_list_reads_the_top_a_screenful_deep_then_the_whole_page(home):
    """The first paint reads FIRST_ROWS rows, not a page; a row below them reads the page in full."""
    from reader.tui import article_list

    with Store(home / "reader.db") as s:
        s.add_many(Article(f"Item {i}", [Block("p", f"text {i}")], published=f"2020-01-01T00:{i // 60:02d}:{i % 60:02d}") for i in range(300))
    app = ReaderApp(home, Settings())
    async with app.run_test(size=SIZE) as pilot:
        assert len(app.articles._pages[0]) == article_list.FIRST_ROWS
        for _ in range(4):
            await pilot.press("pagedown")
        await pilot.pause()
        assert app.articles.cursor > article_list.FIRST_ROWS
        assert len(app.articles._pages[0]) == article_list.PAGE
        expected = [r.id for r in app.store.list(limit=article_list.PAGE + 50)]
        assert [app.articles.row(i).id for i in range(article_list.PAGE + 50)] == expected
        assert f"Item {299 - app.articles.cursor}" in screen_text(app)  # newest first: row i is Item 299 - i


# --- search ------------------------------------------------------------------------


async def test_search_in_a_worker_then_open_a_result_and_go_back(app):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", *"БЛІНКЕН", "enter")
        await wait_workers(app, pilot)
        assert app.results.display and not app.articles.display
        assert [h.title for h in app.results.hits] == [UK_TITLE]
        assert app.focused is app.results
        await pilot.press("enter")
        assert app.reader.pieces[0].text == UK_TITLE
        # The query's words are marked in the reader pane, whatever their case.
        marked = {app.reader.pieces[i].text[s:e] for i, s, e in app.reader.matches}
        assert marked == {"Блінкен"}
        await pilot.press("escape", "escape")
        assert app.articles.display and not app.results.display
        assert "9 articles" in status(app)


async def test_search_highlights_matches_in_snippets(app):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", *"weather", "enter")
        await wait_workers(app, pilot)
        assert len(app.results.hits) == 6
        prompt = app.results.get_option_at_index(0).prompt
        match_style = app.results.get_component_rich_style("search-results--match", partial=True)
        marked = [prompt.plain[s.start : s.end] for s in prompt.spans if s.style == match_style]
        assert "weather" in marked


async def test_search_with_no_hits_says_so(app):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", *"zzzqqq", "enter")
        await wait_workers(app, pilot)
        assert "No article matches" in screen_text(app)


# --- find --------------------------------------------------------------------------


async def test_find_marks_matches_and_n_N_step_through(app):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "f", *"києв", "enter")
        found = [app.reader.pieces[i].text[s:e] for i, s, e in app.reader.matches]
        assert found == ["Києв", "Києв", "Києв", "Києв"]  # title, caption, body twice
        assert "4 matches" in status(app)
        assert app.reader.current_match == 0
        await pilot.press("n")
        assert app.reader.current_match == 1
        await pilot.press("N", "N")
        assert app.reader.current_match == 3
        await pilot.press("escape")
        assert app.reader.matches == []


async def test_find_marks_every_form_of_the_word(app):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "f", *"Київ", "enter")
        found = [app.reader.pieces[i].text[s:e] for i, s, e in app.reader.matches]
        assert found == ["Києва", "Києві", "Києва", "Києві"]  # title, caption, body twice


async def test_search_keeps_to_the_language_filter_and_says_so(app):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", *"США", "enter")
        await wait_workers(app, pilot)
        assert {h.lang for h in app.results.hits} == {"uk", "ru"}
        await pilot.press("escape", "escape", "l", "l", "l")  # en, uk, ru
        assert app.language == "ru"
        await pilot.press("slash", *"США", "enter")
        await wait_workers(app, pilot)
        assert [h.lang for h in app.results.hits] == ["ru"]
        assert "language: ru" in status(app)
        # Each result shows its read mark, date and language before the title.
        first_line = app.results.get_option_at_index(0).prompt.plain.splitlines()[0]
        assert first_line.startswith("●  2024-05-13 ru    Визит в Киев")


# --- filters, state ----------------------------------------------------------------


async def test_l_cycles_the_language_filter(app):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("l")
        assert app.language == "en" and app.articles.total == 7
        await pilot.press("l")
        assert app.language == "uk" and app.articles.total == 1
        await pilot.press("l")
        assert app.language == "ru" and app.articles.total == 1
        await pilot.press("l")
        assert app.language is None and app.articles.total == 9


async def test_default_language_filter_from_settings(home):
    build(home)
    app = ReaderApp(home, Settings(language_filter="ru"))
    async with app.run_test(size=SIZE):
        assert app.articles.total == 1
        assert "language: ru" in status(app)


async def test_a_setting_the_reader_cannot_use_is_warned_and_left_at_its_default(home):
    build(home)
    app = ReaderApp(home, Settings(language_filter="de"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.language is None and app.articles.total == 9
        warnings = [str(n.message) for n in app._notifications]
        assert any("language_filter" in w and "'de'" in w for w in warnings), warnings


async def test_star_and_read_toggle_in_the_store_and_the_list(app):
    async with app.run_test(size=SIZE) as pilot:
        first = app.articles.current.id
        await pilot.press("s")
        assert app.store.get(first).starred and app.articles.current.starred
        assert "★" in screen_text(app)
        await pilot.press("s")
        assert not app.store.get(first).starred
        await pilot.press("m")
        assert app.store.get(first).is_read
        await pilot.press("m")
        assert not app.store.get(first).is_read


async def test_keymap_from_settings_remaps_a_binding(home):
    build(home)
    app = ReaderApp(home, Settings(keymap={"star": "x"}))
    async with app.run_test(size=SIZE) as pilot:
        first = app.articles.current.id
        await pilot.press("s")
        assert not app.store.get(first).starred
        await pilot.press("x")
        assert app.store.get(first).starred


async def test_copy_puts_the_article_text_on_the_clipboard(app):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "y")
        assert app.clipboard.startswith(UK_TITLE + "\n\nБлінкен у Києві — Reuters\n\n" + UK_BODY)  # the caption where it is shown


async def test_o_opens_the_url_in_the_browser(app, monkeypatch):
    opened = []
    monkeypatch.setenv("DISPLAY", ":0")
    monkeypatch.setattr("webbrowser.open", lambda url, *a, **k: opened.append(url) or True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("o")
        assert opened == ["https://example.org/uk/blinken"]
        assert "opened https://example.org/uk/blinken" in status(app)


async def test_o_says_when_no_browser_started_and_c_copies_the_url(app, monkeypatch):
    monkeypatch.setenv("DISPLAY", ":0")
    monkeypatch.setattr("webbrowser.open", lambda url, *a, **k: False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("o")
        assert "no browser could be started; c copies the URL" in status(app)
        assert "opened" not in status(app)
        await pilot.press("c")
        assert app.clipboard == "https://example.org/uk/blinken"
        assert "copied the URL" in status(app)


async def test_o_without_a_display_does_not_start_a_console_browser(app, monkeypatch):
    opened = []
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.delenv("BROWSER", raising=False)
    monkeypatch.setattr("sys.platform", "linux")
    monkeypatch.setattr("webbrowser.open", lambda url, *a, **k: opened.append(url) or True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("o")
        assert opened == []
        assert "no graphical display" in status(app) and "c copies the URL" in status(app)


async def test_refresh_with_no_feeds_says_so(app):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("r")
        assert "no feeds to refresh" in status(app)


# --- entities ----------------------------------------------------------------------


async def test_entity_spans_take_their_colours_from_the_stylesheet(app):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        pane = app.reader
        body = pane._statics[2].visual  # the first paragraph (after the title and the caption)
        per = pane.get_component_rich_style("reader-pane--per", partial=True)
        loc = pane.get_component_rich_style("reader-pane--loc", partial=True)
        assert per.color is not None and per.color != loc.color
        spans = {(body.plain[s.start : s.end], s.style.rich_style.color.triplet) for s in body.spans}
        assert ("Ентоні Блінкен", per.color.triplet) in spans
        assert ("Києва", loc.color.triplet) in spans
        text = screen_text(app)
        for name in ("person", "organisation", "place", "date", "other"):
            assert name in text  # the legend


async def test_entity_panel_counts_and_filters_the_list(app):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "e")
        options = app.entity_panel.query_one("OptionList")
        prompts = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert any("Київ" in p and "×2" in p for p in prompts)
        assert app.focused is options
        index = next(i for i, p in enumerate(prompts) if "Київ" in p)
        options.highlighted = index
        await pilot.press("enter")
        await pilot.pause()
        assert app.entity == "Київ"
        assert app.articles.total == 1
        assert "entity: Київ" in status(app)
        await pilot.press("escape")
        assert app.entity is None and app.articles.total == 9


# --- translation toggle ------------------------------------------------------------


async def test_toggle_says_which_package_to_install(app):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "1")
        await wait_workers(app, pilot)  # the real service, over the empty packages folder
        assert "No translation package for uk→en" in status(app)
        assert "reader models install uk en" in status(app)
        assert app.reader.pieces[0].text == UK_TITLE  # still the original
        await pilot.press("2")
        assert "already in Ukrainian" in status(app)
        await pilot.press("t")
        await wait_workers(app, pilot)
        assert "reader models install uk en" in status(app)
        assert app.view_lang == ""


async def test_cached_translation_is_shown_with_its_badge(app):
    with Store(app.store.path) as s:
        s.put_translation(1, "en", "test-package", "Blinken arrived in Kyiv", {0: "US Secretary of State Antony Blinken arrived in Kyiv."})
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "1")
        assert app.reader.pieces[0].text == "Blinken arrived in Kyiv"
        assert "translated → EN" in screen_text(app)
        await pilot.press("0")
        assert app.reader.pieces[0].text == UK_TITLE


# --- help, palette, quit -----------------------------------------------------------


async def test_help_lists_every_binding_with_remapped_keys(home):
    build(home)
    app = ReaderApp(home, Settings(keymap={"star": "x"}))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        text = str(app.screen.query_one("#help-text").render())
        from reader.tui import bindings

        for _, items in bindings.SECTIONS:
            for b in items:
                assert b.id in text
        star_line = next(line for line in text.splitlines() if line.rstrip().endswith(" star"))
        assert star_line.split()[0] == "x"
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)


async def test_palette_command_filters_by_language(app):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Filter: Ukrainian")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()
        assert app.language == "uk"
        assert app.articles.total == 1


async def test_palette_offers_the_most_named_entities_once_counted(app):
    """The entities are counted in the background (seconds on a large store): the palette
    answers at once, and offers them as filters when they are read."""
    from reader.tui.commands import ReaderCommands

    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        provider = next(p for p in app.screen._providers if isinstance(p, ReaderCommands))  # noqa: SLF001
        await provider._entities_read  # noqa: SLF001
        await pilot.press(*"Filter by entity: Ентоні Блінкен")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()
        assert app.entity == "Ентоні Блінкен"
        assert app.articles.total == 1


async def test_palette_counts_the_entities_once_per_change_of_the_store(app, home, monkeypatch):
    """Counting takes seconds on a large store: a second ctrl+p has them at once; once
    another connection adds an article, they are counted again and include its names."""
    from reader.tui.commands import ReaderCommands

    def provider():
        return next(p for p in app.screen._providers if isinstance(p, ReaderCommands))  # noqa: SLF001

    def offered() -> set[str]:
        return {name for name, *_ in provider()._entities()}  # noqa: SLF001

    counts = []
    real = Store.top_entities
    monkeypatch.setattr(Store, "top_entities", lambda self, *a, **k: counts.append(1) or real(self, *a, **k))
    app.POLL_SECONDS = 0.05
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await provider()._entities_read  # noqa: SLF001
        assert "Ентоні Блінкен" in offered()
        await pilot.press("escape")
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert provider()._entities_read.done() and "Ентоні Блінкен" in offered()  # noqa: SLF001
        assert len(counts) == 1
        await pilot.press("escape")
        with Store(home / "reader.db") as other:  # another connection: the CLI, a refresh
            text = "Jens Stoltenberg met Jens Stoltenberg's staff."
            other.add(Article("NATO", [Block("p", text)], published="2024-06-01", lang="en", source="BBC"),
                      entities=[(0, Entity(0, 16, "PER", "Jens Stoltenberg", "Jens Stoltenberg"))])
        for _ in range(200):  # the poll sees the change (10 s at most on a slow machine)
            await pilot.pause(0.05)
            if app.articles.total == 10:
                break
        assert app.articles.total == 10
        await pilot.press("ctrl+p")
        await pilot.pause()
        await provider()._entities_read  # noqa: SLF001
        assert {"Ентоні Блінкен", "Jens Stoltenberg"} <= offered()
        assert len(counts) == 2


async def test_palette_jumps_to_an_article(app):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Lviv weather story number 3")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()
        assert app.reader.pieces and app.reader.pieces[0].text.startswith("English story")


async def test_q_quits(app):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running


# --- empty store, safety, start-up -------------------------------------------------


async def test_empty_store_says_how_to_add_articles(home):
    app = ReaderApp(home, Settings())
    async with app.run_test(size=SIZE):
        assert "reader add PATH" in screen_text(app)
        assert "0 articles" in status(app)


async def test_markup_and_escapes_in_articles_are_text(app):
    async with app.run_test(size=(200, 40)) as pilot:
        await pilot.press("j", "j")
        text = screen_text(app)
        assert "Markup [bold]title[/bold]" in text  # in the list
        await pilot.press("enter")
        body = app.reader.pieces[1].text
        assert "[bold]not bold[/bold]" in body and "[link=https://evil.example]click[/link]" in body
        assert "\x1b" not in body and "\u202e" not in body and "\x07" not in body
        assert "red" in body and "osc" in body and "evil" in body
        rendered = app.reader._statics[1].visual
        assert all(not (s.style and getattr(s.style, "bold", None)) for s in rendered.spans)
        assert all(not (getattr(s.style, "link", None)) for s in rendered.spans)
        text = screen_text(app)
        assert "[bold]not bold[/bold]" in text
        assert "\x1b" not in text and "\u202e" not in text
        await pilot.press("y")
        assert "\x1b" not in app.clipboard


def test_startup_imports_no_heavy_library(home):
    build(home)
    code = f"""
import asyncio, sys
from reader.config import Settings
from reader.tui.app import ReaderApp

async def main():
    app = ReaderApp({str(home)!r}, Settings())
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter")
        heavy = sorted(m for m in ("argostranslate", "torch", "spacy", "natasha", "stanza", "ctranslate2") if m in sys.modules)
        print("HEAVY", heavy)
        # the stories view and grouping are imported when first used
        print("STORIES", sorted(m for m in ("reader.stories", "reader.tui.story_list") if m in sys.modules))

asyncio.run(main())
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert "HEAVY []" in out.stdout
    assert "STORIES []" in out.stdout


async def test_theme_from_settings_and_a_clear_warning_for_an_unknown_one(home):
    build(home)
    app = ReaderApp(home, Settings(theme="textual-light"))
    async with app.run_test(size=SIZE):
        assert app.theme == "textual-light"
    app = ReaderApp(home, Settings(theme="no-such-theme"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.theme == "textual-dark"
        assert any("unknown theme 'no-such-theme'" in str(n.message) for n in app._notifications)


async def test_search_hit_in_the_list_then_star_it_from_the_results(app):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", *"визит", "enter")
        await wait_workers(app, pilot)
        assert [h.title for h in app.results.hits] == ["Визит в Киев"]
        await pilot.press("s")
        assert app.store.get(app.results.hits[0].id).starred


RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
<title>Local news</title><link>https://example.org/</link><description>test</description>
<item><title>Fresh item from the feed</title><link>https://example.org/feed/1</link><guid>feed-1</guid>
<pubDate>Mon, 13 May 2024 09:00:00 GMT</pubDate>
<content:encoded><![CDATA[{body}]]></content:encoded></item>
</channel></rss>"""


async def test_r_refreshes_feeds_in_a_worker(app, home, tmp_path):
    from reader.feeds.subscriptions import add_feed

    paragraph = "<p>" + "The city council met on Monday to discuss the new budget for public transport. " * 6 + "</p>"
    feed = tmp_path / "local.rss"
    feed.write_text(RSS.format(body=paragraph * 4), encoding="utf-8")
    with Store(home / "reader.db") as s:
        add_feed(s, str(feed), name="Local news")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("r")
        await wait_workers(app, pilot)
        assert "1 new" in status(app)
        assert app.articles.total == 10
        assert "Fresh item" in screen_text(app)  # on screen, without a restart


async def test_refresh_interval_from_settings_refreshes_in_the_background(home, tmp_path):
    from reader.feeds.subscriptions import add_feed

    build(home)
    paragraph = "<p>" + "The city council met on Monday to discuss the new budget for public transport. " * 6 + "</p>"
    feed = tmp_path / "local.rss"
    feed.write_text(RSS.format(body=paragraph * 4), encoding="utf-8")
    with Store(home / "reader.db") as s:
        add_feed(s, str(feed), name="Local news")
    app = ReaderApp(home, Settings(refresh_minutes=0.002))  # every 0.12 s
    async with app.run_test(size=SIZE) as pilot:
        for _ in range(100):  # no key pressed: the interval starts the refresh
            await pilot.pause(0.05)
            if app.articles.total == 10:
                break
        await wait_workers(app, pilot)
        assert app.articles.total == 10
        assert "Fresh item" in screen_text(app)


async def test_background_refresh_during_shutdown_says_nothing(home, tmp_path):
    """The status line leaves first when the app closes; an interval firing then must not raise."""
    from reader.feeds.subscriptions import add_feed

    build(home)
    feed = tmp_path / "local.rss"
    feed.write_text(RSS.format(body="<p>One line.</p>"), encoding="utf-8")
    with Store(home / "reader.db") as s:
        add_feed(s, str(feed), name="Local news")
    app = ReaderApp(home, Settings())
    async with app.run_test(size=SIZE) as pilot:
        await app.query_one("#status").remove()  # as shutdown does, before the list goes
        app._background_refresh()  # raised NoMatches: a CI run failed on it
        await wait_workers(app, pilot)
        assert app.message == "1 feed: 1 new, 0 failed"  # the refresh still ran


async def test_toggle_translates_with_a_real_package_and_toggles_back(home):
    """The toggle runs the real engine on the tiny en→uk package the tests ship."""
    from reader.translate.packages import install_file

    install_file(Path(__file__).parent / "packages" / "en_uk.argosmodel", home)
    with Store(home / "reader.db") as s:
        s.add(Article("The minister announced new sanctions on Monday.",
                      [Block("p", "The talks in Kyiv ended yesterday."), Block("h", "The minister announced new sanctions on Monday.")],
                      published="2024-05-01", lang="en", url="https://example.org/en/t"))
    app = ReaderApp(home, Settings())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "2")
        await wait_workers(app, pilot)
        texts = [(p.kind, p.text) for p in app.reader.pieces]
        assert texts[0][1] == "Міністр оголосив нові санкції у понеділок."
        assert ("p", "Переговори в Києві завершилися вчора.") in texts
        assert ("h", "Міністр оголосив нові санкції у понеділок.") in texts  # kinds kept
        assert app.store.get_translation(1, "uk") is not None  # cached
        await pilot.press("0")
        assert app.reader.pieces[0].text == "The minister announced new sanctions on Monday."
        await pilot.press("2")  # back to the cached translation, no worker needed
        assert app.reader.pieces[0].text == "Міністр оголосив нові санкції у понеділок."
        await pilot.press("b")  # side by side: each original block beside its translation
        await pilot.pause()
        pairs = app.reader.query(".pair")
        assert len(pairs) == 3 and app.reader.side_by_side
        left, right = pairs[1].children
        assert "The talks in Kyiv ended yesterday." in str(left.render())
        assert "Переговори в Києві завершилися вчора." in str(right.render())
        await pilot.press("b")
        await pilot.pause()
        assert not app.reader.side_by_side


async def test_captions_under_the_byline_and_side_by_side_block_by_block(app):
    with Store(app.store.path) as s:  # caption seqs follow the body's: 3 blocks, so the caption is 3
        s.put_translation(1, "en", "test-package", "Blinken arrived in Kyiv",
                          {0: "US Secretary of State Antony Blinken arrived in Kyiv.", 1: "What next", 3: "Blinken in Kyiv"})
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        text = screen_text(app)
        assert text.index("Олена Петренко") < text.index("Блінкен у Києві — Reuters") < text.index("Держсекретар")
        await pilot.press("1", "b")
        await pilot.pause()
        pairs = app.reader.query(".pair")
        assert len(pairs) == 5 and app.reader.side_by_side
        rows = [(str(left.render()), str(right.render())) for left, right in (p.children for p in pairs)]
        assert rows[0] == (UK_TITLE, "Blinken arrived in Kyiv")
        assert rows[1] == ("Блінкен у Києві — Reuters", "Blinken in Kyiv — Reuters")  # the caption's row, its credit kept
        assert rows[2][0].startswith("Держсекретар") and rows[2][1].startswith("US Secretary")
        assert rows[3] == ("Що далі", "What next")
        assert pairs[1].children[0].has_class("-caption") and pairs[1].children[1].has_class("-caption")


# --- stay in this language ------------------------------------------------------------


def cache_english(app: ReaderApp) -> None:
    with Store(app.store.path) as s:
        s.put_translation(1, "en", "test-package", "Blinken arrived in Kyiv", {0: "US Secretary of State Antony Blinken arrived in Kyiv."})


async def test_a_chosen_language_is_for_the_open_article_only_by_default(app):
    cache_english(app)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "1")
        assert app.reader.pieces[0].text == "Blinken arrived in Kyiv"
        await pilot.press("escape", "j", "enter")  # the next article: its original
        assert app.open_id == 2 and app.view_lang == ""
        assert app.reader.pieces[0].text == "Визит в Киев" and "translated" not in screen_text(app)
        assert "stay:" not in status(app)
        await pilot.press("escape", "k", "enter")  # and back: the original too
        assert app.reader.pieces[0].text == UK_TITLE


async def test_stay_keeps_the_language_for_every_article_opened(app):
    cache_english(app)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "L")  # on: the open article in translate_to (en), from the cache
        assert "stay: en" in status(app)
        assert app.reader.pieces[0].text == "Blinken arrived in Kyiv"
        await pilot.press("escape", "j", "enter")  # ru, nothing cached, no package: a clear message
        await wait_workers(app, pilot)
        assert app.open_id == 2 and app.reader.pieces[0].text == "Визит в Киев"
        assert "No translation package for ru→en" in status(app) and "stay: en" in status(app)
        await pilot.press("escape", "j", "enter")  # already English: its original
        assert app.open_id == 3 and "translated" not in screen_text(app)
        await pilot.press("escape", "g", "enter")  # the first again: still in English
        assert app.reader.pieces[0].text == "Blinken arrived in Kyiv"
        await pilot.press("L")  # off: the next article opens in its own language
        assert "stay: en" not in status(app) and "stay: off" in status(app)
        await pilot.press("escape", "j", "enter")
        assert app.view_lang == "" and app.reader.pieces[0].text == "Визит в Киев"


async def test_stay_in_language_from_the_settings(home):
    build(home)
    app = ReaderApp(home, Settings(stay_in_language=True, translate_to="en"))
    cache_english(app)
    async with app.run_test(size=SIZE) as pilot:
        assert "stay: en" in status(app)
        await pilot.press("enter")
        assert app.reader.pieces[0].text == "Blinken arrived in Kyiv"
        assert "translated → EN" in screen_text(app)


# --- feeds pane, unread keys, live updates ----------------------------------------


def option_texts(options) -> list[str]:
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


async def test_feeds_pane_lists_views_and_sources_with_unread_counts(app):
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.press("F")
        assert app.showing_feeds
        options = app.feeds_pane.options
        assert app.focused is options
        texts = option_texts(options)
        assert texts[0].split()[-2:] == ["All", "articles"] and "9/9" in texts[0]
        assert "Unread" in texts[1] and "Starred" in texts[2]
        bbc = next(t for t in texts if t.endswith("BBC"))
        assert "6/6" in bbc
        # choose BBC: the list shows its six articles
        options.highlighted = texts.index(bbc)
        await pilot.press("enter")
        assert app.source == "BBC" and app.articles.total == 6
        assert app.focused is app.articles
        # reading one updates the counts live
        await pilot.press("enter")
        assert "5/6" in next(t for t in option_texts(options) if t.endswith("BBC"))
        assert "8/9" in option_texts(options)[0]
        assert "8 unread" in status(app)
        # Starred view
        await pilot.press("s", "F")  # star the open article; F hides the pane
        assert not app.showing_feeds
        await pilot.press("F")
        options.highlighted = 2
        await pilot.press("enter")
        assert app.starred_only and app.articles.total == 1
        await pilot.press("F", "F")  # the pane was open: hidden, then shown and focused
        options.highlighted = 0
        await pilot.press("enter")
        assert not app.starred_only and app.source is None and app.articles.total == 9


async def test_feeds_pane_groups_feeds_under_their_folder(home):
    build(home)
    with Store(home / "reader.db") as s:
        s.add_source("World feed", "feed", "https://example.org/world.rss", tag="news")
        s.add(Article("From the world feed", [Block("p", "Text.")], published="2024-05-01", lang="en", source="World feed"))
    app = ReaderApp(home, Settings())
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.press("F")
        texts = option_texts(app.feeds_pane.options)
        folder = next(i for i, t in enumerate(texts) if t.endswith("news"))
        assert texts[folder + 1].endswith("World feed")
        # The heading is an entry too: it lists the articles of every feed filed under it.
        app.feeds_pane.options.highlighted = folder
        await pilot.press("enter")
        await pilot.pause()
        assert app.view_key == "folder:news"
        assert [app.articles.row(i).title for i in range(app.articles.total)] == ["From the world feed"]


async def test_next_and_previous_unread_across_the_list_and_feeds(app):
    async with app.run_test(size=(160, 48)) as pilot:
        # read the 2nd and 3rd articles: ] from the first skips them
        for i in (1, 2):
            app.store.set_read(app.articles.row(i).id, True)
        app.articles.reload(**app._list_filters())
        await pilot.press("right_square_bracket")
        assert app.articles.cursor == 3
        await pilot.press("left_square_bracket")
        assert app.articles.cursor == 0
        # in the reader, ] opens the next unread article
        await pilot.press("enter")
        first = app.open_id
        await pilot.press("right_square_bracket")
        assert app.open_id != first and app.open_id == app.articles.row(3).id
        assert app.focused is app.reader
        # across feeds: Интерфакс (read) → back past Evil (read) to BBC's last unread article
        app.set_view("source:Интерфакс")
        app.articles.focus()
        await pilot.pause()
        await pilot.press("left_square_bracket")
        assert app.source == "BBC"
        assert not app.articles.current.is_read and app.articles.cursor == 5
        await pilot.press("right_square_bracket")
        assert "no more unread" in status(app) and app.source == "BBC"


async def test_mark_all_read_in_the_view_and_undo(app):
    async with app.run_test(size=(160, 48)) as pilot:
        app.set_view("source:BBC")
        await pilot.press("A")
        assert app.store.count(source="BBC", unread=True) == 0
        assert app.store.count(unread=True) == 3  # the other sources untouched
        assert "marked 6 read" in status(app)
        assert all(app.articles.row(i).is_read for i in range(6))
        await pilot.press("u")
        assert app.store.count(source="BBC", unread=True) == 6
        assert not app.articles.current.is_read
        await pilot.press("u")
        assert "nothing to undo" in status(app)


async def test_a_shows_only_unread_and_a_read_row_stays_until_reload(app):
    async with app.run_test(size=(160, 48)) as pilot:
        app.store.set_read(app.articles.row(1).id, True)
        await pilot.press("a")
        assert app.unread_only and app.articles.total == 8
        assert "only unread" in status(app)
        await pilot.press("enter", "escape")
        assert app.articles.total == 8 and app.articles.current.is_read  # still there, shown as read
        await pilot.press("a")
        assert not app.unread_only and app.articles.total == 9


async def test_articles_added_by_another_process_appear_with_the_cursor_kept(app, home):
    app.POLL_SECONDS = 0.05
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.press("j", "j")
        here = app.articles.current.id
        with Store(home / "reader.db") as other:  # another connection: the CLI, a refresh
            other.add(Article("Breaking: new article", [Block("p", "Fresh.")], published="2024-06-01", lang="en", source="BBC"))
        for _ in range(200):  # 10 s at most on a slow machine
            await pilot.pause(0.05)
            if app.articles.total == 10:
                break
        assert app.articles.total == 10
        assert app.articles.current.id == here and app.articles.cursor == 3
        assert "Breaking: new article" in screen_text(app)
        assert "1 new article" in status(app)
        assert "10 unread" in status(app) or "9 unread" in status(app)


async def test_narrow_screen_shows_one_pane_at_a_time(app):
    async with app.run_test(size=(80, 24)) as pilot:
        assert app.articles.display and not app.query_one("#right").display
        assert app.articles.size.width >= 78  # the list has the whole width
        assert "Блінкен прибув до Києва" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert app.query_one("#right").display and not app.query_one("#left").display
        assert app.query_one("#right").size.width == 80
        await pilot.press("tab")
        assert app.query_one("#left").display and app.focused is app.articles
        await pilot.press("tab")
        assert app.focused is app.reader and not app.query_one("#left").display
        await pilot.press("escape")
        assert app.focused is app.articles and not app.query_one("#right").display
        # the feeds pane is a screen of its own too
        await pilot.press("F")
        assert app.showing_feeds and not app.query_one("#left").display
        await pilot.press("enter")  # All articles
        assert app.query_one("#left").display and not app.showing_feeds
        # growing the terminal brings the panes back side by side, shrinking it takes them away
        await pilot.resize_terminal(160, 48)
        await pilot.pause()
        assert app.query_one("#left").display and app.query_one("#right").display
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert not app.query_one("#right").display


async def test_z_maximises_the_reader_and_side_by_side_uses_the_whole_width(app):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "z")
        assert not app.query_one("#left").display and app.query_one("#right").size.width == SIZE[0]
        await pilot.press("z")
        assert app.query_one("#left").display
        # side by side with a translation: the reader alone
        app.side_by_side = True
        app.view_lang = "en"
        app._layout()
        await pilot.pause()
        assert not app.query_one("#left").display


async def test_help_scrolls_on_a_short_screen(home):
    build(home)
    app = ReaderApp(home, Settings())
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("question_mark")
        body = app.screen.query_one("#help-body")
        assert app.screen.focused is body
        assert body.max_scroll_y > 0  # more help than fits
        await pilot.press("j", "j")
        assert body.scroll_y == 2
        await pilot.press("G")
        await pilot.pause()
        assert body.scroll_y == body.max_scroll_y
        assert "ctrl+p opens the command palette" in screen_text(app)


async def test_j_k_move_in_the_entity_panel(app):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "e")
        options = app.entity_panel.query_one("OptionList")
        assert options.highlighted == 0
        await pilot.press("j", "j")
        assert options.highlighted == 2
        await pilot.press("k")
        assert options.highlighted == 1


async def test_other_language_shows_a_readable_code(home):
    with Store(home / "reader.db") as s:
        s.add(Article("Ein deutscher Artikel", [Block("p", "Text.")], published="2024-05-01", lang="other", source="DW"))
    app = ReaderApp(home, Settings())
    async with app.run_test(size=SIZE):
        line = next(line for line in screen_text(app).splitlines() if "Ein deutscher" in line)
        assert " -- DW" in line and " ot " not in line


async def test_unknown_keymap_id_warns(home):
    build(home)
    app = ReaderApp(home, Settings(keymap={"no_such_binding": "x", "star": "x"}))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        messages = [str(n.message) for n in app._notifications]
        assert any("unknown binding id 'no_such_binding'" in m for m in messages)
        assert not any("'star'" in m for m in messages)


def _luminance(color) -> float:
    def channel(c: int) -> float:
        c = c / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(color.r) + 0.7152 * channel(color.g) + 0.0722 * channel(color.b)


def _contrast(a, b) -> float:
    la, lb = _luminance(a), _luminance(b)
    hi, lo = max(la, lb), min(la, lb)
    return (hi + 0.05) / (lo + 0.05)


async def test_every_builtin_theme_keeps_the_list_and_article_readable(app):
    """Each drawn piece of a list row (marks, date, language, source, title; the cursor row
    too) and the article's text and byline at ≥ 3:1 against their background, in every
    built-in theme (the ansi ones take the terminal's own colours)."""
    from textual.color import Color

    def rgb(color, default):
        return Color.from_rich_color(color) if color is not None else default

    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "s", "escape")  # a read, starred article first; unread ones below
        names = sorted(n for n in app.available_themes if "ansi" not in n)
        assert "textual-light" in names
        bad = []
        for name in names:
            app.theme = name
            await pilot.pause()
            lst = app.articles
            base = lst.rich_style
            for index in (0, 1, 8):  # the cursor row, an unread dated row
                strip = lst._render_row(index, 100)
                for seg in strip:
                    if not seg.text.strip():
                        continue
                    bg = rgb(seg.style.bgcolor, rgb(base.bgcolor, Color(0, 0, 0)))
                    fg = rgb(seg.style.color, rgb(base.color, Color(255, 255, 255)))
                    ratio = _contrast(bg + fg, bg)
                    if ratio < 3:
                        bad.append((name, index, seg.text.strip()[:12], round(ratio, 2)))
            for widget in (app.reader._statics[0], app.reader._statics[1], app.reader.query_one(".meta")):
                style = widget.rich_style
                bg, fg = rgb(style.bgcolor, Color(0, 0, 0)), rgb(style.color, Color(255, 255, 255))
                ratio = _contrast(bg + fg, bg)
                if ratio < 3:
                    bad.append((name, "reader", " ".join(widget.classes), round(ratio, 2)))
        assert not bad, "\n".join(map(str, bad))


async def test_feeds_pane_shows_tags_and_saved_searches(app, home):
    with Store(home / "reader.db") as s:
        ids = [r.id for r in s.list(source="BBC")][:2]
        s.add_tag(ids, "weather")
        s.save_search("English BBC", "source:BBC lang:en")
        s.save_search("Lviv news", "Lviv")
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.press("F")
        options = app.feeds_pane.options
        texts = option_texts(options)
        tag = next(i for i, t in enumerate(texts) if t.endswith("# weather"))
        assert "2/2" in texts[tag]
        saved = next(i for i, t in enumerate(texts) if t.endswith("⌕ English BBC"))
        assert "6/6" in texts[saved]
        options.highlighted = tag
        await pilot.press("enter")
        assert app.articles.total == 2 and "tag: weather" in status(app)
        await pilot.press("F", "F")
        options.highlighted = saved
        await pilot.press("enter")
        assert app.articles.total == 6 and "saved search: English BBC" in status(app)
        await pilot.press("A")  # mark the saved search's articles read
        assert app.store.count(source="BBC", unread=True) == 0
        await pilot.press("u")
        assert app.store.count(source="BBC", unread=True) == 6
        # a saved search with words runs as a search
        await pilot.press("F", "F")
        options.highlighted = next(i for i, t in enumerate(option_texts(options)) if t.endswith("⌕ Lviv news"))
        await pilot.press("enter")
        await wait_workers(app, pilot)
        assert app.showing_results and len(app.results.hits) == 6
        await pilot.press("escape")
        assert not app.showing_results


# --- the list by story (S, Enter, Esc, O) -----------------------------------------------

EN_TITLE = "Blinken arrives in Kyiv"


def file_stories(home: Path, groups: list[list[str]]) -> dict[str, int]:
    """File the articles into stories as grouping would (by title, the first one's title the
    story's), every other article a story of its own. Returns {title: article id}."""
    with Store(home / "reader.db") as s:
        rows = {r.title: r for r in s.list()}
        ids = {t: r.id for t, r in rows.items()}
        grouped = {t for g in groups for t in g}
        for group in [*groups, *[[t] for t in ids if t not in grouped]]:
            dates = [rows[t].date for t in group]
            story_id = s.conn.execute("INSERT INTO stories (title, first, last, size, centroid) VALUES (?, ?, ?, ?, '{}')",
                                      (group[0], min(dates), max(dates), len(group))).lastrowid
            for t in group:
                s.conn.execute("INSERT INTO story_articles (article_id, story_id, day, score, hash, vector) VALUES (?, ?, 0, NULL, '', '{}')",
                               (ids[t], story_id))
    return ids


def build_stories(home: Path) -> dict[str, int]:
    """`build`, an English report of the visit, and the visit's three reports in one story."""
    build(home)
    with Store(home / "reader.db") as s:
        s.add(Article(EN_TITLE, [Block("p", "US Secretary of State Antony Blinken arrived in Kyiv.")], published="2024-05-14T08:00:00+00:00",
                      lang="en", source="BBC News", url="https://example.org/en/blinken"))
    return file_stories(home, [[UK_TITLE, "Визит в Киев", EN_TITLE]])


@pytest.fixture
def story_app(home) -> ReaderApp:
    build_stories(home)
    return ReaderApp(home, Settings())


async def test_S_lists_one_row_per_story_and_back(story_app):
    app = story_app
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.press("S")
        assert app.on_stories and app.focused is app.story_list
        assert not app.articles.display and app.story_list.display
        assert "8 stories" in status(app)
        row = app.story_list.current
        assert (row.title, row.size, row.languages, row.unread) == (UK_TITLE, 3, ("en", "ru", "uk"), 3)
        text = screen_text(app)
        line = next(l for l in text.splitlines() if UK_TITLE in l)
        assert "●" in line and "05-13–05-14" in line and "en uk ru" in line and "  3 " in line
        assert "BBC News +2" in line  # sources shortened
        await pilot.press("S")
        assert not app.story_view and app.articles.display and app.focused is app.articles
        assert "10 articles" in status(app)


async def test_enter_opens_a_story_then_an_article_esc_goes_back(story_app):
    app = story_app
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.press("S", "enter")
        assert app.story_id is not None and app.focused is app.story_articles
        assert [r.title for r in app.story_articles.rows_now()] == [UK_TITLE, EN_TITLE, "Визит в Киев"]
        assert "story: " + UK_TITLE in status(app) and "3 articles" in status(app)
        await pilot.press("j", "enter")
        assert app.reader.pieces[0].text == EN_TITLE and app.focused is app.reader
        assert app.store.get(app.open_id).is_read
        # the reader's header names the story
        assert f"Story: {UK_TITLE} · 3 articles · en uk ru" in screen_text(app)
        await pilot.press("escape")
        assert app.focused is app.story_articles
        assert app.story_articles.current.is_read  # the row shows it read
        await pilot.press("escape")
        assert app.on_stories and app.focused is app.story_list
        row = app.story_list.current
        assert row.title == UK_TITLE and row.unread == 2  # still unread: two articles are


async def test_a_story_is_unread_while_any_article_is(story_app, home):
    app = story_app
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.press("S", "enter", "A")
        assert "marked 3 read" in status(app)
        await pilot.press("escape")
        assert app.story_list.current.is_read
        await pilot.press("enter", "m")  # one of them unread again
        await pilot.press("escape")
        assert not app.story_list.current.is_read and app.story_list.current.unread == 1
        # ] and [ go to the next and previous unread story
        await pilot.press("right_square_bracket")
        assert app.story_list.cursor == 1
        await pilot.press("left_square_bracket")
        assert app.story_list.cursor == 0


async def test_stories_view_keeps_the_language_filter_and_the_feeds_selection(story_app):
    app = story_app
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.press("S")
        assert app.story_list.total == 8
        app.set_language_filter("ru")
        await pilot.pause()
        assert app.on_stories and app.story_list.total == 1
        assert app.story_list.current.languages == ("en", "ru", "uk")  # the whole story, found by its ru report
        assert "1 story" in status(app) and "language: ru" in status(app)
        app.set_language_filter(None)
        app.set_view("source:BBC")  # the feeds pane's choice
        await pilot.pause()
        assert app.on_stories and app.story_list.total == 7  # six BBC stories and the visit's (BBC News)
        app.set_view("source:Evil")
        await pilot.pause()
        assert [app.story_list.row(i).title for i in range(app.story_list.total)] == ["Markup [bold]title[/bold]"]


async def test_O_shows_the_other_reports_of_the_open_article(story_app):
    app = story_app
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.press("enter")  # the uk article, from the list of articles
        assert app.reader.pieces[0].text == UK_TITLE
        await pilot.press("O")
        assert app.story_view and app.story_id is not None and app.focused is app.story_articles
        assert app.story_articles.current.title == UK_TITLE  # the cursor on the article itself
        assert "2 other reports" in status(app)
        await pilot.press("escape")
        assert app.on_stories and app.story_list.current.title == UK_TITLE
        await pilot.press("S", "G", "enter", "O")  # the last article: a story of its own
        assert "no other reports" in status(app) and not app.story_view


async def test_O_says_when_an_article_is_in_no_story(app):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "O")
        assert "in no story yet" in status(app)
        assert "Story:" not in screen_text(app)
        await pilot.press("S")
        assert "no stories yet" in status(app)


async def test_stories_at_80x24_one_pane_at_a_time(story_app):
    app = story_app
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("S")
        assert app.story_list.display and app.story_list.size.width >= 78
        line = next(l for l in screen_text(app).splitlines() if "en uk ru" in l)
        assert "Блінкен" in line and len(line) <= 80
        await pilot.press("enter")
        assert app.story_articles.display
        await pilot.press("enter")
        assert app.query_one("#right").display and not app.query_one("#left").display
        await pilot.press("escape")
        assert app.query_one("#left").display and app.focused is app.story_articles
        await pilot.press("escape")
        assert app.focused is app.story_list


async def test_stories_keys_are_in_help_and_palette_and_remappable(home):
    build_stories(home)
    app = ReaderApp(home, Settings(keymap={"stories": "V"}))
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("S")
        assert not app.story_view
        await pilot.press("V")
        assert app.on_stories
        await pilot.press("question_mark")
        text = str(app.screen.query_one("#help-text").render())
        assert "other_reports" in text and "Other reports" in text and "stories" in text
        await pilot.press("escape")
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Other reports")
        await pilot.pause(0.5)
        assert "Other reports" in screen_text(app)


# --- export (E) ----------------------------------------------------------------------


async def export_as(app: ReaderApp, pilot, name: str | None = None) -> None:
    await pilot.press("E")
    box = app.query_one("#export")
    assert box.display and app.focused is box
    if name is not None:
        box.value = name
    await pilot.press("enter")
    await wait_workers(app, pilot)


async def test_E_exports_the_open_article_then_the_view(app, tmp_path, monkeypatch):
    tmp_path = tmp_path / "out"  # the current folder: the export's default place
    tmp_path.mkdir()
    monkeypatch.chdir(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await export_as(app, pilot)
        written = tmp_path / "reader-article-1.md"
        assert f"to {written}" in status(app) and "exported this article (1 article, Markdown)" in status(app)
        md = written.read_text(encoding="utf-8")
        assert md.startswith(f"# {UK_TITLE}\n") and "> Блінкен у Києві (Reuters)" in md
        await export_as(app, pilot)  # never over a file: the next free name is offered
        assert (tmp_path / "reader-article-1-2.md").read_text(encoding="utf-8") == md
        # the list in front: its view, here with the language filter (en) — as JSON Lines
        await pilot.press("escape", "l")
        await export_as(app, pilot, "english.jsonl")
        import json

        lines = [json.loads(ln) for ln in (tmp_path / "english.jsonl").read_text(encoding="utf-8").splitlines()]
        assert len(lines) == 7 and {r["lang"] for r in lines} == {"en"}
        assert "exported this view (7 articles, JSON Lines)" in status(app)
        await export_as(app, pilot, "view.md")  # Markdown: the article text is data, never markup
        md = (tmp_path / "view.md").read_text(encoding="utf-8")
        assert md.count("\n# ") + md.startswith("# ") == 7
        assert "# Markup \\[bold\\]title\\[/bold\\]" in md and "\\[link=https://evil.example\\]" in md
        await export_as(app, pilot, "view.md")  # a name taken: said, nothing overwritten
        assert "already exists" in status(app) and (tmp_path / "view.md").read_text(encoding="utf-8") == md
        await pilot.press("E", "escape")  # Esc: nothing written
        assert not app.query_one("#export").display and sorted(p.name for p in tmp_path.iterdir()) == [
            "english.jsonl", "reader-article-1-2.md", "reader-article-1.md", "view.md"]


async def test_E_exports_a_story_and_search_results(story_app, tmp_path, monkeypatch):
    app = story_app
    tmp_path = tmp_path / "out"  # the current folder: the export's default place
    tmp_path.mkdir()
    monkeypatch.chdir(tmp_path)
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.press("S")
        await export_as(app, pilot)  # the story under the cursor
        story = app.story_list.current.id
        md = (tmp_path / f"reader-story-{story}.md").read_text(encoding="utf-8")
        assert md.count("\n# ") + md.startswith("# ") == 3 and "exported this story (3 articles" in status(app)
        await pilot.press("enter")  # its articles listed: the same story
        await export_as(app, pilot, "story.md")
        assert (tmp_path / "story.md").read_text(encoding="utf-8") == md
        await pilot.press("slash", *"Lviv", "enter")
        await wait_workers(app, pilot)
        await export_as(app, pilot, "hits.md")
        assert (tmp_path / "hits.md").read_text(encoding="utf-8").count("Lviv") == 6
        assert "exported the search results (6 articles" in status(app)
