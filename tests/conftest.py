"""Shared fixtures: a store in a temporary folder, and where the development data lives."""

from __future__ import annotations

import itertools
import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SAMPLES = ROOT / "samples"
_PG_COUNTER = itertools.count()
_PG_TEMPLATE = f"reader_template_{os.getpid()}"  # one per process: xdist workers share a server


@pytest.fixture
def home(tmp_path, monkeypatch, request) -> Path:
    """An empty data folder, also set as READER_HOME so nothing touches the user's own."""
    h = tmp_path / "home"
    monkeypatch.setenv("READER_HOME", str(h))
    monkeypatch.setenv("READER_CONFIG", str(tmp_path / "config.toml"))
    monkeypatch.delenv("READER_DB", raising=False)  # a developer's own store is never the test's
    if os.environ.get("READER_TEST_ENGINE") == "postgresql" and "engine" not in request.fixturenames:
        # Every test's store on PostgreSQL (a check of the whole suite; ./dev test runs SQLite).
        monkeypatch.setenv("READER_DB", request.getfixturevalue("pg_database"))
    return h


@pytest.fixture
def store(home):
    from reader.store import open_store

    with open_store(home) as s:
        yield s


@pytest.fixture(scope="module")
def server():
    """A real HTTP server on 127.0.0.1 (tests/httpserver.py), one per test module."""
    from httpserver import Server

    s = Server()
    yield s
    s.close()


# --- both engines: SQLite and a real PostgreSQL server ------------------------------------


@pytest.fixture(scope="session")
def pg_server():
    """A PostgreSQL server's URL: READER_TEST_PG (.ci/run starts one), else a throwaway
    cluster started here (tests/pgserver.py) when the server is installed; else the
    PostgreSQL tests skip, saying why. The reader's schema is migrated once into a template
    database that each test's database is copied from."""
    import os
    import tempfile

    pytest.importorskip("psycopg", reason="psycopg is not installed (pip install -e '.[dev]')")
    import pgserver
    import psycopg

    url, folder = os.environ.get("READER_TEST_PG"), None
    if not url:
        folder = tempfile.mkdtemp(prefix="reader-pg-")
        try:
            url = pgserver.start(folder)
        except RuntimeError as exc:
            pgserver.stop(folder)
            pytest.skip(f"no PostgreSQL server for the tests: {exc}")
    base = url.rsplit("/", 1)[0]
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {_PG_TEMPLATE}")
        conn.execute(f"CREATE DATABASE {_PG_TEMPLATE}")
    from reader.store.postgres import PostgresStore

    PostgresStore(f"{base}/{_PG_TEMPLATE}", user="template").close()
    yield url
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {_PG_TEMPLATE} WITH (FORCE)")
    if folder:
        pgserver.stop(folder)


def new_pg_database(server: str, prefix: str, template: str | None = None):
    """A new database on the test server (a copy of `template`, else empty): yields its URL,
    drops it after."""
    import psycopg

    name = f"{prefix}_{os.getpid()}_{next(_PG_COUNTER)}"
    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}" + (f" TEMPLATE {template}" if template else ""))
    yield server.rsplit("/", 1)[0] + "/" + name
    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.fixture
def pg_database(pg_server):
    """The URL of a new database holding an empty store of today's schema, dropped after the test."""
    yield from new_pg_database(pg_server, "reader_test", _PG_TEMPLATE)


@pytest.fixture(params=["sqlite", "postgresql"])
def engine(request, monkeypatch, home) -> str | None:
    """Run the test on each engine: None for SQLite; for PostgreSQL a fresh database's URL,
    also set as READER_DB (after `home`, which clears it), so `open_store` and the CLI open it."""
    if request.param == "sqlite":
        return None
    url = request.getfixturevalue("pg_database")
    monkeypatch.setenv("READER_DB", url)
    return url


@pytest.fixture
def new_store(engine):
    """Opens a store on the test's engine: new_store(path) is Store(path) on SQLite, the
    test's database on PostgreSQL (where `path` is ignored)."""
    from reader.store import Store
    from reader.store.postgres import PostgresStore

    def make(path, *args, **kwargs):
        return PostgresStore(engine, *args, **kwargs) if engine else Store(path, *args, **kwargs)

    return make


@pytest.fixture
def any_store(engine, home):
    """An empty store, on each engine in turn."""
    from reader.store import open_store

    with open_store(home) as s:
        assert s.engine == ("postgresql" if engine else "sqlite")
        yield s


@pytest.fixture
def run(tmp_path):
    """`reader ARGS` through Click's CliRunner on a store in this test's own data folder."""
    from click.testing import CliRunner

    from reader.cli import cli

    runner = CliRunner()

    def invoke(*args: str):
        return runner.invoke(cli, ["--home", str(tmp_path / "home"), *args], obj={})

    return invoke
