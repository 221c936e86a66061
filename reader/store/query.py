"""Saved searches' query syntax (newsboat's query feeds): filters and words in one line.

    lang:uk entity:"Антоні Блінкен" unread tag:war since:2024-03-01 Київ "the summit"

- `lang:L` (en, uk or ua, ru, other), `source:S` (any part of a source's name, any case),
  `folder:F` (the feeds filed under that folder), `entity:E` (any language, any form), `tag:T` (repeatable: every one must be on the
  article), `since:YYYY-MM-DD` (dated on or after);
- `unread`, `starred` alone are flags;
- anything else is words to search (as `reader search` reads them: "quoted words" match
  exactly and in order); a flag word meant as a word to search is quoted: `"unread"`.

A value with spaces is quoted: `source:"Kyiv Independent"`. An unknown key (`foo:bar`) or a
bad value is a QueryError naming it. `parse_query` is pure: no store, no I/O.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

KEYS = ("lang", "source", "folder", "entity", "tag", "since")
FLAGS = ("unread", "starred")
LANGS = ("en", "uk", "ru", "other")

# key:"value" | key:value | "quoted words" | word
_TOKEN = re.compile(r'(?P<key>[A-Za-z_]+):(?!//)(?:"(?P<qval>[^"]*)"?|(?P<val>\S*))|(?P<quoted>"[^"]*"?)|(?P<word>\S+)')


class QueryError(ValueError):
    """A query that cannot be read: one line saying what and where."""


@dataclass(frozen=True)
class Query:
    """A parsed query: `filters` as Store.list / Store.search take them, and `words` to search
    ('' when none: the query is a filter only)."""

    filters: dict = field(default_factory=dict)
    words: str = ""


def parse_query(text: str) -> Query:
    """Read a query (the syntax above) into filters and words; raises QueryError."""
    from reader.ingest.dates import parse_date
    from reader.model import normalise_lang

    filters: dict = {}
    words: list[str] = []
    for m in _TOKEN.finditer(text or ""):
        if m["key"] is not None:
            key = m["key"].lower()
            value = (m["qval"] if m["qval"] is not None else m["val"]).strip()
            if key not in KEYS:
                raise QueryError(f"unknown key {m['key']!r} in {m[0]!r}: use " + ", ".join(k + ":" for k in KEYS)
                                 + ", " + ", ".join(FLAGS) + " or words")
            if not value:
                raise QueryError(f"{key}: needs a value ({m[0]!r})")
            if key == "lang":
                lang = normalise_lang(value)
                if lang not in LANGS:
                    raise QueryError(f"lang:{value}: not a language here; use one of {', '.join(LANGS)}")
                value = lang
            elif key == "since":
                date = parse_date(value) if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value) else None
                if not date:
                    raise QueryError(f"since:{value}: not a date (YYYY-MM-DD)")
                value = date
            if key == "tag":
                filters.setdefault("tag", [])
                if value not in filters["tag"]:
                    filters["tag"].append(value)
            elif key in filters and filters[key] != value:
                raise QueryError(f"{key}: given twice ({filters[key]!r} and {value!r})")
            else:
                filters[key] = value
        elif m["word"] is not None and m["word"].lower() in FLAGS:
            filters[m["word"].lower()] = True
        else:
            words.append(m[0])
    return Query(filters, " ".join(words))


def format_query(query: Query) -> str:
    """A query written back in the syntax (values quoted where they need it)."""

    def value(v: str) -> str:
        return f'"{v}"' if re.search(r'[\s"]', v) or not v else v

    parts = []
    for key in KEYS:
        v = query.filters.get(key)
        for one in ([] if v is None else v if isinstance(v, list) else [v]):
            parts.append(f"{key}:{value(one)}")
    parts += [f for f in FLAGS if query.filters.get(f)]
    if query.words:
        parts.append(query.words)
    return " ".join(parts)
