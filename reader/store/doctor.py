"""`reader doctor`: check a store, and copy what can still be read into a new one.

The check is SQLite's own (`PRAGMA quick_check`, then `integrity_check`), one line per
problem. Recovery reads the damaged database read-only (`mode=ro`: the original is never
written) table by table; a table that cannot be read whole is read row by row, by rowid,
skipping what sits on unreadable pages. The rows go into a new store made by today's
schema; the search index and the stories are rebuilt there from the recovered text.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

#: Rebuilt in the new store rather than copied: the search index, the stories, the task list.
_REBUILT = ("search", "stories", "story_", "pending", "sqlite_")
#: Row by row, at most this many rowids past the last one read are tried when the table's
#: highest rowid cannot be read.
_PROBE = 100_000


@dataclass
class Check:
    path: Path
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass
class Recovered:
    out: Path
    tables: dict[str, tuple[int, int]] = field(default_factory=dict)  # table: (rows copied, rowids unreadable)
    notes: list[str] = field(default_factory=list)


def open_read_only(path: Path) -> sqlite3.Connection:
    """The database at `path`, opened so that nothing can be written to it."""
    if not path.is_file():
        raise FileNotFoundError(f"{path}: no such store")
    wal = Path(f"{path}-wal")
    # Without a write-ahead log to read, `immutable` opens it without even creating one beside it.
    flags = "mode=ro" if wal.exists() and wal.stat().st_size else "mode=ro&immutable=1"
    return sqlite3.connect(f"file:{quote(str(path.resolve()))}?{flags}", uri=True, isolation_level=None)


def check(path: str | Path, limit: int = 100) -> Check:
    """SQLite's checks of the store at `path`, read-only: one line per problem (empty when sound)."""
    path = Path(path)
    result = Check(path)
    try:
        conn = open_read_only(path)
    except (sqlite3.Error, OSError) as exc:
        result.problems.append(f"cannot open: {exc}")
        return result
    try:
        for pragma in ("quick_check", "integrity_check"):
            try:
                rows = [r[0] for r in conn.execute(f"PRAGMA {pragma}({int(limit)})")]
            except sqlite3.Error as exc:
                rows = [f"{pragma}: {exc}"]
            for line in rows:
                if line != "ok" and line not in result.problems:
                    result.problems.append(" ".join(str(line).split()))
            if result.problems:
                break  # integrity_check says again what quick_check found, at length
    finally:
        conn.close()
    return result


def _tables(conn: sqlite3.Connection) -> list[str]:
    rows = conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table'").fetchall()
    return [n for n, sql in rows if not n.startswith(_REBUILT) and "VIRTUAL TABLE" not in (sql or "").upper()]


def _columns(conn: sqlite3.Connection, table: str) -> list[str]:
    return [r[1] for r in conn.execute(f'PRAGMA table_info("{table}")')]


def _key(conn: sqlite3.Connection, table: str) -> str:
    """The column rows are read by, one value at a time: rowid, else the first primary-key column
    (a WITHOUT ROWID table: blocks by article_id)."""
    sql = conn.execute("SELECT sql FROM sqlite_master WHERE name = ?", (table,)).fetchone()[0] or ""
    if "WITHOUT ROWID" not in sql.upper():
        return "rowid"
    pk = sorted((r[5], r[1]) for r in conn.execute(f'PRAGMA table_info("{table}")') if r[5])
    return pk[0][1]


def _rows(src: sqlite3.Connection, table: str, cols: str, key: str, top_hint: int | None,
          unreadable: list[int]) -> Iterator[tuple]:
    """Every readable row of `table`: in one pass while it reads, then key value by key value
    (from where the pass stopped), skipping the values whose rows sit on unreadable pages."""
    last = None
    try:
        for row in src.execute(f'SELECT "{key}", {cols} FROM "{table}" ORDER BY "{key}"'):
            last = row[0]
            yield row[1:]
        return
    except sqlite3.DatabaseError:
        pass
    if last is not None and not isinstance(last, int):
        unreadable.append(0)  # not a number to count on from: the rest is lost
        return
    top = None
    for sql in (f'SELECT max("{key}") FROM "{table}"', f'SELECT "{key}" FROM "{table}" ORDER BY "{key}" DESC LIMIT 1'):
        try:
            top = (src.execute(sql).fetchone() or [None])[0]
            break
        except sqlite3.DatabaseError:
            continue
    if not isinstance(top, int):
        top = top_hint if top_hint is not None else (last or 0) + _PROBE
    for value in range(last if last is not None else 1, top + 1):  # the last value may have more rows
        try:
            rows = src.execute(f'SELECT {cols} FROM "{table}" WHERE "{key}" = ?', (value,)).fetchall()
        except sqlite3.DatabaseError:
            unreadable.append(value)
            continue
        for row in rows:
            yield tuple(row)


def recover(path: str | Path, out: str | Path, progress: Callable[[str], None] | None = None) -> Recovered:
    """Copy what can be read of the store at `path` into a new store at `out` (which must not exist)."""
    from reader.store.store import Store

    path, out = Path(path), Path(out)
    if out.exists():
        raise FileExistsError(f"{out}: already exists; recovery writes a new store")
    if out.resolve() == path.resolve():
        raise FileExistsError(f"{out}: is the damaged store itself")
    src = open_read_only(path)
    result = Recovered(out)
    try:
        Store(out).close()  # today's schema, empty
        dst = sqlite3.connect(out, isolation_level=None)
        try:
            dst.execute("PRAGMA foreign_keys = OFF")
            wanted = set(_tables(dst))
            try:
                tables = _tables(src)
            except sqlite3.DatabaseError as exc:
                raise sqlite3.DatabaseError(f"cannot read the list of tables ({exc}): nothing can be recovered") from None
            first = {"sources": 0, "articles": 1}  # their ids bound the others' row by row reading
            for table in sorted((t for t in tables if t in wanted), key=lambda t: first.get(t, 2)):
                cols = [c for c in _columns(src, table) if c in set(_columns(dst, table))]
                if not cols:
                    continue
                names = ", ".join(f'"{c}"' for c in cols)
                unreadable: list[int] = []
                copied = 0
                key = _key(src, table)
                hint = dst.execute("SELECT max(id) FROM articles").fetchone()[0] if key == "article_id" else None
                dst.execute("BEGIN")
                for row in _rows(src, table, names, key, hint, unreadable):
                    dst.execute(f'INSERT OR IGNORE INTO "{table}" ({names}) VALUES ({", ".join("?" * len(cols))})', row)
                    copied += 1
                dst.execute("COMMIT")
                result.tables[table] = (copied, len(unreadable))
                if progress:
                    progress(f"{table}: {copied:,} rows" + (f" (some unreadable: {len(unreadable):,} {key} values skipped)" if unreadable else ""))
            # Rows whose article was lost go with it; the index and the stories are rebuilt.
            dst.execute("BEGIN")
            dropped = 0
            for table in sorted({r[0] for r in dst.execute("PRAGMA foreign_key_check").fetchall()}):
                for fk in dst.execute(f'PRAGMA foreign_key_list("{table}")').fetchall():
                    parent, column, to = fk[2], fk[3], fk[4] or "rowid"
                    dropped += dst.execute(f'DELETE FROM "{table}" WHERE "{column}" IS NOT NULL AND "{column}" NOT IN '
                                           f'(SELECT "{to}" FROM "{parent}")').rowcount
            if dropped:
                result.notes.append(f"{dropped:,} rows dropped whose article or source was lost")
            for table, (_, lost) in list(result.tables.items()):  # what the copy holds, after that
                result.tables[table] = (dst.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0], lost)
            dst.execute("INSERT OR IGNORE INTO pending (task) VALUES ('reindex')")
            dst.execute("INSERT OR IGNORE INTO pending (task) VALUES ('stories')")
            dst.execute("COMMIT")
        finally:
            dst.close()
        Store(out).close()  # runs the rebuilds
    except BaseException:
        for p in (out, Path(f"{out}-wal"), Path(f"{out}-shm")):
            p.unlink(missing_ok=True)
        raise
    finally:
        src.close()
    return result
