"""Exact and near-duplicate detection: normalised-text hash, 64-bit SimHash, LSH index.

A wire story republished by other sites keeps its body but changes the title, the
outlet's chrome and often a line or two (a credit, an editor's note, a "Related"
list); its SimHash stays within a few bits of the original. Two different articles
on one event share names and quotes but few word 3-grams, and land far apart.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from itertools import pairwise

import numpy as np

SHINGLE_WORDS = 3
BITS = 64
# 10: on allsides_2021_dev, different articles about the same event were never closer
# than 17 bits (1st percentile 24), while a copy with a changed title, a credit line,
# a "Related" list or a cut final paragraph stayed within 9 bits (see
# tests/test_extract_dedupe.py for the kinds of edits covered).
NEAR_DUPLICATE_DISTANCE = 10
# 0.7: on allsides_2021_dev, different articles about one event shared at most 0.56 of
# the shorter one's word 3-grams (median 0.03); a copy with a cut paragraph and a
# "Related" list added keeps well above 0.7.
COPY_CONTAINMENT = 0.7
# Fewer words than this give too few shingles for a stable fingerprint.
MIN_WORDS = 25

_WORD = re.compile(r"\w+", re.UNICODE)
_MASK64 = (1 << 64) - 1


def normalize_text(text: str) -> str:
    """Lower-cased word tokens joined by single spaces (NFKC, punctuation dropped).

    Two copies that differ only in whitespace, quotes, dashes, case or markup
    punctuation normalise to the same string.
    """
    folded = unicodedata.normalize("NFKC", text or "").casefold()
    return " ".join(_WORD.findall(folded))


def content_hash(text: str) -> str:
    """sha256 hex digest of the normalised text (exact-duplicate key)."""
    return hashlib.sha256(normalize_text(text).encode("utf-8")).hexdigest()


def _shingles(words: list[str], size: int) -> Counter[str]:
    if len(words) < size:
        return Counter([" ".join(words)]) if words else Counter()
    return Counter(" ".join(words[i : i + size]) for i in range(len(words) - size + 1))


def _hash64(shingle: str) -> int:
    return int.from_bytes(hashlib.blake2b(shingle.encode("utf-8"), digest_size=8).digest(), "big")


def simhash(text: str, shingle_words: int = SHINGLE_WORDS) -> int:
    """64-bit SimHash of `text`'s word shingles, each weighted by its count.

    Returns 0 for text without words.
    """
    words = normalize_text(text).split()
    counts = _shingles(words, shingle_words)
    if not counts:
        return 0
    hashes = np.array([_hash64(s) for s in counts], dtype=">u8")
    weights = np.array(list(counts.values()), dtype=np.int64)
    bits = np.unpackbits(hashes.view(np.uint8).reshape(-1, 8), axis=1)  # (n, 64), MSB first
    totals = (weights[:, None] * (2 * bits.astype(np.int64) - 1)).sum(axis=0)
    value = 0
    for bit in totals > 0:
        value = (value << 1) | int(bit)
    return value


def hamming_distance(a: int, b: int) -> int:
    return ((a ^ b) & _MASK64).bit_count()


def is_near_duplicate(a: int, b: int, max_distance: int = NEAR_DUPLICATE_DISTANCE) -> bool:
    return hamming_distance(a, b) <= max_distance


def shingle_containment(a: str, b: str, shingle_words: int = SHINGLE_WORDS) -> float:
    """Share of the shorter text's distinct word shingles that also occur in the other."""
    first = set(_shingles(normalize_text(a).split(), shingle_words))
    second = set(_shingles(normalize_text(b).split(), shingle_words))
    smaller = min(len(first), len(second))
    return len(first & second) / smaller if smaller else 0.0


def is_syndicated_copy(a: str, b: str) -> bool:
    """Text-level check that one article body is a (possibly edited) copy of the other.

    More tolerant than the SimHash test of a cut final paragraph or an added list,
    for when both texts are at hand (e.g. to confirm candidates that a
    `NearDuplicateIndex` built with a wider `max_distance` returned).
    """
    return shingle_containment(a, b) >= COPY_CONTAINMENT


def has_enough_text(text: str) -> bool:
    """Whether a text is long enough for its SimHash to mean anything."""
    return len(normalize_text(text).split()) >= MIN_WORDS


class NearDuplicateIndex:
    """Banded LSH over SimHash bits.

    The 64 bits are cut into `max_distance + 1` bands; two fingerprints within
    `max_distance` bits agree exactly on at least one band (pigeonhole), so looking up
    each band's bucket finds every near duplicate; candidates are then checked by
    their exact distance.
    """

    def __init__(self, max_distance: int = NEAR_DUPLICATE_DISTANCE) -> None:
        if not 0 <= max_distance < BITS:
            raise ValueError("max_distance must be in [0, 63]")
        self.max_distance = max_distance
        bands = max_distance + 1
        edges = [round(i * BITS / bands) for i in range(bands + 1)]
        self._bands = [(lo, hi - lo) for lo, hi in pairwise(edges)]
        self._buckets: list[dict[int, list[str]]] = [defaultdict(list) for _ in self._bands]
        self._hashes: dict[str, int] = {}

    def __len__(self) -> int:
        return len(self._hashes)

    def __contains__(self, article_id: object) -> bool:
        return article_id in self._hashes

    def _keys(self, value: int) -> Iterable[tuple[int, int]]:
        for band, (shift, width) in enumerate(self._bands):
            yield band, (value >> shift) & ((1 << width) - 1)

    def add(self, article_id: str, simhash_value: int) -> None:
        if article_id in self._hashes:
            self.remove(article_id)
        self._hashes[article_id] = simhash_value
        for band, key in self._keys(simhash_value):
            self._buckets[band][key].append(article_id)

    def remove(self, article_id: str) -> None:
        value = self._hashes.pop(article_id, None)
        if value is None:
            return
        for band, key in self._keys(value):
            bucket = self._buckets[band][key]
            bucket.remove(article_id)
            if not bucket:
                del self._buckets[band][key]

    def find(self, simhash_value: int, max_distance: int | None = None) -> list[tuple[str, int]]:
        """(article id, Hamming distance) of every indexed near duplicate, closest first."""
        limit = self.max_distance if max_distance is None else min(max_distance, self.max_distance)
        seen: set[str] = set()
        found = []
        for band, key in self._keys(simhash_value):
            for article_id in self._buckets[band].get(key, ()):
                if article_id in seen:
                    continue
                seen.add(article_id)
                distance = hamming_distance(simhash_value, self._hashes[article_id])
                if distance <= limit:
                    found.append((article_id, distance))
        found.sort(key=lambda pair: (pair[1], pair[0]))
        return found
