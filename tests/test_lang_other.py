"""Bulgarian, Macedonian, Serbian, Belarusian and Kazakh come out `other` (issue 13):
letters a language never writes in a place, and words neither uk nor ru dictionary knows."""

from __future__ import annotations

import pytest

from reader.lang import detect

BULGARIAN_HARD_SIGN = [
    "Президентът се срещна с министър-председателя в София.",
    "Министърът на финансите представи новия данъчен закон.",
    "Кметът на Пловдив откри новия парк в центъра на града.",
]


@pytest.mark.parametrize("text", BULGARIAN_HARD_SIGN)
def test_a_hard_sign_where_russian_never_writes_it_is_not_russian(text: str) -> None:
    # ъ at a word's end (`-ът`) or before a consonant (`министър`): Russian writes it only before е ё ю я
    assert detect(text)[0] == "other", text


@pytest.mark.parametrize("text", [
    "Жители подъезда объявили сбор подписей перед съездом.",
    "Объём инвестиций вырос, сообщил министр.",
])
def test_russian_hard_sign_before_a_vowel_stays_russian(text: str) -> None:
    assert detect(text)[0] == "ru", text


def test_words_no_dictionary_knows_count_against_uk_and_ru() -> None:
    # Bulgarian definite forms (`последната`, `повишиха`) are regular words of neither
    assert detect("Цените на горивата отново се повишиха през последната седмица.")[0] == "other"
