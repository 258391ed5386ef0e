"""Signals for "does this article belong to that story?".

An article becomes `DocSignals` once (tokens, names, embedding); a story keeps a
`StoryProfile` (sums of its members' signals) that grows as articles join. TF-IDF
weights come from `TermStats`, document frequencies counted over the articles the
clusterer has seen so far (nothing is fitted in advance on any corpus).
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from newsprism.stories.text import (
    content_tokens,
    figures,
    proper_names,
    time_mentions,
    url_slug_tokens,
)

# Bodies are cut here for the TF-IDF signals: the lead carries the event, and this keeps
# the cost per article flat whatever the article's length.
BODY_CHARS = 3000
# Member embeddings kept per story for the nearest-member signal (most recent ones).
MAX_MEMBER_VECTORS = 48
# How many nearest neighbours make an article's or a story's usual similarity (its
# "scale", see neighbours.py). 3: best AllSides 5-fold CV F1 of 2, 3 and 5.
NEAREST_MET = 3

FEATURE_NAMES: tuple[str, ...] = (
    "dense_centroid",  # cosine of title+lead embedding to the story centroid
    "dense_max",  # cosine to the nearest member
    "tfidf_title",  # title against the story's titles
    "tfidf_body",  # body against the story's bodies (0 when either has none)
    "dense_mean",  # mean cosine to the members (average linkage)
    "tfidf_mean",  # mean TF-IDF cosine (title twice + body) to the members
    "names",  # IDF-weighted share of the article's proper names found in the story
    "figures",  # share of the article's figures (not years) found in the story
    "figures_clash",  # both state figures, and the story has none of the article's
    "days_match",  # share of members naming a weekday/date the article names
    "days_clash",  # both name days, and no member names one of the article's
    "slug",  # URL path words against the story's
    "has_body",  # both sides have body text
    "dense_x_title_only",  # dense_centroid when there is no body (headline-only data)
    "rare_terms",  # log(1 + IDF sum of rare words shared with the story; with bodies only)
    # The last four compare a candidate with the article's other candidates (filled in by
    # neighbours.compare_candidates once all are scored):
    "dense_margin",  # dense_centroid minus the best other candidate's (with bodies only)
    "tfidf_margin",  # tfidf_mean minus the best other candidate's (with bodies only)
    "dense_relative",  # dense_centroid less both sides' usual similarity to neighbours
    "tfidf_relative",  # tfidf_mean less both sides' usual similarity to neighbours
)


# Sign each learned weight must have (+1 evidence for, -1 against, 0 free): the model
# learns how much each signal counts, never that similar text speaks against a match.
FEATURE_SIGNS: dict[str, int] = {
    name: (
        -1 if name.endswith("_clash") else 0 if name in ("has_body", "dense_x_title_only") else 1
    )
    for name in FEATURE_NAMES
}


def _log_tf(tokens: Iterable[str]) -> dict[str, float]:
    counts: dict[str, int] = {}
    for token in tokens:
        counts[token] = counts.get(token, 0) + 1
    return {t: 1.0 + math.log(c) for t, c in counts.items()}


@dataclass
class DocSignals:
    """Everything the clusterer needs from one article, computed once."""

    article_id: str
    embedding: np.ndarray
    title_tf: dict[str, float]
    body_tf: dict[str, float]
    all_tf: dict[str, float]
    names: frozenset[str]
    slug_tf: dict[str, float]
    figures: frozenset[str] = frozenset()
    days_named: frozenset[str] = frozenset()
    day: float | None = None  # publication time in days since the epoch
    title: str = ""
    published: bool = True  # `day` is the stated publication time (not a URL's date)
    # (dense, tfidf) similarity to its nearest stories when it arrived (neighbours.py)
    scale: tuple[float, float] | None = None
    language: str | None = None  # routed language code (crosslingual.route_language)
    lead: str = ""  # title and lead as embedded, for the multilingual encoder

    _weights: dict[str, tuple[int, dict[str, float], float]] = field(
        default_factory=dict, repr=False
    )
    _unit: tuple[int, dict[str, float]] | None = field(default=None, repr=False)

    @property
    def has_body(self) -> bool:
        return bool(self.body_tf)

    def weighted(self, which: str, stats: TermStats) -> tuple[dict[str, float], float]:
        """One of the sparse vectors weighted by the current IDF snapshot (cached)."""
        cached = self._weights.get(which)
        if cached is None or cached[0] != stats.version:
            squared, norm = stats.weighted(getattr(self, which))
            cached = (stats.version, squared, norm)
            self._weights[which] = cached
        return cached[1], cached[2]

    def unit_all(self, stats: TermStats) -> dict[str, float]:
        """The title+body TF-IDF vector, L2-normalised under the current IDF snapshot."""
        if self._unit is None or self._unit[0] != stats.version:
            squared, norm = self.weighted("all_tf", stats)
            idf = stats.idf
            unit = {t: w / idf(t) / norm for t, w in squared.items()} if norm > 0 else {}
            self._unit = (stats.version, unit)
        return self._unit[1]


def doc_signals(
    article_id: str,
    title: str,
    text: str,
    url: str | None,
    day: float | None,
    embedding: np.ndarray,
) -> DocSignals:
    lead = (text or "")[:BODY_CHARS]
    title_tokens = content_tokens(title or "")
    body_tokens = content_tokens(lead)
    title_tf = _log_tf(title_tokens)
    body_tf = _log_tf(body_tokens)
    all_tf = _log_tf(title_tokens + title_tokens + body_tokens)
    return DocSignals(
        article_id=article_id,
        embedding=np.asarray(embedding, dtype=np.float32),
        title_tf=title_tf,
        body_tf=body_tf,
        all_tf=all_tf,
        names=frozenset(proper_names(title or "", lead)),
        slug_tf=_log_tf(url_slug_tokens(url)),
        figures=frozenset(figures(title or "", lead)),
        days_named=frozenset(time_mentions(title or "", lead)),
        day=day,
        title=title or "",
    )


class TermStats:
    """Document frequencies over the articles seen so far, for IDF weights.

    IDF values are read from a snapshot refreshed whenever the corpus has grown by 10%
    (amortised O(1) per article): between refreshes weights stay fixed, so story norms
    can be kept up to date incrementally. Terms newer than the snapshot count as rare.
    """

    def __init__(self) -> None:
        self.n_docs = 0
        self.df: dict[str, int] = {}
        self.version = 0
        self._idf: dict[str, float] = {}
        self._unseen_idf = 1.0
        self._snapshot_docs = 0

    def add(self, doc: DocSignals) -> None:
        self.n_docs += 1
        df = self.df
        for term in doc.all_tf.keys() | doc.slug_tf.keys():
            df[term] = df.get(term, 0) + 1
        for name in doc.names:
            key = "\x00" + name
            df[key] = df.get(key, 0) + 1
        if self.n_docs >= self._snapshot_docs * 1.1 + 50:
            self.refresh()

    def refresh(self) -> None:
        n = self.n_docs + 1
        self._idf = {t: math.log(n / (c + 1)) + 1.0 for t, c in self.df.items()}
        self._unseen_idf = math.log(n) + 1.0
        self._snapshot_docs = self.n_docs
        self.version += 1

    def idf(self, term: str) -> float:
        return self._idf.get(term, self._unseen_idf)

    def name_idf(self, name: str) -> float:
        return self._idf.get("\x00" + name, self._unseen_idf)

    def common_name(self, name: str) -> bool:
        """A name in over 5% of the articles (judged once 100 articles have been seen)."""
        return self.n_docs >= 100 and self.df.get("\x00" + name, 0) > 0.05 * self.n_docs

    def weighted(self, vector: dict[str, float]) -> tuple[dict[str, float], float]:
        """(term -> weight * idf^2, TF-IDF norm) of a document vector, for dot products."""
        idf = self._idf
        unseen = self._unseen_idf
        squared: dict[str, float] = {}
        total = 0.0
        for term, weight in vector.items():
            w = idf.get(term, unseen)
            squared[term] = weight * w * w
            total += (weight * w) ** 2
        return squared, math.sqrt(total)


@dataclass
class StoryProfile:
    """Running sums of a story's members' signals."""

    story_id: str
    size: int = 0
    emb_sum: np.ndarray | None = None
    members_matrix: np.ndarray | None = None  # ring of the latest member embeddings
    _members_seen: int = 0
    _centroid: np.ndarray | None = None
    title_tf: dict[str, float] = field(default_factory=dict)
    body_tf: dict[str, float] = field(default_factory=dict)
    all_tf: dict[str, float] = field(default_factory=dict)
    all_unit: dict[str, float] = field(default_factory=dict)  # sum of members' unit vectors
    slug_tf: dict[str, float] = field(default_factory=dict)
    names: dict[str, int] = field(default_factory=dict)
    figures: dict[str, int] = field(default_factory=dict)
    days_named: dict[str, int] = field(default_factory=dict)
    body_members: int = 0
    scale_sum: tuple[float, float] = (0.0, 0.0)  # sum of the members' arrival scales
    # the highest (dense, tfidf) similarities of articles that had this story as candidate
    near_dense: list[float] = field(default_factory=list)
    near_tfidf: list[float] = field(default_factory=list)
    day_members: int = 0  # members naming any day
    figure_members: int = 0  # members stating any figure
    first_day: float | None = None
    last_day: float | None = None
    # TF-IDF squared norms of the sums, valid for one TermStats version
    _norms: dict[str, tuple[int, float]] = field(default_factory=dict)

    @property
    def scale(self) -> tuple[float, float] | None:
        """How similar the story usually is to its nearest articles: (dense, tfidf).

        The mean of the top similarities met; before any article has met the story,
        the mean of its members' own scales; None when neither is known.
        """
        if self.near_dense:
            return (
                sum(self.near_dense) / len(self.near_dense),
                sum(self.near_tfidf) / len(self.near_tfidf),
            )
        if self.scale_sum == (0.0, 0.0):
            return None
        size = max(self.size, 1)
        return self.scale_sum[0] / size, self.scale_sum[1] / size

    def meet(self, dense: float, tfidf: float) -> None:
        """An article had this story as a candidate at these similarities."""
        for values, value in ((self.near_dense, dense), (self.near_tfidf, tfidf)):
            values.append(value)
            values.sort(reverse=True)
            del values[NEAREST_MET:]

    @property
    def centroid(self) -> np.ndarray:
        if self._centroid is None:
            assert self.emb_sum is not None
            norm = float(np.linalg.norm(self.emb_sum))
            self._centroid = self.emb_sum / norm if norm > 0 else self.emb_sum
        return self._centroid

    def nearest_member(self, vector: np.ndarray) -> float:
        """Cosine of `vector` to the closest of the latest members."""
        assert self.members_matrix is not None
        rows = min(self._members_seen, MAX_MEMBER_VECTORS)
        return float((self.members_matrix[:rows] @ vector).max())

    def _remember(self, vector: np.ndarray) -> None:
        if self.members_matrix is None:
            self.members_matrix = np.zeros((MAX_MEMBER_VECTORS, vector.shape[0]), np.float32)
        self.members_matrix[self._members_seen % MAX_MEMBER_VECTORS] = vector
        self._members_seen += 1

    def add(self, doc: DocSignals, stats: TermStats) -> None:
        self.size += 1
        for which in _SPARSE:
            self._grow_norm(which, getattr(doc, which), stats)
        _accumulate(self.all_unit, doc.unit_all(stats))
        vector = doc.embedding
        self.emb_sum = vector.copy() if self.emb_sum is None else self.emb_sum + vector
        self._centroid = None
        self._remember(vector)
        _accumulate(self.title_tf, doc.title_tf)
        _accumulate(self.body_tf, doc.body_tf)
        _accumulate(self.all_tf, doc.all_tf)
        _accumulate(self.slug_tf, doc.slug_tf)
        _count(self.names, doc.names)
        _count(self.figures, doc.figures)
        _count(self.days_named, doc.days_named)
        self.day_members += bool(doc.days_named)
        self.figure_members += bool(doc.figures)
        self.body_members += doc.has_body
        if doc.scale is not None:
            self.scale_sum = (self.scale_sum[0] + doc.scale[0], self.scale_sum[1] + doc.scale[1])
        self._extend_days(doc.day, doc.day)

    def remove(self, doc: DocSignals, stats: TermStats) -> None:
        """Take a member's signals out of the sums (it moves to another story).

        The time span and the similarities met are kept: they only ever widen.
        """
        self.size -= 1
        for which in _SPARSE:
            self._grow_norm(which, getattr(doc, which), stats, sign=-1.0)
            _subtract(getattr(self, which), getattr(doc, which))
        if self.emb_sum is not None:
            self.emb_sum = self.emb_sum - doc.embedding
        self._centroid = None
        self._forget(doc.embedding)
        _subtract(self.all_unit, doc.unit_all(stats))
        _uncount(self.names, doc.names)
        _uncount(self.figures, doc.figures)
        _uncount(self.days_named, doc.days_named)
        self.day_members -= bool(doc.days_named)
        self.figure_members -= bool(doc.figures)
        self.body_members -= doc.has_body
        if doc.scale is not None:
            self.scale_sum = (self.scale_sum[0] - doc.scale[0], self.scale_sum[1] - doc.scale[1])

    def _forget(self, vector: np.ndarray) -> None:
        """Drop one member's row from the ring of latest member embeddings."""
        if self.members_matrix is None:
            return
        rows = self.members_matrix[: min(self._members_seen, MAX_MEMBER_VECTORS)]
        found = np.flatnonzero((rows == vector).all(axis=1))
        if not len(found):
            return  # an older member, no longer in the ring
        kept = np.delete(rows, found[0], axis=0)
        self.members_matrix[: len(kept)] = kept
        self._members_seen = len(kept)

    def absorb(self, other: StoryProfile) -> None:
        """Take in another story's sums (a merge)."""
        self.size += other.size
        self._norms.clear()
        if other.emb_sum is not None:
            self.emb_sum = (
                other.emb_sum.copy() if self.emb_sum is None else self.emb_sum + other.emb_sum
            )
        self._centroid = None
        if other.members_matrix is not None:
            for row in other.members_matrix[: min(other._members_seen, MAX_MEMBER_VECTORS)]:
                self._remember(row)
        _accumulate(self.title_tf, other.title_tf)
        _accumulate(self.body_tf, other.body_tf)
        _accumulate(self.all_tf, other.all_tf)
        _accumulate(self.slug_tf, other.slug_tf)
        _accumulate(self.names, other.names)
        _accumulate(self.figures, other.figures)
        _accumulate(self.days_named, other.days_named)
        self.day_members += other.day_members
        self.figure_members += other.figure_members
        _accumulate(self.all_unit, other.all_unit)
        self.body_members += other.body_members
        for dense, tfidf in zip(other.near_dense, other.near_tfidf, strict=True):
            self.meet(dense, tfidf)
        self.scale_sum = (
            self.scale_sum[0] + other.scale_sum[0],
            self.scale_sum[1] + other.scale_sum[1],
        )
        self._extend_days(other.first_day, other.last_day)

    def _extend_days(self, first: float | None, last: float | None) -> None:
        if first is not None:
            self.first_day = first if self.first_day is None else min(self.first_day, first)
        if last is not None:
            self.last_day = last if self.last_day is None else max(self.last_day, last)

    def norm(self, which: str, stats: TermStats) -> float:
        """TF-IDF norm of one of the sums (recomputed only when the IDF snapshot moves)."""
        cached = self._norms.get(which)
        if cached is None or cached[0] != stats.version:
            idf = stats.idf
            vector: dict[str, float] = getattr(self, which)
            cached = (stats.version, sum((w * idf(t)) ** 2 for t, w in vector.items()))
            self._norms[which] = cached
        return math.sqrt(max(cached[1], 0.0))

    def _grow_norm(
        self, which: str, part: dict[str, float], stats: TermStats, sign: float = 1.0
    ) -> None:
        """Update a cached squared norm before `part` is added to (-1: taken from) the sum."""
        cached = self._norms.get(which)
        if cached is None or cached[0] != stats.version:
            return  # recomputed on the next read
        total: dict[str, float] = getattr(self, which)
        idf = stats.idf
        change = 0.0
        for term, weight in part.items():
            old = total.get(term, 0.0)
            new = max(old + sign * weight, 0.0)
            w = idf(term)
            change += (new * new - old * old) * w * w
        self._norms[which] = (cached[0], cached[1] + change)


_SPARSE = ("title_tf", "body_tf", "all_tf", "slug_tf")


def _count(total: dict[str, int], items: Iterable[str]) -> None:
    for item in items:
        total[item] = total.get(item, 0) + 1


def _uncount(total: dict[str, int], items: Iterable[str]) -> None:
    for item in items:
        left = total.get(item, 0) - 1
        if left > 0:
            total[item] = left
        else:
            total.pop(item, None)


def _subtract(total: dict[str, float], part: dict[str, float]) -> None:
    for term, weight in part.items():
        left = total.get(term, 0.0) - weight
        if left > 1e-9:
            total[term] = left
        else:
            total.pop(term, None)


def _accumulate(total: dict[str, Any], part: dict[str, Any]) -> None:
    for term, weight in part.items():
        total[term] = total.get(term, 0.0) + weight


def _cosine(doc: DocSignals, story: StoryProfile, which: str, stats: TermStats) -> float:
    doc_vec: dict[str, float] = getattr(doc, which)
    story_vec: dict[str, float] = getattr(story, which)
    if not doc_vec or not story_vec:
        return 0.0
    squared, doc_norm = doc.weighted(which, stats)
    dot = 0.0
    if len(squared) <= len(story_vec):
        get = story_vec.get
        for term, weight in squared.items():
            other = get(term)
            if other is not None:
                dot += weight * other
    else:
        lookup = squared.get
        for term, total in story_vec.items():
            found = lookup(term)
            if found is not None:
                dot += found * total
    if dot == 0.0:
        return 0.0
    denominator = doc_norm * story.norm(which, stats)
    return dot / denominator if denominator > 0 else 0.0


def name_overlap(
    names: Iterable[str], story_names: dict[str, int], size: int, stats: TermStats
) -> float:
    """IDF-weighted share of the article's names that the story's members also mention.

    A name counts by the square root of the share of members mentioning it, so one
    passing mention in a big story does not weigh like a shared protagonist.
    """
    total = 0.0
    shared = 0.0
    for name in names:
        weight = stats.name_idf(name)
        total += weight
        count = story_names.get(name)
        if count:
            shared += weight * math.sqrt(min(1.0, count / max(size, 1)))
    return shared / total if total > 0 else 0.0


def shared_share(items: Iterable[str], story_counts: dict[str, int], size: int) -> float:
    """Mean over the article's items of the share of story members that have it."""
    total = 0
    shared = 0.0
    for item in items:
        total += 1
        count = story_counts.get(item)
        if count:
            shared += min(1.0, count / max(size, 1))
    return shared / total if total else 0.0


def mean_tfidf_cosine(doc: DocSignals, story: StoryProfile, stats: TermStats) -> float:
    """Mean TF-IDF cosine of the article to the members (members weighted when they joined)."""
    unit = doc.unit_all(stats)
    members = story.all_unit
    if not unit or not members:
        return 0.0
    get = members.get
    dot = 0.0
    for term, weight in unit.items():
        other = get(term)
        if other is not None:
            dot += weight * other
    return dot / story.size


def days_agreement(doc: DocSignals, story: StoryProfile) -> tuple[float, float]:
    """(share of day-naming members naming one of the article's days, clash 0/1)."""
    if not doc.days_named or not story.day_members:
        return 0.0, 0.0
    hits = max(story.days_named.get(d, 0) for d in doc.days_named)
    if hits == 0:
        return 0.0, 1.0
    return min(1.0, hits / story.day_members), 0.0


def pair_features(
    doc: DocSignals,
    story: StoryProfile,
    stats: TermStats,
    needed: frozenset[str] | None = None,
) -> list[float]:
    """The feature vector (see FEATURE_NAMES) of one article against one story.

    Features outside `needed` (those the model gives no weight) are left at 0, except
    the two that neighbours.py derives its features from (dense_centroid, tfidf_mean).
    """

    def want(name: str) -> bool:
        return needed is None or name in needed

    has_body = doc.has_body and story.body_members > 0
    dense_centroid = float(doc.embedding @ story.centroid)
    figures_share = shared_share(doc.figures, story.figures, story.size)
    days_match, days_clash = days_agreement(doc, story)
    return [
        dense_centroid,
        story.nearest_member(doc.embedding) if want("dense_max") else 0.0,
        _cosine(doc, story, "title_tf", stats) if want("tfidf_title") else 0.0,
        _cosine(doc, story, "body_tf", stats) if has_body and want("tfidf_body") else 0.0,
        float(doc.embedding @ story.emb_sum) / story.size if want("dense_mean") else 0.0,
        mean_tfidf_cosine(doc, story, stats),  # always: neighbours.py compares with it
        name_overlap(doc.names, story.names, story.size, stats) if want("names") else 0.0,
        figures_share,
        1.0 if doc.figures and story.figure_members and figures_share == 0.0 else 0.0,
        days_match,
        days_clash,
        _cosine(doc, story, "slug_tf", stats) if want("slug") else 0.0,
        1.0 if has_body else 0.0,
        0.0 if has_body else dense_centroid,
        rare_shared_terms(doc, story, stats) if has_body and want("rare_terms") else 0.0,
        0.0,
        0.0,
        0.0,
        0.0,
    ]


# A word in at most ~1% of the articles seen so far (IDF ln(100) + 1) tends to name what
# is specific to one event (a place, a bill, an unusual verb) rather than its topic.
RARE_IDF = math.log(100.0) + 1.0


def rare_shared_terms(doc: DocSignals, story: StoryProfile, stats: TermStats) -> float:
    """log(1 + summed IDF of the article's rare title/body words that the story also has)."""
    members = story.all_tf
    total = 0.0
    for term in doc.all_tf:
        if term in members:
            weight = stats.idf(term)
            if weight >= RARE_IDF:
                total += weight
    return math.log1p(total)


def story_as_doc(story: StoryProfile) -> DocSignals:
    """A story seen as one big document, to compare two stories (merge checks)."""
    size = max(story.size, 1)
    return DocSignals(
        article_id=story.story_id,
        embedding=story.centroid.astype(np.float32),
        title_tf={t: w / size for t, w in story.title_tf.items()},
        body_tf={t: w / size for t, w in story.body_tf.items()},
        all_tf={t: w / size for t, w in story.all_tf.items()},
        names=frozenset(n for n, c in story.names.items() if c * 2 >= size),
        slug_tf={t: w / size for t, w in story.slug_tf.items()},
        figures=frozenset(n for n, c in story.figures.items() if c * 2 >= size),
        days_named=frozenset(n for n, c in story.days_named.items() if c * 2 >= size),
        day=story.last_day,
        scale=story.scale,
    )
