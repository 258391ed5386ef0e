"""Entities and quotes of many texts at once, over forked worker processes."""

from __future__ import annotations

import multiprocessing
from collections.abc import Sequence

from newsprism.enrich.entities import entities_from_doc
from newsprism.enrich.nlp import get_nlp, ner_text
from newsprism.enrich.quotes import find_quotes
from newsprism.models import Entity, Quote

Enrichment = tuple[list[Entity], list[Quote]]


def _enrich_chunk(texts: Sequence[str]) -> list[Enrichment]:
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
