"""Offline translation between English, Ukrainian and Russian with argos packages.

The small API the CLI and the TUI use:
- `translate_blocks(texts, source, target, home, on_progress, cancel)` → one text per block;
- `find_route(source, target, home).key` → the cache key of the package(s) serving a pair;
- `translate_article(store, article_id, target, …)` → (key, title, {seq: text}) via the cache;
- `NoPackage` (its message names the install command) and `Cancelled`.
Nothing heavy is imported here: CTranslate2 and SentencePiece load with the first model.
"""

from reader.translate.engine import Cancelled, translate_blocks
from reader.translate.packages import InstalledPackage, PackageError
from reader.translate.route import NoPackage, Route, find_route
from reader.translate.service import CannotTranslate, translate_article

__all__ = [
    "CannotTranslate", "Cancelled", "InstalledPackage", "NoPackage", "PackageError", "Route",
    "find_route", "translate_article", "translate_blocks",
]
