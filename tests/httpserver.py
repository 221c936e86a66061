"""A real HTTP server on 127.0.0.1 for the feed and web tests (threaded `http.server`).

It serves the development feeds and pages from ../shared/data, and the hostile cases a
feed reader meets: slow, failing, redirecting (for now or for good), looping,
gzip-compressed, wrong-charset, XML-bomb, huge and endless responses. Conditional GET
works on every file it serves.
Tests may register their own responses with `server.put(path, body, headers)`.
"""

from __future__ import annotations

import functools
import gzip
import hashlib
import html
import json
import threading
import time
from collections import Counter
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
FEEDS = DATA / "feeds"
PAGES = DATA / "extraction" / "readability"
#: The Ukrainian-language feed and the windows-1251 Russian-language one.
UNIAN = "uk_unian_rss.xml"
PRAVDA = "uk_pravda_com_ua_rus_rss_cp1251.xml"
#: Readability test pages with a real article: (id, expected title start).
ARTICLE_PAGES = ("rd_bbc-1", "rd_ars-1", "rd_citylab-1")

BOMB = b"""<?xml version="1.0"?>
<!DOCTYPE rss [
<!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">
<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
<!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
<!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">
<!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">
]>
<rss version="2.0"><channel><title>Bomb &f;</title>
<item><title>Boom &f;</title><link>http://127.0.0.1/boom</link><description>&f;</description></item>
</channel></rss>"""


def rss(title: str, items: list[dict], encoding: str = "utf-8") -> bytes:
    """A small RSS 2.0 document; items are dicts of title, link, guid, description, pubDate."""
    parts = [f'<?xml version="1.0" encoding="{encoding}"?>\n<rss version="2.0"><channel>',
             f"<title>{html.escape(title)}</title><link>http://127.0.0.1/</link>"]
    for it in items:
        parts.append("<item>" + "".join(f"<{k}>{html.escape(str(v))}</{k}>" for k, v in it.items()) + "</item>")
    parts.append("</channel></rss>\n")
    return "\n".join(parts).encode(encoding)


def ukrainian_page() -> tuple[str, str]:
    """(title, HTML) of a Ukrainian news article made from the corpus, for charset tests."""
    rec = json.loads((DATA / "corpus" / "nashigroshi_uk.jsonl").open(encoding="utf-8").readline())
    paras = [p for p in rec["text"].split("\n") if p.strip()]
    title = paras[0][:80]
    body = "".join(f"<p>{html.escape(p)}</p>" for p in paras)
    return title, f"<html><head><title>{html.escape(title)}</title></head><body><article><h1>{html.escape(title)}</h1>{body}</article></body></html>"


class Server:
    """Start with `Server()`, stop with `.close()`; `.url(path)` is the address of a path."""

    def __init__(self) -> None:
        self.routes: dict[str, tuple[int, dict[str, str], bytes]] = {}
        self.hits: Counter[str] = Counter()
        self.requests: list[tuple[str, dict[str, str]]] = []
        server = self

        class Handler(_Handler):
            owner = server

        self.httpd = _Quiet(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, name="test-http", daemon=True)
        self.thread.start()

    def url(self, path: str) -> str:
        return self.base + path

    def put(self, path: str, body: bytes, headers: dict[str, str] | None = None, status: int = 200) -> str:
        self.routes[path] = (status, headers or {"Content-Type": "application/rss+xml"}, body)
        return self.url(path)

    def summary_feed(self, missing: int = 0) -> bytes:
        """An RSS feed whose items carry one sentence each and link to full pages on this server."""
        items = []
        for i, page in enumerate(ARTICLE_PAGES):
            items.append({"title": f"Story {i + 1}", "link": self.url(f"/pages/{page}.html"),
                          "guid": f"story-{i + 1}", "description": "<p>One sentence of teaser.</p>",
                          "pubDate": f"Mon, 0{i + 1} Jun 2020 10:00:00 +0000"})
        for j in range(missing):
            items.append({"title": f"Gone {j + 1}", "link": self.url(f"/status/404?gone={j}"),
                          "guid": f"gone-{j + 1}", "description": f"<p>The teaser of a story whose page is gone, number {j + 1}.</p>"})
        return rss("Summaries", items)

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(timeout=5)


class _Quiet(ThreadingHTTPServer):
    def handle_error(self, request, client_address) -> None:  # a client hanging up is normal here
        pass


class _Handler(BaseHTTPRequestHandler):
    owner: Server
    protocol_version = "HTTP/1.1"

    def log_message(self, *args) -> None:  # keep test output clean
        pass

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        parts = urlsplit(self.path)
        path = parts.path
        self.owner.hits[path] += 1
        self.owner.requests.append((self.path, dict(self.headers)))
        try:
            self.route(path, parts.query)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def route(self, path: str, query: str) -> None:
        if path in self.owner.routes:
            status, headers, body = self.owner.routes[path]
            return self.send(body, headers.get("Content-Type", "application/octet-stream"), status=status,
                             extra={k: v for k, v in headers.items() if k != "Content-Type"})
        if path.startswith("/feeds/"):
            return self.send_file(FEEDS / path.removeprefix("/feeds/"), _feed_type(path))
        if path.startswith("/pages/"):
            return self.send_file(PAGES / path.removeprefix("/pages/"), "text/html; charset=utf-8")
        if path.startswith("/status/"):
            code = int(path.removeprefix("/status/"))
            return self.send(f"status {code}".encode(), "text/plain", status=code)
        if path.startswith("/slow/"):  # /slow/SECONDS/feeds/NAME
            _, _, seconds, rest = path.split("/", 3)
            time.sleep(float(seconds))
            return self.route("/" + rest, query)
        if path.startswith("/redirect/"):  # /redirect/N/REST: N hops, then REST
            _, _, n, rest = path.split("/", 3)
            target = f"/redirect/{int(n) - 1}/{rest}" if int(n) > 1 else "/" + rest
            return self.redirect(target)
        if path.startswith("/moved/"):  # /moved/STATUS/REST: one redirect with that status to REST
            _, _, status, rest = path.split("/", 3)
            return self.redirect("/" + rest, int(status))
        if path == "/loop":
            return self.redirect("/loop")
        if path.startswith("/gzip/"):  # the file, gzip-compressed on the wire
            data = (FEEDS / path.removeprefix("/gzip/feeds/")).read_bytes()
            return self.send(gzip.compress(data), _feed_type(path), extra={"Content-Encoding": "gzip"})
        if path == "/gzip-bomb":  # 40 MB of spaces in about 40 KB
            return self.send(_gzip_bomb(), "application/rss+xml", extra={"Content-Encoding": "gzip"})
        if path.startswith("/wrong-charset/"):  # a windows-1251 feed, served as UTF-8, its declaration gone
            data = (FEEDS / path.removeprefix("/wrong-charset/feeds/")).read_bytes()
            data = data.replace(b' encoding="windows-1251"', b"")
            return self.send(data, "application/rss+xml; charset=utf-8")
        if path == "/wrong-charset-page.html":  # a Ukrainian page in windows-1251, served as UTF-8
            return self.send(ukrainian_page()[1].encode("cp1251"), "text/html; charset=utf-8")
        if path == "/bomb.xml":
            return self.send(BOMB, "application/rss+xml")
        if path == "/huge":  # declares 50 MB
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml")
            self.send_header("Content-Length", str(50 * 2**20))
            self.end_headers()
            self.wfile.write(b"<rss>" + b" " * 65536)
            return
        if path == "/endless":  # no length, never ends
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml")
            self.send_header("Connection", "close")
            self.end_headers()
            self.wfile.write(b'<?xml version="1.0"?><rss version="2.0"><channel><title>endless</title>')
            chunk = b"<item><title>again</title></item>" * 2000
            while True:
                self.wfile.write(chunk)
        return self.send(b"not found", "text/plain", status=404)

    def send_file(self, path: Path, content_type: str) -> None:
        if not path.is_file():
            return self.send(b"not found", "text/plain", status=404)
        data = path.read_bytes()
        etag = '"' + hashlib.sha1(data).hexdigest()[:16] + '"'
        modified = formatdate(path.stat().st_mtime, usegmt=True)
        if self.headers.get("If-None-Match") == etag or (
            not self.headers.get("If-None-Match") and self.headers.get("If-Modified-Since") == modified
        ):
            self.send_response(304)
            self.send_header("ETag", etag)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        self.send(data, content_type, extra={"ETag": etag, "Last-Modified": modified})

    def send(self, body: bytes, content_type: str, status: int = 200, extra: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for k, v in (extra or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(body)

    def redirect(self, target: str, status: int = 302) -> None:
        self.send_response(status)
        self.send_header("Location", target)
        self.send_header("Content-Length", "0")
        self.end_headers()


@functools.cache
def _gzip_bomb() -> bytes:
    return gzip.compress(b"<rss>" + b" " * (40 * 2**20), 9)


def _feed_type(path: str) -> str:
    return "application/atom+xml" if path.endswith(".atom") else "application/rss+xml"
