"""Runs the stages locally, in order: ingest -> extract -> enrich -> stories -> analysis.

Every step commits in small transactions and records what is left to do in the
database itself (articles not yet enriched, stories marked dirty), so a crash at any
point leaves a consistent database and the next run completes the work.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

import numpy as np

from newsprism.extract import ExtractionError, extract_document
from newsprism.extract.dedupe import NearDuplicateIndex, is_syndicated_copy
from newsprism.extract.outlet import OutletResolver
from newsprism.ingest.fetch import Fetcher
from newsprism.ingest.sources import FeedLink, IngestError, iter_items
from newsprism.models import Article, Quote, RawDocument, Span, Summary
from newsprism.store import Store
from newsprism.store.db import raw_sha256

if TYPE_CHECKING:
    from sqlalchemy import Connection

    from newsprism.stories.online import MoveRecord, OnlineClusterer

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

    def finish(self, submitted: _Submitted, report: IngestReport) -> None:
        """Deduplicate and commit a chunk whose extraction was submitted."""
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
        when = article.published.timestamp() if article.published else float("inf")
        return (is_wire, -when)

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
) -> IngestReport:
    """Add everything `inputs` name to the store; returns counts and failures.

    `urls_only`: inputs from elsewhere (feed links, web requests) must be http(s) URLs.

    `workers` extraction processes (default: one per core when there are two or more).
    """
    report = IngestReport()
    batch = _Batch(store, resolver or OutletResolver.default())
    batch.pool = _extraction_pool(workers)
    raws: list[RawDocument] = []
    previous: _Submitted | None = None
    try:
        for item in iter_items(
            inputs,
            allow_private=allow_private,
            fetch_feed_pages=fetch_feed_pages,
            fetcher=fetcher,
            urls_only=urls_only,
        ):
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
        result = process_pending(store, batch.resolver, progress)
        report.enriched = result.enriched
        report.stories_updated = result.stories_updated
    return report


# -- enrich, cluster, analyse -------------------------------------------------------

ENRICH_CHUNK = 64  # articles embedded and committed together
# How far back stored articles are replayed into the clusterer: stories live in its
# 7-day window, storylines link stories up to 180 days apart; 120 days and at most
# 20,000 articles keep the replay to seconds while covering affairs that run for months.
RESTORE_DAYS = 120
RESTORE_MAX = 20_000


@dataclass
class ProcessResult:
    enriched: int = 0
    stories_updated: int = 0


def process_pending(
    store: Store, resolver: OutletResolver, progress: Any | None = None
) -> ProcessResult:
    """Enrich and cluster every article not yet enriched, then re-analyse dirty stories."""
    result = ProcessResult()
    pending = store.articles(unenriched=True)
    if pending:
        result.enriched = _enrich_and_cluster(store, pending, progress)
    result.stories_updated = analyse_dirty_stories(store, resolver, progress)
    return result


def _restore_clusterer(store: Store, pending: list[Article]) -> Any:
    from newsprism.stories.online import MergeRecord, OnlineClusterer, id_counter

    pending_ids = {p.id for p in pending}
    dated = [a.published for a in pending if a.published is not None]
    latest = store.latest_published()
    anchor = min(dated) if dated else latest
    since = anchor - timedelta(days=RESTORE_DAYS) if anchor is not None else None
    # Newest first, capped: the replay costs time on every run.
    stored = [
        a
        for a in store.articles(since=since, limit=RESTORE_MAX, newest_first=True)
        if a.story_id and a.id not in pending_ids
    ]
    if since is not None:  # undated stored articles belong to the window too
        stored += [
            a
            for a in store.articles(undated=True, limit=RESTORE_MAX // 10, newest_first=True)
            if a.story_id and a.id not in pending_ids
        ]
    ids = [a.id for a in stored]
    vectors = store.embeddings(ids)
    stored = [a for a in stored if a.id in vectors]
    matrix = np.stack([vectors[a.id] for a in stored]) if stored else np.zeros((0, 384), np.float32)
    merges = store.merges()
    pinned = list(store.corrections())
    separated = store.separations()
    highest = store.highest_story_number()
    return OnlineClusterer.restore(
        stored,
        matrix,
        merges=[MergeRecord(a, b) for a, b in merges],
        pinned=pinned,
        cannot_link=separated,
        story_ids=id_counter("s", highest[0]),
        storyline_ids=id_counter("l", highest[1]),
    )


def _enrich_and_cluster(store: Store, pending: list[Article], progress: Any | None) -> int:
    from newsprism.enrich.embeddings import article_embedding_text, embed_texts
    from newsprism.enrich.entities import entity_key, extract_entities
    from newsprism.enrich.nlp import parse_many
    from newsprism.enrich.quotes import find_quotes
    from newsprism.stories.online import publication_order

    clusterer = _restore_clusterer(store, pending)
    corrections = store.corrections()
    ordered = [pending[i] for i in publication_order(pending)]
    task = progress.add_task("enriching and clustering", total=len(ordered)) if progress else None
    done = 0
    for start in range(0, len(ordered), ENRICH_CHUNK):
        chunk = ordered[start : start + ENRICH_CHUNK]
        vectors = embed_texts([article_embedding_text(a) for a in chunk])
        docs = parse_many([a.text for a in chunk])
        with store.begin() as conn:
            touched: dict[str, str | None] = {}
            for article, vector, doc in zip(chunk, vectors, docs, strict=True):
                quotes = find_quotes(article.text, doc)
                entities = extract_entities(article.text, doc)
                store.save_enrichment(
                    conn,
                    article.id,
                    embedding=vector,
                    quotes=quotes,
                    entities=[(entity_key(e.name, e.label), e) for e in entities],
                )
                clusterer.add(article, vector)
                if article.id in corrections:  # a user's move outlives any later clustering
                    clusterer.pin(article.id, corrections[article.id])
            changes = clusterer.pop_changes()
            for merge in changes.merges:
                store.record_merge(conn, merge.absorbed_id, merge.surviving_id)
            _save_moves(store, conn, clusterer, changes.moves)
            final = {a.id: clusterer.assignment(a.id) for a in chunk}
            store.set_assignments(conn, [(i, a.story_id, a.storyline_id) for i, a in final.items()])
            for story_id, storyline_id in changes.storyline_links:
                touched[story_id] = storyline_id
                store.set_story_storyline(conn, story_id, storyline_id)
            for assignment in final.values():
                touched[assignment.story_id] = assignment.storyline_id
            for storyline_id in {line for line in touched.values() if line}:
                store.upsert_storyline(conn, storyline_id, None)  # titled after analysis
            store.ensure_stories(conn, [clusterer.resolve(s) for s in touched], touched)
        done += len(chunk)
        if progress is not None and task is not None:
            progress.advance(task, len(chunk))
    # One sweep over the window for merges and moves the arrival order hid.
    merges = clusterer.consolidate()
    changes = clusterer.pop_changes()
    if merges or changes.moves:
        with store.begin() as conn:
            for merge in merges:
                store.record_merge(conn, merge.absorbed_id, merge.surviving_id)
            _save_moves(store, conn, clusterer, changes.moves)
            survivors = {clusterer.resolve(m.surviving_id) for m in merges}
            store.ensure_stories(conn, survivors, {})
    return done


def _save_moves(
    store: Store, conn: Connection, clusterer: OnlineClusterer, moves: list[MoveRecord]
) -> None:
    """Store the consolidation's article moves; both stories are analysed again."""
    if not moves:
        return
    now = {m.article_id: clusterer.assignment(m.article_id) for m in moves}
    store.set_assignments(conn, [(i, a.story_id, a.storyline_id) for i, a in now.items()])
    stories = {clusterer.resolve(m.from_id) for m in moves} | {a.story_id for a in now.values()}
    store.ensure_stories(conn, stories, {})


def analyse_dirty_stories(
    store: Store, resolver: OutletResolver, progress: Any | None = None
) -> int:
    """Recompute summary, coverage, claims and blindspot of every story marked dirty."""
    from newsprism.analysis.coverage import story_coverage
    from newsprism.analysis.summary import summarize_story
    from newsprism.enrich.claims import ArticleQuotes, group_claims

    dirty = store.dirty_story_ids()
    task = progress.add_task("analysing stories", total=len(dirty)) if progress else None
    registry = resolver.registry

    def lean_of(article: Article) -> str | None:
        outlet = registry.get(article.outlet) if article.outlet else None
        return outlet.lean_side if outlet else None

    touched_lines: set[str] = set()
    for story_id in dirty:
        articles = store.articles(story_id=story_id)
        touched_lines.update(a.storyline_id for a in articles if a.storyline_id)
        originals = [a for a in articles if a.duplicate_of is None] or articles
        report = story_coverage(articles, registry)
        summary = summarize_story(story_id, originals, outlet_lean=lean_of)
        stored_quotes = store.quotes([a.id for a in originals])
        claims = group_claims(
            [
                ArticleQuotes(
                    a.id, a.outlet, [quote_from_row(q) for q in stored_quotes.get(a.id, [])]
                )
                for a in originals
            ]
        )
        dated = [a.published for a in articles if a.published is not None]
        coverage = report.coverage
        store.save_story_analysis(
            story_id,
            title=summary.title,
            article_count=len(articles),
            outlet_count=coverage.outlet_count,
            first_published=min(dated) if dated else None,
            last_published=max(dated) if dated else None,
            summary=summary_json(summary),
            coverage=report.to_json(),
            claims=[claim_json(c) for c in claims],
            # The side that missed it; low-factuality-only ones are flagged in the coverage JSON
            # and shown apart, never promoted (see analysis/blindspots.py).
            blindspot=report.blindspot.missed_by if report.blindspot else None,
        )
        if progress is not None and task is not None:
            progress.advance(task)
    _title_storylines(store, touched_lines)
    return len(dirty)


def _title_storylines(store: Store, storyline_ids: set[str]) -> None:
    """A storyline is named by the names most of its stories share, else its first title."""
    from collections import Counter

    for line_id in sorted(storyline_ids):
        stories = store.stories(storyline_id=line_id, limit=1000)
        if not stories:
            continue
        names: Counter[str] = Counter()
        for story in stories:
            top = [
                e["name"]
                for e in store.story_entities(story.id)
                if e["label"] in ("PERSON", "ORG", "GPE", "LOC", "NORP")
                and _clean_title_name(e["name"])
            ][:8]
            names.update({n.casefold(): n for n in top}.values())
        shared = [n for n, c in names.most_common(3) if c >= max(2, len(stories) // 2)]
        first = min(stories, key=lambda st: st.first_published or datetime.max.replace(tzinfo=UTC))
        title = " · ".join(shared) if shared else (first.title or line_id)
        with store.begin() as conn:
            store.upsert_storyline(conn, line_id, title)


def _clean_title_name(name: str) -> bool:
    """Entity names fit for a storyline title: no NER debris ("BROOKFIELD (Wire")."""
    return (
        2 < len(name) <= 40
        and not any(c in name for c in '()[]"\n')
        and not (name.isupper() and len(name) > 5)
    )


def quote_from_row(row: dict[str, Any]) -> Quote:
    return Quote(
        speaker=row["speaker"],
        speaker_span=None,
        cue=row["cue"] or "",
        cue_span=None,
        content=row["content"],
        content_span=Span(row["content_start"], row["content_end"]),
        direct=bool(row["direct"]),
        stance=row["stance"],
        speaker_role=row["speaker_role"],
        speaker_org=row["speaker_org"],
        anonymous=bool(row["anonymous"]),
    )


def summary_json(summary: Summary) -> dict[str, Any]:
    return {
        "title": summary.title,
        "bullets": [
            {"text": b.text, "citations": b.citations, "source_article": b.source_article}
            for b in summary.bullets
        ],
    }


def claim_json(claim: Any) -> dict[str, Any]:
    return {
        "stance": claim.stance,
        "content": claim.content,
        "speakers": claim.speakers,
        "article_ids": claim.article_ids,
        "outlets": claim.outlets,
        "direct": claim.direct,
        "anonymous": claim.anonymous,
    }
