"""The stages between a cleaned article and the store: language, then entities.

The command line and the TUI both call these, so an article is understood the same way
whichever door it came in by.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import replace

from reader.lang import detect
from reader.model import Article, Block, Entity, LANGUAGES
from reader.sanitize import sanitize_article


#: A block with fewer letters than this, or detected with less confidence, is read in the
#: article's language unless its script rules that out: a short block says too little.
BLOCK_MIN_LETTERS = 20
BLOCK_MIN_CONFIDENCE = 0.5
#: Fewer letters than this say nothing, whatever their script (`gif`, `P.S.`).
BLOCK_MIN_SCRIPT_LETTERS = 8
_SCRIPT = {"en": "Latin", "uk": "Cyrillic", "ru": "Cyrillic"}


def _letters(text: str) -> int:
    return sum(ch.isalpha() for ch in text)


def detect_languages(article: Article) -> Article:
    """Fill in the article's language (unless a record stated one) and each block's.

    The article's language is the language most of its letters are written in, block by
    block (the title counts as a block): an English article quoting one Ukrainian and one
    Russian paragraph is English, though the three read as one text may tip another way.
    A block keeps its own language when it says enough to tell (`BLOCK_MIN_LETTERS`,
    `BLOCK_MIN_CONFIDENCE`) or its script is not the article's; else it is read in the
    article's language.
    """
    found = [(detect(b.text), _letters(b.text)) if b.lang is None else ((b.lang, 1.0), _letters(b.text))
             for b in article.body]
    if article.lang not in LANGUAGES:
        article.lang, article.lang_confidence = _article_language(article, found)
    elif article.lang_confidence is None:
        article.lang_confidence = 1.0
    article.body = [
        Block(b.kind, b.text, b.lang if b.lang is not None else _block_language(lang, conf, letters, article.lang))
        for b, ((lang, conf), letters) in zip(article.body, found)
    ]
    return article


def _article_language(article: Article, found: list[tuple[tuple[str, float], int]]) -> tuple[str, float]:
    """The whole text's language, unless the blocks show that most letters are in another.

    The whole text read at once is the better judge of a monolingual article (short blocks
    borrow evidence from the rest); the count of letters per block language is the judge
    of a mixed one, where the whole text's answer can flip to a minority language.
    """
    whole = detect(article.title + "\n" + article.text)
    letters: dict[str, int] = {}
    weighted: dict[str, float] = {}
    for (lang, conf), n in [(detect(article.title), _letters(article.title)), *found]:
        letters[lang] = letters.get(lang, 0) + n
        weighted[lang] = weighted.get(lang, 0.0) + n * conf
    total = sum(letters.values())
    if not total:
        return whole
    best = max(letters, key=lambda k: (letters[k], k == whole[0]))
    if letters.get(whole[0], 0) >= letters[best]:
        return whole
    return best, round(letters[best] / total * weighted[best] / letters[best], 3)


def _block_language(lang: str, confidence: float, letters: int, article_lang: str | None) -> str:
    """A block's language as detected, or the article's where the block says too little."""
    if lang == article_lang or article_lang is None:
        return lang
    if letters >= BLOCK_MIN_LETTERS and confidence >= BLOCK_MIN_CONFIDENCE:
        return lang
    if letters >= BLOCK_MIN_SCRIPT_LETTERS and lang in _SCRIPT and _SCRIPT[lang] != _SCRIPT.get(article_lang):
        return lang
    return article_lang


_SENTENCE_END = set(".!?…:;\"»”'")


def entities_of(texts: dict[int, str], lang: str | None) -> list[tuple[int, Entity]]:
    """(seq, span) pairs for texts keyed by the store's block seq; none for other languages.

    All the texts are read as `lang`; `entities_by_language` reads each in its own.
    """
    return full_names(_spans_of(texts, lang))


def entities_by_language(texts: dict[int, str], langs: dict[int, str | None]) -> list[tuple[int, Entity]]:
    """(seq, span) pairs, each text read by the recogniser of its own language (`langs`,
    by seq): an English article's Ukrainian quote gets Ukrainian names, its English
    paragraphs English ones. A surname alone then joins a full name of any of them."""
    groups: dict[str | None, dict[int, str]] = {}
    for seq, text in texts.items():
        groups.setdefault(langs.get(seq), {})[seq] = text
    out = [pair for lang, group in groups.items() for pair in _spans_of(group, lang)]
    out.sort(key=lambda pair: (pair[0], pair[1].start, pair[1].end))
    return full_names(out)


def _spans_of(texts: dict[int, str], lang: str | None) -> list[tuple[int, Entity]]:
    """`entities_of` before surnames are joined to full names.

    The blocks go to the recogniser as one document, paragraphs apart: one call per
    article is faster than one per block, and a name seen in full in one paragraph helps
    the recogniser with its surname in the next. Spans are then cut back to their blocks.
    """
    from reader.entities import SUPPORTED, find_entities

    if lang not in SUPPORTED or not texts:
        return []
    seqs = sorted(texts)
    starts, parts, doc = [], [], []
    pos = 0
    for seq in seqs:
        text = texts[seq]
        # A headline has no full stop; without one the model reads it into the next paragraph.
        sep = "\n\n" if text.rstrip()[-1:] in _SENTENCE_END else ".\n\n"
        starts.append(pos)
        parts.append(text)
        doc += [text, sep]
        pos += len(text) + len(sep)
    out = []
    for e in find_entities("".join(doc), lang):
        i = bisect_right(starts, e.start) - 1
        offset = starts[i]
        if e.end - offset <= len(parts[i]):  # a span across two blocks is no name
            out.append((seqs[i], replace(e, start=e.start - offset, end=e.end - offset)))
    return agreed_names(out, lang)


def agreed_names(spans: list[tuple[int, Entity]], lang: str) -> list[tuple[int, Entity]]:
    """A name's forms in one text vote on each one's nominative (`nominative.consensus`, as
    `reader names --jsonl` reads its lines): `Зузана Чапутова` beside `Зузаны Чапутовой` is
    a woman, not the genitive of a man's name it could be alone; `Богота` beside `Боготы` is
    no `Богот`'s genitive."""
    from reader.entities.nominative import consensus, normalise

    named = [i for i, (_, e) in enumerate(spans) if e.label != "DATE"]
    if lang not in ("uk", "ru") or len(named) < 2:
        return spans
    names = [(spans[i][1].text, lang, spans[i][1].label) for i in named]
    alone = [normalise(*name) for name in names]
    out = list(spans)
    for i, first, norm in zip(named, alone, consensus(names, alone)):
        if norm != first:  # the recogniser's own nominative stands where the votes agree with the form alone
            out[i] = (spans[i][0], replace(spans[i][1], norm=norm))
    return out


def full_names(spans: list[tuple[int, Entity]]) -> list[tuple[int, Entity]]:
    """A surname alone names the person the same text names in full: "Blinken" after
    "Antony Blinken" is indexed as Antony Blinken, so the two are one entry. A surname two
    people of the text share is left alone."""
    by_surname: dict[str, set[str]] = {}
    for _, e in spans:
        words = e.norm.split()
        if e.label == "PER" and len(words) > 1:
            by_surname.setdefault(words[-1].casefold(), set()).add(e.norm)
    out = []
    for seq, e in spans:
        full = by_surname.get(e.norm.casefold(), set()) if e.label == "PER" and " " not in e.norm else set()
        out.append((seq, replace(e, norm=next(iter(full))) if len(full) == 1 else e))
    return out


#: Store seqs of the text outside the blocks: the title and the byline's author.
TITLE, BYLINE = -1, -2


def article_entities(article: Article, lang: str | None = None) -> list[tuple[int, Entity]]:
    """Spans for the byline (seq -2), the title (-1), the body and the captions, numbered as
    the store numbers blocks. Each body block is read in its own language (`Block.lang`),
    the rest in the article's; `lang` reads everything in that one language."""
    texts = {TITLE: article.title}
    if article.author:
        texts[BYLINE] = article.author
    texts |= {i: b.text for i, b in enumerate(article.body)}
    n = len(article.body)
    texts |= {n + i: c.text for i, c in enumerate(article.captions)}
    if lang is not None:
        return entities_of(texts, lang)
    langs = {seq: article.lang for seq in texts}
    langs |= {i: b.lang or article.lang for i, b in enumerate(article.body)}
    return entities_by_language(texts, langs)


def understand(article: Article) -> tuple[list[tuple[int, Entity]] | None, str | None]:
    """Language, then entities: what the store keeps beside the cleaned text.

    Returns the spans and, when no recogniser could run, None and a one-line warning: an
    article is never lost because a model failed to load. Every text field is cleaned of
    control sequences first (`sanitize_article`): this is the one door into the store.
    """
    sanitize_article(article)
    detect_languages(article)
    try:
        return article_entities(article), None
    except Exception as exc:  # noqa: BLE001 - any recogniser failure
        return None, f"entities not found: {exc}"
