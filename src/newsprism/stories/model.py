"""The learned pair model: P(article belongs to story | features), plain JSON weights."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from newsprism.stories.features import FEATURE_NAMES

MODEL_PATH = Path(__file__).with_name("model.json")


@dataclass
class PairModel:
    """Logistic regression over standardised pair features, and the decision thresholds.

    `join_threshold`: the best candidate's probability above which an article joins it
    (below: it starts a new story). `merge_threshold`: the probability above which two
    stories are merged, scored by the `merge` model (same features, a story taken as one
    document; trained on the merge checks the clusterer meets; absent: the join model).
    `day_penalty`: logit subtracted per day between an article and a story's latest
    article beyond `grace_days` (set by hand, see online.py).
    """

    feature_names: list[str]
    mean: list[float]
    scale: list[float]
    weights: list[float]
    bias: float
    join_threshold: float = 0.5
    merge_threshold: float = 0.8
    day_penalty: float = 0.7
    grace_days: float = 1.0
    merge: dict[str, Any] | None = None  # {"mean", "scale", "weights", "bias"}
    provenance: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if list(self.feature_names) != list(FEATURE_NAMES):
            raise ValueError(
                f"model features {self.feature_names} do not match the code's {FEATURE_NAMES}"
            )
        scale = np.asarray(self.scale, dtype=np.float64)
        self._w = np.asarray(self.weights, dtype=np.float64) / scale
        self._b = self.bias - float(np.asarray(self.mean, dtype=np.float64) @ self._w)
        self.used_features = frozenset(
            name for name, weight in zip(self.feature_names, self.weights, strict=True) if weight
        )
        self._mw, self._mb = self._w, self._b
        if self.merge is not None:
            merge_scale = np.asarray(self.merge["scale"], dtype=np.float64)
            self._mw = np.asarray(self.merge["weights"], dtype=np.float64) / merge_scale
            self._mb = float(self.merge["bias"]) - float(
                np.asarray(self.merge["mean"], dtype=np.float64) @ self._mw
            )
            self.used_features |= {
                n for n, w in zip(self.feature_names, self.merge["weights"], strict=True) if w
            }

    def merge_logits(self, features: np.ndarray) -> np.ndarray:
        """Logit that two stories are one, per row of story-pair features."""
        result: np.ndarray = features @ self._mw + self._mb
        return result

    def logits(self, features: np.ndarray) -> np.ndarray:
        """Logit per row of a (n, n_features) matrix."""
        result: np.ndarray = features @ self._w + self._b
        return result

    @staticmethod
    def probability(logit: np.ndarray | float) -> np.ndarray:
        return 1.0 / (1.0 + np.exp(-np.asarray(logit, dtype=np.float64)))

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    def save(self, path: Path) -> None:
        path.write_text(json.dumps(self.to_json(), indent=1) + "\n", encoding="utf-8")

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> PairModel:
        return cls(**data)

    @classmethod
    def load(cls, path: Path = MODEL_PATH) -> PairModel:
        return cls.from_json(json.loads(path.read_text(encoding="utf-8")))


@lru_cache(maxsize=1)
def default_model() -> PairModel:
    """The bundled model (trained on both dev sets by benchmarks/clustering.py --train)."""
    return PairModel.load(MODEL_PATH)
