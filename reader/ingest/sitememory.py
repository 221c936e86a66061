"""Site memory: the lines a site repeats on its pages are its furniture.

A reader sees many pages of one site (a feed, a folder of saved pages). The menus, footers,
legal notices, newsletter prompts and lists of other articles come back on every page, while
an article's own sentences are its own. Per site (the host of the page's URL without `www.`;
for a local file, its folder) the memory counts, for each normalised line, on how many
distinct pages of the site it was seen; a line on `FURNITURE_PAGES` pages of the site, the
page being read included (so on two pages seen before it), is furniture on that page.

The cleaners take the lookup as a pure `known_furniture(line) -> bool`; where the counts
live (here in memory, `reader.store` on disk) stays at the edge. The memory is bounded:
`MAX_LINES` lines per site, the least seen evicted first, and the pages counted are
remembered by a hash (at most `MAX_PAGES` per site), so adding a page again counts nothing twice.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterable
from urllib.parse import unquote, urlparse

from reader.ingest import furniture

FURNITURE_PAGES = 3  # distinct pages of the site (the one being read included) a line must be on
MAX_LINES = 2000  # lines remembered per site (the least seen go first)
MAX_PAGES = 5000  # pages remembered per site (so a page added again is not counted twice)
_MIN_CHARS = 2  # a normalised line shorter than this (a bullet, a lone digit) is not remembered

KnownFurniture = Callable[[str], bool]


def site_of(url: str | None = None, path: str | None = None) -> str | None:
    """The site a page belongs to: its URL's host without `www.` (lower case), or for a local
    file (a `file://` URL or a path) the folder it lies in; None when neither is known."""
    if url:
        parsed = urlparse(url)
        if parsed.scheme in ("http", "https") and parsed.hostname:
            host = parsed.hostname.lower()
            return host[4:] if host.startswith("www.") else host
        if parsed.scheme == "file":
            path = path or unquote(parsed.path)
    if path:
        return "file:" + os.path.dirname(os.path.abspath(path))
    return None


def line_key(line: str) -> int | None:
    """A line's key in the memory: a 63-bit hash of its folded words (case, punctuation and
    spacing do not matter), or None for a line with nothing to compare (no letters or digits)."""
    norm = furniture.norm(line[:2000])
    if len(norm) < _MIN_CHARS:
        return None
    return int.from_bytes(hashlib.blake2b(norm.encode("utf-8"), digest_size=8).digest(), "big") >> 1


def page_keys(lines: Iterable[str]) -> set[int]:
    """The distinct keys of a page's lines."""
    return {k for line in lines if (k := line_key(line)) is not None}


def page_id(url: str | None, lines: Iterable[str]) -> int:
    """A page's identity for counting it once: its URL, else its content."""
    text = url if url else "\n".join(lines)
    return int.from_bytes(hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=8).digest(), "big") >> 1


def lookup(furniture_keys: set[int] | frozenset[int]) -> KnownFurniture | None:
    """The cleaner's `known_furniture` over a site's furniture keys (None when it has none)."""
    if not furniture_keys:
        return None
    keys = frozenset(furniture_keys)
    return lambda line: (k := line_key(line)) is not None and k in keys


class SiteMemory:
    """The memory in a process's memory (benchmarks, tests, a session without a store).
    `reader.store.Store` keeps the same counts on disk (`site_furniture`, `remember_site_lines`)."""

    def __init__(self, threshold: int = FURNITURE_PAGES, max_lines: int = MAX_LINES, max_pages: int = MAX_PAGES):
        self.threshold, self.max_lines, self.max_pages = threshold, max_lines, max_pages
        self.lines: dict[str, dict[int, int]] = {}  # site -> line key -> pages seen on
        self.pages: dict[str, set[int]] = {}

    def furniture(self, site: str | None, page: int | None = None) -> set[int]:
        """The keys of the site's furniture for a page: lines seen on `threshold - 1` pages
        before it (one more when the page itself was counted before: it is read again)."""
        counts = self.lines.get(site or "", {})
        need = self.threshold - 1 + (page is not None and page in self.pages.get(site or "", ()))
        return {k for k, n in counts.items() if n >= need}

    def known(self, site: str | None, page: int | None = None) -> KnownFurniture | None:
        return lookup(self.furniture(site, page)) if site else None

    def remember(self, site: str | None, page: int, keys: set[int]) -> None:
        if not site or not keys:
            return
        pages = self.pages.setdefault(site, set())
        if page in pages:
            return
        if len(pages) >= self.max_pages:
            pages.clear()  # forget which pages were counted, not the counts
        pages.add(page)
        counts = self.lines.setdefault(site, {})
        for k in keys:
            counts[k] = counts.get(k, 0) + 1
        if len(counts) > self.max_lines:
            for k, _ in sorted(counts.items(), key=lambda kv: kv[1])[: len(counts) - self.max_lines]:
                del counts[k]


class StoredSiteMemory:
    """The memory kept in the store (`Store.site_furniture`, `Store.remember_site_lines`)."""

    def __init__(self, store):
        self.store = store

    def known(self, site: str | None, page: int | None = None) -> KnownFurniture | None:
        return lookup(self.store.site_furniture(site, page)) if site else None

    def remember(self, site: str | None, page: int, keys: set[int]) -> None:
        if site and keys:
            self.store.remember_site_lines(site, page, keys)


def clean_with_memory(clean: Callable[[KnownFurniture | None, list[str]], object], memory,
                      url: str | None, path: str | None = None):
    """Run a cleaner (`clean(known_furniture, lines_out)`) with the memory of the page's site,
    then count the page's lines for its site. Without a memory or a site: the cleaner alone."""
    site = site_of(url, path) if memory is not None else None
    if site is None:
        return clean(None, None)
    lines: list[str] = []
    page = page_id(url or path, ())
    try:
        known = memory.known(site, page)
    except Exception:  # noqa: BLE001 - the memory helps; a store that cannot be read never costs the article
        known = None
    try:
        return clean(known, lines)
    finally:
        try:
            memory.remember(site, page, page_keys(lines))
        except Exception:  # noqa: BLE001 - as above (the store's own errors surface when the article is stored)
            pass
