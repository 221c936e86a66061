"""Nominatives of places the Russian dictionary does not know (prints figures).

    .venv/bin/python bench/place_nominative.py

The names: the single-word Russian city names of reader/data/places.tsv (GeoNames) that
pymorphy3's dictionary does not know, 2,795 of them; each name in the nominative and in the
regular case forms of its declension (a consonant: Аахен, Аахена, Аахену, Аахеном, Аахене;
-а after a consonant: Агартала, Агарталы, Агартале, Агарталу, Агарталой). Each form goes
through `normalise(form, "ru", "LOC")`, the index's own code, and must give the name back.
Per case and weighted by a guess at how often a place is met in each case in the news
(nominative 0.25, genitive 0.25, prepositional 0.30, accusative 0.08, dative 0.05,
instrumental 0.07), for today's code and for pymorphy3's predictor alone (`predictor`:
`Nominative.unknown_place_or_body` switched off), on two halves split by a hash of the name.
The rules of `unknown_place_or_body` come from Russian grammar and the share of endings
over the whole list (three in four such names end in a consonant), not from either half.
"""

from __future__ import annotations

import hashlib
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from reader.entities import nominative  # noqa: E402

WEIGHTS = {"nomn": 0.25, "gent": 0.25, "loct": 0.30, "accs": 0.08, "datv": 0.05, "ablt": 0.07}
_HUSHING = "цжшчщ"


def unknown_names() -> list[str]:
    names = set()
    for line in (ROOT / "reader" / "data" / "places.tsv").open(encoding="utf-8"):
        if not line.startswith("#"):
            names |= {n for n in line.rstrip("\n").split("\t")[1:] if re.fullmatch(r"[А-ЯЁ][а-яё]{3,}", n)}
    parse = nominative.nominative_for("ru").parse
    return sorted(n for n in names if not any(p.is_known for p in parse(n.lower())))


def forms(name: str) -> list[tuple[str, str]]:
    low = name.lower()
    out = [("nomn", name)]
    if low[-1] in "бвгджзклмнпрстфхцчшщ":
        out += [("gent", name + "а"), ("datv", name + "у"), ("ablt", name + ("ем" if low[-1] in _HUSHING else "ом")),
                ("loct", name + "е")]
    elif low[-1] == "а" and low[-2] not in "аеиоуыэюя":
        stem = name[:-1]
        out += [("gent", stem + ("и" if low[-2] in "гкхжшчщ" else "ы")), ("datv", stem + "е"), ("accs", stem + "у"),
                ("ablt", stem + ("ей" if low[-2] in _HUSHING else "ой")), ("loct", stem + "е")]
    return out


def score(names: list[str]) -> dict[str, float]:
    right, total = Counter(), Counter()
    for name in names:
        for case, form in forms(name):
            total[case] += 1
            right[case] += nominative.normalise(form, "ru", "LOC") == name
    return {case: right[case] / total[case] for case in WEIGHTS}


def main() -> None:
    names = unknown_names()
    halves = {h: [n for n in names if (hashlib.sha1(n.encode()).digest()[0] % 2 == 0) == (h == "tune")] for h in ("tune", "held-out")}
    results = {h: {"today": score(ns)} for h, ns in halves.items()}
    today = nominative.Nominative.unknown_place_or_body
    nominative.Nominative.unknown_place_or_body = lambda self, word, label: None
    for h, ns in halves.items():
        results[h]["predictor"] = score(ns)
    nominative.Nominative.unknown_place_or_body = today
    print(f"{len(names)} single-word Russian city names the dictionary does not know (tune {len(halves['tune'])}, held-out {len(halves['held-out'])})")
    print(f"{'half':9} {'code':10} " + " ".join(f"{c:>5}" for c in WEIGHTS) + "  weighted")
    for h, by in results.items():
        for code, r in by.items():
            print(f"{h:9} {code:10} " + " ".join(f"{r[c]:5.3f}" for c in WEIGHTS) + f"  {sum(WEIGHTS[c] * r[c] for c in WEIGHTS):.3f}")


if __name__ == "__main__":
    main()
