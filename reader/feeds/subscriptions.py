"""Subscribing: add a feed (checked by fetching it once), import and export OPML.

The command line and the TUI call these; the store keeps the list (`sources`, kind 'feed').
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import httpx

from reader.feeds.fetch import MAX_FEED_BYTES, FetchError, get
from reader.feeds.opml import Outline, OpmlError, read_opml, write_opml
from reader.feeds.parse import Feed, FeedError, parse_feed
from reader.store.store import Store


class SubscriptionError(ValueError):
    """The feed cannot be added; the message names it and says why."""


@dataclass(frozen=True)
class Added:
    name: str
    url: str
    items: int
    title: str


def feed_location(text: str) -> str:
    """A feed's URL: http(s) as given, a local file as a file: URI (raises SubscriptionError)."""
    if text.startswith(("http://", "https://", "file:")):
        return text
    path = Path(text).expanduser()
    if not path.is_file():
        raise SubscriptionError(f"{text}: no such file, and not an http(s) URL")
    return path.resolve().as_uri()


def load_feed(url: str, client: httpx.Client | None = None) -> tuple[Feed, str]:
    """Fetch and parse a feed once: the feed, and the URL to keep for it (where permanent
    redirects lead, else `url`). Raises SubscriptionError with the reason."""
    try:
        resp = get(url, client=client, max_bytes=MAX_FEED_BYTES)
        return parse_feed(resp.content, resp.content_type), resp.moved_to or url
    except (FetchError, FeedError) as exc:
        raise SubscriptionError(f"{url}: {exc}") from None


def add_feed(store: Store, location: str, name: str | None = None, tag: str | None = None,
             client: httpx.Client | None = None) -> Added:
    """Check that `location` (URL or file) is a feed, then subscribe to it under `name` (default: its title)."""
    given = feed_location(location)
    feed, url = load_feed(given, client)  # a feed that moved for good is kept at its new URL
    if name and store.source(name) is not None:
        raise SubscriptionError(f"a source named {name!r} already exists")
    if any(store.source_with_url(u) is not None for u in {given, url}):
        raise SubscriptionError(f"{location}: already subscribed")
    chosen = name or _free_name(store, feed.title or _host(url))
    store.add_source(chosen, "feed", url, tag)
    return Added(chosen, url, len(feed.items), feed.title)


def import_opml(store: Store, data: bytes) -> tuple[list[str], list[str]]:
    """(added names, skipped URLs already subscribed); raises OpmlError. No network: refresh fetches."""
    added, skipped = [], []
    known = {s.url for s in store.sources()}
    for o in read_opml(data):
        if o.xml_url in known:
            skipped.append(o.xml_url)
            continue
        name = _free_name(store, o.title or _host(o.xml_url))
        store.add_source(name, "feed", o.xml_url, o.tag)
        known.add(o.xml_url)
        added.append(name)
    return added, skipped


def export_opml(store: Store) -> str:
    return write_opml([Outline(s.name, s.url, None, s.tag) for s in store.sources(kind="feed") if s.url])


def _free_name(store: Store, base: str) -> str:
    base = " ".join(base.split())[:80] or "feed"
    name, n = base, 2
    while store.source(name) is not None:
        name, n = f"{base} ({n})", n + 1
    return name


def _host(url: str) -> str:
    parts = urlsplit(url)
    return parts.hostname or Path(parts.path).stem or url


__all__ = ["Added", "OpmlError", "SubscriptionError", "add_feed", "export_opml", "feed_location", "import_opml", "load_feed"]
