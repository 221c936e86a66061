"""Cold start of the reader to its first paint on a large store, beside a bare Textual app.

Each run is a fresh Python process (imports included) that starts the app headless at
100×30 and exits right after the first screen is painted. The timing callback is registered
in the subclass's on_mount, which Textual calls before the app's own, so what the app schedules
for after its first paint (the unread count in the status line, the garbage collector back on)
comes after the measurement, as it comes after the first frame the user sees. We time from spawning the process
to that first paint, and read the process's peak RSS from the kernel (wait4). The bare app is
Header + DataTable + Footer with nothing in it: the floor any Textual app pays.

    python bench/startup.py [--n 100000] [--home bench/out/startup] [--runs 5]

Each child's CPU time is reported beside the wall clock: to the first paint (the child's
process_time then) and in all (user + sys from wait4's rusage, exit included: interpreter
teardown, whose final garbage collection the paint does not wait for). On a loaded machine
(load average above the cores) the wall clock mostly measures waiting for a core, so the
ratio of CPU to the first paint is the main figure there; on an idle machine they agree.

Targets: the reader within 1.15× the bare app's time and under 120 MB.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SIZE = (100, 30)

CHILD = r"""
import sys, time
kind, home = sys.argv[1], sys.argv[2]
from textual.app import App
if kind == "reader":
    from reader.config import Settings
    from reader.tui.app import ReaderApp
    base = ReaderApp
    args = (home, Settings())
else:
    from textual.widgets import DataTable, Footer, Header

    class Bare(App):
        def compose(self):
            yield Header()
            yield DataTable()
            yield Footer()

    base = Bare
    args = ()

class Timed(base):
    def on_mount(self):
        self.call_after_refresh(self.painted)

    def painted(self):
        self.painted_at = time.time()
        self.cpu_at_paint = time.process_time()
        self.total = self.articles.total if kind == "reader" else 0
        self.exit()

app = Timed(*args)
app.run(headless=True, size=(%d, %d))
extra = {}
if kind == "reader":
    extra = {"articles": app.total, "heavy": sorted(m for m in ("argostranslate", "torch", "spacy", "natasha", "stanza") if m in sys.modules)}
print("RESULT", app.painted_at, app.cpu_at_paint, __import__("json").dumps(extra))
""" % SIZE


def run_once(kind: str, home: Path) -> tuple[float, float, float, float, dict]:
    """(seconds from spawn to first paint, CPU seconds to it, CPU seconds in all, peak RSS in MB,
    extra facts) of one cold start."""
    env = dict(os.environ, PYTHONPATH=str(ROOT), READER_CONFIG=str(home / "no-config.toml"))
    # As installed: bytecode cached (pip compiles the libraries; this lets the warm-up run
    # write the reader's own). With PYTHONDONTWRITEBYTECODE the reader would recompile
    # its sources on every start (~0.1 s here) while Textual would not.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    start = time.time()
    proc = subprocess.Popen([sys.executable, "-c", CHILD, kind, str(home)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, text=True)
    out, err = proc.stdout.read(), proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    line = next((l for l in out.splitlines() if l.startswith("RESULT")), None)
    if proc.returncode != 0 or line is None:
        raise SystemExit(f"{kind} app failed (exit {proc.returncode}): {err.strip()[-500:]}")
    _, painted, cpu_paint, extra = line.split(" ", 3)
    return (float(painted) - start, float(cpu_paint), usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024,
            json.loads(extra))


def build(home: Path, n: int) -> None:
    """Build the store with bench/corpus.py in a child process, so this process stays small.

    Its peak RSS would otherwise be inherited by every child it forks (Linux keeps the
    high-water mark across fork and exec), spoiling the memory figures.
    """
    import sqlite3

    db = home / "reader.db"
    if db.exists():
        have = sqlite3.connect(db).execute("SELECT count(*) FROM articles").fetchone()[0]
        if have >= n * 0.99:  # the builder drops perturbed copies that collide by content
            print(f"store: {db} ({have:,} articles)")
            return
    t = time.perf_counter()
    subprocess.run([sys.executable, str(ROOT / "bench" / "corpus.py"), str(home), str(n)], check=True)
    print(f"store: {db} built in {time.perf_counter() - t:.1f} s")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=100_000)
    ap.add_argument("--home", type=Path, default=ROOT / "bench" / "out" / "startup")
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()

    build(args.home, args.n)
    times: dict[str, list[float]] = {"bare": [], "reader": []}
    cpu: dict[str, list[float]] = {"bare": [], "reader": []}
    cpu_all: dict[str, list[float]] = {"bare": [], "reader": []}
    rss: dict[str, list[float]] = {"bare": [], "reader": []}
    facts: dict = {}
    run_once("bare", args.home)  # warm the OS file cache and bytecode for both, once
    run_once("reader", args.home)
    load = [os.getloadavg()[0]]
    for _ in range(args.runs):
        for kind in ("bare", "reader"):  # alternate, so drift hits both alike
            seconds, cpu_s, cpu_all_s, mb, extra = run_once(kind, args.home)
            times[kind].append(seconds)
            cpu[kind].append(cpu_s)
            cpu_all[kind].append(cpu_all_s)
            rss[kind].append(mb)
            facts |= extra
    load.append(os.getloadavg()[0])

    med = statistics.median
    print("seconds to the first paint (wall, CPU), CPU in all (to exit), peak RSS")
    print(f"{'app':<8}{'wall med':>10}{'min':>7}{'max':>7}{'cpu med':>10}{'min':>7}{'max':>7}{'all med':>9}{'peak MB':>9}")
    for kind in ("bare", "reader"):
        w, c = times[kind], cpu[kind]
        print(f"{kind:<8}{med(w):>10.3f}{min(w):>7.3f}{max(w):>7.3f}{med(c):>10.3f}{min(c):>7.3f}{max(c):>7.3f}"
              f"{med(cpu_all[kind]):>9.3f}{max(rss[kind]):>9.1f}")
    wall_ratio = med(times["reader"]) / med(times["bare"])
    cpu_ratio = med(cpu["reader"]) / med(cpu["bare"])
    best = min(times["reader"]) / min(times["bare"])
    cores, busy = os.cpu_count() or 1, max(load)
    main_figure = "CPU" if busy > cores else "wall"
    all_ratio = med(cpu_all["reader"]) / med(cpu_all["bare"])
    print(f"reader/bare CPU to the first paint: median {cpu_ratio:.2f}x (target <= 1.15x); CPU in all {all_ratio:.2f}x")
    print(f"reader/bare wall time: median {wall_ratio:.2f}x, best {best:.2f}x")
    print(f"load average {load[0]:.1f} -> {load[1]:.1f} on {cores} cores: the {main_figure} ratio is the main figure"
          + (" (the wall clock also counts waiting for a core)" if main_figure == "CPU" else ""))
    print(f"reader peak: {max(rss['reader']):.1f} MB (target <= 120 MB)")
    print(f"articles in the list: {facts.get('articles'):,}; heavy modules loaded at start-up: {facts.get('heavy') or 'none'}")
    print(f"runs: {args.runs} of each, headless {SIZE[0]}x{SIZE[1]}, Python {sys.version.split()[0]}")

if __name__ == "__main__":
    main()
