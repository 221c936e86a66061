"""Named entities with the real models: exact spans, nominative names, merge keys, lazy loading."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from reader.entities import chunks, find_entities, merge_key

SHARED = Path(__file__).resolve().parents[2] / "shared"


def spans(text: str, lang: str) -> set[tuple[str, str]]:
    return {(text[e.start : e.end], e.label) for e in find_entities(text, lang)}


def by_text(text: str, lang: str) -> dict[str, tuple[str, str]]:
    return {e.text: (e.label, e.norm) for e in find_entities(text, lang)}


# --- English ------------------------------------------------------------------------------


def test_english_people_places_organisations():
    text = "Antony Blinken met NATO chief Jens Stoltenberg in Washington, then flew to Kyiv."
    assert {("Antony Blinken", "PER"), ("NATO", "ORG"), ("Jens Stoltenberg", "PER"), ("Washington", "LOC"), ("Kyiv", "LOC")} <= spans(text, "en")


def test_english_span_edges_drop_the_and_titles_and_possessive():
    text = "The talks at the White House went on, Ms Pugh said, and Biden's plan passed."
    found = spans(text, "en")
    assert ("White House", "ORG") in found
    assert ("Pugh", "PER") in found
    assert ("Biden", "PER") in found


def test_english_acronym_is_an_organisation():
    assert ("GCHQ", "ORG") in spans("Officials at GCHQ declined to comment on the report.", "en")


def test_english_given_name_joins_the_surname():
    text = "Anders Fogh Rasmussen, the alliance's former secretary general, said so."
    assert ("Anders Fogh Rasmussen", "PER") in spans(text, "en")


def test_offsets_index_into_the_text():
    text = "Yesterday Volodymyr Zelensky spoke in Kharkiv."
    for e in find_entities(text, "en"):
        assert text[e.start : e.end] == e.text


# --- Russian ------------------------------------------------------------------------------


def test_russian_spans_and_nominative():
    text = "Генсек НАТО встретился с Йенсом Столтенбергом в Вашингтоне."
    found = by_text(text, "ru")
    assert found["НАТО"][0] == "ORG"
    assert found["Йенсом Столтенбергом"] == ("PER", "Йенс Столтенберг")
    assert found["Вашингтоне"] == ("LOC", "Вашингтон")


def test_russian_organisation_takes_its_country():
    found = by_text("Решение принял Верховный суд Бангладеша в понедельник.", "ru")
    assert found.get("Верховный суд Бангладеша", ("",))[0] == "ORG"


def test_russian_dates():
    found = by_text("Саммит пройдёт 9 июля 2024 года в Вашингтоне.", "ru")
    assert found["9 июля 2024 года"][0] == "DATE"


# --- Ukrainian ----------------------------------------------------------------------------


def test_ukrainian_people_in_the_nominative():
    text = "Генсек НАТО зустрівся з Єнсом Столтенбергом, а потім з Оленою Поповою у Києві."
    found = by_text(text, "uk")
    assert found["НАТО"][0] == "ORG"
    assert found["Єнсом Столтенбергом"] == ("PER", "Єнс Столтенберг")
    assert found["Оленою Поповою"] == ("PER", "Олена Попова")
    assert found["Києві"] == ("LOC", "Київ")


def test_ukrainian_organisations_by_legal_form_and_head_noun():
    text = "Рішення ухвалив Господарський суд Київської області, а ТОВ «Нью Сторі» оскаржило його."
    found = by_text(text, "uk")
    assert found["ТОВ «Нью Сторі»"][0] == "ORG"
    assert found["Господарський суд Київської області"][0] == "ORG"


def test_ukrainian_organisation_normalised_with_agreeing_words():
    found = by_text("Депутати Київської обласної ради проголосували.", "uk")
    assert found["Київської обласної ради"] == ("ORG", "Київська обласна рада")


def test_ukrainian_pronoun_at_sentence_start_is_not_a_name():
    found = by_text("Вона прийшла додому. Він мовчав.", "uk")
    assert "Вона" not in found and "Він" not in found


def test_ukrainian_date():
    assert by_text("Угоду уклали 29 квітня 2024 року.", "uk")["29 квітня 2024 року"][0] == "DATE"


# --- merge key ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "label, names",
    [
        ("PER", ("Blinken", "Блінкен", "Блинкен")),
        ("PER", ("Ентоні Блінкен", "Энтони Блинкен")),
        ("PER", ("Zelensky", "Зеленський", "Зеленский")),
        ("PER", ("Stoltenberg", "Столтенберг", "Столтенберг")),
        ("LOC", ("Kyiv", "Київ", "Киев")),
        ("ORG", ("NATO", "НАТО", "НАТО")),
        ("LOC", ("Europe", "Європа", "Европа")),  # CLDR's regions (reader/data/regions.tsv)
        ("LOC", ("Southeast Asia", "Південно-Східна Азія", "Юго-Восточная Азия")),
    ],
)
def test_merge_key_meets_across_scripts(label, names):
    assert len({merge_key(n, label) for n in names}) == 1


def test_merge_key_keeps_different_names_apart():
    assert merge_key("Blinken", "PER") != merge_key("Biden", "PER")
    assert merge_key("NATO", "ORG") != merge_key("Nato Tech", "ORG")


# --- robustness ---------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "uk", "ru"])
@pytest.mark.parametrize("text", ["", "   \n\t", "\x00\x1b[31m\x07\u202e", "« » — … !!!", "1234 5678"])
def test_odd_input_gives_no_crash(lang, text):
    for e in find_entities(text, lang):
        assert text[e.start : e.end] == e.text


def test_unknown_language_gives_nothing():
    assert find_entities("Some text about Paris.", "other") == []


@pytest.mark.parametrize(
    "lang,sentence",
    [
        ("en", "Jens Stoltenberg arrived in Brussels. "),
        ("uk", "Єнс Столтенберг прибув до Брюсселя. "),
        ("ru", "Йенс Столтенберг прибыл в Брюссель. "),
    ],
)
def test_huge_text_is_cut_into_pieces_with_true_offsets(lang, sentence):
    text = sentence * 3000  # over 100,000 characters: several pieces
    found = find_entities(text, lang)
    assert len([e for e in found if e.label == "PER"]) >= 2900
    assert all(text[e.start : e.end] == e.text for e in found)


def test_chunks_cut_at_spaces_and_cover_the_text():
    text = "word " * 1000
    pieces = chunks(text, 333)
    assert "".join(p for _, p in pieces) == text
    assert all(p.endswith(" ") for _, p in pieces[:-1])
    assert [o for o, _ in pieces] == [sum(len(p) for _, p in pieces[:i]) for i in range(len(pieces))]


# --- lazy loading -------------------------------------------------------------------------


def _run(code: str) -> dict:
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_only_the_languages_asked_for_are_loaded():
    got = _run(
        "import json, sys\n"
        "from reader.entities import find_entities, loaded_languages\n"
        "before = sorted(loaded_languages())\n"
        "find_entities('Путин прибыл в Москву.', 'ru')\n"
        "print(json.dumps({'before': before, 'after': sorted(loaded_languages()), 'spacy': 'spacy' in sys.modules}))"
    )
    assert got == {"before": [], "after": ["ru"], "spacy": False}


def test_english_loads_without_torch_and_leaves_torch_importable():
    got = _run(
        "import json, sys, importlib.util\n"
        "from reader.entities import find_entities\n"
        "find_entities('Joe Biden spoke in Washington.', 'en')\n"
        "print(json.dumps({'torch': 'torch' in sys.modules, 'findable': importlib.util.find_spec('torch') is not None}))"
    )
    assert got == {"torch": False, "findable": True}


# --- the sample articles ------------------------------------------------------------------


@pytest.mark.parametrize("name", ["000_af0c14c35a6c46c4", "003_1d78ed1c9f51288a"])
def test_sample_articles_expected_entities_are_found(name):
    expected_file = SHARED / "samples" / "expected" / f"{name}.json"
    if not expected_file.exists():
        pytest.skip("../shared/samples not present")
    expected = json.loads(expected_file.read_text(encoding="utf-8"))
    raw = (SHARED / "samples" / "raw" / f"{name}.txt").read_text(encoding="utf-8")
    body = "\n".join(raw.split("\n")[3:])  # past the site's language toggle and the title
    found = find_entities(body, expected["lang"])
    got = {(e.label, e.text) for e in found} | {(e.label, e.norm) for e in found}
    missing = [(label, n) for label, names in expected["entities_expected"].items() for n in names if (label, n) not in got]
    assert missing == []


def test_ukrainian_addresses_settlements_and_headed_places():
    text = "Будівля стоїть на вул. Київська, 94 у м. Рівне, біля Поштової площі в Київській області."
    found = by_text(text, "uk")
    assert found["вул. Київська, 94"][0] == "LOC"
    assert found["Рівне"][0] == "LOC"
    assert found["Поштової площі"] == ("LOC", "Поштова площа")
    assert found["Київській області"] == ("LOC", "Київська область")
