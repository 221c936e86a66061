"""Words and their dictionary forms: the analysis search (and anything matching words) shares.

A Ukrainian or Russian word changes its ending with every case, so words are compared by
their dictionary forms (lemmas): pymorphy3 for Cyrillic, with every lemma of an ambiguous
word (`стали` → стати, станути) and pymorphy's own predictor for words its dictionary does not
know (names, new terms: `Блинкеном` → блинкен). English words go through simplemma's
English dictionary (`sanctions`, `sanctioned` → sanction; `went` → go): a lookup, so a word
in an index and in a query always agree with no tagger to run. A stemmer was measured and
dropped: Porter2 glues `busy` to `business` and `useful` to `use` (English precision 0.74
against 0.9+ with the dictionary, bench/search_forms.py).

The analysers load on first use: nothing here costs start-up time.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Callable, Iterator
from functools import cache, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import dawg
    import pymorphy3

#: A word: letters and digits, with inner apostrophes (Ukrainian м'ясо, English don't).
WORD = re.compile(r"[^\W_]+(?:['’ʼ][^\W_]+)*")
_APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'"})
_FOLD = str.maketrans({"ё": "е", "Ё": "Е"})
_CYRILLIC = re.compile(r"[а-яёіїєґ]", re.IGNORECASE)
_UK_ONLY = re.compile(r"[іїєґ]", re.IGNORECASE)
_RU_ONLY = re.compile(r"[ыэъё]", re.IGNORECASE)
_LATIN = re.compile(r"[a-z]", re.IGNORECASE)
#: A predicted (not dictionary) parse counts when it scores at least this share of the best one.
PREDICTED_SHARE = 0.5
#: Case endings of nouns, adjectives and surnames, longest first: a word the dictionary does
#: not know also stands under its stem (a name's forms meet even where the predictor guesses
#: two lemmas: Шольца → шолец, Шольцем → шольц).
_ENDINGS = {
    "ru": sorted("ами ями ого его ому ему ыми ими ой ей ою ею ом ем ам ям ах ях ый ий ая яя ое ее ую юю ых их ым им а я у ю е ы и о ь".split(), key=len, reverse=True),
    "uk": sorted("ами ями ого ому ими ім им ій ий ої ою ею ом ем ам ям ах ях а я у ю е і и ь ї є о".split(), key=len, reverse=True),
}
#: A stem is at least this long, and marked so it never meets a word: digits lead no word.
MIN_STEM = 3
STEM_MARK = "0"


def stem(word: str, lang: str) -> str:
    """The word without its case ending (by the longest that leaves MIN_STEM letters)."""
    for ending in _ENDINGS[lang]:
        if word.endswith(ending) and len(word) - len(ending) >= MIN_STEM:
            return word[: -len(ending)]
    return word


def fold(text: str) -> str:
    """Case folded, `ё` → `е`, one apostrophe, NFC: how words are compared exactly."""
    return unicodedata.normalize("NFC", text).translate(_FOLD).translate(_APOSTROPHES).casefold().translate(_FOLD)


def words(text: str) -> Iterator[re.Match]:
    """The words of a text, with their positions."""
    return WORD.finditer(unicodedata.normalize("NFC", text))


#: The morphological analysers loaded so far, by language ("uk", "ru"): one each per process.
_ANALYSERS: dict[str, pymorphy3.MorphAnalyzer] = {}
#: Word-form DAWGs read alone (for language identification) before their analyser loads.
_WORD_FORMS: dict[str, dawg.RecordDAWG] = {}
_LOADING = threading.Lock()


def analyser(lang: str) -> pymorphy3.MorphAnalyzer:
    """pymorphy3's analyser of `lang` ("uk" or "ru"), loaded on first use and shared by
    search, the recognisers, the name normaliser and language identification: each holds
    its whole dictionary (~20 MB), so a second instance of one only costs memory."""
    if lang not in _ANALYSERS:
        with _LOADING:
            if lang not in _ANALYSERS:
                import pymorphy3

                _ANALYSERS[lang] = pymorphy3.MorphAnalyzer(lang=lang)
                _WORD_FORMS.pop(lang, None)  # its own word forms answer from now on
    return _ANALYSERS[lang]


@cache
def parser(lang: str) -> Callable[[str], list[pymorphy3.Parse]]:
    """`analyser(lang).parse` behind one cache per language: names recur across the
    recognisers, the name normaliser and articles, and parsing is the slow part of them."""
    return lru_cache(maxsize=50_000)(analyser(lang).parse)


def word_forms(lang: str) -> dawg.RecordDAWG:
    """Every word form `lang`'s dictionary knows (form → paradigm and form index), for
    membership tests: the analyser's own DAWG once it is loaded, else the file read alone
    with the C DAWG reader (a third of the analyser's memory and time, no pymorphy3 import)."""
    if lang in _ANALYSERS:
        return _ANALYSERS[lang].dictionary.words
    if lang not in _WORD_FORMS:
        import importlib

        import dawg

        path = Path(importlib.import_module(f"pymorphy3_dicts_{lang}").get_path()) / "words.dawg"
        # The format of pymorphy3.dawg.WordsDawg: (paradigm, form index) per word form.
        _WORD_FORMS[lang] = dawg.RecordDAWG(">HH").load(str(path))
    return _WORD_FORMS[lang]


def _english(word: str) -> str:
    """An English word's dictionary form; names (capitalised in the dictionary) too."""
    import simplemma

    if word.endswith("'s"):
        word = word[:-2]
    word = word.replace("'", "")
    if not word:
        return ""  # a lone `'s` (a name's possessive written apart, `McDonald 's`)
    lemma = simplemma.lemmatize(word, lang="en")
    if lemma == word:
        lemma = simplemma.lemmatize(word.capitalize(), lang="en")
    return lemma.lower()


def cyrillic_languages(word: str, lang: str | None) -> tuple[str, ...]:
    """Which analysers read a Cyrillic word: its text's language, else what its letters allow."""
    if lang in ("uk", "ru"):
        return (lang,)
    if _UK_ONLY.search(word):
        return ("uk",)
    if _RU_ONLY.search(word):
        return ("ru",)
    return ("uk", "ru")


def dictionary_lemmas(morph, word: str) -> set[str]:
    """The normal forms of every dictionary reading of `word` (empty when it is not known).

    What `{p.normal_form for p in morph.parse(word)}` gives for a known word, read from the
    dictionary directly: five times faster, as no tags are built (tests/test_search.py holds
    the two equal). Indexing reads every word of every article, so this is ingest's cost.
    """
    d = morph.dictionary
    return {d.build_normal_form(para, idx, fixed)
            for fixed, paras in d.words.similar_items(word, morph.char_substitutes) for para, idx in paras}


def _cyrillic_lemmas(word: str, lang: str, query: bool) -> frozenset[str]:
    morph = analyser(lang)
    known = dictionary_lemmas(morph, word)
    if known:
        if query and word in known:
            # A query in its dictionary form means that word, not another it inflects into.
            return frozenset({word})
        return frozenset(known)
    parses = morph.parse(word)
    best = parses[0].score if parses else 0
    guesses = {p.normal_form for p in parses if p.score >= best * PREDICTED_SHARE} or {word}
    return frozenset(guesses | {STEM_MARK + stem(word, lang)})


@lru_cache(maxsize=300_000)
def lemmas(word: str, lang: str | None = None, query: bool = False) -> frozenset[str]:
    """The dictionary forms a (folded) word is indexed or looked up under.

    `lang` is the language of the text the word is in (None: not known, as for a query).
    Cyrillic words are read by pymorphy3 in that language, or in both when the letters
    allow both; Latin words by simplemma's English dictionary (in Ukrainian or Russian text,
    as written: names and brands); anything else is its own form.
    `query`: a word typed in its dictionary form stands for itself only.
    """
    word = fold(word)
    if _CYRILLIC.search(word):
        out: set[str] = set()
        for code in cyrillic_languages(word, lang):
            out |= _cyrillic_lemmas(word, code, query)
        return frozenset(w.replace("'", "") for w in out)
    if _LATIN.search(word):
        # The word may itself be a dictionary form of another part of speech (`meeting` the
        # noun, read as a form of `meet`): it stands under both.
        plain = word.removesuffix("'s").replace("'", "")
        if lang in ("uk", "ru"):
            return frozenset({plain})  # a Latin word in Cyrillic text is a name or a brand
        lemma = _english(word)
        if query and lemma[:2] != word[:2]:
            return frozenset({plain})  # `us` is not a form of `we`, nor `better` of `good`
        return frozenset({lemma, plain} - {""}) or frozenset({word})
    return frozenset({word})


_NAME_TAGS = {"Name", "Surn", "Patr", "Geox", "Orgn", "Abbr", "Trad"}


@lru_cache(maxsize=50_000)
def namelike(word: str) -> bool:
    """Could the word be (part of) a name? Cyrillic words the dictionary knows only as
    common words are not; Latin words have no dictionary here, so they may be."""
    word = fold(word)
    if not _CYRILLIC.search(word):
        return bool(_LATIN.search(word))
    for code in cyrillic_languages(word, None):
        morph = analyser(code)
        if not morph.word_is_known(word):
            return True
        if any(_NAME_TAGS & set(p.tag.grammemes) for p in morph.parse(word)):
            return True
    return False


def exact_terms(text: str) -> str:
    """The text as folded words in order: what exact matches and phrases are looked up in."""
    return " ".join(m.group().replace("'", "") for m in WORD.finditer(fold(text)))


@lru_cache(maxsize=300_000)
def _lemma_string(word: str, lang: str | None) -> str:
    return " ".join(sorted(lemmas(word, lang)))


def lemma_terms(text: str, lang: str | None) -> str:
    """Every dictionary form of every word of the text, in order."""
    return " ".join(_lemma_string(m.group(), lang) for m in WORD.finditer(unicodedata.normalize("NFC", text)))
