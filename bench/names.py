"""Names' identity: nominative accuracy and pairwise linking precision / recall.

    .venv/bin/python bench/names.py [--corpus] [--last]

Dev sets (none shipped):
- bench/data/names_dev.tsv: hand-made forms of news entities in English, Ukrainian and
  Russian with their nominatives (what BSNLP-style annotations give).
- bench/data/names_blind_{a,b}.tsv: the same kind, written by writers who never read the
  code (115 entities, 957 mentions); names_blind_c.tsv, _d.tsv and _e.tsv (64, 61 and 64
  entities; 546, 511 and 482 mentions), the same, printed whole with --last (each read first
  when the session 9 code was final); _f.tsv and _g.tsv (61 and 60 entities, 523 and 505
  mentions: world news as a Kyiv reader follows it; Ukrainian and Russian news of all kinds),
  read first when the session 10 consensus was final; _h.tsv and _i.tsv (60 and 60 entities,
  583 and 499 mentions: a mixed month of world and domestic news; business, science, sport
  and culture), read first when the session 10 glossary was final; _j.tsv (60 entities, 556
  mentions: one news day on a Ukrainian site's front page) and _k.tsv (61 entities, 527
  mentions: international politics and diplomacy), read first when the session 10 code was
  final (K after review commits that changed no output); session 11: _l.tsv (62, 555: regional
  news and the war), read first midway, _m.tsv and _n.tsv (61 and 63, 542 and 553: the world
  as Ukrainian and Russian media cover it; economy, courts and society in Ukraine, Russia and
  their neighbours) later, _o.tsv (60, 555: a fortnight of news, its writer asked to keep job
  titles in the mentions) later still, _p.tsv (60, 549: an analyst's month) near the end, and
  _q.tsv (63, 537: the Black Sea, the Caucasus and Central Asia; science and sport) when the
  code was final; session 12: _r.tsv (62, 538: Ukraine at home), _s.tsv (61, 556: Europe beyond
  the big capitals), _t.tsv (62, 559: business, technology, culture and sport) and _u.tsv (62,
  554: Russia and Belarus inside; the Middle East and Asia), written at the session's start and
  read together, once, when its code was final.
- UNER PUD (../shared/data/ner): the English and Russian sentences translate each other;
  where a sentence pair has exactly one PER (or ORG, or LOC) on each side, the two are one
  entity; one entity's English mentions written alike are one entity across sentences;
  bench/data/pud_fixes.tsv corrects the pairing where the sentences show it wrong.
Entities are split in halves by a hash of their id, fixed before any rule was tuned:
rules were tuned on "tune" only; "held-out" is the honest figure.

Pairwise: over every pair of mentions, "same key" against "same entity" (precision =
same-entity pairs among same-key pairs). "across" counts only pairs in two languages.
Keys: `old` the consonant skeleton this replaced, `key` today's `entity_key` of the
normalised mention, `+store` with the store's lone-surname resolution by given names alone,
`+cross` the whole half resolved as one store's names (`entities_of`, what `reader names
--jsonl` and the entity filter do): lone surnames and full names of one person, with the
cross-script comparison (`cross_script_links`: Latin names read as English, German, French
and Spanish spell them, vowels folded, long enough names only, and a lone word's readings of
four letters or more with their vowels as read; a reading two names of one script share links
neither). Last, the worst-case pool (`pool`)
and with --corpus the links made among the dev corpus's names (`corpus`, about a minute).
"""

from __future__ import annotations

import hashlib
import json
import re
import statistics
import sys
import unicodedata
from collections import defaultdict
from itertools import combinations
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
NER = ROOT.parent / "shared" / "data" / "ner"

from reader.entities.nominative import consensus, normalise  # noqa: E402
from reader.store.names import cross_script_links, entities_of, entity_key, kin_groups, one_person  # noqa: E402


def half(entity: str) -> str:
    return "tune" if hashlib.sha1(entity.encode()).digest()[0] % 2 == 0 else "held-out"


# --- the key this replaced (for comparison) -------------------------------------------------
_CYR = dict(zip("абвгґдеёєжзиіїйклмнопрстуфхцчшщъыьэюя", "a b v g g d e e e zh z i i i i k l m n o p r s t u f kh ts ch sh shch _ y _ e iu ia".split()))


def old_key(norm: str, label: str) -> str:
    parts = []
    for w in re.split(r"[\s\-‐–—.'’ʼ]+", norm):
        lat = "".join(_CYR.get(c, c) for c in w.lower()).replace("_", "")
        lat = "".join(c for c in unicodedata.normalize("NFKD", lat) if c.isascii() and c.isalnum())
        if w.isupper() and len(w) > 1:
            parts.append(lat.replace("w", "v"))
            continue
        s = lat
        for a, b in (("ph", "f"), ("ck", "k"), ("q", "k"), ("c", "k"), ("x", "ks"), ("w", "v"), ("h", "")):
            s = s.replace(a, b)
        s = re.sub(r"(.)\1+", r"\1", re.sub(r"[aeiouy]", "", s)) or lat
        parts.append(s)
    return " ".join(p for p in parts if p)


# --- data ------------------------------------------------------------------------------------


#: Hand-written sets made later by writers who had not read the code (topic sets A and B;
#: entity ids are English names, so the two sets share ids where they share an entity).
BLIND = ("names_blind_a.tsv", "names_blind_b.tsv")
#: More such sets (topic sets C to U), each read first, whole, once the code was final
#: (session 9: C; then D, then E after more work; session 10: F and G, then H and I, then J
#: and K; session 11: L, then M and N, then O, then P, then Q, each after more work; session
#: 12: R, S, T and U, written at its start, read together when its code was final): the unseen
#: figures; any reading since is a seen one.
LAST = ("names_blind_c.tsv", "names_blind_d.tsv", "names_blind_e.tsv", "names_blind_f.tsv", "names_blind_g.tsv",
        "names_blind_h.tsv", "names_blind_i.tsv", "names_blind_j.tsv", "names_blind_k.tsv", "names_blind_l.tsv",
        "names_blind_m.tsv", "names_blind_n.tsv", "names_blind_o.tsv", "names_blind_p.tsv", "names_blind_q.tsv",
        "names_blind_r.tsv", "names_blind_s.tsv", "names_blind_t.tsv", "names_blind_u.tsv")


def hand_made(name: str = "names_dev.tsv") -> list[dict]:
    rows = []
    for line in (ROOT / "bench" / "data" / name).read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            ent, lang, label, mention, nom = line.split("\t")
            rows.append({"entity": ent, "lang": lang, "label": label, "mention": mention, "gold": nom})
    return rows


def pud_fixes() -> tuple[list[tuple[str, str]], dict[str, str]]:
    """Hand-checked corrections of the pairing (bench/data/pud_fixes.tsv): English
    entities one entity by their sentences, and Russian mentions the pairing gave the
    wrong English one. Every fix keeps its entities in their half."""
    same, moved = [], {}
    for line in (ROOT / "bench" / "data" / "pud_fixes.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            kind, a, b, _why = line.split("\t")
            if kind == "same":
                same.append((a, b))
            else:
                moved[a] = b
    return same, moved


def uner_pud() -> list[dict]:
    def read(name):
        return {json.loads(x)["id"].split("_pud_")[1]: json.loads(x) for x in (NER / name).open(encoding="utf-8")}

    en, ru = read("uner_pud_en.jsonl"), read("uner_pud_ru.jsonl")
    parent: dict[str, str] = {}

    def find(x):
        while parent.setdefault(x, x) != x:
            x = parent[x]
        return x

    same, moved = pud_fixes()
    mentions = []
    for sid in sorted(set(en) & set(ru)):
        for label in ("PER", "ORG", "LOC"):
            a = [en[sid]["text"][s:e] for s, e, lab in en[sid]["entities"] if lab == label]
            b = [ru[sid]["text"][s:e] for s, e, lab in ru[sid]["entities"] if lab == label]
            if len(a) == 1 and len(b) == 1:
                ea, eb = f"en:{label}:{a[0]}", f"ru:{sid}:{label}:{b[0]}"
                parent[find(eb)] = find(moved.get(eb, ea))
                mentions += [(ea, "en", label, a[0]), (eb, "ru", label, b[0])]
    for a, b in same:
        parent[find(b)] = find(a)
    clusters: dict[str, list[str]] = defaultdict(list)
    for node, *_ in mentions:
        clusters[find(node)].append(node)
    name = {root: min(n for n in nodes if n.startswith("en:")) for root, nodes in clusters.items()}
    return [{"entity": name[find(node)], "lang": lang, "label": label, "mention": text, "gold": None} for node, lang, label, text in mentions]


# --- scoring ---------------------------------------------------------------------------------


def pairwise(rows: list[dict], keys: list[str], across: bool) -> tuple[float, float, int]:
    tp = fp = fn = 0
    for i, j in combinations(range(len(rows)), 2):
        if across and rows[i]["lang"] == rows[j]["lang"]:
            continue
        same = rows[i]["entity"] == rows[j]["entity"]
        linked = keys[i] == keys[j]
        tp += same and linked
        fp += linked and not same
        fn += same and not linked
    return (tp / (tp + fp) if tp + fp else 1.0), (tp / (tp + fn) if tp + fn else 1.0), tp + fn


def store_resolved(rows: list[dict], keys: list[str]) -> list[str]:
    """Each lone-surname PER key joined to the one person the whole set knows by it (by given names alone)."""
    full: dict[str, set[str]] = defaultdict(set)
    for r, k in zip(rows, keys):
        if r["label"] == "PER" and " " in k:
            full[k.rsplit(" ", 1)[1]].add(k)
    out = []
    for r, k in zip(rows, keys):
        people = one_person(full.get(k.rsplit(" ", 1)[-1], set())) if r["label"] == "PER" else set()
        out.append(min(people) if people else k)
    return out


def _yo(name: str) -> str:
    """ё and е are one letter to a reader (the dictionary's nominative restores ё)."""
    return name.replace("ё", "е").replace("Ё", "Е")


def _nominatives(lang: str, what: str, pairs: list[tuple[str, dict]]) -> None:
    """Print how many of (nominative found, row) are the row's gold one, and the first wrong ones."""
    if pairs:
        right = sum(_yo(n) == _yo(r["gold"]) for n, r in pairs)
        print(f"nominative {lang}: {right}/{len(pairs)} = {right / len(pairs):.3f} {what}")
        wrong = [f"{r['mention']}→{n}" + ("" if r["mention"] == r["gold"] else f" (not {r['gold']})") for n, r in pairs if _yo(n) != _yo(r["gold"])]
        if wrong:
            print("  wrong:", "; ".join(wrong[:8]))


def report(title: str, rows: list[dict]) -> None:
    print(f"\n## {title}")
    norms = [normalise(r["mention"], r["lang"], r["label"]) for r in rows]
    together = consensus([(r["mention"], r["lang"], r["label"]) for r in rows], norms)
    for lang in ("uk", "ru"):
        for how, found in (("alone", norms), ("together", together)):
            mine = [(n, r) for n, r in zip(found, rows) if r["lang"] == lang and r["gold"]]
            _nominatives(lang, f"of inflected mentions, {how}", [(n, r) for n, r in mine if r["mention"] != r["gold"]])
            _nominatives(lang, f"of mentions already nominative kept as written, {how}", [(n, r) for n, r in mine if r["mention"] == r["gold"]])
    variants = {
        "old": [old_key(r["mention"], r["label"]) for r in rows],
        "key": [entity_key(n, r["label"]) for n, r in zip(norms, rows)],
    }
    variants["+store"] = store_resolved(rows, variants["key"])
    # the whole half as one store sees it (the store's `keys_for_name`, `canonical_keys`, `reader names --jsonl`)
    # (with the nominatives the half's forms bear out, `consensus`, as `reader names --jsonl` reads them)
    keys = [entity_key(n, r["label"]) for n, r in zip(together, rows)]
    entity = entities_of((r["label"], k, n) for r, k, n in zip(rows, keys, together))
    variants["+cross"] = [entity.get((r["label"], k), k) for r, k in zip(rows, keys)]
    for name, keys in variants.items():
        p, r, n = pairwise(rows, keys, False)
        pa, ra, na = pairwise(rows, keys, True)
        print(f"{name:>7}: all pairs P {p:.3f} R {r:.3f} ({n} same-entity pairs) | across languages P {pa:.3f} R {ra:.3f} ({na})")
    # spread: recall per entity (its own mentions' pairs), worst first
    keys = variants["+cross"]
    by_entity: dict[str, list[int]] = defaultdict(list)
    for i, r in enumerate(rows):
        by_entity[r["entity"]].append(i)
    recalls = []
    for ent, idx in by_entity.items():
        pairs = list(combinations(idx, 2))
        if pairs:
            recalls.append((sum(keys[a] == keys[b] for a, b in pairs) / len(pairs), ent))
    recalls.sort()
    if recalls:
        print(f"  per-entity recall (+cross): median {statistics.median(x for x, _ in recalls):.2f}, worst "
              + ", ".join(f"{e.split(':')[-1]} {x:.2f}" for x, e in recalls[:5]))
    merged: dict[str, set[str]] = defaultdict(set)
    for k, r in zip(keys, rows):
        merged[k].add(r["entity"])
    wrong = [sorted(e.split(":")[-1] for e in ents) for k, ents in merged.items() if len(ents) > 1]
    if wrong:
        print("  keys shared by two entities:", "; ".join(" / ".join(w) for w in wrong[:8]))


def pool() -> None:
    """Precision at a store's scale, worst case: every US census given name and surname
    (reader/data/entities/en_people.txt, 21k Latin names most stores never see) against
    every uk/ru PER name of the dev NER sets, normalised. Links `cross_script_links`
    makes between them: mostly false (no two of these sets share people by design, a few
    are one name: Kowalczyk, Ковальчук). Not a precision by itself: more readings also
    block more links as ambiguous; the dev corpus (`corpus`) is the realistic check."""
    latin = {w.strip().title() for w in (ROOT / "reader" / "data" / "entities" / "en_people.txt").open(encoding="utf-8")
             if w.strip() and not w.startswith("#")}
    cyrillic: set[str] = set()
    for name, lang in (("factrueval2016_ru.jsonl", "ru"), ("ner_uk.jsonl", "uk"), ("uner_pud_ru.jsonl", "ru")):
        for line in (NER / name).open(encoding="utf-8"):
            d = json.loads(line)
            cyrillic |= {normalise(d["text"][s:e], lang, "PER") for s, e, lab in d["entities"] if lab == "PER"}
    rows = {(entity_key(n, "PER"), n) for n in latin | cyrillic}
    links = {tuple(sorted((k, o))) for k, others in cross_script_links(rows).items() for o in others if k != o}
    print(f"\n## worst-case pool: {len(latin)} census names x {len(cyrillic)} uk/ru PER names: {len(links)} cross-script links")
    print("  e.g.", ", ".join(" = ".join(p) for p in sorted(links)[:: max(1, len(links) // 12)]))


def corpus() -> None:
    """Precision at a store's scale: the recognisers over the dev corpus (1,451 en, ru, uk
    news articles, ../shared/data/corpus), as a store would index them; every pair of keys
    `cross_script_links` joins that are not one key already is printed, to be judged by
    eye (no gold: which are one name is read, not counted)."""
    from reader.entities import find_entities

    rows: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for path in sorted((ROOT.parent / "shared" / "data" / "corpus").glob("*.jsonl")):
        for line in path.open(encoding="utf-8"):
            d = json.loads(line)
            for e in find_entities((d["title"] or "") + "\n" + (d["text"] or ""), d["lang"]):
                if e.label in ("PER", "ORG", "LOC"):
                    rows[e.label].add((entity_key(e.norm, e.label), e.norm))
    for label, pairs in sorted(rows.items()):
        norms: dict[str, str] = {}
        for k, n in sorted(pairs):
            norms.setdefault(k, n)
        links = sorted({tuple(sorted((k, o))) for k, others in cross_script_links(pairs).items() for o in others if k != o})
        print(f"\n## dev corpus {label}: {len(pairs)} names, {len(links)} cross-script links")
        print("  " + "; ".join(f"{norms[a]} = {norms[b]}" for a, b in links))
        if label != "PER":
            groups = kin_groups(pairs)
            print(f"  {len(groups)} Ukrainian/Russian kin groups: " + "; ".join(" = ".join(sorted(norms[k] for k in g)) for g in groups))


def kin_pool() -> None:
    """Precision of `kin_groups` on real names: every organisation and place of the dev NER
    sets' Ukrainian and Russian gold (NER-UK, factRuEval, UNER PUD ru), normalised; each group
    printed, to be judged by eye (the sets share few entities, so most groups should be one
    name in two cases or two spellings)."""
    for label in ("ORG", "LOC"):
        names: set[tuple[str, str]] = set()
        for name, lang in (("factrueval2016_ru.jsonl", "ru"), ("ner_uk.jsonl", "uk"), ("uner_pud_ru.jsonl", "ru")):
            for line in (NER / name).open(encoding="utf-8"):
                d = json.loads(line)
                for s, e, lab in d["entities"]:
                    if lab == label:
                        n = normalise(d["text"][s:e], lang, label)
                        names.add((entity_key(n, label), n))
        norms = dict(sorted(names, reverse=True))
        groups = kin_groups(names)
        print(f"\n## kin groups among the dev NER sets' uk/ru {label} names ({len(names)}): {len(groups)}")
        print("  " + "; ".join(" = ".join(sorted(norms[k] for k in g)) for g in groups))


def main() -> None:
    hand = hand_made()
    for h in ("tune", "held-out"):
        report(f"hand-made forms, {h} half", [r for r in hand if half(r["entity"]) == h])
    blind = [r for name in BLIND if (ROOT / "bench" / "data" / name).exists() for r in hand_made(name)]
    for h in ("tune", "held-out"):
        report(f"blind hand-written forms, {h} half", [r for r in blind if half(r["entity"]) == h])
    for name in LAST if "--last" in sys.argv else ():
        if (ROOT / "bench" / "data" / name).exists():
            report(f"blind hand-written forms, {name} (whole)", hand_made(name))
    if NER.exists():
        pud = uner_pud()
        for h in ("tune", "held-out"):
            report(f"UNER PUD en-ru, {h} half", [r for r in pud if half(r["entity"]) == h])
        pool()
        kin_pool()
    if (ROOT.parent / "shared" / "data" / "corpus").exists() and "--corpus" in sys.argv:
        corpus()


if __name__ == "__main__":
    main()
