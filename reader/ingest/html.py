"""HTML cleaner: trafilatura finds the main content and metadata → Article."""

from __future__ import annotations

import trafilatura

from reader.ingest.text import clean_text
from reader.model import Article, NoArticle


def clean_html(html: str, url: str | None = None) -> Article:
    doc = trafilatura.bare_extraction(html, url=url, with_metadata=True, favor_precision=False)
    if doc is None or not (doc.text or "").strip():
        raise NoArticle("no main content found in the HTML")
    art = clean_text((doc.title or "") + "\n" + doc.text)
    art.author = doc.author or None
    art.published = doc.date or None
    return art
