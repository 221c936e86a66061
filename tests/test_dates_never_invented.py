"""Issue 13, item 5: a date is never invented — not from a copyright line, not from another
article's link, not from a bare year — and an undated article is listed apart, after the
dated ones, marked as added (`date_kind`)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from reader.cli import cli as main
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


# --- listed apart -----------------------------------------------------------------------

def _art(title: str, published: str | None = None, url: str | None = None):
    from reader.model import Article, Block

    return Article(title, [Block("p", f"{title}: {PARA}")], published=published, lang="en", url=url)


def test_store_lists_undated_after_dated(store) -> None:
    import time

    old = store.add(_art("Old", "2023-01-01"))[0]
    u1 = store.add(_art("Undated first"))[0]
    time.sleep(1.1)  # added stamps are to the second
    new = store.add(_art("New", "2024-05-01T10:00"))[0]
    u2 = store.add(_art("Undated second"))[0]
    rows = store.list()
    assert [r.id for r in rows] == [new, old, u2, u1]
    assert [r.date_kind for r in rows] == ["published", "published", "added", "added"]
    assert rows[2].date == store.get(u2).added and store.get(u2).published is None
    assert store.ids() == [new, old, u2, u1]
    assert [r.id for r in store.list(limit=2, offset=1)] == [old, u2]
    # --since asks for a date: an undated article has none to compare.
    assert [r.id for r in store.list(since="2000-01-01")] == [new, old]
    assert store.count(since="2000-01-01") == 2 and store.count() == 4


def test_existing_store_lists_undated_after_dated(tmp_path: Path) -> None:
    """Rows stored before (sort_key = added for the undated, later than every date) are
    listed apart once the store is opened: no rewrite needed."""
    import sqlite3

    from reader.store import Store
    from reader.store.schema import migrate

    path = tmp_path / "reader.db"
    conn = sqlite3.connect(path)
    migrate(conn, upto=5)
    rows = [(1, "h1", "Dated", "2023-05-01", "2025-01-01T00:00:00+00:00", "2023-05-01"),
            (2, "h2", "Undated", None, "2025-01-02T00:00:00+00:00", "2025-01-02T00:00:00+00:00"),
            (3, "h3", "Dated later", "2024-02-01", "2025-01-03T00:00:00+00:00", "2024-02-01")]
    conn.executemany("INSERT INTO articles (id, content_hash, title, published, added, updated, sort_key)"
                     " VALUES (?, ?, ?, ?, ?, ?, ?)", [(*r[:5], r[4], r[5]) for r in rows])
    conn.commit()
    conn.close()
    with Store(path) as s:
        assert [(r.id, r.date_kind) for r in s.list()] == [(3, "published"), (1, "published"), (2, "added")]
        plan = " ".join(r[3] for r in s.conn.execute(
            "EXPLAIN QUERY PLAN SELECT a.id FROM articles a ORDER BY (a.published IS NULL), a.sort_key DESC, a.id DESC"
            " LIMIT 10 OFFSET 1000"))
        assert "articles_order" in plan and "TEMP B-TREE" not in plan


def test_cli_adds_real_pages_and_lists_undated_apart(home, tmp_path: Path) -> None:
    dated = tmp_path / "dated.html"
    dated.write_text(page(head='<meta property="article:published_time" content="2024-03-05T09:30:00Z">',
                          foot="© 2024 Riverside Gazette"), encoding="utf-8")
    undated = tmp_path / "undated.html"
    undated.write_text(page(foot="© 2024 Riverside Gazette",
                            links='<a href="/2023/05/12/other-story">Other</a>').replace("Bridge vote", "Ferry vote"),
                       encoding="utf-8")
    text = tmp_path / "dateline.txt"
    text.write_text(f"Tram line opens\n3 квітня 2023, 12:06\n{PARA}\n{PARA}\n{PARA}\n", encoding="utf-8")
    runner = CliRunner()
    out = runner.invoke(main, ["add", str(undated), str(dated), str(text)], catch_exceptions=False)
    assert out.exit_code == 0, out.output
    listed = json.loads(runner.invoke(main, ["list", "--json"], catch_exceptions=False).stdout)
    assert [(r["title"], r["date_kind"]) for r in listed] == [
        ("Bridge vote delayed again", "published"), ("Tram line opens", "published"), ("Ferry vote delayed again", "added")]
    assert listed[0]["date"].startswith("2024-03-05") and listed[1]["date"].startswith("2023-04-03")
    shown = json.loads(runner.invoke(main, ["show", str(listed[2]["id"]), "--json"], catch_exceptions=False).stdout)
    assert shown["published"] is None
    human = runner.invoke(main, ["list"], catch_exceptions=False).stdout.splitlines()
    assert "added " + listed[2]["date"][:10] in human[-1] and "added" not in human[0]


@pytest.mark.anyio
async def test_tui_lists_undated_last_and_marked(home) -> None:
    from reader.config import Settings
    from reader.store import Store
    from reader.tui.app import ReaderApp

    with Store(home / "reader.db") as s:
        s.add(_art("Undated story"))
        s.add(_art("Dated story", "2021-06-01"))
    app = ReaderApp(home, Settings())
    async with app.run_test(size=(100, 20)) as pilot:
        await pilot.pause()
        lines = ["".join(seg.text for seg in strip) for strip in app.screen._compositor.render_strips()]
        dated = next(i for i, ln in enumerate(lines) if "Dated story" in ln)
        undated = next(i for i, ln in enumerate(lines) if "Undated story" in ln)
        assert dated < undated
        assert "2021-06-01" in lines[dated] and "undated" in lines[undated]
        assert app.articles.row(1).date_kind == "added"


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"
