"""Move a store: `reader db copy SRC DST` copies every row of one store into another, SQLite
into PostgreSQL or back (or between two of one kind), with the same ids.

The source is read in one snapshot (a read transaction) and the destination written in
one transaction, so a copy cut short leaves the destination as it was (empty); then every
table's rows are counted on both sides. Both stores are opened at today's schema first.
Per-person state (read, starred, tags, saved searches) is one person's on each side: the
`user`'s on a PostgreSQL store, the SQLite store's own on SQLite.
The search index is carried as it is from SQLite (its analysed texts); from PostgreSQL
(whose tsvectors do not give the texts back) the destination rebuilds it from the texts.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass

from reader.store.store import Store, StoreError

#: Tables in the order their references need (a row's referents first). Tables a store
#: lacks are skipped; `pending` (work left) and the search index are handled apart.
TABLES = ["sources", "articles", "blocks", "entities", "entity_names", "translations", "stories", "story_articles",
          "story_postings", "story_df", "story_df_pending", "site_lines", "site_pages", "article_tags",
          "saved_searches"]
#: Rows written per statement.
BATCH = 1000

#: (table, rows done, rows in it).
CopyProgress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class Copied:
    """What a copy moved: {table: rows}, all verified equal on both sides."""

    tables: dict[str, int]
    search_rebuilt: bool


def open_target(target: str | os.PathLike, user: str | None = None) -> Store:
    """A store by its target (a postgresql:// URL, else an SQLite file), at today's schema."""
    from reader.config import db_target

    found = db_target(None, target)
    if isinstance(found, str):
        from reader.store.postgres import PostgresStore

        return PostgresStore(found, user=user)
    return Store(found)


def copy(src: Store, dst: Store, progress: CopyProgress | None = None) -> Copied:
    """Copy every row of `src` into the empty store `dst`; raises StoreError (nothing
    written) when `dst` holds anything, or when a table's count differs afterwards."""
    if dst.count() or dst.sources():
        raise StoreError(f"{dst.path}: the destination store is not empty; copy into a new one")
    done: dict[str, int] = {}
    with src._snapshot():
        tables = [t for t in TABLES if src._has_table(t) and dst._has_table(t)]
        totals = {t: src.conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}
        with dst.transaction():
            for table in tables:
                columns = [c for c in src._columns(table) if c in set(dst._columns(table))]
                names = ", ".join(f'"{c}"' for c in columns)  # quoted: entities has a column named end
                insert = f"INSERT INTO {table} ({names}) VALUES ({', '.join('?' * len(columns))})"
                order = " ORDER BY rowid" if table == "story_postings" else ""
                n, batch = 0, []
                for row in src._stream(f"SELECT {names} FROM {table}{order}"):
                    batch.append(tuple(row))
                    if len(batch) == BATCH:
                        dst.conn.executemany(insert, batch)
                        n, batch = n + len(batch), []
                        if progress:
                            progress(table, n, totals[table])
                if batch:
                    dst.conn.executemany(insert, batch)
                    n += len(batch)
                if progress:
                    progress(table, n, totals[table])
                done[table] = n
            rebuilt = not src._search_texts_readable()
            if rebuilt:
                dst._reindex((lambda task, i, total: progress("search", i, total)) if progress else None)
            else:
                n = 0
                for rowid, *columns in src._stream("SELECT rowid, title, body, title_terms, body_terms, names FROM search"):
                    dst._put_search(rowid, tuple(c or "" for c in columns))
                    n += 1
                    if progress and n % BATCH == 0:
                        progress("search", n, n)
            dst._after_copy()
            wrong = [f"{t}: {totals[t]:,} in the source, {dst.conn.execute(f'SELECT count(*) FROM {t}').fetchone()[0]:,} copied"
                     for t in tables if dst.conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] != totals[t]]
            searched = [src.conn.execute("SELECT count(*) FROM search").fetchone()[0],
                        dst.conn.execute("SELECT count(*) FROM search").fetchone()[0]]
            if searched[0] != searched[1]:
                wrong.append(f"search: {searched[0]:,} texts indexed in the source, {searched[1]:,} in the copy")
            if wrong:
                raise StoreError(f"{dst.path}: the copy does not match its source ({'; '.join(wrong)}); nothing was kept")
    return Copied(done, rebuilt)
