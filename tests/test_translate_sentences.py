"""The offline sentence splitter for en/uk/ru news prose."""

from __future__ import annotations

import pytest

from reader.translate.sentences import split_block, split_sentences


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The minister spoke. The mayor left.", ["The minister spoke.", "The mayor left."]),
        ("Mr. Smith met J. Biden in the U.S. on Friday. He left.", ["Mr. Smith met J. Biden in the U.S. on Friday.", "He left."]),
        ("Президент В. Зеленський заявив: «Ми переможемо!» Потім він поїхав.",
         ["Президент В. Зеленський заявив: «Ми переможемо!»", "Потім він поїхав."]),
        ("Він мешкає на вул. Хрещатик. Це у м. Київ.", ["Він мешкає на вул. Хрещатик.", "Це у м. Київ."]),
        ("Сказал он… А потом ушёл? Да. 2024 год стал рекордным.", ["Сказал он…", "А потом ушёл?", "Да.", "2024 год стал рекордным."]),
        ("Prices rose 3.5 percent. Then fell.", ["Prices rose 3.5 percent.", "Then fell."]),
        ("no capital after. so one sentence", ["no capital after. so one sentence"]),
        ("   ", []),
    ],
)
def test_split_sentences(text, expected):
    assert split_sentences(text) == expected


def test_split_block_keeps_lines():
    assert split_block("One. Two.\n\nThree") == [["One.", "Two."], [], ["Three"]]
