"""Near-duplicate letters: the same letter published twice is one intervention.

A repost on another site, the same text in an e-mail and in its PDF: the
words are the same but the bytes are not, so ingest keeps two documents.
Here each letter's clean text becomes a set of word shingles (5 words in a
row, case-folded, punctuation and spacing ignored); a MinHash LSH index
(datasketch) finds the candidates cheaply and the exact Jaccard similarity
of the shingle sets decides. Pure: texts in, document ids out.

`THRESHOLD` is pinned by `tests/cases/test_duplicates.py`: a repost with a
new header, footer, spacing or web furniture stays well above it; two
different letters about the same person sharing template paragraphs stay
well below it.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache

from datasketch import MinHash, MinHashLSH

SHINGLE_WORDS = 5
"""Words per shingle."""
THRESHOLD = 0.6
"""Jaccard similarity of shingle sets from which two letters are one."""
MIN_SHINGLES = 20
"""Shorter texts (fewer shingles) are never joined: too little to tell."""
NUM_PERM = 128
_SEED = 5
_CANDIDATE_MARGIN = 0.2
"""The LSH index looks this far below the threshold; the exact Jaccard decides."""
_WORD = re.compile(r"\w+")


def shingles(text: str, size: int = SHINGLE_WORDS) -> frozenset[str]:
    """The set of `size`-word runs of `text`, case-folded, punctuation and spacing ignored."""
    words = [w.casefold() for w in _WORD.findall(text)]
    if len(words) <= size:
        return frozenset([" ".join(words)]) if words else frozenset()
    return frozenset(" ".join(words[i : i + size]) for i in range(len(words) - size + 1))


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    """Shared shingles over all shingles of the two (0 for two empty sets)."""
    union = len(a | b)
    return len(a & b) / union if union else 0.0


def similarity(text_a: str, text_b: str) -> float:
    """The Jaccard similarity of two texts' word shingles."""
    return jaccard(shingles(text_a), shingles(text_b))


def _minhash(items: frozenset[str]) -> MinHash:
    signature = MinHash(num_perm=NUM_PERM, seed=_SEED)
    signature.update_batch([s.encode("utf-8") for s in sorted(items)])
    return signature


SHORT = "-"
"""The one band key of a text too short to compare: fingerprinted, never a candidate."""


@cache
def _bands() -> list[tuple[int, int]]:
    """The LSH bands `LetterIndex` uses: (start, end) slices of the MinHash signature."""
    lsh = MinHashLSH(threshold=max(0.05, THRESHOLD - _CANDIDATE_MARGIN), num_perm=NUM_PERM)
    return [(i * lsh.r, (i + 1) * lsh.r) for i in range(lsh.b)]


def band_keys(text: str) -> list[str]:
    """A letter's LSH band keys: two letters are near-duplicate candidates when they share
    one (the candidates of `LetterIndex`). A text too short to compare has `[SHORT]`."""
    items = shingles(text)
    if len(items) < MIN_SHINGLES:
        return [SHORT]
    values = _minhash(items).hashvalues
    return [
        f"{n}:" + hashlib.blake2b(values[a:b].tobytes(), digest_size=16).hexdigest()
        for n, (a, b) in enumerate(_bands())
    ]


def nearest_of(
    text: str,
    candidates: Iterable[int],
    text_of: Callable[[int], str],
    threshold: float = THRESHOLD,
) -> list[NearDuplicate]:
    """Candidates at or above the threshold by exact similarity, most similar first."""
    items = shingles(text)
    if len(items) < MIN_SHINGLES:
        return []
    found = [
        NearDuplicate(d, jaccard(items, shingles(text_of(d)))) for d in sorted(set(candidates))
    ]
    kept = [m for m in found if m.similarity >= threshold]
    return sorted(kept, key=lambda m: (-m.similarity, m.document_id))


@dataclass(frozen=True)
class NearDuplicate:
    """The letter a text repeats, and how similar the two are (Jaccard of shingles)."""

    document_id: int
    similarity: float


class LetterIndex:
    """Letters already in the case file, searchable for near-duplicates of a new text.

    Only MinHash signatures are kept (about 1 KB a letter); the texts of the
    few candidates the LSH index returns are read again through `text_of` to
    compute the exact similarity.
    """

    def __init__(self, text_of: Callable[[int], str], threshold: float = THRESHOLD) -> None:
        if not 0.0 < threshold <= 1.0:
            raise ValueError("a near-duplicate threshold is a similarity in (0, 1]")
        self.threshold = threshold
        self._text_of = text_of
        self._lsh = MinHashLSH(
            threshold=max(0.05, threshold - _CANDIDATE_MARGIN), num_perm=NUM_PERM
        )
        self._indexed: set[int] = set()

    def __len__(self) -> int:
        return len(self._indexed)

    def add(self, document_id: int, text: str) -> None:
        """Index one letter's text (once per document; texts too short are left out)."""
        items = shingles(text)
        if document_id in self._indexed or len(items) < MIN_SHINGLES:
            return
        self._indexed.add(document_id)
        self._lsh.insert(str(document_id), _minhash(items))

    def matches(self, text: str) -> list[NearDuplicate]:
        """Indexed letters at or above the threshold, most similar first (then lowest id)."""
        items = shingles(text)
        if len(items) < MIN_SHINGLES or not self._indexed:
            return []
        candidates = [int(key) for key in self._lsh.query(_minhash(items))]
        return nearest_of(text, candidates, self._text_of, self.threshold)

    def nearest(self, text: str) -> NearDuplicate | None:
        """The most similar indexed letter at or above the threshold (lowest id on a tie)."""
        found = self.matches(text)
        return found[0] if found else None


__all__ = [
    "SHINGLE_WORDS",
    "THRESHOLD",
    "LetterIndex",
    "NearDuplicate",
    "band_keys",
    "jaccard",
    "nearest_of",
    "shingles",
    "similarity",
]
