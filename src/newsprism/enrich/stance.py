"""Stance of a text towards a claim: agree, disagree, discuss or unrelated (FNC-1 labels).

Two learned linear models, weights in `stance_model.json` (fitted on FNC-1 by
`benchmarks/stance.py --train`; nothing here is a hand-tuned weight):

1. relatedness: is the text about the claim at all? Dense similarity signals
   (TF-IDF cosine of claim vs text and vs its best-matching sentences, share of the
   claim's words and word pairs found in the text, in its lead, ...).
2. stance of a related text: the words and word pairs of the sentences that match the
   claim best and of the whole text, the claim's own words, and negation near the
   matched sentences, as sparse features of a multinomial logistic regression.

Only numpy at inference, a few hundred microseconds per pair. `cue_scores` exposes the
learned cue weights (stage 2 without the claim) for the pipeline's quote stance.
"""

from __future__ import annotations

import itertools
import json
import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

LABELS = ("agree", "disagree", "discuss", "unrelated")
RELATED_LABELS = ("agree", "disagree", "discuss")
MODEL_PATH = Path(__file__).with_name("stance_model.json")

# Which sparse term groups stage 2 reads: focus sentences, whole body, claim.
SPARSE_PARTS = ("f", "b", "c")
FOCUS_SENTENCES = 3  # sentences best matching the claim, read for stance cues
MAX_SENTENCES = 60  # a body's first sentences; FNC bodies average 20

_TOKEN = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"'”’)]*\s+|\n+")
# Closed-class negation words: grammar, not a stance lexicon.
NEGATIONS = frozenset(["not", "no", "never", "n't", "nor", "neither", "none", "nothing", "without"])
_STOPWORD_TEXT = """a an the and or but of to in on at by for with from as is are was were
    be been being
    it its this that these those he she they we i you his her their our my your him them us
    has have had do does did will would can could should may might must shall into over
    about after before than then so if up out also just more most such there here which who
    whom what when where why how all any both each other some said says say"""
STOPWORDS = frozenset(_STOPWORD_TEXT.split())

# Word stems of refutation and of hedging. Inputs whose weights are learned (as the
# FNC-1 baseline's "refuting words" feature): the sparse word features alone learn
# topic words as cues and do not carry "denied" over to unseen topics or short texts.
REFUTE_STEMS = (
    "deni",
    "deny",
    "false",
    "fake",
    "hoax",
    "debunk",
    "bogus",
    "fabricat",
    "baseless",
    "untrue",
    "retract",
    "refut",
    "reject",
    "dismiss",
    "groundless",
    "unfounded",
    "myth",
    "satire",
    "lie",
    "lies",
    "lied",
    "prank",
)
HEDGE_STEMS = (
    "reported",
    "allegedly",
    "alleg",
    "claim",
    "according",
    "unconfirmed",
    "rumor",
    "rumour",
    "may",
    "might",
    "could",
    "purported",
    "apparent",
    "appear",
    "suggest",
    "unverified",
    "possibl",
)

DENSE_NAMES = (
    "cos_body",
    "cos_best_sentence",
    "cos_top3",
    "cos_lead",
    "claim_words_in_body",
    "claim_idf_in_body",
    "claim_pairs_in_body",
    "claim_words_in_lead",
    "claim_words_in_best",
    "log_claim_len",
    "neg_focus",
    "neg_claim",
    "neg_claim_x_focus",
    "question_claim",
    "refute_focus",
    "refute_claim",
    "refute_claim_x_focus",
    "hedge_focus",
    "refute_body",
)


def tokens(text: str) -> list[str]:
    """Lower-case word tokens; "don't" -> "do", "n't"."""
    out: list[str] = []
    for token in _TOKEN.findall(text.lower().replace("’", "'")):
        if token.endswith("n't") and len(token) > 3:
            out.extend([token[:-3], "n't"])
        else:
            out.append(token)
    return out


def content_words(words: Iterable[str]) -> list[str]:
    return [w for w in words if (w not in STOPWORDS and len(w) > 1) or w in NEGATIONS]


def split_body(text: str) -> list[str]:
    """Rough sentences (enough for finding the sentences that match a claim)."""
    pieces = [p.strip() for p in _SENTENCE_END.split(text)]
    return [p for p in pieces if p][:MAX_SENTENCES]


def ngrams(words: Sequence[str]) -> list[str]:
    """Content unigrams and adjacent word pairs (pairs keep negations: "not true")."""
    kept = content_words(words)
    pairs = [
        f"{a}_{b}"
        for a, b in itertools.pairwise(words)
        if (a not in STOPWORDS or a in NEGATIONS) or (b not in STOPWORDS or b in NEGATIONS)
    ]
    return kept + pairs


@dataclass(frozen=True)
class Idf:
    weights: dict[str, float]
    default: float

    def vector(self, words: Iterable[str]) -> dict[str, float]:
        """L2-normalised TF-IDF of a bag of words (sublinear term frequency)."""
        counts = Counter(words)
        vec = {w: (1 + math.log(c)) * self.weights.get(w, self.default) for w, c in counts.items()}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        return {w: v / norm for w, v in vec.items()}


def fit_idf(documents: Iterable[Sequence[str]], min_df: int = 2) -> Idf:
    """Smoothed IDF over content words seen in at least `min_df` documents."""
    df: Counter[str] = Counter()
    n = 0
    for words in documents:
        n += 1
        df.update(set(content_words(words)))
    weights = {w: math.log((1 + n) / (1 + c)) + 1 for w, c in df.items() if c >= min_df}
    return Idf(weights, math.log((1 + n) / 2) + 1)


def _cos(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(w, 0.0) for w, v in a.items())


@dataclass(frozen=True)
class Body:
    """What the features need from a text, computed once per text."""

    words: list[str]
    word_set: frozenset[str]
    pair_set: frozenset[tuple[str, str]]
    lead_set: frozenset[str]
    vector: dict[str, float]
    lead_vector: dict[str, float]
    sentences: list[list[str]]
    sentence_vectors: list[dict[str, float]]


def prepare_body(text: str, idf: Idf) -> Body:
    sentences = [tokens(s) for s in split_body(text)] or [[]]
    words = [w for s in sentences for w in s]
    lead = [w for s in sentences[:2] for w in s]
    return Body(
        words=words,
        word_set=frozenset(words),
        pair_set=frozenset(itertools.pairwise(words)),
        lead_set=frozenset(lead),
        vector=idf.vector(content_words(words)),
        lead_vector=idf.vector(content_words(lead)),
        sentences=sentences,
        sentence_vectors=[idf.vector(content_words(s)) for s in sentences],
    )


def _share(needed: Sequence[Any], found: frozenset[Any]) -> float:
    return sum(1 for x in needed if x in found) / len(needed) if needed else 0.0


def _stems(words: Iterable[str], stems: tuple[str, ...]) -> int:
    return sum(1 for w in words if w.startswith(stems))


def _negations(words: Iterable[str]) -> int:
    return sum(1 for w in words if w in NEGATIONS)


@dataclass(frozen=True)
class ClaimSide:
    """What the features need from a claim, computed once per claim."""

    text: str
    words: list[str]
    content: list[str]
    vector: dict[str, float]
    pairs: list[tuple[str, str]]
    idf_total: float
    refutes: float
    negated: float


def prepare_claim(claim: str, idf: Idf) -> ClaimSide:
    words = tokens(claim)
    content = content_words(words) or words
    return ClaimSide(
        text=claim,
        words=words,
        content=content,
        vector=idf.vector(content),
        pairs=[
            p for p in itertools.pairwise(words) if p[0] not in STOPWORDS or p[1] not in STOPWORDS
        ],
        idf_total=sum(idf.weights.get(w, idf.default) for w in content) or 1.0,
        refutes=float(_stems(words, REFUTE_STEMS) > 0),
        negated=float(_negations(words) > 0),
    )


def pair_features(
    claim: str | ClaimSide, body: Body, idf: Idf, terms: bool = True
) -> tuple[list[float], list[str]]:
    """Dense features (in `DENSE_NAMES` order) and sparse terms of one claim/text pair
    (`terms=False`: no sparse terms, enough for relatedness)."""
    side = claim if isinstance(claim, ClaimSide) else prepare_claim(claim, idf)
    claim_words, claim_content, claim_vec = side.words, side.content, side.vector
    sims = [_cos(claim_vec, v) for v in body.sentence_vectors]
    order = sorted(range(len(sims)), key=lambda i: -sims[i])[:FOCUS_SENTENCES]
    focus = [w for i in sorted(order) for w in body.sentences[i]]
    best_set = frozenset(body.sentences[order[0]]) if order else frozenset()
    claim_pairs, idf_total = side.pairs, side.idf_total
    neg_focus = min(_negations(focus), 5) / 5
    refute_focus = min(_stems(focus, REFUTE_STEMS), 3) / 3
    refute_claim, neg_claim = side.refutes, side.negated
    dense = [
        _cos(claim_vec, body.vector),
        max(sims, default=0.0),
        sum(sims[i] for i in order) / FOCUS_SENTENCES,
        _cos(claim_vec, body.lead_vector),
        _share(claim_content, body.word_set),
        sum(idf.weights.get(w, idf.default) for w in claim_content if w in body.word_set)
        / idf_total,
        _share(claim_pairs, body.pair_set),
        _share(claim_content, body.lead_set),
        _share(claim_content, best_set),
        math.log1p(len(claim_content)),
        neg_focus,
        neg_claim,
        neg_claim * neg_focus,
        float("?" in side.text),
        refute_focus,
        refute_claim,
        refute_focus * refute_claim,
        min(_stems(focus, HEDGE_STEMS), 5) / 5,
        min(_stems(body.words, REFUTE_STEMS), 10) / 10,
    ]
    if not terms:
        return dense, []
    parts = {"f": focus, "b": body.words, "c": claim_words}
    sparse = [f"{p}:{t}" for p in SPARSE_PARTS for t in set(ngrams(parts[p]))]
    return dense, sparse


CLAIM_CACHE = 4096  # prepared claims kept per model


@dataclass
class StanceModel:
    """The two linear models and the IDF they read (see the module docstring)."""

    idf: Idf
    relate_mean: np.ndarray
    relate_scale: np.ndarray
    relate_weights: np.ndarray  # (dense,)
    relate_bias: float
    stance_mean: np.ndarray
    stance_scale: np.ndarray
    stance_dense: np.ndarray  # (dense, 3)
    stance_terms: dict[str, np.ndarray]  # term -> (3,)
    stance_bias: np.ndarray  # (3,)
    provenance: dict[str, Any]
    _claim_sides: dict[str, ClaimSide] = field(default_factory=dict, repr=False, compare=False)

    def _claim_side(self, claim: str) -> ClaimSide:
        """`prepare_claim`, remembered: a story's statements are all read against the
        same few claims."""
        cache = self._claim_sides
        if claim not in cache:
            if len(cache) >= CLAIM_CACHE:
                cache.clear()
            cache[claim] = prepare_claim(claim, self.idf)
        return cache[claim]

    def related_probability(self, dense: Sequence[float]) -> float:
        z = (np.asarray(dense) - self.relate_mean) / self.relate_scale
        return float(1 / (1 + np.exp(-(z @ self.relate_weights + self.relate_bias))))

    def related_scores(self, dense: Sequence[float], sparse: Iterable[str]) -> np.ndarray:
        """Softmax over agree/disagree/discuss."""
        z = (np.asarray(dense) - self.stance_mean) / self.stance_scale
        logits = z @ self.stance_dense + self.stance_bias
        for term in sparse:
            weight = self.stance_terms.get(term)
            if weight is not None:
                logits = logits + weight
        exp = np.exp(logits - logits.max())
        return np.asarray(exp / exp.sum())

    def probabilities(self, claim: str, text: str) -> dict[str, float]:
        dense, sparse = pair_features(claim, prepare_body(text, self.idf), self.idf)
        related = self.related_probability(dense)
        stance = self.related_scores(dense, sparse)
        probs = {label: related * float(p) for label, p in zip(RELATED_LABELS, stance, strict=True)}
        probs["unrelated"] = 1 - related
        return probs

    def best_claim(self, claims: Sequence[str], text: str) -> tuple[int, dict[str, float]]:
        """The claim `text` is most related to (index) and the stance probabilities
        against it; the text is read once, only the best claim gets stage 2."""
        body = prepare_body(text, self.idf)
        sides = [self._claim_side(c) for c in claims]
        related = [
            self.related_probability(pair_features(c, body, self.idf, False)[0]) for c in sides
        ]
        best = int(np.argmax(related))
        dense, sparse = pair_features(sides[best], body, self.idf)
        stance = self.related_scores(dense, sparse)
        probs = {
            label: related[best] * float(p) for label, p in zip(RELATED_LABELS, stance, strict=True)
        }
        probs["unrelated"] = 1 - related[best]
        return best, probs

    def predict(self, claim: str, text: str) -> str:
        probs = self.probabilities(claim, text)
        if probs["unrelated"] >= 0.5:
            return "unrelated"
        return max(RELATED_LABELS, key=lambda label: probs[label])

    def cue_scores(self, text: str) -> dict[str, float]:
        """Learned cue logits of a statement read on its own (no claim): agree/disagree/discuss.

        The sum of the stage-2 weights of its words and word pairs as focus and body
        terms, centred so that a text with no known cue scores 0 for each label.
        """
        words = tokens(text)
        terms = set(ngrams(words))
        logits = np.zeros(len(RELATED_LABELS))
        for term in terms:
            for prefix in ("f:", "b:"):
                weight = self.stance_terms.get(prefix + term)
                if weight is not None:
                    logits = logits + weight
        logits = logits - logits.mean()
        return {label: float(v) for label, v in zip(RELATED_LABELS, logits, strict=True)}


def model_to_json(model: StanceModel) -> dict[str, Any]:
    def floats(values: Any) -> Any:
        return np.round(np.asarray(values, dtype=np.float64), 5).tolist()

    return {
        "labels": list(RELATED_LABELS),
        "dense_names": list(DENSE_NAMES),
        "idf": {
            "default": round(model.idf.default, 4),
            "weights": {w: round(v, 4) for w, v in sorted(model.idf.weights.items())},
        },
        "relate": {
            "mean": floats(model.relate_mean),
            "scale": floats(model.relate_scale),
            "weights": floats(model.relate_weights),
            "bias": round(model.relate_bias, 5),
        },
        "stance": {
            "mean": floats(model.stance_mean),
            "scale": floats(model.stance_scale),
            "dense": floats(model.stance_dense),
            "bias": floats(model.stance_bias),
            "terms": {t: floats(w) for t, w in sorted(model.stance_terms.items())},
        },
        "provenance": model.provenance,
    }


def model_from_json(data: dict[str, Any]) -> StanceModel:
    if list(data["dense_names"]) != list(DENSE_NAMES):
        raise ValueError("stance model features do not match the code; retrain it")
    relate, stance = data["relate"], data["stance"]
    return StanceModel(
        idf=Idf(dict(data["idf"]["weights"]), float(data["idf"]["default"])),
        relate_mean=np.asarray(relate["mean"]),
        relate_scale=np.asarray(relate["scale"]),
        relate_weights=np.asarray(relate["weights"]),
        relate_bias=float(relate["bias"]),
        stance_mean=np.asarray(stance["mean"]),
        stance_scale=np.asarray(stance["scale"]),
        stance_dense=np.asarray(stance["dense"]),
        stance_terms={t: np.asarray(w) for t, w in stance["terms"].items()},
        stance_bias=np.asarray(stance["bias"]),
        provenance=dict(data.get("provenance", {})),
    )


@lru_cache(maxsize=1)
def load_model(path: str | None = None) -> StanceModel:
    """The shipped model (cached per process)."""
    with open(path or MODEL_PATH, encoding="utf-8") as handle:
        return model_from_json(json.load(handle))


def predict_stance(claim: str, text: str) -> str:
    """agree | disagree | discuss | unrelated, with the shipped model."""
    return load_model().predict(claim, text)
