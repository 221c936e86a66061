"""Issue 13, item 5: a date is never invented — not from a copyright line, not from another
article's link, not from a bare year — and an undated article is listed apart, after the
dated ones, marked as added (`date_kind`)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from reader.cli import main
from reader.ingest.dates import find_date
from reader.ingest.html import clean_html
from reader.ingest.text import clean_text

PARA = ("The council met on a quiet evening to argue about the new bridge across the river, which "
        "has been delayed by two winters of floods and a dispute over who should pay for the "
        "extra steel. Residents filled the hall and several of them spoke for the first time. ")


def page(head: str = "", top: str = "", foot: str = "", links: str = "") -> str:
    return f"""<!doctype html><html lang="en"><head><title>Bridge vote delayed again</title>{head}</head>
<body><header><a href="/">Home</a> <a href="/news">News</a></header>
<article><h1>Bridge vote delayed again</h1>{top}
<p>{PARA * 2}</p><p>{PARA}</p><p>{PARA}</p></article>
<aside><h3>More stories</h3>{links}</aside>
<footer>{foot}</footer></body></html>"""


def test_undated_page_stays_undated() -> None:
    assert clean_html(page()).published is None


@pytest.mark.parametrize("foot", ["© 2024 Riverside Gazette", "Copyright 2023 Riverside Gazette. All rights reserved.",
                                  "© 2019–2024 Riverside Gazette", "(c) 2022 Riverside Gazette"])
def test_copyright_year_is_not_a_date(foot: str) -> None:
    assert clean_html(page(foot=foot)).published is None


def test_copyright_year_in_markup_is_not_a_date() -> None:
    head = '<meta itemprop="copyrightYear" content="2021">'
    assert clean_html(page(head=head, foot="<span itemprop=copyrightYear>2021</span>")).published is None


def test_other_articles_link_is_not_a_date() -> None:
    links = ('<ul><li><a href="https://example.org/2023/05/12/other-story">Other story</a></li>'
             '<li><a href="/2022/11/03/older-story.html">Older story</a></li>'
             '<li><a href="/news/2021-07-09-third-story">Third story</a></li></ul>')
    assert clean_html(page(links=links)).published is None


def test_share_image_folder_is_not_a_date() -> None:
    head = '<meta property="og:image" content="https://cdn.example.org/uploads/2023/05/12/bridge.jpg">'
    assert clean_html(page(head=head)).published is None


def test_bare_year_or_month_is_never_the_first_day() -> None:
    top = "<p class=date>2023</p>"
    assert clean_html(page(top=top)).published is None
    assert clean_html(page(top="<p class=date>May 2023</p>")).published is None
    assert find_date("In 2023 the council met") is None
    assert find_date("May 2023") is None


@pytest.mark.parametrize("head, top, want", [
    ('<meta property="article:published_time" content="2024-03-05T09:30:00+00:00">', "", "2024-03-05"),
    ("", '<p><time datetime="2024-03-05T09:30">5 March 2024</time></p>', "2024-03-05"),
    ('<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "2024-03-05T09:30:00Z"}</script>',
     "", "2024-03-05"),
    ("", "<p>By Jane Doe</p><p>March 5, 2024</p>", "2024-03-05"),
])
def test_real_dates_are_kept(head: str, top: str, want: str) -> None:
    got = clean_html(page(head=head, top=top, foot="© 2019 Riverside Gazette",
                          links='<a href="/2023/05/12/other-story">Other</a>')).published
    assert got and got.startswith(want)


def test_plain_text_dates() -> None:
    body = "\n".join([PARA, PARA, PARA])
    assert clean_text(f"Bridge vote delayed again\nBy Jane Doe\n5 березня 2024, 09:30\n{body}").published == "2024-03-05T09:30"
    assert clean_text(f"Bridge vote delayed again\n{body}\n© 2024 Riverside Gazette").published is None
    assert clean_text(f"Bridge vote delayed again\n© 2024-01-05 Riverside Gazette\n{body}").published is None
    assert clean_text(f"Bridge vote delayed again\nhttps://example.org/2023-05-12-other\n{body}").published is None


def test_record_with_a_bare_year_is_undated(tmp_path: Path) -> None:
    from reader.ingest.files import record_to_article

    rec = {"title": "Bridge vote delayed again", "text": PARA * 3, "date": "2024"}
    assert record_to_article(rec).published is None
