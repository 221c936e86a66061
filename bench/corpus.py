"""Build a large, realistic store for benchmarks from the real corpora in ../shared/data/corpus.

Articles are the real ones repeated and perturbed — sentences reordered, about one word
in ten swapped for another word of the same language — so words and scripts stay
realistic and no text appears twice.

    python bench/corpus.py PATH N     builds PATH (a data folder) with N articles
"""

from __future__ import annotations

import json
import random
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from reader.model import Article, Block  # noqa: E402
from reader.store import Store  # noqa: E402

CORPUS = ROOT.parent / "shared" / "data" / "corpus"
_SENT = re.compile(r"(?<=[.!?])\s+")


def load_corpus() -> list[dict]:
    records = []
    for path in sorted(CORPUS.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            rec = json.loads(line)
            if rec.get("text"):
                records.append(rec)
    return records


def perturbed(records: list[dict], n: int, seed: int = 1) -> list[Article]:
    """n articles made from the records: the first pass as they are, then perturbed copies."""
    rng = random.Random(seed)
    vocab: dict[str, list[str]] = {}
    for rec in records:
        vocab.setdefault(rec["lang"], []).extend(re.findall(r"\w{4,}", rec["text"])[:400])
    out = []
    for i in range(n):
        rec = records[i % len(records)]
        words = vocab[rec["lang"]]
        sentences = _SENT.split(rec["text"].replace("\n", " "))
        title = rec.get("title") or sentences[0][:90]
        if i >= len(records):
            rng.shuffle(sentences)
            sentences = [" ".join(rng.choice(words) if rng.random() < 0.1 else w for w in s.split()) for s in sentences]
            title = " ".join(rng.choice(words) if rng.random() < 0.2 else w for w in title.split())
        paras = [" ".join(sentences[j : j + 3]) for j in range(0, len(sentences), 3)]
        day = 1 + i % 28
        out.append(Article(
            title=title, body=[Block("p", p) for p in paras if p], lang=rec["lang"],
            published=f"20{20 + i % 5}-{1 + i % 12:02d}-{day:02d}", source=rec.get("source") or "corpus",
            url=f"https://example.org/{rec['lang']}/{i}",
        ))
    return out


def build_store(home: Path, n: int, batch: int = 2000) -> Path:
    """A data folder holding n articles (reused when it already holds them)."""
    home.mkdir(parents=True, exist_ok=True)
    db = home / "reader.db"
    done = home / f"built-{n}"  # a few perturbed texts coincide, so the count can fall short of n
    if done.exists() and db.exists():
        return db
    with Store(db) as store:
        articles = perturbed(load_corpus(), n)
        for start in range(0, len(articles), batch):
            store.add_many(articles[start : start + batch])
        store.conn.execute("INSERT INTO search(search) VALUES ('optimize')")
    done.touch()
    return db


if __name__ == "__main__":
    path, n = Path(sys.argv[1]), int(sys.argv[2])
    t = time.perf_counter()
    build_store(path, n)
    print(f"built {path} with {n} articles in {time.perf_counter() - t:.1f} s")
