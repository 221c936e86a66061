"""Local files → Articles: read and decode bytes, tell text from HTML, read JSON records.

Every failure is a `SourceError` whose message is the reason, to be printed after the
file's name; one bad file or record never stops the others.
"""

from __future__ import annotations

import codecs
import json
import os
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from charset_normalizer import from_bytes

from reader.ingest.html import clean_html, looks_like_html
from reader.ingest.text import clean_text
from reader.model import Article, Block, NoArticle, normalise_lang, LANGUAGES
from reader.sanitize import escape_controls, strip_controls

#: Larger files are refused: no news article is this long, and it keeps memory bounded.
MAX_BYTES = 20 * 1024 * 1024
SUFFIXES = {".txt": "text", ".text": "text", ".html": "html", ".htm": "html", ".xhtml": "html", ".json": "json", ".jsonl": "jsonl"}


class SourceError(ValueError):
    """This input cannot become an article; the message says why."""


@dataclass
class Item:
    """One article-to-be from a source: where it came from, and the article or the error."""

    label: str  # the file, file:line, or URL, as a user would name it
    article: Article | None = None
    error: str | None = None


def expand(paths: list[str]) -> Iterator[str]:
    """Files named, and the readable files under directories named (recursively, sorted)."""
    for p in paths:
        if os.path.isdir(p):
            found = False
            for root, dirs, files in os.walk(p):
                dirs.sort()
                for f in sorted(files):
                    if Path(f).suffix.lower() in SUFFIXES:
                        found = True
                        yield os.path.join(root, f)
            if not found:
                yield p  # reported as an error: nothing readable here
        else:
            yield p


def decode(data: bytes, label: str) -> str:
    """Text from bytes: UTF-8 (with or without BOM), else the detected encoding; binaries refused."""
    if not data.strip():
        raise SourceError("empty file")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        # a lone surrogate (half of a pair, a truncated file) is one unreadable character, not a lost file
        return data.decode("utf-16", errors="replace")
    if b"\x00" in data[:8192]:
        raise SourceError("binary file, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    encoding = guess_encoding(data)
    if encoding is None:
        raise SourceError("binary file or unknown text encoding")
    text = data.decode(encoding, errors="replace")
    controls = sum(1 for ch in text[:8192] if ord(ch) < 32 and ch not in "\n\r\t\f")
    if controls > len(text[:8192]) * 0.05:
        raise SourceError("binary file, not text")
    return text


#: Where the detector finds several equally clean readings, the usual legacy encodings of
#: English, Ukrainian and Russian pages win (short texts are often ambiguous).
PREFERRED_ENCODINGS = ("cp1251", "cp1252", "koi8_u", "koi8_r", "latin_1", "iso8859_5", "mac_cyrillic")


def guess_encoding(data: bytes) -> str | None:
    """The most likely legacy encoding of non-UTF-8 bytes (charset-normalizer), or None.

    A short text gives the detector little to go on, and it may pick an encoding of another
    script (KOI8-R `Привет, мир!` reads as Shift-JIS `崹ﾉﾗﾅﾔ, ﾍﾉﾒ!`). For our readers a
    Cyrillic reading that makes words beats an exotic one that makes none: when the detector
    names neither a Cyrillic nor a Latin encoding, the usual Cyrillic ones are tried too, and
    one whose reading is mostly plausible words (`plausibility`) wins over a reading that
    makes fewer."""
    matches = list(from_bytes(data[:1_000_000]))
    detected = None
    if matches:
        least = min(m.chaos for m in matches)
        clean = [m.encoding for m in matches if m.chaos == least]
        detected = next((enc for enc in PREFERRED_ENCODINGS if enc in clean), clean[0])
    if detected is not None and _family(detected) != "other":
        return detected
    sample = data[:_SAMPLE_BYTES]
    best, best_score = detected, _PLAUSIBLE
    if detected is not None:
        try:
            best_score = max(best_score, plausibility(sample.decode(detected, errors="replace"), _ANY_ALPHABET))
        except LookupError:
            pass
    for enc in CYRILLIC_CANDIDATES:
        try:
            score = plausibility(sample.decode(enc))
        except UnicodeDecodeError:
            continue
        if score > best_score:
            best, best_score = enc, score
    return best


#: Tried when the detector names an encoding of another script: the Cyrillic legacy encodings.
CYRILLIC_CANDIDATES = ("utf_8", "cp1251", "koi8_u", "koi8_r")
_PLAUSIBLE = 0.8  # of the non-ASCII text: at least this share in plausible words makes a reading the text
_SAMPLE_BYTES = 65536
_CYRILLIC_CODECS = frozenset(("cp1251", "koi8-r", "koi8-u", "koi8-t", "iso8859-5", "mac-cyrillic", "cp866", "cp855",
                              "kz1048", "ptcp154"))
_LATIN_CODECS = frozenset(("ascii", "utf-8", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-32-be",
                           "iso8859-1", "cp1250", "cp1252", "cp1254", "cp1257", "cp1258", "mac-roman", "mac-latin2",
                           "mac-iceland", "mac-turkish", "cp437", "cp850", "cp852", "cp858", "cp863", "cp865",
                           *(f"iso8859-{n}" for n in (2, 3, 4, 9, 10, 13, 14, 15, 16))))


def _family(encoding: str) -> str:
    """"cyrillic", "latin" or "other": the script an encoding is made for."""
    try:
        name = codecs.lookup(encoding).name
    except LookupError:
        return "other"
    return "cyrillic" if name in _CYRILLIC_CODECS else "latin" if name in _LATIN_CODECS else "other"


_WORD = re.compile(r"[^\W\d_]+")
_RU_UK = frozenset("абвгдеёжзийклмнопрстуфхцчшщъыьэюяієїґ")
_VOWELS = frozenset("аеёиоуыэюяіїєaeiouyáéíóúýàèìòùâêîôûäëïöüåæøœ")
_ONE_LETTER_WORDS = frozenset("авиксуяоізйaioyeàéá")  # a letter alone is a word in few cases
_CONSONANT_RUN = 5  # letters: more consonants in a row than this is no word of these languages
_OUR_SCRIPTS = frozenset(("cyrillic", "latin"))
# scripts of letters that make words (not syllables or ideographs), for judging a detector's reading
_ANY_ALPHABET = _OUR_SCRIPTS | {"GREEK", "HEBREW", "ARABIC", "ARMENIAN", "GEORGIAN", "THAI"}


def plausibility(text: str, scripts: frozenset[str] = _OUR_SCRIPTS) -> float:
    """How much of a reading's non-ASCII text is plausible words, 0 to 1: by default Cyrillic
    (Ukrainian and Russian letters) or Latin ones.

    ASCII reads the same in every candidate encoding, so only words with other letters count.
    A word is plausible when its letters are of one of the scripts, it is in lower case, upper
    case or starts with a capital and, in Cyrillic or Latin, it has a vowel and no long run of
    consonants (a letter alone only when it is a word of its own, as `в` or `a`). Symbols
    that are neither letters nor punctuation (the box drawing a wrong 8-bit reading turns
    letters into) count against it."""
    good = total = 0
    for m in _WORD.finditer(text):
        w = m.group()
        if w.isascii():
            continue
        total += len(w)
        if _plausible_word(w, scripts):
            good += len(w)
    total += sum(1 for ch in text if not ch.isascii() and not ch.isalpha() and not ch.isspace()
                 and not unicodedata.category(ch).startswith("P"))
    return good / total if total else 0.0


def _plausible_word(w: str, scripts: frozenset[str]) -> bool:
    kinds = {_script(ch) for ch in w}
    if len(kinds) != 1 or not kinds <= scripts:
        return False
    if not (w == w.lower() or w == w.upper() or w[0].isupper() and w[1:] == w[1:].lower()):
        return False
    if not kinds <= _OUR_SCRIPTS:
        return True
    if len(w) == 1:
        return w.lower() in _ONE_LETTER_WORDS
    run = longest = 0
    vowel = False
    for ch in w.lower():
        if ch in _VOWELS:
            vowel, run = True, 0
        else:
            run += 1
            longest = max(longest, run)
    return vowel and longest <= _CONSONANT_RUN


def _script(ch: str) -> str:
    """"cyrillic" (Ukrainian and Russian letters only), "latin", or the script Unicode names."""
    if ch.lower() in _RU_UK:
        return "cyrillic"
    if ch.isascii() or "\u00c0" <= ch <= "\u024f":
        return "latin"
    return unicodedata.name(ch, "?").split(" ")[0]


def read_bytes(path: str) -> bytes:
    p = Path(path)
    if p.is_dir():
        raise SourceError("directory holds no .txt, .html, .json or .jsonl files")
    try:
        size = p.stat().st_size
    except OSError as exc:
        raise SourceError(exc.strerror or str(exc)) from None
    if size > MAX_BYTES:
        raise SourceError(f"file too large ({size / 1e6:.0f} MB; at most {MAX_BYTES // 2**20} MB)")
    try:
        return p.read_bytes()
    except OSError as exc:
        raise SourceError(exc.strerror or str(exc)) from None


def clean_document(text: str, *, html: bool | None = None, url: str | None = None, memory=None,
                   path: str | None = None) -> Article:
    """Run the right cleaner on a document's text; `html=None` decides by content. With a site
    `memory` (reader.ingest.sitememory), the lines the page's site (its URL's host, a file's
    folder) repeats are furniture, and the page's lines are counted for its site."""
    from reader.ingest.sitememory import clean_with_memory

    text = strip_controls(text)
    if html is None:
        html = looks_like_html(text)
    article = clean_with_memory(
        lambda known, lines: clean_html(text, url=url, known_furniture=known, lines_out=lines) if html
        else clean_text(text, known, lines), memory, url, path)
    article.url = article.url or url
    if not article.title.strip() and article.body:
        # The cleaner found no headline; a list and a reader pane still need a name.
        article.title = title_from(article.body[0].text)
    return article


def read_file(path: str, memory=None) -> Iterator[Item]:
    """The articles in one file (one for a page, one per record for JSON/JSONL). Whatever
    goes wrong with one file (a cleaner's bug included) is that file's error, never the batch's."""
    label = path_text(path)
    try:
        data = read_bytes(path)
        kind = SUFFIXES.get(Path(path).suffix.lower())
        if kind in ("json", "jsonl"):
            yield from _records(label, decode(data, path), kind)
            return
        article = article_from_bytes(data, kind, label, memory=memory, path=path)
        article.path = path_text(os.path.abspath(path))
        # A file with no URL of its own is identified by where it lives: re-adding it updates it.
        article.url = article.url or Path(path).resolve().as_uri()
    except (SourceError, NoArticle) as exc:
        yield Item(label, error=str(exc))
        return
    except Exception as exc:  # noqa: BLE001 - a bug on one input must not stop the others
        yield Item(label, error=unexpected(exc))
        return
    yield Item(label, article)


def article_from_bytes(data: bytes, kind: str | None = None, label: str = "file", *, memory=None,
                       path: str | None = None) -> Article:
    """The article in a page's or a text file's bytes (`kind` "html", "text", or None to decide
    by content: a .txt may hold a saved page); SourceError or NoArticle with the reason.
    With a site `memory`, the file's folder is its site."""
    return clean_document(decode(data, label), html=True if kind == "html" else None, memory=memory,
                          path=os.path.abspath(path) if path else None)


def unexpected(exc: BaseException) -> str:
    """An unexpected failure as a one-line reason."""
    message = " ".join(str(exc).split())
    return f"unexpected {type(exc).__name__}" + (f": {message}" if message else "")


def path_text(path: str) -> str:
    """A file's path as text that can be stored and printed: the bytes of a name that is not
    UTF-8 (which Python holds as lone surrogates) and control characters written as `\\xNN`,
    the same every time."""
    try:
        text = path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:  # a surrogate no file name decodes to
        text = path.encode("utf-8", "backslashreplace").decode("utf-8")
    return escape_controls(text)


def _records(path: str, text: str, kind: str) -> Iterator[Item]:
    if kind == "json":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            yield Item(path, error=f"not JSON ({exc.msg} at line {exc.lineno})")
            return
        records = data if isinstance(data, list) else [data]
        for i, rec in enumerate(records):
            yield _record_item(f"{path}:{i + 1}" if isinstance(data, list) else path, rec)
        return
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Item(f"{path}:{n}", error=f"not JSON ({exc.msg})")
            continue
        yield _record_item(f"{path}:{n}", rec)


def _record_item(label: str, rec: object) -> Item:
    try:
        return Item(label, record_to_article(rec))
    except (SourceError, NoArticle) as exc:
        return Item(label, error=str(exc))
    except Exception as exc:  # noqa: BLE001 - one odd record never stops the others
        return Item(label, error=unexpected(exc))


def record_to_article(rec: object) -> Article:
    """An article from a `{"id", "lang", "title", "text", "date", "source", "url"}` record."""
    if not isinstance(rec, dict):
        raise SourceError("record is not a JSON object")
    text = rec.get("text") or rec.get("body")
    if not isinstance(text, str) or not text.strip():
        raise SourceError("record has no text")
    text = strip_controls(text)
    paras = [" ".join(p.split()) for p in text.split("\n")]
    paras = [p for p in paras if p]
    if not paras:  # only control characters
        raise SourceError("record has no text")
    title = rec.get("title")
    if not isinstance(title, str) or not title.strip():
        title = title_from(paras[0])
    from reader.ingest.dates import parse_date

    date = rec.get("date") or rec.get("published")
    lang = rec.get("lang")
    lang = normalise_lang(lang) if isinstance(lang, str) else None
    return Article(
        title=" ".join(strip_controls(title).split()),
        body=[Block("p", p) for p in paras],
        published=parse_date(str(date)) if date else None,
        lang=lang if lang in LANGUAGES else None,
        url=rec.get("url") if isinstance(rec.get("url"), str) and rec.get("url") else None,
        source=str(rec["source"]) if rec.get("source") else None,
        guid=str(rec["id"]) if rec.get("id") is not None else None,
    )


def title_from(paragraph: str, limit: int = 90) -> str:
    """A title for an article that has none: its first sentence, cut at a word."""
    first = paragraph.split(". ")[0]
    if len(first) <= limit:
        return first.rstrip(".")
    return first[:limit].rsplit(" ", 1)[0] + "…"
