"""Refresh feeds: fetch each feed (conditional GET), then the full page of every new item
that the feed only summarises; clean, detect the language, store.

An item whose page could not be read is stored from the feed's summary and marked so:
while it is still in the feed, later refreshes try its page again and, when the page
reads, put its article in the summary's place (same id). Until then the feed's
validators are not kept, so the next refresh sees the items again instead of a 304.
A feed that answers with a permanent redirect (301, 308) moves to its new URL.

HTTP runs in a bounded thread pool; parsing, cleaning and every store write happen in
the calling thread, so the store is only ever touched from one thread. Items already
stored (by URL or GUID) are skipped before any page is fetched, but for those summaries,
and the store itself refuses duplicates by URL, GUID and content. A feed that fails
leaves its stored articles untouched and is one line in the report. The TUI runs
`refresh` in a thread worker: `on_progress` is called in that worker's thread, `cancel`
is polled.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from datetime import datetime, timezone
from urllib.parse import urlsplit

import httpx

from reader.feeds.fetch import MAX_FEED_BYTES, FetchError, Response, get, make_client
from reader.feeds.parse import FeedError, FeedItem, is_full_text, item_article, parse_feed
from reader.model import Article, Entity
from reader.store.store import SourceRow, Store, open_store

#: Concurrent HTTP requests: polite to servers, enough to hide latency.
WORKERS = 6

Progress = Callable[[int, int, str], None]


@dataclass
class FeedResult:
    """What one feed's refresh did."""

    name: str
    url: str | None
    new: int = 0
    unchanged: int = 0
    from_summary: int = 0  # stored from the feed's own text: the page could not be used
    failed: int = 0  # items that could not be stored
    error: str | None = None  # the feed itself could not be fetched or read
    not_modified: bool = False
    upgraded: int = 0  # stored from the summary before; the page read this time and took its place
    moved_to: str | None = None  # a permanent redirect's target: the subscription now points there
    redirect: str | None = None  # that move in one line, or why it was not made
    notes: list[str] = field(default_factory=list)  # why pages fell back, why items failed

    @property
    def ok(self) -> bool:
        return self.error is None and self.failed == 0

    def line(self) -> str:
        """One line for people: counts, or the reason it failed."""
        if self.error:
            return f"{self.name}: failed: {self.error} (stored articles kept)"
        if self.not_modified:
            text = f"{self.name}: not modified"
        else:
            text = f"{self.name}: {self.new} new, {self.unchanged} unchanged"
            if self.upgraded:
                text += f", {self.upgraded} upgraded from the summary to the full page"
            if self.failed:
                text += f", {self.failed} failed"
            if self.from_summary:
                text += f"; {self.from_summary} from the feed's summary ({self.notes[0] if self.notes else 'page unavailable'})"
        if self.redirect:
            text += f"; {self.redirect}"
        return text

    def to_json(self) -> dict:
        return {"feed": self.name, "url": self.url, "new": self.new, "unchanged": self.unchanged,
                "upgraded": self.upgraded, "from_summary": self.from_summary, "failed": self.failed,
                "error": self.error, "not_modified": self.not_modified, "moved_to": self.moved_to,
                "redirect": self.redirect, "notes": self.notes}


@dataclass
class RefreshReport:
    feeds: list[FeedResult]
    cancelled: bool = False

    @property
    def new(self) -> int:
        return sum(f.new for f in self.feeds)

    @property
    def failed(self) -> list[FeedResult]:
        return [f for f in self.feeds if not f.ok]

    def summary(self) -> str:
        text = f"{len(self.feeds)} feed{'s' * (len(self.feeds) != 1)}: {self.new} new, {len(self.failed)} failed"
        return text + (" (cancelled)" if self.cancelled else "")


def refresh(
    store: Store | str | os.PathLike | None = None,
    names: list[str] | None = None,
    on_progress: Progress | None = None,
    cancel: Callable[[], bool] | threading.Event | None = None,
    *,
    client: httpx.Client | None = None,
    workers: int = WORKERS,
    fetch_pages: bool = True,
) -> RefreshReport:
    """Refresh the named feeds (all when None); `store` is an open Store or a data folder.

    Raises ValueError for a name that is not a feed; everything that goes wrong while
    fetching is reported in the result, never raised.
    """
    if not isinstance(store, Store):
        with open_store(store) as opened:
            return refresh(opened, names, on_progress, cancel, client=client, workers=workers, fetch_pages=fetch_pages)
    feeds = store.sources(kind="feed")
    if names:
        by_name = {s.name: s for s in feeds}
        missing = [n for n in names if n not in by_name]
        if missing:
            raise ValueError(f"no feed named {missing[0]!r}")
        feeds = [by_name[n] for n in dict.fromkeys(names)]
    own = client is None
    client = client or make_client()
    try:
        return _Run(store, client, on_progress, _cancelled(cancel), fetch_pages).run(feeds, workers)
    finally:
        if own:
            client.close()


def _cancelled(cancel) -> Callable[[], bool]:
    if cancel is None:
        return lambda: False
    if hasattr(cancel, "is_set"):
        return cancel.is_set
    return cancel


def _now() -> str:
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat()


def item_guid(item: FeedItem, source: str) -> str | None:
    """A GUID that stays unique across feeds: a bare id ("12345") is qualified by its feed's name."""
    guid = item.guid
    if not guid:
        return None
    if "://" in guid or guid.startswith(("tag:", "urn:")):
        return guid
    return f"{source}#{guid}"


@dataclass
class _FeedState:
    source: SourceRow
    result: FeedResult
    response: Response | None = None
    pending: int = 0
    summaries_left: int = 0  # items still holding the feed's summary after this refresh


class _Run:
    """One refresh: a pool of HTTP jobs, handled one result at a time in this thread."""

    def __init__(self, store: Store, client: httpx.Client, on_progress: Progress | None, cancelled, fetch_pages: bool):
        self.store, self.client, self.cancelled, self.fetch_pages = store, client, cancelled, fetch_pages
        self.on_progress = on_progress or (lambda done, total, message: None)
        self.dead_hosts: set[str] = set()
        self.jobs: dict[Future, tuple] = {}
        self.done = self.total = 0

    def run(self, feeds: list[SourceRow], workers: int) -> RefreshReport:
        report = RefreshReport([])
        pool = ThreadPoolExecutor(max_workers=max(1, workers), thread_name_prefix="refresh")
        self.pool = pool
        try:
            for source in feeds:
                state = _FeedState(source, FeedResult(source.name, source.url))
                report.feeds.append(state.result)
                self._submit(("feed", state), self._fetch_feed, source)
            self.on_progress(0, self.total, f"fetching {len(feeds)} feed{'s' * (len(feeds) != 1)}")
            while self.jobs:
                if self.cancelled():
                    report.cancelled = True
                    break
                finished, _ = wait(list(self.jobs), timeout=0.2, return_when=FIRST_COMPLETED)
                for future in finished:
                    job = self.jobs.pop(future)
                    self.done += 1
                    message = self._feed_done(job[1], future) if job[0] == "feed" else self._page_done(*job[1:], future)
                    self.on_progress(self.done, self.total, message)
        finally:
            pool.shutdown(wait=not report.cancelled, cancel_futures=True)
        if report.cancelled:
            for f in report.feeds:
                if f.error is None and not f.not_modified:
                    f.notes.append("cancelled")
        return report

    def _submit(self, job: tuple, fn, *args) -> None:
        self.total += 1
        self.jobs[self.pool.submit(fn, *args)] = job

    # --- in the pool: HTTP only ------------------------------------------------------

    def _fetch_feed(self, source: SourceRow) -> Response:
        if not source.url:
            raise FetchError("feed has no URL")
        return get(source.url, client=self.client, max_bytes=MAX_FEED_BYTES, etag=source.etag,
                   last_modified=source.last_modified,
                   accept="application/rss+xml, application/atom+xml, application/xml;q=0.9, */*;q=0.5")

    def _fetch_page(self, url: str) -> tuple[bytes, str | None, str]:
        from reader.ingest.web import fetch

        host = urlsplit(url).hostname or ""
        if host in self.dead_hosts:
            raise FetchError(f"{host} unreachable", unreachable=True)
        try:
            return fetch(url, client=self.client)
        except FetchError as exc:
            if exc.unreachable:
                self.dead_hosts.add(host)
            raise

    # --- in this thread: parse, clean, store ---------------------------------------

    def _feed_done(self, state: _FeedState, future: Future) -> str:
        result, name = state.result, state.source.name
        try:
            resp = future.result()
            if not resp.not_modified:
                feed = parse_feed(resp.content, resp.content_type)
        except (FetchError, FeedError) as exc:
            result.error = str(exc)
        except Exception as exc:  # feedparser on input nobody foresaw: one line, not a crash
            result.error = f"cannot read the feed: {exc}"
        if result.error:
            self.store.update_source(name, last_checked=_now(), last_error=result.error)
            return f"{name}: {result.error}"
        state.response = resp
        self._follow_move(state, resp.moved_to)
        if resp.not_modified:
            result.not_modified = True
            self._finish(state)
            return f"{name}: not modified"
        seen: set[str] = set()
        for item in feed.items:
            # An item is known by its GUID, else its link: items that share one link (an
            # aggregator's home page) but not a GUID are different items; the store tells
            # a repeat (the same text) from another article under that link.
            guid = item_guid(item, name)
            keys = {guid} if guid else ({item.link} if item.link else set())
            if keys & seen:
                result.unchanged += 1
                continue
            seen |= keys
            self._take(state, item)
        if state.pending == 0:
            self._finish(state)
        return f"{name}: {len(feed.items)} items, {state.pending} pages to fetch"

    def _follow_move(self, state: _FeedState, moved_to: str | None) -> None:
        """A permanent redirect: the subscription moves there, unless another feed already has that URL."""
        source, result = state.source, state.result
        if not moved_to or moved_to == source.url:
            return
        other = self.store.source_with_url(moved_to)
        if other is not None:
            result.redirect = f"moved permanently to {moved_to}, already subscribed as {other.name!r}: both kept unchanged"
            return
        self.store.update_source(source.name, url=moved_to)
        result.moved_to = moved_to
        result.redirect = f"moved permanently to {moved_to}"

    def _take(self, state: _FeedState, item: FeedItem) -> None:
        """One item of the feed: store it, fetch its page first, retry the page of a stored summary, or skip it."""
        name = state.source.name
        guid = item_guid(item, name)
        has_page = bool(item.link and item.link.startswith(("http://", "https://")) and not is_full_text(item))
        wants_page = self.fetch_pages and has_page
        stored = self.store.stored(item.link, guid)
        if stored is not None:
            article_id, summary = stored
            if summary and wants_page:
                self._queue_page(state, item, article_id)
            else:
                state.result.unchanged += 1
                state.summaries_left += bool(summary and has_page)  # a page a later refresh may read
        elif wants_page:
            self._queue_page(state, item, None)
        else:
            self._store(state.result, item_article(item, name), guid)

    def _queue_page(self, state: _FeedState, item: FeedItem, article_id: int | None) -> None:
        """Fetch an item's page: for a new item (`article_id` None), or to replace a stored summary."""
        state.pending += 1
        self._submit(("page", state, item, article_id), self._fetch_page, item.link)

    def _page_done(self, state: _FeedState, item: FeedItem, article_id: int | None, future: Future) -> str:
        from reader.ingest.files import clean_document
        from reader.ingest.sitememory import StoredSiteMemory
        from reader.ingest.web import page_text

        name, result = state.source.name, state.result
        own = item_article(item, name)
        guid = item_guid(item, name)
        try:
            data, charset, final_url = future.result()
            # The site's memory: what its other pages repeat is furniture here too.
            page = clean_document(page_text(data, charset, item.link or ""), url=final_url,
                                  memory=StoredSiteMemory(self.store))
            article = _merge(page, own)
        except Exception as exc:  # FetchError, SourceError, NoArticle, or a cleaner's bug: keep the summary
            note = f"page unavailable: {exc}"
            if note not in result.notes:
                result.notes.append(note)
            state.summaries_left += 1
            if article_id is None:
                result.from_summary += 1
                self._store(result, own, guid, from_summary=True)
            else:
                result.unchanged += 1  # the stored summary stays as it is
        else:
            if article_id is None:
                self._store(result, article, guid)
            else:
                self._upgrade(state, article_id, article, guid)
        state.pending -= 1
        if state.pending == 0:
            self._finish(state)
        return f"{name}: {own.title}"

    def _understand(self, result: FeedResult, article: Article, guid: str | None) -> list[tuple[int, Entity]] | None:
        """Language and entities, as for any article; a recogniser's failure is a note, not a loss."""
        from reader.pipeline import understand

        article.guid = guid
        spans, warning = understand(article)
        if warning:
            result.notes.append(warning)
        return spans

    def _store(self, result: FeedResult, article: Article, guid: str | None, from_summary: bool = False) -> None:
        spans = self._understand(result, article, guid)
        try:
            _, status = self.store.add(article, entities=spans, from_summary=from_summary)
        except Exception as exc:  # one bad item must not stop the feed
            result.failed += 1
            result.notes.append(f"cannot store {article.title[:60]!r}: {exc}")
            return
        if status in ("added", "kept apart"):  # kept apart: another article under a known link or GUID
            result.new += 1
        else:
            result.unchanged += 1

    def _upgrade(self, state: _FeedState, article_id: int, article: Article, guid: str | None) -> None:
        """The page of an item stored from its summary read at last: its article takes the summary's place."""
        result = state.result
        spans = self._understand(result, article, guid)
        try:
            self.store.replace(article_id, article, entities=spans)
        except Exception as exc:  # the summary stays; one item must not stop the feed
            result.unchanged += 1
            state.summaries_left += 1
            result.notes.append(f"cannot replace the summary of {article.title[:60]!r}: {exc}")
            return
        result.upgraded += 1

    def _finish(self, state: _FeedState) -> None:
        """Every item is in: remember the validators, so the next refresh can get a 304.

        While an item failed or still holds its summary, forget them instead: the next
        refresh must read the feed whole to see those items again.
        """
        fields = {"last_checked": _now(), "last_error": None}
        resp = state.response
        if resp is not None:
            complete = state.result.failed == 0 and state.summaries_left == 0
            fields |= {"etag": resp.etag, "last_modified": resp.last_modified} if complete else {"etag": None, "last_modified": None}
        self.store.update_source(state.source.name, **fields)


def _merge(page: Article, own: Article) -> Article:
    """The page's text under the feed's identity: its link, title, date and source stay."""
    if len(page.text) < len(own.text):  # a teaser page or a paywall: the feed said more
        page.body = own.body
    page.title = own.title or page.title
    page.url = own.url
    page.source = own.source
    page.published = own.published or page.published
    page.author = page.author or own.author
    return page
