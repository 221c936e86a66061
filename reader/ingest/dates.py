"""Dates in bylines (`April 3, 2024 12:06 PM`, `3 квітня 2024, 12:06`, `03.04.2024`) → ISO 8601.

Hand-written rather than dateparser: bylines carry the date inside other words ("by Jane
Doe April 3, 2024 2 min read"), and dateparser's search fills missing parts from today,
which would invent dates. Here a date needs a day, a month and a four-digit year that
are all written on the line; a time is added only when it is written next to the date.
A date inside a URL (`https://…/2023-05-12-story`) is another page's, never this one's, and a
copyright line (`© 2024`, `Copyright 2023 …`) says nothing about when an article appeared:
callers skip lines that `COPYRIGHT` matches.
"""

from __future__ import annotations

import datetime as _dt
import re

_MONTHS: dict[str, int] = {}


def _months(n: int, *names: str) -> None:
    for name in names:
        _MONTHS[name] = n


_months(1, "january", "jan", "січня", "січень", "січ", "января", "январь", "янв")
_months(2, "february", "feb", "лютого", "лютий", "лют", "февраля", "февраль", "фев", "февр")
_months(3, "march", "mar", "березня", "березень", "бер", "марта", "март", "мар")
_months(4, "april", "apr", "квітня", "квітень", "квіт", "апреля", "апрель", "апр")
_months(5, "may", "травня", "травень", "трав", "мая", "май")
_months(6, "june", "jun", "червня", "червень", "черв", "июня", "июнь", "июн")
_months(7, "july", "jul", "липня", "липень", "лип", "июля", "июль", "июл")
_months(8, "august", "aug", "серпня", "серпень", "серп", "августа", "август", "авг")
_months(9, "september", "sep", "sept", "вересня", "вересень", "вер", "сентября", "сентябрь", "сен", "сент")
_months(10, "october", "oct", "жовтня", "жовтень", "жовт", "октября", "октябрь", "окт")
_months(11, "november", "nov", "листопада", "листопад", "лист", "ноября", "ноябрь", "ноя", "нояб")
_months(12, "december", "dec", "грудня", "грудень", "груд", "декабря", "декабрь", "дек")

#: A month name in English, Ukrainian or Russian, full or abbreviated (one capture group).
MONTH = "(" + "|".join(sorted(map(re.escape, _MONTHS), key=len, reverse=True)) + r")(?![^\W\d_])\.?"
_DAY = r"(\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"((?:19|20)\d\d)(?!\d)"
_FLAGS = re.IGNORECASE

_DMY_WORDS = re.compile(rf"(?<!\d){_DAY}\.?\s+{MONTH},?\s+{_YEAR}", _FLAGS)
_MDY_WORDS = re.compile(rf"(?<![^\W\d_]){MONTH}\s+{_DAY},?\s+{_YEAR}", _FLAGS)
_ISO = re.compile(r"(?<!\d)((?:19|20)\d\d)-(\d\d)-(\d\d)(?:[T ](\d\d):(\d\d))?(?!\d)")
_DMY_DOTS = re.compile(r"(?<![\d.])(\d{1,2})\.(\d{1,2})\.((?:19|20)\d\d)(?!\d)")
_SLASHES = re.compile(r"(?<![\d/])(\d{1,2})/(\d{1,2})/((?:19|20)\d\d)(?!\d)")

#: A copyright or rights line (`©`, `(c) 2024`, `Copyright`, `All rights reserved`, in en/uk/ru).
COPYRIGHT = re.compile(
    r"©|\(c\)\s*(?:19|20)\d\d|\bcopyright\b|all rights reserved|вс[іi] права захищен|все права защищен"
    r"|авторськ\w* прав|авторск\w* прав",
    _FLAGS,
)
_URL = re.compile(r"(?:\b[a-z][a-z0-9+.-]*://|\bwww\.)\S+|(?<![\w/])/[\w.-]+/\S+", _FLAGS)

_TIME_AFTER = re.compile(
    r"(?:\s*(?:,|\||-|–|—|at|о|об|в|р\.|року|г\.|года|год\.)(?![^\W\d_]))*\s*"
    r"(\d{1,2})[:.](\d{2})(?::\d{2})?(?!\d)\s*([ap]\.?m\.?)?(?![^\W\d_])",
    _FLAGS,
)
_TIME_BEFORE = re.compile(r"(?<!\d)(\d{1,2}):(\d{2})\s*([ap]\.?m\.?)?\s*[,|]?\s*$", _FLAGS)


def _date(y: int, m: int, d: int) -> str | None:
    try:
        return _dt.date(y, m, d).isoformat()
    except ValueError:
        return None


def _time(h: str, mi: str, ampm: str | None) -> str | None:
    hour, minute = int(h), int(mi)
    if ampm:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if ampm.lower().startswith("p") else 0)
    if hour > 23 or minute > 59:
        return None
    return f"{hour:02d}:{minute:02d}"


def _with_time(text: str, start: int, end: int, date: str) -> str:
    """`date` plus the time written right after (or right before) it, if any."""
    after = _TIME_AFTER.match(text, end)
    if after:
        t = _time(*after.groups())
        if t:
            return f"{date}T{t}"
    before = _TIME_BEFORE.search(text[max(0, start - 16) : start])
    if before:
        t = _time(*before.groups())
        if t:
            return f"{date}T{t}"
    return date


def parse_date(text: str) -> str | None:
    """The first complete date written in `text` as ISO 8601 (`2024-04-03` or
    `2024-04-03T12:06`); None when the text holds no date with day, month and year."""
    found = find_date(text)
    return found[2] if found else None


def find_date(text: str) -> tuple[int, int, str] | None:
    """(start, end, ISO date) of the first complete date in `text` (the span excludes a time)."""
    if not text:
        return None
    text = _URL.sub(lambda m: " " * len(m[0]), text[:2000])  # offsets kept
    found: list[tuple[int, int, str]] = []  # (start, end, iso date)
    for m in _DMY_WORDS.finditer(text):
        d = _date(int(m[3]), _MONTHS[m[2].lower()], int(m[1]))
        if d:
            found.append((m.start(), m.end(), d))
    for m in _MDY_WORDS.finditer(text):
        d = _date(int(m[3]), _MONTHS[m[1].lower()], int(m[2]))
        if d:
            found.append((m.start(), m.end(), d))
    for m in _ISO.finditer(text):
        d = _date(int(m[1]), int(m[2]), int(m[3]))
        if d and m[4]:
            t = _time(m[4], m[5], None)
            found.append((m.start(), m.end(), f"{d}T{t}" if t else d))
        elif d:
            found.append((m.start(), m.end(), d))
    for m in _DMY_DOTS.finditer(text):
        d = _date(int(m[3]), int(m[2]), int(m[1]))
        if d:
            found.append((m.start(), m.end(), d))
    for m in _SLASHES.finditer(text):
        a, b, y = int(m[1]), int(m[2]), int(m[3])
        d = _date(y, b, a) if a > 12 else _date(y, a, b)  # month first unless it cannot be
        if d:
            found.append((m.start(), m.end(), d))
    if not found:
        return None
    start, end, date = min(found)
    return start, end, (date if "T" in date else _with_time(text, start, end, date))
