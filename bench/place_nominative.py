"""Nominatives of places the Russian or Ukrainian dictionary does not know (prints figures).

    .venv/bin/python bench/place_nominative.py

The names: the single-word Cyrillic city names of reader/data/places.tsv (GeoNames) that
pymorphy3's dictionary does not know: for Russian those without Ukrainian letters (2,795),
for Ukrainian those with і, ї or є (400); each name in the nominative and in the regular
case forms of its declension (a consonant: Аахен, Аахена, Аахену, Аахеном, Аахене / Аахені;
-а after a consonant: Агартала, Агарталы, Агартале, Агарталу, Агарталой / Агарталою). Each
form goes through `normalise(form, lang, "LOC")`, the index's own code, and must give the name back.
Per case and weighted by a guess at how often a place is met in each case in the news
(nominative 0.25, genitive 0.25, prepositional 0.30, accusative 0.08, dative 0.05,
instrumental 0.07), for today's code and for pymorphy3's predictor alone (`predictor`:
`Nominative.unknown_place_or_body` switched off), on two halves split by a hash of the name.
The rules of `unknown_place_or_body` come from grammar and the share of endings over the
whole Russian list (three in four such names end in a consonant), not from either half.
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


def unknown_names(lang: str) -> list[str]:
    names = set()
    for line in (ROOT / "reader" / "data" / "places.tsv").open(encoding="utf-8"):
        if not line.startswith("#"):
            names |= {n for n in line.rstrip("\n").split("\t")[1:] if re.fullmatch(r"[А-ЯЁІЇЄҐ][а-яёіїєґ']{3,}", n)}
    ukrainian = re.compile("[іїє]")
    names = {n for n in names if bool(ukrainian.search(n)) == (lang == "uk") and not re.search("[ыэёъ]", n)}
    parse = nominative.nominative_for(lang).parse
    return sorted(n for n in names if not any(p.is_known for p in parse(n.lower())))


def forms(name: str, lang: str) -> list[tuple[str, str]]:
    low = name.lower()
    out = [("nomn", name)]
    if low[-1] in "бвгґджзклмнпрстфхцчшщ":
        out += [("gent", name + "а"), ("datv", name + "у"), ("ablt", name + ("ем" if low[-1] in _HUSHING else "ом")),
                ("loct", name + ("е" if lang == "ru" else "і"))]
    elif low[-1] == "а" and low[-2] not in "аеєиіїоуыэюя":
        stem = name[:-1]
        if lang == "ru":
            out += [("gent", stem + ("и" if low[-2] in "гкхжшчщ" else "ы")), ("datv", stem + "е"), ("accs", stem + "у"),
                    ("ablt", stem + ("ей" if low[-2] in _HUSHING else "ой")), ("loct", stem + "е")]
        else:
            out += [("gent", stem + "и"), ("datv", stem + "і"), ("accs", stem + "у"),
                    ("ablt", stem + ("ею" if low[-2] in _HUSHING else "ою")), ("loct", stem + "і")]
    return out


def score(names: list[str], lang: str) -> dict[str, float]:
    right, total = Counter(), Counter()
    for name in names:
        for case, form in forms(name, lang):
            total[case] += 1
            right[case] += nominative.normalise(form, lang, "LOC") == name
    return {case: right[case] / total[case] for case in WEIGHTS if total[case]}


def main() -> None:
    print(f"{'lang':4} {'half':9} {'n':>5} {'code':10} " + " ".join(f"{c:>5}" for c in WEIGHTS) + "  weighted")
    for lang in ("ru", "uk"):
        names = unknown_names(lang)
        halves = {h: [n for n in names if (hashlib.sha1(n.encode()).digest()[0] % 2 == 0) == (h == "tune")] for h in ("tune", "held-out")}
        results = {h: {"today": score(ns, lang)} for h, ns in halves.items()}
        today = nominative.Nominative.unknown_place_or_body
        nominative.Nominative.unknown_place_or_body = lambda self, word, label: None
        for h, ns in halves.items():
            results[h]["predictor"] = score(ns, lang)
        nominative.Nominative.unknown_place_or_body = today
        for h, by in results.items():
            for code, r in by.items():
                print(f"{lang:4} {h:9} {len(halves[h]):5} {code:10} " + " ".join(f"{r.get(c, 0):5.3f}" for c in WEIGHTS)
                      + f"  {sum(WEIGHTS[c] * r.get(c, 0) for c in WEIGHTS):.3f}")


if __name__ == "__main__":
    main()
