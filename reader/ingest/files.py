"""Local files → Articles: read and decode bytes, tell text from HTML, read JSON records.

Every failure is a `SourceError` whose message is the reason, to be printed after the
file's name; one bad file or record never stops the others.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from charset_normalizer import from_bytes

from reader.ingest.html import clean_html, looks_like_html
from reader.ingest.text import clean_text
from reader.model import Article, Block, NoArticle, normalise_lang, LANGUAGES
from reader.sanitize import strip_controls

#: Larger files are refused: no news article is this long, and it keeps memory bounded.
MAX_BYTES = 20 * 1024 * 1024
SUFFIXES = {".txt": "text", ".text": "text", ".html": "html", ".htm": "html", ".xhtml": "html", ".json": "json", ".jsonl": "jsonl"}


class SourceError(ValueError):
    """This input cannot become an article; the message says why."""


@dataclass
class Item:
    """One article-to-be from a source: where it came from, and the article or the error."""

    label: str  # the file, file:line, or URL, as a user would name it
    article: Article | None = None
    error: str | None = None


def expand(paths: list[str]) -> Iterator[str]:
    """Files named, and the readable files under directories named (recursively, sorted)."""
    for p in paths:
        if os.path.isdir(p):
            found = False
            for root, dirs, files in os.walk(p):
                dirs.sort()
                for f in sorted(files):
                    if Path(f).suffix.lower() in SUFFIXES:
                        found = True
                        yield os.path.join(root, f)
            if not found:
                yield p  # reported as an error: nothing readable here
        else:
            yield p


def decode(data: bytes, label: str) -> str:
    """Text from bytes: UTF-8 (with or without BOM), else the detected encoding; binaries refused."""
    if not data.strip():
        raise SourceError("empty file")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    if b"\x00" in data[:8192]:
        raise SourceError("binary file, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    encoding = guess_encoding(data)
    if encoding is None:
        raise SourceError("binary file or unknown text encoding")
    text = data.decode(encoding, errors="replace")
    controls = sum(1 for ch in text[:8192] if ord(ch) < 32 and ch not in "\n\r\t\f")
    if controls > len(text[:8192]) * 0.05:
        raise SourceError("binary file, not text")
    return text


#: Where the detector finds several equally clean readings, the usual legacy encodings of
#: English, Ukrainian and Russian pages win (short texts are often ambiguous).
PREFERRED_ENCODINGS = ("cp1251", "cp1252", "koi8_u", "koi8_r", "latin_1", "iso8859_5", "mac_cyrillic")


def guess_encoding(data: bytes) -> str | None:
    """The most likely legacy encoding of non-UTF-8 bytes (charset-normalizer), or None."""
    matches = list(from_bytes(data[:1_000_000]))
    if not matches:
        return None
    least = min(m.chaos for m in matches)
    clean = [m.encoding for m in matches if m.chaos == least]
    for enc in PREFERRED_ENCODINGS:
        if enc in clean:
            return enc
    return clean[0]


def read_bytes(path: str) -> bytes:
    p = Path(path)
    if p.is_dir():
        raise SourceError("directory holds no .txt, .html, .json or .jsonl files")
    try:
        size = p.stat().st_size
    except OSError as exc:
        raise SourceError(exc.strerror or str(exc)) from None
    if size > MAX_BYTES:
        raise SourceError(f"file too large ({size / 1e6:.0f} MB; at most {MAX_BYTES // 2**20} MB)")
    try:
        return p.read_bytes()
    except OSError as exc:
        raise SourceError(exc.strerror or str(exc)) from None


def clean_document(text: str, *, html: bool | None = None, url: str | None = None) -> Article:
    """Run the right cleaner on a document's text; `html=None` decides by content."""
    text = strip_controls(text)
    if html is None:
        html = looks_like_html(text)
    article = clean_html(text, url=url) if html else clean_text(text)
    article.url = article.url or url
    if not article.title.strip() and article.body:
        # The cleaner found no headline; a list and a reader pane still need a name.
        article.title = title_from(article.body[0].text)
    return article


def read_file(path: str) -> Iterator[Item]:
    """The articles in one file (one for a page, one per record for JSON/JSONL)."""
    try:
        text = decode(read_bytes(path), path)
        kind = SUFFIXES.get(Path(path).suffix.lower())
        if kind in ("json", "jsonl"):
            yield from _records(path, text, kind)
            return
        # A .txt may hold a saved page: HTML is decided by content too.
        article = clean_document(text, html=True if kind == "html" else None)
    except (SourceError, NoArticle) as exc:
        yield Item(path, error=str(exc))
        return
    article.path = os.path.abspath(path)
    # A file with no URL of its own is identified by where it lives: re-adding it updates it.
    article.url = article.url or Path(path).resolve().as_uri()
    yield Item(path, article)


def _records(path: str, text: str, kind: str) -> Iterator[Item]:
    if kind == "json":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            yield Item(path, error=f"not JSON ({exc.msg} at line {exc.lineno})")
            return
        records = data if isinstance(data, list) else [data]
        for i, rec in enumerate(records):
            yield _record_item(f"{path}:{i + 1}" if isinstance(data, list) else path, rec)
        return
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Item(f"{path}:{n}", error=f"not JSON ({exc.msg})")
            continue
        yield _record_item(f"{path}:{n}", rec)


def _record_item(label: str, rec: object) -> Item:
    try:
        return Item(label, record_to_article(rec))
    except (SourceError, NoArticle) as exc:
        return Item(label, error=str(exc))


def record_to_article(rec: object) -> Article:
    """An article from a `{"id", "lang", "title", "text", "date", "source", "url"}` record."""
    if not isinstance(rec, dict):
        raise SourceError("record is not a JSON object")
    text = rec.get("text") or rec.get("body")
    if not isinstance(text, str) or not text.strip():
        raise SourceError("record has no text")
    text = strip_controls(text)
    paras = [" ".join(p.split()) for p in text.split("\n")]
    paras = [p for p in paras if p]
    title = rec.get("title")
    if not isinstance(title, str) or not title.strip():
        title = title_from(paras[0])
    from reader.ingest.dates import parse_date

    date = rec.get("date") or rec.get("published")
    lang = rec.get("lang")
    lang = normalise_lang(lang) if isinstance(lang, str) else None
    return Article(
        title=" ".join(strip_controls(title).split()),
        body=[Block("p", p) for p in paras],
        published=parse_date(str(date)) if date else None,
        lang=lang if lang in LANGUAGES else None,
        url=rec.get("url") if isinstance(rec.get("url"), str) and rec.get("url") else None,
        source=str(rec["source"]) if rec.get("source") else None,
        guid=str(rec["id"]) if rec.get("id") is not None else None,
    )


def title_from(paragraph: str, limit: int = 90) -> str:
    """A title for an article that has none: its first sentence, cut at a word."""
    first = paragraph.split(". ")[0]
    if len(first) <= limit:
        return first.rstrip(".")
    return first[:limit].rsplit(" ", 1)[0] + "…"
