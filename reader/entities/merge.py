"""A key under which one entity's names meet across inflections, scripts and languages.

    Blinken / Блінкен / Блинкен      → blinken
    Zelensky / Зеленський / Зеленский → selenski
    Jens Stoltenberg / Єнс Столтенберг / Йенс Столтенберг → ens stoltenberg
    EU / ЄС / Європейський Союз / Евросоюз → european union   (alias data)

How a word becomes its key:

1. Cyrillic is transliterated letter by letter. Ukrainian letters follow the Ukrainian
   national standard (KMU 2010, Cabinet resolution No. 55: г→h, ґ→g, і→i, ї→ji, є→je,
   х→kh, ц→ts, щ→shch); letters only Russian has follow BGN/PCGN (ы→y, э→e), but ё is
   e, as Russian print mostly writes it and the dictionary's nominative restores it
   (Соединенных → Соединённые; Горбачев, Горбачёв, Gorbachev). The two standards'
   shared letters agree once step 2 has run (и is y in one, i in the other).
2. The Latin result, and names written in Latin, are folded only where the three
   spellings of one name truly disagree: и/і/ы/y/i are one vowel (Зеленський,
   Зеленский, Zelenskyy); г, х, g, h and kh are one sound (Гамбург, Хиллари, Hillary,
   Гілларі); й and a y that is not a vowel are `j`, as are Дж and English j (Jens,
   Єнс, Йенс; Johnson, Джонсон); a word-final -ій/-ей/-ий is `i` (Андрій, Андрей,
   Andrii); doubled letters are one (Hillary, Гілларі); English spellings that Cyrillic
   writes one way (c before e/i as s, ck, ph, th, q, w, x, sch, tz, ou) are folded to
   it; s and z are one letter (Theresa, Тереза). Every other vowel is kept: Ukraine,
   Kieran, Korean, Carron and Cron stay five keys.
3. Whole names that the alias data knows (countries in English, Ukrainian and Russian
   from CLDR; cities from GeoNames; international bodies and their acronyms) are
   replaced by the key of the English name the data gives (`reader/data/`).

A key is space-separated lowercase ASCII words, one per word of the name, each the key
the word would have alone, so a surname alone meets the last word of the full name.
"""

from __future__ import annotations

import functools
import re
import unicodedata

# Ukrainian (KMU 2010) letters; Russian-only letters (BGN/PCGN); the y of и is folded to i.
_CYR = {
    "а": "a", "б": "b", "в": "v", "г": "h", "ґ": "g", "д": "d", "е": "e", "є": "je", "ж": "zh",
    "з": "z", "и": "y", "і": "i", "ї": "ji", "й": "j", "к": "k", "л": "l", "м": "m", "н": "n",
    "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "shch", "ь": "", "ю": "ju", "я": "ja",
    "ё": "e", "ъ": "", "ы": "y", "э": "e",
    # letters of the other Cyrillic alphabets a name may be quoted in
    "ў": "u", "ј": "j", "љ": "lj", "њ": "nj", "ћ": "ch", "ђ": "dj", "џ": "j",
}
# Latin letters of Slavic alphabets whose accent is a sound, not a stress (Đoković, Шевчук's Ševčuk).
_LATIN_SLAVIC = {"č": "ch", "ć": "ch", "š": "sh", "ž": "zh", "đ": "dj", "ł": "l", "ř": "rzh"}
#: Latin letters that have no accent to drop, as English writes them (Løkke, Lokke; Straße).
_LATIN_OWN = {"ø": "o", "æ": "ae", "œ": "oe", "ß": "ss", "ł": "l", "đ": "d", "ı": "i", "Ø": "O", "Æ": "Ae", "Œ": "Oe", "Ł": "L", "Đ": "D"}


def unaccented(name: str) -> str:
    """A Latin name as English news often prints it, its letters' accents dropped (`Babiš`: Babis)."""
    name = "".join(_LATIN_OWN.get(ch, ch) for ch in name)
    return "".join(ch for ch in unicodedata.normalize("NFKD", name) if not unicodedata.combining(ch))
# Latin spellings of one sound, in the order they are folded (digraphs first).
_SOUNDS = (
    ("tsch", "C"), ("sch", "S"), ("shch", "SC"), ("dzh", "J"), ("dj", "J"), ("zh", "Z"), ("sh", "S"),
    ("ch", "C"), ("cz", "C"), ("ck", "k"), ("ph", "f"), ("th", "t"), ("kh", "h"), ("gh", "h"),
    ("q", "k"), ("x", "ks"), ("w", "v"), ("tz", "ts"), ("ou", "u"),
)
_C_SOFT = re.compile(r"c(?=[eiy])")
_Y_CONSONANT = re.compile(r"(?:(?<=^)|(?<=[aeiou]))y(?=[aeiou])")
_J_SEMIVOWEL = re.compile(r"(?<=[aeiou])j(?![aeiou])")
_IJ_BEFORE_VOWEL = re.compile(r"(?<=i)j(?=[aeiou])")
_FINAL_I = re.compile(r"(?:[ei]i|[ei]j)$")
_SILENT_H = re.compile(r"(?<=[bdfklmnprv])h|(?<=[aeiou])h$|(?<=o)h(?![aeiou])")
_J_AFTER_CONSONANT = re.compile(r"(?<=[b-df-hk-np-tv-z])j(?=[aeiou])")
_DOUBLES = re.compile(r"(.)\1+")
#: Ukrainian spells the soft consonant of a Russian name's е with є (Пєсков, Медведєв,
#: Сєвєродонецьк) and a Russian ё, printed е, with ьо, йо or о after a hushing consonant
#: (Корольов, Соловйов, Горбачов, Пономарьова): read as the Russian print writes them.
_UK_SOFT_E = re.compile(r"(?<=[бвгґджзклмнпрстфхцчшщ])є")
_UK_SOFT_O = re.compile(r"(?:ьо|йо|(?<=[жчшщ])о)в(а?)$")
#: An English w before a vowel, which Russian print writes у and Ukrainian в (Уильямс,
#: Вільямс, Williams; Уоррен, Воррен): a word's first у before a vowel is read в.
_W_AS_U = re.compile(r"^у(?=[аеиоэі])")
#: Russian adjectives end long where Ukrainian ones end short: feminine -ая / -а, neuter
#: -ое / -е, plural -ые / -і (Новая Каховка, Нова Каховка; Азовское, Азовське; Новые, Нові);
#: each is folded to the short ending, after a stem of three letters or more.
_LONG_ENDINGS = re.compile(r"(?<=\w{3})(?:aja|(?<=[^aeiou])oj?e|(?<=[^aeiou])ie)$")
_SHORT_ENDING = {"aja": "a", "oe": "e", "oje": "e", "ie": "i"}
#: Russian adjectives in -ический are Ukrainian ones in -ічний (Демократическая партия,
#: Демократична партія; Атлантический, Атлантичний): read as the Ukrainian writes them.
_RU_ICHESK = re.compile(r"(?<=\w{3}i)Cesk(?=[aei]$)")
_WORD = re.compile(r"[^\s\-‐–—./,()«»\"“”„]+")
_APOSTROPHES = "'’ʼ`´"


_ANY_CYRILLIC = re.compile("[\u0400-\u04ff]")


def is_cyrillic(word: str) -> bool:
    return _ANY_CYRILLIC.search(word) is not None


@functools.lru_cache(maxsize=200_000)
def latin(word: str) -> str:
    """The word in lowercase ASCII: Cyrillic transliterated (step 1), accents dropped."""
    word = word.lower()
    if is_cyrillic(word):
        word = "".join(_CYR.get(ch, ch) for ch in word)
    else:
        word = "".join(_LATIN_SLAVIC.get(ch) or _LATIN_OWN.get(ch, ch) for ch in word)
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(ch for ch in decomposed if ch.isascii() and ch.isalnum())


@functools.lru_cache(maxsize=200_000)
def word_key(word: str, sounded: bool = False) -> str:
    """One word's key (steps 1 and 2); `sounded`: a Latin word's every h is a sound, as in
    a spelling `latin_readings` made."""
    w = word
    if len(w) > 2 and w[-2] in _APOSTROPHES and w[-1] in "sS":
        w = w[:-2]  # Blinken's
    cyrillic = is_cyrillic(w)
    if cyrillic:
        w = _W_AS_U.sub("в", _UK_SOFT_E.sub("е", w.lower()))
        w = _UK_SOFT_O.sub(r"ев\1", w)
    w = latin(w)
    if not w:
        return ""
    if w.isdigit():
        return w
    w = _C_SOFT.sub("s", w)
    for a, b in _SOUNDS:
        w = w.replace(a, b)
    w = w.replace("c", "k")
    w = _Y_CONSONANT.sub("j", w).replace("y", "i")
    if not cyrillic and not sounded:
        w = _SILENT_H.sub("", w)  # Sarah, Rhodes, John: English letters, not sounds
    w = w.replace("g", "h")
    w = _J_AFTER_CONSONANT.sub("i", w)  # Харьяна, Haryana; Любов, Lyubov
    w = _IJ_BEFORE_VOWEL.sub("", w)
    w = _J_SEMIVOWEL.sub("i", w)
    if w.startswith("je"):
        w = w[1:]  # Євген, Евгений, Yevgeny; Jens, Єнс, Йенс
    w = w.replace("z", "s").replace("ji", "i")
    if word.isupper() and len(word) <= 4:
        return w.translate(_PLACEHOLDERS)  # an acronym's letters are letters: УСС is not US
    w = _DOUBLES.sub(r"\1", w)
    if len(w) > 4:
        w = _FINAL_I.sub("i", w)
        w = _LONG_ENDINGS.sub(lambda m: _SHORT_ENDING[m[0]], w)
        if cyrillic:
            w = _RU_ICHESK.sub("Cn", w)
    w = _DOUBLES.sub(r"\1", w)
    return w.translate(_PLACEHOLDERS)


#: An e after a vowel other than e, however it is written: Ukrainian є and English ie sound
#: the glide the Russian е after a vowel sounds unwritten (Наєв, Наев, Naiev: naev;
#: Колихаєв, Kolykhaiev; Байєр, Bayer); after an e it stays (Meyer, Geyer). For a name's
#: key only: the readings compared across scripts keep the glide (Leyen, Ляєн: lejen, liajen).
_GLIDE_E = re.compile(r"(?<=[aiou])[ij]+e")


def _unglided(key: str) -> str:
    """A word's key with `_GLIDE_E` read as e, as a name's key has it."""
    glided = _GLIDE_E.sub("e", key)
    return key if glided == key else _DOUBLES.sub(r"\1", glided)  # an acronym's doubled letters stay (УСС)


_PLACEHOLDERS = str.maketrans({"C": "ch", "S": "sh", "Z": "zh", "J": "j"})


#: A final consonant French leaves unsounded (Joseph Darnand, Жозеф Дарнан): not dropped
#: from a lone word, where the letters left are too few to compare (Lucas, Лука; Vegas, Вега).
_SILENT_FINAL = (r"(?<=.)[sxtd]$", "")

# How English, German, French and Spanish spell the sounds Russian and Ukrainian transliterate
# (Knott Нотт, Jeff Джефф, George Джордж, Newton Ньютон, Shackleton Шеклтон; Weiss Вайс,
# Springer Шпрингер, Ulrich Ульрих, Beust Бойст, Kühn Кюн; Hortefeux Ортефё, Gillard Гийяр,
# Joseph Жозеф, Michel Мишель, Barnier Барнье, Dupont Дюпон; Alejandra Алехандра). Each list
# is one reading of a lowercase Latin word.
_READINGS: tuple[tuple[tuple[str, str], ...], ...] = (
    (  # English
        (r"^ch(?=[rl])", "k"), (r"^kn", "n"), (r"^wr", "r"), (r"^wh", "u"), (r"^mc", "mak"), (r"tch", "ch"), (r"(?<=.)gh", ""),
        (r"dg(?=e)", "dzh"), (r"ge$", "dzh"), (r"^g(?=[eiy])", "dzh"), (r"j", "dzh"), (r"ew", "iu"),
        (r"ea", "e"), (r"(?<=[bcdfgkpt])le(?=[^aeiou])", "l"), (r"(?<=[aeiou][^aeiou])e(?=s?$)", ""), (r"^w", "u"),
    ),
    (  # German
        (r"(?<=[aeiouäöü])h", ""), (r"tsch", "ch"), (r"sch", "sh"), (r"^sp", "shp"), (r"^st", "sht"), (r"ei", "ai"),
        (r"eu|äu", "oi"), (r"ie", "i"), (r"(?<=.)ch", "h"), (r"z", "ts"), (r"^v", "f"), (r"w", "v"), (r"ä", "e"),
        (r"ö", "e"), (r"ü", "iu"),
    ),
    (  # French
        (r"eaux?$", "o"), (r"eux?$", "io"), (r"eau", "o"), (r"(?<=[aeiou])ill", "ij"), _SILENT_FINAL,
        (r"(?<=i)er$", "e"), (r"(?<=.)e$", ""), (r"^h", ""), (r"j", "zh"), (r"ch", "sh"),
        (r"(?<=[bdflmnprstv])u(?=[^aeiou])", "ju"), (r"ou", "u"), (r"gn", "ni"), (r"qu", "k"),
    ),
    ((r"j", "h"), (r"(?<=[aeiou])ll(?=[aeiou])", "j")),  # Spanish: Mallorca, Майорка
    (  # Italian: Fauci Фаучі, Draghi Драгі, Gentiloni Джентілоні, Scioli Шолі, Gnocchi Ньоккі
        (r"ch(?=[ei])", "k"), (r"gh(?=[ei])", "g"), (r"sc(?=[ei])", "sh"), (r"c(?=[ei])", "ch"),
        (r"g(?=[ei])", "dzh"), (r"gli", "li"), (r"gn", "ni"), (r"(?<=[ch]h)i(?=[aou])", "")),
    # Turkish: Recep Реджеп, Cem Джем, Ahmet Ахмет (ç, ş as their accents say).
    ((r"c", "dzh"),),
    # Serbian and Croatian names written without their accents: Djokovic Джокович, Vucic Вучич.
    ((r"(?<=\w{3})ic$", "ich"),),
    # Greek and Latin names as Russian and Ukrainian print them: ch is х, eu is ев, a Latin
    # -us is dropped (Christopher Христофор, Europol Европол, Columbus Колумб).
    ((r"ch", "kh"), (r"eu", "ev"), (r"(?<=[^aeiou])us$", "")),
)

# Polish, Czech and Slovak, for a word that spells as only they do (`_WEST_SLAVIC`: sz, cz,
# rz, -wicz, -cki, -ski, ci before a vowel): c is ц, w is в, sz ш, cz ч, rz ж, ch х (Nawrocki
# Навроцкий, Andrzej Анджей, Szymon Шимон, Kuciak Куцяк). Only for such a word: read so, an
# English Coy was Цой, and another reading of every word pushed a long name's right reading
# past `_MOST_READINGS` (Jean-Claude Juncker).
_WEST_SLAVIC_READING = ((r"ch", "kh"), (r"c(?!z)", "ts"), (r"cz", "ch"), (r"sz", "sh"), (r"rz", "zh"), (r"w", "v"))
_WEST_SLAVIC = re.compile(r"sz|cz|rz|wicz|[cs]k[ia]$|[csz]i(?=[aeou])")

# Chinese names in pinyin as Russian and Ukrainian write them, by the Palladius system
# (Xi Jinping Си Цзиньпин, Li Keqiang Ли Кэцян): a word that is wholly a run of pinyin
# syllables is read syllable by syllable; any other word has no such reading.
_PINYIN_INITIALS = {
    "zh": "чж", "ch": "ч", "sh": "ш", "b": "б", "p": "п", "m": "м", "f": "ф", "d": "д", "t": "т",
    "n": "н", "l": "л", "g": "г", "k": "к", "h": "х", "j": "цз", "q": "ц", "x": "с", "r": "ж",
    "z": "цз", "c": "ц", "s": "с",
}
_PINYIN_FINALS = {
    "a": "а", "o": "о", "e": "э", "ai": "ай", "ei": "эй", "ao": "ао", "ou": "оу", "an": "ань",
    "en": "энь", "ang": "ан", "eng": "эн", "ong": "ун", "er": "эр", "i": "и", "ia": "я", "ie": "е",
    "iao": "яо", "iu": "ю", "ian": "янь", "in": "инь", "iang": "ян", "ing": "ин", "iong": "юн",
    "u": "у", "ua": "уа", "uo": "о", "uai": "уай", "ui": "уй", "uan": "уань", "un": "унь",
    "uang": "уан", "v": "юй", "ve": "юэ", "van": "юань", "vn": "юнь",
}
#: Finals a syllable may have with no initial, and the y- and w- syllables, spelled alone.
_PINYIN_ALONE = {
    **{f: _PINYIN_FINALS[f] for f in ("a", "o", "e", "ai", "ei", "ao", "ou", "an", "en", "ang", "eng", "er")},
    "ya": "я", "yao": "яо", "ye": "е", "you": "ю", "yan": "янь", "yin": "инь", "yang": "ян",
    "ying": "ин", "yong": "юн", "yi": "и", "yu": "юй", "yue": "юэ", "yuan": "юань", "yun": "юнь",
    "wa": "ва", "wo": "во", "wai": "вай", "wei": "вэй", "wan": "вань", "wen": "вэнь", "wang": "ван",
    "weng": "вэн", "wu": "у",
}


@functools.lru_cache(maxsize=50_000)
def pinyin_cyrillic(word: str) -> str | None:
    """The word in Palladius Cyrillic if it is wholly pinyin syllables (longest first), else None."""
    w = unicodedata.normalize("NFKD", word.lower().replace("ü", "v"))
    w = "".join(ch for ch in w if ch.isascii())
    if not w.isalpha() or len(w) < 2:
        return None

    def syllables(i: int) -> list[tuple[int, str]]:
        """(end, Cyrillic) of each syllable that may begin at i."""
        out = [(i + n, _PINYIN_ALONE[w[i:i + n]]) for n in range(1, min(5, len(w) - i) + 1) if w[i:i + n] in _PINYIN_ALONE]
        initial = w[i:i + 2] if w[i:i + 2] in _PINYIN_INITIALS else w[i]
        if initial not in _PINYIN_INITIALS:
            return out
        start = i + len(initial)
        for n in range(1, min(4, len(w) - start) + 1):
            final = w[start:start + n]
            if initial in ("j", "q", "x") and final.startswith("u"):
                final = "v" + final[1:]  # ju, qu, xu are jü, qü, xü
            if final in _PINYIN_FINALS:
                # zi, ci, si are цзы, цы, сы
                vowel = "ы" if final == "i" and initial in ("z", "c", "s") else _PINYIN_FINALS[final]
                out.append((start + n, _PINYIN_INITIALS[initial] + vowel))
        return out

    # The Cyrillic of w[i:], from the end back (each position once: a word that fails late,
    # `enenen…b`, would otherwise be tried every way it splits).
    rest: list[str | None] = [None] * len(w) + [""]
    for i in range(len(w) - 1, -1, -1):
        for end, cyrillic in sorted(syllables(i), reverse=True):  # longest first
            if rest[end] is not None:
                rest[i] = cyrillic + rest[end]
                break
    return rest[0]


# Japanese names in Hepburn as Russian and Ukrainian write them, by the Polivanov system
# (Kishida Кисида, Shinzo Синдзо, Takaichi Такаити, Koizumi Коидзуми): a word that is wholly
# Hepburn syllables and has one only Japanese spells so (shi, chi, tsu, fu, ji, z before a
# vowel, a consonant with y) is read syllable by syllable.
_HEPBURN_SYLLABLE = re.compile(r"(sh|ch|ts|[kgsztdnhbpmrwjfy]?)(y?)([aiueo])|(n)(?![aiueoy])|([kstpgbd])(?=\5)")
_HEPBURN_JAPANESE = re.compile(r"shi|chi|tsu|fu|ji|z[aueo]|[kgnhbpmr]y[auo]")
_POLIVANOV_CONSONANTS = {"sh": "с", "ch": "т", "ts": "ц", "j": "дз", "z": "дз", "k": "к", "g": "г", "s": "с", "t": "т",
                         "d": "д", "n": "н", "h": "х", "b": "б", "p": "п", "m": "м", "r": "р", "w": "в", "f": "ф"}
_POLIVANOV_VOWELS = {"a": "а", "i": "и", "u": "у", "e": "э", "o": "о"}
_POLIVANOV_SOFT = {"a": "я", "i": "и", "u": "ю", "e": "э", "o": "ё"}  # after y, sh, ch, j


def hepburn_cyrillic(word: str) -> str | None:
    """The word in Polivanov Cyrillic if it is wholly Hepburn syllables and spelled as only
    Japanese is (`_HEPBURN_JAPANESE`), else None."""
    w = word.lower()
    if not w.isascii() or not w.isalpha() or not _HEPBURN_JAPANESE.search(w):
        return None
    out, end = [], 0
    for m in _HEPBURN_SYLLABLE.finditer(w):
        if m.start() != end:
            return None
        consonant, y, vowel, final_n, double = m.groups()
        if vowel:
            soft = bool(y) or consonant in ("sh", "ch", "j", "y")
            out.append(_POLIVANOV_CONSONANTS.get(consonant, "") + (_POLIVANOV_SOFT if soft else _POLIVANOV_VOWELS)[vowel])
        else:
            out.append(_POLIVANOV_CONSONANTS[double or final_n])
        end = m.end()
    return "".join(out) if end == len(w) else None


#: Initials the West's names do not begin a syllable with as pinyin does (Xi, Jinping, Qiang, Zhang; Си Цзиньпин).
_CHINESE_INITIALS = frozenset({"j", "q", "x", "z", "zh", "c"})


def _syllable_table() -> dict[str, str]:
    """Every pinyin syllable and its Palladius Cyrillic → its initial ('' for none)."""
    out: dict[str, str] = {}
    for initial, cyr_initial in _PINYIN_INITIALS.items():
        for final, cyr_final in _PINYIN_FINALS.items():
            spelled = final
            if initial in ("j", "q", "x"):
                if not final.startswith(("i", "v")):
                    continue
                spelled = "u" + final[1:] if final.startswith("v") else final
            vowel = "ы" if final == "i" and initial in ("z", "c", "s") else cyr_final
            out[initial + spelled] = initial
            if out.get(cyr_initial + vowel) not in _CHINESE_INITIALS:  # сяо is xiao, not a siao
                out[cyr_initial + vowel] = initial
    for alone, cyr in _PINYIN_ALONE.items():
        out.setdefault(alone, "")
        out.setdefault(cyr, "")
    return out


_SYLLABLES = _syllable_table()
_CY_PALLADIUS = str.maketrans({"і": "и", "ї": "и", "є": "е", "ё": "е", "'": None, "’": None})


def _syllables(word: str) -> list[str] | None:
    """The initials of a word read wholly as pinyin or Palladius syllables (longest first), else None."""
    w = word.lower().translate(_CY_PALLADIUS).replace("ü", "v")
    best: list[list[str] | None] = [None] * len(w) + [[]]
    for i in range(len(w) - 1, -1, -1):
        for n in range(min(6, len(w) - i), 0, -1):
            if w[i:i + n] in _SYLLABLES and best[i + n] is not None:
                best[i] = [_SYLLABLES[w[i:i + n]], *best[i + n]]
                break
    return best[0]


@functools.lru_cache(maxsize=50_000)
def family_first(norm: str) -> bool:
    """A Chinese name, whose family name comes first (Xi Jinping, Си Цзиньпин, Li Qiang): two
    or three words wholly of pinyin or Palladius syllables, the first one syllable, one of
    them beginning as only pinyin begins (`_CHINESE_INITIALS`); `Wang Yi` is not told."""
    ws = words(norm)
    if not 2 <= len(ws) <= 3:
        return False
    parsed = [_syllables(w) for w in ws]
    return all(parsed) and len(parsed[0]) == 1 and any(i in _CHINESE_INITIALS for p in parsed for i in p)


@functools.lru_cache(maxsize=200_000)
def latin_readings(word: str, lone: bool = False) -> frozenset[str]:
    """A Latin word's keys as Russian or Ukrainian would transliterate it read as English,
    German, French, Spanish and the others `_READINGS` lists, as Polish where it spells as
    Polish does, as pinyin or Hepburn where it is wholly their syllables, with its own key:
    where one name is written in both scripts, one of these is the Cyrillic spelling's key
    (vowels aside). `lone`: the word is the whole name (`_SILENT_FINAL` kept)."""
    lower = word.lower()
    out = {word_key(word)}
    west_slavic = _WEST_SLAVIC.search(lower)
    for rules in _READINGS + ((_WEST_SLAVIC_READING,) if west_slavic else ()):
        w = lower
        for pattern, repl in rules:
            if not (lone and (pattern, repl) == _SILENT_FINAL):
                w = re.sub(pattern, repl, w)
        out.add(word_key(w, sounded=True))
    for other in (pinyin_cyrillic(word), hepburn_cyrillic(word)):
        if other:
            out.add(word_key(other))
    out.discard("")
    return frozenset(out)


def words(name: str) -> list[str]:
    return [w for w in _WORD.findall(name) if any(ch.isalnum() for ch in w)]


def plain_key(norm: str) -> str:
    """The key of a name without alias data: its words' keys in order."""
    return " ".join(k for k in (_unglided(word_key(w)) for w in words(norm)) if k)


#: The small words of a person's name, written in lower case, that belong to the surname
#: and never decline (`Урсула фон дер Ляєн`, `von der Leyen`; `Мухаммед бін Салман`;
#: `Леонардо да Вінчі`).
NAME_PARTICLES = frozenset("""von van der den de da di del della la le du dos das ter ten bin ibn ben al el
фон ван дер ден де да ди ді дель ла ле ду дю дос бин бін ибн ібн бен аль ал эль ель""".split())


#: Particles that begin a surname written alone with a capital (`Le Pen`, `De Croo`, `Da
#: Silva`, `Von Trier`): not those that are given names too (Ben, Al, Van, Del).
SURNAME_FIRST_PARTICLES = frozenset("de da di du dos das la le von der den ter ten де да ди ді ду дю дос ла ле фон дер ден".split())


def _untitled(names: list[str]) -> list[str]:
    """A person's words without the lower-case title news writes before the name, with the
    acronym it may hold (`спікерка Пелосі`, `міністерка фінансів Єллен`, `глава ЕЦБ Лагард`):
    the person is the name. Particles stay (`де Голль`), as does a name that is all title."""
    i = 0
    while i < len(names) and ((names[i].islower() and names[i] not in NAME_PARTICLES) or (i and names[i].isupper() and len(names[i]) > 1)):
        i += 1
    return names[i:] if 0 < i < len(names) and not names[i].isupper() else names


#: The Arabic article as Russian and Ukrainian print it before a sun letter, assimilated
#: to it (аш-Шараа, ас-Сиси, ар-Рашид), which English prints al- (al-Sharaa, al-Sisi).
_SUN_ARTICLE = re.compile(r"\b[аеэ]([шсртдзн])-(?=\1)", re.IGNORECASE)


def arabic_article(norm: str) -> str:
    """The name with an assimilated Arabic article written аль- as before any other letter."""
    return _SUN_ARTICLE.sub(lambda m: ("Аль" if m.group(0)[0].isupper() else "аль") + "-", norm)


def person_key(norm: str) -> str:
    """A person's key: as `plain_key`, with the particles before the surname joined to it
    (`ursula fonderliajen`, `fonderliajen`), so that the surname alone is one word as
    every other surname alone is, and the store's lone surnames find their person; a
    Chinese name's family name put last (`inpinh ksi`), for the same reason. A particle
    with a capital is one too after a given name (`Marine Le Pen`, `Bart De Wever`), and
    first in a surname alone (`Le Pen`: lepen) or before another particle (`Ван дер Беллен`),
    unless it may be a given name (`Ben Stiller`) or spells an initial after another (`Джей Ди Вэнс`)."""
    out: list[str] = []
    glue = ""
    names = _untitled(words(arabic_article(norm)))
    if family_first(norm):  # the family name last, where every other person's is
        names = names[1:] + names[:1]
    for i, w in enumerate(names):
        k = _unglided(word_key(w))
        low = w.lower()
        if w in NAME_PARTICLES or (i < len(names) - 1 and (low in NAME_PARTICLES and names[i - 1].lower() not in _LETTER_NAMES if i
                                                           else (low in SURNAME_FIRST_PARTICLES and len(names) == 2)
                                                           or (low in NAME_PARTICLES and names[1].lower() in NAME_PARTICLES))):
            glue += k
        elif k:
            out.append(glue + k)
            glue = ""
    return " ".join(out + ([glue] if glue else []))


#: English letters' names as Ukrainian and Russian spell them, where they write an English
#: acronym as it is said (Бі-Бі-Сі, Би-би-си: BBC; Сі-Ен-Ен: CNN).
_LETTER_NAMES = {name: letter for letter, names in {
    "a": "ей эй", "b": "бі би", "c": "сі си", "d": "ді ди", "e": "і и", "f": "еф эф", "g": "джі джи", "h": "ейч эйч",
    "i": "ай", "j": "джей", "k": "кей", "l": "ел эл", "m": "ем эм", "n": "ен эн", "o": "оу", "p": "пі пи",
    "q": "кью", "r": "ар", "s": "ес эс", "t": "ті ти", "u": "ю", "v": "ві ви", "x": "екс экс", "y": "вай", "z": "зед зет зи",
}.items() for name in names.split()}


def spelled_acronym(norm: str) -> str | None:
    """The English acronym a Cyrillic name spells out letter by letter, hyphen-joined
    (`Бі-Бі-Сі` → BBC), else None."""
    if "-" not in norm or " " in norm.strip():
        return None
    letters = [_LETTER_NAMES.get(w.lower()) for w in norm.split("-")]
    return "".join(letters).upper() if len(letters) >= 2 and all(letters) else None


def merge_key(norm: str, label: str) -> str:
    """A script-independent key for a normalised name; the store pairs it with `label`.

    Dates are not names: their key is the lower-cased text.
    """
    if label == "DATE":
        return " ".join(norm.lower().split())
    if label == "PER":
        return person_key(norm)
    from reader.entities.aliases import alias_key

    norm = plain_ordinals(name_core(norm, label))
    key = plain_key(spelled_acronym(norm) or norm)
    if norm.startswith("«"):
        return key  # a name in quotes is a brand's, a club's, a work's: never the alias data's place (`кінотеатр «Україна»`)
    return alias_key(key) or key


#: Lower-case words or an acronym that say what kind of thing a name is, before a name in
#: quotes or in Latin letters (`компанія AMD`, `система Starlink`, `телескоп «Евклід»`,
#: `кліматичний саміт COP28`, `ПрАТ «Укргідроенерго»`, `РСЗВ HIMARS`); no preposition
#: among them (`аварія на ЧАЕС` is no ЧАЕС).
_KIND_WORDS = re.compile(r"((?:(?:[а-яёіїєґ'’ʼ-]+|(?=\w?[А-ЯЁІЇЄҐ]\w*[А-ЯЁІЇЄҐ])[А-ЯЁІЇЄҐа-яёіїєґ]{2,5}) )+)(«[^«»]+(?:«[^«»]+»[^«»]*)?»|[A-Za-z][^\sА-Яа-яЁёІіЇїЄєҐґ]*(?: [^\sА-Яа-яЁёІіЇїЄєҐґ]+)*)")
#: An English article, and the lower-case words of a kind after it (`the film Dovbush`).
_ARTICLE = re.compile(r"the (?:[a-z-]+ ){0,2}(?=[A-Z0-9])|the (?=\S)")
#: An English name in capitals (or digits) and one or two lower-case words after it.
_KIND_AFTER = re.compile(r"((?:[A-Z0-9][^\s]*)(?: [A-Z0-9][^\s]*)*)(?: [a-z][a-z-]+){1,2}")
#: A river, lake, island, mountains or cape, which a place's name is written with or without
#: (Desna River, Desna; Lake Baikal; річка Оскіл, Оскіл; остров Сахалин).
_PLACE_KIND = re.compile(r"(?:(?:Lake|Cape|річка|ріка|озеро|острів|мис|река|остров|мыс) (?P<after>[A-ZА-ЯЁІЇЄҐ][\w'’-]+)"
                         r"|(?P<before>[A-Z][\w'’-]+) (?:River|Lake|Island|Mountains))")
#: An adjective that may be made of a place's name tells one thing from another (`київське
#: «Динамо»`, `московское «Динамо»`): such words stay. An adjective's ending, not any word's
#: (`телескоп «Евклид»` is Евклид).
_PLACE_ADJECTIVE = re.compile(r"[сцз]ь?к(?:[иіыо]й|ая|ое|ие|ые|[аеіиу]|ого|ому|ої|ою|ую|ей|им|их|ими)? ")
#: Words a translation of a name adds or leaves out (Ministry of Foreign Affairs, Міністерство
#: закордонних справ, Министерство иностранных дел; National Agency on Corruption Prevention,
#: Національне агентство з питань запобігання корупції, ... по вопросам предотвращения коррупции).
NAME_GLUE = frozenset("of the and for in on at a an з із зі по в у на для і й та и во с со о об из питань вопросам".split())
#: Words that make what follows them another thing than a kind's name: the glue's Cyrillic
#: words and more prepositions and conjunctions (`аварія на ЧАЕС`).
_NOT_KIND = frozenset(w for w in NAME_GLUE if is_cyrillic(w)) | frozenset("до від при за під над між через от к про без или або".split())


def _nominative_first(quoted: str) -> bool:
    """Whether a quoted name's first word may be a nominative: a name in apposition keeps
    it (`компанії «Київстар»`); a genitive is a complement, another thing (`жюри «Новой волны»`)."""
    from reader.entities.nominative import nominative_for

    first = words(quoted)[0]
    known = [p for lang in ("uk", "ru") for p in nominative_for(lang).parse(first) if p.is_known] if is_cyrillic(first) else []
    return not known or any(p.tag.case == "nomn" or "Fixd" in p.tag.grammemes for p in known)


#: An ordinal number's ending, English, Ukrainian or Russian (`47th`, `47-ма`, `47-ї`, `47-я`, `3-го`).
_ORDINAL = re.compile(r"(?<=\d)(?:st|nd|rd|th|-(?:й|ий|ій|го|ого|му|ому|ма|ша|тя|га|ї|ої|ою|ом|м|х|ми|і|я|е|ю|ой|ая|ое|ые|ых|ым))\b")


def plain_ordinals(norm: str) -> str:
    """A name with its ordinal numbers as bare numbers, whatever the case or language
    writes after them (`47th Brigade`, `47-ї бригади`: 47)."""
    return _ORDINAL.sub("", norm)


def name_core(norm: str, label: str = "ORG") -> str:
    """An organisation's, place's, event's or product's name without the words before it
    that only say what kind of thing it is (`компанія AMD`: AMD; `операція «Павутина»`:
    «Павутина») or an English article (`the Netherlands`), and an organisation's or a
    product's without the lower-case words English puts after it (`Okhmatdyt hospital`,
    `Liutyi drone`; not an event's, `Bucha massacre`, nor after a place's name, `Minsk
    agreements`): one thing, one key. Not where they may say which one (`київське «Динамо»`).
    A place's name without the river, lake, island or cape it is written with (`Desna River`, `Lake Baikal`)."""
    if (m := _KIND_WORDS.fullmatch(norm)) and len(kind := m.group(1).split()) <= 3 and not _NOT_KIND & set(kind) \
            and not _PLACE_ADJECTIVE.search(m.group(1)) and (m.group(2)[0] != "«" or _nominative_first(m.group(2))):
        return m.group(2)
    if (m := _ARTICLE.match(norm)) and " " in norm:
        return norm[m.end():]
    if label == "LOC" and (m := _PLACE_KIND.fullmatch(norm)):
        from reader.entities.aliases import alias_key, name_words

        core = m.group("after") or m.group("before")
        # not where the rest is a common word (Long Island, Red River) or the whole a known place
        if not alias_key(plain_key(norm)) and core.lower() not in name_words()["latin" if core.isascii() else "cyrillic"]:
            return core
    if label in ("ORG", "PRO") and (m := _KIND_AFTER.fullmatch(norm)):
        from reader.entities.aliases import alias_key

        if not alias_key(plain_key(m.group(1))):  # a place's name with a noun after it is another thing (`Minsk agreements`)
            return m.group(1)
    return norm
