"""The command line through Click's runner, and the installed console script in a subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from reader.cli import cli
from conftest import SAMPLES

RBC = str(SAMPLES / "000_af0c14c35a6c46c4.txt")
KI = str(SAMPLES / "003_1d78ed1c9f51288a.txt")


def run(*args, input=None):
    return CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)


def test_add_twice_leaves_two_articles_and_search_finds_rbc(home):
    first = run("add", RBC, KI)
    assert first.exit_code == 0, first.output
    assert "2 added" in first.stderr
    second = run("add", RBC, KI)
    assert second.exit_code == 0
    assert "2 unchanged" in second.stderr
    listed = json.loads(run("list", "--json").stdout)
    assert len(listed) == 2
    hits = json.loads(run("search", "stoltenberg", "--json").stdout)["hits"]
    assert hits and hits[0]["title"].startswith("Anniversary NATO summit")
    assert set(hits[0]) >= {"id", "title", "snippet", "score"}


def test_cyrillic_search_after_adding_a_ukrainian_text(home, tmp_path):
    uk = tmp_path / "uk.txt"
    uk.write_text("Блінкен прибув до Києва\n\nДержсекретар США Ентоні Блінкен прибув до Києва з візитом.\n", encoding="utf-8")
    assert run("add", str(uk)).exit_code == 0
    hits = json.loads(run("search", "блінкен", "--json").stdout)["hits"]
    assert [h["title"] for h in hits] == ["Блінкен прибув до Києва"]
    out = run("search", "БЛІНКЕН").stdout
    assert "Блінкен прибув до Києва" in out


def test_bad_files_get_one_error_line_and_the_rest_goes_in(home, tmp_path):
    assert run("add", RBC).exit_code == 0
    binary = tmp_path / "photo.txt"
    binary.write_bytes(bytes(range(256)) * 64)
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    bad_jsonl = tmp_path / "records.jsonl"
    bad_jsonl.write_text('{"title": "Good record", "text": "Some body text here.", "lang": "en"}\nnot json\n', encoding="utf-8")
    nothing = tmp_path / "nothing"
    nothing.mkdir()
    (nothing / "image.png").write_bytes(b"\x89PNG")
    result = run("add", str(binary), str(empty), str(bad_jsonl), str(nothing), KI)
    assert result.exit_code == 1
    errors = [ln for ln in result.stderr.splitlines() if ln.startswith("error: ")]
    assert len(errors) == 4
    assert any(str(binary) in e and "binary" in e for e in errors)
    assert any(str(empty) in e and "empty" in e for e in errors)
    assert any(f"{bad_jsonl}:2" in e and "not JSON" in e for e in errors)
    assert any(str(nothing) in e for e in errors)
    assert "1 failed" not in result.stderr and "4 failed" in result.stderr
    titles = {a["title"] for a in json.loads(run("list", "--json").stdout)}
    assert len(titles) == 3 and "Good record" in titles


def test_legacy_encodings_are_decoded(home, tmp_path):
    cp = tmp_path / "ru.txt"
    cp.write_bytes(("Министры обсудили поставки оружия Украине\n\nВ понедельник в Киеве прошла встреча министров иностранных дел Украины и Польши. "
                    "Министры обсудили поставки оружия, восстановление энергетики и вступление в Евросоюз.\n").encode("cp1251"))
    latin = tmp_path / "fr.txt"
    latin.write_bytes(("Café à Zürich\n\nLe président a déclaré que la coopération entre les deux pays était très importante "
                       "pour la sécurité de l'Europe et pour l'économie de la région.\n").encode("latin-1"))
    assert run("add", str(cp), str(latin)).exit_code == 0
    titles = {a["title"] for a in json.loads(run("list", "--json").stdout)}
    assert titles == {"Министры обсудили поставки оружия Украине", "Café à Zürich"}


def test_too_large_file_is_refused(home, tmp_path):
    big = tmp_path / "big.txt"
    with big.open("wb") as f:
        f.truncate(50 * 1024 * 1024)
    result = run("add", str(big))
    assert result.exit_code == 1
    assert "too large" in result.stderr


def test_offline_url_is_an_error_line(home):
    result = run("add", "http://127.0.0.1:9/nothing-listens-here")
    assert result.exit_code == 1
    [line] = [ln for ln in result.stderr.splitlines() if ln.startswith("error: ")]
    assert line.startswith("error: http://127.0.0.1:9/nothing-listens-here: ")


def test_clean_json_shape_and_order(tmp_path):
    missing = str(tmp_path / "missing.txt")
    result = run("clean", "--json", KI, missing, RBC)
    lines = [json.loads(ln) for ln in result.stdout.splitlines()]
    assert [ln["path"] for ln in lines] == [KI, missing, RBC]
    assert set(lines[0]) == {"path", "title", "author", "published", "lang", "site_languages", "captions", "body"}
    assert lines[0]["body"][0]["kind"] in ("p", "h", "quote", "li")
    assert set(lines[1]) == {"path", "error"}
    assert result.exit_code == 1


def test_show_list_remove_export(home, tmp_path):
    run("add", RBC, KI)
    rows = json.loads(run("list", "--json").stdout)
    rbc = next(r for r in rows if r["title"].startswith("Anniversary"))
    shown = json.loads(run("show", str(rbc["id"]), "--json").stdout)
    assert shown["title"] == rbc["title"] and shown["body"]
    assert "NATO" in run("show", str(rbc["id"])).stdout
    assert run("show", "999").exit_code == 1
    md = run("export", "--format", "md").stdout
    assert md.count("\n# ") + md.startswith("# ") == 2
    jsonl = [json.loads(ln) for ln in run("export").stdout.splitlines()]
    assert {r["title"] for r in jsonl} == {r["title"] for r in rows}
    assert all(r["text"] for r in jsonl)
    assert run("remove", str(rbc["id"])).exit_code == 0
    assert len(json.loads(run("list", "--json").stdout)) == 1
    assert run("remove", str(rbc["id"])).exit_code == 1


def test_export_an_article_a_story_or_a_filtered_view(home, tmp_path):
    uk = tmp_path / "uk.txt"
    uk.write_text("Блінкен прибув до Києва\n\nДержсекретар США Ентоні Блінкен прибув до Києва з візитом.\n", encoding="utf-8")
    run("add", RBC, KI, str(uk))
    rows = json.loads(run("list", "--json").stdout)
    by_lang = {r["lang"]: r["id"] for r in rows}
    one = run("export", "--id", str(by_lang["uk"]))
    assert one.exit_code == 0 and [json.loads(ln)["id"] for ln in one.stdout.splitlines()] == [by_lang["uk"]]
    # two ids in the order given; an unknown one is an error line, the others still written
    out = tmp_path / "two.md"
    two = run("export", "--format", "md", "-o", str(out), "--id", str(rows[1]["id"]), "--id", "999", "--id", str(rows[0]["id"]))
    assert two.exit_code == 1 and "no article with id 999" in two.stderr
    md = out.read_text(encoding="utf-8")
    assert md.count("\n# ") + md.startswith("# ") == 2 and md.index(rows[1]["title"][:20]) < md.index(rows[0]["title"][:20])
    # the list's filters: the filtered view, newest first
    filtered = run("export", "--lang", "uk")
    assert [json.loads(ln)["title"] for ln in filtered.stdout.splitlines()] == ["Блінкен прибув до Києва"]
    assert run("export", "--lang", "uk", "--id", str(by_lang["en"])).stdout == ""  # ids kept to the filters
    # a story: its articles
    story = json.loads(run("show", str(by_lang["en"]), "--json").stdout)["story"]
    got = [json.loads(ln)["id"] for ln in run("export", "--story", str(story["id"])).stdout.splitlines()]
    assert sorted(got) == sorted(story["articles"]) and by_lang["en"] in got
    missing = run("export", "--story", "999")
    assert missing.exit_code == 1 and "no story with id 999" in missing.stderr
    assert len(run("export").stdout.splitlines()) == 3  # no choice: everything, as before


def test_export_markdown_is_text_not_markup(home, tmp_path):
    evil = tmp_path / "evil.txt"
    evil.write_text("# [click](javascript:alert(1)) <b>bold</b>\n\n- not a list\n1. not numbered\n=== ~~strike~~ &amp; ![img](x)\n", encoding="utf-8")
    run("add", str(evil))
    md = run("export", "--format", "md").stdout
    assert "\\[click\\](javascript:alert(1))" in md and "\\<b\\>" in md
    assert "\\- not a list" in md and "1\\. not numbered" in md and "\\=== \\~\\~strike" in md and "\\&amp;" in md and "\\!\\[img\\]" in md


def test_list_filters(home):
    run("add", RBC, KI)
    assert json.loads(run("list", "--json", "--lang", "uk").stdout) == []
    assert len(json.loads(run("list", "--json", "--lang", "en", "--limit", "1").stdout)) == 1
    assert run("list", "--since", "yesterday-ish").exit_code == 2


def test_corpus_records_go_in_with_their_metadata(home, tmp_path):
    rec = {"id": "x1", "lang": "uk", "title": None, "text": "Перший абзац про бюджет.\nДругий абзац.", "date": "2024-03-05", "source": "nashigroshi", "url": "https://example.org/x1"}
    path = tmp_path / "c.jsonl"
    path.write_text(json.dumps(rec, ensure_ascii=False) + "\n", encoding="utf-8")
    assert run("add", str(path)).exit_code == 0
    [row] = json.loads(run("list", "--json", "--source", "nashigroshi").stdout)
    assert (row["lang"], row["date"], row["url"]) == ("uk", "2024-03-05", "https://example.org/x1")
    assert row["title"] == "Перший абзац про бюджет"


def test_console_script_in_a_subprocess(tmp_path):
    exe = Path(sys.executable).parent / "reader"
    assert exe.exists(), "the package is installed with its console script"
    env = os.environ | {"READER_HOME": str(tmp_path / "h")}
    add = subprocess.run([str(exe), "add", RBC, KI], capture_output=True, text=True, env=env, timeout=120)
    assert add.returncode == 0, add.stderr
    out = subprocess.run([str(exe), "search", "stoltenberg", "--json"], capture_output=True, text=True, env=env, timeout=60)
    assert json.loads(out.stdout)["hits"][0]["title"].startswith("Anniversary NATO summit")
    mod = subprocess.run([sys.executable, "-m", "reader", "list"], capture_output=True, text=True, env=env, timeout=60)
    assert mod.returncode == 0 and mod.stdout.count("\n") == 2
    assert (tmp_path / "h" / "reader.db").exists()
