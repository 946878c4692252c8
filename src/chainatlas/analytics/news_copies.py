"""Reposts (转载): the same story on several sites, found by MinHash (datasketch) over the normalised text.

A document's signature is the MinHash of its character 4-shingles (letters and digits only, lower case, so that
punctuation, spacing and page furniture weigh little); two documents whose estimated Jaccard similarity is at
least `REPOST_SIMILARITY` tell the same story.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np
from datasketch import MinHash  # type: ignore[import-untyped]  # datasketch ships no type stubs

PERMUTATIONS = 128
SHINGLE = 4
SEED = 1
REPOST_SIMILARITY = 0.5
"""Estimated Jaccard similarity of two copies of one story: reposts share most 4-shingles (0.7–1.0 in the
corpus copies), different stories on the same subject share few (below 0.15 between the corpus's documents)."""
_NOT_WORD = re.compile(r"[\W_]+")


def shingles(text: str) -> set[bytes]:
    """Return a text's character shingles (letters and digits only, lower case)."""
    plain = _NOT_WORD.sub("", text.lower())
    if len(plain) <= SHINGLE:
        return {plain.encode("utf-8")} if plain else set()
    return {plain[i : i + SHINGLE].encode("utf-8") for i in range(len(plain) - SHINGLE + 1)}


def signature(text: str) -> bytes:
    """Return the MinHash signature of a text as bytes (PERMUTATIONS unsigned 64-bit values)."""
    found = MinHash(num_perm=PERMUTATIONS, seed=SEED)
    found.update_batch(sorted(shingles(text)))
    return np.asarray(found.hashvalues, dtype=np.uint64).tobytes()


def similarities(one: bytes, others: Sequence[bytes]) -> np.ndarray:
    """Return the estimated Jaccard similarity of one signature to each of others."""
    if not others:
        return np.zeros(0)
    mine = np.frombuffer(one, dtype=np.uint64)
    stacked = np.stack([np.frombuffer(o, dtype=np.uint64) for o in others])
    return np.asarray((stacked == mine).mean(axis=1), dtype=float)


def best_copy(one: bytes, others: Sequence[bytes], threshold: float = REPOST_SIMILARITY) -> int | None:
    """Return the index of the most similar signature at or above the threshold, or None."""
    found = similarities(one, others)
    if found.size == 0:
        return None
    best = int(np.argmax(found))
    return best if found[best] >= threshold else None
