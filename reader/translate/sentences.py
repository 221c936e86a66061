"""Split a block of news text into sentences, offline and instantly.

argostranslate splits with Stanza or MiniSBD, which download models at run time; news
prose in English, Ukrainian and Russian splits well enough on end punctuation followed by
a capital, once abbreviations and initials are kept whole. (pysbd knows no Ukrainian, and
spaCy costs a second to import.)
"""

from __future__ import annotations

import re

# Words that end in a full stop without ending the sentence (lower-cased, without the stop).
ABBREVIATIONS = frozenset(
    """
    mr mrs ms dr prof st jr sr gen col lt sgt capt rev gov sen rep pres no vs etc approx dept
    est inc ltd co corp jan feb mar apr jun jul aug sep sept oct nov dec fig al e.g i.e u.s
    u.k u.n a.m p.m
    вул просп пл м с смт обл р рр ст див т.д т.п і.т.д напр ім акад проф доц тис млн млрд
    грн коп ін пп п ген полк ред упоряд
    ул пр г гг т.е т.к др руб тыс им акад чел см стр
    """.split()
)

_END = re.compile(r"""([.!?…]+["»”’)\]]*)(\s+)(?=["«“„'(\[]?[A-ZА-ЯЁІЇЄҐ0-9])""")


def _abbreviation_before(text: str, dot: int) -> bool:
    """Is the word ending at `dot` (the index of a full stop) an abbreviation or an initial?"""
    start = dot
    while start > 0 and not text[start - 1].isspace() and text[start - 1] not in "(«\"“":
        start -= 1
    word = text[start:dot].lower()
    if not word:
        return False
    if len(word) == 1 and word.isalpha():  # an initial: J. Smith, В. Зеленський
        return True
    return word in ABBREVIATIONS


def split_sentences(text: str) -> list[str]:
    """The sentences of one line of text, whitespace between them dropped; "" gives []."""
    text = text.strip()
    if not text:
        return []
    sentences, start = [], 0
    for match in _END.finditer(text):
        punct = match.group(1)
        if punct == "." and _abbreviation_before(text, match.start(1)):
            continue
        sentences.append(text[start : match.end(1)])
        start = match.end()
    sentences.append(text[start:])
    return [s for s in sentences if s]


def split_block(text: str) -> list[list[str]]:
    """A block's lines, each as its sentences: line breaks inside a block are kept."""
    return [split_sentences(line) for line in text.split("\n")]
