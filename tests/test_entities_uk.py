"""Ukrainian entities: how organisation names run in Ukrainian news (NER-UK conventions)."""

from __future__ import annotations

from reader.entities import find_entities
from reader.entities.consistency import consistent
from reader.model import Entity


def spans(text: str) -> set[tuple[str, str]]:
    return {(text[e.start : e.end], e.label) for e in find_entities(text, "uk")}


def test_head_noun_takes_its_genitive_words_and_body():
    found = spans("Нещодавно Управління будівництва та житлового забезпечення КМДА уклало угоду.")
    assert ("Управління будівництва та житлового забезпечення КМДА", "ORG") in found


def test_legal_form_with_lower_case_letters_keeps_its_quoted_name():
    found = spans("Угоду уклали ТОВ «Ростдорстрой», а також ПрАТ «Хмельницьке ШБУ №56».")
    assert ("ПрАТ «Хмельницьке ШБУ №56»", "ORG") in found
    assert ("ТОВ «Ростдорстрой»", "ORG") in found


def test_quoted_names_after_a_kind_of_firm_and_in_a_list():
    found = spans("Суд зобов'язав фірми «Форвард СВ» і «Логістік СВ» сплатити штраф.")
    assert ("Форвард СВ", "ORG") in found
    assert ("Логістік СВ", "ORG") in found


def test_office_and_body_are_one_name():
    found = spans("Таку поведінку Київське відділення АМКУ визнало антиконкурентною.")
    assert ("Київське відділення АМКУ", "ORG") in found


def test_span_stops_before_the_verb():
    found = spans("З-поміж інших документів Міністерство вимагало оригінал довідки.")
    assert not any("вимагало" in text for text, _ in found)


def test_majority_label_and_other_mentions():
    text = "Кин-Топ відкрився. У Кин-Топ ходять діти. Кин-Топ росте."
    at = [i for i in range(len(text)) if text.startswith("Кин-Топ", i)]
    found = [Entity(i, i + 7, label, "Кин-Топ", "Кин-Топ") for i, label in zip(at, ["ORG", "LOC", "ORG"])]
    assert [e.label for e in consistent(text, found)] == ["ORG", "ORG", "ORG"]
    spread = consistent(text, found[:1])
    assert [(e.start, e.label) for e in spread] == [(i, "ORG") for i in at]


def test_compound_body_names_mid_sentence():
    found = spans("Проект підтримали депутати Київради, а Мінрегіонбуд заплатить 800 тис грн.")
    assert ("Київради", "ORG") in found
    assert ("Мінрегіонбуд", "ORG") in found


def test_coined_quoted_name_is_a_company():
    assert ("Дніпроспецмаш", "ORG") in spans("Тендер виграв «Дніпроспецмаш», а не інші учасники.")


def test_address_keeps_its_house_number_and_district_its_city():
    found = spans("Ділянка на вул. Тургенівській 46 / 11 у Печерському районі Києва має статус скверу.")
    assert ("вул. Тургенівській 46 / 11", "LOC") in found
    assert ("Печерському районі Києва", "LOC") in found


def test_country_in_a_law_name_and_square_metres_are_no_places():
    found = spans("Це порушує статтю 364 Кримінального кодексу України. Площа 44,3 кв м. Суддя мовчить.")
    assert ("України", "LOC") not in found
    assert not any(text == "Суддя" for text, _ in found)


def test_media_titles_and_generic_bodies_are_not_organisations():
    found = spans("Про це пише «Главком». Суд першої інстанції задовольнив позов Київради.")
    assert not any(text == "Главком" for text, _ in found)
    assert not any(text.startswith("Суд") for text, _ in found)
    assert ("Київради", "ORG") in found


def test_street_named_after_a_person_is_a_place():
    found = spans("Офіс міститься на вул. Л. Курбаса, 11 у Трускавці.")
    assert ("вул. Л. Курбаса, 11", "LOC") in found


def test_quoted_company_name_is_taken_whole():
    found = spans("У березні «Азур Груп» отримав 31 млн грн. на будівництво.")
    assert ("Азур Груп", "ORG") in found


def test_office_in_a_region_and_sole_trader():
    found = spans("Справу веде ГУ ДФС у м. Києві, а тендер виграв ФОП Любач Вадим Євгенович.")
    assert ("ГУ ДФС у м. Києві", "ORG") in found
    assert ("ФОП Любач Вадим Євгенович", "ORG") in found


def test_non_organisation_acronyms_and_roman_numerals():
    found = spans("Учасникам АТО з ІІ зони видали ділянки згідно з ДСТУ.")
    assert not {"АТО", "ІІ", "ДСТУ"} & {text for text, _ in found}


def test_place_names_by_their_shape():
    found = spans("Власником є мешканець Макіївки, а фірма працює на Харківщині.")
    assert ("Макіївки", "LOC") in found
    assert ("Харківщині", "LOC") in found


def test_person_stops_before_a_preposition_and_shared_surname_joins():
    found = spans("Фірму заснувала Алла Бабенко з Борисполя. Почали феєрично Микола та Лариса Онули.")
    assert ("Алла Бабенко", "PER") in found
    assert ("Микола та Лариса Онули", "PER") in found


def test_department_and_its_body_are_one_name():
    found = spans("У 2012 році Управління комунального господарства та будівництва Павлоградської міськради уклало угоду.")
    assert ("Управління комунального господарства та будівництва Павлоградської міськради", "ORG") in found


def test_god_is_a_person():
    assert ("Богові", "PER") in spans("Про це можна розповісти лише Богові, — міркував він.")


def test_place_adjective_joins_an_organisation_acronym():
    found = spans("У 2006-2007 роках Дніпропетровську РДА очолював Віктор Шинкевич.")
    assert ("Дніпропетровську РДА", "ORG") in found


def test_name_in_quotes_alone_is_a_company_and_court_type_is_a_name():
    found = spans("Прокуратура перевірила «Укрзалізницю». Апеляційний суд це рішення скасував.")
    assert ("Укрзалізницю", "ORG") in found
    assert ("Апеляційний суд", "ORG") in found


def test_possessive_adjective_of_a_name_is_the_person():
    found = spans("Мама не дуже схвалює Ірмине прагнення. На все Божа воля.")
    assert ("Ірмине", "PER") in found
    assert ("Божа", "PER") in found


def test_common_noun_is_no_possessive_of_a_name():
    found = spans("Людина з таким же ПІБ очолювала компанію.")
    assert not any(text == "Людина" for text, _ in found)


def test_two_full_names_side_by_side_stay_two():
    found = spans("За часів президентства Віктора Януковича Євген Анісімов вважався наглядачем.")
    assert ("Євген Анісімов", "PER") in found
    assert not any("Януковича Євген" in text for text, _ in found)


def test_person_named_mid_sentence_is_the_same_person_at_a_sentence_start():
    found = spans("Вранці до хати зайшла Соня з кошиком. Соня поставила його на стіл.")
    assert [label for text, label in found if text == "Соня"] == ["PER"]
    assert len([e for e in find_entities("Вранці до хати зайшла Соня з кошиком. Соня поставила його на стіл.", "uk") if e.text == "Соня"]) == 2


def test_proper_noun_mid_sentence_is_a_place_and_a_town_in_genitive():
    found = spans("Вона переїхала до Глевахи. У 2000-х він був мером Вуглегірська, депутатом ради.")
    assert ("Глевахи", "LOC") in found
    assert ("Вуглегірська", "LOC") in found


def test_capitalised_common_noun_and_bare_adjective_are_no_places():
    found = spans("Усі парадигми зібрано у Словнику. Ірма поїде вчитися у Велике місто.")
    assert not any(text in ("Словнику", "Велике") for text, _ in found)


def test_place_and_its_region_are_two_places():
    found = spans("Фірма придбала будівлю в Бородянському районі Київської області площею 2995 кв м.")
    assert ("Бородянському районі", "LOC") in found
    assert ("Київської області", "LOC") in found


def test_capitalised_kind_of_body_joins_its_quoted_name():
    found = spans("До суду звернулось Державне підприємство «Укрхімтрансаміак» минулого тижня.")
    assert ("Державне підприємство «Укрхімтрансаміак»", "ORG") in found


def test_title_case_body_is_one_name():
    found = spans("Відповідно Верховна Рада Автономної Республіки Крим ухвалила постанову.")
    assert ("Верховна Рада Автономної Республіки Крим", "ORG") in found


def test_unclosed_parenthesis_splits_two_names():
    found = spans("Фірма отримала угоду з побудови та акредитації Центру сертифікації ключів (ЦСК) за 1,58 млн грн.")
    assert ("ЦСК", "ORG") in found
    assert not any("(" in text for text, _ in found)


def test_media_after_a_reporting_verb_and_words_in_capitals_are_no_organisations():
    found = spans("Про це повідомляється у «Віснику державних закупівель». Вона сказала: «МЕНІ ЕСПРЕСО З ЦУКРОМ!»")
    assert not any(label == "ORG" for _, label in found)


def test_quoted_coined_word_is_a_company_whatever_the_guesser_says():
    found = spans("Тим часом слідство встановило, що «Укрстрой» заволодів коштами міськради.")
    assert ("Укрстрой", "ORG") in found


# --- names the alias data knows (aliases.NameFinder) -----------------------------------


def test_countries_the_alias_data_knows_are_places_not_people():
    found = spans("Об'єднані Арабські Емірати та Сполучені Штати Америки підписали угоду з Чеською Республікою.")
    assert ("Об'єднані Арабські Емірати", "LOC") in found
    assert ("Сполучені Штати Америки", "LOC") in found
    assert ("Чеською Республікою", "LOC") in found
    assert not any(label == "PER" for _, label in found)


def test_a_country_is_no_body_and_a_body_the_tagger_missed_is_found():
    found = spans("Делегація Великої Британії та Південної Кореї прибула до Києва.")
    assert ("Великої Британії", "LOC") in found
    assert ("Південної Кореї", "LOC") in found
    found = spans("Європейська комісія та Європейський парламент ухвалили рішення.")
    assert {("Європейська комісія", "ORG"), ("Європейський парламент", "ORG")} <= found


def test_a_larger_name_holding_a_known_one_stays_whole():
    assert ("Кабінет Міністрів України", "ORG") in spans("Кабінет Міністрів України ухвалив постанову.")


def test_a_post_is_no_body():
    found = spans("Міністр закордонних справ України Дмитро Кулеба зустрівся з генсеком НАТО.")
    assert not any(text.startswith("Міністр") for text, _ in found)
    assert ("України", "LOC") in found


def test_a_body_does_not_run_through_a_verb_to_a_place():
    found = spans("Світовий банк і Міжнародний валютний фонд виділили кошти Німеччині та Франції.")
    assert ("Міжнародний валютний фонд", "ORG") in found
    assert ("Німеччині", "LOC") in found
    assert not any("виділили" in text for text, _ in found)


def test_one_word_names_need_their_capital_and_a_noun():
    from reader.entities.aliases import name_finder

    find = name_finder("uk")
    text = "Того ж дня Малий прийшов до Чехії, а потім до Сум."
    assert [text[m.start : m.end] for m in find(text)] == ["Чехії", "Сум"]  # not `Того` (opens the sentence), not `Малий` (Mali's adjective)


def test_a_first_name_the_dictionary_also_knows_as_a_place_opens_a_text_as_a_name():
    """`Володимир` is also a town (a proper noun in the dictionary), not a common word that
    only opens the sentence: the whole name is the person."""
    from reader.entities import find_entities

    found = [(e.text, e.label) for e in find_entities("Володимир Зеленський у Києві.", "uk")]
    assert ("Володимир Зеленський", "PER") in found


def test_a_body_stops_before_a_verb_a_preposition_and_a_time():
    """A body's genitive words stop at a verb that only a surname's genitive spells
    (`надала`), a preposition the dictionary also lists as a noun (`про`), and a time."""
    found = spans("Торік Облрада надала дозвіл, а рішення Фонду держмайна про продаж скасували.")
    assert ("Облрада", "ORG") in found
    assert ("Фонду держмайна", "ORG") in found
    found = spans("Аудит Укренерго минулого року виявив збитки.")
    assert ("Укренерго", "ORG") in found


def test_a_state_acronym_is_a_place():
    found = spans("Україна і ЄС підписали угоду, а делегації ЮАР і США її схвалили.")
    assert ("ЮАР", "LOC") in found
    assert ("США", "LOC") in found


def test_two_bodies_joined_by_a_conjunction_are_two_names():
    found = spans("Кредит погодили Світовий банк та Міжнародний валютний фонд, а не Міністерство молоді та спорту.")
    assert ("Світовий банк", "ORG") in found
    assert ("Міжнародний валютний фонд", "ORG") in found
    assert ("Міністерство молоді та спорту", "ORG") in found


def test_capitalised_adjectives_and_a_place_noun_are_a_place():
    from reader.entities import recogniser

    rec = recogniser("uk")
    text = "Офшор зареєстрований на Віргінських островах, а дощі пройдуть в Одеській та Миколаївській областях."
    for name in ("Віргінських островах", "Одеській та Миколаївській областях"):
        start = text.index(name)
        as_org = rec.entity(text, start, start + len(name), "ORG")
        assert rec.adjective_place(text, as_org).label == "LOC"
    start = text.index("Офшор")
    assert rec.adjective_place(text, rec.entity(text, start, start + 5, "ORG")).label == "ORG"


def test_an_unknown_word_the_tagger_calls_a_place_is_no_surname():
    """`в Лемонті`: an unknown foreign town's surname guess says nothing."""
    found = spans("Торік під мостом йшов сніг, а в Лемонті світило сонце.")
    assert ("Лемонті", "LOC") in found


def test_a_tagger_span_ends_before_a_verb():
    found = spans("Угруповання ХАМАС і Хезболла погрожують Ізраїлю з Лівану, а Талібан захопив Кабул.")
    assert ("Талібан", "ORG") in found
    assert ("Лівану", "LOC") in found
    assert ("Кабул", "LOC") in found
    assert not any("погрожують" in text or "захопив" in text for text, _ in found)


def test_a_body_takes_the_country_the_alias_data_finds_after_it():
    found = spans("Міністерство оборони Великої Британії повідомило про втрати.")
    assert ("Міністерство оборони Великої Британії", "ORG") in found


def test_a_tagger_person_opened_by_an_adjective_is_a_place_or_a_body():
    from reader.entities import recogniser

    rec = recogniser("uk")
    text = "Бої тривають у Нагірному Карабасі, а гроші виділили Збройним Силам і селу Залізна Вода."
    for name, label in (("Нагірному Карабасі", "LOC"), ("Збройним Силам", "ORG"), ("Залізна Вода", "LOC")):
        s = text.index(name)
        assert rec.relabel(text, s, s + len(name), "PER") == label
    text = "Вождь на ймення Несамовитий Кінь і Тихий Олекса Петрович."
    for name in ("Несамовитий Кінь", "Тихий Олекса Петрович"):
        s = text.index(name)
        assert rec.relabel(text, s, s + len(name), "PER") == "PER"


def test_a_described_body_and_the_body_it_belongs_to_are_one_name():
    found = spans("Гроші отримало Полтавське обласне територіальне відділення Антимонопольного комітету України.")
    assert ("Полтавське обласне територіальне відділення Антимонопольного комітету України", "ORG") in found


def test_a_regional_office_and_its_body_acronym_are_one_name():
    found = spans("Спеціалісти Черкаського ОТВ АМКУ з'ясували, а Львівського тервідділення АМКУ оштрафувала фірму.")
    assert ("Черкаського ОТВ АМКУ", "ORG") in found
    assert ("Львівського тервідділення АМКУ", "ORG") in found


def test_an_adjective_and_a_place_noun_capitalised_by_the_sentence_are_no_place():
    found = spans("Загальна площа приміщень велика. Київська область готується до зими.")
    assert not any(text.startswith("Загальна") for text, _ in found)
    assert ("Київська область", "LOC") in found


def test_a_place_inside_a_short_quoted_title_is_part_of_the_title():
    found = spans("Мерія купила сервери для проекту «Електронний архів міста Одеси», а Одеса чекає.")
    assert not any(text == "Одеси" for text, _ in found)
    assert ("Одеса", "LOC") in found


def test_a_tagger_place_opened_by_a_first_name_is_a_person():
    from reader.entities import recogniser

    rec = recogniser("uk")
    text = "На перепохованні були Олекси Тихого рідні, а в Кривому Розі — ні."
    s = text.index("Олекси Тихого")
    assert rec.relabel(text, s, s + len("Олекси Тихого"), "LOC") == "PER"
    s = text.index("Кривому Розі")
    assert rec.relabel(text, s, s + len("Кривому Розі"), "LOC") == "LOC"


def test_a_foreign_company_is_named_by_its_legal_form():
    found = spans("Офшор «Harbour Trading LLP» і фірма Nordic Steel Oy постачали обладнання, а Siemens AG — ні.")
    assert ("Harbour Trading LLP", "ORG") in found
    assert ("Nordic Steel Oy", "ORG") in found
    assert ("Siemens AG", "ORG") in found


def test_a_lower_case_tagger_span_is_no_name_and_a_title_run_takes_its_place_noun():
    found = spans("Про це свідчить ухвала Автозаводського районного суду м. Кременчука, а Госпсуд Дніпропетровської області відхилив доводи.")
    assert ("Автозаводського районного суду м. Кременчука", "ORG") in found
    assert ("Госпсуд Дніпропетровської області", "ORG") in found


def test_a_staff_is_a_body():
    found = spans("Про втрати повідомили в Генштабі ЗСУ, а Генеральний штаб ЗСУ це підтвердив.")
    assert ("Генштабі ЗСУ", "ORG") in found
    assert ("Генеральний штаб ЗСУ", "ORG") in found


def test_a_district_and_its_region_are_two_places():
    from reader.entities import recogniser

    rec = recogniser("uk")
    text = "Тривогу оголосили в Бородянському районі Київської області."
    s = text.index("Бородянському")
    parts = rec.split_region(text, rec.entity(text, s, text.index("."), "LOC"))
    assert [e.text for e in parts] == ["Бородянському районі", "Київської області"]


def test_a_body_takes_what_it_deals_with_after_z():
    found = spans("Про це повідомляє Державна служба України з надзвичайних ситуацій. Делегація з Польщі прибула.")
    assert ("Державна служба України з надзвичайних ситуацій", "ORG") in found
    assert ("Польщі", "LOC") in found


import pytest  # noqa: E402

from reader.entities.nominative import normalise  # noqa: E402


@pytest.mark.parametrize("mention, nominative", [("Загребельської", "Загребельська"), ("Словацькому", "Словацький"),
                                                 ("Заболоцькою", "Заболоцька"), ("Заболоцькій", "Заболоцька")])
def test_a_lone_adjectival_surname_in_an_oblique_case_goes_back_to_its_nominative(mention, nominative):
    # a lone -ська, -цька surname the dictionary has as an adjective only reads as one
    assert normalise(mention, "uk", "PER") == nominative


@pytest.mark.parametrize("mention, nominative", [("Хорхе Сампаолі", "Хорхе Сампаолі"), ("Хорхе Моріконі", "Хорхе Моріконі"),
                                                 ("Салім Ніні", "Салім Ніні"), ("Ебрагім Маріні", "Ебрагім Маріні")])
def test_a_mans_foreign_name_in_a_vowel_is_not_read_as_a_locative_or_a_womans_dative(mention, nominative):
    # a person is rarely in the locative (`Салім` is no adjective's `Салий`); after a given name that
    # does not decline, a surname in a vowel is undeclined rather than an -а surname's dative
    assert normalise(mention, "uk", "PER") == nominative


@pytest.mark.parametrize("mention, label, nominative", [
    ("Харківського автогенного заводу", "ORG", "Харківський автогенний завод"), ("магістрату", "ORG", "магістрат"),
    ("Віснику державних закупівель", "PRO", "Вісник державних закупівель"), ("Полярну зірку", "PRO", "Полярна зірка"),
])
def test_a_noun_whose_nominative_the_dictionary_leaves_untagged_stays_singular(mention, label, nominative):
    # inflecting `заводу` to the nominative gave the plural `заводи`
    assert normalise(mention, "uk", label) == nominative


@pytest.mark.parametrize("mention, label, nominative", [("Миколаєві", "LOC", "Миколаїв"), ("Ростові", "LOC", "Ростов"),
                                                        ("Просвіти", "ORG", "Просвіта"),
                                                        ("Ради нацбезпеки та оборони", "ORG", "Рада нацбезпеки та оборони")])
def test_a_known_ukrainian_name_reads_singular_before_plural(mention, label, nominative):
    assert normalise(mention, "uk", label) == nominative


@pytest.mark.parametrize("mention, nominative", [("Сирілом Гомою", "Сиріл Гома"), ("Сирілом Банзою", "Сиріл Банза"),
                                                 ("Евартом Мутомбою", "Еварт Мутомба")])
def test_an_unknown_surname_in_oyu_beside_a_given_name_in_the_instrumental_is_an_a_surnames_instrumental(mention, nominative):
    assert normalise(mention, "uk", "PER") == nominative


@pytest.mark.parametrize("mention, nominative", [("Петром Прядкою", "Петро Прядка"), ("Павла Тичини", "Павло Тичина"),
                                                 ("Олексія Гілки", "Олексій Гілка"), ("Аллу Борисівну Долгопят", "Алла Борисівна Долгопят"),
                                                 ("Денису і Володимиру Ященкам", "Денис і Володимир Ященки")])
def test_a_mans_surname_in_a_declines_as_a_womans_word_and_one_persons_surname_is_singular(mention, nominative):
    assert normalise(mention, "uk", "PER") == nominative


@pytest.mark.parametrize("mention, label, nominative", [
    ("Речі Посполитої", "LOC", "Річ Посполита"), ("Софії Київської", "LOC", "Софія Київська"),
    ("Берези Картузької", "LOC", "Береза Картузька"), ("Кабінету міністрів", "ORG", "Кабінет міністрів"),
    ("Сил спеціальних операцій", "ORG", "Сили спеціальних операцій"),
])
def test_adjectives_that_end_a_name_after_its_head_agree_with_it(mention, label, nominative):
    assert normalise(mention, "uk", label) == nominative


@pytest.mark.parametrize("mention, nominative", [
    ("Верховну Раду України", "Верховна Рада України"), ("Центральною Радою України", "Центральна Рада України"),
    ("Верховною Радою Автономної Республіки Крим", "Верховна Рада Автономної Республіки Крим"),
    ("Донецька обл", "Донецька обл"), ("Чорного та Азовського морів", "Чорного та Азовського морів"),
])
def test_a_head_noun_that_also_reads_as_an_adjective_is_the_head_when_the_next_words_do_not_agree(mention, nominative):
    assert normalise(mention, "uk", "ORG") == nominative


@pytest.mark.parametrize("mention, nominative", [("Раду Європи", "Рада Європи"), ("Радою безпеки ООН", "Рада безпеки ООН"),
                                                 ("Рада міністрів", "Рада міністрів"), ("Донецька обл", "Донецька обл")])
def test_a_first_word_that_also_reads_as_an_adjective_is_the_head_before_its_genitive_complement(mention, nominative):
    assert normalise(mention, "uk", "ORG") == nominative


@pytest.mark.parametrize("mention, nominative", [("Папою Франциском", "Папа Франциск"), ("Папи Франциска", "Папа Франциск"),
                                                 ("Ляща", "Лящ"), ("Німої Куниці", "Німа Куниця")])
def test_a_persons_word_that_is_a_common_noun_stays_singular(mention, nominative):
    # the dictionary tags no singular, so inflecting `Папою` to the nominative gave the plural `папи`
    assert normalise(mention, "uk", "PER") == nominative


@pytest.mark.parametrize("mention, nominative", [("Тарасові Шевченку", "Тарас Шевченко"), ("Борисові Грінченку", "Борис Грінченко"),
                                                 ("Лесі Українці", "Леся Українка"), ("Адамові", "Адам"), ("Мелоні", "Мелоні")])
def test_a_known_name_is_read_in_another_case_before_the_locative(mention, nominative):
    assert normalise(mention, "uk", "PER") == nominative


def test_a_genitive_complement_that_also_reads_as_a_possessive_in_another_case_is_still_a_complement():
    assert normalise("Радою міністрів Автономної Республіки Крим", "uk", "ORG") == "Рада міністрів Автономної Республіки Крим"
    assert normalise("Сибирского Торгового Банка", "uk", "ORG") == "Сибирского Торгового Банка"


@pytest.mark.parametrize("mention, nominative", [("Олександра Лукашенка", "Олександр Лукашенко"), ("Олександра Коваль", "Олександра Коваль"),
                                                 ("Марія Гонта", "Марія Гонта")])
def test_a_name_is_kept_as_a_nominative_only_when_its_words_agree_in_gender(mention, nominative):
    # the dictionary has `Лукашенка` as a man's nominative variant too: with a woman's `Олександра`
    # it is no nominative, but the genitive of Олександр Лукашенко
    assert normalise(mention, "uk", "PER") == nominative
