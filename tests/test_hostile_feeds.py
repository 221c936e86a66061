"""Hostile feeds (issue 14): broken XML is not a feed, a redirect out of http(s) is refused by name.

Through the command line, against the real HTTP server on 127.0.0.1 (tests/httpserver.py).
"""

from __future__ import annotations

import json

import pytest

from httpserver import rss
from reader.feeds.fetch import FetchError, get, make_client
from reader.feeds.parse import FeedError, parse_feed

GOOD = rss("Good", [{"title": "One", "link": "http://127.0.0.1/one", "guid": "one",
                     "description": "A short item that is only a summary of its story."}])
#: Cut off in the middle of its channel: what a truncated download looks like.
TRUNCATED = b'<?xml version="1.0"?>\n<rss version="2.0"><channel>\n<title>Cut off</title>\n<link>http://127.0.0.1/'
#: A bare ampersand: not well-formed, and feedparser finds no item in it.
AMPERSAND = b'<?xml version="1.0"?>\n<rss version="2.0"><channel>\n<title>Tom & Jerry</title>\n</channel></rss>\n'


@pytest.fixture
def run(run):
    run("feed", "list")  # create the store: its first opening reports its set-up on stderr
    return run


def error_line(result) -> str:
    """The one error line: exactly one line of stderr says it."""
    [line] = [x for x in result.stderr.splitlines() if "rror" in x]
    return line


@pytest.mark.parametrize(("body", "why"), [(TRUNCATED, "no element found at line 4"),
                                           (AMPERSAND, "not well-formed (invalid token) at line 3")])
def test_broken_xml_is_not_a_feed(body, why):
    with pytest.raises(FeedError) as caught:
        parse_feed(body, "application/rss+xml")
    assert str(caught.value) == f"not a valid feed: the XML is broken ({why})"
    # An empty feed that is well-formed is still a feed.
    assert parse_feed(b'<?xml version="1.0"?><rss version="2.0"><channel><title>Quiet</title></channel></rss>').items == []


def test_feed_add_refuses_broken_xml(server, run):
    url = server.put("/hostile/truncated.xml", TRUNCATED)
    r = run("feed", "add", url)
    assert r.exit_code == 1, r.output
    line = error_line(r)
    assert line == f"Error: {url}: not a valid feed: the XML is broken (no element found at line 4)"
    assert json.loads(run("feed", "list", "--json").stdout) == []


def test_refresh_counts_a_feed_turned_broken_as_failed(server, run):
    url = server.put("/hostile/turns-broken.xml", GOOD)
    assert run("feed", "add", url, "--name", "turns").exit_code == 0
    r = run("refresh", "--no-pages")
    assert r.exit_code == 0, r.output
    server.put("/hostile/turns-broken.xml", AMPERSAND)
    r = run("refresh", "--no-pages", "--json")
    assert r.exit_code == 1, r.output
    lines = [json.loads(x) for x in r.stdout.splitlines()]
    assert lines[0]["error"] == "not a valid feed: the XML is broken (not well-formed (invalid token) at line 3)"
    assert lines[-1]["failed"] == 1
    [feed] = json.loads(run("feed", "list", "--json").stdout)
    assert feed["articles"] == 1 and feed["last_error"].startswith("not a valid feed")  # stored articles kept


@pytest.mark.parametrize("location", ["javascript:alert(1)", "ftp://example.com/feed.xml", "file:///etc/passwd",
                                      "data:text/xml,<rss/>"])
def test_a_redirect_out_of_http_is_refused_naming_its_target(server, run, location):
    url = server.put(f"/hostile/redirect-{location.split(':')[0]}", b"", {"Content-Type": "text/html", "Location": location}, status=302)
    scheme = location.split(":")[0]
    with make_client() as client, pytest.raises(FetchError) as caught:
        get(url, client=client)
    assert str(caught.value) == f"{url} redirects to {location!r}: the {scheme}: scheme is refused (only http and https)"
    r = run("feed", "add", url)
    assert r.exit_code == 1
    line = error_line(r)
    assert f"redirects to {location!r}: the {scheme}: scheme is refused" in line and "invalid URL" not in line


def test_a_redirect_after_a_good_hop_names_the_hop(server):
    bad = server.put("/hostile/second-hop", b"", {"Content-Type": "text/html", "Location": "javascript:void(0)"}, status=301)
    first = server.put("/hostile/first-hop", b"", {"Content-Type": "text/html", "Location": "/hostile/second-hop"}, status=301)
    with pytest.raises(FetchError) as caught:
        get(first)
    assert str(caught.value) == f"{bad} redirects to 'javascript:void(0)': the javascript: scheme is refused (only http and https)"
