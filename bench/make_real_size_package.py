"""Make an en→ru argos package of real size for bench/translate_real.py (issue 18).

Real argos packages are transformer-base models (~100 MB); the test packages are 0.5 MB, so
their speed says little about decoding at real size. No real package can be downloaded
here, so this makes one: a Marian transformer-base (6+6 layers, d=512, 8 heads, FFN 2048)
over a 32k SentencePiece vocabulary trained on the en/ru corpora in ../shared/data, trained
so that it stops decoding at a realistic length (see teach_stopping: not trained, it does
not translate), using the 500 UNER PUD sentence pairs (English and Russian translations of
each other), converted by CTranslate2's Marian
loader and zipped in argos's layout with the same code the test packages use
(tests/train_packages.py). The weights go to bench/out/ (ignored by git), never to git.

    python -m venv /tmp/rsvenv && /tmp/rsvenv/bin/pip install transformers
    echo $PWD/.venv/lib/python3.11/site-packages > /tmp/rsvenv/lib/python3.11/site-packages/zz.pth
    /tmp/rsvenv/bin/python bench/make_real_size_package.py [--out bench/out/real]

Vocabulary: the source and target share one 32,000-piece SentencePiece model (BPE; eos 0,
unk 1, `<pad>` last, as in the test packages); the encoder's embedding, the decoder's and
the output projection are separate matrices, so the int8 model (97 MB) is the size of an
argos package. Made in ~30 s: 40 unseen PUD sentences decode to 1.01× their reference's
pieces (length correlation 0.83), none runs away.
"""

from __future__ import annotations

import argparse
import io
import json
import random
import statistics
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT))

VOCAB = 32000


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def pud_pairs() -> list[tuple[str, str]]:
    """The UNER PUD sentences: the English and Russian files are translations, line for line."""
    en = read_jsonl(DATA / "ner" / "uner_pud_en.jsonl")
    ru = read_jsonl(DATA / "ner" / "uner_pud_ru.jsonl")
    return [(a["text"], b["text"]) for a, b in zip(en, ru) if a["id"].split("_")[-1] == b["id"].split("_")[-1]]


def vocabulary_texts() -> list[str]:
    """English and Russian prose for SentencePiece: PUD plus the news corpora, line by line."""
    texts = [t for pair in pud_pairs() for t in pair]
    for name in ("tgcontest_news_ru_en.jsonl", "factrueval_news_ru.jsonl"):
        for row in read_jsonl(DATA / "corpus" / name):
            texts += [line for line in row["text"].split("\n") if line.strip()]
    return texts


def train_sentencepiece(texts: list[str], vocab: int) -> bytes:
    import sentencepiece as spm

    model = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(texts), model_writer=model, vocab_size=vocab, model_type="bpe",
        character_coverage=0.9999, eos_id=0, unk_id=1, bos_id=-1, pad_id=-1,
        num_threads=2, minloglevel=2, input_sentence_size=200000, shuffle_input_sentence=True,
    )
    return model.getvalue()


def transformer_base(vocab: int, seed: int):
    """Marian with transformer-base dimensions over `vocab` pieces plus `<pad>` (id `vocab`)."""
    import torch
    from transformers import MarianConfig, MarianMTModel

    torch.manual_seed(seed)
    pad = vocab
    config = MarianConfig(
        vocab_size=vocab + 1, decoder_vocab_size=vocab + 1, d_model=512,
        encoder_layers=6, decoder_layers=6, encoder_attention_heads=8, decoder_attention_heads=8,
        encoder_ffn_dim=2048, decoder_ffn_dim=2048, max_position_embeddings=512,
        pad_token_id=pad, eos_token_id=0, decoder_start_token_id=pad, forced_eos_token_id=0,
        dropout=0.1, scale_embedding=True, share_encoder_decoder_embeddings=False,
    )
    return MarianMTModel(config)


def teach_stopping(model, pairs: list[tuple[list[int], list[int]]], pad: int, seed: int,
                   stretch: float = 1.3) -> None:
    """Make the untrained model emit `</s>` where the reference translation ends.

    Training transformer-base here is out of reach (2 shared CPU cores: ~15 s per step of
    1,200 pieces, so minutes buy a few dozen steps, too few to learn where to stop). Instead
    the weights stay random and only `</s>`'s output row and bias are fitted: a logistic
    probe on the decoder's last hidden state, fed the source and random Russian pieces,
    says "the reference has ended" (position >= reference length), and is written, scaled
    up, into the output projection (labels at `stretch` × the reference length: beam search
    ends a little before the probe is sure, ~0.77 of the length with 1.0). Every other weight, and so the cost of each decoding
    step, is transformer-base's; the output is random pieces of a realistic length.
    """
    import torch

    torch.manual_seed(seed)
    rng = random.Random(seed)
    ru_pieces = [p for _, t in pairs for p in t]
    feats, labels = [], []
    model.eval()
    with torch.no_grad():
        for start in range(0, len(pairs), 16):
            batch = pairs[start : start + 16]
            src_len = max(len(s) for s, _ in batch)
            steps = max(int(len(t) * stretch * 1.3) + 8 for _, t in batch)
            ids = torch.tensor([s + [pad] * (src_len - len(s)) for s, _ in batch])
            dec = torch.tensor([[pad] + [rng.choice(ru_pieces) for _ in range(steps - 1)] for _ in batch])
            hidden = model.model(input_ids=ids, attention_mask=(ids != pad).long(),
                                 decoder_input_ids=dec).last_hidden_state
            for row, (_, t) in zip(hidden, batch):
                feats.append(row)
                labels.append(torch.tensor([float(i >= len(t) * stretch) for i in range(steps)]))
            print(f"  features {start + len(batch)}/{len(pairs)}", flush=True)
    x = torch.cat(feats)
    y = torch.cat(labels)
    probe = torch.nn.Linear(x.shape[1], 1)
    optimiser = torch.optim.Adam(probe.parameters(), lr=1e-2)
    for step in range(600):
        loss = torch.nn.functional.binary_cross_entropy_with_logits(probe(x).squeeze(1), y)
        optimiser.zero_grad()
        loss.backward()
        optimiser.step()
    print(f"  probe loss {loss.item():.3f}")
    # Untie the output projection from the decoder's embedding: tied random weights make the
    # piece just fed the likeliest next one, so every output would be one piece repeated.
    # (OpenNMT's transformer-base, that argos packages come from, has its own generator too.)
    projection = torch.empty_like(model.lm_head.weight).normal_(0.0, model.config.init_std)
    scale = 30.0  # steep: beam search ends a hypothesis as soon as `</s>` beats ~-10 per piece
    with torch.no_grad():
        projection[0] = probe.weight[0] * scale
        model.final_logits_bias[0, 0] = probe.bias[0] * scale
    model.config.tie_word_embeddings = False
    model.lm_head.weight = torch.nn.Parameter(projection)


def package(model_dir_writer, sp_bytes: bytes, target: Path, src: str = "en", tgt: str = "ru") -> None:
    """argos's `.argosmodel` layout, as tests/train_packages.py writes it."""
    from train_packages import NAMES

    name = f"translate-{src}_{tgt}-1_0"
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / name
        root.mkdir()
        model_dir_writer(root / "model")
        (root / "sentencepiece.model").write_bytes(sp_bytes)
        metadata = {
            "package_version": "1.0", "argos_version": "1.9", "type": "translate",
            "from_code": src, "from_name": NAMES[src], "to_code": tgt, "to_name": NAMES[tgt],
            "code": name.rsplit("-", 1)[0],
        }
        (root / "metadata.json").write_text(json.dumps(metadata, indent=2), encoding="utf-8")
        (root / "README.md").write_text(
            "Benchmark package of real size (transformer-base, 32k vocabulary) made by "
            "bench/make_real_size_package.py. Briefly trained: it does not translate.\n", encoding="utf-8")
        target.parent.mkdir(parents=True, exist_ok=True)
        with zipfile.ZipFile(target, "w", zipfile.ZIP_STORED) as zf:  # int8 weights hardly compress
            for path in sorted(root.rglob("*")):
                zf.write(path, path.relative_to(tmp).as_posix())


def check(target: Path, pairs: list[tuple[str, str]]) -> None:
    """Output length against the reference's on 40 PUD sentences, and a sample."""
    import ctranslate2
    import sentencepiece as spm

    with tempfile.TemporaryDirectory() as tmp:
        with zipfile.ZipFile(target) as zf:
            zf.extractall(tmp)
        root = next(Path(tmp).iterdir())
        sp = spm.SentencePieceProcessor(model_file=str(root / "sentencepiece.model"))
        translator = ctranslate2.Translator(str(root / "model"), compute_type="int8", intra_threads=2)
        sample = pairs[:40]  # not seen by the probe
        sources = [sp.encode(en, out_type=str) for en, _ in sample]
        results = translator.translate_batch(sources, beam_size=4, length_penalty=0.2,
                                             max_decoding_length=256)
        from reader.translate.engine import degenerate

        out = sum(len(r.hypotheses[0]) for r in results)
        lengths = [(len(r.hypotheses[0]), len(sp.encode(ru))) for r, (_, ru) in zip(results, sample)]
        print(f"  length correlation with the reference: {statistics.correlation(*zip(*lengths)):.2f}")
        loops = sum(degenerate(s, r.hypotheses[0]) for s, r in zip(sources, results))
        ref = sum(len(sp.encode(ru)) for _, ru in sample)
        src = sum(len(s) for s in sources)
        print(f"  {target.name}: {target.stat().st_size / 1e6:.1f} MB; 40 sentences: {src} source pieces, "
              f"{ref} reference, {out} output (ratio to reference {out / ref:.2f}); {loops} runaway")
        print("  e.g.", sp.decode(results[0].hypotheses[0])[:200])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--probe", type=int, default=300, help="PUD pairs the stopping probe sees")
    parser.add_argument("--vocab", type=int, default=VOCAB)
    parser.add_argument("--out", default=str(ROOT / "bench" / "out" / "real"))
    args = parser.parse_args()

    from train_packages import convert

    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    pairs = pud_pairs()
    print(f"{len(pairs)} PUD pairs; SentencePiece {args.vocab} pieces")
    t = time.time()
    sp_bytes = train_sentencepiece(vocabulary_texts(), args.vocab)
    import sentencepiece as spm

    sp = spm.SentencePieceProcessor(model_proto=sp_bytes)
    pieces = [sp.id_to_piece(i) for i in range(sp.get_piece_size())]
    print(f"  {len(pieces)} pieces in {time.time() - t:.0f} s")
    ids = [(sp.encode(en), sp.encode(ru)) for en, ru in pairs]
    model = transformer_base(len(pieces), seed=18)
    print(f"transformer-base: {sum(p.numel() for p in model.parameters()) / 1e6:.1f} M parameters")
    teach_stopping(model, ids[: args.probe], len(pieces), seed=18)
    target = out / "en_ru.argosmodel"
    package(lambda d: convert(model, pieces, d), sp_bytes, target)
    check(target, pairs[args.probe :])


if __name__ == "__main__":
    main()
