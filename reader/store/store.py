"""The local store: SQLite (WAL) holding sources, articles, blocks, entities and translations.

All writes go through transactions: an error in the middle of adding an article leaves
what was stored before untouched.
"""

from __future__ import annotations

import os
import re
import sqlite3
import time
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple
from urllib.parse import quote

from reader.store.schema import SCHEMA_VERSION, migrate, pending

if TYPE_CHECKING:
    from reader.model import Article, Entity, StoredArticle
    from reader.store import fts
    from reader.store.query import Query

# Imported where used, not here: json, hashlib, reader.model's classes, reader.store.fts (the
# index's word rules) and reader.store.query. The TUI's first paint opens the store and lists
# articles, needing none of them.

#: FTS rowid = article id * VARIANTS + variant number.
VARIANTS = 4
VARIANT_OF = {"": 0, "en": 1, "uk": 2, "ru": 3}
#: Search ranks by relevance among this many newest matching texts.
RANK_WINDOW = 500
VARIANT_NAME = {v: k for k, v in VARIANT_OF.items()}
#: Rebuilds run in this order: the names in the index come from the entity keys.
TASK_ORDER = ["rekey", "reindex", "stories", "story_vectors"]


def now() -> str:
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat()


def content_hash(title: str, texts: Iterable[str]) -> str:
    """Identity of an article's content: case and whitespace do not count."""
    norm = " ".join([title, *texts]).casefold()
    norm = re.sub(r"\s+", " ", norm).strip()
    import hashlib

    return hashlib.sha256(norm.encode("utf-8")).hexdigest()


# The other result rows are NamedTuples: a frozen dataclass costs ~0.5 ms to define, paid
# before the TUI's first paint. ArticleRow stays one (`dated`; the list's `replace`).
@dataclass(frozen=True)
class ArticleRow:
    """One line of the article list: what the list shows, without the body."""

    id: int
    date: str
    lang: str | None
    source: str | None
    title: str
    is_read: bool
    starred: bool
    url: str | None = None
    #: 'published' (`date` is the article's own) or 'added' (it has none: `date` is when it was stored)
    date_kind: str = "published"

    @property
    def dated(self) -> bool:
        return self.date_kind == "published"


#: The list order: dated articles newest first, then the undated ones, newest added first
#: (sort_key is published, else added). schema.py's articles_order index is on exactly this.
LIST_ORDER = "(a.published IS NULL), a.sort_key DESC, a.id DESC"


class Hit(NamedTuple):
    """A search result: the article, a snippet and where in it the query matched."""

    id: int
    title: str
    snippet: str
    matches: list[tuple[int, int]]
    score: float
    variant: str  # '' when the original matched, else the translation's language
    lang: str | None = None  # the article's language
    date: str | None = None  # its list date (published, else added)
    is_read: bool = False
    starred: bool = False
    date_kind: str = "published"  # or 'added': the article has no date of its own


class Count(NamedTuple):
    """Articles in one source or under one tag (`Store.unread_counts`): all, unread, starred."""

    name: str | None  # the source's name (None: articles without a source) or the tag
    all: int
    unread: int
    starred: int
    id: int | None = None  # the source's id (for list(source_id=...)); None for a tag


class Counts(NamedTuple):
    """The feeds pane's numbers: totals, then per source and per tag."""

    all: int
    unread: int
    starred: int
    sources: list[Count]
    tags: list[Count]


class SavedSearch(NamedTuple):
    """A query kept under a name (reader/store/query.py's syntax)."""

    name: str
    query: str
    created: str


class SourceRow(NamedTuple):
    id: int
    name: str
    kind: str
    url: str | None
    tag: str | None
    etag: str | None
    last_modified: str | None
    last_checked: str | None
    last_error: str | None
    articles: int


#: Progress of a long rebuild: (task, done, total).
Progress = Callable[[str, int, int], None]


class StoreError(RuntimeError):
    """The store cannot be opened or written: one line naming the database and what to do."""


def describe(exc: BaseException, path: str | os.PathLike) -> str:
    """One line for people: what went wrong with the database at `path`, and what to do."""
    if isinstance(exc, StoreError):
        return str(exc)
    text = " ".join(str(exc).split()) or type(exc).__name__
    if isinstance(exc, OSError):
        return f"{path}: cannot open the store ({exc.strerror or text}): check the folder's permissions and free space, or use --home"
    name = getattr(exc, "sqlite_errorname", "") or ""
    if name.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB")) or "malformed" in text or "not a database" in text:
        return (f"{path}: the store is damaged ({text}); nothing more is written to it: "
                "`reader doctor` checks it, `reader doctor --recover NEW.db` copies what can be read")
    if name.startswith("SQLITE_FULL") or "disk is full" in text:
        return f"{path}: the disk is full ({text}); what failed was not saved, nothing is half-written: free some space and try again"
    if name.startswith("SQLITE_READONLY") or "readonly" in text:
        return (f"{path}: the store is read-only ({text}); nothing was changed: "
                "check the permissions of the file and its folder, or use --home")
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "locked" in text:
        return f"{path}: the store is busy ({text}): another reader is writing to it; try again"
    if name.startswith("SQLITE_CANTOPEN") or "unable to open" in text:
        return f"{path}: cannot open the store ({text}): check the folder exists and its permissions, or use --home"
    if name.startswith("SQLITE_IOERR") or "disk I/O error" in text:
        return f"{path}: the disk failed while reading or writing the store ({text}): `reader doctor` checks it"
    return f"{path}: database error ({text})"


def database_errors() -> tuple[type[BaseException], ...]:
    """What the engines raise for a database error: sqlite3's, and psycopg's once loaded
    (a PostgreSQL store was opened; SQLite users never import it)."""
    import sys

    psycopg = sys.modules.get("psycopg")
    return (sqlite3.Error, psycopg.Error) if psycopg else (sqlite3.Error,)


BUSY_TIMEOUT = 30.0  # seconds a connection waits for another's write lock


def _write_ahead(conn: sqlite3.Connection, timeout: float) -> None:
    """Put the store in WAL mode, waiting for other processes meanwhile.

    Switching a new file to WAL needs the exclusive lock, and SQLite answers "database is
    locked" at once (without its busy handler: two waiters would deadlock) while another
    process opening the same new store holds a lock; so it is retried here until `timeout`.
    """
    deadline = time.monotonic() + timeout
    pause = 0.005
    while True:
        try:
            conn.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() + pause > deadline:
                raise
            time.sleep(pause)
            pause = min(pause * 2, 0.2)


class Store:
    """One open store. Use as a context manager, or call close()."""

    def __init__(self, path: str | os.PathLike, progress: Progress | None = None, *,
                 read_only: bool = False, max_pages: int | None = None):
        """Open (creating it unless `read_only`) the store at `path`; raises StoreError in one line.

        `read_only` opens it as SQLite's `mode=ro` (nothing is migrated or written: a write
        raises). `max_pages` (or the READER_MAX_PAGES variable, for tests) stops the file
        growing past that many pages, or past its size when opened: SQLite then answers
        as on a full disk.
        """
        if str(path).startswith(("postgresql:", "postgres:")):
            raise StoreError(f"{path}: a PostgreSQL URL is opened by open_store (or PostgresStore), not as an SQLite file")
        self.path = Path(path)
        self.conn = None
        try:
            if read_only:
                uri = f"file:{quote(str(self.path.resolve()))}?mode=ro"
                self.conn = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT, isolation_level=None, check_same_thread=False)
            else:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                self.conn = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT, isolation_level=None, check_same_thread=False)
            self.conn.row_factory = sqlite3.Row
            if not read_only:
                _write_ahead(self.conn, BUSY_TIMEOUT)
                self.conn.execute("PRAGMA synchronous = NORMAL")
            self.conn.execute("PRAGMA foreign_keys = ON")
            if read_only:
                if self.conn.execute("PRAGMA user_version").fetchone()[0] < SCHEMA_VERSION:
                    raise StoreError(f"{self.path}: the store needs upgrading, which a read-only store cannot be: "
                                     "open it once with write access")
            else:
                migrate(self.conn)
                self.run_pending(progress)
            if max_pages is None and os.environ.get("READER_MAX_PAGES", "").isdigit():
                max_pages = int(os.environ["READER_MAX_PAGES"])
            if max_pages is not None:
                self.conn.execute(f"PRAGMA max_page_count = {int(max_pages)}")
        except (sqlite3.Error, OSError) as exc:
            if self.conn is not None:
                self.conn.close()
            raise StoreError(describe(exc, self.path)) from None
        except BaseException:
            if self.conn is not None:
                self.conn.close()
            raise

    engine = "sqlite"
    IntegrityError = sqlite3.IntegrityError  # what a broken constraint raises, as DB-API connections name it

    def reopen(self) -> "Store":
        """Another connection to the same store (a worker thread's own)."""
        return type(self)(self.path)

    def data_version(self) -> object:
        """Changes when another connection writes (the TUI polls it to reload)."""
        return self.conn.execute("PRAGMA data_version").fetchone()[0]

    def _pending(self) -> list[str]:
        return pending(self.conn)

    # What reader/store/copy.py asks of an engine.

    @contextmanager
    def _snapshot(self) -> Iterator[None]:
        """Read in one snapshot: what other connections commit meanwhile is not seen."""
        self.conn.execute("BEGIN")
        try:
            yield
        finally:
            self.conn.execute("ROLLBACK")

    def _has_table(self, name: str) -> bool:
        return self.conn.execute("SELECT 1 FROM sqlite_master WHERE name = ?", (name,)).fetchone() is not None

    def _columns(self, table: str) -> list[str]:
        return [d[0] for d in self.conn.execute(f"SELECT * FROM {table} LIMIT 0").description]

    def _stream(self, sql: str) -> Iterator:
        """The rows of a query, read as they are used (not all held at once)."""
        return self.conn.execute(sql)

    def _search_texts_readable(self) -> bool:
        return True  # FTS5 gives its columns back

    def _after_copy(self) -> None:
        """After rows were written with their ids (nothing to do on SQLite)."""

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """All or nothing: roll back on any error."""
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.conn
        except BaseException:
            if self.conn.in_transaction:  # SQLite has already rolled back after a full disk or I/O error
                self.conn.execute("ROLLBACK")
            raise
        else:
            self.conn.execute("COMMIT")

    # --- sources -------------------------------------------------------------------

    def source_id(self, name: str, kind: str = "name", url: str | None = None, tag: str | None = None) -> int:
        """The id of the named source, created if new."""
        row = self.conn.execute("SELECT id FROM sources WHERE name = ?", (name,)).fetchone()
        if row:
            return row[0]
        cur = self.conn.execute(
            "INSERT INTO sources (name, kind, url, tag, added) VALUES (?, ?, ?, ?, ?)", (name, kind, url, tag, now())
        )
        return cur.lastrowid

    def add_source(self, name: str, kind: str, url: str | None, tag: str | None = None) -> int:
        """Register a feed or site; raises ValueError if the name or URL is taken."""
        if self.conn.execute("SELECT 1 FROM sources WHERE name = ? OR (url = ? AND url IS NOT NULL)", (name, url)).fetchone():
            raise ValueError(f"a source named {name!r} or with URL {url!r} already exists")
        with self.transaction():
            return self.source_id(name, kind, url, tag)

    def sources(self, kind: str | None = None) -> list[SourceRow]:
        sql = (
            "SELECT s.*, (SELECT count(*) FROM articles a WHERE a.source_id = s.id) AS articles FROM sources s"
            + (" WHERE kind = ?" if kind else "")
            + " ORDER BY name"
        )
        rows = self.conn.execute(sql, (kind,) if kind else ()).fetchall()
        return [SourceRow(*(r[k] for k in SourceRow._fields)) for r in rows]

    def source(self, name: str) -> SourceRow | None:
        return next((s for s in self.sources() if s.name == name), None)

    def update_source(self, name: str, **fields: str | None) -> None:
        """Record fetch state (etag, last_modified, last_checked, last_error, url, tag)."""
        allowed = {"etag", "last_modified", "last_checked", "last_error", "url", "tag"}
        bad = set(fields) - allowed
        if bad:
            raise ValueError(f"unknown source field {sorted(bad)[0]!r}")
        if fields:
            sets = ", ".join(f"{k} = ?" for k in fields)
            self.conn.execute(f"UPDATE sources SET {sets} WHERE name = ?", (*fields.values(), name))

    def remove_source(self, name: str) -> bool:
        """Forget a source; its articles stay, without a source."""
        return self.conn.execute("DELETE FROM sources WHERE name = ?", (name,)).rowcount > 0

    @contextmanager
    def claim_feeds(self, due_before: str | None = None, limit: int | None = None) -> Iterator[list[SourceRow]]:
        """Feeds for this refresher to refresh now, held for it while the block runs: those
        not checked since `due_before` (every feed, with None), least recently checked first,
        at most `limit`. PostgresStore locks each for its refresher, so refreshers running at
        once never take the same feed; an SQLite store has one refresher at a time."""
        yield self._due_feeds(due_before)[:limit]

    def _due_feeds(self, due_before: str | None) -> list[SourceRow]:
        feeds = [s for s in self.sources(kind="feed") if due_before is None or (s.last_checked or "") < due_before]
        return sorted(feeds, key=lambda s: (s.last_checked or "", s.id))

    def source_with_url(self, url: str) -> SourceRow | None:
        """The source subscribed at `url`, if any: one URL, one subscription."""
        return next((s for s in self.sources() if s.url == url), None)

    def stored(self, url: str | None = None, guid: str | None = None) -> tuple[int, bool] | None:
        """(id, from_summary) of the article stored under this URL or GUID, else None.

        A feed refresh asks before fetching a page: a known item is skipped, unless it
        holds only its feed's summary and the page is worth another try.
        A URL stored with another GUID is not this item: feeds that give every item the
        same link (an aggregator's home page) tell their items apart by GUID.
        """
        if guid:
            row = self.conn.execute("SELECT id, from_summary FROM articles WHERE guid = ? ORDER BY id", (guid,)).fetchone()
            if row:
                return row[0], bool(row[1])
        if url:
            row = self.conn.execute(
                "SELECT id, from_summary FROM articles WHERE url = ? AND (guid IS NULL OR ? IS NULL) ORDER BY id",
                (url, guid)).fetchone()
            if row:
                return row[0], bool(row[1])
        return None

    # --- articles ------------------------------------------------------------------

    def add(self, article: Article, entities: Iterable[tuple[int, Entity]] | None = None, *,
            from_summary: bool = False) -> tuple[int, str]:
        """Store an article: ('added' | 'updated' | 'unchanged' | 'kept apart'), by URL or GUID
        and text, then by content (see `_add`).

        `entities` are (block seq, span) pairs for the original text; seq -1 is the title.
        `from_summary` says the text is a feed's summary because the page could not be read,
        so a later refresh tries the page again.
        """
        with self.transaction() as c:
            return self._add(c, article, entities, from_summary)

    def replace(self, article_id: int, article: Article, entities: Iterable[tuple[int, Entity]] | None = None) -> str:
        """Put `article`'s text in place of a stored article's, under the same id: 'updated' | 'unchanged'.

        A page read at last replaces its feed summary. Read and starred state stay; the
        translations, entities and search rows of the old text go, as when `add` updates.
        Raises ValueError for an unknown id or a text already stored as another article
        (the same content is one article); nothing changes then.
        """
        with self.transaction() as c:
            row = c.execute("SELECT * FROM articles WHERE id = ?", (article_id,)).fetchone()
            if row is None:
                raise ValueError(f"no article with id {article_id}")
            blocks = _blocks_of(article)
            digest = content_hash(article.title, (b[2] for b in blocks))
            twin = c.execute("SELECT id FROM articles WHERE content_hash = ? AND id != ?", (digest, article_id)).fetchone()
            if twin:
                raise ValueError(f"the same text is already stored as article {twin[0]}")
            return self._write(c, row, article, blocks, digest, entities, False)[1]

    def add_many(self, articles: Iterable[Article]) -> list[tuple[int, str]]:
        """Add a batch in one transaction (bulk loads, benchmarks): all or nothing."""
        with self.transaction() as c:
            return [self._add(c, a, None) for a in articles]

    def _add(self, c: sqlite3.Connection, article: Article, entities: Iterable[tuple[int, Entity]] | None,
             from_summary: bool = False) -> tuple[int, str]:
        """Which stored article this one is, then write it. Under a URL or GUID already stored:
        the same text is that article; a text most of which it shares (SAME_TEXT) is that
        article edited, updated in place; any other text is another article under the same
        URL or GUID (an aggregator's home page, one PDF holding several texts), stored
        beside it: 'kept apart'. Otherwise the same content is the same article."""
        blocks = _blocks_of(article)
        digest = content_hash(article.title, (b[2] for b in blocks))
        known: dict[int, sqlite3.Row] = {}
        for column, value in (("url", article.url), ("guid", article.guid)):
            if value:
                known.update((r["id"], r) for r in c.execute(f"SELECT * FROM articles WHERE {column} = ? ORDER BY id", (value,)))
        row = next((r for r in known.values() if r["content_hash"] == digest), None)
        if row is None and known:
            words = _bigrams(article.title, [b[2] for b in blocks])
            score, best = max((text_overlap(words, self._stored_bigrams(c, r)), -r["id"]) for r in known.values())
            if score >= SAME_TEXT:
                row = known[-best]
        if row is None:
            row = c.execute("SELECT * FROM articles WHERE content_hash = ?", (digest,)).fetchone()
            if row is None and known:
                return self._write(c, None, article, blocks, digest, entities, from_summary)[0], "kept apart"
        return self._write(c, row, article, blocks, digest, entities, from_summary)

    @staticmethod
    def _stored_bigrams(c: sqlite3.Connection, row: sqlite3.Row) -> set[tuple[str, str]]:
        texts = [r[0] for r in c.execute("SELECT text FROM blocks WHERE article_id = ? ORDER BY seq", (row["id"],))]
        return _bigrams(row["title"], texts)

    def _write(self, c: sqlite3.Connection, row: sqlite3.Row | None, article: Article, blocks: list[tuple],
               digest: str, entities: Iterable[tuple[int, Entity]] | None, from_summary: bool) -> tuple[int, str]:
        """Insert the article (row None) or update the stored `row` with its text and what derives from it."""
        import json

        source_id = self.source_id(article.source) if article.source else None
        meta = {
            "source_id": source_id,
            "url": article.url,
            "guid": article.guid,
            "content_hash": digest,
            "title": article.title,
            "author": article.author,
            "published": article.published,
            "lang": article.lang,
            "lang_confidence": article.lang_confidence,
            "site_languages": json.dumps(article.site_languages) if article.site_languages else None,
            "path": article.path,
            "from_summary": int(from_summary),
        }
        stamp = now()
        if row is None:
            meta |= {"added": stamp, "updated": stamp, "sort_key": article.published or stamp}
            cols = ", ".join(meta)
            cur = c.execute(f"INSERT INTO articles ({cols}) VALUES ({', '.join('?' * len(meta))})", tuple(meta.values()))
            article_id, status = cur.lastrowid, "added"
        else:
            article_id = row["id"]
            # Keep what the new record does not know (a URL, a source) from the stored one.
            for key in ("url", "guid", "source_id", "author", "published", "path", "site_languages"):
                if meta[key] is None:
                    meta[key] = row[key]
            if meta["url"] != row["url"] and meta["url"] is not None and row["url"] is not None:
                # Same content under another URL: one article, first URL kept.
                meta["url"] = row["url"]
            if all(meta[k] == row[k] for k in meta) and entities is None:
                return article_id, "unchanged"
            meta["sort_key"] = meta["published"] or row["added"]
            meta["updated"] = stamp
            sets = ", ".join(f"{k} = ?" for k in meta)
            c.execute(f"UPDATE articles SET {sets} WHERE id = ?", (*meta.values(), article_id))
            changed = meta["content_hash"] != row["content_hash"]
            status = "updated" if changed or any(meta[k] != row[k] for k in meta if k not in ("updated", "sort_key")) else "unchanged"
            c.execute("DELETE FROM blocks WHERE article_id = ?", (article_id,))
            if changed:
                # Translations and their entities describe the old text.
                c.execute("DELETE FROM translations WHERE article_id = ?", (article_id,))
                c.execute("DELETE FROM entities WHERE article_id = ?", (article_id,))
                c.execute("DELETE FROM search WHERE rowid > ? AND rowid < ?", (article_id * VARIANTS, (article_id + 1) * VARIANTS))
        c.executemany(
            "INSERT INTO blocks (article_id, seq, kind, text, credit, lang) VALUES (?, ?, ?, ?, ?, ?)",
            [(article_id, *b) for b in blocks],
        )
        if entities is not None:
            self._put_entities(article_id, "", entities, index=False)
        self._index(article_id, "", article.title, article.lang, [(b[2], b[4] or article.lang) for b in blocks])
        return article_id, status

    def _index(self, article_id: int, variant: str, title: str, lang: str | None, blocks: list[tuple[str, str | None]]) -> None:
        """(Re)write one text's search row: its words, their dictionary forms, its names."""
        rowid = article_id * VARIANTS + VARIANT_OF[variant]
        keys = self._entity_keys(article_id, variant)
        from reader.store import fts

        self._put_search(rowid, fts.row(title, lang, blocks, keys))

    def _put_search(self, rowid: int, columns: tuple[str, ...]) -> None:
        """Write one search row (the engine's own index: FTS5 here)."""
        self.conn.execute("DELETE FROM search WHERE rowid = ?", (rowid,))
        self.conn.execute("INSERT INTO search (rowid, title, body, title_terms, body_terms, names) VALUES (?, ?, ?, ?, ?, ?)",
                          (rowid, *columns))

    def _put_names(self, rowid: int, names: str) -> None:
        self.conn.execute("UPDATE search SET names = ? WHERE rowid = ?", (names, rowid))

    def _index_names(self, article_id: int, variant: str) -> None:
        """Bring one text's `names` column up to date with its entities."""
        if variant not in VARIANT_OF:
            return  # a translation into a language the index has no row for
        rowid = article_id * VARIANTS + VARIANT_OF[variant]
        from reader.store import fts

        self._put_names(rowid, fts.name_tokens(self._entity_keys(article_id, variant)))

    def _entity_keys(self, article_id: int, variant: str) -> list[tuple[str, str]]:
        """(key, label) of the names one text mentions: what its `names` column holds."""
        return [tuple(r) for r in self.conn.execute(
            "SELECT DISTINCT key, label FROM entities WHERE article_id = ? AND variant = ? AND label != 'DATE'",
            (article_id, variant))]

    # --- rebuilds of derived data --------------------------------------------------

    def run_pending(self, progress: Progress | None = None) -> None:
        """Run the rebuilds migrations asked for (see schema.py), each whole or not at all."""
        tasks = self._pending()
        for name in sorted(tasks, key=lambda t: TASK_ORDER.index(t) if t in TASK_ORDER else len(TASK_ORDER)):
            with self.transaction() as c:
                if not c.execute("SELECT 1 FROM pending WHERE task = ?", (name,)).fetchone():
                    continue  # another process did it meanwhile
                if name == "reindex":
                    self._reindex(progress)
                elif name == "rekey":
                    from reader.store.names import rekey

                    moved = rekey(c, (lambda done, total: progress("rekey", done, total)) if progress else None)
                    if "reindex" not in tasks:  # a whole rebuild writes the names anyway
                        self._reindex_names(moved)
                elif name == "stories":
                    from reader.stories import rebuild

                    rebuild(self, (lambda done, total: progress("stories", done, total)) if progress else None)
                elif name == "story_vectors" and "stories" not in tasks:  # a regroup writes them anyway
                    self._story_vectors(progress)
                c.execute("DELETE FROM pending WHERE task = ?", (name,))

    def _story_vectors(self, progress: Progress | None, batch: int = 1000) -> None:
        """Bring grouped articles' stored vectors up to what grouping now files, without
        grouping them again: each vector and story centroid gets its languages (`l:`), and
        each article the postings its vector now gives and did not have (`stories.postings`)."""
        import json

        from reader.stories import postings

        c = self.conn
        ids = [r[0] for r in c.execute("SELECT article_id FROM story_articles ORDER BY article_id")]
        for i in range(0, len(ids), batch):
            chunk = ids[i : i + batch]
            marks = ", ".join("?" * len(chunk))
            filed: dict[int, set[str]] = {}
            for article_id, feature in c.execute(f"SELECT article_id, feature FROM story_postings WHERE article_id IN ({marks})", chunk):
                filed.setdefault(article_id, set()).add(feature)
            rows, vectors = [], []
            for article_id, story_id, day, vector, lang in c.execute(
                    "SELECT s.article_id, s.story_id, s.day, s.vector, a.lang FROM story_articles s JOIN articles a ON a.id = s.article_id"
                    f" WHERE s.article_id IN ({marks}) ORDER BY s.article_id", chunk).fetchall():
                v = json.loads(vector)
                if lang and not any(f[0] == "l" for f in v):
                    v[f"l:{lang}"] = 1.0
                    vectors.append((json.dumps(v, ensure_ascii=False), article_id))
                have = filed.get(article_id, set())
                rows += [(f, day, article_id, story_id) for f in postings(v) if f not in have]
            c.executemany("UPDATE story_articles SET vector = ? WHERE article_id = ?", vectors)
            c.executemany("INSERT INTO story_postings (feature, day, article_id, story_id) VALUES (?, ?, ?, ?)", rows)
            if progress:
                progress("story vectors", min(i + batch, len(ids)), len(ids))
        counts: dict[int, dict[str, float]] = {}
        for story_id, lang, n in c.execute("SELECT s.story_id, a.lang, count(*) FROM story_articles s JOIN articles a ON a.id = s.article_id"
                                           " WHERE a.lang IS NOT NULL AND a.lang != '' GROUP BY s.story_id, a.lang"):
            counts.setdefault(story_id, {})[f"l:{lang}"] = float(n)
        for story_id, centroid in c.execute("SELECT id, centroid FROM stories").fetchall():
            v = json.loads(centroid)
            if story_id in counts and not any(f[0] == "l" for f in v):
                v.update(counts[story_id])
                c.execute("UPDATE stories SET centroid = ? WHERE id = ?", (json.dumps(v, ensure_ascii=False), story_id))

    def _reindex_names(self, keys: set[str], batch: int = 500) -> None:
        """Rewrite the index's names of every text that mentions one of `keys` (after a
        rekey moved mentions to them): the rest of each text's index row stays as it is,
        so a rekey costs a fraction of a whole reindex."""
        keys_list = sorted(keys)
        texts: set[tuple[int, str]] = set()
        for i in range(0, len(keys_list), batch):
            chunk = keys_list[i : i + batch]
            texts.update(tuple(r) for r in self.conn.execute(
                f"SELECT DISTINCT article_id, variant FROM entities WHERE key IN ({', '.join('?' * len(chunk))})", chunk))
        for article_id, variant in sorted(texts):
            self._index_names(article_id, variant)

    def _reindex(self, progress: Progress | None) -> None:
        """Rebuild the whole search index from the stored texts and cached translations."""
        c = self.conn
        c.execute("DELETE FROM search")
        ids = [r[0] for r in c.execute("SELECT id FROM articles ORDER BY id")]
        for n, article_id in enumerate(ids, 1):
            title, lang = c.execute("SELECT title, lang FROM articles WHERE id = ?", (article_id,)).fetchone()
            blocks = [(t, bl or lang) for t, bl in c.execute(
                "SELECT text, lang FROM blocks WHERE article_id = ? ORDER BY seq", (article_id,))]
            self._index(article_id, "", title, lang, blocks)
            for target in [r[0] for r in c.execute(
                    "SELECT DISTINCT target FROM translations WHERE article_id = ?", (article_id,))]:
                cached = self.get_translation(article_id, target)
                if cached and target in VARIANT_OF:
                    self._index(article_id, target, cached[1], target, [(cached[2][k], target) for k in sorted(cached[2])])
            if progress and (n % 500 == 0 or n == len(ids)):
                progress("reindex", n, len(ids))

    def get(self, article_id: int) -> StoredArticle | None:
        import json

        row = self.conn.execute(
            "SELECT a.*, s.name AS source FROM articles a LEFT JOIN sources s ON s.id = a.source_id WHERE a.id = ?",
            (article_id,),
        ).fetchone()
        if row is None:
            return None
        from reader.model import Block, Caption, StoredArticle

        body: list[Block] = []
        captions: list[Caption] = []
        for b in self.conn.execute("SELECT * FROM blocks WHERE article_id = ? ORDER BY seq", (article_id,)):
            if b["kind"] == "caption":
                captions.append(Caption(b["text"], b["credit"]))
            else:
                body.append(Block(b["kind"], b["text"], b["lang"]))
        return StoredArticle(
            id=row["id"],
            title=row["title"],
            body=body,
            author=row["author"],
            published=row["published"],
            lang=row["lang"],
            lang_confidence=row["lang_confidence"],
            site_languages=json.loads(row["site_languages"]) if row["site_languages"] else None,
            captions=captions,
            url=row["url"],
            source=row["source"],
            path=row["path"],
            guid=row["guid"],
            added=row["added"],
            is_read=bool(row["is_read"]),
            starred=bool(row["starred"]),
        )

    def blocks(self, article_id: int) -> list[tuple[int, str, str]]:
        """(seq, kind, text) of every block, captions included, in stored order."""
        return [tuple(r) for r in self.conn.execute("SELECT seq, kind, text FROM blocks WHERE article_id = ? ORDER BY seq", (article_id,))]

    def _where(self, lang=None, source=None, since=None, entity=None, starred=False, unread=False, tag=None,
               source_id=None, folder=None, **_ignored) -> tuple[str, list]:
        """The WHERE clause of the filters: `source` matches any part of a source's name,
        case-folded (`уніан` finds "УНІАН — новини"); `source_id` one source exactly; `folder`
        the sources filed under that folder (a feed's tag, as OPML groups them); `tag` a tag or
        a list of tags, every one on the article."""
        clauses, args = [], []
        if lang:
            clauses.append("a.lang = ?")
            args.append(lang)
        if source:
            ids = self._sources_matching(source)
            clauses.append(f"a.source_id IN ({', '.join('?' * len(ids))})" if ids else "1 = 0")
            args.extend(ids)
        if source_id is not None:
            clauses.append("a.source_id = ?")
            args.append(source_id)
        if folder:
            clauses.append("a.source_id IN (SELECT id FROM sources WHERE tag = ?)")
            args.append(folder)
        for one in _tag_list(tag):
            clauses.append("a.id IN (SELECT article_id FROM article_tags WHERE tag = ?)")
            args.append(one)
        if since:  # dated on or after: an undated article has no date to compare
            clauses.append("a.published >= ?")
            args.append(since)
        if entity:
            from reader.store.names import keys_for_name

            keys = keys_for_name(entity, self.conn)
            clauses.append(f"a.id IN (SELECT article_id FROM entities WHERE key IN ({', '.join('?' * len(keys))}))")
            args.extend(keys)
        if starred:
            clauses.append("a.starred = 1")
        if unread:
            clauses.append("a.is_read = 0")
        return (" WHERE " + " AND ".join(clauses)) if clauses else "", args

    def list(
        self,
        *,
        lang: str | None = None,
        source: str | None = None,
        since: str | None = None,
        entity: str | None = None,
        starred: bool = False,
        unread: bool = False,
        tag: str | Iterable[str] | None = None,
        source_id: int | None = None,
        folder: str | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[ArticleRow]:
        """Articles newest first, filtered, the undated ones after the dated ones (newest added
        first, `date_kind` 'added'); `limit`/`offset` page through large stores.

        `source`: any part of a source's name, case-folded; `source_id`: exactly that source;
        `folder`: the sources filed under it; `tag`: a tag, or several (all of them on the article)."""
        where, args = self._where(lang, source, since, entity, starred, unread, tag, source_id, folder)
        # Page through the ordering index on ids alone, then fetch just that page's rows:
        # a deep OFFSET over full rows reads every row it skips.
        sql = (
            "SELECT a.id, a.sort_key, a.lang, s.name AS source, a.title, a.is_read, a.starred, a.url,"
            " a.published IS NULL"
            " FROM articles a LEFT JOIN sources s ON s.id = a.source_id"
            f" WHERE a.id IN (SELECT a.id FROM articles a{where} ORDER BY {LIST_ORDER} LIMIT ? OFFSET ?)"
            f" ORDER BY {LIST_ORDER}"
        )
        rows = self.conn.execute(sql, (*args, -1 if limit is None else limit, offset))
        return [ArticleRow(r[0], r[1], r[2], r[3], r[4], bool(r[5]), bool(r[6]), r[7], "added" if r[8] else "published")
                for r in rows]

    def count(self, **filters) -> int:
        where, args = self._where(**filters)
        return self.conn.execute(f"SELECT count(*) FROM articles a{where}", args).fetchone()[0]

    def remove(self, article_id: int) -> bool:
        with self.transaction() as c:
            gone = c.execute("DELETE FROM articles WHERE id = ?", (article_id,)).rowcount > 0
            c.execute("DELETE FROM search WHERE rowid >= ? AND rowid < ?", (article_id * VARIANTS, (article_id + 1) * VARIANTS))
        return gone

    def set_read(self, article_id: int, value: bool = True) -> None:
        self.conn.execute("UPDATE articles SET is_read = ? WHERE id = ?", (int(value), article_id))

    def set_starred(self, article_id: int, value: bool = True) -> None:
        self.conn.execute("UPDATE articles SET starred = ? WHERE id = ?", (int(value), article_id))

    def ids(self) -> list[int]:
        return [r[0] for r in self.conn.execute(f"SELECT a.id FROM articles a ORDER BY {LIST_ORDER}")]

    # --- search --------------------------------------------------------------------

    def search(self, query: str, limit: int = 20, *, lang: str | None = None, source: str | None = None,
               since: str | None = None, entity: str | None = None, starred: bool = False,
               unread: bool = False, tag: str | Iterable[str] | None = None, source_id: int | None = None,
               folder: str | None = None) -> list[Hit]:
        """Ranked (BM25, title and exact forms weighted) over originals and cached translations,
        one hit per article, among the articles the filters (as `list` takes them) let through.

        Ranking every match of a very common word costs time in proportion to the matches,
        so relevance is ranked among the newest RANK_WINDOW matching texts.
        """
        from reader.store import fts

        parsed = fts.parse(query)
        where, fargs = self._where(lang, source, since, entity, starred, unread, tag, source_id, folder)
        rows = self._ranked(parsed, where, fargs, limit)
        # One hit per article: its best-ranked text (the original or a translation).
        best: dict[int, tuple[str, float]] = {}
        for rowid, score in rows:
            article_id, variant = divmod(rowid, VARIANTS)
            if article_id not in best:
                best[article_id] = (VARIANT_NAME[variant], score)
                if len(best) == limit:
                    break
        if not best:
            return []
        marks = ", ".join("?" * len(best))
        meta = {r[0]: r for r in self.conn.execute(
            f"SELECT id, title, lang, sort_key, is_read, starred, published IS NULL FROM articles WHERE id IN ({marks})",
            tuple(best))}
        texts: dict[int, list[str]] = {}
        for article_id, text in self.conn.execute(
            f"SELECT article_id, text FROM blocks WHERE article_id IN ({marks}) ORDER BY article_id, seq", tuple(best)
        ):
            texts.setdefault(article_id, []).append(text)
        matcher = fts.Matcher(parsed)
        hits = []
        for article_id, (variant, score) in best.items():
            if article_id not in meta:
                continue
            _, title, article_lang, date, is_read, starred_, undated = meta[article_id]
            shown_title, body = title, texts.get(article_id, [])
            if variant:
                cached = self.get_translation(article_id, variant)
                if cached:
                    shown_title, body = cached[1], [cached[2][k] for k in sorted(cached[2])]
            snippet, spans = fts.make_snippet(body + [shown_title], matcher, lang=variant or article_lang)
            hits.append(Hit(article_id, title, snippet, spans, round(-score, 4), variant,
                            article_lang, date, bool(is_read), bool(starred_), "added" if undated else "published"))
        return hits

    def _ranked(self, parsed: fts.Query, where: str, fargs: list, limit: int) -> list[tuple[int, float]]:
        """(search rowid, score: lower is better) of the best texts, `limit` per variant,
        among the newest RANK_WINDOW matches of the filtered articles (FTS5's bm25 here)."""
        from reader.store import fts

        match = fts.to_match(parsed)
        if match is None:
            return []
        only = f" AND rowid / {VARIANTS} IN (SELECT a.id FROM articles a{where})" if where else ""
        floor = self.conn.execute(
            f"SELECT rowid FROM search WHERE search MATCH ?{only} ORDER BY rowid DESC LIMIT 1 OFFSET ?",
            (match, *fargs, RANK_WINDOW),
        ).fetchone()
        weights = ", ".join(str(w) for w in fts.WEIGHTS)
        return self.conn.execute(
            f"SELECT rowid, bm25(search, {weights}) AS score FROM search WHERE search MATCH ? AND rowid > ?{only}"
            " ORDER BY score LIMIT ?",
            (match, floor[0] if floor else -1, *fargs, limit * VARIANTS),
        ).fetchall()

    # --- translations --------------------------------------------------------------

    def get_translation(self, article_id: int, target: str, package: str | None = None) -> tuple[str, str, dict[int, str]] | None:
        """(package, title, {seq: text}) of the newest cached translation into `target`."""
        if package is None:
            row = self.conn.execute(
                "SELECT package FROM translations WHERE article_id = ? AND target = ? ORDER BY created DESC LIMIT 1",
                (article_id, target),
            ).fetchone()
            if row is None:
                return None
            package = row[0]
        rows = self.conn.execute(
            "SELECT seq, text FROM translations WHERE article_id = ? AND target = ? AND package = ?",
            (article_id, target, package),
        ).fetchall()
        if not rows:
            return None
        texts = {seq: text for seq, text in rows}
        return package, texts.pop(-1, ""), texts

    def put_translation(self, article_id: int, target: str, package: str, title: str, texts: dict[int, str]) -> None:
        """Cache a translation (title and every block) and index it for search."""
        stamp = now()
        with self.transaction() as c:
            c.execute("DELETE FROM translations WHERE article_id = ? AND target = ? AND package = ?", (article_id, target, package))
            c.executemany(
                "INSERT INTO translations (article_id, target, package, seq, text, created) VALUES (?, ?, ?, ?, ?, ?)",
                [(article_id, target, package, seq, text, stamp) for seq, text in {-1: title, **texts}.items()],
            )
            if target in VARIANT_OF:
                self._index(article_id, target, title, target, [(texts[k], target) for k in sorted(texts)])

    def untranslated(self, target: str) -> list[int]:
        """Articles with no cached translation into `target` and not already in it."""
        return [
            r[0]
            for r in self.conn.execute(
                "SELECT id FROM articles WHERE coalesce(lang, '') != ? AND id NOT IN"
                " (SELECT DISTINCT article_id FROM translations WHERE target = ?) ORDER BY id",
                (target, target),
            )
        ]

    # --- entities ------------------------------------------------------------------

    def put_entities(self, article_id: int, variant: str, items: Iterable[tuple[int, Entity]]) -> None:
        """Replace the spans of one text variant ('' = original, else a translation's language)."""
        with self.transaction():
            self._put_entities(article_id, variant, items)

    def _put_entities(self, article_id: int, variant: str, items: Iterable[tuple[int, Entity]], index: bool = True) -> None:
        from reader.store.names import entity_key, remember_names

        self.conn.execute("DELETE FROM entities WHERE article_id = ? AND variant = ?", (article_id, variant))
        rows = [(article_id, variant, seq, e.start, e.end, e.label, e.text, e.norm, entity_key(e.norm, e.label)) for seq, e in items]
        self.conn.executemany(
            'INSERT INTO entities (article_id, variant, seq, start, "end", label, text, norm, key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)', rows)
        remember_names(self.conn, {(r[5], r[8], r[7]) for r in rows})
        if index:
            self._index_names(article_id, variant)

    def entities(self, article_id: int, variant: str = "") -> list[tuple[int, Entity]]:
        """(seq, span) pairs of one text variant, in reading order."""
        rows = self.conn.execute(
            'SELECT seq, start, "end", label, text, norm FROM entities WHERE article_id = ? AND variant = ? ORDER BY seq, start',
            (article_id, variant),
        )
        from reader.model import Entity

        return [(r[0], Entity(r[1], r[2], r[3], r[4], r[5])) for r in rows]

    def top_entities(self, limit: int = 20, label: str | None = None) -> list[tuple[str, str, int, int]]:
        """(name, label, mentions, articles) for the most mentioned entities, merged by key.

        A person is one row however the store spells them (`names.canonical_keys`: a lone
        surname with the one full name it stands for, `Antony` and `Ентоні`): mentions add
        up, articles are counted once, and the name shown is the most frequent spelling
        (the longer one on a tie); a place's acronym is one row with its full name (`РФ`,
        `Российская Федерация`, `Россия`). A country or city the alias data knows is one place row
        whether a text named the place (LOC) or its state (ORG). Dates ("year", "Monday")
        say nothing about who or where: they come only when asked for.
        """
        import json

        from reader.entities.aliases import place_keys
        from reader.store.names import canonical_keys

        # 'LABEL key' → the key of the entity it names, where that differs
        canon = {f"{lab} {k}": root for lab in ("PER", "LOC") if label in (None, lab) for k, root in canonical_keys(self.conn, lab).items()}
        places = dict.fromkeys(place_keys(), 1) if label in (None, "LOC", "ORG") else {}
        if label is None:
            among, among_args = "x.label != 'DATE'", []
        elif label in ("LOC", "ORG"):
            among, among_args = "x.label IN ('LOC', 'ORG')", []
        else:
            among, among_args = "x.label = ?", [label]
        # both JSON parameters: `canon`, and the keys of the alias data's places, whose ORG
        # rows count as the place (`Россия` the state is the country)
        merged = (
            "WITH canon(k, root) AS (SELECT key, value FROM json_each(?)),"
            " place(k) AS (SELECT key FROM json_each(?)),"
            " e AS (SELECT coalesce(c.root, x.key) AS key,"
            "  CASE WHEN x.label = 'ORG' AND x.key IN (SELECT k FROM place) THEN 'LOC' ELSE x.label END AS label,"
            "  x.norm, x.article_id FROM entities x"
            f"  LEFT JOIN canon c ON c.k = x.label || ' ' || x.key WHERE {among})"
        )
        args = [json.dumps(canon), json.dumps(places), *among_args] + ([label] if label else [])
        sql = (
            merged + " SELECT key, label, count(*) AS mentions, count(DISTINCT article_id) AS articles FROM e"
            + (" WHERE label = ?" if label else "")
            + " GROUP BY key, label ORDER BY articles DESC, mentions DESC, key LIMIT ?"
        )
        rows = self.conn.execute(sql, (*args, limit)).fetchall()
        spellings: dict[tuple[str, str], list[str]] = {}  # (label, entity's key) → its other keys
        for labelled, root in canon.items():
            lab, key = labelled.split(" ", 1)
            spellings.setdefault((lab, root), []).append(key)
        out = []
        for key, lab, mentions, articles in rows:
            keys = [key, *spellings.get((lab, key), ())]
            labels = ("LOC", "ORG") if lab == "LOC" else (lab,)  # a place's row holds its ORG mentions too
            name = self.conn.execute(
                f"SELECT norm FROM entities WHERE label IN ({', '.join('?' * len(labels))}) AND key IN ({', '.join('?' * len(keys))})"
                " GROUP BY norm ORDER BY count(*) DESC, length(norm) DESC, norm LIMIT 1", (*labels, *keys)).fetchone()[0]
            out.append((name, lab, mentions, articles))
        return out

    # --- tags and saved searches ---------------------------------------------------
    # Tags: free text on articles, any number each (table article_tags). Saved searches:
    # a name and a query in reader/store/query.py's syntax, kept as written and parsed each
    # time they run (so today's parser reads them). The counts the feeds pane shows, and
    # read-state changes a view can undo, are here too.

    def _sources_matching(self, text: str) -> list[int]:
        """Ids of the sources whose name holds `text`, case-folded, whitespace squeezed."""
        needle = _fold(text)
        return [r[0] for r in self.conn.execute("SELECT id, name FROM sources ORDER BY id") if needle in _fold(r[1])]

    def existing(self, ids: Iterable[int]) -> set[int]:
        """Which of `ids` are stored articles."""
        ids = list(ids)
        found: set[int] = set()
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            found.update(r[0] for r in self.conn.execute(
                f"SELECT id FROM articles WHERE id IN ({', '.join('?' * len(chunk))})", chunk))
        return found

    def mark(self, ids: Iterable[int], *, read: bool | None = None, starred: bool | None = None,
             tag: Iterable[str] = (), untag: Iterable[str] = ()) -> list[int]:
        """Set read and starred state (None: leave it) and add / remove tags on articles, all in
        one transaction. Returns the ids that are not stored articles (nothing done to them;
        the others are marked). Raises ValueError for an empty tag, before changing anything."""
        ids = list(dict.fromkeys(ids))
        add, drop = [_norm_tag(t) for t in tag], [_norm_tag(t) for t in untag]
        with self.transaction() as c:
            found = self.existing(ids)
            known = [i for i in ids if i in found]
            for i in range(0, len(known), 500):
                chunk = known[i : i + 500]
                marks = ", ".join("?" * len(chunk))
                if read is not None:
                    c.execute(f"UPDATE articles SET is_read = ? WHERE id IN ({marks})", (int(read), *chunk))
                if starred is not None:
                    c.execute(f"UPDATE articles SET starred = ? WHERE id IN ({marks})", (int(starred), *chunk))
                for t in drop:
                    c.execute(f"DELETE FROM article_tags WHERE tag = ? AND article_id IN ({marks})", (t, *chunk))
            c.executemany("INSERT OR IGNORE INTO article_tags (article_id, tag) VALUES (?, ?)", [(i, t) for i in known for t in add])
        return [i for i in ids if i not in found]

    def add_tag(self, ids: Iterable[int], tag: str) -> list[int]:
        """Put `tag` on articles; returns the ids not stored (see `mark`)."""
        return self.mark(ids, tag=[tag])

    def remove_tag(self, ids: Iterable[int], tag: str) -> list[int]:
        """Take `tag` off articles; returns the ids not stored (see `mark`)."""
        return self.mark(ids, untag=[tag])

    def tags_of(self, article_id: int) -> list[str]:
        """The tags on one article, sorted."""
        return [r[0] for r in self.conn.execute("SELECT tag FROM article_tags WHERE article_id = ? ORDER BY tag", (article_id,))]

    def tags_for(self, ids: Iterable[int]) -> dict[int, list[str]]:
        """{article id: its tags, sorted} for the articles among `ids` that have any (a list page's)."""
        ids = list(ids)
        out: dict[int, list[str]] = {}
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            for article_id, t in self.conn.execute(
                    f"SELECT article_id, tag FROM article_tags WHERE article_id IN ({', '.join('?' * len(chunk))})"
                    " ORDER BY article_id, tag", chunk):
                out.setdefault(article_id, []).append(t)
        return out

    def tags(self) -> list[tuple[str, int]]:
        """Every tag in use with how many articles carry it, by name."""
        return [tuple(r) for r in self.conn.execute("SELECT tag, count(*) FROM article_tags GROUP BY tag ORDER BY tag")]

    def mark_read(self, ids: Iterable[int] | None = None, value: bool = True, **filters) -> dict[int, bool]:
        """Mark articles read (`value` False: unread), in one transaction: `ids`, or with `ids`
        None every article the filters (as `list` takes them) let through — "mark all read" in
        a view. Returns {id: its read state before} of the articles it changed, which
        `restore_read` puts back (undo)."""
        c = self.conn
        with self.transaction():
            if ids is None:
                where, args = self._where(**filters)
                changed = [r[0] for r in c.execute(
                    f"UPDATE articles SET is_read = ? WHERE is_read != ? AND id IN (SELECT a.id FROM articles a{where})"
                    " RETURNING id", (int(value), int(value), *args))]
            else:
                ids = list(dict.fromkeys(ids))
                changed = []
                for i in range(0, len(ids), 500):
                    chunk = ids[i : i + 500]
                    changed += [r[0] for r in c.execute(
                        f"UPDATE articles SET is_read = ? WHERE is_read != ? AND id IN ({', '.join('?' * len(chunk))})"
                        " RETURNING id", (int(value), int(value), *chunk))]
        return {i: not value for i in sorted(changed)}

    def restore_read(self, previous: dict[int, bool]) -> None:
        """Put back read states `mark_read` returned (its undo); ids since removed are skipped."""
        with self.transaction() as c:
            for value in (False, True):
                ids = [i for i, v in previous.items() if bool(v) == value]
                for i in range(0, len(ids), 500):
                    chunk = ids[i : i + 500]
                    c.execute(f"UPDATE articles SET is_read = ? WHERE id IN ({', '.join('?' * len(chunk))})", (int(value), *chunk))

    def unread_counts(self, **filters) -> Counts:
        """What the feeds pane shows: totals (all, unread, starred), the same per source (every
        source, with none too; articles without a source under name None) and per tag.

        Without filters it is one grouped scan of an index (articles_counts), fast on 100,000
        articles; filters (as `list` takes them, e.g. lang) narrow every count."""
        where, args = self._where(**filters)
        per_source = {r[0]: (r[1], r[2] or 0, r[3] or 0) for r in self.conn.execute(
            f"SELECT a.source_id, count(*), sum(a.is_read = 0), sum(a.starred) FROM articles a{where} GROUP BY a.source_id", args)}
        sources = [Count(name, *per_source.get(sid, (0, 0, 0)), id=sid)
                   for sid, name in self.conn.execute("SELECT id, name FROM sources ORDER BY name")]
        orphans = [(sid, n) for sid, n in per_source.items() if sid is None or sid not in {s.id for s in sources}]
        if orphans:
            sources.append(Count(None, *[sum(n[k] for _, n in orphans) for k in range(3)]))
        joined = where.replace(" WHERE ", " AND ", 1) if where else ""
        tags = [Count(r[0], r[1], r[2] or 0, r[3] or 0) for r in self.conn.execute(
            "SELECT t.tag, count(*), sum(a.is_read = 0), sum(a.starred) FROM article_tags t"
            f" JOIN articles a ON a.id = t.article_id{(' WHERE 1 = 1' + joined) if joined else ''} GROUP BY t.tag ORDER BY t.tag", args)]
        totals = [sum(n[k] for n in per_source.values()) for k in range(3)]
        return Counts(*totals, sources=sources, tags=tags)

    def save_search(self, name: str, query: str, *, replace: bool = False) -> Query:
        """Keep `query` under `name` (a saved search). Returns it parsed. Raises QueryError
        (a ValueError) for a query that cannot be read, ValueError for an empty name or one
        taken (unless `replace`)."""
        name = " ".join(name.split())
        if not name:
            raise ValueError("a saved search needs a name")
        from reader.store.query import parse_query

        parsed = parse_query(query)
        with self.transaction() as c:
            if c.execute("SELECT 1 FROM saved_searches WHERE name = ?", (name,)).fetchone():
                if not replace:
                    raise ValueError(f"a saved search named {name!r} already exists")
                c.execute("UPDATE saved_searches SET query = ? WHERE name = ?", (query.strip(), name))
            else:
                c.execute("INSERT INTO saved_searches (name, query, created) VALUES (?, ?, ?)", (name, query.strip(), now()))
        return parsed

    def saved_searches(self) -> list[SavedSearch]:
        """Every saved search, by name."""
        return [SavedSearch(r[0], r[1], r[2]) for r in self.conn.execute("SELECT name, query, created FROM saved_searches ORDER BY name")]

    def saved_search(self, name: str) -> SavedSearch | None:
        row = self.conn.execute("SELECT name, query, created FROM saved_searches WHERE name = ?", (" ".join(name.split()),)).fetchone()
        return SavedSearch(row[0], row[1], row[2]) if row else None

    def remove_search(self, name: str) -> bool:
        """Forget a saved search; False when there was none of that name."""
        return self.conn.execute("DELETE FROM saved_searches WHERE name = ?", (" ".join(name.split()),)).rowcount > 0

    def resolve_search(self, name: str) -> Query:
        """The saved search `name`, parsed: its filters and words. Raises KeyError for an
        unknown name, QueryError for a query today's parser cannot read."""
        saved = self.saved_search(name)
        if saved is None:
            raise KeyError(name)
        from reader.store.query import parse_query

        return parse_query(saved.query)

    def run_query(self, query: Query | str, limit: int | None = None, offset: int = 0) -> list[ArticleRow]:
        """The articles of a query (a Query or its text): with words, `search`'s hits in rank
        order (at most RANK_WINDOW); without, `list` with its filters, newest first."""
        if isinstance(query, str):
            from reader.store.query import parse_query

            query = parse_query(query)
        if not query.words:
            return self.list(limit=limit, offset=offset, **query.filters)
        wanted = RANK_WINDOW if limit is None else min(RANK_WINDOW, offset + limit)
        hits = self.search(query.words, limit=wanted, **query.filters)[offset:]
        return self.rows([h.id for h in hits])

    def run_saved(self, name: str, limit: int | None = None, offset: int = 0) -> list[ArticleRow]:
        """The articles of the saved search `name` (see `run_query`); KeyError, QueryError as `resolve_search`."""
        return self.run_query(self.resolve_search(name), limit, offset)

    def count_query(self, query: Query | str) -> int:
        """How many articles a query finds (with words: at most RANK_WINDOW)."""
        if isinstance(query, str):
            from reader.store.query import parse_query

            query = parse_query(query)
        if not query.words:
            return self.count(**query.filters)
        return len(self.search(query.words, limit=RANK_WINDOW, **query.filters))

    def rows(self, ids: Iterable[int]) -> list[ArticleRow]:
        """The list rows of these articles, in the order given (unknown ids left out)."""
        ids = list(ids)
        found: dict[int, ArticleRow] = {}
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            for r in self.conn.execute(
                    "SELECT a.id, a.sort_key, a.lang, s.name, a.title, a.is_read, a.starred, a.url, a.published IS NULL"
                    f" FROM articles a LEFT JOIN sources s ON s.id = a.source_id WHERE a.id IN ({', '.join('?' * len(chunk))})", chunk):
                found[r[0]] = ArticleRow(r[0], r[1], r[2], r[3], r[4], bool(r[5]), bool(r[6]), r[7], "added" if r[8] else "published")
        return [found[i] for i in ids if i in found]

    # --- stories -------------------------------------------------------------------
    # Storage for reader/stories.py (which decides; these only read and write). A story's
    # members are in story_articles, its candidates found through story_postings.

    def story_source(self, article_id: int):
        """What an article is grouped by: (title, lang, published, list date, content hash, block texts,
        [(seq, entity key)] of the original and its translations, {target: (title, texts)}),
        or None for an unknown article."""
        row = self.conn.execute("SELECT title, lang, published, sort_key, content_hash FROM articles WHERE id = ?", (article_id,)).fetchone()
        if row is None:
            return None
        blocks = [r[0] for r in self.conn.execute(
            "SELECT text FROM blocks WHERE article_id = ? AND kind != 'caption' ORDER BY seq", (article_id,))]
        ents = [(r[0], r[1]) for r in self.conn.execute(
            "SELECT seq, key FROM entities WHERE article_id = ? AND label != 'DATE' ORDER BY variant, seq, start", (article_id,))]
        translations = {}
        for (target,) in self.conn.execute("SELECT DISTINCT target FROM translations WHERE article_id = ?", (article_id,)).fetchall():
            cached = self.get_translation(article_id, target)
            if cached and target != row["lang"]:
                translations[target] = (cached[1], [cached[2][k] for k in sorted(cached[2])])
        return row["title"], row["lang"], row["published"], row["sort_key"], row["content_hash"], blocks, ents, translations

    #: (token, {feature: count, 0 for none}): the document counts this store read while the
    #: fold token (see story_fold_df) was `token`.
    _story_df_memo: tuple[int | None, dict[str, int]] = (None, {})

    def story_df(self, features: list[str]) -> tuple[dict[str, int], int]:
        """({feature: articles it occurs in}, articles grouped): the idf's counts. They change
        only when a fold counts articles in, which marks them with a new token (row '#'):
        counts read under the token read now are remembered, so an article costs a probe
        for each feature this process has not read yet, not one for each of its features."""
        marks = dict(self.conn.execute("SELECT feature, n FROM story_df WHERE feature IN ('', '#')").fetchall())
        token, known = self._story_df_memo
        if marks.get("#") is None:
            known = {}  # counts of an older reader or a cleared store: read each time
        elif token != marks["#"] or len(known) > 200_000:  # (at most some tens of MB)
            known = {}
            self._story_df_memo = (marks["#"], known)
        missing = [f for f in features if f not in known]
        found: dict[str, int] = {}
        for i in range(0, len(missing), 500):
            chunk = missing[i : i + 500]
            found.update(self.conn.execute(
                f"SELECT feature, n FROM story_df WHERE feature IN ({', '.join('?' * len(chunk))})", chunk).fetchall())
        for f in missing:
            known[f] = found.get(f, 0)
        return {f: known[f] for f in features if known[f]}, marks.get("", 0)

    def story_candidates(self, features: list[str], day: int | None, window: int, limit: int,
                         members: int = 3) -> list[tuple[int, dict[str, float], list[dict[str, float]]]]:
        """(story id, centroid, vectors of its `members` articles sharing most of `features`)
        of the stories that share the most of `features` in the index (at most `limit`), among
        articles dated within `window` days of `day` and the latest undated ones; for an undated
        article (`day` None), among the latest of any date."""
        import json

        if day is None:
            queries = [("SELECT article_id, story_id FROM story_postings WHERE feature = ? ORDER BY day DESC, rowid DESC LIMIT 200", ())]
        else:
            queries = [("SELECT article_id, story_id FROM story_postings WHERE feature = ? AND day BETWEEN ? AND ? LIMIT 200",
                        (day - window, day + window)),
                       ("SELECT article_id, story_id FROM story_postings WHERE feature = ? AND day = -1 ORDER BY rowid DESC LIMIT 50", ())]
        article_hits: dict[int, int] = {}
        story_of: dict[int, int] = {}
        for i in range(0, len(features), 100):
            # one statement for many features, each feature's queries as they are
            chunk = features[i : i + 100]
            sql = " UNION ALL ".join(f"SELECT * FROM ({q}) AS q{k}" for k, (q, _) in enumerate(queries * len(chunk)))
            args = [a for f in chunk for _, rest in queries for a in (f, *rest)]
            for article_id, story_id in self.conn.execute(sql, args):
                article_hits[article_id] = article_hits.get(article_id, 0) + 1
                story_of[article_id] = story_id
        hits: dict[int, int] = {}
        for article_id, n in article_hits.items():
            hits[story_of[article_id]] = max(hits.get(story_of[article_id], 0), n)
        best = sorted(hits, key=lambda s: (-hits[s], -s))[:limit]
        if not best:
            return []
        chosen: dict[int, list[int]] = {s: [] for s in best}
        for article_id in sorted(article_hits, key=lambda a: (-article_hits[a], -a)):
            picked = chosen.get(story_of[article_id])
            if picked is not None and len(picked) < members:
                picked.append(article_id)
        wanted = [a for picked in chosen.values() for a in picked]
        vectors = {r[0]: json.loads(r[1]) for r in self.conn.execute(
            f"SELECT article_id, vector FROM story_articles WHERE article_id IN ({', '.join('?' * len(wanted))})", wanted)}
        rows = self.conn.execute(f"SELECT id, centroid FROM stories WHERE id IN ({', '.join('?' * len(best))})", best)
        return sorted((r[0], json.loads(r[1]), [vectors[a] for a in chosen[r[0]] if a in vectors]) for r in rows)

    def story_merge(self, keep: int, other: int) -> int:
        """Make two stories one (an article bridged them): the larger's id stays. Returns it."""
        import json

        c = self.conn
        rows = {r[0]: r for r in c.execute("SELECT id, size, centroid FROM stories WHERE id IN (?, ?)", (keep, other))}
        if keep == other or len(rows) < 2:
            return keep
        if rows[other][1] > rows[keep][1]:
            keep, other = other, keep
        from reader.stories import add_to_centroid

        centroid = add_to_centroid(json.loads(rows[keep][2]), json.loads(rows[other][2]))
        c.execute("UPDATE story_postings SET story_id = ? WHERE article_id IN (SELECT article_id FROM story_articles WHERE story_id = ?)",
                  (keep, other))
        c.execute("UPDATE story_articles SET story_id = ? WHERE story_id = ?", (keep, other))
        c.execute("UPDATE stories SET size = size + ?, centroid = ?, first = min(first, (SELECT first FROM stories WHERE id = ?)),"
                  " last = max(last, (SELECT last FROM stories WHERE id = ?)) WHERE id = ?",
                  (rows[other][1], json.dumps({f: round(x, 5) for f, x in centroid.items()}, ensure_ascii=False), other, other, keep))
        c.execute("DELETE FROM stories WHERE id = ?", (other,))
        return keep

    def story_forget(self, article_id: int) -> None:
        """Take an article out of its story (its vector out of the centroid): before grouping it again."""
        import json

        row = self.conn.execute("SELECT story_id, vector FROM story_articles WHERE article_id = ?", (article_id,)).fetchone()
        if row is None:
            return
        story = self.conn.execute("SELECT centroid FROM stories WHERE id = ?", (row[0],)).fetchone()
        if story:
            centroid, vector = json.loads(story[0]), json.loads(row[1])
            left = {f: x - vector.get(f, 0.0) for f, x in centroid.items()}
            left = {f: round(x, 5) for f, x in left.items() if x > 1e-6}
            self.conn.execute("UPDATE stories SET centroid = ? WHERE id = ?", (json.dumps(left, ensure_ascii=False), row[0]))
        self.conn.execute("DELETE FROM story_articles WHERE article_id = ?", (article_id,))

    def story_put(self, article_id: int, story_id: int | None, score: float | None, vector: dict[str, float], day: int | None,
                  date: str, digest: str, features: list[str], postings: list[str]) -> tuple[int, float | None]:
        """File an article in story `story_id` (None: a new story, titled by it): its vector,
        its postings (day None: undated, filed as -1), its `features` to be counted by
        `story_fold_df`. Returns (story id, score)."""
        import json
        from reader.stories import add_to_centroid

        c = self.conn
        day = -1 if day is None else day
        if story_id is None:  # written whole at once
            title = c.execute("SELECT title FROM articles WHERE id = ?", (article_id,)).fetchone()[0]
            centroid = {f: round(x, 5) for f, x in add_to_centroid({}, vector).items()}
            story_id = c.execute("INSERT INTO stories (title, first, last, size, centroid) VALUES (?, ?, ?, 1, ?)",
                                 (title, date, date, json.dumps(centroid, ensure_ascii=False))).lastrowid
        else:
            old = json.loads(c.execute("SELECT centroid FROM stories WHERE id = ?", (story_id,)).fetchone()[0])
            centroid = {f: round(x, 5) for f, x in add_to_centroid(old, vector).items()}
            c.execute("UPDATE stories SET centroid = ?, size = size + 1, first = min(first, ?), last = max(last, ?) WHERE id = ?",
                      (json.dumps(centroid, ensure_ascii=False), date, date, story_id))
        c.execute("INSERT INTO story_articles (article_id, story_id, day, score, hash, vector) VALUES (?, ?, ?, ?, ?, ?)",
                  (article_id, story_id, day, score, digest,
                   json.dumps({f: round(x, 5) for f, x in vector.items()}, ensure_ascii=False)))
        c.executemany("INSERT INTO story_postings (feature, day, article_id, story_id) VALUES (?, ?, ?, ?)",
                      [(f, day, article_id, story_id) for f in postings])
        c.execute("INSERT INTO story_df_pending (features) VALUES (?)", (json.dumps(features, ensure_ascii=False),))
        return story_id, score

    def story_fold_df(self, at_least: int = 1) -> int:
        """Count the features of the articles filed since the last fold into the document
        counts (`story_df`), once `at_least` wait: one sorted batch instead of a scattered
        write per feature per article. Returns how many articles were counted (0: not yet)."""
        import json

        c = self.conn
        low, high = c.execute("SELECT min(id), max(id) FROM story_df_pending").fetchone()
        if low is None or high - low + 1 < at_least:
            return 0
        counts: dict[str, int] = {}
        waiting = 0
        for (features,) in c.execute("SELECT features FROM story_df_pending"):
            waiting += 1
            for f in json.loads(features):
                counts[f] = counts.get(f, 0) + 1
        counts[""] = counts.get("", 0) + waiting
        c.executemany("INSERT INTO story_df (feature, n) VALUES (?, ?) ON CONFLICT(feature) DO UPDATE SET n = n + excluded.n",
                      sorted(counts.items()))
        c.execute("DELETE FROM story_df_pending")
        # A new token says the counts changed (story_df's memo); the counts this store knows
        # are brought up to date here when it knew the token they were read under. Folds
        # never interleave: each writes the '' row first (sorted), which holds the next
        # (PostgreSQL's row lock, SQLite's one writer) until this transaction ends.
        old = c.execute("SELECT n FROM story_df WHERE feature = '#'").fetchone()
        token = int.from_bytes(os.urandom(7), "big")
        c.execute("INSERT INTO story_df (feature, n) VALUES ('#', ?) ON CONFLICT(feature) DO UPDATE SET n = excluded.n", (token,))
        memo, known = self._story_df_memo
        if old is not None and old[0] == memo:
            for f in known.keys() & counts.keys():
                known[f] += counts[f]
            self._story_df_memo = (token, known)
        return waiting

    def story_todo(self, ids: list[int] | None = None) -> list[int]:
        """Articles not in a story, or whose text changed since it was grouped (or `ids`, as
        they are), in the order they are grouped: dated ones oldest first, then undated ones."""
        if ids is not None:
            found: list[int] = []
            for i in range(0, len(ids), 500):
                chunk = ids[i : i + 500]
                found += [r[0] for r in self.conn.execute(
                    f"SELECT id FROM articles WHERE id IN ({', '.join('?' * len(chunk))})", chunk)]
            where, args = f"a.id IN ({', '.join('?' * len(found))})", found
        else:
            where, args = "s.article_id IS NULL OR s.hash != a.content_hash", []
        return [r[0] for r in self.conn.execute(
            "SELECT a.id FROM articles a LEFT JOIN story_articles s ON s.article_id = a.id"
            f" WHERE {where} ORDER BY a.published IS NULL, a.sort_key, a.id", args)]

    def story_clear(self) -> None:
        """Forget every story (before grouping all articles afresh)."""
        for table in ("story_postings", "story_articles", "stories", "story_df", "story_df_pending"):
            self.conn.execute(f"DELETE FROM {table}")
        self._story_df_memo = (None, {})

    def story_member(self, article_id: int) -> tuple[int, float | None, int, dict[str, float]] | None:
        """(story id, score when it joined, day, vector) of a grouped article, else None."""
        import json

        row = self.conn.execute("SELECT story_id, score, day, vector FROM story_articles WHERE article_id = ?", (article_id,)).fetchone()
        return (row[0], row[1], row[2], json.loads(row[3])) if row else None

    def stories(self, *, since: str | None = None, lang: str | None = None, story_id: int | None = None,
                limit: int | None = None) -> list[dict]:
        """Stories, latest first: {id, title, articles (ids, oldest first), languages, sources,
        first, last}. `since`: with a member dated on or after it; `lang`: with a member in it."""
        clauses, args = [], []
        if story_id is not None:
            clauses.append("s.id = ?")
            args.append(story_id)
        if since:
            clauses.append("s.last >= ?")
            args.append(since)
        if lang:
            clauses.append("EXISTS (SELECT 1 FROM story_articles m JOIN articles a ON a.id = m.article_id"
                           " WHERE m.story_id = s.id AND a.lang = ?)")
            args.append(lang)
        where = (" WHERE " + " AND ".join(clauses)) if clauses else ""
        rows = self.conn.execute(f"SELECT s.id, s.title, s.first, s.last FROM stories s{where} ORDER BY s.last DESC, s.id DESC LIMIT ?",
                                 (*args, -1 if limit is None else limit)).fetchall()
        out = []
        for r in rows:
            members = self.conn.execute(
                "SELECT a.id, a.lang, src.name FROM story_articles m JOIN articles a ON a.id = m.article_id"
                " LEFT JOIN sources src ON src.id = a.source_id WHERE m.story_id = ? ORDER BY a.sort_key, a.id", (r[0],)).fetchall()
            out.append({"id": r[0], "title": r[1], "articles": [m[0] for m in members],
                        "languages": sorted({m[1] for m in members if m[1]}),
                        "sources": sorted({m[2] for m in members if m[2]}), "first": r[2], "last": r[3]})
        return out

    def story_of(self, article_id: int) -> dict | None:
        """The story an article is in (as `stories` gives it), else None."""
        row = self.conn.execute("SELECT story_id FROM story_articles WHERE article_id = ?", (article_id,)).fetchone()
        found = self.stories(story_id=row[0]) if row else []
        return found[0] if found else None

    def _story_where(self, filters: dict) -> tuple[str, list]:
        """Stories with an article among those `filters` select (`list`'s keywords)."""
        where, args = self._where(**filters)
        if not where:
            return "", []
        return (" WHERE EXISTS (SELECT 1 FROM story_articles m JOIN articles a ON a.id = m.article_id"
                f" WHERE m.story_id = s.id AND {where[len(' WHERE '):]})"), args

    def story_count(self, **filters) -> int:
        """How many stories `story_list` gives for `filters`."""
        where, args = self._story_where(filters)
        return self.conn.execute(f"SELECT count(*) FROM stories s{where}", args).fetchone()[0]

    def story_list(self, *, limit: int | None = None, offset: int = 0, **filters) -> list[dict]:
        """One row per story with an article among those `filters` select (`list`'s keywords),
        latest first, a page at a time: {id, title, first, last, size, unread (its unread
        articles), languages, sources}, counted over all its articles."""
        where, args = self._story_where(filters)
        ids = [r[0] for r in self.conn.execute(
            f"SELECT s.id FROM stories s{where} ORDER BY s.last DESC, s.id DESC LIMIT ? OFFSET ?",
            (*args, -1 if limit is None else limit, offset))]
        if not ids:
            return []
        rows = {r[0]: r for r in self.conn.execute(
            "SELECT s.id, s.title, s.first, s.last, count(a.id), total(a.is_read = 0),"
            " group_concat(DISTINCT a.lang)"
            " FROM stories s JOIN story_articles m ON m.story_id = s.id JOIN articles a ON a.id = m.article_id"
            f" WHERE s.id IN ({', '.join('?' * len(ids))}) GROUP BY s.id", ids)}
        # group_concat's separator is a comma, which a source name may hold: names read apart.
        names: dict[int, list[str]] = {}
        for story_id, name in self.conn.execute(
                "SELECT DISTINCT m.story_id, src.name FROM story_articles m JOIN articles a ON a.id = m.article_id"
                f" JOIN sources src ON src.id = a.source_id WHERE m.story_id IN ({', '.join('?' * len(ids))})", ids):
            names.setdefault(story_id, []).append(name)
        return [{"id": i, "title": rows[i][1], "first": rows[i][2], "last": rows[i][3], "size": rows[i][4],
                 "unread": int(rows[i][5]), "languages": sorted(set((rows[i][6] or "").split(",")) - {""}),
                 "sources": sorted(names.get(i, []))} for i in ids if i in rows]

    def story_articles(self, story_id: int) -> list[ArticleRow]:
        """A story's articles as `list` gives them (newest first)."""
        rows = self.conn.execute(
            "SELECT a.id, a.sort_key, a.lang, s.name, a.title, a.is_read, a.starred, a.url, a.published IS NULL"
            " FROM story_articles m JOIN articles a ON a.id = m.article_id LEFT JOIN sources s ON s.id = a.source_id"
            f" WHERE m.story_id = ? ORDER BY {LIST_ORDER}", (story_id,))
        return [ArticleRow(r[0], r[1], r[2], r[3], r[4], bool(r[5]), bool(r[6]), r[7], "added" if r[8] else "published")
                for r in rows]

    # --- site memory ---------------------------------------------------------------------
    # (reader/ingest/sitememory.py: lines a site repeats on its pages are its furniture)

    def site_furniture(self, site: str, page: int | None = None, threshold: int | None = None) -> set[int]:
        """The keys of the site's furniture for a page: lines seen on `threshold` pages of the
        site counting this one, that is on `threshold - 1` pages before it (`threshold`, when
        the page itself was counted before: it is read again)."""
        from reader.ingest.sitememory import FURNITURE_PAGES

        need = (threshold or FURNITURE_PAGES) - 1
        if page is not None and self.conn.execute("SELECT 1 FROM site_pages WHERE site = ? AND page = ?",
                                                  (site, page)).fetchone():
            need += 1
        rows = self.conn.execute("SELECT line FROM site_lines WHERE site = ? AND pages >= ?", (site, need))
        return {r[0] for r in rows}

    def remember_site_lines(self, site: str, page: int, lines: Iterable[int], *, max_lines: int | None = None,
                            max_pages: int | None = None) -> bool:
        """Count a page's distinct lines for its site, once per page (False: counted before).
        Bounded per site: the least seen lines (then the longest unseen) go past `max_lines`,
        the oldest pages' ids past `max_pages` (their counts stay)."""
        from reader.ingest.sitememory import MAX_LINES, MAX_PAGES

        keys = set(lines)
        if not site or not keys:
            return False
        max_lines, max_pages = max_lines or MAX_LINES, max_pages or MAX_PAGES
        with self.transaction() as c:
            if c.execute("SELECT 1 FROM site_pages WHERE site = ? AND page = ?", (site, page)).fetchone():
                return False
            seen = (c.execute("SELECT MAX(seen) FROM site_pages WHERE site = ?", (site,)).fetchone()[0] or 0) + 1
            c.execute("INSERT INTO site_pages (site, page, seen) VALUES (?, ?, ?)", (site, page, seen))
            c.executemany("INSERT INTO site_lines (site, line, pages, seen) VALUES (?, ?, 1, ?)"
                          " ON CONFLICT (site, line) DO UPDATE SET pages = pages + 1, seen = excluded.seen",
                          [(site, k, seen) for k in keys])
            n = c.execute("SELECT COUNT(*) FROM site_lines WHERE site = ?", (site,)).fetchone()[0]
            if n > max_lines:
                c.execute("DELETE FROM site_lines WHERE site = ? AND line IN (SELECT line FROM site_lines"
                          " WHERE site = ? ORDER BY pages, seen LIMIT ?)", (site, site, n - max_lines))
            c.execute("DELETE FROM site_pages WHERE site = ? AND seen <= ?", (site, seen - max_pages))
        return True


#: Share of word pairs from which two texts under one URL or GUID are one article, edited:
#: of the shorter text's word pairs, how many the other holds. Measured on the news corpora
#: (bench/identity.py): an edited article (a paragraph added or dropped, a new title, typos
#: in one word in ten) keeps 0.76 or more; another article of the same source shares at
#: most 0.13, two outlets' stories 0.36 (two outlets' reports of one event, median 0.49).
SAME_TEXT = 0.55
_WORD = re.compile(r"\w+")


def _bigrams(title: str, texts: Iterable[str]) -> set[tuple[str, str]]:
    words = _WORD.findall(" ".join([title, *texts]).casefold())
    return set(zip(words, words[1:])) if len(words) > 1 else {(w, "") for w in words}


def text_overlap(a: set, b: set) -> float:
    """How much of the shorter text's word pairs the other holds (0..1)."""
    if not a or not b:
        return 1.0 if a == b else 0.0
    return len(a & b) / min(len(a), len(b))


def _fold(text: str) -> str:
    """A name as `source` filters compare it: NFC, case-folded, whitespace squeezed."""
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


def _norm_tag(tag: str) -> str:
    """A tag as stored: whitespace squeezed; an empty one is a ValueError."""
    tag = " ".join(str(tag).split())
    if not tag:
        raise ValueError("a tag cannot be empty")
    return tag


def _tag_list(tag: str | Iterable[str] | None) -> list[str]:
    """The `tag` filter as a list: None, one tag, or several."""
    if not tag:
        return []
    return [" ".join(tag.split())] if isinstance(tag, str) else [" ".join(t.split()) for t in tag]


def _blocks_of(article: Article) -> list[tuple[int, str, str, str | None, str | None]]:
    """(seq, kind, text, credit, lang) rows: the body in order, then the captions."""
    rows = [(i, b.kind, b.text, None, b.lang) for i, b in enumerate(article.body)]
    n = len(rows)
    rows += [(n + i, "caption", c.text, c.credit, None) for i, c in enumerate(article.captions)]
    return rows


def open_store(home: str | os.PathLike | None = None, progress: Progress | None = None, *,
               db: str | os.PathLike | None = None, user: str | None = None) -> Store:
    """The store `db` names (`--db`, READER_DB, settings' `db`: an SQLite file, or a
    postgresql:// URL), else the one in the data folder (`--home`, READER_HOME, settings, XDG).
    `user`: whose per-person state, on PostgreSQL (SQLite stores are one person's)."""
    from reader.config import db_target

    target = db_target(home, db)
    if isinstance(target, str):
        from reader.store.postgres import PostgresStore

        return PostgresStore(target, progress, user=user)
    return Store(target, progress)


#: The SQLite store by its engine's name (`Store` is the same class).
SqliteStore = Store
