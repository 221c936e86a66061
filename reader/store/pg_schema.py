"""The PostgreSQL store's schema: its own list of migrations, versioned as SQLite's are.

PG_MIGRATIONS[i] takes a database from version i to i + 1 (the `schema_version` table holds
the number); never edit a released one, append. The tables are SQLite's (schema.py), with
three differences the rest of the store does not see:

- Per-person state. `articles`, `article_tags` and `saved_searches` are views over the shared
  article rows and per-user tables, filtered by the connection's `reader.user` setting
  (PostgresStore sets it). Reading `articles.is_read` gives this user's state; writing it
  (triggers) writes this user's row. So the store's SQL is the same on both engines.
- Search. `search` holds one row per (article, variant), rowid as in SQLite, and a
  `tsvector` the store builds from fts.row's analysed texts (reader/store/postgres.py), with
  a GIN index (with the block of rowids: version 7).
- `story_postings` has an explicit `rowid` (its insertion order, which SQLite gives free).
- Text sorts by code point (COLLATE "C") whatever the server's locale, as SQLite sorts it.

Rebuilds of derived data are named in `pending`, run by the store as on SQLite.
"""

from __future__ import annotations

PG_MIGRATIONS: list[str] = [
    # 0 → 1: the schema of SQLite's version 9, per-user state and tsvector search.
    """
    CREATE TABLE sources (
        id BIGSERIAL PRIMARY KEY,
        name TEXT COLLATE "C" NOT NULL UNIQUE,
        kind TEXT COLLATE "C" NOT NULL DEFAULT 'name',
        url TEXT COLLATE "C",
        tag TEXT COLLATE "C",
        etag TEXT COLLATE "C",
        last_modified TEXT COLLATE "C",
        last_checked TEXT COLLATE "C",
        last_error TEXT COLLATE "C",
        added TEXT COLLATE "C" NOT NULL
    );
    CREATE TABLE article_rows (
        id BIGSERIAL PRIMARY KEY,
        source_id BIGINT REFERENCES sources(id) ON DELETE SET NULL,
        url TEXT COLLATE "C",
        guid TEXT COLLATE "C",
        content_hash TEXT COLLATE "C" NOT NULL UNIQUE,
        title TEXT COLLATE "C" NOT NULL,
        author TEXT COLLATE "C",
        published TEXT COLLATE "C",
        lang TEXT COLLATE "C",
        lang_confidence DOUBLE PRECISION,
        site_languages TEXT COLLATE "C",
        path TEXT COLLATE "C",
        added TEXT COLLATE "C" NOT NULL,
        updated TEXT COLLATE "C" NOT NULL,
        sort_key TEXT COLLATE "C" NOT NULL,
        from_summary BIGINT NOT NULL DEFAULT 0
    );
    CREATE INDEX articles_order ON article_rows((published IS NULL), sort_key DESC, id DESC);
    CREATE INDEX articles_lang ON article_rows(lang, (published IS NULL), sort_key DESC, id DESC);
    CREATE INDEX articles_source ON article_rows(source_id, (published IS NULL), sort_key DESC, id DESC);
    CREATE INDEX articles_guid ON article_rows(guid);
    CREATE INDEX articles_url ON article_rows(url);
    -- Read and starred, per user: a row only where either is set.
    CREATE TABLE article_state (
        username TEXT COLLATE "C" NOT NULL,
        article_id BIGINT NOT NULL REFERENCES article_rows(id) ON DELETE CASCADE,
        is_read BIGINT NOT NULL DEFAULT 0,
        starred BIGINT NOT NULL DEFAULT 0,
        PRIMARY KEY (username, article_id)
    );
    CREATE INDEX article_state_article ON article_state(article_id);
    CREATE VIEW articles AS
        SELECT a.id, a.source_id, a.url, a.guid, a.content_hash, a.title, a.author, a.published, a.lang,
               a.lang_confidence, a.site_languages, a.path, a.added, a.updated, a.sort_key,
               coalesce(s.is_read, 0) AS is_read, coalesce(s.starred, 0) AS starred, a.from_summary
        FROM article_rows a
        LEFT JOIN article_state s ON s.article_id = a.id AND s.username = current_setting('reader.user');
    ALTER VIEW articles ALTER COLUMN id SET DEFAULT nextval('article_rows_id_seq');
    ALTER VIEW articles ALTER COLUMN is_read SET DEFAULT 0;
    ALTER VIEW articles ALTER COLUMN starred SET DEFAULT 0;
    ALTER VIEW articles ALTER COLUMN from_summary SET DEFAULT 0;
    CREATE FUNCTION articles_write() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP = 'DELETE' THEN
            DELETE FROM article_rows WHERE id = OLD.id;
            RETURN OLD;
        END IF;
        IF TG_OP = 'INSERT' THEN
            INSERT INTO article_rows (id, source_id, url, guid, content_hash, title, author, published, lang,
                                      lang_confidence, site_languages, path, added, updated, sort_key, from_summary)
            VALUES (NEW.id, NEW.source_id, NEW.url, NEW.guid, NEW.content_hash, NEW.title, NEW.author, NEW.published,
                    NEW.lang, NEW.lang_confidence, NEW.site_languages, NEW.path, NEW.added, NEW.updated, NEW.sort_key,
                    NEW.from_summary);
        ELSIF (NEW.id, NEW.source_id, NEW.url, NEW.guid, NEW.content_hash, NEW.title, NEW.author, NEW.published,
               NEW.lang, NEW.lang_confidence, NEW.site_languages, NEW.path, NEW.added, NEW.updated, NEW.sort_key,
               NEW.from_summary)
              IS DISTINCT FROM
              (OLD.id, OLD.source_id, OLD.url, OLD.guid, OLD.content_hash, OLD.title, OLD.author, OLD.published,
               OLD.lang, OLD.lang_confidence, OLD.site_languages, OLD.path, OLD.added, OLD.updated, OLD.sort_key,
               OLD.from_summary) THEN
            -- Only a change of the shared row writes it: marking read touches the user's row alone.
            UPDATE article_rows SET id = NEW.id, source_id = NEW.source_id, url = NEW.url, guid = NEW.guid,
                content_hash = NEW.content_hash, title = NEW.title, author = NEW.author, published = NEW.published,
                lang = NEW.lang, lang_confidence = NEW.lang_confidence, site_languages = NEW.site_languages,
                path = NEW.path, added = NEW.added, updated = NEW.updated, sort_key = NEW.sort_key,
                from_summary = NEW.from_summary
            WHERE id = OLD.id;
        END IF;
        IF TG_OP = 'INSERT' AND (NEW.is_read <> 0 OR NEW.starred <> 0)
           OR TG_OP = 'UPDATE' AND (NEW.is_read, NEW.starred) IS DISTINCT FROM (OLD.is_read, OLD.starred) THEN
            INSERT INTO article_state (username, article_id, is_read, starred)
            VALUES (current_setting('reader.user'), NEW.id, NEW.is_read, NEW.starred)
            ON CONFLICT (username, article_id) DO UPDATE SET is_read = EXCLUDED.is_read, starred = EXCLUDED.starred;
        END IF;
        RETURN NEW;
    END $$;
    CREATE TRIGGER articles_write INSTEAD OF INSERT OR UPDATE OR DELETE ON articles
        FOR EACH ROW EXECUTE FUNCTION articles_write();
    CREATE TABLE blocks (
        article_id BIGINT NOT NULL REFERENCES article_rows(id) ON DELETE CASCADE,
        seq BIGINT NOT NULL,
        kind TEXT COLLATE "C" NOT NULL CHECK (kind IN ('p', 'h', 'quote', 'li', 'caption')),
        text TEXT COLLATE "C" NOT NULL,
        credit TEXT COLLATE "C",
        lang TEXT COLLATE "C",
        PRIMARY KEY (article_id, seq)
    );
    CREATE TABLE entities (
        article_id BIGINT NOT NULL REFERENCES article_rows(id) ON DELETE CASCADE,
        variant TEXT COLLATE "C" NOT NULL DEFAULT '',
        seq BIGINT NOT NULL,
        start BIGINT NOT NULL,
        "end" BIGINT NOT NULL,
        label TEXT COLLATE "C" NOT NULL,
        text TEXT COLLATE "C" NOT NULL,
        norm TEXT COLLATE "C" NOT NULL,
        key TEXT COLLATE "C" NOT NULL
    );
    CREATE INDEX entities_article ON entities(article_id, variant, seq);
    CREATE INDEX entities_key ON entities(key, label);
    CREATE TABLE translations (
        article_id BIGINT NOT NULL REFERENCES article_rows(id) ON DELETE CASCADE,
        target TEXT COLLATE "C" NOT NULL,
        package TEXT COLLATE "C" NOT NULL,
        seq BIGINT NOT NULL,
        text TEXT COLLATE "C" NOT NULL,
        created TEXT COLLATE "C" NOT NULL,
        PRIMARY KEY (article_id, target, package, seq)
    );
    -- rowid = article id * 4 + variant, as in SQLite; tsv: see reader/store/postgres.py.
    CREATE TABLE search (
        rowid BIGINT PRIMARY KEY,
        tsv TSVECTOR NOT NULL
    );
    CREATE INDEX search_tsv ON search USING gin (tsv);
    CREATE TABLE pending (task TEXT COLLATE "C" PRIMARY KEY);
    CREATE TABLE stories (
        id BIGSERIAL PRIMARY KEY,
        title TEXT COLLATE "C" NOT NULL,
        first TEXT COLLATE "C" NOT NULL,
        last TEXT COLLATE "C" NOT NULL,
        size BIGINT NOT NULL DEFAULT 0,
        centroid TEXT COLLATE "C" NOT NULL
    );
    CREATE INDEX stories_last ON stories(last DESC);
    CREATE TABLE story_articles (
        article_id BIGINT PRIMARY KEY REFERENCES article_rows(id) ON DELETE CASCADE,
        story_id BIGINT NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
        day BIGINT NOT NULL,
        score DOUBLE PRECISION,
        hash TEXT COLLATE "C" NOT NULL,
        vector TEXT COLLATE "C" NOT NULL
    );
    CREATE INDEX story_articles_story ON story_articles(story_id);
    CREATE TABLE story_postings (
        rowid BIGSERIAL PRIMARY KEY,
        feature TEXT COLLATE "C" NOT NULL,
        day BIGINT NOT NULL,
        article_id BIGINT NOT NULL REFERENCES story_articles(article_id) ON DELETE CASCADE,
        story_id BIGINT NOT NULL
    );
    CREATE INDEX story_postings_feature ON story_postings(feature, day);
    CREATE INDEX story_postings_article ON story_postings(article_id);
    CREATE TABLE story_df (feature TEXT COLLATE "C" PRIMARY KEY, n BIGINT NOT NULL);
    CREATE FUNCTION story_member_gone() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        UPDATE stories SET size = size - 1 WHERE id = OLD.story_id;
        DELETE FROM stories WHERE id = OLD.story_id AND size <= 0;
        RETURN OLD;
    END $$;
    CREATE TRIGGER story_member_gone AFTER DELETE ON story_articles
        FOR EACH ROW EXECUTE FUNCTION story_member_gone();
    -- Tags and saved searches, per user (the views show the connection's user's).
    CREATE TABLE user_tags (
        username TEXT COLLATE "C" NOT NULL DEFAULT current_setting('reader.user'),
        article_id BIGINT NOT NULL REFERENCES article_rows(id) ON DELETE CASCADE,
        tag TEXT COLLATE "C" NOT NULL,
        PRIMARY KEY (username, article_id, tag)
    );
    CREATE INDEX user_tags_tag ON user_tags(username, tag, article_id);
    CREATE VIEW article_tags AS
        SELECT article_id, tag, username FROM user_tags WHERE username = current_setting('reader.user');
    CREATE TABLE user_searches (
        username TEXT COLLATE "C" NOT NULL DEFAULT current_setting('reader.user'),
        name TEXT COLLATE "C" NOT NULL,
        query TEXT COLLATE "C" NOT NULL,
        created TEXT COLLATE "C" NOT NULL,
        PRIMARY KEY (username, name)
    );
    CREATE VIEW saved_searches AS
        SELECT name, query, created, username FROM user_searches WHERE username = current_setting('reader.user');
    CREATE TABLE site_lines (
        site TEXT COLLATE "C" NOT NULL,
        line BIGINT NOT NULL,
        pages BIGINT NOT NULL,
        seen BIGINT NOT NULL,
        PRIMARY KEY (site, line)
    );
    CREATE INDEX site_lines_evict ON site_lines(site, pages, seen);
    CREATE TABLE site_pages (
        site TEXT COLLATE "C" NOT NULL,
        page BIGINT NOT NULL,
        seen BIGINT NOT NULL,
        PRIMARY KEY (site, page)
    );
    """,
    # 1 → 2: SQLite's 9 → 10, stories' document counts in batches (story_df_pending).
    """
    CREATE TABLE story_df_pending (id BIGSERIAL PRIMARY KEY, features TEXT COLLATE "C" NOT NULL);
    """,
    # 2 → 3: the list's ordering indexes carry `published`, so a page is read from the index
    # alone (PostgreSQL reads an expression's column only from the table otherwise): a page
    # at offset 50,000 of 82,265 articles 43 -> 3 ms, one language's 6.8 -> 0.8 ms.
    """
    DROP INDEX articles_order;
    DROP INDEX articles_lang;
    DROP INDEX articles_source;
    CREATE INDEX articles_order ON article_rows((published IS NULL), sort_key DESC, id DESC) INCLUDE (published);
    CREATE INDEX articles_lang ON article_rows(lang, (published IS NULL), sort_key DESC, id DESC) INCLUDE (published);
    CREATE INDEX articles_source ON article_rows(source_id, (published IS NULL), sort_key DESC, id DESC) INCLUDE (published);
    """,
    # 3 → 4: SQLite's 10 → 11, entity keys with ё as е and CLDR's regions as aliases: every
    # stored key recomputed ('rekey', which also rewrites the index's names of the texts
    # whose keys moved).
    """
    INSERT INTO pending (task) VALUES ('rekey') ON CONFLICT DO NOTHING;
    """,
    # 4 → 5: SQLite's 11 → 12, the names a typed name is resolved against (`entity_names`,
    # built by 'rekey'), and `entities_key` with `norm`.
    """
    CREATE TABLE entity_names (
        label TEXT COLLATE "C" NOT NULL,
        key TEXT COLLATE "C" NOT NULL,
        norm TEXT COLLATE "C" NOT NULL,
        surname TEXT COLLATE "C" NOT NULL,
        fold TEXT COLLATE "C" NOT NULL,
        PRIMARY KEY (key, label, norm, fold)
    );
    CREATE INDEX entity_names_fold ON entity_names(fold);
    CREATE INDEX entity_names_surname ON entity_names(surname);
    DROP INDEX entities_key;
    CREATE INDEX entities_key ON entities(key, label, norm);
    INSERT INTO pending (task) VALUES ('rekey') ON CONFLICT DO NOTHING;
    """,
    # 5 → 6: SQLite's 12 → 13, stories filed under their names' skeletons: grouped again.
    """
    INSERT INTO pending (task) VALUES ('stories') ON CONFLICT DO NOTHING;
    """,
    # 6 → 7: the search index also files each text under its block of rowids (rowid / 4096,
    # postgres.py: BUCKET), so a search reads only the newest blocks' matches until it has
    # the ranking window (a common word matched 165,000 texts at 1,000,000 articles, all read
    # from the table). btree_gin (contrib, a trusted extension) indexes the number in GIN.
    """
    CREATE EXTENSION IF NOT EXISTS btree_gin;
    DROP INDEX search_tsv;
    CREATE INDEX search_recent ON search USING gin ((rowid / 4096), tsv);
    """,
    # 7 → 8: SQLite's 14 → 15, names read across scripts in two more ways: `entity_names`'
    # cross-script keys rebuilt ('rekey').
    """
    INSERT INTO pending (task) VALUES ('rekey') ON CONFLICT DO NOTHING;
    """,
    # 8 → 9: SQLite's 15 → 16, a Russian adjective's long ending meets the Ukrainian short
    # one, Ukrainian є and ьо read as Russian print writes them, acronyms' doubled letters
    # kept: stored keys move; `entity_names` holds organisations' acronyms ('rekey').
    """
    INSERT INTO pending (task) VALUES ('rekey') ON CONFLICT DO NOTHING;
    """,
    # 9 → 10: SQLite's 16 → 17, a Russian adjective in -ический meets the Ukrainian one in
    # -ічний, a Russian у for an English w is keyed в, a person's particles join the surname,
    # a Chinese name's family name goes last, an English acronym spelled out in Cyrillic is
    # the acronym: stored keys move ('rekey'); `entity_names`' primary key holds `surname` too.
    """
    ALTER TABLE entity_names DROP CONSTRAINT entity_names_pkey;
    ALTER TABLE entity_names ADD PRIMARY KEY (key, label, norm, fold, surname);
    INSERT INTO pending (task) VALUES ('rekey') ON CONFLICT DO NOTHING;
    """,
    # 10 → 11: SQLite's 17 → 18, the glossary of names' common words grew: `entity_names`'
    # word-for-word forms rebuilt ('rekey').
    """
    INSERT INTO pending (task) VALUES ('rekey') ON CONFLICT DO NOTHING;
    """,
    # 11 → 12: SQLite's 18 → 19, a person's particle with a capital joins the surname: stored
    # keys move ('rekey').
    """
    INSERT INTO pending (task) VALUES ('rekey') ON CONFLICT DO NOTHING;
    """,
    # 12 → 13: SQLite's 19 → 20: words or an acronym that only say what kind of thing a
    # name is, an ordinal's ending and a person's lower-case title leave its key; a name in
    # quotes never takes the alias data's key; an e after a vowel is one key however its
    # glide is written; ø is o; a Latin eu is read as ев, a Polish, Czech or Slovak spelling
    # as they read it; a Latin name's key without its accents is remembered; the glossary
    # grew ('rekey').
    """
    INSERT INTO pending (task) VALUES ('rekey') ON CONFLICT DO NOTHING;
    """,
    # 13 → 14: SQLite's 20 → 21: a place's river, lake or island and a place's adjective's
    # ending; kin forms of one word; word-for-word forms with countries' adjectives and
    # acronyms, adjectives' nouns, no glue, and a glossary twice the size; Polivanov and
    # French readings, glides and kind words in cross-script keys ('rekey').
    """
    INSERT INTO pending (task) VALUES ('rekey') ON CONFLICT DO NOTHING;
    """,
    # 14 → 15: SQLite's 21 → 22: story vectors know their languages, and articles are also
    # filed in the stories' index under the English sense of their strongest words the
    # glossaries translate ('story_vectors').
    """
    INSERT INTO pending (task) VALUES ('story_vectors') ON CONFLICT DO NOTHING;
    """,
]

PG_SCHEMA_VERSION = len(PG_MIGRATIONS)
