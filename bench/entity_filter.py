"""The entity filter's cost: `keys_for_name` (what `list --entity` and the TUI's `e` run on
every name typed) on stores of 10,000 and 100,000 articles.

    python bench/entity_filter.py [--sizes 10000 100000] [--home bench/out/entity_filter] [--repeat 5]

Stores come from bench/corpus.py. Their entities are the real recognisers' on the dev corpus
(reader.pipeline.article_entities, cached in bench/out/entity_filter_entities.json): article
i holds the spans of corpus record i mod N, and in the perturbed copies each person of two
words or more takes the given name of another person of its script half the time, so the
store holds many more distinct people than the corpus (printed). They are written through
the store (Store.put_entities), as ingest writes them.

Per name: `cold` is its first lookup in the process (its inflections and readings computed
then, as when a user types a new name), `warm` the median of --repeat more. Prints p50 / p95
over the names. Target: p95 <= 20 ms at 100,000 articles.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.corpus import build_store, load_corpus, perturbed  # noqa: E402
from reader.entities.merge import is_cyrillic  # noqa: E402
from reader.model import Entity  # noqa: E402
from reader.store import Store  # noqa: E402

CACHE = ROOT / "bench" / "out" / "entity_filter_entities.json"
#: Names typed besides the store's most frequent: inflected, lower-case, Latin for Cyrillic
#: and back, ambiguous surnames, names the store does not hold.
TYPED = ["Blinken", "Блінкена", "Путина", "Putin", "Zelensky", "Зеленського", "Trump", "Трампа", "Biden", "Байдена",
         "Merkel", "Меркель", "Johnson", "Smith", "Европейского союза", "EU", "Kyiv", "Києві", "moscow", "Nobody Atall"]


def corpus_entities(records: list[dict]) -> list[list[tuple]]:
    """Each corpus record's spans (seq, start, end, label, text, norm), cached on disk."""
    if CACHE.exists():
        cached = json.loads(CACHE.read_text(encoding="utf-8"))
        if len(cached) == len(records):
            return cached
    from reader.pipeline import article_entities

    out = []
    for n, article in enumerate(perturbed(records, len(records)), 1):
        out.append([(seq, e.start, e.end, e.label, e.text, e.norm) for seq, e in article_entities(article)])
        if n % 100 == 0:
            print(f"  entities: {n}/{len(records)}", file=sys.stderr)
    CACHE.parent.mkdir(parents=True, exist_ok=True)
    CACHE.write_text(json.dumps(out, ensure_ascii=False), encoding="utf-8")
    return out


def given_names(spans: list[list[tuple]]) -> dict[bool, list[str]]:
    """Given names of the corpus's people of two words or more, by script (Cyrillic or not)."""
    out: dict[bool, list[str]] = {False: [], True: []}
    for doc in spans:
        for *_, label, _, norm in doc:
            if label == "PER" and len(norm.split()) > 1:
                out[is_cyrillic(norm)].append(norm.rsplit(" ", 1)[0])
    return out


def with_entities(db: Path, records: list[dict], n: int, batch: int = 2000) -> None:
    """Write each article's spans (see the module's docstring) once; a marker says it is done."""
    done = db.parent / f"entities-{n}"
    if done.exists():
        return
    spans = corpus_entities(records)
    given = given_names(spans)
    with Store(db) as store:
        ids = [(r[0], int(r[1].rsplit("/", 1)[1])) for r in store.conn.execute("SELECT id, url FROM articles ORDER BY id")]
        for start in range(0, len(ids), batch):
            with store.transaction():
                for article_id, i in ids[start : start + batch]:
                    rng = random.Random(i)
                    items = []
                    for seq, s, e, label, text, norm in spans[i % len(records)]:
                        if i >= len(records) and label == "PER" and len(norm.split()) > 1 and rng.random() < 0.5:
                            norm = rng.choice(given[is_cyrillic(norm)]) + " " + norm.rsplit(" ", 1)[1]
                        items.append((seq, Entity(s, e, label, text, norm)))
                    store._put_entities(article_id, "", items)
            print(f"  entities written: {min(start + batch, len(ids))}/{len(ids)}", file=sys.stderr)
    done.touch()


def names_to_type(store: Store) -> list[str]:
    """The store's 10 most mentioned people, 5 organisations and 5 places in each script, the
    people's surnames alone, and TYPED."""
    out: list[str] = []
    for label, most in (("PER", 10), ("ORG", 5), ("LOC", 5)):
        rows = store.conn.execute("SELECT norm, count(*) FROM entities WHERE label = ? GROUP BY norm ORDER BY 2 DESC, 1 LIMIT 400",
                                  (label,)).fetchall()
        for script in (False, True):
            top = [r[0] for r in rows if is_cyrillic(r[0]) == script][:most]
            out += top
            if label == "PER":
                out += [t.rsplit(" ", 1)[1] for t in top if " " in t]
    return list(dict.fromkeys(out + TYPED))


def percentile(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))]


def measure(db: Path, repeat: int, limit: int | None = None) -> None:
    from reader.store.names import keys_for_name

    with Store(db) as store:
        c = store.conn
        facts = c.execute("SELECT count(*), count(DISTINCT key || '|' || label) FROM entities").fetchone()
        people = c.execute("SELECT count(DISTINCT key) FROM entities WHERE label = 'PER'").fetchone()[0]
        articles = c.execute("SELECT count(*) FROM articles").fetchone()[0]
        print(f"store {db.parent.name}: {articles:,} articles, {facts[0]:,} entity rows, {facts[1]:,} distinct (key, label),"
              f" {people:,} distinct people")
        names = names_to_type(store)
        names = names[: limit or None]
        for warm_up in ("Warm Up", "Разогрев"):  # the dictionaries loaded once, as in a running reader
            keys_for_name(warm_up, c)
        cold, warm, found = [], [], []
        for name in names:
            t = time.perf_counter()
            keys = keys_for_name(name, c)
            cold.append(time.perf_counter() - t)
            runs = []
            for _ in range(repeat):
                t = time.perf_counter()
                keys_for_name(name, c)
                runs.append(time.perf_counter() - t)
            warm.append(statistics.median(runs))
            found.append(len(keys))
        ms = lambda s: f"{s * 1000:7.2f} ms"  # noqa: E731
        print(f"  {len(names)} names, keys per name: median {statistics.median(found)}, max {max(found)}")
        print(f"  cold  p50 {ms(percentile(cold, 50))}  p95 {ms(percentile(cold, 95))}  max {ms(max(cold))}")
        print(f"  warm  p50 {ms(percentile(warm, 50))}  p95 {ms(percentile(warm, 95))}  max {ms(max(warm))}")
        slow = sorted(zip(warm, names), reverse=True)[:3]
        print("  slowest warm: " + ", ".join(f"{n} {s * 1000:.1f} ms" for s, n in slow))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    ap.add_argument("--home", type=Path, default=ROOT / "bench" / "out" / "entity_filter")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--names", type=int, help="time only the first this many names")
    ap.add_argument("--build-only", action="store_true", help="build the stores and stop")
    args = ap.parse_args()
    records = load_corpus()
    for n in args.sizes:
        t = time.perf_counter()
        db = build_store(args.home / str(n), n)
        with_entities(db, records, n)
        print(f"store of {n:,}: {time.perf_counter() - t:.1f} s to build or open")
        if not args.build_only:
            measure(db, args.repeat, args.names)


if __name__ == "__main__":
    main()
