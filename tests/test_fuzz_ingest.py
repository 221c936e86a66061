"""Fuzzing what `reader add` and `reader clean` do with a file's bytes: generated HTML (odd
nesting, control characters as character references, MathML, forms, hidden and navigation
elements) and arbitrary bytes give an Article or a reason (SourceError, NoArticle) — never
a crash. The CLI turns each file's bytes into an Article with `article_from_bytes`, then
`sanitize_article` and `detect_languages`; the same functions run here, in-process."""

from __future__ import annotations

import os
import re

from hypothesis import HealthCheck, given, settings, strategies as st

from reader.ingest.files import SourceError, article_from_bytes, record_to_article
from reader.model import Article, NoArticle
from reader.pipeline import detect_languages
from reader.sanitize import sanitize_article


def fuzz(examples: int) -> settings:
    """Inputs per test: 10,000 in all (4,000 pages, 4,000 byte strings, 2,000 records), about
    50 s of one core here, the three tests side by side under xdist; READER_FUZZ_EXAMPLES=10000
    runs ten thousand of each kind (about two minutes)."""
    n = int(os.environ.get("READER_FUZZ_EXAMPLES", examples))
    return settings(max_examples=n, deadline=None, suppress_health_check=list(HealthCheck))


_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")

TAGS = ("p", "div", "span", "nav", "header", "footer", "aside", "article", "main", "section", "math", "mi", "mo",
        "annotation", "button", "input", "br", "select", "textarea", "ul", "li", "table", "tr", "td", "h1", "h2",
        "title", "script", "style", "figure", "figcaption", "iframe", "svg", "a", "b", "blockquote", "pre", "html",
        "head", "body", "mjx-container")
ATTRS = st.sampled_from(["", " hidden", ' style="display:none"', ' aria-hidden="true"', ' class="hidden"',
                         ' class="gallery"', ' class="article-body"', ' id="comments"', ' title="&#27;x"',
                         ' class="d-none d-md-block"', ' itemprop="articleBody"'])
TEXT = st.sampled_from([
    "&#27;", "&#x1b;[31m", "&#0;", "&#7;", "&#155;", "&#127;", "&#xD800;", "&#65535;", "&#8238;", "&amp;", "&nbsp;",
    "\x1b[2J", "\x00", "\u202e", "The minister said the talks in Kyiv would go on next week.",
    "Міністр заявив, що переговори в Києві триватимуть.", "Министр сказал, что переговоры продолжатся.",
    "Subscribe", "Related", "12 comments", "x", " ", "\n", "1/50 Photo", "© Reuters", "<!-- c -->", "<![CDATA[x]]>",
    "<", ">", "&", "</p>", "</div>", "<p", "<!doctype html>", "<?xml version='1.0'?>",
])


@st.composite
def html_pages(draw) -> str:
    parts: list[str] = []
    open_: list[str] = []
    for _ in range(draw(st.integers(0, 40))):
        action = draw(st.integers(0, 3))
        if action == 0 or not open_ and action == 1:
            tag = draw(st.sampled_from(TAGS))
            parts.append(f"<{tag}{draw(ATTRS)}>")
            open_.append(tag)
        elif action == 1:
            parts.append(f"</{open_.pop()}>")
        else:
            parts.append(draw(TEXT))
    if draw(st.booleans()):
        depth = draw(st.integers(200, 400))  # past what the parser nests
        parts.insert(draw(st.integers(0, len(parts))), "<div>" * depth + "<p>Deep down the text is still here to read.</p>")
    return "".join(parts)


def _check(article: Article) -> None:
    article = detect_languages(sanitize_article(article))
    assert article.body and article.title
    for text in [article.title, article.author or "", article.url or "", *(b.text for b in article.body),
                 *(c.text for c in article.captions)]:
        assert not _CONTROL.search(text)


def _read(data: bytes, kind: str | None) -> None:
    try:
        article = article_from_bytes(data, kind)
    except (SourceError, NoArticle) as exc:
        assert str(exc) and "\n" not in str(exc)
        return
    _check(article)


@fuzz(4000)
@given(html_pages(), st.sampled_from(["utf-8", "utf-16", "cp1251", "koi8-r"]), st.sampled_from(["html", None]))
def test_generated_html_gives_an_article_or_a_reason(page: str, encoding: str, kind: str | None) -> None:
    _read(page.encode(encoding, errors="replace"), kind)


@fuzz(4000)
@given(st.one_of(
    st.binary(max_size=300),
    st.binary(max_size=300).map(lambda b: b"\xff\xfe" + b),  # UTF-16 with its BOM, surrogates and all
    st.binary(max_size=300).map(lambda b: b"<html><body><p>" + b),
    st.lists(st.sampled_from([b"\xf0\xd2\xc9\xd7\xc5\xd4", b"\x82\xb1", b"\xe4\xb8\xad", b" ", b"\n", b"\x1b[31m",
                              b"\xc0", b"\xed\xa0\x80", b"\x00", b"<p>", b"&#27;", b"word"]), max_size=60).map(b"".join),
), st.sampled_from(["html", "text", None]))
def test_any_bytes_give_an_article_or_a_reason(data: bytes, kind: str | None) -> None:
    _read(data, kind)


@fuzz(2000)
@given(st.dictionaries(st.sampled_from(["title", "text", "source", "url", "id", "date", "lang", "author"]),
                       st.one_of(st.text(max_size=60), st.integers(), st.none(), st.lists(st.text(max_size=5), max_size=2))))
def test_any_record_gives_an_article_or_a_reason(rec: dict) -> None:
    try:
        article = record_to_article(rec)
    except (SourceError, NoArticle):
        return
    _check(article)
    assert not _CONTROL.search((article.source or "") + (article.guid or "") + (article.published or ""))
