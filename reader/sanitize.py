"""Article text is data: strip what a terminal would interpret.

Removes C0/C1 control characters (ESC starts ANSI and OSC sequences), the remains of
escape sequences, and Unicode bidi controls that can reorder what a reader sees.
Newlines and tabs stay. Rich/Textual markup is escaped where text is rendered, not here.
"""

from __future__ import annotations

import re

# Whole ANSI CSI / OSC sequences first, so their parameters do not survive as text.
_ESCAPES = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[@-_]|\x9b[0-?]*[ -/]*[@-~]|\x9d[^\x07\x9c]*[\x07\x9c]?")
_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\u061c]")


def strip_controls(text: str) -> str:
    """`text` without terminal control sequences or bidi controls; \\n and \\t kept, \\r → \\n."""
    text = _ESCAPES.sub("", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROLS.sub("", text)
