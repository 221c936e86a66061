"""Language identification: en / uk / ru, or "other", with a confidence."""

from __future__ import annotations

from langdetect import DetectorFactory, detect_langs
from langdetect.lang_detect_exception import LangDetectException

from reader.model import LANGUAGES

DetectorFactory.seed = 0


def detect(text: str) -> tuple[str, float]:
    """The language of `text` and a confidence in [0, 1]; ("other", 0.0) when unknown."""
    try:
        best = detect_langs(text)[0]
    except LangDetectException:
        return "other", 0.0
    return (best.lang if best.lang in LANGUAGES else "other"), float(best.prob)
