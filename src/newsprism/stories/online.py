"""Online (streaming) story clustering.

Articles arrive one at a time in publication order. Each is compared with the stories
of a recent window (candidates from an exact vector search over story centroids), a
learned pair model scores every candidate, and the article joins the best one when
the model is confident enough, else it starts a new story (the two decisions of
Miranda et al., EMNLP 2018). After each join the grown story is checked against its
neighbours and merged when the two turn out to be one story; the absorbed id is
recorded and redirects to the surviving one. Story ids never change. `consolidate()`
sweeps what changed since the last sweep (merges, and moves of articles that now fit
another story better); it runs by itself when a new UTC day begins.

User corrections (`pin`, `split`) are kept: the articles are pinned, and the stories
they were taken from can never be merged back with the stories they were put in.

Cost per article is bounded by the window (`max_window_stories`, `window_days`), not
by the archive: stories leave the window and drop their heavy state when they age.
"""

from __future__ import annotations

import math
import re
from collections import OrderedDict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import numpy as np

from newsprism.enrich.multilingual import multilingual_text
from newsprism.stories.crosslingual import (
    CrossDoc,
    CrossModel,
    cross_features,
    default_cross_model,
    is_foreign,
    names_of,
    numbers_of,
    route_language,
)
from newsprism.stories.features import (
    DocSignals,
    StoryProfile,
    TermStats,
    doc_signals,
    pair_features,
    story_as_doc,
)
from newsprism.stories.index import CentroidIndex
from newsprism.stories.model import PairModel, default_model
from newsprism.stories.neighbours import compare_candidates, neighbour_scale
from newsprism.stories.storylines import Storyline, StorylineLinker, StorySnapshot
from newsprism.stories.text import url_date
from newsprism.text import parse_iso_datetime

SECONDS_PER_DAY = 86400.0
# The multilingual route compares an article with the window's most recently active
# stories only, each through its latest members: it embeds on demand (~130 texts/s on
# 2 cores), so this bounds the one-off cost of the first article in another language
# of a run (at most 4,000 texts) and the cost per article after it. Set by hand; no
# wmt_xling_dev story is that big, nor the set that many stories.
MAX_CROSS_STORIES = 500
MAX_CROSS_MEMBERS = 8


@dataclass(frozen=True)
class Assignment:
    article_id: str
    story_id: str
    storyline_id: str | None = None


@dataclass(frozen=True)
class MergeRecord:
    """Story `absorbed_id` turned out to be `surviving_id`; the first redirects."""

    absorbed_id: str
    surviving_id: str
    article_id: str | None = None  # the article whose arrival showed it


@dataclass(frozen=True)
class MoveRecord:
    """A consolidation sweep moved an article to a story that fits it better."""

    article_id: str
    from_id: str
    to_id: str


@dataclass
class Changes:
    """What changed since the last `pop_changes()`: for whoever persists the state."""

    merges: list[MergeRecord] = field(default_factory=list)
    moves: list[MoveRecord] = field(default_factory=list)
    storyline_links: list[tuple[str, str]] = field(default_factory=list)  # (story, storyline)


@dataclass
class _Story:
    profile: StoryProfile  # of its English-route members only
    members: list[str] = field(default_factory=list)  # English-route members
    slot: int = -1
    foreign: list[str] = field(default_factory=list)  # members in other languages
    foreign_last_day: float | None = None

    @property
    def foreign_only(self) -> bool:
        return bool(self.foreign) and not self.profile.size


def to_day(published: datetime | str | float | int | None) -> float | None:
    """Publication time as days since the epoch (naive datetimes are taken as UTC)."""
    if published is None or published == "":
        return None
    if isinstance(published, int | float):
        return float(published) / SECONDS_PER_DAY
    if isinstance(published, str):
        published = parse_iso_datetime(published)
        if published is None:
            return None
    if published.tzinfo is None:
        published = published.replace(tzinfo=UTC)
    return published.timestamp() / SECONDS_PER_DAY


def id_counter(prefix: str, start: int = 0) -> Callable[[], str]:
    """A factory of ids `<prefix><n>` continuing after `start`."""
    state = {"n": start}

    def next_id() -> str:
        state["n"] += 1
        return f"{prefix}{state['n']}"

    return next_id


class OnlineClusterer:
    """Assigns a stream of articles to stories (and stories to storylines).

    Use `add(article, embedding)` per article in publication order. Articles are any
    objects with `id`, `title`, `text`, and optionally `url`, `published` and
    `language` (a `newsprism.models.Article`, or a dict with those keys). An article
    whose language is known and not English is grouped by the multilingual route
    (crosslingual.py; `multilingual` embeds texts, by default with
    enrich.multilingual, and only when an article in another language comes).
    """

    def __init__(
        self,
        model: PairModel | None = None,
        *,
        window_days: float = 7.0,
        max_window_stories: int = 3000,
        candidates: int = 8,
        merge_candidates: int = 3,
        story_ids: Callable[[], str] | None = None,
        storyline_ids: Callable[[], str] | None = None,
        storylines: bool = True,
        url_dates: bool = True,
        daily_sweep: bool = True,
        cross_model: CrossModel | None = None,
        multilingual: Callable[[list[str]], np.ndarray] | None = None,
    ) -> None:
        self.model = model or default_model()
        self.cross_model = cross_model or default_cross_model()
        self._multilingual = multilingual
        self._cross: dict[str, CrossDoc] = {}  # multilingual signals, computed on demand
        self.daily_sweep = daily_sweep
        self.url_dates = url_dates
        self.window_days = window_days
        self.max_window_stories = max_window_stories
        self.candidates = candidates
        self.merge_candidates = merge_candidates
        self.stats = TermStats()
        self.now: float | None = None
        self._stories: OrderedDict[str, _Story] = OrderedDict()  # the window, oldest first
        self._index: CentroidIndex | None = None
        self._docs: dict[str, DocSignals] = {}  # articles of stories still in the window
        self.article_story: dict[str, str] = {}  # as assigned; resolve() follows merges
        self.redirects: dict[str, str] = {}
        self.merges: list[MergeRecord] = []
        self.pinned: set[str] = set()
        self._cannot_link: dict[str, set[str]] = {}
        self._new_story_id = story_ids or id_counter("s")
        self.linker = (
            StorylineLinker(storyline_ids=storyline_ids or id_counter("l")) if storylines else None
        )
        if self.linker is not None:
            self.linker.name_weight = self.stats.name_idf
            self.linker.is_common = self.stats.common_name
        self._changes = Changes()
        self._merge_features: np.ndarray | None = None
        self._unsettled: list[str] = []  # articles added since the last consolidation
        # Stories an added article went into (not those only restored or replayed): a
        # replayed article that would have joined one of them on arrival brings its
        # stored story along (see `replay`).
        self._grown: set[str] = set()

    # ---- the stream ---------------------------------------------------------------

    def add(self, article: Any, embedding: np.ndarray) -> Assignment:
        """Assign one article (the next in publication order) to a story."""
        doc = self._signals(article, embedding)
        if doc.article_id in self.article_story:
            return self.assignment(doc.article_id)
        if doc.day is not None and doc.published:
            if self.daily_sweep and self.now is not None and math.floor(doc.day) > self.now:
                self.consolidate()  # the first article of a new (UTC) day
            self.now = doc.day if self.now is None else max(self.now, doc.day)
        if is_foreign(doc.language):
            self._evict()
            self._attach_foreign(doc, self._best_story_across(doc) or self._open_story())
            self._grown.add(self.resolve(self.article_story[doc.article_id]))
            return self.assignment(doc.article_id)
        self.stats.add(doc)
        self._evict()
        story_id = self._best_story(doc)
        if story_id is None:
            story_id = self._open_story()
        self._attach(doc, story_id)
        self._unsettled.append(doc.article_id)
        story_id = self._merge_neighbours(story_id, doc.article_id)
        story_id = self._adopt_foreign_story(doc, story_id)
        self._grown.add(story_id)
        self._observe_storyline(story_id)
        return self.assignment(doc.article_id)

    def add_many(self, articles: Sequence[Any], embeddings: np.ndarray) -> list[Assignment]:
        """Add articles in publication order (stable; undated ones keep input order)."""
        order = publication_order(articles)
        for i in order:
            self.add(articles[i], embeddings[i])
        return [self.assignment(_field(a, "id")) for a in articles]

    # ---- reading the state --------------------------------------------------------

    def resolve(self, story_id: str) -> str:
        """The surviving id of a story (follows merge redirects)."""
        seen = story_id
        while seen in self.redirects:
            seen = self.redirects[seen]
        return seen

    def assignment(self, article_id: str) -> Assignment:
        story_id = self.resolve(self.article_story[article_id])
        storyline = self.linker.storyline_of(story_id) if self.linker else None
        return Assignment(article_id, story_id, storyline)

    def assignments(self) -> list[Assignment]:
        """The current story of every article seen, in arrival order."""
        return [self.assignment(a) for a in self.article_story]

    def storylines(self) -> list[Storyline]:
        """Every storyline drawn so far (title, stories in time order, timeline)."""
        return self.linker.storylines() if self.linker is not None else []

    def pop_changes(self) -> Changes:
        """Merges and storyline links since the last call."""
        changes, self._changes = self._changes, Changes()
        return changes

    def cannot_link_pairs(self) -> list[tuple[str, str]]:
        """Story pairs a user separated (to persist with the pins)."""
        pairs = {tuple(sorted((a, b))) for a, others in self._cannot_link.items() for b in others}
        return sorted((a, b) for a, b in pairs)

    # ---- corrections --------------------------------------------------------------

    def pin(self, article_id: str, story_id: str) -> Assignment:
        """Move an article to a story for good (a user's correction).

        The story may be outside the window (the caller checks that it exists); the
        story the article leaves can never be merged with it afterwards.
        """
        target = self.resolve(story_id)
        source = self._detach(article_id)
        if target in self._stories and article_id in self._docs:
            self._place(self._docs[article_id], target)
        self.article_story[article_id] = target
        self.pinned.add(article_id)
        if source is not None and source != target:
            self._forbid(source, target)
        return self.assignment(article_id)

    def split(self, article_ids: Iterable[str]) -> str:
        """Take articles out of their stories into a new story of their own; its id."""
        new_id = self._open_story()
        sources = set()
        for article_id in article_ids:
            source = self._detach(article_id)
            if source is not None:
                sources.add(source)
            self.article_story[article_id] = new_id
            self.pinned.add(article_id)
            doc = self._docs.get(article_id)
            if doc is not None and is_foreign(doc.language):
                self._stories[new_id].foreign.append(article_id)
            elif doc is not None:
                self._stories[new_id].members.append(article_id)
                self._stories[new_id].profile.add(doc, self.stats)
        if self._stories[new_id].profile.size:
            self._reindex(new_id)
        for source in sources:
            self._forbid(source, new_id)
        return new_id

    # ---- restoring from stored assignments ----------------------------------------

    @classmethod
    def restore(
        cls,
        articles: Sequence[Any],
        embeddings: np.ndarray,
        *,
        merges: Iterable[MergeRecord] = (),
        pinned: Iterable[str] = (),
        cannot_link: Iterable[tuple[str, str]] = (),
        **options: Any,
    ) -> OnlineClusterer:
        """Rebuild a clusterer from stored articles of the recent window.

        Each article carries its stored `story_id` (and `storyline_id`); they are
        replayed in publication order into those stories without re-deciding anything.
        Pass at least the last `window_days` of articles; storylines then link new
        stories to the stories restored (older ones keep their stored storyline).
        Pass the stored merges, pinned article ids and user-separated story pairs so that
        corrections stay in force. Give `story_ids=` a factory that continues the
        database's ids (the default continues after the largest `s<n>` seen).
        """
        clusterer = cls(**options)
        for record in merges:
            clusterer.redirects[record.absorbed_id] = record.surviving_id
            clusterer.merges.append(record)
        highest = 0
        storylines: dict[str, str] = {}
        for i in publication_order(articles):
            article = articles[i]
            story_id = clusterer.resolve(str(_field(article, "story_id")))
            clusterer._put_back(clusterer._signals(article, embeddings[i]), story_id)
            storyline = _field(article, "storyline_id")
            if storyline:
                storylines[story_id] = str(storyline)
            highest = max(highest, _numeric_suffix(story_id, "s"))
        for record in clusterer.merges:
            highest = max(highest, _numeric_suffix(record.absorbed_id, "s"))
        if "story_ids" not in options:
            clusterer._new_story_id = id_counter("s", highest)
        clusterer.pinned.update(pinned)
        for a, b in cannot_link:
            clusterer._forbid(clusterer.resolve(a), clusterer.resolve(b))
        if clusterer.linker is not None:
            if "storyline_ids" not in options:
                top = max((_numeric_suffix(s, "l") for s in storylines.values()), default=0)
                clusterer.linker.storyline_ids = id_counter("l", top)
            for story_id in [s for s, v in clusterer._stories.items() if v.profile.size]:
                clusterer.linker.register(clusterer._snapshot(story_id), storylines.get(story_id))
        clusterer._evict()
        return clusterer

    def replay(self, article: Any, embedding: np.ndarray) -> None:
        """Put a stored article back in its stored story (`story_id`).

        For stored articles published after the first of a new batch: replayed in
        publication order between the batch's articles, they keep the window where the
        batch's own dates put it, so that an older article arriving late still meets
        the stories of its own days (`restore` alone would move the window to the
        newest stored article and let those stories go).

        The article keeps its story, but the story may merge: had the article arrived
        now, after the batch's older articles, it might have joined a story those
        opened or grew. Then its stored story and that one are one story (merged), so
        that the partition does not depend on which of several writers sharing a
        database stored what first.
        """
        doc = self._signals(article, embedding)
        if doc.article_id in self.article_story:
            return
        story_id = self.resolve(str(_field(article, "story_id")))
        new = story_id not in self._stories
        choose = bool(self._grown)
        chosen = None
        if choose and is_foreign(doc.language):  # decided before it joins, as `add` does
            self._evict()
            chosen = self._best_story_across(doc)
        chosen = self._put_back(doc, story_id, choose=choose) or chosen
        if new and self.linker is not None and self._stories[story_id].profile.size:
            storyline = _field(article, "storyline_id")
            self.linker.register(self._snapshot(story_id), str(storyline) if storyline else None)
        if choose:
            self._join_grown(doc, story_id, chosen)
        self._evict()

    def _join_grown(self, doc: DocSignals, story_id: str, chosen: str | None) -> None:
        """Merge a replayed article's story with the grown story it would have joined
        on arrival (`chosen`; for an English article that joined none, a grown story of
        other languages only, as `add` adopts one)."""
        if not is_foreign(doc.language) and (chosen is None or chosen not in self._grown):
            foreign = [
                s for s, story in self._stories.items() if story.foreign_only and s in self._grown
            ]
            chosen = self._across(doc, foreign[-MAX_CROSS_STORIES:]) if foreign else None
        if chosen is not None:
            chosen = self.resolve(chosen)
        if (
            chosen is None
            or chosen == story_id
            or chosen not in self._grown
            or self._forbidden(story_id, chosen)
        ):
            return
        self._merge(story_id, chosen, doc.article_id)

    # ---- internals ----------------------------------------------------------------

    def _put_back(self, doc: DocSignals, story_id: str, choose: bool = False) -> str | None:
        """File a stored article in its stored story; with `choose`, the story it would
        have joined on arrival (None: a new one; foreign articles: None)."""
        if doc.day is not None and doc.published:
            self.now = doc.day if self.now is None else max(self.now, doc.day)
        if is_foreign(doc.language):
            if story_id not in self._stories:
                self._stories[story_id] = _Story(StoryProfile(story_id))
            self._attach_foreign(doc, story_id)
            return None
        self.stats.add(doc)
        # scored as on arrival, for the neighbour scales; the stored story stands
        ids, logits = self._candidates(doc)
        if story_id not in self._stories:
            self._stories[story_id] = _Story(StoryProfile(story_id))
        self._attach(doc, story_id)
        return self._joinable(ids, logits) if choose else None

    def _signals(self, article: Any, embedding: np.ndarray) -> DocSignals:
        url = _field(article, "url")
        published = to_day(_field(article, "published") or _field(article, "date"))
        day = published
        if day is None and self.url_dates:
            # Many sites write the publication date into the URL: good enough for the
            # time penalty, but it does not move the window (streams may be unordered).
            found = url_date(url)
            if found is not None:
                day = to_day(datetime(found.year, found.month, found.day, 12, tzinfo=UTC))
        doc = doc_signals(
            article_id=str(_field(article, "id")),
            title=str(_field(article, "title") or ""),
            text=str(_field(article, "text") or ""),
            url=url,
            day=day,
            embedding=embedding,
        )
        doc.published = published is not None
        doc.language = route_language(_field(article, "language"))
        doc.lead = multilingual_text(doc.title, str(_field(article, "text") or ""), doc.language)
        return doc

    def _candidates(self, doc: DocSignals) -> tuple[list[str], np.ndarray]:
        """The window's nearest stories to an arriving article, and their logits."""
        if self._index is None:
            return [], np.zeros(0)
        ids = [story_id for story_id, _ in self._index.search(doc.embedding, self.candidates)]
        if not ids:
            return [], np.zeros(0)
        return ids, self._score(doc, [self._stories[s].profile for s in ids])

    def _best_story(self, doc: DocSignals) -> str | None:
        return self._joinable(*self._candidates(doc))

    def _joinable(self, ids: list[str], logits: np.ndarray) -> str | None:
        """The best scoring of these candidate stories if the model joins it."""
        if not ids:
            return None
        best = int(np.argmax(logits))
        if PairModel.probability(logits[best]) >= self.model.join_threshold:
            return ids[best]
        return None

    def _score(
        self, doc: DocSignals, profiles: list[StoryProfile], merging: bool = False
    ) -> np.ndarray:
        needed = self.model.used_features
        features = np.array([pair_features(doc, p, self.stats, needed) for p in profiles])
        arriving = doc.scale is None and not merging
        if arriving:
            doc.scale = neighbour_scale(features)
        assert doc.scale is not None or merging
        compare_candidates(features, doc.scale or (0.0, 0.0), profiles, meet=arriving)
        if merging:
            self._merge_features = features
        logits = self.model.merge_logits(features) if merging else self.model.logits(features)
        if doc.day is not None:
            for i, profile in enumerate(profiles):
                logits[i] -= self._time_penalty(doc.day, profile)
        return logits

    def _time_penalty(self, day: float, profile: StoryProfile) -> float:
        # News stories grow over a day or two; after a grace period each further day
        # apart costs `day_penalty` logits. Set by hand: the dev sets carry no usable
        # time signal (AllSides has no dates, the UCI sample spans 1.5 days).
        if profile.last_day is None or profile.first_day is None:
            return 0.0
        gap = max(day - profile.last_day, profile.first_day - day, 0.0)
        return self.model.day_penalty * max(0.0, gap - self.model.grace_days)

    def _open_story(self) -> str:
        story_id = self._new_story_id()
        while story_id in self._stories or story_id in self.redirects:
            story_id = self._new_story_id()
        self._stories[story_id] = _Story(StoryProfile(story_id))
        return story_id

    def _attach(self, doc: DocSignals, story_id: str) -> None:
        """File a newly seen article in a story, which becomes the window's latest."""
        self._docs[doc.article_id] = doc
        self._place(doc, story_id)
        self._stories.move_to_end(story_id)

    def _place(self, doc: DocSignals, story_id: str) -> None:
        if is_foreign(doc.language):
            self._place_foreign(doc, story_id)
            return
        story = self._stories[story_id]
        story.members.append(doc.article_id)
        story.profile.add(doc, self.stats)
        self.article_story[doc.article_id] = story_id
        self._reindex(story_id)

    def _reindex(self, story_id: str) -> None:
        story = self._stories[story_id]
        centroid = story.profile.centroid
        if self._index is None:
            self._index = CentroidIndex(centroid.shape[0])
        story.slot = self._index.put(story_id, centroid, story.slot)

    def consolidate(self, whole_window: bool = False) -> list[MergeRecord]:
        """Sweep the window once (after a poll's batch, and when a new day begins).

        Decisions taken on arrival depend on the order articles came in: an article that
        came before its mates may have joined a story that only looked right then. The
        sweep merges stories that are one, lets each article that arrived since the last
        sweep move to a story that now fits it clearly better (`pop_changes().moves`),
        then merges again. Merge checks cover the stories those articles are in (the
        others were checked at an earlier sweep), or with `whole_window` every story (after
        a change of model). The merges made.
        """
        before = len(self.merges)
        unsettled, self._unsettled = self._unsettled, []
        self._merge_sweep(set(self._stories) if whole_window else self._stories_of(unsettled))
        moves = self._reassign(unsettled)
        if moves:
            self._merge_sweep({self.resolve(m.to_id) for m in moves})
        return self.merges[before:]

    def _stories_of(self, article_ids: list[str]) -> set[str]:
        return {self.resolve(self.article_story[a]) for a in article_ids}

    def _merge_sweep(self, story_ids: set[str]) -> None:
        """Merge checks for these stories (the ones that changed since the last sweep:
        stories no article reached since were checked then)."""
        for story_id in [s for s in self._stories if s in story_ids]:
            story = self._stories.get(story_id)
            if story is None or not story.profile.size:
                continue
            if story.profile.size == 1:
                self._offer_again(story_id)
            else:
                self._merge_neighbours(story_id, None, always=True)

    def _reassign(self, article_ids: list[str]) -> list[MoveRecord]:
        """Move articles whose best story is now another one; the moves.

        A move needs the other story to beat the article's own (scored without it) and
        to pass the join threshold. Pinned articles stay, and no story is left empty.
        """
        moves: list[MoveRecord] = []
        for article_id in article_ids:
            doc = self._docs.get(article_id)
            if doc is None or article_id in self.pinned:
                continue
            story = self._stories.get(self.resolve(self.article_story[article_id]))
            if story is None or story.profile.size < 2:
                continue
            source = self._detach(article_id)
            assert source is not None
            target = self._fitting_story(doc, source)
            self._place(doc, target)
            if target != source:
                moves.append(MoveRecord(article_id, source, target))
        self._changes.moves.extend(moves)
        return moves

    def _fitting_story(self, doc: DocSignals, current: str) -> str:
        """The story an article (taken out of `current`) fits best now."""
        assert self._index is not None
        ids = [s for s, _ in self._index.search(doc.embedding, self.candidates)]
        if current not in ids:
            ids.append(current)
        logits = self._score(doc, [self._stories[s].profile for s in ids])
        best = int(np.argmax(logits))
        if (
            ids[best] != current
            and logits[best] > logits[ids.index(current)]
            and PairModel.probability(logits[best]) >= self.model.join_threshold
        ):
            return ids[best]
        return current

    def _offer_again(self, story_id: str) -> None:
        """A lone article started its story before its mates came: may it join them now?"""
        (member,) = self._stories[story_id].members
        doc = self._docs.get(member)
        if doc is None or member in self.pinned or self._index is None:
            return
        found = self._index.search(doc.embedding, self.candidates + 1)
        ids = [s for s, _ in found if s != story_id and not self._forbidden(story_id, s)]
        if not ids:
            return
        logits = self._score(doc, [self._stories[s].profile for s in ids])
        best = int(np.argmax(logits))
        if PairModel.probability(logits[best]) >= self.model.join_threshold:
            self._merge(story_id, ids[best], member)

    def _merge_neighbours(self, story_id: str, article_id: str | None, always: bool = False) -> str:
        """Merge the grown story with neighbours the model calls the same story."""
        story = self._stories[story_id]
        size = story.profile.size
        # Young stories are checked at every article, older ones when they double: merges
        # happen early, and a big story still meets a small one when the small one grows.
        if (
            self._index is None
            or size < 1
            or (not always and (size < 2 or (size > 8 and size & (size - 1))))
        ):
            return story_id
        found = self._index.search(story.profile.centroid, self.merge_candidates + 1)
        others = [s for s, _ in found if s != story_id and not self._forbidden(story_id, s)]
        if not others:
            return story_id
        as_doc = story_as_doc(story.profile)
        profiles = [self._stories[s].profile for s in others]
        logits = self._score(as_doc, profiles, merging=True)
        self._on_merge_check(story_id, others)
        best = int(np.argmax(logits))
        if PairModel.probability(logits[best]) < self.model.merge_threshold:
            return story_id
        # Both ways: the other story, taken as one document, must also fit this one.
        other = self._stories[others[best]].profile
        reverse = self._score(story_as_doc(other), [story.profile], merging=True)
        if PairModel.probability(reverse[0]) < self.model.merge_threshold:
            return story_id
        return self._merge(story_id, others[best], article_id)

    def _on_merge_check(self, story_id: str, others: list[str]) -> None:
        """Hook for training (see training.collect_merge_pairs); features in _merge_features."""

    def _merge(self, a: str, b: str, article_id: str | None) -> str:
        first, second = self._stories[a], self._stories[b]
        # The bigger story survives (on a tie the older one): fewer ids change for readers.
        a_key = (first.profile.size, -_creation_rank(a))
        b_key = (second.profile.size, -_creation_rank(b))
        keep, gone = (a, b) if a_key >= b_key else (b, a)
        kept, absorbed = self._stories[keep], self._stories[gone]
        kept.profile.absorb(absorbed.profile)
        kept.members.extend(absorbed.members)
        kept.foreign.extend(absorbed.foreign)
        kept.foreign_last_day = _latest(kept.foreign_last_day, absorbed.foreign_last_day)
        self._drop(gone)
        self.redirects[gone] = keep
        if gone in self._grown:
            self._grown.add(keep)
        record = MergeRecord(gone, keep, article_id)
        self.merges.append(record)
        self._changes.merges.append(record)
        forbidden = self._cannot_link.pop(gone, set())
        for other in forbidden:
            self._cannot_link.get(other, set()).discard(gone)
            self._forbid(keep, other)
        if self.linker is not None:
            self.linker.merge_stories(gone, keep)
        self._stories.move_to_end(keep)
        self._reindex(keep)
        return keep

    def _drop(self, story_id: str) -> None:
        story = self._stories.pop(story_id)
        if self._index is not None and story.slot >= 0:
            self._index.remove(story.slot)

    def _evict(self) -> None:
        """Let the oldest stories leave the window (they keep their ids and members)."""
        while self._stories:
            oldest_id, oldest = next(iter(self._stories.items()))
            too_many = len(self._stories) > self.max_window_stories
            last = _latest(oldest.profile.last_day, oldest.foreign_last_day)
            too_old = (
                self.now is not None and last is not None and self.now - last > self.window_days
            )
            if not (too_many or too_old):
                break
            self._drop(oldest_id)
            for member in oldest.members + oldest.foreign:
                self._docs.pop(member, None)
                self._cross.pop(member, None)

    def _detach(self, article_id: str) -> str | None:
        """Take an article out of its story's sums; the story it was in (resolved)."""
        current = self.article_story.get(article_id)
        if current is None:
            return None
        source = self.resolve(current)
        story = self._stories.get(source)
        doc = self._docs.get(article_id)
        if story is not None and article_id in story.foreign:
            story.foreign.remove(article_id)
        elif story is not None and doc is not None and article_id in story.members:
            story.members.remove(article_id)
            story.profile.remove(doc, self.stats)
            if story.profile.size:
                self._reindex(source)
            elif self._index is not None and story.slot >= 0:
                self._index.remove(story.slot)
                story.slot = -1
        return source

    def _forbid(self, a: str, b: str) -> None:
        self._cannot_link.setdefault(a, set()).add(b)
        self._cannot_link.setdefault(b, set()).add(a)

    def _forbidden(self, a: str, b: str) -> bool:
        return b in self._cannot_link.get(a, ())

    def _snapshot(self, story_id: str) -> StorySnapshot:
        story = self._stories[story_id]
        profile = story.profile
        central = max(
            (self._docs[m] for m in story.members if m in self._docs),
            key=lambda d: float(d.embedding @ profile.centroid),
            default=None,
        )
        return StorySnapshot(
            story_id=story_id,
            centroid=profile.centroid.copy(),
            names={n: c / profile.size for n, c in profile.names.items()},
            size=profile.size,
            first_day=profile.first_day,
            last_day=profile.last_day,
            title=central.title if central is not None else "",
        )

    # ---- the multilingual route (crosslingual.py) ----------------------------------

    def _attach_foreign(self, doc: DocSignals, story_id: str) -> None:
        self._docs[doc.article_id] = doc
        self._place_foreign(doc, story_id)
        self._stories.move_to_end(story_id)

    def _place_foreign(self, doc: DocSignals, story_id: str) -> None:
        story = self._stories[story_id]
        story.foreign.append(doc.article_id)
        if doc.day is not None:
            story.foreign_last_day = _latest(story.foreign_last_day, doc.day)
        self.article_story[doc.article_id] = story_id

    def _cross_docs(self, docs: list[DocSignals]) -> list[CrossDoc]:
        """The multilingual signals of these articles (embedding those not seen yet)."""
        missing = [d for d in docs if d.article_id not in self._cross]
        if missing:
            vectors = self._embed_multilingual([_lead(d) for d in missing])
            for d, vector in zip(missing, vectors, strict=True):
                self._cross[d.article_id] = CrossDoc(
                    vector, numbers_of(_lead(d)), names_of(_lead(d)), d.language
                )
        return [self._cross[d.article_id] for d in docs]

    def _embed_multilingual(self, texts: list[str]) -> np.ndarray:
        if self._multilingual is None:
            from newsprism.enrich.multilingual import embed_multilingual

            self._multilingual = embed_multilingual
        return self._multilingual(texts)

    def _story_docs(self, story_id: str) -> list[DocSignals]:
        """Up to MAX_CROSS_MEMBERS members held: those in other languages, then the latest
        English ones."""
        story = self._stories[story_id]
        held = [self._docs[m] for m in story.members + story.foreign if m in self._docs]
        return held[-MAX_CROSS_MEMBERS:]

    def _across(self, doc: DocSignals, story_ids: list[str]) -> str | None:
        """The story among these that the cross-language model joins `doc` to, if any."""
        story_ids = [s for s in story_ids if self._story_docs(s)]
        if not story_ids:
            return None
        (cross,) = self._cross_docs([doc])
        members = [self._cross_docs(self._story_docs(s)) for s in story_ids]
        centroids = np.stack([np.mean([m.vector for m in ms], axis=0) for ms in members])
        nearest = np.argsort(-(centroids @ cross.vector))[: self.candidates]
        features = cross_features(cross, [members[i] for i in nearest])
        best = self.cross_model.best(features)
        return None if best is None else story_ids[int(nearest[best])]

    def _best_story_across(self, doc: DocSignals) -> str | None:
        """The story an article in another language than English joins, if any."""
        return self._across(doc, list(self._stories)[-MAX_CROSS_STORIES:])

    def _adopt_foreign_story(self, doc: DocSignals, story_id: str) -> str:
        """An English article may be the first of its language in a story of others."""
        others = [s for s, story in self._stories.items() if story.foreign_only]
        others = others[-MAX_CROSS_STORIES:]
        if not others:
            return story_id
        found = self._across(doc, others)
        if found is None or self._forbidden(story_id, found):
            return story_id
        return self._merge(story_id, found, doc.article_id)

    def _observe_storyline(self, story_id: str) -> None:
        if self.linker is None:
            return
        size = self._stories[story_id].profile.size
        # Re-examine a story when it is new and whenever it has doubled: bounded work.
        if size & (size - 1) == 0:
            self.linker.observe(self._snapshot(story_id))
        for link in self.linker.pop_links():
            self._changes.storyline_links.append(link)


def _latest(a: float | None, b: float | None) -> float | None:
    return b if a is None else a if b is None else max(a, b)


def _lead(doc: DocSignals) -> str:
    return doc.lead or doc.title


def _field(article: Any, name: str) -> Any:
    if isinstance(article, dict):
        return article.get(name)
    return getattr(article, name, None)


def publication_order(articles: Sequence[Any]) -> list[int]:
    """Indices in publication order; ties and undated articles keep input order.

    An undated article takes the date of the dated one before it in the input, so it
    stays where it came in the stream.
    """
    keys: list[float] = []
    carried = -math.inf
    for article in articles:
        day = to_day(_field(article, "published") or _field(article, "date"))
        if day is not None:
            carried = day
        keys.append(carried)
    return sorted(range(len(articles)), key=lambda i: keys[i])


_SUFFIX = re.compile(r"(\d+)$")


def _numeric_suffix(identifier: str, prefix: str) -> int:
    if not identifier.startswith(prefix):
        return 0
    match = _SUFFIX.search(identifier)
    return int(match.group(1)) if match else 0


def _creation_rank(story_id: str) -> int:
    return _numeric_suffix(story_id, "s")
