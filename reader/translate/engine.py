"""Translate text with argos packages through CTranslate2 and SentencePiece directly.

Not through `argostranslate.translate`: that imports Stanza and with it torch (2.75 s,
~600 MB), and its sentence splitters download models at run time. Here a package's
CTranslate2 model and tokenizer are loaded as they are, with argos's decoding settings
(beam 4, length penalty 0.2, unknowns replaced, the package's target prefix), so the
output is argos's, sentence for sentence, while nothing touches the network.
"""

from __future__ import annotations

import ctypes
import threading
from collections.abc import Callable, Sequence
from functools import lru_cache

from reader.translate.packages import InstalledPackage
from reader.translate.sentences import split_block

#: argostranslate.settings defaults (ARGOS_BEAM_SIZE) and apply_packaged_translation's options.
BEAM_SIZE = 4
LENGTH_PENALTY = 0.2
#: A translation longer than this many target tokens per source token (plus slack) has run away.
MAX_RATIO = 3
SLACK = 10
#: Sentences per call after the first block: paragraphs appear one after another and a
#: cancel is honoured promptly.
CHUNK_SENTENCES = 8
#: CTranslate2 splits each call into batches of at most this many source pieces, sorted by
#: length, and decodes them one after another on one thread. Memory is then bounded by one
#: batch, not by the chunk: beam search keeps the k/v caches of 4 hypotheses in 6 layers,
#: for source and target, ~250 KiB per source piece, and the allocator keeps some more.
#: At real size (bench/translate_real.py: transformer-base, 97 MB, 1,600 words, one core)
#: peaks and CPU s an article: no split 206 MiB 5.4 s, 256 pieces 196 MiB 6.5 s, 192 pieces
#: 189 MiB 7.2 s, 128 pieces 181 MiB 8.2 s; the engine before (two calls of 8 sentences at
#: once, one core each) 260 MiB 5.6 s; argostranslate ~25 CPU s. 128 fell to 1.8x argos's
#: words/s on the shared machine (load 2.6: one thread against argos's two); 192 kept ~3x.
BATCH_TOKENS = 192


class Cancelled(Exception):
    """The caller set the cancel event; blocks translated so far were already reported."""


#: One batch at a time on one thread (CTranslate2 inter_threads, intra_threads): memory is
#: bounded by one batch whatever the cores, a core is left to the UI, and one thread is the
#: cheapest in CPU (at real size two threads on a batch of 8 sentences cost 8.2 CPU s an
#: article, one 5.8; two batches side by side, one core each, 5.6 s but 260 MiB at peak;
#: two workers on batches of 128 pieces, 8.4 CPU s and 200-217 MiB).
INTER_THREADS = 1
INTRA_THREADS = 1


@lru_cache(maxsize=1)
def _malloc_trim() -> Callable[[int], int] | None:
    try:
        return ctypes.CDLL(None).malloc_trim  # glibc only
    except (AttributeError, OSError):
        return None


def release_memory() -> None:
    """Hand the heap's free pages back to the system: glibc keeps what is freed (a model
    load's buffers, a translation's caches) in its arenas, where it counts in RSS."""
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


def compute_type() -> str:
    """int8 where the CPU supports it, as argos packages ship int8 weights."""
    import ctranslate2

    return "int8" if "int8" in ctranslate2.get_supported_compute_types("cpu") else "default"


def repeats_at_end(tokens: Sequence[str], max_n: int = 4, times: int = 4) -> bool:
    """Does the output end in one n-gram repeated `times` times or more: a decoding loop?"""
    for n in range(1, max_n + 1):
        if len(tokens) < n * times:
            continue
        tail = list(tokens[-n:])
        if all(list(tokens[len(tokens) - n * (k + 1) : len(tokens) - n * k]) == tail for k in range(times)):
            return True
    return False


def degenerate(source: Sequence[str], output: Sequence[str]) -> bool:
    """A runaway output: far longer than its source, or stuck repeating itself."""
    return len(output) > MAX_RATIO * len(source) + SLACK or repeats_at_end(output)


def needs_translation(sentence: str) -> bool:
    """Sentences with no letters (numbers, dashes, asterisks) are kept as they are."""
    return any(ch.isalpha() for ch in sentence)


class Engine:
    """One package loaded: its CTranslate2 translator and its tokenizer."""

    def __init__(self, package: InstalledPackage):
        import ctranslate2

        self.package = package
        self.translator = ctranslate2.Translator(
            str(package.path / "model"), device="cpu", compute_type=compute_type(),
            inter_threads=INTER_THREADS, intra_threads=INTRA_THREADS,
        )
        sp_path = package.path / "sentencepiece.model"
        if sp_path.is_file():
            import sentencepiece

            self._sp = sentencepiece.SentencePieceProcessor(model_file=str(sp_path))
            self._bpe = None
        else:  # older packages: Moses tokenizer + BPE, as argos does it
            from reader.translate.bpe import BPETokenizer

            self._sp = None
            self._bpe = BPETokenizer(package.path / "bpe.model", package.source, package.target)
        release_memory()  # the load's buffers (the vocabulary's JSON, ~3 MiB)

    def encode(self, sentence: str) -> list[str]:
        return self._sp.encode(sentence, out_type=str) if self._sp else self._bpe.encode(sentence)

    def decode(self, tokens: list[str]) -> str:
        if self._sp:
            text = self._sp.decode_pieces(tokens).replace("▁", " ")
        else:
            text = self._bpe.decode(tokens)
        prefix = self.package.target_prefix
        if prefix and text.startswith(prefix):
            text = text[len(prefix) :]
        return text.strip()

    def translate(self, sentences: Sequence[str]) -> list[str]:
        """Translate sentences, the i-th result the i-th sentence's. Safe from several
        threads at once: CTranslate2 queues the calls for its one worker."""
        todo = [i for i, s in enumerate(sentences) if needs_translation(s)]
        out = list(sentences)
        if not todo:
            return out
        tokens = [self.encode(sentences[i]) for i in todo]
        results = self._run(tokens)
        for i, src, result in zip(todo, tokens, results):
            if degenerate(src, result):
                result = self._run([src], guarded=True)[0]
            out[i] = self.decode(result)
        return out

    def _run(self, batch: list[list[str]], guarded: bool = False) -> list[list[str]]:
        prefix = self.package.target_prefix
        options = dict(
            beam_size=BEAM_SIZE, length_penalty=LENGTH_PENALTY, replace_unknowns=True,
            max_decoding_length=MAX_RATIO * max(len(t) for t in batch) + SLACK,
            target_prefix=[[prefix]] * len(batch) if prefix else None,
            max_batch_size=BATCH_TOKENS, batch_type="tokens",
        )
        if guarded:  # only for outputs that ran away, so normal output stays argos's own
            options.update(repetition_penalty=1.2, no_repeat_ngram_size=3)
        return [r.hypotheses[0] for r in self.translator.translate_batch(batch, **options)]


_lock = threading.Lock()


@lru_cache(maxsize=4)
def _engine(package: InstalledPackage, stamp: float) -> Engine:
    return Engine(package)


def engine_for(package: InstalledPackage) -> Engine:
    """The loaded engine for a package, kept while it is in use (reinstalling reloads it)."""
    with _lock:
        return _engine(package, (package.path / "model" / "model.bin").stat().st_mtime)


def preload(source: str, target: str, home=None) -> None:
    """Load the models for a pair and run one tiny translation, so CTranslate2's first-call
    set-up (~0.2 s) is paid before the user asks; the TUI may call this in a worker."""
    from reader.translate.route import find_route

    for package in find_route(source, target, home).steps:
        engine_for(package).translate(["Hi."])
    release_memory()


Progress = Callable[[int, str], None]


def chunks(blocks: list[list[list[str]]]) -> list[list[int]]:
    """Block indices per CTranslate2 call: the first block alone (a fast first paragraph),
    then runs of blocks of up to CHUNK_SENTENCES sentences, in reading order."""
    groups: list[list[int]] = []
    size = 0
    for i, lines in enumerate(blocks):
        n = sum(len(line) for line in lines)
        if i == 1 or not groups or (size + n > CHUNK_SENTENCES and groups[-1]):
            groups.append([])
            size = 0
        groups[-1].append(i)
        size += n
    return groups


def translate_split(blocks: list[list[list[str]]], engines: Sequence[Engine]) -> list[str]:
    """Blocks (lines of sentences) through each engine in turn, as one call per engine."""
    flat = [s for lines in blocks for line in lines for s in line]
    for engine in engines:
        flat = engine.translate(flat)
    it = iter(flat)
    return ["\n".join(" ".join(next(it) for _ in line) for line in lines) for lines in blocks]


def translate_blocks(texts: Sequence[str], source: str, target: str, home=None,
                     on_progress: Progress | None = None,
                     cancel: threading.Event | None = None) -> list[str]:
    """Translate an article's blocks, keeping one output per block and every line break.

    `on_progress(index, text)` is called as each block is done, in reading order; `cancel`
    is checked between batches (raises Cancelled). Raises NoPackage when nothing serves
    the pair; the same language returns the texts unchanged.
    """
    from reader.translate.route import find_route

    route = find_route(source, target, home)
    if not route.steps:
        return list(texts)
    engines = [engine_for(p) for p in route.steps]
    split = [split_block(t) for t in texts]
    out: list[str] = [""] * len(texts)
    try:
        for group in chunks(split):
            if cancel is not None and cancel.is_set():
                raise Cancelled()
            for i, text in zip(group, translate_split([split[i] for i in group], engines)):
                out[i] = text
                if on_progress:
                    on_progress(i, text)
    finally:
        release_memory()  # the caches of the last batches, back to the system
    return out
