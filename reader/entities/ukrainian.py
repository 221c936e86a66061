"""Ukrainian entities, with no Ukrainian NER model to install: natasha's Russian tagger
read through a length-preserving respelling, then Ukrainian rules and morphology.

- `respell` maps Ukrainian letters to their nearest Russian ones (і→и, є→е, ї→и, ґ→г,
  apostrophe→ъ, word-final и→ы after a hard consonant) without changing offsets, so
  `України` reaches the tagger as `Украины`, a word its embeddings know.
- pymorphy3's Ukrainian dictionary (first names, surnames, patronymics) fixes types and
  puts names in the nominative for the index.
- Rules add what the tagger misses: organisations named by a legal form and quotes
  (`ТОВ «Нью Сторі»`) or by a head noun (`Господарський суд Київської області`),
  acronyms, first names and surnames the dictionary knows, places from the gazetteer.
- The dictionary also tells proper nouns from common ones (by how it orders their tags) and
  possessives made from names (`Ірмине`), so capitals mid-sentence can be read: a proper
  noun is a place, a capitalised common noun is emphasis, a name's possessive is the person.

Measured on NER-UK (bench/ner.py); the rules were tuned on one half of it only.
"""

from __future__ import annotations

import re
import warnings

from reader.entities.aliases import NAME_WORD as _WORD, name_finder, opens_sentence as sentence_start
from reader.entities.consistency import consistent
from reader.entities.dates import find_dates
from reader.entities.gazetteer import UK_LOC, UK_ORG
from reader.entities.merge import NAME_PARTICLES
from reader.entities.nominative import PER_TAGS, Nominative
from reader.entities.spans import resolve, split_parenthesis, trim, with_known_names
from reader.model import Entity

_LETTERS = str.maketrans({"і": "и", "І": "И", "ї": "и", "Ї": "И", "є": "е", "Є": "Е", "ґ": "г", "Ґ": "Г",
                          "'": "ъ", "’": "ъ", "ʼ": "ъ"})
_FINAL_Y = re.compile(r"(?<=[бвдзлмнпрстфцБВДЗЛМНПРСТФЦ])и\b")


def respell(text: str) -> str:
    """Ukrainian spelt as Russian letter for letter: same length, same offsets."""
    return _FINAL_Y.sub("ы", text).translate(_LETTERS)


# An organisation named by its legal form and quotes, nested quotes allowed:
# ТОВ «Керуюча компанія «Днепросервіс»», ДП «Укрбурштин».
_LEGAL_QUOTED = re.compile(r"\b(?:[А-ЯІЇЄҐ]{2,6}|ПрАТ|ТзОВ|ПрАТ)\s*«[^«»\n]{1,80}?(?:«[^«»\n]{1,80}?»?)?[^«»\n]{0,80}?»")
_ACRONYM = re.compile(r"\b[А-ЯІЇЄҐ]{2,7}\b")
# A company's legal form after its name, as foreign firms write it: `Wargrave Trading LLP`,
# `Delacon Systems Ltd`, `Біргмінтон Інвестінг Інк.`.
_LEGAL_SUFFIX = re.compile(
    r"(?<=\w)[\s,]+(?:Ltd|LLC|LLP|Inc|Limited|GmbH|AG|OY|Oy|S\.A|Corp|Corporation|PLC|plc|B\.V|SE|SA|"
    r"Лімітед|Лтд|ЛТД|Інк|ГмбХ|Корп|Корпорейшн)\.?$", re.IGNORECASE
)
# A foreign company named without quotes: capitalised Latin words and a legal form.
_LATIN_COMPANY = re.compile(
    r"\b[A-Z][\w&'-]*(?:\s+[A-Z][\w&'-]*){0,5}\s+(?:Ltd|LLC|LLP|Inc|Limited|GmbH|AG|OY|Oy|Corp|Corporation|PLC|plc|SE|SA)\b\.?"
)
#: Acronyms that name no organisation (tax, media, units, forms of ownership on their own).
_NOT_ORG = frozenset(
    "ТОВ ПАТ ПрАТ ПП ДП КП АТ ВАТ ЗАТ ТД ФОП ЛТД ПДВ ЗМІ ВВП ЖКГ ДТП ПСГ АЕС ГЕС ТЕС ТЕЦ ЕОМ ПММ"
    " СВ СУ ГУ ТУ КС БК ЖК ЄДРПОУ ІПН АТО ООС ДСТУ ПІБ БФП ВВВ КК ЦК ЗУ ТС КПКВК КЕКВ ПЗ ПК ЄС".split()
) - {"ЄС"}
# Roman numerals written in Cyrillic letters (`ІІ зона`, `ХХ ст.`) are no acronyms.
_ROMAN = re.compile(r"^[ІIХXVL]+$")
#: Forms of business that a person's name follows: `ФОП Любач Вадим Євгенович`.
_PERSON_BUSINESS = frozenset("ФОП ФГ СФГ ПП".split())
#: Acronyms of places.
_LOC_ACRONYMS = frozenset("США РФ ОАЕ ФРН КНР КНДР ПАР СРСР УРСР УСРР АРК".split())
#: Lemmas of the units of a larger body: `Відділ освіти` + `Покровської міськради`.
_UNIT_HEADS = frozenset("управління департамент відділ відділення філія інспекція служба сектор".split())
#: How the lemma of a compound unit ends: тервідділення, облуправління, райвідділ.
_UNIT_ENDINGS = ("відділення", "управління", "відділ")
#: God named, in any case: Ukrainian annotation counts Him a person.
_DEITIES = frozenset("""Бог Бога Богу Богові Богом Боже Господь Господа Господу Господеві Господом Господи
Аллах Аллаха Аллаху Аллахом Всевишній Всевишнього Всевишньому Всевишнім Ісус Ісуса Ісусу Ісусом Христос Христа
Христу Христом Яхве""".split())
#: Adjectives of God (`Божий`, `Господніх`): Ukrainian annotation counts them a person.
_DIVINE_ADJECTIVES = frozenset("божий господній".split())
# A possessive adjective made from a name: `Ірмина` (Ірма), `Петрового` (Петро), `Шекспірових`.
_POSSESSIVE = re.compile(r"^(\w{2,}?)(?:ин|їн|ов|ев|єв|ів|їв)(?:а|е|і|ий|ого|ому|ою|ій|их|им|ими|у|ої|ім)?$")
# pymorphy3's Ukrainian dictionary writes a proper noun's tags in another order
# (`NOUN,femn,inan`: Полтва, Тисмениця) than a common noun's (`NOUN,inan femn`: хата).
_PROPER_NOUN = re.compile(r"^NOUN,(?:masc|femn|neut|plur)")
_COMMON_NOUN = re.compile(r"^NOUN,(?:inan|anim)")
_LOC_PREPOSITIONS = frozenset("в у на під біля до з із м".split())


_FUNCTION_POS = frozenset({"NPRO", "CONJ", "PRCL", "PREP", "ADVB", "VERB", "PRED", "INTJ", "NUMR", "GRND", "INFN"})
# Company names coined from Ukrainian stems: Укрзалізниця, Нафтогаз, Київбуд, Агропромсервіс.
_COMPANY_WORD = re.compile(r"^(?:Укр|Київ|Харків|Одес|Дніпро|Львів|Держ)\w{3,}|\w+(?:газ|буд|енерго|пром|сервіс|трейд|інвест|банк|авто|транс|хім|звʼязок|зв'язок|зв’язок|нафта|постач|збут)\w{0,4}$")
# Lemmas of bodies named by a compound word: Київрада, Мінрегіонбуд, Держкомзем, облаздрав.
_ORG_COMPOUND = re.compile(
    r"^(?:мін[а-яіїєґ'’]{3,}|держ[а-яіїєґ]{3,}|нац[а-яіїєґ]{4,}|укр[а-яіїєґ]{3,}|обл[а-яіїєґ]{4,}"
    r"|[а-яіїєґ]+(?:рада|суд|центр|банк|буд|газ|енерго|пром|трест|збут|постач|здрав|лісгосп|холдинг|інвест|трейд|сервіс|штаб))$"
)
#: Nouns of time: a genitive one after a body says when (`минулого року`), never names it.
_TIME_NOUNS = frozenset("""рік рок день тиждень місяць квартал період час півріччя століття минуле
січень лютий березень квітень травень червень липень серпень вересень жовтень листопад грудень""".split())
#: Lemmas of the nouns that head an organisation's name: `Вищий господарський суд`.
_ORG_HEADS = frozenset("""
рада облрада міськрада райрада суд госпсуд адміністрація управління міністерство комітет агентство
служба інспекція департамент університет академія інститут банк фонд партія компанія центр
прокуратура поліція залізниця корпорація асоціація спілка об'єднання федерація палата кабінет
альянс дім профспілка організація відділ відділення лікарня ліцей школа гімназія коледж музей театр
штаб
райсуд держадміністрація райдержадміністрація облдержадміністрація
сільрада селищрада міськдержадміністрація адмінсуд лісгосп держлісгосп лісництво мерія виконком
комбінат диспансер госпіталь
""".split())
#: Lemmas of the nouns that head a place's name: `Поштова площа`, `Київська область`.
_PLACE_HEADS = frozenset("""
область район площа вулиця проспект бульвар провулок майдан острів узбережжя море озеро річка
регіон округ країна континент півострів затока
""".split())
# A street address, as Ukrainian news writes it: `вул. Київська, 94`, `вулиці Чумацької`.
_ADDRESS = re.compile(
    r"\b(?:вул\s?\.|вулиц[яіюеь]\w*|просп\s?\.|проспект\w*|пл\s?\.|бульв\s?\.|бульвар\w*|пров\s?\.|провул\w*)\s*"
    r"(?:[А-ЯІЇЄҐ]\s?\.\s?){0,2}[А-ЯІЇЄҐ][\w'’-]+(?:\s+[А-ЯІЇЄҐ][\w'’-]+)?(?:,?\s*(?:буд\.\s*)?\d+(?:[-–]?[А-ЯІа-яі]\b)?(?:\s*/\s*\d+(?:[-–]?[А-ЯІа-яі]\b)?)?\b)?"
)
#: The house number after a street named before its kind: `Контрактовій площі, 4`.
_HOUSE = re.compile(r",?\s*\d+(?:[-–]?[А-ЯІа-яі]\b)?(?:\s*/\s*\d+)?\b(?!\s*(?:%|р\.|рок|грн|млн|тис|кв|га|км|м\b))")
_STREET_HEADS = frozenset("вулиця площа проспект бульвар провулок узвіз шосе набережна алея".split())
#: Lemmas after which `України` names a law or a budget, not the country.
_DOCUMENT_HEADS = frozenset("закон кодекс конституція бюджет програма день указ постанова герб".split())
# A settlement named after its kind: `м. Рівне`, `с. Угорники`, `смт Вишневе`, `місті Хорол`.
_SETTLEMENT = re.compile(r"(?<!кв\.\s)(?<!кв\s)(?<!кв\.)\b(?:м\.|с\.|смт\.?|сел\.|сел[оіау]|селом|селищ[еіа]|міст[оіа])\s*([А-ЯІЇЄҐ][\w'’]+(?:-[А-ЯІЇЄҐ][\w'’]+)?)")
_ORG_RUN = re.compile(r"\b[А-ЯІЇЄҐ][\w'’-]+(?:\s+[а-яіїєґ][\w'’-]+){0,3}")
_PLACE_TAIL = re.compile(r"(?:\s+[а-яіїєґ][\w'’-]*){0,6}\s+(?:м\.\s*|міста\s+)?([А-ЯІЇЄҐ][\w'’-]+)")
# Lower-case genitive words that complete an organisation's name after its head noun:
# `Управління` + `будівництва та житлового забезпечення` + `КМДА`.
_NEXT_WORD = re.compile(r",?\s(з питань\s|[\w'’-]+)")
#: Lemmas of nouns that say the quoted name after them is an organisation: фірма «Ю. К.».
_ORG_KINDS = frozenset("""
фірма компанія підприємство товариство корпорація концерн холдинг банк фонд організація
об'єднання агенція агентство партія спілка група мережа завод
""".split())
# Ukrainian news annotation leaves media titles out: `пише «Главком»`, `за даними «Forbes»`.
_MEDIA_BEFORE = re.compile(
    r"(?:пише|пишуть|написав|написала|даними|повідомив|повідомила|повідомляє|повідомили|посиланням на"
    r"|газет[аиіу]|видання|журнал[уі]?|сайт[іу]?|телеканал[уі]?)\s*[«\"“]\s*$"
    # `Про це повідомляється у «Віснику...»`, `пише Юлія Срібная на «БюроUA»`
    r"|(?:повідомляється|йдеться|опубліковано|пише|пишуть|написав|написала|написали)(?:\s+[\w'’.]+){0,3}\s+(?:[ву]|на)\s*[«\"“]\s*$"
)
# Lemmas shaped like Ukrainian place names: Дніпропетровськ, Макіївка, Тернопіль, Вишгород,
# Харківщина, Запоріжжя.
_TOPONYM = re.compile(r"(?:[сц]ьк|[іїо]вка|піль|поль|город|град|щина|ччина|ріжжя|ділля|ддя)$")
#: Bodies written in lower case before the region they serve: `прокуратури Одеської області`.
_LOWER_BODIES = frozenset("прокуратура управління департамент госпсуд суд поліція адміністрація інспекція".split())
#: Heads too generic to be a name when only a sentence's first capital makes them look
#: like one: `Уповноважений банк`, `Суд першої інстанції`, `Рада директорів`.
_GENERIC_HEADS = frozenset("банк фонд рада центр компанія школа організація колегія комісія".split())
# Capitalised adjectives and a kind of body before its quoted name: `Юридична фірма «Легіс-Плюс»`.
_DESCRIBED = re.compile(r"(?<![«\w])([А-ЯІЇЄҐ][\w'’-]+(?:\s+[а-яіїєґ][\w'’-]+){0,2}\s+[а-яіїєґ][\w'’]+)\s?«\s*[^«»\n]{1,60}?\s*»")
_DESCRIBED_KINDS = frozenset("""підприємство організація фірма аеропорт господарство товариство установа компанія
фонд об'єднання центр завод комбінат""".split())
_TITLE_RUN = re.compile(r"\b[А-ЯІЇЄҐ][а-яіїєґ'’-]+(?:\s[А-ЯІЇЄҐ][а-яіїєґ'’-]+)+")
_QUOTE = re.compile(r"«\s*([^«»\n]{1,60}?(?:«[^«»\n]{1,40}»[^«»\n]{0,20}?)?)\s*»")


class UkrainianRecogniser:
    """natasha's tagger on respelt text, checked and completed by pymorphy3 and rules."""

    lang = "uk"

    def __init__(self) -> None:
        from natasha import NewsEmbedding, NewsNERTagger

        from reader.words import parser

        self.ner = NewsNERTagger(NewsEmbedding())
        # The process's one analyser, its parses cached: names repeat within and across articles.
        self.parse = parser("uk")
        self.nominative = Nominative(self.parse, UK_LOC)

    def tagger_spans(self, text: str) -> list[tuple[int, int, str]]:
        """natasha's spans over the respelt text (its tagger needs no segmentation first)."""
        return [(s.start, s.stop, s.type) for s in self.ner(respell(text)).spans]

    def __call__(self, text: str) -> list[Entity]:
        found = consistent(text, self.known_names(text, self.join(text, self.candidates(text))))
        found = self.quoted_titles(text, [e for e in found if not self.in_document_name(text, e)])  # mentions spread too
        return resolve(found + find_dates(text, "uk"))

    def candidates(self, text: str) -> list[Entity]:
        found = self.headed_orgs(text)
        found += [self.entity(text, m.start(), m.end(), "LOC") for m in _ADDRESS.finditer(text)]
        found += [self.entity(text, m.start(1), m.end(1), "LOC") for m in _SETTLEMENT.finditer(text)]
        found += self.quoted_orgs(text)
        found += self.described_orgs(text)
        found += self.title_orgs(text)
        found += [self.entity(text, *trim(text, *m.span()), "ORG") for m in _LATIN_COMPANY.finditer(text)]
        for m in _LEGAL_QUOTED.finditer(text):
            if m.group().split("«")[0].strip() not in _LOC_ACRONYMS:
                found.append(self.entity(text, m.start(), m.end(), "ORG"))
        for s, e, label in self.tagger_spans(text):
            s, e = trim(text, s, e)
            s = self.skip_leading_words(text, s, e)
            e = self.drop_trailing_words(text, s, e)
            first = _WORD.match(text, s)
            if first and self.possessive_of_name(first.group(), self.parse(first.group())):
                e, label = first.end(), "PER"  # `Дориної` + `хати`: whose, not what
            parts = [(s, e, label)]
            if label == "PER":
                parts = self.split_people(text, s, self.person_end(text, s, e))
            for s, e, label in parts:
                label = self.relabel(text, s, e, label)
                if label == "ORG" and {p.normal_form for w in _WORD.findall(text[s:e]) for p in self.parse(w)} & _ORG_HEADS:
                    e = self.genitive_tail(text, e)
                if label:
                    found.append(self.entity(text, s, e, label))
        found = resolve(found)
        taken = bytearray(len(text))  # 1 where a span found so far stands
        for e in found:
            taken[e.start : e.end] = b"\x01" * (e.end - e.start)

        def free(s: int, e: int) -> bool:
            return not any(taken[s:e])

        for m in _ACRONYM.finditer(text):
            word = m.group()
            if free(*m.span()) and word not in _NOT_ORG and not _ROMAN.match(word):
                found.append(self.entity(text, m.start(), m.end(), "LOC" if word in _LOC_ACRONYMS else "ORG"))
        # A word of a person's name found elsewhere in the text is that person again,
        # in whatever case (`Марина Олійник` ... `Олійником`).
        people = {w.lower() for e in found if e.label == "PER" and (" " in e.norm or not sentence_start(text, e.start)) for w in e.norm.split() if w[:1].isupper() and len(w) > 2}
        for m in _WORD.finditer(text):
            word = m.group()
            if not free(*m.span()) or not word[0].isupper() or word.isupper():
                continue
            if word.lower() in people or {p.normal_form for p in self.parse(word) if p.tag.POS == "NOUN"} & people:
                found.append(self.entity(text, m.start(), m.end(), "PER"))
                continue
            label = self.word_label(word, sentence_start(text, m.start()))
            if not label and self.town_in_genitive(word) and not re.match(r"\s+[а-яіїєґ]", text[m.end() :]):
                label = "LOC"
            if label:
                end = self.genitive_tail(text, m.end()) if label == "ORG" else m.end()
                found.append(self.entity(text, m.start(), end, label))
        return resolve(found)

    def known_names(self, text: str, found: list[Entity]) -> list[Entity]:
        """The alias data's countries, regions, cities and bodies (aliases.NameFinder) decide
        the label of a span that is one of them (`Чеською Республікою` is no person,
        `Великої Британії` no body) and are added where the tagger missed or cut them
        (`Європейська комісія`, `Об'єднані` + `Арабські Емірати`); a larger name that holds
        one (`Кабінет Міністрів України`) stays as it is. A post is no body:
        `Міністр закордонних справ` + `України` leaves only the country."""
        found = [e for e in found if not self.post(text, e)]
        names = [m for m in name_finder("uk")(text) if m.words > 1 or self.single_name(text[m.start : m.end], m.kind)]
        out: list[Entity] = []
        for e in with_known_names(text, found, names, self.entity, self.person_word):
            # `Міністерство оборони` + `Великої Британії`: a body and the country it serves,
            # once the alias data has told the tagger's person from a place
            prev = out[-1] if out else None
            if prev and prev.label == "ORG" and e.label == "LOC" and text[prev.end : e.start] == " " and self.genitive(e.text):
                out[-1] = self.entity(text, prev.start, e.end, "ORG")
                continue
            out.append(e)
        return out

    def genitive(self, name: str) -> bool:
        """Whether a name's last word may be in the genitive (`Британії`, `США`)."""
        words = _WORD.findall(name)
        return bool(words) and any(p.tag.case == "gent" for p in self.parse(words[-1]))

    def single_name(self, word: str, kind: str) -> bool:
        """Whether a one-word name of the alias data is that name here: a noun (not `Малий`,
        `Донецької`, `Та`), and for a city no common noun the dictionary knows (`Раду`)."""
        parses = self.parse(word)
        if word.isupper():
            return True
        if not any(p.tag.POS == "NOUN" for p in parses[:2]) or any(p.tag.POS in _FUNCTION_POS | {"ADJF"} for p in parses[:1]):
            return False
        return kind != "places" or not any(p.is_known and _COMMON_NOUN.match(str(p.tag)) for p in parses)

    def post(self, text: str, e: Entity) -> bool:
        """Whether an organisation's span is headed by a person's post, an animate common
        noun (`Міністр`, `Посол`, `Голова`), not by a body."""
        words = _WORD.findall(e.text)
        if e.label != "ORG" or len(words) < 2 or not e.text[:1].isupper() or not words[1].islower() or "«" in text[max(0, e.start - 2) : e.start]:
            return False  # `«Партнер СВ»`, `«Прем'єр Лізинг»`, `«Молода гвардія»`: a firm named by a noun
        top = self.parse(words[0])[0]
        return top.is_known and top.tag.POS == "NOUN" and "anim" in top.tag.grammemes and not top.tag.grammemes & PER_TAGS

    def person_word(self, text: str) -> bool:
        """Whether a word of `text` may be a first name or surname (`Орел`)."""
        return any(p.tag.grammemes & PER_TAGS for w in _WORD.findall(text) for p in self.parse(w)[:3])

    def headed_orgs(self, text: str) -> list[Entity]:
        """`Апеляційний суд`, `Дніпропетровської облради`, `Партії регіонів`: capitalised
        adjectives (or a capitalised head) then lower-case adjectives up to the head noun."""
        out = []
        for m in _ORG_RUN.finditer(text):
            words = list(_WORD.finditer(m.group()))
            for i, w in enumerate(words):
                parses = self.parse(w.group())
                lemmas = {p.normal_form for p in parses}
                if i > 0 and lemmas & _PLACE_HEADS:
                    out.append(self.entity(text, m.start(), m.start() + w.end(), "LOC"))
                    break
                if lemmas & _ORG_HEADS:
                    end = w.end()
                    if i == 0:  # a capitalised head needs its genitive words: Партії регіонів
                        tail = self.genitive_tail(text, m.start() + end)
                        if tail == m.start() + end:
                            break
                        end = tail - m.start()
                    end = self.genitive_tail(text, self.place_tail(text, m.start() + end))
                    out.append(self.entity(text, m.start(), end, "ORG"))
                    break
                if not any(p.tag.POS == "ADJF" for p in parses):
                    break
        return out

    def genitive_tail(self, text: str, end: int) -> int:
        """Where an organisation's name ends once the lower-case genitive words that complete
        it are taken (`Міністерстві` + `екології та природних ресурсів`), with a body or
        place they belong to (`КМДА`, `НАН України`)."""
        best, i, pending = end, end, False
        while True:
            m = _NEXT_WORD.match(text, i)
            if not m:
                break
            word = m.group(1).strip()
            if m.group().startswith(",") and (not word[:1].islower() or pending):
                break
            if word in ("та", "і", "й", "з питань") or word == "з" and re.match(r"\s[а-яіїєґ]", text[m.end() :]):
                if pending:  # `служба України` + `з надзвичайних ситуацій`: what the body deals with
                    break
                pending, i = True, m.end()
                continue
            if word[:1].isupper():
                lemmas = {p.normal_form for p in self.parse(word)}
                if word.isupper() and 1 < len(word) <= 6 and word not in _NOT_ORG or lemmas & UK_LOC:
                    best = i = m.end()
                    pending = False
                    continue
                break
            parses = self.parse(word)
            nouns = [p for p in parses if p.tag.case == "gent" and p.tag.POS == "NOUN" and not p.tag.grammemes & (PER_TAGS | {"Fixd"})]
            if any(p.tag.POS in _FUNCTION_POS for p in parses[:1]) or not nouns and not any(p.tag.case == "gent" and p.tag.POS == "ADJF" for p in parses):
                break  # `Київрада` | `надала`: a verb's form is only a surname's genitive
            if nouns and all(p.normal_form in _TIME_NOUNS for p in nouns):
                break  # `Укрзалізниці` | `минулого року`: when, not whose
            i = m.end()
            if nouns:
                best, pending = i, False
        return best

    def quoted_orgs(self, text: str) -> list[Entity]:
        """Names in quotes after a kind of organisation (`фірма «Ю. К.»`) or after such a
        name and `і`, `та` or a comma (`фірми «Форвард СВ» і «Логістік СВ»`)."""
        out: list[Entity] = []
        last_end = -1
        for m in _QUOTE.finditer(text):
            before = text[max(0, m.start() - 40) : m.start()]
            word = re.search(r"([\w'’]+)\s*$", before)
            lemmas = {p.normal_form for p in self.parse(word.group(1))} if word and word.group(1).islower() else set()
            listed = last_end >= 0 and re.fullmatch(r"\s*(?:,|і|та|й)\s*", text[last_end : m.start()])
            name = m.group(1)
            if (lemmas & _ORG_KINDS or listed or self.coined(name) or _LEGAL_SUFFIX.search(name)) and name[:1].isupper() and len(name.split()) <= 6:
                out.append(self.entity(text, m.start(1), m.end(1), "ORG"))
                last_end = m.end()
        return out

    def title_orgs(self, text: str) -> list[Entity]:
        """Bodies written in title case, the whole run of capitals (`Верховна Рада
        Автономної Республіки Крим`, `Збройні Сили України`): adjectives, a head noun, and
        the capitalised words that complete it, even at a sentence's start."""
        out = []
        for m in _TITLE_RUN.finditer(text):
            words = list(_WORD.finditer(m.group()))
            while len(words) > 1 and not self.lemmas(words[0].group()) & _ORG_HEADS and not self.adjective(words[0].group()):
                words.pop(0)  # `Відповідно` opening the sentence
            for j, w in enumerate(words):
                if self.lemmas(w.group()) & (_ORG_HEADS | {"сила"}):
                    break
                if not self.adjective(w.group()):
                    j = -1
                    break
            else:
                j = -1
            if j > 0 or j == 0 and len(words) > 1:
                end = m.end()
                if self.adjective(words[-1].group()):
                    end = self.genitive_tail(text, end)  # `Госпсуд Дніпропетровської` + `області`
                out.append(self.entity(text, m.start() + words[0].start(), end, "ORG"))
        return out

    def described_orgs(self, text: str) -> list[Entity]:
        """`Державне підприємство «Укрхімтрансаміак»`, `Громадська організація «Центр
        протидії корупції»`: a capitalised description of the kind of body is part of the
        name; one of nationality or place (`Латвійська компанія`) is not."""
        out = []
        for m in _DESCRIBED.finditer(text):
            words = m.group(1).split()
            if not self.lemmas(words[-1]) & _DESCRIBED_KINDS or re.search(r"[сц]ьк", m.group(1)):
                continue
            if all(map(self.adjective, words[:-1])):
                out.append(self.entity(text, m.start(), m.end(), "ORG"))
        return out

    def coined(self, name: str) -> bool:
        """Whether a quoted name is a coined word no dictionary knows (`«Дніпроспецмаш»`) or
        a compound body name (`«Укравтодору»`): such names are companies."""
        words = name.split()
        if not words or len(words) > 2 or not words[0][:1].isupper() or words[0].isupper():
            return False
        parses = self.parse(words[0])
        if any(p.is_known and p.tag.grammemes & (PER_TAGS | {"Geox"}) for p in parses):  # guesses say nothing
            return False
        return not parses[0].is_known or any(p.tag.POS == "NOUN" and _ORG_COMPOUND.match(p.normal_form) for p in parses[:1])

    def place_tail(self, text: str, end: int) -> int:
        """Where an organisation's name ends when lower-case words and a known place follow:
        `Міністерства` + `економічного розвитку і торгівлі` + `України`."""
        m = _PLACE_TAIL.match(text, end)
        if not m or not {p.normal_form for p in self.parse(m.group(1))} & UK_LOC:
            return end
        # only nouns, adjectives, `і`, `та`, `у`, `по` on the way: no verb (`фонд` + `виділили
        # кошти` + `Німеччині`)
        for w in _WORD.findall(text[end : m.start(1)]):
            if w not in ("і", "та", "й", "у", "в", "по", "з", "із", "м") and not any(p.tag.POS in ("NOUN", "ADJF") for p in self.parse(w)[:1]):
                return end
        return m.end()

    def join(self, text: str, found: list[Entity]) -> list[Entity]:
        """Glue neighbours the way names are written: `Тіною` + `Кароль`, `Національного
        банку` + `України`, `Печерського суду` + `м. Києва`, `Дніпропетровської` + `ОДА`."""
        out: list[Entity] = []
        for e in sorted(found, key=lambda x: x.start):
            if out:
                prev = out[-1]
                gap = text[prev.end : e.start]
                if (prev.label, e.label) in (("PER", "PER"), ("ORG", "LOC")) and re.fullmatch(r" |\s?м\.\s?| міста ", gap) and not (
                    e.label == "PER" and self.whole_name(e.text)
                ):
                    out[-1] = self.entity(text, prev.start, e.end, prev.label)
                    continue
                # `ГУ ДФС` + `у м. Києві`, `Держгеокадастру` + `у Волинській області`: a
                # body's office in a region is one name.
                if prev.label == "ORG" and e.label == "LOC" and re.fullmatch(r" [ув] (?:м\.\s?)?", gap) and (
                    "м." in gap or self.lemmas(e.text.split()[-1]) & {"область", "район"}
                ) and (re.search(r"\b[А-ЯІЇЄҐ]{2,}", prev.text) or self.lemmas(prev.text.split()[0]) & _ORG_HEADS
                       or any(_ORG_COMPOUND.match(w) for w in self.lemmas(prev.text.split()[0]))):
                    out[-1] = self.entity(text, prev.start, e.end, "ORG")
                    continue
                if prev.text in _PERSON_BUSINESS and e.label == "PER" and gap == " ":
                    out[-1] = self.entity(text, prev.start, e.end, "ORG")
                    continue
                # `Управління капітального будівництва` + `Миколаївської облдержадміністрації`:
                # a department and the body it belongs to are one name.
                if prev.label == "ORG" == e.label and gap == " " and e.text[:1].isupper() and (
                    any(self.lemmas(w) & _UNIT_HEADS for w in prev.text.split()[:3]) or prev.text[-1:].islower() and self.subordinate(e.text)
                ):
                    out[-1] = self.entity(text, prev.start, e.end, "ORG")
                    continue
                # `Микола` + `та` + `Лариса Онули`: two given names share one surname.
                if prev.label == "PER" == e.label and re.fullmatch(r" (?:та|і|й) ", gap) and " " not in prev.text and " " in e.text and any(
                    "Name" in p.tag.grammemes for p in self.parse(prev.text)[:2]
                ) and any("Name" in p.tag.grammemes for p in self.parse(e.text.split()[0])[:2]):
                    out[-1] = self.entity(text, prev.start, e.end, "PER")
                    continue
                # `Печерському районі` + `Києва`: a district and the place it is in.
                if prev.label == "LOC" == e.label and gap == " " and self.lemmas(prev.text.split()[-1]) & _PLACE_HEADS and not (
                    self.lemmas(e.text.split()[-1]) & {"область", "район"}
                ):  # but `Бородянському районі` | `Київської області` are two
                    out[-1] = self.entity(text, prev.start, e.end, "LOC")
                    continue
                # `Відділення` + `АМКУ`, `ГУ` + `СБУ`, `Черкаського ОТВ` + `АМКУ`, `Львівського
                # тервідділення` + `АМКУ`: a body's office and the body.
                if prev.label == "ORG" == e.label and gap == " " and e.text.isupper() and (
                    prev.text.split()[-1].isupper() or any(l in _ORG_HEADS or l.endswith(_UNIT_ENDINGS) for l in self.lemmas(prev.text.split()[-1]))
                ):
                    out[-1] = self.entity(text, prev.start, e.end, "ORG")
                    continue
                # `Дочірнє підприємство` + `«Кіровоградський облавтодор»`: a kind and its name.
                if prev.label == "ORG" == e.label and re.fullmatch(r"\s*«\s*", gap) and self.lemmas(prev.text.split()[-1]) & (_ORG_HEADS | _ORG_KINDS):
                    close = re.match(r"\s*»", text[e.end :])
                    if close:
                        out[-1] = self.entity(text, prev.start, e.end + close.end(), "ORG")
                        continue
            out.append(e)
        out = [self.placed(text, e) for e in out if not self.not_a_name(text, e)]
        out = [self.body_of_place(text, e) for e in out]
        out = [p for p in (self.place_word(text, e) for e in out) if p]
        out = self.whole_quotes(text, out)
        out = [e for e in out if not self.in_document_name(text, e)]
        out = [self.described(text, self.closed(text, e)) for e in out]
        out = [part for e in out for part in self.tidy_org(text, e)]
        out = [part for e in out for part in self.split_region(text, e)]
        out = [part for e in out for part in self.split_conjoined(text, e)]
        out = [self.adjective_place(text, e) for e in out]
        # An organisation acronym takes the capitalised adjectives before it: Васильківська РДА.
        for i, e in enumerate(out):
            if e.label == "ORG" and e.text.isupper():
                m = re.search(r"(?:[А-ЯІЇЄҐ][а-яіїєґ'’-]+[сц]ьк(?:а|ої|ій|ою|ий|ого|ому|им|ім|е|у|і|их|ими) )+$", text[: e.start])
                if m:
                    out[i] = self.entity(text, m.start(), e.end, "ORG")
        return resolve(out)

    def subordinate(self, name: str) -> bool:
        """Whether a body's name reads as whose, in the genitive: `Інституту зрошуваного
        землеробства` + `Національної академії аграрних наук` (a firm named by quotes or an
        acronym stays apart from its ministry: `ДП «Висоцький лісгосп»` | `Рівненського ...`)."""
        words = _WORD.findall(name)
        return bool(words) and not words[0].isupper() and any(p.tag.case == "gent" for p in self.parse(words[0])[:2])

    def split_region(self, text: str, e: Entity) -> list[Entity]:
        """A place followed by the district or region it lies in is two places: `Садове` |
        `Арцизького району`, `Бородянському районі` | `Київської області`."""
        words = list(_WORD.finditer(text, e.start, e.end))
        if e.label != "LOC" or len(words) < 3 or not self.lemmas(words[-1].group()) & {"область", "район"}:
            return [e]
        i = len(words) - 2
        while i > 0 and re.fullmatch(r"-\s?", text[words[i - 1].end() : words[i].start()]):
            i -= 1  # `Києво- Святошинського`
        if i == 0 or not words[i].group()[:1].isupper():
            return [e]
        left = trim(text, e.start, words[i].start())
        return [self.entity(text, *left, "LOC"), self.entity(text, words[i].start(), e.end, "LOC")]

    def split_conjoined(self, text: str, e: Entity) -> list[Entity]:
        """Two names the tagger read as one across `та`, `і`, `й`: `Світовий банк` |
        `Міжнародний валютний фонд`, `Держаудитслужбу` | `АМКУ`, `Криму` | `Приазов'ї`.
        Only where a noun ends the first and a capital opens the second, outside quotes
        (`Міністерство молоді та спорту`, `Одеській та Миколаївській областях`, `«Пукшин і
        Партнери»` stay whole)."""
        if e.label not in ("ORG", "LOC"):
            return [e]
        for m in re.finditer(r"(?<=[\w»]) (?:та|і|й) (?=[A-ZА-ЯІЇЄҐ])", e.text):
            left = e.text[: m.start()]
            last = _WORD.findall(left)
            if left.count("«") != left.count("»") or not last:
                continue
            top = self.parse(last[-1])[0]
            if not (last[-1].isupper() or left.endswith("»") or top.tag.POS == "NOUN"):
                continue
            a, b = trim(text, e.start, e.start + m.start()), trim(text, e.start + m.end(), e.end)
            return [self.entity(text, *span, self.part_label(text, *span, e.label)) for span in (a, b)]
        return [e]

    def part_label(self, text: str, s: int, e: int, label: str) -> str:
        """The label of a name cut from a longer span: a one-word name's own, else the span's."""
        words = _WORD.findall(text[s:e])
        if len(words) == 1 and not words[0].isupper():
            lemmas = self.lemmas(words[0])
            return "LOC" if lemmas & UK_LOC else "ORG" if lemmas & UK_ORG else label
        return self.relabel(text, s, e, label) or label

    def adjective_place(self, text: str, e: Entity) -> Entity:
        """Capitalised adjectives and a place noun are a place whatever the tagger said:
        `Віргінські острови`, `Одеській та Миколаївській областях`."""
        words = _WORD.findall(e.text)
        if e.label == "LOC" or len(words) < 2 or not words[0][:1].isupper() or not self.lemmas(words[-1]) & _PLACE_HEADS:
            return e
        if not all(self.adjective(w) or w in ("та", "і", "й") for w in words[:-1]):
            return e
        return self.entity(text, e.start, e.end, "LOC")

    def tidy_org(self, text: str, e: Entity) -> list[Entity]:
        """An organisation that runs into an unclosed parenthesis is two names: `Центру
        сертифікації ключів (ЦСК`, `Російської академії наук (РАН`."""
        if e.label != "ORG" or e.text.count("(") <= e.text.count(")"):
            return [e]
        return [self.entity(text, a.start, a.end, "ORG") for a in split_parenthesis(text, e)]

    def described(self, text: str, e: Entity) -> Entity:
        """An organisation named from a lower-case head takes the adjectives before it that
        agree with the head: `господарського` + `суду Черкаської області`."""
        head = _WORD.match(e.text)
        if e.label != "ORG" or not head or not head.group()[:1].islower():
            return e
        cases = {p.tag.case for p in self.parse(head.group()) if p.tag.POS == "NOUN"}
        start = e.start
        while m := re.search(r"([а-яіїєґ'’-]+) $", text[max(0, start - 40) : start]):
            if not any(p.tag.POS == "ADJF" and p.tag.case in cases for p in self.parse(m.group(1))[:2]):
                break
            start -= len(m.group())
        return self.entity(text, start, e.end, "ORG") if start < e.start else e

    def place_word(self, text: str, e: Entity) -> Entity | None:
        """A one-word place checked against the dictionary: a common noun capitalised for
        emphasis (`у Словнику`, `на Батьківщині`) is no place, or a character if it is
        animate (`Сніговика`); an adjective names a place only with its place noun
        (`Андріївський узвіз`), not before any other (`у Великому місті`). An adjective
        and a place noun capitalised only by the sentence are no name (`Загальна площа`,
        `Незнайомі вулиці`) unless the adjective is a place's (`Київська область`)."""
        words = _WORD.findall(e.text)
        if e.label == "LOC" and len(words) == 2 and words[1].islower() and sentence_start(text, e.start):
            top = self.parse(words[0])[0]
            if top.tag.POS == "ADJF" and top.is_known and not re.search(r"[сцз]ьк", words[0]):
                return None
        if e.label != "LOC" or not _WORD.fullmatch(e.text) or e.text.isupper():
            return e
        parses = self.parse(e.text)
        if {p.normal_form for p in parses} & UK_LOC or not parses[0].is_known:
            return e
        tags = [str(p.tag) for p in parses]
        if any(_COMMON_NOUN.match(t) for t in tags) and not any(_PROPER_NOUN.match(t) for t in tags):
            return self.entity(text, e.start, e.end, "PER") if any(t.startswith("NOUN,anim") for t in tags) else None
        if parses[0].tag.POS == "ADJF":
            after = re.match(r" ([а-яіїєґ][\w'’-]*)", text[e.end :])
            if after:
                if self.lemmas(after.group(1)) & (_PLACE_HEADS | _STREET_HEADS):
                    return self.entity(text, e.start, e.end + after.end(), "LOC")
                return None
        return e

    def closed(self, text: str, e: Entity) -> Entity:
        """An organisation whose quote opens inside it takes the closing quote that follows:
        `Центр медіа розслідувань «Прозоро` + `»`."""
        if e.label != "ORG" or e.text.count("«") <= e.text.count("»"):
            return e
        m = re.match(r"\s?»", text[e.end :])
        return self.entity(text, e.start, e.end + m.end(), "ORG") if m else e

    def word_label(self, word: str, at_start: bool) -> str | None:
        """A label for a capitalised word the tagger left alone, from the dictionary."""
        if word in _DEITIES:
            return "PER"
        parses = self.parse(word)
        if self.possessive_of_name(word, parses):
            return "PER"
        if not at_start and self.proper_noun(parses):
            return "LOC"
        if any(p.tag.POS in _FUNCTION_POS for p in parses):
            return None
        lemmas = {p.normal_form for p in parses}
        if lemmas & UK_LOC:
            return "LOC"
        if any(p.tag.POS == "NOUN" and "inan" in p.tag.grammemes and _TOPONYM.search(p.normal_form) for p in parses[:1]) and not any(
            p.tag.grammemes & PER_TAGS for p in parses
        ):
            return "LOC"
        if lemmas & UK_ORG:
            return "ORG"
        if any(p.tag.POS == "NOUN" and _ORG_COMPOUND.match(p.normal_form) for p in parses[:1]) and (
            not at_start or parses[0].normal_form.startswith(("мін", "держ")) and parses[0].normal_form not in ("держава", "державність")
        ):
            return "ORG"
        common = any(p.is_known and not p.tag.grammemes & PER_TAGS for p in parses)
        if at_start and common:
            return None
        if any("Name" in p.tag.grammemes for p in parses[:2]):
            return "PER"
        if not at_start and not common and any("Surn" in p.tag.grammemes for p in parses[:2]):
            return "PER"
        if _COMPANY_WORD.search(word) and not common and not any(p.tag.POS == "ADJF" for p in parses):
            return "ORG"
        return None

    def town_in_genitive(self, word: str) -> bool:
        """`Алчевська`, `Вуглегірська`: a town in -ськ whose genitive reads like an adjective;
        with no noun after it, it is the town."""
        if not re.search(r"[сц]ька$", word):
            return False
        parses = self.parse(word)
        return any(p.is_known and _PROPER_NOUN.match(str(p.tag)) and "inan" in p.tag.grammemes for p in parses) and not any(
            p.tag.grammemes & PER_TAGS for p in parses
        )

    def proper_noun(self, parses: list) -> bool:
        """Whether the dictionary knows the word only as a proper noun that names no person
        (`Полтва`, `Тисмениця`, `Белізу`): its proper nouns carry their tags in another
        order (`NOUN,femn,inan`) than common nouns (`NOUN,inan femn`)."""
        top = parses[0]
        if top.tag.POS != "NOUN" or not top.is_known or not _PROPER_NOUN.match(str(top.tag)) or "inan" not in top.tag.grammemes:
            return False
        if any(str(p.tag).startswith("NOUN,inan") or p.tag.grammemes & PER_TAGS for p in parses):
            return False
        if any(p.tag.POS in _FUNCTION_POS - {"VERB"} for p in parses):
            return False
        return not (top.normal_form in UK_ORG or _ORG_COMPOUND.match(top.normal_form))

    def possessive_of_name(self, word: str, parses: list) -> bool:
        """Whether `word` is an adjective that says whose (`Дориних`, `Петрового`, `Божі`):
        made from a known first name or surname, it names that person."""
        if any(p.tag.POS == "ADJF" and p.normal_form in _DIVINE_ADJECTIVES for p in parses[:1]):
            return True
        m = _POSSESSIVE.match(word)
        if not m or parses[0].is_known and parses[0].tag.POS != "ADJF":
            return False
        if any(p.is_known and _COMMON_NOUN.match(str(p.tag)) for p in parses):
            return False  # `Людина` is a person's (Люда's) only in a dictionary
            return False
        stem = m.group(1)
        for name in (stem, stem + "а", stem + "о", stem + "я"):
            if any(p.is_known and p.tag.grammemes & {"Name", "Surn"} and p.tag.case == "nomn" and p.word == name.lower() for p in self.parse(name)):
                return True
        return False

    def entity(self, text: str, s: int, e: int, label: str) -> Entity:
        return Entity(s, e, label, text[s:e], self.normalise(text[s:e], label))

    def whole_quotes(self, text: str, found: list[Entity]) -> list[Entity]:
        """A company's name is all that stands in its quotes: an organisation found inside
        `«Прем'єр Лізинг»` or `«Іршанським ГЗК»` grows to the whole quoted name."""
        out = list(found)
        for m in _QUOTE.finditer(text):
            a, b = m.span(1)
            inside = [e for e in out if a <= e.start and e.end <= b]
            if len(inside) == 1 and (inside[0].start, inside[0].end) == (a, b) and inside[0].label == "PER":
                # `«Укрзалізниці»`, `«Онуром»`: a name in quotes on its own is a company's
                out = [e for e in out if e is not inside[0]] + [self.entity(text, a, b, "ORG")]
                continue
            if not inside or not any(e.label == "ORG" for e in inside) or (inside[0].start, inside[-1].end) == (a, b):
                continue
            if len(m.group(1).split()) > 5 or not m.group(1)[:1].isupper():
                continue
            out = [e for e in out if e not in inside] + [self.entity(text, a, b, "ORG")]
        return sorted(out, key=lambda e: e.start)

    def quoted_titles(self, text: str, found: list[Entity]) -> list[Entity]:
        """A place inside a short quoted title is part of the title, no place of its own
        (`«Електронного архіву міста Києва»`, `«Тореодори з Васюківки»`), as flat
        annotation reads it; a quoted sentence keeps its places."""
        drop = set()
        for m in _QUOTE.finditer(text):
            a, b = m.span(1)
            if m.group(1)[:1].isupper() and len(_WORD.findall(m.group(1))) <= 5:
                drop.update(id(e) for e in found if e.label == "LOC" and a <= e.start and e.end <= b and (e.start, e.end) != (a, b))
        return [e for e in found if id(e) not in drop]

    def body_of_place(self, text: str, e: Entity) -> Entity:
        """`прокуратури` + `Одеської області`: a public body written in lower case before
        the region it serves is an organisation named by both."""
        if e.label != "LOC" or not self.lemmas(e.text.split()[-1]) & {"область", "район"}:
            return e
        m = re.search(r"([а-яіїєґ'’]+) $", text[max(0, e.start - 30) : e.start])
        if m and self.lemmas(m.group(1)) & _LOWER_BODIES:
            start = e.start - len(m.group())
            return self.entity(text, start, e.end, "ORG")
        return e

    def not_a_name(self, text: str, e: Entity) -> bool:
        """Organisations that Ukrainian news does not count as names: media titles, generic
        bodies capitalised only by the sentence, words of an all-capitals headline."""
        if e.label != "ORG":
            return False
        if _MEDIA_BEFORE.search(text[max(0, e.start - 40) : e.start]):
            return True
        if e.text in _NOT_ORG or _ROMAN.match(e.text):
            return True
        if e.text.isupper() and self.shouted(e.text):
            return True  # words in capitals for emphasis: `ЕСПРЕСО`, `ЗАКОН УКРАЇНИ`
        words = _WORD.findall(e.text)
        if words and sentence_start(text, e.start) and all(w.islower() for w in words[1:]):
            if self.lemmas(words[0]) & (_GENERIC_HEADS | {"суд", "університет"}) and len(words) > 1:
                return True  # `Суд першої інстанції`
            if len(words) > 1 and self.lemmas(words[1]) & _GENERIC_HEADS and not re.search(r"(?:ськ|цьк)", words[0]):
                return True  # `Уповноважений банк`
            if len(words) > 1 and any(p.tag.POS in _FUNCTION_POS for p in self.parse(words[0])[:1]):
                return True  # `Раніше суд`: only the sentence's first word has a capital
        line_start, line_end = text.rfind("\n", 0, e.start) + 1, text.find("\n", e.end)
        line = text[line_start : line_end if line_end >= 0 else len(text)]
        letters = [c for c in line if c.isalpha()]
        return e.text.isupper() and len(letters) > 12 and sum(c.isupper() for c in letters) > 0.8 * len(letters)

    def shouted(self, caps: str) -> bool:
        """Whether words in capitals are ordinary words (`МЕНІ ЕСПРЕСО`), not an acronym:
        each longer one is in the dictionary and none is an abbreviation."""
        words = [w for w in _WORD.findall(caps) if len(w) > 3]
        for w in words:
            parses = self.parse(w)
            if not parses[0].is_known or any("Abbr" in p.tag.grammemes for p in parses):
                return False
        return bool(words)

    def placed(self, text: str, e: Entity) -> Entity:
        """A street named before its kind takes its house number: `Хрещатику, 30`... only
        with the kind written (`Контрактовій площі, 4`)."""
        if e.label != "LOC" or not self.lemmas(e.text.split()[-1]) & _STREET_HEADS:
            return e
        m = _HOUSE.match(text, e.end)
        return self.entity(text, e.start, m.end(), "LOC") if m else e

    def in_document_name(self, text: str, e: Entity) -> bool:
        """`Кримінального кодексу України`, `Дня Києва`: the place names a law or a day."""
        if e.label != "LOC":
            return False
        before = re.search(r"([\w'’]+)\s+$", text[max(0, e.start - 30) : e.start])
        return bool(before and before.group(1)[:1].isalpha() and self.lemmas(before.group(1)) & _DOCUMENT_HEADS)

    def lemmas(self, word: str) -> set[str]:
        return {p.normal_form for p in self.parse(word.strip("«»\"'.,"))}

    def adjective(self, word: str) -> bool:
        """Whether one of a word's two likeliest readings is an adjective."""
        return any(p.tag.POS == "ADJF" for p in self.parse(word)[:2])

    def person_end(self, text: str, s: int, e: int) -> int:
        """A person's name ends before the first lower-case word that is no name particle
        (`Алла Бабенко` | `з Борисполя`, `Чорновіл` | `каже Литвину`)."""
        for w in _WORD.finditer(text, s, e):
            if w.start() > s and w.group()[:1].islower() and w.group() not in NAME_PARTICLES:
                return trim(text, s, w.start())[1]
        return e

    def whole_name(self, name: str) -> bool:
        """Whether `name` is a first name and a surname (`Євген Анісімов`), a person named
        in full who needs nothing before it."""
        words = _WORD.findall(name)
        if len(words) != 2 or not any("Name" in p.tag.grammemes for p in self.parse(words[0])[:2]):
            return False
        return not any(p.tag.grammemes & {"Patr", "Name"} for p in self.parse(words[1])[:2])

    def split_people(self, text: str, s: int, e: int) -> list[tuple[int, int, str]]:
        """A tagger's person span cut where one name ends and the next begins: at a
        sentence's end (`Прасола А. Є.` | `Зокрема`), and before a first name and surname
        that follow another name or a place (`Віктора Януковича` | `Євген Анісімов`,
        `Краматорська` | `Костянтин Машненков`)."""
        words = list(_WORD.finditer(text, s, e))
        for i in range(1, len(words)):
            gap = text[words[i - 1].end() : words[i].start()]
            parses = self.parse(words[i].group())
            ends = re.search(r"[!?]", gap) or "." in gap and len(words[i - 1].group()) > 1
            after_initial = "." in gap and len(words[i - 1].group()) == 1
            if ends or after_initial and not any(p.tag.grammemes & PER_TAGS for p in parses) and parses[0].is_known:
                cut = words[i - 1].end() + (1 if after_initial else 0)
                return [(s, cut, "PER")]
        names = [any("Name" in p.tag.grammemes for p in self.parse(w.group())[:2]) for w in words]
        for i in range(1, len(words) - 1):
            if not names[i] or text[words[i - 1].end() : words[i].start()] != " ":
                continue
            if any("Patr" in p.tag.grammemes for p in self.parse(words[i + 1].group())[:2]):
                continue
            left = words[:i]
            if any(names[:i]) or len(left) == 1 and not any(p.tag.grammemes & PER_TAGS for p in self.parse(left[0].group())[:1]) or len(left) == 1 and len(words) == 3:
                head = left[0].group()
                label = "PER" if len(left) > 1 else self.word_label(head, False) or ("PER" if any(p.tag.grammemes & PER_TAGS for p in self.parse(head)) else None)
                out = [(words[i].start(), e, "PER")]
                return ([(s, left[-1].end(), label)] if label else []) + out
        return [(s, e, "PER")]

    def drop_trailing_words(self, text: str, s: int, e: int) -> int:
        """Where a span really ends: before lower-case verbs, prepositions and the like the
        tagger ran on into (`Міністерство вимагало`, `Фонду держмайна про`), and before the
        first lower-case verb outside quotes (`Талібан` | `захопив Кабул`)."""
        words = list(_WORD.finditer(text, s, e))
        for i, w in enumerate(words[1:], 1):  # `Хезболла` | `погрожують Ізраїлю`: no name holds a verb
            if w.group()[:1].islower() and self.parse(w.group())[0].tag.POS == "VERB" and "«" not in text[s : w.start()]:
                words, e = words[:i], words[i - 1].end()
                break
        while len(words) > 1 and words[-1].group()[:1].islower() and self.parse(words[-1].group())[0].tag.POS in _FUNCTION_POS:
            words.pop()
            e = words[-1].end()
        return e

    def skip_leading_words(self, text: str, s: int, e: int) -> int:
        """Where a multi-word span really starts: past lower-case words and a capitalised
        common noun that only opens the sentence (`Зустріч з Єнсом Столтенбергом`)."""
        words = list(_WORD.finditer(text, s, e))
        for i, w in enumerate(words[:-1]):
            word = w.group()
            if word[0].isupper():
                parses = self.parse(word)
                opener = i == 0 and sentence_start(text, w.start())
                common = any(p.is_known and p.tag.POS != "ADJF" and not p.tag.grammemes & PER_TAGS
                             and p.normal_form not in _ORG_HEADS and not _PROPER_NOUN.match(str(p.tag)) for p in parses[:1])
                if not (opener and common and not any(p.tag.grammemes & PER_TAGS for p in parses)):
                    return w.start()
        return words[-1].start() if len(words) > 1 else s

    def adjective_first(self, text: str, s: int, words: list[str]) -> str | None:
        """The label of a tagger's person whose first word is an adjective, None to keep it:
        after `в`/`у` a place (`у Нагірному Карабасі`); a body where an acronym or `сили`
        ends it (`Диканської РДА`, `Збройним Силам`); a place where a thing ends it
        (`Софіївська Борщагівка`, `Залізна Вода`); a nickname stays a person's
        (`Несамовитий Кінь`), and so does a name with a first name or patronymic in it."""
        top = self.parse(words[0])[0]
        if top.tag.POS != "ADJF" or top.tag.grammemes & PER_TAGS:
            return None
        before = text[max(0, s - 6) : s].split()
        last = self.parse(words[-1])
        if before and before[-1].lower() in ("в", "у") and any(p.tag.case == "loct" for p in last):
            return "LOC"
        if any(p.tag.grammemes & {"Name", "Patr"} for w in words[1:] for p in self.parse(w)[:2]):
            return None
        if words[-1].isupper() or self.lemmas(words[-1]) & {"сила"}:
            return "ORG"
        quoted = "«" in text[max(0, s - 3) : s]
        if not quoted and last[0].tag.POS == "NOUN" and "inan" in last[0].tag.grammemes and not last[0].tag.grammemes & PER_TAGS:
            return "LOC"
        return None

    def relabel(self, text: str, s: int, e: int, label: str) -> str | None:
        """The tagger's label checked against Ukrainian morphology; None drops the span."""
        if e <= s:
            return None
        words = _WORD.findall(text[s:e])
        if not any(w[:1].isupper() or w[:1].isdigit() for w in words):
            return None  # `м` of `м. Кременчука`: a name has a capital
        if len(words) > 1 and self.lemmas(words[-1]) & _ORG_HEADS:
            return "ORG"
        if len(words) > 1 and label == "PER" and (kind := self.adjective_first(text, s, words)):
            return kind
        if len(words) > 1 and label == "LOC" and words[1][:1].isupper() and not self.lemmas(words[0]) & UK_LOC and any(
            "Name" in p.tag.grammemes for p in self.parse(words[0])[:2]
        ):
            return "PER"  # `Олекси Тихого`, `Лесі Українки`: a first name opens a person's name
        if len(words) == 1:
            parses = self.parse(words[0])
            tags = {g for p in parses for g in p.tag.grammemes}
            known = parses[0].is_known
            if words[0].isupper() and len(words[0]) > 1:
                return "LOC" if words[0] in _LOC_ACRONYMS else label
            if any(p.tag.POS in _FUNCTION_POS for p in parses):
                return None  # a pronoun, conjunction, verb... capitalised at a sentence start
            lemmas = {p.normal_form for p in parses}
            if lemmas & UK_LOC:
                return "LOC"
            if lemmas & UK_ORG:
                return "ORG"
            if label == "LOC" and parses[0].tag.grammemes & PER_TAGS and "Geox" not in tags and known:
                return "PER"  # `Сокола`, `Омелько`: a surname or first name no gazetteer knows
            if label == "PER" and not self.possessive_of_name(words[0], parses):
                after = re.match(r" ([а-яіїєґ][\w'’-]+)", text[e:])
                cases = {p.tag.case for p in parses if p.tag.POS == "ADJF"}
                if after and cases and any(
                    p.tag.POS in ("ADJF", "NOUN") and p.tag.case in cases for p in self.parse(after.group(1))[:2]
                ):
                    return None  # `Черкаською виправною колонією`: an adjective, not a surname
            if label == "PER":
                before = text[max(0, s - 6):s].split()
                if before and before[-1].lower().strip(".") in _LOC_PREPOSITIONS and "loct" in tags and "Name" not in tags:
                    return "LOC"
                if known and not tags & PER_TAGS:
                    return None
        return label

    def normalise(self, surface: str, label: str) -> str:
        return self.nominative(surface, label)


def load() -> UkrainianRecogniser:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        return UkrainianRecogniser()
