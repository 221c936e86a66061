"""What `reader add` accepts: files, folders and URLs, each turned into Items in order."""

from __future__ import annotations

from collections.abc import Iterator

from reader.ingest.files import Item, SourceError, expand, read_file
from reader.model import NoArticle


def is_url(text: str) -> bool:
    return text.startswith(("http://", "https://"))


def read_url(url: str) -> Item:
    """Fetch and clean one page (the user asked for the network by naming a URL)."""
    from reader.ingest.web import FetchError, read_page

    try:
        article = read_page(url)
    except (FetchError, SourceError, NoArticle, LookupError) as exc:
        return Item(url, error=str(exc))
    return Item(url, article)


def read_sources(paths: list[str]) -> Iterator[Item]:
    for p in paths:
        if is_url(p):
            yield read_url(p)
        else:
            for path in expand([p]):
                yield from read_file(path)
