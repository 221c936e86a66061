"""Function words of English, Ukrainian and Russian.

Running prose is full of them and page furniture ("Share on Facebook", "Most read",
"Політика") has almost none, so their density per line is a language-aware test of
whether a line reads as sentences.
"""

from __future__ import annotations

import re

EN = frozenset(
    """a about above after again against all also am an and any are as at be because been
    before being below between both but by can could did do does doing down during each few
    for from further had has have having he her here hers herself him himself his how i if in
    into is it its itself just me more most my myself no nor not now of off on once only or
    other our ours out over own same she should so some such than that the their theirs them
    themselves then there these they this those through to too under until up very was we were
    what when where which while who whom why will with would you your yours yourself said says
    according its it's he's she's who's there's that's we've we're they're don't didn't""".split()
)

UK = frozenset(
    """і й та а але або що як це в у на з із зі до від для про по за під над при без через між
    не ні так вже ще також тільки лише був була було були бути є буде будуть його її їх їм
    він вона воно вони ми ви я ти нас вас нам вам мені йому який яка яке які якого якої яких
    цей ця ці цього цієї цих того тієї тих той та те ті свій своє свої своїх себе собі де коли
    чи щоб якщо бо тому адже поки після перед біля навіть саме тож може можна треба має мають
    зокрема заявив заявила зазначив зазначила повідомив повідомила сказав сказала раніше також
    понад близько щодо згідно""".split()
)

RU = frozenset(
    """и в во не что он на я с со как а то все она так его но да ты к у же вы за бы по только
    ее её мне было вот от меня еще ещё нет о из ему теперь когда даже ну вдруг ли если уже или
    ни быть был него до вас нибудь опять уж вам ведь там потом себя ничего ей может они тут где
    есть надо ней для мы тебя их чем была сам чтоб без будто чего раз тоже себе под будет ж
    тогда кто этот того потому этого какой совсем ним здесь этом один почти мой тем чтобы нее
    были куда зачем всех никогда можно при наконец два об другой хоть после над больше тот
    через эти нас про всего них какая много разве три эту моя впрочем хорошо свою этой перед
    иногда лучше чуть том нельзя такой им более всегда конечно всю между это также который
    которая которые которого которой заявил заявила отметил отметила сообщил сообщила сказал
    сказала ранее около согласно""".split()
)

BY_LANG: dict[str, frozenset[str]] = {"en": EN, "uk": UK, "ru": RU}

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


def words(text: str) -> list[str]:
    """Lower-cased words (letters only; apostrophes kept inside words)."""
    return [w.replace("’", "'") for w in _WORD.findall(text.lower())]


def best_language(text: str) -> str | None:
    """Which stop-word list fits `text` best (en/uk/ru), or None when none fits."""
    ws = words(text)
    if not ws:
        return None
    hits = {lang: sum(w in sw for w in ws) for lang, sw in BY_LANG.items()}
    lang = max(hits, key=hits.__getitem__)
    return lang if hits[lang] >= max(3, 0.08 * len(ws)) else None


def density(ws: list[str], lang: str | None) -> float | None:
    """Share of `ws` that are stop words of `lang`; None when the language is unknown."""
    if lang is None or not ws:
        return None
    sw = BY_LANG[lang]
    return sum(w in sw for w in ws) / len(ws)
