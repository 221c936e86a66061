"""One web page → an Article: fetch (through `reader.feeds.fetch`), decode, clean.

Decoding trusts what the bytes prove over what the server claims: valid UTF-8 is UTF-8,
then the HTTP charset and the page's own <meta> charset are tried strictly, and only
then is the encoding detected. A page served as UTF-8 that holds windows-1251 reads right.
"""

from __future__ import annotations

import codecs
import re

import httpx

from reader.feeds.fetch import MAX_PAGE_BYTES, USER_AGENT, FetchError, get
from reader.model import Article

__all__ = ["FetchError", "USER_AGENT", "MAX_PAGE_BYTES", "fetch", "page_text", "read_page"]

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


_ANY_BYTES = {"iso8859-1", "latin-1", "cp1252", "ascii"}


def _known(name: str | None) -> bool:
    try:
        return bool(name) and bool(codecs.lookup(name))
    except LookupError:
        return False


def fetch(url: str, *, client: httpx.Client | None = None, max_bytes: int = MAX_PAGE_BYTES) -> tuple[bytes, str | None, str]:
    """(body, declared charset, final URL) of a page; raises FetchError."""
    resp = get(url, client=client, max_bytes=max_bytes, accept="text/html,application/xhtml+xml;q=0.9,*/*;q=0.5")
    return resp.content, resp.charset, resp.url


def page_text(data: bytes, charset: str | None, label: str = "page") -> str:
    """The page's text: UTF-8 if it is valid UTF-8, else the first declared charset that fits, else detected."""
    from reader.ingest.files import decode

    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    meta = _META_CHARSET.search(data[:8192])
    names = [charset, meta and meta.group(1).decode("ascii", "replace")]
    # Latin-1 decodes any bytes, so a server's default "iso-8859-1" must not beat the page's own claim.
    names.sort(key=lambda n: not _known(n) or codecs.lookup(n).name in _ANY_BYTES)
    for name in names:
        if not name:
            continue
        try:
            return data.decode(name)
        except (LookupError, UnicodeDecodeError):
            continue
    return decode(data, label)


def read_page(url: str, *, client: httpx.Client | None = None, memory=None) -> Article:
    """Fetch and clean one page; raises FetchError, SourceError or NoArticle with the reason."""
    from reader.ingest.files import clean_document

    data, charset, final_url = fetch(url, client=client)
    return clean_document(page_text(data, charset, url), url=final_url, memory=memory)
