"""What `reader add` accepts: files, folders and URLs, each turned into Items in order."""

from __future__ import annotations

from collections.abc import Iterator

from reader.ingest.files import Item, SourceError, expand, path_text, read_file, unexpected
from reader.model import NoArticle


def is_url(text: str) -> bool:
    return text.startswith(("http://", "https://"))


def read_url(url: str, memory=None) -> Item:
    """Fetch and clean one page (the user asked for the network by naming a URL)."""
    from reader.ingest.web import FetchError, read_page

    try:
        article = read_page(url, memory=memory)
    except (FetchError, SourceError, NoArticle, LookupError) as exc:
        return Item(url, error=str(exc))
    except Exception as exc:  # noqa: BLE001 - a bug on one page must not stop the batch
        return Item(url, error=unexpected(exc))
    return Item(url, article)


def read_sources(paths: list[str], memory=None) -> Iterator[Item]:
    """Items for every input in order; a failure on one input is that input's error. With a
    site `memory` (reader.ingest.sitememory), each page is cleaned knowing what its site repeats."""
    for p in paths:
        if is_url(p):
            yield read_url(p, memory)
            continue
        try:
            files = list(expand([p]))
        except Exception as exc:  # noqa: BLE001 - an unreadable folder is that input's error
            yield Item(path_text(p), error=unexpected(exc))
            continue
        for path in files:
            yield from read_file(path, memory)
