"""Photo captions and their credits: `Blinken in Kyiv (photo: Getty Images)`, `… Photograph: Jane Doe`."""

from __future__ import annotations

import re

from reader.model import Caption

_MARK = r"(?:photo(?:graph)?s?|image|picture|pic|credit|фото|світлина|ілюстрація|иллюстрация)"
# An explicit credit marker: "(photo: X)", "Photo: X", "Photograph by X", "Фото: X", "Image credit: X".
_EXPLICIT = re.compile(
    rf"""(?:\(\s*{_MARK}(?:\s+credit)?\s*(?::|by|—|-|–)\s*(?P<p>[^()]{{1,80}})\)
        |(?:^|(?<=[\s.,;]))(?:main\s+)?{_MARK}(?:\s+credit)?\s*(?::|by)\s*(?P<t>[^.!?]{{1,80}}?)\.?)\s*$""",
    re.IGNORECASE | re.VERBOSE,
)
# A bare trailing parenthetical, "(President's Office)": a credit only where captions sit.
_TRAILING = re.compile(r"\(\s*(?P<c>[^()]{2,60}?)\s*\)\s*$")
_AGENCY = re.compile(r"\b(?:getty|reuters|afp|ap\s+photo|epa|shutterstock|unian|укрінформ|ria|тасс|depositphotos)\b", re.I)


def explicit_credit(line: str) -> Caption | None:
    """A caption when the line carries an explicit credit marker (photo:, Фото:, Photograph: …)."""
    m = _EXPLICIT.search(line)
    if not m:
        return None
    credit = (m["p"] or m["t"] or "").strip(" .")
    text = line[: m.start()].strip()
    if not credit or len(credit.split()) > 8:
        return None
    return Caption(text=text, credit=credit)


def caption_with_credit(line: str) -> Caption | None:
    """A caption for a line that sits where captions sit: an explicit credit, or a trailing
    short parenthetical naming a source (`… on Sept. 6. (President's Office)`)."""
    cap = explicit_credit(line)
    if cap:
        return cap
    m = _TRAILING.search(line)
    if not m or len(m["c"].split()) > 6:
        return None
    c = m["c"]
    # A credit names someone: capitalised words or an agency, not a number or a sentence.
    if not (_AGENCY.search(c) or c[:1].isupper()) or c.endswith((".", "!", "?")):
        return None
    return Caption(text=line[: m.start()].strip(), credit=c.strip())


def strip_title(line: str, title: str) -> str:
    """The line without a copy of the title glued to its start (captions often carry one)."""
    if title and line.startswith(title) and len(line) > len(title) + 1:
        return line[len(title) :].lstrip(" -–—:|")
    return line
