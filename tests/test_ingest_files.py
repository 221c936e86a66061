"""Reading files: decoding, text versus HTML, JSON records, and the reasons for refusals."""

from __future__ import annotations

import pytest

from reader.ingest.files import SourceError, clean_document, decode, expand, read_file, record_to_article


def test_decode_utf8_bom_utf16_and_legacy():
    text = "Блінкен прибув до Києва"
    assert decode(("\ufeff" + text).encode("utf-8"), "x") == text
    assert decode(text.encode("utf-16"), "x") == text
    ru = "В понедельник в Киеве прошла встреча министров иностранных дел Украины и Польши."
    assert decode(ru.encode("cp1251"), "x") == ru


@pytest.mark.parametrize("data, reason", [(b"", "empty"), (b"  \n\t ", "empty"), (b"\x89PNG\r\n\x1a\n\x00\x00\x00", "binary")])
def test_decode_refuses_with_a_reason(data, reason):
    with pytest.raises(SourceError, match=reason):
        decode(data, "x")


def test_html_is_recognised_by_content_whatever_the_name(tmp_path):
    page = tmp_path / "page.txt"
    paras = "".join(f"<p>Paragraph {i} of a long article about the NATO summit in Washington and what it means.</p>" for i in range(8))
    page.write_text(f"<!DOCTYPE html><html><head><title>Summit</title></head><body><article><h1>Summit</h1>{paras}</article></body></html>", encoding="utf-8")
    [item] = read_file(str(page))
    assert item.article is not None
    assert all("<p>" not in b.text for b in item.article.body)
    assert item.article.url == page.resolve().as_uri()


def test_a_headline_is_always_there():
    article = clean_document("Перший абзац статті про бюджет на наступний рік. Уряд ухвалив проєкт.\n")
    assert article.title


def test_records_keep_metadata_and_refuse_what_is_not_an_article():
    a = record_to_article({"id": 7, "lang": "ua", "title": "Заголовок", "text": "Один.\n\nДва.", "date": "2024-04-03", "source": "s", "url": "https://e.org/7"})
    assert (a.title, a.lang, a.published, a.source, a.url, a.guid) == ("Заголовок", "uk", "2024-04-03", "s", "https://e.org/7", "7")
    assert [b.text for b in a.body] == ["Один.", "Два."]
    with pytest.raises(SourceError, match="no text"):
        record_to_article({"title": "only a title"})
    with pytest.raises(SourceError, match="not a JSON object"):
        record_to_article(["a", "list"])


def test_control_sequences_in_records_are_stripped():
    a = record_to_article({"title": "\x1b[31mRed\x1b[0m title", "text": "Body \x1b]8;;http://evil\x07link\x1b]8;;\x07 text."})
    assert a.title == "Red title"
    assert "\x1b" not in a.body[0].text and "evil" not in a.body[0].text


def test_expand_walks_folders_in_order_and_reports_empty_ones(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2.txt").write_text("x")
    (tmp_path / "1.html").write_text("x")
    (tmp_path / "skip.png").write_bytes(b"x")
    (tmp_path / "empty").mkdir()
    assert list(expand([str(tmp_path)])) == [str(tmp_path / "1.html"), str(tmp_path / "b" / "2.txt")]
    assert list(expand([str(tmp_path / "empty")])) == [str(tmp_path / "empty")]
    [item] = read_file(str(tmp_path / "empty"))
    assert "no .txt" in item.error
