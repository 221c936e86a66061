"""Entity recognition figures: exact-span F1, articles per second, load time.

    .venv/bin/python bench/ner.py [--lang en|uk|ru] [--no-baseline]

Scores exact (start, end, label) matches over PER/ORG/LOC, micro-averaged, per language
and per type, on ../shared/data/ner (not shipped). NER-UK is split by a hash of the
document id (factRuEval the same way): rules were tuned on the "tune" half only, so the "held-out" half is the
honest figure. Speed is measured on ../shared/data/corpus news articles, as wall time and as this
process's CPU time (the honest figure on a machine shared with other work).
"""

from __future__ import annotations

import argparse
import hashlib
import os
import json
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
SHARED = ROOT.parent / "shared"
DATA = SHARED / "data" / "ner"
CORE = ("PER", "ORG", "LOC")


def read_jsonl(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def uk_half(doc_id: str) -> str:
    """The NER-UK half a document belongs to: "tune" or "held-out" (stable hash of its id)."""
    return "tune" if hashlib.sha1(doc_id.encode()).digest()[0] % 2 == 0 else "held-out"


def datasets(lang: str) -> dict[str, list[dict]]:
    if lang == "en":  # split by source document: English rules were tuned on "tune" only
        en = read_jsonl(DATA / "uner_pud_en.jsonl")
        return {
            "uner_pud_en held-out": [r for r in en if uk_half(r["doc"]) == "held-out"],
            "uner_pud_en tune": [r for r in en if uk_half(r["doc"]) == "tune"],
            "uner_pud_en whole": en,
            "uner_pud_en news": [r for r in en if r["doc"].startswith("n")],  # the rest is Wikipedia
        }
    if lang == "ru":
        fact = read_jsonl(DATA / "factrueval2016_ru.jsonl")
        return {
            "factru held-out": [r for r in fact if uk_half(r["id"]) == "held-out"],
            "factru tune": [r for r in fact if uk_half(r["id"]) == "tune"],
            "factrueval2016_ru": fact,
            "uner_pud_ru": read_jsonl(DATA / "uner_pud_ru.jsonl"),
        }
    rows = read_jsonl(DATA / "ner_uk.jsonl")
    return {
        "ner_uk held-out": [r for r in rows if uk_half(r["id"]) == "held-out"],
        "ner_uk tune": [r for r in rows if uk_half(r["id"]) == "tune"],
        "ner_uk whole": rows,
    }


def score(gold: list[set], pred: list[set]) -> dict[str, tuple[float, float, float]]:
    """Micro P/R/F1 over all core types ("all") and per type."""
    tp, fp, fn = Counter(), Counter(), Counter()
    for g, p in zip(gold, pred):
        for s in p:
            (tp if s in g else fp)[s[2]] += 1
        for s in g - p:
            fn[s[2]] += 1
    out = {}
    for t in ("all",) + CORE:
        keys = CORE if t == "all" else (t,)
        a, b, c = (sum(x[k] for k in keys) for x in (tp, fp, fn))
        p = a / (a + b) if a + b else 0.0
        r = a / (a + c) if a + c else 0.0
        out[t] = (p, r, 2 * p * r / (p + r) if p + r else 0.0)
    return out


def gold_spans(row: dict) -> set:
    return {(s, e, lab) for s, e, lab in row["entities"] if lab in CORE}


def report(name: str, system: str, rows: list[dict], predict) -> None:
    pred = [{(e[0], e[1], e[2]) for e in predict(r["text"]) if e[2] in CORE} for r in rows]
    sc = score([gold_spans(r) for r in rows], pred)
    per_type = "  ".join(f"{t} {sc[t][2]:.3f}" for t in CORE)
    p, r, f = sc["all"]
    print(f"  {name:<20} {system:<9} P {p:.3f} R {r:.3f} F1 {f:.3f}   {per_type}")


def corpus(lang: str, n: int = 100) -> list[str]:
    texts: list[str] = []
    for p in sorted((SHARED / "data" / "corpus").glob("*.jsonl")):
        for row in read_jsonl(p):
            if row.get("lang") == lang:
                texts.append(row["text"])
    return texts[:n]


def baseline(lang: str):
    """The model alone: spaCy with labels mapped, natasha's tagger (on uk too)."""
    if lang == "en":
        from reader.entities import english

        nlp = english.load().nlp
        return lambda t: [(e.start_char, e.end_char, english.LABELS.get(e.label_)) for e in nlp(t).ents]
    from natasha import Doc, NewsEmbedding, NewsNERTagger, Segmenter

    seg, ner = Segmenter(), NewsNERTagger(NewsEmbedding())

    def run(t: str):
        d = Doc(t)
        d.segment(seg)
        d.tag_ner(ner)
        return [(s.start, s.stop, s.type) for s in d.spans]

    return run


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--lang", choices=["en", "uk", "ru"], action="append")
    ap.add_argument("--no-baseline", action="store_true")
    ap.add_argument("--articles", type=int, default=100)
    args = ap.parse_args()
    from reader.entities import recogniser

    for lang in args.lang or ["en", "ru", "uk"]:
        t0, c0 = time.perf_counter(), time.process_time()
        rec = recogniser(lang)
        load, cpu = time.perf_counter() - t0, time.process_time() - c0
        print(f"{lang}: load {load:.2f} s wall, {cpu:.2f} s CPU")
        data = datasets(lang)
        base = None if args.no_baseline else baseline(lang)
        for name, rows in data.items():
            if base is not None:
                report(name, "baseline", rows, base)
            report(name, "reader", rows, lambda t: [(e.start, e.end, e.label) for e in rec(t)])
        texts = corpus(lang, args.articles)
        chars = sum(map(len, texts))
        t0, c0 = time.perf_counter(), time.process_time()
        for t in texts:
            rec(t)
        dt, dc = time.perf_counter() - t0, time.process_time() - c0
        print(
            f"  speed: {len(texts) / dt:.1f} articles/s wall, {len(texts) / dc:.1f} per CPU-second"
            f" ({chars / len(texts):.0f} chars/article, {len(texts)} articles; load average {os.getloadavg()[0]:.1f})"
        )


if __name__ == "__main__":
    main()
