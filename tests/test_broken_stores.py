"""Broken stores (issue 14): damaged pages, a full disk, a read-only store, a file that is no database.

Real stores, damaged for real: pages of one table (found with SQLite's dbstat) overwritten
with garbage in the middle of the file; a full disk is SQLite's own SQLITE_FULL, from
`max_page_count` (READER_MAX_PAGES); read-only is SQLite's `mode=ro` (tests run as root,
whom chmod does not stop). Each error is one line naming the database and what to do.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import os
import random
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from reader.cli import cli
from reader.model import Article, Block
from reader.store.store import Store, StoreError

N = 200


def fill(home: Path, n: int = N) -> Path:
    """A store of `n` articles (no entities, no network), its WAL folded in: the path of its file."""
    home.mkdir(parents=True, exist_ok=True)
    db = home / "reader.db"
    with Store(db) as s:
        for i in range(n):
            words = " ".join(f"word{(i * 7 + j) % 997} filler{j}" for j in range(100))
            s.add(Article(title=f"Article number {i}", body=[Block("p", f"Paragraph {k} of article {i}: {words}") for k in range(3)],
                          lang="en", url=f"http://example.com/{i}", published=f"2024-01-{1 + i % 28:02d}T00:00:00+00:00"))
    assert not Path(f"{db}-wal").exists() or Path(f"{db}-wal").stat().st_size == 0
    return db


def damage(db: Path, table: str, pages: int = 2) -> list[int]:
    """Overwrite `pages` leaf pages of `table`, from the middle of its pages, with garbage."""
    conn = sqlite3.connect(db)
    try:
        size = conn.execute("PRAGMA page_size").fetchone()[0]
        leaves = [r[0] for r in conn.execute("SELECT pageno FROM dbstat WHERE name = ? AND pagetype = 'leaf' ORDER BY pageno", (table,))]
    finally:
        conn.close()
    assert len(leaves) > pages + 2, leaves
    chosen = leaves[len(leaves) // 2: len(leaves) // 2 + pages]
    rnd = random.Random(14)
    with db.open("r+b") as f:
        for page in chosen:
            f.seek((page - 1) * size)
            f.write(bytes(rnd.randrange(256) for _ in range(size)))
    return chosen


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def one_line(result) -> str:
    """The command failed with exactly one line on stderr, and no traceback."""
    assert result.exit_code == 1, result.output
    assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit), result.exception
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, lines
    return lines[0]


DAMAGED = "the store is damaged (database disk image is malformed); nothing more is written to it: " \
          "`reader doctor` checks it, `reader doctor --recover NEW.db` copies what can be read"


# --- damaged pages -------------------------------------------------------------------


@pytest.mark.parametrize(("table", "pages", "command"), [("articles", 2, ("list",)), ("blocks", 2, ("export",)),
                                                         ("search_data", 40, ("search", "filler5")),
                                                         ("articles", 2, ("list", "--json"))])
def test_commands_on_damaged_pages_say_so_in_one_line(tmp_path, run, table, pages, command):
    db = fill(tmp_path / "home")
    damage(db, table, pages)
    before = digest(db)
    line = one_line(run(*command))
    assert line == f"Error: {db}: {DAMAGED}"
    assert digest(db) == before  # nothing written


def test_a_file_that_is_no_database(tmp_path, run):
    db = tmp_path / "home" / "reader.db"
    db.parent.mkdir()
    db.write_bytes(b"this is not a database, just text " * 200)
    line = one_line(run("list"))
    assert line.startswith(f"Error: {db}: the store is damaged (file is not a database)") and "reader doctor" in line
    r = run("doctor")
    assert r.exit_code == 1 and f"error: {db}: " in r.stderr


def test_doctor_finds_the_damage_and_recovers_what_can_be_read(tmp_path, run):
    db = fill(tmp_path / "home")
    r = run("doctor")
    assert r.exit_code == 0 and r.stdout.strip() == f"{db}: ok (quick_check and integrity_check)"
    damage(db, "blocks")
    damage(db, "articles", 1)
    before = digest(db)
    r = run("doctor")
    assert r.exit_code == 1
    problems = [x for x in r.stderr.splitlines() if x.startswith("error: ")]
    assert problems and all(x.startswith(f"error: {db}: ") for x in problems)
    assert r.stderr.strip().splitlines()[-1].endswith("`reader doctor --recover NEW.db` copies what can be read into a new store")
    out = tmp_path / "recovered.db"
    r = run("doctor", "--recover", str(out), "--json")
    assert r.exit_code == 1, r.output  # the original is still damaged
    report = json.loads(r.stdout)
    assert report["ok"] is False and report["recovered"]["out"] == str(out)
    assert digest(db) == before and not Path(f"{db}-wal").exists()  # the original untouched
    rows = {t: v["rows"] for t, v in report["recovered"]["tables"].items()}
    assert N - 40 < rows["articles"] < N  # one page of articles lost, the rest read row by row
    assert 3 * (N - 40) < rows["blocks"] < 3 * N
    # The copy is a sound store with its search index rebuilt.
    home2 = tmp_path / "home2"
    home2.mkdir()
    out.rename(home2 / "reader.db")
    runner = CliRunner()
    r = runner.invoke(cli, ["--home", str(home2), "doctor"], obj={})
    assert r.exit_code == 0, r.output
    listed = json.loads(runner.invoke(cli, ["--home", str(home2), "list", "--json"], obj={}).stdout)
    assert len(listed) == rows["articles"]
    hits = runner.invoke(cli, ["--home", str(home2), "search", "filler7", "--json", "--limit", "500"], obj={})
    assert hits.exit_code == 0 and len(json.loads(hits.stdout)["hits"]) > N - 60
    # Recovery never writes over a file.
    r = run("doctor", "--recover", str(home2 / "reader.db"))
    assert r.exit_code == 1 and "already exists" in r.stderr


# --- a full disk ---------------------------------------------------------------------


def test_writes_on_a_full_disk_say_so_and_change_nothing(tmp_path, run, monkeypatch, server):
    db = fill(tmp_path / "home", 30)
    from httpserver import rss

    feed = server.put("/broken-stores/feed.xml", rss("Feed", [{"title": "One", "link": "http://127.0.0.1/one", "guid": "1"}]))
    monkeypatch.setenv("READER_MAX_PAGES", "1")  # no page more than the store has now
    full = f"the disk is full (database or disk is full); what failed was not saved, nothing is half-written: free some space and try again"
    line = one_line(run("feed", "add", feed + "?" + "x" * 20_000))  # a row bigger than any free space
    assert line == f"Error: {db}: {full}"
    opml = tmp_path / "many.opml"
    outlines = "".join(f'<outline type="rss" text="Feed {i} {"y" * 2000}" xmlUrl="http://127.0.0.1/{i}/{"z" * 2000}"/>' for i in range(200))
    opml.write_text(f'<?xml version="1.0"?><opml version="2.0"><head/><body>{outlines}</body></opml>')
    assert one_line(run("import-opml", str(opml))) == f"Error: {db}: {full}"
    line = one_line(run("remove", *[str(i) for i in range(1, 31)]))
    assert line == f"Error: {db}: {full}"
    monkeypatch.delenv("READER_MAX_PAGES")
    assert 1 <= len(json.loads(run("list", "--json").stdout)) < 30  # each removal all or nothing: the first ones fit
    assert len(json.loads(run("feed", "list", "--json").stdout)) < 200


# --- the reader (TUI) ----------------------------------------------------------------


def _tui(app, keys: tuple[str, ...] = ()) -> None:
    """Run the app headless, press `keys`, and wait (up to 10 s) for it to stop itself."""
    async def go():
        async with app.run_test() as pilot:
            await pilot.pause()
            for key in keys:
                if app.return_code is not None:
                    break
                app.simulate_key(key)  # not pilot.press: it waits on a screen the app may have closed
                await asyncio.sleep(0.05)
            for _ in range(100):
                if app.return_code is not None:
                    break
                await asyncio.sleep(0.1)

    asyncio.run(go())


def test_the_reader_on_a_damaged_store_stops_with_one_line(tmp_path, monkeypatch):
    from reader.tui.app import ReaderApp, run as run_tui

    monkeypatch.setenv("READER_CONFIG", str(tmp_path / "config.toml"))
    db = fill(tmp_path / "home")
    damage(db, "articles")
    app = ReaderApp(tmp_path / "home")
    app.run(headless=True)
    assert app.store_error == f"{db}: {DAMAGED}" and app.return_code == 1
    garbage = tmp_path / "junk"
    garbage.mkdir()
    (garbage / "reader.db").write_bytes(b"not a database " * 500)
    with pytest.raises(SystemExit) as caught:
        run_tui(str(garbage))
    assert str(caught.value).startswith(f"reader: {garbage / 'reader.db'}: the store is damaged (file is not a database)")


def test_the_reader_search_on_damaged_index_pages_stops_with_one_line(tmp_path, monkeypatch):
    from reader.tui.app import ReaderApp

    monkeypatch.setenv("READER_CONFIG", str(tmp_path / "config.toml"))
    db = fill(tmp_path / "home")
    damage(db, "search_data", 40)
    app = ReaderApp(tmp_path / "home")
    _tui(app, ("slash", "f", "i", "l", "l", "e", "r", "5", "enter"))
    assert app.store_error == f"{db}: {DAMAGED}"


def test_the_reader_star_on_a_read_only_store_stops_with_one_line(tmp_path, monkeypatch):
    from reader.tui.app import ReaderApp

    monkeypatch.setenv("READER_CONFIG", str(tmp_path / "config.toml"))
    db = fill(tmp_path / "home", 5)
    before = digest(db)
    app = ReaderApp(tmp_path / "home")
    app.store.close()
    app.store = Store(db, read_only=True)  # what a store the user cannot write opens as
    _tui(app, ("s",))
    assert app.store_error == (f"{db}: the store is read-only (attempt to write a readonly database); nothing was changed: "
                               "check the permissions of the file and its folder, or use --home")
    assert digest(db) == before


def test_a_read_only_store_opens_for_reading_and_refuses_writes(tmp_path):
    db = fill(tmp_path / "home", 3)
    with Store(db, read_only=True) as s:
        assert len(s.list()) == 3
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            s.set_starred(1)
    with pytest.raises(StoreError, match="cannot open the store"):
        Store(tmp_path / "missing" / "reader.db", read_only=True)


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes through chmod")
def test_a_store_in_a_read_only_folder(tmp_path, run):
    db = fill(tmp_path / "home", 3)
    db.chmod(0o444)
    db.parent.chmod(0o555)
    try:
        line = one_line(run("remove", "1"))
    finally:
        db.parent.chmod(0o755)
        db.chmod(0o644)
    assert line.startswith(f"Error: {db}: ") and "read-only" in line
