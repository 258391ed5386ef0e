"""Margins and relative similarity: a candidate judged against the article's others."""

from __future__ import annotations

import numpy as np
import pytest

from newsprism.stories.features import FEATURE_NAMES, NEAREST_MET, StoryProfile
from newsprism.stories.neighbours import compare_candidates, neighbour_scale

COLUMN = {name: i for i, name in enumerate(FEATURE_NAMES)}


def rows(dense: list[float], tfidf: list[float], body: bool = True) -> np.ndarray:
    features = np.zeros((len(dense), len(FEATURE_NAMES)))
    features[:, COLUMN["dense_centroid"]] = dense
    features[:, COLUMN["tfidf_mean"]] = tfidf
    features[:, COLUMN["has_body"]] = 1.0 if body else 0.0
    return features


def test_margin_is_the_lead_over_the_best_other_candidate():
    features = rows([0.5, 0.8, 0.3], [0.1, 0.4, 0.2])
    compare_candidates(features, neighbour_scale(features), [StoryProfile(s) for s in "abc"])
    assert features[:, COLUMN["dense_margin"]] == pytest.approx([-0.3, 0.3, -0.5])
    assert features[:, COLUMN["tfidf_margin"]] == pytest.approx([-0.3, 0.2, -0.2])


def test_headline_only_pairs_get_no_margin():
    features = rows([0.5, 0.8], [0.1, 0.4], body=False)
    compare_candidates(features, neighbour_scale(features), [StoryProfile("a"), StoryProfile("b")])
    assert not features[:, COLUMN["dense_margin"]].any()


def test_a_loner_article_counts_its_best_story_as_nearer_than_a_hub_does():
    """Same cosine to the right story; the article far from everything else gains more."""
    loner = rows([0.45, 0.05, 0.02, 0.01], [0.2, 0.0, 0.0, 0.0])
    hub = rows([0.45, 0.44, 0.43, 0.42], [0.2, 0.19, 0.18, 0.17])
    results = []
    for features in (loner, hub):
        stories = [StoryProfile(str(i)) for i in range(len(features))]
        compare_candidates(features, neighbour_scale(features), stories)
        results.append(features[0, COLUMN["dense_relative"]])
    assert results[0] > results[1] + 0.1


def test_a_story_remembers_the_closest_articles_that_met_it():
    story = StoryProfile("s")
    for dense in (0.1, 0.9, 0.5, 0.7, 0.2):
        story.meet(dense, dense / 2)
    assert story.near_dense == [0.9, 0.7, 0.5][:NEAREST_MET]
    assert story.scale == pytest.approx((0.7, 0.35))
    other = StoryProfile("t")
    other.meet(0.95, 0.1)
    story.absorb(other)
    assert story.near_dense[0] == pytest.approx(0.95)


def test_merge_checks_do_not_count_as_meetings():
    features = rows([0.6], [0.3])
    story = StoryProfile("s")
    compare_candidates(features, (0.6, 0.3), [story], meet=False)
    assert story.near_dense == []
    assert story.scale is None


def test_the_similarities_neighbours_derive_from_are_computed_even_without_weight():
    from newsprism.stories.features import DocSignals, TermStats, pair_features

    vector = np.zeros(4, dtype=np.float32)
    vector[0] = 1.0
    doc = DocSignals(
        "a", vector, {"ferry": 1.0}, {"strike": 1.0}, {"ferry": 2.0, "strike": 1.0}, frozenset(), {}
    )
    stats = TermStats()
    stats.add(doc)
    story = StoryProfile("s")
    story.add(doc, stats)
    row = pair_features(doc, story, stats, needed=frozenset())
    assert row[COLUMN["dense_centroid"]] == pytest.approx(1.0)
    assert row[COLUMN["tfidf_mean"]] == pytest.approx(1.0)
