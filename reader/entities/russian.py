"""Russian entities: natasha's tagger (slovnet NER on navec embeddings), pymorphy3 to check
types and put names in the nominative (`Йенсом Столтенбергом` → `Йенс Столтенберг`),
dates by `dates.py`.

natasha's own normaliser needs its morphology tagger over the whole text, which halves
the speed, and it inflects every word of a long name (`Комитет защита журналисты`);
`nominative.py` agrees the words of a name instead and leaves dependants as written."""

from __future__ import annotations

import functools
import re
from collections import Counter

from reader.entities.consistency import consistent
from reader.entities.dates import find_dates
from reader.entities.nominative import PER_TAGS, Nominative
from reader.entities.aliases import name_finder
from reader.entities.spans import join_org_place, overlaps, resolve, split_parenthesis, trim, with_known_names
from reader.model import Entity


_WORD = re.compile(r"\w+(?:-\w+)*")
_NAME_TAGS = frozenset({"Name", "Surn", "Patr", "Geox", "Orgn"})

# A name in quotes after a legal form, a kind of organisation or a verb of reporting is an
# organisation, and (as Russian news annotation has it) the name is what stands inside the
# quotes: ОАО «Газпром», партии «Единая Россия», сообщает «Интерфакс», РКК „Энергия“.
_QUOTED = re.compile(r"(\w+)\s*(?:«([^«»\n]{1,80}?(?:«[^«»\n]{1,60}»[^«»\n]{0,30}?)?)»|„([^„“\n]{1,80})“|\"([^\"\n]{1,80})\")")
_LEGAL = frozenset("""ОАО ООО ЗАО ПАО АО НАО ГУП ФГУП МУП ГУ ФГУ НКО АНО ИА РИА РКК ТД ИП ЧОП ОП НПО НПП
ФГБУ ГБУ ГКУ ГАУ МБУ МАУ ФГБОУ ГБОУ МБОУ АКБ КБ ОДО ТОО ЧП ФК ХК ПФК БК МФК ТРК ГТРК ТК""".split())
#: Lemmas of nouns naming a kind of organisation, before its quoted name.
_ORG_KINDS = frozenset("""
партия движение газета журнал издание агентство телеканал радиостанция радио компания концерн
холдинг корпорация банк фонд институт университет организация объединение ассоциация союз общество
фирма завод комбинат клуб команда блок фракция группа сеть издательство студия телекомпания
центр театр музей школа академия колледж лицей больница клиника госпиталь служба бюро редакция
магазин предприятие учреждение коалиция альянс консорциум профсоюз кооператив товарищество
портал сайт интернет-издание оператор производитель перевозчик авиакомпания
""".split())
_REPORTING = frozenset("сообщать писать цитировать передавать интервью сообщить написать рассказать заявить".split())
#: Names the tagger calls places that Russian news uses for bodies: `Кремль решил`, `ЕС`.
_ORG_NAMES = frozenset({"ес", "евросоюз", "европейский союз", "кремль", "белый дом", "пентагон", "госдума", "нато", "оон"})
_ADJECTIVE_BEFORE = re.compile(r"(?<![\w-])([а-яё]+(?:ий|ый|ой|ого|ому|им|ым|ом|ая|ой|ую|ое|ые|ие|их|ых|ими|ыми))\s+$")
_NATIONAL_BODY = re.compile(r"(?<![\w-])[а-яё]+(?:ск|цк)(?:ий|ого|ому|им|ом|ое|ая|ой|ую)(?:\s+[а-яё]+(?:ий|ого|ому|им|ом|ое|ая|ой|ую))*\s+(?:министерств|ведомств)[а-яё]*")
#: Lemmas of the kinds of work whose quoted title is not an organisation.
_WORKS = frozenset("""
фильм сериал кинофильм мультфильм передача программа телепрограмма шоу телешоу книга роман повесть
статья песня альбом спектакль мюзикл картина игра рубрика колонка проект выставка операция
""".split())
#: Lemmas of the kinds of made thing (vehicles, craft, models of a product) whose quoted
#: name is no organisation or place: `шаттл «Дискавери»`, `автомобиль «Славута»`.
_MADE_THINGS = frozenset("""
шаттл корабль звездолёт ракета носитель спутник самолёт вертолёт лайнер автомобиль машина внедорожник
судно теплоход пароход крейсер авианосец подлодка лодка яхта ледокол танк поезд электропоезд телескоп
зонд марсоход луноход смартфон вакцина препарат
""".split())
#: Quoted names listed after the first: `шаттлы «Индевор» (в апреле) и «Атлантис»`.
_NEXT_QUOTED = re.compile(r"»\s*(?:\([^()\n]{0,40}\)\s*)?(?:,|и|или)\s*«([^«»\n]{1,60})»")
_QUOTED_TEXT = re.compile(r"«([^«»\n]{1,60})»")
#: Lemmas of the heads of names of facilities, which news annotation counts as places.
_FACILITIES = frozenset("дворец аэропорт вокзал стадион космодром порт площадь улица проспект мост парк набережная бульвар шоссе".split())
#: Lemmas of the kinds of part of a place: `Восточного побережья` + `США` is one place.
_PLACE_PARTS = frozenset("""район область округ край регион автономия провинция штат побережье остров полуостров часть
долина пригород губерния графство департамент земля кантон префектура воеводство""".split())
#: Kinds of place written before a name, which the name alone stands for: `Острова Уайт` → `Уайт`.
_PLACE_KINDS = frozenset("остров река озеро гора город село деревня посёлок станица".split())
#: Common nouns that are part of a place's name when they open it (`Республика Крым`).
_PLACE_WORDS = _PLACE_KINDS | _PLACE_PARTS | _FACILITIES | frozenset(
    "республика мыс залив пролив море океан пустыня хребет вулкан канал федерация королевство княжество эмират штат союз империя".split()
)
_SENTENCE_START = re.compile(r"(?:^|[.!?…]\s*|\n\s*)$")
_PLACE_GAP = re.compile(r" (?:города |г\. ?)?")
#: Parts of speech a one-word person never is (capitalised at the start of a sentence).
_NOT_NAMES = frozenset({"GRND", "INFN", "ADVB", "PRTF", "PRTS", "PREP", "CONJ", "PRCL", "INTJ", "NPRO", "COMP", "PRED"})
_BUILDINGS = frozenset({"кремль", "белый дом", "пентагон"})
_IN_BEFORE = re.compile(r"(?<!\w)(?:в|во|на)\s+$", re.IGNORECASE)
#: What a span neither starts nor ends with: `trim`'s marks, and the slash and backticks
#: of photo credits and flattened quotes (`ФедералПресс /`, ``Итера``).
_EDGE = " \t\n\r.,;:!?\"'«»“”„()[]/`•·"
#: Lower-case words a name does not end with (`Monthly Notices of the`).
_TRAILING = frozenset("и в во на по с о об для из а или the of and for in on at".split())
_QUOTES = "«„\"“'"
_ATTACHED = re.compile(r" при (\w+)")
_CYRILLIC = re.compile(r"[а-яёА-ЯЁ]")
_WORD_BEFORE = re.compile(r"(\w+)\s*$")
_ACRONYM = re.compile(r"\(([A-ZА-ЯЁ][A-ZА-ЯЁa-zа-яё]{1,9})\)")
# A site cited as a source: `сообщает baltinfo.ru`, `по данным Lenta.ru`.
_DOMAIN = re.compile(r"(?<![\w./@-])[A-Za-zА-Яа-яЁё0-9][\w-]*(?:\.[\w-]+)*\.(?:ru|com|ua|net|org|info|by|kz|su|tv|fm|рф)(?![\w/-]|\.\w)")
_ADDRESS_BEFORE = re.compile(r"(?<!\w)(?:адрес|имя|домен)\w{0,3}\s+$")
_DIRECTION = re.compile(r"(?:северо-|юго-)?(?:северн|южн|западн|восточн)")
_NEXT_LOWER = re.compile(r" ([а-яё]+)")
# An office for a region: `МЧС России` + `по Санкт-Петербургу и Ленобласти`.
_FOR_PLACE = re.compile(r" по ")
#: Lemmas of the bodies a state or region acts through: in `правительство США`, `парламента
#: Чечни` the place is named as the body (factRuEval's LocOrg), so it is both.
_STATE_BODIES = frozenset("""правительство парламент руководство делегация сборная команда представительство служба кабинет
мэрия министерство ведомство департамент орган федерация суд""".split())
#: Lemmas of the buildings an institution is also the place of: `тюрьма Абу-Грэйв`, `здание Конгресса`.
_INSTITUTION_SITES = frozenset("здание тюрьма лагерь изолятор".split())
#: Abbreviations of common nouns, no names of anything: `сообщают СМИ`, `в СИЗО`, `рост ВВП`.
_COMMON_ABBREVIATIONS = frozenset("СМИ СИЗО ДТП ВВП ЖКХ ЧП ВУЗ ТЭЦ ПВО НДС МРОТ ЕГЭ ОГЭ ИВЛ ОПГ БПЛА ПМЖ ЗАГС ЖЭК АЗС ТЦ ТРЦ НИИ".split())
_ORIGINAL_SPELLING = re.compile(r"[»\"“]?\s*\(((?=[^)]*[a-z])[A-Z][A-Za-z0-9.&'\- ]{1,60}?)\)")
_NAMED_AFTER = re.compile(r" (?:им\. ?|имени )")
#: What separates the items of a list: a bullet never stands inside a name.
_BULLETS = "•·"
_BULLET = re.compile(rf"\s*[{_BULLETS}]\s*")
_LIST_OR_COMMA = re.compile(rf"\s*[{_BULLETS},]\s*")
_NOUN_BEFORE = re.compile(r"(?<![\w-])([а-яёА-ЯЁ][а-яё]+) $")


class _Form:
    """A pymorphy3 parse as natasha's normaliser reads one (natasha's MorphForm): its part
    of speech and features in Universal Dependencies terms, and inflection by them."""

    __slots__ = ("parse", "pos", "feats")

    def __init__(self, parse) -> None:  # noqa: ANN001 - a pymorphy3 Parse
        from natasha.morph.vocab import ud_feats, ud_pos

        self.parse, self.pos, self.feats = parse, ud_pos(parse.tag), dict(ud_feats(parse.tag))

    def inflect(self, grams: set[str]):  # noqa: ANN201 - a pymorphy3 Parse or None
        from natasha.morph.vocab import oc_grams

        return self.parse.inflect(set(oc_grams(grams)))


class _Vocab:
    """natasha's MorphVocab (what `Span.normalize` asks of it: a word's forms) over the
    process's one Russian analyser: natasha's own is a pymorphy2 analyser over its own copy
    of the Russian dictionary, and importing pkg_resources to find it."""

    def __init__(self, parse) -> None:  # noqa: ANN001 - reader.words.parser("ru")
        self.parse = parse

    def __call__(self, word: str) -> list[_Form]:
        return [_Form(p) for p in self.parse(word)]


class RussianRecogniser:
    """natasha's tagger for PER/ORG/LOC, then rules for what news annotation counts as one
    name (quoted names, bodies with their places and offices, acronyms with what they
    abbreviate) and for what the tagger takes for a name (titles of works, adjectives,
    words capitalised only by their place in the sentence); `dates.py` for DATE. Spans do
    not overlap, except that a place named as a body is both (`правительство США`)."""

    lang = "ru"

    def __init__(self) -> None:
        from natasha import NewsEmbedding, NewsNERTagger

        from reader.words import analyser, parser

        self.emb = NewsEmbedding()
        self.ner = NewsNERTagger(self.emb)
        self._context = None  # natasha's morphology, loaded for the first ambiguous name
        self.parse = parser("ru")  # the process's one analyser and parse cache
        self.tag = functools.lru_cache(maxsize=50_000)(analyser("ru").tag)
        self.nominative = Nominative(self.parse, lang="ru")
        # News repeats its names: a third of the time went to inflecting the same ones again.
        self.readings = functools.lru_cache(maxsize=20_000)(lambda surface, label: tuple(self.nominative.readings(surface, label)))

    def __call__(self, text: str) -> list[Entity]:
        found = []
        for span in self.ner(text).spans:
            start, end = _trim_words(text, *trim(text, span.start, span.stop, _EDGE))
            start = _without_common_abbreviation(text, start, end)
            if end <= start:
                continue
            for a, b in _list_items(text, start, end, span.type):
                for part in (p for q in split_parenthesis(text, Entity(a, b, span.type, text[a:b], "")) for p in self.body_before_person(q)):
                    norm = self.normalise(text, part.start, part.end, part.label)
                    found.append(Entity(part.start, part.end, self.relabel(part.text, part.label), part.text, " ".join(norm.split())))
        found = self.list_kinds(text, resolve(found))
        found = resolve(found + self.dictionary_names(text, found))
        quoted = self.quoted_orgs(text)
        found = [e for e in found if not overlaps(quoted, e.start, e.end)]
        named = {q.norm.lower() for q in quoted}  # `центра «Кин-Топ»`: other mentions are the body too
        found = [Entity(e.start, e.end, "ORG", e.text, e.norm) if e.norm.lower() in named else e for e in found] + quoted
        found = self.places_of_places(text, join_org_place(text, sorted(found, key=lambda e: e.start)))
        found = self.parts_of_bodies(text, resolve(found + self.national_bodies(text)))
        found = [self.with_adjective(text, e) for e in _named_after(text, self.attached_bodies(text, self.offices_for_places(text, found)))]
        found = self.acronym_definitions(text, resolve(found + _domains(text)))
        found = _inflected_mentions(text, consistent(text, _original_spellings(text, self.known_names(text, self.revise(text, found)))))
        found = resolve(found + find_dates(text, "ru"))
        return sorted(found + self.places_as_bodies(text, found), key=lambda e: e.start)

    def known_names(self, text: str, found: list[Entity]) -> list[Entity]:
        """The alias data's countries, regions, cities and bodies (aliases.NameFinder) decide
        the label of a span that is one of them and are added where the tagger missed or
        cut them (spans.with_known_names); a larger name holding one stays."""
        names = [m for m in name_finder("ru")(text) if m.words > 1 or self.single_name(text[m.start : m.end], m.kind)]
        return with_known_names(text, found, names, self.entity, self.person_word)

    def entity(self, text: str, start: int, end: int, label: str) -> Entity:
        return Entity(start, end, label, text[start:end], " ".join(self.normalise(text, start, end, label).split()))

    def single_name(self, word: str, kind: str) -> bool:
        """Whether a one-word name of the alias data is that name here: a noun, and for a
        city one the dictionary files as a place (Geox) or does not know: a common noun
        alone (`Мир`) names no town."""
        parses = self.parse(word)
        if word.isupper():
            return True
        if not any(p.tag.POS == "NOUN" for p in parses[:2]) or any(p.tag.POS in _NOT_NAMES | {"ADJF", "VERB"} for p in parses[:1]):
            return False
        return kind != "places" or any("Geox" in p.tag.grammemes for p in parses) or not any(p.is_known for p in parses)

    def person_word(self, text: str) -> bool:
        """Whether a word of `text` may be a first name or surname (`Королёв`)."""
        return any(p.tag.grammemes & PER_TAGS for w in _WORD.findall(text) for p in self.parse(w)[:3])

    def body_before_person(self, e: Entity) -> list[Entity]:
        """A person's span that opens with a word the dictionary knows only as an
        organisation is the body and then the person (`лидера Аль-Кайды Усамы бин Ладена`)."""
        first, _, rest = e.text.partition(" ")
        if e.label != "PER" or not rest or self.dictionary_label(first) != "ORG":
            return [e]
        start = e.start + len(first) + 1
        return [Entity(e.start, e.start + len(first), "ORG", first, ""), Entity(start, e.end, "PER", rest, "")]

    def list_kinds(self, text: str, found: list[Entity]) -> list[Entity]:
        """The items of a bulleted list are things of one kind: what the dictionary says of
        most of them goes for the rest (`Чили • Коста Рика • Эфиопия`)."""
        out = list(found)
        runs: list[list[int]] = []
        for i, e in enumerate(found):
            if runs and _BULLET.fullmatch(text[found[i - 1].end : e.start]):
                runs[-1].append(i)
            else:
                runs.append([i])
        for run in runs:
            votes = Counter(label for i in run if (label := self.dictionary_label(found[i].text)))
            if len(run) < 3 or not votes:
                continue
            (best, n), *rest = votes.most_common()
            if 2 * n > len(run):
                for i in run:
                    e = found[i]
                    out[i] = Entity(e.start, e.end, best, e.text, e.norm)
        return out

    def dictionary_label(self, name: str) -> str | None:
        """The type the dictionary gives a one-word name, if it knows it only as a name."""
        if " " in name:
            return None
        tags = [t.grammemes for t in self.tag(name)]
        if not tags or any(not g & _NAME_TAGS for g in tags):
            return None
        first = tags[0]
        return "PER" if first & {"Surn", "Name"} else "LOC" if "Geox" in first else "ORG" if "Orgn" in first else None

    def places_as_bodies(self, text: str, found: list[Entity]) -> list[Entity]:
        """The second reading of a place named as a body or of a body named as a place
        (factRuEval's LocOrg, one span with both types): the place after the body a state
        acts through (`правительство США`), the institution after its building (`здание
        Конгресса`, `тюрьме Абу-Грэйв`), the monument in the person it is to (`памятник Пушкину`)."""
        out: list[Entity] = []
        for i, e in enumerate(found):
            m = _NOUN_BEFORE.search(text, max(0, e.start - 30), e.start)
            if not m:
                continue
            lemmas = {p.normal_form for p in self.parse(m.group(1).lower()) if p.tag.POS == "NOUN"}
            if e.label == "PER" and "памятник" in lemmas:
                out.append(Entity(e.start, e.end, "LOC", e.text, e.norm))  # `памятник Пушкину`: a monument is a place
            elif e.label == "PER":
                continue
            elif self.named_as_body_or_site(e, lemmas):
                out.append(Entity(e.start, e.end, "ORG" if e.label == "LOC" else "LOC", e.text, e.norm))
                # and the places listed after it: `органами Китая, Малайзии и Таиланда`
                for prev, nxt in zip(found[i:], found[i + 1 :]):
                    if nxt.label != e.label or text[prev.end : nxt.start] not in (", ", " и "):
                        break
                    out.append(Entity(nxt.start, nxt.end, out[-1].label, nxt.text, nxt.norm))
        return out

    def named_as_body_or_site(self, e: Entity, lemmas: set[str]) -> bool:
        """Whether the place or body `e`, after a noun of `lemmas`, names a state's body
        (`мэрии Москвы`: the place in the genitive) or an institution's site (`лагере
        Гуантанамо`: in apposition; `тюрьмах Китая` is only where the prisons are)."""
        if lemmas & _INSTITUTION_SITES and (e.label == "ORG" or self.may_be_nominative(e.text)):
            return True
        return e.label == "LOC" and bool(lemmas & _STATE_BODIES) and self.may_be_genitive(e.text)

    def may_be_genitive(self, name: str) -> bool:
        """Whether the last word of `name` may stand in the genitive, as the place a body is
        of does (`мэрии Москвы`, `правительство США`; not `судом Тхорову`)."""
        return any(p.tag.case in ("gent", "gen2") for p in self.parse(name.split()[-1]))

    def may_be_nominative(self, name: str) -> bool:
        """Whether the last word of `name` may stand in the nominative (`Гуантанамо`, not `Китая`)."""
        return any(p.tag.case == "nomn" for p in self.parse(name.split()[-1]))

    def parts_of_bodies(self, text: str, found: list[Entity]) -> list[Entity]:
        """A part of a body followed by the body in the genitive is one name (`Свердловского
        обкома КПСС`, `Парламентской ассамблеи Совета Европы`): the part is named by common
        nouns, so it is no body of its own."""
        out: list[Entity] = []
        for e in found:
            prev = out[-1] if out else None
            if (
                prev is not None and prev.label == "ORG" and e.label == "ORG" and text[prev.end : e.start] == " "
                and not text[e.end : e.end + 2].strip().startswith("(")  # `организации ООН (ФАО)`: ФАО is the whole
                and len(words := _WORD.findall(prev.text)) > 1 and any(w.islower() or self.common_noun(w) for w in words)
                and (e.text.isupper() or any(p.tag.case == "gent" for p in self.parse(e.text.split()[0])))
            ):
                out[-1] = Entity(prev.start, e.end, "ORG", text[prev.start : e.end], prev.norm + " " + e.text)
                continue
            out.append(e)
        return out

    def common_noun(self, word: str) -> bool:
        """Whether the dictionary knows `word` as a common noun (`Палаты`, `Института`)."""
        return any(p.tag.POS == "NOUN" and p.is_known and not p.tag.grammemes & _NAME_TAGS for p in self.parse(word.lower()))

    def attached_bodies(self, text: str, found: list[Entity]) -> list[Entity]:
        """A body `при` the office it is attached to is one name: `Следственный комитет при
        прокуратуре`, `Совет при президенте РФ`."""
        out: list[Entity] = []
        skip: set[int] = set()
        starts = {e.start: i for i, e in enumerate(found)}
        for i, e in enumerate(found):
            if i in skip:
                continue
            m = _ATTACHED.match(text, e.end) if e.label == "ORG" else None
            if m:
                end, j = m.end(), starts.get(m.start(1))
                if j is not None:
                    end = found[j].end
                    skip.add(j)
                elif any(p.tag.POS == "NOUN" and p.tag.case == "loct" for p in self.parse(m.group(1))):
                    k = starts.get(end + 1)
                    if k is not None and text[end] == " " and found[k].label in ("LOC", "ORG"):
                        end = found[k].end
                        skip.add(k)
                else:
                    end = e.end
                e = Entity(e.start, end, "ORG", text[e.start : end], e.norm + text[e.end : end])
            out.append(e)
        return out

    def places_of_places(self, text: str, found: list[Entity]) -> list[Entity]:
        """A part of a place followed by the place in the genitive is one place
        (`Восточного побережья США`, `Партизанского района города Минска`); a capitalised
        kind of place before a name is left out (`Острове Уайт` → `Уайт`)."""
        out: list[Entity] = []
        for e in found:
            if e.label == "LOC" and " " in e.text:
                first, rest = e.text.split(" ", 1)
                if rest[:1].isupper() and any(p.normal_form in _PLACE_KINDS for p in self.parse(first.lower())[:1]):
                    start = e.start + len(first) + 1
                    e = Entity(start, e.end, "LOC", rest, self.nominative(rest, "LOC"))
            e = self.without_leading_noun(text, e)
            prev = out[-1] if out else None
            if (
                prev is not None and prev.label == "LOC" and e.label == "LOC"
                and _PLACE_GAP.fullmatch(text[prev.end : e.start])
                and self.first_noun(prev.text.split()[-1:]) in _PLACE_PARTS
                and any(p.tag.case == "gent" for p in self.parse(e.text.split()[0]))
            ):
                out[-1] = Entity(prev.start, e.end, "LOC", text[prev.start : e.end], prev.norm + text[prev.end : e.end])
                continue
            out.append(e)
        return out

    def without_leading_noun(self, text: str, e: Entity) -> Entity:
        """A place without the capitalised common noun that opens its sentence:
        `Дороги Владивостока замело` → `Владивостока`."""
        if e.label != "LOC" or " " not in e.text or not _SENTENCE_START.search(text, max(0, e.start - 3), e.start):
            return e
        first, rest = e.text.split(" ", 1)
        parses = self.parse(first.lower())
        if not rest[:1].isupper() or not parses or parses[0].tag.POS != "NOUN" or any(p.tag.grammemes & _NAME_TAGS for p in parses):
            return e
        if any(p.normal_form in _PLACE_WORDS for p in parses):
            return e
        if not any(p.tag.case == "gent" for p in self.parse(rest.split(" ", 1)[0])):
            return e
        start = e.start + len(first) + 1
        return Entity(start, e.end, "LOC", rest, self.nominative(rest, "LOC"))

    def revise(self, text: str, found: list[Entity]) -> list[Entity]:
        """Types and drops that follow from the words themselves, whatever the tagger said."""
        out = []
        titles = self.quoted_titles(text)
        for e in found:
            words = _WORD.findall(e.text)
            if text[max(0, e.start - 2) : e.start] in (" .", "\n."):
                continue  # `в зоне .РФ`: a domain, not the country
            if e.label == "ORG" and e.text in _LEGAL:
                continue  # `ООО`, `ИП` alone: the form of a firm, not its name
            if e.label in ("ORG", "LOC") and len(words) == 1 and self.attributive(text, e):
                continue  # `Петербургские экологи`: an adjective of place is not a name
            if e.label != "PER" and len(words) == 1 and self.compound_common_noun(words[0]):
                continue  # `Telegram-канале`, `IT-компания`: a kind of thing, not a name
            if len(words) == 1 and self.common_word_opening_sentence(text, e) and not _named_elsewhere(e, found):
                continue  # `Партнёром стал...`: capitalised only because it opens the sentence
            if any(t.start <= e.start < t.end and (t.label == "THING" or e.start == t.start) for t in titles):
                continue  # a shuttle's name, a film's title (not a person it names): neither body nor place
            if e.label == "PER" and len(words) == 1 and self.not_a_name(words[0]):
                continue  # `Впечатлившись трудами...`: a capitalised verb form is no name
            if e.label == "LOC" and not _CYRILLIC.search(e.text):
                e = Entity(e.start, e.end, "ORG", e.text, e.norm)  # places are written in Cyrillic; `USPTO`
            elif e.label == "ORG" and self.inside_building(text, e, words):
                e = Entity(e.start, e.end, "LOC", e.text, e.norm)  # `в Белом доме`: the building
            elif e.label == "ORG" and self.facility(text, e, words):
                e = Entity(e.start, e.end, "LOC", e.text, e.norm)  # `Вашингтонском аэропорту`, `Дворце молодёжи`
            out.append(e)
        return out

    def attributive(self, text: str, e: Entity) -> bool:
        """Whether the one-word `e` is an adjective qualifying the lower-case noun after it,
        past other adjectives of that noun (`Украинские регулярные части`)."""
        if not all(p.tag.POS == "ADJF" for p in self.parse(e.text)):
            return False
        adjective, end = e.text.lower(), e.end
        while m := _NEXT_LOWER.match(text, end):
            if self.agree(adjective, m.group(1)):
                return True
            if not self.same_form(adjective, m.group(1)):
                return False
            end = m.end()
        return False

    def same_form(self, adjective: str, word: str) -> bool:
        """Whether `word` is an adjective in a case and number `adjective` may share."""
        forms = {(p.tag.case, p.tag.number) for p in self.parse(adjective) if p.tag.POS == "ADJF"}
        return any(p.tag.POS in ("ADJF", "PRTF") and (p.tag.case, p.tag.number) in forms for p in self.parse(word))

    def not_a_name(self, word: str) -> bool:
        """Whether the dictionary knows `word` only as a form no surname takes: a gerund,
        participle, infinitive, adverb, function word, or a verb in the first or second
        person or the imperative (a past form, `Сигал`, may well be a surname)."""
        def no_name(p) -> bool:  # noqa: ANN001 - a pymorphy3 Parse
            verb = p.tag.POS == "VERB" and (p.tag.person in ("1per", "2per") or p.tag.mood == "impr")
            # a guess is trusted only for a reflexive ending: `Саловея` is no gerund
            return (p.is_known or word.endswith("сь")) and (p.tag.POS in _NOT_NAMES or verb)

        return all(no_name(p) for p in self.parse(word))

    def inside_building(self, text: str, e: Entity, words: list[str]) -> bool:
        """Whether `e` is a body named by its building, as the place where something is:
        `в Кремле`, `в Белом доме` (while `Кремль заявил` is the body)."""
        if not self.building_body(words):
            return False
        lemmas = [self.parse(w.lower())[0] for w in words]
        if lemmas[-1].tag.case != "loct" or not _IN_BEFORE.search(text, max(0, e.start - 4), e.start):
            return False
        m = _NEXT_LOWER.match(text, e.end)  # `в Кремле заявили`: they who speak are the body
        return not (m and any(p.tag.POS == "VERB" and p.tag.number == "plur" for p in self.parse(m.group(1))))

    def facility(self, text: str, e: Entity, words: list[str]) -> bool:
        """Whether `e` is headed by a kind of facility, neither a quoted firm (`Дворец спорта
        «Юбилейный»`) nor a body named by its building. (`дом` is no facility here: a
        publishing, trading or fashion house and `Дом правительства` are bodies.)"""
        if not words or self.first_noun(words) not in _FACILITIES:
            return False
        return not any(q in text[max(0, e.start - 1) : e.end] for q in _QUOTES) and not self.building_body(words)

    def building_body(self, words: list[str]) -> bool:
        """Whether `words` name a body by its building (`Кремль`, `Белый дом`)."""
        lemmas = [next(iter(self.parse(w.lower())), None) for w in words]
        return bool(lemmas) and None not in lemmas and " ".join(p.normal_form for p in lemmas) in _BUILDINGS

    def compound_common_noun(self, word: str) -> bool:
        """Whether `word` is a name or acronym joined by a hyphen to a lower-case common noun."""
        head, _, tail = word.rpartition("-")
        if not head or len(tail) < 4 or not tail.islower():
            return False
        return all(p.is_known and p.tag.POS == "NOUN" and not p.tag.grammemes & _NAME_TAGS for p in self.parse(tail))

    def common_word_opening_sentence(self, text: str, e: Entity) -> bool:
        """Whether `e` opens its sentence and the dictionary knows it only as a common word."""
        if e.text.isupper() or not _SENTENCE_START.search(text, max(0, e.start - 3), e.start):
            return False
        parses = self.parse(e.text)
        return bool(parses) and all(p.is_known and not p.tag.grammemes & _NAME_TAGS for p in parses)

    def first_noun(self, words: list[str]) -> str | None:
        """The lemma of the first noun among `words` (the head of a Russian name)."""
        for w in words:
            for p in self.parse(w.lower())[:1]:
                if p.tag.POS == "NOUN":
                    return p.normal_form
        return None

    def quoted_titles(self, text: str) -> list[Entity]:
        """Quoted titles of works (label WORK) and names of made things (THING): those after
        their kind (`сериал «Содержанки»`, `корабля «Союз ТМА-12»`), those listed after
        them, and the other quoted mentions of the same names (`после «Дискавери»`)."""
        out = []
        for m in _QUOTED_TEXT.finditer(text):
            before = _WORD_BEFORE.search(text, max(0, m.start() - 40), m.start())
            lemmas = {p.normal_form for p in self.parse(before.group(1).lower())} if before else set()
            kind = "THING" if lemmas & _MADE_THINGS else "WORK" if lemmas & _WORKS else None
            if kind is None:
                continue
            out.append(Entity(m.start(1), m.end(1), kind, m.group(1), m.group(1)))
            end = m.end()
            while nxt := _NEXT_QUOTED.match(text, end - 1):
                out.append(Entity(nxt.start(1), nxt.end(1), kind, nxt.group(1), nxt.group(1)))
                end = nxt.end()
        kinds = {_stems(e.text): e.label for e in out if e.text.split()}
        for m in _QUOTED_TEXT.finditer(text):
            kind = kinds.get(_stems(m.group(1))) if m.group(1).split() else None  # the whole name, in any case
            if kind:
                out.append(Entity(m.start(1), m.end(1), kind, m.group(1), m.group(1)))
        return out

    def acronym_definitions(self, text: str, found: list[Entity]) -> list[Entity]:
        """`found` with what an acronym in parentheses abbreviates: the long form already
        found gives the acronym its type (`Служба безопасности Украины (СБУ)`); one not
        found becomes a name of the acronym's type, ORG when the acronym was not found
        either (`Хмельницкой атомной электростанции (ХАЭС)`), if it opens with a capital as
        Russian names do: `органов местного самоуправления (МСУ)` names a kind of body."""
        by_span = {(e.start, e.end): e for e in found}
        ends = {e.end: e for e in found}
        for m in _ACRONYM.finditer(text):
            acronym = m.group(1)
            words = list(_WORD.finditer(text, max(0, m.start() - 200), m.start()))
            if not words or text[words[-1].end() : m.start()].strip():
                continue
            for k in range(1, min(len(words), len(acronym) + 3) + 1):
                window = words[-k:]
                if not _abbreviates(acronym, [w.group() for w in window]):
                    continue
                start, end = window[0].start(), window[-1].end()
                long = ends.get(end)
                short = by_span.get((m.start(1), m.end(1)))
                if long is not None and long.start <= start:
                    label = long.label
                    by_span[(m.start(1), m.end(1))] = Entity(m.start(1), m.end(1), label, acronym, short.norm if short else acronym)
                elif text[start].isupper():
                    label = short.label if short else "ORG"
                    by_span[(start, end)] = Entity(start, end, label, text[start:end], self.nominative(text[start:end], label))
                break
        return resolve(list(by_span.values()))

    def with_adjective(self, text: str, e: Entity) -> Entity:
        """An organisation keeps the lower-case adjective of nation or place before it
        (`японского МИДа`, `мюнхенской Баварии`), a place the adjective of the part of the
        world it is in (`западной Европы`, `южные Курильские острова`): news annotation
        counts them as the name."""
        if e.label not in ("ORG", "LOC"):
            return e
        m = _ADJECTIVE_BEFORE.search(text, max(0, e.start - 40), e.start)
        if not m or (e.label == "LOC" and not _DIRECTION.match(m.group(1))):
            return e
        words = _WORD.findall(e.text)
        head = words[0] if words else ""
        if e.label == "LOC":  # `южные Курильские острова`: the adjective agrees with the noun
            head = next((w for w in words if any(p.tag.POS == "NOUN" for p in self.parse(w))), head)
        if not self.agree(m.group(1), head, quality=e.label == "LOC"):  # `западный` is a quality
            return e
        return Entity(m.start(1), e.end, e.label, text[m.start(1) : e.end], m.group(1) + text[m.end(1) : e.start] + e.norm)

    def agree(self, adjective: str, noun: str, quality: bool = False) -> bool:
        """Whether `adjective`, not a pronoun, number or (unless `quality`) quality, may
        qualify `noun` (same case, number and, singular, gender)."""
        nouns = [p.tag for p in self.parse(noun) if p.tag.POS == "NOUN"]
        skip = {"Apro", "Anum"} if quality else {"Apro", "Qual", "Anum"}
        for a in self.parse(adjective):
            if a.tag.POS != "ADJF" or a.tag.grammemes & skip:
                continue
            if not nouns and noun.isupper():
                return True  # an acronym: any case
            if any(a.tag.case == n.case and a.tag.number == n.number and (n.number == "plur" or a.tag.gender == n.gender) for n in nouns):
                return True
        return False

    def national_bodies(self, text: str) -> list[Entity]:
        """A ministry named by its country's adjective, in lower case: `в российском
        министерстве финансов`, `японского дипломатического ведомства`."""
        out = []
        for m in _NATIONAL_BODY.finditer(text):
            end = m.end()
            for w in _NEXT_LOWER.finditer(text, end):
                if w.start() != end or not any(p.tag.case == "gent" and p.tag.POS in ("NOUN", "ADJF") for p in self.parse(w.group(1))):
                    break
                end = w.end()
            while end > m.end() and not any(p.tag.POS == "NOUN" for p in self.parse(text[:end].rsplit(" ", 1)[-1])):
                end = text.rfind(" ", 0, end)
            out.append(Entity(m.start(), end, "ORG", text[m.start() : end], " ".join(text[m.start() : end].split())))
        return out

    def quoted_orgs(self, text: str) -> list[Entity]:
        """Organisations named in quotes after what says they are one (see `_QUOTED`)."""
        out = []
        for m in _QUOTED.finditer(text):
            word = m.group(1)
            lemmas = {p.normal_form for p in self.parse(word.lower())}
            acronym = word.isupper() and 2 <= len(word) <= 6 and bool(_CYRILLIC.search(word))  # `ПСС «Крымский мост»`
            if not (word in _LEGAL or acronym or lemmas & _ORG_KINDS or lemmas & _REPORTING):
                continue
            group = next(g for g in (2, 3, 4) if m.group(g) is not None)
            start, end = trim(text, m.start(group), m.end(group))
            name = text[start:end]
            if end > start and name[:1].isupper() and len(name.split()) <= 6:
                out.append(Entity(start, end, "ORG", name, " ".join(name.split())))
        return out

    def offices_for_places(self, text: str, found: list[Entity]) -> list[Entity]:
        """An organisation followed by `по` and places is one name (`ГУ МЧС России по
        Санкт-Петербургу`), as is a list of places joined by `и`."""
        out: list[Entity] = []
        i = 0
        found = sorted(found, key=lambda e: e.start)
        while i < len(found):
            e = found[i]
            j = i + 1
            if e.label == "ORG" and e.text in _LEGAL and j < len(found) and found[j].label == "ORG" and text[e.end : found[j].start] == " ":
                nxt = found[j]  # ГУ + МЧС России: the office of a body is one name
                e = Entity(e.start, nxt.end, "ORG", text[e.start : nxt.end], e.norm + " " + nxt.norm)
                j += 1
            if e.label == "ORG" and j < len(found) and found[j].label == "LOC" and _FOR_PLACE.fullmatch(text[e.end : found[j].start]):
                end = found[j].end
                j += 1
                while j < len(found) and found[j].label == "LOC" and text[end : found[j].start] in (" и ", ", "):
                    end = found[j].end
                    j += 1
                e = Entity(e.start, end, "ORG", text[e.start : end], e.norm + text[e.end : end])
            out.append(e)
            i = j
        return out

    def dictionary_names(self, text: str, found: list[Entity]) -> list[Entity]:
        """Capitalised words the tagger skipped that the dictionary knows only as a name,
        place or organisation (the tagger often misses a sentence-initial `Путин`)."""
        out = []
        for m in _WORD.finditer(text):
            word = m.group()
            if not word[0].isupper() or len(word) < 3 or overlaps(found, m.start(), m.end()):
                continue
            label = self.dictionary_label(word)  # None for a common word, capitalised only by position
            if label:
                out.append(Entity(m.start(), m.end(), label, word, self.nominative(word, label)))
        return out


    def normalise(self, text: str, start: int, end: int, label: str) -> str:
        """The nominative of a name; when the dictionary allows several (`Медведева`: a
        woman, or Medvedev in the genitive), natasha's morphology reads the sentence."""
        readings = self.readings(text[start:end], label)
        if len(readings) == 1:
            return readings[0]
        return self.in_context(text, start, end) or readings[0]

    def in_context(self, text: str, start: int, end: int) -> str | None:
        """natasha's normal form of text[start:end], tagging only its sentence."""
        from natasha import Doc

        if self._context is None:
            from natasha import NewsMorphTagger, Segmenter

            self._context = (Segmenter(), NewsMorphTagger(self.emb), _Vocab(self.parse))
        segmenter, morph, vocab = self._context
        a = max(text.rfind(".", 0, start), text.rfind("\n", 0, start)) + 1
        b = min((i for i in (text.find(".", end), text.find("\n", end)) if i >= 0), default=len(text))
        doc = Doc(text[a:b])
        doc.segment(segmenter)
        doc.tag_morph(morph)
        doc.tag_ner(self.ner)
        for span in doc.spans:
            if (span.start + a, span.stop + a) == (start, end) or (span.start + a <= start and end <= span.stop + a):
                try:
                    span.normalize(vocab)
                except (KeyError, ValueError, IndexError):
                    return None
                return span.normal if (span.start + a, span.stop + a) == (start, end) else None
        return None

    def relabel(self, surface: str, label: str) -> str:
        """A one-word name the dictionary files as an organisation or a place keeps that type
        (the tagger calls `ЕС` a place and `Газпром` a person now and then)."""
        if label == "PER":
            return label
        if " ".join(p.normal_form for w in surface.split() for p in self.parse(w)[:1]) in _ORG_NAMES:
            return "ORG"
        words = surface.split()
        if len(words) == 2 and "Name" in self.tag(words[0])[0].grammemes and (
            any("Surn" in t.grammemes for t in self.tag(words[1])) or re.search(r"[сц]к(?:ий|ого|ому|им|ом|ая|ой|ую)$", words[1])
        ):
            return "PER"  # `Лонгин Клинский`: a given name and a surname, whatever the tagger said
        if " " in surface or "-" in surface:
            return label
        grammemes = self.tag(surface)[0].grammemes
        if "Orgn" in grammemes:
            return "ORG"
        if "Geox" in grammemes:
            return "LOC"
        return label


def _trim_words(text: str, start: int, end: int) -> tuple[int, int]:
    """[start, end) without the function words it ends with."""
    while True:
        cut = text.rfind(" ", start, end)
        if cut < 0 or text[cut + 1 : end] not in _TRAILING:
            return start, end
        end = cut
        while end > start and text[end - 1] in _EDGE:
            end -= 1


def _list_items(text: str, start: int, end: int, label: str) -> list[tuple[int, int]]:
    """The names in [start, end) when the tagger ran one across a list: a bullet never
    stands inside a name, nor a comma inside the name of a person or place
    (`Бахрейн • Барбадос`, `Овечкин, Фёдоров`)."""
    pattern = _BULLET if label == "ORG" else _LIST_OR_COMMA
    items, a = [], start
    for m in pattern.finditer(text, start, end):
        items.append(trim(text, a, m.start(), _EDGE))
        a = m.end()
    items.append(trim(text, a, end, _EDGE))
    return [(x, y) for x, y in items if y > x]


def _without_common_abbreviation(text: str, start: int, end: int) -> int:
    """Where the name in [start, end) begins after a common-noun abbreviation (`СМИ Украины`
    → `Украины`); `end` when the span is nothing else."""
    first = _WORD.match(text, start)
    if not first or first.group() not in _COMMON_ABBREVIATIONS:
        return start
    rest = _WORD.search(text, first.end(), end)
    return rest.start() if rest else end


def _stems(name: str) -> tuple[str, ...]:
    """A name's words without their endings: its mentions in any case share them."""
    return tuple(_stem(w) for w in name.split())


def _stem(word: str) -> str:
    """A word without the inflection Russian may add (`Дискавери`, `Союзом` → `Союз`)."""
    return word[: max(3, len(word) - 2)] if len(word) > 4 else word


def _named_elsewhere(e: Entity, found: list[Entity]) -> bool:
    """Whether another span holds a word like `e` (`Анна Скороход` ... `Скороход попала`)."""
    stem = e.text[: max(3, len(e.text) - 2)]
    return any(o is not e and any(w.startswith(stem) for w in o.text.split()) for o in found)


def _named_after(text: str, found: list[Entity]) -> list[Entity]:
    """A body or place with the persons it is named after is one name: `Театра им. Йозефа
    Бойса`, `театра имени Станиславского и Немировича-Данченко`."""
    out: list[Entity] = []
    i = 0
    while i < len(found):
        e, j = found[i], i + 1
        if e.label in ("ORG", "LOC"):
            cut = e.text.rfind(" им")  # the tagger may have taken `им.` into the body's span
            start = e.start + cut if cut >= 0 and e.text[cut:] in (" им", " им.") else e.end
            m = _NAMED_AFTER.match(text, start)
            if m and j < len(found) and found[j].label == "PER" and found[j].start == m.end():
                end = found[j].end
                j += 1
                while j < len(found) and found[j].label == "PER" and text[end : found[j].start] == " и ":
                    end = found[j].end
                    j += 1
                e = Entity(e.start, end, e.label, text[e.start : end], e.norm[: start - e.start] + text[start:end])
        out.append(e)
        i = j
    return out


def _original_spellings(text: str, found: list[Entity]) -> list[Entity]:
    """A name spelt in Latin letters in parentheses after a Russian one is the same thing in
    its own spelling, of the same type: `Рейсмана (Garrett Reisman)`, `«Фольксваген» (Volkswagen)`."""
    added = []
    for e in found:
        m = _ORIGINAL_SPELLING.match(text, e.end)
        if m and e.label in ("PER", "ORG", "LOC"):
            added.append(Entity(m.start(1), m.end(1), e.label, m.group(1), m.group(1)))
    return sorted([e for e in found if not overlaps(added, e.start, e.end)] + added, key=lambda e: e.start)


def _inflected_mentions(text: str, found: list[Entity]) -> list[Entity]:
    """The other mentions of an organisation's name of several words, in any case, are that
    organisation, not the place or person the tagger found inside them: `«Голоса Америки»`
    makes `Голос Америки:` a body, not `Америки` a place."""
    names = {e.text: e for e in found if e.label == "ORG" and 2 <= len(e.text.split()) <= 4 and e.text[:1].isupper()}
    out = list(found)
    for name, e in names.items():
        pattern = r"(?<![\w-])" + r"\s+".join(re.escape(_stem(w)) + r"\w{0,3}" for w in name.split()) + r"(?![\w-])"
        for m in re.finditer(pattern, text):
            inside = [o for o in out if o.start < m.end() and m.start() < o.end]
            if any(o.label == "ORG" or o.start < m.start() or o.end > m.end() for o in inside):
                continue
            out = [o for o in out if o not in inside] + [Entity(m.start(), m.end(), "ORG", m.group(), e.norm)]
    return sorted(out, key=lambda x: x.start)


def _domains(text: str) -> list[Entity]:
    """Sites named by their address are organisations (the outlet behind them), unless the
    address itself is spoken of: quoted, or after `адрес`, `имя`, `домен`."""
    out = []
    for m in _DOMAIN.finditer(text):
        before = text[max(0, m.start() - 12) : m.start()]
        if not before.endswith(tuple(_QUOTES)) and not _ADDRESS_BEFORE.search(before):
            out.append(Entity(m.start(), m.end(), "ORG", m.group(), m.group()))
    return out


def _abbreviates(acronym: str, words: list[str]) -> bool:
    """Whether `words` spell `acronym`: each starts the next letter and may give more of
    its own letters in order (`атомной электростанции` → `АЭС`); short function words may
    be skipped."""
    if not words:
        return not acronym
    word, rest = words[0].lower(), words[1:]
    if not acronym:
        return False
    if len(word) <= 3 and words[0].islower() and _abbreviates(acronym, rest):
        return True
    if word[0] != acronym[0].lower():
        return False
    tail = acronym[1:].lower()
    for j in range(len(tail) + 1):
        if _subsequence(tail[:j], word[1:]) and _abbreviates(acronym[1 + j :], rest):
            return True
    return False


def _subsequence(needle: str, hay: str) -> bool:
    it = iter(hay)
    return all(ch in it for ch in needle)


def load() -> RussianRecogniser:
    return RussianRecogniser()
