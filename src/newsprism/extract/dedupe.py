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
import zlib
from collections import Counter
from datetime import datetime

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


def _splitmix64(values: np.ndarray) -> np.ndarray:
    """The splitmix64 finaliser: a fast, well-mixed 64-bit hash of 64-bit integers."""
    with np.errstate(over="ignore"):
        z = values + np.uint64(0x9E3779B97F4A7C15)
        z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
        return z ^ (z >> np.uint64(31))


_WORD_HASHES: dict[str, int] = {}
_WORD_CACHE_LIMIT = 500_000  # words; a news vocabulary fits, and memory stays ~60 MB


def _word_hash(word: str) -> int:
    value = zlib.crc32(word.encode("utf-8"))
    if len(_WORD_HASHES) < _WORD_CACHE_LIMIT:
        _WORD_HASHES[word] = value
    return value


def _word_hashes(words: list[str]) -> np.ndarray:
    """A stable 64-bit hash per word: crc32 (cached per word), spread by splitmix64."""
    cache = _WORD_HASHES
    low = np.fromiter(
        (cache[w] if w in cache else _word_hash(w) for w in words), np.uint64, len(words)
    )
    return _splitmix64(low)


def fingerprints(text: str) -> tuple[str, int | None]:
    """(content hash, SimHash or None when too short), normalising the text once."""
    normalized = normalize_text(text)
    words = normalized.split()
    digest = hashlib.sha256(normalized.encode("utf-8")).hexdigest()
    return digest, (_simhash_words(words) if len(words) >= MIN_WORDS else None)


def simhash(text: str, shingle_words: int = SHINGLE_WORDS) -> int:
    """64-bit SimHash of `text`'s word shingles, each weighted by its count.

    A shingle's hash mixes its words' hashes with their positions, so hashing costs
    one crc32 per word and a few numpy passes, not one digest per shingle (ingest
    speed). Returns 0 for text without words.
    """
    return _simhash_words(normalize_text(text).split(), shingle_words)


def _simhash_words(words: list[str], shingle_words: int = SHINGLE_WORDS) -> int:
    if not words:
        return 0
    word_hashes = _word_hashes(words)
    size = min(shingle_words, len(words))
    count = len(words) - size + 1
    combined = np.zeros(count, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for offset in range(size):
            combined = _splitmix64(combined ^ word_hashes[offset : offset + count])
    hashes, weights = np.unique(combined, return_counts=True)
    bits = np.unpackbits(hashes.astype(">u8").view(np.uint8).reshape(-1, 8), axis=1)
    totals = (weights[:, None].astype(np.int64) * (2 * bits.astype(np.int64) - 1)).sum(axis=0)
    packed = np.packbits(totals > 0)
    return int.from_bytes(packed.tobytes(), "big")


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
    """Exact Hamming search over SimHash fingerprints, vectorised with numpy.

    Banded LSH needs `max_distance + 1` bands of about 6 bits at a distance of 10,
    and buckets that narrow hold a sizeable share of the whole index; one XOR and
    popcount pass over a uint64 array is both exact and faster (about 50 us per
    100,000 fingerprints). Callers keep it to a recent window: syndicated copies
    appear within days of their original.
    """

    def __init__(self, max_distance: int = NEAR_DUPLICATE_DISTANCE) -> None:
        if not 0 <= max_distance < BITS:
            raise ValueError("max_distance must be in [0, 63]")
        self.max_distance = max_distance
        self._values = np.zeros(1024, dtype=np.uint64)
        self._ids: list[str | None] = []
        self._slot: dict[str, int] = {}

    def __len__(self) -> int:
        return len(self._slot)

    def __contains__(self, article_id: object) -> bool:
        return article_id in self._slot

    def add(self, article_id: str, simhash_value: int) -> None:
        if article_id in self._slot:
            self.remove(article_id)
        slot = len(self._ids)
        if slot == len(self._values):
            self._values = np.concatenate([self._values, np.zeros_like(self._values)])
        self._values[slot] = np.uint64(simhash_value & _MASK64)
        self._ids.append(article_id)
        self._slot[article_id] = slot

    def remove(self, article_id: str) -> None:
        slot = self._slot.pop(article_id, None)
        if slot is not None:
            self._ids[slot] = None

    def find(self, simhash_value: int, max_distance: int | None = None) -> list[tuple[str, int]]:
        """(article id, Hamming distance) of every indexed near duplicate, closest first."""
        limit = self.max_distance if max_distance is None else min(max_distance, self.max_distance)
        used = len(self._ids)
        if not used:
            return []
        distances = np.bitwise_count(self._values[:used] ^ np.uint64(simhash_value & _MASK64))
        found = []
        for slot in np.flatnonzero(distances <= limit):
            article_id = self._ids[int(slot)]
            if article_id is not None:
                found.append((article_id, int(distances[slot])))
        found.sort(key=lambda pair: (pair[1], pair[0]))
        return found


def original_rank(is_wire: bool, published: datetime | None) -> tuple[bool, float]:
    """Of a group of syndicated copies, the original is the one of highest rank.

    The wire's own article outranks every republication of it; otherwise the earliest
    published wins, and an undated article ranks below every dated one.
    """
    return (is_wire, -(published.timestamp() if published else float("inf")))
