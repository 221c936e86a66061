"""Publication dates the cleaners find on ../shared/data, against the gold `date` (prints figures).

For every page whose gold has a date: found-right (same day), found-wrong (another day) or
missing. For pages whose gold has no date (Readability's metadata found none; the
scrapinghub gold records none) it counts the dates found anyway: each is either a real date
the gold does not record or an invented one, so that count should be small and each listed
with `-v` to look at.    python bench/dates.py [-v]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DATA = ROOT.parent / "shared" / "data"


def _pages(kind: str) -> list[tuple[str, str, str | None]]:
    """(id, page text, gold day or None) for 'html' or 'plaintext' pages."""
    if kind == "plaintext":
        files = sorted((DATA / "plaintext").glob("*.txt"))
    else:
        files = [f for f in sorted((DATA / "extraction").glob("*/*.html")) if not f.name.endswith(".expected.html")]
    out = []
    for f in files:
        gold = json.loads(f.with_suffix(".json").read_text(encoding="utf-8")).get("date")
        out.append((f.stem, f.read_text(encoding="utf-8", errors="replace"), str(gold)[:10] if gold else None))
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args()
    from reader.ingest.html import clean_html
    from reader.ingest.text import clean_text

    for kind, fn in (("html", clean_html), ("plaintext", clean_text)):
        right = wrong = missing = extra = nogold = 0
        notes: list[str] = []
        t0 = time.perf_counter()
        data = _pages(kind)
        for pid, src, gold in data:
            try:
                got = fn(src).published
            except Exception:  # NoArticle: no article, no date
                got = None
            day = got[:10] if got else None
            if gold is None:
                nogold += 1
                if day:
                    extra += 1
                    notes.append(f"  no gold, found {got}: {pid}")
            elif day == gold:
                right += 1
            elif day:
                wrong += 1
                notes.append(f"  wrong {got} (gold {gold}): {pid}")
            else:
                missing += 1
                notes.append(f"  missing (gold {gold}): {pid}")
        dt = time.perf_counter() - t0
        n = right + wrong + missing
        print(f"{kind:<10} gold dates {n}: found-right {right}  found-wrong {wrong}  missing {missing};"
              f"  no gold date {nogold}: a date found on {extra}   ({len(data) / dt:.1f} pages/s)")
        if args.verbose:
            print("\n".join(notes))


if __name__ == "__main__":
    main()
