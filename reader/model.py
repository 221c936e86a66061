"""Plain data passed between the stages: no I/O and no behaviour beyond small helpers.

The cleaner makes an `Article`; language detection fills `lang`; the recognisers make
`Entity` spans over block text; the store keeps all of it and hands back `StoredArticle`.
"""

from __future__ import annotations

from dataclasses import dataclass, field, asdict
from typing import Literal

# LANGUAGES (en / uk / ru), LANGUAGE_ALIASES and normalise_lang live in reader.languages.
from reader.languages import LANGUAGE_ALIASES, LANGUAGES, normalise_lang  # noqa: F401

BlockKind = Literal["p", "h", "quote", "li"]
BLOCK_KINDS: tuple[str, ...] = ("p", "h", "quote", "li")
EntityLabel = Literal["PER", "ORG", "LOC", "DATE", "MISC"]
ENTITY_LABELS: tuple[str, ...] = ("PER", "ORG", "LOC", "DATE", "MISC")


@dataclass(frozen=True)
class Block:
    """One unit of body text, in reading order: a paragraph, heading, quote or list item."""

    kind: str
    text: str
    lang: str | None = None


@dataclass(frozen=True)
class Caption:
    """A photo caption and its credit, kept apart from the body."""

    text: str
    credit: str | None = None


@dataclass
class Article:
    """What the cleaner makes of one page, file or record."""

    title: str
    body: list[Block]
    author: str | None = None
    published: str | None = None  # ISO 8601, never invented
    lang: str | None = None  # en / uk / ru / other
    lang_confidence: float | None = None
    site_languages: list[str] | None = None  # the site's own language toggle, ISO codes
    captions: list[Caption] = field(default_factory=list)
    url: str | None = None
    source: str | None = None
    path: str | None = None  # the file it came from, when it came from one
    guid: str | None = None  # a feed item's id

    @property
    def text(self) -> str:
        """The body as plain text, blocks separated by blank lines."""
        return "\n\n".join(b.text for b in self.body)

    def to_json(self) -> dict:
        """The shape `reader clean --json` prints."""
        return {
            "path": self.path,
            "title": self.title,
            "author": self.author,
            "published": self.published,
            "lang": self.lang,
            "site_languages": self.site_languages,
            "captions": [asdict(c) for c in self.captions],
            "body": [{"kind": b.kind, "text": b.text} for b in self.body],
        }


@dataclass(frozen=True)
class Entity:
    """A named-entity span: offsets are Python string indices into one block's text, end exclusive."""

    start: int
    end: int
    label: str
    text: str
    norm: str  # normalised form for the index: nominative, as the name is usually written


@dataclass
class StoredArticle(Article):
    """An article as the store holds it, with its id and reading state."""

    id: int = 0
    added: str = ""
    is_read: bool = False
    starred: bool = False


class NoArticle(ValueError):
    """The input holds no article (empty, all furniture, unreadable); the message says why."""
