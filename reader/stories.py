"""Stories: articles about one event, across sources and across English, Ukrainian and Russian.

An article is a sparse vector of features the reader already knows, each weighted by its
saturated count `tf · (k1 + 1) / (tf + k1)` (BM25's), its idf and the strength of its kind,
cut to its TOP strongest features and scaled to length 1:

- `e:KEY`: the entities it names, by their cross-script key (Blinken, Блінкен and Блинкен
  are one feature; places are their English name): the strongest signal across languages;
- `n:123`: numbers (counts, sums, dates of the month), the same in every language
  (`5,000` and `5 000` are one number, 5000);
- `w:en:LEMMA` and `w:cy:LEMMA`: dictionary forms of the words of Latin and Cyrillic
  script (Ukrainian and Russian lemmas folded to one spelling, so the cognates
  `саміт`/`саммит`, `альянс`, `вашингтон` meet), function words left out. Cached
  translations add their own words, so a translated article is compared word for word;
- the title's features count TITLE times, and the title has a vector of its own beside
  the article's (`t:` features): two reports of one event are headlined alike, two reports
  of one subject (one theme park, one TV series) on other days are not, however many names
  their bodies share. Words of names count NAME_WORD as words (the entity carries them).

Two vectors are compared by cosine over the kinds of feature both can have: entities and
numbers always, words only in a script both texts are written in (a large share of each
vector). Two texts in one language meet on everything as written. Texts in two languages (a
vector knows its languages: `l:uk`) meet as people read across them: names by their
consonant skeletons (`trump` and `tramp` are one), as transliterations spell a name's vowels
apart; words the glossaries know by their English sense (`g:summit` is summit, саміт,
саммит; `glossary`); Ukrainian and Russian words they do not know by their consonants
(обмін, обмен). An English and a Ukrainian text share no other word. Two titles in one
script are compared the same way, and their cosine counts TITLE_SHARE of the score. A story
keeps the sum of its members' vectors (its centroid, TOP_STORY features). A new article is compared with the stories that share one of its strongest features among
articles dated within WINDOW days of it (an inverted index in the store; an undated article
with the latest of any date, as its date is unknown), scored against each story's centroid
and its closest members, joins the best one if the score reaches THRESHOLD (merging the other
stories that reach it too: it bridges them), else begins a story of its own: the work per
article is bounded by the postings near its date, not by the size of the store.

This module is the pure core (`features`, `weigh`, `similarity`, `decide`, `explain`) plus
`assign`/`update`/`rebuild`, which read and write through the Store's stories methods.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from reader.words import WORD, fold, lemmas

#: How many times a title's feature counts against the body's.
TITLE = 5.0
#: A title's own vector (its features, prefixed `t:`) counts this share of the score: two
#: reports of one event are headlined alike, two reports of one subject on other days are not.
TITLE_SHARE = 0.5
#: Term counts saturate (BM25's k1): a word said ten times is not ten times the evidence.
SATURATION = 1.2
#: A word that is part of a name (capitalised within sentences and never written in lower
#: case in the article) counts this much as a word: the name's entity feature already carries
#: it, and counted twice names (the subject) would outweigh what happened (the event).
NAME_WORD = 0.25
#: Weight of each kind of feature before idf.
KIND_WEIGHT = {"e": 1.0, "n": 0.8, "w": 1.0}
#: Across scripts names are compared by their skeletons (see `skeleton`) of at least this many letters.
SKELETON_MIN = 3
#: Features an article keeps (strongest first), and a story's centroid.
TOP = 60
TOP_STORY = 120
#: Only the start of a long body: the event is in the lede; the rest is context.
BODY_WORDS = 400
#: A word script counts for comparison when it holds this share of a vector's weight.
SPACE_SHARE = 0.15
#: Articles a store is taken to hold beside its own when counting how common a feature is.
PRIOR_ARTICLES = 500
#: Join the best story at or above this similarity (tuned on the tuning half of the pairs).
THRESHOLD = 0.30
#: Candidate stories: articles within this many days, found by this many of the article's
#: strongest features; at most this many stories compared.
WINDOW = 3
POSTINGS = 12
CANDIDATES = 8
#: Features of a story's centroid kept for its title part.
TOP_STORY_TITLE = 40
#: Document counts lag by at most this share of the articles counted, and at most FOLD_MAX
#: articles: they are folded in batches (Store.story_fold_df), which a store of 100,000
#: articles writes in a sorted sweep instead of a page per feature per article.
FOLD_SHARE = 0.01
FOLD_MAX = 500

Vector = dict[str, float]


# --- features ---------------------------------------------------------------------------

_STOP_EN = frozenset("""
a about above after again against all also am an and any are as at be because been before being below
between both but by can could did do does doing down during each few for from further had has have having
he her here hers herself him himself his how i if in into is it its itself just me more most my myself no
nor not now of off on once only or other our ours out over own same she should so some such than that the
their theirs them themselves then there these they this those through to too under until up very was we
were what when where which while who whom why will with would you your yours yourself say said says tell
told new year also get got one two would could may might must shall us mr mrs ms
""".split())

_STOP_CY = frozenset("""
і й та але або що щоб як де коли хто який яка яке які цей ця це ці той та те ті він вона воно вони ми
ви я ти його її їх їм нам вам мене тебе себе свій своя своє свої бути є був була було були буде будуть
не ні так також ще вже лише тільки навіть у в на з із зі до від для по про при за під над між через без
після перед біля до щодо після а й чи ж же би б вже усе все всі весь вся мати може можуть саме також
и или но что чтобы как где когда кто который которая которое которые этот эта это эти тот та то те он
она оно они мы вы я ты его ее их им нам вам меня тебя себя свой своя свое свои быть есть был была было
были будет будут не ни так также еще уже лишь только даже у в во на с со к ко от для по о об при за под
над между через без после перед около а ли же бы все весь вся всё мочь может могут сам самый такой
заявить сказать сообщить стать год рік заявити сказати повідомити стати
""".split())

_CY = re.compile(r"[а-яёіїєґ]", re.IGNORECASE)
_CY_FOLD = str.maketrans({"і": "и", "ї": "и", "ы": "и", "є": "е", "э": "е", "ё": "е", "ґ": "г", "й": "и",
                          "ь": None, "ъ": None, "'": None})


_DOUBLED = re.compile(r"(.)\1+")


@lru_cache(maxsize=200_000)
def cyrillic_key(lemma: str) -> str:
    """A Ukrainian or Russian dictionary form folded to a spelling both share: letters the two
    alphabets write differently merged, soft and hard signs dropped, doubled letters single."""
    s = lemma.translate(_CY_FOLD)
    return _DOUBLED.sub(r"\1", s) if _DOUBLED.search(s) else s  # (a template's substitution costs more than the search)


def _quick_fold(word: str) -> str:
    """`fold` of a word: for ASCII, which it leaves as it is but for case, `lower` alone."""
    return word.lower() if word.isascii() else fold(word)


@lru_cache(maxsize=200_000)
def word_features(word: str, lang: str | None) -> tuple[str, ...]:
    """The features a word stands for: `n:` a number, else its dictionary forms in its script.
    `lemmas` is asked with the word as written (it folds it itself): the search index asked
    the same when the article was stored, so its cached answer serves here too."""
    w = _fold(word)
    if w.isdigit():
        return (f"n:{w.lstrip('0') or '0'}",) if len(w) <= 8 else ()
    if len(w) < 3 or any(map(str.isdigit, w)):
        return ()
    if _CY.search(w):
        return () if w in _STOP_CY else _cyrillic_features(lemmas(word, lang))
    if w.isascii():
        return () if w in _STOP_EN else _latin_features(lemmas(word, "en"))
    return ()


@lru_cache(maxsize=100_000)
def _cyrillic_features(forms: frozenset[str]) -> tuple[str, ...]:
    """`w:cy:` features of a word's dictionary forms: the many forms of a word share them."""
    out = {cyrillic_key(lem) for lem in forms if lem not in _STOP_CY}
    return tuple(sorted(f"w:cy:{k}" for k in out if len(k) >= 3))


@lru_cache(maxsize=100_000)
def _latin_features(forms: frozenset[str]) -> tuple[str, ...]:
    out = {lem for lem in forms if lem not in _STOP_EN and len(lem) >= 3}
    return tuple(sorted(f"w:en:{k}" for k in out))


#: `fold` remembered: an article's words are folded several times over, and mostly seen before.
_fold = lru_cache(maxsize=200_000)(_quick_fold)

_SENTENCE_END = frozenset('.!?:;"«»“”„—–-(')


def name_words(title: str, blocks: Iterable[str], limit: int = BODY_WORDS) -> set[str]:
    """Folded words an article writes only capitalised, at least once within a sentence:
    parts of names (a title in Title Case alone marks nothing). The title and the first
    `limit` words of the body are read, as for the features."""
    lower: set[str] = set()  # as written: folded once each at the end
    capital: set[str] = set()
    lower.update(w for w in WORD.findall(title) if w[:1].islower())
    left = limit
    for text in blocks:
        if left <= 0:
            break
        for m in WORD.finditer(text):
            left -= 1
            if left < 0:
                break
            w = m.group()
            if w[:1].islower():
                lower.add(w)
            elif w[:1].isupper() and w not in capital:
                i = m.start() - 1
                while i >= 0 and text[i].isspace():
                    i -= 1
                if i >= 0 and text[i] not in _SENTENCE_END:
                    capital.add(w)
    return {_fold(w) for w in capital} - {_fold(w) for w in lower}


#: Digits in groups of three ("5,000", "25 000", "15\u00a0100"): one number, as the other
#: language may write it without the separator or with another.
_GROUPED = re.compile(r"(?<![\d.,])\d{1,3}(?:[,\u00a0\u202f\u2009 ]\d{3})+(?![\d]|[.,]\d)")


def join_digit_groups(text: str) -> str:
    """A number written in groups of three digits as one token: "5,000" and "5 000" are 5000."""
    return _GROUPED.sub(lambda m: re.sub(r"\D", "", m.group()), text)


def _text_counts(text: str, lang: str | None, limit: int | None, into: dict[str, float], weight: float,
                 names: set[str] = frozenset()) -> int:
    found = WORD.findall(join_digit_groups(text))
    if limit is not None:
        found = found[:limit]
    get = into.get
    for w in found:
        feats = word_features(w, lang)
        if not feats:
            continue
        share = weight / len(feats)
        if names and w[:1].isupper() and _fold(w) in names:
            share *= NAME_WORD
        for f in feats:
            into[f] = get(f, 0) + share
    return len(found)


#: A label over a list of other articles written inside a paragraph ("ALSO READ:", "Читайте
#: также:"), as a text flattened from its page keeps it (the cleaner drops such a list where
#: the label stands on a line of its own, `furniture.is_list_label`): other stories' headlines follow.
_RELATED = re.compile(r"\b(?:(?:also|further)\s+read|read\s+(?:also|more)|related\s+(?:articles?|stories|news)"
                      r"|читайте\s+(?:також|также|тоже)|дивіться\s+також|смотрите\s+также)\s*:", re.IGNORECASE)


def own_words(blocks: Iterable[str]) -> list[str]:
    """The blocks up to the first label over a list of other articles (`_RELATED`)."""
    out = []
    for block in blocks:
        m = _RELATED.search(block)
        if m:
            if block[:m.start()].strip():
                out.append(block[:m.start()])
            break
        out.append(block)
    return out


def features(title: str, blocks: Iterable[str], lang: str | None,
             entities: Iterable[tuple[int, str]] = (),
             translations: Mapping[str, tuple[str, Iterable[str]]] | None = None) -> Counter:
    """Raw counts of an article's features: its title (counted TITLE times), the first
    BODY_WORDS words of its body, its entities as (seq, key) with seq -1 the title, and
    the title and text of its cached translations ({lang: (title, blocks)}). The title's
    features are counted once more on their own, prefixed `t:` (the title's vector); its
    language is `l:LANG` (see `languages`)."""
    counts: Counter = Counter()
    texts = [(title, own_words(blocks), lang)]
    for target, (t_title, t_blocks) in (translations or {}).items():
        texts.append((t_title, own_words(t_blocks), target))
    for t_title, t_blocks, t_lang in texts:
        names = name_words(t_title, t_blocks)
        heading: Counter = Counter()
        _text_counts(t_title, t_lang, None, heading, TITLE, names)
        for f, c in heading.items():
            counts[f] += c
            counts["t:" + f] += c
        left = BODY_WORDS
        for block in t_blocks:
            if left <= 0:
                break
            left -= _text_counts(block, t_lang, left, counts, 1.0, names)
    for seq, key in entities:
        if key:
            counts[f"e:{key}"] += TITLE if seq == -1 else 1.0
            if seq == -1:
                counts[f"t:e:{key}"] += TITLE
    if lang:
        counts[f"l:{lang}"] = 1
    return counts


_SKELETON = str.maketrans({"h": None, "j": None, "c": "k", "q": "k", "z": "s", "w": "v", "x": "s",
                           "a": None, "e": None, "i": None, "o": None, "u": None, "y": None})


@lru_cache(maxsize=200_000)
def skeleton(key: str) -> str:
    """A name's key as its consonants, letters that transliterations of one name tend to
    spell differently merged or dropped (vowels, h, j; c/k, z/s, w/v), doubles single:
    `donald trump` and `donald tramp`, `kori shulman` and `kor shulman`, `trudeau` and
    `triudo` meet. '' when under SKELETON_MIN letters: too short to tell names apart."""
    words = [re.sub(r"(.)\1+", r"\1", w.translate(_SKELETON)) for w in key.split()]
    out = " ".join(w for w in words if w)
    return out if len(out.replace(" ", "")) >= SKELETON_MIN else ""


def body_part(v: Mapping[str, float]) -> dict[str, float]:
    return {f: x for f, x in v.items() if f[0] not in "tl"}


def languages(v: Mapping[str, float]) -> frozenset[str]:
    """The languages of the texts a vector was made of: an article's `l:LANG` is 1, a story's
    centroid sums its members' (how many are written in each). Texts in other languages are
    compared with the glossaries' help (`_project`)."""
    return frozenset(f[2:] for f, x in v.items() if f[0] == "l" and x >= 0.5)


def in_other_languages(a: frozenset[str], b: frozenset[str]) -> bool:
    """Whether texts of languages `a` and `b` are read across languages (a story in several
    languages is, against any article); vectors without their languages are not."""
    return bool(a and b) and (a != b or len(a) > 1)


def title_part(v: Mapping[str, float]) -> dict[str, float]:
    """The title's vector within an article's (or a story's) vector, without its prefix."""
    return {f[2:]: x for f, x in v.items() if f.startswith("t:")}


def counted(counts: Mapping[str, float]) -> list[str]:
    """The features whose document counts an article adds to (its `t:` copies and its
    language are not features of their own)."""
    return [f for f in counts if f[0] not in "tl"]


def kind(feature: str) -> str:
    return feature[0]


def space(feature: str) -> str:
    """Which texts a feature can be shared by: 'e' and 'n' any, 'w:en'/'w:cy' one script."""
    return feature[:4] if feature[0] == "w" else feature[0]


def idf(df: int, n: int) -> float:
    """Smoothed inverse document frequency; a feature never seen counts as seen once. The
    store counts as holding PRIOR_ARTICLES more articles than it does, none with the
    feature: in a small store, where a few articles are all about one event, its names are
    not yet "common"; in a large one the prior is lost in the counts."""
    return math.log((n + PRIOR_ARTICLES + 1) / (df + 1)) + 0.5


def weigh(counts: Mapping[str, float], df: Mapping[str, int], n: int, top: int | None = None) -> Vector:
    """Counts → the article's vector: saturated tf (BM25's tf·(k1+1)/(tf+k1)) · idf · kind
    weight, TOP strongest, length 1; its title's vector (`t:`, its own length 1) and its
    language (`l:`) beside it."""
    top = top or TOP
    body: dict[str, float] = {}
    title: dict[str, float] = {}
    for f, c in counts.items():  # both parts in one pass
        if c >= 0.5 and f[0] != "l":
            part = body
            if f.startswith("t:"):
                f, part = f[2:], title
            part[f] = c * (SATURATION + 1) / (c + SATURATION) * idf(df.get(f, 0), n) * KIND_WEIGHT[kind(f)]
    order = lambda kv: (-kv[1], kv[0])  # noqa: E731
    v = normalise(dict(sorted(body.items(), key=order)[:top]))
    v.update({"t:" + f: x for f, x in normalise(dict(sorted(title.items(), key=order)[:top])).items()})
    v.update((f, 1.0) for f in counts if f[0] == "l")
    return v


def needed(counts: Mapping[str, float]) -> list[str]:
    """The features whose document counts `weigh` reads: those counted at least half an
    occurrence (a title's count is part of its feature's, so its feature is among them)."""
    return [f for f in counted(counts) if counts[f] >= 0.5]


def normalise(v: Mapping[str, float]) -> Vector:
    norm = math.sqrt(sum(x * x for x in v.values()))
    return {f: x / norm for f, x in v.items()} if norm else {}


def spaces(v: Mapping[str, float]) -> set[str]:
    """The kinds of feature a vector has enough of to be compared on."""
    total = 0.0
    mass: dict[str, float] = {}  # of each word script
    for f, x in v.items():
        total += x * x
        if f[0] == "w":
            mass[f[:4]] = mass.get(f[:4], 0.0) + x * x
    total = total or 1.0
    return {"e", "n"} | {s for s, m in mass.items() if m / total >= SPACE_SHARE}


def comparable(a: Mapping[str, float], b: Mapping[str, float]) -> set[str]:
    return spaces(a) & spaces(b)


@lru_cache(maxsize=1)
def glossary() -> dict[str, str]:
    """{word feature: `g:` its English sense} for the words of the glossaries (the common
    words of news reports and of names, `aliases.news_words` and `name_words`): a Latin and
    a Cyrillic text, or a Ukrainian and a Russian one, meet on them. Where the two give one
    word two senses, the news report's wins."""
    from reader.entities.aliases import name_words, news_words

    out: dict[str, str] = {}
    for words in (news_words(), name_words()):
        for w, sense in words["latin"].items():
            out.setdefault(f"w:en:{w}", f"g:{sense}")
        for w, sense in words["cyrillic"].items():
            out.setdefault(f"w:cy:{cyrillic_key(fold(w))}", f"g:{sense}")
    return out


#: Cyrillic vowels and й: a word's consonants are what Ukrainian and Russian spellings of
#: one word share most (обмін, обмен; читання, чтение).
_CY_VOWELS = str.maketrans({c: None for c in "аеиоуяюэыёіїєй"})
#: A word's consonants are compared when there are at least this many: fewer tell too little.
CONSONANTS_MIN = 3
#: A word met across scripts through its glossary sense counts this much: the glossaries'
#: words are the common ones (price, growth, user), which an English and a Russian report
#: of one subject share as readily as two of one event, where names and numbers are most of
#: what else they can share. Between Ukrainian and Russian, which share most other words
#: too, it counts fully.
GLOSSARY_WEIGHT = 0.5


@lru_cache(maxsize=200_000)
def cyrillic_consonants(key: str) -> str:
    """A Cyrillic word's key (`cyrillic_key`) as its consonants, doubles single ('' under
    CONSONANTS_MIN): the Ukrainian and Russian forms of one word meet where their vowels
    differ (обмін, обмен: бмн)."""
    out = _DOUBLED.sub(r"\1", key.translate(_CY_VOWELS))
    return out if len(out) >= CONSONANTS_MIN else ""


@lru_cache(maxsize=200_000)
def _apart(f: str) -> str:
    """A feature as it is compared with a text in another language, where spellings of one
    name or word differ: a name by its skeleton (`skeleton`; as written when too short to tell
    names apart), a Cyrillic word by its consonants (`cyrillic_consonants`)."""
    if f[0] == "e":
        return "e:" + (skeleton(f[2:]) or f[2:])
    if f.startswith("w:cy:"):
        return "w:cy:~" + (cyrillic_consonants(f[5:]) or f[5:])
    return f


def _project(v: Mapping[str, float], keep: set[str], apart: bool = False) -> dict[str, float]:
    """The part of a vector in the spaces `keep`, as it is compared with a text in another
    language (`apart`; always where no word script is shared): a word the glossaries know by
    its English sense (`glossary`: summit, саміт, саммит; місто, город), at GLOSSARY_WEIGHT
    across scripts and fully between Ukrainian and Russian (as their words met by consonants
    count), the rest as `_apart` gives them. Within one language words and names are
    compared as they are."""
    across = not any(k.startswith("w") for k in keep)
    apart = apart or across
    senses = glossary() if apart else {}
    weight = GLOSSARY_WEIGHT if across else 1.0
    out: dict[str, float] = {}
    for f, x in v.items():
        if f in senses:
            f, x = senses[f], x * weight
        elif space(f) not in keep:
            continue
        elif apart:
            f = _apart(f)
        out[f] = out.get(f, 0.0) + x
    return out


class _Parts:
    """A vector as `similarity` reads it, each part worked out once: a new article is
    compared with every candidate story's centroid and closest members."""

    __slots__ = ("parts", "spaces", "languages", "_projected")

    def __init__(self, v: Mapping[str, float]) -> None:
        body, title = body_part(v), title_part(v)
        self.parts = (body, title)
        self.spaces = (spaces(body), spaces(title))
        self.languages = languages(v)
        self._projected: dict[tuple[int, frozenset[str], bool], tuple[dict[str, float], float]] = {}

    def projected(self, part: int, keep: set[str], apart: bool = False) -> tuple[dict[str, float], float]:
        """The body's (0) or title's (1) projection on `keep` (`apart`: for a text in another
        language) and its length."""
        key = (part, frozenset(keep), apart)
        got = self._projected.get(key)
        if got is None:
            p = _project(self.parts[part], keep, apart)
            got = self._projected[key] = (p, math.sqrt(sum(x * x for x in p.values())))
        return got


def _cosine(a: tuple[dict[str, float], float], b: tuple[dict[str, float], float]) -> float:
    (a2, na), (b2, nb) = a, b
    if not na or not nb:
        return 0.0
    if len(a2) > len(b2):
        a2, b2 = b2, a2
    return sum(x * b2[f] for f, x in a2.items() if f in b2) / (na * nb)


def _similarity(a: _Parts, b: _Parts) -> float:
    apart = in_other_languages(a.languages, b.languages)
    keep = a.spaces[0] & b.spaces[0]
    body = _cosine(a.projected(0, keep, apart), b.projected(0, keep, apart))
    keep = a.spaces[1] & b.spaces[1]
    if not any(k.startswith("w") for k in keep):
        return body
    return (1 - TITLE_SHARE) * body + TITLE_SHARE * _cosine(a.projected(1, keep, apart), b.projected(1, keep, apart))


def similarity(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    """Cosine over the features both vectors can share (see the module's doc), the two
    titles' cosine counting TITLE_SHARE of it when the titles are written in one script
    (or a cached translation puts them in one): a headline in another script has only its
    few names and numbers to be compared on, too little to judge by, so the bodies decide."""
    return _similarity(_Parts(a), _Parts(b))


def add_to_centroid(centroid: Mapping[str, float], v: Mapping[str, float], top: int = TOP_STORY) -> Vector:
    """The story's summed vector with a new member, cut to its `top` features."""
    out = dict(centroid)
    for f, x in v.items():
        out[f] = out.get(f, 0.0) + x
    best = lambda part, k: sorted(part.items(), key=lambda kv: (-kv[1], kv[0]))[:k]  # noqa: E731
    return dict(best(body_part(out), top) + best({f: x for f, x in out.items() if f.startswith("t:")}, TOP_STORY_TITLE)
                + [(f, x) for f, x in out.items() if f[0] == "l"])


def _story_score(v: _Parts, centroid: Mapping[str, float], members: Iterable[Mapping[str, float]]) -> float:
    return max([_similarity(v, _Parts(centroid)), *(_similarity(v, _Parts(m)) for m in members)])


def story_score(v: Mapping[str, float], centroid: Mapping[str, float], members: Iterable[Mapping[str, float]] = ()) -> float:
    """How well an article fits a story: its similarity to the story as a whole (the
    centroid) or to the member closest to it, whichever is higher. A story told in several
    languages has a centroid that is part English, part Ukrainian…: a new English article
    may match its English member better than the mixture."""
    return _story_score(_Parts(v), centroid, members)


def decide(v: Mapping[str, float], candidates: Iterable[tuple[int, Mapping[str, float], list]],
           threshold: float = THRESHOLD) -> tuple[int | None, float, list[int]]:
    """(story id, score, others) for a new article: the candidate story (id, centroid, member
    vectors) that fits best at or above the threshold, and the other stories that reach it
    too (the article bridges them: they are one story). (None, best score seen, []) when none
    does: it begins a story."""
    pv = _Parts(v)
    scored = sorted(((_story_score(pv, centroid, members), story_id) for story_id, centroid, members in candidates),
                    key=lambda x: (-x[0], x[1]))
    if not scored or scored[0][0] < threshold:
        return None, (scored[0][0] if scored else 0.0), []
    return scored[0][1], scored[0][0], [sid for s, sid in scored[1:] if s >= threshold]


def strongest(v: Mapping[str, float], k: int = POSTINGS) -> list[str]:
    """An article's `k` strongest features (of its body's vector)."""
    return [f for f, _ in sorted(body_part(v).items(), key=lambda kv: (-kv[1], kv[0]))[:k]]


def postings(v: Mapping[str, float]) -> list[str]:
    """The keys an article is filed and looked up under in the inverted index: its strongest
    features, names by skeleton and the words the glossaries know by their English sense
    (summit, саміт and саммит are all `g:summit`), so that an article finds a story told in
    another language whose names are transliterated apart or which has no name in common
    with it (the score then compares them as `similarity` does)."""
    senses = glossary()
    keys = []
    for f in strongest(v):
        keys.append(senses.get(f) or (_apart(f) if f[0] == "e" else f))
    return list(dict.fromkeys(keys))


@dataclass
class Why:
    """Why two articles are, or are not, in one story."""

    score: float
    threshold: float
    compared_on: list[str]
    shared: list[tuple[str, float]]  # (feature, its share of the score), largest first
    days_apart: int | None
    window: int
    same_story: bool = False
    stories: tuple[int | None, int | None] = (None, None)
    verdict: str = ""
    only_a: list[str] = field(default_factory=list)
    only_b: list[str] = field(default_factory=list)


def _as_written(v: Mapping[str, float]) -> dict[str, str]:
    """{feature as compared across languages: the vector's own, strongest first}: `e:dnld trmp`
    -> `e:donald trump`, `g:summit` -> `w:cy:самит`."""
    senses = glossary()
    out: dict[str, str] = {}
    for f in sorted(v, key=lambda f: -v[f]):
        out.setdefault(senses.get(f) or _apart(f), f)
    return out


def explain(a: Mapping[str, float], b: Mapping[str, float], days_apart: int | None = None,
            threshold: float = THRESHOLD, window: int = WINDOW) -> Why:
    """The score of two vectors and what makes it: each shared feature's part of the cosine
    of the bodies (the titles' cosine is in the score, not in the parts)."""
    score = similarity(a, b)
    apart = in_other_languages(languages(a), languages(b))
    a, b = body_part(a), body_part(b)
    keep = comparable(a, b)
    a2, b2 = _project(a, keep, apart), _project(b, keep, apart)
    na = math.sqrt(sum(x * x for x in a2.values())) or 1.0
    nb = math.sqrt(sum(x * x for x in b2.values())) or 1.0
    parts = sorted(((f, a2[f] * b2[f] / (na * nb)) for f in a2 if f in b2), key=lambda kv: -kv[1])
    if apart or not any(k.startswith("w") for k in keep):
        # names and words met across languages shown as written (the first article's spelling when both have it)
        as_a, as_b = _as_written(a), _as_written(b)
        parts = [(as_a.get(f, f), x) for f, x in parts]
        b2 = {(as_a if f in a2 else as_b).get(f, f): x for f, x in b2.items()}
        a2 = {as_a.get(f, f): x for f, x in a2.items()}
    close = days_apart is None or abs(days_apart) <= window
    if score >= threshold and close:
        verdict = f"similar enough: {score:.3f} ≥ {threshold:.2f}"
    elif not close:
        verdict = f"{abs(days_apart)} days apart: more than the {window}-day window"
    else:
        verdict = f"not similar enough: {score:.3f} < {threshold:.2f}"
    strong = lambda v, other: [f for f in strongest(v, 8) if f not in other]  # noqa: E731
    compared = keep | ({"g"} if apart or not any(k.startswith("w") for k in keep) else set())
    return Why(round(score, 4), threshold, sorted(compared), [(f, round(p, 4)) for f, p in parts],
               days_apart, window, verdict=verdict, only_a=strong(a2, b2), only_b=strong(b2, a2))


def describe(feature: str) -> str:
    """A feature as people read it: `Blinken (name)`, `саміт (word)`, `150 (number)`."""
    k, _, rest = feature.partition(":")
    if k == "e":
        return f"{rest} (name)"
    if k == "n":
        return f"{rest} (number)"
    return f"{rest.partition(':')[2]} (word)"


def day_of(stamp: str | None) -> int | None:
    """Days since 1970-01-01 of an ISO date or time stamp (None when there is none)."""
    if not stamp:
        return None
    try:
        return date.fromisoformat(stamp[:10]).toordinal() - date(1970, 1, 1).toordinal()
    except ValueError:
        return None


# --- the store's side -------------------------------------------------------------------

Progress = Callable[[int, int], None]


def article_features(store, article_id: int) -> tuple[Counter, str | None, str, str] | None:
    """Raw feature counts of a stored article, its date (None: undated), list date and
    content hash; None for an unknown article."""
    row = store.story_source(article_id)
    if row is None:
        return None
    title, lang, published, sort_key, digest, blocks, ents, translations = row
    return features(title, blocks, lang, ents, translations), published, sort_key, digest


def assign(store, article_id: int) -> tuple[int, float | None] | None:
    """Put one stored article in a story (again, if its text changed), in its own
    transaction: (story id, score), score None when it began the story; None for an unknown article."""
    with store.transaction():
        return _assign_in(store, article_id)


def update(store, ids: Iterable[int] | None = None, progress: Progress | None = None) -> int:
    """Group the articles not yet in a story, or whose text changed since (or `ids`), oldest first."""
    todo = store.story_todo(None if ids is None else list(ids))
    for n, article_id in enumerate(todo, 1):
        assign(store, article_id)
        if progress and (n % 500 == 0 or n == len(todo)):
            progress(n, len(todo))
    return len(todo)


def rebuild(store, progress: Progress | None = None) -> None:
    """Group every stored article afresh (the 'stories' task), inside the caller's transaction."""
    store.story_clear()
    todo = store.story_todo()
    for n, article_id in enumerate(todo, 1):
        _assign_in(store, article_id)
        if progress and (n % 500 == 0 or n == len(todo)):
            progress(n, len(todo))


def fold_every(n: int) -> int:
    """How many grouped articles wait before their features are counted into the document
    counts of a store that counts `n`: an idf a hundredth of the store behind is the same idf."""
    return max(1, min(FOLD_MAX, int(n * FOLD_SHARE)))


def _assign_in(store, article_id: int) -> tuple[int, float | None] | None:
    """`assign` within a transaction already open."""
    got = article_features(store, article_id)
    if got is None:
        return None
    counts, dated, sort_key, digest = got
    store.story_forget(article_id)
    df, n = store.story_df(needed(counts))
    v = weigh(counts, df, n)
    day = day_of(dated) if dated else None
    keys = postings(v)
    story_id, score, bridged = decide(v, store.story_candidates(keys, day, WINDOW, CANDIDATES))
    for other in bridged:
        story_id = store.story_merge(story_id, other)
    filed = store.story_put(article_id, story_id, score if story_id is not None else None, v, day, sort_key, digest,
                            counted(counts), keys)
    store.story_fold_df(fold_every(n))
    return filed
