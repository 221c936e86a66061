"""Plain-text cleaner time on big pages of one repeated shape (prints seconds per page).

    .venv/bin/python bench/page_shapes.py [SHAPE ...]

Each shape is a kind of line the cleaner treats specially, repeated thousands of times
(a long menu, teasers, comments, numbered or bulleted items, slides, lines broken
mid-sentence...). Time should grow with the page, not with its square: a shape that
takes minutes here is a page a user could not open.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from reader.ingest.text import clean_text  # noqa: E402
from reader.model import NoArticle  # noqa: E402

PARA = ("The regional council said on Tuesday that the repairs to the heating network would take at least two "
        "more weeks, and residents were asked to use the warming centres.")


def shapes() -> dict[str, str]:
    def lines(rows) -> str:
        return "\n".join(rows)

    return {
        "long menu, then the article": lines([f"Menu item number {k} here" for k in range(20000)] + [PARA] * 5),
        "teasers": lines(x for k in range(7000) for x in (f"Headline number {k} about the city", PARA.replace("regional", f"r{k}"), "Daily Times")),
        "comments openers": lines(["12 Comments", PARA] * 10000),
        "named commenters": lines(x for k in range(7000) for x in (f"jdoe{k} says:", PARA.replace("regional", f"r{k}"), "Reply")),
        "glued teasers": lines(f"Council Approves New Budget For Roads {k}The city council voted on Monday to spend more." for k in range(20000)),
        "numbered items": lines(f"{k % 99 + 1}. item number {k} here" for k in range(20000)),
        "bulleted items": lines(f"+ item number {k} here" for k in range(20000)),
        "list intros": lines(["Some words here now, and then:"] * 20000),
        "slides": lines(x for k in range(10000) for x in (f"{k % 50 + 1}/50 Slide {k}", PARA)),
        "lines broken mid-sentence": lines(f"and the text goes on here {k}" for k in range(20000)),
        "distinct paragraphs": lines(PARA.replace("regional", f"r{k}") for k in range(20000)),
    }


def main() -> None:
    chosen = set(sys.argv[1:])
    for name, page in shapes().items():
        if chosen and name not in chosen:
            continue
        t0 = time.process_time()
        try:
            result = f"{len(clean_text(page).body)} blocks"
        except NoArticle:
            result = "no article"
        print(f"{name:<28} {len(page) / 1e6:5.1f} MB {time.process_time() - t0:7.2f} CPU-s  {result}", flush=True)


if __name__ == "__main__":
    main()
