"""Full-text search: what goes into the FTS5 index and how a user's query is read.

Each indexed text is one FTS5 row with five columns:
- `title`, `body`: the words as written, folded (case, `ё`), in order: exact matches and
  `"quoted phrases"`;
- `title_terms`, `body_terms`: every dictionary form of every word (reader.words), so
  `Москва`, `Москве` and `москвою` meet, and `washington` does not meet `washing`;
- `names`: the cross-script keys of the entities the text mentions (reader.store.names),
  so `Blinken`, `Блінкен` and `Блинкен` find the same articles.

A query word matches a text when its folded form, one of its dictionary forms or its
name key is there; every word (and quoted phrase) of the query must match. An exact form
weighs more than a dictionary form in the ranking, so an exact match ranks first. A user's
query is never FTS5 syntax: its words become quoted terms, so `"`, `-` or `NEAR` are text.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from reader import words as W

#: bm25 weights of title, body, title_terms, body_terms, names.
WEIGHTS = (10.0, 2.0, 5.0, 1.0, 1.0)
#: At most this many words of a query are used: a pasted paragraph is not a search.
MAX_WORDS = 32
_PHRASE = re.compile(r'"([^"]*)"')
_KEY_WORD = re.compile(r"[^a-z0-9]")


# --- what the index holds --------------------------------------------------------------


def _key_token(key: str) -> str:
    """One index token for a whole key: the key itself when it is one word, else a hash."""
    parts = [p for p in (_KEY_WORD.sub("", w) for w in key.lower().split()) if p]
    if len(parts) == 1:
        return parts[0]
    return _whole(" ".join(parts)) if parts else ""


def name_tokens(keys: Iterable[tuple[str, str]]) -> str:
    """The `names` column, from the (key, label) of each entity the text mentions: a token
    for each whole key, and for a person also each word of it, so that a lone surname finds
    the full name. A place or body is found by its whole name only: `union` alone must not
    find every article naming the European Union in some language."""
    out: list[str] = []
    for key, label in keys:
        token = _key_token(key)
        if not token:
            continue
        out.append(token)
        if label == "PER" and " " in key.strip():
            out.extend(p for p in (_KEY_WORD.sub("", w) for w in key.lower().split()) if p)
    return " ".join(out)


def _whole(key: str) -> str:
    return "k" + hashlib.blake2b(" ".join(key.lower().split()).encode(), digest_size=6).hexdigest()


def row(title: str, title_lang: str | None, blocks: Iterable[tuple[str, str | None]],
        names: Iterable[tuple[str, str]]) -> tuple[str, ...]:
    """The five column values for a text: its title, (text, language) blocks and the
    (key, label) of the entities it mentions."""
    blocks = list(blocks)
    return (
        W.exact_terms(title),
        "\n".join(W.exact_terms(t) for t, _ in blocks),
        W.lemma_terms(title, title_lang),
        "\n".join(W.lemma_terms(t, lang) for t, lang in blocks),
        name_tokens(names),
    )


# --- how a query is read ---------------------------------------------------------------


@dataclass(frozen=True)
class Query:
    """A user's query, analysed: bare words and quoted phrases, each a list of folded words."""

    words: tuple[str, ...]
    phrases: tuple[tuple[str, ...], ...]

    @property
    def empty(self) -> bool:
        return not self.words and not self.phrases


def parse(query: str) -> Query:
    """Split a query into quoted phrases and bare words (an unclosed quote is just a character)."""
    phrases = []
    for m in _PHRASE.finditer(query):
        ws = tuple(W.fold(w.group()).replace("'", "") for w in W.words(m.group(1)))
        if len(ws) == 1:
            continue  # a quoted single word is an exact word: kept below
        if ws:
            phrases.append(ws)
    rest = _PHRASE.sub(lambda m: " " if len(list(W.words(m.group(1)))) > 1 else m.group(1), query)
    bare = tuple(dict.fromkeys(W.fold(m.group()).replace("'", "") for m in W.words(rest)))
    return Query(bare[:MAX_WORDS], tuple(phrases[:MAX_WORDS]))


@lru_cache(maxsize=50_000)
def name_keys(name: str) -> frozenset[str]:
    """The index tokens a query word (or a whole query) has as a name of a person,
    organisation or place; none for a single word the dictionary knows only as a common word."""
    from reader.store.names import entity_key

    if " " not in name.strip() and not W.namelike(name):
        return frozenset()
    tokens = {_key_token(entity_key(name, label)) for label in ("PER", "ORG", "LOC")}
    return frozenset(t for t in tokens if len(t) >= 3)


def _quote(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def clauses(query: str | Query) -> tuple[list[list[tuple[str, list[str]]]], list[str]]:
    """A query as the index reads it, for either engine to write in its own syntax: one
    clause per word and phrase, all of which must match, each a list of alternatives
    (columns, terms), any of which matches: 'exact' (a folded word or phrase, in title or
    body), 'forms' (dictionary forms, in title_terms or body_terms), 'names' (name keys).
    Then the keys of the whole query read as one name: a text that has one matches too."""
    q = parse(query) if isinstance(query, str) else query
    out: list[list[tuple[str, list[str]]]] = []
    for word in q.words:
        alts = [("exact", [word])]
        forms = sorted(W.lemmas(word, None, query=True) - {""})
        if forms:
            alts.append(("forms", forms))
        keys = sorted(name_keys(word))
        if keys:
            alts.append(("names", keys))
        out.append(alts)
    out.extend([("exact", [" ".join(phrase)])] for phrase in q.phrases)
    whole = sorted(name_keys(" ".join(q.words))) if len(q.words) > 1 and not q.phrases else []
    return out, whole


#: The FTS5 columns of each kind of alternative.
_COLUMNS = {"exact": "{title body}", "forms": "{title_terms body_terms}", "names": "{names}"}


def to_match(query: str | Query) -> str | None:
    """An FTS5 MATCH expression for a user's query: every word and phrase must occur."""
    parts, whole = clauses(query)
    if not parts:
        return None

    def alt(columns: str, terms: list[str]) -> str:
        inner = " OR ".join(_quote(t) for t in terms)
        return f"{_COLUMNS[columns]} : " + (inner if columns == "exact" else f"({inner})")

    expr = " AND ".join("(" + " OR ".join(alt(*a) for a in alts) + ")" for alts in parts)
    if whole:
        # The whole query may be one name written otherwise (`European Union` / `ЄС`).
        expr = f"({expr}) OR {{names}} : (" + " OR ".join(_quote(k) for k in whole) + ")"
    return expr


# --- where a query matched -------------------------------------------------------------


class Matcher:
    """Finds the words of a text that a query matches, as the index matches them."""

    def __init__(self, query: str | Query):
        q = parse(query) if isinstance(query, str) else query
        self.exact = set(q.words)
        self.forms: set[str] = set()
        self.keys: set[str] = set()
        for w in q.words:
            self.forms |= W.lemmas(w, None, query=True)
            self.keys |= name_keys(w)
        self.phrases = q.phrases
        self.empty = q.empty
        # Words that match almost always begin as the query's word or one of its forms do:
        # a regex finds those candidates in C before any word is analysed.
        starts = {f[:3] for f in self.exact | self.forms if f}
        alts = "|".join(sorted(re.escape(p).replace("е", "[её]") for p in starts))
        self._hint = re.compile(rf"(?<![^\W_])(?:{alts})", re.IGNORECASE) if alts else None

    def word_matches(self, word: str, lang: str | None = None) -> bool:
        f = W.fold(word).replace("'", "")
        if f in self.exact:
            return True
        if self.forms and not self.forms.isdisjoint(W.lemmas(word, lang)):
            return True
        return bool(self.keys) and word[:1].isupper() and not self.keys.isdisjoint(name_keys(word))

    def spans(self, text: str, lang: str | None = None) -> list[tuple[int, int]]:
        """(start, end) of every matched word, and of every word of a matched phrase."""
        found = [m.span() for m in W.words(text) if self.word_matches(m.group(), lang)]
        if self.phrases:
            ws = list(W.words(text))
            folded = [W.fold(m.group()).replace("'", "") for m in ws]
            for phrase in self.phrases:
                n = len(phrase)
                for i in range(len(ws) - n + 1):
                    if tuple(folded[i : i + n]) == phrase:
                        found.extend(m.span() for m in ws[i : i + n])
        return sorted(set(found))

    def first(self, text: str, lang: str | None = None, quick: bool = False) -> tuple[int, int] | None:
        """The first matched word's span, without reading the rest of the text.

        `quick`: look only at the words the hint finds (those starting as a form does).
        """
        if self._hint is not None:
            for h in self._hint.finditer(text):
                m = W.WORD.match(text, h.start())
                if m and self.word_matches(m.group(), lang):
                    return m.span()
        if quick:
            return None
        for m in W.words(text):
            if self.word_matches(m.group(), lang):
                return m.span()
        if self.phrases:
            spans = self.spans(text, lang)
            return spans[0] if spans else None
        return None


def match_spans(text: str, query: str, lang: str | None = None) -> list[tuple[int, int]]:
    """(start, end) of every word of `text` the query matches."""
    return Matcher(query).spans(text, lang)


def make_snippet(texts: list[str], query: str | Matcher, width: int = 160, lang: str | None = None) -> tuple[str, list[tuple[int, int]]]:
    """A one-line excerpt around the first match in `texts`, and the spans of matches in it.

    Built in Python from the stored text for the page of results only, rather than with
    FTS5's snippet(), which is computed for every matching row before ranking cuts them.
    """
    matcher = query if isinstance(query, Matcher) else Matcher(query)
    # First the words the hint finds in every text, then (a name in another script, a form
    # that starts otherwise) every word.
    for text, quick in [(t, True) for t in texts] + [(t, False) for t in texts]:
        if matcher.empty:
            break
        flat = " ".join(text.split())
        m = matcher.first(flat, lang, quick)
        if m is None:
            continue
        start = max(0, m[0] - width // 3)
        if start:
            space = flat.find(" ", start)
            start = space + 1 if 0 <= space < m[0] else start
        end = min(len(flat), start + width)
        if end < len(flat):
            space = flat.rfind(" ", m[1], end)
            end = space if space > 0 else end
        excerpt = ("…" if start else "") + flat[start:end] + ("…" if end < len(flat) else "")
        return excerpt, matcher.spans(excerpt, lang)
    first = " ".join(texts[0].split()) if texts else ""
    return (first[:width] + ("…" if len(first) > width else "")), []
