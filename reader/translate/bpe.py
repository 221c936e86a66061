"""The Moses + BPE tokenizer of older argos packages (those with bpe.model, no sentencepiece.model).

This is argostranslate.tokenizer.BPETokenizer with the part of argostranslate/apply_bpe.py
it uses (subword-nmt's `apply_bpe`, as argos ships it), so the reader does not depend on
argostranslate, whose requirements bring Stanza and torch. Moses tokenisation, detokenisation
and punctuation normalisation are sacremoses's, as in argos. Only what argos calls is kept:
the whole merge list, the `@@` separator, no vocabulary filter and no glossaries.

apply_bpe.py: Copyright (c) 2015 Rico Sennrich; Copyright (c) 2004-2020 Joerg Tiedemann.
Permission is hereby granted, free of charge, to any person obtaining a copy of this software
and associated documentation files (the "Software"), to deal in the Software without
restriction, including without limitation the rights to use, copy, modify, merge, publish,
distribute, sublicense, and/or sell copies of the Software, and to permit persons to whom the
Software is furnished to do so, subject to the following conditions: The above copyright
notice and this permission notice shall be included in all copies or substantial portions of
the Software. THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A
PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE
LIABLE FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR
OTHERWISE, ARISING FROM, OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS
IN THE SOFTWARE.
"""

from __future__ import annotations

import re
from pathlib import Path

SEPARATOR = "@@"


class BPE:
    """Merge operations read from a codes file (subword-nmt format, version 0.1 or 0.2)."""

    def __init__(self, lines: list[str]):
        if lines and lines[0].startswith("#version:"):
            self.version = tuple(int(x) for x in re.sub(r"(\.0+)*$", "", lines[0].split()[-1]).split("."))
            lines, offset = lines[1:], 2
        else:
            self.version, offset = (0, 1), 1
        if self.version not in ((0, 1), (0, 2)):
            raise ValueError(f"BPE codes version {'.'.join(map(str, self.version))} is not supported")
        codes = [tuple(line.strip("\r\n ").split(" ")) for line in lines]
        for i, item in enumerate(codes):
            if len(item) != 2:
                raise ValueError(f"invalid line {i + offset} in BPE codes file: {' '.join(item)!r}")
        # a pair listed twice keeps its first rank
        self.ranks = {code: i for i, code in reversed(list(enumerate(codes)))}
        self.cache: dict[str, tuple[str, ...]] = {}

    def segment_tokens(self, tokens: list[str]) -> list[str]:
        """Each token split into subwords; every subword but a word's last ends in `@@`."""
        output = []
        for word in tokens:
            if not word:  # double spaces
                continue
            pieces = self.encode(word)
            output.extend(piece + SEPARATOR for piece in pieces[:-1])
            output.append(pieces[-1])
        return output

    def encode(self, orig: str) -> tuple[str, ...]:
        """One word through the merges, lowest rank first (apply_bpe.encode)."""
        if orig in self.cache:
            return self.cache[orig]
        if self.version == (0, 1):
            word = (*orig, "</w>")
        else:  # 0.2: the end-of-word mark joins the last character
            word = (*orig[:-1], orig[-1] + "</w>")
        if len(word) < 2:
            return tuple(orig)
        ranks = self.ranks
        while len(word) > 1:
            pairs = set(zip(word, word[1:]))
            bigram = min(pairs, key=lambda pair: ranks.get(pair, float("inf")))
            if bigram not in ranks:
                break
            first, second = bigram
            merged: list[str] = []
            i = 0
            while i < len(word):
                try:
                    j = word.index(first, i)
                except ValueError:
                    merged.extend(word[i:])
                    break
                merged.extend(word[i:j])
                i = j
                if i < len(word) - 1 and word[i + 1] == second:
                    merged.append(first + second)
                    i += 2
                else:
                    merged.append(word[i])
                    i += 1
            word = tuple(merged)
        if word[-1] == "</w>":
            word = word[:-1]
        elif word[-1].endswith("</w>"):
            word = (*word[:-1], word[-1].replace("</w>", ""))
        self.cache[orig] = word
        return word


class BPETokenizer:
    """Moses-normalise and tokenise, then BPE; decoding joins subwords and detokenises."""

    def __init__(self, model_file: str | Path, from_code: str, to_code: str):
        from sacremoses.normalize import MosesPunctNormalizer
        from sacremoses.tokenize import MosesDetokenizer, MosesTokenizer

        self.normalizer = MosesPunctNormalizer(from_code)
        self.tokenizer = MosesTokenizer(from_code)
        self.detokenizer = MosesDetokenizer(to_code)
        with open(model_file, encoding="utf-8") as f:
            lines = f.read().split("\n")  # lines as iterating the file gives them (not str.splitlines)
        if lines[-1] == "":
            lines.pop()
        self.bpe = BPE(lines)

    def encode(self, sentence: str) -> list[str]:
        tokenized = " ".join(self.tokenizer.tokenize(self.normalizer.normalize(sentence)))
        return self.bpe.segment_tokens(tokenized.strip("\r\n ").split(" "))

    def decode(self, tokens: list[str]) -> str:
        return self.detokenizer.detokenize(" ".join(tokens).replace(SEPARATOR + " ", "").split(" "))
