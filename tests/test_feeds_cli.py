"""The feed commands through Click's CliRunner, against the local HTTP server."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from httpserver import FEEDS, PAGES, PRAVDA, UNIAN
from reader.cli import cli
from reader.store.store import Store

pytestmark = pytest.mark.skipif(not FEEDS.is_dir() or not PAGES.is_dir(), reason="needs ../shared/data")


def test_feed_add_list_remove(server, run, tmp_path):
    r = run("feed", "add", server.url(f"/feeds/{UNIAN}"), "--tag", "ua")
    assert r.exit_code == 0, r.output
    assert "added feed 'Інформаційне Агентство УНІАН' (50 items now)" in r.stderr
    r = run("feed", "add", str(FEEDS / PRAVDA), "--name", "pravda")  # a local file works too
    assert r.exit_code == 0, r.output
    listed = json.loads(run("feed", "list", "--json").stdout)
    assert [(f["name"], f["tag"], f["articles"]) for f in listed] == [("pravda", None, 0), ("Інформаційне Агентство УНІАН", "ua", 0)]
    assert listed[0]["url"] == (FEEDS / PRAVDA).resolve().as_uri()
    r = run("feed", "add", server.url(f"/feeds/{UNIAN}"))
    assert r.exit_code == 1 and "already subscribed" in r.stderr
    r = run("feed", "remove", "pravda")
    assert r.exit_code == 0
    r = run("feed", "remove", "pravda")
    assert r.exit_code == 1 and "no feed named 'pravda'" in r.stderr
    assert [f["name"] for f in json.loads(run("feed", "list", "--json").stdout)] == ["Інформаційне Агентство УНІАН"]


@pytest.mark.parametrize("status, moves", [(301, True), (308, True), (302, False), (307, False)])
def test_feed_add_keeps_the_url_a_permanent_redirect_leads_to(server, run, status, moves):
    given, final = server.url(f"/moved/{status}/feeds/{UNIAN}"), server.url(f"/feeds/{UNIAN}")
    assert run("feed", "add", given, "--name", "unian").exit_code == 0
    assert json.loads(run("feed", "list", "--json").stdout)[0]["url"] == (final if moves else given)
    r = run("feed", "add", final if moves else given)
    assert r.exit_code == 1 and "already subscribed" in r.stderr


def test_feed_add_refuses_what_is_not_a_feed(server, run, tmp_path):
    r = run("feed", "add", server.url("/pages/rd_bbc-1.html"))
    assert r.exit_code == 1
    assert r.stderr.strip().splitlines()[-1].startswith(f"Error: {server.url('/pages/rd_bbc-1.html')}: not an RSS or Atom feed")
    r = run("feed", "add", server.url("/status/500"))
    assert r.exit_code == 1 and "HTTP 500 Internal Server Error" in r.stderr
    r = run("feed", "add", str(tmp_path / "missing.xml"))
    assert r.exit_code == 1 and "missing.xml: no such file" in r.stderr


def test_refresh_prints_a_line_per_feed_and_exits_1_on_failure(server, run, tmp_path):
    run("feed", "add", server.url(f"/feeds/{UNIAN}"), "--name", "unian")
    run("feed", "add", server.url(f"/feeds/{PRAVDA}"), "--name", "pravda")
    r = run("refresh", "--no-pages")
    assert r.exit_code == 0, r.output
    assert r.stdout.splitlines() == ["pravda: 20 new, 0 unchanged", "unian: 50 new, 0 unchanged"]
    assert "2 feeds: 70 new, 0 failed" in r.stderr

    again = run("refresh", "--no-pages", "--json")
    lines = [json.loads(x) for x in again.stdout.splitlines()]
    assert [(x["feed"], x["new"], x["not_modified"]) for x in lines[:2]] == [("pravda", 0, True), ("unian", 0, True)]
    assert lines[2] == {"feeds": 2, "new": 0, "failed": 0}

    # The server breaks: one clear line, exit 1, nothing lost.
    with Store(tmp_path / "home" / "reader.db") as store:
        store.update_source("unian", url=server.url("/status/500"))
    r = run("refresh", "--feed", "unian", "--no-pages")
    assert r.exit_code == 1
    assert "error: unian: failed: HTTP 500 Internal Server Error (stored articles kept)" in r.stderr.splitlines()
    listed = {f["name"]: f for f in json.loads(run("feed", "list", "--json").stdout)}
    assert listed["unian"]["articles"] == 50 and listed["unian"]["last_error"] == "HTTP 500 Internal Server Error"
    assert len(json.loads(run("list", "--json", "--lang", "uk").stdout)) == 50


def test_refresh_timeout_option_and_unknown_feed(server, run, tmp_path):
    run("feed", "add", server.url(f"/feeds/{UNIAN}"), "--name", "slow")
    with Store(tmp_path / "home" / "reader.db") as store:
        store.update_source("slow", url=server.url(f"/slow/2/feeds/{UNIAN}"))
    r = run("refresh", "--timeout", "0.5", "--no-pages")
    assert r.exit_code == 1
    assert "error: slow: failed: timed out waiting for the server (stored articles kept)" in r.stderr
    r = run("refresh", "--feed", "nope")
    assert r.exit_code == 1 and "no feed named 'nope'" in r.stderr


def test_refresh_with_no_feeds_says_how_to_add_one(run):
    r = run("refresh")
    assert r.exit_code == 0 and "reader feed add" in r.stderr


def test_reader_add_url_stores_the_page(server, run):
    r = run("add", server.url("/pages/rd_bbc-1.html"), "--json")
    assert r.exit_code == 0, r.output
    first = json.loads(r.stdout.splitlines()[0])
    assert first["status"] == "added"
    assert first["title"].startswith("Obama admits US gun laws")
    shown = json.loads(run("show", str(first["id"]), "--json").stdout)
    assert shown["url"] == server.url("/pages/rd_bbc-1.html") and shown["lang"] == "en"
    r = run("add", server.url("/status/404"))
    assert r.exit_code == 1 and f"error: {server.url('/status/404')}: HTTP 404 Not Found" in r.stderr


def test_reader_add_url_reads_a_mislabelled_cyrillic_page(server, run):
    from httpserver import ukrainian_page

    r = run("add", server.url("/wrong-charset-page.html"), "--json")
    assert r.exit_code == 0, r.output
    article_id = json.loads(r.stdout.splitlines()[0])["id"]
    shown = json.loads(run("show", str(article_id), "--json").stdout)
    assert shown["lang"] == "uk"
    assert ukrainian_page()[0].split()[0] in " ".join(b["text"] for b in shown["body"])


def test_opml_round_trip_through_the_cli(server, run, tmp_path):
    run("feed", "add", server.url(f"/feeds/{UNIAN}"), "--name", "unian", "--tag", "Україна")
    run("feed", "add", str(FEEDS / "en_guardian.rss"), "--name", "guardian")
    out = tmp_path / "subs.opml"
    assert run("export-opml", str(out)).exit_code == 0
    other = CliRunner().invoke(cli, ["--home", str(tmp_path / "other"), "import-opml", str(out)], obj={})
    assert other.exit_code == 0, other.output
    assert "2 feeds added, 0 already subscribed" in other.stderr
    listed = json.loads(CliRunner().invoke(cli, ["--home", str(tmp_path / "other"), "feed", "list", "--json"], obj={}).stdout)
    assert [(f["name"], f["tag"], f["url"]) for f in listed] == [
        ("guardian", None, (FEEDS / "en_guardian.rss").resolve().as_uri()),
        ("unian", "Україна", server.url(f"/feeds/{UNIAN}")),
    ]
    again = CliRunner().invoke(cli, ["--home", str(tmp_path / "other"), "import-opml", str(out)], obj={})
    assert "0 feeds added, 2 already subscribed" in again.stderr


def test_import_opml_refuses_a_bomb(run, tmp_path):
    bomb = tmp_path / "bomb.opml"
    bomb.write_text('<?xml version="1.0"?><!DOCTYPE opml [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]>'
                    '<opml version="2.0"><body><outline text="&b;" xmlUrl="http://x/feed"/></body></opml>')
    r = run("import-opml", str(bomb))
    assert r.exit_code == 1
    assert "bomb.opml: refused: EntitiesForbidden (entities or DTDs are not allowed)" in r.stderr


def _import(run, tmp_path, name: str, url: str) -> None:
    """Subscribe without fetching, as an OPML import does: the URL is kept as written."""
    opml = tmp_path / f"{name}.opml"
    opml.write_text(f'<opml version="2.0"><body><outline type="rss" text="{name}" xmlUrl="{url}"/></body></opml>')
    assert run("import-opml", str(opml)).exit_code == 0


def test_refresh_reports_a_permanent_move_and_follows_it(server, run, tmp_path):
    pravda, unian = server.url(f"/feeds/{PRAVDA}"), server.url(f"/feeds/{UNIAN}")
    _import(run, tmp_path, "pravda", server.url(f"/moved/301/feeds/{PRAVDA}"))
    r = run("refresh", "--no-pages")
    assert r.exit_code == 0, r.output
    assert r.stdout.splitlines() == [f"pravda: 20 new, 0 unchanged; moved permanently to {pravda}"]

    _import(run, tmp_path, "unian", server.url(f"/moved/308/feeds/{UNIAN}"))
    r = run("refresh", "--no-pages", "--json")
    assert r.exit_code == 0, r.output
    lines = [json.loads(x) for x in r.stdout.splitlines()]
    assert [(x["feed"], x["new"], x["not_modified"], x["moved_to"], x["redirect"]) for x in lines[:2]] == [
        ("pravda", 0, True, None, None),  # asked at its new URL: a 304
        ("unian", 50, False, unian, f"moved permanently to {unian}"),
    ]
    assert {f["name"]: f["url"] for f in json.loads(run("feed", "list", "--json").stdout)} == {"pravda": pravda, "unian": unian}
