"""Plain-text cleaner: a scraper's flattened page (one visible block per line) → Article.

The body is found from structure: each line gets a score (prose that reads as sentences
in the page's language scores by its length; short link-like lines, prompts, repeats and
timestamps cost), and the body is the contiguous run of lines with the highest total —
the densest region of prose (when that is a comment thread outweighing a short article,
the article above it; when a share bar cut the article's opening off, with the opening).
Its end is then pulled back to where the article stops: before the comments, a label over
other items, a list of teasers or headlines, and the author's bio, which pages put after
the text and which a long line can drag into the run. A file hard-wrapped at a fixed
width is unwrapped into its paragraphs first. The title, byline and
captions are looked for above it; inside it, leftover furniture is dropped and headings
and list items are marked.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from reader.ingest import furniture, stopwords
from reader.ingest.captions import caption_with_credit, explicit_credit, strip_title
from reader.ingest.dates import COPYRIGHT, find_date
from reader.model import Article, Block, Caption, NoArticle
from reader.sanitize import strip_controls

_ANALYSE = 20_000  # characters of a line looked at; enough to judge, cheap on a 10 MB line
_ODD_SPACES = {ord(c): " " for c in "\t\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"}
_ODD_SPACES.update({ord(c): None for c in "\u200b\ufeff"})  # zero-width: gone
_SEPARATORS = {0x2028: "\n", 0x2029: "\n\n"}  # Unicode's line and paragraph separators
_RUNS = re.compile(r"  +")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff]")
_END = re.compile(r"[.!?…。！？][\"'”’»)\]]*$|[.!?][\"'”’»)\]]*\s*\([^()]{1,60}\)$")
_INNER_STOP = re.compile(r"[.!?…][\"'”’»)]*\s+[\"'“«]?[A-ZА-ЯІЇЄҐ]")
_STATEMENT = re.compile(r"[^.]\.[\"'”’»)]*$")  # ends in one full stop (not "...")
_MARKS = "•·▪●◦‣∙*+–—-"  # bullets typed into the text
_BULLET = re.compile(rf"^(?:[{_MARKS}]|\d{{1,2}}[.)])\s+")
_MARK = re.compile(rf"^[{_MARKS}]\s+\S")  # a bullet, not a number
_BYLINE = re.compile(r"^(?:by|written\s+by|posted\s+by|author:?|автор(?:ка)?:?|від|текст:?)\s+", re.IGNORECASE)
_NAME = re.compile(r"[A-ZА-ЯІЇЄҐ][\w'’.-]*(?:\s+(?:[A-ZА-ЯІЇЄҐ][\w'’.-]*|and|і|та|и|de|van|von|da|al|bin))*")
_TITLE_SEP = re.compile(r"\s+[|–—-]\s+|\s+::\s+|\s+·\s+")


@dataclass
class _Line:
    text: str
    key: str  # folded for comparing repeats
    n: int  # words (CJK characters count as half a word each)
    words: list[str]
    sentence: bool  # ends like a sentence, or holds several
    prompt: bool
    stamp: bool
    commenter: bool  # "jdoe says:"
    comments: bool  # "34 Comments", "Leave a Reply"
    slide: bool = False  # part of a gallery flattened into the page
    item: bool = False  # an item of a list the article gives (bulleted, numbered, introduced)
    teaser: bool = False  # a headline glued to its summary, as teaser cards flatten
    known: bool = False  # the site repeats it on its other pages (site memory)


def _analyse(text: str) -> _Line:
    head = text[:_ANALYSE]
    n = len(head.split())
    cjk = len(_CJK.findall(head))
    if cjk:
        n = max(n, cjk // 2)
    if len(text) > _ANALYSE:
        n = int(n * len(text) / _ANALYSE)
    sentence = bool(_END.search(text[-200:])) or (n >= 15 and bool(_INNER_STOP.search(head)))
    return _Line(
        text=text,
        key=furniture.norm(head),
        n=n,
        words=stopwords.words(head),
        sentence=sentence,
        prompt=furniture.is_prompt(head[:300]),
        # a feed's timed headline (a question too), not a live blog's timed statement
        stamp=furniture.is_stamp(text) or (furniture.is_timed_headline(text) and not _STATEMENT.search(text[-5:])),
        commenter=furniture.is_commenter(text),
        comments=furniture.starts_comments(text),
    )


def _lines(text: str) -> list[str]:
    text = strip_controls(text).translate(_SEPARATORS)
    blocks: list[list[str]] = [[]]  # runs of lines between blank ones
    for raw in text.split("\n"):
        line = raw.translate(_ODD_SPACES)
        if "  " in line:
            line = _RUNS.sub(" ", line)
        line = line.strip()
        if line:
            blocks[-1].append(line)
        elif blocks[-1]:
            blocks.append([])
    width = _wrap_width(blocks)
    out: list[str] = []
    for block in blocks:
        if width and _wrapped(block, width):
            out.append(" ".join(block))
            continue
        for k, line in enumerate(block):
            if k and len(out[-1]) <= _ANALYSE and _continues(block[k - 1], line):
                out[-1] += " " + line
            else:
                out.append(line)
    return out


def _continues(prev: str, line: str) -> bool:
    """Whether a line goes on with the sentence the line above left open: a paragraph broken
    with <br> flattens into lines, the later ones starting in lower case mid-sentence (a
    first word in lower case throughout: `iPhone` or `eBay` may start a new line)."""
    words = line[:200].split()
    return (
        len(words) >= _OPEN_WORDS
        and words[0][0].islower() and words[0].islower()
        and prev[-1] not in ".!?…:;»\"”"
        and len(prev[-200:].split()) >= _OPEN_WORDS
        and not _BYLINE.match(line)
        and not (furniture.is_prompt(prev[-300:]) or furniture.is_prompt(line[:300]))  # appeals stay apart
    )


_OPEN_WORDS = 3  # a shorter line is a label or a menu item, not part of a sentence


def _wrap_width(blocks: list[list[str]]) -> int | None:
    """The width a plain-text file or e-mail is hard-wrapped at, when it is: several
    paragraphs of three lines or more whose lines all but the last fill the same width.
    Scraped pages put one block on a line and never show that."""
    widths = sorted(max(map(len, b)) for b in blocks if len(b) >= 3 and _wrapped(b, max(map(len, b))))
    if len(widths) < 2:
        return None
    width = widths[len(widths) // 2]
    return width if _WRAP_MIN <= width <= _WRAP_MAX else None


def _wrapped(block: list[str], width: int) -> bool:
    """Whether a block is one paragraph wrapped at `width`: every line but the last fills it."""
    return (
        len(block) >= 2
        and max(map(len, block)) <= width + 2
        and all(len(line) >= _WRAP_FILL * width for line in block[:-1])
        and not any(_BULLET.match(line) for line in block[1:])
    )


_WRAP_MIN, _WRAP_MAX = 40, 120  # characters: the widths text is wrapped at
_WRAP_FILL = 0.7  # a wrapped line fills at least this much of the width


def _score(ln: _Line, repeats: int, lang: str | None) -> float:
    """How much a line looks like article prose (> 0) or like furniture (< 0). A line the
    site repeats on its other pages (site memory) is never prose, and no more of a barrier
    than the line itself reads as: a box of them inside the article does not cut it in two."""
    s = _line_score(ln, repeats, lang)
    return min(s, 0.0) if ln.known else s


def _line_score(ln: _Line, repeats: int, lang: str | None) -> float:
    if ln.comments:
        return -60.0
    if ln.slide:
        return 0.0  # a gallery inside the article neither ends it nor is its text
    if ln.teaser:
        return _SHORT
    if ln.item and ln.n >= _STUB_WORDS and not ln.prompt:
        return ln.n * _ITEM  # menus are not typed with bullets; an author's list is
    if not ln.words:
        return 0.0  # numbers and symbols: chart data or table cells, neither prose nor menu
    if ln.stamp or ln.commenter:
        # Another item's timestamp: the article does not go on past it.
        return -8.0 if furniture.is_counter(ln.text) else _STAMP
    if ln.prompt and ln.n <= 12:
        return _PROMPT
    if repeats > 1 and ln.n < _REPEAT_WORDS:
        return -6.0 if ln.n > 2 else -4.0
    dens = stopwords.density(ln.words, lang)
    if ln.sentence and ln.n >= 6:
        s = float(min(ln.n, _CAP))
        if dens is not None and dens < 0.12:
            s *= 0.3  # few function words: a list of names or tags that ends with a full stop
        if ln.prompt:
            s *= 0.5
        return s
    if ln.n >= 15 and (dens is None or dens >= 0.25):
        return ln.n * 0.3  # prose without a final stop: a caption, a cut-off line
    return _SHORT


def _densest(scores: list[float]) -> tuple[int, int, float]:
    """(start, end exclusive, total) of the contiguous run with the highest total score."""
    best = (0, 0, 0.0)
    start, total = 0, 0.0
    for i, s in enumerate(scores):
        if total <= 0:
            start, total = i, 0.0
        total += s
        if total > best[2]:
            best = (start, i + 1, total)
    return best


def _above_comments(lines: list[_Line], scores: list[float], start: int, end: int) -> tuple[int, int]:
    """The body when the densest run holds the readers' comments: a long thread outweighs a
    short article. The article is the part of the run before the thread's first dated item,
    or, when the run is all thread (under its "Comments" heading), the densest run above it."""
    actions = _thread_actions(lines, start, end)
    if not actions:
        opener = _thread_opener(lines, start, end)
        if opener is not None:
            s, e, total = _densest(scores[:opener])
            if total >= _MIN_ARTICLE / 2:
                return s, e
        return start, end
    first_action = next(k for k in range(start, end) if lines[k].key in actions)
    for k in range(start + 1, first_action):
        if (lines[k].stamp or lines[k].commenter) and _prose(scores, start, k) >= _MIN_ARTICLE:
            return start, _after_prose(scores, start, k)
    s, e, total = _densest(scores[:start])
    return (s, e) if total >= _MIN_ARTICLE else (start, end)


def _thread_opener(lines: list[_Line], start: int, end: int) -> int | None:
    """The line that opens the readers' comments ("Comments", "12 Comments") when lines
    [start, end) are the thread under it: it stands above them, and they hold several
    commenters' names ("jdoe said:"). A short article above such a thread is the article
    even though it weighs less. None when they are not."""
    if sum(ln.commenter for ln in lines[start:end]) < _THREAD:
        return None
    return next((k for k in range(start - 1, max(start - _OPENER_ABOVE - 1, -1), -1) if lines[k].comments), None)


_OPENER_ABOVE = 12  # lines: how far above the thread the "Comments" heading may stand


def _thread_actions(lines: list[_Line], start: int, end: int) -> set[str]:
    """The short lines repeated under each item when lines [start, end) read as a comment
    thread ("Reply"): several dated items (a name or a time above each), each with the same
    action under it. Empty when they do not."""
    items = sum(ln.stamp or ln.commenter for ln in lines[start:end])
    if items < _THREAD:
        return set()
    counts = Counter(ln.key for ln in lines[start:end] if ln.n <= 3 and not (ln.stamp or ln.prompt))
    return {k for k, c in counts.items() if _THREAD <= c <= items + 1}


_THREAD = 3
_MIN_ARTICLE = 40.0  # a couple of sentences: less is a teaser, not the article


def _trim(scores: list[float], start: int, end: int) -> tuple[int, int]:
    """Shrink the region to its core: split it where furniture piles up (a gap scoring
    `_GAP` or less), keep the heaviest part and the neighbours that weigh at least
    `_NEIGHBOUR` of it. Drops a teaser or appeal that a long line pulled in at an edge."""
    parts: list[list[float]] = []  # [first, last + 1, positive mass]
    i = start
    while i < end:
        j, mass, gap = i, 0.0, 0.0
        while j < end:
            s = scores[j]
            if s >= 0:  # a neutral line (numbers, a table cell) also ends a gap
                gap = 0.0
                mass += s
            else:
                gap += s
                if gap <= _GAP:
                    break
            j += 1
        # a part ends at its last positive line
        last = j
        while last > i and scores[last - 1] <= 0:
            last -= 1
        if mass > 0:
            parts.append([i, last, mass])
        while j < end and scores[j] <= 0:
            j += 1
        i = j
    if not parts:
        return start, end
    core = max(range(len(parts)), key=lambda k: parts[k][2])
    # A neighbour stays when it weighs a fair share of the core, or is itself as much
    # prose as a whole article (a long read's sections between tables and figures).
    need = min(_NEIGHBOUR * parts[core][2], _SUBSTANTIAL)
    lo = hi = core
    while lo > 0 and parts[lo - 1][2] >= need:
        lo -= 1
    while hi + 1 < len(parts) and parts[hi + 1][2] >= need * _far(parts[hi][1], parts[hi + 1][0]):
        hi += 1  # text further on, past a long stretch of furniture, must weigh more
    return int(parts[lo][0]), int(parts[hi][1])


def _head(lines: list[_Line], start: int) -> int | None:
    """The article's own headline above the body: the first line after the page title
    (the first line) that repeats it, whole or one of its parts (`Headline — Site`)."""
    if not lines:
        return None
    title = furniture.norm(lines[0].text)
    parts = {furniture.norm(p) for p in [lines[0].text, *_TITLE_SEP.split(lines[0].text)]}
    parts = {p for p in parts if len(p.split()) >= 3}
    if not title or not parts:
        return None
    for i in range(1, min(start, _HEAD_SEARCH)):
        if 3 <= lines[i].n <= 40 and furniture.norm(lines[i].text) in parts:
            return i
    return None


def _anchored(lines: list[_Line], scores: list[float], start: int, end: int) -> tuple[int, int]:
    """The body anchored to the article's head. When the headline (the page title repeated)
    stands above the chosen run with prose right under it (after a byline, a date, a
    caption) that the run left out, that prose is the article's start: the run goes back
    to it when nothing between them ends an article (the body started mid-article), and
    when something does (a label over other items, a list of headlines) the run far below
    is the footer, the comments or a bio, and loses to the article under the headline
    unless it holds over `_FAR_WINS` times as much prose."""
    h = _head(lines, start)
    if h is None:
        return start, end
    a = h + 1
    while a < start and scores[a] <= 0 and a - h <= _HEAD_NEAR:
        a += 1
    if a >= start or scores[a] <= 0 or a - h > _HEAD_NEAR:
        return start, end
    s, e, mass = _densest(scores[a:start])
    if s != 0 or mass < _MIN_ARTICLE:
        return start, end
    s = a
    stop = min(f(lines, scores, s, start) for f in (_before_comments, _before_list_label, _before_headlines))
    if stop >= _after_prose(scores, s, start) and not _ends_article(lines, scores, a + e, start):
        return s, end  # one article, its opening cut off by an interruption
    if mass * _FAR_WINS >= _prose(scores, start, end):
        return s, max(stop, a + e)  # the article under the headline, up to what ends it
    return start, end


def _under_head(lines: list[_Line], scores: list[float], start: int, end: int) -> int:
    """Where the body starts when the article's headline (the page title repeated) stands
    inside the chosen run with an article's worth of prose under it: what the run holds
    above it (other items' teasers, a ticker) is not the article, which opens under its
    headline (after its byline, date, caption)."""
    h = _head(lines, end)
    if h is None or h <= start or _prose(scores, start, h) <= 0 or _prose(scores, h + 1, end) < _MIN_ARTICLE:
        return start
    return _next_prose(scores, h + 1, end)


def _next_prose(scores: list[float], k: int, end: int) -> int:
    """The first prose line from line k on (past a byline, a date, a caption)."""
    while k < end and scores[k] <= 0:
        k += 1
    return k


def _ends_article(lines: list[_Line], scores: list[float], a: int, b: int) -> bool:
    """Whether lines [a, b) hold what ends an article: a label over other items, the
    comments opening or a comment form, or a list of other items' headlines."""
    run = 0
    for k in range(a, b):
        ln = lines[k]
        if furniture.is_list_label(ln.text) or ln.comments or _form(lines, k):
            return True
        run = run + 1 if _listed_headline(ln, scores[k]) else 0
        if run >= _HEADLINES:
            return True
    return False


_HEAD_SEARCH = 200  # lines: how far down the page the headline is looked for
_HEAD_NEAR = 6  # lines between the headline and the article's first paragraph (byline, date, caption)
_FAR_WINS = 4.0  # times the prose under the headline a run far from it must hold to be the body


def _lead_in(lines: list[_Line], scores: list[float], start: int) -> int:
    """Where the body starts once the paragraphs above a short interruption are taken
    back: a "Read more" link and a share bar between the first paragraphs and the rest
    weigh enough to cut the article's opening off the densest run. A date or byline in
    between is the article's header instead, and what is above it a standfirst or teaser."""
    while True:
        k = start
        while k > 0 and scores[k - 1] <= 0 and start - k < _BRIDGE:
            if lines[k - 1].stamp or _BYLINE.match(lines[k - 1].text):
                return start
            k -= 1
        if k == 0 or scores[k - 1] <= 0:
            return start
        j = k
        while j > 0 and scores[j - 1] > 0:
            j -= 1
        if sum(scores[j:k]) < _BRIDGE_MASS:
            return start
        start = j


_BRIDGE = 3  # furniture lines an article's opening may be cut off by
_BRIDGE_MASS = 15.0  # a full sentence at least


def _prose(scores: list[float], a: int, b: int) -> float:
    """How much prose lines [a, b) hold: the sum of their positive scores."""
    return sum(s for s in scores[a:b] if s > 0)


def _after_prose(scores: list[float], start: int, k: int) -> int:
    """An end at line k pulled back over the furniture just above it, to the last prose line."""
    while k > start and scores[k - 1] <= 0:
        k -= 1
    return k


def _article_end(lines: list[_Line], scores: list[float], start: int, end: int) -> int:
    """Where the article ends inside the region: before the comments, a list of teasers or
    headlines, and the author's bio that pages put after it."""
    end = _before_comments(lines, scores, start, end)
    end = _before_list_label(lines, scores, start, end)
    end = _drop_teasers(lines, scores, start, end)
    end = _before_headlines(lines, scores, start, end)
    return _drop_bio(lines, scores, start, end)


def _before_comments(lines: list[_Line], scores: list[float], start: int, end: int) -> int:
    """Where the body ends when the readers' comments open inside the region ("Leave a
    Reply", "12 Comments", "Sign in to comment"): the article does not go on past them,
    however much the comments and the teasers under them weigh, once what stands above
    is an article (as much prose as follows, or a full article's worth on its own; a
    "0 comments" counter by the byline opens nothing)."""
    for k in range(start + 1, end):
        if lines[k].comments or _form(lines, k):
            before = _prose(scores, start, k)
            if before >= _prose(scores, k, end) or before >= _ARTICLE_ABOVE:
                return _after_prose(scores, start, k)
    return end


_ARTICLE_ABOVE = 300.0  # about six full paragraphs


def _before_list_label(lines: list[_Line], scores: list[float], start: int, end: int) -> int:
    """Where the body ends at a label over a list of other items ("Related", "Most read"):
    the teasers under it can read as prose, but weigh less than the article above."""
    for k in range(start + 1, end):
        if furniture.is_list_label(lines[k].text):
            if _prose(scores, start, k) >= _LABEL_AFTER * _prose(scores, k, end):
                return _after_prose(scores, start, k)
    return end


_LABEL_AFTER = 3.0  # the article must weigh this many times what follows the label


def _listed(ln: _Line) -> bool:
    """Whether a line can be an item of the article's own list: not a prompt, a stamp, a
    label over other items or the comments."""
    return not (ln.prompt or ln.stamp or ln.comments or ln.slide or furniture.is_list_label(ln.text))


def _form(lines: list[_Line], k: int) -> bool:
    """Whether a comment form starts at line k: two required-field labels in a row
    ("Name *", "Email *")."""
    return all(j < len(lines) and lines[j].n <= 3 and lines[j].text.endswith("*") for j in (k, k + 1))


def _before_headlines(lines: list[_Line], scores: list[float], start: int, end: int) -> int:
    """Where the body ends at a list of headlines ("More stories", "Most read"): several
    lines in a row of headline length without a final stop, with much less text after
    them than before."""
    k = start + 1
    while k < end:
        j = k
        while j < end and _listed_headline(lines[j], scores[j]):
            j += 1
        if j - k >= _HEADLINES and not _article_list(lines, k):
            if _prose(scores, start, k) >= _HEADLINES_AFTER * _prose(scores, j, end):
                k = _after_prose(scores, start, k)
                return k if k > start else end
        k = j + 1
    return end


def _article_list(lines: list[_Line], k: int) -> bool:
    """Whether the headline-shaped lines from k on are the article's own list rather than
    other items' headlines: a line ending in a colon introduces it ("Key facts:")."""
    intro = lines[k - 1] if k > 0 else None
    return intro is not None and intro.text.endswith(":") and not (intro.prompt or furniture.is_list_label(intro.text))


def _listed_headline(ln: _Line, score: float) -> bool:
    """A line that reads as a headline in a list: capitalised, a few words, no final stop,
    not long enough to score as prose unless it asks a question; not an item of a list the
    article itself introduces or numbers."""
    first = next((ch for ch in ln.text[:5] if ch.isalnum()), "")
    return (first.isupper() or first.isdigit()) and ln.n >= 4 and _headline(ln) and (score <= 0 or ln.n <= 12) and not ln.item


_HEADLINES = 4
_HEADLINES_AFTER = 3


def _drop_bio(lines: list[_Line], scores: list[float], start: int, end: int) -> int:
    """Where the body ends without the author's bio: a last paragraph standing alone
    under a short line naming someone, that opens by naming them again ("Jane Doe" /
    "Jane has covered energy since 2009.")."""
    last = end - 1
    while last > start and scores[last] <= 0:
        last -= 1
    if last <= start or scores[last - 1] > 0:
        return end
    opening = set(_capitalised(" ".join(lines[last].text.split()[:12])))
    for k in range(last - 1, max(start, last - 3), -1):
        names = _capitalised(lines[k].text)
        if lines[k].n <= 6 and len(names) >= 2 and opening.intersection(names):
            k = _after_prose(scores, start, k)
            return k if k > start else end
    return end


def _capitalised(text: str) -> list[str]:
    """Words that may be a name: capitalised, three letters or more."""
    return [w for w in re.findall(r"\w{3,}", text) if w[0].isupper()]


def _drop_teasers(lines: list[_Line], scores: list[float], start: int, end: int) -> int:
    """Where the body ends once a trailing list of teasers is cut off: several short bits
    of prose in a row, each alone between furniture lines (a headline, a byline, a date) —
    what "More stories" and "Most read" blocks look like once flattened. An article's
    own paragraphs run on into each other; a teaser stands alone, between short lines: a
    line between two bits of prose longer than a headline (`_TEASER_GAP` words) that does
    not read as prose (a recipe's ingredients, a table's row) is the article's, and ends
    the list."""
    units, cut, i = 0, end, end
    while i > start:
        gap = 0
        while i > start and scores[i - 1] <= 0:
            i -= 1
            gap = max(gap, lines[i].n)
        if units and gap > _TEASER_GAP:
            break
        hi = i
        if lines[i - 1].n < _TEASER_MIN or lines[i - 1].item:  # a list item is the article's
            break
        i -= 1  # the teaser's text, and above it perhaps its headline read as a sentence
        alone = i > start and scores[i - 1] <= 0
        if i > start and scores[i - 1] > 0 and _headline(lines[i - 1]):
            i -= 1
            alone = True  # the line above may be the previous teaser's text
        if i <= start or not alone or sum(lines[k].n for k in range(i, hi)) > _TEASER_WORDS:
            break
        units += 1
        cut = i
    if units < _TEASERS:
        return end
    while cut > start and scores[cut - 1] <= 0:
        cut -= 1
    # What is left must read as an article: two paragraphs in a row somewhere, one of them long.
    if not any(
        scores[k] > 0 and scores[k + 1] > 0 and max(lines[k].n, lines[k + 1].n) >= _PARAGRAPH_WORDS
        for k in range(start, cut - 1)
    ):
        return end
    return cut


_TEASERS = 3  # teasers in a row that make a list
_HEADLINE_WORDS = 20


def _headline(ln: _Line) -> bool:
    """A short line that does not end in a full stop (or is cut short with "..."): a
    teaser's headline, even when it asks a question or is long enough to score as prose."""
    tail = ln.text.rstrip("\"'”’»)")
    return ln.n <= _HEADLINE_WORDS and (not tail.endswith(".") or tail.endswith("..."))


_TEASER_WORDS = 45
_PARAGRAPH_WORDS = 15
_TEASER_MIN = 8  # words: a teaser's text is a sentence or two, not a reference or a tag
_TEASER_GAP = _HEADLINE_WORDS  # words: the longest line between two teasers (a headline, a byline, a date)


def _far(gap_start: int, gap_end: int) -> float:
    """How much more a part after the body must weigh to be kept when a long stretch of
    furniture (menus, share bars, a staff list) separates them: the article rarely
    resumes that far on, the footer's legal text and appeals often do."""
    return 1.0 if gap_end - gap_start < _FAR_LINES else _FAR


_FAR_LINES = 12
_FAR = 1.5
_PROMPT = -20.0  # a share / subscribe / cookie line
_STAMP = -25.0  # another item's time or date
_SHORT = -3.0  # a short line that does not read as a sentence
_REPEAT_WORDS = 20  # a line repeated on the page is furniture when shorter than this
_GAP = -40.0
_NEIGHBOUR = 0.25
_SUBSTANTIAL = 600.0  # about a dozen full paragraphs: an article's worth of prose
_DEDUP = 8  # words: a line the body already holds is dropped only when shorter (long repeats are text)
_CAPTION_WORDS = 20  # a caption above a credit line is a phrase, not a paragraph
_CAP = 60  # words: a line weighs at most this much


def _is_heading(ln: _Line, nxt: _Line | None) -> bool:
    t = ln.text
    if not 1 <= ln.n <= 12 or t.endswith((".", ",", ";", ":", "…")):
        return False
    if t.endswith(("!", "?")) and ln.n > 10:
        return False
    first = t.lstrip("\"'“«‘").lstrip()[:1]
    return bool(first) and (first.isupper() or first.isdigit()) and nxt is not None and nxt.n >= 8


def _title_index(lines: list[_Line], end: int, first: int) -> int | None:
    """Which line above the body is the headline: repeated (as the page title or glued to a
    caption), heading-shaped, and close to where the body starts."""
    best, best_score = None, 0.0
    top = lines[first].text if first < end else ""
    near = sorted(ln.text for ln in lines[first : min(end + 3, len(lines))])  # looked up by prefix
    for i in range(first, end):
        ln = lines[i]
        t = ln.text
        if ln.n < 3 or ln.n > 40 or ln.stamp or furniture.site_languages(t):
            continue
        s = 0.0
        if i == first:
            s += 2
        elif len(t) >= 12 and (top.startswith(t) or t in top):
            s += 4
        if _starts_two(near, t):  # the line itself, and another that repeats it or goes on from it
            s += 3
        if t.endswith(".") or (ln.n > 6 and _INNER_STOP.search(t)):
            s -= 3
        if ln.prompt:
            s -= 4
        if _BYLINE.match(t):
            s -= 5
        if 4 <= ln.n <= 25:
            s += 1
        s += 2 if end - i <= 6 else (1 if end - i <= 15 else 0)
        if s > best_score or (s == best_score and best is not None):
            best, best_score = i, s
    return best


def _starts_two(texts: list[str], prefix: str) -> bool:
    """Whether two or more of the sorted `texts` start with `prefix` (a binary search, so a
    page of thousands of lines costs no more than a few comparisons per line)."""
    k = bisect.bisect_left(texts, prefix)
    return k + 1 < len(texts) and texts[k].startswith(prefix) and texts[k + 1].startswith(prefix)


def _author(line: str) -> str | None:
    m = _BYLINE.match(line)
    if not m:
        return None
    rest = line[m.end() :]
    found = find_date(rest)
    if found:
        rest = rest[: found[0]]
    rest = re.split(r"\s*[|•·,—–]\s*|\s+-\s+|\d", rest)[0]
    name = _NAME.match(rest.strip())
    if not name:
        return None
    words = name.group(0).split()
    while words and words[-1].lower() in {"and", "і", "та", "и"}:
        words.pop()
    return " ".join(words[:6]) or None


def _scored(raw: list[str], known: Callable[[str], bool] | None = None) -> tuple[list[_Line], Counter, list[float], str | None]:
    lines = [_analyse(t) for t in raw]
    _mark(lines)
    if known is not None:
        for ln in lines:
            ln.known = known(ln.text)
    counts = Counter(ln.key for ln in lines)
    prose = " ".join(ln.text[:2000] for ln in lines if ln.n >= 8)[:200_000]
    lang = stopwords.best_language(prose)
    return lines, counts, [_score(ln, counts[ln.key], lang) for ln in lines], lang


def _mark(lines: list[_Line]) -> None:
    """Mark what lines are by the lines around them: the slides of a gallery, the items of
    a list the article gives, the teasers of a stream."""
    for i in _gallery(lines):
        lines[i].slide = True
    for i in _bulleted(lines) + _numbered(lines) + _introduced(lines):
        lines[i].item = True
    glued = [i for i, ln in enumerate(lines) if _glued(ln.text)]
    if len(glued) >= _TEASERS:  # one may be a slip of the scraper; several are a stream
        for i in glued:
            lines[i].teaser = True


def _bulleted(lines: list[_Line]) -> list[int]:
    """Lines the author marked with a bullet, several close together: a list inside the
    article (prose close above and below it), or the article itself when the page has
    next to no other prose. A bulleted run at the edge of the prose is a menu or a list
    of other items, as markdown-like text writes them."""
    marked = [bool(_MARK.match(ln.text)) for ln in lines]
    items = [i for i in range(len(lines)) if marked[i] and sum(marked[max(0, i - 2) : i + 3]) >= _ITEMS]
    prose = [i for i, ln in enumerate(lines) if ln.sentence and ln.n >= 6 and not marked[i]]
    if not items or sum(lines[i].n for i in prose) < _MIN_ARTICLE:
        return items
    out: list[int] = []
    run = [items[0]]
    for i in [*items[1:], None]:
        if i is not None and i - run[-1] <= 3:
            run.append(i)
            continue
        k = bisect.bisect_left(prose, run[0])  # the first prose line at or after the run's start
        above = k > 0 and run[0] - prose[k - 1] <= _NEAR
        j = bisect.bisect_right(prose, run[-1])
        below = j < len(prose) and prose[j] - run[-1] <= _NEAR
        if above and below:
            out.extend(run)
        run = [i] if i is not None else []
    return out


_NEAR = 3  # lines between a list inside the article and the prose around it


def _gallery(lines: list[_Line]) -> set[int]:
    """The lines of slideshows flattened into the page: each slide opens with its number
    (`1/50`, alone or before the slide's headline) and runs to the next; the last one runs
    as long as a slide usually does. Three numbers of the same gallery in order make one;
    a short line just above it is its title."""
    opens: dict[int, list[tuple[int, int]]] = {}
    for i, ln in enumerate(lines):
        if ln.n <= _HEADLINE_WORDS and (num := furniture.slide_number(ln.text)):
            opens.setdefault(num[1], []).append((i, num[0]))
    out: set[int] = set()
    for slides in opens.values():
        in_order = slides[:1]
        for s in slides[1:]:
            if s[1] > in_order[-1][1]:
                in_order.append(s)
        slides = in_order
        if len(slides) < _SLIDES:
            continue
        starts = [i for i, _ in slides]
        step = sorted(b - a for a, b in zip(starts, starts[1:]))[(len(starts) - 1) // 2]
        for a, b in zip(starts, [*starts[1:], starts[-1] + step]):
            out.update(range(a, min(b, a + 2 * step, len(lines))))
        label = starts[0] - 1
        if label >= 0 and lines[label].n <= _LABEL_WORDS and not lines[label].sentence:
            out.add(label)  # the gallery's title ("News in pictures")
    return out


_SLIDES = 3
_ITEMS = 3  # items that make a list
_ITEM = 0.5  # weight of a list item per word, against a sentence's 1
_LABEL_WORDS = 8


_GLUE = re.compile(r"(?<=[a-zа-яіїєґ0-9’'!?)])(?=[A-ZА-ЯІЇЄҐ][a-zа-яіїєґ]*\s)")


def _glued(text: str) -> bool:
    """Whether a line is a headline in title case run into the sentence after it with no
    space (`…Student-AthleteA 24-year-old woman…`): how a teaser card's headline and summary,
    inline elements side by side, come out of a naive scraper."""
    for m in _GLUE.finditer(text[:300]):
        head, tail = text[: m.start()].split(), text[m.start() :].split()
        if len(head) >= 3 and len(tail) >= 6:
            if sum(w[0].isupper() or w[0].isdigit() for w in head) >= _TITLE_CASE * len(head):
                return True
    return False


_TITLE_CASE = 0.7  # share of capitalised words in a headline written in title case


def _introduced(lines: list[_Line]) -> list[int]:
    """A line ending in a colon and the list it introduces ("Obama also said:" and the
    points under it): several lines of a few words to a sentence each, none of them a
    prompt, stamp or label, and none prose on its own. The line must read as a phrase:
    a word or two before a colon is a label over other items ("Latest:")."""
    out: list[int] = []
    i = 0
    while i < len(lines):
        ln = lines[i]
        if not (ln.text.endswith(":") and _INTRO_WORDS <= ln.n <= _HEADLINE_WORDS and _listed(ln)):
            i += 1
            continue
        j = i + 1
        while j < len(lines) and _STUB_WORDS <= lines[j].n <= _HEADLINE_WORDS and not lines[j].sentence and _listed(lines[j]):
            j += 1
        if j - i - 1 >= _ITEMS:
            out.extend(range(i, j))
            i = j  # an intro inside the list would find the same end: once through each line
        else:
            i += 1
    return out


_INTRO_WORDS = 5
_NUMBER = re.compile(r"^(\d{1,2})[.)]\s+\S")


def _numbered(lines: list[_Line]) -> list[int]:
    """Lines numbered 1, 2, 3… in order, a line or two apart: a list the author numbered."""
    runs: list[list[int]] = []
    last: tuple[int, int] | None = None  # (line, number) of the run's latest item
    for i, ln in enumerate(lines):
        m = _NUMBER.match(ln.text)
        if not m:
            continue
        k = int(m.group(1))
        if last is not None and k == last[1] + 1 and i - last[0] <= 3:
            runs[-1].append(i)
        else:
            runs.append([i])
        last = (i, k)
    return [i for run in runs if len(run) >= _ITEMS for i in run]


def clean_text(text: str, known_furniture: Callable[[str], bool] | None = None,
               lines_out: list[str] | None = None) -> Article:
    """An Article from a flattened page; NoArticle when there is no body to read.

    `known_furniture` says which lines the page's site repeats on its other pages (site
    memory, `reader.ingest.sitememory`): those read as furniture wherever they stand, the
    title excepted. When they would weigh over four fifths of the page's prose (a site whose pages
    are one template) or leave no article, the page is read without them. `lines_out`,
    when given, receives the page's lines: what the site memory counts."""
    raw = _lines(text)
    if lines_out is not None:
        lines_out.extend(raw)
    if not raw:
        raise NoArticle("empty text")
    if known_furniture is not None:
        try:
            return _clean(raw, known_furniture)
        except NoArticle:
            pass
    return _clean(raw, None)


def _clean(raw: list[str], known: Callable[[str], bool] | None) -> Article:
    lines, counts, scores, lang = _scored(raw, known)
    if known is not None and not _memory_fits(lines, scores, lang, counts):
        lines, counts, scores, lang = _scored(raw)
    start, end, total = _densest(scores)
    if total <= 0:
        return _stub(lines, counts)
    start, end = _above_comments(lines, scores, start, end)
    start, end = _trim(scores, start, end)
    start, end = _anchored(lines, scores, start, end)
    start = _lead_in(lines, scores, start)
    start = _under_head(lines, scores, start, end)
    end = _article_end(lines, scores, start, end)

    # The site's language toggle, anywhere near the top.
    site_langs = None
    first = 0
    for i, ln in enumerate(lines[: max(start, 1)][:60]):
        langs = furniture.site_languages(ln.text)
        if langs:
            site_langs = langs
            if i == first:
                first = i + 1
            break

    t_idx = _title_index(lines, start, first)
    title = lines[t_idx].text if t_idx is not None else ""
    if t_idx is not None and t_idx == first and counts[lines[t_idx].key] == 1:
        title = _strip_site_name(title, [ln.text for ln in lines[first + 1 : start]])

    # Byline, date and captions sit between the title and the body (or just above the title).
    author = published = None
    captions: list[Caption] = []
    head_from = max(first, (t_idx if t_idx is not None else start) - 3)
    for i in range(head_from, start):
        if i == t_idx:
            continue
        t = lines[i].text
        if author is None and (a := _author(t)):
            author = a
        if published is None and lines[i].n <= 25 and not COPYRIGHT.search(t) and (d := find_date(t)):
            published = d[2]
        if i > (t_idx if t_idx is not None else -1) or explicit_credit(t):
            cap = caption_with_credit(strip_title(t, title)) if lines[i].n >= 2 and not lines[i].stamp else None
            if cap and cap.text and not _BYLINE.match(t):
                captions.append(cap)

    body: list[Block] = []
    seen: set[str] = {furniture.norm(title)} if title else set()
    # A sentence the body itself repeats (an interviewer's question) is text; a line also
    # repeated outside the body is the site's.
    inside = Counter(ln.key for ln in lines[start:end])

    def own(ln: _Line) -> bool:
        return ln.sentence and ln.n >= 6 and inside[ln.key] == counts[ln.key]

    if start > 0 and lines[start - 1].sentence and lines[start - 1].n >= 6 and inside[lines[start - 1].key]:
        start -= 1  # the first asking of a question the body repeats
        inside[lines[start].key] += 1
    # A credit line stays, however often the page repeats it: it marks the line above as a caption.
    kept = [ln for ln in lines[start:end] if _keep(ln, 1 if own(ln) else counts[ln.key]) or _credit_line(ln)]
    for k, ln in enumerate(kept):
        if ln.key in seen and ln.n < _DEDUP and not own(ln):
            continue
        seen.add(ln.key)
        # A credit in parentheses marks a caption where the body starts; elsewhere only an
        # explicit "Photo:" does, since paragraphs can end with a bracketed source.
        cap = (caption_with_credit if not body else explicit_credit)(ln.text) if ln.n <= 40 else None
        if cap and cap.text:
            captions.append(cap)
            continue
        if cap:  # a credit on a line of its own ("Photo: Reuters") follows its caption
            if body and body[-1].kind in ("p", "h") and len(body[-1].text.split()) <= _CAPTION_WORDS:
                captions.append(Caption(body.pop().text, cap.credit))
            continue
        nxt = kept[k + 1] if k + 1 < len(kept) else None
        if _BULLET.match(ln.text):
            body.append(Block("li", _BULLET.sub("", ln.text, count=1)))
        elif _is_heading(ln, nxt):
            body.append(Block("h", ln.text))
        else:
            body.append(Block("p", ln.text))
    if not body:
        raise NoArticle("no paragraphs left once page furniture is removed")
    return Article(
        title=title,
        body=body,
        author=author,
        published=published,
        site_languages=site_langs,
        captions=captions,
    )


_STUB_LINES = 20  # a page this small is read whole when no line of it is prose
_STUB_WORDS = 3  # a shorter capitalised line on such a page is a menu item (`Home`, `About us`)


def _stub(lines: list[_Line], counts: Counter) -> Article:
    """A small page with no prose at all (a notice, a stub, a placeholder): its first line is
    the title and the lines after it that do not read as furniture are the body; a page of
    one line is its own body. A page of menu items, prompts and stamps is still no article."""
    if len(lines) == 1 and _keep(lines[0], 1) and not lines[0].prompt:
        return Article(title=lines[0].text, body=[Block("p", lines[0].text)])
    if len(lines) <= _STUB_LINES:
        body = [Block("p", ln.text) for ln in lines[1:]
                if not ln.prompt and _keep(ln, counts[ln.key]) and (ln.n >= _STUB_WORDS or _fragment(ln.text))]
        if body:
            return Article(title=lines[0].text, body=body)
    raise NoArticle("no paragraphs: every line looks like page furniture")


def _fragment(text: str) -> bool:
    """Whether a short line is a piece of running text rather than a menu item: menus
    capitalise their items, a sentence broken over lines goes on in lower case."""
    first = next((ch for ch in text if ch.isalpha()), "")
    return first.islower()


def _credit_line(ln: _Line) -> bool:
    """Whether a line is only a photo credit (`Photo: Jane Doe, AP`)."""
    if ln.n > _CREDIT_WORDS:
        return False
    cap = explicit_credit(ln.text)
    return cap is not None and not cap.text


_CREDIT_WORDS = 12


def _memory_fits(lines: list[_Line], scores: list[float], lang: str | None, counts: Counter) -> bool:
    """Whether the site's known lines are furniture on this page rather than its text: they
    hold at most `_KNOWN_SHARE` of the prose the page would have without the memory (more,
    and what is left is too little to be the article: a site whose pages are one template)."""
    known = [i for i, ln in enumerate(lines) if ln.known]
    if not known:
        return True
    prose = mine = 0.0
    for i, ln in enumerate(lines):
        if ln.known:
            s = _line_score(ln, counts[ln.key], lang)
            if s > 0:
                mine += s
                prose += s
        elif scores[i] > 0:
            prose += scores[i]
    return mine <= _KNOWN_SHARE * prose


_KNOWN_SHARE = 0.8  # of a page's prose: more in lines the site repeats is a template, not furniture


def _keep(ln: _Line, repeats: int) -> bool:
    """Whether a line inside the body region is article text rather than leftover furniture."""
    if ln.known:
        return False
    if ln.stamp or ln.commenter or ln.comments or ln.slide or not any(ch.isalpha() for ch in ln.text[:200]):
        return False
    if ln.prompt and (ln.n <= 12 or not ln.sentence):
        return False
    if repeats > 1 and ln.n < _REPEAT_WORDS:
        return False
    return True


def _strip_site_name(title: str, later: list[str]) -> str:
    """`Headline | Site` → `Headline` when the page title carries the site's name."""
    parts = [p for p in _TITLE_SEP.split(title) if p]
    if len(parts) < 2 or any(t.startswith(title) for t in later):
        return title
    for p in parts:  # a part that the page repeats as its own line is the headline
        if len(p.split()) >= 3 and p in later:
            return p
    longest = max(parts, key=len)
    return longest if len(longest.split()) >= 3 and len(longest) >= 0.5 * len(title) else title
