"""Body-extraction quality and speed of the cleaners on ../shared/data (prints figures).

Scoring as in ../shared/data/README.md: lower-case, split into word tokens, precision /
recall / F1 over the multiset of 4-token shingles of the body against the gold body,
averaged over pages. Baselines: keep-everything, and trafilatura alone on the HTML.

Files are split into two halves by a hash of their name, so figures can be checked on a
half that was not looked at while tuning:  python bench/extraction.py [--half tune|held|all]
With --steps, each step of the HTML cleaner is switched off in turn and its effect printed
(mean F1 change, pages it helps and hurts), so no step stays that costs more than it gains.
With --by-set, figures per page set (readability / scrapinghub) and half: mean F1, its
spread over pages (min / quartiles), the worst site (a page's host from its URL, canonical
link or og:url; a test page without one is its own site) and the pages that lost their whole
article (F1 0 where the gold has a body), for each cleaner and trafilatura alone.
With --loso, leave-one-site-out: for each site, every rule parameter listed in PLAIN_RULES /
HTML_RULES (a threshold, or a rule switched off) takes the value that scores best on the
*other* sites' pages (each change that reads at least two of them better, and more better than
worse, ranked by its gain there alone, then kept greedily while it still gains with those kept
before it), and the site's pages are scored with those values; per set, the mean, worst site and spread of that against the
values as shipped (chosen with every site seen), and how often each parameter moved.
"""

from __future__ import annotations

import argparse
import contextlib
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
HTML_COST_AIM = 1.25  # the HTML cleaner's CPU time against trafilatura alone's, same pages, one process
PLAIN_PAGES_PER_CPU_S = 100


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


_HOST = re.compile(r"""<(?:link[^>]*rel=["']canonical["'][^>]*|meta[^>]*property=["']og:url["'][^>]*)>""", re.I)
_SITES: dict[str, str] = {}


def site_of(pid: str) -> str:
    """The page's site: the host of its URL (metadata, else the HTML's canonical link or
    og:url) without `www.`; a page with none (a feature-test page) is its own site."""
    if pid in _SITES:
        return _SITES[pid]
    from urllib.parse import urlparse

    host = None
    meta = DATA / "plaintext" / f"{pid}.json"
    if meta.exists():
        host = urlparse(json.loads(meta.read_text(encoding="utf-8")).get("url") or "").hostname
    if not host:
        for f in (DATA / "extraction").glob(f"*/{pid}.html"):
            for tag in _HOST.findall(f.read_text(encoding="utf-8", errors="replace")[:200_000]):
                m = re.search(r"""href=["'](https?://[^"']+)|content=["'](https?://[^"']+)""", tag)
                if m:
                    host = urlparse(m.group(1) or m.group(2)).hostname
                    break
    site = re.sub(r"^www\d*\.", "", host) if host else pid
    _SITES[pid] = site
    return site


def set_of(pid: str) -> str:
    return {"rd": "readability", "sh": "scrapinghub"}.get(pid.split("_", 1)[0], "other")


def quartiles(xs: list[float]) -> tuple[float, float, float, float]:
    """min, lower quartile, median, upper quartile (nearest rank)."""
    xs = sorted(xs)
    q = lambda f: xs[min(len(xs) - 1, int(f * (len(xs) - 1) + 0.5))]  # noqa: E731
    return xs[0], q(0.25), q(0.5), q(0.75)


def by_set(results: dict[str, dict[str, float]], golds: dict[str, str], halves=("tune", "held", "all")) -> None:
    """Per set and half, for each reading: n, mean F1, min / Q1 / median / Q3 over pages,
    the worst site's mean (pages averaged within a site) and pages that lost the article."""
    print(f"  {'reading':<22}{'set':<13}{'half':<6}{'n':>4} {'mean':>6} {'min':>6} {'Q1':>6} {'med':>6} {'Q3':>6}  "
          f"{'sites':>5} {'site-min':>8} {'site-Q1':>7}  lost  worst site")
    for name, per in results.items():
        for st in ("readability", "scrapinghub", "all"):
            for half in halves:
                ids = [p for p in per if (st == "all" or set_of(p) == st) and (half == "all" or half_of(p) == half)]
                if not ids:
                    continue
                f = [per[p] for p in ids]
                sites: dict[str, list[float]] = {}
                for p in ids:
                    sites.setdefault(site_of(p), []).append(per[p])
                site_means = {k: sum(v) / len(v) for k, v in sites.items()}
                worst = min(site_means, key=site_means.get)
                smin, sq1, _, _ = quartiles(list(site_means.values()))
                lost = sum(per[p] == 0.0 and bool(shingles(golds[p])) for p in ids)
                mn, q1, med, q3 = quartiles(f)
                print(f"  {name:<22}{st:<13}{half:<6}{len(f):>4} {sum(f) / len(f):6.3f} {mn:6.3f} {q1:6.3f} {med:6.3f} {q3:6.3f}  "
                      f"{len(sites):>5} {smin:8.3f} {sq1:7.3f}  {lost:>4}  {worst} ({site_means[worst]:.3f})")


def per_page(fn: Callable[[str], str], data: list[tuple[str, str, str]]) -> dict[str, float]:
    out = {}
    for pid, src, gold in data:
        try:
            got = fn(src)
        except Exception:
            got = ""
        out[pid] = prf(got, gold)[2]
    return out


def run(name: str, fn: Callable[[str], str], data: list[tuple[str, str, str]], verbose: bool) -> float:
    """Prints the reading's figures; returns its CPU seconds (this process, all pages)."""
    scores = []
    c0 = time.process_time()
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
    cpu = max(time.process_time() - c0, 1e-9)
    n = len(scores) or 1
    p, r, f = (sum(s[i] for s in scores) / n for i in (1, 2, 3))
    print(f"{name:<34} n={len(scores):<4} P={p:.3f} R={r:.3f} F1={f:.3f}  {len(scores) / dt:7.1f} pages/s"
          f"  {len(scores) / cpu:7.1f} pages/CPU-s")
    if verbose:
        for pid, p1, r1, f1 in sorted(scores, key=lambda s: s[3])[:25]:
            print(f"    {f1:.3f} P={p1:.3f} R={r1:.3f} {pid}")
    return cpu


def cpu_per_page(readers: dict[str, Callable[[str], str]], data: list[tuple[str, str, str]],
                 repeat: int) -> tuple[dict[str, float], list[tuple[float, ...]]]:
    """CPU seconds of each reader over the pages: the sum of each page's best of `repeat`
    readings, the readers taking turns on each page (first one, then the other, the order
    swapped each round) so that load from other jobs on a shared machine falls on both;
    and each round's sums, to show the noise."""
    best = {name: [float("inf")] * len(data) for name in readers}
    rounds = []
    for r in range(repeat):
        sums = dict.fromkeys(readers, 0.0)
        order = list(readers) if r % 2 == 0 else list(reversed(readers))
        for k, (_, src, _) in enumerate(data):
            for name in order:
                c0 = time.process_time()
                try:
                    readers[name](src)
                except Exception:
                    pass
                dt = time.process_time() - c0
                sums[name] += dt
                best[name][k] = min(best[name][k], dt)
        rounds.append(tuple(sums[name] for name in readers))
    return {name: sum(v) for name, v in best.items()}, rounds


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

    def default_mode(page, url, favor_recall=False, with_metadata=True):  # trafilatura's balanced mode instead of favor_recall
        try:
            doc = trafilatura.bare_extraction(page, url=url, with_metadata=with_metadata, include_comments=False, include_tables=True)
        except Exception:
            return None, []
        return doc, (H._blocks(doc.body) if doc is not None and doc.body is not None else [])

    switches = {
        "hidden-element and slideshow pruning": ("_visible", lambda tree, copy=True: tree),
        "  slideshows (of it)": ("_is_gallery", lambda el: False),
        "post-cleaning (title copy, prompts, stamps, captions)": ("_post_clean", lambda blocks, title: (list(blocks), [])),
        "favor_recall (vs trafilatura's default)": ("_extract", default_mode),
        "balanced reading when recall's is far shorter": ("_confident", lambda page, url, doc, blocks: (doc, blocks)),
        "MathML read as text": ("_math_as_text", lambda tree: None),
        "side-by-side repeats kept": ("_restore_repeats", lambda blocks, page: blocks),
        "a body split in parts read whole": ("_restore_split_body", lambda blocks, page: blocks),
        "data tables made whole": ("_restore_tables", lambda blocks, page: blocks),
        "runs of headlines (teaser lists) dropped": ("_drop_headline_lists", lambda blocks: blocks),
        "what follows a label ending the article dropped": ("_end_at_label", lambda blocks: blocks),
        "top heading reading as the title dropped": ("_same_headline", lambda key, title: False),
        "flat-text reading when trafilatura keeps next to nothing": ("_from_flat_text", lambda page, known=None: None),
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


# invented furniture for the synthetic check (no dev page holds these lines)
_SYNTHETIC = [
    "Home News Sport Business Culture Opinion",
    "Sign up for our morning newsletter and get the day's top stories delivered to your inbox every weekday.",
    "Copyright 2024 Example Media Group Ltd. All rights reserved. Registered in England and Wales, number 01234567.",
    "This material may not be published, broadcast, rewritten or redistributed without written permission of the publisher.",
    "More from our reporters: the best of the week in one place, chosen by our editors for you.",
]


def sites(threshold: int) -> None:
    """Site memory on the dev pages grouped by site (sites with two pages or more): each page
    is cleaned with the memory of its site's *other* pages (as the last of them to arrive),
    against the cleaner without memory; and a synthetic check: the same invented menu,
    newsletter prompt and legal notice put in the middle of every page of each site with
    `threshold` pages or more, read in order, counted in the bodies of the pages read once
    the memory knows them, with and without it."""
    from reader.ingest import sitememory
    from reader.ingest.html import clean_html
    from reader.ingest.text import clean_text

    def clean(kind: str, src: str, known=None, lines=None):
        try:
            a = (clean_text(src, known, lines) if kind == "plaintext" else clean_html(src, None, known, lines))
            return a.text
        except Exception:
            return ""

    for kind in ("plaintext", "html"):
        data = pages(kind, "all")
        by_site: dict[str, list[tuple[str, str, str]]] = {}
        for page in data:
            by_site.setdefault(site_of(page[0]), []).append(page)
        group = [p for ps in by_site.values() if len(ps) >= 2 for p in ps]
        lines: dict[str, set[int]] = {}
        before: dict[str, float] = {}
        for pid, src, gold in group:
            got: list[str] = []
            before[pid] = prf(clean(kind, src, None, got), gold)[2]
            lines[pid] = sitememory.page_keys(got)
        after: dict[str, float] = {}
        dropped = 0
        for site, ps in by_site.items():
            if len(ps) < 2:
                continue
            for pid, src, gold in ps:
                mem = sitememory.SiteMemory(threshold)
                for other, _, _ in ps:
                    if other != pid:
                        mem.remember(site, sitememory.page_id(other, []), lines[other])
                known = mem.known(site)
                after[pid] = prf(clean(kind, src, known), gold)[2] if known else before[pid]
                dropped += known is not None
        d = {p: after[p] - before[p] for p in after}
        for half in ("tune", "held", "all"):
            ids = [p for p in d if half == "all" or half_of(p) == half]
            if not ids:
                continue
            b = sum(before[p] for p in ids) / len(ids)
            a = sum(after[p] for p in ids) / len(ids)
            lost = sum(after[p] == 0.0 and before[p] > 0 for p in ids)
            worst = min(ids, key=lambda p: d[p])
            print(f"{kind:<10} {half:<5} sites {len({site_of(p) for p in ids}):>3}  pages {len(ids):>3}  "
                  f"F1 {b:.4f} -> {a:.4f}  better {sum(x > 0.002 for x in (d[p] for p in ids)):>2}  "
                  f"worse {sum(x < -0.002 for x in (d[p] for p in ids)):>2}  worst {d[worst]:+.3f} ({worst})  lost {lost}")
        print(f"{kind:<10} pages with any remembered furniture: {dropped} of {len(after)}")
        if kind != "plaintext":
            continue
        # synthetic: the invented lines in the middle of each page of the multi-page sites
        kept_without = kept_with = total = 0
        worst_loss = 0.0
        for site, ps in by_site.items():
            if len(ps) < threshold:
                continue
            mem = sitememory.SiteMemory(threshold)
            for pid, src, gold in ps:
                rows = src.split("\n")
                mid = len(rows) // 2
                page = "\n".join(rows[:mid] + _SYNTHETIC + rows[mid:])
                got: list[str] = []
                plain = clean(kind, page, None, got)
                known = mem.known(site)
                body = clean(kind, page, known) if known else plain
                mem.remember(site, sitememory.page_id(pid, []), sitememory.page_keys(got))
                if known is None:
                    continue
                total += len(_SYNTHETIC)
                kept_without += sum(line in plain for line in _SYNTHETIC)
                kept_with += sum(line in body for line in _SYNTHETIC)
                worst_loss = min(worst_loss, prf(body, gold)[2] - prf(plain, gold)[2])
        print(f"synthetic  invented lines in later pages' bodies: {kept_without} of {total} without memory, "
              f"{kept_with} with it; worst F1 change {worst_loss:+.3f}")


# The rules' parameters --loso chooses among: label -> (module, attribute, values other than the
# shipped one). A function in place of a rule's own switches the rule off.
_KEEP_END = lambda lines, scores, start, end: end  # noqa: E731 - a step that trims nothing
_KEEP_START = lambda lines, scores, start, *rest: start  # noqa: E731
_KEEP_RUN = lambda lines, scores, start, end: (start, end)  # noqa: E731
_NONE = lambda lines: []  # noqa: E731 - a marking step that marks nothing
PLAIN_RULES: dict[str, tuple[str, str, tuple]] = {
    "gap that splits the region": ("text", "_GAP", (-25.0, -60.0)),
    "neighbour share kept": ("text", "_NEIGHBOUR", (0.15, 0.4)),
    "neighbour kept as an article": ("text", "_SUBSTANTIAL", (400.0, 900.0)),
    "far part must weigh": ("text", "_FAR", (1.0, 2.5)),
    "far: lines of furniture": ("text", "_FAR_LINES", (8, 20)),
    "least prose of an article": ("text", "_MIN_ARTICLE", (25.0, 60.0)),
    "headline: lines to its prose": ("text", "_HEAD_NEAR", (3, 10)),
    "run far from the headline wins at": ("text", "_FAR_WINS", (2.0, 8.0, 1e9)),
    "lead-in: furniture lines bridged": ("text", "_BRIDGE", (0, 5)),
    "lead-in: least prose above": ("text", "_BRIDGE_MASS", (8.0, 30.0)),
    "comments: article above": ("text", "_ARTICLE_ABOVE", (200.0, 500.0)),
    "list label: article/after": ("text", "_LABEL_AFTER", (2.0, 5.0, 1e9)),
    "headline list: length": ("text", "_HEADLINES", (3, 6, 10**6)),
    "headline list: article/after": ("text", "_HEADLINES_AFTER", (2, 5)),
    "teasers: how many": ("text", "_TEASERS", (2, 5, 10**6)),
    "teasers: words of one": ("text", "_TEASER_WORDS", (30, 70)),
    "teasers: least words": ("text", "_TEASER_MIN", (5, 12)),
    "teasers: furniture words between": ("text", "_TEASER_GAP", (30, 120, 10**6)),
    "author's bio dropped": ("text", "_drop_bio", (_KEEP_END,)),
    "teaser list dropped": ("text", "_drop_teasers", (_KEEP_END,)),
    "comments: the article above the thread": ("text", "_above_comments", (_KEEP_RUN,)),
    "region trimmed to its core": ("text", "_trim", (lambda scores, start, end: (start, end),)),
    "body anchored to the headline above": ("text", "_anchored", (_KEEP_RUN,)),
    "opening above a short interruption": ("text", "_lead_in", (_KEEP_START,)),
    "galleries marked": ("text", "_gallery", (lambda lines: set(),)),
    "bulleted lists marked": ("text", "_bulleted", (_NONE,)),
    "numbered lists marked": ("text", "_numbered", (_NONE,)),
    "introduced lists marked": ("text", "_introduced", (_NONE,)),
    "start under a headline inside the run": ("text", "_under_head", (_KEEP_START,)),
    "prompt line score": ("text", "_PROMPT", (-10.0, -30.0)),
    "stamp line score": ("text", "_STAMP", (-15.0, -40.0)),
    "short line score": ("text", "_SHORT", (-2.0, -5.0)),
    "repeat: shorter is furniture": ("text", "_REPEAT_WORDS", (12, 30)),
    "a line weighs at most": ("text", "_CAP", (40, 100)),
    "list item weight": ("text", "_ITEM", (0.3, 0.8)),
    "dedup: shorter dropped": ("text", "_DEDUP", (5, 12)),
}
HTML_RULES: dict[str, tuple[str, str, tuple]] = {
    "balanced reading when recall's is shorter": ("html", "_SHORTER", (0.0, 0.1, 0.3)),
    "recall reading checked below (words)": ("html", "_CHECK_WORDS", (100, 400)),
    "headline list: length": ("html", "_HEADLINES", (2, 4, 10**6)),
    "headline list: least words": ("html", "_HEADLINE_MIN_WORDS", (4, 9)),
    "comments label: share after": ("html", "_COMMENTS_SHARE", (0.0, 0.15)),
    "list label: share after": ("html", "_LIST_SHARE", (0.0, 0.15, 0.4)),
    "title copy: share of words": ("html", "_SAME_SHARE", (0.6, 0.9)),
    "headline anchor: reading elsewhere wins at": ("html", "_FAR_WINS", (2.0, 8.0, 1e9)),
    "split body: least words of a twin": ("html", "_TWIN_WORDS", (10, 40, 10**9)),
    "repeats: least characters": ("html", "_REPEAT_CHARS", (20, 80, 10**9)),
    "tables made whole": ("html", "_restore_tables", (lambda blocks, page: blocks,)),
    "a body split in parts read whole": ("html", "_restore_split_body", (lambda blocks, page: blocks,)),
    "side-by-side repeats kept": ("html", "_restore_repeats", (lambda blocks, page: blocks,)),
    "runs of headlines dropped": ("html", "_drop_headline_lists", (lambda blocks: blocks,)),
    "what follows a label ending the article dropped": ("html", "_end_at_label", (lambda blocks: blocks,)),
    "body anchored to the headline": ("html", "_anchored", (lambda blocks, page, title: blocks,)),
    "balanced reading when recall's is far shorter": ("html", "_confident", (lambda page, url, doc, blocks: (doc, blocks),)),
}


@contextlib.contextmanager
def _setting(values: dict[str, object], rules: dict[str, tuple[str, str, tuple]]):
    """The rules' parameters set to `values` (label -> value) for the block, then put back."""
    import importlib

    saved = []
    for label, value in values.items():
        mod = importlib.import_module(f"reader.ingest.{rules[label][0]}")
        saved.append((mod, rules[label][1], getattr(mod, rules[label][1])))
        setattr(mod, rules[label][1], value)
    try:
        yield
    finally:
        for mod, attr, value in reversed(saved):
            setattr(mod, attr, value)


def _memo_extract():
    """trafilatura's readings memoised per page while --loso varies the parameters applied after
    it (none of HTML_RULES changes the tree it is given): the same reading, read once."""
    from reader.ingest import html as H

    real, memo = H._extract, {}
    state = {"page": None}

    def extract(page, url, favor_recall=True, with_metadata=True):
        key = (state["page"], favor_recall, with_metadata)
        if key not in memo:
            memo[key] = real(page, url, favor_recall, with_metadata)
        doc, blocks = memo[key]
        return doc, list(blocks)

    H._extract = extract
    return state


def _supported(per: dict[str, float], shipped: dict[str, float], site_pages: dict[str, list[str]], left_out: str) -> bool:
    """Whether a change reads at least `_SUPPORT` sites (other than the one left out) better
    than the shipped values do, by over 0.002 F1 in the site's mean, and more better than worse."""
    better = worse = 0
    for site, ids in site_pages.items():
        if site != left_out:
            d = sum(per[p] - shipped[p] for p in ids) / len(ids)
            better, worse = better + (d > 0.002), worse + (d < -0.002)
    return better >= _SUPPORT and better > worse


_SUPPORT = 2


def loso(kind: str) -> None:
    """Leave-one-site-out figures for one mode ('plaintext' or 'html'); see the module's doc."""
    from reader.ingest.html import clean_html
    from reader.ingest.text import clean_text

    rules = PLAIN_RULES if kind == "plaintext" else HTML_RULES
    data = pages(kind, "all")
    golds = {p: g for p, _, g in data}
    state = _memo_extract() if kind == "html" else {"page": None}

    def clean(src: str) -> str:
        return clean_text(src).text if kind == "plaintext" else clean_html(src).text

    def score(values: dict[str, object], subset=None) -> dict[str, float]:
        out = {}
        with _setting(values, rules):
            for pid, src, gold in data:
                if subset is None or pid in subset:
                    state["page"] = pid
                    try:
                        out[pid] = prf(clean(src), gold)[2]
                    except Exception:
                        out[pid] = 0.0
        return out

    cache: dict[tuple, dict[str, float]] = {}

    def scores_of(values: dict[str, object]) -> dict[str, float]:
        """Every page's F1 with these values (remembered: folds mostly walk the same path)."""
        key = tuple(sorted((k, id(v) if callable(v) else v) for k, v in values.items()))
        if key not in cache:
            cache[key] = score(values)
        return cache[key]

    shipped = scores_of({})
    site_pages: dict[str, list[str]] = {}
    for pid in shipped:
        site_pages.setdefault(site_of(pid), []).append(pid)
    moved: Counter = Counter()
    held: dict[str, float] = {}
    for site, ids in site_pages.items():
        out = set(ids)

        def rest(per: dict[str, float]) -> float:
            return sum(f for p, f in per.items() if p not in out)

        # each change alone, ranked by its gain on the other sites, a candidate only when it
        # reads at least two of them better and more better than worse (a value one site
        # wants is that site's, not its kind of page's); then, greedily, each kept only when
        # it still gains with the changes kept before it
        base = rest(shipped)
        gains = sorted(((rest(per) - base, label, i)
                        for label, (_, _, alts) in rules.items() for i, v in enumerate(alts)
                        if _supported(per := scores_of({label: v}), shipped, site_pages, site)), reverse=True)
        chosen: dict[str, object] = {}
        picks: list[tuple[str, int]] = []
        best = base
        for gain, label, i in gains:
            if gain <= 1e-9:
                break
            if label in chosen:
                continue
            trial = {**chosen, label: rules[label][2][i]}
            if (m := rest(scores_of(trial))) > best + 1e-9:
                chosen, best = trial, m
                picks.append((label, i))
        moved.update(picks)
        per = scores_of(chosen)
        held.update({p: per[p] for p in ids})
    print(f"{kind}: leave-one-site-out ({len(site_pages)} sites, {len(shipped)} pages; each site's parameters chosen on the others: {len(cache)} settings read)")
    by_set({f"{kind}: shipped": shipped, f"{kind}: LOSO": held}, golds, halves=("all",))
    d = {s: sum(held[p] - shipped[p] for p in ids) / len(ids) for s, ids in site_pages.items()}
    worse, better = [s for s in d if d[s] < -0.002], [s for s in d if d[s] > 0.002]
    if worse or better:
        w = min(d, key=d.get)
        print(f"  sites LOSO reads worse than shipped: {len(worse)} (most {w} {d[w]:+.3f}), better: {len(better)}")
    print(f"  values moved from the shipped one (in how many of {len(site_pages)} folds; mean F1 on all pages with that value alone),"
          " and each rule switched off:")
    for label, (mod, attr, alts) in rules.items():
        for i, v in enumerate(alts):
            if moved[(label, i)] or callable(v):  # a rule switched off: shown either way
                per = scores_of({label: v})
                name = "off" if callable(v) else v
                print(f"    {label:<44} {attr}={name!s:<10} {moved[(label, i)]:>4}  "
                      f"{sum(per.values()) / len(per):.4f} (shipped {sum(shipped.values()) / len(shipped):.4f})")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--half", choices=("tune", "held", "all"), default="all")
    ap.add_argument("--only", choices=("plaintext", "html"), default=None)
    ap.add_argument("-v", "--verbose", action="store_true", help="list the worst pages")
    ap.add_argument("--steps", action="store_true", help="the effect of each HTML cleaning step")
    ap.add_argument("--by-set", action="store_true", help="per page set and half: mean, spread, worst site, lost pages")
    ap.add_argument("--sites", action="store_true", help="site memory on the pages grouped by site, and a synthetic check")
    ap.add_argument("--repeat", type=int, default=3, help="rounds of the speed figures (each page's best)")
    ap.add_argument("--loso", action="store_true", help="leave-one-site-out: each site's rule parameters chosen on the others")
    ap.add_argument("--threshold", type=int, default=None, help="with --sites: pages a line must recur on")
    args = ap.parse_args()
    if args.sites:
        from reader.ingest.sitememory import FURNITURE_PAGES

        sites(args.threshold or FURNITURE_PAGES)
        return
    if args.loso:
        for kind in ("plaintext", "html"):
            if args.only in (None, kind):
                loso(kind)
        return
    if args.by_set:
        import trafilatura

        from reader.ingest.html import clean_html
        from reader.ingest.text import clean_text

        results: dict[str, dict[str, float]] = {}
        golds: dict[str, str] = {}
        if args.only in (None, "plaintext"):
            data = pages("plaintext", args.half)
            golds.update({p: g for p, _, g in data})
            results["plain: keep all"] = per_page(lambda s: s, data)
            results["plain: clean_text"] = per_page(lambda s: clean_text(s).text, data)
        if args.only in (None, "html"):
            data = pages("html", args.half)
            golds.update({p: g for p, _, g in data})
            results["html: trafilatura"] = per_page(lambda s: trafilatura.extract(s) or "", data)
            results["html: clean_html"] = per_page(lambda s: clean_html(s).text, data)
        by_set(results, golds)
        return

    import trafilatura

    from reader.ingest.html import clean_html
    from reader.ingest.text import clean_text

    if args.only in (None, "plaintext"):
        data = pages("plaintext", args.half)
        print(f"plain text ({args.half} half)")
        run("keep everything", lambda s: s, data, False)
        cpu = run("reader clean_text", lambda s: clean_text(s).text, data, args.verbose)
        best, rounds = cpu_per_page({"clean_text": lambda s: clean_text(s).text}, data, args.repeat)
        print(f"  plain text: {len(data) / best['clean_text']:.0f} pages per CPU-second, each page's best of {args.repeat} "
              f"(rounds: {', '.join(f'{len(data) / r[0]:.0f}' for r in rounds)}; aim: at least {PLAIN_PAGES_PER_CPU_S})")
    if args.only in (None, "html"):
        data = pages("html", args.half)
        print(f"HTML ({args.half} half)")
        run("keep everything (html2txt)", lambda s: trafilatura.html2txt(s) or "", data, False)
        alone = run("trafilatura alone", lambda s: trafilatura.extract(s) or "", data, False)
        cpu = run("reader clean_html", lambda s: clean_html(s).text, data, args.verbose)
        best, rounds = cpu_per_page({"alone": lambda s: trafilatura.extract(s) or "",
                                     "cleaner": lambda s: clean_html(s).text}, data, args.repeat)
        print(f"  HTML: the cleaner costs {best['cleaner'] / best['alone']:.2f}x trafilatura alone in CPU time, each page's "
              f"best of {args.repeat}, the two read in turn (rounds: {', '.join(f'{c / a:.2f}x' for a, c in rounds)}; "
              f"this run alone {cpu / alone:.2f}x; aim: at most {HTML_COST_AIM}x)")
        if args.steps:
            steps(data)


if __name__ == "__main__":
    main()
