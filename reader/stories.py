"""Stories: articles about one event, across sources and languages (issue 15)."""

from __future__ import annotations


def rebuild(store, progress=None) -> None:
    """Group every stored article into stories (the 'stories' task of migration 5)."""
