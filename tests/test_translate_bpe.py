"""The Moses + BPE tokenizer of older argos packages (reader/translate/bpe.py), which replaces
argostranslate.tokenizer.BPETokenizer so that the reader does not install argostranslate.

Where argostranslate is installed (the dev extra) its tokenizer is the reference.
"""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.translate.bpe import BPE, BPETokenizer
from reader.translate.packages import install_file, read_package

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ROOT / "tests" / "packages"

SENTENCES = [
    "The minister announced new sanctions on Monday.",
    "\"It's a deal,\" the mayor said -- then left (at 5 p.m.).",
    "Міністр оголосив нові санкції у понеділок, а мер — ні!",
    "Министр объявил «новые» санкции в понедельник… 3,5 % & 10$",
    "  double  spaces and a tab\there ",
]


def learn(texts: list[str], merges: int, version: str = "0.2") -> str:
    """A codes file in subword-nmt's format, learnt greedily from the texts' words."""
    words = Counter(w for t in texts for w in t.split())
    end = (lambda w: (*w[:-1], w[-1] + "</w>")) if version == "0.2" else (lambda w: (*w, "</w>"))
    vocab = {end(w): n for w, n in words.items()}
    codes = []
    for _ in range(merges):
        pairs: Counter = Counter()
        for word, n in vocab.items():
            for pair in zip(word, word[1:]):
                pairs[pair] += n
        if not pairs:
            break
        (a, b), _n = max(pairs.items(), key=lambda kv: (kv[1], kv[0]))
        codes.append(f"{a} {b}")
        merged = {}
        for word, n in vocab.items():
            out, i = [], 0
            while i < len(word):
                if i < len(word) - 1 and (word[i], word[i + 1]) == (a, b):
                    out.append(a + b)
                    i += 2
                else:
                    out.append(word[i])
                    i += 1
            merged[tuple(out)] = merged.get(tuple(out), 0) + n
        vocab = merged
    head = [f"#version: {version}"] if version != "0.1" else []
    return "".join(line + "\n" for line in head + codes)


def test_known_segmentation(tmp_path):
    bpe = BPE(["#version: 0.2", "t h", "th e</w>", "a n", "an d</w>", "t h"])
    assert bpe.segment_tokens(["the", "and", "then", "a", "", "thee"]) == [
        "the", "and", "th@@", "e@@", "n", "a", "th@@", "e@@", "e"]
    assert BPE(["t h", "th e", "the </w>"]).segment_tokens(["the", "then"]) == ["the", "the@@", "n"]  # 0.1


def test_codes_it_cannot_read():
    with pytest.raises(ValueError, match="invalid line 3"):
        BPE(["#version: 0.2", "t h", "the"])
    with pytest.raises(ValueError, match="version 0.3"):
        BPE(["#version: 0.3", "t h"])


def test_tokenizer_round_trip(tmp_path):
    model = tmp_path / "bpe.model"
    model.write_text(learn(SENTENCES, 60), encoding="utf-8")
    tok = BPETokenizer(model, "en", "en")
    tokens = tok.encode(SENTENCES[0])
    assert any(t.endswith("@@") for t in tokens)
    assert tok.decode(tokens) == SENTENCES[0]


words = st.lists(st.text(alphabet="abcdeабвгґ-'.", min_size=1, max_size=8), min_size=1, max_size=12)


@settings(max_examples=60, deadline=None)
@given(corpus=words, text=words, merges=st.integers(0, 40), version=st.sampled_from(["0.1", "0.2"]))
def test_same_segmentation_as_argos(corpus, text, merges, version):
    apply_bpe = pytest.importorskip("argostranslate.apply_bpe")
    codes = learn([" ".join(corpus)], merges, version)
    ours = BPE(codes.split("\n")[:-1]).segment_tokens(text)
    assert ours == apply_bpe.BPE(io.StringIO(codes)).segment_tokens(text)


def test_same_tokens_as_argos(tmp_path):
    argos = pytest.importorskip("argostranslate.tokenizer")  # imports sentencepiece only
    model = tmp_path / "bpe.model"
    model.write_text(learn(SENTENCES, 80), encoding="utf-8")
    for source, target in (("en", "uk"), ("uk", "ru"), ("ru", "en")):
        ours, theirs = BPETokenizer(model, source, target), argos.BPETokenizer(model, source, target)
        for sentence in SENTENCES:
            tokens = theirs.encode(sentence)
            assert ours.encode(sentence) == tokens
            assert ours.decode(tokens) == theirs.decode(tokens)


RUN = """
import json, sys
from pathlib import Path
from reader.translate.engine import Engine
from reader.translate.packages import read_package
engine = Engine(read_package(Path(sys.argv[1])))
out = engine.translate(["The minister announced new sanctions on Monday.", "42"])
print(json.dumps({"tokens": engine.encode("The minister."), "out": out,
                  "heavy": sorted(m for m in ("argostranslate", "torch", "stanza") if m in sys.modules)}))
"""


def test_engine_reads_a_bpe_package_without_argostranslate(tmp_path):
    """A package with bpe.model and no sentencepiece.model goes through Moses + BPE. (The
    tiny model's vocabulary is SentencePiece's, so its output here is noise: only the wiring
    and the tokens are checked.)"""
    package = install_file(PACKAGES / "en_uk.argosmodel", tmp_path / "home")
    (package.path / "sentencepiece.model").unlink()
    (package.path / "bpe.model").write_text(learn(SENTENCES, 40), encoding="utf-8")
    assert read_package(package.path).path == package.path
    done = subprocess.run([sys.executable, "-c", RUN, str(package.path)], capture_output=True,
                          text=True, cwd=ROOT, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    result = json.loads(done.stdout)
    assert result["heavy"] == []
    assert "".join(result["tokens"]).replace("@@", "") == "Theminister."
    assert isinstance(result["out"][0], str) and result["out"][1] == "42"
