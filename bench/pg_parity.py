"""Search on PostgreSQL against search on SQLite, on the same articles: the same hits, and
how far the two rankings (FTS5's bm25, PostgreSQL's ts_rank) agree.

    python bench/pg_parity.py [--pg URL]

Articles: every article of ../shared/data/corpus (en, uk, ru). Queries are made from the
data alone (tests/test_postgres.py's rule: a title's longest word, two of its words, a
quoted pair of body words, every 7th article). Nothing was tuned on these figures: the
ts_rank weights are fts.WEIGHTS scaled, chosen before measuring. The test runs on the
first 120 articles of each file; these figures are over all of them (the rest held out).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from reader.store import Store  # noqa: E402
from reader.store.postgres import PostgresStore  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pg", help="a PostgreSQL server's URL (else a throwaway one is started)")
    args = ap.parse_args()
    from test_postgres import _corpus, _queries

    folder = None
    if not args.pg:
        import pgserver

        folder = tempfile.mkdtemp(prefix="reader-parity-pg-")
        args.pg = pgserver.start(folder)
    try:
        import psycopg

        with psycopg.connect(args.pg, autocommit=True) as conn:
            conn.execute("DROP DATABASE IF EXISTS reader_parity")
            conn.execute("CREATE DATABASE reader_parity")
        articles = _corpus(10_000)
        queries = _queries(articles)
        with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "r.db") as lite, \
                PostgresStore(args.pg.rsplit("/", 1)[0] + "/reader_parity") as pg:
            lite.add_many(articles)
            pg.add_many(articles)
            same, top1, overlaps, worst = 0, [], [], (1.0, "")
            for q in queries:
                a, b = lite.search(q, limit=500), pg.search(q, limit=500)
                same += {h.id for h in a} == {h.id for h in b}
                if len(a) > 1:
                    top1.append(a[0].id == b[0].id)
                    o = len({h.id for h in a[:10]} & {h.id for h in b[:10]}) / min(10, len(a))
                    overlaps.append(o)
                    worst = min(worst, (o, q))
        print(f"articles {len(articles):,}, queries {len(queries)} ({len(top1)} with more than one hit)")
        print(f"same hit set: {same}/{len(queries)}")
        print(f"best hit the same: {sum(top1) / len(top1):.3f}")
        print(f"top-10 overlap: mean {statistics.mean(overlaps):.3f}, median {statistics.median(overlaps):.3f},"
              f" worst {worst[0]:.2f} ({worst[1]!r}), share below 0.5: {sum(o < 0.5 for o in overlaps) / len(overlaps):.3f}")
    finally:
        if folder:
            import pgserver

            pgserver.stop(folder)


if __name__ == "__main__":
    main()
