"""`reader models …`, `reader translate …` and `reader show --lang` through Click's runner."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from reader.cli import cli
from reader.model import Article, Block

PACKAGES = Path(__file__).resolve().parent / "packages"
EN, UK = "The minister announced new sanctions on Monday.", "Міністр оголосив нові санкції у понеділок."
EN2, UK2 = "The talks in Kyiv ended yesterday.", "Переговори в Києві завершилися вчора."


def run(*args):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def _articles(store):
    first, _ = store.add(Article(title=EN2, body=[Block("h", EN), Block("p", f"{EN} {EN2}")], lang="en"))
    second, _ = store.add(Article(title=EN, body=[Block("p", EN2)], lang="en"))
    third, _ = store.add(Article(title=UK, body=[Block("p", UK2)], lang="uk"))
    return first, second, third


def test_models_install_list_remove(home):
    done = run("models", "install", str(PACKAGES / "en_uk.argosmodel"))
    assert done.exit_code == 0, done.output
    assert "installed en→uk 1.0" in done.output
    [listed] = json.loads(run("models", "list", "--json").stdout)
    assert listed["key"] == "en-uk@1.0" and listed["size"] > 100_000
    assert Path(listed["path"]).parent == home / "packages"
    assert "en→uk" in run("models", "list").stdout
    assert "removed en→uk 1.0" in run("models", "remove", "en", "ua").stdout  # ua is uk
    assert json.loads(run("models", "list", "--json").stdout) == []
    again = run("models", "remove", "en", "uk")
    assert again.exit_code == 1 and "no package installed for en→uk" in again.stderr


def test_bad_package_file_is_one_clear_line(home, tmp_path):
    junk = tmp_path / "junk.argosmodel"
    junk.write_text("not a zip")
    done = run("models", "install", str(junk))
    assert done.exit_code == 1
    assert done.stderr.strip() == f"Error: {junk}: not an .argosmodel package (not a zip file)"


def test_translate_show_and_all(home, store):
    first, second, third = _articles(store)
    missing = run("translate", str(first), "--to", "uk")
    assert missing.exit_code == 1 and "reader models install en uk" in missing.stderr
    run("models", "install", str(PACKAGES / "en_uk.argosmodel"))

    done = run("translate", str(first), "--to", "ua", "--json")
    assert done.exit_code == 0, done.output
    out = json.loads(done.stdout)
    assert out["package"] == "en-uk@1.0" and out["title"] == UK2
    assert out["body"] == [{"kind": "h", "text": UK}, {"kind": "p", "text": f"{UK} {UK2}"}]
    assert UK in run("translate", str(first), "--to", "uk").stdout
    shown = json.loads(run("show", str(first), "--lang", "uk", "--json").stdout)
    assert shown["translation"]["body"][1]["text"] == f"{UK} {UK2}"

    # --all translates what is left into uk (the second article; the third is Ukrainian already).
    every = run("translate", "--all", "--to", "uk", "--json")
    assert every.exit_code == 0, every.output
    assert json.loads(every.stdout) == {"translated": 1, "skipped": 0}
    assert store.get_translation(second, "uk")[1] == UK
    assert store.get_translation(third, "uk") is None
    # Ukrainian → Russian needs packages that are not installed: skipped with the command to run.
    to_ru = run("translate", "--all", "--to", "ru")
    assert "3 skipped" in to_ru.stdout and "reader models install en ru" in to_ru.stderr


def test_translate_needs_an_id_or_all(home):
    assert run("translate", "--to", "uk").exit_code == 2
    assert "translate to en, uk or ru" in run("translate", "1", "--to", "de").stderr
