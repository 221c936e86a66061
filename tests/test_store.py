"""The store: migrations, idempotent adds, Cyrillic-aware search, transactions, caches."""

from __future__ import annotations

import sqlite3

import pytest

from reader.model import Article, Block, Caption, Entity
from reader.store import Store
from reader.store.schema import MIGRATIONS, SCHEMA_VERSION, SchemaError, migrate


def art(title="Anniversary NATO summit", *paras, url=None, **kw) -> Article:
    paras = paras or ("Blinken met Stoltenberg in Washington.",)
    return Article(title, [Block("p", p) for p in paras], url=url, **kw)


@pytest.fixture
def store(any_store):
    """The store tests below run on SQLite and on PostgreSQL (tests/conftest.py)."""
    return any_store


def test_migrates_from_empty(tmp_path):
    s = Store(tmp_path / "r.db")
    assert s.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert s.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    tables = {r[0] for r in s.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"sources", "articles", "blocks", "entities", "translations", "search"} <= tables


@pytest.mark.parametrize("start", range(SCHEMA_VERSION + 1))
def test_migrates_from_every_earlier_version(tmp_path, start):
    path = tmp_path / "r.db"
    conn = sqlite3.connect(path)
    assert migrate(conn, upto=start) == start
    conn.close()
    with Store(path) as s:
        assert s.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        s.add(art())
        assert s.count() == 1


def test_refuses_a_newer_schema(tmp_path):
    path = tmp_path / "r.db"
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {len(MIGRATIONS) + 1}")
    conn.close()
    with pytest.raises(SchemaError, match="newer"):
        Store(path)


def test_add_is_idempotent_by_url_and_by_content(store):
    a = art(url="https://example.org/a")
    assert store.add(a) == (1, "added")
    assert store.add(a) == (1, "unchanged")
    # The same content without a URL is the same article.
    assert store.add(art(url=None))[0] == 1
    # Case and spacing do not make new content.
    assert store.add(art("ANNIVERSARY  NATO summit", "blinken met   Stoltenberg in Washington."))[0] == 1
    # The same URL with the text edited updates the article.
    edited = "Blinken met Stoltenberg in Washington on Tuesday."
    assert store.add(art("Anniversary NATO summit", edited, url="https://example.org/a")) == (1, "updated")
    assert store.count() == 1
    assert store.get(1).body[0].text == edited
    # The same URL with another text is another article (tests/test_identity.py).
    assert store.add(art("Anniversary NATO summit", "New text.", url="https://example.org/a")) == (2, "kept apart")


def test_search_folds_cyrillic_and_latin_case(store):
    store.add(art("Блінкен прибув до Києва", "Держсекретар США Блінкен зустрівся з Зеленським."))
    store.add(art("NATO summit", "The alliance meets in Washington."))
    store.add(art("Ёлка в Москве", "Ёлку поставили на площади."))
    assert [h.title for h in store.search("блінкен")] == ["Блінкен прибув до Києва"]
    assert [h.title for h in store.search("БЛІНКЕН")] == ["Блінкен прибув до Києва"]
    assert [h.title for h in store.search("nato")] == ["NATO summit"]
    assert [h.title for h in store.search("елка")] == ["Ёлка в Москве"]
    # An inflected form is found by its dictionary form.
    assert [h.title for h in store.search("Зеленський")] == ["Блінкен прибув до Києва"]


def test_search_marks_matches_and_ignores_query_syntax(store):
    store.add(art("Sanctions", "The minister announced new sanctions on Monday."))
    [hit] = store.search("sanctions")
    assert any(hit.snippet[s:e].lower().startswith("sanction") for s, e in hit.matches)
    assert store.search('"') == []
    assert store.search("NEAR( -") == []  # FTS5 operators in a query are just words


def test_failed_add_rolls_back_and_keeps_what_was_stored(store):
    store.add(art())
    bad = art("Broken", "Some text.")
    bad.body.append(Block("not-a-kind", "x"))  # violates the blocks CHECK constraint
    with pytest.raises(store.IntegrityError):
        store.add(bad)
    assert store.count() == 1
    assert [h.title for h in store.search("broken")] == []
    assert store.get(1).title == "Anniversary NATO summit"


def test_remove_drops_blocks_index_translations_entities(store):
    article_id, _ = store.add(art(), entities=[(0, Entity(0, 7, "PER", "Blinken", "Blinken"))])
    store.put_translation(article_id, "uk", "en-uk@1.0", "Ювілейний саміт НАТО", {0: "Блінкен зустрівся зі Столтенбергом."})
    assert store.remove(article_id)
    assert store.get(article_id) is None
    assert store.search("blinken") == [] and store.search("блінкен") == []
    for table in ("blocks", "entities", "translations"):
        assert store.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == 0
    assert not store.remove(article_id)


def test_translation_cache_and_its_search(store):
    article_id, _ = store.add(art())
    assert store.get_translation(article_id, "uk") is None
    store.put_translation(article_id, "uk", "en-uk@1.0", "Ювілейний саміт НАТО", {0: "Блінкен зустрівся зі Столтенбергом."})
    assert store.get_translation(article_id, "uk") == ("en-uk@1.0", "Ювілейний саміт НАТО", {0: "Блінкен зустрівся зі Столтенбергом."})
    [hit] = store.search("столтенбергом")
    assert (hit.id, hit.variant) == (article_id, "uk")
    assert store.untranslated("uk") == []
    assert store.untranslated("ru") == [article_id]


def test_captions_and_block_kinds_round_trip(store):
    a = Article("T", [Block("h", "Head"), Block("p", "Para."), Block("quote", "Q."), Block("li", "Item")],
                captions=[Caption("Antony Blinken", "Getty Images")], site_languages=["uk", "en", "ru"], author="K. D.", published="2024-04-03T12:06")
    article_id, _ = store.add(a)
    got = store.get(article_id)
    assert [(b.kind, b.text) for b in got.body] == [(b.kind, b.text) for b in a.body]
    assert got.captions == a.captions
    assert (got.site_languages, got.author, got.published) == (["uk", "en", "ru"], "K. D.", "2024-04-03T12:06")


def test_list_filters_and_pages(store):
    store.add(art("Old", "One.", published="2023-01-01", lang="en", source="a"))
    store.add(art("New", "Two.", published="2024-05-01", lang="uk", source="b"))
    store.add(art("Mid", "Three.", published="2024-01-01", lang="en", source="a"))
    assert [r.title for r in store.list()] == ["New", "Mid", "Old"]
    assert [r.title for r in store.list(lang="en")] == ["Mid", "Old"]
    assert [r.title for r in store.list(source="b")] == ["New"]
    assert [r.title for r in store.list(since="2024-01-01")] == ["New", "Mid"]
    assert [r.title for r in store.list(limit=1, offset=1)] == ["Mid"]
    assert store.count(lang="en") == 2


def test_starred_view_reads_its_own_index(tmp_path):
    """The starred articles come from the starred-only index, newest first, undated last:
    not from a walk of every article (what made an empty "Starred" view slow)."""
    with Store(tmp_path / "r.db") as s:
        ids = [s.add(art(t, t + " text.", published=d))[0] for t, d in (("Old", "2023-01-01"), ("New", "2024-05-01"), ("Undated", None), ("Other", "2024-02-01"))]
        s.mark([ids[0], ids[1], ids[2]], starred=True)
        assert [r.title for r in s.list(starred=True)] == ["New", "Old", "Undated"]
        sql = "SELECT a.id FROM articles a WHERE a.starred = 1 ORDER BY (a.published IS NULL), a.sort_key DESC, a.id DESC LIMIT 50"
        plan = " ".join(r[-1] for r in s.conn.execute("EXPLAIN QUERY PLAN " + sql))
        assert "articles_starred" in plan and "TEMP B-TREE" not in plan, plan


def test_entities_index_and_filter(store):
    a1, _ = store.add(art("A", "Blinken spoke."), entities=[(0, Entity(0, 7, "PER", "Blinken", "Blinken"))])
    a2, _ = store.add(art("B", "Others spoke."))
    store.put_entities(a2, "", [(0, Entity(0, 6, "PER", "Others", "Blinken"))])
    top = store.top_entities()
    assert top[0][:4] == ("Blinken", "PER", 2, 2)
    assert {r.id for r in store.list(entity="blinken")} == {a1, a2}
    assert store.entities(a1) == [(0, Entity(0, 7, "PER", "Blinken", "Blinken"))]


def test_a_country_named_as_its_state_is_one_place_in_the_top_entities(store):
    """`Россия` the place (LOC) and `Россия` the state (ORG) are one entry; a body stays a body."""
    text = "Россия и Роснефть."
    a1, _ = store.add(art("A", text), entities=[(0, Entity(0, 6, "ORG", "Россия", "Россия")), (0, Entity(9, 17, "ORG", "Роснефть", "Роснефть"))])
    a2, _ = store.add(art("B", "В России."), entities=[(0, Entity(2, 8, "LOC", "России", "Россия"))])
    assert [r[:4] for r in store.top_entities()] == [("Россия", "LOC", 2, 2), ("Роснефть", "ORG", 1, 1)]
    assert [r[:4] for r in store.top_entities(label="LOC")] == [("Россия", "LOC", 2, 2)]
    assert [r[:4] for r in store.top_entities(label="ORG")] == [("Роснефть", "ORG", 1, 1)]


def test_read_and_starred_state(store):
    article_id, _ = store.add(art())
    store.set_read(article_id)
    store.set_starred(article_id)
    got = store.get(article_id)
    assert got.is_read and got.starred
    assert store.count(unread=True) == 0 and store.count(starred=True) == 1


def test_search_matches_inflected_forms_by_dictionary_form(store):
    store.add(art("Зустріч у Києві", "Президент Зеленський зустрівся з Блінкеном."))
    store.add(art("Заява", "Заява Зеленського про санкції."))
    store.add(art("Решение", "Судья вынес решение."))
    assert {h.title for h in store.search("Зеленський")} == {"Зустріч у Києві", "Заява"}
    assert [h.title for h in store.search("Блінкен")] == ["Зустріч у Києві"]
    hit = next(h for h in store.search("зеленського") if h.title == "Заява")
    assert [hit.snippet[s:e] for s, e in hit.matches] == ["Зеленського"]
    # Short words are whole words: "суд" is not "судья".
    assert store.search("суд") == []


def test_migration_to_version_2_keeps_what_a_version_1_store_holds(tmp_path):
    path = tmp_path / "r.db"
    conn = sqlite3.connect(path)
    migrate(conn, upto=1)
    conn.execute("INSERT INTO articles (id, url, guid, content_hash, title, added, updated, sort_key, is_read, starred)"
                 " VALUES (7, 'https://example.org/a', 'g-7', 'h', 'Old title', 't', 't', 't', 1, 1)")
    conn.execute("INSERT INTO blocks (article_id, seq, kind, text) VALUES (7, 0, 'p', 'Old text from before.')")
    conn.execute("INSERT INTO search (rowid, title, body) VALUES (28, 'old title', 'old text from before.')")
    conn.commit()
    conn.close()
    seen = []
    with Store(path, progress=lambda task, done, total: seen.append((task, done, total))) as s:
        assert ("reindex", 1, 1) in seen  # the index was rebuilt for the new analysis
        got = s.get(7)
        assert (got.title, got.text, got.is_read, got.starred) == ("Old title", "Old text from before.", True, True)
        assert s.stored(guid="g-7") == (7, False)  # nothing says it was a summary
        assert [h.id for h in s.search("old text")] == [7]


def test_from_summary_is_remembered_until_a_full_text_replaces_it(store):
    summary = art("Summit", "A teaser.", url="https://example.org/s", guid="s-1")
    article_id, _ = store.add(summary, from_summary=True)
    assert store.stored("https://example.org/s") == (article_id, True)
    assert store.stored(guid="s-1") == (article_id, True)
    assert store.stored("https://example.org/other", "other") is None
    full = art("Summit", "Blinken met Stoltenberg in Washington.", "They spoke for an hour.", url="https://example.org/s")
    assert store.replace(article_id, full) == "updated"
    assert store.stored("https://example.org/s") == (article_id, False)


def test_replace_keeps_the_id_and_reading_state_and_rederives_the_rest(store):
    article_id, _ = store.add(art("Summit", "A teaser about Stoltenberg.", url="https://example.org/s"),
                              entities=[(0, Entity(17, 27, "PER", "Stoltenberg", "Stoltenberg"))], from_summary=True)
    store.set_read(article_id)
    store.set_starred(article_id)
    store.put_translation(article_id, "uk", "en-uk@1.0", "Саміт", {0: "Тизер про Столтенберга."})
    full = art("Summit", "Blinken met the secretary general in Washington.", url="https://example.org/s")
    assert store.replace(article_id, full, entities=[(0, Entity(0, 7, "PER", "Blinken", "Blinken"))]) == "updated"
    got = store.get(article_id)
    assert store.count() == 1 and got.id == article_id and got.is_read and got.starred
    assert got.text == "Blinken met the secretary general in Washington."
    assert store.entities(article_id) == [(0, Entity(0, 7, "PER", "Blinken", "Blinken"))]
    assert store.get_translation(article_id, "uk") is None
    assert store.search("teaser") == [] and store.search("столтенберга") == []
    assert [h.id for h in store.search("secretary general")] == [article_id]


def test_replace_refuses_a_text_stored_as_another_article_and_changes_nothing(store):
    kept, _ = store.add(art("Summit", "A teaser.", url="https://example.org/s"), from_summary=True)
    other, _ = store.add(art("Summit", "The whole story.", url="https://example.org/t"))
    with pytest.raises(ValueError, match=f"the same text is already stored as article {other}"):
        store.replace(kept, art("Summit", "The whole story.", url="https://example.org/s"))
    with pytest.raises(ValueError, match="no article with id 99"):
        store.replace(99, art())
    assert store.get(kept).text == "A teaser." and store.stored("https://example.org/s") == (kept, True)
