"""`reader entities`: a file or standard input, --json, --jsonl, --top, and clear errors."""

from __future__ import annotations

import json

from click.testing import CliRunner

from reader.cli import cli
from reader.model import Article, Block, Entity

EN = "Antony Blinken met NATO chief Jens Stoltenberg in Washington."


def run(*args: str, input: str | None = None):
    return CliRunner().invoke(cli, list(args), input=input)


def test_text_file_prints_spans_with_offsets(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(EN, encoding="utf-8")
    result = run("entities", "--lang", "en", str(path))
    assert result.exit_code == 0, result.output
    rows = [line.split("\t") for line in result.output.splitlines()]
    assert ["0", "14", "PER", "Antony Blinken"] in rows
    for start, end, _label, text, *_ in rows:
        assert EN[int(start) : int(end)] == text


def test_stdin_json_detects_the_language():
    text = "Генсек НАТО встретился с Йенсом Столтенбергом в Вашингтоне."
    result = run("entities", "--json", "-", input=text)
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["lang"] == "ru"
    assert {"start": 25, "end": 45, "label": "PER", "text": "Йенсом Столтенбергом", "norm": "Йенс Столтенберг"} in data["entities"]


def test_jsonl_one_line_per_input_in_one_process():
    lines = [{"text": "Зустріч з Єнсом Столтенбергом відбулася у Львові."}, {"text": ""}, {"text": "Олена Попова приїхала."}]
    result = run("entities", "--lang", "ua", "--jsonl", input="\n".join(json.dumps(x, ensure_ascii=False) for x in lines) + "\n")
    assert result.exit_code == 0, result.output
    out = [json.loads(line) for line in result.output.splitlines()]
    assert len(out) == 3
    assert [10, 29, "PER"] in out[0]["entities"] and [42, 48, "LOC"] in out[0]["entities"]
    assert out[1] == {"entities": []}
    assert [0, 12, "PER"] in out[2]["entities"]


def test_jsonl_bad_line_names_the_line():
    result = run("entities", "--lang", "en", "--jsonl", input='{"text": "ok"}\nnot json\n')
    assert result.exit_code != 0
    assert "line 2" in result.output and "text" in result.output


def test_unknown_language_is_refused():
    result = run("entities", "--lang", "de", "-", input="Hallo")
    assert result.exit_code != 0
    assert "'de'" in result.output


def test_missing_file_names_the_file(tmp_path):
    missing = tmp_path / "nope.txt"
    result = run("entities", "--lang", "en", str(missing))
    assert result.exit_code != 0
    assert "nope.txt" in result.output and "cannot read" in result.output


def test_control_characters_do_not_reach_the_terminal():
    result = run("entities", "--lang", "en", "-", input="\x1b[31mJoe Biden\x1b[0m visited Kyiv.\x07")
    assert result.exit_code == 0
    assert "\x1b" not in result.output and "\x07" not in result.output
    assert "Joe Biden" in result.output


def _mention(text: str, name: str, label: str = "PER", norm: str | None = None) -> tuple[int, Entity]:
    start = text.index(name)
    return 0, Entity(start, start + len(name), label, name, norm or name)


def test_top_lists_the_most_mentioned_entities(store, home):
    article = Article(title="t", body=[Block("p", EN)], lang="en")
    store.add(article, [(0, Entity(0, 14, "PER", "Antony Blinken", "Antony Blinken")), (0, Entity(41, 45, "ORG", "NATO", "NATO"))])
    # Antony / Ентоні differ in a vowel the key keeps: they meet by the store's resolution
    # (names.canonical_keys), which `--top` applies; Ентоні / Энтони meet by key.
    other = Article(title="u", body=[Block("p", "Ентоні Блінкен")], lang="uk")
    store.add(other, [(0, Entity(0, 14, "PER", "Ентоні Блінкен", "Ентоні Блінкен"))])
    third = Article(title="v", body=[Block("p", "Энтони Блинкен")], lang="ru")
    store.add(third, [(0, Entity(0, 14, "PER", "Энтони Блинкен", "Энтони Блинкен"))])
    store.conn.commit()
    result = run("--home", str(home), "entities", "--top", "5", "--json")
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.output.splitlines()]
    assert rows[0]["label"] == "PER" and rows[0]["articles"] == 3 and rows[0]["mentions"] == 3
    assert [r["label"] for r in rows].count("PER") == 1  # one person, one row


def test_top_counts_one_person_once_across_spellings_scripts_and_a_lone_surname(store, home):
    """`Antony Blinken` (en) and `Ентоні Блінкен` (uk) are one row; so are `Путин` and
    `Владимир Путин` (and the Ukrainian `Володимир Путін`): mentions add up, articles count once."""
    texts = [
        ("en", "Antony Blinken met Sergei Lavrov.", ["Antony Blinken", "Sergei Lavrov"]),
        ("uk", "Ентоні Блінкен прибув до Києва. Блінкен зустрівся з міністром.", ["Ентоні Блінкен"]),
        ("ru", "Владимир Путин провёл совещание.", ["Владимир Путин"]),
        ("ru", "Путин заявил, что Путин не поедет.", ["Путин"]),
        ("ru", "Путин и Сергей Лавров встретились.", ["Путин", "Сергей Лавров"]),
        ("uk", "Володимир Путін виступив.", ["Володимир Путін"]),
    ]
    for i, (lang, text, names) in enumerate(texts):
        spans = [_mention(text, n) for n in names]
        if text.count("Путин") == 2:
            at = text.index("Путин", 1)
            spans.append((0, Entity(at, at + 5, "PER", "Путин", "Путин")))
        store.add(Article(f"t{i}", [Block("p", text)], lang=lang, url=f"https://example.org/{i}"), spans)
    store.conn.commit()
    rows = store.top_entities(limit=10)
    by_name = {name: (label, mentions, articles) for name, label, mentions, articles in rows}
    assert len(rows) == 3, rows
    # Путин: 5 mentions in 4 articles (Владимир, Володимир, alone), shown by its most frequent spelling
    assert by_name["Путин"] == ("PER", 5, 4)
    assert ("PER", 2, 2) in by_name.values()  # Blinken: Antony and Ентоні
    assert by_name["Sergei Lavrov"] == ("PER", 2, 2)  # one key already; a tie shown in the order of the names
    assert store.top_entities(limit=10, label="PER") == rows
    assert store.top_entities(limit=10, label="LOC") == []
    result = run("--home", str(home), "entities", "--top", "2")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0] == "PER\t4\t5\tПутин"


def test_two_people_of_one_surname_stay_apart_in_top(store, home):
    for i, (text, name) in enumerate([("Joe Biden spoke.", "Joe Biden"), ("Hunter Biden spoke.", "Hunter Biden"),
                                      ("Biden spoke.", "Biden")]):
        store.add(Article(f"b{i}", [Block("p", text)], lang="en", url=f"https://example.org/b{i}"), [_mention(text, name)])
    store.conn.commit()
    assert sorted(name for name, *_ in store.top_entities()) == ["Biden", "Hunter Biden", "Joe Biden"]
