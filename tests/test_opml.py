"""OPML: read nested folders, write and read back, refuse what is not safe OPML."""

from __future__ import annotations

import pytest

from reader.feeds.opml import OpmlError, Outline, read_opml, write_opml

NESTED = """<?xml version="1.0" encoding="UTF-8"?>
<opml version="1.0"><head><title>mine</title></head><body>
  <outline text="Новини" title="Новини">
    <outline type="rss" text="УНІАН" xmlUrl="https://rss.unian.net/site/news_ukr.rss" htmlUrl="https://www.unian.ua"/>
    <outline text="deeper"><outline text="Pravda" xmlUrl="https://www.pravda.com.ua/rus/rss/"/></outline>
  </outline>
  <outline text="Guardian &amp; co" xmlUrl="https://www.theguardian.com/world/rss"/>
  <outline text="no feed here"/>
</body></opml>""".encode()


def test_reads_feeds_with_their_folder_as_tag():
    assert read_opml(NESTED) == [
        Outline("УНІАН", "https://rss.unian.net/site/news_ukr.rss", "https://www.unian.ua", "Новини"),
        Outline("Pravda", "https://www.pravda.com.ua/rus/rss/", None, "deeper"),
        Outline("Guardian & co", "https://www.theguardian.com/world/rss", None, None),
    ]


def test_round_trip_keeps_titles_urls_and_tags():
    feeds = [
        Outline("Guardian <world> & \"more\"", "https://www.theguardian.com/world/rss?a=1&b=2", None, None),
        Outline("УНІАН", "https://rss.unian.net/site/news_ukr.rss", None, "Україна"),
        Outline("Pravda", "https://www.pravda.com.ua/rus/rss/", None, "Україна"),
    ]
    text = write_opml(feeds)
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<opml version="2.0">')
    assert read_opml(text.encode("utf-8")) == feeds


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"<html><body>hi</body></html>", "not OPML (root element <html>)"),
        (b"<opml version='2.0'><head/></opml>", "OPML without a <body>"),
        (b"not xml at all", "not XML (syntax error: line 1, column 0)"),
        (b'<!DOCTYPE opml [<!ENTITY a "x">]><opml><body/></opml>', "refused: EntitiesForbidden (entities or DTDs are not allowed)"),
    ],
)
def test_bad_opml_is_one_clear_error(data, message):
    with pytest.raises(OpmlError) as err:
        read_opml(data)
    assert str(err.value) == message


def test_external_dtd_is_never_fetched():
    data = b'<!DOCTYPE opml SYSTEM "http://127.0.0.1:9/evil.dtd"><opml><body><outline xmlUrl="&ext;"/></body></opml>'
    assert read_opml(data) == []  # the unknown entity is left unexpanded, and nothing is fetched
