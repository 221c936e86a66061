"""Page furniture: lines that belong to the site, not to the article.

Phrase lists (English, Ukrainian, Russian) are only a help: the cleaner decides mostly
from structure. These tests answer "does this short line look like a prompt, a menu
item, a counter or another item's timestamp?".
"""

from __future__ import annotations

import re

from reader.ingest.dates import MONTH
from reader.model import normalise_lang

# Prompts and labels that sites put around articles. Matched anywhere in a short line.
_PROMPTS = re.compile(
    r"""\b(?:
      share(?:\s+(?:on|via|this))?|tweet|subscribe|subscription|unsubscribe|sign[\s-]?(?:up|in)|log[\s-]?in|
      newsletters?|e-?mail\s+address|enter\s+your\s+email|indicates\s+required|successfully\s+subscribed|
      successfuly\s+subscribed|thank\s+you\s+for\s+(?:signing|subscribing)|cookies?|privacy\s+(?:policy|notice)|
      terms\s+(?:of\s+(?:use|service)|and\s+conditions|&\s+conditions)|all\s+rights\s+reserved|copyright|
      advertisement|advertise|sponsored|skip\s+to|jump\s+to|back\s+to\s+top|read\s+more|more\s+news|news\s+feed|
      most\s+(?:read|popular|viewed)|editors?['’]?\s+picks|related(?:\s+(?:articles?|stories|news|posts?))?|
      recommended|trending|follow\s+us|leave\s+a\s+(?:comment|reply)|become\s+a\s+member|
      membership|paywalls?|donate|help\s+us|will\s+you\s+help|independent\s+journalism|
      your\s+(?:support|donation|contribution)|support\s+(?:us|our|independent)|contribute|
      click\s+here|download\s+(?:the|our)\s+app|audio\s+is\s+created|listen\s+to\s+(?:this|the)\s+article|
      min(?:ute)?s?\s+read|continue\s+reading|(?:story|article)\s+continues|edit\s+post|print|permalink|tags?:|topics?:|see\s+also|view\s+(?:photos|gallery|graphic)
    )\b
    |©
    |\b(?:
      поділитися|поширити|підпис(?:атися|уйтеся|ка)|розсилк\w*|читайте\s+також|читати\s+також|дивіться\s+також|
      стрічка\s+новин|більше\s+новин|усі\s+новини|всі\s+новини|реклама|всі\s+права\s+захищені|коментар\w*|
      увійти|вхід|реєстрація|пошук|популярне|найпопулярніше|головне\s+за\s+день|підтримайте|донат\w*|
      хв\.?\s+читання|читати\s+далі|читайте\s+далі|
      поделиться|подпис(?:аться|ывайтесь|ка)|рассылк\w*|читайте\s+также|смотрите\s+также|лента\s+новостей|
      больше\s+новостей|все\s+новости|все\s+права\s+защищены|комментари\w*|войти|регистрация|поиск|
      популярное|самое\s+читаемое|главное\s+за\s+день|поддержите|мин\.?\s+чтения|читать\s+далее|читайте\s+далее
    )(?![^\W\d_])""",
    re.IGNORECASE | re.VERBOSE,
)

# "5:42 PM", "18 NOV 2019", "Published: 3 Jan 2019", "2 hours ago", "вчора, 12:06", "1 of 24".
_MONTHISH = MONTH
# "1 of 24", "Image 2 of 5", "Фото 3 з 10": where a gallery is in its slides.
_SLIDE_WORD = r"(?:(?:image|photo|picture|slide|фото|світлина|слайд)\s+)?"
_OF = r"\s*(?:/|of|з|из)\s*"
_SLIDE = rf"{_SLIDE_WORD}\d+{_OF}\d+"
_STAMP = re.compile(
    rf"""^(?:(?:published|updated|posted|last\s+modified|опубліковано|оновлено|обновлено|опубликовано)\s*(?:on|:)?\s*)?
    (?:
      (?:[^\W\d_]{{2,9}},?\s+)?(?:\d{{1,2}}\s+{_MONTHISH}|{_MONTHISH}\s+\d{{1,2}})(?:,?\s+\d{{4}})?(?:,?\s*(?:(?:at|о|об|в|во)\s+)?\d{{1,2}}[:.]\d\d\s*(?:[ap]\.?m\.?)?)?(?:\s+[A-Z]{{2,4}})?
      |\d{{1,2}}[./-]\d{{1,2}}[./-]\d{{2,4}}(?:,?\s+\d{{1,2}}:\d\d)?
      |\d{{4}}-\d\d-\d\d(?:[T\s]\d\d:\d\d(?::\d\d)?)?
      |(?:(?:сьогодні|вчора|сегодня|вчера|today|yesterday),?\s*)?\d{{1,2}}:\d\d\s*(?:[ap]\.?m\.?)?(?:,?\s+\d{{1,2}}[./]\d{{1,2}}(?:[./]\d{{2,4}})?)?
      |\d+\s+(?:seconds?|minutes?|mins?|hours?|days?|weeks?|хвилин\w*|годин\w*|днів|дні|минут\w*|час\w*|дней|дня)\s+(?:ago|тому|назад)
      |{_SLIDE}
    )$""",
    re.IGNORECASE | re.VERBOSE,
)

_LANG_TOKENS: dict[str, str] = {
    "ua": "uk", "uk": "uk", "ukr": "uk", "укр": "uk", "ua.": "uk", "українська": "uk", "українською": "uk",
    "en": "en", "eng": "en", "english": "en", "англ": "en",
    "ru": "ru", "rus": "ru", "рус": "ru", "рос": "ru", "русский": "ru", "російська": "ru", "русская": "ru",
    "de": "de", "deutsch": "de", "fr": "fr", "français": "fr", "pl": "pl", "polski": "pl", "es": "es",
    "español": "es", "it": "it", "be": "be", "ka": "ka", "kz": "kk", "tr": "tr",
}


def site_languages(line: str) -> list[str] | None:
    """The languages a language toggle line offers (`ua en ru` → ['uk', 'en', 'ru']), else None."""
    if len(line) > 80:
        return None
    toks = [t for t in re.split(r"[\s|/·•,]+", line.strip().lower()) if t]
    if not 2 <= len(toks) <= 8 or any(t not in _LANG_TOKENS for t in toks):
        return None
    langs = list(dict.fromkeys(normalise_lang(_LANG_TOKENS[t]) for t in toks))
    return langs if len(langs) >= 2 else None


def is_prompt(line: str) -> bool:
    """Whether a line holds one of the usual prompts or labels (share, subscribe, ©, …)."""
    return _PROMPTS.search(line) is not None


_COUNTER = re.compile(rf"^{_SLIDE}$", re.IGNORECASE)
_SLIDE_HEAD = re.compile(rf"^{_SLIDE_WORD}(\d{{1,3}}){_OF}(\d{{1,3}})(?:\s|$)", re.IGNORECASE)


def slide_number(line: str) -> tuple[int, int] | None:
    """(k, n) when a line opens slide k of a gallery of n (`1/50 Headline`, `Photo 3 of 10`)."""
    m = _SLIDE_HEAD.match(line)
    if not m:
        return None
    k, n = int(m.group(1)), int(m.group(2))
    return (k, n) if 1 <= k <= n else None


# Who wrote a comment ("jdoe says:") and where comments start ("34 Comments", "Leave a Reply").
# ("said:" only after a time, `jdoe on May 2, 2018 at 4:47 pm said:`: articles introduce
# quotes with "Obama also said:")
_COMMENTER = re.compile(
    r"^\S.{0,60}\s(?:says|wrote|пише|написав|написала|пишет|написал|написала):$|^\S.{0,60}\d:\d\d.{0,12}\ssaid:$",
    re.IGNORECASE,
)
_COMMENTS = re.compile(
    r"^(?:\d+\s+(?:comments?|responses?|replies|коментар\w*|комментари\w*|відгук\w*|отзыв\w*)\b"
    r"|(?:comments|коментарі|комментарии)\s*(?:\(\d+\))?$"
    r"|(?:comments?|responses?|replies)\s+to\b|leave\s+a\s+(?:reply|comment)|add\s+(?:a\s+)?comment|"
    r"(?:sign|log)\s+in\s+to\s+(?:post\s+a\s+)?comment|"
    r"додати\s+коментар|добавить\s+комментарий|написати\s+коментар|написать\s+комментарий)",
    re.IGNORECASE,
)


# Labels over a list of other items: the article has ended where one stands.
_LIST_LABEL = re.compile(
    r"""^(?:
      related(?:\s+(?:articles?|stories|news|posts?|content|coverage))?|more\s+(?:stories|news|articles|from\s+.{1,40}|on\s+this\s+(?:topic|story))|
      (?:most\s+(?:read|popular|viewed|shared))|recommended(?:\s+for\s+you)?|you\s+(?:may|might)\s+also\s+like|
      (?:also|further)\s+read(?:ing)?|editors?['’]?\s+picks|trending(?:\s+now)?|top\s+stories|latest\s+news|
      читайте\s+також|більше\s+новин|популярне|найпопулярніше|новини\s+(?:за|по)\s+темі|останні\s+новини|
      читайте\s+также|больше\s+новостей|популярное|самое\s+читаемое|новости\s+по\s+теме|последние\s+новости
    )\s*(?::|\.\.\.|…)?$""",
    re.IGNORECASE | re.VERBOSE,
)


def is_list_label(line: str) -> bool:
    """Whether a line labels a list of other items ("Related", "Most read", "Читайте також")."""
    return len(line) <= 60 and _LIST_LABEL.match(line.strip()) is not None


def is_commenter(line: str) -> bool:
    """Whether a line names who wrote a reader's comment (`jdoe says:`)."""
    return len(line) <= 80 and _COMMENTER.match(line) is not None


def starts_comments(line: str) -> bool:
    """Whether a line opens the readers' comments."""
    return len(line) <= 120 and _COMMENTS.match(line) is not None


def is_counter(line: str) -> bool:
    """Whether a line is a gallery counter such as `1 of 24`."""
    return _COUNTER.match(line.strip()) is not None


# "14:44 Talks resume in Geneva": another item's time before its headline, as news feeds
# and live blogs list them.
_TIMED_HEADLINE = re.compile(r"^\d{1,2}:\d\d(?:\s*[ap]\.?m\.?)?\s+(?![ap]\.?m\.?(?:\s|$))[\"«“‘']?[^\W\d_]\S*(?:\s+\S+){2}", re.IGNORECASE)


_TIMED_WORDS = 25  # a headline is shorter


def is_timed_headline(line: str) -> bool:
    """Whether a line is a feed item: a time, then a headline (`14:44 Talks resume in Geneva`)."""
    return len(line.split()) <= _TIMED_WORDS and _TIMED_HEADLINE.match(line) is not None



def is_stamp(line: str) -> bool:
    """Whether a line is only a time, a date, a relative age or a counter (`1 of 24`)."""
    return len(line) <= 60 and _STAMP.match(line.strip()) is not None


def norm(line: str) -> str:
    """A line folded for comparing repeats: lower case, letters and digits only."""
    return " ".join(re.findall(r"\w+", line.lower()))
