"""Exact inner-product search over a changing set of unit vectors (numpy)."""

from __future__ import annotations

import numpy as np

_BLOCK = 512


class CentroidIndex:
    """Exact inner-product search over the centroids of the stories in the window."""

    def __init__(self, dim: int, capacity: int = 1024) -> None:
        self.matrix = np.zeros((capacity, dim), dtype=np.float32)
        self.active = np.zeros(capacity, dtype=bool)
        self.owner: list[str | None] = [None] * capacity
        self.free: list[int] = list(range(capacity - 1, -1, -1))
        self.high = 0  # slots below this have been used

    def put(self, story_id: str, centroid: np.ndarray, slot: int = -1) -> int:
        if slot < 0:
            if not self.free:
                self._grow()
            slot = self.free.pop()
            self.high = max(self.high, slot + 1)
        self.matrix[slot] = centroid
        self.active[slot] = True
        self.owner[slot] = story_id
        return slot

    def remove(self, slot: int) -> None:
        self.active[slot] = False
        self.owner[slot] = None
        self.free.append(slot)

    def search(self, query: np.ndarray, k: int) -> list[tuple[str, float]]:
        if self.high == 0:
            return []
        query = np.asarray(query, dtype=np.float32)
        scores = np.empty(self.high, dtype=np.float32)
        # In blocks: one big matrix-vector product makes OpenBLAS start threads, which
        # costs more than it saves at this size (and much more on a busy machine).
        for start in range(0, self.high, _BLOCK):
            stop = min(self.high, start + _BLOCK)
            np.dot(self.matrix[start:stop], query, out=scores[start:stop])
        scores[~self.active[: self.high]] = -np.inf
        k = min(k, self.high)
        top = np.argpartition(-scores, k - 1)[:k] if k < self.high else np.arange(self.high)
        found = []
        for slot in top[np.argsort(-scores[top])]:
            owner = self.owner[slot]
            if owner is not None and np.isfinite(scores[slot]):
                found.append((owner, float(scores[slot])))
        return found

    def _grow(self) -> None:
        old = self.matrix.shape[0]
        self.matrix = np.vstack([self.matrix, np.zeros_like(self.matrix)])
        self.active = np.concatenate([self.active, np.zeros(old, dtype=bool)])
        self.owner.extend([None] * old)
        self.free.extend(range(2 * old - 1, old - 1, -1))
