"""The local SQLite store: schema and migrations, articles, full-text search, caches."""

from reader.store.store import ArticleRow, Hit, SourceRow, Store, content_hash, open_store

__all__ = ["ArticleRow", "Hit", "SourceRow", "Store", "content_hash", "open_store"]
