"""Candidate features that compare one candidate story with the article's others.

Some articles sit close to everything (a routine "Biden says" report), others far from
everything (an opinion piece framing an event its own way). A raw cosine then means
different things for each, so two signals judge a candidate against its surroundings:

- margin: how far the candidate stands above the article's best other candidate;
- relative similarity: the cosine less the mean "scale" of both sides, an article's
  scale being its mean similarity to its nearest candidate stories and a story's the
  mean of the highest similarities of articles that met it. This is CSLS (Conneau et
  al., ICLR 2018), used there against hubness in nearest-neighbour search.

Both are left at 0 on headline-only data: there they made the model's probabilities
mean something else than with bodies (the UCI headline sample wanted a join threshold
of 0.7, AllSides 0.3 to 0.4) and arrival order moved BCubed F1 by up to 0.07.
"""

from __future__ import annotations

import numpy as np

from newsprism.stories.features import FEATURE_NAMES, NEAREST_MET, StoryProfile

_COLUMN = {name: i for i, name in enumerate(FEATURE_NAMES)}
# (derived column, source column): dense and TF-IDF similarity
_SOURCES = (_COLUMN["dense_centroid"], _COLUMN["tfidf_mean"])
_MARGINS = (_COLUMN["dense_margin"], _COLUMN["tfidf_margin"])
_RELATIVE = (_COLUMN["dense_relative"], _COLUMN["tfidf_relative"])
_HAS_BODY = _COLUMN["has_body"]


def neighbour_scale(features: np.ndarray) -> tuple[float, float]:
    """An article's usual (dense, tfidf) similarity: mean of its top candidates' similarity."""
    if not len(features):
        return 0.0, 0.0
    dense, tfidf = (float(np.sort(features[:, c])[-NEAREST_MET:].mean()) for c in _SOURCES)
    return dense, tfidf


def compare_candidates(
    features: np.ndarray,
    scale: tuple[float, float],
    stories: list[StoryProfile],
    meet: bool = True,
) -> np.ndarray:
    """Fill the margin and relative columns of one article's candidate rows (in place).

    With `meet`, each story first records the article's similarity to it (the article
    is arriving; not for merge checks or a second look at an article already seen).
    """
    if not len(features):
        return features
    if meet:
        for row, story in zip(features, stories, strict=True):
            story.meet(float(row[_SOURCES[0]]), float(row[_SOURCES[1]]))
    body = features[:, _HAS_BODY]
    for margin, source in zip(_MARGINS, _SOURCES, strict=True):
        features[:, margin] = _margin(features[:, source]) * body
    story_scales = np.array([story.scale or scale for story in stories])
    usual = 0.5 * (np.asarray(scale) + story_scales)
    for j, (column, source) in enumerate(zip(_RELATIVE, _SOURCES, strict=True)):
        features[:, column] = (features[:, source] - usual[:, j]) * body
    return features


def _margin(values: np.ndarray) -> np.ndarray:
    """Each value less the best of the others (less 0 when it is alone)."""
    if len(values) == 1:
        return values.copy()
    order = np.argsort(values)
    top, second = values[order[-1]], values[order[-2]]
    return values - np.where(values >= top, second, top)
