"""Names put in the nominative for the index, with pymorphy3 (Ukrainian or Russian).

`Олені Поповій` → `Олена Попова`, `Йенсом Столтенбергом` → `Йенс Столтенберг`,
`Київської обласної ради` → `Київська обласна рада`. The words of one name agree in case,
number and gender, so readings are chosen together, not word by word; what follows the
head noun of a longer name (`банку України`) stays as written, as do quoted names and
acronyms. When no reading fits, the name is kept as written rather than guessed.

Russian people's names the dictionary does not know are not kept as written: every word
offers the nominatives its form allows (pymorphy3's predictor, checked against the word's
stem, and the endings of the first and second declensions), undeclined loanwords fit any
case, and the words must agree (see `agreed_person`).
"""

from __future__ import annotations

import itertools
import os
import re
from collections import Counter
from collections.abc import Callable, Mapping

from reader.entities.aliases import NAME_WORD as _WORD
from reader.entities.merge import NAME_PARTICLES

PER_TAGS = frozenset({"Name", "Surn", "Patr"})
#: Endings of foreign names that Ukrainian and Russian leave undeclined (Бібі, Кюри, Шоу, Гете).
_INDECLINABLE_ENDS = frozenset("іиуюоеэ")


def like(word: str, model: str) -> str:
    """`word` in the letter case of `model`, each hyphened part as its own (`аль-Асада` →
    `аль-Асад`, `Ростова-на-Дону` → `Ростов-на-Дону`); a capital inside a part stays where it
    was (`ПриватБанку` → `ПриватБанк`)."""
    if word.lower() == model.lower():
        return model
    if model.isupper() and len(model) > 1:
        return word.upper()
    parts, models = word.split("-"), model.split("-")
    if len(parts) > 1 and len(parts) == len(models):
        return "-".join(like(p, m) if p and m else p for p, m in zip(parts, models))
    if any(c.isupper() for c in model[1:]) and "-" not in model:
        return "".join(c.upper() if i < len(model) and model[i].isupper() else c for i, c in enumerate(word))
    if model[:1].isupper():
        return "-".join(p[:1].upper() + p[1:] for p in word.split("-")) if "-" in model else word[:1].upper() + word[1:]
    return word


def _quoted(surface: str) -> bool:
    """A name in quotes (a firm's, a work's) is kept as written."""
    return any(q in surface for q in "«»\"“”„")


def _split(surface: str) -> tuple[str, list[str], list[int]]:
    """A name with its spaces made single, cut into words and the spaces between them, and
    the indices of the words that may decline (not acronyms, not single letters)."""
    surface = " ".join(surface.split())
    pieces = re.split(r"(\s+)", surface)
    return surface, pieces, [i for i, p in enumerate(pieces) if _WORD.fullmatch(p) and not p.isupper() and len(p) > 1]


def _name_words(pieces: list[str], words: list[int]) -> list[int]:
    """The words of a person's name that decline: its particles stay as written."""
    kept = [i for i in words if pieces[i] not in NAME_PARTICLES]
    return kept or words


_CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct")
#: A name of the first declension whose gender its ending does not tell: -а or -я after a
#: consonant, but for a woman's -ова, -ева, -ина (`Иванова`, the feminine of Иванов; -ская
#: ends after a vowel).
_FIRST_DECLENSION_NAME = re.compile(r"^(?!.*(?:[оеё]в|[иы]н)а$).*[бвгджзклмнпрстфхцчшщ][ая]$")
#: Case endings of the Russian first declension (-а/-я: `Кулеба`, `Кулебы`, `Кулебе`), which
#: pymorphy3's predictor reads as a masculine noun's for names it does not know.
_RU_FIRST_DECLENSION = {
    "а": {"gent": ("ы", "и"), "datv": ("е",), "accs": ("у",), "ablt": ("ой", "ою"), "loct": ("е",)},
    "я": {"gent": ("и",), "datv": ("е", "и"), "accs": ("ю",), "ablt": ("ей", "ёй"), "loct": ("е", "и")},
}
#: And of the masculine second declension (`Шольцем`, `Шмыгалю`), where the predictor
#: guesses a vowel that comes and goes (`Шолец`) or a feminine name.
_RU_SECOND_DECLENSION = {
    "": {"gent": ("а",), "datv": ("у",), "accs": ("а",), "ablt": ("ом", "ем"), "loct": ("е",)},
    "ь": {"gent": ("я",), "datv": ("ю",), "accs": ("я",), "ablt": ("ем", "ём"), "loct": ("е",)},
    "й": {"gent": ("я",), "datv": ("ю",), "accs": ("я",), "ablt": ("ем", "ём"), "loct": ("е",)},
}
#: Spellings Russian never writes: a stem ending so cannot take that nominative ending.
_RU_NO_SPELLING = re.compile(r"[жшчщц]я$|[гкхжшчщ]ы|[жшчщ]ь$|[аеёиоуыэюя]ь$|[бвгджзклмнпрстфхцчшщ]й$")
#: Unknown words that do not decline: a final -о that is not an adjective's -ого/-его
#: (Кличко, Гюго; not Зеленского), or a vowel after a vowel (Антониу) of loanwords.
#: and an -и after a consonant other than г, к, х (Биби, Хопли, Риши; not Кучки); a Romanian -еску (Джорджеску).
_RU_UNDECLINED = re.compile(r"(?:(?<!ог)(?<!ег)[оё]|[аеёиоуыэюя][иуюеэо]|[бвджзлмнпрстфцчшщ]и|[еа]ску)$")


_VOWELS = frozenset("аеёиоуыэюя")
#: Parts of speech of a verb's forms, which no name is.
_VERB_FORMS = ("VERB", "INFN", "PRTF", "PRTS", "GRND")
#: Words that agree with a name's head noun: adjectives and participles (`Соединённых Штатов`).
_ADJECTIVES = ("ADJF", "PRTF")

#: The same for Ukrainian (`Гутерріша`, `Гутеррішем` → `Гутерріш`; `Андрієм` → `Андрій`).
_UK_FIRST_DECLENSION = {
    "а": {"gent": ("и", "і"), "datv": ("і",), "accs": ("у",), "ablt": ("ою", "ею"), "loct": ("і",)},
    "я": {"gent": ("і",), "datv": ("і",), "accs": ("ю",), "ablt": ("ею", "єю"), "loct": ("і",)},
}
_UK_SECOND_DECLENSION = {
    "": {"gent": ("а",), "datv": ("у", "ові", "еві"), "accs": ("а",), "ablt": ("ом", "ем"), "loct": ("ові", "еві")},
    "ь": {"gent": ("я",), "datv": ("ю", "еві"), "accs": ("я",), "ablt": ("ем",), "loct": ("еві", "і")},
    "й": {"gent": ("я",), "datv": ("ю", "єві"), "accs": ("я",), "ablt": ("єм",), "loct": ("єві", "ї")},
}
_UK_NO_SPELLING = re.compile(r"[аеєиіїоуюя]ь$|[бвгґджзклмнпрстфхцчшщ]й$|[жчшщ]ь$")
#: Unknown Ukrainian words that do not decline: -у, -ю, -о after a vowel (Антоніу, Шоу) but a
#: woman's -ова, -ева surname's instrumental (Чапутовою), -е after a consonant (Рютте), -о but
#: an adjective's -ого and -енко's, -ко's (Гюго), a Romanian -еску (Джорджеску).
_UK_UNDECLINED = re.compile(r"(?:[аеєиіїуюя][уюо]|о[уо]|(?<!ов)(?<!ев)(?<!єв)ою|[бвгґджзклмнпрстфхцчшщ][еє]|(?<!ог)(?<!ег)(?<!к)о|[еа]ску)$")
_UK_VOWELS = frozenset("аеєиіїоуюя")
#: A man's name in the instrumental (`Шольцем`, `Гутеррішем`): not a nominative as written.
_INSTRUMENTAL = re.compile(r"[бвгґджзклмнпрстфхцчшщ][оеє]м$")
#: The masculine instrumental of a word whose nominative ends in a consonant: -ом, or -ем
#: after ц and the hushing consonants (`Аахеном`, `Аустерлицем`; `Бирмингем` is a nominative).
_INSTRUMENTAL_STEM = re.compile(r"\w{3}(?:[бвгґдзклмнпрстфх]ом|[цжчшщ][ое]м)$")
#: Letters a nominative of a name may end in that no case ending is.
_CONSONANT_ENDS = frozenset("бвгґджзклмнпрстфхцчшщь")
#: The Russian prepositional of a masculine word ending in a consonant (`Аахене`, `Денвере`).
_PREPOSITIONAL = re.compile(r"\w{3}[бвгджзклмнпрстфхцчшщ]е$")
#: The genitive of a masculine word ending in a consonant (`Аахена`, `Денвера`).
_GENITIVE = re.compile(r"\w{3}[бвгґджзклмнпрстфхцчшщ]а$")
#: Words in -а that are no genitive: feminine places in -ка (`Софіївка`, `Славянка`),
#: adjectives (`Сумгаїтська`), and in Ukrainian -ова, -ева, whose nominative is -ів (`Старокостянтинова`).
_NOT_GENITIVE = {"ru": re.compile(r"(?:[бвгджзклмнпрстфхцчшщ]ка|[сц]кая|ая|яя)$"),
                 "uk": re.compile(r"(?:[бвгґджзклмнпрстфхцчшщ]ка|[сзц]ька|[оеє]ва)$")}
#: Case endings a consonant-final name never has as written: plurals (`Добриках`,
#: `Викиновостям`) and the instrumental (`Київводфондом`, where no rule may strip it: Газпром).
_CASE_ENDING = re.compile(r"(?:[ая]х|[ая]м|[ео]м|ою|ею|єю)$")
#: A Russian loanword's -и after a consonant other than г, к, х (`Кушадаси`; not `Фракии`).
_RU_LOANWORD_I = re.compile(r"[бвджзлмнпрстфцчшщ]и$")
#: The Ukrainian instrumental of a feminine word in -а after a consonant (`Агарталою`).
_UK_FEMININE_INSTRUMENTAL = re.compile(r"\w{3}[бвгґджзклмнпрстфхцчшщ][ое]ю$")
#: Words naming a kind before a quoted name (`операції «Павутина»`, `компании «Газпром нефть»`).
_KIND_BEFORE_QUOTE = re.compile(r"([^\W\d_][^\W\d_ ]*[^\W\d_](?: [^\W\d_]+)*)( [«\"“„].*)")
#: A name in quotes, ending the span, after words if any (`«Київстару»`, `київського «Динамо»`).
_QUOTED_NAME = re.compile(r"((?:[^\W\d_]+ )*)([«\"„“])([^«»\"„“]+)([»\"“”])")
#: A number joined to a name's last word by a hyphen (`Євробачення-2025`, `Північний потік-2`).
_NUMBER_TAIL = re.compile(r"(?<=[^\W\d_]{3})-\d\w*$")
#: A Cyrillic acronym (`МЗС`, `ЦВК`, `МГУ`; not a Latin brand's, `SAP`, nor a numeral's, `XIV`),
#: and the prepositions that may follow one to begin its complement (`ДПІ у Деснянському районі`).
_ACRONYM_WORD = re.compile(r"[А-ЯЁІЇЄҐ]{2,}")
_PREPOSITIONS = frozenset("у в по при з із зі на для під над до".split())
#: An acronym written with a case ending in lower case (`ДТЕКом`, `МВФу`, `НБУ` stays).
_ACRONYM_CASE = re.compile(r"([А-ЯІЇЄҐ]{2,})(?:а|у|ом|ові|і|е|ем|ю|я|ів)")


def _nominative(parse) -> str | None:  # noqa: ANN001 - a pymorphy3 Parse
    """A place's or a body's word in the nominative, in its number. The Ukrainian dictionary
    leaves a singular noun's number untagged (and some nominatives' case: `Супутник`), and
    inflecting such a reading picks the plural (`заводу` → `заводи`): its nominative is its lemma."""
    form = parse.inflect({"nomn"})
    if form is not None and "Supr" in parse.tag.grammemes:
        # a superlative has several (высший, высочайший of высокий): the one written, as its stem says
        same = [f for f in parse.lexeme if f.tag.case == "nomn" and "Supr" in f.tag.grammemes
                and f.tag.gender == form.tag.gender and f.tag.number == form.tag.number]
        form = max(same, key=lambda f: (len(os.path.commonprefix([f.word, parse.word])), f is form), default=form)
    if (parse.tag.POS == "NOUN" and parse.tag.number is None and "Fixd" not in parse.tag.grammemes
            and (form is None or form.tag.number == "plur")):
        return parse.normal_form  # (not otherwise: a noun made of an adjective has a masculine lemma, `Німої` → німий)
    return form.word if form is not None else None


def _head_first(parses: list, pieces: list[str], head: int, lang: str) -> list:
    """A name's head noun's readings, likeliest first: a lower-case head before what it names
    is a common noun naming the kind (`пандемии коронавируса`, `пандемии COVID-19`), singular
    before plural: the genitive of `пандемия`, not its plural. A Ukrainian word the dictionary
    knows reads singular first too (`Миколаєві` is Миколаїв's, not a plural's; `Ради` is Рада's),
    but for a plural-only one; a Russian one keeps its order (`Ведомости`, `Новости` as written)."""
    if pieces[head][:1].isupper() or not "".join(pieces[head + 1:]).strip():
        if lang == "uk" and all(p.is_known for p in parses):
            return sorted(parses, key=lambda p: p.tag.number == "plur" and "Pltm" not in p.tag.grammemes)
        return parses
    return sorted(parses, key=lambda p: p.tag.number == "plur")


#: The Russian second locative and genitive (`в аэропорту`, `чаю`), whose adjectives take the
#: first's ending: `Вашингтонском аэропорту` agrees.
_SECOND_CASES = {"loc2": "loct", "gen2": "gent", "acc2": "accs"}


#: A region named with -щина (`Херсонщина`, `Полтавщина`) in a case.
_REGION = re.compile(r"\w{3}щин(а|е|ы|у|ой|ою|і|и)$")


class _Declension:
    """One language's endings for names the dictionary does not know."""

    def __init__(self, first: dict, second: dict, no_spelling: re.Pattern, undeclined: re.Pattern, vowels: frozenset[str]) -> None:
        self.first, self.second, self.no_spelling, self.undeclined, self.vowels = first, second, no_spelling, undeclined, vowels


_DECLENSIONS = {
    "ru": _Declension(_RU_FIRST_DECLENSION, _RU_SECOND_DECLENSION, _RU_NO_SPELLING, _RU_UNDECLINED, _VOWELS),
    "uk": _Declension(_UK_FIRST_DECLENSION, _UK_SECOND_DECLENSION, _UK_NO_SPELLING, _UK_UNDECLINED, _UK_VOWELS),
}


class _Option:
    """One way a word of a name may be read: its nominative, case (None: any), gender
    (None: any) and how likely the reading is."""

    __slots__ = ("word", "case", "gender", "weight")

    def __init__(self, word: str, case: str | None, gender: str | None, weight: float) -> None:
        self.word, self.case, self.gender, self.weight = word, case, gender, weight


class Nominative:
    """Normaliser over one pymorphy3 analyzer's `parse` (cached by the caller)."""

    def __init__(self, parse: Callable, places: frozenset[str] = frozenset(), lang: str = "uk") -> None:
        self.parse = parse
        self.places = places
        self.lang = lang

    def __call__(self, surface: str, label: str) -> str:
        surface, pieces, words = _split(surface)
        # every name but a date: events and works (MISC, BSNLP's EVT and PRO) read as bodies do
        kind = _KIND_BEFORE_QUOTE.match(surface)
        if kind and label not in ("DATE", "PER") and any(
                p.tag.POS == "NOUN" and not p.tag.grammemes & PER_TAGS for p in self.parse(kind[1].rsplit(" ", 1)[-1])):
            # `телескопа «Евклід»`: the kind, a noun, declines and the quoted name stays (not after an
            # adjective alone, `московского «Центра»`, which the quoted name heads: read below)
            return self(kind[1], label) + kind[2]
        named = _QUOTED_NAME.fullmatch(surface)
        if named and label not in ("DATE", "PER") and all(
                any(p.tag.POS in _ADJECTIVES for p in self.parse(w)) for w in named[1].split()):
            # a name in quotes itself, after its adjectives if any (`«Київстару»`, `петербурзького
            # «Зеніту»`), declines as the same words unquoted; quotes go back around its words
            plain = (named[1] + named[3]).split()
            read = self(" ".join(plain), label).split()
            if len(read) == len(plain):
                cut = len(named[1].split())
                return " ".join(read[:cut] + [named[2] + " ".join(read[cut:]) + named[4]])
        if label == "DATE" or _quoted(surface) or surface.isupper() or not words:
            return surface
        if label == "PER":
            return self.person(pieces, _name_words(pieces, words))
        tail = _NUMBER_TAIL.search(surface)
        if tail:  # `Олімпіади-2028`, `Північного потоку-2`: the words decline, the number stays
            return self(surface[: tail.start()], label) + tail.group()
        if len(pieces) > 2 and _ACRONYM_WORD.fullmatch(pieces[0]) and (
                pieces[2] in _PREPOSITIONS or any(p.tag.case in ("gent", "gen2") for p in self.parse(pieces[2]))):
            # `МЗС Росії`, `МГУ имени Ломоносова`, `ДПІ у Деснянському районі`: an acronym heads the
            # name and what follows is its complement; not a name in apposition (`ФОП Олександрою Іванишен`)
            return surface
        if len(words) == 1:
            word = pieces[words[0]]
            acronym = _ACRONYM_CASE.fullmatch(word)
            if acronym:  # `ДТЕКом`, `МВФу`: an acronym with a case ending
                pieces[words[0]] = acronym[1]
                return "".join(pieces)
            if not any(p.is_known for p in self.parse(word)):
                guess = self.unknown_place_or_body(word, label)
                if guess is not None:
                    pieces[words[0]] = guess
                    return "".join(pieces)
            parse = self.place_or_body(pieces, words[0], alone=len(pieces) == 1)
            form = _nominative(parse) if parse is not None else None
            if form is not None:
                pieces[words[0]] = like(form, word)
            return "".join(pieces)
        return self.agreeing(pieces, words)

    def person(self, pieces: list[str], words: list[int]) -> str:
        return self.person_readings(pieces, words)[0]

    def readings(self, surface: str, label: str) -> list[str]:
        """Every nominative a person's name may have, best first (`Александра Белова` is a
        woman, or the genitive of `Александр Белов`); one reading for other types."""
        surface, pieces, words = _split(surface)
        if label != "PER" or not words or _quoted(surface):
            return [self(surface, label)]
        return self.person_readings(pieces, _name_words(pieces, words))

    def person_readings(self, pieces: list[str], words: list[int]) -> list[str]:
        """Given name, patronymic and surname in the nominative, each reading in one gender
        and case; a name that reads as a nominative (`Нэнси Пелоси`) first, as written."""
        if self.lang == "ru":
            return self.agreed_person(pieces, words)
        out = self.known_person(pieces, words)
        if out[0] == "".join(pieces) and not all(any(p.is_known and p.tag.POS not in _VERB_FORMS for p in self.parse(pieces[i])) for i in words):
            # kept as written for a word the dictionary does not know (or knows as a verb's form
            # only, `Дала`): read by agreement, as Russian is (`Антоніу Гутерріша`, `Гутеррішем` → `Гутерріш`)
            agreed = self.agreed_person(pieces, words)
            return agreed + [t for t in out if t not in agreed]
        return out

    def known_person(self, pieces: list[str], words: list[int]) -> list[str]:
        """Ukrainian readings led by the words the dictionary knows."""
        out: list[str] = []
        # A word the dictionary does not know is kept as written: guessing its paradigm
        # turns `Мирианашвали` into `Мирианашваль`.
        known = [i for i in words if any(p.is_known for p in self.parse(pieces[i]))]
        if not known:
            return ["".join(pieces)]
        # as written first when every word reads as a nominative of a person's name in one gender
        # (not `Олександра Лукашенка`: a woman's given name and a man's surname variant)
        genders = [{"any" if p.tag.gender is None or "Fixd" in p.tag.grammemes else p.tag.gender for p in self.parse(pieces[i])
                    if p.tag.case == "nomn" and p.tag.number != "plur" and p.tag.grammemes & PER_TAGS} for i in known]
        if all(genders) and any(all(g in gs or "any" in gs for gs in genders) for g in ("masc", "femn")):
            out.append("".join(pieces))
        first = self.parse(pieces[known[0]])
        # a lone -ський, -цький surname the dictionary has only as an adjective reads as one
        # (`Заболоцькою` → `Заболоцька`); not a possessive's `Ірминого`, `Божого`
        two = any(p in ("і", "й", "та", "и") for p in pieces)
        # one person's given name is singular: `Кір` is no plural of Кіра (`Кіри`) when it leads a name
        named = ([p for p in first if p.tag.grammemes & PER_TAGS and (p.tag.number != "plur" or two or len(words) == 1)]
                 or [p for p in first if p.tag.POS == "NOUN" and not (p.tag.grammemes & PER_TAGS)]  # nor `Герт` Герти's
                 or [p for p in first if p.tag.POS == "ADJF" and p.tag.number != "plur" and len(words) == 1
                     and p.normal_form.endswith("ький")])
        # one person's name is singular: `Юлії` is Юлія's genitive before it is Юлій's plural;
        # and rarely in the locative: a name's other case first (`Тарасові` is Тарас's dative before
        # Тарасов's locative), no thing's locative at all (`Мелоні` is not a `мелон`)
        named = [p for p in named if p.tag.case != "loct" or p.tag.grammemes & PER_TAGS]
        named = sorted(named, key=lambda p: (p.tag.number == "plur", p.tag.case == "loct"))
        # First with each word in the given name's gender, then letting a surname that does
        # not decline take either (`Юлії Тимошенко` is Юлія: Тимошенко is a woman's in that
        # case; `Антона Яценко` is still Антон, as the news writes men's -енко undeclined)
        # one person's surname is singular (`Василя Задури` is not a plural's `Задури`), two
        # people's may be plural (`Денису і Володимиру Ященкам`)
        for strict in (True, False):
            found: list[tuple[bool, int, str]] = []  # (a plural's reading, words read as undeclined, reading)
            for lead in named:
                reading, skipped, plural = list(pieces), 0, two or lead.tag.number == "plur"
                for i in words:
                    if i not in known and lead.tag.case == "nomn":
                        continue
                    parses = [p for p in self.parse(pieces[i]) if p.tag.POS in ("NOUN", "ADJF")]
                    # (then also a man's surname in -а, -я, which declines as a woman's word:
                    # `Петром Прядкою` is Петро Прядка)
                    fits = [p for p in parses if p.tag.case == lead.tag.case and (p.tag.number != "plur" or plural) and (
                        p.tag.gender is None or p.tag.gender == lead.tag.gender
                        or (not strict and ("Fixd" in p.tag.grammemes or p.normal_form[-1:] in "ая" and i != known[0])))]
                    if (not fits and len(words) > 1 and i != known[0] and pieces[i][-1:].lower() in _INDECLINABLE_ENDS
                            and not (strict and any(p.tag.case == lead.tag.case for p in parses))
                            and "Fixd" not in lead.tag.grammemes):
                        # `Азії Бібі`: a foreign name ending in a vowel does not decline; after a
                        # given name that fits any case (`Джо Байдену`) another case is read instead
                        skipped += 1
                        continue
                    if (not fits and i > known[0] and pieces[i][-1:].lower() in _CONSONANT_ENDS
                            and lead.tag.gender == "femn" and "Name" in lead.tag.grammemes):
                        # `Камали Гарріс`, `Ірини Шуляк`: after a woman's given name a surname
                        # ending in a consonant does not decline (the dictionary has it as a man's)
                        skipped += 1
                        continue
                    parses = fits or ([] if len(words) > 1 else parses)
                    parses.sort(key=lambda p: not p.tag.grammemes & PER_TAGS)
                    if parses and not parses[0].tag.grammemes & PER_TAGS:
                        form = _nominative(parses[0])  # a title's `Папою` is Папа, not the plural `папи`
                    else:
                        form = (parses[0].inflect({"nomn", "sing"}) or parses[0].inflect({"nomn"})) if parses else None
                        form = form.word if form is not None else None
                    if form is None:
                        break
                    reading[i] = like(form, pieces[i])
                else:
                    found.append((lead.tag.number == "plur", skipped if lead.tag.grammemes & PER_TAGS else 0, "".join(reading)))
            # after a given name the dictionary knows, a reading in which every word declines
            # as it says before one that takes a word as undeclined (`Петру Порошенку` is
            # Петро's, not Петра's); `Азії Бібі`, led by no known name, keeps its order
            for *_, text in sorted(found, key=lambda f: f[:2]):
                if text not in out:
                    out.append(text)
        return out or ["".join(pieces)]

    # --- Russian: names the dictionary does not know, by the predictor and agreement ---------

    def agreed_person(self, pieces: list[str], words: list[int]) -> list[str]:
        """Readings of a Russian person's name, best first. Every word offers nominatives with
        the case and gender its form would have (the dictionary, pymorphy3's predictor for
        unknown words, the first declension's endings for `Кулебе`), or stays as written
        in any case when it does not decline (`Энтони`, `Кличко`, `Мэй`); the words must
        agree in case and gender, and the reading whose words are likeliest wins. A lone
        word that may be a nominative as written is kept (`Блинкена`, `Кулеба`)."""
        options = [self.word_options(pieces[i], lone=len(words) == 1, first=n == 0 and len(words) > 1) for n, i in enumerate(words)]
        if len(words) > 1 and options[0] and all(o.case is None for o in options[0]):
            # after a given name that does not decline (`Ентоні`, `Хорхе`), a foreign surname in a
            # vowel is more often undeclined too (`Ентоні Фаучі`) than an -а surname's dative (`Фауча`)
            options[1:] = [[_Option(o.word, o.case, o.gender, max(o.weight, 1.0)) if o.case is None and o.word == pieces[i]
                            and o.word[-1:].lower() in _INDECLINABLE_ENDS else o for o in opts] for i, opts in zip(words[1:], options[1:])]
        if len(words) == 1 and any(o.case in ("nomn", None) and o.word == pieces[words[0]] for o in options[0]):
            return ["".join(pieces)]
        known = any(q.is_known and q.tag.grammemes & PER_TAGS for i in words for q in self.parse(pieces[i]))
        scored: dict[str, float] = {}
        for case in _CASES:
            for gender in ("masc", "femn"):
                reading, total = list(pieces), 0.0
                for i, opts in zip(words, options):
                    fits = [o for o in opts if o.case in (case, None) and o.gender in (gender, None)]
                    if not fits:
                        break
                    best = max(fits, key=lambda o: o.weight)
                    reading[i], total = best.word, total + best.weight
                else:
                    if gender == "masc" and not known:
                        total *= 1.5  # a name the dictionary does not know is more often a man's in the news
                    text = "".join(reading)
                    scored[text] = max(scored.get(text, 0.0), total)
        if not scored:
            return ["".join(pieces)]
        return sorted(scored, key=lambda t: -scored[t])

    def lone_readings(self, word: str) -> list[str]:
        """The other nominatives a lone surname kept as written may be, likeliest first
        (`Блинкена`, `Шольца`: the genitives of Блинкен, Шольц): what the store tries when
        no person is known by the word as written."""
        options = sorted(self.word_options(word, lone=True, first=False), key=lambda o: -o.weight)
        return list(dict.fromkeys(o.word for o in options if o.word.lower() != word.lower()))

    def word_options(self, word: str, lone: bool, first: bool) -> list[_Option]:
        out: list[_Option] = []
        parses = self.parse(word)
        # whether the dictionary knows the word as a person's, a thing's in a gender, or an adjective
        known_gendered = any(q.is_known and q.tag.POS in ("NOUN", "ADJF") and (q.tag.gender != "neut" or q.tag.grammemes & PER_TAGS) for q in parses)
        for p in parses:
            if p.tag.POS == "NOUN" and "Fixd" in p.tag.grammemes and p.tag.gender == "neut" and p.is_known and not known_gendered:
                # a word the dictionary knows only as an undeclined thing's name (`Си`, a note)
                # is an undeclined name in a person's name (`Си Цзиньпину`)
                out.append(_Option(word, None, None, 0.8))
                break
            if p.tag.POS not in ("NOUN", "ADJF") or (p.tag.number == "plur" and "Sgtm" not in p.tag.grammemes) or p.tag.gender == "neut":
                continue
            per = bool(p.tag.grammemes & PER_TAGS)
            gender = {"masc": "masc", "femn": "femn"}.get(str(p.tag.gender))
            if "Fixd" in p.tag.grammemes:  # a known name that does not decline keeps its gender (Антоніу, Нэнси)
                out.append(_Option(word, None, gender if p.is_known and per else None, (2.5 if p.is_known and per else 0.8)))
                continue
            if p.tag.case not in _CASES:
                continue
            form = p.inflect({"nomn", "sing"}) or p.inflect({"nomn"})
            if form is None or (not p.is_known and form.word == word.lower() and _INSTRUMENTAL.search(form.word)):
                continue  # the predictor's nominative `Гомером` is `Гомер`'s instrumental
            if p.is_known:
                weight = 3.0 if per else 1.0
            elif self.lang == "ru" and p.tag.POS == "ADJF" and p.tag.case == "loct" and not re.search(r"[сц]кий$|ой$", form.word):
                continue  # `Орбаном` is Орбан's instrumental, not an adjective `Орбаный`'s prepositional
            elif not form.word.startswith(word.lower()[: -3 if p.tag.POS == "ADJF" else -2]):
                continue  # the predictor's vowel that comes and goes (`Шольцу` is not `Шолец`'s)
            else:  # the predictor's guess: a surname's tag where a surname stands; -ский, -ной
                weight = 1.5 if "Surn" in p.tag.grammemes and not first else 1.3 if p.tag.POS == "ADJF" else 1.0
            if (self.lang == "ru" and not first and p.tag.POS == "NOUN" and not p.tag.grammemes & {"Name", "Patr"}
                    and p.tag.case in ("gent", "datv", "ablt", "loct") and _FIRST_DECLENSION_NAME.search(form.word)):
                # a Russian surname in -а, -я, unknown or a thing's name (`Дуда`), is a man's as often
                # as a woman's (`Сирилу Рамафосе`, `Анджея Дуды`; Ukrainian ones go by `person`'s
                # agreement) in the cases whose ending no man's consonant-final name has (not -у,
                # Сунаку), and more often in -а than in -я after a consonant
                gender = None
                weight *= 0.95 if form.word.endswith("я") and not p.is_known else 1.0
            out.append(_Option(like(form.word, word), p.tag.case, gender, weight * (1 + p.score)))
        lower = word.lower()
        # a word the dictionary knows only as a verb's form is a name it does not know, read by
        # its ending (`Серены` is Серена's genitive, not a participle; `Сиріла` is Сиріл's)
        unknown = not any(q.is_known and q.tag.POS in ("NOUN", "ADJF") for q in parses)
        verb = unknown and any(q.is_known and q.tag.POS in _VERB_FORMS for q in parses)
        dec = _DECLENSIONS[self.lang]
        # a word in -ой, -ей the predictor reads as an adjective in oblique cases only is a
        # woman's -ская, -ина surname (`Ковальской`, `Лапиной`), not a man's -ой nominative (`Донской`)
        adjectives = [q for q in parses if q.tag.POS == "ADJF"]
        # (and one in -ским, -ным is a man's -ский, -ный in the instrumental: `Зеленским`; one
        # in -овым, -евым an -ов, -ев surname's: `Синегубовым`; no name ends so in the nominative)
        oblique_adjective = (unknown and (lower.endswith("й") or re.search(r"(?:[сц]ь?к|н)[иы]м$|[оеё]вым$", lower) is not None)
                             and bool(adjectives) and all(q.tag.case != "nomn" for q in adjectives))
        for nom_end, endings, gender in [(e, d, None) for e, d in dec.first.items()] + [
            (e, d, "masc") for e, d in dec.second.items() if unknown
        ]:
            for case, ends in endings.items():
                for end in ends:
                    if lower.endswith(end) and len(lower) > len(end) + 2:
                        nom = lower[: -len(end)] + nom_end
                        if dec.no_spelling.search(nom) or (nom_end == "" and nom[-1] in dec.vowels):
                            continue
                        known = any(q.is_known and q.tag.case == "nomn" and q.tag.grammemes & PER_TAGS
                                    and any(f.word == lower and f.tag.case == case for f in q.lexeme) for q in self.parse(nom))
                        if not known and not unknown:
                            continue  # a word the dictionary knows declines as it says
                        # the longest ending read wins a tie (`Ліцінарові`: -ові, not -і)
                        out.append(_Option(like(nom, word), case, gender, 3.0 if known else 0.5 + 0.01 * len(end)))
            if nom_end and lower.endswith(nom_end) and unknown and not oblique_adjective:
                out.append(_Option(word, "nomn", None, 0.5 + 0.01 * len(nom_end)))
        if verb and not dec.undeclined.search(lower):
            pass  # read by its ending and the other words' case alone
        elif not any(q.tag.POS in ("NOUN", "ADJF") for q in parses) or (
            not any(q.is_known for q in parses) and dec.undeclined.search(lower)
            and not (self.lang == "uk" and not lone and lower.endswith("ою"))
        ):
            # (but for a Ukrainian -ою beside another word: the instrumental of an -а surname,
            # which the other word's case confirms: `Сирілом Рамафосою` → `Сиріл Рамафоса`)
            out.append(_Option(word, None, None, 2.0))
        elif re.search(r"\w{3}[иы]х$", lower) and all(q.tag.number == "plur" for q in parses if q.tag.POS in ("NOUN", "ADJF")):
            # a surname in -их, -ых is a genitive plural that does not decline (`Олександром Юровських`, `Ивану Седых`)
            out.append(_Option(word, None, None, 2.0))
        elif unknown and re.search(r"[бвгґджзклмнпрстфхцчшщ][еэє]$", lower):
            out.append(_Option(word, None, None, 0.3))  # Рютте as written; `Кулебе` is a dative where a name agrees
        elif not first and not lone and lower[-1:] in _INDECLINABLE_ENDS:
            out.append(_Option(word, None, None, 0.2))  # `Майе Санду`: a foreign name ending in a vowel
        if self.lang == "uk":
            # a person is rarely in the Ukrainian locative (`при Фаучі`), whose readings turn a
            # man's undeclined name into an adjective's or a masculine's (`Ебрагім` as `Ебрагий`)
            out = [o for o in out if o.case != "loct"]
        if re.search(r"[бвгґджзклмнпрстфхцчшщйь]$", lower):
            if not any(o.case in ("nomn", None) for o in out) and not _INSTRUMENTAL.search(lower) and unknown and not oblique_adjective:
                out.append(_Option(word, "nomn", None, 0.5 + 0.01 * len(nom_end)))
            if not lone and not first:  # a woman's surname in a consonant does not decline (`Камалою Гарріс`)
                # as likely as the word is as written: the given name's case and gender decide
                # (`Серене Уильямс`, where the dictionary knows Уильямс as a man's nominative)
                # (not after -й: `Силвой` is Силва's instrumental before a man's -ой nominative)
                weight = max([0.5] + [o.weight for o in out if o.case == "nomn" and o.word == word]) if lower[-1] != "й" else 0.5
                out.append(_Option(word, None, "femn", weight))
        return [self.first_part(word, o) for o in out] if "-" in word else out

    def first_part(self, word: str, option: _Option) -> _Option:
        """A double name's first part in the case its last is read in (`Касыма-Жомарта` is
        Касым-Жомарт's, `Склодовской-Кюри` Склодовская-Кюри's; the dictionary reads the last part
        only); a part that has no such form stays (`Жан-Клода`)."""
        left = word.split("-", 1)[0]
        if option.case in (None, "nomn") or len(left) < 3 or not option.word.lower().startswith(left.lower() + "-"):
            return option
        for p in self.parse(left):
            if (p.tag.POS in ("NOUN", "ADJF") and p.tag.case == option.case and p.tag.number != "plur"
                    and option.gender in (None, p.tag.gender)):
                form = p.inflect({"nomn", "sing"})
                if form is not None:
                    return _Option(like(form.word, left) + option.word[len(left):], option.case, option.gender, option.weight)
        return option

    def unknown_place_or_body(self, word: str, label: str) -> str | None:
        """The nominative of one word the dictionary does not know, where its ending says
        more than pymorphy3's predictor, which reads `Аделейд` as a genitive plural
        (`Аделейды`), `Аустерлицем` as an adjective and `Кушадаси` as a case form. Of the
        unknown names of places, about three in four end in a consonant (GeoNames' Russian
        city names), so a consonant stays (not a plural's or an instrumental's case ending);
        a place's masculine instrumental, genitive (not a feminine's -ка or an adjective's
        -ська, -ская) and, in Russian, prepositional after a consonant go back to it
        (`Аустерлицем`, `Аахена`, `в Аахене`); loanword endings stay. None: ask the predictor."""
        lower = word.lower()
        place = label == "LOC"
        region = _REGION.search(lower)
        if region:  # `Херсонщина`, `Херсонщине`: a region's -щина, not a masculine -щин's genitive, prepositional
            return word[: region.start(1)] + "а"
        if place and _INSTRUMENTAL_STEM.search(lower):
            return word[:-2]
        if _CASE_ENDING.search(lower):
            return None
        if lower[-1] in _CONSONANT_ENDS:
            return word
        if self.lang == "ru" and _PREPOSITIONAL.search(lower):
            return word[:-1]  # `Аахене`, `Росатоме`, `Брексите`: most unknown names of places and bodies end in a consonant
        if place and _GENITIVE.search(lower) and not _NOT_GENITIVE[self.lang].search(lower):
            return word[:-1]
        if place and self.lang == "uk" and _UK_FEMININE_INSTRUMENTAL.search(lower):
            return word[:-2] + "а"  # `Агарталою`: not a loanword's -ою
        if lower[-1] in "оэеє" or (self.lang == "ru" and _RU_LOANWORD_I.search(lower)):
            return word
        return None

    def place_or_body(self, pieces: list[str], head: int, alone: bool = False):  # noqa: ANN201 - a pymorphy3 Parse or None
        parses = _head_first([p for p in self.parse(pieces[head]) if p.tag.POS in ("NOUN", "ADJF")], pieces, head, self.lang)
        if not parses:
            return None
        # a word standing alone names as a noun before as an adjective (`Покровська` is Покровськ's
        # genitive; beside an acronym it is the adjective, `Генічеська РДА`)
        return next((p for p in parses if p.normal_form in self.places), None) or next(
            (p for p in parses if alone and p.tag.POS == "NOUN" and not p.tag.grammemes & PER_TAGS), None) or next(
            (p for p in parses if not p.tag.grammemes & PER_TAGS), parses[0]
        )

    def agreeing(self, pieces: list[str], words: list[int]) -> str:
        """Adjectives and their head noun in the nominative together, in the gender and
        number the noun has (`Білому домі` → `Білий дім`); what follows the head stays."""
        adjectives, head = [], None
        for i in words:
            if i != words[-1] and any(p.tag.POS in _ADJECTIVES for p in self.parse(pieces[i])):
                adjectives.append(i)
            else:
                head = i
                break
        if head is None:
            return "".join(pieces)
        out = self.agreeing_head(pieces, words, adjectives, head)
        if out is not None:
            return out
        # the adjectives do not agree with the head: the last capitalised one that reads as a
        # noun is the head, when another adjective before it agrees (`Верховною Радою Автономної
        # Республіки Крим`: радою is also a comparative's form); not in a list (`Запорізької, ...`)
        if not any("," in p or p in ("і", "й", "та", "и") for p in pieces):
            for k in range(len(adjectives) - 1, 0, -1):
                if pieces[adjectives[k]][:1].isupper():
                    out = self.agreeing_head(pieces, words, adjectives[:k], adjectives[k])
                    if out is not None:
                        return out
            # and a first word alone, before its complement, when it is no nominative as written
            # and reads as a noun in a case its adjective's reading has (`Раду Європи`, `Радою безпеки`)
            first = self.parse(pieces[adjectives[0]]) if adjectives else []
            after = [self.parse(pieces[i]) for i in words if i > adjectives[0]][:1] if adjectives else []
            cases = {p.tag.case for p in first if p.tag.POS in _ADJECTIVES}
            # (the next word a genitive noun, not an adjective in the first word's case: `міністрів`
            # is also a possessive, in the nominative, after `Радою`)
            complement = bool(after) and any(p.tag.POS == "NOUN" and p.tag.case == "gent" for p in after[0]) and not any(
                p.tag.POS in _ADJECTIVES and p.tag.case in cases for p in after[0])
            if first and complement and pieces[adjectives[0]][:1].isupper() and not any(p.tag.case == "nomn" for p in first):
                nouns = [p for p in first if p.tag.POS == "NOUN" and p.tag.case in cases]
                if nouns:
                    form = _nominative(nouns[0])
                    if form is not None:
                        out = list(pieces)
                        out[adjectives[0]] = like(form, pieces[adjectives[0]])
                        return "".join(out)
        return "".join(pieces)

    def agreeing_head(self, pieces: list[str], words: list[int], adjectives: list[int], head: int) -> str | None:
        """The name with `adjectives` and `head` in the nominative; None where they do not agree."""
        for noun in _head_first([p for p in self.parse(pieces[head]) if p.tag.POS == "NOUN"], pieces, head, self.lang):
            chosen = []
            for i in adjectives:
                fit = next(
                    (a for a in self.parse(pieces[i]) if a.tag.POS in _ADJECTIVES and a.tag.case == _SECOND_CASES.get(noun.tag.case, noun.tag.case)
                     and a.tag.number == noun.tag.number and (a.tag.number == "plur" or a.tag.gender == noun.tag.gender)),
                    None,
                )
                if fit is None:
                    break
                chosen.append((i, fit))
            else:
                out = list(pieces)
                for i, parse in chosen + [(head, noun)] + self.trailing(pieces, words, head, noun):
                    form = _nominative(parse)
                    if form is None:
                        return "".join(pieces)
                    out[i] = like(form, pieces[i])
                return "".join(out)
        return None

    def trailing(self, pieces: list[str], words: list[int], head: int, noun) -> list:  # noqa: ANN001
        """Adjectives after the head that end the name and agree with it (`Речі Посполитої`,
        `Софії Київської` → `Річ Посполита`, `Софія Київська`), with their readings; none when
        one does not agree (`Кабінету міністрів`) or something else follows (`Сил специальных
        операций`: the adjective is the next noun's)."""
        after = [i for i in range(head + 1, len(pieces)) if pieces[i].strip()]
        if not after or any(i not in words for i in after):
            return []
        chosen = []
        for i in after:
            fit = next((a for a in self.parse(pieces[i]) if a.tag.POS in _ADJECTIVES and a.tag.case == _SECOND_CASES.get(noun.tag.case, noun.tag.case)
                        and a.tag.number == noun.tag.number and (a.tag.number == "plur" or a.tag.gender == noun.tag.gender)), None)
            if fit is None:
                return []
            chosen.append((i, fit))
        return chosen


_ANALYZERS: dict[str, Nominative] = {}


def nominative_for(lang: str) -> Nominative:
    """The normaliser the Ukrainian or Russian recogniser uses, without loading its tagger
    (pymorphy3 only): for `reader names` and for names typed into the entity filter."""
    if lang not in _ANALYZERS:
        from reader.entities.gazetteer import UK_LOC
        from reader.words import parser

        _ANALYZERS[lang] = Nominative(parser(lang), UK_LOC if lang == "uk" else frozenset(), lang)
    return _ANALYZERS[lang]


_POSSESSIVE = re.compile(r"(?<=\w)['’](?:s\b|(?<=s['’]))")


def normalise(name: str, lang: str, label: str) -> str:
    """A name in its nominative as the index stores it: pymorphy3 for Ukrainian and
    Russian (the reading written as is first, as the recognisers choose without context),
    an English possessive dropped (`Blinken's`); other languages as written."""
    name = " ".join(name.split())
    if lang in ("uk", "ru"):
        return nominative_for(lang)(name, label)
    if lang == "en":
        return _POSSESSIVE.sub("", name)
    return name


#: One word of letters that may decline: not an acronym, not in quotes, no digits.
_ONE_WORD = re.compile(r"[А-ЯЁІЇЄҐ][а-яёіїєґ'’ʼ-]+")
_QUOTED_WORD = re.compile(r"«([А-ЯЁІЇЄҐ][а-яёіїєґ'’ʼ-]+)»")


def _same(name: str) -> str:
    """What votes compare: a name without case, ё or quotes (`«Киевстар»` is Киевстар)."""
    return name.lower().replace("ё", "е").replace("«", "").replace("»", "")


#: A full name's word-by-word readings tried, at most.
_MOST_COMBINED = 16


def _word_by_word(nominative: Nominative, surface: str) -> list[str]:
    """A full name's readings made of each word's own: as written, or as another case of a
    lone name reads it (`Ларри Финка`: `Ларри Финк`; `Санною Марін`: `Санна Марін`). The
    reading of the whole name sees gender and case agree and may keep a foreign name as
    written; met beside the name's other forms, these let the forms' votes choose."""
    options = [[w] + ([] if w.islower() else nominative.lone_readings(w)[:2]) for w in surface.split()]
    return [" ".join(c) for c in itertools.islice(itertools.product(*options), _MOST_COMBINED)][1:]


#: Letters a name's stem may lose before a case ending (`Сергей`, `Сергея`; `Кошта`, `Кошты`).
_STEM_END = frozenset("аеєиіїоуюяыэйь")
#: The endings of names' oblique cases, Ukrainian and Russian.
_CASE_ENDINGS = frozenset("а я у ю е є і и ы ї ой ей ёй ою ею ом ем ём ым им ім ові еві єві ого его ому ему ої ій ую юю ие ии ия".split())
#: A man's oblique endings no nominative has: a lone name read as written that is another
#: such name's last word plus one of these is its case (`Соболевим`: Соболев, beside
#: `Олексій Соболев`; not `Соболева`, a woman or Соболев's genitive, nor `Майчиною`, a woman's).
_OBLIQUE_ENDINGS = frozenset("ом ем ём ым им ім ові еві єві ого его ому ему".split())


def _heads(name: str) -> tuple[str, ...]:
    """Each word's first two letters: what a case ending never changes."""
    return tuple(w[:2].lower() for w in name.split())


def _may_inflect(form: str, reading: str) -> bool:
    """Whether each word of a full name's `form` may, by its letters, be the word of
    `reading` in another case: the same word, or the reading's stem (less a final vowel,
    й or ь) with a case's ending (`Владимира Артюха`: `Владимир Артюх`;
    `Санною Марін`: `Санна Марін`), the form longer than the reading (a nominative is not
    read as a longer case of itself: `Владимир Артюх` stays)."""
    pairs = list(zip(form.lower().split(), reading.lower().split()))
    if len(pairs) != len(form.split()) or len(pairs) != len(reading.split()) or len(form) <= len(reading):
        return False
    return all(w == r or (w.startswith(stem := r[:-1] if r[-1] in _STEM_END else r) and w[len(stem):] in _CASE_ENDINGS) for w, r in pairs)


def _undeclined_surnames(by_surface: Mapping[str, list[str]]) -> set[str]:
    """Surnames the forms show do not decline: one surname written alike after one given name
    in two cases (`Жаир Болсонару`, `Жаира Болсонару`; `Юлія Тимошенко`, `Юлії Тимошенко`),
    where the dictionary may read it as a case of another (Болсонар's dative). Not where no
    reading keeps it (`Анны Ивановой`, `Анне Ивановой`: Иванова's cases, alike), nor after
    two given names (`Стецька П'явки`, `Стеця П'явки`)."""
    firsts: dict[tuple[str, str], set[str]] = {}  # (surname, the given name's nominative) → its forms
    for surface, readings in by_surface.items():
        *given, last = surface.split()
        if given and any(r.split()[-1] == last for r in readings):
            firsts.setdefault((last, " ".join(readings[0].split()[:len(given)])), set()).add(" ".join(given))
    return {last for (last, _), given in firsts.items() if len(given) > 1}


def _as_undeclined(surface: str, readings: list[str], undeclined: set[str]) -> list[str]:
    """A form's readings that keep an undeclined surname as written, and the form itself (a
    foreign given name the dictionary reads as a case of another may be as written: `Экрем`)."""
    last = surface.rsplit(" ", 1)[-1]
    if last not in undeclined:
        return readings
    return list(dict.fromkeys([r for r in readings if r.rsplit(" ", 1)[-1] == last] + [surface]))


def consensus(names: list[tuple[str, str, str]], alone: list[str] | None = None) -> list[str]:
    """The nominatives of (name, lang, label) names met together (one store's, or the lines
    `reader names` reads), in order. Alone, a Ukrainian or Russian form may read several ways
    (`Антониу Кошта` as written or as Кошт's genitive; `Кира Стармера` a woman, or Кир's
    genitive; a place's `Богота` as written or as a `Богот`'s genitive), and `normalise` takes
    the likeliest by its letters. Met together, each other form of a person (or of one word
    naming anything else) votes for its own readings, one vote shared among them (`Антониу
    Кошты` reads only Кошта, `Боготы` only Богота), half a vote for their surname; the reading
    with most votes wins, a tie keeps the order the form alone has. A full name may also take
    a reading it does not vote for, where another form bears it out: its words' own readings
    (`_word_by_word`) that another form reads first, or another form read as written that it
    may be a longer case of (`_may_inflect`). `alone`: the names' `normalise`, where known."""
    norms = alone if alone is not None else [normalise(n, lang, label) for n, lang, label in names]
    forms: dict[tuple[str, bool], dict[str, list[str]]] = {}  # (lang, a person's) → surface → readings, best first
    for (name, lang, label), norm in zip(names, norms):
        surface = " ".join(name.split())
        person = label == "PER"
        quoted = _QUOTED_WORD.fullmatch(surface)
        if lang not in ("uk", "ru") or label == "DATE" or not (person or _ONE_WORD.fullmatch(surface) or quoted):
            continue
        group = forms.setdefault((lang, person), {})
        if surface not in group:
            nominative = nominative_for(lang)
            readings = nominative.readings(surface, label) if person else [norm, surface]
            if quoted:  # a body's name in quotes reads as the word in them (`«Киевстара»`: «Киевстар»)
                readings += [f"«{r}»" for r in nominative.lone_readings(quoted[1])]
            elif " " not in surface:  # a lone word kept as written may be another case's (`Блинкена`, `Боготы`)
                readings += nominative.lone_readings(surface)
            readings = list(dict.fromkeys(readings))
            group[surface] = readings if norm in readings else [norm]
    best: dict[tuple[str, bool, str], str] = {}
    for (lang, person), by_surface in forms.items():
        votes: dict[str, Counter] = {}  # surface → its votes for readings and (marked ~) surnames
        total = Counter()
        firsts = {readings[0] for readings in by_surface.values()}  # what each form reads as first
        kept: dict[tuple[str, ...], list[str]] = {}  # forms that read as written first, by their words' first letters
        last_words: set[str] = set()  # and their last words
        for s, readings in by_surface.items():
            if readings[0] == s:
                kept.setdefault(_heads(s), []).append(s)
                last_words.add(s.rsplit(" ", 1)[-1])
        if person and (undeclined := _undeclined_surnames(by_surface)):
            by_surface = {s: _as_undeclined(s, readings, undeclined) for s, readings in by_surface.items()}
        for surface, readings in by_surface.items():
            own = Counter()
            for r in readings:
                own[_same(r)] += 1 / len(readings)
                own["~" + _same(r).rsplit(" ", 1)[-1]] += 0.5 / len(readings)
            votes[surface] = own
            total.update(own)
        for surface, readings in by_surface.items():
            own = votes[surface]
            if person and " " in surface:
                # a word-by-word reading another form reads first; another form, read as written, this one may be a case of
                more = [r for r in _word_by_word(nominative_for(lang), surface) if r in firsts]
                more += sorted(r for r in kept.get(_heads(surface), ()) if _may_inflect(surface, r))
                readings = readings + [r for r in dict.fromkeys(more) if r not in readings]
            elif person and readings[0] == surface:  # a lone word read first as written: such a form's last word and a case's ending
                readings = readings + sorted(w for w in last_words if surface.startswith(w) and surface[len(w):] in _OBLIQUE_ENDINGS)
            if len(readings) == 1:
                best[(lang, person, surface)] = readings[0]
            else:
                def support(reading: str) -> float:  # the other forms' votes only
                    r = _same(reading)
                    last = "~" + r.rsplit(" ", 1)[-1]
                    return round(total[r] - own[r] + total[last] - own[last], 6)

                best[(lang, person, surface)] = max(readings, key=lambda r: (support(r), -readings.index(r)))
    return [best.get((lang, label == "PER", " ".join(name.split())), norm) for (name, lang, label), norm in zip(names, norms)]
