"""Translation speed and memory: the reader's engine against argostranslate on the same package.

    .venv/bin/python bench/translate.py [--package FILE.argosmodel --source en --target uk --text FILE]

By default: the tiny en→uk test package and 60 paragraphs of its template sentences.
Each side runs in a fresh process and reports its own times and peak memory:
- words/s over the whole text, warm (model loaded) and for the whole command (cold);
- cold time from process start to the first translated paragraph (target <= 1 s);
- time to toggle back to a cached translation through the store (target <= 50 ms).
argostranslate runs its own `argos-translate` code path (argostranslate.translate, paragraph
by paragraph) with one change: its sentence splitter is the reader's, because with the
network cut its own splitters (MiniSBD, Stanza) fail trying to download their models.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

OURS = r"""
import json, resource, sys, time
t0 = float(sys.argv[1]); home, source, target = sys.argv[2:5]
paragraphs = json.loads(open(sys.argv[5], encoding="utf-8").read())
first = []
from reader.translate import translate_blocks
t1 = time.time()
out = translate_blocks(paragraphs, source, target, home, on_progress=lambda i, t: first or first.append(time.time()))
t2 = time.time()
translate_blocks(paragraphs, source, target, home)
t3 = time.time()
print(json.dumps({"first": first[0] - t0, "cold": t2 - t0, "warm": t3 - t2, "out": out,
                  "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""

ARGOS = r"""
import json, resource, sys, time
t0 = float(sys.argv[1]); source, target = sys.argv[2:4]
text = "\n".join(json.loads(open(sys.argv[4], encoding="utf-8").read()))
from argostranslate import translate
from reader.translate.sentences import split_sentences
class Splitter:
    def split_sentences(self, text):
        return split_sentences(text)
languages = {l.code: l for l in translate.get_installed_languages()}
translation = languages[source].get_translation(languages[target])
translation.underlying.sentencizer = Splitter()
t1 = time.time()
out = translation.translate(text)
t2 = time.time()
translation.cache = {}
translation.translate(text)
t3 = time.time()
print(json.dumps({"first": None, "cold": t2 - t0, "warm": t3 - t2, "out": out.split("\n"),
                  "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def sample_paragraphs(n: int = 60) -> list[str]:
    sys.path.insert(0, str(ROOT / "tests"))
    from train_packages import corpus

    rng = random.Random(5)
    rows = corpus()
    return [" ".join(rng.choice(rows)["en"] for _ in range(4)) for _ in range(n)]


def run(script: str, args: list[str], env: dict | None = None) -> dict:
    start = time.time()
    done = subprocess.run([sys.executable, "-c", script, repr(start), *args], capture_output=True,
                          text=True, cwd=ROOT, env=env, timeout=1200)
    if done.returncode != 0:
        raise SystemExit(f"benchmark process failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def toggle_ms(home: str, paragraphs: list[str], source: str, target: str) -> float:
    """Median time to get an already translated article back through translate_article."""
    from reader.model import Article, Block
    from reader.store import Store
    from reader.translate import translate_article

    with Store(Path(home) / "reader.db") as store:
        article_id, _ = store.add(Article(title=paragraphs[0], body=[Block("p", p) for p in paragraphs], lang=source))
        translate_article(store, article_id, target, home)
        times = []
        for _ in range(20):
            t = time.perf_counter()
            translate_article(store, article_id, target, home)
            times.append(time.perf_counter() - t)
    return sorted(times)[len(times) // 2] * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--package", default=str(ROOT / "tests" / "packages" / "en_uk.argosmodel"))
    parser.add_argument("--source", default="en")
    parser.add_argument("--target", default="uk")
    parser.add_argument("--text", help="a UTF-8 text file, paragraphs separated by blank lines")
    args = parser.parse_args()

    from reader.translate.packages import install_file

    if args.text:
        paragraphs = [p.strip() for p in Path(args.text).read_text(encoding="utf-8").split("\n\n") if p.strip()]
    else:
        paragraphs = sample_paragraphs()
    words = sum(len(p.split()) for p in paragraphs)
    with tempfile.TemporaryDirectory() as home:
        pkg = install_file(args.package, home)
        text_file = Path(home) / "text.json"
        text_file.write_text(json.dumps(paragraphs, ensure_ascii=False), encoding="utf-8")
        ours = run(OURS, [home, args.source, args.target, str(text_file)])
        env = os.environ | {"ARGOS_PACKAGES_DIR": str(Path(home) / "packages"), "XDG_DATA_HOME": f"{home}/xdg",
                            "XDG_CONFIG_HOME": f"{home}/xdg", "XDG_CACHE_HOME": f"{home}/xdg"}
        argos = run(ARGOS, [args.source, args.target, str(text_file)], env)
        toggle = toggle_ms(home, paragraphs, args.source, args.target)
        size = pkg.size
    same = sum(a == b for a, b in zip(ours["out"], argos["out"]))
    print(f"package {pkg.key} ({size / 1e6:.2f} MB), {len(paragraphs)} paragraphs, {words} words")
    print(f"{'':24}{'reader':>12}{'argostranslate':>16}")
    for label, key in (("warm words/s", "warm"), ("whole command words/s", "cold")):
        a, b = words / ours[key], words / argos[key]
        print(f"{label:24}{a:12.0f}{b:16.0f}   ×{a / b:.1f}")
    print(f"{'peak memory MB':24}{ours['rss_mb']:12.0f}{argos['rss_mb']:16.0f}")
    print(f"first paragraph (cold)  {ours['first']:11.2f}s   (target <= 1 s)")
    print(f"toggle back (cached)    {toggle:10.1f}ms   (target <= 50 ms)")
    print(f"paragraphs identical to argostranslate: {same}/{len(paragraphs)}")


if __name__ == "__main__":
    main()
