"""The stages between the cleaner and the store: languages, then entities per block."""

from __future__ import annotations

from reader.model import Article, Block, Caption
from reader.pipeline import article_entities, detect_languages, understand


def test_languages_of_article_and_blocks():
    a = Article("Саміт НАТО у Вашингтоні", [Block("p", "Державний секретар США заявив, що зустріч буде присвячена підтримці України."),
                                             Block("p", "The summit will focus on bolstering Ukraine's long-term success.")])
    detect_languages(a)
    assert a.lang == "uk" and 0 < a.lang_confidence <= 1
    assert [b.lang for b in a.body] == ["uk", "en"]


def test_a_stated_language_is_kept():
    a = Article("Title", [Block("p", "Державний секретар США заявив про підтримку.")], lang="uk")
    detect_languages(a)
    assert a.lang == "uk" and a.lang_confidence == 1.0


def test_entity_offsets_are_per_block_and_captions_follow_the_body():
    a = Article(
        "Blinken visits Kyiv",
        [Block("p", "Antony Blinken arrived in Kyiv on Tuesday."), Block("p", "He met President Volodymyr Zelensky.")],
        captions=[Caption("Antony Blinken in Kyiv", "Reuters")],
        author="Kateryna Denisova",
        lang="en",
    )
    spans = article_entities(a)
    texts = {-2: a.author, -1: a.title, 0: a.body[0].text, 1: a.body[1].text, 2: a.captions[0].text}
    for seq, e in spans:
        assert texts[seq][e.start:e.end] == e.text  # offsets index into their own block
    found = {(seq, e.text, e.label) for seq, e in spans}
    assert (0, "Antony Blinken", "PER") in found
    assert (1, "Volodymyr Zelensky", "PER") in found
    assert (2, "Kyiv", "LOC") in found  # seq 2: the caption, after the two body blocks
    assert (-2, "Kateryna Denisova", "PER") in found  # the byline


def test_understand_gives_spans_for_every_language_we_know():
    ru = Article("Визит в Киев", [Block("p", "Госсекретарь США Энтони Блинкен прибыл в Киев.")])
    spans, warning = understand(ru)
    assert warning is None and ru.lang == "ru"
    assert any(e.norm == "Энтони Блинкен" and e.label == "PER" for _, e in spans)
    other = Article("Le sommet", [Block("p", "Le sommet de l'OTAN aura lieu à Washington en juillet.")])
    assert understand(other) == ([], None)


def test_a_surname_alone_is_indexed_as_the_full_name_the_text_gives():
    from reader.model import Entity
    from reader.pipeline import full_names

    def per(norm: str) -> Entity:
        return Entity(0, len(norm), "PER", norm, norm)

    spans = [(0, per("Antony Blinken")), (1, per("Blinken")), (2, per("Blinken")), (3, per("Smith")),
             (4, per("Julianne Smith")), (5, per("Anna Smith")), (6, Entity(0, 4, "LOC", "Kyiv", "Kyiv"))]
    norms = [e.norm for _, e in full_names(spans)]
    # Both Blinken mentions join the full name; "Smith" is ambiguous (two Smiths) and stays.
    assert norms == ["Antony Blinken", "Antony Blinken", "Antony Blinken", "Smith", "Julianne Smith", "Anna Smith", "Kyiv"]
    assert [e.text for _, e in full_names(spans)][1] == "Blinken"  # the text itself is untouched
