"""Issue 14: 'same URL = same article' must not lose data. The same record again is
unchanged; the same URL (or GUID) with its text edited is that article, updated in place;
a different text under a URL or GUID already stored is its own article ('kept apart')."""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path

from click.testing import CliRunner

from reader.cli import cli
from reader.model import Article, Block
from reader.store import Store
from reader.store.schema import SCHEMA_VERSION, migrate

HOME_PAGE = "https://news.example.org/"

STORY = [
    "Kyiv city council voted on Tuesday to rebuild the Podilskyi bridge approach roads before winter, "
    "after two years in which the project stalled over the cost of steel.",
    "The mayor said the work would be paid for from the reserve fund and a loan from a European bank, "
    "and that the first lanes would open to buses in December.",
    "Residents of the left bank, who have waited for the bridge for more than a decade, filled the "
    "council hall; several of them asked for a footpath and a cycle lane to be added to the plans.",
]
OTHER = [
    "Grain exports through the Danube ports rose by a fifth in the spring, the ministry of agrarian "
    "policy said, as shipping companies returned after the winter storms.",
    "Most of the cargo was wheat and maize bound for Romania and Turkey; sunflower oil made up the rest.",
    "Port workers warned that the queue of barges at Izmail could grow again in the summer if the "
    "river level falls as it did last year.",
]


def article(title: str, paras: list[str], url: str | None = HOME_PAGE, guid: str | None = None) -> Article:
    return Article(title, [Block("p", p) for p in paras], url=url, guid=guid, lang="en")


def test_same_record_twice_is_unchanged(store) -> None:
    a = article("Council votes to rebuild bridge roads", STORY)
    assert store.add(a) == (1, "added")
    assert store.add(a) == (1, "unchanged")
    assert store.count() == 1


def test_same_url_edited_text_is_updated_in_place(store) -> None:
    first, _ = store.add(article("Council votes to rebuild bridge roads", STORY))
    store.set_read(first)
    edited = [STORY[0].replace("Tuesday", "Tuesday evening"), STORY[1].replace("European bank", "Europan bank"),
              STORY[2], "The vote passed with 82 in favour and 6 against."]
    assert store.add(article("Council votes to rebuild bridge roads, mayor says", edited)) == (first, "updated")
    assert store.count() == 1
    got = store.get(first)
    assert got.text.endswith("6 against.") and got.is_read  # same article, state kept
    # a paragraph dropped is an edit too
    assert store.add(article("Council votes to rebuild bridge roads", STORY[:2])) == (first, "updated")
    assert store.count() == 1


def test_same_url_unrelated_text_is_kept_apart(store) -> None:
    first, _ = store.add(article("Council votes to rebuild bridge roads", STORY))
    second, status = store.add(article("Danube grain exports rise", OTHER))
    assert status == "kept apart" and second != first
    assert {r.id for r in store.list()} == {first, second}
    assert store.get(first).text.startswith("Kyiv city council") and store.get(second).text.startswith("Grain exports")
    assert store.get(second).url == HOME_PAGE
    # Each is itself again: unchanged, and an edit of either updates that one.
    assert store.add(article("Danube grain exports rise", OTHER)) == (second, "unchanged")
    assert store.add(article("Council votes to rebuild bridge roads", STORY)) == (first, "unchanged")
    assert store.add(article("Danube grain exports rise", OTHER + ["Prices held steady."])) == (second, "updated")
    assert store.count() == 2
    # Both are found by search.
    assert [h.id for h in store.search("Izmail")] == [second]
    assert [h.id for h in store.search("Podilskyi")] == [first]


def test_same_guid_unrelated_text_is_kept_apart_edited_is_updated(store) -> None:
    first, _ = store.add(article("Council votes to rebuild bridge roads", STORY, url=None, guid="feed#1"))
    assert store.add(article("Council votes to rebuild bridge roads", STORY + ["Update: the vote passed."],
                             url=None, guid="feed#1")) == (first, "updated")
    second, status = store.add(article("Danube grain exports rise", OTHER, url=None, guid="feed#1"))
    assert status == "kept apart" and second != first and store.count() == 2


def test_many_texts_under_one_url_are_all_kept(store) -> None:
    """An aggregator's home page recorded as the URL of many articles keeps every one."""
    import random

    words = (" ".join(STORY + OTHER)).split()
    rng = random.Random(7)
    for i in range(40):
        text = " ".join(rng.choice(words) for _ in range(60))
        store.add(article(f"Item {i}", [text]))
    assert store.count() == 40


def test_stored_tells_feed_items_apart_by_guid(store) -> None:
    a, _ = store.add(article("Council votes to rebuild bridge roads", STORY, guid="feed#1"))
    assert store.stored(HOME_PAGE, "feed#1") == (a, False)
    assert store.stored(HOME_PAGE, "feed#2") is None  # same link, another item
    assert store.stored(HOME_PAGE, None) == (a, False)
    b, _ = store.add(article("Plain page", OTHER, url="https://example.org/p"))
    assert store.stored("https://example.org/p", "feed#9") == (b, False)  # added by URL, no GUID: that page


def test_feed_items_sharing_one_link_are_all_stored(store, tmp_path: Path) -> None:
    from httpserver import rss
    from reader.feeds.refresh import refresh
    from reader.feeds.subscriptions import add_feed

    items = [{"title": t, "link": HOME_PAGE, "guid": f"item-{i}", "description": " ".join(p)}
             for i, (t, p) in enumerate([("Council votes to rebuild bridge roads", STORY), ("Danube grain exports rise", OTHER)])]
    path = tmp_path / "agg.xml"
    path.write_bytes(rss("Aggregator", items))
    add_feed(store, str(path), "agg")
    report = refresh(store, fetch_pages=False)
    assert report.new == 2 and store.count() == 2
    path.write_bytes(rss("Aggregator", items + [{"title": "Third", "link": HOME_PAGE, "guid": "item-3",
                                                 "description": "A third story about the Lviv tram depot and its new trams."}]))
    stat = path.stat()  # a new version of the file, even within the same second
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 5_000_000_000))
    again = refresh(store, fetch_pages=False)
    assert again.new == 1 and store.count() == 3


def test_cli_summary_says_kept_apart(home, tmp_path: Path) -> None:
    recs = [{"id": "1", "title": "Council votes to rebuild bridge roads", "text": "\n".join(STORY), "url": HOME_PAGE},
            {"id": "2", "title": "Danube grain exports rise", "text": "\n".join(OTHER), "url": HOME_PAGE}]
    path = tmp_path / "agg.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in recs) + "\n", encoding="utf-8")
    runner = CliRunner()
    out = runner.invoke(cli, ["add", str(path)], catch_exceptions=False)
    assert out.exit_code == 0, out.output
    assert "1 added, 0 updated, 0 unchanged, 1 kept apart, 0 failed" in out.stderr
    again = runner.invoke(cli, ["add", "--json", str(path)], catch_exceptions=False)
    assert json.loads(again.stdout.splitlines()[-1]) == {"added": 0, "updated": 0, "unchanged": 2, "kept apart": 0, "failed": 0}
    listed = json.loads(runner.invoke(cli, ["list", "--json"], catch_exceptions=False).stdout)
    assert sorted(r["title"] for r in listed) == ["Council votes to rebuild bridge roads", "Danube grain exports rise"]


def test_existing_store_migrates_without_loss(tmp_path: Path) -> None:
    """A version-6 store (url UNIQUE) keeps every row, id and reference through the rebuild."""
    path = tmp_path / "reader.db"
    with Store(path) as s:  # built at today's version, then taken back to 6's table shape below
        a, _ = s.add(article("Council votes to rebuild bridge roads", STORY, url="https://example.org/a", guid="g-a"))
        b, _ = s.add(article("Danube grain exports rise", OTHER, url="https://example.org/b"))
        s.set_starred(b)
        s.put_translation(a, "uk", "en-uk@1", "Рада голосує", {0: "Київська міська рада", 1: "Мер", 2: "Мешканці"})
    old = tmp_path / "old.db"
    conn = sqlite3.connect(old)
    migrate(conn, upto=6)
    src = sqlite3.connect(path)
    for table in ("sources", "articles", "blocks", "entities", "translations"):
        rows = src.execute(f"SELECT * FROM {table}").fetchall()
        if rows:
            conn.executemany(f"INSERT INTO {table} VALUES ({', '.join('?' * len(rows[0]))})", rows)
    conn.executemany("INSERT INTO search (rowid, title, body, title_terms, body_terms, names) VALUES (?, ?, ?, ?, ?, ?)",
                     src.execute("SELECT rowid, title, body, title_terms, body_terms, names FROM search").fetchall())
    conn.commit()
    src.close()
    assert "UNIQUE" in conn.execute("SELECT sql FROM sqlite_master WHERE name = 'articles'").fetchone()[0].split("url")[1][:12]
    before = {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("articles", "blocks", "translations", "search")}
    conn.close()
    with Store(old) as s:
        assert s.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert {t: s.conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in before} == before
        assert s.conn.execute("PRAGMA foreign_key_check").fetchall() == []
        assert s.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        got = s.get(b)
        assert (got.url, got.starred, got.text.startswith("Grain exports")) == ("https://example.org/b", True, True)
        assert s.get(a).guid == "g-a" and s.get_translation(a, "uk")[1] == "Рада голосує"
        assert [h.id for h in s.search("Izmail")] == [b]
        # The URL is no longer unique: another text under it is kept apart.
        c, status = s.add(article("Third story about the Lviv tram depot", ["The tram depot in Lviv got new trams."] * 3,
                                  url="https://example.org/b"))
        assert status == "kept apart" and c not in (a, b)
        # Deleting still cascades to the rows that refer to an article.
        s.remove(a)
        assert s.conn.execute("SELECT count(*) FROM blocks WHERE article_id = ?", (a,)).fetchone()[0] == 0
        assert s.conn.execute("SELECT count(*) FROM translations WHERE article_id = ?", (a,)).fetchone()[0] == 0
