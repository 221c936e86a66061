"""Stories: accuracy of "in the same story" on labelled pairs, and the cost of grouping.

    python bench/stories.py pairs [--sweep]     accuracy, precision, recall on stories/pairs_dev.jsonl
    python bench/stories.py other               the same on other labelled pairs of that kind, read with the dev
                                                thresholds: tgcontest's Russian honey and exam pools
                                                (bench/data/stories_tgcontest_pools.tsv; texts in the dev corpus)
    python bench/stories.py speed N [N ...]     ms to group one new article into a store of N articles
    python bench/stories.py rebuild N           seconds to group every article of a store of N afresh
    python bench/stories.py crosslingual        English/Russian parallel documents (UNER PUD): do they group?
    python bench/stories.py blind [FILE ...]    events told in English, Ukrainian and Russian by different outlets
                                                (bench/data/stories_blind_*.jsonl, written blind for this project):
                                                pairs across languages, and a real store grouping them all
    python bench/stories.py decisions N OUT     what grouping decides for new articles in a store of N (JSON lines
                                                to OUT; rolled back): two versions of the code compared by diffing

Pairs are split in halves by a hash of the two URLs, fixed before anything was tuned:
THRESHOLD (reader/stories.py) and the baseline's threshold are chosen on the `tune` half
only; both halves are reported. The baseline is tf-idf cosine over folded word forms (no
dictionary forms, no entities), its threshold the best on the tune half. Document
frequencies for both come from the development corpus (../shared/data/corpus) and the
pairs' own texts, as a store's would from its articles. Entities are found by the reader's
own recognisers (cached in bench/out/stories_entities.json, which git ignores; rebuilt when missing).
"""

from __future__ import annotations

import argparse
import hashlib
import random
import json
import math
import os
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from reader import stories  # noqa: E402
from reader.words import WORD, fold  # noqa: E402

DATA = ROOT.parent / "shared" / "data"
PAIRS = DATA / "stories" / "pairs_dev.jsonl"
OTHER = ROOT / "bench" / "data" / "stories_tgcontest_pools.tsv"
BLIND = sorted((ROOT / "bench" / "data").glob("stories_blind_*.jsonl"))
CACHE = ROOT / "bench" / "out" / "stories_entities.json"


def half(pair: dict) -> str:
    key = (pair["a"]["url"] + " " + pair["b"]["url"]).encode()
    return "tune" if hashlib.sha1(key).digest()[0] % 2 == 0 else "held-out"


def load_pairs() -> list[dict]:
    return [json.loads(line) for line in PAIRS.read_text(encoding="utf-8").splitlines() if line.strip()]


def load_other() -> list[dict]:
    """The pools' pairs as pairs_dev's records, their texts looked up in the dev corpus by URL."""
    docs = {d["url"]: d for d in corpus_docs()}
    out, seen = [], set()
    for line in OTHER.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            pool, a, b, same = line.split("\t")
            if frozenset((a, b)) not in seen:  # the honey pool has five pairs twice
                seen.add(frozenset((a, b)))
                out.append({"pool": pool, "same_story": same == "1", "a": docs[a], "b": docs[b]})
    return out


def _lang(pool: str) -> str:
    return pool.split("_")[0]


def _doc_id(doc: dict) -> str:
    return hashlib.sha1((doc.get("url", "") + doc["title"]).encode()).hexdigest()[:16]


def entity_keys(docs: list[tuple[str, str, str, str]]) -> dict[str, list[tuple[int, str]]]:
    """{doc id: [(seq, key)]} for (id, lang, title, text) documents, cached on disk."""
    cache = json.loads(CACHE.read_text(encoding="utf-8")) if CACHE.exists() else {}
    missing = [d for d in docs if d[0] not in cache]
    if missing:
        from reader.model import Article, Block
        from reader.pipeline import article_entities
        from reader.store.names import entity_key

        for n, (doc_id, lang, title, text) in enumerate(missing, 1):
            art = Article(title=title, body=[Block("p", p) for p in text.split("\n") if p.strip()], lang=lang)
            cache[doc_id] = [(seq, entity_key(e.norm, e.label)) for seq, e in article_entities(art, lang) if e.label != "DATE"]
            if n % 100 == 0:
                print(f"  entities: {n}/{len(missing)}", file=sys.stderr)
        CACHE.parent.mkdir(parents=True, exist_ok=True)
        CACHE.write_text(json.dumps(cache, ensure_ascii=False), encoding="utf-8")
    return cache


def corpus_docs() -> list[dict]:
    out = []
    for path in sorted((DATA / "corpus").glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            rec = json.loads(line)
            if rec.get("text"):
                out.append({"url": rec.get("url") or rec["id"], "title": rec.get("title") or "", "text": rec["text"], "lang": rec["lang"]})
    return out


def vectors(docs: list[dict]) -> list[dict[str, float]]:
    """The reader's vectors of documents (url, title, text, lang) with their entities, the
    document counts taken over them and the dev corpus, as a store of both would count."""
    corpus = corpus_docs()
    ents = entity_keys([(_doc_id(d), d["lang"], d["title"], d["text"]) for d in docs + corpus])
    feats = {_doc_id(d): stories.features(d["title"], d["text"].split("\n"), d["lang"], ents.get(_doc_id(d), []))
             for d in corpus + docs}
    df: Counter = Counter()
    for c in feats.values():
        df.update(stories.counted(c))
    return [stories.weigh(feats[_doc_id(d)], df, len(feats)) for d in docs]


def plain_counts(title: str, text: str) -> Counter:
    c = Counter(fold(m.group()) for m in WORD.finditer(title + "\n" + text))
    return c


def cosine(a: dict, b: dict) -> float:
    dot = sum(x * b.get(f, 0.0) for f, x in a.items())
    na = math.sqrt(sum(x * x for x in a.values()))
    nb = math.sqrt(sum(x * x for x in b.values()))
    return dot / (na * nb) if na and nb else 0.0


def scores(pairs: list[dict]) -> tuple[list[float], list[float]]:
    """(reader score, baseline score) for each pair."""
    corpus = corpus_docs()
    docs = [(p[s] | {"lang": _lang(p["pool"])}) for p in pairs for s in ("a", "b")]
    ents = entity_keys([(_doc_id(d), d["lang"], d["title"], d["text"]) for d in docs + corpus])

    def counts_of(d):
        return stories.features(d["title"], d["text"].split("\n"), d["lang"], ents.get(_doc_id(d), []))

    all_docs = list({_doc_id(d): d for d in corpus + docs}.values())  # the pools' texts are in the corpus too
    feats = {_doc_id(d): counts_of(d) for d in all_docs}
    plain = {_doc_id(d): plain_counts(d["title"], d["text"]) for d in all_docs}
    df, pdf = Counter(), Counter()
    for c in feats.values():
        df.update(stories.counted(c))
    for c in plain.values():
        pdf.update(set(c))
    n = len(all_docs)

    def base_vec(c):
        return {w: (1 + math.log(x)) * math.log(n / pdf[w]) for w, x in c.items()}

    ours, base = [], []
    for p in pairs:
        a, b = (p[s] | {"lang": _lang(p["pool"])} for s in ("a", "b"))
        va, vb = (stories.weigh(feats[_doc_id(d)], df, n) for d in (a, b))
        ours.append(stories.similarity(va, vb))
        base.append(cosine(base_vec(plain[_doc_id(a)]), base_vec(plain[_doc_id(b)])))
    return ours, base


def metrics(labels: list[bool], scores_: list[float], threshold: float) -> dict:
    tp = sum(1 for y, s in zip(labels, scores_) if y and s >= threshold)
    fp = sum(1 for y, s in zip(labels, scores_) if not y and s >= threshold)
    fn = sum(1 for y, s in zip(labels, scores_) if y and s < threshold)
    tn = len(labels) - tp - fp - fn
    return {"n": len(labels), "accuracy": (tp + tn) / len(labels) if labels else 0.0,
            "precision": tp / (tp + fp) if tp + fp else 1.0, "recall": tp / (tp + fn) if tp + fn else 1.0}


def best_threshold(labels: list[bool], scores_: list[float]) -> float:
    """The threshold with the best accuracy (midpoints between scores; ties: the middle of the best run)."""
    cuts = sorted(set(scores_))
    options = [0.0] + [(x + y) / 2 for x, y in zip(cuts, cuts[1:])] + [cuts[-1] + 1e-6]
    accs = [metrics(labels, scores_, t)["accuracy"] for t in options]
    top = max(accs)
    run = [t for t, a in zip(options, accs) if a == top]
    return run[len(run) // 2]


def auc(labels: list[bool], scores_: list[float]) -> float:
    """How often a same-story pair scores above a different-story one (ties half): no threshold."""
    pos = [s for y, s in zip(labels, scores_) if y]
    neg = [s for y, s in zip(labels, scores_) if not y]
    return sum((p > q) + 0.5 * (p == q) for p in pos for q in neg) / (len(pos) * len(neg)) if pos and neg else 1.0


def random_splits(labels: list[bool], scores_: list[float], times: int = 50) -> list[float]:
    """Held-out accuracy over `times` random halvings, each with the threshold best on its other
    half: how much the figure on one fixed split owes to which pairs fell where."""
    rng = random.Random(0)
    out = []
    for _ in range(times):
        idx = list(range(len(labels)))
        rng.shuffle(idx)
        tune, held = idx[: len(idx) // 2], idx[len(idx) // 2 :]
        t = best_threshold([labels[i] for i in tune], [scores_[i] for i in tune])
        out.append(metrics([labels[i] for i in held], [scores_[i] for i in held], t)["accuracy"])
    return out


def pairs_report(sweep: bool) -> None:
    pairs = load_pairs()
    ours, base = scores(pairs)
    labels = [bool(p["same_story"]) for p in pairs]
    halves = [half(p) for p in pairs]
    tune = [i for i, h in enumerate(halves) if h == "tune"]
    held = [i for i, h in enumerate(halves) if h != "tune"]
    base_t = best_threshold([labels[i] for i in tune], [base[i] for i in tune])
    ours_best_on_tune = best_threshold([labels[i] for i in tune], [ours[i] for i in tune])
    print(f"pairs: {len(pairs)} (tune {len(tune)}, held-out {len(held)}); thresholds chosen on the tune half")
    print(f"reader threshold {stories.THRESHOLD} (best on tune: {ours_best_on_tune:.3f}); tf-idf baseline threshold {base_t:.3f}")
    print(f"{'half':9} {'method':8} {'n':>3} {'acc':>6} {'P':>6} {'R':>6}")
    for name, idx in (("tune", tune), ("held-out", held), ("all", tune + held)):
        for method, sc, t in (("tf-idf", base, base_t), ("reader", ours, stories.THRESHOLD)):
            m = metrics([labels[i] for i in idx], [sc[i] for i in idx], t)
            print(f"{name:9} {method:8} {m['n']:>3} {m['accuracy']:6.3f} {m['precision']:6.3f} {m['recall']:6.3f}")
    m = metrics([labels[i] for i in held], [ours[i] for i in held], ours_best_on_tune)
    print(f"held-out reader at the tune half's own best threshold {ours_best_on_tune:.3f}: acc {m['accuracy']:.3f}")
    for method, sc in (("tf-idf", base), ("reader", ours)):
        accs = random_splits(labels, sc)
        print(f"{method:8} AUC tune {auc([labels[i] for i in tune], [sc[i] for i in tune]):.3f} held-out "
              f"{auc([labels[i] for i in held], [sc[i] for i in held]):.3f}; 50 random splits (threshold on one half, "
              f"accuracy on the other): mean {statistics.mean(accs):.3f}, sd {statistics.pstdev(accs):.3f}, "
              f"worst {min(accs):.3f}, best {max(accs):.3f}")
    if sweep:
        for t in [x / 100 for x in range(10, 60, 2)]:
            m = metrics([labels[i] for i in tune], [ours[i] for i in tune], t)
            print(f"  tune t={t:.2f} acc {m['accuracy']:.3f} P {m['precision']:.3f} R {m['recall']:.3f}")
        for i in tune:
            wrong = (ours[i] >= stories.THRESHOLD) != labels[i]
            if wrong:
                print(f"  tune miss {labels[i]!s:5} {ours[i]:.3f} {pairs[i]['a']['title'][:50]} | {pairs[i]['b']['title'][:50]}")


def other_report() -> None:
    """Other labelled pairs, never tuned on: the reader at its THRESHOLD and the baseline at the
    dev tune half's best threshold, as a user would meet them; each method's own best threshold
    on these pairs beside them (an oracle, for the spread only)."""
    dev = load_pairs()
    dev_ours, dev_base = scores(dev)
    tune = [i for i, p in enumerate(dev) if half(p) == "tune"]
    base_t = best_threshold([bool(dev[i]["same_story"]) for i in tune], [dev_base[i] for i in tune])
    pairs = load_other()
    ours, base = scores(pairs)
    labels = [p["same_story"] for p in pairs]
    print(f"other pairs: {len(pairs)} ({sum(labels)} same story); {OTHER.name}")
    print(f"{'pool':14} {'method':8} {'threshold':>9} {'n':>4} {'acc':>6} {'P':>6} {'R':>6}")
    for pool in sorted({p["pool"] for p in pairs}) + ["all"]:
        idx = [i for i, p in enumerate(pairs) if pool in ("all", p["pool"])]
        for method, sc, t in (("tf-idf", base, base_t), ("reader", ours, stories.THRESHOLD)):
            m = metrics([labels[i] for i in idx], [sc[i] for i in idx], t)
            print(f"{pool:14} {method:8} {t:9.3f} {m['n']:>4} {m['accuracy']:6.3f} {m['precision']:6.3f} {m['recall']:6.3f}")
    for method, sc in (("tf-idf", base), ("reader", ours)):
        t = best_threshold(labels, sc)
        m = metrics(labels, sc, t)
        print(f"{method:8} AUC {auc(labels, sc):.3f}; its best threshold on these pairs {t:.3f} gives acc {m['accuracy']:.3f}")


# --- across languages ------------------------------------------------------------------------


def crosslingual() -> None:
    """English and Russian translations of one document (UNER PUD: 300 documents of 1-4
    sentences, news and Wikipedia, each in both languages) against each other. An English and a
    Russian text meet only on names (their cross-script keys) and numbers: this measures that
    part of the grouping, with no title and no cached translation. A parallel pair should
    reach THRESHOLD, a non-parallel one should not, and 'found' is a parallel pair that also
    shares a key of the inverted index (the store compares only such); top-1 is how often a document's own
    translation is the best of the 300. Idf from the corpus and these documents."""
    docs: dict[str, dict[str, list[str]]] = {}
    for lang in ("en", "ru"):
        for line in (DATA / "ner" / f"uner_pud_{lang}.jsonl").read_text(encoding="utf-8").splitlines():
            if line.strip():
                rec = json.loads(line)
                docs.setdefault(rec["doc"], {}).setdefault(lang, []).append(rec["text"])
    ids = sorted(d for d in docs if set(docs[d]) == {"en", "ru"})
    pud = [{"url": f"pud:{lang}:{d}", "title": "", "text": "\n".join(docs[d][lang]), "lang": lang} for lang in ("en", "ru") for d in ids]
    vec = dict(zip((d["url"] for d in pud), vectors(pud)))
    genre = {d: "news" if d.startswith("n") else "wiki" for d in ids}
    print(f"UNER PUD: {len(ids)} documents in English and Russian; threshold {stories.THRESHOLD}")
    print(f"{'genre':6} {'docs':>4} {'parallel >= t':>13} {'and found':>9} {'other >= t':>11} {'top-1':>6} {'no name/number':>14}")
    for g in ("news", "wiki", "all"):
        sel = [d for d in ids if g == "all" or genre[d] == g]
        hit = found = other = top = bare = 0
        for d in sel:
            en = vec[f"pud:en:{d}"]
            row = {e: stories.similarity(en, vec[f"pud:ru:{e}"]) for e in ids}
            hit += row[d] >= stories.THRESHOLD
            # found: the translation also shares a key of the inverted index (it is a candidate)
            found += row[d] >= stories.THRESHOLD and bool(set(stories.postings(en)) & set(stories.postings(vec[f"pud:ru:{d}"])))
            other += sum(1 for e, x in row.items() if e != d and x >= stories.THRESHOLD)
            top += max(row, key=lambda e: (row[e], e == d)) == d and row[d] > 0
            bare += not any(f[0] in "en" for f in en)
        pairs_other = len(sel) * (len(ids) - 1)
        print(f"{g:6} {len(sel):>4} {hit / len(sel):13.3f} {found / len(sel):9.3f} {other / pairs_other:11.4f} {top / len(sel):6.3f} {bare / len(sel):14.3f}")


def blind_report(paths: list[Path]) -> None:
    """Articles written for this project by helpers who read none of its code: per subject two
    events (same names and places, other facts, 2-20 days apart), each told in English,
    Ukrainian and Russian by three made-up outlets, not translations of each other.
    Pairs: two articles of one event (all in different languages) should reach THRESHOLD; two
    of one subject's two events (hard) and of other subjects should not; dates are not used.
    Store: every article added to a real store by date with its entities and grouped as the
    reader groups them (dates, window, candidates, centroids): precision and recall over all
    pairs of articles of "in one story", and the events whose three articles are one story
    and nothing else."""
    from reader.pipeline import understand
    from reader.store import Store

    for path in paths + ([] if len(paths) < 2 else [None]):
        docs = [json.loads(line) for p in ([path] if path else paths) for line in p.read_text(encoding="utf-8").splitlines() if line.strip()]
        for d in docs:
            d["url"] = f"blind:{d['id']}"
        vec = vectors(docs)
        kinds: dict[str, list[tuple[bool, float]]] = {}
        for i in range(len(docs)):
            for j in range(i + 1, len(docs)):
                a, b = docs[i], docs[j]
                same = a["event"] == b["event"]
                kind = "same event" if same else "same subject" if a["subject"] == b["subject"] else "other subject"
                langs = "-".join(sorted((a["lang"], b["lang"])))
                score = stories.similarity(vec[i], vec[j])
                for k in (kind, f"{kind} {langs}"):
                    kinds.setdefault(k, []).append((same, score))
        name = path.name if path else "all"
        print(f"{name}: {len(docs)} articles, {len({d['event'] for d in docs})} events, {len({d['subject'] for d in docs})} subjects; threshold {stories.THRESHOLD}")
        for k in sorted(kinds):
            rows = kinds[k]
            right = sum((s >= stories.THRESHOLD) == y for y, s in rows)
            print(f"  {k:28} pairs {len(rows):>6}  right {right / len(rows):.3f}")
        labelled = kinds["same event"] + kinds["same subject"]
        ys, sc = [y for y, _ in labelled], [s for _, s in labelled]
        m = metrics(ys, sc, stories.THRESHOLD)
        t = best_threshold(ys, sc)
        print(f"  one event or its subject's other: acc {m['accuracy']:.3f} (P {m['precision']:.3f}, R {m['recall']:.3f}), "
              f"AUC {auc(ys, sc):.3f}; best threshold {t:.3f} gives {metrics(ys, sc, t)['accuracy']:.3f}")
        with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "blind.db") as store:
            from reader.model import Article, Block

            ids = {}
            for d in sorted(docs, key=lambda d: (d["date"], d["id"])):
                art = Article(title=d["title"], body=[Block("p", p) for p in d["text"].split("\n") if p.strip()], lang=d["lang"],
                              published=d["date"], url=f"https://blind.example/{d['id']}")
                ids[d["id"]] = store.add(art, understand(art)[0])[0]
                stories.update(store, [ids[d["id"]]])
            story = {i: store.story_member(a)[0] for i, a in ids.items()}
        event = {d["id"]: d["event"] for d in docs}
        tp = fp = fn = 0
        keys = sorted(story)
        for i, a in enumerate(keys):
            for b in keys[i + 1:]:
                together, same = story[a] == story[b], event[a] == event[b]
                tp += together and same
                fp += together and not same
                fn += same and not together
        members: dict[int, set[str]] = {}
        for i, s_ in story.items():
            members.setdefault(s_, set()).add(i)
        whole = sum(1 for e in {d["event"] for d in docs}
                    if {d["id"] for d in docs if d["event"] == e} in members.values())
        p_, r_ = tp / (tp + fp) if tp + fp else 1.0, tp / (tp + fn) if tp + fn else 1.0
        print(f"  store: {len(members)} stories for {len({d['event'] for d in docs})} events; pairs in one story "
              f"P {p_:.3f} R {r_:.3f} F1 {2 * p_ * r_ / (p_ + r_) if p_ + r_ else 0:.3f}; events exactly one story {whole}")


# --- speed ------------------------------------------------------------------------------------


def speed(sizes: list[int], new: int = 600, fold_every: int | None = None, same_day: bool = False) -> None:
    """Group `new` articles into stores of each size (stories grouped for all its articles).
    Document counts are folded in batches (stories.fold_every: 500 at 100,000 articles), so
    `new` is large enough for a fold to fall among them; the folds are timed apart too.
    `fold_every` 1 counts each article's features as it is filed (as before the batches).
    `same_day`: each dated as the stored copy of its text before it, so that most join a
    story (else most begin one: a copy's date is mostly outside the window)."""
    from bench.corpus import build_store, load_corpus, perturbed
    from reader.store import Store

    records = load_corpus()
    base = Path(os.environ.get("BENCH_DIR", tempfile.gettempdir())) / "reader-bench-stories"
    for size in sizes:
        db = build_store(base / f"s{size}", size)
        with Store(db) as store:
            t = time.perf_counter()
            grouped = stories.update(store, progress=lambda d, n: print(f"  grouping {d}/{n}", file=sys.stderr) if d % 20000 == 0 else None)
            if grouped:
                print(f"{size}: grouped {grouped} stored articles in {time.perf_counter() - t:.1f} s")
            every = perturbed(records, size + new, seed=7)
            ids = []
            for i, a in enumerate(every[size:], size):
                a.url = (a.url or "") + "#new"
                if same_day:
                    a.published = every[i - len(records)].published  # the dates depend on the position alone
                ids.append(store.add(a)[0])
            parts: dict[str, list[float]] = {}
            timed = [(stories, "article_features")] + [(store, m) for m in ("story_df", "story_candidates", "story_put", "story_fold_df")]
            for owner, name in timed:
                setattr(owner, name, _timer(getattr(owner, name), parts.setdefault(name, [])))
            assign_ms, commit_ms, folded, cpu_ms = [], [], [], []
            timed_fold = store.story_fold_df
            store.story_fold_df = lambda at_least=1: folded.__setitem__(-1, timed_fold(fold_every or at_least)) or folded[-1]
            try:
                for article_id in ids:
                    for xs in parts.values():
                        xs.append(0.0)
                    folded.append(0)
                    c0, t0 = time.process_time(), time.perf_counter()
                    store.conn.execute("BEGIN IMMEDIATE")  # as stories.assign, the commit timed apart
                    stories._assign_in(store, article_id)
                    t1 = time.perf_counter()
                    store.conn.execute("COMMIT")
                    t2 = time.perf_counter()
                    commit_ms.append((t2 - t1) * 1000)
                    assign_ms.append((t2 - t0) * 1000)
                    cpu_ms.append((time.process_time() - c0) * 1000)
            finally:
                store.story_fold_df = timed_fold
                for owner, name in timed:
                    setattr(owner, name, getattr(owner, name).__wrapped__)
            joined = sum(1 for article_id in ids if (store.story_member(article_id) or (0, None))[1] is not None)
            for article_id in ids:
                store.remove(article_id)
            n_stories = store.conn.execute("SELECT count(*) FROM stories").fetchone()[0]
            q = lambda xs, p: sorted(xs)[int(p * (len(xs) - 1))]  # noqa: E731
            folds = [x for x, n in zip(parts["story_fold_df"], folded) if n]
            print(f"{size:>7} articles, {n_stories} stories, {len(ids)} added ({joined} joined a story): one article grouped and committed "
                  f"p50 {q(assign_ms, .5):.2f} ms, p95 {q(assign_ms, .95):.2f} ms, p99 {q(assign_ms, .99):.2f} ms, "
                  f"max {max(assign_ms):.1f} ms, mean {statistics.mean(assign_ms):.2f} ms; this process's CPU time "
                  f"p50 {q(cpu_ms, .5):.2f} ms, p95 {q(cpu_ms, .95):.2f} ms (the wall clock also counts waiting for "
                  f"a core and the disk; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)")
            for name, xs in [*parts.items(), ("commit", commit_ms)]:
                print(f"    {name:18} p50 {q(xs, .5):6.2f}  p95 {q(xs, .95):6.2f}  max {max(xs):7.1f} ms")
            print(f"    document counts folded every {fold_every or stories.fold_every(size)} articles: {len(folds)} fold(s), "
                  + (f"{', '.join(f'{x:.0f}' for x in folds) or '-'} ms" if len(folds) <= 10 else
                     f"p50 {q(folds, .5):.2f} ms, max {max(folds):.1f} ms"))


def _timer(fn, into: list[float]):
    """`fn`, adding the ms each call takes to the last entry of `into`."""
    import functools

    @functools.wraps(fn)
    def timed(*args, **kwargs):
        t = time.perf_counter()
        try:
            return fn(*args, **kwargs)
        finally:
            into[-1] += (time.perf_counter() - t) * 1000

    return timed


def decisions(size: int, out: Path, new: int = 600, same_day: bool = False) -> None:
    """Group the `new` articles of `speed` into the store of `size` in one transaction that is
    rolled back, writing each one's (story, score, merged stories, vector, postings) to `out`:
    a change meant only to make grouping faster must leave this file as it was. `same_day`:
    each dated as the stored copy of its text before it, so that most join a story."""
    from bench.corpus import build_store, load_corpus, perturbed
    from reader.store import Store

    db = build_store(Path(os.environ.get("BENCH_DIR", tempfile.gettempdir())) / "reader-bench-stories" / f"s{size}", size)
    with Store(db) as store:
        stories.update(store)
        records = load_corpus()
        every = perturbed(records, size + new, seed=7)
        fresh = every[size:]
        ids = []
        for i, a in enumerate(fresh, size):
            a.url = (a.url or "") + "#new"
            if same_day:
                a.published = every[i - len(records)].published  # the dates depend on the position alone
            ids.append(store.add(a)[0])
        lines = []
        decided: list = []
        decide = stories.decide
        stories.decide = lambda *args, **kwargs: decided.append(decide(*args, **kwargs)) or decided[-1]
        store.conn.execute("BEGIN IMMEDIATE")
        try:
            for article_id in ids:
                decided.clear()
                story_id, score = stories._assign_in(store, article_id)
                member = store.story_member(article_id)
                keys = [r[0] for r in store.conn.execute(
                    "SELECT feature FROM story_postings WHERE article_id = ? ORDER BY rowid", (article_id,))]
                size_now = store.conn.execute("SELECT size FROM stories WHERE id = ?", (story_id,)).fetchone()[0]
                lines.append(json.dumps({"article": article_id, "story": story_id, "score": score, "size": size_now,
                                         "decided": decided,
                                         "vector": member[3], "postings": keys}, ensure_ascii=False, sort_keys=True))
        finally:
            stories.decide = decide
            store.conn.execute("ROLLBACK")
            for article_id in ids:
                store.remove(article_id)
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    joined = sum(1 for line in lines if json.loads(line)["score"] is not None)
    print(f"{size} articles: {len(ids)} new ones grouped ({joined} joined a story), rolled back; written to {out}")


def rebuild_speed(size: int) -> None:
    """Time the 'stories' task (every article grouped afresh, one transaction) on a store of `size`."""
    from bench.corpus import build_store
    from reader.store import Store

    db = build_store(Path(os.environ.get("BENCH_DIR", tempfile.gettempdir())) / "reader-bench-stories" / f"s{size}", size)
    with Store(db) as store:
        t, cpu = time.perf_counter(), time.process_time()
        with store.transaction():
            stories.rebuild(store, lambda d, n: print(f"  {d}/{n} {time.perf_counter() - t:.0f} s", file=sys.stderr) if d % 10000 == 0 else None)
        took, cpu = time.perf_counter() - t, time.process_time() - cpu
        n_stories = store.conn.execute("SELECT count(*) FROM stories").fetchone()[0]
        print(f"{size} articles grouped afresh in {took:.1f} s ({took / size * 1000:.2f} ms an article; this process's "
              f"CPU {cpu:.1f} s; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores), {n_stories} stories")


def main() -> None:
    ap = argparse.ArgumentParser()
    sub = ap.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("pairs")
    p.add_argument("--sweep", action="store_true")
    s = sub.add_parser("speed")
    s.add_argument("sizes", nargs="+", type=int)
    s.add_argument("--fold-every", type=int, help="fold the document counts every N articles (1: each as it is filed)")
    s.add_argument("--same-day", action="store_true", help="date each as the stored copy of its text: most join a story")
    sub.add_parser("crosslingual")
    sub.add_parser("other")
    b = sub.add_parser("blind")
    b.add_argument("files", nargs="*", type=Path)
    d = sub.add_parser("decisions")
    d.add_argument("size", type=int)
    d.add_argument("out", type=Path)
    d.add_argument("--same-day", action="store_true", help="date each as the stored copy of its text: most join a story")
    r = sub.add_parser("rebuild")
    r.add_argument("size", type=int)
    args = ap.parse_args()
    if args.cmd == "pairs":
        pairs_report(args.sweep)
    elif args.cmd == "other":
        other_report()
    elif args.cmd == "crosslingual":
        crosslingual()
    elif args.cmd == "blind":
        blind_report(args.files or BLIND)
    elif args.cmd == "decisions":
        decisions(args.size, args.out, same_day=args.same_day)
    elif args.cmd == "rebuild":
        rebuild_speed(args.size)
    else:
        speed(args.sizes, fold_every=args.fold_every, same_day=args.same_day)


if __name__ == "__main__":
    main()
