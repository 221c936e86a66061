"""Body-extraction quality and speed of the cleaners on ../shared/data (prints figures).

Scoring as in ../shared/data/README.md: lower-case, split into word tokens, precision /
recall / F1 over the multiset of 4-token shingles of the body against the gold body,
averaged over pages. Baselines: keep-everything, and trafilatura alone on the HTML.

Files are split into two halves by a hash of their name, so figures can be checked on a
half that was not looked at while tuning:  python bench/extraction.py [--half tune|held|all]
With --steps, each step of the HTML cleaner is switched off in turn and its effect printed
(mean F1 change, pages it helps and hurts), so no step stays that costs more than it gains.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DATA = ROOT.parent / "shared" / "data"

_WORD = re.compile(r"\w+")


def shingles(text: str, n: int = 4) -> Counter:
    toks = _WORD.findall(text.lower())
    if len(toks) < n:
        return Counter([tuple(toks)]) if toks else Counter()
    return Counter(tuple(toks[i : i + n]) for i in range(len(toks) - n + 1))


def prf(got: str, gold: str) -> tuple[float, float, float]:
    """Precision, recall and F1 of 4-token shingles of `got` against `gold`."""
    g, w = shingles(got), shingles(gold)
    if not g and not w:
        return 1.0, 1.0, 1.0
    if not g or not w:
        return 0.0, 0.0, 0.0
    inter = sum((g & w).values())
    p, r = inter / sum(g.values()), inter / sum(w.values())
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def half_of(name: str) -> str:
    """'tune' or 'held': a stable split by the hash of the page id."""
    return "tune" if int(hashlib.md5(name.encode()).hexdigest(), 16) % 2 == 0 else "held"


def pages(kind: str, half: str) -> list[tuple[str, str, str]]:
    """(id, input text, gold body) for 'plaintext' or 'html' pages in the chosen half."""
    out = []
    if kind == "plaintext":
        files = sorted((DATA / "plaintext").glob("*.txt"))
    else:
        files = sorted((DATA / "extraction").glob("*/*.html"))
        files = [f for f in files if not f.name.endswith(".expected.html")]
    for f in files:
        if half != "all" and half_of(f.stem) != half:
            continue
        gold = json.loads(f.with_suffix(".json").read_text(encoding="utf-8")).get("body") or ""
        out.append((f.stem, f.read_text(encoding="utf-8", errors="replace"), gold))
    return out


def run(name: str, fn: Callable[[str], str], data: list[tuple[str, str, str]], verbose: bool) -> None:
    scores = []
    t0 = time.perf_counter()
    for pid, src, gold in data:
        try:
            got = fn(src)
        except Exception as e:  # NoArticle and anything else count as an empty body
            got = ""
            if verbose and type(e).__name__ != "NoArticle":
                print(f"  {pid}: {type(e).__name__}: {e}")
        scores.append((pid, *prf(got, gold)))
    dt = time.perf_counter() - t0
    n = len(scores) or 1
    p, r, f = (sum(s[i] for s in scores) / n for i in (1, 2, 3))
    print(f"{name:<34} n={len(scores):<4} P={p:.3f} R={r:.3f} F1={f:.3f}  {len(scores) / dt:7.1f} pages/s")
    if verbose:
        for pid, p1, r1, f1 in sorted(scores, key=lambda s: s[3])[:25]:
            print(f"    {f1:.3f} P={p1:.3f} R={r1:.3f} {pid}")


def steps(data: list[tuple[str, str, str]]) -> None:
    """Each HTML cleaning step's effect: F1 with everything on minus F1 with the step off."""
    import copy

    import trafilatura

    from reader.ingest import html as H

    def per_page() -> dict[str, float]:
        out = {}
        for pid, src, gold in data:
            try:
                out[pid] = prf(H.clean_html(src).text, gold)[2]
            except Exception:
                out[pid] = 0.0
        return out

    def default_mode(page, url):  # trafilatura's balanced mode instead of favor_recall
        try:
            doc = trafilatura.bare_extraction(page, url=url, with_metadata=True, include_comments=False, include_tables=True)
        except Exception:
            return None, []
        return doc, (H._blocks(doc.body) if doc is not None and doc.body is not None else [])

    switches = {
        "hidden-element and slideshow pruning": ("_visible", lambda tree: copy.deepcopy(tree)),
        "  slideshows (of it)": ("_is_gallery", lambda el: False),
        "post-cleaning (title copy, prompts, stamps, captions)": ("_post_clean", lambda blocks, title: (list(blocks), [])),
        "favor_recall (vs trafilatura's default)": ("_extract", default_mode),
        "MathML read as text": ("_math_as_text", lambda tree: None),
        "side-by-side repeats kept": ("_restore_repeats", lambda blocks, page: blocks),
        "a body split in parts read whole": ("_restore_split_body", lambda blocks, page: blocks),
        "data tables made whole": ("_restore_tables", lambda blocks, page: blocks),
        "runs of headlines (teaser lists) dropped": ("_drop_headline_lists", lambda blocks: blocks),
        "what follows a label ending the article dropped": ("_end_at_label", lambda blocks: blocks),
        "top heading reading as the title dropped": ("_same_headline", lambda key, title: False),
        "flat-text reading when trafilatura keeps next to nothing": ("_from_flat_text", lambda page: None),
    }
    full = per_page()
    print(f"{'all steps on':<56} F1={sum(full.values()) / len(full):.4f}")
    for name, (attr, off) in switches.items():
        on = getattr(H, attr)
        setattr(H, attr, off)
        try:
            without = per_page()
        finally:
            setattr(H, attr, on)
        d = [full[p] - without[p] for p in full]
        print(f"  {name:<54} {sum(d) / len(d):+.4f}  helps {sum(x > 0.002 for x in d)} pages, hurts {sum(x < -0.002 for x in d)}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--half", choices=("tune", "held", "all"), default="all")
    ap.add_argument("--only", choices=("plaintext", "html"), default=None)
    ap.add_argument("-v", "--verbose", action="store_true", help="list the worst pages")
    ap.add_argument("--steps", action="store_true", help="the effect of each HTML cleaning step")
    args = ap.parse_args()

    import trafilatura

    from reader.ingest.html import clean_html
    from reader.ingest.text import clean_text

    if args.only in (None, "plaintext"):
        data = pages("plaintext", args.half)
        print(f"plain text ({args.half} half)")
        run("keep everything", lambda s: s, data, False)
        run("reader clean_text", lambda s: clean_text(s).text, data, args.verbose)
    if args.only in (None, "html"):
        data = pages("html", args.half)
        print(f"HTML ({args.half} half)")
        run("keep everything (html2txt)", lambda s: trafilatura.html2txt(s) or "", data, False)
        run("trafilatura alone", lambda s: trafilatura.extract(s) or "", data, False)
        run("reader clean_html", lambda s: clean_html(s).text, data, args.verbose)
        if args.steps:
            steps(data)


if __name__ == "__main__":
    main()
