"""The store on PostgreSQL: connecting (one clear line, never a password), migrations from
every version, per-person state, and the same search results as SQLite on the dev corpora.
The store's own behaviour runs on both engines in test_store.py, test_search.py and
test_tags.py; these are what only PostgreSQL has. A real server: tests/conftest.py's pg_server."""

from __future__ import annotations

import json
import multiprocessing
from itertools import islice

import pytest
from click.testing import CliRunner

from conftest import SHARED, new_pg_database
from reader.cli import cli
from reader.model import Article, Block
from reader.store import Store
from reader.store.store import StoreError

psycopg = pytest.importorskip("psycopg")

from reader.store.pg_schema import PG_SCHEMA_VERSION  # noqa: E402
from reader.store.postgres import PgConnection, PostgresStore, migrate, redact, schema_version  # noqa: E402
from reader.store.schema import SchemaError  # noqa: E402


def art(title: str, text: str, **kw) -> Article:
    return Article(title, [Block("p", text)], lang=kw.pop("lang", "en"), **kw)


@pytest.fixture
def empty_db(pg_server):
    """The URL of a new, empty database (no schema)."""
    yield from new_pg_database(pg_server, "reader_empty")


# --- connecting -------------------------------------------------------------------------


def test_a_refused_connection_is_one_line_naming_the_server_without_its_password(pg_server):
    url = "postgresql://alice:s3cret-pw@127.0.0.1:1/news"
    with pytest.raises(StoreError) as err:
        PostgresStore(url)
    text = str(err.value)
    assert "\n" not in text and "s3cret-pw" not in text
    assert text.startswith("postgresql://alice@127.0.0.1:1/news: cannot connect")


def test_an_unknown_database_and_a_bad_url_are_one_line(pg_server):
    missing = pg_server.rsplit("/", 1)[0] + "/no_such_db"
    with pytest.raises(StoreError, match="no_such_db.*does not exist") as err:
        PostgresStore(missing)
    assert "\n" not in str(err.value)
    with pytest.raises(StoreError, match="not a PostgreSQL URL|cannot connect") as err:
        PostgresStore("postgresql://127.0.0.1:notaport/x")
    assert "\n" not in str(err.value)


def test_redact_drops_only_the_password():
    assert redact("postgresql://bob:pw@db.example.org:5433/news?sslmode=require") == \
        "postgresql://bob@db.example.org:5433/news?sslmode=require"
    assert redact("postgresql:///news") == "postgresql:///news"


def test_the_cli_opens_a_server_named_by_db_and_reports_a_refused_one(pg_database, home):
    ok = CliRunner().invoke(cli, ["--db", pg_database, "list", "--json"], obj={})
    assert ok.exit_code == 0, ok.output
    assert json.loads(ok.stdout) == []
    bad = CliRunner().invoke(cli, ["--db", "postgresql://u:pw@127.0.0.1:1/x", "list"], obj={})
    assert bad.exit_code == 1
    assert "cannot connect" in bad.output and "pw" not in bad.output.replace("postgresql", "")


# --- one protocol, two engines -----------------------------------------------------------


def _public(cls) -> dict:
    import inspect

    return {n: inspect.signature(v) for n, v in vars(cls).items()
            if not n.startswith("_") and inspect.isfunction(getattr(cls, n, None))}


def test_both_engines_implement_the_store_protocol_and_it_is_the_whole_public_surface(tmp_path, pg_database):
    from reader.store.protocol import StoreProtocol

    declared, public = _public(StoreProtocol), _public(Store)
    assert set(declared) == set(public), "a public store method missing from reader/store/protocol.py, or one too many"
    for name, sig in declared.items():
        assert list(sig.parameters.values()) == list(public[name].parameters.values()), name
    for name, sig in _public(PostgresStore).items():  # what PostgreSQL overrides keeps its shape
        assert list(sig.parameters.values()) == list(public[name].parameters.values()), name
    with Store(tmp_path / "r.db") as lite, PostgresStore(pg_database) as pg:
        assert isinstance(lite, StoreProtocol) and isinstance(pg, StoreProtocol)
        assert (lite.engine, pg.engine) == ("sqlite", "postgresql")
        with pg.reopen() as again:
            assert (again.target, again.user) == (pg.target, pg.user)


def test_no_sql_outside_the_store():
    """The rest of the reader reaches the database through the protocol only."""
    from conftest import ROOT

    offenders = [str(p.relative_to(ROOT)) for p in (ROOT / "reader").rglob("*.py")
                 if "store" not in p.relative_to(ROOT / "reader").parts[:1]
                 and any(s in p.read_text(encoding="utf-8") for s in (".execute(", ".conn.", "import sqlite3", "import psycopg"))]
    assert offenders == []


# --- migrations ---------------------------------------------------------------------------


@pytest.mark.parametrize("start", range(PG_SCHEMA_VERSION + 1))
def test_migrates_from_every_earlier_version(empty_db, start):
    raw = psycopg.connect(empty_db, autocommit=True)
    raw.execute("SELECT set_config('reader.user', 'x', false)")
    conn = PgConnection(raw, empty_db)
    assert migrate(conn, upto=start) == start
    assert schema_version(conn) == start
    raw.close()
    with PostgresStore(empty_db) as s:
        assert schema_version(s.conn) == PG_SCHEMA_VERSION
        s.add(art("Summit", "Blinken met Stoltenberg."))
        assert [h.title for h in s.search("stoltenberg")] == ["Summit"]


def test_refuses_a_newer_schema(pg_database):
    with psycopg.connect(pg_database, autocommit=True) as raw:
        raw.execute("UPDATE schema_version SET version = %s", (PG_SCHEMA_VERSION + 1,))
    with pytest.raises(SchemaError, match="newer"):
        PostgresStore(pg_database)


def _open_and_count(url: str) -> int:
    with PostgresStore(url) as s:
        return schema_version(s.conn)


def test_four_processes_opening_a_new_store_at_once(empty_db):
    with multiprocessing.get_context("spawn").Pool(4) as pool:
        assert pool.map(_open_and_count, [empty_db] * 4) == [PG_SCHEMA_VERSION] * 4


# --- per-person state ---------------------------------------------------------------------


def test_read_starred_tags_and_saved_searches_are_each_users_own(pg_database):
    alice, bob = PostgresStore(pg_database, user="alice"), PostgresStore(pg_database, user="bob")
    try:
        a, _ = alice.add(art("Blinken in Kyiv", "Blinken arrived in Kyiv.", source="KI"))
        b, _ = bob.add(art("Rain in London", "Rain all week.", source="BBC"))
        # Articles are shared: each sees both.
        assert {r.id for r in alice.list()} == {r.id for r in bob.list()} == {a, b}
        alice.mark([a], read=True, starred=True, tag=["war"])
        alice.save_search("kyiv", "kyiv")
        bob.mark([b], read=True, tag=["weather"])
        assert {(r.id, r.is_read, r.starred) for r in alice.list()} == {(a, True, True), (b, False, False)}
        assert {(r.id, r.is_read, r.starred) for r in bob.list()} == {(a, False, False), (b, True, False)}
        assert alice.tags() == [("war", 1)] and bob.tags() == [("weather", 1)]
        assert [s.name for s in alice.saved_searches()] == ["kyiv"] and bob.saved_searches() == []
        assert alice.count(unread=True) == 1 and bob.count(unread=True) == 1
        assert (alice.unread_counts().unread, alice.unread_counts().starred) == (1, 1)
        assert [h.id for h in alice.search("blinken", starred=True)] == [a]
        assert bob.search("blinken", starred=True) == []
        # Both may mark one article: two states, neither overwriting the other.
        bob.set_starred(a)
        assert alice.get(a).is_read and not bob.get(a).is_read and bob.get(a).starred
        undo = bob.mark_read(None)  # bob's "mark all read" leaves alice's state alone
        assert set(undo) == {a} and alice.count(unread=True) == 1
        # An article removed goes for everyone, with everyone's state.
        assert alice.remove(a)
        assert [r.id for r in bob.list()] == [r.id for r in alice.list()] == [b]
        assert bob.tags() == [("weather", 1)] and alice.tags() == []
    finally:
        alice.close()
        bob.close()


def test_cli_user_option_and_reader_user_pick_the_person(pg_database, home, monkeypatch):
    with PostgresStore(pg_database, user="alice") as s:
        a, _ = s.add(art("Blinken in Kyiv", "Blinken arrived in Kyiv."))
    run = lambda *args: CliRunner().invoke(cli, ["--db", pg_database, *args], obj={})  # noqa: E731
    assert run("--user", "alice", "mark", str(a), "--read").exit_code == 0
    assert json.loads(run("--user", "alice", "list", "--unread", "--json").stdout) == []
    assert [r["id"] for r in json.loads(run("--user", "bob", "list", "--unread", "--json").stdout)] == [a]
    monkeypatch.setenv("READER_USER", "alice")
    assert json.loads(run("list", "--unread", "--json").stdout) == []


# --- the same search on both engines --------------------------------------------------------

CORPORA = ["nashigroshi_uk.jsonl", "factrueval_news_ru.jsonl", "tgcontest_news_ru_en.jsonl"]


def _corpus(per_file: int) -> list[Article]:
    out = []
    for name in CORPORA:
        path = SHARED / "data" / "corpus" / name
        if not path.exists():
            pytest.skip(f"{path} is not here (the dev data)")
        with path.open(encoding="utf-8") as f:
            for line in islice(f, per_file):
                d = json.loads(line)
                paras = [p for p in (d.get("text") or "").split("\n") if p.strip()]
                if not paras:
                    continue
                out.append(Article(d.get("title") or paras[0][:80], [Block("p", p) for p in paras], lang=d["lang"], url=d.get("url"),
                                   published=d.get("date") or None, source=d.get("source")))
    return out


def _queries(articles: list[Article]) -> list[str]:
    """Queries made from the data alone: a title's longest word, two of its words, a
    quoted pair of words from a body, every 7th article."""
    from reader.words import words

    out = []
    for a in articles[::7]:
        ws = [m.group() for m in words(a.title) if len(m.group()) > 3]
        if ws:
            out.append(max(ws, key=len))
        if len(ws) > 1:
            out.append(f"{ws[0]} {ws[-1]}")
        body = [m.group() for m in words(a.body[0].text)][:2]
        if len(body) == 2:
            out.append(f'"{body[0]} {body[1]}"')
    return out


def test_postgresql_finds_what_sqlite_finds_on_the_dev_corpora(tmp_path, pg_database):
    """Same analysis, so the same hits; the ranking differs (bm25 against ts_rank): the best
    hit agrees for most queries and the top 10 overlap mostly (figures in bench/pg_parity.py)."""
    articles = _corpus(120)
    with Store(tmp_path / "r.db") as lite, PostgresStore(pg_database) as pg:
        lite.add_many(articles)
        pg.add_many(articles)
        queries = _queries(articles)
        assert len(queries) > 100
        top1 = overlap = ranked = 0
        for q in queries:
            a, b = lite.search(q, limit=500), pg.search(q, limit=500)
            assert {(h.id, h.variant) for h in a} == {(h.id, h.variant) for h in b}, q
            if len(a) > 1:
                ranked += 1
                top1 += a[0].id == b[0].id
                overlap += len({h.id for h in a[:10]} & {h.id for h in b[:10]}) / min(10, len(a))
        assert ranked > 30
        assert top1 / ranked >= 0.6 and overlap / ranked >= 0.8, (top1 / ranked, overlap / ranked)


def test_the_ranking_window_is_the_newest_matches_across_blocks_of_the_index(tmp_path, pg_database):
    """PostgreSQL looks for the window's floor in the newest blocks of rowids first, then
    wider: with ids spread over many blocks, a word in more texts than the window finds the
    newest RANK_WINDOW as SQLite does, and a rare word its matches in the first and last."""
    from reader.store.store import RANK_WINDOW

    n = RANK_WINDOW + 40
    with Store(tmp_path / "r.db") as lite, PostgresStore(pg_database) as pg:
        for i in range(n):
            a = art(f"Item {i}", "Common words here." + (" Zanzibar too." if i in (0, n - 1) else ""), url=f"https://x/{i}")
            lite.add(a)
            pg.add(a)
            pg.conn.execute("SELECT setval(pg_get_serial_sequence('article_rows', 'id'), ?)", (pg.count() * 700,))
        found = {q: {h.title for h in pg.search(q, limit=RANK_WINDOW)} for q in ("common", "zanzibar")}
        for q, titles in found.items():
            assert titles == {h.title for h in lite.search(q, limit=RANK_WINDOW)}, q
        assert len(found["common"]) == RANK_WINDOW and "Item 0" not in found["common"]
        assert found["zanzibar"] == {"Item 0", f"Item {n - 1}"}


# --- moving a store -------------------------------------------------------------------------


def _content(store) -> dict:
    """What a store holds, by id: list rows, texts, entities, tags, saved searches, search hits."""
    rows = store.list()
    return {
        "rows": [(r.id, r.title, r.lang, r.source, r.is_read, r.starred, r.date, r.date_kind) for r in rows],
        "texts": {r.id: [(b.kind, b.text) for b in store.get(r.id).body] for r in rows},
        "entities": {r.id: store.entities(r.id) for r in rows},
        "tags": store.tags(), "saved": [(s.name, s.query) for s in store.saved_searches()],
        "translation": store.get_translation(rows[-1].id, "uk"),
        "hits": {q: sorted(h.id for h in store.search(q)) for q in ("nato", "блінкен", "Washington", "саміт", "Blinken")},
        "stories": [(s["id"], s["articles"]) for s in store.stories()],
        "by name": {n: [r.id for r in store.list(entity=n)] for n in ("Blinken", "Блінкен", "Stoltenberg")},  # entity_names copied
    }


def test_db_copy_sqlite_to_postgresql_and_back_keeps_everything(tmp_path, pg_database, home):
    from conftest import SAMPLES

    run = lambda *args: CliRunner().invoke(cli, list(args), obj={})  # noqa: E731
    assert run("add", str(SAMPLES)).exit_code == 0
    with Store(home / "reader.db") as s:
        first = s.list()[-1].id
        s.mark([first], read=True, starred=True, tag=["war"])
        s.save_search("nato", "nato lang:en")
        s.put_translation(first, "uk", "en-uk@1.0", "Ювілейний саміт НАТО", {0: "Блінкен зустрівся зі Столтенбергом."})
        before = _content(s)
    assert before["hits"]["nato"] and before["stories"] and before["tags"] == [("war", 1)]
    out = run("db", "copy", str(home / "reader.db"), pg_database, "--json")
    assert out.exit_code == 0, out.output
    copied = json.loads(out.stdout)["tables"]
    assert copied["articles"] == len(before["rows"]) and copied["entities"] > 0
    with PostgresStore(pg_database) as pg:
        assert _content(pg) == before
        added, _ = pg.add(art("After the copy", "A new article gets the next id."))
        assert added == max(r[0] for r in before["rows"]) + 1
        pg.remove(added)
    back = tmp_path / "back.db"
    out = run("db", "copy", pg_database, str(back))
    assert out.exit_code == 0, out.output
    assert "every count verified" in out.stdout and "search index rebuilt" in out.stdout
    with Store(back) as s:
        assert _content(s) == before
    # Into a store that holds anything: refused, one line, nothing written.
    again = run("db", "copy", str(home / "reader.db"), str(back))
    assert again.exit_code == 1 and "not empty" in again.output
    with Store(back) as s:
        assert len(s.list()) == len(before["rows"])


# --- the reader (TUI) on a server -------------------------------------------------------------


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.mark.anyio
async def test_the_tui_searches_and_stars_on_postgresql_for_its_user(pg_database, home):
    from reader.config import Settings
    from reader.tui.app import ReaderApp

    with PostgresStore(pg_database, user="alice") as s:
        s.add(art("Визит в Киев", "Госсекретарь США Блинкен прибыл в Киев.", lang="ru", published="2024-05-13"))
        s.add(art("Weather", "Rain all week in London.", published="2024-05-12"))
    app = ReaderApp(home, Settings(), db=pg_database, user="alice")
    async with app.run_test(size=(100, 30)) as pilot:
        assert "2 articles" in str(app.query_one("#status").render())
        await pilot.press("slash", *"визит", "enter")  # in a worker, on a connection of its own
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert [h.title for h in app.results.hits] == ["Визит в Киев"]
        await pilot.press("s")
        hit = app.results.hits[0].id
    with PostgresStore(pg_database, user="alice") as alice, PostgresStore(pg_database, user="bob") as bob:
        assert alice.get(hit).starred and not bob.get(hit).starred
