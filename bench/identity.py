"""Same URL, which article? How store.text_overlap and SAME_TEXT sort texts met under one URL
or GUID (prints figures): edits of a real article (a paragraph added or dropped, a new title
with a paragraph, typos in 5% / 10% of words) should be 'updated', another article of the
same source and two outlets' reports of one event (../shared/data/stories) 'kept apart'.

    python bench/identity.py
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DATA = ROOT.parent / "shared" / "data"

from reader.store.store import SAME_TEXT, _bigrams, text_overlap  # noqa: E402


def _typos(text: str, rate: float, rng: random.Random) -> str:
    words = text.split(" ")
    for i, w in enumerate(words):
        if len(w) > 3 and rng.random() < rate:
            j = rng.randrange(len(w) - 1)
            words[i] = w[:j] + w[j + 1] + w[j] + w[j + 2:]
    return " ".join(words)


def main() -> None:
    recs = []
    for path in sorted((DATA / "corpus").glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            r = json.loads(line)
            if len(r.get("text") or "") >= 300:
                recs.append(r)
    rng = random.Random(1)
    cases: dict[str, list[float]] = {}

    def score(kind: str, a: tuple[str, str], b: tuple[str, str]) -> None:
        cases.setdefault(kind, []).append(text_overlap(_bigrams(a[0], [a[1]]), _bigrams(b[0], [b[1]])))

    by_source: dict[str, list[dict]] = {}
    for r in recs:
        by_source.setdefault(r.get("source") or "", []).append(r)
    for _ in range(500):
        r, o = rng.choice(recs), rng.choice(recs)
        t, paras = (r.get("title") or "", r["text"]), r["text"].split("\n")
        score("edit: a paragraph added", t, (t[0], t[1] + "\n" + o["text"].split("\n")[0]))
        if len(paras) > 2:
            score("edit: last paragraph dropped", t, (t[0], "\n".join(paras[:-1])))
        score("edit: new title and paragraph", t, ("Updated: " + t[0], t[1] + "\n" + o["text"][:600]))
        score("edit: typos in 5% of words", t, (t[0], _typos(t[1], 0.05, rng)))
        score("edit: typos in 10% of words", t, (t[0], _typos(t[1], 0.10, rng)))
        other = rng.choice(by_source[r.get("source") or ""])
        if other is not r:
            score("other: same source", t, (other.get("title") or "", other["text"]))
    for line in (DATA / "stories" / "pairs_dev.jsonl").read_text(encoding="utf-8").splitlines():
        p = json.loads(line)
        kind = "other: one event, two outlets" if p["same_story"] else "other: two stories, two outlets"
        score(kind, (p["a"]["title"], p["a"]["text"]), (p["b"]["title"], p["b"]["text"]))
    print(f"SAME_TEXT = {SAME_TEXT}: share of the shorter text's word pairs the other holds")
    for kind, xs in cases.items():
        xs.sort()
        same = sum(x >= SAME_TEXT for x in xs) / len(xs)
        want = "updated" if kind.startswith("edit") else "kept apart"
        right = same if want == "updated" else 1 - same
        print(f"  {kind:<34} n={len(xs):<4} min {xs[0]:.2f} median {xs[len(xs) // 2]:.2f} max {xs[-1]:.2f}"
              f"   {want}: {right:.1%}")


if __name__ == "__main__":
    main()
