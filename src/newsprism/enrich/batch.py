"""Entities and quotes of many texts at once, over forked worker processes."""

from __future__ import annotations

import multiprocessing
from collections.abc import Generator, Iterable, Iterator, Sequence
from contextlib import nullcontext
from itertools import islice
from typing import Any

from newsprism.enrich.entities import entities_from_doc
from newsprism.enrich.nlp import get_nlp, ner_text
from newsprism.enrich.quotes import find_quotes
from newsprism.models import Entity, Quote

Enrichment = tuple[list[Entity], list[Quote]]


BATCH = 16  # texts per spaCy batch and per task sent to a worker


def _enrich_chunk(texts: Sequence[str]) -> list[Enrichment]:
    # The memory zone frees the strings spaCy's vocabulary learns from these texts once
    # their entities and quotes are plain dataclasses: without it a long-running poller
    # grows by every new word it ever reads.
    nlp = get_nlp()
    with _memory_zone(nlp):
        docs = nlp.pipe([ner_text(t) for t in texts], batch_size=BATCH)
        return [
            (entities_from_doc(doc, t), find_quotes(t, doc))
            for doc, t in zip(docs, texts, strict=True)
        ]


def _memory_zone(nlp: Any) -> Any:
    zone = getattr(nlp, "memory_zone", None)  # spaCy >= 3.8
    return zone() if zone is not None else nullcontext()


def _batches(texts: Iterable[str]) -> Iterator[list[str]]:
    items = iter(texts)
    while batch := list(islice(items, BATCH)):
        yield batch


def enrich_stream(texts: Iterable[str], n_process: int = 1) -> Generator[Enrichment, None, None]:
    """Entities and quotes of each text, in order, as they are ready.

    With `n_process` > 1, forked workers run ahead of the consumer, so the caller's own
    work (embedding, clustering, storing) overlaps theirs; on two cores this is what
    lifts end-to-end ingest past NER's single-process rate (`benchmarks/throughput.py`).
    Close the iterator (or exhaust it) to stop the workers.
    """
    if n_process <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        for batch in _batches(texts):
            yield from _enrich_chunk(batch)
        return
    get_nlp()  # loaded once here and shared with the forked workers
    pool = multiprocessing.get_context("fork").Pool(n_process)
    try:
        for part in pool.imap(_enrich_chunk, _batches(texts)):
            yield from part
    finally:
        pool.terminate()
        pool.join()


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
