"""The store on a PostgreSQL server: the same store, for a team (README: "Team store on PostgreSQL").

`PostgresStore` is `Store` with a different connection: the store's SQL is written once, in
SQLite's dialect where the two differ, and `PgConnection` reads it as PostgreSQL does
(`?` placeholders, `INSERT OR IGNORE`, `group_concat`, two-argument `min`/`max`,
`json_each`, `LIMIT -1`, `lastrowid`), returning rows that index by name and position as
`sqlite3.Row` does. What cannot be said in the shared SQL (the search index, migrations)
is a method here. The schema is pg_schema.py's.

Driver: psycopg 3 (`pip install 'reader[postgres]'`): the maintained PostgreSQL driver for
Python, with libpq inside its binary wheel, so the connection string, `PGPASSWORD`,
`~/.pgpass` and service files work as in psql, and the reader never handles a password.
Client-side binding (ClientCursor) is used: the store's SQL leaves parameter types to be
inferred (`? IS NULL`, `min(first, ?)`), as SQLite does.
"""

from __future__ import annotations

import getpass
import os
import re
import unicodedata
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from decimal import Decimal
from functools import lru_cache
from urllib.parse import urlsplit, urlunsplit

from reader.store import fts
from reader.store.pg_schema import PG_MIGRATIONS, PG_SCHEMA_VERSION
from reader.store.schema import SchemaError
from reader.store.store import RANK_WINDOW, VARIANTS, Progress, SourceRow, Store, StoreError

#: ts_rank weights of D, C, B, A: body_terms and names, body, title_terms, title, as
#: fts.WEIGHTS (1, 2, 5, 10) scaled into 0..1.
RANK_WEIGHTS = "{0.1, 0.2, 0.5, 1.0}"
#: ts_rank normalisation: 1 divides by 1 + log(length), as BM25 damps long texts.
RANK_NORMALISATION = 1
#: PostgreSQL keeps positions up to this; a lexeme is at most 2046 bytes.
MAX_POSITION = 16383
MAX_LEXEME = 2000
#: Prefixes of dictionary forms and of name keys in the tsvector: each kind of term is its
#: own lexeme, as each is its own FTS5 column (one lexeme's positions keep one weight each).
FORM_MARK = "~"
NAME_MARK = "#"
#: Rowids per block of the search index (pg_schema's version 7: `rowid / 4096` beside the
#: tsvector): 1,024 articles' texts.
BUCKET = 4096


def redact(target: str) -> str:
    """The target as it may be shown: without a password."""
    parts = urlsplit(target)
    if parts.password is None:
        return target
    host = parts.hostname or ""
    if parts.port:
        host += f":{parts.port}"
    user = f"{parts.username}@" if parts.username else ""
    return urlunsplit((parts.scheme, user + host, parts.path, parts.query, parts.fragment))


def default_user() -> str:
    """Whose read, starred, tags and saved searches: READER_USER, else the login name."""
    return os.environ.get("READER_USER") or getpass.getuser()


# --- the dialect ------------------------------------------------------------------------

_REWRITES = [
    (re.compile(r"^\s*BEGIN IMMEDIATE\s*$", re.I), "BEGIN"),
    (re.compile(r"\bgroup_concat\(DISTINCT ([\w.]+)\)", re.I), r"string_agg(DISTINCT \1, ',')"),
    (re.compile(r"\b(?:sum|total)\(([\w.]+ = 0)\)", re.I), r"count(*) FILTER (WHERE \1)"),
    (re.compile(r"\bmin\(([\w.]+), ", re.I), r"least(\1, "),
    (re.compile(r"\bmax\(([\w.]+), ", re.I), r"greatest(\1, "),
    (re.compile(r"\bjson_each\(%s\)", re.I), "json_each_text(%s::json)"),
    (re.compile(r"\bLIMIT %s", re.I), "LIMIT nullif(%s, -1)"),  # SQLite's LIMIT -1: no limit
]
_OR_IGNORE = re.compile(r"^\s*INSERT OR IGNORE INTO", re.I)
_UPSERT = re.compile(r"^\s*INSERT INTO (\w+)\b.* DO UPDATE SET ", re.I | re.S)
#: Tables whose INSERT gives the new row's id (cursor.lastrowid).
_ID_INSERT = re.compile(r"^\s*INSERT INTO (sources|articles|stories)\b(?!.*\bRETURNING\b)", re.I | re.S)


@lru_cache(maxsize=1024)
def translate(sql: str) -> tuple[str, bool]:
    """SQLite's SQL as PostgreSQL reads it, and whether it now returns the new row's id."""
    out, quote = [], None
    for ch in sql:
        if quote:
            out.append("%%" if ch == "%" else ch)
            quote = None if ch == quote else quote
        elif ch in "'\"":
            quote = ch
            out.append(ch)
        else:
            out.append("%s" if ch == "?" else "%%" if ch == "%" else ch)
    text = "".join(out)
    for pattern, repl in _REWRITES:
        text = pattern.sub(repl, text)
    if _OR_IGNORE.match(text):
        text = _OR_IGNORE.sub("INSERT INTO", text) + " ON CONFLICT DO NOTHING"
    upsert = _UPSERT.match(text)
    if upsert:  # `SET n = n + 1`: PostgreSQL asks which n, the stored row's or the new one's
        head, sets = text.split(" DO UPDATE SET ", 1)
        text = head + " DO UPDATE SET " + re.sub(r"\b(\w+) = \1\b", rf"\1 = {upsert.group(1)}.\1", sets)
    returning = bool(_ID_INSERT.match(text))
    return (text + " RETURNING id" if returning else text), returning


@lru_cache(maxsize=512)
def _row_class(names: tuple[str, ...]) -> type:
    """A tuple that also answers row['name'], as sqlite3.Row does."""
    index = {n: i for i, n in enumerate(names)}

    def getitem(self, key, _get=tuple.__getitem__):
        return _get(self, index[key]) if isinstance(key, str) else _get(self, key)

    return type("Row", (tuple,), {"__slots__": (), "__getitem__": getitem, "keys": lambda self: list(names)})


def _rows(cursor):
    names = tuple(c.name for c in cursor.description) if cursor.description else ()
    return _row_class(names)


class PgCursor:
    """What the store reads of a cursor: rows, rowcount, lastrowid."""

    def __init__(self, cursor, returning: bool):
        self._cursor = cursor
        self.lastrowid = cursor.fetchone()[0] if returning else None
        self.rowcount = cursor.rowcount

    def fetchone(self):
        return self._cursor.fetchone() if self._cursor.description else None

    def fetchall(self) -> list:
        return self._cursor.fetchall() if self._cursor.description else []

    @property
    def description(self):
        return self._cursor.description

    def __iter__(self) -> Iterator:
        return iter(self.fetchall())


class PgConnection:
    """A psycopg connection that takes the store's SQL (see the module's docstring)."""

    def __init__(self, conn, shown: str):
        self.raw = conn
        self.shown = shown

    def execute(self, sql: str, params: Iterable = ()) -> PgCursor:
        text, returning = translate(sql)
        cursor = self.raw.cursor()
        try:
            cursor.execute(text, tuple(params))
        except Exception as exc:
            _reraise(exc, self.shown)
        return PgCursor(cursor, returning)

    def executemany(self, sql: str, rows: Iterable) -> None:
        text, _ = translate(sql)
        rows = [tuple(r) for r in rows]
        if rows:
            try:
                self.raw.cursor().executemany(text, rows)
            except Exception as exc:
                _reraise(exc, self.shown)

    @property
    def in_transaction(self) -> bool:
        from psycopg.pq import TransactionStatus

        return self.raw.info.transaction_status != TransactionStatus.IDLE

    def commit(self) -> None:
        if self.in_transaction:
            self.raw.execute("COMMIT")

    def close(self) -> None:
        self.raw.close()


def _reraise(exc: Exception, shown: str) -> None:
    """A lost or refused connection is a StoreError naming the server; other errors stay
    what they are (an integrity error is the caller's to handle)."""
    import psycopg

    if isinstance(exc, psycopg.OperationalError) and not isinstance(exc, psycopg.errors.QueryCanceled):
        raise StoreError(f"{shown}: the database server failed ({' '.join(str(exc).split())})") from None
    raise exc


def _numeric_loader():
    """sum() over integers is numeric in PostgreSQL: read it as an int (as SQLite gives)."""
    from psycopg.adapt import Loader

    class NumberLoader(Loader):
        def load(self, data) -> int | float:
            value = Decimal(bytes(data).decode())
            return int(value) if value == value.to_integral_value() else float(value)

    return NumberLoader


def connect(target: str, user: str):
    """An open psycopg connection (autocommit; the store begins its own transactions) for
    `user`; a StoreError in one line naming the server, never its password."""
    try:
        import psycopg
    except ImportError:
        raise StoreError(f"{redact(target)}: a PostgreSQL store needs psycopg: pip install 'reader[postgres]'") from None
    try:
        conn = psycopg.connect(target, autocommit=True, cursor_factory=psycopg.ClientCursor, row_factory=_rows,
                               connect_timeout=int(os.environ.get("PGCONNECT_TIMEOUT", "10")))
    except psycopg.Error as exc:
        raise StoreError(f"{redact(target)}: cannot connect to the PostgreSQL store ({' '.join(str(exc).split())})") from None
    except Exception as exc:  # a malformed URL: psycopg's ProgrammingError or a ValueError
        raise StoreError(f"{redact(target)}: not a PostgreSQL URL the reader can use ({' '.join(str(exc).split())})") from None
    conn.adapters.register_loader("numeric", _numeric_loader())
    conn.execute("SELECT set_config('reader.user', %s, false)", (user,))
    return conn


# --- migrations -------------------------------------------------------------------------

_LOCK = 0x72656164  # pg_advisory lock key: one migration at a time per database
_FEED_LOCK = 0x72656166  # with a feed's id: the refresher that holds it


def schema_version(conn: PgConnection) -> int:
    if conn.execute("SELECT to_regclass('schema_version')").fetchone()[0] is None:
        return 0
    row = conn.execute("SELECT version FROM schema_version").fetchone()
    return row[0] if row else 0


def migrate(conn: PgConnection, upto: int = PG_SCHEMA_VERSION) -> int:
    """Bring the database up to version `upto`, each step in its own transaction, under an
    advisory lock: processes opening a new store at once do each step once."""
    version = schema_version(conn)
    if version > PG_SCHEMA_VERSION:
        raise SchemaError(f"{conn.shown}: store schema version {version} is newer than this reader ({PG_SCHEMA_VERSION}); upgrade reader")
    while version < upto:
        conn.execute("BEGIN")
        try:
            conn.execute("SELECT pg_advisory_xact_lock(?)", (_LOCK,))
            conn.execute("CREATE TABLE IF NOT EXISTS schema_version (version BIGINT NOT NULL)")
            version = schema_version(conn)
            if version < upto:
                conn.raw.execute(PG_MIGRATIONS[version])
                conn.execute("DELETE FROM schema_version")
                conn.execute("INSERT INTO schema_version (version) VALUES (?)", (version + 1,))
                version += 1
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.raw.execute("ROLLBACK")
            raise
    return version


# --- search -----------------------------------------------------------------------------


def _latin_table() -> dict[int, str]:
    """Latin letters without their diacritics, as FTS5's `remove_diacritics 2` reads them
    (Cyrillic `й`, `ї` stay: FTS5 leaves other scripts as they are)."""
    table = {}
    for cp in [*range(0xC0, 0x250), *range(0x1E00, 0x1F00)]:
        base = "".join(c for c in unicodedata.normalize("NFD", chr(cp)) if not unicodedata.combining(c))
        if base and base != chr(cp):
            table[cp] = base
    return table


_LATIN = _latin_table()
_TOKEN = re.compile(r"[^\W_]+")


def tokens(text: str) -> list[str]:
    """The index's tokens of an analysed text, as FTS5's unicode61 tokenizer cuts them."""
    return _TOKEN.findall(text.translate(_LATIN).lower())


def _lexeme(token: str) -> str:
    return "'" + token.replace("\\", "\\\\").replace("'", "''") + "'"


def tsvector(columns: tuple[str, ...]) -> str:
    """A tsvector literal for fts.row's five texts. Weights stand for the columns: A the
    title's words, B their dictionary forms, C the body's words, D its forms and the names;
    forms and name keys are marked (FORM_MARK, NAME_MARK). Positions count words, one gap
    between title and body, so a phrase never runs from the title into the body."""
    title, body, title_terms, body_terms, names = columns
    positions: dict[str, list[str]] = {}

    def put(texts: list[tuple[str, str]], mark: str = "") -> None:
        pos = 1
        for text, weight in texts:
            for t in tokens(text):
                lexeme = mark + t
                if len(lexeme.encode()) <= MAX_LEXEME:
                    positions.setdefault(lexeme, []).append(f"{min(pos, MAX_POSITION)}{weight}")
                pos += 1
            pos += 1

    put([(title, "A"), (body, "C")])
    put([(title_terms, "B"), (body_terms, "D")], FORM_MARK)
    put([(names, "D")], NAME_MARK)
    return " ".join(f"{_lexeme(lex)}:{','.join(p)}" for lex, p in positions.items())




def tsquery(query: fts.Query) -> str | None:
    """The tsquery of a user's query: fts.clauses' alternatives, each kind of term by its mark.
    No weights in the query: a lexeme's kind is in its mark (the weights only rank), and the
    GIN index answers a query without weights exactly, with no row read to check them."""
    parts, whole = fts.clauses(query)

    def term(kind: str, text: str) -> str | None:
        mark = {"names": NAME_MARK, "forms": FORM_MARK}.get(kind, "")
        found = [mark + t for t in tokens(text)]
        if not found or any(len(t.encode()) > MAX_LEXEME for t in found):
            return None  # nothing to look for, or a word too long to be in the index
        return "(" + " <-> ".join(_lexeme(t) for t in found) + ")"

    clauses = []
    for alts in parts:
        terms = [t for kind, texts in alts for t in (term(kind, x) for x in texts) if t]
        if not terms:
            return None  # a clause nothing can match: no text matches them all
        clauses.append("(" + " | ".join(terms) + ")")
    if not clauses:
        return None
    expr = " & ".join(clauses)
    names = [t for t in (term("names", k) for k in whole) if t]
    return f"({expr}) | " + " | ".join(names) if names else expr


# --- the store --------------------------------------------------------------------------


class PostgresStore(Store):
    """The store in a PostgreSQL database: `target` is its URL (postgresql://…); `user` whose
    read, starred, tags and saved searches (default: READER_USER, else the login name)."""

    engine = "postgresql"

    def __init__(self, target: str, progress: Progress | None = None, *, user: str | None = None,
                 read_only: bool = False, max_pages: int | None = None):
        self.target = str(target)
        self.path = redact(self.target)  # what messages name
        self.user = user or default_user()
        self.conn = PgConnection(connect(self.target, self.user), self.path)
        import psycopg

        self.IntegrityError = psycopg.IntegrityError
        try:
            if read_only:
                self.conn.execute("SET default_transaction_read_only = on")
                if schema_version(self.conn) < PG_SCHEMA_VERSION:
                    raise StoreError(f"{self.path}: the store needs upgrading, which a read-only store cannot be: "
                                     "open it once with write access")
            else:
                migrate(self.conn)
                self.run_pending(progress)
        except BaseException:
            self.conn.close()
            raise

    def reopen(self) -> "PostgresStore":
        return PostgresStore(self.target, user=self.user)

    def data_version(self) -> object:
        """Changes when anything is written to the server (the TUI polls it to reload)."""
        return self.conn.execute("SELECT pg_current_wal_insert_lsn()::text").fetchone()[0]

    @contextmanager
    def claim_feeds(self, due_before: str | None = None, limit: int | None = None) -> Iterator[list[SourceRow]]:
        """As Store.claim_feeds, each feed locked for this refresher: a session advisory lock
        per feed, taken with pg_try_advisory_lock (SKIP LOCKED's semantics: a feed another
        refresher holds is passed over) on a connection of the claim's own, so a refresher
        killed mid-run frees its feeds when the server sees its connection drop. (A row lock
        on `sources` would make the refresher wait on itself when it records the feed's
        state.) A feed is taken only if it is still due once locked: another refresher may
        have just done it."""
        holder = connect(self.target, self.user)
        try:
            claimed = []
            for feed in self._due_feeds(due_before):
                if limit is not None and len(claimed) >= limit:
                    break
                if not holder.execute("SELECT pg_try_advisory_lock(%s, %s)", (_FEED_LOCK, feed.id)).fetchone()[0]:
                    continue
                fresh = next((f for f in self._due_feeds(due_before) if f.id == feed.id), None)
                if fresh is None:
                    holder.execute("SELECT pg_advisory_unlock(%s, %s)", (_FEED_LOCK, feed.id))
                else:
                    claimed.append(fresh)
            yield claimed
        finally:
            holder.close()  # every lock goes with the connection

    def _pending(self) -> list[str]:
        return [r[0] for r in self.conn.execute("SELECT task FROM pending")]

    @contextmanager
    def _snapshot(self) -> Iterator[None]:
        self.conn.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        try:
            yield
        finally:
            self.conn.raw.execute("ROLLBACK")

    def _has_table(self, name: str) -> bool:
        return self.conn.execute("SELECT to_regclass(?) IS NOT NULL", (name,)).fetchone()[0]

    def _stream(self, sql: str) -> Iterator:
        """The rows of a query through a server-side cursor, a batch at a time (in a transaction)."""
        with self.conn.raw.cursor(name=f"reader_stream_{id(sql)}", row_factory=_rows) as cursor:
            cursor.itersize = 2000
            cursor.execute(translate(sql)[0].replace("%%", "%"))
            yield from cursor

    def _search_texts_readable(self) -> bool:
        return False  # a tsvector does not give its texts back: a copy rebuilds the index

    def _after_copy(self) -> None:
        """Rows came with their ids: each id sequence goes on from the largest."""
        for table, column in (("sources", "id"), ("article_rows", "id"), ("stories", "id"), ("story_postings", "rowid")):
            self.conn.execute(f"SELECT setval(pg_get_serial_sequence('{table}', '{column}'),"
                              f" coalesce((SELECT max({column}) FROM {table}), 0) + 1, false)")

    def _put_search(self, rowid: int, columns: tuple[str, ...]) -> None:
        self.conn.execute("INSERT INTO search (rowid, tsv) VALUES (?, ?::tsvector)"
                          " ON CONFLICT (rowid) DO UPDATE SET tsv = excluded.tsv", (rowid, tsvector(columns)))

    def _put_names(self, rowid: int, names: str) -> None:
        old = self.conn.execute("SELECT tsv::text FROM search WHERE rowid = ?", (rowid,)).fetchone()
        if old is None:
            return
        self.conn.execute(
            "UPDATE search SET tsv = ts_delete(tsv, ARRAY(SELECT w FROM unnest(tsvector_to_array(tsv)) w"
            " WHERE left(w, 1) = ?)) || ?::tsvector WHERE rowid = ?",
            (NAME_MARK, tsvector(("", "", "", "", names)), rowid))

    def _ranked(self, parsed: fts.Query, where: str, fargs: list, limit: int) -> list[tuple[int, float]]:
        """As Store._ranked: the newest RANK_WINDOW matches, ranked by ts_rank. The window's
        floor is looked for in the newest blocks of rowids (BUCKET) first, 4 times as many
        each try until the window is full or the blocks are all: the GIN index (block, tsv)
        then gives only the blocks' matches, where a common word's every match was read from
        the table. A floor found in the newest blocks is the same as among all matches."""
        q = tsquery(parsed)
        if q is None:
            return []
        only = f" AND rowid / {VARIANTS} IN (SELECT a.id FROM articles a{where})" if where else ""
        top = self.conn.execute("SELECT max(rowid) FROM search").fetchone()[0]
        if top is None:
            return []
        # `rowid + 0`: the matches come from the GIN index; ordered by the primary key instead,
        # PostgreSQL would read and test rows newest first, unpacking every text's tsvector.
        span, floor = 2, None
        while floor is None:
            first = top // BUCKET - span + 1
            blocks = f" AND rowid / {BUCKET} >= {first}::bigint" if first > 0 else ""  # bigint: btree_gin's operator
            floor = self.conn.execute(
                f"SELECT rowid FROM search WHERE tsv @@ ?::tsquery{blocks}{only} ORDER BY rowid + 0 DESC LIMIT 1 OFFSET ?",
                (q, *fargs, RANK_WINDOW)).fetchone()
            if not blocks:
                break
            span *= 4
        blocks = f" AND rowid / {BUCKET} >= {floor[0] // BUCKET}::bigint" if floor else ""
        rows = self.conn.execute(
            f"SELECT rowid, -ts_rank('{RANK_WEIGHTS}', tsv, ?::tsquery, {RANK_NORMALISATION}) AS score FROM search"
            f" WHERE tsv @@ ?::tsquery{blocks} AND rowid + 0 > ?{only} ORDER BY score, rowid DESC LIMIT ?",
            (q, q, floor[0] if floor else -1, *fargs, limit * VARIANTS)).fetchall()
        return [(r[0], r[1]) for r in rows]
