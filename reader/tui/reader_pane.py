"""The reader pane: one article laid out as title, byline, badges, legend, captions and body.

Every piece of article text goes through `highlight.clean` and is handed to widgets as a
Rich `Text`, so markup and escape sequences in an article are shown, never obeyed. Entity
and match colours are the component classes below, styled in `styles/reader.tcss`; the
article's own widgets in `styles/article.tcss`, read when the first article is shown.
"""

from __future__ import annotations

import os
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from rich.text import Text
from textual.app import App
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Label, Static

from reader.tui import bindings
from reader.tui.highlight import clean, find_spans, query_spans, styled

if TYPE_CHECKING:  # the data model's classes load with the first article, not at start
    from reader.model import Entity, StoredArticle

STYLES = Path(__file__).parent / "styles"


def read_styles(app: App, name: str) -> None:
    """Add styles/`name` to the app's stylesheet (as CSS_PATH's files: same tier), once.

    For widgets mounted on first use: the first paint does not parse their rules. Mounting
    them parses the stylesheet again anyway (as Textual does for a widget class it has not
    seen), and the widgets already shown are not among those the rules select.
    """
    path = os.path.abspath(STYLES / name)
    if not app.stylesheet.has_source(path):  # add_source, not read: it also drops the rules' index
        app.stylesheet.add_source(Path(path).read_text(encoding="utf-8"), read_from=(path, ""))


LABEL_NAMES = {"PER": "person", "ORG": "organisation", "LOC": "place", "DATE": "date", "MISC": "other"}
LANGUAGE_NAMES = {"en": "English", "uk": "Ukrainian", "ru": "Russian", "": "original"}


class Piece(NamedTuple):
    """One rendered unit of the article: `seq` is the store's block number (-1 the title).
    (A NamedTuple: a frozen dataclass costs the TUI's start 0.3 ms more to define.)"""

    seq: int
    kind: str  # title | p | h | quote | li | caption
    text: str
    credit: str | None = None
    lang: str | None = None  # set only where the block's language is not the article's


def pieces_of(article: StoredArticle, translation: tuple[str, dict[int, str]] | None = None) -> list[Piece]:
    """The article in reading order — the title, the captions (near the top, where the page had
    its photos; their seqs follow the body's), the body; with `translation` (title, {seq: text})
    its text replaced."""
    title, texts = translation if translation else (article.title, {})
    out = [Piece(-1, "title", clean(title or article.title))]
    n = len(article.body)
    for i, cap in enumerate(article.captions):
        out.append(Piece(n + i, "caption", clean(texts.get(n + i, cap.text)), clean(cap.credit) or None))
    for seq, block in enumerate(article.body):
        # A translated block is in the translation's language: no badge of its own then.
        own = block.lang if block.lang and block.lang != article.lang and seq not in texts else None
        out.append(Piece(seq, block.kind, clean(texts.get(seq, block.text)), lang=clean(own) if own else None))
    return out


def entity_counts(entities: list[tuple[int, Entity]]) -> list[tuple[str, str, int]]:
    """(label, name, mentions) of an article's entities, most mentioned first."""
    counts = Counter((e.label, e.norm or e.text) for _, e in entities)
    return [(label, name, n) for (label, name), n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]


class ReaderPane(VerticalScroll, can_focus=True):
    """Shows the open article; `highlight_query` and `find` mark words, `n`/`N` step through them."""

    BINDINGS = bindings.READER
    COMPONENT_CLASSES = {
        "reader-pane--per",
        "reader-pane--org",
        "reader-pane--loc",
        "reader-pane--date",
        "reader-pane--misc",
        "reader-pane--match",
        "reader-pane--current",
        "reader-pane--block-lang",
    }

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.article: StoredArticle | None = None
        self.pieces: list[Piece] = []
        self.entities: dict[int, list[Entity]] = {}
        self.view_lang = ""  # '' = the original
        self.search_query = ""  # a search query: its words are marked
        self.needle = ""  # a find string: its occurrences are marked
        self.matches: list[tuple[int, int, int]] = []  # (piece index, start, end)
        self.current_match = -1
        self._statics: list[Static] = []
        #: "Story: headline · 3 articles · en uk ru" above the article when it has other reports.
        self.story_line: str | None = None

    def compose(self):
        yield Static(Text("Choose an article and press Enter to read it."), classes="placeholder")

    # --- content -------------------------------------------------------------------

    def show(
        self,
        article: StoredArticle,
        entities: list[tuple[int, Entity]],
        *,
        translation: tuple[str, dict[int, str]] | None = None,
        view_lang: str = "",
        query: str = "",
        original_entities: list[tuple[int, Entity]] | None = None,
    ) -> None:
        """Lay out `article` (or its translation into `view_lang`), marking `query`'s words.

        With `original_entities` and a translation, each block of the original is shown
        beside its translation, row by row, so the two stay aligned.
        """
        self.article = article
        self.view_lang = view_lang if translation else ""
        self.pieces = pieces_of(article, translation)
        self.entities = {}
        for seq, e in entities:
            self.entities.setdefault(seq, []).append(e)
        self.search_query, self.needle = query, ""
        read_styles(self.app, "article.tcss")
        self.remove_children()
        self._statics = [Static(classes=f"piece -{p.kind}") for p in self.pieces]
        rows: list = self._statics
        if translation and original_entities is not None:
            rows = [Horizontal(self._original(o, original_entities), st, classes="pair") for o, st in zip(pieces_of(article), self._statics)]
        story = [Static(Text(self.story_line, end=""), classes="story")] if self.story_line else []
        self.mount_all([*story, rows[0], Static(self._meta(article), classes="meta"), self._badges(article), self._legend(), *rows[1:]])
        self._compute_matches()
        self._render_pieces()
        self.scroll_home(animate=False, immediate=True)

    def _original(self, piece: Piece, entities: list[tuple[int, Entity]]) -> Static:
        """The original of one block, for the left column of the side-by-side view."""
        from reader.model import ENTITY_LABELS

        styles = {label: self.get_component_rich_style(f"reader-pane--{label.lower()}", partial=True) for label in ENTITY_LABELS}
        text = styled(piece.text, [e for seq, e in entities if seq == piece.seq], styles)
        if piece.credit:
            text.append(f" — {piece.credit}")
        return Static(self._with_lang_badge(piece, text), classes=f"piece -{piece.kind} -original")

    def _with_lang_badge(self, piece: Piece, text: Text) -> Text:
        """`text` after a small badge with the block's language (`uk`) where it is not the
        article's; the badge is plain text styled by `reader-pane--block-lang`."""
        if not piece.lang:
            return text
        badge = Text(end="")
        badge.append(f" {piece.lang} ", self.get_component_rich_style("reader-pane--block-lang", partial=True))
        badge.append(" ")
        badge.append_text(text)
        return badge

    @property
    def side_by_side(self) -> bool:
        return bool(self.query(".pair"))

    def clear(self) -> None:
        self.article, self.pieces, self.entities, self.matches = None, [], {}, []
        self.remove_children()
        self.mount(Static(Text("Choose an article and press Enter to read it."), classes="placeholder"))

    def _meta(self, article: StoredArticle) -> Text:
        parts = [clean(x) for x in (article.source, (article.published or "")[:10], article.author) if x]
        return Text(" · ".join(parts), end="")

    def _badges(self, article: StoredArticle) -> Horizontal:
        labels = [Label(Text((article.lang or "?").upper()), classes="badge -lang")]
        if article.site_languages:
            site = " ".join(clean(code).upper() for code in article.site_languages)
            labels.append(Label(Text(f"site: {site}"), classes="badge -site"))
        if self.view_lang:
            labels.append(Label(Text(f"translated → {self.view_lang.upper()}"), classes="badge -translation"))
        return Horizontal(*labels, classes="badges")

    def _legend(self) -> Static:
        from reader.model import ENTITY_LABELS

        legend = Text(end="")
        for label in ENTITY_LABELS:
            legend.append(f" {LABEL_NAMES[label]} ", self.get_component_rich_style(f"reader-pane--{label.lower()}", partial=True))
            legend.append(" ")
        return Static(legend, classes="legend")

    def _render_pieces(self, only: set[int] | None = None) -> None:
        from reader.model import ENTITY_LABELS

        styles = {label: self.get_component_rich_style(f"reader-pane--{label.lower()}", partial=True) for label in ENTITY_LABELS}
        match_style = self.get_component_rich_style("reader-pane--match", partial=True)
        current_style = self.get_component_rich_style("reader-pane--current", partial=True)
        by_piece: dict[int, list[tuple[int, int]]] = {}
        for i, start, end in self.matches:
            by_piece.setdefault(i, []).append((start, end))
        current = self.matches[self.current_match] if 0 <= self.current_match < len(self.matches) else None
        for i, piece in enumerate(self.pieces):
            if only is not None and i not in only:
                continue
            text = styled(
                piece.text,
                self.entities.get(piece.seq, ()),
                styles,
                by_piece.get(i, ()),
                match_style,
                current[1:] if current and current[0] == i else None,
                current_style,
            )
            if piece.credit:
                text.append(f" — {piece.credit}")
            self._statics[i].update(self._with_lang_badge(piece, text))

    def replace_text(self, seq: int, text: str) -> None:
        """Show one piece's translation as it arrives (its entities belong to the original)."""
        for i, piece in enumerate(self.pieces):
            if piece.seq == seq:
                self.pieces[i] = Piece(seq, piece.kind, clean(text), piece.credit)  # translated: no badge
                self.entities.pop(seq, None)
                self._render_pieces({i})
                break

    # --- matches -------------------------------------------------------------------

    def _compute_matches(self) -> None:
        self.matches = []
        for i, piece in enumerate(self.pieces):
            if self.needle:
                spans = find_spans(piece.text, self.needle)
            elif self.search_query:
                spans = query_spans(piece.text, self.search_query)
            else:
                spans = []
            self.matches.extend((i, s, e) for s, e in spans)
        self.current_match = -1

    def find(self, needle: str) -> int:
        """Mark every occurrence of `needle`, go to the first; returns how many there are."""
        self.needle = needle
        self._compute_matches()
        if self.matches:
            self.current_match = 0
        self._render_pieces()
        self._scroll_to_current()
        return len(self.matches)

    def clear_marks(self) -> None:
        self.needle, self.search_query = "", ""
        self._compute_matches()
        self._render_pieces()

    def step(self, delta: int) -> tuple[int, int]:
        """Move to the next (+1) or previous (-1) match; returns (position 1-based, total)."""
        if not self.matches:
            return 0, 0
        before = self.matches[self.current_match][0] if self.current_match >= 0 else None
        self.current_match = (self.current_match + delta) % len(self.matches)
        after = self.matches[self.current_match][0]
        self._render_pieces({after} | ({before} if before is not None else set()))
        self._scroll_to_current()
        return self.current_match + 1, len(self.matches)

    def _scroll_to_current(self) -> None:
        if 0 <= self.current_match < len(self.matches) and self._statics:
            self.scroll_to_widget(self._statics[self.matches[self.current_match][0]], animate=False, immediate=True)

    @property
    def plain_text(self) -> str:
        """What `y` copies: the shown text (original or translation), blocks apart."""
        return "\n\n".join(p.text + (f" — {p.credit}" if p.credit else "") for p in self.pieces)
