"""Training the pair model on gold stories (used by benchmarks/clustering.py --train).

The gold stream is replayed in publication order: each article is compared, with the
same candidate search and features as at run time, with the gold stories built so far;
the candidate that is its gold story is a positive pair, the others negatives (an
article whose story has not started yet gives only negatives: it should start one).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from newsprism.stories.features import FEATURE_NAMES, FEATURE_SIGNS, StoryProfile, pair_features
from newsprism.stories.model import PairModel
from newsprism.stories.neighbours import compare_candidates, neighbour_scale
from newsprism.stories.online import OnlineClusterer, _field, _Story, publication_order


def blank_model() -> PairModel:
    n = len(FEATURE_NAMES)
    return PairModel(list(FEATURE_NAMES), [0.0] * n, [1.0] * n, [0.0] * n, 0.0)


def collect_pairs(
    articles: Sequence[Any],
    embeddings: np.ndarray,
    gold: Mapping[str, str],
    *,
    candidates: int = 8,
    order: Sequence[int] | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Feature rows and 0/1 labels of (article, candidate gold story) pairs."""
    replay = OnlineClusterer(blank_model(), candidates=candidates, storylines=False)
    rows: list[list[float]] = []
    labels: list[int] = []
    for i in order if order is not None else publication_order(articles):
        doc = replay._signals(articles[i], embeddings[i])
        if doc.day is not None and doc.published:
            replay.now = doc.day if replay.now is None else max(replay.now, doc.day)
        replay.stats.add(doc)
        replay._evict()
        story_id = gold[str(_field(articles[i], "id"))]
        found = replay._index.search(doc.embedding, candidates) if replay._index else []
        ids = [s for s, _ in found]
        if story_id in replay._stories and story_id not in ids:
            ids.append(story_id)
        profiles = [replay._stories[candidate].profile for candidate in ids]
        if profiles:
            found_rows = np.array([pair_features(doc, p, replay.stats) for p in profiles])
            # the scale comes from what the search found, as at run time
            doc.scale = neighbour_scale(found_rows[: len(found)])
            rows.extend(compare_candidates(found_rows, doc.scale, profiles).tolist())
            labels.extend(int(candidate == story_id) for candidate in ids)
        if story_id not in replay._stories:
            replay._stories[story_id] = _Story(StoryProfile(story_id))
        replay._attach(doc, story_id)
    return np.array(rows, dtype=np.float64).reshape(-1, len(FEATURE_NAMES)), np.array(labels)


def fit_pair_model(
    features: np.ndarray,
    labels: np.ndarray,
    sample_weight: np.ndarray | None = None,
    *,
    regularisation: float = 1.0,
    provenance: dict[str, Any] | None = None,
) -> PairModel:
    """L2-regularised logistic regression on standardised features, weights sign-bounded.

    Each weight keeps the sign FEATURE_SIGNS gives its signal: correlated signals then
    share the credit instead of one getting a spurious negative weight, which is what
    would not transfer to other data.
    """
    from scipy.optimize import minimize

    mean = features.mean(axis=0)
    scale = features.std(axis=0)
    scale[scale < 1e-9] = 1.0
    x = (features - mean) / scale
    y = labels.astype(np.float64)
    w = np.ones(len(y)) if sample_weight is None else sample_weight.astype(np.float64)
    w = w / w.sum()
    penalty = 1.0 / (regularisation * len(y))

    def loss(params: np.ndarray) -> tuple[float, np.ndarray]:
        z = x @ params[:-1] + params[-1]
        p = 1.0 / (1.0 + np.exp(-z))
        value = float(np.sum(w * (np.logaddexp(0.0, z) - y * z))) + 0.5 * penalty * float(
            params[:-1] @ params[:-1]
        )
        residual = w * (p - y)
        grad = np.concatenate([x.T @ residual + penalty * params[:-1], [residual.sum()]])
        return value, grad

    bounds = [
        (0.0, None)
        if FEATURE_SIGNS[n] > 0
        else (None, 0.0)
        if FEATURE_SIGNS[n] < 0
        else (None, None)
        for n in FEATURE_NAMES
    ] + [(None, None)]
    start = np.zeros(len(FEATURE_NAMES) + 1)
    result = minimize(loss, start, jac=True, method="L-BFGS-B", bounds=bounds)
    params = result.x
    return PairModel(
        feature_names=list(FEATURE_NAMES),
        mean=[float(v) for v in mean],
        scale=[float(v) for v in scale],
        weights=[float(v) for v in params[:-1]],
        bias=float(params[-1]),
        provenance=provenance or {},
    )


class _MergeRecorder(OnlineClusterer):
    """Runs the clusterer and keeps every merge check it meets, labelled from gold."""

    def __init__(self, gold: Mapping[str, str], model: PairModel) -> None:
        super().__init__(model, storylines=False)
        self.gold = gold
        self.rows: list[np.ndarray] = []
        self.labels: list[int] = []

    def _majority(self, story_id: str) -> str:
        votes: dict[str, int] = {}
        for member in self._stories[story_id].members:
            label = self.gold[member]
            votes[label] = votes.get(label, 0) + 1
        return max(votes, key=lambda k: votes[k])

    def _on_merge_check(self, story_id: str, others: list[str]) -> None:
        assert self._merge_features is not None
        mine = self._majority(story_id)
        for row, other in zip(self._merge_features, others, strict=True):
            self.rows.append(row)
            self.labels.append(int(self._majority(other) == mine))


def collect_merge_pairs(
    articles: Sequence[Any],
    embeddings: np.ndarray,
    gold: Mapping[str, str],
    model: PairModel,
    *,
    order: Sequence[int] | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Story-pair features met by the clusterer's merge checks (merging off), gold labels."""
    recorder = _MergeRecorder(gold, PairModel(**{**model.to_json(), "merge_threshold": 2.0}))
    recorder.model.used_features = frozenset(FEATURE_NAMES)  # record every feature
    for i in order if order is not None else publication_order(articles):
        recorder.add(articles[i], embeddings[i])
    rows = np.array(recorder.rows, dtype=np.float64).reshape(-1, len(FEATURE_NAMES))
    return rows, np.array(recorder.labels)


def with_merge_model(model: PairModel, merge: PairModel) -> PairModel:
    """`model` with `merge`'s weights as its merge model."""
    model.merge = {
        "mean": merge.mean,
        "scale": merge.scale,
        "weights": merge.weights,
        "bias": merge.bias,
    }
    return PairModel.from_json(model.to_json())


def cluster_stream(
    articles: Sequence[Any],
    embeddings: np.ndarray,
    model: PairModel,
    *,
    order: Sequence[int] | None = None,
    **options: Any,
) -> dict[str, str]:
    """article id -> story id after clustering the articles as one stream (one batch)."""
    clusterer = OnlineClusterer(model, storylines=False, **options)
    for i in order if order is not None else publication_order(articles):
        clusterer.add(articles[i], embeddings[i])
    clusterer.consolidate()
    return {a.article_id: a.story_id for a in clusterer.assignments()}
