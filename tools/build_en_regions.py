"""Build reader/data/entities/en_regions.txt: the first-level regions of every country
(states, provinces, regions, Länder, oblasts…) from ISO 3166-2, for the English recogniser.

    .venv/bin/pip install pycountry && .venv/bin/python tools/build_en_regions.py

The model knows cities and countries better than regions: `Haryana said…` comes out a
person. A region's name the lists call a person's name (census given names and surnames),
or a generic word or a people's adjective (`Eastern`, `Centre`, `Somali`), is left out:
those stay to the model and the context rules. Names are written without diacritics, as
English news writes them (`Haryāna` → `Haryana`).
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pycountry

DATA = Path(__file__).resolve().parents[1] / "reader" / "data" / "entities"
#: Kinds of first-level subdivision that are regions a news text names (not districts,
#: parishes, municipalities or atolls, whose names are often people's or common words).
KINDS = {
    "State", "Province", "Region", "Autonomous region", "Autonomous community", "Autonomous republic",
    "Land", "Union territory", "Republic", "Prefecture", "Oblast", "Canton", "Voivodship",
    "Governorate", "Emirate", "Regional state", "Administrative region", "Federal district",
    "Territory", "Federal territory", "Autonomous province", "Autonomous city", "Country", "Nation",
}
#: English words some regions are named, which a text uses as words (the word list also
#: holds the proper nouns WordNet lists, `Punjab`, `Quebec`: those stay).
GENERIC = {
    "Centre", "Center", "Central", "Eastern", "Western", "Northern", "Southern", "North", "South", "East",
    "West", "Coast", "Gulf", "Plateau", "Lakes", "Unity", "Delta", "Rivers", "Balkan", "Afar", "Somali",
}


def ascii_name(name: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFKD", name) if not unicodedata.combining(ch))


def _listed(name: str) -> set[str]:
    return {line for line in (DATA / name).read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")}


def main() -> None:
    people, words = _listed("en_people.txt"), _listed("en_words.txt")
    out = set()
    for sub in pycountry.subdivisions:
        if sub.parent_code is not None or sub.type not in KINDS:
            continue
        name = ascii_name(sub.name.strip())
        # one name as English text writes it: Latin letters, no bracketed variants or slashes
        if not re.fullmatch(r"[A-Z][A-Za-z'’ -]+[a-z]", name) or len(name.split()) > 3:
            continue
        if name in people or name in GENERIC or (name.lower() in words and len(name) <= 3):
            continue
        out.add(name)
    header = (
        "# First-level regions (states, provinces, regions…) from ISO 3166-2 (Debian iso-codes,\n"
        "# LGPL-2.1-or-later, via pycountry), less census names and English words;\n"
        "# built by tools/build_en_regions.py.\n"
    )
    (DATA / "en_regions.txt").write_text(header + "\n".join(sorted(out)) + "\n", encoding="utf-8")
    print(len(out), "regions")


if __name__ == "__main__":
    main()
