"""The store: schema and migrations, articles, full-text search, caches; SQLite by default,
PostgreSQL for a team (postgres.py), both behind one protocol (protocol.py)."""

from reader.store.store import ArticleRow, Hit, SourceRow, Store, content_hash, open_store

__all__ = ["ArticleRow", "Hit", "SourceRow", "Store", "content_hash", "open_store"]
