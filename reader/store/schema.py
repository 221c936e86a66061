"""The store's schema as a list of migrations; `PRAGMA user_version` says how many ran.

MIGRATIONS[i] takes a database from version i to i + 1. Never edit a released
migration: append a new one, so every earlier database can still be brought up to date.

Migrations are SQL only. Data derived by code (the search index, entity keys) is rebuilt
by naming a task in the `pending` table; the store runs pending tasks with today's code
after migrating, so a rebuild never depends on code as it was when its migration was written,
and a rebuild cut short runs again at the next open.
"""

from __future__ import annotations

import sqlite3

MIGRATIONS: list[str] = [
    # 0 → 1: the first schema.
    """
    CREATE TABLE sources (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        kind TEXT NOT NULL DEFAULT 'name',      -- name | feed | web
        url TEXT,
        tag TEXT,
        etag TEXT,
        last_modified TEXT,
        last_checked TEXT,
        last_error TEXT,
        added TEXT NOT NULL
    );
    CREATE TABLE articles (
        id INTEGER PRIMARY KEY,
        source_id INTEGER REFERENCES sources(id) ON DELETE SET NULL,
        url TEXT UNIQUE,
        guid TEXT,
        content_hash TEXT NOT NULL UNIQUE,
        title TEXT NOT NULL,
        author TEXT,
        published TEXT,
        lang TEXT,
        lang_confidence REAL,
        site_languages TEXT,                    -- JSON list or NULL
        path TEXT,
        added TEXT NOT NULL,
        updated TEXT NOT NULL,
        sort_key TEXT NOT NULL,                 -- published, else added: the list order
        is_read INTEGER NOT NULL DEFAULT 0,
        starred INTEGER NOT NULL DEFAULT 0
    );
    CREATE INDEX articles_order ON articles(sort_key DESC, id DESC);
    CREATE INDEX articles_lang ON articles(lang, sort_key DESC);
    CREATE INDEX articles_source ON articles(source_id, sort_key DESC);
    CREATE INDEX articles_guid ON articles(guid);
    CREATE TABLE blocks (
        article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('p', 'h', 'quote', 'li', 'caption')),
        text TEXT NOT NULL,
        credit TEXT,
        lang TEXT,
        PRIMARY KEY (article_id, seq)
    ) WITHOUT ROWID;
    CREATE TABLE entities (
        article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        variant TEXT NOT NULL DEFAULT '',       -- '' for the original, else the translation's language
        seq INTEGER NOT NULL,                   -- -1 is the title, -2 the byline
        start INTEGER NOT NULL,
        end INTEGER NOT NULL,
        label TEXT NOT NULL,
        text TEXT NOT NULL,
        norm TEXT NOT NULL,
        key TEXT NOT NULL                       -- the same across inflections and scripts
    );
    CREATE INDEX entities_article ON entities(article_id, variant, seq);
    CREATE INDEX entities_key ON entities(key, label);
    CREATE TABLE translations (
        article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        target TEXT NOT NULL,
        package TEXT NOT NULL,                  -- package(s) and version(s), e.g. en-uk@1.9
        seq INTEGER NOT NULL,                   -- -1 is the title
        text TEXT NOT NULL,
        created TEXT NOT NULL,
        PRIMARY KEY (article_id, target, package, seq)
    ) WITHOUT ROWID;
    -- One row per article and language variant: rowid = article id * 4 + variant
    -- (0 original, 1 en, 2 uk, 3 ru), so updates and deletes find their rows by rowid.
    CREATE VIRTUAL TABLE search USING fts5(
        title, body, tokenize = 'unicode61 remove_diacritics 2'
    );
    """,
    # 1 → 2: an article whose page could not be read holds its feed's summary until a
    # later refresh reads the page (existing articles: 0, as nothing says otherwise).
    """
    ALTER TABLE articles ADD COLUMN from_summary INTEGER NOT NULL DEFAULT 0;
    """,
    # 2 → 3: search by words, not prefixes. Exact (folded) word forms in title/body, the
    # words' dictionary forms in title_terms/body_terms, the cross-script keys of the names
    # the text mentions in names. Rebuilt from the stored text by the 'reindex' task.
    """
    CREATE TABLE pending (task TEXT PRIMARY KEY);
    DROP TABLE search;
    CREATE VIRTUAL TABLE search USING fts5(
        title, body, title_terms, body_terms, names, tokenize = 'unicode61 remove_diacritics 2'
    );
    INSERT OR IGNORE INTO pending (task) VALUES ('reindex');
    """,
    # 3 → 4: entity keys that keep vowels, with alias data (reader/entities/merge.py):
    # every stored key is recomputed ('rekey'), then the names in the index ('reindex').
    """
    INSERT OR IGNORE INTO pending (task) VALUES ('rekey');
    INSERT OR IGNORE INTO pending (task) VALUES ('reindex');
    """,
    # 4 → 5: stories (reader/stories.py): articles about one event, across sources and
    # languages. `story_articles` holds each article's feature vector (JSON) and the story
    # it joined; `story_postings` is the inverted index (feature, day) → article and story
    # that finds candidate stories near an article's date; `story_df` counts the articles
    # each feature occurs in (its idf). A story loses a member when its article is deleted
    # (trigger), and goes when it has none. Existing articles are grouped by the 'stories' task.
    """
    CREATE TABLE stories (
        id INTEGER PRIMARY KEY,
        title TEXT NOT NULL,
        first TEXT NOT NULL,                    -- the earliest and latest member's list date
        last TEXT NOT NULL,
        size INTEGER NOT NULL DEFAULT 0,
        centroid TEXT NOT NULL                  -- JSON {feature: weight}: the members' summed vectors, top features
    );
    CREATE INDEX stories_last ON stories(last DESC);
    CREATE TABLE story_articles (
        article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
        story_id INTEGER NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
        day INTEGER NOT NULL,                   -- days since 1970-01-01 of the list date
        score REAL,                             -- similarity to the story when it joined; NULL: it began it
        hash TEXT NOT NULL,                     -- the content_hash grouped (a changed text is grouped again)
        vector TEXT NOT NULL                    -- JSON {feature: weight}
    );
    CREATE INDEX story_articles_story ON story_articles(story_id);
    CREATE TABLE story_postings (
        feature TEXT NOT NULL,
        day INTEGER NOT NULL,
        article_id INTEGER NOT NULL REFERENCES story_articles(article_id) ON DELETE CASCADE,
        story_id INTEGER NOT NULL
    );
    CREATE INDEX story_postings_feature ON story_postings(feature, day);
    CREATE INDEX story_postings_article ON story_postings(article_id);
    CREATE TABLE story_df (feature TEXT PRIMARY KEY, n INTEGER NOT NULL) WITHOUT ROWID;
    CREATE TRIGGER story_member_gone AFTER DELETE ON story_articles BEGIN
        UPDATE stories SET size = size - 1 WHERE id = old.story_id;
        DELETE FROM stories WHERE id = old.story_id AND size <= 0;
    END;
    INSERT OR IGNORE INTO pending (task) VALUES ('stories');
    """,
    # 5 → 6: undated articles are listed apart, after the dated ones (newest first, each
    # part; the undated by when they were added, which sort_key holds for them). The list
    # orders by (published IS NULL, sort_key DESC, id DESC) and pages through an index on
    # exactly that, so rows stored before need no rewrite; the filtered lists' indexes too.
    """
    DROP INDEX IF EXISTS articles_order;
    DROP INDEX IF EXISTS articles_lang;
    DROP INDEX IF EXISTS articles_source;
    CREATE INDEX articles_order ON articles((published IS NULL), sort_key DESC, id DESC);
    CREATE INDEX articles_lang ON articles(lang, (published IS NULL), sort_key DESC, id DESC);
    CREATE INDEX articles_source ON articles(source_id, (published IS NULL), sort_key DESC, id DESC);
    """,
    # 6 → 7: one URL (or GUID) may hold several articles: an aggregator's home page recorded
    # as the URL of hundreds of texts, several texts from one PDF. `url` loses its UNIQUE
    # (SQLite rebuilds the table for that: every row copied with its id, so blocks, entities,
    # translations, stories and search rows, all keyed by id, stay as they are) and gets a
    # plain index. The same content stays one article (content_hash UNIQUE).
    """
    CREATE TABLE articles_new (
        id INTEGER PRIMARY KEY,
        source_id INTEGER REFERENCES sources(id) ON DELETE SET NULL,
        url TEXT,
        guid TEXT,
        content_hash TEXT NOT NULL UNIQUE,
        title TEXT NOT NULL,
        author TEXT,
        published TEXT,
        lang TEXT,
        lang_confidence REAL,
        site_languages TEXT,                    -- JSON list or NULL
        path TEXT,
        added TEXT NOT NULL,
        updated TEXT NOT NULL,
        sort_key TEXT NOT NULL,                 -- published, else added
        is_read INTEGER NOT NULL DEFAULT 0,
        starred INTEGER NOT NULL DEFAULT 0,
        from_summary INTEGER NOT NULL DEFAULT 0
    );
    INSERT INTO articles_new (id, source_id, url, guid, content_hash, title, author, published, lang,
                              lang_confidence, site_languages, path, added, updated, sort_key, is_read,
                              starred, from_summary)
        SELECT id, source_id, url, guid, content_hash, title, author, published, lang, lang_confidence,
               site_languages, path, added, updated, sort_key, is_read, starred, from_summary FROM articles;
    DROP TABLE articles;
    ALTER TABLE articles_new RENAME TO articles;
    CREATE INDEX articles_order ON articles((published IS NULL), sort_key DESC, id DESC);
    CREATE INDEX articles_lang ON articles(lang, (published IS NULL), sort_key DESC, id DESC);
    CREATE INDEX articles_source ON articles(source_id, (published IS NULL), sort_key DESC, id DESC);
    CREATE INDEX articles_guid ON articles(guid);
    CREATE INDEX articles_url ON articles(url);
    """,
    # 7 → 8: tags on articles (many per article, any text), saved searches (a name and its
    # query, reader/store/query.py's syntax, parsed when run), and an index the feeds pane's
    # counts read alone (per source: all, unread, starred, in one grouped scan).
    """
    CREATE TABLE article_tags (
        article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        tag TEXT NOT NULL,
        PRIMARY KEY (article_id, tag)
    ) WITHOUT ROWID;
    CREATE INDEX article_tags_tag ON article_tags(tag, article_id);
    CREATE TABLE saved_searches (
        name TEXT PRIMARY KEY,
        query TEXT NOT NULL,
        created TEXT NOT NULL
    );
    CREATE INDEX articles_counts ON articles(source_id, is_read, starred);
    """,
    # 8 → 9: site memory (reader/ingest/sitememory.py): per site, the lines seen on its pages
    # (a hash of the folded line) with the number of distinct pages seen on and when last
    # seen (bounded per site, the least seen go first), and the pages already counted.
    """
    CREATE TABLE site_lines (
        site TEXT NOT NULL,
        line INTEGER NOT NULL,
        pages INTEGER NOT NULL,
        seen INTEGER NOT NULL,
        PRIMARY KEY (site, line)
    ) WITHOUT ROWID;
    CREATE INDEX site_lines_evict ON site_lines(site, pages, seen);
    CREATE TABLE site_pages (
        site TEXT NOT NULL,
        page INTEGER NOT NULL,
        seen INTEGER NOT NULL,
        PRIMARY KEY (site, page)
    ) WITHOUT ROWID;
    """,
    # 9 → 10: stories' document counts in batches. A grouped article's features wait in
    # `story_df_pending` (one appended row, JSON list) and are counted into `story_df` a few
    # hundred at a time in feature order (reader/stories.py: fold_every): a write per feature
    # per article scattered over the whole table made every few commits a WAL checkpoint.
    """
    CREATE TABLE story_df_pending (id INTEGER PRIMARY KEY, features TEXT NOT NULL);
    """,
    # 10 → 11: entity keys with ё as е and CLDR's continents and regions as aliases
    # (reader/entities/merge.py, reader/data/regions.tsv): every stored key is recomputed
    # ('rekey', which also rewrites the index's names of the texts whose keys moved).
    """
    INSERT OR IGNORE INTO pending (task) VALUES ('rekey');
    """,
    # 11 → 12: the names a typed name is resolved against (reader/store/names.py: keys_for_name),
    # each lookup a few index probes instead of a read of every mention. `entity_names` holds
    # each stored (label, key, norm) of a person, organisation or place, its key's last word
    # for a person of several words (`surname`) and one row per cross-script key (`fold`,
    # '' for none): code computes them, so the store writes them beside the mentions and
    # 'rekey' (re)builds them. A name is never deleted with its mentions: it counts while a
    # mention has it, which `entities_key`, now with `norm`, answers from the index alone.
    """
    CREATE TABLE entity_names (
        label TEXT NOT NULL,
        key TEXT NOT NULL,
        norm TEXT NOT NULL,
        surname TEXT NOT NULL,
        fold TEXT NOT NULL,
        PRIMARY KEY (key, label, norm, fold)
    ) WITHOUT ROWID;
    CREATE INDEX entity_names_fold ON entity_names(fold);
    CREATE INDEX entity_names_surname ON entity_names(surname);
    DROP INDEX entities_key;
    CREATE INDEX entities_key ON entities(key, label, norm);
    INSERT OR IGNORE INTO pending (task) VALUES ('rekey');
    """,
    # 12 → 13: stories filed under their names' skeletons (reader/stories.py: postings), so an
    # article finds a story told in another script; the vectors hold the keys 'rekey' changed.
    # Every article grouped again ('stories', after 'rekey').
    """
    INSERT OR IGNORE INTO pending (task) VALUES ('stories');
    """,
    # 13 → 14: the starred articles in list order, in an index of their own: the "Starred"
    # view walked the whole ordering index when few or none were starred (0.16 s at 100,000).
    """
    CREATE INDEX articles_starred ON articles((published IS NULL), sort_key DESC, id DESC) WHERE starred = 1;
    """,
    # 14 → 15: names read across scripts in two more ways (reader/entities/merge.py: Chinese
    # names by Palladius, Greek and Latin names as Cyrillic prints them): `entity_names`'
    # cross-script keys (`fold`) are rebuilt by 'rekey'; no stored key moves.
    """
    INSERT OR IGNORE INTO pending (task) VALUES ('rekey');
    """,
    # 15 → 16: a Russian adjective's long ending meets the Ukrainian short one (Новая
    # Каховка, Нова Каховка), a Ukrainian є and ьо read as Russian print writes them
    # (Пєсков, Горбачов), an acronym's doubled letters kept (reader/entities/merge.py):
    # stored keys move; `entity_names` holds organisations' acronyms ('rekey').
    """
    INSERT OR IGNORE INTO pending (task) VALUES ('rekey');
    """,
    # 16 → 17: a Russian adjective in -ический meets the Ukrainian one in -ічний, a Russian
    # у for an English w is keyed в (Уильямс, Вільямс), a person's particles join the surname
    # (`fonderliajen`), a Chinese name's family name goes last (`inpinh ksi`), an English
    # acronym spelled out in Cyrillic is the acronym (Бі-Бі-Сі, BBC) (reader/entities/merge.py):
    # stored keys move ('rekey'). A name may
    # have several `surname` rows (an acronym, the forms its spellings in other languages
    # share, `kin_form` and `gloss_form`; a lone surname's readings in other cases), which the
    # primary key kept one of: it now holds `surname` too ('rekey' writes them).
    """
    CREATE TABLE entity_names_17 (
        label TEXT NOT NULL,
        key TEXT NOT NULL,
        norm TEXT NOT NULL,
        surname TEXT NOT NULL,
        fold TEXT NOT NULL,
        PRIMARY KEY (key, label, norm, fold, surname)
    ) WITHOUT ROWID;
    INSERT INTO entity_names_17 SELECT label, key, norm, surname, fold FROM entity_names;
    DROP TABLE entity_names;
    ALTER TABLE entity_names_17 RENAME TO entity_names;
    CREATE INDEX entity_names_fold ON entity_names(fold);
    CREATE INDEX entity_names_surname ON entity_names(surname);
    INSERT OR IGNORE INTO pending (task) VALUES ('rekey');
    """,
    # 17 → 18: the glossary of names' common words (reader/data/name_words.tsv) grew from
    # 130 to 460 words: `entity_names`' word-for-word forms (`gloss_form`) are rebuilt ('rekey').
    """
    INSERT OR IGNORE INTO pending (task) VALUES ('rekey');
    """,
    # 18 → 19: a person's particle with a capital joins the surname (`Marine Le Pen`: marine
    # lepen; `Le Pen` alone: lepen): stored keys move ('rekey').
    """
    INSERT OR IGNORE INTO pending (task) VALUES ('rekey');
    """,
    # 19 → 20: stored keys move: words or an acronym that only say what kind of thing a name
    # is leave its key (`компанія AMD`, `ПрАТ «Укргідроенерго»`, `Okhmatdyt hospital`), as do
    # an ordinal's ending (`47-ї`: 47) and a person's lower-case title (`спікерка Пелосі`); a
    # name in quotes never takes the alias data's key; an e after a vowel is one key however
    # its glide is written (Наєв, Наев, Naiev); ø is o. Cross-script keys change: a Latin eu
    # is read as ев (Europol), a Polish, Czech or Slovak spelling as they read it (Nawrocki).
    # A Latin name's key without its accents is remembered (`Babiš`, `Babis`). The glossary
    # of names' common words grew from 460 to 910. All rebuilt by 'rekey'.
    """
    INSERT OR IGNORE INTO pending (task) VALUES ('rekey');
    """,
    # 20 → 21: stored keys move: a place's name leaves the river, lake, island or cape it is
    # written with (Desna River); a place's adjective is one by its ending (телескоп is none).
    # `entity_names`' forms move: a place or body of one word has a kin form (Світлодарськ,
    # Светлодарск); word-for-word forms read a country's adjective or acronym as the country,
    # an adjective made of a place or a glossary noun as that (Керченский, трубопровідний),
    # and leave the glue a translation adds (з питань, по вопросам), as acronyms do; the
    # glossary grew from 910 to about 1,840 words; cross-script keys read Japanese names by
    # Polivanov and French ch, u and -ier, fold a glide between vowels and leave out kind
    # words. All rebuilt by 'rekey'.
    """
    INSERT OR IGNORE INTO pending (task) VALUES ('rekey');
    """,
    # 21 → 22: a story's vectors know their languages (`l:uk`), as texts in two languages are
    # compared with the glossaries' help, and an article is also filed in the stories' index
    # under the English sense of its strongest words the glossaries translate (`g:summit` for
    # summit, саміт, саммит), so that it finds a story told in another language by its words,
    # not only by its names: 'story_vectors' brings the stored vectors, centroids and
    # postings up to that without grouping again.
    """
    INSERT OR IGNORE INTO pending (task) VALUES ('story_vectors');
    """,
]

SCHEMA_VERSION = len(MIGRATIONS)


class SchemaError(RuntimeError):
    """The database is newer than this program, or not a reader store."""


def user_version(conn: sqlite3.Connection) -> int:
    """The schema version, read to the end: a statement left unfinished keeps its read
    snapshot, and a process waiting on another's migration would then see the old version."""
    return conn.execute("PRAGMA user_version").fetchall()[0][0]


def statements(script: str) -> list[str]:
    """A migration's SQL cut into whole statements (a trigger's body stays in one)."""
    out, current = [], ""
    for piece in script.split(";"):
        current += piece + ";"
        if sqlite3.complete_statement(current):
            if current.strip(" \n\t;"):
                out.append(current.strip())
            current = ""
    if current.strip(" \n\t;"):
        out.append(current.strip())
    return out


def migrate(conn: sqlite3.Connection, upto: int = SCHEMA_VERSION) -> int:
    """Bring the database up to version `upto`, each step in its own transaction.

    Safe when several processes open a new store at once: each step takes the write lock
    first and only then reads the version, so a step another process finished meanwhile is
    skipped, never repeated. Foreign keys are off during a step (as SQLite asks for a table
    rebuild: dropping the old table must not cascade to the rows that refer to it) and
    checked before it commits.
    """
    version = user_version(conn)
    if version > SCHEMA_VERSION:
        raise SchemaError(f"store schema version {version} is newer than this reader ({SCHEMA_VERSION}); upgrade reader")
    if version >= upto:
        return version  # nothing to do: no write lock taken (a read-only store opens)
    foreign_keys = conn.execute("PRAGMA foreign_keys").fetchall()[0][0]
    if conn.in_transaction:
        conn.commit()
    conn.execute("PRAGMA foreign_keys = OFF")
    try:
        while True:
            conn.execute("BEGIN IMMEDIATE")
            try:
                version = user_version(conn)
                if version > SCHEMA_VERSION:
                    raise SchemaError(f"store schema version {version} is newer than this reader ({SCHEMA_VERSION}); upgrade reader")
                if version >= upto:
                    conn.execute("COMMIT")
                    return version
                for statement in statements(MIGRATIONS[version]):
                    conn.execute(statement)
                conn.execute(f"PRAGMA user_version = {version + 1}")
                if foreign_keys and conn.execute("PRAGMA foreign_key_check").fetchall():
                    raise sqlite3.IntegrityError(f"migration {version + 1} would break a reference between rows")
                conn.execute("COMMIT")
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise
    finally:
        conn.execute(f"PRAGMA foreign_keys = {int(bool(foreign_keys))}")


def pending(conn: sqlite3.Connection) -> list[str]:
    """Rebuilds of derived data that migrations asked for and that have not finished."""
    if not conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'pending'").fetchone():
        return []
    return [r[0] for r in conn.execute("SELECT task FROM pending")]
