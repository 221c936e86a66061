"""HTML cleaner: trafilatura finds the main content and metadata → Article."""

from __future__ import annotations

import trafilatura

from reader.ingest.text import clean_text
from reader.model import Article, NoArticle


def looks_like_html(text: str) -> bool:
    """Whether a document is HTML, judged by its content rather than its file name."""
    head = text[:4096].lstrip().lower()
    return head.startswith(("<!doctype html", "<html")) or ("<body" in head or "<div" in head or "<p>" in head)


def clean_html(html: str, url: str | None = None) -> Article:
    doc = trafilatura.bare_extraction(html, url=url, with_metadata=True, favor_precision=False)
    if doc is None or not (doc.text or "").strip():
        raise NoArticle("no main content found in the HTML")
    art = clean_text((doc.title or "") + "\n" + doc.text)
    art.author = doc.author or None
    art.published = doc.date or None
    return art
