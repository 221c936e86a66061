"""One entity, one key: the store's side of `reader.entities.merge`.

`entity_key` is what every stored mention is indexed under; `keys_for_name` turns what a
user types into `--entity` (any spelling, script or inflected form) into the stored keys
it means; `rekey` brings an older store's keys up to today's `entity_key` (migration 4).
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable

from reader.entities.merge import is_cyrillic, merge_key
from reader.model import ENTITY_LABELS

_NAME_LABELS = ("PER", "ORG", "LOC")


def entity_key(norm: str, label: str) -> str:
    return merge_key(norm, label)


def name_forms(name: str) -> set[str]:
    """The nominatives a typed name may stand for: as typed, and as Ukrainian and Russian
    (Cyrillic) or English (Latin) normalisation reads it for each type of name."""
    from reader.entities.nominative import normalise

    name = " ".join(name.split())
    forms = {name}
    langs = ("uk", "ru") if is_cyrillic(name) else ("en",)
    for lang in langs:
        for label in _NAME_LABELS:
            forms.add(normalise(name, lang, label))
    return forms


def keys_for_name(name: str, conn: sqlite3.Connection | None = None) -> list[str]:
    """Every key a name typed by a user may be stored under (its label unknown).

    With the store's connection, a lone surname also means the one full name the store
    knows ending in it (`Blinken` → `Antony Blinken`), and a full name also means its lone
    surname when no other full name in the store ends in it; with two Blinkens known, a
    lone `Blinken` stays apart from both.
    """
    keys = {merge_key(form, label) for form in name_forms(name) for label in ENTITY_LABELS}
    keys.discard("")
    if conn is not None:
        for key in list(keys):
            last = key.rsplit(" ", 1)[-1]
            people = one_person(people_ending_in(conn, last))
            if people and (key == last or key in people):
                keys |= people | {last}
        keys |= across_scripts(conn, keys, is_cyrillic(name))
    return sorted(keys)


#: Each word of a name compared across scripts with its vowels folded has at least this
#: many letters and three consonants: `trump` and `tramp` meet, `pall` and `pel` do not.
CROSS_SCRIPT_LETTERS = 5
_VOWEL_RUN = re.compile(r"[aeiou]+")


def cross_script_key(key: str) -> str | None:
    """A key with each run of vowels folded to one (`tramp`, `trump` → `tramp`; `baiden`,
    `biden` → `badan`), for comparing a name written in Latin with one transliterated
    from Cyrillic, where English spelling writes the vowels its own way while the
    consonants agree. None when a word is too short for that to be safe."""
    out = []
    for word in key.split():
        if len(word) < CROSS_SCRIPT_LETTERS or len(_VOWEL_RUN.sub("", word)) < 3:
            return None
        out.append(_VOWEL_RUN.sub("a", word))
    return " ".join(out) or None


def across_scripts(conn: sqlite3.Connection, keys: set[str], cyrillic: bool) -> set[str]:
    """Stored keys of names written in the other script than the typed name whose
    cross-script key is one of `keys`' (`Trump` finds what was indexed from `Трамп`)."""
    out: set[str] = set()
    for key in keys:
        loose = cross_script_key(key)
        if loose is None:
            continue
        head = key[0] if key[0] not in "aeiou" else ""
        rows = conn.execute("SELECT DISTINCT key, norm FROM entities WHERE key LIKE ? ESCAPE '\\' AND label IN ('PER', 'ORG', 'LOC')",
                            (head.replace("_", "\\_").replace("%", "\\%") + "%",))
        out |= {k for k, norm in rows if k not in keys and is_cyrillic(norm) != cyrillic and cross_script_key(k) == loose}
    return out


def skeleton(word_key: str) -> str:
    """A word key's consonants: where English spelling and Cyrillic disagree on a vowel
    (Antony, Ентоні), the consonants still agree."""
    return "".join(ch for ch in word_key if ch not in "aeiouj")


def one_person(full: set[str]) -> set[str]:
    """`full` (keys sharing a surname) if they all name one person, else empty: their given
    names must have one consonant skeleton and a key that differs in at most one letter
    (`antoni blinken`, `entoni blinken`), so Hunter and Joe Biden stay two people."""
    if not full:
        return set()
    heads = {k.rsplit(" ", 1)[0] for k in full}
    first = next(iter(heads))
    if all(len(h.split()) == len(first.split()) and all(skeleton(a) == skeleton(b) and _close(a, b) for a, b in zip(h.split(), first.split())) for h in heads):
        return full
    return set()


#: Given names of at least this many letters may differ in two (Vladimir, Volodymyr):
#: with their consonants the same, a long name two vowels apart is one name transliterated.
LONG_GIVEN_NAME = 6


def _close(a: str, b: str) -> bool:
    """Levenshtein distance at most 1, or 2 for long names (a similarity threshold on
    given names whose consonant skeletons already agree)."""
    return _distance(a, b, 2 if min(len(a), len(b)) >= LONG_GIVEN_NAME else 1) is not None


def _distance(a: str, b: str, most: int) -> int | None:
    """Levenshtein distance between `a` and `b` if it is at most `most`, else None."""
    if abs(len(a) - len(b)) > most:
        return None
    row = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        prev, row[0] = row[0], i
        for j, y in enumerate(b, 1):
            prev, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, prev + (x != y))
    return row[-1] if row[-1] <= most else None


def people_ending_in(conn: sqlite3.Connection, word: str) -> set[str]:
    """Keys of the people of more than one word the store knows whose key ends in `word`."""
    rows = conn.execute("SELECT DISTINCT key FROM entities WHERE label = 'PER' AND key LIKE ? ESCAPE '\\'",
                        ("% " + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_"),))
    return {r[0] for r in rows}


def rekey(conn: sqlite3.Connection, progress: Callable[[int, int], None] | None = None, batch: int = 5000) -> None:
    """Recompute `entities.key` for every row with today's `entity_key`, in batches of
    distinct (norm, label), inside the caller's transaction (nothing is committed).
    `progress(done, total)` is called after each batch, counted in rows."""
    total = conn.execute("SELECT count(*) FROM entities").fetchone()[0]
    pairs = conn.execute("SELECT norm, label, key, count(*) FROM entities GROUP BY norm, label, key").fetchall()
    done = 0
    if progress:
        progress(0, total)
    for i in range(0, len(pairs), batch):
        changes = []
        for norm, label, old, n in pairs[i : i + batch]:
            new = entity_key(norm, label)
            if new != old:
                changes.append((new, norm, label, old))
            done += n
        conn.executemany("UPDATE entities SET key = ? WHERE norm = ? AND label = ? AND key = ?", changes)
        if progress:
            progress(done, total)


def canonical_keys(conn: sqlite3.Connection) -> dict[str, str]:
    """Stored PER key → the key of the one person it names, where that differs: a lone
    surname (`putin`) and spellings of one full name (`antoni blinken`, `entoni blinken`)
    go to one key of that person, by the same rule as `keys_for_name`. For listings
    (`entities --top`) that should count one person once."""
    by_surname: dict[str, set[str]] = {}
    scripts: dict[str, set[bool]] = {}
    for key, norm in conn.execute("SELECT DISTINCT key, norm FROM entities WHERE label = 'PER'"):
        by_surname.setdefault(key.rsplit(" ", 1)[-1], set()).add(key)
        scripts.setdefault(key, set()).add(is_cyrillic(norm))
    parent: dict[str, str] = {}

    def find(k: str) -> str:
        while parent.setdefault(k, k) != k:
            k = parent[k]
        return k

    def join(a: str, b: str) -> None:
        a, b = find(a), find(b)
        if a != b:  # the root is a full name where there is one, then the first in order
            parent[max(a, b, key=_root_order)] = min(a, b, key=_root_order)

    for last, keys in by_surname.items():
        people = one_person({k for k in keys if " " in k})
        for k in keys if people else ():
            join(k, min(people))
    # one person written in Latin and in Cyrillic (`donald trump`, `donald tramp`)
    loose: dict[str, set[str]] = {}
    for key in scripts:
        if (c := cross_script_key(key)) is not None:
            loose.setdefault(c, set()).add(key)
    for group in loose.values():
        if len(set().union(*(scripts[k] for k in group))) == 2:
            first = min(group, key=_root_order)
            for k in group:
                join(k, first)
    return {k: find(k) for k in list(parent) if find(k) != k}


def _root_order(key: str) -> tuple[bool, str]:
    return (" " not in key, key)
