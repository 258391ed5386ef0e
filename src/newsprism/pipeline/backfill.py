"""Backfill: extract and enrich an archive as a Ray Data job, then cluster and store it.

Ray is an optional dependency (`newsprism[ray]`), imported only here and only when a
backfill runs. The driver reads the documents and skips those already stored (so an
interrupted backfill resumes), Ray Data spreads extraction and enrichment (NER, quotes,
embeddings) over an actor pool whose workers load the models once, and the driver
stores each result as it streams back: raw bytes and article deduplicated as `ingest`
does, with its enrichment, still marked pending. `process_pending` then clusters the
pending articles in publication order with their stored embeddings and analyses the
stories, under the store's cluster lock as always.
"""

from __future__ import annotations

import pickle
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from newsprism.extract.outlet import OutletResolver
from newsprism.ingest.sources import FeedLink, IngestError, iter_items
from newsprism.models import Article, Entity, Quote, RawDocument
from newsprism.pipeline.ingest import CHUNK_SIZE, IngestReport, _Batch, extract_or_error
from newsprism.store import Store
from newsprism.store.db import raw_sha256

WORKER_BATCH = 32  # documents per actor call: enough to batch spaCy and the embedder


@dataclass
class Enriched:
    """What a worker returns for one document."""

    index: int
    article: Article | str  # the article, or why it could not be extracted
    vector: np.ndarray | None = None
    quotes: list[Quote] = field(default_factory=list)
    entities: list[tuple[str, Entity]] = field(default_factory=list)


@dataclass
class BackfillReport:
    documents: int = 0  # documents read
    already_stored: int = 0  # skipped: stored by an earlier (interrupted) run
    ingest: IngestReport = field(default_factory=IngestReport)
    enriched: int = 0
    stories_updated: int = 0
    # wall-clock seconds of each phase: reading, the Ray job (with storing), clustering
    seconds: dict[str, float] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {
            "documents": self.documents,
            "already_stored": self.already_stored,
            **self.ingest.as_dict(),
            "enriched": self.enriched,
            "stories_updated": self.stories_updated,
            "seconds": {k: round(v, 2) for k, v in self.seconds.items()},
        }


class DocumentWorker:
    """One Ray actor: loads the extractors and models once, then enriches batches."""

    def __init__(self) -> None:
        from newsprism.enrich.embeddings import embed_texts
        from newsprism.enrich.nlp import get_nlp

        get_nlp()
        embed_texts(["warm up"])

    def __call__(self, batch: dict[str, Any]) -> dict[str, Any]:
        raws = [pickle.loads(blob) for blob in batch["raw"]]
        results = enrich_documents([int(i) for i in batch["index"]], raws)
        return {
            "index": np.asarray([r.index for r in results]),
            "result": np.asarray([pickle.dumps(r) for r in results], dtype=object),
        }


def enrich_documents(indexes: Sequence[int], raws: Sequence[RawDocument]) -> list[Enriched]:
    """Extract each document, then enrich the articles together (batched models)."""
    from newsprism.enrich.embeddings import article_embedding_text, embed_texts
    from newsprism.enrich.entities import entity_key, extract_entities
    from newsprism.enrich.nlp import parse_many
    from newsprism.enrich.quotes import find_quotes

    results = [Enriched(i, extract_or_error(raw)) for i, raw in zip(indexes, raws, strict=True)]
    good = [r for r in results if isinstance(r.article, Article)]
    articles = [r.article for r in good if isinstance(r.article, Article)]
    if not articles:
        return results
    vectors = embed_texts([article_embedding_text(a) for a in articles])
    docs = parse_many([a.text for a in articles])
    for result, article, vector, doc in zip(good, articles, vectors, docs, strict=True):
        result.vector = vector
        result.quotes = find_quotes(article.text, doc)
        result.entities = [
            (entity_key(e.name, e.label), e) for e in extract_entities(article.text, doc)
        ]
    return results


def read_documents(inputs: list[str], report: BackfillReport, store: Store) -> list[RawDocument]:
    """The documents `inputs` hold that are not stored yet; read failures are reported."""
    raws: list[RawDocument] = []
    for item in iter_items(inputs, fetch_feed_pages=False):
        if isinstance(item, FeedLink):
            continue
        if isinstance(item, IngestError):
            report.ingest.failed.append(item)
            continue
        report.documents += 1
        raws.append(item)
    with store.engine.connect() as conn:
        stored = store.raw_shas_present(conn, [raw_sha256(raw) for raw in raws])
    fresh = [raw for raw in raws if raw_sha256(raw) not in stored]
    report.already_stored = len(raws) - len(fresh)
    return fresh


def backfill(
    store: Store,
    inputs: list[str],
    *,
    resolver: OutletResolver | None = None,
    address: str | None = None,
    workers: int | None = None,
    on_documents: Callable[[int], None] | None = None,
    on_total: Callable[[int], None] | None = None,
    progress: Any | None = None,
) -> BackfillReport:
    """Extract, enrich, store, then cluster and analyse everything `inputs` hold.

    `address`: a Ray cluster (`ray://host:10001`); default a local Ray on this machine.
    `workers`: actors in the pool (default: the cluster's CPUs)."""
    from newsprism.pipeline.process import process_pending

    resolver = resolver or OutletResolver.default()
    report = BackfillReport()
    began = time.perf_counter()
    raws = read_documents(inputs, report, store)
    report.seconds["read"] = time.perf_counter() - began
    if on_total is not None:
        on_total(len(raws))
    began = time.perf_counter()
    if raws:
        stream = run_ray_job(raws, address=address, workers=workers)
        store_results(store, resolver, raws, stream, report, on_documents)
    report.seconds["extract_enrich"] = time.perf_counter() - began
    began = time.perf_counter()
    processed = process_pending(store, resolver, progress)
    report.seconds["cluster_analyse"] = time.perf_counter() - began
    report.enriched, report.stories_updated = processed.enriched, processed.stories_updated
    return report


def run_ray_job(
    raws: Sequence[RawDocument], *, address: str | None, workers: int | None
) -> Iterable[Enriched]:
    """The Ray Data job; yields each document's result as it completes."""
    import ray

    if not ray.is_initialized():
        ray.init(address=address, include_dashboard=False, log_to_driver=False)
    context = ray.data.DataContext.get_current()
    context.enable_progress_bars = False  # the caller shows one Rich bar instead
    pool = workers or max(1, int(ray.cluster_resources().get("CPU", 1)))
    dataset = ray.data.from_items(
        [{"index": i, "raw": pickle.dumps(raw)} for i, raw in enumerate(raws)],
        override_num_blocks=max(pool * 4, len(raws) // 500),
    ).map_batches(DocumentWorker, concurrency=pool, batch_size=WORKER_BATCH, num_cpus=1)
    for batch in dataset.iter_batches(batch_size=None):
        for blob in batch["result"]:
            yield pickle.loads(blob)


def store_results(
    store: Store,
    resolver: OutletResolver,
    raws: Sequence[RawDocument],
    stream: Iterable[Enriched],
    report: BackfillReport,
    on_documents: Callable[[int], None] | None = None,
) -> None:
    """Store results in chunks: deduplicated as `ingest` does, enrichment alongside."""
    batch = _Batch(store, resolver)
    chunk: list[Enriched] = []
    try:
        for result in stream:
            chunk.append(result)
            if len(chunk) >= CHUNK_SIZE:
                _store_chunk(store, batch, raws, chunk, report)
                if on_documents is not None:
                    on_documents(len(chunk))
                chunk = []
        _store_chunk(store, batch, raws, chunk, report)
        if on_documents is not None:
            on_documents(len(chunk))
    finally:
        batch.close()


def _store_chunk(
    store: Store,
    batch: _Batch,
    raws: Sequence[RawDocument],
    chunk: list[Enriched],
    report: BackfillReport,
) -> None:
    if not chunk:
        return
    batch.finish(
        batch.submit_extracted([(raws[r.index], r.article) for r in chunk], report.ingest),
        report.ingest,
    )
    done = [r for r in chunk if isinstance(r.article, Article)]
    ids = [r.article.id for r in done if isinstance(r.article, Article)]
    with store.begin() as conn:
        stored = store.article_ids_present(conn, ids)
    already = store.embeddings(ids)
    with store.begin() as conn:
        for result, article_id in zip(done, ids, strict=True):
            if article_id in stored and article_id not in already:
                store.save_enrichment(
                    conn,
                    article_id,
                    embedding=result.vector,
                    quotes=result.quotes,
                    entities=result.entities,
                    mark_enriched=False,
                )
