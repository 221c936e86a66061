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


def test_context_normaliser_reads_with_the_shared_analyser() -> None:
    """natasha's sentence-level normaliser, for names the dictionary reads two ways, asks
    the shared pymorphy3 analyser (not a pymorphy2 one over a second Russian dictionary)."""
    from reader.entities.russian import RussianRecogniser, _Vocab

    r = RussianRecogniser()
    text = "Самым удачным фильмом в 2007 году был «Эль Греко», снятый под руководством Яниса Смарагдиса."
    start = text.index("Яниса")
    assert len(r.readings("Яниса Смарагдиса", "PER")) > 1  # the dictionary alone cannot tell
    assert r.in_context(text, start, start + len("Яниса Смарагдиса")) == "Янис Смарагдис"
    vocab = r._context[2]
    assert isinstance(vocab, _Vocab) and vocab.parse is words.parser("ru")
    forms = vocab("смарагдиса")
    assert any(f.pos == "NOUN" and f.feats.get("Case") == "Gen" for f in forms)
    assert {f.inflect({"Nom"}).word for f in forms if f.feats.get("Case") == "Gen"} >= {"смарагдис"}
