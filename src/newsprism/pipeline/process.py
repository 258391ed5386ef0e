"""Process: enrich every article not yet enriched, cluster it, then analyse.

Articles are taken in publication order, in chunks of ENRICH_CHUNK; each chunk's
enrichment and story assignments are committed together, so `articles.enriched` and
`stories.dirty` always say what is left to do.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import closing
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

import numpy as np

from newsprism.extract.outlet import OutletResolver
from newsprism.models import Article
from newsprism.pipeline.analyse import analyse_dirty_stories
from newsprism.store import Store, Transaction
from newsprism.text import to_utc

if TYPE_CHECKING:
    from newsprism.enrich.batch import Enrichment
    from newsprism.stories.online import MoveRecord, OnlineClusterer

ENRICH_CHUNK = 64  # articles embedded and committed together
# How far back stored articles are replayed into the clusterer: stories live in its
# 7-day window, storylines link stories up to 180 days apart; 120 days and at most
# 20,000 articles keep the replay to seconds while covering affairs that run for months.
RESTORE_DAYS = 120
RESTORE_MAX = 20_000
# Fresh articles from which NER, entities and quotes run in two forked worker processes
# ahead of the embedding and clustering here (benchmarks/throughput.py, 2,000 pages on
# 2 cores: 8.0 -> 12.4 articles/s). Forking costs about a second, repaid after a few
# hundred articles; smaller runs (a poll round, tests) stay in this process.
PARALLEL_MIN = 200


@dataclass
class ProcessResult:
    enriched: int = 0
    stories_updated: int = 0


def process_pending(
    store: Store, resolver: OutletResolver, progress: Any | None = None
) -> ProcessResult:
    """Enrich and cluster every article not yet enriched, then re-analyse dirty stories.

    Under the store's cluster lock: processes sharing a database take turns, each
    clustering what is pending when its turn comes, against the stories the others made.
    """
    result = ProcessResult()
    with store.exclusive("cluster"):
        pending = store.articles(unenriched=True)
        if pending:
            result.enriched = _enrich_and_cluster(store, pending, progress)
        result.stories_updated = analyse_dirty_stories(store, resolver, progress)
    return result


@dataclass
class _Later:
    """Stored articles published after the batch's first, replayed between its articles."""

    articles: list[Article]
    vectors: dict[str, np.ndarray]
    next: int = 0

    def replay_until(self, clusterer: OnlineClusterer, moment: datetime | None) -> None:
        """Replay the stored articles published up to `moment` (all of them: None)."""
        while self.next < len(self.articles):
            article = self.articles[self.next]
            when = article.published
            if moment is not None and when is not None and to_utc(when) > to_utc(moment):
                return
            clusterer.replay(article, self.vectors[article.id])
            self.next += 1


def _restore_clusterer(store: Store, pending: list[Article]) -> tuple[Any, _Later]:
    """A clusterer holding the stored window up to the batch's first article, and the
    stored articles published after it, to replay in order between the batch's own."""
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
    first = min(dated) if dated else None
    later = sorted(
        (a for a in stored if first and a.published and to_utc(a.published) > to_utc(first)),
        key=lambda a: (to_utc(a.published) if a.published else first, a.id),
    )
    later_ids = {a.id for a in later}
    stored = [a for a in stored if a.id not in later_ids]
    matrix = np.stack([vectors[a.id] for a in stored]) if stored else np.zeros((0, 384), np.float32)
    merges = store.merges()
    pinned = list(store.corrections())
    separated = store.separations()
    highest = store.highest_story_number()
    clusterer = OnlineClusterer.restore(
        stored,
        matrix,
        merges=[MergeRecord(a, b) for a, b in merges],
        pinned=pinned,
        cannot_link=separated,
        story_ids=id_counter("s", highest[0]),
        storyline_ids=id_counter("l", highest[1]),
    )
    return clusterer, _Later(later, {a.id: vectors[a.id] for a in later})


def _enrich_and_cluster(store: Store, pending: list[Article], progress: Any | None) -> int:
    from newsprism.enrich.batch import enrich_stream
    from newsprism.stories.online import publication_order

    clusterer, later = _restore_clusterer(store, pending)
    corrections = store.corrections()
    ordered = [pending[i] for i in publication_order(pending)]
    # enriched already (a backfill): quotes, entities and embedding stored
    embedded_before = store.with_embedding([a.id for a in ordered])
    fresh_all = [a for a in ordered if a.id not in embedded_before]
    workers = min(2, os.cpu_count() or 1) if len(fresh_all) >= PARALLEL_MIN else 1
    task = progress.add_task("enriching and clustering", total=len(ordered)) if progress else None
    done = 0
    with closing(enrich_stream((a.text for a in fresh_all), workers)) as enrichments:
        for start in range(0, len(ordered), ENRICH_CHUNK):
            chunk = ordered[start : start + ENRICH_CHUNK]
            fresh = [a for a in chunk if a.id not in embedded_before]
            found = _take_enrichments(enrichments, fresh)
            _cluster_chunk(store, chunk, found, clusterer, later, corrections)
            done += len(chunk)
            if progress is not None and task is not None:
                progress.advance(task, len(chunk))
    # One sweep over the window for merges and moves the arrival order hid.
    later.replay_until(clusterer, None)
    clusterer.consolidate()
    changes = clusterer.pop_changes()  # the replay's merges and the sweep's
    if changes.merges or changes.moves or changes.storyline_links:
        with store.begin() as conn:
            for merge in changes.merges:
                store.record_merge(conn, merge.absorbed_id, merge.surviving_id)
            _save_moves(store, conn, clusterer, changes.moves)
            for story_id, storyline_id in changes.storyline_links:
                store.upsert_storyline(conn, storyline_id, None)  # titled after analysis
                store.set_story_storyline(conn, story_id, storyline_id)
            survivors = {clusterer.resolve(m.surviving_id) for m in changes.merges}
            store.ensure_stories(conn, survivors, {})
    return done


def _take_enrichments(
    enrichments: Iterator[Enrichment], fresh: list[Article]
) -> dict[str, Enrichment]:
    """The next enrichments of the stream, one per fresh article (the stream's order)."""
    return {a.id: next(enrichments) for a in fresh}


def _cluster_chunk(
    store: Store,
    chunk: list[Article],
    found: dict[str, Enrichment],
    clusterer: OnlineClusterer,
    later: _Later,
    corrections: dict[str, str],
) -> None:
    """Embed the chunk's fresh articles (those in `found`, with their entities and
    quotes), add the whole chunk to the clusterer and commit both together."""
    from newsprism.enrich.embeddings import article_embedding_text, embed_texts
    from newsprism.enrich.entities import entity_key

    # enriched already (a backfill): its quotes, entities and embedding are stored
    stored = store.embeddings([a.id for a in chunk if a.id not in found])
    fresh = [a for a in chunk if a.id in found]
    embedded = embed_texts([article_embedding_text(a) for a in fresh])
    vectors = dict(zip([a.id for a in fresh], embedded, strict=True))
    with store.begin() as conn:
        touched: dict[str, str | None] = {}
        store.mark_enriched(conn, list(stored))
        for article in chunk:
            vector = stored.get(article.id)
            if vector is None:
                vector = vectors[article.id]
                entities, quotes = found[article.id]
                store.save_enrichment(
                    conn,
                    article.id,
                    embedding=vector,
                    quotes=quotes,
                    entities=[(entity_key(e.name, e.label), e) for e in entities],
                )
            if article.published is not None:
                later.replay_until(clusterer, article.published)
            clusterer.add(article, vector)
            if article.id in corrections:  # a user's move outlives any later clustering
                clusterer.pin(article.id, corrections[article.id])
        changes = clusterer.pop_changes()
        for merge in changes.merges:
            store.record_merge(conn, merge.absorbed_id, merge.surviving_id)
            touched.setdefault(clusterer.resolve(merge.surviving_id), None)
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


def _save_moves(
    store: Store, conn: Transaction, clusterer: OnlineClusterer, moves: list[MoveRecord]
) -> None:
    """Store the consolidation's article moves; both stories are analysed again."""
    if not moves:
        return
    now = {m.article_id: clusterer.assignment(m.article_id) for m in moves}
    store.set_assignments(conn, [(i, a.story_id, a.storyline_id) for i, a in now.items()])
    stories = {clusterer.resolve(m.from_id) for m in moves} | {a.story_id for a in now.values()}
    store.ensure_stories(conn, stories, {})
