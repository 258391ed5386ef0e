"""Grouping across languages: the decision for articles not in English.

The pair model (model.py) reads English signals: MiniLM embeddings, English TF-IDF
and capitalised names. On other languages they mislead (MiniLM puts any two Russian
articles at cosine ~0.8), so an article whose language is known and not English takes
this route instead: a multilingual embedding (enrich/multilingual.py) compared with
each story's mean multilingual embedding, and a small logistic model over a few
language-independent signals (`CROSS_FEATURES`) with its own threshold, fitted on
wmt_xling_dev by `benchmarks/clustering.py --train-xling` (crosslingual.json).
English articles keep every decision they took before; they only meet this route
when a story made only of other-language articles may be theirs.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from newsprism.enrich.multilingual import SUPPORTED_LANGUAGES

CROSS_MODEL_PATH = Path(__file__).with_name("crosslingual.json")

CROSS_FEATURES: tuple[str, ...] = (
    "xcos",  # multilingual cosine of the article to the story's mean vector
    "xmax",  # multilingual cosine to the nearest member
    "xmargin",  # xcos less the best other candidate's (0 when alone)
    "numbers",  # share of the article's numbers (digits only) the story states too
    "names",  # share of its Latin-script names (Cyrillic transliterated) the story has
)

_NUMBER = re.compile(r"\d[\d.,\u00a0\u202f ]*\d|\d")
# A capitalised word in Latin or Cyrillic script (names survive translation as words
# of their own script; Chinese and Japanese names do not, and give no names).
_NAME = re.compile(r"\b[A-ZÀ-ÖØ-ÞА-ЯЁ][\wÀ-ÿа-яё'-]{2,}")
_CYRILLIC = dict(
    zip(
        "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
        (
            *("a", "b", "v", "g", "d", "e", "e", "zh", "z", "i", "y", "k", "l", "m", "n", "o"),
            *("p", "r", "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e"),
            *("yu", "ya"),
        ),
        strict=True,
    )
)


def route_language(language: str | None) -> str | None:
    """The language code the clusterer routes by ('de' for 'de-AT'), None if unknown.

    Languages the multilingual encoder does not know count as unknown: such articles
    stay on the English route, as before this route existed.
    """
    if not language:
        return None
    code = language.strip().lower().replace("_", "-").split("-")[0]
    return code if code in SUPPORTED_LANGUAGES else None


def is_foreign(language: str | None) -> bool:
    """Does an article of this (routed) language take the multilingual route?"""
    return language is not None and language != "en"


def transliterate(word: str) -> str:
    """Latin letters for a Cyrillic word (simple BGN-like table); other words unchanged."""
    return "".join(_CYRILLIC.get(ch, ch) for ch in word.lower())


def numbers_of(text: str) -> frozenset[str]:
    """Numbers of two or more digits, separators dropped ("1.250" and "1,250" agree)."""
    found = set()
    for match in _NUMBER.finditer(text or ""):
        digits = re.sub(r"\D", "", match.group())
        if len(digits) >= 2:
            found.add(digits)
    return frozenset(found)


def names_of(text: str) -> frozenset[str]:
    """Capitalised words in Latin or Cyrillic script, lower-cased and transliterated."""
    return frozenset(transliterate(w)[:6] for w in _NAME.findall(text or ""))


@dataclass(frozen=True)
class CrossDoc:
    """What the multilingual route knows of one article."""

    vector: np.ndarray
    numbers: frozenset[str]
    names: frozenset[str]
    language: str | None


def share(items: frozenset[str], found: set[str] | frozenset[str]) -> float:
    return len(items & found) / len(items) if items else 0.0


def cross_features(doc: CrossDoc, stories: list[list[CrossDoc]]) -> np.ndarray:
    """One row of `CROSS_FEATURES` per candidate story (its members' CrossDocs)."""
    if not stories:
        return np.zeros((0, len(CROSS_FEATURES)))
    centroids = np.stack([_mean_vector(members) for members in stories])
    xcos = centroids @ doc.vector
    rows = []
    for i, members in enumerate(stories):
        others = np.delete(xcos, i)
        margin = float(xcos[i] - others.max()) if len(others) else 0.0
        numbers = set().union(*(m.numbers for m in members))
        names = set().union(*(m.names for m in members if m.language != doc.language))
        nearest = max(float(m.vector @ doc.vector) for m in members)
        rows.append(
            [float(xcos[i]), nearest, margin, share(doc.numbers, numbers), share(doc.names, names)]
        )
    return np.array(rows)


def _mean_vector(members: list[CrossDoc]) -> np.ndarray:
    total = np.sum([m.vector for m in members], axis=0)
    norm = float(np.linalg.norm(total))
    result: np.ndarray = total / norm if norm > 0 else total
    return result


@dataclass
class CrossModel:
    """Logistic regression over `CROSS_FEATURES` (raw scale) and its join threshold."""

    feature_names: list[str]
    weights: list[float]
    bias: float
    threshold: float = 0.5
    provenance: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if list(self.feature_names) != list(CROSS_FEATURES):
            raise ValueError(
                f"cross-language model features {self.feature_names} != code's {CROSS_FEATURES}"
            )

    def probabilities(self, features: np.ndarray) -> np.ndarray:
        logits = features @ np.asarray(self.weights) + self.bias
        result: np.ndarray = 1.0 / (1.0 + np.exp(-logits))
        return result

    def best(self, features: np.ndarray) -> int | None:
        """Index of the candidate to join, or None (start a new story)."""
        if not len(features):
            return None
        probabilities = self.probabilities(features)
        best = int(np.argmax(probabilities))
        return best if probabilities[best] >= self.threshold else None

    def save(self, path: Path = CROSS_MODEL_PATH) -> None:
        path.write_text(json.dumps(asdict(self), indent=1) + "\n", encoding="utf-8")

    @classmethod
    def load(cls, path: Path = CROSS_MODEL_PATH) -> CrossModel:
        return cls(**json.loads(path.read_text(encoding="utf-8")))


@lru_cache(maxsize=1)
def default_cross_model() -> CrossModel:
    """The bundled model (fitted on wmt_xling_dev by benchmarks/clustering.py)."""
    return CrossModel.load(CROSS_MODEL_PATH)
