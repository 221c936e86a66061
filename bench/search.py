"""Search latency: FTS5 (the reader's search) against a LIKE '%q%' scan over the same rows.

    python bench/search.py [--n 100000] [--home bench/out/search]

Prints p50 / p95 per method over a fixed list of English, Ukrainian and Russian queries
(each query's figure is the median of --repeat runs, which keeps other load on the machine
out of it), and their ratio. Targets: FTS p95 <= 10 ms at 100,000 articles, >= 50x faster than the scan.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.corpus import build_store  # noqa: E402
from reader.store import Store  # noqa: E402

QUERIES = [
    "president", "police said", "government", "climate", "football match",
    "президент", "москвы", "полиция", "правительство", "суд",
    "тендер", "закупівлі", "гривень", "Укртрансгаз", "міністерство",
]


def percentile(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=100_000)
    ap.add_argument("--home", type=Path, default=ROOT / "bench" / "out" / "search")
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    t = time.perf_counter()
    build_store(args.home, args.n)
    print(f"store: {args.n} articles ({time.perf_counter() - t:.1f} s to build or open)")
    with Store(args.home / "reader.db") as store:
        fts, like, found = [], [], []
        for q in QUERIES:
            store.search(q)  # warm the page cache as a user's second query would
            runs = []
            for _ in range(args.repeat):
                t = time.perf_counter()
                hits = store.search(q, limit=20)
                runs.append(time.perf_counter() - t)
            fts.append(statistics.median(runs))  # one figure per query: the median of its runs
            found.append(len(hits))
            pattern = f"%{q}%"
            t = time.perf_counter()
            store.conn.execute(
                "SELECT DISTINCT a.id FROM articles a JOIN blocks b ON b.article_id = a.id"
                " WHERE a.title LIKE ? OR b.text LIKE ?", (pattern, pattern)).fetchall()
            like.append(time.perf_counter() - t)
    ms = lambda s: f"{s * 1000:.2f} ms"  # noqa: E731
    print(f"queries: {len(QUERIES)} (en, uk, ru), hits per query: min {min(found)}, median {statistics.median(found)}")
    print(f"FTS5 search   p50 {ms(percentile(fts, 50))}  p95 {ms(percentile(fts, 95))}")
    print(f"LIKE scan     p50 {ms(percentile(like, 50))}  p95 {ms(percentile(like, 95))}")
    print(f"ratio (p50)   {percentile(like, 50) / percentile(fts, 50):.0f}x faster   (p95) {percentile(like, 95) / percentile(fts, 95):.0f}x")


if __name__ == "__main__":
    main()
