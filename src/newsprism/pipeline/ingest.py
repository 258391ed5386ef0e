"""Ingest: inputs -> raw documents -> articles, deduplicated and stored in chunks.

Each chunk of up to CHUNK_SIZE documents is extracted (in worker processes, one chunk
ahead of the database writes) and committed in one transaction with its raw bytes, so
a crash leaves whole chunks only and a rerun completes the work.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from newsprism.extract import ExtractionError, extract_document
from newsprism.extract.dedupe import NearDuplicateIndex, is_syndicated_copy, original_rank
from newsprism.extract.outlet import OutletResolver
from newsprism.ingest.fetch import Fetcher
from newsprism.ingest.sources import FeedLink, IngestError, Item, iter_items
from newsprism.models import Article, RawDocument
from newsprism.store import Store
from newsprism.store.db import raw_sha256

CHUNK_SIZE = 500  # articles per ingest transaction: large enough to amortise the commit


@dataclass
class IngestReport:
    added: int = 0
    duplicates: int = 0  # documents or articles already stored
    syndicated: int = 0  # stored, and linked to the original they copy
    failed: list[IngestError] = field(default_factory=list)
    feeds: int = 0
    enriched: int = 0
    stories_updated: int = 0

    def as_dict(self) -> dict[str, Any]:
        return {
            "added": self.added,
            "duplicates": self.duplicates,
            "syndicated": self.syndicated,
            "failed": [{"source": e.source, "error": e.message} for e in self.failed],
            "feeds": self.feeds,
            "enriched": self.enriched,
            "stories_updated": self.stories_updated,
        }


PARALLEL_MIN = 64  # below this many documents a chunk is extracted in-process


def extract_or_error(raw: RawDocument) -> Article | str:
    """An article, or the one-line reason it could not be extracted."""
    try:
        return extract_document(raw)
    except ExtractionError as exc:
        return str(exc)
    except Exception as exc:
        return f"extraction failed: {type(exc).__name__}: {str(exc).splitlines()[0][:200]}"


@dataclass
class _Submitted:
    todo: list[tuple[RawDocument, str]]
    results: Any  # iterable of Article | str, in `todo` order


def _extraction_pool(workers: int | None) -> Any:
    count = workers if workers is not None else (os.cpu_count() or 1)
    if count < 2:
        return None
    # fork: workers inherit the loaded extractors instead of importing them again.
    context = multiprocessing.get_context("fork")
    return ProcessPoolExecutor(max_workers=count, mp_context=context)


class _Batch:
    """Articles extracted but not yet committed, with the dedupe state they imply.

    Duplicate handling, in order: the same raw document again (same bytes from the
    same place) or an article id already stored is skipped; the same normalised text
    or a near-identical one (SimHash) is stored as a syndicated copy of its original.
    Of a group of copies, the original is the wire's own article when the wire is in
    the group, else the earliest published.
    """

    def __init__(self, store: Store, resolver: OutletResolver) -> None:
        self.store = store
        self.resolver = resolver
        self.reader = store.engine.connect()
        self.pending: list[tuple[Article, RawDocument, str]] = []
        self.by_id: dict[str, Article] = {}
        self.hash_owner: dict[str, str] = {}  # content hash -> original id
        self.promoted: list[tuple[str, str]] = []  # (old original, new original) in the store
        self.near = NearDuplicateIndex()
        for article_id, simhash, duplicate_of in store.simhashes():
            if duplicate_of is None:
                self.near.add(article_id, simhash)
        self.stored_meta: dict[str, tuple[bool, float]] = {}
        self.stored_owners: dict[str, str] = {}
        self.in_flight: set[str] = set()  # raw hashes submitted but not yet committed
        self.pool: Any = None  # a process pool for extraction, set by ingest_inputs

    def close(self) -> None:
        self.reader.close()
        if self.pool is not None:
            self.pool.shutdown()

    def submit(self, raws: list[RawDocument], report: IngestReport) -> _Submitted:
        """Start extracting a chunk (in worker processes when there are enough documents).

        Raw documents already stored, or repeated within the batch, are dropped here,
        before the costly extraction.
        """
        shas = [raw_sha256(raw) for raw in raws]
        stored_raw = self.store.raw_shas_present(self.reader, shas)
        todo: list[tuple[RawDocument, str]] = []
        for raw, sha in zip(raws, shas, strict=True):
            if sha in stored_raw or sha in self.in_flight:
                report.duplicates += 1
                continue
            self.in_flight.add(sha)
            todo.append((raw, sha))
        documents = [raw for raw, _ in todo]
        if self.pool is not None and len(documents) >= PARALLEL_MIN:
            results: Any = self.pool.map(extract_or_error, documents, chunksize=32)
        else:
            results = [extract_or_error(raw) for raw in documents]
        return _Submitted(todo, results)

    def submit_extracted(
        self, extracted: list[tuple[RawDocument, Article | str]], report: IngestReport
    ) -> _Submitted:
        """A chunk extracted elsewhere (a backfill's workers), to `finish` like any other."""
        raws = [raw for raw, _ in extracted]
        results = {id(raw): result for raw, result in extracted}
        shas = [raw_sha256(raw) for raw in raws]
        stored_raw = self.store.raw_shas_present(self.reader, shas)
        todo: list[tuple[RawDocument, str]] = []
        for raw, sha in zip(raws, shas, strict=True):
            if sha in stored_raw or sha in self.in_flight:
                report.duplicates += 1
                continue
            self.in_flight.add(sha)
            todo.append((raw, sha))
        return _Submitted(todo, [results[id(raw)] for raw, _ in todo])

    def finish(self, submitted: _Submitted, report: IngestReport) -> None:
        """Deduplicate and commit a chunk whose extraction was submitted.

        Under the store's ingest lock: another process writing to the same database
        waits, so "is this new?" and the insert it decides happen as one step.
        """
        with self.store.exclusive("ingest"):
            self._finish(submitted, report)

    def _finish(self, submitted: _Submitted, report: IngestReport) -> None:
        fresh: list[tuple[RawDocument, str, Article]] = []
        for (raw, sha), result in zip(submitted.todo, submitted.results, strict=True):
            if isinstance(result, str):
                report.failed.append(IngestError(raw.source, result))
                self.in_flight.discard(sha)
            else:
                fresh.append((raw, sha, result))
        self.reader.rollback()  # a fresh snapshot: see what the last commit stored
        stored_ids = self.store.article_ids_present(self.reader, [a.id for _, _, a in fresh])
        self.stored_owners = self.store.originals_by_hashes(
            self.reader, [a.content_hash for _, _, a in fresh if a.content_hash]
        )
        for raw, sha, article in fresh:
            if article.id in stored_ids or article.id in self.by_id:
                report.duplicates += 1
                continue
            self._accept(raw, sha, article, report)
        self.commit()
        for _, sha in submitted.todo:
            self.in_flight.discard(sha)

    def _accept(self, raw: RawDocument, sha: str, article: Article, report: IngestReport) -> None:
        article.outlet = self.resolver.resolve(article, raw)
        original = self._original_of(article)
        if original is not None:
            self._link_copy(article, original)
            report.syndicated += 1
        else:
            self._add_original(article)
        self.pending.append((article, raw, sha))
        self.by_id[article.id] = article
        report.added += 1

    def _original_of(self, article: Article) -> str | None:
        if article.content_hash:
            owner = self.hash_owner.get(article.content_hash) or self.stored_owners.get(
                article.content_hash
            )
            if owner:
                return owner
        if article.simhash is not None:
            for candidate, _distance in sorted(
                self.near.find(article.simhash), key=lambda m: (m[1], m[0])
            ):
                if is_syndicated_copy(article.text, self._text_of(candidate)):
                    return candidate
        return None

    def _text_of(self, article_id: str) -> str:
        """A candidate original's text: fingerprints can collide, texts confirm."""
        if article_id in self.by_id:
            return self.by_id[article_id].text
        stored = self.store.article(article_id)
        return stored.text if stored else ""

    def _add_original(self, article: Article) -> None:
        if article.simhash is not None:
            self.near.add(article.id, article.simhash)
        if article.content_hash:
            self.hash_owner.setdefault(article.content_hash, article.id)

    def _link_copy(self, article: Article, original_id: str) -> None:
        if self._rank(article) < self._rank_of(original_id):
            article.duplicate_of = original_id
            return
        # The newcomer is the better original: the old one and its copies point to it.
        for other in self.by_id.values():
            if other.id == original_id or other.duplicate_of == original_id:
                other.duplicate_of = article.id
        if original_id not in self.by_id:
            self.promoted.append((original_id, article.id))
        self.near.remove(original_id)
        for key, owner in list(self.hash_owner.items()):
            if owner == original_id:
                self.hash_owner[key] = article.id
        self._add_original(article)

    def _rank(self, article: Article) -> tuple[bool, float]:
        """Higher is a better original: the wire's own article, then the earliest."""
        record = self.resolver.registry.get(article.outlet) if article.outlet else None
        is_wire = bool(record and record.media_type and "wire" in record.media_type.lower())
        return original_rank(is_wire, article.published)

    def _rank_of(self, article_id: str) -> tuple[bool, float]:
        if article_id in self.by_id:
            return self._rank(self.by_id[article_id])
        if article_id not in self.stored_meta:
            stored = self.store.article(article_id)
            self.stored_meta[article_id] = self._rank(stored) if stored else (True, 0.0)
        return self.stored_meta[article_id]

    def commit(self) -> None:
        if not self.pending and not self.promoted:
            return
        self.reader.rollback()  # end the read snapshot so the write sees current data
        with self.store.begin() as conn:
            raw_ids = self.store.add_raws(conn, [(raw, sha) for _, raw, sha in self.pending])
            self.store.add_articles(
                conn, [(article, raw_ids[sha]) for article, _, sha in self.pending]
            )
            for old, new in self.promoted:
                self.store.promote_original(conn, old, new)
            self.store.upsert_outlets(conn, self.resolver.take_new_records())
        self.pending.clear()
        self.by_id.clear()
        self.promoted.clear()
        self.hash_owner.clear()


def ingest_inputs(
    store: Store,
    inputs: list[str],
    *,
    resolver: OutletResolver | None = None,
    allow_private: bool = False,
    fetch_feed_pages: bool = True,
    enrich: bool = True,
    on_document: Callable[[], None] | None = None,
    fetcher: Fetcher | None = None,
    progress: Any | None = None,
    workers: int | None = None,
    urls_only: bool = False,
    fetched_at: datetime | None = None,
) -> IngestReport:
    """Add everything `inputs` name to the store; returns counts and failures.

    `urls_only`: inputs from elsewhere (feed links, web requests) must be http(s) URLs.
    `fetched_at`: when documents that do not record it (files) were saved or copied.

    `workers` extraction processes (default: one per core when there are two or more).
    """
    items = iter_items(
        inputs,
        allow_private=allow_private,
        fetch_feed_pages=fetch_feed_pages,
        fetcher=fetcher,
        urls_only=urls_only,
        fetched_at=fetched_at,
    )
    return ingest_items(
        store,
        items,
        resolver=resolver,
        enrich=enrich,
        on_document=on_document,
        progress=progress,
        workers=workers,
    )


def ingest_items(
    store: Store,
    items: Iterable[Item],
    *,
    resolver: OutletResolver | None = None,
    enrich: bool = True,
    on_document: Callable[[], None] | None = None,
    progress: Any | None = None,
    workers: int | None = None,
) -> IngestReport:
    """Store documents already read (and the feeds and failures met reading them)."""
    report = IngestReport()
    batch = _Batch(store, resolver or OutletResolver.default())
    batch.pool = _extraction_pool(workers)
    raws: list[RawDocument] = []
    previous: _Submitted | None = None
    try:
        for item in items:
            if isinstance(item, FeedLink):
                report.feeds += int(store.add_feed(item.url, item.title))
                continue
            if isinstance(item, IngestError):
                report.failed.append(item)
            else:
                raws.append(item)
                if len(raws) >= CHUNK_SIZE:
                    # Extract this chunk while the previous one is deduplicated and stored.
                    submitted = batch.submit(raws, report)
                    if previous is not None:
                        batch.finish(previous, report)
                    previous, raws = submitted, []
            if on_document is not None:
                on_document()
        if previous is not None:
            batch.finish(previous, report)
        batch.finish(batch.submit(raws, report), report)
    finally:
        batch.close()
    if enrich:
        from newsprism.pipeline.process import process_pending

        result = process_pending(store, batch.resolver, progress)
        report.enriched = result.enriched
        report.stories_updated = result.stories_updated
    return report
