"""The engine on the tiny real packages in tests/packages (trained by tests/train_packages.py).

They know only their template sentences, so every assertion here is an exact string.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from reader.model import Article, Block, Caption
from reader.store import Store
from reader.translate import Cancelled, NoPackage, find_route, translate_article, translate_blocks
from reader.translate import engine as E
from reader.translate.packages import install_file

PACKAGES = Path(__file__).resolve().parent / "packages"
ROOT = Path(__file__).resolve().parents[1]

EN = "The minister announced new sanctions on Monday."
UK = "Міністр оголосив нові санкції у понеділок."
RU = "Министр объявил новые санкции в понедельник."
EN2 = "The talks in Kyiv ended yesterday."
UK2 = "Переговори в Києві завершилися вчора."
RU2 = "Переговоры в Киеве завершились вчера."


@pytest.fixture(scope="module")
def home(tmp_path_factory):
    home = tmp_path_factory.mktemp("home")
    for pair in ("en_uk", "uk_en", "en_ru", "ru_en"):
        install_file(PACKAGES / f"{pair}.argosmodel", home)
    return home


@pytest.mark.parametrize(
    ("source", "target", "text", "expected"),
    [
        ("en", "uk", EN, UK), ("uk", "en", UK, EN), ("en", "ru", EN, RU), ("ru", "en", RU, EN),
        ("en", "uk", EN2, UK2), ("ru", "en", RU2, EN2),
        ("en", "uk", "The mayor rejected the budget yesterday.", "Мер відхилив бюджет вчора."),
        ("en", "ru", "The general supported the agreement on Friday.", "Генерал поддержал соглашение в пятницу."),
    ],
)
def test_exact_translations(home, source, target, text, expected):
    assert translate_blocks([text], source, target, home) == [expected]


def test_pivot_through_english_and_direct_wins(home, tmp_path):
    assert find_route("uk", "ru", home).key == "uk-en@1.0+en-ru@1.0"
    assert translate_blocks([UK, UK2], "uk", "ru", home) == [RU, RU2]
    assert translate_blocks([RU], "ru", "uk", home) == [UK]
    # A direct uk→ru package (here uk→en relabelled, so its output is English) wins.
    direct = tmp_path / "direct"
    shutil.copytree(next(p for p in (home / "packages").iterdir() if "uk_en" in p.name), direct / "packages" / "d")
    for p in (home / "packages").iterdir():
        shutil.copytree(p, direct / "packages" / p.name)
    meta = direct / "packages" / "d" / "metadata.json"
    meta.write_text(json.dumps(json.loads(meta.read_text()) | {"to_code": "ru", "package_version": "2.0"}))
    assert find_route("uk", "ru", direct).key == "uk-ru@2.0"
    assert translate_blocks([UK], "uk", "ru", direct) == [EN]


def test_blocks_lines_and_sentences_are_kept(home):
    texts = [EN, f"{EN} {EN2}", "", f"{EN}\n{EN2}", "2024 — 2025", "***"]
    seen = []
    out = translate_blocks(texts, "en", "uk", home, on_progress=lambda i, t: seen.append(i))
    assert out == [UK, f"{UK} {UK2}", "", f"{UK}\n{UK2}", "2024 — 2025", "***"]
    assert seen == list(range(len(texts)))  # each block reported once, in reading order


def test_same_language_and_no_package(home, tmp_path):
    assert translate_blocks([EN], "en", "en", home) == [EN]
    with pytest.raises(NoPackage, match="reader models install uk ru"):
        translate_blocks([UK], "uk", "ru", tmp_path)


def test_preload_loads_every_model_of_the_route(home):
    E._engine.cache_clear()
    E.preload("uk", "ru", home)
    assert E._engine.cache_info().currsize == 2  # uk→en and en→ru, loaded and warmed


def test_cancel_stops_between_batches(home):
    cancel = threading.Event()
    done = []

    def progress(i, text):
        done.append(i)
        cancel.set()

    with pytest.raises(Cancelled):
        translate_blocks([EN, EN2, EN], "en", "uk", home, on_progress=progress, cancel=cancel)
    assert done == [0]  # the first block came alone and was reported before the stop


def test_translate_article_caches_and_indexes(home, tmp_path):
    article = Article(
        title=EN, body=[Block("h", EN2), Block("p", f"{EN} {EN2}"), Block("quote", EN)],
        captions=[Caption(EN2, "Reuters")], lang="en",
    )
    with Store(tmp_path / "reader.db") as store:
        article_id, _ = store.add(article)
        seen = []
        key, title, texts = translate_article(store, article_id, "uk", home, on_progress=lambda s, t: seen.append(s))
        assert (key, title) == ("en-uk@1.0", UK)
        assert texts == {0: UK2, 1: f"{UK} {UK2}", 2: UK, 3: UK2}  # seq 3: the caption
        assert seen == [-1, 0, 1, 2, 3]
        assert store.get_translation(article_id, "uk") == (key, title, texts)
        assert [h.id for h in store.search("санкції")] == [article_id]
        # The translation's entities are indexed too: Києві → Київ, under the translation's language.
        assert any(e.norm == "Київ" and e.label == "LOC" for _, e in store.entities(article_id, "uk"))
        assert article_id in [r.id for r in store.list(entity="Київ")]
        # Toggling back reads the cache: a planted cache entry comes back untouched.
        store.put_translation(article_id, "uk", key, "cached", {0: "c"})
        assert translate_article(store, article_id, "uk", home)[1:] == ("cached", {0: "c"})


def test_degenerate_output_is_caught():
    assert E.repeats_at_end(["a", "b", "c", "c", "c", "c"])
    assert E.repeats_at_end(["x"] + ["▁па", "ні"] * 4)
    assert not E.repeats_at_end(["▁Міністр", "▁оголосив", "▁нові", "▁санкції", "."])
    assert E.degenerate(["a"] * 3, ["b", "c"] * 10)
    assert E.degenerate(["a", "b"], [str(i) for i in range(17)])
    assert not E.degenerate(["a", "b"], ["x", "y", "z"])


def test_chunks_put_the_first_block_alone(monkeypatch):
    monkeypatch.setattr(E, "CHUNK_SENTENCES", 48)
    blocks = [[["s"] * 3], [["s"] * 30], [["s"] * 30], [[]], [["s"] * 2]]
    assert E.chunks(blocks) == [[0], [1], [2, 3, 4]]


def test_calls_come_back_in_reading_order(home, monkeypatch):
    monkeypatch.setattr(E, "CHUNK_SENTENCES", 1)  # a call per block
    monkeypatch.setattr(E, "BATCH_TOKENS", 8)  # and each split into batches of a sentence or so
    texts = [EN, EN2, f"{EN} {EN2}", EN, "***", EN2] * 3
    seen = []
    out = translate_blocks(texts, "en", "uk", home, on_progress=lambda i, t: seen.append((i, t)))
    assert seen == list(enumerate(out))
    assert out == [UK, UK2, f"{UK} {UK2}", UK, "***", UK2] * 3


GUARD = """
import json, socket, sys
attempts = []
def refuse(*args, **kwargs):
    attempts.append(repr(args[1:] or args)[:80])
    raise OSError("network access during translation")
socket.socket.connect = socket.socket.connect_ex = refuse
socket.create_connection = socket.getaddrinfo = refuse
"""

RUN = GUARD + """
from reader.translate import translate_blocks
out = translate_blocks(json.loads(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[1])
heavy = [m for m in ("torch", "stanza", "argostranslate.translate", "argostranslate.settings", "minisbd", "spacy") if m in sys.modules]
print(json.dumps({"out": out, "heavy": heavy, "attempts": attempts}))
"""


def _run(home, texts, source, target, prefix=()):
    cmd = [*prefix, sys.executable, "-c", RUN, str(home), json.dumps(texts), source, target]
    done = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_offline_and_no_torch_in_the_process(home):
    result = _run(home, [UK, UK2], "uk", "ru")
    assert result == {"out": [RU, RU2], "heavy": [], "attempts": []}


def _unshare_works() -> bool:
    try:
        return subprocess.run(["unshare", "-n", "true"], capture_output=True, timeout=10).returncode == 0
    except (OSError, subprocess.SubprocessError):
        return False


@pytest.mark.skipif(not _unshare_works(), reason="unshare -n is not permitted here")
def test_with_the_network_really_cut(home):
    assert _run(home, [EN], "en", "uk", prefix=("unshare", "-n"))["out"] == [UK]


ARGOS = GUARD + """
import argostranslate.translate as T

class OneSentence:  # compare sentence by sentence: argos's own splitters download models
    def split_sentences(self, text):
        return [text]

sentences = json.loads(sys.argv[1])
languages = {l.code: l for l in T.get_installed_languages()}
for installed in T.installed_translates:  # every package's PackageTranslation
    installed.cached_translation.underlying.sentencizer = OneSentence()
out = [languages[s].get_translation(languages[t]).translate(text) for s, t, text in sentences]
print(json.dumps({"out": out, "attempts": attempts}))
"""


SENTENCES = [
    ("en", "uk", EN), ("en", "uk", EN2), ("en", "uk", "The spokesman criticised the peace plan today."),
    ("uk", "en", UK), ("uk", "en", "Президент підтримав угоду у середу."),
    ("en", "ru", EN), ("en", "ru", "The president rejected new sanctions on Tuesday."),
    ("ru", "en", RU2), ("ru", "en", "Мэр объявил бюджет сегодня."),
    ("uk", "ru", UK2), ("ru", "uk", RU),
    ("en", "uk", "Sanctions, the minister said, are new."),  # outside the templates: any output, but the same
]


@pytest.mark.slow
def test_same_output_as_argostranslate(home, tmp_path):
    """argostranslate.translate (torch and all) in a subprocess, on the same packages."""
    pytest.importorskip("argostranslate.translate")  # checked here only: it imports torch
    env = {"ARGOS_PACKAGES_DIR": str(home / "packages"), "XDG_DATA_HOME": str(tmp_path / "data"),
           "XDG_CONFIG_HOME": str(tmp_path / "config"), "XDG_CACHE_HOME": str(tmp_path / "cache"),
           "HOME": str(tmp_path), "PATH": "/usr/bin:/bin"}
    done = subprocess.run([sys.executable, "-c", ARGOS, json.dumps(SENTENCES)], capture_output=True,
                          text=True, cwd=ROOT, timeout=600, env=env)
    assert done.returncode == 0, done.stderr[-2000:]
    argos = json.loads(done.stdout)
    assert argos["attempts"] == []
    ours = [translate_blocks([text], s, t, home)[0] for s, t, text in SENTENCES]
    assert ours == argos["out"]


RELEASE = """
import ctypes, json
from reader.translate.engine import release_memory
libc = ctypes.CDLL(None)
libc.malloc.restype = ctypes.c_void_p
libc.free.argtypes = [ctypes.c_void_p]
def rss():
    return int(open("/proc/self/statm").read().split()[1]) * 4096
blocks, pins = [], []
for _ in range(1000):  # 64 KiB blocks, under the mmap threshold, each pinned by a small one
    block = libc.malloc(65536)
    ctypes.memset(block, 1, 65536)
    blocks.append(block)
    pins.append(libc.malloc(64))
for block in blocks:
    libc.free(block)
freed = rss()
release_memory()
print(json.dumps({"freed": freed, "released": rss()}))
"""


@pytest.mark.skipif(not sys.platform.startswith("linux") or E._malloc_trim() is None, reason="glibc's malloc_trim")
def test_release_memory_hands_freed_heap_pages_back():
    # Freed blocks between live ones stay resident in glibc's heap until trimmed: the
    # translation caches' case, which made the peak grow with each batch.
    done = subprocess.run([sys.executable, "-c", RELEASE], capture_output=True, text=True, check=True, cwd=ROOT)
    sizes = json.loads(done.stdout)
    assert sizes["freed"] - sizes["released"] > 0.8 * 1000 * 65536
