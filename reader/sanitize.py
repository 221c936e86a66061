"""Article text is data: strip what a terminal would interpret.

Removes C0/C1 control characters (ESC starts ANSI and OSC sequences), the remains of
escape sequences, and Unicode bidi controls that can reorder what a reader sees.
Newlines and tabs stay. Rich/Textual markup is escaped where text is rendered, not here.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reader.model import Article

# Whole ANSI CSI / OSC sequences first, so their parameters do not survive as text.
_ESCAPES = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[@-_]|\x9b[0-?]*[ -/]*[@-~]|\x9d[^\x07\x9c]*[\x07\x9c]?")
_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\u061c]")


def strip_controls(text: str) -> str:
    """`text` without terminal control sequences or bidi controls; \\n and \\t kept, \\r → \\n."""
    text = _ESCAPES.sub("", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROLS.sub("", text)


_ANY_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\u061c]")


def escape_controls(text: str) -> str:
    """`text` with every control character (newlines and tabs too) written out as an escape
    (`\\x1b`, `\\u202e`): for names that must stay readable and unambiguous, as a file's path."""
    return _ANY_CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100
                            else f"\\u{ord(m.group()):04x}", text)


_SURROGATES = re.compile("[\ud800-\udfff]")
_LINE_BREAKS = re.compile(r"[\n\t]+")


def clean_field(text: str | None, *, multiline: bool = False) -> str | None:
    """A text field safe to store and print: no control sequences, no bidi controls, no lone
    surrogates (which cannot be stored as UTF-8); a one-line field (a title, a URL) on one
    line, its ends stripped."""
    if text is None:
        return None
    text = _SURROGATES.sub("\ufffd", strip_controls(str(text)))
    return text if multiline else _LINE_BREAKS.sub(" ", text).strip()


def sanitize_article(article: Article) -> Article:
    """Every text field of an Article through `clean_field`, in place: body and captions are
    already clean when a cleaner made them, but the title, byline, source, URL, GUID and path
    come from records, feeds, file names and the command line. Returns the article."""
    article.title = clean_field(article.title) or ""
    for name in ("author", "published", "lang", "url", "source", "path", "guid"):
        setattr(article, name, clean_field(getattr(article, name)) or None)
    article.body = [replace(b, text=clean_field(b.text, multiline=True), lang=clean_field(b.lang) or None)
                    for b in article.body]
    article.captions = [replace(c, text=clean_field(c.text, multiline=True), credit=clean_field(c.credit) or None)
                        for c in article.captions]
    if not article.title and article.body:  # a title made only of controls: the body names it
        article.title = " ".join(article.body[0].text.split()[:12])
    if article.site_languages is not None:
        article.site_languages = [x for s in article.site_languages if (x := clean_field(s))]
    return article
