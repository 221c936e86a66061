"""Russian entities: the news annotation conventions the recogniser follows (factRuEval)."""

from __future__ import annotations

from reader.entities import find_entities


def spans(text: str) -> set[tuple[str, str]]:
    return {(text[e.start : e.end], e.label) for e in find_entities(text, "ru")}


def test_quoted_name_after_a_legal_form_is_the_organisation():
    found = spans("Накануне глава ОАО «Газпром» Алексей Миллер пообещал снизить цены.")
    assert ("Газпром", "ORG") in found
    assert not any("ОАО" in text for text, _ in found)


def test_quoted_name_after_a_kind_of_organisation_or_a_reporting_verb():
    found = spans("Об этом пишет газета «Коммерсантъ», а депутаты партии «Справедливая Россия» молчат.")
    assert ("Коммерсантъ", "ORG") in found
    assert ("Справедливая Россия", "ORG") in found


def test_european_union_is_an_organisation():
    assert ("Европейского союза", "ORG") in spans("Граждане Европейского союза получили право на регистрацию.")


def test_office_for_a_region_is_one_name():
    found = spans("Рабочая группа, включающая ГУ МЧС России по Санкт-Петербургу, была создана в мае.")
    assert ("ГУ МЧС России по Санкт-Петербургу", "ORG") in found


def test_adjective_of_nation_stays_with_the_organisation():
    found = spans("Об этом заявил глава японского МИДа Сэйдзи Маэхара.")
    assert ("японского МИДа", "ORG") in found
    assert ("Сэйдзи Маэхара", "PER") in found


def test_quality_adjective_is_not_part_of_the_name():
    found = spans("Председатель влиятельного Комитета по иностранным делам прибыл в Пакистан.")
    assert not any(text.startswith("влиятельного") for text, _ in found)


def test_ministry_named_by_its_country_in_lower_case():
    found = spans("В российском министерстве финансов утверждают, что долг погашен.")
    assert ("российском министерстве финансов", "ORG") in found


def test_given_name_and_surname_make_a_person():
    assert ("Лонгин Клинский", "PER") in spans("Главой представительства является архиепископ Лонгин Клинский.")
