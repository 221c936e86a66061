"""`reader refresh --loop` as a service on a PostgreSQL store: refreshers running at once
never fetch a feed twice, and a refresher killed mid-run loses nothing. Real processes, a
real HTTP server and a real PostgreSQL server (tests/conftest.py)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

from httpserver import Server, rss

pytest.importorskip("psycopg")

from reader.store.postgres import PostgresStore  # noqa: E402

FEEDS = 6
ITEMS = 2


@pytest.fixture
def server():
    s = Server()
    yield s
    s.close()


def _feeds(server: Server, url: str, delay: float) -> list[str]:
    """FEEDS feeds of ITEMS full-text items each, every answer `delay` seconds late; subscribed.
    Returns the paths their URLs request."""
    paths = []
    with PostgresStore(url) as store:
        for f in range(FEEDS):
            items = [{"title": f"Report {f}-{i} on the council budget", "link": server.url(f"/a/{f}/{i}"), "guid": f"g-{f}-{i}",
                      "description": f"<p>The city council of town {f} met on day {i} to discuss its budget for public transport. "
                                     f"It agreed to buy {f + i + 3} new buses and to repair the tram lines.</p>"}
                     for i in range(ITEMS)]
            path = f"/feed{f}.xml"
            server.put(path, rss(f"Town {f}", items))
            paths.append(f"/slow/{delay}{path}")  # what the feed's URL asks for (the server counts it)
            store.add_source(f"Town {f}", "feed", server.url(paths[-1]))
    return paths


def _refresher(url: str, home, *args: str) -> subprocess.Popen:
    env = dict(os.environ, READER_DB=url, READER_HOME=str(home), READER_CONFIG=str(home / "config.toml"))
    return subprocess.Popen([sys.executable, "-c", "from reader.cli import main; main()", "refresh", "--loop", "--every", "60",
                             "--no-pages", *args], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _wait(predicate, seconds: float) -> bool:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if predicate():
            return True
        time.sleep(0.2)
    return False


def _checked(url: str) -> int:
    with PostgresStore(url) as store:
        return sum(1 for s in store.sources(kind="feed") if s.last_checked)


def _stored(url: str) -> list[str]:
    with PostgresStore(url) as store:
        return [r.url for r in store.list()]


def test_two_refreshers_at_once_take_each_feed_once(pg_database, server, tmp_path):
    paths = _feeds(server, pg_database, delay=0.5)
    procs = [_refresher(pg_database, tmp_path / f"h{i}", "--batch", "1") for i in range(2)]
    try:
        assert _wait(lambda: _checked(pg_database) == FEEDS, 180), [p.stderr.read() for p in procs if p.poll() is not None]
        time.sleep(1.0)  # a refresher that would take a feed again has had the time to
    finally:
        for p in procs:
            p.send_signal(signal.SIGTERM)
        outs = [p.communicate(timeout=60) for p in procs]
    assert [server.hits[p] for p in paths] == [1] * FEEDS
    assert all(p.returncode == 0 for p in procs), outs
    # Both worked (a batch of one feed at a time), and between them every item is stored once.
    assert all("new" in out for out, _ in outs), outs
    urls = _stored(pg_database)
    assert len(urls) == FEEDS * ITEMS and len(set(urls)) == len(urls)


def test_a_refresher_killed_mid_run_loses_nothing(pg_database, server, tmp_path):
    _feeds(server, pg_database, delay=1.0)
    first = _refresher(pg_database, tmp_path / "h1", "--batch", "2")
    try:
        assert _wait(lambda: len(_stored(pg_database)) > 0, 180), first.stderr.read() if first.poll() is not None else ""
    finally:
        first.kill()  # SIGKILL: no clean-up at all
        first.communicate(timeout=30)
    assert 0 < len(_stored(pg_database)) < FEEDS * ITEMS  # it was cut off mid-run
    second = _refresher(pg_database, tmp_path / "h2")
    try:
        assert _wait(lambda: _checked(pg_database) == FEEDS and len(_stored(pg_database)) == FEEDS * ITEMS, 180)
    finally:
        second.send_signal(signal.SIGTERM)
        second.communicate(timeout=60)
    urls = _stored(pg_database)
    assert sorted(urls) == sorted({server.url(f"/a/{f}/{i}") for f in range(FEEDS) for i in range(ITEMS)})
