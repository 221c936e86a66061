"""Language identification: en / uk / ru, or "other", with a confidence.

Generic detectors are weakest exactly where this reader needs them: short Ukrainian
and Russian text, which they confuse with each other and with Bulgarian or
Macedonian. So the decision is made from evidence that is cheap and strong on short
text, in this order:

1. script: no letters → ("other", 0.0); mostly Greek, Arabic, CJK… → other;
2. letters each language has or lacks (uk і ї є ґ and the apostrophe, ru ы э ё,
   be ў, sr/mk ђ ћ ј љ њ џ ѓ ќ ѕ, kk ә ғ қ ң ө ұ ү һ…);
3. distinctive function words of each Cyrillic neighbour (`reader/data/lang/`);
4. word-form dictionaries (pymorphy3's uk and ru dictionaries) for uk versus ru,
   asked only for words whose letters leave uk or ru possible;
5. a deterministic naive-Bayes score over langdetect's own character n-gram
   profiles (the same data langdetect samples at random, read here in full and in
   a fixed order, so the same text always gets the same answer): a capped
   tie-breaker per Cyrillic word, and the arbiter between English and another
   Latin-script language for the few Latin texts the word lists leave undecided.

Everything runs in pure Python over per-word evidence cached by word, which keeps
batches fast; nothing heavy is loaded until a text needs it.
"""

from __future__ import annotations

import importlib.util
import json
import math
import re
from collections.abc import Iterable
from functools import cache, lru_cache
from importlib import resources
from operator import add
from pathlib import Path

from reader.words import word_forms

#: What `detect` answers.
LABELS: tuple[str, ...] = ("en", "uk", "ru", "other")

#: Text beyond this many characters does not change the answer; cutting keeps 10 MB fast.
MAX_CHARS = 3000

#: Apostrophes as typed: read as "'" (a regex substitution is ~7x faster than str.translate).
_APOSTROPHES = re.compile("[’ʼ`‘′]")
_CYR_WORD = re.compile(r"[\u0400-\u052f]+(?:'[\u0400-\u052f]+)*")
_LAT_WORD = re.compile(r"[a-z\u00c0-\u024f\u1e00-\u1eff]+(?:'[a-z]+)*")
#: A letter of neither the Latin nor the Cyrillic script.
_OTHER_LETTER = re.compile(r"[^\W\d_a-z\u00c0-\u024f\u1e00-\u1eff\u0400-\u052f]")

#: langdetect's Latin-script profiles: the candidates of the English-or-not arbiter.
LATIN_PROFILES = (
    "en", "af", "ca", "cs", "cy", "da", "de", "es", "et", "fi", "fr", "hr", "hu", "id", "it",
    "lt", "lv", "nl", "no", "pl", "pt", "ro", "sk", "sl", "so", "sq", "sv", "sw", "tl", "tr", "vi",
)  # fmt: skip
#: The Cyrillic languages scored with langdetect's n-gram profiles.
_PROFILED = ("uk", "ru", "bg", "mk")
# langdetect's smoothing: alpha / BASE_FREQ added to each n-gram probability.
_SMOOTH = 0.5 / 10000


@cache
def _langdetect_dir() -> Path:
    """langdetect's folder, found without importing it (its import costs more than we read)."""
    spec = importlib.util.find_spec("langdetect")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("langdetect is not installed: its n-gram profiles are needed")
    return Path(spec.submodule_search_locations[0])


def _read_profile(code: str) -> tuple[dict[str, int], list[int]]:
    """langdetect's profile for `code`: lower-cased n-gram counts, and the total count of
    1-, 2- and 3-grams."""
    path = _langdetect_dir() / "profiles" / code
    data = json.loads(path.read_text(encoding="utf-8"))
    merged: dict[str, int] = data["freq"]
    for gram in [g for g in merged if not g.islower() and g != g.lower()]:  # about a fifth
        low = gram.lower()
        merged[low] = merged.get(low, 0) + merged.pop(gram)
    return merged, data["n_words"]


@cache
def _cyrillic_profiles() -> tuple[dict[str, complex], dict[str, complex]]:
    """Log-probabilities of each lower-cased n-gram of the uk, ru, bg and mk profiles,
    packed two languages to a complex number (uk + ru·j, bg + mk·j): `sum()` then adds
    a word's scores for two languages in one pass in C, which keeps unseen words fast
    without numpy. Every n-gram any of the four knows is in both, smoothed where absent."""
    profiles = [_read_profile(code) for code in _PROFILED]
    grams = sorted(set().union(*(counts for counts, _ in profiles)))
    uk, ru, bg, mk = (_log_probabilities(profile, grams) for profile in profiles)
    return dict(zip(grams, map(complex, uk, ru))), dict(zip(grams, map(complex, bg, mk)))


def _log_probabilities(profile: tuple[dict[str, int], list[int]], grams: list[str]) -> list[float]:
    """log P(n-gram | language) for each of `grams` (1 to 3 letters), smoothed as
    langdetect smooths them, so that an n-gram a language lacks is unlikely, not impossible."""
    counts, totals = profile
    return [math.log(counts.get(g, 0) / totals[len(g) - 1] + _SMOOTH) for g in grams]


def _grams(word: str) -> list[str]:
    """The 1-, 2- and 3-grams of a word padded with spaces, as langdetect cuts them (less
    the space alone, which no profile holds)."""
    padded = f" {word} "
    bigrams = list(map(add, padded, padded[1:]))
    return [*word, *bigrams, *map(add, bigrams, padded[2:])]


def _ngram_scores(word: str) -> tuple[float, float, float, float]:
    """Summed n-gram log-probabilities of one word for each of _PROFILED (uk, ru, bg, mk)."""
    grams = _grams(word)
    uk_ru_profile, bg_mk_profile = _cyrillic_profiles()
    uk_ru = sum(filter(None, map(uk_ru_profile.get, grams)), 0j)
    bg_mk = sum(filter(None, map(bg_mk_profile.get, grams)), 0j)
    return uk_ru.real, uk_ru.imag, bg_mk.real, bg_mk.imag


# --- Cyrillic: letters, words, dictionaries ------------------------------------------

#: Scored Cyrillic languages; all but uk and ru answer "other".
CYRILLIC = ("uk", "ru", "bg", "mk", "be", "sr", "kk")
_RU_ABC = "абвгдежзийклмнопрстуфхцчшщъыьэюяё"
#: The letters each language writes; a word with a letter outside its alphabet is
#: (nearly) impossible in that language. The apostrophe counts as a uk/be letter.
ALPHABETS: dict[str, frozenset[str]] = {
    "uk": frozenset("абвгґдеєжзиіїйклмнопрстуфхцчшщьюя'"),
    "ru": frozenset(_RU_ABC),
    "bg": frozenset("абвгдежзийклмнопрстуфхцчшщъьюя"),
    "mk": frozenset("абвгдѓежзѕијклљмнњопрстќуфхцчџш"),
    "be": frozenset("абвгдеёжзйклмнопрстуўфхцчшыьэюяі'"),
    "sr": frozenset("абвгдђежзијклљмнњопрстћуфхцчџш"),
    "kk": frozenset(_RU_ABC + "әғқңөұүһі"),
}
# Evidence weights, in nats (log-odds): a letter outside a language's alphabet, a
# distinctive word of a language, a word form only one of the uk/ru dictionaries
# knows, a word either dictionary knows (against the languages they do not cover),
# a lower-case word neither dictionary knows (against uk and ru), and the cap on one
# word's n-gram evidence (langdetect's Wikipedia profiles are a weak tie-breaker for
# uk/ru, so no single word may lean on them hard).
W_LETTER = 8.0
W_WORD = 3.0
W_DICT = 4.0
#: The same for a capitalised word, often a name: the uk dictionary lists far more
#: surnames and places than the ru one, so a name it alone knows is weaker evidence.
W_DICT_CAPITALISED = 3.0
W_KNOWN = 1.0
W_UNKNOWN = 2.0
NGRAM_CAP = 1.0
#: This reader's Cyrillic text is mostly Ukrainian or Russian: the prior for each
#: against every other Cyrillic language, in nats.
UK_RU_PRIOR = 1.0
#: Languages without a langdetect profile start each word this far behind.
UNPROFILED = -1.0


@cache
def _words(code: str) -> frozenset[str]:
    """The distinctive word list for `code` from reader/data/lang/."""
    text = resources.files("reader").joinpath("data", "lang", f"{code}.txt").read_text("utf-8")
    return frozenset(w for line in text.splitlines() if not line.startswith("#") for w in line.split())


def _known(word: str, ask_uk: bool, ask_ru: bool) -> tuple[bool, bool]:
    """Whether the uk and the ru dictionaries know this lower-case word form (a
    dictionary not asked answers False: the word's letters already rule it out).
    The word forms are pymorphy3's (`reader.words.word_forms`: read alone, without the
    analyser, until the analyser is loaded, then its own)."""
    in_uk = ask_uk and (word in (uk := word_forms("uk")) or ("'" in word and word.replace("'", "ʼ") in uk))
    in_ru = ask_ru and (word in (ru := word_forms("ru")) or ("е" in word and word.replace("е", "ё") in ru))
    return in_uk, in_ru


@cache
def _distinctive() -> dict[str, tuple[int, ...]]:
    """Each distinctive Cyrillic word → the positions in CYRILLIC of the languages it marks."""
    marks: dict[str, tuple[int, ...]] = {}
    for i, lang in enumerate(CYRILLIC):
        for word in _words(lang):
            marks[word] = (*marks.get(word, ()), i)
    return marks


#: ъ where Russian never writes it: at a word's end or before anything but е ё ю я.
_HARD_SIGN_BEFORE_CONSONANT = re.compile("ъ(?![еёюя])")
_UNPROFILED_SCORES = (UNPROFILED,) * (len(CYRILLIC) - len(_PROFILED))
# Scores are lists in CYRILLIC's order, the profiled languages first.
assert CYRILLIC[: len(_PROFILED)] == _PROFILED
_UK, _RU = CYRILLIC.index("uk"), CYRILLIC.index("ru")


@lru_cache(maxsize=1 << 16)
def _cyrillic_word(word: str, lower_case: bool) -> tuple[float, ...]:
    """One lower-cased Cyrillic word's evidence for each of CYRILLIC (cached: words repeat).

    The dictionaries are asked only when the letters leave uk or ru possible, and only
    for words of two letters or more (they list single letters as abbreviations). A
    word written in lower case (so not a name) that neither dictionary knows counts
    against uk and ru: Bulgarian `правителството` is a regular word of neither.
    """
    grams = _ngram_scores(word)
    top = max(grams)
    score = [max(g - top, -NGRAM_CAP) for g in grams]
    score.extend(_UNPROFILED_SCORES)
    letters = set(word)
    possible = [letters <= ALPHABETS[lang] for lang in CYRILLIC]
    for i in range(len(CYRILLIC)):
        if not possible[i]:
            score[i] -= W_LETTER
    for i in _distinctive().get(word, ()):
        score[i] += W_WORD
    if _HARD_SIGN_BEFORE_CONSONANT.search(word):
        score[_RU] -= W_LETTER  # Russian writes ъ only before е ё ю я; Bulgarian `министър`, `-ът`
    uk_possible, ru_possible = possible[_UK], possible[_RU]
    if len(word) > 1 and (uk_possible or ru_possible):
        in_uk, in_ru = _known(word, uk_possible, ru_possible)
        if in_uk or in_ru:
            weight = W_DICT if lower_case else W_DICT_CAPITALISED
            score[_UK] += weight * (in_uk and not in_ru)
            score[_RU] += weight * (in_ru and not in_uk)
            for i in range(len(CYRILLIC)):
                if i not in (_UK, _RU):
                    score[i] -= W_KNOWN
        elif lower_case and len(word) >= 4:
            score[_UK] -= W_UNKNOWN
            score[_RU] -= W_UNKNOWN
    return tuple(score)


def _cyrillic(words: list[str]) -> dict[str, float]:
    """Summed word evidence per Cyrillic language (words as written, case kept)."""
    vectors = [_cyrillic_word(w.lower(), w.islower()) for w in words]
    scores = dict(zip(CYRILLIC, map(sum, zip(*vectors))))
    scores["uk"] += UK_RU_PRIOR
    scores["ru"] += UK_RU_PRIOR
    return scores


# --- Latin: English or not -------------------------------------------------------------

#: Prior for English, in nats: this reader's Latin-script text is English unless it
#: clearly is not.
EN_PRIOR = 2.0
#: A Latin word with a letter English does not write (é ß ñ ł ğ…).
W_ACCENT = 2.0
#: Inside this lead either way, the n-gram arbiter decides.
EN_MARGIN = 3.0
#: Texts this long with no evidence either way also go to the arbiter.
EN_SILENT_WORDS = 8
_ENGLISH_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyz")


def _split_contraction(word: str) -> tuple[str, ...]:
    """`didn't` → (`did`, `n't`); `tom's` → (`tom`, `'s`); other words stay whole."""
    if "'" not in word:
        return (word,)
    if word.endswith("n't"):
        return word[:-3], "n't"
    head, _, tail = word.partition("'")
    return head, "'" + tail


#: `i` written in lower case on its own: English writes its pronoun `I`, while `i` is "and"
#: or "in" in Norwegian, Swedish, Danish, Italian, Polish, Czech, Croatian…
_LOWER_I = re.compile(r"(?<![\w'.-])i(?![\w'.-])")


def _english_lead(words: list[str], lower_i: int = 0) -> tuple[float, bool]:
    """English's lead in nats over "another Latin-script language", and whether any
    evidence against English was seen (`lower_i`: times `i` stands alone in lower case)."""
    english, foreign = _words("en"), _words("latin")
    words = [p for w in words for p in _split_contraction(w)]
    against = W_WORD * (lower_i + sum(w in foreign for w in words))
    against += sum(W_ACCENT for w in words if not _ENGLISH_LETTERS.issuperset(w))
    lead = EN_PRIOR + W_WORD * (sum(w in english for w in words) - lower_i) - against
    return lead, against > 0


@cache
def _latin_profiles() -> list[tuple[dict[str, int], list[int]]]:
    """langdetect's Latin-script profiles, read on the first text that needs them."""
    return [_read_profile(code) for code in LATIN_PROFILES]


@lru_cache(maxsize=1 << 14)
def _latin_gram(gram: str) -> tuple[float, ...]:
    """One n-gram's log-probability in each of LATIN_PROFILES (cached: n-grams repeat)."""
    return tuple(_log_probabilities(profile, [gram])[0] for profile in _latin_profiles())


def _latin_says_english(words: list[str]) -> bool:
    """The arbiter of English against the other Latin-script languages: a naive-Bayes
    score over langdetect's profiles, every n-gram counted in a fixed order. That is the
    score langdetect estimates by sampling n-grams at random; reading them all makes it
    deterministic and, on short text, over ten times faster than langdetect's trials.
    (An n-gram no profile knows adds the same smoothing to every language: no effect.)"""
    vectors = [_latin_gram(g) for w in words for g in _grams(w)]
    if not vectors:
        return False
    scores = [sum(column) for column in zip(*vectors)]
    return scores.index(max(scores)) == LATIN_PROFILES.index("en")


# --- the decision ----------------------------------------------------------------------

_HOMOGLYPHS = str.maketrans("aceiopxyk", "асеіорхук")
_MIXED_WORD = re.compile(r"[\u0400-\u052f'a-z]*[\u0400-\u052f][\u0400-\u052f'a-z]*")
_MIXED_JOIN = re.compile(r"[a-z][\u0400-\u052f]|[\u0400-\u052f][a-z]")


def _fix_homoglyphs(text: str) -> str:
    """Latin look-alikes inside Cyrillic words (`сашiмi`) read as the Cyrillic letters."""
    if not _MIXED_JOIN.search(text):
        return text
    return _MIXED_WORD.sub(lambda m: m.group().translate(_HOMOGLYPHS), text)


def _best(scores: dict[str, float], temperature: float, share: float) -> tuple[str, float]:
    """The best-scoring language as a label, with its label's softmax probability
    (all "other" languages pooled) scaled by the share of letters in that script."""
    lang = max(scores, key=lambda k: scores[k])
    label = lang if lang in LABELS else "other"
    top = scores[lang]
    exp = {k: math.exp(max((v - top) / temperature, -50.0)) for k, v in scores.items()}
    mine = sum(v for k, v in exp.items() if (k if k in LABELS else "other") == label)
    return label, round(min(1.0, max(0.0, share * mine / sum(exp.values()))), 3)


def _count_letters(words: list[str]) -> int:
    joined = "".join(words)
    return len(joined) - joined.count("'")


def detect(text: str) -> tuple[str, float]:
    """The language of `text` (en, uk, ru or other) and a confidence in [0, 1].

    Empty or letterless text is ("other", 0.0). Deterministic: no sampling anywhere.
    """
    if not isinstance(text, str):
        raise TypeError(f"detect() needs a str, not {type(text).__name__}")
    cased = _fix_homoglyphs(_APOSTROPHES.sub("'", text[:MAX_CHARS]))
    low = cased.lower()
    cyr = _CYR_WORD.findall(cased)  # case kept: a word in lower case is not a name
    lat = _LAT_WORD.findall(low)
    n_cyr, n_lat = _count_letters(cyr), _count_letters(lat)
    letters = n_cyr + n_lat + len(_OTHER_LETTER.findall(low))
    if not letters:
        return "other", 0.0
    if n_cyr + n_lat < letters / 2:  # mostly another script: Greek, Arabic, CJK…
        return "other", round(1 - (n_cyr + n_lat) / letters, 3)
    share = max(n_cyr, n_lat) / letters
    # Cyrillic text, perhaps with Latin names in it
    if n_cyr and (n_cyr * 2 >= n_lat or any(w[0].islower() for w in cyr)):
        return _best(_cyrillic(cyr), 2.0, share)
    lead, contested = _english_lead(lat, len(_LOWER_I.findall(cased)))
    if abs(lead) < EN_MARGIN and (contested or len(lat) >= EN_SILENT_WORDS):
        english = _latin_says_english(lat)
        return ("en" if english else "other"), round(0.6 * share, 3)
    confidence = 1 / (1 + math.exp(-abs(lead) / 2))
    return ("en" if lead > 0 else "other"), round(min(1.0, confidence * share), 3)


def detect_many(texts: Iterable[str]) -> list[tuple[str, float]]:
    """`detect` over many texts; word evidence is cached, so repeated words cost nothing."""
    return [detect(t) for t in texts]
