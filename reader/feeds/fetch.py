"""The one home of HTTP: fetch a URL only when the user asked, with every limit in place.

Timeouts per operation and a deadline for the whole response (a server dripping one
byte a second never ends otherwise), a size cap counted after decompression (a gzip
bomb is cut like any other huge body), few redirects (a permanent one is reported, so a
subscription can follow it), conditional GET, and a clear User-Agent. `file:` URLs read a
local file under the same size cap, so a feed saved on disk refreshes the same way as one
on the web.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from email.utils import formatdate
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import httpx

from reader import __version__

USER_AGENT = f"reader/{__version__} (terminal news reader; +https://example.invalid/reader)"
TIMEOUT = httpx.Timeout(15.0, connect=10.0)
#: Seconds a whole response may take, however steadily the bytes arrive.
DEADLINE = 60.0
MAX_REDIRECTS = 5
MIB = 2**20
MAX_PAGE_BYTES = 10 * MIB
MAX_FEED_BYTES = 10 * MIB
#: Redirects that say the resource has moved for good; 302, 303 and 307 say "for now".
PERMANENT_REDIRECTS = frozenset({301, 308})


class FetchError(RuntimeError):
    """The URL could not be fetched; the message says why, in one line.

    `unreachable` is set when the host could not be reached at all (no network, no such
    host, connection refused): further requests to the same host will fail the same way.
    """

    def __init__(self, message: str, *, unreachable: bool = False):
        super().__init__(message)
        self.unreachable = unreachable


@dataclass(frozen=True)
class Response:
    """What a fetch brings back; `not_modified` means 304 (or an unchanged file) and no content."""

    url: str  # after redirects
    content: bytes = b""
    content_type: str | None = None  # the full header, charset included
    charset: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    not_modified: bool = False
    moved_to: str | None = None  # where permanent redirects say the URL now lives


def make_client(timeout: float | httpx.Timeout = TIMEOUT) -> httpx.Client:
    """A client with the reader's limits; share one across threads for a whole refresh."""
    return httpx.Client(
        timeout=timeout,
        follow_redirects=True,
        max_redirects=MAX_REDIRECTS,
        headers={"User-Agent": USER_AGENT, "Accept-Encoding": "gzip, deflate"},
        event_hooks={"response": [check_redirect]},
    )


def check_redirect(response: httpx.Response) -> None:
    """Refuse a redirect whose target is not http(s), naming that target (called for every hop)."""
    if not response.has_redirect_location:
        return
    location = response.headers["location"]
    try:
        target = urljoin(str(response.url), location.strip())
    except ValueError:
        target = location
    scheme = urlsplit(target).scheme.lower() if ":" in target else ""
    if scheme not in ("http", "https"):
        shown = " ".join(location.split())[:200]
        raise FetchError(f"{response.url} redirects to {shown!r}: the {scheme or 'unknown'}: scheme is refused (only http and https)")


def get(
    url: str,
    *,
    client: httpx.Client | None = None,
    max_bytes: int = MAX_PAGE_BYTES,
    etag: str | None = None,
    last_modified: str | None = None,
    deadline: float = DEADLINE,
    accept: str | None = None,
) -> Response:
    """Fetch `url` (http, https or file); raises FetchError with a one-line reason."""
    scheme = urlsplit(url).scheme.lower()
    if scheme == "file":
        return _read_file(url, max_bytes, last_modified)
    if scheme not in ("http", "https"):
        raise FetchError(f"not an http(s) or file URL: {url!r}")
    own = client is None
    client = client or make_client()
    headers = {}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    if accept:
        headers["Accept"] = accept
    try:
        with client.stream("GET", url, headers=headers) as resp:
            moved_to = permanent_location([(hop.status_code, str(hop.url)) for hop in resp.history], str(resp.url))
            if resp.status_code == 304:
                return Response(str(resp.url), etag=resp.headers.get("etag") or etag,
                                last_modified=resp.headers.get("last-modified") or last_modified, not_modified=True,
                                moved_to=moved_to)
            if resp.status_code >= 400:
                raise FetchError(f"HTTP {resp.status_code} {resp.reason_phrase}".rstrip())
            declared = resp.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > max_bytes and not resp.headers.get("content-encoding"):
                raise FetchError(f"response too large ({_mb(int(declared))}; at most {_mb(max_bytes)})")
            content = _read_capped(resp, max_bytes, time.monotonic() + deadline)
            return Response(
                str(resp.url),
                content,
                content_type=resp.headers.get("content-type"),
                charset=resp.charset_encoding,
                etag=resp.headers.get("etag"),
                last_modified=resp.headers.get("last-modified"),
                moved_to=moved_to,
            )
    except httpx.TooManyRedirects:
        raise FetchError(f"redirect loop or more than {MAX_REDIRECTS} redirects") from None
    except httpx.TimeoutException as exc:
        what = "connecting" if isinstance(exc, httpx.ConnectTimeout) else "waiting for the server"
        raise FetchError(f"timed out {what}", unreachable=isinstance(exc, httpx.ConnectTimeout)) from None
    except httpx.ConnectError as exc:
        raise FetchError(f"cannot connect to {urlsplit(url).hostname}: {_reason(exc)}", unreachable=True) from None
    except httpx.DecodingError:
        raise FetchError("the response is not valid for its declared Content-Encoding") from None
    except httpx.InvalidURL as exc:
        raise FetchError(f"invalid URL {url!r}: {exc}") from None
    except httpx.HTTPError as exc:
        raise FetchError(f"cannot fetch: {_reason(exc)}") from None
    finally:
        if own:
            client.close()


def permanent_location(hops: list[tuple[int, str]], final_url: str) -> str | None:
    """The URL the leading permanent redirects lead to, or None when the first hop is not permanent.

    `hops` are (status, requested URL) of each redirect in order, then `final_url` answered.
    A temporary hop ends the run: only the part of the chain the servers promise to keep
    may replace a stored URL.
    """
    targets = [url for _, url in hops[1:]] + [final_url]
    moved = None
    for (status, _), target in zip(hops, targets):
        if status not in PERMANENT_REDIRECTS:
            break
        moved = target
    return moved


def _read_capped(resp: httpx.Response, max_bytes: int, deadline: float) -> bytes:
    chunks, size = [], 0
    for chunk in resp.iter_bytes():
        size += len(chunk)
        if size > max_bytes:
            raise FetchError(f"response larger than {_mb(max_bytes)}: cut off")
        if time.monotonic() > deadline:
            raise FetchError(f"response took longer than {DEADLINE:.0f} s: cut off")
        chunks.append(chunk)
    return b"".join(chunks)


def _read_file(url: str, max_bytes: int, last_modified: str | None) -> Response:
    path = Path(unquote(urlsplit(url).path))
    try:
        stat = path.stat()
        stamp = formatdate(stat.st_mtime, usegmt=True)
        if last_modified and stamp == last_modified:
            return Response(url, last_modified=stamp, not_modified=True)
        if stat.st_size > max_bytes:
            raise FetchError(f"file too large ({_mb(stat.st_size)}; at most {_mb(max_bytes)})")
        return Response(url, path.read_bytes(), last_modified=stamp)
    except OSError as exc:
        raise FetchError(f"cannot read {path}: {exc.strerror or exc}") from None


def _mb(n: int) -> str:
    return f"{n / MIB:.1f} MB" if n < 10 * MIB else f"{n / MIB:.0f} MB"


def _reason(exc: Exception) -> str:
    text = str(exc).strip() or type(exc).__name__
    return " ".join(text.split())
