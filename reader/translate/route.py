"""Which installed package(s) serve a language pair: direct, else through English."""

from __future__ import annotations

import os
from dataclasses import dataclass

from reader.translate.packages import InstalledPackage

PIVOT = "en"


class NoPackage(LookupError):
    """No installed package, direct or through English, translates source → target."""

    def __init__(self, source: str, target: str):
        self.source, self.target = source, target
        hint = f"`reader models install {source} {target}`"
        if PIVOT not in (source, target):
            hint += f" (or `reader models install {source} {PIVOT}` and `reader models install {PIVOT} {target}`)"
        super().__init__(f"no translation package for {source}→{target}: install one with {hint}")


@dataclass(frozen=True)
class Route:
    """The packages to apply in order; empty when source and target are the same language."""

    source: str
    target: str
    steps: tuple[InstalledPackage, ...]

    @property
    def key(self) -> str:
        """Cache key naming every model used: `en-uk@1.0`, `uk-en@1.0+en-ru@1.0`, or `` for none."""
        return "+".join(p.key for p in self.steps)


def plan(source: str, target: str, packages: list[InstalledPackage]) -> Route:
    """A direct package wins; otherwise pivot through English; otherwise NoPackage."""
    if source == target:
        return Route(source, target, ())
    by_pair = {(p.source, p.target): p for p in packages}
    if (source, target) in by_pair:
        return Route(source, target, (by_pair[source, target],))
    if (source, PIVOT) in by_pair and (PIVOT, target) in by_pair:
        return Route(source, target, (by_pair[source, PIVOT], by_pair[PIVOT, target]))
    raise NoPackage(source, target)


def find_route(source: str, target: str, home: str | os.PathLike | None = None) -> Route:
    """The route over the packages installed in the data folder."""
    from reader.translate.packages import installed

    return plan(source, target, installed(home))
