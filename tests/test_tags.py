"""Tags, saved searches, the feeds pane's counts, undoable mark-read, the source filter (issue 19):
the store, the query parser and the CLI (`mark`, `saved`, `list --tag`)."""

from __future__ import annotations

import json
import time

import pytest
from click.testing import CliRunner

from reader.cli import cli
from reader.model import Article, Block, Entity
from reader.store import Store
from reader.store.query import Query, QueryError, format_query, parse_query


def art(title, text, *, source=None, lang="en", published=None) -> Article:
    return Article(title, [Block("p", text)], source=source, lang=lang, published=published)


@pytest.fixture
def filled(tmp_path, new_store):
    """Four articles from three sources in two languages (on SQLite and on PostgreSQL)."""
    with new_store(tmp_path / "r.db") as s:
        ids = [
            s.add(art("Blinken in Kyiv", "Blinken arrived in Kyiv on Tuesday.", source="Kyiv Independent", published="2024-05-14"))[0],
            s.add(art("Блінкен у Києві", "Держсекретар Блінкен прибув до Києва.", source="УНІАН — новини", lang="uk", published="2024-05-14"))[0],
            s.add(art("Саміт у Вашингтоні", "Саміт НАТО відбудеться у Вашингтоні.", source="УНІАН — новини", lang="uk", published="2024-03-01"))[0],
            s.add(art("Weather", "Rain all week in London.", source="BBC", published="2023-01-02"))[0],
        ]
        yield s, ids


# --- the store ----------------------------------------------------------------------------


def test_tags_are_added_removed_and_filter_list_count_and_search(filled):
    s, (a, b, c, d) = filled
    assert s.mark([a, b], tag=["war", "follow up"]) == []
    assert s.mark([c], tag=["war"]) == []
    assert s.tags_of(a) == ["follow up", "war"]
    assert s.tags() == [("follow up", 2), ("war", 3)]
    assert {r.id for r in s.list(tag="war")} == {a, b, c}
    assert {r.id for r in s.list(tag=["war", "follow up"])} == {a, b}  # every tag given
    assert {r.id for r in s.list(tag="war", lang="uk")} == {b, c}
    assert s.count(tag="war", lang="uk") == 2
    assert [h.id for h in s.search("Блінкен", tag="war")] == [b]  # no entities stored here: words only
    assert [h.id for h in s.search("Blinken", tag="follow up")] == [a]
    assert s.search("Blinken", tag="follow up", lang="uk") == []
    assert s.search("Blinken", tag="nothing") == []
    s.mark([a], untag=["war"])
    assert s.tags_of(a) == ["follow up"]
    assert s.tags_for([a, b, d]) == {a: ["follow up"], b: ["follow up", "war"]}
    s.remove(b)  # its tags go with it
    assert s.tags() == [("follow up", 1), ("war", 1)]


def test_mark_sets_state_and_reports_unknown_ids(filled):
    s, (a, b, c, d) = filled
    assert s.mark([a, 999, b], read=True, starred=True, tag=["x"]) == [999]
    assert sorted((r.id, r.is_read, r.starred) for r in s.list(starred=True)) == [(a, True, True), (b, True, True)]
    assert {r.id for r in s.list(unread=True)} == {c, d}
    s.mark([a], read=False, starred=False)
    assert s.get(a).is_read is False and s.get(a).starred is False and s.get(b).starred is True
    with pytest.raises(ValueError):
        s.mark([c], tag=["  "])
    assert s.tags_of(c) == []


def test_source_matches_any_part_of_the_name_case_folded(filled):
    s, (a, b, c, d) = filled
    for given in ("УНІАН", "уніан", "новини", "  УНІАН   —  новини "):
        assert {r.id for r in s.list(source=given)} == {b, c}, given
    assert {r.id for r in s.list(source="kyiv")} == {a}
    assert s.list(source="nowhere") == []
    assert s.count(source="уніан") == 2
    assert [h.id for h in s.search("Блінкен", source="уніан")] == [b]
    bbc = next(x for x in s.sources() if x.name == "BBC")
    assert [r.id for r in s.list(source_id=bbc.id)] == [d]


def test_folder_is_every_feed_filed_under_it(filled):
    s, (a, b, c, d) = filled
    s.update_source("УНІАН — новини", tag="Україна")
    s.update_source("Kyiv Independent", tag="Україна")
    s.update_source("BBC", tag="world")
    assert {r.id for r in s.list(folder="Україна")} == {a, b, c}
    assert s.count(folder="world") == 1 and s.list(folder="nowhere") == []
    assert [h.id for h in s.search("Blinken", folder="world")] == []
    assert [h.id for h in s.search("Blinken", folder="Україна")] == [a]
    assert s.mark_read(folder="world") == {d: False}
    assert parse_query('folder:"Україна" unread').filters == {"folder": "Україна", "unread": True}
    assert {r.id for r in s.run_query('folder:Україна lang:uk')} == {b, c}


def test_mark_read_returns_what_it_changed_and_restore_undoes_it(filled):
    s, (a, b, c, d) = filled
    s.set_read(b)
    previous = s.mark_read([a, b, c, 999])
    assert previous == {a: False, c: False}  # b was read already, 999 is none
    assert s.count(unread=True) == 1
    s.restore_read(previous)
    assert {r.id for r in s.list(unread=True)} == {a, c, d}
    # every article a view's filters let through ("mark all read" in the view)
    previous = s.mark_read(lang="uk")
    assert previous == {c: False}
    assert s.get(c).is_read and not s.get(a).is_read
    s.restore_read(previous)
    assert not s.get(c).is_read and s.get(b).is_read
    # and back to unread
    assert s.mark_read([b], value=False) == {b: True}
    s.restore_read({b: True})
    assert s.get(b).is_read


def test_unread_counts_per_source_tag_and_totals(filled):
    s, (a, b, c, d) = filled
    s.add(art("No source", "A text that came from nowhere in particular."))
    s.add_source("Empty feed", "feed", "https://example.org/feed")
    s.mark([a, b], read=True)
    s.mark([b, d], starred=True, tag=["keep"])
    counts = s.unread_counts()
    assert (counts.all, counts.unread, counts.starred) == (5, 3, 2)
    by_name = {x.name: (x.all, x.unread, x.starred) for x in counts.sources}
    assert by_name == {"BBC": (1, 1, 1), "Empty feed": (0, 0, 0), "Kyiv Independent": (1, 0, 0),
                       "УНІАН — новини": (2, 1, 1), None: (1, 1, 0)}
    assert all(x.id is not None for x in counts.sources if x.name)
    assert [(t.name, t.all, t.unread, t.starred) for t in counts.tags] == [("keep", 2, 1, 2)]
    uk = s.unread_counts(lang="uk")
    assert (uk.all, uk.unread, uk.starred) == (2, 1, 1)
    assert [(t.name, t.all) for t in uk.tags] == [("keep", 1)]


def test_unread_counts_is_one_indexed_scan_fast_on_100k(tmp_path):
    with Store(tmp_path / "big.db") as s:
        with s.transaction() as c:
            c.executemany("INSERT INTO sources (id, name, added) VALUES (?, ?, '2024-01-01')", [(i, f"src {i}") for i in range(1, 51)])
            c.executemany(
                "INSERT INTO articles (source_id, content_hash, title, added, updated, sort_key, is_read, starred)"
                " VALUES (?, ?, 't', '2024-01-01', '2024-01-01', '2024-01-01', ?, ?)",
                [(i % 50 + 1, str(i), i % 3 == 0, i % 7 == 0) for i in range(100_000)])
            c.executemany("INSERT INTO article_tags (article_id, tag) VALUES (?, ?)", [(i, f"t{i % 5}") for i in range(1, 100_001, 10)])
        c = s.conn
        plan = " ".join(r[3] for r in c.execute(
            "EXPLAIN QUERY PLAN SELECT a.source_id, count(*), sum(a.is_read = 0), sum(a.starred) FROM articles a GROUP BY a.source_id"))
        assert "COVERING INDEX articles_counts" in plan
        start = time.perf_counter()
        counts = s.unread_counts()
        took = time.perf_counter() - start
        assert counts.all == 100_000 and counts.unread == 100_000 - 33_334
        assert len(counts.sources) == 50 and sum(t.all for t in counts.tags) == 10_000
        assert took < 1.0, took


# --- saved searches -----------------------------------------------------------------------


def test_parse_query_reads_filters_flags_and_words():
    q = parse_query('lang:uk entity:"Антоні Блінкен" unread Київ "the summit" tag:war tag:"follow up" since:2024-03-01')
    assert q == Query({"lang": "uk", "entity": "Антоні Блінкен", "unread": True, "tag": ["war", "follow up"],
                       "since": "2024-03-01"}, 'Київ "the summit"')
    assert parse_query("lang:ua starred") == Query({"lang": "uk", "starred": True}, "")
    assert parse_query('"unread" news').words == '"unread" news'  # a quoted flag is a word
    assert parse_query("") == Query({}, "")
    assert parse_query(format_query(q)) == q


@pytest.mark.parametrize("bad, says", [
    ("foo:bar", "unknown key 'foo'"),
    ("since:2024-13-45", "since:2024-13-45: not a date"),
    ("since:yesterday", "not a date"),
    ("lang:de", "lang:de"),
    ("lang:", "needs a value"),
    ("source:a source:b", "given twice"),
])
def test_parse_query_refuses_with_one_clear_line(bad, says):
    with pytest.raises(QueryError) as err:
        parse_query(bad)
    assert says in str(err.value) and "\n" not in str(err.value)


def test_saved_searches_are_kept_and_run(filled):
    s, (a, b, c, d) = filled
    s.mark([b, c], tag=["war"])
    s.save_search("uk war", "lang:uk tag:war")
    s.save_search("blinken", 'entity:"Блінкен" unread')
    s.save_search("kyiv words", "Києві source:уніан")
    assert [x.name for x in s.saved_searches()] == ["blinken", "kyiv words", "uk war"]
    assert [r.id for r in s.run_saved("uk war")] == [b, c]
    assert s.resolve_search("uk war") == Query({"lang": "uk", "tag": ["war"]}, "")
    assert [r.id for r in s.run_saved("kyiv words")] == [b]
    assert s.count_query(s.resolve_search("uk war")) == 2
    with pytest.raises(ValueError, match="already exists"):
        s.save_search("uk war", "lang:en")
    s.save_search("uk war", "lang:uk tag:war unread", replace=True)
    s.mark([c], read=True)
    assert [r.id for r in s.run_saved("uk war")] == [b]
    with pytest.raises(QueryError):
        s.save_search("bad", "foo:bar")
    assert s.saved_search("bad") is None
    assert s.remove_search("uk war") and not s.remove_search("uk war")
    with pytest.raises(KeyError):
        s.run_saved("uk war")


# --- the command line ---------------------------------------------------------------------


def run(*args):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


@pytest.fixture
def cli_store(home, tmp_path, engine):
    from reader.store import open_store

    with open_store(home) as s:
        ids = [
            s.add(art("Blinken in Kyiv", "Blinken arrived in Kyiv on Tuesday.", source="Kyiv Independent", published="2024-05-14"))[0],
            s.add(art("Блінкен у Києві", "Держсекретар Блінкен прибув до Києва.", source="УНІАН — новини", lang="uk", published="2024-05-14"),
                  entities=[(-1, Entity(0, 7, "PER", "Блінкен", "Блінкен"))])[0],
            s.add(art("Саміт у Вашингтоні", "Саміт НАТО відбудеться у Вашингтоні.", source="УНІАН — новини", lang="uk", published="2024-03-01"))[0],
        ]
    return ids


def listed(*args) -> list[int]:
    out = run("list", "--json", *args)
    assert out.exit_code == 0, out.output
    return sorted(r["id"] for r in json.loads(out.stdout))


def test_cli_mark_with_several_flags_and_list_filters(cli_store):
    a, b, c = cli_store
    out = run("mark", str(a), str(b), "--read", "--star", "--tag", "war", "--tag", "kyiv", "--json")
    assert out.exit_code == 0, out.output
    got = json.loads(out.stdout)
    assert [(x["id"], x["read"], x["starred"], x["tags"]) for x in got["marked"]] == \
        [(a, True, True, ["kyiv", "war"]), (b, True, True, ["kyiv", "war"])]
    assert got["unknown"] == []
    assert listed("--tag", "war") == [a, b]
    assert listed("--tag", "war", "--lang", "uk") == [b]
    assert listed("--unread") == [c]
    assert listed("--starred", "--tag", "kyiv") == [a, b]
    shown = json.loads(run("list", "--json", "--tag", "war").stdout)
    assert [x["tags"] for x in shown] == [["kyiv", "war"]] * 2
    assert json.loads(run("show", str(a), "--json").stdout)["tags"] == ["kyiv", "war"]
    assert "tags: kyiv, war" in run("show", str(a)).stdout
    hits = json.loads(run("search", "Блінкен", "--tag", "war", "--lang", "uk", "--json").stdout)
    assert [h["id"] for h in hits["hits"]] == [b] and hits["filters"] == {"lang": "uk", "tag": ["war"]}
    out = run("mark", str(b), "--unread", "--unstar", "--untag", "war")
    assert out.exit_code == 0, out.output
    assert listed("--tag", "war") == [a] and listed("--unread") == [b, c]


def test_cli_mark_unknown_id_is_one_line_and_the_others_are_still_marked(cli_store):
    a, b, c = cli_store
    out = run("mark", str(a), "424242", "--star")
    assert out.exit_code == 1
    assert [x for x in out.stderr.splitlines() if x.startswith("error")] == ["error: no article with id 424242"]
    assert listed("--starred") == [a]
    out = run("mark", str(a))
    assert out.exit_code != 0 and "nothing to do" in out.output


def test_cli_list_source_any_part_any_case(cli_store):
    a, b, c = cli_store
    assert listed("--source", "УНІАН") == [b, c]
    assert listed("--source", "уніан") == [b, c]
    assert listed("--source", "independent") == [a]


def test_cli_list_and_search_in_a_folder(cli_store, home):
    from reader.store import open_store

    a, b, c = cli_store
    with open_store(home) as s:
        s.update_source("УНІАН — новини", tag="ua")
    assert listed("--folder", "ua") == [b, c]
    out = run("search", "Блінкен", "--folder", "ua", "--json")
    got = json.loads(out.stdout)
    assert [h["id"] for h in got["hits"]] == [b] and got["filters"] == {"folder": "ua"}
    assert listed("--folder", "nowhere") == []


def test_cli_saved_add_list_run_remove(cli_store):
    a, b, c = cli_store
    out = run("saved", "add", "ua blinken", 'lang:uk entity:"Блінкен" unread')
    assert out.exit_code == 0, out.output
    run("saved", "add", "summit", "Саміт source:уніан")
    got = json.loads(run("saved", "list", "--json").stdout)
    assert got == [{"name": "summit", "query": "Саміт source:уніан"}, {"name": "ua blinken", "query": 'lang:uk entity:"Блінкен" unread'}]
    ran = json.loads(run("saved", "run", "ua blinken", "--json").stdout)
    assert [r["id"] for r in ran["articles"]] == [b]
    assert ran["filters"] == {"lang": "uk", "entity": "Блінкен", "unread": True} and ran["words"] == ""
    run("mark", str(b), "--read")
    assert json.loads(run("saved", "run", "ua blinken", "--json").stdout)["articles"] == []
    ran = json.loads(run("saved", "run", "summit", "--json").stdout)
    assert [r["id"] for r in ran["articles"]] == [c] and ran["words"] == "Саміт"
    plain = run("saved", "run", "summit")
    assert plain.exit_code == 0 and "Саміт у Вашингтоні" in plain.stdout
    bad = run("saved", "add", "bad", "foo:bar")
    assert bad.exit_code == 1 and len(bad.output.strip().splitlines()) == 1 and "unknown key 'foo'" in bad.output
    bad = run("saved", "add", "bad", "since:2024-02-30")
    assert bad.exit_code == 1 and "not a date" in bad.output
    dup = run("saved", "add", "summit", "lang:en")
    assert dup.exit_code == 1 and "already exists" in dup.output
    assert run("saved", "remove", "summit").exit_code == 0
    gone = run("saved", "run", "summit")
    assert gone.exit_code == 1 and "no saved search named 'summit'" in gone.output
    assert run("saved", "remove", "summit").exit_code == 1
