"""Articles written in more than one language (issue 17): the article's language is the
language of most of its text, each paragraph's entities are found in that paragraph's own
language, and the paragraph's language is shown (`show --json`, a badge in the reader)."""

from __future__ import annotations

import json
import random

import pytest
from click.testing import CliRunner

from conftest import SHARED
from reader.cli import cli
from reader.config import Settings
from reader.model import Article, Block
from reader.pipeline import detect_languages, understand
from reader.store import Store

TITLE = "Zelensky rejects ceasefire that would freeze the front line"
EN1 = ("President Volodymyr Zelensky told the Verkhovna Rada in Kyiv on Tuesday that Ukraine would not "
       "accept any ceasefire that froze the front line.")
UK = ("Ми не погодимося на заморожування конфлікту, заявив Володимир Зеленський у Верховній Раді. "
      "Україна розраховує на підтримку партнерів у Брюсселі та Вашингтоні.")
RU = ("Официальный представитель МИД России Мария Захарова назвала заявление Зеленского провокацией "
      "и заявила, что Москва не будет вести переговоры на таких условиях.")
EN2 = "Zelensky later met Antony Blinken, the US secretary of state, who promised further help from Washington."


def mixed() -> Article:
    return Article(TITLE, [Block("p", EN1), Block("quote", UK), Block("quote", RU), Block("p", EN2)],
                   url="https://example.org/en/zelensky-ceasefire", source="Example News")


def test_an_english_article_quoting_ukrainian_and_russian_is_english():
    a = detect_languages(mixed())
    assert a.lang == "en" and 0 < a.lang_confidence <= 1
    assert [b.lang for b in a.body] == ["en", "uk", "ru", "en"]


def test_each_paragraph_gets_the_entities_of_its_own_language():
    a = mixed()
    spans, warning = understand(a)
    assert warning is None
    found = {(seq, e.label, e.norm) for seq, e in spans}
    # English names in the English paragraphs, read by the English recogniser
    assert {(0, "PER", "Volodymyr Zelensky"), (0, "ORG", "Verkhovna Rada"), (0, "LOC", "Kyiv")} <= found
    assert {(3, "PER", "Antony Blinken"), (3, "LOC", "Washington")} <= found
    # Ukrainian ones in the Ukrainian quote, in the Ukrainian nominative
    assert {(1, "PER", "Володимир Зеленський"), (1, "ORG", "Верховна Рада"), (1, "LOC", "Брюссель")} <= found
    # Russian ones in the Russian quote
    assert {(2, "PER", "Мария Захарова"), (2, "LOC", "Москва")} <= found
    texts = {-1: a.title, **{i: b.text for i, b in enumerate(a.body)}}
    for seq, e in spans:
        assert texts[seq][e.start:e.end] == e.text
    # no Cyrillic span came out of the English recogniser, nor a Latin one out of the others
    for seq, e in spans:
        assert e.text.isascii() == (a.body[seq].lang == "en" if seq >= 0 else True), (seq, e)


def test_a_monolingual_article_keeps_its_paragraphs_in_its_language():
    a = detect_languages(Article("Визит в Киев", [
        Block("p", "Госсекретарь США Энтони Блинкен прибыл в Киев во вторник."),
        Block("p", "Reuters"),  # too short to be anything but the article's
        Block("p", "gif"),
        Block("p", "Он встретится с президентом Украины и министром иностранных дел."),
    ]))
    assert a.lang == "ru" and [b.lang for b in a.body] == ["ru"] * 4


def test_a_short_paragraph_in_another_script_keeps_its_language():
    a = detect_languages(Article("Ukraine marks Independence Day", [
        Block("p", "Crowds gathered on Khreshchatyk in central Kyiv on Saturday morning for the celebrations."),
        Block("quote", "Слава Україні!"),
    ]))
    assert a.lang == "en" and [b.lang for b in a.body] == ["en", "uk"]


def _paragraphs(name: str, lang: str, count: int) -> list[str]:
    path = SHARED / "data" / "corpus" / name
    if not path.exists():
        pytest.skip(f"no development data at {path}")
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    out = [p for r in rows if r["lang"] == lang for p in r["text"].split("\n") if len(p.split()) >= 20]
    random.Random(17).shuffle(out)
    return out[:count]


def test_real_english_articles_with_a_ukrainian_and_a_russian_paragraph_are_english():
    """English news paragraphs with one real Ukrainian and one real Russian news paragraph
    among them: English when English is most of the text, each paragraph its own."""
    en = _paragraphs("tgcontest_news_ru_en.jsonl", "en", 60)
    uk = _paragraphs("nashigroshi_uk.jsonl", "uk", 20)
    ru = _paragraphs("factrueval_news_ru.jsonl", "ru", 20)
    cases = 0
    for i in range(20):
        english = en[3 * i: 3 * i + 3]
        if len(uk[i]) + len(ru[i]) >= sum(map(len, english)):
            continue  # the quotes are most of the text: not this test's case
        body = [Block("p", p) for p in [english[0], uk[i], ru[i], *english[1:]]]
        a = detect_languages(Article("", body))
        assert a.lang == "en" and [b.lang for b in a.body] == ["en", "uk", "ru", "en", "en"]
        cases += 1
    assert cases >= 10

def test_show_json_gives_each_block_its_language(home):
    with Store(home / "reader.db") as s:
        a = mixed()
        spans, _ = understand(a)
        article_id, _ = s.add(a, entities=spans)
    out = CliRunner().invoke(cli, ["show", str(article_id), "--json"], catch_exceptions=False)
    data = json.loads(out.output)
    assert data["lang"] == "en"
    assert [(b["kind"], b["lang"]) for b in data["body"]] == [("p", "en"), ("quote", "uk"), ("quote", "ru"), ("p", "en")]


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.mark.anyio
async def test_the_reader_marks_a_paragraph_in_another_language(home):
    from reader.tui.app import ReaderApp

    with Store(home / "reader.db") as s:
        a = mixed()
        a.body.append(Block("p", "[bold]not markup[/bold] звичайний текст українською мовою, без розмітки."))
        spans, _ = understand(a)
        s.add(a, entities=spans)
    app = ReaderApp(home, Settings())
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("enter")
        pieces = app.reader.pieces
        assert [p.lang for p in pieces] == [None, None, "uk", "ru", None, "uk"]
        statics = app.reader._statics
        shown = [str(st.render()) for st in statics]
        assert shown[2].startswith(" uk  Ми не погодимося")
        assert shown[3].startswith(" ru  Официальный")
        assert shown[1].startswith("President") and shown[4].startswith("Zelensky")
        assert "[bold]not markup[/bold]" in shown[5]  # the text is shown, never read as markup
        # the badge, and only the badge, wears the tcss's style (bold, on the panel colour)
        badge = statics[2].render().spans[0]
        assert (badge.start, badge.end) == (0, 4) and badge.style.bold
        assert not any(sp.start < 5 < sp.end for sp in statics[2].render().spans)
