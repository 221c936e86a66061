"""Site memory (issue 13): lines a site repeats on its pages (menu, newsletter prompt, legal
notices) are furniture on its later pages, in the plain text and in the HTML, even where the
generic rules keep them; the title and the article's own text stay, and a site whose pages
are one template keeps its article."""

import pytest

from reader.ingest import sitememory
from reader.ingest.html import clean_html
from reader.ingest.sitememory import SiteMemory, line_key, page_id, page_keys, site_of
from reader.ingest.text import clean_text

MENU = ["Home", "World", "Business", "Science", "Culture", "Log in"]
NEWSLETTER = ("Our free morning briefing brings you the five stories that matter most each weekday, "
              "written by our own reporters and sent before breakfast to your newsletter inbox.")
LEGAL = [
    "All material on this website is protected by the copyright laws of the country and may be reproduced only with "
    "the written consent of the editorial board, which reserves every right granted to it by those laws.",
    "The editorial board is not responsible for the content of advertising materials or the opinions of the "
    "readers who comment on the articles, and the views of the authors may differ from the position of the board.",
]
ARTICLES = [
    ("Council approves new tram line for the eastern districts",
     ["The city council approved on Tuesday a new tram line that will link the eastern districts with the centre.",
      "Construction is due to start next spring and should take about three years, officials said at the meeting.",
      "The line will have fourteen stops and carry up to twenty thousand passengers a day once it is complete.",
      "Residents of the eastern districts have waited for a direct connection to the centre for over a decade."]),
    ("Harbour museum reopens after two years of repairs",
     ["The harbour museum reopened its doors on Saturday after two years of repairs to its roof and old walls.",
      "Visitors can again see the collection of ship models, maps and paintings that the museum has gathered.",
      "The restoration cost less than planned because volunteers helped to clean and catalogue the exhibits.",
      "The museum will be open every day except Monday, and entry will stay free for children under twelve."]),
    ("Farmers expect a record apple harvest this autumn",
     ["Farmers in the valley expect a record apple harvest this autumn after a warm spring and a wet summer.",
      "Growers said the trees carried more fruit than in any year since the cooperative started keeping records.",
      "Prices are likely to fall slightly, but exporters hope to sell more apples abroad than they did last year.",
      "The cooperative is hiring seasonal workers and has asked students to apply before the end of the month."]),
]


def plain_page(i: int) -> str:
    title, paragraphs = ARTICLES[i]
    return "\n".join([f"{title} | The Daily Example", *MENU, title, "By Jane Roe", *paragraphs, NEWSLETTER, *LEGAL])


def html_page(i: int) -> str:
    title, paragraphs = ARTICLES[i]
    menu = "".join(f'<li><a href="/{m.lower()}">{m}</a></li>' for m in MENU)
    body = "".join(f"<p>{p}</p>" for p in [*paragraphs, NEWSLETTER, *LEGAL])
    return (f"<!doctype html><html><head><title>{title} | The Daily Example</title></head><body>"
            f"<nav><ul>{menu}</ul></nav><article><h1>{title}</h1><p>By Jane Roe</p>{body}</article></body></html>")


URLS = [f"https://www.example.com/news/{i}" for i in range(3)]


def read_site(clean, page, n: int = 3):
    """Pages 0..n-1 of one site in order, each with the memory of those before it."""
    memory, out = SiteMemory(), []
    for i in range(n):
        site = site_of(URLS[i])
        lines: list[str] = []
        out.append(clean(page(i), memory.known(site), lines))
        memory.remember(site, page_id(URLS[i], lines), page_keys(lines))
    return out


def test_generic_rules_keep_the_footer_these_tests_are_about():
    for article in (clean_text(plain_page(2)), clean_html(html_page(2))):
        assert NEWSLETTER in article.text and LEGAL[0] in article.text


@pytest.mark.parametrize("clean,page", [
    (lambda src, known, lines: clean_text(src, known, lines), plain_page),
    (lambda src, known, lines: clean_html(src, None, known, lines), html_page),
], ids=["plain text", "html"])
def test_the_third_page_comes_out_without_the_sites_furniture(clean, page):
    first, second, third = read_site(clean, page)
    assert NEWSLETTER in second.text  # two pages seen before it are needed
    assert [b.text for b in third.body] == ARTICLES[2][1]
    assert third.title == ARTICLES[2][0]
    assert not any(line in third.text for line in [NEWSLETTER, *LEGAL])


def test_a_site_whose_pages_are_one_template_keeps_its_article():
    # the same article under three URLs (an aggregator): every line is "the site's", none is furniture
    memory = SiteMemory()
    for i in range(3):
        lines: list[str] = []
        article = clean_text(plain_page(0), memory.known("example.com"), lines)
        memory.remember("example.com", page_id(URLS[i], lines), page_keys(lines))
        assert [b.text for b in article.body][:4] == ARTICLES[0][1]


def test_a_page_is_counted_once_and_the_memory_is_bounded():
    memory = SiteMemory(max_lines=5)
    keys = page_keys(["one line", "two lines", "three lines"])
    memory.remember("s", 1, keys)
    memory.remember("s", 1, keys)  # the same page again
    assert memory.furniture("s") == set()
    memory.remember("s", 2, keys)
    assert memory.furniture("s") == keys
    for page in range(3, 10):
        memory.remember("s", page, page_keys([f"article line {page}"]))
    assert len(memory.lines["s"]) == 5 and keys <= set(memory.lines["s"])  # the least seen went


def test_sites_and_keys():
    assert site_of("https://www.Example.com/a/b?c=1") == "example.com"
    assert site_of("http://news.example.org/x") == "news.example.org"
    assert site_of("file:///home/me/saved/page.html") == "file:/home/me/saved"
    assert site_of(None, "/home/me/saved/page.txt") == "file:/home/me/saved"
    assert site_of(None) is None
    assert line_key("Sign up, NOW!") == line_key("sign up now") is not None
    assert line_key("—") is None
    assert sitememory.lookup(set()) is None


def test_the_store_keeps_the_memory_bounded_and_counts_a_page_once(tmp_path):
    from reader.store.store import Store

    keys = page_keys(["one line", "two lines", "three lines"])
    with Store(tmp_path / "s.db") as store:
        assert store.remember_site_lines("s", 1, keys)
        assert not store.remember_site_lines("s", 1, keys)  # the same page again
        assert store.site_furniture("s") == set()
        store.remember_site_lines("s", 2, keys)
        assert store.site_furniture("s") == keys  # on two pages before the next one
        assert store.site_furniture("s", page=2) == set()  # page 2 read again: only one other page
        for page in range(3, 10):
            store.remember_site_lines("s", page, page_keys([f"article line {page}"]), max_lines=5)
        rows = store.conn.execute("SELECT line FROM site_lines WHERE site = 's'").fetchall()
        assert len(rows) == 5 and keys <= {r[0] for r in rows}  # the least seen went
        assert store.site_furniture("other") == set()


def test_reader_add_drops_a_folders_repeated_footer(tmp_path):
    # three saved pages in one folder: the third is added without the footer its folder repeats
    from click.testing import CliRunner

    from reader.cli import cli

    folder = tmp_path / "site"
    folder.mkdir()
    for i in range(3):
        (folder / f"{i}.txt").write_text(plain_page(i), encoding="utf-8")
    home = tmp_path / "home"
    runner = CliRunner()
    for i in range(3):  # one by one, in order
        result = runner.invoke(cli, ["--home", str(home), "add", str(folder / f"{i}.txt")])
        assert result.exit_code == 0, result.output
    from reader.config import db_path
    from reader.store.store import Store

    with Store(db_path(str(home))) as store:
        texts = [r[0] for r in store.conn.execute("SELECT GROUP_CONCAT(text, ' ') FROM blocks GROUP BY article_id ORDER BY article_id")]
    assert len(texts) == 3
    assert NEWSLETTER in texts[1] and NEWSLETTER not in texts[2] and LEGAL[0] not in texts[2]
    assert ARTICLES[2][1][0] in texts[2]
