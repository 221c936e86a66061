"""One entity, one key: the store's side of `reader.entities.merge`.

`entity_key` is what every stored mention is indexed under; `keys_for_name` turns what a
user types into `--entity` (any spelling, script or inflected form) into the stored keys
it means, reading the names stored in `entity_names` (`remember_names` writes them with
the mentions); `rekey` brings an older store's keys and names up to today's code.
"""

from __future__ import annotations

import functools
import itertools
import re
import sqlite3
from collections.abc import Callable, Iterable, Mapping

from reader.entities.merge import _DOUBLES, NAME_GLUE, arabic_article, is_cyrillic, latin_readings, merge_key, name_core, plain_key, plain_ordinals, unaccented, word_key, words
from reader.model import ENTITY_LABELS

_NAME_LABELS = ("PER", "ORG", "LOC")


def entity_key(norm: str, label: str) -> str:
    return merge_key(norm, label)


#: Marks a Latin name's key without its accents in `entity_names.fold` (`unaccented_key`).
_PLAIN = "!"


def _surnames(key: str, norm: str) -> set[str]:
    """The surnames a full name is found by: its key's last word, and that word without
    its accents (`Andrej Babiš`: babish, babis)."""
    return {k.rsplit(" ", 1)[-1] for k in (key, unaccented_key(key, norm, "PER")) if k}


def unaccented_key(key: str, norm: str, label: str) -> str:
    """A Latin name's key as written without its accents (`Babiš` as `Babis`: babis) where
    that is not its key, else '': English news drops the accents of Czech, Polish and
    Baltic names, and the two spellings are one name."""
    if norm.isascii() or is_cyrillic(norm):
        return ""
    plain = merge_key(unaccented(norm), label)
    return plain if plain != key else ""


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
    lone `Blinken` stays apart from both. The store is read through `entity_names`, a few
    index probes whatever its size (the TUI resolves a name as it is typed).
    """
    forms = name_forms(name)
    keys = {merge_key(form, label) for form in forms for label in ENTITY_LABELS}
    keys |= {merge_key(unaccented(form), label) for form in forms if not form.isascii() and not is_cyrillic(form) for label in ENTITY_LABELS}
    keys.discard("")
    if conn is not None:
        keys |= {k for _, k, _ in stored_names(conn, "fold", {_PLAIN + k for k in keys})}  # stored with accents
        full, norms, lone = people_ending_in(conn, {key.rsplit(" ", 1)[-1] for key in keys})

        def linked(apart: set[str]) -> Mapping[str, set[str]]:
            # only names written in both scripts may be linked: read the store only then
            scripts = {k: {is_cyrillic(n) for n in norms[k]} for k in apart}
            two = all(len(s) == 1 for s in scripts.values()) and len(set().union(*scripts.values())) == 2
            return cross_links(conn, apart) if two else {}

        for key in list(keys):
            last = key.rsplit(" ", 1)[-1]
            known = full.get(last, set())
            tails = surname_tails(known | {key})
            if key in tails:  # a surname of several words: the one person of the longer names it ends
                keys |= one_person(_ending_in(key, known), linked)
            keys |= {t for t in tails & known if key.endswith(" " + t) and one_person(_ending_in(t, known), linked)}
            people = one_person(known - tails, linked)
            if people and (key == last or key in people):
                keys |= people | {last} | lone.get(last, set())
        keys |= across_scripts(conn, keys, forms)
        keys |= short_and_long(conn, " ".join(name.split()), forms)
        keys |= kin_keys(conn, forms) | stump_keys(conn, forms)
    return sorted(keys)


#: A name compared across scripts with its vowels folded is long enough when it is one
#: word of at least this many letters and three consonants, or several words of two letters
#: or more with four consonants among them: `trump` and `tramp` meet, `pall` and `pel` do
#: not; `jeff knott` read `dzhef not` meets `джефф нотт`. On the dev corpus's 1,451 en/ru/uk
#: articles, one word read as other languages spell it or of four letters linked 14 pairs
#: of names falsely (Grant, Грин; Senate, Зенит) for 5 right ones (Wilson, Уилсон): one word
#: is folded by its own key alone, and its readings compared as read (`_one_word_keys`).
CROSS_SCRIPT_LETTERS = 5
#: A run of vowels, with the glide between two of them that one spelling writes and another
#: leaves out (Steinmeier, Штайнмайер; Mayer, Маєр); not in a word's last vowels, where it is
#: a case's ending (`Джорджею` is not `Джорджи`).
_VOWEL_RUN = re.compile(r"[aeiou]+(?:j[aeiou]+(?!$))*")
#: Words a transliteration often leaves out: initials (`Adnan Z. Amin`, `Аднан Амин`) and
#: a son's or father's mark. Where that leaves two names one, neither links (see below).
_SUFFIXES = frozenset({"jr", "sr", "мл", "ст"})
#: A lone word's reading of at least this many letters is compared with its vowels as read
#: (`Newton` read `niuton`, `Ньютон`; `Weiss` `vais`, `Вайс`), marked by `_AS_READ` so
#: that it never meets a key with its vowels folded.
AS_READ_LETTERS = 4
_AS_READ = "="
#: A name's readings are combined word by word; past this many combinations, no more.
_MOST_READINGS = 64


def _folded(word_key: str) -> str:
    return _VOWEL_RUN.sub("a", word_key)


def _long_enough(folded: tuple[str, ...]) -> bool:
    consonants = [len(w.replace("a", "")) for w in folded]
    if len(folded) == 1:
        return len(folded[0]) >= CROSS_SCRIPT_LETTERS and consonants[0] >= 3
    return all(len(w) >= 2 and c >= 1 for w, c in zip(folded, consonants)) and sum(consonants) >= 4


@functools.lru_cache(maxsize=100_000)
def cross_script_keys(norm: str) -> frozenset[str]:
    """Keys for comparing a name written in Latin with one transliterated from Cyrillic,
    where English spelling writes the vowels its own way while the consonants agree: each
    run of vowels folded to one (`Trump`, `Трамп` → `tramp`; `Biden`, `Байден` → `badan`).
    A Cyrillic name has one; a Latin name of several words one per way of reading them
    (`merge.latin_readings`: `Jeff Knott` is read `dzhef not`, as `Джефф Нотт`); one word
    has its own key folded and its readings as read (`_one_word_keys`); initials and Jr.
    left out, as are the words that only say what kind of thing it is (`телескоп «Евклид»`:
    Евклид; `merge.name_core`). Empty when the name is too short for that to be safe."""
    kept = [w for w in words(arabic_article(name_core(norm, "EVT"))) if len(w) > 1 and w.lower() not in _SUFFIXES]
    if len(kept) == 1:
        return _one_word_keys(kept[0])
    parts = [({word_key(w)} if is_cyrillic(w) else set(latin_readings(w))) - {""} for w in kept]
    if not parts or not all(parts):
        return frozenset()
    out = set()
    for combo in itertools.islice(itertools.product(*[sorted({_folded(k) for k in p}) for p in parts]), _MOST_READINGS):
        if _long_enough(combo):
            out.add(" ".join(combo))
    return frozenset(out)


def _one_word_keys(word: str) -> frozenset[str]:
    """A lone word's cross-script keys: its key with vowels folded when long enough, and
    its readings with their vowels as read, marked `_AS_READ` (one word read several ways
    with its vowels folded meets too many: Grant read French is Грин)."""
    key = word_key(word)
    read = {key} if is_cyrillic(word) else latin_readings(word, lone=True)
    out = {r + _AS_READ for r in read if len(r) >= AS_READ_LETTERS}
    if key and _long_enough((_folded(key),)):
        out.add(_folded(key))
    return frozenset(out)


def cross_script_links(rows: Iterable[tuple[str, str]], folds: Mapping[str, Iterable[str]] | None = None) -> dict[str, set[str]]:
    """For (key, norm) rows of one type, each key → the keys in the other script it is one
    name with: they share a `cross_script_keys` key, and neither side has another partner
    that is not a spelling of the same name (each word's consonants the same and its letters
    one or two apart, as `one_person` compares given names): where `Patton` and `Putin`
    both read as `Путин`, or `Путин` and `Патон` as `Patton`, nothing is linked. A lone
    Cyrillic given name (`Марина`, not `Murano`) and the names the alias data knows
    (`Бразилия`, not `Brussels`) are not compared. `folds`: each norm's cross-script keys
    where they are known already (`entity_names` holds them), instead of working them out."""
    from reader.entities.aliases import known_keys

    known = known_keys()  # the alias data's names meet by the data, never by a reading
    by: dict[str, tuple[set[str], set[str]]] = {}
    for key, norm in rows:
        found = cross_script_keys(norm) if folds is None else folds.get(norm, ())
        if not found or key in known:
            continue
        cyrillic = is_cyrillic(norm)
        lone = " " not in next(iter(found))  # one word's keys have no space, several words' all have
        if not (cyrillic and lone and _given_name(norm)):
            for c in found:
                by.setdefault(c, (set(), set()))[cyrillic].add(key)
    partners: dict[str, set[str]] = {}
    for latin, cyrillic in by.values():
        for a, b in ((latin, cyrillic), (cyrillic, latin)):
            for k in a:
                partners.setdefault(k, set()).update(b)

    return {k: set(p) for k, p in partners.items() if p and _one_name(p) and all(_one_name(partners[q]) for q in p)}


#: The first letter of a stored key whose cross-script key begins with the letter given:
#: itself, and what a reading turns into it (`knott`: `n`; `wright`: `r`; `jeff`: `dzh`,
#: its key `ef`; `hortefeux`: a vowel; read as Greek, `christopher`: `c`; read as pinyin,
#: `xi`: `k`, `jinping` (its key `inpinh`), `qiang`, `zedong`: `i`, `k`, `s`, `zhu`: `z`,
#: `rong`: `r`). A key as read is looked up as its first letter's vowel run folded says
#: (`ulrih`: a vowel). Only these rows are read when a name is looked up.
_VOWEL_HEADS = "aeiouhvj"
_KEY_HEADS = {"a": _VOWEL_HEADS, "n": "nk", "r": "rv", "j": "jh" + "aeiou", "z": "zjr", "h": "hjgc", "s": "sk", "f": "fv",
              "k": "kc", "t": "tjksi", "c": "cz"}


@functools.lru_cache(maxsize=50_000)
def _given_name(norm: str) -> bool:
    """A lone Cyrillic word the Russian or Ukrainian dictionary knows as a given name and
    not as a surname: its vowels folded, it meets any number of Latin surnames."""
    kept = [w for w in words(norm) if len(w) > 1 and w.lower() not in _SUFFIXES]
    if len(kept) != 1 or not is_cyrillic(kept[0]):
        return False
    from reader.entities.nominative import nominative_for

    tags = [p.tag for lang in ("ru", "uk") for p in nominative_for(lang).parse(kept[0]) if p.is_known]
    return any("Name" in t for t in tags) and not any("Surn" in t for t in tags)


def across_scripts(conn: sqlite3.Connection, keys: set[str], forms: set[str] = frozenset()) -> set[str]:
    """Stored keys of names in the other script that `cross_script_links` makes one name
    with one of `keys`, or with one of the typed `forms` as if stored (`Trump` finds what
    was indexed from `Trump`'s Cyrillic spelling `Трамп`)."""
    links = cross_links(conn, keys, forms)
    return {q for k in keys for q in links.get(k, ())} - keys


def cross_links(conn: sqlite3.Connection, keys: set[str], forms: set[str] = frozenset()) -> dict[str, set[str]]:
    """Each of `keys` → the stored keys of names in the other script that `cross_script_links`
    makes one name with it, as it would decide over the whole store (or with one of the
    typed `forms`, as if stored).

    Only the names that decide it are read: those of `keys`, those sharing a cross-script
    key with them (their partners), and those sharing one with a partner (which say
    whether the partner is one name with it alone), each among the stored keys beginning
    with a letter of `_KEY_HEADS` for the forms' cross-script keys or of `keys`."""
    loose = set().union(*(cross_script_keys(f) for f in forms)) if forms else set()
    # a stored key begins as its name's first word, or a Chinese name's second (`family_first`)
    heads = {h for c in loose for w in c.split()[:2] for h in _KEY_HEADS.get(_folded(w[0]), w[0])} | {k[0] for k in keys if k}
    rows = {(lab, entity_key(f, lab), f) for lab in _NAME_LABELS for f in forms} | stored_names(conn, "key", keys)
    for _ in range(2):  # the partners of `keys`, then the partners' partners
        folds = {c for _, _, norm in rows for c in cross_script_keys(norm)}
        found = {r for r in stored_names(conn, "fold", folds) if r[1][:1] in heads}
        rows |= found | stored_names(conn, "key", {r[1] for r in found})
    out: dict[str, set[str]] = {}
    for lab in _NAME_LABELS:
        links = cross_script_links([(k, norm) for label, k, norm in rows if label == lab])
        for k in keys & links.keys():
            out.setdefault(k, set()).update(links[k])
    return out


#: A row of `entity_names` (as n) that a stored mention still has: one probe of `entities_key`.
_MENTIONED = "EXISTS (SELECT 1 FROM entities e WHERE e.key = n.key AND e.label = n.label AND e.norm = n.norm)"


def stored_names(conn: sqlite3.Connection, column: str, values: set[str]) -> set[tuple[str, str, str]]:
    """(label, key, norm) of the stored people, organisations and places (all `entity_names`
    holds) whose `column` ('key', 'fold' or 'surname') is one of `values`, and that a stored
    mention still has (the table keeps the names of mentions since removed)."""
    values = sorted(values)
    out: set[tuple[str, str, str]] = set()
    for i in range(0, len(values), 500):
        chunk = values[i : i + 500]
        out |= {tuple(r) for r in conn.execute(
            "SELECT DISTINCT label, key, norm FROM entity_names n"
            f" WHERE {column} IN ({', '.join('?' * len(chunk))}) AND {_MENTIONED}",
            chunk)}
    return out


def remember_names(conn: sqlite3.Connection, names: Iterable[tuple[str, str, str]]) -> None:
    """Put stored (label, key, norm) names into `entity_names`, which `keys_for_name` reads:
    each person's surname when the key has several words (a lone surname kept as written:
    the surnames another case reads it as, `lone_readings`), an organisation's or a place's
    acronym (its own, or the one its words' initials make: `short_form`) and the forms its
    spellings in other languages share (`kin_form`, `gloss_form`), and one row per cross-script
    key (none: ''). In a fixed order, so that writers on PostgreSQL take its rows' locks in one order."""
    rows = set()
    for label, key, norm in names:
        if label in _NAME_LABELS:
            if label == "PER":
                surnames = _surnames(key, norm) if " " in key else lone_readings(norm) or {""}
            else:  # an acronym, and the forms its spellings in other languages share
                surnames = {short_form(norm, label), kin_form(key, norm), gloss_form(key, norm)} - {""} or {""}
            folds = set(cross_script_keys(norm)) | ({_PLAIN + plain} if (plain := unaccented_key(key, norm, label)) else set())
            rows |= {(label, key, norm, surname, fold) for surname in surnames for fold in folds or ("",)}
    conn.executemany("INSERT OR IGNORE INTO entity_names (label, key, norm, surname, fold) VALUES (?, ?, ?, ?, ?)", sorted(rows))


def skeleton(word_key: str) -> str:
    """A word key's consonants: where English spelling and Cyrillic disagree on a vowel
    (Antony, Ентоні), the consonants still agree."""
    return "".join(ch for ch in word_key if ch not in "aeiouj")


def one_person(full: set[str], links: Callable[[set[str]], Mapping[str, set[str]]] | None = None) -> set[str]:
    """`full` (keys sharing a surname) if they all name one person, else empty. Every two
    must have given names of one consonant skeleton and keys at most a letter apart
    (`antoni blinken`, `entoni blinken`), so Hunter and Joe Biden stay two people; or one
    has a middle name the other leaves out (`recep taip erdohan`, `recep erdohan`); or, asked
    only when that is what stands between them, `links(keys)` (for the keys still apart,
    each → the keys `cross_script_links` makes it one name with) joins them: `Jean-Claude Juncker` is
    keyed `ean klaude junker` and `Жан-Клод Юнкер` `zhan klod junker`, one man."""
    if not full:
        return set()
    pairs = itertools.combinations(sorted(full), 2)
    if links is None or len(full) > _MOST_SPELLINGS:  # the first pair apart decides
        return full if all(_same_given(a, b) for a, b in pairs) else set()
    apart = [(a, b) for a, b in pairs if not _same_given(a, b)]
    if apart:
        linked = links({k for pair in apart for k in pair})
        apart = [(a, b) for a, b in apart if b not in linked.get(a, ())]
    return set() if apart else full


#: Past this many full names ending in one surname, they are not asked for links across scripts.
_MOST_SPELLINGS = 8


def surname_tails(keys: set[str]) -> set[str]:
    """Keys of several words that end a longer key among `keys`: a surname of several words
    written alone (`Lopes Obrador`, `Pirc Musar`, `Lula da Silva`), not a person of their own,
    so they go where a lone surname would. In one pass over the keys' word-boundary endings:
    the filter asks it of every full name a surname has (600 Putins at 100,000 articles)."""
    endings = {" ".join(ws[i:]) for k in keys if len(ws := k.split()) > 2 for i in range(1, len(ws) - 1)}
    return {k for k in keys if " " in k and k in endings}


def _ending_in(tail: str, keys: set[str]) -> set[str]:
    """The keys of more words that end in `tail`'s words."""
    return {k for k in keys if k.endswith(" " + tail)}


def _same_given(a: str, b: str) -> bool:
    """Two full keys of one surname whose given names spell one name (`_one_name`), or are
    one given name's Ukrainian, Russian and English spellings (`aliases.given_names`:
    Микола, Николай), or whose given names of two words or more begin with the other's one
    (a middle name left out)."""
    from reader.entities.aliases import given_names

    ga, gb = a.split()[:-1], b.split()[:-1]
    if len(ga) != len(gb):
        short, long = sorted((ga, gb), key=len)
        if len(short) != 1 or len(long) > 3:
            return False
        ga, gb = short, long[:1]
    rows = given_names()
    return (_one_name({" ".join(map(_unended, ga)), " ".join(map(_unended, gb))})
            or all(x == y or rows.get(x, -1) == rows.get(y, -2) for x, y in zip(ga, gb)))


_FINAL_O = re.compile(r"(?<=[^aeiou])o$")


def _unended(word_key: str) -> str:
    """A given name's key without the final o Ukrainian ends a man's name with where Russian
    and English end it in a consonant (`Павло`, `Павел`; `Петро`, `Pyotr`): pavl, pavel."""
    return _FINAL_O.sub("", word_key)


def _one_name(keys: set[str]) -> bool:
    """Every two of the keys spell one name: as many words, each pair of words one consonant
    skeleton (h aside: English spelling drops an h Ukrainian romanisation sounds, `Olha`,
    `Serhiy`, keyed ola, seri; `Ольга`, `Сергій`: olha, serhi) and close (`_close`). Each
    pair is compared, as closeness is not transitive: compared with whichever key a set
    yields first, the answer varied with the hash seed."""
    return all(len(a.split()) == len(b.split()) and all(_unvoiced(x) == _unvoiced(y) and _close(x, y) for x, y in zip(a.split(), b.split()))
               for a, b in itertools.combinations(keys, 2))


def _unvoiced(word_key: str) -> str:
    """A word key's consonants but h, as `_one_name` compares given names."""
    return skeleton(word_key).replace("h", "")


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


def people_ending_in(conn: sqlite3.Connection, words: Iterable[str]) -> tuple[dict[str, set[str]], dict[str, set[str]], dict[str, set[str]]]:
    """Each of `words` → the keys of the people of more than one word the store knows
    whose key ends in it; each of those keys → its names as written; and each of `words`
    → the keys of lone surnames kept as written that another case reads as it (`blinkena`
    for blinken)."""
    words = set(words) - {""}
    out: dict[str, set[str]] = {}
    norms: dict[str, set[str]] = {}
    lone: dict[str, set[str]] = {}
    for label, key, norm in stored_names(conn, "surname", words):
        if label != "PER":
            continue  # an organisation's or a place's acronym lies in the same column
        if " " in key:
            for word in _surnames(key, norm) & words:
                out.setdefault(word, set()).add(key)
            norms.setdefault(key, set()).add(norm)
        else:
            for word in lone_readings(norm) & words:
                lone.setdefault(word, set()).add(key)
    return out, norms, lone


def rekey(conn: sqlite3.Connection, progress: Callable[[int, int], None] | None = None, batch: int = 5000) -> set[str]:
    """Recompute `entities.key` for every row with today's `entity_key`, in batches of
    distinct (norm, label), and `entity_names` from them (its surnames and cross-script keys
    are today's code's too), inside the caller's transaction (nothing is committed).
    `progress(done, total)` is called after each batch, counted in rows. Returns the keys
    some rows were moved to: the texts holding them need their index's names again."""
    total = conn.execute("SELECT count(*) FROM entities").fetchone()[0]
    pairs = conn.execute("SELECT norm, label, key, count(*) FROM entities GROUP BY norm, label, key").fetchall()
    done = 0
    moved: set[str] = set()
    if progress:
        progress(0, total)
    conn.execute("DELETE FROM entity_names")
    for i in range(0, len(pairs), batch):
        changes, names = [], []
        for norm, label, old, n in pairs[i : i + batch]:
            new = entity_key(norm, label)
            if new != old:
                changes.append((new, norm, label, old))
                moved.add(new)
            names.append((label, new, norm))
            done += n
        conn.executemany("UPDATE entities SET key = ? WHERE norm = ? AND label = ? AND key = ?", changes)
        remember_names(conn, names)
        if progress:
            progress(done, total)
    return moved


def canonical_keys(conn: sqlite3.Connection, label: str = "PER") -> dict[str, str]:
    """Stored key of a `label` name → the key of the one entity it names, where that
    differs: a lone surname (`putin`) and spellings of one full name (`antoni blinken`,
    `entoni blinken`) go to one key of that person, a place's acronym to its full name
    (`РФ`, `Российская Федерация`), by the same rules as `keys_for_name`. For listings
    (`entities --top`) that should count one entity once."""
    folds: dict[tuple[str, str], set[str]] = {}
    shared: dict[tuple[str, str], set[str]] = {}
    for key, norm, fold, surname in conn.execute(
            f"SELECT DISTINCT key, norm, fold, surname FROM entity_names n WHERE label = ? AND {_MENTIONED}", (label,)):
        folds.setdefault((key, norm), set()).add(fold)
        if surname[:1] in (_KIN, _GLOSS):
            shared.setdefault((key, norm), set()).add(surname)
    by_norm = {norm: {f for f in fs if f and f[0] != _PLAIN} for (_, norm), fs in folds.items()}
    return {key: root for (_, key), root in entities_of(((label, k, n) for k, n in folds), by_norm, shared).items()}


def entities_of(names: Iterable[tuple[str, str, str]], folds: Mapping[str, Iterable[str]] | None = None,
                shared: Mapping[tuple[str, str], Iterable[str]] | None = None) -> dict[tuple[str, str], str]:
    """For (label, key, norm) names met together (a store's, or the lines `reader names`
    reads), (label, key) → the key of the entity it names, where that differs: a lone
    surname and spellings of one full name go to the one person the names know by that
    surname (`one_person`), a lone surname kept as written to the one person another case
    reads it as (`lone_readings`), an acronym to its full names (`acronym_groups`), and
    names the cross-script readings make one name meet (`cross_script_links`: `donald
    trump`, `donald tramp`), and a name's spellings in other languages (`kin_groups`). The
    key kept is the one `_root_order` puts first. `folds`: as `cross_script_links` takes
    them; `shared`: as `kin_groups` does."""
    by_label: dict[str, set[tuple[str, str]]] = {}
    for label, key, norm in names:
        if label != "DATE":
            by_label.setdefault(label, set()).add((key, norm))
    parent: dict[tuple[str, str], tuple[str, str]] = {}

    def find(k: tuple[str, str]) -> tuple[str, str]:
        while parent.setdefault(k, k) != k:
            k = parent[k]
        return k

    def join(a: tuple[str, str], b: tuple[str, str]) -> None:
        a, b = find(a), find(b)
        if a != b:
            parent[max(a, b, key=_root_order)] = min(a, b, key=_root_order)

    for label, rows in sorted(by_label.items()):
        row_keys = {key for key, _ in rows}
        for key, norm in rows:  # a Latin name and its spelling without accents
            if (plain := unaccented_key(key, norm, label)) in row_keys:
                join((label, key), (label, plain))
        links = cross_script_links(rows, folds)
        if label == "PER":
            by_surname: dict[str, set[str]] = {}
            for key, norm in rows:
                for last in _surnames(key, norm):
                    by_surname.setdefault(last, set()).add(key)
            person_of: dict[str, str] = {}  # surname → the one person the names know by it
            for last, keys in by_surname.items():
                tails = surname_tails(keys)
                for tail in tails:  # the one person of the longer names it ends
                    people = one_person(_ending_in(tail, keys), lambda _: links)
                    if people:
                        join((label, tail), (label, min(people)))
                people = one_person({k for k in keys if " " in k} - tails, lambda _: links)
                for k in keys if people else ():
                    join((label, k), (label, min(people)))
                if people:
                    person_of[last] = min(people)
            for key, norm in rows:  # a lone surname kept as written, as another case reads it
                if " " not in key and key not in person_of:
                    people = {person_of[alt] for alt in lone_readings(norm) if alt in person_of}
                    if len(people) == 1:
                        join((label, key), (label, people.pop()))
        if label in ("ORG", "LOC"):
            for keys in acronym_groups(rows, label):
                for k in keys:
                    join((label, k), (label, min(keys)))
        if label == "ORG":
            for keys in country_groups(rows):
                for k in keys:
                    join((label, k), (label, min(keys)))
        if label != "PER":
            for keys in kin_groups(rows, shared) + stump_groups(rows):
                for k in keys:
                    join((label, k), (label, min(keys)))
        for key, others in links.items():
            for other in others:
                join((label, key), (label, other))
    return {k: find(k)[1] for k in list(parent) if find(k) != k}


#: Words an acronym leaves out (`Організація з безпеки та співробітництва в Європі`: ОБСЄ;
#: `Національне агентство з питань запобігання корупції`: НАЗК): a name's glue and more.
_ACRONYM_SKIPS = NAME_GLUE | frozenset("от to de la du des".split())
_ACRONYM = re.compile(r"[A-ZА-ЯЁІЇЄҐ]{2,6}")
_QUOTES_OR_POSSESSIVE = re.compile(r"[«»\"“”„]|\w['’]s\b")


def short_form(norm: str, label: str = "ORG") -> str:
    """An organisation's or a place's acronym: the name itself when it is one (`СБУ`, `РФ`),
    else the initials of its words (`Служба безпеки України`, `Служба безопасности
    Украины`: СБУ; `Российская Федерация`: РФ) when there are three to six, two to six for
    a place (a state's name is often two words); '' for names in quotes (a brand, `ТОВ
    «Техпром»`) and possessives."""
    least = 2 if label == "LOC" else 3
    if _ACRONYM.fullmatch(norm):
        return norm if len(norm) >= least else ""
    if _QUOTES_OR_POSSESSIVE.search(norm):
        return ""
    kept = [w for w in words(norm) if w.lower() not in _ACRONYM_SKIPS]
    if any(w.isupper() and len(w) > 2 for w in kept) or " " not in norm.strip():
        return ""  # a full name spells its words out (`Пенсионный фонд РФ` still does); one word (`Россия-Франция`) has no initials
    initials = "".join(w[0] for w in kept).upper()
    return initials if least <= len(kept) <= 6 and _ACRONYM.fullmatch(initials) else ""


def _spelling(norm: str) -> str:
    """Which spelling a name is in: Ukrainian or Russian by the letters only one has, else by
    which language's dictionary knows more of its words (`Государственное бюро`), else its script."""
    low = norm.lower()
    if not is_cyrillic(low):
        return "latin"
    from reader.words import cyrillic_languages, word_forms

    langs = cyrillic_languages(low, None)
    if len(langs) == 1:
        return langs[0]
    known = {lang: sum(w in word_forms(lang) for w in words(low)) for lang in langs}
    return "cyrillic" if known["uk"] == known["ru"] else max(known, key=known.__getitem__)


@functools.lru_cache(maxsize=50_000)
def lone_readings(norm: str) -> frozenset[str]:
    """Keys a lone Cyrillic surname kept as written may stand for in another case
    (`Блинкена`, `Шольца` → blinken, sholts; `Nominative.lone_readings`), read as the
    language its letters or words say, or as both."""
    if " " in norm or not is_cyrillic(norm):
        return frozenset()
    from reader.entities.nominative import nominative_for

    spelling = _spelling(norm)
    langs = (spelling,) if spelling in ("uk", "ru") else ("uk", "ru")
    own = entity_key(norm, "PER")
    return frozenset(k for lang in langs for r in nominative_for(lang).lone_readings(norm) if (k := entity_key(r, "PER")) and k != own)


def acronym_groups(rows: Iterable[tuple[str, str]], label: str = "ORG") -> list[set[str]]:
    """From (key, norm) organisations (or places, `label`), each acronym's key with the keys
    of the full names whose initials make it (`СБУ`, `Служба безпеки України`, `Служба безопасности Украины`),
    where the names know one such full name in each spelling: with `Київська міська рада`
    and `Краматорська міська рада` both known, `КМР` stays apart from both. The acronyms
    the alias data knows are not read so (`ФБР` is not `Федерация бобслея России`), and a
    place's acronym of two letters only as a full name the alias data knows (`РФ`)."""
    from reader.entities.aliases import known_keys

    known = known_keys()  # what the alias data's acronyms stand for, it says (ФБР is the FBI)
    acronyms: dict[str, set[str]] = {}
    expansions: dict[str, dict[str, set[str]]] = {}
    for key, norm in rows:
        short = short_form(norm, label)
        if short == norm:
            if key not in known:
                acronyms.setdefault(short, set()).add(key)
        elif short:
            expansions.setdefault(short, {}).setdefault(_spelling(norm), set()).add(key)
    groups = []
    for short, keys in acronyms.items():
        # an acronym stands for words of its own script: FBI is no Федерация бобслея России
        by = {s: k for s, k in expansions.get(short, {}).items() if (s == "latin") != is_cyrillic(short)}
        if len(short) == 2 and not all(k <= known for k in by.values()):
            continue  # two letters say too little: only full names the alias data knows (РФ, Российская Федерация)
        cyrillic = {k for s in ("uk", "ru", "cyrillic") for k in by.get(s, ())}
        one_each = all(len(k) == 1 for k in by.values()) and not (by.get("cyrillic") and len(cyrillic) > 1)
        if by and one_each:
            groups.append(keys | {k for k in by.values() for k in k})
    return groups


def _country_end(norm: str) -> tuple[str, str] | None:
    """A body's name without the country its last word names, and that country's key
    (`National Police of Ukraine`: National Police, ukraine; `Верховний суд РФ`: Верховний
    суд, rusia); None where it ends in no country or the rest is one word."""
    from reader.entities.aliases import alias_key, country_acronyms, country_names
    from reader.words import lemmas

    ws = words(norm)
    if len(ws) < 3 or not ws[-1][:1].isupper():
        return None
    last = ws[-1]
    found = {country_acronyms().get(last)} if last.isupper() else {alias_key(plain_key(f)) for f in lemmas(last) | {last}}
    found = {c for c in found if c in country_names()}
    if len(found) != 1:
        return None
    rest = ws[:-2] if ws[-2].lower() in NAME_GLUE else ws[:-1]
    return (" ".join(rest), found.pop()) if len(rest) > 1 else None


def country_groups(rows: Iterable[tuple[str, str]]) -> list[set[str]]:
    """From (key, norm) bodies, a name without its country (`National Police`, `Верховний
    суд`) with the names that end in it and a country (`National Police of Ukraine`,
    `Верховний суд України`) where those all name one country, as a lone surname meets
    the one person the names know by it: `Supreme Court` stays apart where the Supreme
    Courts of Ukraine and of Russia are both known."""
    keys = {key for key, _ in rows}
    by_core: dict[str, dict[str, set[str]]] = {}  # the name without its country → country → keys
    for key, norm in rows:
        if (end := _country_end(norm)) and (core := merge_key(end[0], "ORG")) in keys:
            by_core.setdefault(core, {}).setdefault(end[1], set()).add(key)
    return [{core} | next(iter(countries.values())) for core, countries in by_core.items() if len(countries) == 1]


#: A stump compound is made of its name's words' beginnings, each at least this long (Мін|фін,
#: Мос|біржа, Нац|поліція, Ген|прокурора), the last one a whole word or its beginning.
STUMP_LETTERS = 3


def _stump_words(norm: str) -> list[str]:
    from reader.words import fold

    return [fold(w).replace("'", "") for w in words(norm) if w.lower() not in NAME_GLUE]


def _covers(word: str, parts: list[str]) -> bool:
    """Whether `word` is the beginnings of `parts` in order, each STUMP_LETTERS letters or more
    (`мінфін`: міністерство фінансів; `минобороны`: министерство обороны)."""
    if not parts:
        return not word
    return any(word.startswith(parts[0][:n]) and _covers(word[n:], parts[1:])
               for n in range(min(len(parts[0]), len(word)), STUMP_LETTERS - 1, -1))


def _stump_of(short: list[str], long: list[str]) -> bool:
    """Whether the words `short` are `long`'s, one or more of them a stump compound of
    several of `long`'s (`Мінфін Росії`: Міністерство фінансів Росії; `Офис генпрокурора`)."""
    def align(i: int, j: int, stumped: bool) -> bool:
        if i == len(short) or j == len(long):
            return i == len(short) and j == len(long) and stumped
        return ((short[i] == long[j] and align(i + 1, j + 1, stumped))
                or any(_covers(short[i], long[j:k]) and align(i + 1, k, True) for k in range(j + 2, len(long) + 1)))
    return len(short) < len(long) and align(0, 0, False)


def stump_groups(rows: Iterable[tuple[str, str]]) -> list[set[str]]:
    """From (key, norm) Cyrillic names of one type, each stump compound's key with the key of
    the one full name it is made of (`Мінфін`: Міністерство фінансів; `Мосбіржа`: Московська
    біржа), as acronyms meet theirs; a stump two full names make stays apart."""
    names = {(key, tuple(_stump_words(norm))) for key, norm in rows if is_cyrillic(norm)}
    by_ends: dict[tuple[str, str], list[tuple[str, tuple[str, ...]]]] = {}  # a stump begins and ends as its full name
    for key, ws in names:
        if len(ws) > 1:
            by_ends.setdefault((ws[0][:STUMP_LETTERS], ws[-1][:STUMP_LETTERS]), []).append((key, ws))
    groups = []
    for key, ws in names:
        if ws:
            tails = {ws[-1][i:i + STUMP_LETTERS] for i in range(len(ws[-1]) - STUMP_LETTERS + 1)}
            full = {k for tail in tails for k, long in by_ends.get((ws[0][:STUMP_LETTERS], tail), ())
                    if k != key and _stump_of(list(ws), list(long))}
            if len(full) == 1:
                groups.append({key, full.pop()})
    return groups


def stump_keys(conn: sqlite3.Connection, forms: set[str]) -> set[str]:
    """Stored keys of organisations or places that a typed name's nominatives (`forms`) are
    one with by `stump_groups`: the full name a typed stump compound is made of, or the stump
    of a typed full name (`Мінфін`, `Міністерство фінансів`), among the stored names whose
    keys begin as the typed name's do."""
    out: set[str] = set()
    for label in ("ORG", "LOC"):
        for form in {f for f in forms if is_cyrillic(f) and words(f)}:
            key = merge_key(form, label)
            start = word_key(words(form)[0][:STUMP_LETTERS])
            if not start:
                continue
            after = start[:-1] + chr(ord(start[-1]) + 1)  # the keys that begin with `start` sort below it, in any collation
            rows = {(k, n) for k, n in conn.execute(
                f"SELECT DISTINCT key, norm FROM entity_names n WHERE label = ? AND key >= ? AND key < ? AND {_MENTIONED}",
                (label, start, after))}
            out |= {k for group in stump_groups(rows | {(key, form)}) if key in group for k in group}
    return out


def short_and_long(conn: sqlite3.Connection, name: str, forms: set[str]) -> set[str]:
    """Stored keys of organisations or places that a typed acronym or full name (`name`,
    its nominatives `forms`) is one with by `acronym_groups` over the names the store
    knows with that acronym."""
    out: set[str] = set()
    for label in ("ORG", "LOC"):
        typed = {merge_key(f, label) for f in forms}
        # what the typed name's key is stored as says its acronym too (`Россия`: Российская Федерация, РФ)
        written = forms | {norm for lab, _, norm in stored_names(conn, "key", typed) if lab == label}
        shorts = {short_form(f, label) for f in written} - {""}
        if not shorts:
            continue
        rows = {(key, norm) for lab, key, norm in stored_names(conn, "surname", shorts) if lab == label}
        if short_form(name, label) == name:  # a typed acronym, as if stored: a typed full name meets only stored names
            rows.add((merge_key(name, label), name))  # (`Петро Петрович Олійник` is no expansion of ППО)
        out |= {k for group in acronym_groups(rows, label) if group & typed for k in group}
    return out


#: Ukrainian and Russian spell a name of several words a letter or two apart a word where
#: they share its words: a vowel (Чорне море, Черное море), a genitive's ending (Сила Сибіру,
#: Сила Сибири). Such names are one when each word has the same consonants (h and j aside,
#: z as s), begins with the same two letters and is at most KIN_EDITS letters from its
#: partner, one for a word under KIN_LONG letters. Names of one word are compared so too where
#: they have KIN_WORD_CONSONANTS consonants or more and only one of the two has letters of
#: Ukrainian alone (or an apostrophe): its і stands where Russian writes е or о (Світлодарськ,
#: Светлодарск; Ірак and Іран, or Бар and Бор, are one script's two names), or one ends
#: in е where the other ends in о (Сватове, Сватово).
KIN_EDITS = 2
KIN_LONG = 7
KIN_WORD_CONSONANTS = 3
_UKRAINIAN_LETTERS = re.compile(r"[іїєґІЇЄҐ'’ʼ]")
_KIN = "~"  # marks a kin form in `entity_names.surname`, where organisations' acronyms are


@functools.lru_cache(maxsize=100_000)
def kin_form(key: str, norm: str) -> str:
    """What the Ukrainian and Russian spellings of a Cyrillic name of several words share:
    each word's consonants (`~sl sbr` for `Сила Сибіру` and `Сила Сибири`); '' for other names."""
    if not is_cyrillic(norm):
        return ""
    form = " ".join(_DOUBLES.sub(r"\1", skeleton(w).replace("h", "").replace("z", "s")) for w in key.split())
    return _KIN + form if " " in key or len(form) >= KIN_WORD_CONSONANTS else ""


def _kin(a: str, b: str, norm_a: str, norm_b: str) -> bool:
    """Each word the same, or of the same first two letters and a letter or two apart (the
    beginning of a word tells it: Західна and Східна, `sahidna` and `shidna`, are a letter apart);
    a Ukrainian і where Russian has е or о counts as that letter (`Тіні`, `Тени`; `Ріг`, `Рог`).
    Names of one word also need one name's Ukrainian letters where the other has none (`norm_a`, `norm_b`)."""
    if " " not in a and bool(_UKRAINIAN_LETTERS.search(norm_a)) == bool(_UKRAINIAN_LETTERS.search(norm_b)) \
            and {a[-1:], b[-1:]} != {"e", "o"}:  # a Ukrainian town's -е, Russian -о (Сватове, Сватово)
        return False
    return all(x == y or (_head(x) == _head(y) and _distance(x, y, KIN_EDITS if min(len(x), len(y)) >= KIN_LONG else 1) is not None)
               for x, y in zip(a.split(), b.split()))


def _head(word_key: str) -> str:
    return word_key[:2].replace("i", "e").replace("o", "e")


_GLOSS = "#"  # marks a gloss form in `entity_names.surname`
#: An adjective made of a name, compared as the name (Celtic Sea, Кельтское море; Caspian,
#: Каспийское; Atlantic, Атлантичний): the endings English and Ukrainian or Russian make it
#: with, in a word's key.
_LATIN_ADJECTIVE = re.compile(r"(?:[ie]?an|ik|ish|ese)$")
_CYRILLIC_ADJECTIVE = re.compile(r"(?:i?chn|i?sk)[aei]?$")


@functools.lru_cache(maxsize=100_000)
def gloss_form(key: str, norm: str) -> str:
    """A name of several words as the common words it is made of say it in English
    (`aliases.name_words`), its other words by their consonants, in a set: `#black sea` for
    Black Sea, Чорне море and Черное море; `#19 kvd pandemic` for COVID-19 pandemic and
    пандемія COVID-19. '' when none of its words is a common one."""
    if " " not in key:
        return ""
    from reader.entities.aliases import alias_key, country_acronyms, name_words
    from reader.words import lemmas

    tokens: set[str] = set()
    common = False
    for w in words(plain_ordinals(norm)):
        low = w.lower()
        if low in NAME_GLUE:
            continue
        if is_cyrillic(w):
            table, forms = name_words()["cyrillic"], lemmas(w)  # read as the letters allow, Ukrainian or Russian
        else:
            table, forms = name_words()["latin"], lemmas(w, "en")
        concepts = sorted({table[f] for f in {f.replace("ё", "е") for f in forms | {low}} if f in table})
        places = sorted(filter(None, (alias_key(plain_key(f)) for f in forms)))
        if not places and not concepts and is_cyrillic(w):  # an adjective made of a noun: трубопровідний, Керченский
            nouns = {n for f in forms for n in _adjective_nouns(f)}
            concepts = sorted({table[n] for n in nouns if n in table and len(n) > 4})  # not мінський's міна
            concepts = concepts if len(concepts) == 1 else []
            found = set(filter(None, (alias_key(plain_key(n)) for n in nouns)))
            places = sorted(found) if len(found) == 1 and not concepts else []
        if not places and w.isupper() and w in country_acronyms():
            places = [country_acronyms()[w]]  # РФ, США, КНР
        k = word_key(w)
        if concepts:
            country = _country_of(concepts[0])  # a country's adjective is the country (Russian, російський: Russia)
            tokens.add(skeleton(country) if country else concepts[0])
            common = True
        elif places:  # a place the alias data knows, by its English name (Франция: France) as an adjective made of it reads
            tokens.add(skeleton(places[0]) or places[0])
        elif k.isdigit() or (k and w.isupper()):  # a number; an acronym's letters are letters
            tokens.add(k)
        elif k:
            stem = (_CYRILLIC_ADJECTIVE if is_cyrillic(w) else _LATIN_ADJECTIVE).sub("", k)
            tokens.add(skeleton(stem if len(stem) >= 4 else k) or k)
    return _GLOSS + " ".join(sorted(tokens)) if common and len(tokens) >= 2 else ""


@functools.lru_cache(maxsize=None)
def _country_of(concept: str) -> str | None:
    """The country whose English adjective a glossary word is (russian, chinese, georgian):
    the one country whose key begins with the adjective's stem (`_LATIN_ADJECTIVE`) and one
    of whose Cyrillic names begins as one of the word's Cyrillic forms does (Росія,
    російський); not Romania for roman (римський), nor Christmas Island for christian."""
    from reader.entities.aliases import country_names, name_words

    stem = word_key(_LATIN_ADJECTIVE.sub("", concept))
    if stem == word_key(concept) or len(stem) < 3:
        return None
    heads = {word_key(f)[:3] for f, c in name_words()["cyrillic"].items() if c == concept}
    found = {k for k, names in country_names().items()
             if k.startswith(stem) and any(is_cyrillic(n) and word_key(n)[:3] in heads for n in names)}
    return found.pop() if len(found) == 1 else None


#: A Cyrillic adjective's suffix and ending (-ськ-, -цьк-, -ск-, -н-, -ов-, -ин-; -ий, -ій, -ый, -ой).
_ADJECTIVE_ENDING = re.compile(r"(?:[сцз]ь?к|н|[оеє]в|ин)(?:ий|ій|ый|ой)$")
#: What a noun may lose before a suffix (Буча, Бучанський; Керчь, Керченский).
_BEFORE_SUFFIX = re.compile(r"(?:[ая]н|[еиі]н|ов|ев)$")


@functools.lru_cache(maxsize=50_000)
def _adjective_nouns(lemma: str) -> frozenset[str]:
    """The nouns a Cyrillic adjective's dictionary form may be made of, for the glossary and
    the alias data to say which one is a word or a place they know (`трубопровідний`:
    трубопровід; `керченский`: Керч, Керчь; `будапештський`: Будапешт; `паризька`'s
    `паризький`: Париж): the stem the suffix leaves, with -а, -я, -ь or -о, with and without
    an -ан-, -ен- or -ов- the suffix brought. Not a noun named with the suffix itself
    (`кримський` is Крим's, not Krymsk's)."""
    m = _ADJECTIVE_ENDING.search(lemma)
    if not m:
        return frozenset()
    stems = {lemma[:m.start()], _BEFORE_SUFFIX.sub("", lemma[:m.start()])}
    return frozenset(s + end for s in stems if len(s) >= 3 for end in ("", "а", "я", "ь", "о"))


def kin_groups(rows: Iterable[tuple[str, str]], shared: Mapping[tuple[str, str], Iterable[str]] | None = None) -> list[set[str]]:
    """From (key, norm) names of one type (not people), the keys of each name's spellings in
    the other languages: those of one `gloss_form`, and those of one `kin_form` where every
    two are a letter or two apart a word (`_kin`; where one is not, none of them is joined).
    Names the alias data knows meet by the data. `shared`: each name's forms where they are
    known already (`entity_names` holds them), instead of working them out."""
    from reader.entities.aliases import known_keys

    known = known_keys()
    by: dict[str, dict[str, str]] = {}
    for key, norm in sorted(rows):
        if key not in known:
            forms = shared.get((key, norm), ()) if shared is not None else (kin_form(key, norm), gloss_form(key, norm))
            for form in forms:
                if form:
                    by.setdefault(form, {}).setdefault(key, norm)
    return [set(names) for form, names in by.items()
            if len(names) > 1 and (form[0] == _GLOSS or all(_kin(a, b, names[a], names[b]) for a, b in itertools.combinations(sorted(names), 2)))]


def kin_keys(conn: sqlite3.Connection, forms: set[str]) -> set[str]:
    """Stored keys of organisations or places that a typed name's nominatives (`forms`),
    as if stored, are one with by `kin_groups`: its other language's spelling."""
    out: set[str] = set()
    for label in ("ORG", "LOC"):
        typed = {(k, f) for f in forms if kin_form(k := merge_key(f, label), f) or gloss_form(k, f)}
        shared = {form for k, f in typed for form in (kin_form(k, f), gloss_form(k, f))} - {""}
        stored = {(key, norm) for lab, key, norm in stored_names(conn, "surname", shared) if lab == label}
        for k, f in typed:  # each reading of what was typed on its own: they are guesses, not names met
            out |= {g for group in kin_groups(stored | {(k, f)}) if k in group for g in group}
    return out


def _root_order(item: tuple[str, str]) -> tuple[bool, bool, str]:
    """Which key a group of names keeps: the alias data's (`rusia` for РФ and Россия, the
    same whether or not the acronym is met), then a full name's, then the first."""
    from reader.entities.aliases import known_keys

    return (item[1] not in known_keys(), " " not in item[1], item[1])
