"""Fetching one web page, only when the user asked for it: timeouts, a size cap, few redirects."""

from __future__ import annotations

import httpx

from reader import __version__

USER_AGENT = f"reader/{__version__} (terminal news reader; +https://example.invalid/reader)"
MAX_PAGE_BYTES = 10 * 1024 * 1024
TIMEOUT = httpx.Timeout(15.0, connect=10.0)


class FetchError(RuntimeError):
    """The page could not be fetched; the message says why, in one line."""


def fetch(url: str, *, client: httpx.Client | None = None, max_bytes: int = MAX_PAGE_BYTES) -> tuple[bytes, str | None, str]:
    """(body, declared charset, final URL) of a page; raises FetchError."""
    own = client is None
    client = client or httpx.Client(timeout=TIMEOUT, follow_redirects=True, max_redirects=5, headers={"User-Agent": USER_AGENT})
    try:
        with client.stream("GET", url) as resp:
            if resp.status_code >= 400:
                raise FetchError(f"HTTP {resp.status_code}")
            declared = resp.headers.get("content-length")
            if declared and declared.isdigit() and int(declared) > max_bytes:
                raise FetchError(f"page too large ({int(declared) / 1e6:.0f} MB)")
            chunks, size = [], 0
            for chunk in resp.iter_bytes():
                size += len(chunk)
                if size > max_bytes:
                    raise FetchError(f"page larger than {max_bytes // 2**20} MB")
                chunks.append(chunk)
            return b"".join(chunks), resp.charset_encoding, str(resp.url)
    except httpx.TooManyRedirects:
        raise FetchError("too many redirects") from None
    except httpx.TimeoutException:
        raise FetchError("timed out") from None
    except httpx.HTTPError as exc:
        raise FetchError(f"cannot fetch: {exc}") from None
    finally:
        if own:
            client.close()
