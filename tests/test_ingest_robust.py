"""Nothing lost, nothing let in (issue 14): inputs that crashed `reader add` or lost text
without a word, and control sequences reaching the terminal through any field."""

from __future__ import annotations

import json
import os
import re

import pytest
from click.testing import CliRunner

from reader.cli import cli
from reader.ingest import files
from reader.ingest.files import decode, guess_encoding
from reader import pipeline

TITLE = "Kyiv talks will go on next week, minister says"
GOOD = f"{TITLE}\n\nThe minister said on Monday that the talks in Kyiv would go on next week. Delegations from both countries will meet again.\n"
PARAGRAPH = "Deep inside the page this paragraph still carries the whole article text."


def run(*args, input=None):
    return CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)


def errors(result) -> list[str]:
    return [ln for ln in result.stderr.splitlines() if ln.startswith("error: ")]


# --- a bad input never stops a batch -----------------------------------------------------

CRASHERS = {  # each raised in the HTML cleaner, and stopped every file after it
    "hidden.html": '<html><body><div hidden>&#27;</div><p>&#27;</p></body></html>',
    "math.html": "<html><body><p>Some text of the article here.</p><math><mi>&#27;</mi></math></body></html>",
    "input.html": "<html><body><p>a</p>&#27;<input><p>b</p></body></html>",
    "nav.html": "<html><body><nav>x</nav>&#27;<p>Some words</p></body></html>",
    "navp.html": "<nav><p><p><br>",
    "button.html": "<button><br><button><br><button><br><button><br>",
    # a paragraph lxml hands back as the fragment's root, with no parent (found by the fuzz test)
    "rootp.html": "&nbsp;<p>&#27;&#27;&#x1b;[31m<br><<span>",
}


def test_html_that_crashed_the_cleaner_gets_a_reason_and_the_batch_goes_on(home, tmp_path):
    paths = []
    for name, page in CRASHERS.items():
        (tmp_path / name).write_text(page, encoding="utf-8")
        paths.append(str(tmp_path / name))
    good = tmp_path / "good.txt"
    good.write_text(GOOD, encoding="utf-8")
    cleaned = run("clean", "--json", *paths, str(good))
    lines = [json.loads(ln) for ln in cleaned.stdout.splitlines()]
    assert [ln["path"] for ln in lines] == [*paths, str(good)]
    assert all("unexpected" not in ln.get("error", "") for ln in lines)
    assert lines[-1]["title"] == TITLE
    result = run("add", *paths, str(good))
    assert "Traceback" not in result.stderr and "unexpected" not in result.stderr
    titles = [a["title"] for a in json.loads(run("list", "--json").stdout)]
    assert TITLE in titles
    failed = int(re.search(r"(\d+) failed", result.stderr).group(1))
    assert failed == len(errors(result)) == len(paths) + 1 - len(titles)


def test_a_utf16_file_with_a_lone_surrogate_is_read(home, tmp_path):
    path = tmp_path / "utf16.txt"
    text = "Переговори у Києві\n\nМіністр заявив, що переговори у Києві триватимуть наступного тижня"
    path.write_bytes(b"\xff\xfe" + text.encode("utf-16-le") + b"\x00\xd8" + " і далі.\n".encode("utf-16-le"))
    assert decode(path.read_bytes(), "x").endswith("тижня\ufffd і далі.\n")
    result = run("add", str(path))
    assert result.exit_code == 0, result.stderr
    [row] = json.loads(run("list", "--json").stdout)
    assert row["title"] == "Переговори у Києві"


def test_an_unexpected_failure_is_one_error_line_and_the_batch_goes_on(home, tmp_path, monkeypatch):
    paths = []
    for i in range(3):
        p = tmp_path / f"{i}.txt"
        p.write_text(GOOD.replace("Kyiv talks", f"Talks {i}").replace("Monday", f"day {i}"), encoding="utf-8")
        paths.append(str(p))
    clean_document = files.clean_document

    def cleaner_bug(text, **kw):
        if "Talks 0" in text:
            raise AssertionError("a bug\nover two lines")
        return clean_document(text, **kw)

    understand = pipeline.understand

    def pipeline_bug(article):
        if article.title.startswith("Talks 1 "):
            raise RuntimeError("boom")
        return understand(article)

    monkeypatch.setattr(files, "clean_document", cleaner_bug)
    monkeypatch.setattr(pipeline, "understand", pipeline_bug)
    result = run("add", *paths)
    assert result.exit_code == 1
    assert errors(result) == [f"error: {paths[0]}: unexpected AssertionError: a bug over two lines",
                              f"error: {paths[1]}: unexpected RuntimeError: boom"]
    assert "1 added, 0 updated, 0 unchanged, 2 failed" in result.stderr
    assert [a["title"] for a in json.loads(run("list", "--json").stdout)] == [TITLE.replace("Kyiv talks", "Talks 2")]
    cleaned = run("clean", *paths)
    assert cleaned.exit_code == 1 and len(errors(cleaned)) == 1 and "Talks 2" in cleaned.stdout


# --- silent loss at ingest ---------------------------------------------------------------

@pytest.mark.parametrize("wrap", [("<div>", "</div>"), ("<span>", ""), ("<div><ul><li>", "</li></ul></div>")])
def test_a_paragraph_nested_deeper_than_the_parser_goes_comes_through(tmp_path, wrap):
    open_, close = wrap
    page = tmp_path / "deep.html"
    page.write_text(f"<html><head><title>Deep page</title></head><body>{open_ * 300}<p>{PARAGRAPH}</p>"
                    f"{close * 300}</body></html>", encoding="utf-8")
    [line] = [json.loads(ln) for ln in run("clean", "--json", str(page)).stdout.splitlines()]
    assert line["title"] == "Deep page"
    assert [b["text"] for b in line["body"]] == [PARAGRAPH]


@pytest.mark.skipif(os.name != "posix", reason="file names as bytes")
def test_a_file_name_that_is_not_utf8_is_stored_and_readded_idempotently(home, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    name = os.path.join(os.fsencode(folder), b"caf\xe9.txt")
    with open(name, "wb") as f:
        f.write(GOOD.encode("utf-8"))
    first = run("add", str(folder))
    assert first.exit_code == 0, first.stderr
    assert run("add", os.fsdecode(name)).exit_code == 0
    [row] = json.loads(run("list", "--json").stdout)
    assert row["title"] == TITLE
    shown = json.loads(run("show", str(row["id"]), "--json").stdout)
    assert shown["path"] == f"{folder}/caf\\xe9.txt"
    assert "1 unchanged" in run("add", str(folder)).stderr


SHORT = [("Привет, мир!", "koi8_r"), ("Привет, мир!", "cp1251"), ("Привіт, світе!", "koi8_u"),
         ("Слава Україні! Їжак і ґанок.", "koi8_u"), ("Добрий день, як справи?", "cp1251"),
         ("Здравствуйте, как дела?", "koi8_r")]


@pytest.mark.parametrize("text, encoding", SHORT)
def test_short_cyrillic_texts_in_legacy_encodings_read_as_cyrillic(text, encoding):
    assert decode(text.encode(encoding), "x") == text


def test_short_koi8_files_are_stored_in_cyrillic(home, tmp_path):
    paths = []
    for i, (text, encoding) in enumerate(SHORT):
        p = tmp_path / f"{i}.txt"
        p.write_bytes(text.encode(encoding))
        paths.append(str(p))
    assert run("add", *paths).exit_code == 0
    titles = {a["title"] for a in json.loads(run("list", "--json").stdout)}
    assert titles == {text for text, _ in SHORT}  # (the same text twice is one article)


@pytest.mark.parametrize("text, encoding", [
    ("こんにちは、世界。今日はいい天気ですね。", "shift_jis"), ("日本語のテキスト", "shift_jis"), ("東京", "shift_jis"),
    ("ニュース", "shift_jis"), ("Tokyo Olympics 東京 2020", "shift_jis"), ("東京は日本の首都です。", "utf-8"),
    ("北京是中国的首都。", "utf-8"), ("안녕하세요 세계", "utf-8")])
def test_cjk_files_still_read_right(tmp_path, text, encoding):
    assert decode(text.encode(encoding), "x") == text
    p = tmp_path / "cjk.txt"
    p.write_bytes(text.encode(encoding))
    [line] = [json.loads(ln) for ln in run("clean", "--json", str(p)).stdout.splitlines()]
    assert line["body"][0]["text"] == text


def test_an_exotic_reading_keeps_its_place_when_no_cyrillic_reading_makes_words():
    assert guess_encoding("こんにちは".encode("shift_jis")) == "cp932"
    assert files.plausibility("рТЙЧХФ, НЙТ!") < 0.5  # KOI8-R read as windows-1251
    assert files.plausibility("Привет, мир!") == 1.0


# --- text is data, everywhere ------------------------------------------------------------

_TERMINAL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def test_control_sequences_in_any_field_never_reach_the_terminal(home, tmp_path):
    rec = {"id": "g\x1b[1m1\x07", "lang": "en", "title": "Evil \x1b[2Jtitle\x07",
           "text": "The minister said on Monday that the talks would go on.\x9b31m",
           "author": "A\x1b]52;c;aGVsbG8=\x07uthor", "source": "wire\x1b]52;c;aGVsbG8=\x07\x9b2J",
           "url": "https://example.org/x\x1b[31m\x07\x9b1m"}
    path = tmp_path / "evil\x1b[31m.jsonl"
    path.write_text(json.dumps(rec) + "\n", encoding="utf-8")
    added = run("add", "--json", str(path))
    assert added.exit_code == 0, added.stderr
    assert not _TERMINAL.search(added.stderr + added.stdout)
    assert json.loads(added.stdout.splitlines()[0])["path"].endswith("evil\\x1b[31m.jsonl:1")  # readable, inert
    other = tmp_path / "other.jsonl"
    other.write_text(json.dumps(rec | {"id": "2", "url": "https://example.org/y", "source": None,
                                       "text": "Another text, about the talks in Warsaw.\x1b[31m"}) + "\n", encoding="utf-8")
    assert run("add", "--source", "cli\x1b[2J\x9b\x07src", str(other)).exit_code == 0
    listed = run("list")
    md = run("export", "--format", "md").stdout
    as_json = run("list", "--json").stdout
    jsonl = run("export").stdout
    for out in (listed.stdout, listed.stderr, as_json, jsonl):
        assert not _TERMINAL.search(out)
        assert not re.search(r"\\u00(?:[01][0-9a-f]|7f|[89][0-9a-f])", out)  # nor escaped in JSON
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f]", md)
    rows = json.loads(as_json)
    assert {r["source"] for r in rows} == {"wire", "clisrc"}
    assert {r["url"] for r in rows} == {"https://example.org/x", "https://example.org/y"}
    shown = json.loads(run("show", str(rows[0]["id"]), "--json").stdout)
    assert shown["title"] == "Evil title" and "\x1b" not in json.dumps(shown, ensure_ascii=False)
