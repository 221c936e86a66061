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
