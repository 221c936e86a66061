"""HTML cleaner: trafilatura finds the main content and metadata → Article.

Only what the reader sees is read: hidden elements and slideshows go first, MathML becomes
its text (trafilatura would drop it). trafilatura's blocks (paragraphs, headings, quotes, list
items, table rows) then get back what it cuts from inside the article: the parts of a body
the page splits in several elements of one class (trafilatura reads the first), copies of a
paragraph (or a `<div>` of text) the page repeats side by side, and the link cells and rows
of data tables. Runs of other items' headlines go, and what follows a label ending the article.
The blocks are then post-cleaned as plain text is: a copy of the title (also one with the
site's name in it), leftover prompts and other items' timestamps go, credited captions move
out of the body. When trafilatura keeps no article, the page is flattened the way a scraper
would and the plain-text cleaner's reading is used instead.
"""

from __future__ import annotations

import copy
import threading
from copy import deepcopy as _deepcopy
import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable
from itertools import accumulate

import lxml.html
import trafilatura
from trafilatura.utils import is_dubious_html, repair_faulty_html
from lxml import etree

from reader.ingest import furniture
from reader.ingest.captions import explicit_credit
from reader.ingest.dates import COPYRIGHT, find_date, parse_date
from reader.ingest.text import clean_text
from reader.model import Article, Block, Caption, NoArticle, normalise_lang
from reader.sanitize import strip_controls

_TAG = re.compile(r"<\s*(?:!doctype\s+html|html|head|body|div|p|article|span|a\s|br|meta|title|table|section)\b", re.I)
_SPACES = re.compile(r"\s+")
_BLOCK_TAGS = frozenset(
    "address article aside blockquote br dd div dl dt fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 "
    "header hr li main nav ol p pre section table td th tr ul title".split()
)
_DROP_TAGS = ("script", "style", "noscript", "template", "svg", "iframe", "object", "embed", "canvas",
              "button", "select", "input", "textarea")
_MIN_WORDS = 4  # words: fewer than this in the main content is no article
_KINDS = {"p": "p", "head": "h", "quote": "quote", "item": "li", "row": "p", "code": "p"}
_BODY_TAGS = frozenset(("p", "head", "quote", "list", "table", "div"))  # blocks in trafilatura's body
# (`code` is left out: it is a block of its own, or inline code inside a paragraph)


def looks_like_html(text: str) -> bool:
    """Whether a document is HTML, judged by its content rather than its file name:
    it starts with markup and carries several HTML tags near the top."""
    head = text[:8192]
    stripped = head.lstrip().lower()
    if stripped.startswith(("<!doctype html", "<html")):
        return True
    return stripped.startswith("<") and len(_TAG.findall(head)) >= 3 or len(_TAG.findall(head)) >= 8


def _text(el: etree._Element) -> str:
    """An element's text, spaces squeezed; read once per element while a page is cleaned (the
    steps that put back what trafilatura cut read the same paragraphs)."""
    memo = getattr(_READ, "texts", None)
    if memo is None:
        return " ".join(" ".join(el.itertext()).split())  # (str.split's whitespace is the regex's \s)
    text = memo.get(el)
    if text is None:
        text = memo[el] = " ".join(" ".join(el.itertext()).split())
    return text


_READ = threading.local()  # texts: element -> its text, while clean_html reads a page (the tree unchanged)


def _blocks(body: etree._Element) -> list[Block]:
    """trafilatura's XML body → blocks in reading order (lists by item, data tables by row).
    When trafilatura falls back on another extractor, the body comes wrapped in `<div>`s (or
    paragraphs that hold paragraphs and lists), and an old page is laid out in a table whose
    cells hold whole columns of paragraphs: all are read through, so that each paragraph
    stays a block of its own."""
    out: list[Block] = []

    def add(kind: str, text: str) -> None:
        text = _SPACES.sub(" ", text).strip()
        if text:
            out.append(Block(kind, text))

    def read(parent: etree._Element) -> None:
        if parent.text and parent.text.strip():
            add("p", parent.text)
        for el in parent:
            tag = el.tag if isinstance(el.tag, str) else ""
            if tag == "list":
                for item in el.iter("item"):  # a nested list's items come as items of their own
                    add("li", _own_text(item))
            elif tag == "table" and any(_blocks_in(cell) >= 3 for cell in el.iter("cell")):
                for cell in el.iter("cell"):  # a table laying out the page: its cells hold blocks
                    if not any(a.tag == "cell" for a in _ancestors_within(cell, el)):
                        read(cell)
            elif tag == "table":
                for row in el.iter("row"):
                    add("p", " ".join(t for c in row if (t := _text(c))))
            elif tag in ("div", "p") and _blocks_in(el):
                read(el)
            else:
                add(_KINDS.get(tag, "p"), _text(el))
            if el.tail and el.tail.strip():
                add("p", el.tail)

    read(body)
    return out


def _own_text(item: etree._Element) -> str:
    """A list item's text without the lists nested in it."""
    parts = [item.text or ""]
    for child in item:
        if child.tag != "list":
            parts.append(_text(child))
        parts.append(child.tail or "")
    return " ".join(parts)


def _blocks_in(el: etree._Element) -> int:
    """How many blocks (paragraphs, headings, lists…) an element of trafilatura's body holds."""
    return sum(isinstance(c.tag, str) and c.tag in _BODY_TAGS for c in el)


def _site_languages(tree: etree._Element | None) -> list[str] | None:
    """Languages the page offers as alternates (`<link rel=alternate hreflang=uk>`)."""
    if tree is None:
        return None
    langs = []
    for link in tree.iter("link"):
        code = (link.get("hreflang") or "").strip().lower()
        if code and code != "x-default" and "alternate" in (link.get("rel") or "").lower():
            langs.append(normalise_lang(code.split("-")[0]))
    langs = list(dict.fromkeys(langs))
    return langs if len(langs) >= 2 else None


def _parse(html: str) -> etree._Element | None:
    """The page as trafilatura itself parses it (comments and processing instructions
    dropped, so a comment inside a paragraph does not cut its text short), its text free of
    control characters. A page nested deeper than the parser goes (libxml2 stops at 255
    elements and drops what lies below) is read again with its nesting cut back."""
    try:
        tree = _load(html)
        if tree is not None and _too_deep(tree):
            tree = _load(shallow(html))
    except (etree.ParserError, ValueError, TypeError):
        return None
    if tree is not None and (tree.getnext() is not None or tree.getprevious() is not None
                             or tree.getparent() is not None):
        # nodes beside the root (markup after `</html>`, which the parser keeps out of it), or a
        # fragment's one element handed back inside the document's `<body>`: the root alone is
        # the page, in a document of its own, so that no search of the whole document (`//…`,
        # `following::`) reaches what the cleaner never reads
        tree = _deepcopy(tree)
    if tree is not None and _unsafe_references(html):
        _strip_tree_controls(tree)
    return tree


def _load(html: str) -> etree._Element | None:
    """trafilatura's `load_html` of a page's text, step for step (its repairs, its parser's settings,
    bytes when a string will not parse, None for what is not HTML), with one difference: every
    element is an `HtmlElement` chosen by libxml2's side of lxml, where lxml.html's parser asks
    a Python method for each element's class each time one is touched (forms and inputs get
    classes of their own there, which neither trafilatura nor the cleaner uses). trafilatura,
    handed the tree, reads it that way too."""
    beginning = html[:50].lower()
    dubious = is_dubious_html(beginning)
    text = repair_faulty_html(html, beginning)
    tree, as_bytes = None, False
    try:
        tree = lxml.html.fromstring(text, parser=_HTML_PARSER)
    except ValueError:  # a string with an encoding declaration: as bytes
        tree, as_bytes = _from_bytes(text), True
    except Exception:  # noqa: BLE001 - as trafilatura: no tree
        tree = None
    if (tree is None or len(tree) < 1) and not as_bytes:
        tree = _from_bytes(text)
    return None if tree is not None and dubious and len(tree) < 2 else tree


def _from_bytes(text: str) -> etree._Element | None:
    try:
        return lxml.html.fromstring(text.encode("utf8", "surrogatepass"), parser=_HTML_PARSER)
    except Exception:  # noqa: BLE001
        return None


_HTML_PARSER = lxml.html.HTMLParser(collect_ids=False, default_doctype=False, encoding="utf-8",
                                    remove_comments=True, remove_pis=True)  # trafilatura's settings
_HTML_PARSER.set_element_class_lookup(etree.ElementDefaultClassLookup(
    element=lxml.html.HtmlElement, comment=lxml.html.HtmlComment, pi=lxml.html.HtmlProcessingInstruction,
    entity=lxml.html.HtmlEntity))


_PARSER_DEPTH = 250  # elements: a tree this deep may have lost what libxml2 found below 255
_MAX_DEPTH = 100  # elements: the nesting a deep page is cut back to (no page needs more to be read)


# nodes at the parser's depth below the root (the root is at depth 1, as `_depth` counts):
# an element there, or a comment or instruction under an element one above it
_AT_PARSER_DEPTH = etree.XPath("/".join(["*"] * (_PARSER_DEPTH - 2)) + "/node()[not(self::text())]"
                               " | " + "/".join(["*"] * (_PARSER_DEPTH - 1)))


def _too_deep(tree: etree._Element) -> bool:
    """Whether the tree nests `_PARSER_DEPTH` elements deep (`_depth(tree) >= _PARSER_DEPTH`,
    asked of libxml2 in one XPath step per level rather than of every element in Python)."""
    return bool(_AT_PARSER_DEPTH(tree))


# a character reference the parser turns into a character the reader strips (a control, a
# bidi mark, a surrogate, U+FFFE/FFFF): only a page holding one needs its tree walked
_REFERENCE = re.compile(r"&#(?:[xX]([0-9a-fA-F]{1,8})|([0-9]{1,10}))|&(?:lrm|rlm);?", re.I)


def _unsafe_references(html: str) -> bool:
    for m in _REFERENCE.finditer(html):
        if m.group(1) is None and m.group(2) is None:
            return True
        try:
            ch = chr(int(m.group(1), 16) if m.group(1) else int(m.group(2)))
        except (ValueError, OverflowError):
            return True  # beyond Unicode: the parser's replacement, walked to be safe
        if _UNSAFE.match(ch) or strip_controls(ch) != ch:
            return True
    return False


def _depth(tree: etree._Element) -> int:
    """How deeply the tree's elements nest (without recursion)."""
    deepest, stack = 0, [(tree, 1)]
    while stack:
        el, d = stack.pop()
        deepest = max(deepest, d)
        stack.extend((c, d + 1) for c in el)
    return deepest


_TOKEN = re.compile(r"<!--.*?(?:-->|$)|<!\[CDATA\[.*?(?:\]\]>|$)|<[!?][^>]*>?|<(/?)([A-Za-z][^\s/>]*)([^>]*)>", re.S)
_RAW_TEXT = frozenset(("script", "style", "textarea", "title", "xmp", "plaintext", "noscript", "iframe", "noembed", "noframes"))
_VOID = frozenset("area base br col embed hr img input keygen link meta param source track wbr".split())
_SELF_CLOSING = frozenset(("p", "li", "dt", "dd", "option", "tr", "td", "th"))  # a second one closes the first


def shallow(html: str, limit: int = _MAX_DEPTH) -> str:
    """The page's markup with elements nested deeper than `limit` unwrapped: their start and
    end tags go (a space in their place keeps words apart), their text stays where it was."""
    out: list[str] = []
    stack: list[tuple[str, bool]] = []  # (tag, whether its tags are kept)
    open_: Counter[str] = Counter()  # how many of each tag the stack holds
    pos = 0
    while (m := _TOKEN.search(html, pos)) is not None:
        out.append(html[pos:m.start()])
        pos = m.end()
        name = (m.group(2) or "").lower()
        if not name:
            out.append(m.group(0))  # a comment, doctype or processing instruction
            continue
        if m.group(1):  # an end tag: closes the innermost open element of its name
            if not open_.get(name):
                out.append(m.group(0))  # nothing of that name is open: the parser's business
                continue
            at = next(i for i in range(len(stack) - 1, -1, -1) if stack[i][0] == name)
            kept = stack[at][1]
            for tag, _ in stack[at:]:
                open_[tag] -= 1
            del stack[at:]
            out.append(m.group(0) if kept else " ")
            continue
        if name in _SELF_CLOSING and stack and stack[-1][0] == name:
            open_[stack.pop()[0]] -= 1
        keep = len(stack) < limit
        out.append(m.group(0) if keep else " ")
        if name in _VOID or m.group(3).rstrip().endswith("/"):
            continue
        if name in _RAW_TEXT:  # its content is text up to its end tag, whatever it holds
            end = re.compile(rf"</{re.escape(name)}\s*>", re.I).search(html, pos)
            stop = end.start() if end else len(html)
            out.append(html[pos:stop])
            if end:
                out.append(end.group(0) if keep else " ")
            pos = end.end() if end else len(html)
            continue
        stack.append((name, keep))
        open_[name] += 1
    out.append(html[pos:])
    return "".join(out)


def _strip_tree_controls(tree: etree._Element) -> None:
    """Control characters out of the parsed page's text, tails and attributes. The cleaner strips
    them from the markup, but character references (`&#27;`) become them only when parsed, and
    lxml then refuses to write such text back (moving a tail, replacing an element)."""
    def safe(text: str) -> str:
        return strip_controls(_UNSAFE.sub("", text))

    for el in tree.iter():
        if el.text and (text := safe(el.text)) != el.text:
            el.text = text
        if el.tail and (tail := safe(el.tail)) != el.tail:
            el.tail = tail
        for key, value in el.attrib.items():
            if (v := safe(value)) != value:
                el.set(key, v)


def _drop(el: etree._Element) -> None:
    """Remove an element and what it holds, its tail kept; the page's root (a fragment such
    as `<nav>…` parses to one) is emptied instead, having no parent to leave."""
    if el.getparent() is not None:
        el.drop_tree()
    else:
        tail = el.tail
        el.clear()
        el.tail = tail


# what lxml will not set as text: C0 controls but tab and newlines, lone surrogates, U+FFFE/FFFF
_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def flatten(tree: etree._Element) -> str:
    """The page as a naive scraper saves it: `<title>` first, one visible block per line."""
    for bad in tree.xpath("//" + " | //".join(_DROP_TAGS)):
        _drop(bad)
    lines: list[str] = []
    title = tree.findtext(".//title")
    if title:
        lines.append(title)
    parts: list[str] = []

    def walk(el: etree._Element) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        block = tag in _BLOCK_TAGS
        if block:
            parts.append("\n")
        if el.text and tag not in ("head", "title"):
            parts.append(_SPACES.sub(" ", el.text))  # a newline in the source is a space on screen
        for child in el:
            walk(child)
        if block:
            parts.append("\n")
        if el.tail:
            parts.append(_SPACES.sub(" ", el.tail))

    body = tree.find("body")
    walk(body if body is not None else tree)
    for line in "".join(parts).split("\n"):
        line = _SPACES.sub(" ", line).strip()
        if line:
            lines.append(line)
    return "\n".join(lines)


def _visible(tree: etree._Element, copy: bool = True) -> etree._Element:
    """A copy of the page without what the reader never sees as body: elements hidden by an
    inline style, the `hidden` or `aria-hidden` attribute or a hiding class (modals, collapsed
    menus, duplicated mobile markup), and slideshows, which show one slide at a time and whose
    legends are captions of other photos. An element holding nearly all the page's text stays:
    that is a wrapper the page's scripts reveal once loaded, or a page that is a gallery.
    With `copy=False` the tree itself is pruned."""
    if copy:
        tree = _deepcopy(tree)
    hidden = [el for el in dict.fromkeys(v.getparent() for v in _HIDING_ATTRIBUTES(tree)
                                         if v.attrname in ("hidden", "aria-hidden") or _MAY_HIDE.search(v))
              if _is_hidden(el) or _is_gallery(el)]
    if not hidden:
        return tree
    # the page's words are counted only as far as a hidden element's size needs (a menu's few
    # words are far from all of them): the decisions first, on the page as it came, then the drops
    texts, counted = tree.itertext(), 0

    def outweighs(words: int) -> bool:  # whether the page's words are so many that 0.8 of them >= words
        nonlocal counted
        while 0.8 * counted < words:
            if (t := next(texts, None)) is None:
                return False
            counted += len(t.split())
        return True

    drop = [el for el in hidden if el.getparent() is not None and outweighs(_words(el))]
    for el in drop:
        el.drop_tree()
    return tree


def _math_as_text(tree: etree._Element) -> None:
    """MathML (`<math>`) is text the reader sees, but trafilatura drops the element: put its
    symbols in its place as plain text, one token apart, leaving out encodings meant for
    machines (TeX or MathML annotations)."""
    for math in list(tree.iter("{*}math", "math")):
        for note in list(math.iter("{*}annotation", "annotation", "{*}annotation-xml", "annotation-xml")):
            note.drop_tree()
        text = " ".join(t.strip() for t in math.itertext() if t.strip())
        # a script's rendering wraps it in custom elements (`<mjx-container>`) trafilatura
        # drops whole, visual copy included: the text takes the outermost wrapper's place
        while (up := math.getparent()) is not None and "-" in up.tag and up.getparent() is not None:
            math = up
        span = etree.Element("span")
        span.text = f" {text} " if text else " "
        span.tail = math.tail
        if math.getparent() is None:  # the page is a formula: it becomes its text
            math.clear()
            math.text, math.tail = span.text, span.tail
            continue
        math.getparent().replace(math, span)


def _repeats(page: etree._Element) -> dict[str, int]:
    """How many times each long paragraph stands side by side with copies of itself (the same
    parent) in the page. trafilatura keeps one copy of a repeated paragraph; a page that
    shows it several times in a row says it several times."""
    side_by_side = Counter((el.getparent(), _text(el)) for el in page.iter(*_PARAGRAPH_TAGS, "div")
                           if el.tag != "div" or _holds_text_only(el))
    most: dict[str, int] = {}
    for (_, text), n in side_by_side.items():
        if n > 1 and len(key := furniture.norm(text)) >= _REPEAT_CHARS:
            most[key] = max(most.get(key, 0), n)
    return most


def _restore_repeats(blocks: list[Block], page: etree._Element | None) -> list[Block]:
    """trafilatura's blocks with the copies of side-by-side repeated paragraphs put back."""
    most = _repeats(page) if page is not None else {}
    if not most:
        return blocks
    have = Counter(furniture.norm(b.text) for b in blocks)
    out: list[Block] = []
    for b in blocks:
        out.append(b)
        key = furniture.norm(b.text)
        missing = most.get(key, 0) - have.get(key, 0)
        if missing > 0:
            out.extend(Block(b.kind, b.text) for _ in range(missing))
            have[key] += missing
    return out


def _restore_tables(blocks: list[Block], page: etree._Element | None) -> list[Block]:
    """trafilatura's blocks with the data tables it cut from inside the article made whole.

    trafilatura drops cells that are links (the names in a list of apps with their sizes)
    and whole tables made mostly of links (a release history). A table whose rows it kept
    in part gets its full rows back; a table it dropped that stands between two blocks it
    kept side by side sits inside the article, and its rows go back there."""
    if page is None or not blocks or not any(_data_rows(t) for t in page.iter("table")):
        return blocks
    blocks = list(blocks)
    keys = [furniture.norm(b.text) for b in blocks]
    index = {k: i for i, k in reversed(list(enumerate(keys)))}
    inserts: dict[int, list[Block]] = {}
    last, pending = None, None
    for el in page.iter(*_ANCHOR_TAGS, "table"):
        if el.tag == "table":
            rows = _data_rows(el)
            if rows and not _mend_rows(blocks, keys, rows) and not any(furniture.norm(r) in index for r in rows):
                pending = (last, rows)
            continue
        i = index.get(furniture.norm(_text(el)))
        if i is None:
            continue
        if pending is not None and pending[0] is not None and i == pending[0] + 1:
            inserts.setdefault(pending[0], []).extend(Block("p", r) for r in pending[1])
        pending, last = None, i
    out: list[Block] = []
    for i, b in enumerate(blocks):
        out.append(b)
        out.extend(inserts.get(i, ()))
    return out


def _restore_split_body(blocks: list[Block], page: etree._Element | None) -> list[Block]:
    """trafilatura's blocks with the rest of an article body the page splits in parts.

    trafilatura reads the first element that looks like the body; many pages cut the body
    into several elements of the same tag, class and depth (between ads, embeds or promos),
    and it drops the rest. The paragraphs of those twins (not in comments or asides, where
    the same markup holds other texts) go back after the block that comes before them on
    the page."""
    if page is None or len(blocks) < 2:
        return blocks
    kept = {_letters(b.text) for b in blocks}
    # a fragment's paragraph may be the root itself, with no parent to share
    parents = Counter(p for el in page.iter("p") if (p := el.getparent()) is not None and _letters(_text(el)) in kept)
    if not parents:
        return blocks
    body, n = parents.most_common(1)[0]
    cls = body.get("class")
    if not cls or n < 2:
        return blocks
    inside = set(body.iter()) | set(body.iterancestors())
    depth = len(list(body.iterancestors()))
    found: list[tuple[etree._Element, Block]] = []
    for twin in page.iter(body.tag):
        if (twin.get("class") != cls or twin in inside or len(list(twin.iterancestors())) != depth
                or any(_is_aside(a) for a in twin.iterancestors())):
            continue
        parts = [(el, Block(_ANCHOR_KINDS[el.tag], t)) for el in twin.iter(*_ANCHOR_TAGS)
                 if (t := _text(el)) and not any(a.tag in _ANCHOR_TAGS for a in _ancestors_within(el, twin))]
        prose = sum(len(b.text.split()) for _, b in parts if b.kind == "p")
        if (prose >= _TWIN_WORDS and prose >= 0.5 * _words(twin)
                and not any(_letters(b.text) in kept for _, b in parts)):
            found.extend(parts)
    if not found:
        return blocks
    order = {el: i for i, el in enumerate(page.iter())}  # (only for a page whose body is split)
    found = [(order[el], b) for el, b in found]
    at: dict[str, int] = {}
    for el in page.iter(*_ANCHOR_TAGS):
        at.setdefault(_letters(_text(el)), order[el])
    # the last of trafilatura's blocks that stands before a position on the page
    placed = sorted((w, i) for i, b in enumerate(blocks) if (w := at.get(_letters(b.text))) is not None)
    last = list(accumulate((i for _, i in placed), max))
    inserts: dict[int, list[Block]] = {}
    for pos, block in sorted(found, key=lambda f: f[0]):
        k = bisect_left(placed, (pos, -1))
        inserts.setdefault(last[k - 1] if k else -1, []).append(block)
    out = list(inserts.get(-1, ()))
    for i, b in enumerate(blocks):
        out.append(b)
        out.extend(inserts.get(i, ()))
    return out


def _is_aside(el: etree._Element) -> bool:
    """Whether an element holds what stands beside an article: readers' comments, asides, footers."""
    return el.tag in ("aside", "footer", "nav") or _ASIDE.search(f"{el.get('class') or ''} {el.get('id') or ''}") is not None


_ASIDE = re.compile(r"comment|repl(?:y|ies)|sidebar|related", re.I)


def _ancestors_within(el: etree._Element, top: etree._Element) -> list[etree._Element]:
    """The elements between an element and one of its ancestors (a paragraph inside a list
    item is read with the item, not twice)."""
    out = []
    for a in el.iterancestors():
        if a is top:
            break
        out.append(a)
    return out


def _letters(text: str) -> str:
    """A text's letters and digits only: the same paragraph whether or not markup (a drop
    capital, a link) put spaces inside its words."""
    return _NON_LETTERS.sub("", text.lower())


_NON_LETTERS = re.compile(r"[\W_]+")
_ANCHOR_KINDS = {"p": "p", "li": "li", "blockquote": "quote", **{f"h{i}": "h" for i in range(1, 7)}}
_TWIN_WORDS = 20  # words of paragraphs: less than this in a twin is a label, not a part of the body


def _mend_rows(blocks: list[Block], keys: list[str], rows: list[str]) -> bool:
    """Put a table's full rows in place of the cut rows trafilatura kept of it: a run of
    blocks, each part of the next row in turn, covering at least half of the rows. Edits
    blocks in place; whether any of the table was found."""
    want = [furniture.norm(r) for r in rows]
    for j, key in enumerate(keys):
        first = next((t for t, w in enumerate(want) if key and key in w), None)
        if first is None:
            continue
        t, k = first, j
        while k < len(keys) and t < len(want) and keys[k] and keys[k] in want[t]:
            t, k = t + 1, k + 1
        if t - first >= max(2, len(want) // 2):
            for n in range(j, k):
                blocks[n] = Block(blocks[n].kind, rows[first + n - j])
            return True
    return any(k and any(k == w for w in want) for k in keys)


def _data_rows(table: etree._Element) -> list[str]:
    """The rows of a data table as text, or nothing for a table that lays out a page (one
    holding other tables or block elements, or a single row or column)."""
    if any(el is not table for el in table.iter("table", "p", "ul", "ol", "h1", "h2", "h3", "h4")):
        return []
    rows = []
    for tr in table.iter("tr"):
        cells = [t for c in tr if isinstance(c.tag, str) and c.tag in ("td", "th") and (t := _text(c))]
        if cells:
            rows.append(" ".join(cells))
    widths = [len(tr.findall("td")) + len(tr.findall("th")) for tr in table.iter("tr")]
    return rows if len(rows) >= 2 and max(widths, default=0) >= 2 else []


_ANCHOR_TAGS = ("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote")
_PARAGRAPH_TAGS = frozenset(("p", "blockquote", "li"))
_REPEAT_CHARS = 40  # a repeated paragraph at least this long is text, not a label


def _holds_text_only(el: etree._Element) -> bool:
    """Whether an element is a paragraph in all but name (a `<div>` of text and inline markup)."""
    return bool(el.text and el.text.strip()) and not any(
        isinstance(c.tag, str) and c.tag in _BLOCK_TAGS for c in el.iterdescendants())


def _words(el: etree._Element) -> int:
    return sum(len(t.split()) for t in el.itertext())  # (as splitting the texts joined by spaces)


_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)


_GALLERY = re.compile(r"gallery|slideshow|carousel", re.I)
# the attributes `_is_hidden` and `_is_gallery` read, and what a value must hold for either
# to say yes (hidden/hide/is-hidden, d-none and display:none, invisible, dn, a slideshow's
# names): the Python tests run on the few elements that carry one, not on every element
_HIDING_ATTRIBUTES = etree.XPath("//@class | //@id | //@style | //@hidden | //@aria-hidden")
_MAY_HIDE = re.compile(r"hid|none|invisible|dn|gallery|slideshow|carousel", re.I)
_MODIFIERS = ("has-", "with-", "no-")  # a class saying what an element holds (`has-gallery`), not what it is
_HIDDEN_CLASSES = frozenset(("hidden", "hide", "d-none", "is-hidden", "invisible", "dn", "display-none"))
_SHOWN_FROM = re.compile(r":|^d-(?:sm|md|lg|xl|xxl)-|^(?:db|dib|di|dt|flex|dif)-(?:ns|m|l)$")


def _is_gallery(el: etree._Element) -> bool:
    """A slideshow: named so by its class or id, with several pieces of text (slides). One piece
    of text is a lead photo's caption in a slideshow frame, which trafilatura judges itself."""
    names = ((el.get("class") or "") + " " + (el.get("id") or "")).lower().split()
    if el.tag in ("body", "html", "article", "main") or not any(
            _GALLERY.search(n) and not n.startswith(_MODIFIERS) for n in names):
        return False
    if any(True for _ in el.iter("h1", "article", "main")) or el.xpath(".//*[@itemprop='articleBody']"):
        return False  # it holds the article: a class of the wrapper (`has-gallery`), not a slideshow
    return len({k for t in el.itertext() if (k := furniture.norm(t))}) >= 3


def _is_hidden(el: etree._Element) -> bool:
    """Whether the page hides an element: by its `hidden` or `aria-hidden` attribute, an inline
    style or a CSS framework's hiding class."""
    return (el.get("hidden") is not None or _HIDDEN_STYLE.search(el.get("style") or "") is not None
            or (el.get("aria-hidden") or "").strip().lower() == "true"
            or _hidden_by_class((el.get("class") or "").lower().split()))


def _hidden_by_class(classes: list[str]) -> bool:
    """Whether CSS frameworks' utility classes hide an element: one that hides it, and none
    that shows it again from some screen width on (`hidden md:block`, `d-none d-lg-block`)."""
    return not _HIDDEN_CLASSES.isdisjoint(classes) and not any(_SHOWN_FROM.search(c) for c in classes)


def _date_params() -> dict[str, object]:
    """htmldate's settings: no extensive search. That search is what invents dates: it reads
    the copyright line (`© 2024` → 2024-01-01), any date in the markup (another article's link
    `/2023/05/12/…`, a stylesheet's version), a month or a bare year (→ its first day). Without
    it the date comes from the page's own metadata (meta tags, JSON-LD, `<time>`, its own
    URL) and its date elements; the publication date, not the last update."""
    import datetime as dt

    return {"extensive_search": False, "original_date": True, "max_date": dt.date.today().isoformat()}


def _without_guesses(page: etree._Element) -> etree._Element:
    """The page without the metadata htmldate turns into a guess when nothing better is
    found: a copyright year (itemprop `copyrightYear`, → 1 January) and the share image's
    URL (an upload folder's date, not the article's)."""
    for meta in page.xpath('//meta[translate(@itemprop, "COPYRIGHTYEAR", "copyrightyear") = "copyrightyear"]'
                           ' | //meta[@property = "og:image"]'):
        _drop(meta)
    return page


def _extract(page: str | etree._Element, url: str | None, favor_recall: bool = True,
             with_metadata: bool = True) -> tuple[trafilatura.settings.Document | None, list[Block]]:
    meta = None
    if not isinstance(page, str):
        page = _without_guesses(page)
        if with_metadata:
            try:
                meta = _metadata(page, url)
            except Exception:  # as below: trafilatura's own reading of it then
                meta = None
    try:
        doc = trafilatura.bare_extraction(page, url=url, with_metadata=with_metadata and meta is None,
                                          include_comments=False, include_tables=True, favor_recall=favor_recall,
                                          date_extraction_params=_date_params())
    except Exception:  # trafilatura can trip over broken markup; the fallback reads it instead
        return None, []
    if doc is not None and meta is not None:
        doc.title, doc.author, doc.date, doc.url = meta.title, meta.author, meta.date, meta.url
    return doc, (_blocks(doc.body) if doc is not None and doc.body is not None else [])


def _metadata(tree: etree._Element, url: str | None) -> trafilatura.settings.Document:
    """trafilatura's `extract_metadata` for what the reader keeps (title, author, date, URL),
    step for step, without what it never reads (categories, tags, licence, site name)."""
    from trafilatura import metadata as M

    meta = M.examine_meta(tree)
    if meta.author and " " not in meta.author:
        meta.author = None
    try:
        meta = M.extract_meta_json(tree, meta)
    except Exception:  # noqa: BLE001 - as trafilatura: bugs in its JSON-LD reading
        pass
    if not meta.title:
        meta.title = M.extract_title(tree)
    if not meta.author:
        meta.author = M.extract_author(tree)
    if not meta.url:
        meta.url = M.extract_url(tree, url)
    params = {**_date_params(), "url": meta.url}
    meta.date = M.find_date(tree, **params)
    meta.filedate = params.get("max_date")
    meta.clean_and_trim()
    return meta



def _confident(page: str | etree._Element, url: str | None, doc: trafilatura.settings.Document | None,
               blocks: list[Block]) -> tuple[trafilatura.settings.Document | None, list[Block]]:
    """trafilatura's reading favouring recall, unless it is short (under `_CHECK_WORDS`) and
    its balanced reading of the same page holds over `1 / _SHORTER` times as many words
    (each distinct paragraph counted once):
    then recall mode latched onto a teaser or a header, and the library's own default
    reading is kept, so the cleaner never reads much less than trafilatura alone."""
    words = sum(len(b.text.split()) for b in blocks)
    if words >= _CHECK_WORDS:
        return doc, blocks
    if not isinstance(page, str) and _SHORTER * _words(page) <= words:
        return doc, blocks  # the balanced reading is made of the page's words: it cannot hold enough more
    # the page's metadata is the same in either reading: the second reads the body only
    doc2, blocks2 = _extract(page, url, favor_recall=False, with_metadata=doc is None)
    distinct = {furniture.norm(b.text): len(b.text.split()) for b in blocks2}  # a copy adds nothing
    if words < _SHORTER * sum(distinct.values()):
        return (doc if doc is not None else doc2), blocks2
    return doc, blocks


# Chosen on the tuning half: one page there (recall mode kept 42 words of 546) gains, none
# loses at any ratio from 0.1 to 0.9; on the held-out half a ratio of 0.3 or more loses a
# page (recall's 441 words were right, the balanced 1,496 wrong) and 0.2 changes none.
_SHORTER = 0.2
_CHECK_WORDS = 200  # words: a longer recall reading is not checked (a second pass costs time)


# what `strip_controls` removes or changes (controls, `\r`, bidi marks): a page without one is left as it is
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\u061c]")


def clean_html(html: str, url: str | None = None, known_furniture: Callable[[str], bool] | None = None,
               lines_out: list[str] | None = None) -> Article:
    """An Article from an HTML page; NoArticle when it holds no main text.

    `known_furniture` says which lines the page's site repeats on its other pages (site
    memory): such blocks leave the body, unless they hold over four fifths of its words (a template
    site) or would leave no article. `lines_out`, when given, receives the blocks
    trafilatura read (what the site memory counts).

    When trafilatura keeps no article, the page is flattened and read by the plain-text
    cleaner instead. (Letting that reading win whenever it weighed three times
    trafilatura's body helped 4 tuning pages and hurt 1, and lost 0.026 F1 on held-out
    pages: removed.)"""
    if _CONTROL.search(html):  # (one scan of the page; most pages hold none)
        html = strip_controls(html)
    if not html.strip():
        raise NoArticle("empty HTML")
    _READ.texts = {}
    try:
        return _clean_html(html, url, known_furniture, lines_out)
    finally:
        _READ.texts = None


def _clean_html(html: str, url: str | None, known_furniture: Callable[[str], bool] | None,
                lines_out: list[str] | None) -> Article:
    tree = _parse(html)
    site_langs = _site_languages(tree)
    page = _visible(tree, copy=False) if tree is not None else None  # the tree is not read again
    if page is not None:
        _math_as_text(page)
    # trafilatura, favouring recall; its precision reading, alone or picked by how much
    # article-like prose each holds, gained no more than noise on the tuning pages.
    # (trafilatura works on its own copy of a tree it is given: the page is not copied here)
    doc, blocks = _extract(page if page is not None else html, url)
    doc, blocks = _confident(page if page is not None else html, url, doc, blocks)
    blocks = _restore_tables(_restore_repeats(_restore_split_body(blocks, page), page), page)
    if lines_out is not None:
        lines_out.extend(b.text for b in blocks)
    title = strip_controls(doc.title or "").strip() if doc is not None else ""
    author = (strip_controls(doc.author or "").strip() or None) if doc is not None else None
    published = parse_date(doc.date or "") if doc is not None and doc.date else None
    if published is None and page is not None:
        published = _dateline(page, title)
    blocks = _anchored(blocks, page, title)
    body, captions = _post_clean(_end_at_label(_drop_headline_lists(blocks)), title)
    if known_furniture is not None:
        body = _without_known(body, known_furniture)
    words = sum(len(b.text.split()) for b in body)
    # trafilatura kept no article: the plain-text cleaner reads the flattened page, and its
    # reading stands when it holds at least as many words (on a page whose whole text is
    # a word or three, those words are the article). (Used
    # whenever trafilatura kept under 25 words, it changed no tuning page and cost 2.5
    # page-points on 6 held-out pages: a short reading by trafilatura is usually right.)
    _READ.texts = None  # the flat-text reading below edits the page
    flat = _from_flat_text(page, known_furniture) if words < _MIN_WORDS else None
    if flat is not None:
        if len(flat.text.split()) >= words:
            flat.title = title or flat.title
            flat.author = author or flat.author
            flat.published = published or flat.published
            flat.site_languages = site_langs or flat.site_languages
            flat.url = url
            return flat
    if words < _MIN_WORDS:
        raise NoArticle("no paragraphs in the HTML's main content")
    return Article(
        title=title,
        body=body,
        author=author,
        published=published,
        site_languages=site_langs,
        captions=captions,
        url=url,
    )


def _anchored(blocks: list[Block], page: etree._Element | None, title: str) -> list[Block]:
    """The body anchored to the article's head, as the plain-text cleaner anchors it: when
    trafilatura's reading holds none of the paragraphs under the page's headline (an `<h1>`
    reading as the title) it read something else (a footer's legal notices, comments, a
    bio), and those paragraphs are the article unless that reading holds over
    `_FAR_WINS` times their words."""
    if page is None or not blocks or not title:
        return blocks
    head = next((h for h in page.iter("h1") if _same_headline(furniture.norm(_text(h)), title)), None)
    if head is None:
        return blocks
    box = head.getparent()
    while box is not None and len(box.xpath(".//p")) < 2:
        box = box.getparent()
    if box is None:
        return blocks
    ps = [_SPACES.sub(" ", _text(p)).strip() for p in head.xpath("following::p") if box in p.iterancestors()]
    ps = [t for t in ps if len(t.split()) >= _HEAD_PARAGRAPH]
    if len(ps) < 2:
        return blocks
    have = {furniture.norm(b.text) for b in blocks}
    if any(furniture.norm(t) in have for t in ps):
        return blocks
    words = sum(len(t.split()) for t in ps)
    if words * _FAR_WINS < sum(len(b.text.split()) for b in blocks):
        return blocks
    return [Block("p", t) for t in ps]


_HEAD_PARAGRAPH = 6  # words: a shorter paragraph under the headline is a byline or a label
_FAR_WINS = 4.0  # as in text.py: times the prose under the headline a reading elsewhere must hold


def _dateline(page: etree._Element, title: str) -> str | None:
    """The date written by the headline (`March 25, 2015` under it) of a page whose metadata
    has none, as the plain-text cleaner reads a byline: a short line at most three above or
    six below the headline (the page's `<h1>`, else the title) with a day, a month and a
    year all written, not a copyright line."""
    heads = [_SPACES.sub(" ", "".join(h.itertext())).strip() for h in page.iter("h1")]
    want = {furniture.norm(t) for t in [*heads, title] if t}
    if not want:
        return None
    lines = flatten(copy.deepcopy(page)).split("\n")[1:]  # the <title> line is not the headline
    for i, line in enumerate(lines):
        if furniture.norm(line) in want:
            for near in lines[max(0, i - 3) : i] + lines[i + 1 : i + 7]:
                if len(near.split()) <= 25 and not COPYRIGHT.search(near) and (d := find_date(near)):
                    return d[2]
            return None
    return None


def _without_known(body: list[Block], known: Callable[[str], bool]) -> list[Block]:
    """The body without the blocks the site repeats on its other pages, unless those hold over
    `_KNOWN_SHARE` of its words (the site's pages are one template) or all but a few words."""
    kept = [b for b in body if not known(b.text)]
    if len(kept) == len(body):
        return body
    words = sum(len(b.text.split()) for b in body)
    left = sum(len(b.text.split()) for b in kept)
    if left < _MIN_WORDS or words - left > _KNOWN_SHARE * words:
        return body
    return kept


_KNOWN_SHARE = 0.8  # as in text.py: of the body's words, what lines the site repeats may hold


def _from_flat_text(page: etree._Element | None, known: Callable[[str], bool] | None = None) -> Article | None:
    """The plain-text cleaner's reading of the flattened page (which it edits) without the
    navigation, header, footer and asides its markup names, or None."""
    if page is None:
        return None
    for furniture_el in page.xpath("//nav | //header | //footer | //aside"):
        _drop(furniture_el)
    try:
        return clean_text(flatten(page), known)
    except NoArticle:
        return None


def _drop_headline_lists(blocks: list[Block]) -> list[Block]:
    """Blocks without lists of other items' headlines: three or more headings of a headline's
    length in a row, with no text between them, are teasers, not the article's sections
    (each of those has text under it). A short heading just above them labels the list."""
    out: list[Block] = []
    i = 0
    while i < len(blocks):
        j = i
        while j < len(blocks) and blocks[j].kind == "h" and len(blocks[j].text.split()) >= _HEADLINE_MIN_WORDS:
            j += 1
        if j - i >= _HEADLINES:
            if out and out[-1].kind == "h":
                out.pop()
            i = j
            continue
        out.append(blocks[i])
        i += 1
    return out


def _end_at_label(blocks: list[Block]) -> list[Block]:
    """Blocks up to where the article ends at a label: the readers' comments opening ("Comments",
    "12 comments") in its last words, or a label over a list of other items ("Related", "You
    may also like") with three times as many words above it as under it, as the plain-text
    cleaner reads them. What trafilatura keeps after it is furniture and teasers."""
    total = sum(len(b.text.split()) for b in blocks)
    after = total
    for i, b in enumerate(blocks):
        if (furniture.starts_comments(b.text) and after <= _COMMENTS_SHARE * total
                or furniture.is_list_label(b.text) and after <= _LIST_SHARE * total):
            return blocks[:i]
        after -= len(b.text.split())
    return blocks


_COMMENTS_SHARE = 0.05  # of the words: a comments label with more under it is inside the article
_LIST_SHARE = 0.25  # of the words: the article above a list label weighs three times the list


_HEADLINE_MIN_WORDS = 6  # words: a heading this long reads as a headline, not a section's name
_HEADLINES = 3


_HEAD_BLOCKS = 3  # a copy of the title stands among the first blocks
_TITLE_PARTS = re.compile(r"\s[|–—·:/-]+\s|\s::\s")


def _same_headline(key: str, title: str) -> bool:
    """Whether a heading reads as the page's title: the title or one of its parts (the page
    title often carries the site's name or section, `Opinion | …`, `… – Site`), in nearly
    the same words."""
    words = set(key.split())
    for part in [title, *_TITLE_PARTS.split(title)]:
        other = set(furniture.norm(part).split())
        shared = len(words & other)
        if other and shared >= _SAME_SHARE * len(words) and shared >= _SAME_SHARE * len(other):
            return True
    return False


_SAME_SHARE = 0.75
# "News > World > Europe": where the page sits in the site, three or more short steps
_BREADCRUMB = re.compile(r"^[^>»›.!?]{1,40}(?:\s[>»›]\s[^>»›.!?]{1,40}){2,}$")


def _post_clean(blocks: list[Block], title: str) -> tuple[list[Block], list[Caption]]:
    """Drop a copy of the title, a breadcrumb over the article, leftover prompts and
    timestamps; move credited captions out of the body. Repeated blocks stay: in
    trafilatura's output they are body text (a question asked of each interviewee), and it
    already drops adjacent copies."""
    body: list[Block] = []
    captions: list[Caption] = []
    title_key = furniture.norm(title)
    for i, b in enumerate(blocks):
        key = furniture.norm(b.text)
        n = len(b.text.split())
        if not key or key == title_key or (i < _HEAD_BLOCKS and b.kind == "h" and _same_headline(key, title)):
            continue
        if furniture.is_stamp(b.text) or furniture.is_commenter(b.text):
            continue
        if i < _HEAD_BLOCKS and _BREADCRUMB.match(b.text):
            continue
        if n <= 12 and b.kind != "h" and furniture.is_prompt(b.text):
            continue
        cap = explicit_credit(b.text) if n <= 40 else None
        if cap and cap.text:
            captions.append(cap)
            continue
        body.append(b)
    return body, captions
