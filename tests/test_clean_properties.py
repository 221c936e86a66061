"""Property-based tests: any text, however odd, gives an Article or NoArticle — never a crash,
never an empty body, never control characters in what comes out."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings, strategies as st

from reader.ingest.dates import parse_date
from reader.ingest.html import clean_html
from reader.ingest.text import clean_text
from reader.model import Article, NoArticle

_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")

# Lines mixing scripts (Latin, Cyrillic, Arabic, Hebrew, CJK), controls and furniture-like words.
WORDS = st.sampled_from(
    "the of said Kyiv Київ заявив сказал والسلام שלום 北京 Subscribe Поділитися 12:06 2024 ©"
    " \x1b[31m \x00 \u202e \t . , ? ( ) «".split(" ")
)
LINE = st.lists(WORDS, min_size=0, max_size=25).map(" ".join)
PAGE = st.lists(LINE, min_size=0, max_size=30).map("\n".join)
FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _check(art: Article) -> None:
    assert art.body, "an Article always has a body"
    for text in [art.title, *(b.text for b in art.body), *(c.text for c in art.captions)]:
        assert not _CONTROL.search(text)
    assert all(b.kind in ("p", "h", "quote", "li") and b.text.strip() for b in art.body)
    assert art.published is None or re.fullmatch(r"\d{4}-\d\d-\d\d(T\d\d:\d\d)?", art.published)


@FAST
@given(PAGE)
def test_clean_text_never_crashes(page: str) -> None:
    try:
        _check(clean_text(page))
    except NoArticle as e:
        assert str(e)


@FAST
@given(st.text(max_size=400))
def test_clean_text_on_arbitrary_unicode(page: str) -> None:
    try:
        _check(clean_text(page))
    except NoArticle as e:
        assert str(e)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(["p", "h2", "li", "div", "blockquote", "nav", "span"]), LINE), max_size=12))
def test_clean_html_never_crashes(parts: list[tuple[str, str]]) -> None:
    html = "<html><body><article>" + "".join(f"<{t}>{x}</{t}>" for t, x in parts) + "</article></body></html>"
    try:
        _check(clean_html(html))
    except NoArticle as e:
        assert str(e)


@FAST
@given(st.text(max_size=200))
def test_parse_date_is_none_or_iso(text: str) -> None:
    d = parse_date(text)
    assert d is None or re.fullmatch(r"\d{4}-\d\d-\d\d(T\d\d:\d\d)?", d)


@FAST
@given(st.dates(), st.sampled_from(["%B %d, %Y", "%d %B %Y", "%d.%m.%Y", "%Y-%m-%d", "%b. %d, %Y"]))
def test_parse_date_reads_back_what_was_written(day, fmt: str) -> None:
    if day.year < 1900 or day.year > 2099:
        return
    assert parse_date(day.strftime(fmt)) == day.isoformat()


def test_right_to_left_and_mixed_scripts_survive() -> None:
    para = "قال الوزير إن المحادثات ستستمر الأسبوع المقبل في جنيف، وأضاف أن الوفدين اتفقا على جدول أعمال واضح."
    art = clean_text("عنوان المقال\n" + para + "\n" + para.replace("جنيف", "كييف Київ Kyiv"))
    assert art.body[0].text == para
