"""Articles written out for other tools: JSON Lines (the corpus record shape, and more) or Markdown.

`reader export` and the reader's `E` share this. Article text is data: in Markdown every
character that would be markup is escaped, so a title like `# [click](javascript:…)` reads
as written.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TextIO

FORMATS = ("jsonl", "md")


def article_json(article) -> dict:
    """An article as `show --json` gives it: each block with its own language, and the store's fields."""
    body = [{"kind": b.kind, "text": b.text, "lang": b.lang or article.lang} for b in article.body]
    return article.to_json() | {
        "body": body, "id": article.id, "url": article.url, "source": article.source, "lang_confidence": article.lang_confidence,
        "added": article.added, "read": article.is_read, "starred": article.starred,
    }


def record(article) -> dict:
    """One line of the JSON Lines export: the corpus record's fields, then `article_json`'s."""
    rec = {"id": article.id, "lang": article.lang, "title": article.title, "text": article.text,
           "date": article.published, "source": article.source, "url": article.url}
    return rec | article_json(article)


def _esc(text: str) -> str:
    """Text, not markup: Markdown's punctuation escaped, and a line that would open a list, a
    heading underline or a numbered item escaped at its start."""
    out = "".join("\\" + ch if ch in "\\`*_[]<>#|~&!" else ch for ch in text)
    lines = out.split("\n")
    for i, line in enumerate(lines):
        stripped = line.lstrip()
        lead = line[: len(line) - len(stripped)]
        if stripped[:1] in ("-", "+", "="):
            lines[i] = lead + "\\" + stripped
        else:
            digits = len(stripped) - len(stripped.lstrip("0123456789"))
            if digits and stripped[digits:digits + 1] in (".", ")"):
                lines[i] = lead + stripped[:digits] + "\\" + stripped[digits:]
    return "\n".join(lines)


def _url(url: str) -> str:
    """A URL inside <…>: what could end it or break the line percent-encoded."""
    return "".join({"<": "%3C", ">": "%3E", " ": "%20", "\n": "%0A", "\r": "%0D", "\\": "%5C"}.get(ch, ch) for ch in url)


def markdown(article) -> str:
    """One article in Markdown: title, byline, URL, captions (near the top, as the page had them), body."""
    lines = [f"# {_esc(article.title)}", ""]
    meta = [x for x in (article.author, article.published, article.source, article.lang) if x]
    if meta:
        lines += ["*" + _esc(" · ".join(meta)) + "*", ""]
    if article.url:
        lines += [f"<{_url(article.url)}>", ""]
    for c in article.captions:
        lines += [f"> {_esc(c.text)}" + (f" ({_esc(c.credit)})" if c.credit else ""), ""]
    for b in article.body:
        prefix = {"h": "## ", "quote": "> ", "li": "- "}.get(b.kind, "")
        lines += [prefix + _esc(b.text), ""]
    return "\n".join(lines)


def write(store, ids: Iterable[int], fmt: str, out: TextIO) -> int:
    """Write the articles `ids` (in that order; one gone meanwhile is skipped) to `out`; how many."""
    n = 0
    for article_id in ids:
        article = store.get(article_id)
        if article is None:
            continue
        if fmt == "jsonl":
            out.write(json.dumps(record(article), ensure_ascii=False) + "\n")
        else:
            out.write(markdown(article) + "\n")
        n += 1
    return n


def format_of(path: str) -> str:
    """The format a file name asks for: jsonl for .jsonl / .json / .ndjson, else Markdown."""
    return "jsonl" if path.lower().endswith((".jsonl", ".json", ".ndjson")) else "md"
