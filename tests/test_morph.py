"""One morphological analyser per language per process (reader.words.analyser): search,
the recognisers, the name normaliser and language identification share it, since each
instance holds its whole dictionary."""

from __future__ import annotations

import pytest

from reader import lang, words
from reader.entities.nominative import nominative_for


@pytest.mark.parametrize("code", ["uk", "ru"])
def test_every_user_gets_the_same_analyser_and_parse_cache(code: str) -> None:
    a = words.analyser(code)
    assert a is words.analyser(code)
    assert a.lang == code
    assert words.parser(code) is words.parser(code)
    assert nominative_for(code).parse is words.parser(code)
    assert words.word_forms(code) is a.dictionary.words


def test_recognisers_parse_with_the_shared_analyser() -> None:
    from reader.entities.russian import RussianRecogniser
    from reader.entities.ukrainian import UkrainianRecogniser

    assert RussianRecogniser().parse is words.parser("ru")
    assert UkrainianRecogniser().parse is words.parser("uk")


@pytest.mark.parametrize("code", ["uk", "ru"])
def test_word_forms_read_alone_answer_as_the_analyser(code: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Before its analyser loads, language identification reads the word list alone; the
    answers are the analyser's, and the lone copy is dropped once the analyser loads."""
    monkeypatch.setattr(words, "_ANALYSERS", {})
    monkeypatch.setattr(words, "_WORD_FORMS", {})
    alone = words.word_forms(code)
    assert words._WORD_FORMS == {code: alone}
    samples = ["стали", "київ", "москва", "будинок", "дом", "ґанок", "съезд", "бліндаж", "абвгдейка"]
    known = {w: w in alone for w in samples}
    analyser = words.analyser(code)
    assert words._WORD_FORMS == {}
    assert words.word_forms(code) is analyser.dictionary.words
    assert known == {w: analyser.word_is_known(w) for w in samples}
    assert any(known.values()) and not all(known.values())


def test_language_identification_reads_the_dictionaries() -> None:
    # `побачити` and `увидеть` are only in their own language's dictionary.
    assert lang._known("побачити", True, True) == (True, False)
    assert lang._known("увидеть", True, True) == (False, True)
    assert lang._known("увидеть", True, False) == (False, False)  # not asked: False
