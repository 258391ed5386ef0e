"""Runs the stages locally, in order: ingest -> extract -> enrich -> stories -> analysis.

Every step commits in small transactions and records what is left to do in the
database itself (articles not yet enriched, stories marked dirty), so a crash at any
point leaves a consistent database and the next run completes the work.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from newsprism.extract import ExtractionError, extract_document
from newsprism.extract.dedupe import NearDuplicateIndex
from newsprism.ingest.fetch import Fetcher
from newsprism.ingest.sources import FeedLink, IngestError, iter_items
from newsprism.models import Article, RawDocument
from newsprism.outlets.resolve import OutletResolver
from newsprism.store import Store
from newsprism.store.db import raw_sha256

ProgressHook = Callable[[str, int | None], None]  # (what happened, total if known)

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


class _Batch:
    """Articles extracted but not yet committed, with the dedupe state they imply."""

    def __init__(self, store: Store, resolver: OutletResolver) -> None:
        self.store = store
        self.resolver = resolver
        self.pending: list[tuple[Article, RawDocument, str]] = []
        self.pending_ids: set[str] = set()
        self.pending_raw: set[str] = set()
        self.pending_hashes: dict[str, str] = {}
        self.near = NearDuplicateIndex()
        for article_id, simhash, duplicate_of in store.simhashes():
            if duplicate_of is None:
                self.near.add(article_id, simhash)

    def offer(self, raw: RawDocument, report: IngestReport) -> None:
        sha = raw_sha256(raw)
        with self.store.engine.connect() as conn:
            if sha in self.pending_raw or self.store.raw_exists(conn, sha):
                report.duplicates += 1
                return
            try:
                article = extract_document(raw)
            except ExtractionError as exc:
                report.failed.append(IngestError(raw.source, str(exc)))
                return
            if article.id in self.pending_ids or self.store.article_ids_present(conn, [article.id]):
                report.duplicates += 1
                return
            article.outlet = self.resolver.resolve(article)
            original = self._original_of(conn, article)
        if original is not None:
            article.duplicate_of = original
            report.syndicated += 1
        elif article.simhash is not None:
            self.near.add(article.id, article.simhash)
        if article.content_hash and article.content_hash not in self.pending_hashes:
            self.pending_hashes[article.content_hash] = article.duplicate_of or article.id
        self.pending.append((article, raw, sha))
        self.pending_ids.add(article.id)
        self.pending_raw.add(sha)
        report.added += 1

    def _original_of(self, conn: Any, article: Article) -> str | None:
        if article.content_hash:
            original = self.pending_hashes.get(article.content_hash) or self.store.original_by_hash(
                conn, article.content_hash
            )
            if original:
                return original
        if article.simhash is not None:
            matches = self.near.find(article.simhash)
            if matches:
                return min(matches, key=lambda m: m[1])[0]
        return None

    def commit(self) -> None:
        if not self.pending:
            return
        with self.store.begin() as conn:
            rows = []
            for article, raw, sha in self.pending:
                raw_id = self.store.add_raw(conn, raw, sha)
                rows.append((article, raw_id))
            self.store.add_articles(conn, rows)
            self.store.upsert_outlets(conn, self.resolver.take_new_records())
        self.pending.clear()
        self.pending_ids.clear()
        self.pending_raw.clear()
        self.pending_hashes.clear()


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
) -> IngestReport:
    """Add everything `inputs` name to the store; returns counts and failures."""
    report = IngestReport()
    batch = _Batch(store, resolver or OutletResolver.default())
    for item in iter_items(
        inputs, allow_private=allow_private, fetch_feed_pages=fetch_feed_pages, fetcher=fetcher
    ):
        if isinstance(item, FeedLink):
            report.feeds += int(store.add_feed(item.url, item.title))
            continue
        if isinstance(item, IngestError):
            report.failed.append(item)
        else:
            batch.offer(item, report)
            if len(batch.pending) >= CHUNK_SIZE:
                batch.commit()
        if on_document is not None:
            on_document()
    batch.commit()
    if enrich:
        from newsprism.process import process_pending

        result = process_pending(store, batch.resolver)
        report.enriched = result.enriched
        report.stories_updated = result.stories_updated
    return report


def ingest_articles(store: Store, articles: Iterable[Article]) -> int:
    """Store already-extracted articles (used by tests and the distributed job)."""
    rows = [(a, None) for a in articles]
    with store.begin() as conn:
        present = store.article_ids_present(conn, [a.id for a, _ in rows])
        fresh = [(a, r) for a, r in rows if a.id not in present]
        return store.add_articles(conn, fresh)
