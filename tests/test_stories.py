"""Stories (issue 15): articles about one event grouped across sources and languages,
incrementally, with the CLI's `stories`, `stories --why` and the story line in `show`."""

from __future__ import annotations

import json
import math

import pytest
from click.testing import CliRunner

from conftest import SAMPLES
from reader import stories
from reader.cli import cli
from reader.model import Article, Block

RBC = SAMPLES / "000_af0c14c35a6c46c4.txt"
KI = SAMPLES / "003_1d78ed1c9f51288a.txt"
UK = SAMPLES / "uk_nato_summit_note.txt"
RU = SAMPLES / "ru_nato_summit_note.txt"


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def _ids_by_title(home) -> dict[str, int]:
    return {r["title"]: r["id"] for r in json.loads(run("list", "--json").stdout)}


# --- the pure core ------------------------------------------------------------------------


def test_ukrainian_and_russian_cognates_share_a_word_feature():
    uk = stories.features("Саміт НАТО у Вашингтоні", [], "uk")
    ru = stories.features("Саммит НАТО в Вашингтоне", [], "ru")
    shared = set(uk) & set(ru)
    assert {"w:cy:самит", "w:cy:вашингтон"} <= shared
    assert not any(f.startswith("w:cy:у") or f == "w:cy:в" for f in uk | ru)  # function words left out


def test_numbers_and_entity_keys_are_features_in_every_language():
    en = stories.features("World Bank gives Ukraine 150 million", [], "en", [(-1, "ukraine")])
    ru = stories.features("Всемирный банк выделит Украине 150 млн", [], "ru", [(-1, "ukraine")])
    assert {"n:150", "e:ukraine"} <= set(en) & set(ru)


def test_articles_in_different_scripts_are_compared_on_names_numbers_and_the_glossarys_words():
    en = {"e:nato": 0.6, "w:en:summit": 0.8}
    uk = {"e:nato": 0.6, "w:cy:самит": 0.8}
    assert stories.comparable(en, uk) == {"e", "n"}
    assert stories.similarity(en, uk) == pytest.approx(1.0)  # summit and саміт are one word of the glossary
    lullaby = {"e:nato": 0.6, "w:cy:колискова": 0.8}  # a word the glossaries do not know
    # a word the glossary does not know does not dilute; one it knows counts GLOSSARY_WEIGHT
    assert stories.similarity(en, lullaby) == pytest.approx(0.6 / math.hypot(0.6, 0.8 * stories.GLOSSARY_WEIGHT))
    assert stories.similarity(en, {"w:en:summit": 1.0}) == pytest.approx(0.8)  # one script: word for word
    why = stories.explain(uk, en)
    assert [stories.describe(f) for f, _ in why.shared] == ["nato (name)", "самит (word)"]  # as the first writes it
    assert why.compared_on == ["e", "g", "n"] and stories.explain(en, en).compared_on == ["e", "n", "w:en"]


def test_ukrainian_and_russian_meet_on_the_glossary_consonants_and_name_skeletons_only_as_two_languages():
    uk = {"l:uk": 1.0, "w:cy:напад": 0.6, "w:cy:гирчиця": 0.6, "e:volodimir selenski": 0.52}
    ru = {"l:ru": 1.0, "w:cy:нападение": 0.6, "w:cy:горчица": 0.6, "e:vladimir selenski": 0.52}
    assert stories.languages(uk) == {"uk"} and stories.comparable(uk, ru) == {"e", "n", "w:cy"}
    assert "w:cy:гирчиця" not in stories.glossary() and "w:cy:горчица" not in stories.glossary()
    # attack by the glossary, гірчиця/горчица (mustard) by their consonants, Volodymyr/Vladimir by skeleton
    assert stories.similarity(uk, ru) == pytest.approx(1.0)
    why = stories.explain(uk, ru)
    assert {f for f, _ in why.shared} == {"w:cy:напад", "w:cy:гирчиця", "e:volodimir selenski"}
    # between Ukrainian and Russian a glossary word counts fully, as words met by consonants do
    assert stories.similarity({"l:uk": 1.0, "w:cy:напад": 0.6, "e:oslo": 0.8},
                              {"l:ru": 1.0, "w:cy:нападение": 0.6, "e:bergen": 0.8}) == pytest.approx(0.36)
    # within one language, words and names are compared as written: synonyms stay apart
    assert stories.similarity(dict(uk, **{"l:uk": 0.0, "l:ru": 1.0}), ru) == pytest.approx(0.0)
    assert stories.similarity({"l:ru": 1.0, "w:cy:атака": 1.0}, {"l:ru": 1.0, "w:cy:нападение": 1.0}) == 0.0
    # a story told in both languages reads a new article of either with the glossary
    story = stories.add_to_centroid(stories.add_to_centroid({}, uk), dict(uk, **{"l:uk": 0.0, "l:ru": 1.0}))
    assert stories.languages(story) == {"uk", "ru"} and stories.similarity(story, ru) > 0.9


def test_a_number_in_groups_of_three_digits_is_one_number_however_grouped():
    en = stories.features("", ["Some 25,000 people marched; 2.5 percent more."], "en")
    ru = stories.features("", ["Около 25 000 человек вышли; на 2,5 процента больше."], "ru")
    assert {"n:25000", "n:2", "n:5"} <= set(en) & set(ru)
    assert "n:0" not in en and "n:0" not in ru


def test_names_transliterated_apart_meet_across_scripts_by_skeleton_only():
    assert stories.skeleton("donald trump") == stories.skeleton("donald tramp")
    assert stories.skeleton("kori shulman") == stories.skeleton("kor shulman")
    assert stories.skeleton("trudeau") == stories.skeleton("triudo") and stories.skeleton("veha") == ""
    en = {"e:donald trump": 0.6, "e:veha": 0.3, "w:en:lullaby": 0.74}
    ru = {"e:donald tramp": 0.6, "e:veha": 0.3, "w:cy:колибелн": 0.74}
    assert stories.similarity(en, ru) == pytest.approx(1.0)  # names only, one by skeleton, one as written
    # within one script a name is its key: two spellings are two names
    assert stories.similarity({"e:donald trump": 1.0, "w:en:vote": 1.0}, {"e:donald tramp": 1.0, "w:en:vote": 1.0}) == pytest.approx(0.5)


def test_titles_count_on_their_own_and_are_no_features_of_their_own():
    c = stories.features("Earthquake hits Izmir", ["Rescuers searched the rubble."], "en", [(-1, "izmir")])
    assert {"t:w:en:earthquake", "t:e:izmir"} <= set(c) and "t:w:en:rubble" not in c
    assert not any(f.startswith("t:") for f in stories.counted(c))
    v = stories.weigh(c, {}, 0)
    assert stories.strongest(v, 100) == [f for f in stories.strongest(v, 100) if not f.startswith("t:")]
    # same body, other headline: the titles' share of the score is lost
    a = {"e:x": 1.0, "t:w:en:quake": 1.0}
    assert stories.similarity(a, {"e:x": 1.0, "t:w:en:quake": 1.0}) == pytest.approx(1.0)
    assert stories.similarity(a, {"e:x": 1.0, "t:w:en:inquest": 1.0}) == pytest.approx(1 - stories.TITLE_SHARE)
    assert stories.similarity(a, {"e:x": 1.0}) == pytest.approx(1.0)  # no title part: the body alone
    # titles in two scripts (names and numbers only, too few): the bodies alone
    en, uk = {"e:x": 1.0, "t:w:en:quake": 1.0, "t:e:y": 0.1}, {"e:x": 1.0, "t:w:cy:землетрус": 1.0, "t:e:z": 0.1}
    assert stories.similarity(en, uk) == pytest.approx(1.0)


@pytest.mark.parametrize("label", ["ALSO READ:", "Read also:", "Читайте также:", "Читайте також:"])
def test_a_list_of_other_articles_inside_a_paragraph_is_not_the_articles_words(label):
    """A page flattened to one paragraph keeps its related-links list: the other stories'
    headlines after the label are no features of this one, nor is a later paragraph."""
    counts = stories.features("Rhino poaching drama", [f"Crime drama about rhino poaching returns. {label} Actress recalls steamy scene",
                                                       "Interview with the actress"], "en")
    assert "w:en:rhino" in counts
    assert not any(f.startswith(("w:en:actress", "w:en:steamy", "w:en:interview")) for f in counts)


def test_words_of_names_count_less_as_words():
    blocks = ["Visitors to Drayton Manor said the park was closed.", "Drayton Manor reopens today; the manor house stays shut."]
    assert stories.name_words("Theme Park Closed", blocks) == {"drayton"}  # 'manor' is also written in lower case
    c = stories.features("", blocks, "en")
    assert c["w:en:drayton"] == pytest.approx(2 * stories.NAME_WORD)


def test_decide_joins_the_best_story_above_the_threshold_and_bridges_the_others():
    v = {"e:a": 0.8, "e:b": 0.6}
    near, also, far = (1, {"e:a": 1.0}, []), (2, {"e:b": 1.0}, []), (3, {"e:c": 1.0}, [])
    assert stories.decide(v, [far, also, near], threshold=0.5) == (1, pytest.approx(0.8), [2])
    assert stories.decide(v, [far], threshold=0.5)[0] is None
    # a story's closest member counts when the mixture of its languages does not fit
    assert stories.decide(v, [(4, {"e:z": 1.0}, [{"e:a": 1.0}])], threshold=0.5)[0] == 4


# --- the samples: one event in English, Ukrainian and Russian -------------------------------


@pytest.mark.parametrize("order", [(RBC, KI, UK, RU), (UK, RU, RBC, KI), (RU, RBC, UK, KI)])
def test_the_samples_make_one_story_whatever_the_order(home, order):
    assert run("add", *order).exit_code == 0
    found = json.loads(run("stories", "--json").stdout)
    assert len(found) == 1, found
    story = found[0]
    assert set(story) == {"id", "title", "articles", "languages", "sources", "first", "last"}
    assert sorted(story["articles"]) == sorted(_ids_by_title(home).values())
    assert story["languages"] == ["en", "ru", "uk"]


def test_an_article_about_something_else_is_a_story_of_its_own(home, tmp_path):
    other = tmp_path / "other.txt"
    other.write_text("Heatwave closes schools in Madrid\n\nSchools across Madrid closed on Tuesday as temperatures "
                     "reached 42 degrees, the regional government of Spain said, and hospitals reported more patients "
                     "with heatstroke.\n", encoding="utf-8")
    assert run("add", RBC, UK, other).exit_code == 0
    found = json.loads(run("stories", "--json").stdout)
    ids = _ids_by_title(home)
    madrid = ids["Heatwave closes schools in Madrid"]
    assert sorted(len(s["articles"]) for s in found) == [1, 2]
    assert [s["articles"] for s in found if madrid in s["articles"]] == [[madrid]]
    # the text listing leaves single-article stories out unless --all
    listed = run("stories").stdout
    assert "Heatwave" not in listed and "NATO" in listed
    assert "Heatwave" in run("stories", "--all").stdout


def test_show_names_the_story_and_its_other_articles(home):
    run("add", RBC, UK, RU)
    ids = _ids_by_title(home)
    uk_id = next(i for t, i in ids.items() if t.startswith("Саміт"))
    text = run("show", uk_id).stdout
    line = next(line for line in text.splitlines() if line.startswith("story "))
    assert "3 articles" in line and "en, ru, uk" in line
    assert all(str(i) in line.split("also", 1)[1] for i in ids.values() if i != uk_id)
    shown = json.loads(run("show", uk_id, "--json").stdout)
    assert sorted(shown["story"]["articles"]) == sorted(ids.values())


def test_filters_since_and_lang(home, tmp_path):
    run("add", RBC, UK, RU)
    (tmp_path / "old.json").write_text(json.dumps({
        "title": "Flood in Lviv region", "text": "Heavy rain flooded 30 villages in the Lviv region on Monday, officials said.",
        "published": "2020-03-02", "lang": "en"}), encoding="utf-8")
    run("add", tmp_path / "old.json")
    everything = json.loads(run("stories", "--json").stdout)
    assert len(everything) == 2
    recent = json.loads(run("stories", "--json", "--since", "2021-01-01").stdout)
    assert [len(s["articles"]) for s in recent] == [3]
    russian = json.loads(run("stories", "--json", "--lang", "ru").stdout)
    assert len(russian) == 1 and "ru" in russian[0]["languages"]
    assert json.loads(run("stories", "--json", "--lang", "ua").stdout) == russian  # the alias reads as uk


# --- explainable -----------------------------------------------------------------------------


def test_why_names_shared_entities_score_and_verdict(home, tmp_path):
    other = tmp_path / "other.txt"
    other.write_text("Heatwave closes schools in Madrid\n\nSchools across Madrid closed as temperatures reached 42 degrees.\n",
                     encoding="utf-8")
    run("add", UK, RU, other)
    ids = _ids_by_title(home)
    uk_id = next(i for t, i in ids.items() if t.startswith("Саміт"))
    ru_id = next(i for t, i in ids.items() if t.startswith("Саммит"))
    same = run("stories", "--why", uk_id, ru_id)
    assert same.exit_code == 0
    assert "in one story" in same.stdout and "score" in same.stdout
    assert "nato (name)" in same.stdout.lower()
    apart = json.loads(run("stories", "--why", uk_id, ids["Heatwave closes schools in Madrid"], "--json").stdout)
    assert apart["same_story"] is False and apart["score"] < apart["threshold"]
    joined = json.loads(run("stories", "--why", uk_id, ru_id, "--json").stdout)
    assert joined["same_story"] is True and joined["score"] >= joined["threshold"]
    assert any(s["feature"] == "e:nato" for s in joined["shared"])


def test_why_with_an_unknown_id_is_one_clear_line_and_fails(home):
    run("add", UK)
    result = run("stories", "--why", 1, 999)
    assert result.exit_code != 0
    assert result.stderr.strip() == "Error: no article with id 999"


# --- incremental -----------------------------------------------------------------------------


def _article(title: str, text: str, published: str | None, url: str) -> Article:
    return Article(title=title, body=[Block("p", text)], lang="en", published=published, url=url)


EVENT = ("Earthquake of magnitude 6.1 hits Izmir", "An earthquake of magnitude 6.1 struck Izmir province on Friday, "
         "damaging 120 buildings; rescuers searched the rubble in Bayrakli district through the night.")


def test_dates_far_apart_are_different_events(store):
    a, _ = store.add(_article(*EVENT, "2023-03-03", "https://a.example/1"))
    b, _ = store.add(_article(EVENT[0] + " again", EVENT[1] + " Aftershocks followed.", "2023-05-20", "https://b.example/1"))
    c, _ = store.add(_article(EVENT[0] + ", officials say", EVENT[1] + " Officials spoke.", "2023-03-04", "https://c.example/1"))
    stories.update(store)
    sa, sb, sc = (store.story_member(i)[0] for i in (a, b, c))
    assert sa == sc != sb
    assert store.story_of(a)["articles"] == [a, c]


def test_removing_an_article_takes_it_out_of_its_story(store):
    a, _ = store.add(_article(*EVENT, "2023-03-03", "https://a.example/1"))
    c, _ = store.add(_article(EVENT[0] + ", officials say", EVENT[1] + " Officials spoke.", "2023-03-04", "https://c.example/1"))
    stories.update(store)
    story = store.story_of(a)["id"]
    store.remove(c)
    assert store.story_of(a)["articles"] == [a]
    store.remove(a)
    assert store.stories(story_id=story) == []


def test_a_changed_text_is_grouped_again_and_nothing_twice(store):
    a, _ = store.add(_article(*EVENT, "2023-03-03", "https://a.example/1"))
    stories.update(store)
    assert store.story_todo() == []
    store.add(_article(EVENT[0], EVENT[1] + " A second paragraph was added.", "2023-03-03", "https://a.example/1"))
    assert store.story_todo() == [a]
    stories.update(store)
    assert store.story_todo() == []
    assert store.conn.execute("SELECT count(*) FROM story_articles").fetchone()[0] == 1
    assert store.story_of(a)["articles"] == [a]


def test_an_older_store_is_grouped_by_the_pending_task(home):
    from reader.store import open_store

    with open_store(home) as s:
        a, _ = s.add(_article(*EVENT, "2023-03-03", "https://a.example/1"))
        c, _ = s.add(_article(EVENT[0] + ", officials say", EVENT[1] + " Officials spoke.", "2023-03-04", "https://c.example/1"))
        assert s.story_of(a) is None  # Store.add alone does not group
        s.conn.execute("INSERT INTO pending (task) VALUES ('stories')")
    with open_store(home) as s:
        assert s.story_of(a)["articles"] == [a, c]
        assert s.conn.execute("SELECT count(*) FROM pending").fetchone()[0] == 0


def test_document_counts_are_folded_in_batches_that_grow_with_the_store(any_store):
    store = any_store
    assert [stories.fold_every(n) for n in (0, 150, 10_000, 10**6)] == [1, 1, 100, stories.FOLD_MAX]
    ids = [store.add(_article(f"{EVENT[0]} ({n})", EVENT[1], "2023-03-03", f"https://x.example/{n}"))[0] for n in range(3)]
    stories.update(store)  # a small store: every article counted at once
    df, n = store.story_df(["w:en:earthquake", "e:izmir"])
    assert n == 3 and df["w:en:earthquake"] == 3
    assert store.conn.execute("SELECT count(*) FROM story_df_pending").fetchone()[0] == 0
    # a batch: the counts wait until enough articles do, then every one is counted once
    store.story_forget(ids[0])
    store.story_put(ids[0], None, None, {"e:q": 1.0}, 1, "2023-01-01", "h", ["e:q", "w:en:earthquake"], ["e:q"])
    assert store.story_fold_df(2) == 0 and store.story_df(["e:q"]) == ({}, 3)
    assert store.story_fold_df(1) == 1
    assert store.story_df(["e:q", "w:en:earthquake"]) == ({"e:q": 1, "w:en:earthquake": 4}, 4)


def test_remembered_document_counts_are_the_stored_ones_after_every_fold(new_store, tmp_path):
    # Two stores on one database (two processes): each remembers the counts it read, and
    # must read them again once either folds, clears them, or a fold is rolled back.
    a, b = new_store(tmp_path / "reader.db"), new_store(tmp_path / "reader.db")
    feats = ["w:en:earthquake", "w:en:izmir", "w:en:rubble", "w:en:aftershock", "w:en:unknownword"]

    def stored(store):
        rows = store.conn.execute(f"SELECT feature, n FROM story_df WHERE feature IN ({', '.join('?' * len(feats))})", feats)
        return dict(rows.fetchall()), store.conn.execute("SELECT n FROM story_df WHERE feature = ''").fetchone()[0]

    def add(store, n, extra=""):
        store.add(_article(f"{EVENT[0]} ({n})", EVENT[1] + extra, "2023-03-03", f"https://x.example/{n}"))
        stories.update(store)  # a small store: each article's counts folded at once

    try:
        for n in range(3):
            add(a, n)
        assert a.story_df(feats) == stored(a) and a.story_df(feats)[0]["w:en:earthquake"] == 3
        add(b, 3, " Aftershocks followed.")  # the other store folds
        assert a.story_df(feats) == stored(a) == b.story_df(feats) and a.story_df(feats)[0]["w:en:aftershock"] == 1
        add(a, 4, " Aftershocks followed.")  # this one folds: what it remembered is brought up to date
        assert a.story_df(feats) == stored(a) == b.story_df(feats) and a.story_df(feats)[0]["w:en:aftershock"] == 2
        a.add(_article(EVENT[0] + " (5)", EVENT[1] + " Aftershocks followed.", "2023-03-03", "https://x.example/5"))
        with pytest.raises(RuntimeError), a.transaction():
            stories.rebuild(a)
            assert a.story_df(feats)[0]["w:en:aftershock"] == 3
            raise RuntimeError  # rolled back, the fold too
        assert a.story_df(feats) == stored(a) and a.story_df(feats)[0]["w:en:aftershock"] == 2
        with a.transaction():
            stories.rebuild(a)  # cleared and counted afresh
        assert a.story_df(feats) == stored(a) == b.story_df(feats) and a.story_df(feats)[0]["w:en:aftershock"] == 3
    finally:
        a.close()
        b.close()


def test_why_shows_a_name_met_by_skeleton_as_written():
    en = {"e:donald trump": 0.8, "e:ottawa": 0.6}
    ru = {"e:donald tramp": 0.8, "e:moskva": 0.6}
    why = stories.explain(en, ru)
    assert [f for f, _ in why.shared] == ["e:donald trump"]
    assert why.only_a == ["e:ottawa"] and why.only_b == ["e:moskva"]


def test_an_article_finds_a_story_told_in_another_script_by_its_names(store):
    en = Article(title="Trudeau meets Zelensky in Ottawa", lang="en", published="2024-06-01", url="https://a.example/en",
                 body=[Block("p", "Prime minister Trudeau met Zelensky in Ottawa on Saturday.")])
    ru = Article(title="Трюдо встретился с Зеленским в Оттаве", lang="ru", published="2024-06-01", url="https://b.example/ru",
                 body=[Block("p", "Премьер-министр Трюдо встретился с Зеленским в Оттаве в субботу.")])
    from reader.pipeline import understand

    a, _ = store.add(en, understand(en)[0])
    b, _ = store.add(ru, understand(ru)[0])
    keys = lambda i: {r[0] for r in store.conn.execute("SELECT feature FROM story_postings WHERE article_id = ?", (i,))}  # noqa: E731
    stories.update(store, [a])
    assert stories.skeleton("trudeau") == "trd" and "e:trd" in keys(a)  # filed by skeleton
    stories.update(store, [b])
    assert store.story_member(a)[0] == store.story_member(b)[0]


def _quake(lang: str, url: str) -> Article:
    title, text = {
        "en": ("Earthquake damages the port", "A strong earthquake damaged the port; the ministry sent rescuers."),
        "ru": ("Землетрясение повредило порт", "Сильное землетрясение повредило порт; министерство направило спасателей."),
    }[lang]
    return Article(title=title, body=[Block("p", text)], lang=lang, published="2024-06-01", url=url)


def test_an_article_finds_a_story_told_in_another_script_by_the_glossarys_words(store):
    """No name and no number in common: the English sense of the words the glossaries
    translate files and compares them (earthquake, землетрясение; port, порт; ministry)."""
    a, _ = store.add(_quake("en", "https://a.example/en"), [])
    b, _ = store.add(_quake("ru", "https://b.example/ru"), [])
    stories.update(store, [a])
    filed = {r[0] for r in store.conn.execute("SELECT feature FROM story_postings WHERE article_id = ?", (a,))}
    assert "g:earthquake" in filed and "w:en:earthquake" not in filed  # filed by its sense, which both share
    stories.update(store, [b])
    assert store.story_member(a)[0] == store.story_member(b)[0]


def test_an_older_stores_vectors_get_their_languages_and_glossary_postings_from_the_pending_task(home):
    import json

    from reader.store import open_store

    with open_store(home) as s:
        a, _ = s.add(_quake("en", "https://a.example/en"), [])
        stories.update(s, [a])
        story = s.story_member(a)[0]
        # as filed before migration 21 → 22: no languages, no glossary postings
        s.conn.execute("DELETE FROM story_postings WHERE feature LIKE 'g:%'")
        old = {f: x for f, x in s.story_member(a)[3].items() if not f.startswith("l:")}
        s.conn.execute("UPDATE story_articles SET vector = ?", (json.dumps(old),))
        centroid = json.loads(s.conn.execute("SELECT centroid FROM stories").fetchone()[0])
        s.conn.execute("UPDATE stories SET centroid = ?", (json.dumps({f: x for f, x in centroid.items() if f != "l:en"}),))
        s.conn.execute("INSERT INTO pending (task) VALUES ('story_vectors')")
    with open_store(home) as s:
        filed = [r[0] for r in s.conn.execute("SELECT feature FROM story_postings WHERE article_id = ?", (a,))]
        assert "g:earthquake" in filed and len(filed) == len(set(filed))  # added, nothing twice
        assert stories.languages(s.story_member(a)[3]) == {"en"}
        assert stories.languages(json.loads(s.conn.execute("SELECT centroid FROM stories").fetchone()[0])) == {"en"}
        assert s.conn.execute("SELECT count(*) FROM pending").fetchone()[0] == 0
        b, _ = s.add(_quake("ru", "https://b.example/ru"), [])
        stories.update(s, [b])
        assert s.story_member(a)[0] == s.story_member(b)[0] == story
