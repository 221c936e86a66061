"""Language identification: en / uk / ru / other on sentences and 3-word snippets written
for these tests, the Cyrillic neighbours that must not pass for uk or ru, bad input,
determinism, and `reader detect`."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.cli import cli
from reader.lang import LABELS, detect, detect_many

EN = [
    "The city council voted on Tuesday to close the old bridge for repairs.",
    "She said the talks would continue next week in Geneva.",
    "Prices for bread and milk have risen sharply since the spring.",
    "I don't think we should leave before the rain stops.",
]
UK = [
    "Міська рада у вівторок проголосувала за закриття старого мосту на ремонт.",
    "Вона сказала, що переговори продовжаться наступного тижня в Женеві.",
    "Ціни на хліб і молоко різко зросли з весни.",
    "Мені здається, що нам варто йти, поки не скінчиться дощ.",
]
RU = [
    "Городской совет во вторник проголосовал за закрытие старого моста на ремонт.",
    "Она сказала, что переговоры продолжатся на следующей неделе в Женеве.",
    "Цены на хлеб и молоко резко выросли с весны.",
    "Мне кажется, что нам стоит уходить, пока не кончится дождь.",
]
# Three words, each with no letter that only one of uk/ru has in some of them.
UK_SNIPPETS = ["Це моя мама", "Він був вдома", "Де ти живеш?", "Вона має рацію", "Коли буде потяг?", "Дякую за допомогу"]
RU_SNIPPETS = ["Это моя мама", "Он был дома", "Где ты живёшь?", "Она права, конечно", "Когда будет поезд?", "Спасибо за помощь"]
EN_SNIPPETS = ["Markets fall again", "Talks collapse overnight", "Where is everyone?", "Rain expected tomorrow"]

OTHER_CYRILLIC = {
    "be": [
        "Гэта была вельмі цікавая кніга пра жыццё ў вёсцы.",
        "Мы заўсёды сустракаемся ў кавярні каля ўніверсітэта.",
        "Сёння ў Мінску ішоў дождж увесь дзень.",
    ],
    "bg": [
        "Това е най-хубавият ден в живота ми.",
        "Правителството реши да увеличи заплатите на учителите.",
        "Утре ще отидем на планина със семейството.",
    ],
    "mk": [
        "Ова е најубавиот ден во мојот живот.",
        "Владата одлучи да ги зголеми платите на наставниците.",
        "Утре ќе одиме на планина со семејството.",
    ],
    "sr": [
        "Ово је најлепши дан у мом животу.",
        "Влада је одлучила да повећа плате наставницима.",
        "Сутра ћемо ићи на планину са породицом.",
    ],
    "kk": [
        "Бұл менің өмірімдегі ең жақсы күн.",
        "Үкімет мұғалімдердің жалақысын көтеруге шешім қабылдады.",
        "Ертең біз отбасымызбен тауға барамыз.",
    ],
}
LATIN_OTHER = [
    "Die Regierung hat beschlossen, die Gehälter der Lehrer zu erhöhen.",  # de
    "Le gouvernement a décidé d'augmenter les salaires des enseignants.",  # fr
    "O governo decidiu aumentar os salários dos professores.",  # pt
    "El gobierno ha decidido aumentar los salarios de los maestros.",  # es
    "Il governo ha deciso di aumentare gli stipendi degli insegnanti.",  # it
    "De regering heeft besloten de salarissen van leraren te verhogen.",  # nl
    "Rząd postanowił podnieść pensje nauczycieli w całym kraju.",  # pl
]


@pytest.mark.parametrize(
    ("lang", "text"),
    [("en", t) for t in EN + EN_SNIPPETS]
    + [("uk", t) for t in UK + UK_SNIPPETS]
    + [("ru", t) for t in RU + RU_SNIPPETS],
)
def test_en_uk_ru_sentences_and_snippets(lang: str, text: str) -> None:
    label, confidence = detect(text)
    assert label == lang, text
    assert 0.5 < confidence <= 1.0


@pytest.mark.parametrize("lang", ["uk", "ru"])
def test_three_word_cuts_of_sentences(lang: str) -> None:
    # (A cut both languages write alike, such as "Я не думаю", is a coin toss: not tested.)
    sentences = UK if lang == "uk" else RU
    cuts = [" ".join(s.split()[:3]) for s in sentences]
    assert [label for label, _ in detect_many(cuts)] == [lang] * len(cuts)


@pytest.mark.parametrize(("lang", "text"), [(k, t) for k, ts in OTHER_CYRILLIC.items() for t in ts])
def test_other_cyrillic_languages_are_other(lang: str, text: str) -> None:
    assert detect(text)[0] == "other", (lang, text)


@pytest.mark.parametrize("text", LATIN_OTHER)
def test_latin_script_non_english_is_other(text: str) -> None:
    assert detect(text)[0] == "other", text


def test_latin_arbiter_on_texts_the_word_lists_leave_open() -> None:
    # An accent, or no function word of either side: langdetect's profiles decide.
    assert detect("Café owners protest new parking charges downtown")[0] == "en"
    assert detect("Schnee und Regen erwartet")[0] == "other"
    assert detect("Ceny mieszkań rosną szybko")[0] == "other"


def test_a_lower_case_i_standing_alone_is_no_english_pronoun() -> None:
    # "i" is "in" or "and" in Norwegian, Swedish, Italian…; English writes "I" (and "i.e.").
    assert detect("Kraftig regn ventes i morgen")[0] == "other"
    assert detect("Vi bor i Stockholm")[0] == "other"
    assert detect("I think we should go to Oslo")[0] == "en"
    assert detect("The talks, i.e. the summit, went well")[0] == "en"


def test_letters_decide_even_a_single_word() -> None:
    assert detect("їжачок")[0] == "uk"
    assert detect("объявил")[0] == "ru"
    assert detect("Сьогодні")[0] == "uk"
    assert detect("Сегодня")[0] == "ru"
    assert detect("м'ясо")[0] == "uk"  # the apostrophe is a Ukrainian letter


def test_frequent_words_the_uk_dictionary_lacks() -> None:
    # pymorphy3's uk dictionary has no ще or теж; without the word list they read as Russian.
    assert detect("Ще раз")[0] == "uk"
    assert detect("Ще 20 тонн")[0] == "uk"
    assert detect("Ми теж")[0] == "uk" and detect("Ми теж")[1] > 0.8


def test_names_only_the_uk_dictionary_knows_weigh_less() -> None:
    # `Байдена` is in the uk dictionary only, as many surnames are; a Russian verb outweighs it.
    assert detect("Макрон поздравил Байдена")[0] == "ru"


def test_latin_look_alikes_inside_cyrillic_words() -> None:
    # A Latin "i" typed for the Cyrillic one, as happens on Ukrainian sites.
    assert detect("Я приготую сашiмi на обiд.")[0] == "uk"


def test_latin_names_inside_cyrillic_text() -> None:
    assert detect("Google, Facebook и Amazon")[0] == "ru"
    assert detect("Компанія Google оштрафована")[0] == "uk"


@pytest.mark.parametrize("text", ["", "   ", "\n\t", "12345 67.89", "!!! ??? ...", "😀🎉👍", "\x00\x01\x1b\x7f\u200b"])
def test_letterless_text_is_other_with_no_confidence(text: str) -> None:
    assert detect(text) == ("other", 0.0)


def test_other_scripts() -> None:
    for text in ["Καλημέρα σας, τι κάνετε;", "مرحبا بكم في الأخبار", "今日は良い天気です", "שלום לכולם"]:
        label, confidence = detect(text)
        assert label == "other" and confidence > 0.5


def test_mixed_scripts_and_control_characters() -> None:
    assert detect("Київ\x00 сьогодні \x1b[1mвідзначає\x1b[0m свято")[0] == "uk"
    label, confidence = detect("Hello Привіт 你好 مرحبا 😀")
    assert label in LABELS and 0.0 <= confidence <= 1.0


def test_ten_megabytes_on_one_line() -> None:
    text = "Україна понад усе " * (10 * 1024 * 1024 // 18)
    assert detect(text)[0] == "uk"
    assert detect("x" * 10_000_000)[0] in LABELS


def test_deterministic() -> None:
    texts = EN + UK + RU + LATIN_OTHER + [t for ts in OTHER_CYRILLIC.values() for t in ts] + ["Guten Tag und so"]
    first = detect_many(texts)
    assert detect_many(list(reversed(texts))) == list(reversed(first))
    assert [detect(t) for t in texts] == first


def test_rejects_non_text() -> None:
    with pytest.raises(TypeError):
        detect(b"bytes")  # type: ignore[arg-type]


@given(st.text(max_size=300))
@settings(max_examples=300, deadline=None)
def test_any_string_gets_a_label_and_a_confidence(text: str) -> None:
    label, confidence = detect(text)
    assert label in LABELS
    assert 0.0 <= confidence <= 1.0
    assert detect(text) == (label, confidence)


def test_cli_detect_reads_lines() -> None:
    stdin = "\n".join([EN[0], UK[0], RU[0], OTHER_CYRILLIC["bg"][0], "", "12345"]) + "\n"
    result = CliRunner().invoke(cli, ["detect"], input=stdin)
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert [line.split("\t")[0] for line in lines] == ["en", "uk", "ru", "other", "other", "other"]
    for line in lines:
        confidence = line.split("\t")[1]
        assert 0.0 <= float(confidence) <= 1.0 and len(confidence.split(".")[1]) == 3


def test_cli_detect_json() -> None:
    result = CliRunner().invoke(cli, ["detect", "--json"], input=f"{UK_SNIPPETS[0]}\r\n{RU_SNIPPETS[0]}")
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.output.splitlines()]
    assert [r["lang"] for r in rows] == ["uk", "ru"]
    assert all(set(r) == {"lang", "confidence"} and 0 <= r["confidence"] <= 1 for r in rows)
