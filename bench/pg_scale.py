"""PostgreSQL search and list paging near 1,000,000 articles, from the store bench/pg.py copied.

    python bench/pg_scale.py --pg URL [--times 12]

Building a million analysed articles takes hours here, so the database bench/pg.py made
(reader_bench: about 82,000 articles from the corpora) is copied --times over inside
PostgreSQL, each copy with new ids (and its own content hash): articles, blocks and search
rows; the GIN index is built once at the end. Texts repeat, so every query matches --times
as many texts as at 82,000: the index and ranking work of a store that size, though not its
variety of words. Figures: p50 / p95 over bench/search.py's queries (median of --repeat
runs each), and list pages. --times 1 measures reader_bench itself.

--hits FILE: each query's hits (article ids, in order) are written to FILE when it is not
there, else compared with it: a change to the search's plan must find the same articles.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.search import QUERIES, percentile  # noqa: E402
from reader.store.postgres import PostgresStore  # noqa: E402

COLUMNS = ("source_id, url, guid, title, author, published, lang, lang_confidence, site_languages, path, added,"
           " updated, sort_key, from_summary")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pg", required=True, help="the server bench/pg.py used (its reader_bench database)")
    ap.add_argument("--times", type=int, default=12)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--reuse", action="store_true", help="the scaled database is there already")
    ap.add_argument("--hits", type=Path, help="each query's hits: written if missing, else compared")
    args = ap.parse_args()
    import psycopg

    name = "reader_bench" if args.times == 1 else f"reader_bench_x{args.times}"
    url = args.pg.rsplit("/", 1)[0] + "/" + name
    if not args.reuse and args.times > 1:
        with psycopg.connect(args.pg, autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {name}")
            conn.execute(f"CREATE DATABASE {name} TEMPLATE reader_bench")
        t = time.perf_counter()
        with psycopg.connect(url, autocommit=True) as conn:
            top = conn.execute("SELECT max(id) FROM article_rows").fetchone()[0]
            conn.execute("SET maintenance_work_mem = '1GB'")
            indexes = [r[0] for r in conn.execute("SELECT indexname FROM pg_indexes WHERE tablename = 'search'"
                                                  " AND indexname <> 'search_pkey'")]
            made = [conn.execute("SELECT pg_get_indexdef(%s::regclass)", (i,)).fetchone()[0] for i in indexes]
            for index in indexes:  # built once at the end
                conn.execute(f"DROP INDEX {index}")
            for k in range(1, args.times):
                off = k * top
                conn.execute(f"INSERT INTO article_rows (id, content_hash, {COLUMNS}) SELECT id + {off},"
                             f" content_hash || '-{k}', {COLUMNS} FROM article_rows WHERE id <= {top}")
                conn.execute(f"INSERT INTO blocks SELECT article_id + {off}, seq, kind, text, credit, lang FROM blocks"
                             f" WHERE article_id <= {top}")
                conn.execute(f"INSERT INTO search SELECT rowid + {off * 4}, tsv FROM search WHERE rowid < {(top + 1) * 4}")
                print(f"copy {k + 1}/{args.times} ({time.perf_counter() - t:.0f} s)", flush=True)
            for sql in made:
                conn.execute(sql)
            conn.execute("SELECT setval(pg_get_serial_sequence('article_rows', 'id'), (SELECT max(id) FROM article_rows))")
            conn.execute("VACUUM ANALYZE")
        print(f"built in {time.perf_counter() - t:.0f} s")
    with PostgresStore(url, user="bench") as store:
        n = store.count()
        per_query, found, ids = [], [], {}
        for q in QUERIES:
            store.search(q)
            runs = []
            for _ in range(args.repeat):
                t = time.perf_counter()
                hits = store.search(q, limit=20)
                runs.append(time.perf_counter() - t)
            per_query.append(statistics.median(runs))
            found.append(len(hits))
            ids[q] = [h.id for h in store.search(q, limit=500)]
        ms = lambda s: f"{s * 1000:7.2f} ms"  # noqa: E731
        print(f"articles: {n:,}")
        print(f"search p50 {ms(percentile(per_query, 50))}  p95 {ms(percentile(per_query, 95))}  worst {ms(max(per_query))}"
              f"  (hits per query: min {min(found)})")
        for label, kw in [("first page", {}), ("offset 1,000", {"offset": 1000}), ("offset 500,000", {"offset": 500_000}),
                          ("uk, offset 1,000", {"lang": "uk", "offset": 1000}), ("unread", {"unread": True})]:
            runs = []
            for _ in range(args.repeat):
                t = time.perf_counter()
                store.list(limit=50, **kw)
                runs.append(time.perf_counter() - t)
            print(f"list {label:18} {ms(statistics.median(runs))}")
    if args.hits and args.hits.exists():
        before = json.loads(args.hits.read_text())
        changed = [q for q in QUERIES if before.get(q) != ids[q]]
        print(f"hits: {len(QUERIES) - len(changed)}/{len(QUERIES)} queries the same as {args.hits}"
              + (f"; changed: {changed}" if changed else ""))
    elif args.hits:
        args.hits.write_text(json.dumps(ids))
        print(f"hits written to {args.hits}")


if __name__ == "__main__":
    main()
