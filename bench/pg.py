"""The store on PostgreSQL beside SQLite: search latency, list paging, ingest with 1 and 4
writers, and the copy between them, on the same articles.

    python bench/pg.py [--n 100000] [--sqlite PATH] [--pg URL] [--ingest 2000]

The SQLite store is bench/corpus.py's (built at --n, or --sqlite, copied first so the
original is untouched); it is copied into a PostgreSQL database with `reader db copy`'s
code (a throwaway server is started with tests/pgserver.py unless --pg names one).
Figures per query are the median of --repeat runs; p50/p95 over the queries of
bench/search.py. Ingest adds --ingest new articles (perturbed copies not in the store), each
in its own transaction as a refresh stores them, from 1 process and then 4 at once.
Goals (issue 16): search p95 <= 20 ms at 1,000,000 on PostgreSQL; 4 writers >= 3x one.
"""

from __future__ import annotations

import argparse
import multiprocessing
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from bench.corpus import build_store, load_corpus, perturbed  # noqa: E402
from bench.search import QUERIES, percentile  # noqa: E402
from reader.store import Store  # noqa: E402
from reader.store.copy import copy  # noqa: E402
from reader.store.postgres import PostgresStore  # noqa: E402


def timed(fn, repeat: int) -> float:
    runs = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - t)
    return statistics.median(runs)


def ms(s: float) -> str:
    return f"{s * 1000:7.2f} ms"


def open_engine(kind: str, target: str):
    return PostgresStore(target, user="bench") if kind == "postgresql" else Store(target)


def _writer(args: tuple[str, str, list]) -> int:
    kind, target, articles = args
    with open_engine(kind, target) as store:
        for a in articles:
            store.add(a)
    return len(articles)


def ingest(kind: str, target: str, articles: list, writers: int) -> float:
    """Articles per second stored by `writers` processes at once, each article its own transaction."""
    shares = [articles[i::writers] for i in range(writers)]
    with multiprocessing.get_context("spawn").Pool(writers) as pool:
        pool.map(_writer, [(kind, target, [])] * writers)  # start-up (imports, dictionaries) not timed
        t = time.perf_counter()
        done = sum(pool.map(_writer, [(kind, target, s) for s in shares]))
        return done / (time.perf_counter() - t)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=100_000)
    ap.add_argument("--sqlite", type=Path, help="an SQLite store to use (copied first) instead of building one")
    ap.add_argument("--pg", help="a PostgreSQL server's URL (a database 'reader_bench' is made there)")
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "out" / "pg")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--ingest", type=int, default=2000)
    ap.add_argument("--reuse", action="store_true", help="with --pg: use the reader_bench database a previous run copied")
    args = ap.parse_args()

    args.out.mkdir(parents=True, exist_ok=True)
    lite_path = args.out / "reader.db"
    if args.sqlite:
        if not lite_path.exists():  # SQLite's backup: the file and its WAL, consistent
            with sqlite3.connect(f"file:{args.sqlite}?mode=ro", uri=True) as src, sqlite3.connect(lite_path) as dst:
                src.backup(dst)
    else:
        build_store(args.out, args.n)
    folder = None
    if not args.pg:
        import pgserver

        folder = tempfile.mkdtemp(prefix="reader-bench-pg-")
        args.pg = pgserver.start(folder)
    try:
        import psycopg

        if not args.reuse:
            with psycopg.connect(args.pg, autocommit=True) as conn:
                conn.execute("DROP DATABASE IF EXISTS reader_bench")
                conn.execute("CREATE DATABASE reader_bench")
        pg_url = args.pg.rsplit("/", 1)[0] + "/reader_bench"
        with Store(lite_path) as lite, PostgresStore(pg_url, user="bench") as pg:
            n = lite.count()
            if not args.reuse:
                t = time.perf_counter()
                copied = copy(lite, pg)
                took = time.perf_counter() - t
                print(f"articles: {n:,}; copy SQLite -> PostgreSQL: {took:.0f} s ({n / took:,.0f} articles/s,"
                      f" {sum(copied.tables.values()):,} rows, counts verified)")
                pg.conn.execute("VACUUM ANALYZE")
            else:
                print(f"articles: SQLite {n:,}, PostgreSQL {pg.count():,} (reused)")
            stores = {"sqlite": lite, "postgresql": pg}
            print("\nsearch (20 hits; median of runs per query; p50 / p95 over queries)")
            for kind, store in stores.items():
                per_query = []
                for q in QUERIES:
                    store.search(q)  # a user's second query: caches warm
                    per_query.append(timed(lambda: store.search(q, limit=20), args.repeat))
                print(f"  {kind:10}  p50 {ms(percentile(per_query, 50))}  p95 {ms(percentile(per_query, 95))}"
                      f"  worst {ms(max(per_query))}")
            print("\nlist paging (50 rows)")
            pages = [("first page", {}), ("offset 1,000", {"offset": 1000}), ("offset 50,000", {"offset": 50_000}),
                     ("uk, offset 1,000", {"lang": "uk", "offset": 1000}), ("unread", {"unread": True}),
                     ("starred (none)", {"starred": True})]
            for label, kw in pages:
                line = "  ".join(f"{kind} {ms(timed(lambda: s.list(limit=50, **kw), args.repeat))}" for kind, s in stores.items())
                print(f"  {label:18}  {line}")
            counts = "  ".join(f"{kind} {ms(timed(lambda: s.unread_counts(), args.repeat))}" for kind, s in stores.items())
            print(f"  {'feeds pane counts':18}  {counts}")
        if not args.ingest:
            return
        fresh = perturbed(load_corpus(), n + args.ingest, seed=7)[n:]
        for i, a in enumerate(fresh):
            a.url = f"https://example.org/bench-ingest/{i}"
        print(f"\ningest ({len(fresh):,} new articles, one transaction each; analysis included)")
        for kind, target in (("sqlite", str(lite_path)), ("postgresql", pg_url)):
            half = len(fresh) // 2
            one = ingest(kind, target, fresh[:half], 1)
            four = ingest(kind, target, fresh[half:], 4)
            print(f"  {kind:10}  1 writer {one:7.1f}/s   4 writers {four:7.1f}/s   ({four / one:.2f}x)")
    finally:
        if folder:
            import pgserver

            pgserver.stop(folder)


if __name__ == "__main__":
    main()
