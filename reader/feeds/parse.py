"""Feed bytes → items (feedparser), and a feed item's own text → an Article.

feedparser reads RSS 0.9x/1.0/2.0 and Atom with their namespaces, and picks the
encoding from the HTTP header, the XML declaration, then UTF-8 and windows-1252. When
it has to fall back (the declared encoding is wrong), the encoding is detected instead,
so a Cyrillic feed served with a wrong charset still reads as Cyrillic. A feed that
declares XML entities is refused: no real feed needs them, and they are how XML bombs
work (feedparser would leave them as literal `&name;` junk anyway).
"""

from __future__ import annotations

import calendar
import html
import re
from dataclasses import dataclass
from datetime import datetime, timezone

from reader.model import Article, Block
from reader.sanitize import clean_field, strip_controls

#: An item whose own text is at least this long is taken as the full article.
FULL_TEXT_CHARS = 600
#: A description without separate content must be this long to be the whole article.
FULL_SUMMARY_CHARS = 1500
_TEASER_END = re.compile(r"continue\s+reading|read\s+more|читати\s+далі|читать\s+далее|подробнее|детальніше", re.IGNORECASE)
_FALLBACK_ENCODINGS = {"windows-1252", "iso-8859-2", "cp1252", "iso-8859-1"}
_ROOT_START = re.compile(rb"<[A-Za-z]")
_READ_MORE = re.compile(
    r"^\W*(?:continue\s+reading|read\s+(?:more|the\s+full\s+(?:story|article))|more\s*»|"
    r"читати\s+далі|читати\s+повністю|детальніше|читать\s+далее|читать\s+полностью|подробнее|\(укр\.?\)|\(рус\.?\))\W*$",
    re.IGNORECASE,
)
_BLOCK_KIND = {"p": "p", "h1": "h", "h2": "h", "h3": "h", "h4": "h", "h5": "h", "h6": "h", "blockquote": "quote", "li": "li"}
_BREAKS = {"div", "section", "article", "ul", "ol", "table", "tr", "td", "th", "pre", "dl", "dt", "dd", "header", "footer", "br", "hr"}
_SKIP = {"script", "style", "noscript", "iframe", "object", "embed", "figcaption", "template", "svg"}


class FeedError(ValueError):
    """These bytes are not a usable feed; the message says why."""


@dataclass(frozen=True)
class FeedItem:
    """One entry as the feed tells it: HTML strings are the feed's, still to be cleaned."""

    title: str
    link: str | None
    guid: str | None
    summary: str  # HTML (or text)
    content: str  # HTML of the full text, when the feed carries it; else ""
    published: str | None
    author: str | None


@dataclass(frozen=True)
class Feed:
    title: str
    link: str | None
    encoding: str | None
    items: list[FeedItem]


def parse_feed(data: bytes, content_type: str | None = None) -> Feed:
    """Parse feed bytes (with the HTTP Content-Type when there was one); raises FeedError."""
    import feedparser

    if not data.strip():
        raise FeedError("empty response, not a feed")
    root = _ROOT_START.search(data)
    if b"<!ENTITY" in data[: root.start() if root else len(data)].upper():
        raise FeedError("feed declares XML entities (an XML bomb?): refused")
    headers = {"content-type": content_type} if content_type else None
    parsed = feedparser.parse(data, response_headers=headers)
    if _fell_back(parsed) and _looks_misdecoded(parsed):
        detected = _detect_encoding(data)
        if detected and detected.lower() != (parsed.get("encoding") or "").lower():
            parsed = feedparser.parse(data, response_headers={"content-type": f"application/xml; charset={detected}"})
    if not parsed.get("version") and not parsed.entries:
        exc = parsed.get("bozo_exception")
        reason = f" ({_one_line(str(exc))})" if exc else ""
        raise FeedError(f"not an RSS or Atom feed{reason}")
    broken = None if parsed.entries else _xml_error(parsed, data)
    if broken:
        # feedparser reads what it can of broken XML: with no item in it, "0 items" would
        # hide that the feed is broken (a truncated download, an HTML error page in XML).
        raise FeedError(f"not a valid feed: the XML is broken ({broken})")
    channel = parsed.feed
    return Feed(
        title=_text(channel.get("title", "")),
        link=channel.get("link") or None,
        encoding=parsed.get("encoding"),
        items=[_item(e) for e in parsed.entries],
    )


def _xml_error(parsed, data: bytes) -> str | None:
    """The XML parser's complaint, with its line, when the bytes are not well-formed XML."""
    from xml.sax import SAXParseException

    exc = parsed.get("bozo_exception")
    if not isinstance(exc, SAXParseException):
        return None
    line = exc.getLineNumber()
    if not data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<?xml"):
        line -= 1  # feedparser put an XML declaration line in front
    return f"{_one_line(exc.getMessage())} at line {max(line, 1)}"


def _fell_back(parsed) -> bool:
    import feedparser

    exc = parsed.get("bozo_exception")
    return isinstance(exc, feedparser.CharacterEncodingOverride) and (parsed.get("encoding") or "").lower() in _FALLBACK_ENCODINGS


def _looks_misdecoded(parsed) -> bool:
    """Cyrillic (or Greek…) read as windows-1252 is mostly accented Latin letters; Portuguese is not."""
    sample = " ".join([parsed.feed.get("title", "")] + [e.get("title", "") + " " + e.get("summary", "")[:500] for e in parsed.entries[:20]])
    letters = [ch for ch in sample if ch.isalpha()]
    accented = sum(1 for ch in letters if "\u00c0" <= ch <= "\u00ff")
    return bool(letters) and accented > 0.3 * len(letters)


def _detect_encoding(data: bytes) -> str | None:
    from charset_normalizer import from_bytes

    best = from_bytes(data[:1_000_000]).best()
    return best.encoding if best else None


def _item(e) -> FeedItem:
    content = ""
    for c in e.get("content") or []:
        if len(c.get("value", "")) > len(content):
            content = c["value"]
    for key in ("yandex_full-text", "fulltext", "full-text"):
        if len(e.get(key) or "") > len(content):
            content = e[key]
    summary = e.get("summary", "") or ""
    if summary == content:
        summary = ""
    guid = e.get("id") or None
    return FeedItem(
        title=_text(e.get("title", "")),
        link=clean_field(e.get("link")) or None,  # data, like the text: no control sequences
        guid=clean_field(guid) or None,
        summary=summary,
        content=content,
        published=_date(e.get("published_parsed") or e.get("updated_parsed")),
        author=_text(e.get("author", "")) or None,
    )


def _date(parsed) -> str | None:
    """feedparser's UTC struct_time → ISO 8601; None when the feed gave no usable date."""
    if not parsed:
        return None
    try:
        return datetime.fromtimestamp(calendar.timegm(parsed), timezone.utc).isoformat()
    except (OverflowError, ValueError, OSError):
        return None


def _text(value: str) -> str:
    """A one-line plain text (titles may carry tags or entities)."""
    if "<" in value or "&" in value:
        value = " ".join(b.text for b in html_blocks(value))
    return " ".join(strip_controls(value).split())


def _one_line(text: str) -> str:
    return " ".join(text.split())[:200]


def html_blocks(fragment: str) -> list[Block]:
    """A feed's HTML fragment → paragraphs, headings, quotes and list items (images and scripts dropped)."""
    import lxml.html
    from lxml import etree

    if "<" not in fragment and "&lt;" in fragment:
        fragment = html.unescape(fragment)  # double-escaped HTML, as some feeds send
    if not fragment.strip():
        return []
    if "<" not in fragment:
        paras = re.split(r"\n\s*\n", html.unescape(fragment))
        return [Block("p", t) for t in (" ".join(strip_controls(p).split()) for p in paras) if t]
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (etree.ParserError, ValueError):
        return [Block("p", t) for t in [" ".join(strip_controls(re.sub(r"<[^>]*>", " ", fragment)).split())] if t]
    blocks: list[Block] = []
    buf: list[str] = []

    def flush(kind: str = "p") -> None:
        text = " ".join(strip_controls("".join(buf)).split())
        buf.clear()
        if text:
            blocks.append(Block(kind, text))

    def walk(el) -> None:
        tag = el.tag.lower() if isinstance(el.tag, str) else ""
        if tag in _SKIP or not tag:  # comments, processing instructions
            if el.tail:
                buf.append(el.tail)
            return
        kind = _BLOCK_KIND.get(tag)
        if kind or tag in _BREAKS:
            flush()
        if el.text:
            buf.append(el.text)
        for child in el:
            walk(child)
        if kind:
            flush(kind)
        elif tag in _BREAKS:
            flush()
        if el.tail:
            buf.append(el.tail)

    walk(root)
    flush()
    while blocks and _READ_MORE.match(blocks[-1].text):
        blocks.pop()
    return blocks


def item_text_blocks(item: FeedItem) -> list[Block]:
    """The item's own text: its full content when it has one, else its summary."""
    content = html_blocks(item.content) if item.content else []
    summary = html_blocks(item.summary) if item.summary else []
    return content if _chars(content) >= _chars(summary) else summary


def is_full_text(item: FeedItem) -> bool:
    """Whether the feed carries the article itself, not just a teaser.

    Full content (content:encoded, Atom content) counts from FULL_TEXT_CHARS; a bare
    description must be much longer, and one that ends in "Continue reading" never counts.
    """
    if _chars(html_blocks(item.content)) >= FULL_TEXT_CHARS:
        return True
    if _TEASER_END.search(item.summary[-300:]):
        return False
    return _chars(html_blocks(item.summary)) >= FULL_SUMMARY_CHARS


def item_article(item: FeedItem, source: str | None) -> Article:
    """An Article from the feed's own title and text (cleaned of HTML)."""
    body = item_text_blocks(item)
    title = item.title or (body[0].text[:120] if body else item.link or "untitled")
    return Article(
        title=title,
        body=body,
        author=item.author,
        published=item.published,
        url=item.link,
        source=source,
        guid=item.guid,
    )


def _chars(blocks: list[Block]) -> int:
    return sum(len(b.text) for b in blocks)
