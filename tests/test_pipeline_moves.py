"""A consolidation sweep's moves reach the database, on both backends."""

from __future__ import annotations

from datetime import UTC, datetime

import numpy as np

from newsprism.enrich.embeddings import EMBEDDING_DIM
from newsprism.models import Article, RawDocument
from newsprism.pipeline.process import _save_moves
from newsprism.store import Store
from newsprism.stories.features import FEATURE_NAMES
from newsprism.stories.model import PairModel
from newsprism.stories.online import OnlineClusterer


def direction(x: float, y: float) -> np.ndarray:
    vector = np.zeros(EMBEDDING_DIM, dtype=np.float32)
    vector[:2] = (x, y)
    return vector / np.linalg.norm(vector)


def centroid_model(cut: float = 0.6) -> PairModel:
    n = len(FEATURE_NAMES)
    weights = [0.0] * n
    weights[FEATURE_NAMES.index("dense_centroid")] = 20.0
    return PairModel(list(FEATURE_NAMES), [0.0] * n, [1.0] * n, weights, -20.0 * cut)


def test_moved_article_is_refiled_and_both_stories_are_analysed_again(any_store: Store):
    arrivals = {
        "a1": direction(1, 0),
        "x": direction(0.9, 1),  # joins a1's story, then fits the later one better
        "b1": direction(0, 1),
        "b2": direction(0.05, 1),
    }
    with any_store.begin() as conn:
        rows = []
        for n, article_id in enumerate(arrivals):
            article = Article(
                id=article_id,
                title=f"Report {article_id}",
                text=f"Text of report {article_id}.",
                published=datetime(2026, 3, 2, 9, n, tzinfo=UTC),
                content_hash=f"h-{article_id}",
            )
            raw = RawDocument(
                source=f"{article_id}.txt", content=article.text.encode(), kind="text"
            )
            rows.append((article, any_store.add_raw(conn, raw)))
        any_store.add_articles(conn, rows)

    clusterer = OnlineClusterer(centroid_model(), storylines=False)
    for article_id, vector in arrivals.items():
        clusterer.add({"id": article_id, "title": "", "text": ""}, vector)
    first, later = clusterer.assignment("a1").story_id, clusterer.assignment("b1").story_id
    with any_store.begin() as conn:
        any_store.set_assignments(
            conn, [(a.article_id, a.story_id, None) for a in clusterer.assignments()]
        )
        any_store.ensure_stories(conn, [first, later], {})
    for story_id in (first, later):
        any_store.save_story_analysis(
            story_id,
            title="t",
            article_count=2,
            outlet_count=1,
            first_published=None,
            last_published=None,
            summary={"title": "t", "bullets": []},
            coverage={},
            claims=[],
            blindspot=None,
        )
    assert any_store.dirty_story_ids() == []

    clusterer.consolidate()
    moves = clusterer.pop_changes().moves
    assert [(m.article_id, m.to_id) for m in moves] == [("x", later)]
    with any_store.begin() as conn:
        _save_moves(any_store, conn, clusterer, moves)

    stored = any_store.article("x")
    assert stored is not None and stored.story_id == later
    assert sorted(any_store.dirty_story_ids()) == sorted([first, later])
