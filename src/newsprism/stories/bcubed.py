"""Clustering quality: BCubed and pairwise precision, recall and F1.

Both take two mappings item -> cluster label over the same items (`predicted`, `gold`).
BCubed (Bagga & Baldwin 1998; Amigó et al. 2009) averages per item: precision is the
share of the item's predicted cluster that shares its gold cluster, recall the share
of its gold cluster found in its predicted cluster (the item itself included).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class Scores:
    precision: float
    recall: float
    f1: float


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def bcubed_items(
    predicted: Mapping[str, Hashable], gold: Mapping[str, Hashable]
) -> dict[str, tuple[float, float]]:
    """Per-item BCubed (precision, recall): lets cross-validation score a subset."""
    items = [i for i in gold if i in predicted]
    joint = Counter((predicted[i], gold[i]) for i in items)
    predicted_size = Counter(predicted[i] for i in items)
    gold_size = Counter(gold[i] for i in items)
    result = {}
    for item in items:
        together = joint[(predicted[item], gold[item])]
        result[item] = (
            together / predicted_size[predicted[item]],
            together / gold_size[gold[item]],
        )
    return result


def bcubed(
    predicted: Mapping[str, Hashable],
    gold: Mapping[str, Hashable],
    items: Iterable[str] | None = None,
) -> Scores:
    """BCubed P/R/F1 over the items of `gold` (optionally only `items` among them)."""
    per_item = bcubed_items(predicted, gold)
    chosen = list(per_item) if items is None else [i for i in items if i in per_item]
    if not chosen:
        return Scores(0.0, 0.0, 0.0)
    precision = sum(per_item[i][0] for i in chosen) / len(chosen)
    recall = sum(per_item[i][1] for i in chosen) / len(chosen)
    return Scores(precision, recall, _f1(precision, recall))


def pairwise(predicted: Mapping[str, Hashable], gold: Mapping[str, Hashable]) -> Scores:
    """Precision/recall over item pairs put together (predicted) and belonging together."""
    items = [i for i in gold if i in predicted]
    joint = Counter((predicted[i], gold[i]) for i in items)
    predicted_size = Counter(predicted[i] for i in items)
    gold_size = Counter(gold[i] for i in items)

    def pairs(n: int) -> int:
        return n * (n - 1) // 2

    true_pairs = sum(pairs(n) for n in joint.values())
    predicted_pairs = sum(pairs(n) for n in predicted_size.values())
    gold_pairs = sum(pairs(n) for n in gold_size.values())
    precision = true_pairs / predicted_pairs if predicted_pairs else 1.0
    recall = true_pairs / gold_pairs if gold_pairs else 1.0
    return Scores(precision, recall, _f1(precision, recall))
