"""A key under which the same name in Latin, Ukrainian or Russian spelling meets.

Blinken / Блінкен / Блинкен all become `blnkn`: the name is transliterated to Latin,
diacritics dropped, and only its consonant skeleton kept, because vowels are where the
three spellings disagree (и/і/y, е/є/e, й/y/i) while consonants mostly agree.
"""

from __future__ import annotations

import re
import unicodedata

# One Latin spelling per Cyrillic letter; soft/hard signs and apostrophes vanish.
_CYR = {
    "а": "a", "б": "b", "в": "v", "г": "g", "ґ": "g", "д": "d", "е": "e", "ё": "e", "є": "e",
    "ж": "zh", "з": "z", "и": "i", "і": "i", "ї": "i", "й": "i", "к": "k", "л": "l", "м": "m",
    "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh",
    "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e",
    "ю": "iu", "я": "ia",
}
# Latin spellings that sound alike, folded before vowels go.
_FOLDS = (("ph", "f"), ("ck", "k"), ("q", "k"), ("c", "k"), ("x", "ks"), ("w", "v"), ("h", ""))
_VOWELS = re.compile(r"[aeiouy]")
_DOUBLES = re.compile(r"(.)\1+")


def _latin(word: str) -> str:
    word = "".join(_CYR.get(ch, ch) for ch in word.lower())
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(ch for ch in decomposed if ch.isascii() and ch.isalnum())


def _skeleton(word: str) -> str:
    w = _latin(word)
    for a, b in _FOLDS:
        w = w.replace(a, b)
    w = _VOWELS.sub("", w)
    return _DOUBLES.sub(r"\1", w) or w


def merge_key(norm: str, label: str) -> str:
    """A script-independent key for a normalised name; the store pairs it with `label`.

    Words keep their order; each is reduced to its consonant skeleton. Acronyms (NATO,
    НАТО) are only transliterated, since two or three consonants would collide too often;
    so is a word with no consonants. Dates are not names: their key is the lower-cased text.
    """
    if label == "DATE":
        return " ".join(norm.lower().split())
    parts = []
    for w in re.split(r"[\s\-‐–—.'’ʼ]+", norm):
        if not w:
            continue
        if w.isupper() and len(w) > 1:
            parts.append(_latin(w).replace("w", "v"))
        else:
            parts.append(_skeleton(w) or _latin(w))
    return " ".join(p for p in parts if p)
