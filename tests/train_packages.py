"""Train the tiny but real argos packages the translation tests use (en↔uk, en↔ru).

No model can be downloaded on the build machines, so the tests carry their own: a
SentencePiece model and a one-layer Marian transformer trained on a few hundred template
sentences, converted with CTranslate2's converter and zipped in argos's `.argosmodel`
layout. The results are committed under tests/packages/, so the tests need neither torch
nor transformers. Re-run this only to change the corpus or the model:

    python -m venv /tmp/trainvenv && /tmp/trainvenv/bin/pip install torch==2.13.0 \
        transformers sentencepiece ctranslate2
    /tmp/trainvenv/bin/python tests/train_packages.py

Facts that shaped it: SentencePiece with vocabulary 300 and eos_id=0, unk_id=1, pad_id=-1
(BPE: on so few distinct sentences unigram stops at ~130 pieces, nearly characters, and
learns slowly); the `<pad>` row of the shared embedding is held at zero, because
CTranslate2 starts the Marian decoder from a zero embedding; CTranslate2's Marian loader drops the last vocabulary row, so `<pad>` goes
last; max_position_embeddings must be 512 (with 128 an untrained model never stops).
Sources carry no `</s>`, as argos feeds them to CTranslate2.
"""

from __future__ import annotations

import io
import itertools
import json
import random
import tempfile
import zipfile
from pathlib import Path

OUT = Path(__file__).resolve().parent / "packages"
VERSION = "1.0"
NAMES = {"en": "English", "uk": "Ukrainian", "ru": "Russian"}

# Phrase tables: (English, Ukrainian, Russian). Subjects are all masculine so the verbs agree.
SUBJECTS = [
    ("The minister", "Міністр", "Министр"),
    ("The president", "Президент", "Президент"),
    ("The mayor", "Мер", "Мэр"),
    ("The general", "Генерал", "Генерал"),
    ("The spokesman", "Речник", "Представитель"),
]
VERBS = [
    ("announced", "оголосив", "объявил"),
    ("rejected", "відхилив", "отклонил"),
    ("supported", "підтримав", "поддержал"),
    ("criticised", "розкритикував", "раскритиковал"),
]
OBJECTS = [
    ("new sanctions", "нові санкції", "новые санкции"),
    ("the peace plan", "мирний план", "мирный план"),
    ("the budget", "бюджет", "бюджет"),
    ("the agreement", "угоду", "соглашение"),
]
TIMES = [
    ("on Monday", "у понеділок", "в понедельник"),
    ("on Tuesday", "у вівторок", "во вторник"),
    ("on Wednesday", "у середу", "в среду"),
    ("on Friday", "у п'ятницю", "в пятницу"),
    ("yesterday", "вчора", "вчера"),
    ("today", "сьогодні", "сегодня"),
]
CITIES = [
    ("Kyiv", "Києві", "Киеве"),
    ("London", "Лондоні", "Лондоне"),
    ("Paris", "Парижі", "Париже"),
    ("Warsaw", "Варшаві", "Варшаве"),
    ("Geneva", "Женеві", "Женеве"),
]


def corpus() -> list[dict[str, str]]:
    """Parallel template sentences, one dict per sentence keyed by language."""
    rows = []
    for s, v, o, t in itertools.product(SUBJECTS, VERBS, OBJECTS, TIMES):
        rows.append({lang: f"{s[i]} {v[i]} {o[i]} {t[i]}." for i, lang in enumerate(("en", "uk", "ru"))})
    for c, t in itertools.product(CITIES, TIMES):
        rows.append({"en": f"The talks in {c[0]} ended {t[0]}.",
                     "uk": f"Переговори в {c[1]} завершилися {t[1]}.",
                     "ru": f"Переговоры в {c[2]} завершились {t[2]}."})
    return rows


def train_sentencepiece(texts: list[str]) -> bytes:
    import sentencepiece as spm

    model = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(texts), model_writer=model, vocab_size=300, model_type="bpe",
        character_coverage=1.0, eos_id=0, unk_id=1, bos_id=-1, pad_id=-1,
        num_threads=1, minloglevel=2,
    )
    return model.getvalue()


def train_marian(pairs: list[tuple[list[int], list[int]]], vocab: int, steps: int, seed: int):
    """A one-layer Marian model over `vocab` pieces plus `<pad>` (id `vocab`)."""
    import torch
    from transformers import MarianConfig, MarianMTModel

    torch.manual_seed(seed)
    torch.set_num_threads(1)  # a tiny model: more threads only wait on each other
    pad = vocab
    config = MarianConfig(
        vocab_size=vocab + 1, decoder_vocab_size=vocab + 1, d_model=64,
        encoder_layers=1, decoder_layers=1, encoder_attention_heads=4, decoder_attention_heads=4,
        encoder_ffn_dim=256, decoder_ffn_dim=256, max_position_embeddings=512,
        pad_token_id=pad, eos_token_id=0, decoder_start_token_id=pad, forced_eos_token_id=0,
        dropout=0.1, scale_embedding=True, share_encoder_decoder_embeddings=True,
    )
    model = MarianMTModel(config)
    shared = model.get_input_embeddings().weight
    with torch.no_grad():
        shared[pad].zero_()  # CTranslate2 starts the decoder from a zero embedding
    optimiser = torch.optim.AdamW(model.parameters(), lr=3e-3)
    rng = random.Random(seed)
    model.train()
    for step in range(steps):
        batch = rng.sample(pairs, 32)
        src_len = max(len(s) for s, _ in batch)
        tgt_len = max(len(t) for _, t in batch) + 1
        ids = torch.tensor([s + [pad] * (src_len - len(s)) for s, _ in batch])
        mask = (ids != pad).long()
        labels = torch.tensor([t + [0] + [-100] * (tgt_len - len(t) - 1) for _, t in batch])
        loss = model(input_ids=ids, attention_mask=mask, labels=labels).loss
        optimiser.zero_grad()
        loss.backward()
        optimiser.step()
        with torch.no_grad():
            shared[pad].zero_()  # the tied output projection would move it
        if step % 100 == 0 or step == steps - 1:
            print(f"  step {step} loss {loss.item():.3f}")
    model.eval()
    return model


def convert(model, pieces: list[str], output_dir: Path) -> None:
    """CTranslate2's own Marian loader, fed our SentencePiece vocabulary."""
    from ctranslate2.converters import Converter
    from ctranslate2.converters.transformers import MarianMTLoader

    class Vocabulary:  # what the loader asks of a tokenizer
        eos_token, unk_token = "</s>", "<unk>"

        def get_vocab(self):
            return {p: i for i, p in enumerate(pieces + ["<pad>"])}

    class Tiny(Converter):
        def _load(self):
            return MarianMTLoader()(model, Vocabulary())

    Tiny().convert(str(output_dir), quantization="int8", force=True)


def build(src: str, tgt: str, rows: list[dict[str, str]], steps: int) -> Path:
    import sentencepiece as spm

    print(f"{src}→{tgt}")
    sp_bytes = train_sentencepiece([r[src] for r in rows] + [r[tgt] for r in rows])
    sp = spm.SentencePieceProcessor(model_proto=sp_bytes)
    pieces = [sp.id_to_piece(i) for i in range(sp.get_piece_size())]
    pairs = [(sp.encode(r[src]), sp.encode(r[tgt])) for r in rows]
    pairs += [p for p, r in zip(pairs, rows) if "talks" in r["en"]] * 4  # the smaller template
    model = train_marian(pairs, len(pieces), steps, seed=len(src + tgt) * 7 + ord(tgt[0]))
    name = f"translate-{src}_{tgt}-{VERSION.replace('.', '_')}"
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / name
        root.mkdir()
        convert(model, pieces, root / "model")
        (root / "sentencepiece.model").write_bytes(sp_bytes)
        metadata = {
            "package_version": VERSION, "argos_version": "1.9", "type": "translate",
            "from_code": src, "from_name": NAMES[src], "to_code": tgt, "to_name": NAMES[tgt],
            "code": name.rsplit("-", 1)[0],
        }
        (root / "metadata.json").write_text(json.dumps(metadata, indent=2), encoding="utf-8")
        (root / "README.md").write_text(
            f"Tiny test package {src}→{tgt} trained by tests/train_packages.py on template "
            "news sentences. For tests only: it knows nothing beyond its templates.\n",
            encoding="utf-8")
        OUT.mkdir(exist_ok=True)
        target = OUT / f"{src}_{tgt}.argosmodel"
        with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zf:
            for path in sorted(root.rglob("*")):
                zf.write(path, path.relative_to(tmp).as_posix())
    check(target, rows, src, tgt)
    return target


def check(package: Path, rows: list[dict[str, str]], src: str, tgt: str) -> None:
    """Print how many corpus sentences the converted model gets exactly right."""
    import ctranslate2
    import sentencepiece as spm

    with tempfile.TemporaryDirectory() as tmp:
        with zipfile.ZipFile(package) as zf:
            zf.extractall(tmp)
        root = next(Path(tmp).iterdir())
        sp = spm.SentencePieceProcessor(model_file=str(root / "sentencepiece.model"))
        translator = ctranslate2.Translator(str(root / "model"), compute_type="int8")
        sources = [sp.encode(r[src], out_type=str) for r in rows]
        results = translator.translate_batch(sources, beam_size=4, length_penalty=0.2)
        right = sum(sp.decode(r.hypotheses[0]) == row[tgt] for r, row in zip(results, rows))
    print(f"  {package.name}: {package.stat().st_size // 1024} kB, {right}/{len(rows)} exact")


def main() -> None:
    rows = corpus()
    for src, tgt in (("en", "uk"), ("uk", "en"), ("en", "ru"), ("ru", "en")):
        build(src, tgt, rows, steps=800)


if __name__ == "__main__":
    main()
