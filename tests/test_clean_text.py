"""The plain-text cleaner on the two sample pages (what check_samples checks) and on small pages."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.ingest.text import clean_text
from reader.model import NoArticle

SAMPLES = Path(__file__).resolve().parents[2] / "shared" / "samples"
EXPECTED = sorted((SAMPLES / "expected").glob("*.json"))


@pytest.mark.skipif(not EXPECTED, reason="../shared/samples not present")
@pytest.mark.parametrize("exp_path", EXPECTED, ids=lambda p: p.stem)
def test_sample_page_matches_expected(exp_path: Path) -> None:
    exp = json.loads(exp_path.read_text(encoding="utf-8"))
    art = clean_text((SAMPLES / "raw" / (exp_path.stem + ".txt")).read_text(encoding="utf-8"))
    assert art.title == exp["title"]
    if exp.get("author"):
        assert art.author and exp["author"] in art.author
    assert (art.published or "").startswith(exp.get("published") or "")
    if exp.get("site_languages"):
        assert sorted(art.site_languages or []) == sorted(exp["site_languages"])
    else:
        assert art.site_languages is None
    caps = json.dumps([c.__dict__ for c in art.captions], ensure_ascii=False)
    for c in exp["captions"]:
        assert c["text"] in caps and (not c.get("credit") or c["credit"] in caps)
    i = 0
    for want in exp["body"]:
        while i < len(art.body) and not art.body[i].text.startswith(want["starts"]):
            i += 1
        assert i < len(art.body), f"missing or out of order: {want['starts']!r}"
        assert art.body[i].kind == want["kind"], want["starts"]
        i += 1
    assert len(art.body) <= len(exp["body"]) + 2 * len(exp.get("related_optional", []))
    for bad in exp["must_not_contain"]:
        assert bad not in art.text


UK_PAGE = """\
Головна Новини Політика Економіка
ua ru
Зеленський провів зустріч з прем'єром Польщі - Новини України
Зеленський провів зустріч з прем'єром Польщі
Автор: Олена Коваль 3 квітня 2024, 12:06
Президент Володимир Зеленський під час зустрічі у Києві (фото: Офіс президента)
Президент України Володимир Зеленський у середу провів зустріч з прем'єр-міністром Польщі, під час якої сторони обговорили питання безпеки та економічної співпраці.
За словами президента, Україна та Польща домовилися посилити координацію на кордоні, а також продовжити спільну роботу над поставками озброєння.
Підсумки переговорів
Сторони також зазначили, що наступна зустріч відбудеться вже цього літа, і що вони мають намір підписати нові угоди про співпрацю.
Читайте також
Поділитися
Підписатися на розсилку
Підписатися на розсилку
© 2024 Всі права захищені
"""

RU_PAGE = """\
Войти
Поиск
Учёные нашли новый вид рыб в Чёрном море
Учёные нашли новый вид рыб в Чёрном море
3 апреля 2024 года
Группа исследователей из Одессы сообщила, что в ходе экспедиции в Чёрном море им удалось обнаружить новый для науки вид рыб.
По словам руководителя экспедиции, находка была сделана на глубине около ста метров, где ранее такие рыбы никогда не встречались.
Учёные отметили, что результаты исследования будут опубликованы в научном журнале уже в этом году.
Лента новостей
12:40
Курс гривны снова изменился, сообщили в Национальном банке Украины во вторник вечером.
Все права защищены
"""


def test_ukrainian_page_byline_caption_toggle_and_heading() -> None:
    art = clean_text(UK_PAGE)
    assert art.title == "Зеленський провів зустріч з прем'єром Польщі"
    assert art.site_languages == ["uk", "ru"]
    assert art.author == "Олена Коваль"
    assert art.published == "2024-04-03T12:06"
    assert [(c.text, c.credit) for c in art.captions] == [("Президент Володимир Зеленський під час зустрічі у Києві", "Офіс президента")]
    assert [b.kind for b in art.body] == ["p", "p", "h", "p"]
    assert art.body[2].text == "Підсумки переговорів"
    assert "Підписатися" not in art.text and "Читайте також" not in art.text


def test_russian_page_stops_at_the_news_feed() -> None:
    art = clean_text(RU_PAGE)
    assert art.title == "Учёные нашли новый вид рыб в Чёрном море"
    assert art.published == "2024-04-03"
    assert len(art.body) == 3 and art.body[0].text.startswith("Группа исследователей")
    assert "Курс гривны" not in art.text


def test_inline_prompt_and_repeated_forms_are_dropped() -> None:
    storm = "The storm reached the coast on Monday night, and the authorities said that thousands of homes were without power."
    roads = "Several roads were closed after trees fell across them, and the police asked drivers to stay at home until morning."
    lines = "Engineers were working through the night to restore the lines, and the schools in the area will stay closed on Tuesday."
    page = "\n".join(
        ["Home", "World", "Sport", "A storm hits the coast", storm, roads, "Subscribe to our newsletter", lines]
        + ["Subscribe", "* indicates required"] * 5
        + ["Share on Facebook", "Share on Twitter", "© 2024 The Coast Times. All rights reserved."]
    )
    art = clean_text(page)
    assert art.title == "A storm hits the coast"
    assert [b.text for b in art.body] == [storm, roads, lines]


@pytest.mark.parametrize(
    "text, reason",
    [("", "empty"), ("   \n\t\n  ", "empty"), ("Home\nNews\nSport\nContact\nSubscribe\nShare on Facebook", "furniture")],
)
def test_no_article_says_why(text: str, reason: str) -> None:
    with pytest.raises(NoArticle, match=reason):
        clean_text(text)


def test_a_small_page_without_prose_is_read_whole() -> None:
    art = clean_text("Opening hours over the holidays\nClosed on 25 and 26 December\nHome\nPrivacy Policy\nOpen as usual from 27 December")
    assert art.title == "Opening hours over the holidays"
    assert [b.text for b in art.body] == ["Closed on 25 and 26 December", "Open as usual from 27 December"]


def test_a_page_of_one_line_is_its_own_body() -> None:
    art = clean_text("Back soon\n")
    assert [b.text for b in art.body] == ["Back soon"]


def test_a_small_page_keeps_lower_case_fragments_of_running_text() -> None:
    art = clean_text("Notes\nthe ferry leaves\nat noon\nHome\nContact")
    assert [b.text for b in art.body] == ["the ferry leaves", "at noon"]


def test_a_small_page_of_menu_items_and_prompts_is_no_article() -> None:
    with pytest.raises(NoArticle, match="furniture"):
        clean_text("The Coast Times\nHome\nAbout us\nWorld news\nTerms of Service\nFollow us on Twitter\n© 2024 The Coast Times")


def test_control_characters_and_escapes_never_reach_the_body() -> None:
    line = "The minister \x1b[31msaid\x1b[0m on Monday that the talks \x07went well and would go on next week in Geneva."
    art = clean_text("A title for the page\n" + line + "\n" + line.replace("Monday", "Tuesday"))
    assert "\x1b" not in art.text and "\x07" not in art.text and "[31m" not in art.text
    assert "said on Monday" in art.text


def test_ten_megabytes_on_one_line_is_one_paragraph() -> None:
    line = "Word after word makes a very long line of prose. " * 200_000  # 10 MB
    art = clean_text(line)
    assert len(art.body) == 1 and len(art.body[0].text) > 9_000_000


def test_a_long_paragraph_the_page_repeats_stays_a_short_label_does_not() -> None:
    chorus = "The committee repeated its call for calm, saying that the talks would go on and that no decision had yet been made."
    storm = "The storm reached the coast on Monday night, and the authorities said that thousands of homes were without power."
    page = "\n".join(["Home", "News", "Talks go on", chorus, storm, "Share", chorus, "Share", "Home"])
    texts = [b.text for b in clean_text(page).body]
    assert texts == [chorus, storm, chorus]


def test_a_question_the_interview_repeats_stays() -> None:
    q = "What made you start writing about food?"
    answers = [
        "I always loved cooking for my friends, and then I began to photograph the dishes and share the recipes online.",
        "It started with baking: first pies for the family, and later orders from the neighbours and from their friends.",
        "I lived in Vietnam for three years, and the food there struck me so much that I decided to tell others about it.",
    ]
    page = "\n".join(["Home", "Food", "Five food writers"] + [x for a in answers for x in (q, a)] + ["Share", "Home"])
    texts = [b.text for b in clean_text(page).body]
    assert texts.count(q) == 3 and all(a in texts for a in answers)


UK_TEASERS = """\
Уряд ухвалив нову програму підтримки фермерів
Уряд ухвалив нову програму підтримки фермерів
Кабінет міністрів у вівторок ухвалив програму, яка передбачає пільгові кредити для невеликих фермерських господарств у прифронтових областях.
За словами міністра аграрної політики, перші виплати фермери отримають уже в травні, а заявки прийматимуть через державний портал.
Програма діятиме щонайменше до кінця наступного року, і уряд обіцяє щоквартально звітувати про її результати.
Більше новин
На Київщині відкрили новий міст через річку Ірпінь
Рух мостом відновили після двох років ремонту, повідомили в обласній військовій адміністрації.
Автор: Ігор Петренко
Ціни на пальне знову зросли на заправках країни
Аналітики пояснюють подорожчання сезонним попитом і зміною курсу гривні до долара.
Автор: Марія Шевчук
Чи варто чекати відключень світла цього літа?
Енергетики кажуть, що графіки можуть повернутися лише в разі нових масованих атак на станції.
Автор: Олег Бондар
"""

FEATURE_LIST = """\
Welcome to the developer browser
Get to know the features that make it the most complete browser for building the Web.
Page Inspector
Examine the HTML and CSS of any Web page and easily modify the structure and layout of a page.
Web Console
See logged information associated with a Web page and interact with Web pages using its console.
JavaScript Debugger
Step through JavaScript code and examine or modify its state to help track down the bugs.
Network Monitor
See all the network requests your browser makes, how long each request takes and what it carries.
"""


def test_a_list_of_teasers_after_the_article_is_cut_off() -> None:
    art = clean_text(UK_TEASERS)
    assert len(art.body) == 3 and art.body[-1].text.startswith("Програма діятиме")
    for teaser in ("Ірпінь", "пальне", "відключень", "Енергетики", "Автор"):
        assert teaser not in art.text


def test_a_page_made_only_of_short_sections_keeps_them_all() -> None:
    art = clean_text(FEATURE_LIST)
    assert "Network Monitor" in art.text and art.body[-1].text.startswith("See all the network")


RU_HEADLINES_AND_SUMMARIES = """\
В Одессе открыли новую набережную
В Одессе открыли новую набережную
Городские власти в субботу открыли после реконструкции набережную длиной почти два километра, где появились велодорожки и новые скамейки.
Работы продолжались больше года, и их стоимость, по данным мэрии, оказалась ниже, чем планировалось изначально.
Главное за день
Почему снова подорожал хлеб и что будет дальше?
Пекари объясняют рост цен дорогой мукой и электроэнергией в этом сезоне.
Как пережить жару в городе без кондиционера?
Врачи советуют пить больше воды и не выходить на солнце днём.
Кто победит на выборах в этом году?
Социологи опубликовали новый опрос, и его результаты удивили многих.
"""


def test_teasers_whose_headlines_read_as_questions_are_cut_off() -> None:
    art = clean_text(RU_HEADLINES_AND_SUMMARIES)
    assert art.body[-1].text.startswith("Работы продолжались")
    assert "хлеб" not in art.text and "Социологи" not in art.text


UK_COMMENTS = """\
У Львові запрацював новий трамвайний маршрут
Новий маршрут з'єднав центр міста зі спальними районами на заході, повідомили у міській раді в понеділок.
Трамваї курсуватимуть щодня з шостої ранку до півночі з інтервалом близько десяти хвилин.
На маршруті працюватимуть нові низькопідлогові вагони, придбані торік за кредит європейського банку, тож ними зможуть користуватися і люди з візками.
Міський голова пообіцяв, що до кінця року в місті з'являться ще два нові маршрути, а частину старих колій на околицях капітально відремонтують.
Квитки можна буде купити в застосунку, у терміналах на зупинках або безпосередньо у водія за готівку.
Додати коментар
Ваша електронна адреса не буде опублікована, а коментарі з'являться на сайті лише після перевірки модератором.
Надсилаючи коментар, ви погоджуєтеся з тим, що редакція може використовувати ваші дані для відповіді на нього.
Нарешті дочекалися, бо раніше до роботи доводилося добиратися двома маршрутками і витрачати на дорогу понад годину щодня.
А хто тепер ремонтуватиме колії на старих маршрутах, про які в міській раді, схоже, давно забули?
"""

EN_FORM = """\
Farmers brace for a dry summer
Farmers across the region say the lack of rain this spring has already cut the first harvest by a third.
Agronomists expect prices for grain to rise by the autumn if the weather does not change soon.
Name *
Email *
Save my name, email, and website in this browser for the next time I comment on this site.
By submitting this form you agree to our use of your data for the purposes of publishing your comment.
"""


def test_the_body_stops_where_the_comments_open() -> None:
    art = clean_text(UK_COMMENTS)
    assert art.body[-1].text.startswith("Квитки можна")
    assert "коментар" not in art.text


def test_the_body_stops_at_a_comment_form() -> None:
    art = clean_text(EN_FORM)
    assert art.body[-1].text.startswith("Agronomists")
    assert "submitting" not in art.text and "Save my name" not in art.text


UK_BIO = """\
Уряд ухвалив нову програму підтримки фермерів
Кабінет міністрів у вівторок ухвалив програму, яка передбачає пільгові кредити для невеликих фермерських господарств у прифронтових областях.
За словами міністра аграрної політики, перші виплати фермери отримають уже в травні, а заявки прийматимуть через державний портал.
Програма діятиме щонайменше до кінця наступного року, і уряд обіцяє щоквартально звітувати про її результати.
Про автора
Олена Коваль
Олена Коваль пише про економіку та сільське господарство з 2015 року, раніше працювала в регіональних виданнях.
Поділитися
"""


def test_the_authors_bio_after_the_article_is_cut_off() -> None:
    art = clean_text(UK_BIO)
    assert art.body[-1].text.startswith("Програма діятиме")
    assert "Коваль" not in art.text


def _far_footer_page() -> str:
    paras = [
        f"Paragraph {i} of the report says that the council met on Tuesday and agreed to spend more on the city's roads and bridges."
        for i in range(1, 7)
    ]
    menu = ["Home", "News", "Sport", "Weather", "Culture", "Travel", "Video", "Audio", "Live", "Jobs", "Events", "Shop", "Podcasts", "Contact"]
    footer = [
        "The information on this website is provided for general purposes only and is not a substitute for professional advice of any kind.",
        "The material on this site may not be reproduced, distributed or otherwise used without the prior written permission of the publisher.",
    ]
    return "\n".join(["Council agrees to fix the roads", *paras, *menu, *footer]) + "\n"


def test_a_footer_past_a_long_menu_is_not_the_article() -> None:
    art = clean_text(_far_footer_page())
    assert art.body[-1].text.startswith("Paragraph 6")
    assert "reproduced" not in art.text


RU_MOST_READ = """\
В Харькове восстановили подачу тепла
Коммунальные службы Харькова в среду полностью восстановили подачу тепла в дома, которые остались без отопления после ночного удара.
По словам мэра, ремонтные бригады работали всю ночь, и к утру тепло вернулось более чем в тысячу домов.
В городе также открыли дополнительные пункты обогрева, где жители могут согреться, зарядить телефоны и получить горячий чай.
Читают больше всего
Почему в Одессе снова подорожал проезд в маршрутках
Как получить новую выплату для переселенцев в этом году
Пять главных новостей недели по версии редакции
Что известно о новых правилах въезда в Польшу
Все материалы на сайте защищены авторским правом, и их использование возможно только со ссылкой на издание.
"""


def test_the_body_stops_at_a_list_of_headlines() -> None:
    art = clean_text(RU_MOST_READ)
    assert art.body[-1].text.startswith("В городе также")
    assert "маршрутках" not in art.text and "авторским" not in art.text


EN_ARCHIVE = """\
Saving data on app updates
We have changed how updates are delivered so that most apps now download far less data when they are updated on a phone.
Developers do not need to do anything: the smaller updates are built on our servers and reach every user automatically.
If you want to cut the size of your app further, the guide linked below lists the steps that help the most.
Blog archive
Get the guide to finding success in new markets on...
Four tips for startup success from a Silicon Valle...
Tips to be better found and discovered on the stor...
How augmented reality helps you buy furniture and ...
Watch sessions from the Playtime events to learn...
"""


def test_headlines_cut_short_with_dots_are_a_list_not_the_article() -> None:
    art = clean_text(EN_ARCHIVE)
    assert art.body[-1].text.startswith("If you want")
    assert "Playtime" not in art.text and "startup" not in art.text


def test_a_long_reads_section_past_a_big_table_stays() -> None:
    # Two sections of a long read with a table of short cells between them: the first is far
    # lighter than the second, but twenty paragraphs are an article's worth of prose.
    para = "Section {s}, paragraph {i}: the council said that the new road would open in the spring, and that the old bridge would stay open for walkers and cyclists until the work was done."
    first = [para.format(s="one", i=i) for i in range(20)]
    table = ["Town", "Year", "Cost"] * 8
    second = [para.format(s="two", i=i) for i in range(90)]
    art = clean_text("\n".join(["A long read about roads", *first, *table, *second]))
    assert art.body[0].text.startswith("Section one, paragraph 0")
    assert art.body[-1].text.startswith("Section two, paragraph 89")


_NEWS = [
    f"Paragraph {i}: the regional council said on Tuesday that the repairs to the heating network would take at least two more weeks, and residents were asked to use the warming centres."
    for i in range(12)
]
_NAV = ["Home", "News", "World", "Business", "Sport", "Culture", "Opinion"]
_FOOT = ["About us", "Contact", "Privacy policy", "© 2024 Daily Times. All rights reserved."]


def test_the_opening_above_a_read_more_link_and_a_share_bar_stays() -> None:
    page = (
        _NAV
        + ["Heating repairs to take two weeks", *_NEWS[:2]]
        + ["READ MORE: Mayor promises new boilers by winter", "Share", "Tweet", *_NEWS[2:]]
        + _FOOT
    )
    art = clean_text("\n".join(page))
    assert [b.text for b in art.body] == _NEWS


def test_a_teaser_above_the_byline_is_not_the_opening() -> None:
    teaser = "Get breaking news alerts and special reports: the news and stories that matter, delivered to your inbox every weekday morning."
    page = _NAV + ["Heating repairs to take two weeks", teaser, "Subscribe", "By Jane Doe", *_NEWS] + _FOOT
    art = clean_text("\n".join(page))
    assert [b.text for b in art.body] == _NEWS


def test_gallery_furniture_inside_the_body_is_dropped_and_credits_make_captions() -> None:
    page = (
        _NAV
        + ["Heating repairs to take two weeks", *_NEWS[:4]]
        + ["Workers repair a pipe in the city centre", "Photo: Reuters", "Image 1 of 5", "View gallery"]
        + [*_NEWS[4:6], "Advertisement", "Continue reading below", *_NEWS[6:]]
        + _FOOT
    )
    art = clean_text("\n".join(page))
    assert [b.text for b in art.body] == _NEWS
    assert [(c.text, c.credit) for c in art.captions] == [("Workers repair a pipe in the city centre", "Reuters")]


def test_the_body_stops_at_a_related_label_with_teasers_and_dates_under_it() -> None:
    teasers = []
    for i in range(5):
        teasers += [
            f"Headline number {i} about the city budget and the mayor",
            "The city council approved a new budget on Monday after a long debate about schools, roads and the price of heating in the coming winter.",
            "2 hours ago",
        ]
    page = _NAV + ["Heating repairs to take two weeks", *_NEWS[:3], "Related"] + teasers + _FOOT
    art = clean_text("\n".join(page))
    assert [b.text for b in art.body] == _NEWS[:3]


def test_a_related_box_inside_a_long_article_does_not_end_it() -> None:
    box = ["Related", "Five things to know about the heating crisis", "Why the boilers failed this winter"]
    page = _NAV + ["Heating repairs to take two weeks", *_NEWS[:6], *box, *_NEWS[6:]] + _FOOT
    art = clean_text("\n".join(page))
    assert [b.text for b in art.body][0] == _NEWS[0] and art.body[-1].text == _NEWS[-1]


def _thread(n: int) -> list[str]:
    out = []
    for i in range(n):
        out += [
            f"Reader{i}",
            "March 9, 2017 at 3:53 pm",
            f"Comment {i}: I have lived in this city for more than twenty years, and I have never seen the council take this long to fix something that matters so much to the people who live here. Every winter we hear the same promises, and every winter the pipes fail again.",
            "Reply",
        ]
    return out


_SHARE_BAR = ["Share this:", "Twitter", "Facebook", "Reddit", "LinkedIn", "Email", "Like this:", "Like", "Loading..."]


@pytest.mark.parametrize("opener", [["12 Comments"], []], ids=["with-opener", "without"])
def test_a_comment_thread_that_outweighs_a_short_article_is_not_the_body(opener: list[str]) -> None:
    page = _NAV + ["Heating repairs to take two weeks", *_NEWS[:3], *_SHARE_BAR, *opener, *_thread(10)] + _FOOT
    art = clean_text("\n".join(page))
    assert [b.text for b in art.body] == _NEWS[:3]


def test_a_thread_of_named_commenters_under_a_comments_heading_is_not_the_body() -> None:
    thread = []
    for i in range(6):
        thread += [f"Reader {i} on March 9, 2017 at 3:53 pm said:", _thread(1)[2].replace("Comment 0", f"Comment {i}")]
    page = _NAV + ["Heating repairs to take two weeks", *_NEWS[:1], *_SHARE_BAR, "Comments", *thread] + _FOOT
    art = clean_text("\n".join(page))
    assert [b.text for b in art.body] == _NEWS[:1]


def test_a_gallery_flattened_into_the_article_is_not_its_text() -> None:
    gallery = []
    for k in range(1, 6):
        gallery += [f"{k}/5 Harbour scene number {k}",
                    f"Boats wait in the harbour of the old town as the storm number {k} passes over the coast on Monday.",
                    "Getty Images"]
    page = _NAV + ["Heating repairs to take two weeks", *_NEWS[:3], "News in pictures", *gallery, *_NEWS[3:6]] + _FOOT
    art = clean_text("\n".join(page))
    assert [b.text for b in art.body] == _NEWS[:6]


def test_an_article_that_is_a_bulleted_list_is_read() -> None:
    items = [f"+ Added support for the new harbour format number {k} in the export menu" for k in range(12)]
    page = _NAV + ["Release notes for version 2.0", *items, "Related posts", "Release notes for version 1.9"] + _FOOT
    art = clean_text("\n".join(page))
    assert [b.text for b in art.body] == [i[2:] for i in items]
    assert {b.kind for b in art.body} == {"li"}


@pytest.mark.parametrize("stamp", ["14:44", "2:44 pm"])
def test_a_feed_of_timed_headlines_after_the_article_is_not_its_text(stamp: str) -> None:
    feed = [f"{stamp} The minister of finance number {k} says the budget for next year will be cut by a tenth in every ministry"
            for k in range(8)]
    page = _NAV + ["Heating repairs to take two weeks", *_NEWS[:3], *feed] + _FOOT
    art = clean_text("\n".join(page))
    assert [b.text for b in art.body] == _NEWS[:3]


def test_a_numbered_list_closing_the_article_is_kept() -> None:
    picks = []
    for k in range(1, 9):
        picks += [f"{k}) Harbour lamp model {k} in brass", f"http://example.com/lamp{k}"]
    page = _NAV + ["Our picks for the winter", *_NEWS[:2], *picks, "Related posts"] + _FOOT
    art = clean_text("\n".join(page))
    texts = [b.text for b in art.body]
    assert texts[:2] == _NEWS[:2] and "Harbour lamp model 8 in brass" in texts


def test_a_list_the_last_line_introduces_closes_the_article() -> None:
    dates = [f"June {d} -- City Arena, Town number {d}, FL" for d in range(1, 9)]
    page = _NAV + ["Band announces its tour", *_NEWS[:3], "The band will play on these dates:", *dates, "Facebook", "Twitter"] + _FOOT
    art = clean_text("\n".join(page))
    assert [b.text for b in art.body] == [*_NEWS[:3], "The band will play on these dates:", *dates]


def test_a_list_a_sentence_introduces_does_not_split_the_article() -> None:
    points = ["The roads will be fixed before the winter comes", "Bus fares will stay the same next year",
              "A new school will open in the north of the city", "The old bridge will close for repairs in May",
              "Parking in the centre will cost more at weekends", "Read the full interview with the mayor"]
    page = _NAV + ["Mayor sets out plans", *_NEWS[:1], "Advertisement", "In the interview, the mayor also said:",
                   *points, *_NEWS[1:9]] + _FOOT
    art = clean_text("\n".join(page))
    assert [b.text for b in art.body] == [*_NEWS[:1], "In the interview, the mayor also said:", *points, *_NEWS[1:9]]


_UK_NEWS = [
    f"Абзац {i}: міська рада заявила у вівторок, що ремонт тепломережі триватиме ще щонайменше два тижні, "
    "а мешканців попросили користуватися пунктами обігріву." for i in range(3)
]


@pytest.mark.parametrize("head, summary, news", [
    ("Council Approves New Budget For Roads", "The city council voted on Monday to spend more on the roads next year.", _NEWS[:3]),
    ("Рада Ухвалила Новий Бюджет Для Доріг", "Міська рада в понеділок проголосувала за те, щоб наступного року дати більше на дороги.", _UK_NEWS),
], ids=["en", "uk"])
def test_teasers_whose_headline_is_glued_to_the_summary_are_not_the_body(head: str, summary: str, news: list[str]) -> None:
    teasers = [f"{head} {k}{summary}" for k in range(8)]
    page = _NAV + ["Heating repairs to take two weeks", *teasers, *_SHARE_BAR, *news] + _FOOT
    art = clean_text("\n".join(page))
    assert [b.text for b in art.body] == news


def test_a_paragraph_broken_into_lines_mid_sentence_is_read_as_one() -> None:
    broken = ["The regional council said on Tuesday that the repairs to the",
              "heating network would take at least two more weeks, and residents",
              "were asked to use the warming centres in every district of the city",
              "until the pipes are fixed, which may take until the end of the month."]
    page = _NAV + ["Heating repairs to take two weeks", "by Jane Doe", *broken, "Related", "tags and more news here"] + _FOOT
    art = clean_text("\n".join(page))
    assert [b.text for b in art.body] == [" ".join(broken)]
    assert art.author == "Jane Doe"


def test_a_credit_line_marks_a_caption_even_when_the_page_repeats_it() -> None:
    lead = "The mayor inspects the broken pipes in the north of the city on Tuesday"
    page = _NAV + ["Heating repairs to take two weeks", *_NEWS[:2], lead, "Photo: Jane Doe, AP", *_NEWS[2:4],
                   "Pipes in the snow", "Photo: Jane Doe, AP"] + _FOOT
    art = clean_text("\n".join(page))
    assert [b.text for b in art.body] == _NEWS[:4]
    assert (lead, "Jane Doe, AP") in [(c.text, c.credit) for c in art.captions]


def test_a_first_paragraph_over_a_credit_line_stays_a_paragraph() -> None:
    lede = ("The regional council said on Tuesday that repairs to the heating network in the north of the city "
            "would take at least two more weeks, and asked residents to use the warming centres in every district.")
    page = _NAV + ["Heating repairs to take two weeks", lede, "Photo: Jane Doe, Reuters", *_NEWS[:2]] + _FOOT
    assert [b.text for b in clean_text("\n".join(page)).body] == [lede, *_NEWS[:2]]


@pytest.mark.parametrize("line, commenter", [
    ("Jane on September 13, 2018 at 5:23 pm said:", True),
    ("In a wide-ranging interview, the mayor also said:", False),
])
def test_said_names_a_commenter_only_after_a_time(line: str, commenter: bool) -> None:
    from reader.ingest.furniture import is_commenter

    assert is_commenter(line) is commenter


def test_a_long_article_ends_where_the_comments_open_whatever_follows() -> None:
    teasers = []
    for k in range(14):
        summary = (_NEWS[k % 12] + " " + _NEWS[(k + 1) % 12]).replace("Paragraph", "Teaser")  # too long for a teaser
        teasers += [f"Teaser headline number {k}", summary, "Daily Times"]
    page = _NAV + ["Heating repairs to take two weeks", *_NEWS[:10], "Sign in to post a comment.", *teasers] + _FOOT
    art = clean_text("\n".join(page))
    assert [b.text for b in art.body] == _NEWS[:10]


@pytest.mark.parametrize("label", ["Related:", "You may also like...", "Читайте також…"])
def test_a_label_over_other_items_may_end_in_a_colon_or_an_ellipsis(label: str) -> None:
    from reader.ingest.furniture import is_list_label

    assert is_list_label(label)


def test_a_line_opening_with_a_brand_in_camel_case_is_not_joined_to_the_line_above() -> None:
    lede = "iPhone sales rose by a tenth in the last quarter, the company said on Tuesday, and its shares went up."
    page = _NAV + ["Apple unveils its new phone lineup", lede, *_NEWS[:3]] + _FOOT
    art = clean_text("\n".join(page))
    assert art.title == "Apple unveils its new phone lineup"
    assert [b.text for b in art.body] == [lede, *_NEWS[:3]]


def test_a_live_blogs_timed_sentences_are_its_text() -> None:
    entries = [f"14:{10 + k} The delegations met again in Geneva, and talks number {k} went on for another hour." for k in range(6)]
    page = _NAV + ["Talks in Geneva: live", *_NEWS[:2], *entries] + _FOOT
    art = clean_text("\n".join(page))
    assert [b.text for b in art.body] == [*_NEWS[:2], *entries]


def test_bulleted_menus_and_headline_lists_at_the_edge_of_the_article_are_not_its_text() -> None:
    menu = ["* World news today", "* Business and money", "* Sport and games", "* Culture and arts"]
    heads = ["- Council approves new budget for the roads", "- Mayor opens the new bridge over the river",
             "- Schools to close early for the winter", "- Police arrest two men after the robbery"]
    points = ["* The roads will be fixed before winter", "* Bus fares stay the same next year",
              "* A new school opens in the north"]
    page = ["Heating repairs to take two weeks", *menu, *_NEWS[:2], *points, *_NEWS[2:4], *heads]
    art = clean_text("\n".join(page))
    assert [b.text for b in art.body] == [*_NEWS[:2], *(p[2:] for p in points), *_NEWS[2:4]]


@pytest.mark.parametrize("line", ["9 березня 2017 о 15:53", "9 марта 2017 в 15:53", "March 9, 2017 at 3:53 pm"])
def test_a_date_with_its_time_is_another_items_stamp_in_every_language(line: str) -> None:
    from reader.ingest.furniture import is_stamp

    assert is_stamp(line)


def test_a_list_the_article_introduces_with_a_colon_does_not_end_it() -> None:
    facts = [
        "Key facts:",
        "Four thousand homes without heating in the north of the city",
        "Repairs to take at least two more weeks from now",
        "Warming centres open in every district of the city",
        "Council to meet again on Friday about outside help",
    ]
    page = _NAV + ["Heating repairs to take two weeks", *_NEWS[:6], *facts, *_NEWS[6:8]] + _FOOT
    art = clean_text("\n".join(page))
    assert art.body[-1].text == _NEWS[7]
    assert facts[1] in [b.text for b in art.body]


def test_a_list_of_headlines_under_a_label_with_a_colon_still_ends_it() -> None:
    heads = [f"Headline number {i} about the city budget and the mayor" for i in range(5)]
    page = _NAV + ["Heating repairs to take two weeks", *_NEWS[:6], "More stories:", *heads, _NEWS[8]] + _FOOT
    art = clean_text("\n".join(page))
    assert art.body[-1].text == _NEWS[5]


def test_a_text_file_wrapped_at_a_fixed_width_reads_as_its_paragraphs() -> None:
    import textwrap

    paragraphs = [p + " Residents were asked to use the warming centres, open day and night in every district." for p in _NEWS[:4]]
    paragraphs.append("The council will meet again on Friday.")  # a paragraph shorter than one line
    text = "Heating repairs to take two weeks\n\n" + "\n\n".join(textwrap.fill(p, 72) for p in paragraphs)
    art = clean_text(text)
    assert art.title == "Heating repairs to take two weeks"
    assert [b.text for b in art.body][:4] == paragraphs[:4]


@pytest.mark.parametrize("sep", ["\r", "\u2028", "\u2029"], ids=["cr", "line-separator", "paragraph-separator"])
def test_lines_broken_by_any_line_separator_are_lines(sep: str) -> None:
    art = clean_text(sep.join(["Heating repairs to take two weeks", *_NEWS[:3]]))
    assert [b.text for b in art.body] == _NEWS[:3]


def test_a_plan_with_tips_between_long_lines_is_not_a_list_of_teasers() -> None:
    """Short sentences each alone among lines that are not prose read like teasers, but a line
    longer than a headline between them (a day's meals) is the article's own."""
    plan = []
    for day in range(1, 5):
        plan += [
            f"Day {day}",
            "Eggs and Greens [2 poached eggs, 1 cup spinach, ½ cup oats, 1 cup berries, 1 slice whole-grain toast, "
            "1 tsp. olive oil, 2 Tbsp. feta, 1 cup green tea]",
            f"Tip: prepare the oats for day {day} the evening before and keep them in the fridge overnight.",
        ]
    page = _NAV + ["A week of simple meals", *_NEWS[:3], "Here is the plan", *plan] + _FOOT
    art = clean_text("\n".join(page))
    assert art.body[0].text == _NEWS[0]
    assert "Tip: prepare the oats for day 4 the evening before and keep them in the fridge overnight." in art.text


def test_the_body_starts_under_its_headline_when_teasers_above_it_read_as_prose() -> None:
    """A ticker of other stories (each a headline run into its first sentence) just above
    the headline joins the article's densest run; the article opens under its headline."""
    ticker = [
        f"Story {i} about the port NEW YORK: The port authority said on Monday that the new terminal would open "
        f"in spring after delays caused by the storms, and that fares would rise by a tenth."
        for i in range(5)
    ]
    page = (["Heating repairs to take two weeks | Daily Times", *_NAV, *ticker,
             "Heating repairs to take two weeks", "By Jane Doe", *_NEWS[:4]] + _FOOT)
    art = clean_text("\n".join(page))
    assert [b.text for b in art.body] == _NEWS[:4]
