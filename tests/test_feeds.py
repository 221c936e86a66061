"""Feeds against a real HTTP server on 127.0.0.1: fetch limits, parsing, refresh, fallbacks."""

from __future__ import annotations

import threading

import pytest

from httpserver import FEEDS, PAGES, PRAVDA, UNIAN, rss, ukrainian_page
from reader.feeds.fetch import FetchError, get, make_client
from reader.feeds.parse import FeedError, html_blocks, parse_feed
from reader.feeds.refresh import refresh
from reader.store.store import Store

pytestmark = pytest.mark.skipif(not FEEDS.is_dir() or not PAGES.is_dir(), reason="needs ../shared/data")



@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "reader.db") as s:
        yield s


@pytest.fixture
def quick():
    """A client with a short timeout, as a test may set it."""
    with make_client(timeout=1.0) as client:
        yield client


def subscribe(store: Store, name: str, url: str) -> None:
    store.add_source(name, "feed", url)


# --- fetching ---------------------------------------------------------------------------


def test_fetch_sends_user_agent_and_follows_a_few_redirects(server, quick):
    resp = get(server.url(f"/redirect/3/feeds/{UNIAN}"), client=quick)
    assert resp.url == server.url(f"/feeds/{UNIAN}")
    assert resp.content == (FEEDS / UNIAN).read_bytes()
    assert resp.etag and resp.last_modified
    path, headers = server.requests[-1]
    assert headers["User-Agent"].startswith("reader/")


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/status/500", "HTTP 500 Internal Server Error"),
        ("/loop", "redirect loop or more than 5 redirects"),
        ("/redirect/9/feeds/" + UNIAN, "redirect loop or more than 5 redirects"),
        ("/huge", "response too large (50 MB; at most 10 MB)"),
        ("/endless", "response larger than 10 MB: cut off"),
        ("/gzip-bomb", "response larger than 10 MB: cut off"),
        ("/slow/3/feeds/" + UNIAN, "timed out waiting for the server"),
    ],
)
def test_fetch_errors_are_one_clear_line(server, quick, path, message):
    with pytest.raises(FetchError) as err:
        get(server.url(path), client=quick, max_bytes=10 * 2**20)
    assert str(err.value) == message


def test_unreachable_host_is_marked_so(quick):
    with pytest.raises(FetchError) as err:
        get("http://127.0.0.1:9/feed.xml", client=quick)  # port 9: discard, nobody listens
    assert err.value.unreachable
    assert str(err.value).startswith("cannot connect to 127.0.0.1")


def test_conditional_get_gets_304(server, quick):
    first = get(server.url(f"/feeds/{UNIAN}"), client=quick)
    again = get(server.url(f"/feeds/{UNIAN}"), client=quick, etag=first.etag, last_modified=first.last_modified)
    assert again.not_modified and again.content == b""


def test_gzip_response_is_decompressed(server, quick):
    resp = get(server.url(f"/gzip/feeds/{UNIAN}"), client=quick)
    assert resp.content == (FEEDS / UNIAN).read_bytes()


# --- parsing ----------------------------------------------------------------------------


def test_cp1251_feed_parses_with_cyrillic_titles():
    feed = parse_feed((FEEDS / PRAVDA).read_bytes())
    assert feed.title == "Украинская правда"
    assert feed.items[0].title == 'День сердца: инфаркты и инсульты значительно "помолодели"'
    assert feed.items[0].published == "2020-09-29T12:00:00+00:00"


def test_wrong_declared_charset_is_detected():
    data = (FEEDS / PRAVDA).read_bytes().replace(b' encoding="windows-1251"', b"")
    feed = parse_feed(data, "application/rss+xml; charset=utf-8")
    assert feed.title == "Украинская правда"


def test_xml_bomb_is_refused():
    from httpserver import BOMB

    with pytest.raises(FeedError, match="declares XML entities"):
        parse_feed(BOMB)


def test_html_page_is_not_a_feed():
    with pytest.raises(FeedError, match="not an RSS or Atom feed"):
        parse_feed(b"garbage that is not XML at all")


def test_feed_html_becomes_blocks_without_markup():
    blocks = html_blocks('<p>First <b>bold</b> para.</p><img src="x.png"><script>evil()</script>'
                         "<h2>Head</h2><ul><li>one</li></ul><p>Continue reading...</p>")
    assert [(b.kind, b.text) for b in blocks] == [("p", "First bold para."), ("h", "Head"), ("li", "one")]
    # Double-escaped HTML, as the ukranews feed sends it.
    assert [b.text for b in html_blocks("&lt;p&gt;Один.&lt;/p&gt;&lt;p&gt;Два.&lt;/p&gt;")] == ["Один.", "Два."]


# --- refresh ----------------------------------------------------------------------------


def test_unian_and_cp1251_feeds_import_with_titles_and_languages(server, store, quick):
    subscribe(store, "unian", server.url(f"/feeds/{UNIAN}"))
    subscribe(store, "pravda", server.url(f"/feeds/{PRAVDA}"))
    report = refresh(store, client=quick, fetch_pages=False)  # their pages live on the real web
    assert [(f.name, f.new, f.error) for f in sorted(report.feeds, key=lambda f: f.name)] == [("pravda", 20, None), ("unian", 50, None)]
    unian = store.list(source="unian")
    assert len(unian) == 50
    assert '"Зір вдалося зберегти": у Дніпрі лікарі рятують сапера, який підірвався на Донбасі' in {r.title for r in unian}
    assert {r.lang for r in unian} == {"uk"}
    pravda = store.list(source="pravda")
    assert any(r.title == 'День сердца: инфаркты и инсульты значительно "помолодели"' for r in pravda)
    langs = [r.lang for r in pravda]
    assert langs.count("ru") >= 18, langs  # two items are one-line Ukrainian-language teasers at most

    # A second refresh adds nothing, and asks with a conditional GET that gets a 304.
    again = refresh(store, client=quick, fetch_pages=False)
    assert again.new == 0 and all(f.not_modified for f in again.feeds)
    assert store.count() == 70
    src = store.source("unian")
    assert src.etag and src.last_error is None


def test_second_refresh_without_304_adds_nothing_either(server, store, quick):
    url = server.put("/changing.xml", (FEEDS / UNIAN).read_bytes())  # no ETag, no Last-Modified
    subscribe(store, "unian", url)
    assert refresh(store, client=quick, fetch_pages=False).new == 50
    report = refresh(store, client=quick, fetch_pages=False)
    assert (report.new, report.feeds[0].unchanged) == (0, 50)
    assert store.count() == 50


def test_summary_only_items_get_their_full_page(server, store, quick):
    subscribe(store, "summaries", server.put("/summary.xml", server.summary_feed()))
    progress = []
    report = refresh(store, client=quick, on_progress=lambda *a: progress.append(a))
    result = report.feeds[0]
    assert (result.new, result.from_summary, result.error) == (3, 0, None)
    art = store.get(store.list(source="summaries", limit=10)[-1].id)
    assert art.title == "Story 1"  # the feed's headline
    assert art.url == server.url("/pages/rd_bbc-1.html")
    assert "common sense gun safety laws" in art.text and len(art.text) > 2000
    assert art.lang == "en"
    assert progress[-1][0] == progress[-1][1] == 4  # one feed and three pages
    pages_fetched = server.hits["/pages/rd_bbc-1.html"]
    refresh(store, client=quick)
    assert server.hits["/pages/rd_bbc-1.html"] == pages_fetched  # known items: no page fetched again


def test_unreachable_page_falls_back_to_the_summary(server, store, quick):
    subscribe(store, "summaries", server.put("/summary-missing.xml", server.summary_feed(missing=2)))
    result = refresh(store, client=quick).feeds[0]
    assert (result.new, result.from_summary) == (5, 2)
    assert "from the feed's summary (page unavailable: HTTP 404 Not Found)" in result.line()
    gone = [r for r in store.list(source="summaries") if r.title.startswith("Gone")]
    assert len(gone) == 2
    assert store.get(gone[0].id).text.startswith("The teaser of a story whose page is gone")


def test_wrong_charset_page_reads_as_cyrillic(server, store, quick):
    title, _ = ukrainian_page()
    feed = rss("UA", [{"title": "Новина", "link": server.url("/wrong-charset-page.html"), "description": "Коротко."}])
    subscribe(store, "ua", server.put("/ua.xml", feed))
    assert refresh(store, client=quick).new == 1
    art = store.get(store.list(source="ua")[0].id)
    assert art.lang == "uk"
    assert title.split()[0] in art.text and "Ã" not in art.text and "\ufffd" not in art.text


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/status/500", "HTTP 500 Internal Server Error"),
        ("/slow/3/feeds/" + UNIAN, "timed out waiting for the server"),
        ("/loop", "redirect loop or more than 5 redirects"),
        ("/bomb.xml", "feed declares XML entities (an XML bomb?): refused"),
        ("/huge", "response too large (50 MB; at most 10 MB)"),
        ("/endless", "response larger than 10 MB: cut off"),
    ],
)
def test_failed_feed_is_one_line_and_keeps_stored_articles(server, store, quick, path, message):
    url = server.put(f"/flaky{path.replace('/', '_')}.xml", (FEEDS / UNIAN).read_bytes())
    subscribe(store, "flaky", url)
    assert refresh(store, client=quick, fetch_pages=False).new == 50
    store.update_source("flaky", url=server.url(path), etag=None, last_modified=None)
    report = refresh(store, client=quick, fetch_pages=False)
    result = report.feeds[0]
    assert result.error == message
    assert result.line() == f"flaky: failed: {message} (stored articles kept)"
    assert store.count() == 50 and store.count(source="flaky") == 50
    assert store.source("flaky").last_error == message


def test_gzip_and_wrong_charset_feeds_refresh(server, store, quick):
    subscribe(store, "gz", server.url(f"/gzip/feeds/{UNIAN}"))
    subscribe(store, "wrong", server.url(f"/wrong-charset/feeds/{PRAVDA}"))
    report = refresh(store, client=quick, fetch_pages=False)
    assert {f.name: f.new for f in report.feeds} == {"gz": 50, "wrong": 20}
    assert any(r.title.startswith("День сердца") for r in store.list(source="wrong"))


def test_same_item_in_two_feeds_is_stored_once(server, store, quick):
    subscribe(store, "a", server.url(f"/feeds/{UNIAN}"))
    subscribe(store, "b", server.url(f"/gzip/feeds/{UNIAN}"))
    report = refresh(store, client=quick, fetch_pages=False)
    assert report.new == 50 and store.count() == 50


def test_local_feed_file_refreshes_offline(store, tmp_path):
    subscribe(store, "file", (FEEDS / PRAVDA).resolve().as_uri())
    assert refresh(store, fetch_pages=False).new == 20
    assert refresh(store, fetch_pages=False).feeds[0].not_modified


def test_unreachable_host_pages_fall_back_quickly(store, tmp_path, quick):
    # The items link to a port where nobody listens: every page falls back to the summary.
    feed = rss("Dead", [{"title": f"Item {i}", "link": f"http://127.0.0.1:9/a{i}.html", "description": f"Teaser number {i}."} for i in range(5)])
    path = tmp_path / "dead.xml"
    path.write_bytes(feed)
    subscribe(store, "dead", path.as_uri())
    result = refresh(store, client=quick).feeds[0]
    assert (result.new, result.from_summary, result.error) == (5, 5, None)
    assert result.notes[0].startswith("page unavailable: ")


def test_cancel_stops_the_refresh(server, store, quick):
    subscribe(store, "slow", server.url("/slow/0.5/feeds/" + UNIAN))
    stop = threading.Event()
    stop.set()
    report = refresh(store, client=quick, cancel=stop, fetch_pages=False)
    assert report.cancelled and store.count() == 0


def test_unknown_feed_name_is_an_error(store):
    with pytest.raises(ValueError, match="no feed named 'nope'"):
        refresh(store, names=["nope"])


@pytest.mark.parametrize(
    ("name", "full"),
    [("en_medium_content_encoded.rss", 7), ("uk_ukranews_rss_yandex_ns.xml", 2), ("en_guardian.rss", 0), (UNIAN, 0)],
)
def test_full_text_is_told_from_teasers(name, full):
    from reader.feeds.parse import is_full_text

    feed = parse_feed((FEEDS / name).read_bytes())
    assert sum(is_full_text(i) for i in feed.items) == full


def test_full_text_feed_is_stored_without_fetching_pages(server, store, quick):
    subscribe(store, "ukranews", server.url("/feeds/uk_ukranews_rss_yandex_ns.xml"))
    before = len(server.requests)
    result = refresh(store, client=quick).feeds[0]
    assert (result.new, result.from_summary) == (2, 0)
    assert len(server.requests) == before + 1  # the feed only
    row = next(r for r in store.list(source="ukranews") if r.title == "Херсонский губернатор Гусев купил квартиру в кредит")
    art = store.get(row.id)
    assert art.lang == "ru" and len(art.body) > 3 and "<p>" not in art.text and "&lt;" not in art.text


# --- a feed that moved ------------------------------------------------------------------


def test_permanent_location_trusts_only_the_leading_permanent_hops():
    from reader.feeds.fetch import permanent_location

    assert permanent_location([], "http://x/feed") is None
    assert permanent_location([(301, "http://a/"), (308, "http://b/")], "http://c/") == "http://c/"
    assert permanent_location([(301, "http://a/"), (302, "http://b/")], "http://c/") == "http://b/"
    assert permanent_location([(307, "http://a/"), (301, "http://b/")], "http://c/") is None


@pytest.mark.parametrize("status", [301, 308])
def test_permanent_redirect_moves_the_subscription(server, store, quick, status):
    old, new = server.url(f"/moved/{status}/feeds/{UNIAN}"), server.url(f"/feeds/{UNIAN}")
    subscribe(store, "unian", old)
    result = refresh(store, client=quick, fetch_pages=False).feeds[0]
    assert (result.new, result.moved_to) == (50, new)
    assert result.line() == f"unian: 50 new, 0 unchanged; moved permanently to {new}"
    assert result.to_json()["moved_to"] == new
    assert store.source("unian").url == new
    asked_old = server.hits[f"/moved/{status}/feeds/{UNIAN}"]
    again = refresh(store, client=quick, fetch_pages=False).feeds[0]
    assert again.not_modified and again.moved_to is None and again.line() == "unian: not modified"
    assert server.hits[f"/moved/{status}/feeds/{UNIAN}"] == asked_old  # straight to the new URL
    assert store.count(source="unian") == 50


@pytest.mark.parametrize("status", [302, 303, 307])
def test_temporary_redirect_keeps_the_subscription(server, store, quick, status):
    old = server.url(f"/moved/{status}/feeds/{PRAVDA}")
    subscribe(store, "pravda", old)
    result = refresh(store, client=quick, fetch_pages=False).feeds[0]
    assert (result.new, result.moved_to, result.redirect) == (20, None, None)
    assert "moved" not in result.line()
    assert store.source("pravda").url == old
    asked_old = server.hits[f"/moved/{status}/feeds/{PRAVDA}"]
    refresh(store, client=quick, fetch_pages=False)
    assert server.hits[f"/moved/{status}/feeds/{PRAVDA}"] == asked_old + 1


def test_permanent_then_temporary_redirect_moves_only_as_far_as_the_permanent_hop(server, store, quick):
    subscribe(store, "pravda", server.url(f"/moved/301/moved/302/feeds/{PRAVDA}"))
    result = refresh(store, client=quick, fetch_pages=False).feeds[0]
    assert result.moved_to == server.url(f"/moved/302/feeds/{PRAVDA}")
    assert store.source("pravda").url == server.url(f"/moved/302/feeds/{PRAVDA}")


def test_permanent_redirect_to_another_subscription_keeps_both(server, store, quick):
    old, new = server.url(f"/moved/301/feeds/{PRAVDA}"), server.url(f"/feeds/{PRAVDA}")
    subscribe(store, "old", old)
    subscribe(store, "new", new)
    report = refresh(store, client=quick, fetch_pages=False)
    moved = next(f for f in report.feeds if f.name == "old")
    assert moved.moved_to is None
    assert moved.line().endswith(f"; moved permanently to {new}, already subscribed as 'new': both kept unchanged")
    assert moved.to_json()["redirect"] == f"moved permanently to {new}, already subscribed as 'new': both kept unchanged"
    assert (store.source("old").url, store.source("new").url) == (old, new)
    assert report.new == 20 and store.count() == 20


@pytest.mark.parametrize(("target", "message"), [("status/404", "HTTP 404 Not Found"), ("pages/rd_bbc-1.html", "not an RSS or Atom feed")])
def test_permanent_redirect_to_what_is_not_a_feed_moves_nothing(server, store, quick, target, message):
    url = server.put("/moving.xml", (FEEDS / PRAVDA).read_bytes())
    subscribe(store, "pravda", url)
    assert refresh(store, client=quick, fetch_pages=False).new == 20
    store.update_source("pravda", url=server.url(f"/moved/301/{target}"))
    result = refresh(store, client=quick, fetch_pages=False).feeds[0]
    assert message in result.error and result.moved_to is None
    assert store.source("pravda").url == server.url(f"/moved/301/{target}")
    assert store.count(source="pravda") == 20


# --- a summary replaced by its page later -----------------------------------------------


def teaser_feed(page_url: str, guid: str) -> bytes:
    """One item whose page is `page_url`: the feed itself gives only a teaser."""
    return rss("Later", [{"title": "Gun laws", "link": page_url, "guid": guid,
                          "description": "<p>A teaser: the president talks about the laws on guns.</p>"}])


def serve_page(server, path: str, working: bool) -> str:
    """The BBC article page at `path`, or a 503 there while `working` is False."""
    if working:
        return server.put(path, (PAGES / "rd_bbc-1.html").read_bytes(), {"Content-Type": "text/html; charset=utf-8"})
    return server.put(path, b"down for maintenance", {"Content-Type": "text/plain"}, status=503)


def test_summary_is_replaced_by_the_page_once_it_reads(server, store, quick):
    page = serve_page(server, "/later.html", working=False)
    subscribe(store, "later", server.put("/later.xml", teaser_feed(page, "later-1")))
    first = refresh(store, client=quick).feeds[0]
    assert (first.new, first.from_summary) == (1, 1)
    [row] = store.list(source="later")
    summary = store.get(row.id).text
    assert summary.startswith("A teaser")
    store.set_read(row.id)
    store.put_translation(row.id, "uk", "en-uk@test", "Закони про зброю", {0: "Тизер."})

    # The page is still down: tried again, the summary stays as it is.
    tried = server.hits["/later.html"]
    still = refresh(store, client=quick).feeds[0]
    assert server.hits["/later.html"] == tried + 1
    assert (still.new, still.upgraded, still.unchanged) == (0, 0, 1)
    assert store.get(row.id).text == summary and store.get_translation(row.id, "uk") is not None

    # The page reads: its article takes the summary's place, under the same id.
    serve_page(server, "/later.html", working=True)
    result = refresh(store, client=quick).feeds[0]
    assert (result.new, result.upgraded, result.unchanged) == (0, 1, 0)
    assert result.line() == "later: 0 new, 0 unchanged, 1 upgraded from the summary to the full page"
    assert store.count() == 1
    art = store.get(row.id)
    assert art.title == "Gun laws" and art.url == page and art.is_read
    assert "common sense gun safety laws" in art.text and "teaser" not in art.text
    assert store.get_translation(row.id, "uk") is None  # it translated the summary
    assert [h.id for h in store.search("gun safety laws")] == [row.id]
    assert store.search("teaser") == []
    assert any("Obama" in e.norm for _, e in store.entities(row.id))

    # A full article is never fetched again.
    fetched = server.hits["/later.html"]
    last = refresh(store, client=quick).feeds[0]
    assert (last.upgraded, last.unchanged) == (0, 1)
    assert server.hits["/later.html"] == fetched


def test_items_with_a_summary_left_keep_the_feed_from_a_304(server, store, quick, tmp_path):
    # A feed file answers "not modified" to a known date: the date is kept only when every page read.
    page = serve_page(server, "/later-file.html", working=False)
    path = tmp_path / "later.xml"
    path.write_bytes(teaser_feed(page, "later-file-1"))
    subscribe(store, "later", path.as_uri())
    assert refresh(store, client=quick).feeds[0].from_summary == 1
    assert store.source("later").last_modified is None
    serve_page(server, "/later-file.html", working=True)
    result = refresh(store, client=quick).feeds[0]
    assert not result.not_modified and result.upgraded == 1
    assert store.source("later").last_modified is not None
    assert refresh(store, client=quick).feeds[0].not_modified


def test_no_pages_refresh_leaves_a_summary_for_the_next_one(server, store, quick):
    page = serve_page(server, "/later-nopages.html", working=False)
    subscribe(store, "later", server.put("/later-nopages.xml", teaser_feed(page, "later-nopages-1")))
    assert refresh(store, client=quick).feeds[0].from_summary == 1
    serve_page(server, "/later-nopages.html", working=True)
    skipped = refresh(store, client=quick, fetch_pages=False).feeds[0]
    assert (skipped.upgraded, skipped.unchanged) == (0, 1)
    assert refresh(store, client=quick).feeds[0].upgraded == 1


def test_pages_fetched_by_refresh_feed_their_sites_memory(server, store, quick):
    subscribe(store, "summaries", server.put("/summary.xml", server.summary_feed()))
    assert refresh(store, client=quick).feeds[0].new == 3
    sites = [r[0] for r in store.conn.execute("SELECT DISTINCT site FROM site_pages")]
    assert sites == ["127.0.0.1"]  # the pages' host: their lines are counted for the next page
    assert store.conn.execute("SELECT count(*) FROM site_pages").fetchone()[0] == 3
