"""Translation at real size (issue 18): a 1,600-word article through a transformer-base package.

    /tmp/rsvenv/bin/python bench/make_real_size_package.py     # once: bench/out/real/en_ru.argosmodel
    .venv/bin/python bench/translate_real.py [--package FILE] [--runs 2] [--no-options] [--no-argos]

The article is a real one (the New York Times page among the extraction test pages: title,
62 blocks with captions and a dateline, 83 sentences, 2,605 SentencePiece pieces).
1. End to end, each in a fresh process as bench/translate.py does it: the reader's
   translate_blocks against argostranslate's own path (paragraph by paragraph, its
   sentence splitter swapped for ours because its own downloads models). Words/s warm
   (model loaded) and cold (the whole command), first paragraph on screen (cold, model load
   included), the longest wait between two paragraphs, peak memory against the model's
   size, toggling back to the cached translation through the store.
   Then where the memory goes, in a fresh process: RSS after Python and the reader's
   imports, after CTranslate2 and SentencePiece, with the model loaded (and the peak while
   loading), ready (a first tiny call made), the peak while translating the article, and
   after it (Linux: /proc/self/status, the peak reset between stages through clear_refs).
2. Each CTranslate2 option on its own, in one process, the whole article per run (median of
   --runs, taken round-robin so that each option sees the same load on a shared machine),
   one thread unless said: argos's batching (a call per paragraph, max_batch_size=32
   *tokens*, about a sentence a batch, on all cores), a batch per paragraph, chunks of
   sentences, the whole article in one call, max_batch_size by examples and by tokens,
   inter/intra threads, float32 against int8, greedy against beam 4; and the engine as it
   is (chunks in reading order split into batches of BATCH_TOKENS pieces, one thread).
   "peak +MiB": how far RSS rose above where it was before the option's run (Linux), so
   the memory decoding takes on top of the model, with what the allocator keeps.
The package's weights are random but for where it stops (see make_real_size_package.py):
its outputs are gibberish of the reference's length, so per-step cost and lengths are real
while outputs cannot be compared with argostranslate's (they still must be identical).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.translate import ARGOS, run, toggle_ms  # noqa: E402

ARTICLE = ROOT.parent / "shared" / "data" / "extraction" / "readability" / "rd_nytimes-3.json"
DEFAULT_PACKAGE = ROOT / "bench" / "out" / "real" / "en_ru.argosmodel"

OURS = r"""
import json, resource, sys, time
t0 = float(sys.argv[1]); home, source, target = sys.argv[2:5]
paragraphs = json.loads(open(sys.argv[5], encoding="utf-8").read())
times = []
from reader.translate import translate_blocks
out = translate_blocks(paragraphs, source, target, home, on_progress=lambda i, t: times.append(time.time() - t0))
t2 = time.time()
translate_blocks(paragraphs, source, target, home)
t3 = time.time()
print(json.dumps({"first": times[0], "times": times, "cold": t2 - t0, "warm": t3 - t2, "out": out,
                  "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


MEMORY = r"""
import json, sys
home, source, target = sys.argv[2:5]
paragraphs = json.loads(open(sys.argv[5], encoding="utf-8").read())
def status():
    d = {}
    for line in open("/proc/self/status"):
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            d[key] = int(value.split()[0]) / 1024
    return d
def reset_peak():
    with open("/proc/self/clear_refs", "w") as f:
        f.write("5")
stages = [("Python", status())]
from reader.translate import translate_blocks
from reader.translate.engine import engine_for, release_memory
from reader.translate.route import find_route
stages.append(("+ the reader's translate modules", status()))
import ctranslate2, sentencepiece
stages.append(("+ CTranslate2, SentencePiece imported", status()))
reset_peak()
engine = engine_for(find_route(source, target, home).steps[0])
stages.append(("+ model loaded (peak: while loading)", status()))
engine.translate(["Hi."]); release_memory()
stages.append(("+ a first call (ready to translate)", status()))
reset_peak()
translate_blocks(paragraphs, source, target, home)
stages.append(("peak translating the article", status()))
print(json.dumps(stages))
"""


def memory(stages: list, model_mb: float) -> None:
    """Where the memory goes (see MEMORY), against the model's size."""
    print(f"\nmemory, fresh process{'MiB':>26}{'× model':>9}{'peak':>7}")
    for label, st in stages:
        rss = st["VmHWM"] if label.startswith("peak") else st["VmRSS"]
        peak = f"{st['VmHWM']:7.0f}" if "peak:" in label else ""
        print(f"  {label:45}{rss:5.0f}{rss / model_mb:9.2f}{peak}")
    print(f"  {'after it (freed memory handed back)':45}{stages[-1][1]['VmRSS']:5.0f}"
          f"{stages[-1][1]['VmRSS'] / model_mb:9.2f}")


def _status(key: str) -> float:
    try:
        with open("/proc/self/status") as f:
            return next(int(line.split()[1]) for line in f if line.startswith(key + ":")) / 1024
    except OSError:
        return float("nan")


def peak_reset() -> float:
    """Free what can be freed, reset the peak (Linux), and return RSS now in MiB."""
    from reader.translate.engine import release_memory

    release_memory()
    try:
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")
    except OSError:
        pass
    return _status("VmRSS")


def peak() -> float:
    return _status("VmHWM")


def article() -> list[str]:
    page = json.loads(ARTICLE.read_text(encoding="utf-8"))
    return [page["title"]] + [b for b in page["body"].split("\n\n") if b.strip()]


def end_to_end(package: Path, paragraphs: list[str], with_argos: bool) -> None:
    from reader.translate.packages import install_file

    words = sum(len(p.split()) for p in paragraphs)
    with tempfile.TemporaryDirectory() as home:
        pkg = install_file(package, home)
        model_mb = sum(f.stat().st_size for f in (pkg.path / "model").iterdir()) / 2**20
        text_file = Path(home) / "text.json"
        text_file.write_text(json.dumps(paragraphs, ensure_ascii=False), encoding="utf-8")
        ours = run(OURS, [home, "en", "ru", str(text_file)])
        argos = None
        if with_argos:
            env = os.environ | {"ARGOS_PACKAGES_DIR": str(Path(home) / "packages"), "XDG_DATA_HOME": f"{home}/xdg",
                                "XDG_CONFIG_HOME": f"{home}/xdg", "XDG_CACHE_HOME": f"{home}/xdg"}
            argos = run(ARGOS, ["en", "ru", str(text_file)], env)
        toggle = toggle_ms(home, paragraphs, "en", "ru")
        stages = run(MEMORY, [home, "en", "ru", str(text_file)]) if Path("/proc/self/clear_refs").exists() else None
    gaps = [b - a for a, b in zip(ours["times"], ours["times"][1:])]
    print(f"package {pkg.key}: model {model_mb:.0f} MiB; article {len(paragraphs)} blocks, {words} words")
    print(f"{'':26}{'reader':>10}{'argostranslate':>16}")
    for label, key in (("warm words/s", "warm"), ("whole command words/s", "cold")):
        a = words / ours[key]
        b = words / argos[key] if argos else float("nan")
        print(f"{label:26}{a:10.0f}{b:16.0f}   ×{a / b:.1f}")
    argos_first = f"{argos['cold']:15.2f}s" if argos else ""
    print(f"{'first paragraph (cold)':26}{ours['first']:9.2f}s{argos_first}   (argos: all at once; target <= 1 s)")
    print(f"{'longest wait between':26}{max(gaps):9.2f}s   (paragraphs arrive in reading order)")
    argos_mb = f"{argos['rss_mb']:16.0f}" if argos else ""
    print(f"{'peak memory MiB':26}{ours['rss_mb']:10.0f}{argos_mb}   "
          f"(×{ours['rss_mb'] / model_mb:.2f} the model; target <= 1.5)")
    print(f"{'toggle back (cached)':26}{toggle:8.1f}ms   (target <= 50 ms)")
    if argos:
        same = sum(a == b for a, b in zip(ours["out"], argos["out"]))
        print(f"paragraphs identical to argostranslate: {same}/{len(paragraphs)}")
    if stages:
        memory(stages, model_mb)


def options(package: Path, paragraphs: list[str], runs: int, only: list[str]) -> None:
    """Each CTranslate2 option's effect on the whole article, in this process."""
    import ctranslate2

    from reader.translate import engine as eng
    from reader.translate.packages import install_file
    from reader.translate.sentences import split_block

    with tempfile.TemporaryDirectory() as home:
        pkg = install_file(package, home)
        sentences = [[s for line in split_block(p) for s in line] for p in paragraphs]
        encoder = eng.Engine(pkg)
        tokens = [[encoder.encode(s) for s in para if eng.needs_translation(s)] for para in sentences]
        flat = [t for para in tokens for t in para]
        words = sum(len(p.split()) for p in paragraphs)
        model = str(pkg.path / "model")

        def per_paragraph():
            return [para for para in tokens if para]

        def chunks(size):
            saved, eng.CHUNK_SENTENCES = eng.CHUNK_SENTENCES, size  # chunks() reads it
            groups = eng.chunks([[para] for para in sentences])
            eng.CHUNK_SENTENCES = saved
            out = [[t for i in g for t in tokens[i]] for g in groups]
            return [c for c in out if c]

        argos = dict(max_batch_size=32, batch_type="tokens")
        base = dict(compute_type="int8", inter_threads=1, intra_threads=1)
        cases = [
            ("argos: a call per paragraph, max_batch_size=32 tokens", base | dict(intra_threads=0), per_paragraph(), argos),
            ("a call per paragraph, one batch", base, per_paragraph(), {}),
            ("chunks of 8, a call at a time", base, chunks(8), {}),
            ("chunks of 8, intra 2", base | dict(intra_threads=2), chunks(8), {}),
            ("chunks of 8, max_batch_size=256 tokens", base, chunks(8), dict(max_batch_size=256, batch_type="tokens")),
            ("chunks of 8, max_batch_size=192 tokens", base, chunks(8), dict(max_batch_size=192, batch_type="tokens")),
            ("chunks of 8, max_batch_size=64 tokens", base, chunks(8), dict(max_batch_size=64, batch_type="tokens")),
            ("whole article, one batch", base, [flat], {}),
            ("whole article, max_batch_size=16 (sorted by length)", base, [flat], dict(max_batch_size=16)),
            ("whole article, max_batch_size=1024 tokens", base, [flat], dict(max_batch_size=1024, batch_type="tokens")),
            ("whole article, max_batch_size=8, inter 2 × intra 1", base | dict(inter_threads=2),
             [flat], dict(max_batch_size=8)),
            ("chunks of 8, float32 instead of int8", base | dict(compute_type="float32"), chunks(8), {}),
            ("chunks of 8, greedy (beam 1, not argos's output)", base, chunks(8), dict(beam_size=1)),
            (f"engine now: chunks of {eng.CHUNK_SENTENCES}, batches of {eng.BATCH_TOKENS} pieces, one thread",
             None, chunks(eng.CHUNK_SENTENCES), None),
        ]
        print(f"\nCTranslate2 options, whole article ({len(flat)} sentences, {sum(map(len, flat))} pieces), "
              f"median of {runs}; {len(os.sched_getaffinity(0))} cores")
        print(f"{'':66}{'words/s':>8}{'calls':>6}{'first call s':>13}{'CPU s':>7}{'peak +MiB':>10}")
        if only:
            cases = [c for c in cases if any(word in c[0] for word in only)]
        translators = {}
        totals = {label: [] for label, *_ in cases}
        firsts = {label: [] for label, *_ in cases}
        cpu = {label: [] for label, *_ in cases}
        peaks = {label: [] for label, *_ in cases}
        for _ in range(runs):  # round-robin, so every option sees the same machine load
            for label, load, batches, extra in cases:
                if load is None:  # the engine itself, model loaded, cache cold
                    eng.translate_blocks(paragraphs[:1], "en", "ru", home)
                    before = peak_reset()
                    seen = []
                    c = time.process_time()
                    t = time.perf_counter()
                    eng.translate_blocks(paragraphs, "en", "ru", home,
                                         on_progress=lambda i, _: seen or seen.append(time.perf_counter() - t))
                    totals[label].append(time.perf_counter() - t)
                    cpu[label].append(time.process_time() - c)
                    firsts[label].append(seen[0])
                    peaks[label].append(peak() - before)
                    continue
                key = tuple(sorted(load.items()))
                if key not in translators:
                    translators[key] = ctranslate2.Translator(model, device="cpu", **load)
                    translators[key].translate_batch([flat[0][:5]], beam_size=4)  # first-call set-up
                translator = translators[key]
                before = peak_reset()
                c = time.process_time()
                t = time.perf_counter()
                for i, batch in enumerate(batches):
                    opts = dict(beam_size=4, length_penalty=0.2, replace_unknowns=True,
                                max_decoding_length=eng.MAX_RATIO * max(map(len, batch)) + eng.SLACK) | extra
                    translator.translate_batch(batch, **opts)
                    if i == 0:
                        firsts[label].append(time.perf_counter() - t)
                totals[label].append(time.perf_counter() - t)
                cpu[label].append(time.process_time() - c)
                peaks[label].append(peak() - before)
        for label, _, batches, _ in cases:
            print(f"{label:66}{words / statistics.median(totals[label]):8.0f}{len(batches):6}"
                  f"{statistics.median(firsts[label]):13.2f}{statistics.median(cpu[label]):7.1f}"
                  f"{max(peaks[label]):10.0f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--package", default=str(DEFAULT_PACKAGE))
    parser.add_argument("--runs", type=int, default=1, help="timed runs per CTranslate2 option")
    parser.add_argument("--no-options", action="store_true")
    parser.add_argument("--no-argos", action="store_true")
    parser.add_argument("--no-end-to-end", action="store_true")
    parser.add_argument("--only", nargs="*", help="options whose label has one of these words")
    args = parser.parse_args()
    package = Path(args.package)
    if not package.is_file():
        raise SystemExit(f"{package} is missing: make it with bench/make_real_size_package.py")
    paragraphs = article()
    if not args.no_end_to_end:
        end_to_end(package, paragraphs, not args.no_argos)
    if not args.no_options:
        options(package, paragraphs, args.runs, args.only)


if __name__ == "__main__":
    main()
