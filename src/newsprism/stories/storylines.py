"""Storylines: stories of one long-running affair, linked across weeks and months.

A storyline is looser than a story: separate events (a report, the accusation it
drew, the denial, a later report) that share protagonists and topic. A story is linked
to an existing storyline when it is close to the storyline's centroid and shares its
distinctive names; or it starts a storyline with an unlinked recent story close to it
that shares distinctive names. A story belongs to at most one storyline and, once
linked, stays there; a storyline's id never changes.

Cost per story is bounded: candidates come from two exact vector searches, over the
stories of a recent window (`recent_days`, at most `max_recent` of them) and over the
centroids of the storylines active within `window_days`.
"""

from __future__ import annotations

import math
from collections import Counter, OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import numpy as np

from newsprism.stories.affairs import affair_title
from newsprism.stories.index import CentroidIndex

# Hand-set (no gold storylines exist to tune on): checked on invented affairs in the
# tests and by reading the storylines drawn over allsides_2021_dev stories.
MIN_STORY_COSINE = 0.55  # two story centroids: same topic (same-story pairs sit near 0.8)
MIN_STORYLINE_COSINE = 0.45  # a story against a storyline's centroid
MIN_NAME_SIMILARITY = 0.12  # IDF-weighted overlap of the names both sides carry
MIN_SHARED_NAMES = 2  # at least two distinctive (not too common) names in common
DISTINCTIVE_SHARE = 0.3  # a story "carries" a name when this share of its articles has it


@dataclass
class StorySnapshot:
    """What the linker needs from a story."""

    story_id: str
    centroid: np.ndarray
    names: dict[str, float]  # name -> share of the story's articles mentioning it
    size: int
    first_day: float | None
    last_day: float | None
    title: str = ""


@dataclass(frozen=True)
class TimelineEntry:
    day: str | None  # ISO date of the story's first article, when dated
    story_id: str
    title: str
    article_count: int


@dataclass
class Storyline:
    storyline_id: str
    title: str
    story_ids: list[str]  # in time order
    timeline: list[TimelineEntry]
    names: list[str] = field(default_factory=list)  # most shared names first


@dataclass
class _Line:
    storyline_id: str
    emb_sum: np.ndarray
    stories: dict[str, None] = field(default_factory=dict)  # ordered set of story ids
    names: dict[str, float] = field(default_factory=dict)  # name -> highest share in a story
    last_day: float | None = None
    slot: int = -1


class StorylineLinker:
    """Links stories into storylines incrementally."""

    def __init__(
        self,
        storyline_ids: Callable[[], str],
        *,
        window_days: float = 180.0,
        recent_days: float = 45.0,
        max_recent: int = 3000,
        candidates: int = 8,
    ) -> None:
        self.storyline_ids = storyline_ids
        self.window_days = window_days
        self.recent_days = recent_days
        self.max_recent = max_recent
        self.candidates = candidates
        self.name_weight: Callable[[str], float] = lambda name: 1.0
        # Names too common to tie stories together ("Biden" in a US politics feed)
        self.is_common: Callable[[str], bool] = lambda name: False
        self._recent: OrderedDict[str, StorySnapshot] = OrderedDict()  # oldest first
        self._recent_slots: dict[str, int] = {}
        self._recent_index: CentroidIndex | None = None
        self._active_lines: OrderedDict[str, None] = OrderedDict()  # oldest first
        self._line_index: CentroidIndex | None = None
        self._facts: dict[str, StorySnapshot] = {}  # every linked story (for timelines)
        self._line_of: dict[str, str] = {}
        self._lines: dict[str, _Line] = {}
        self._links: list[tuple[str, str]] = []

    def storyline_of(self, story_id: str) -> str | None:
        return self._line_of.get(story_id)

    def pop_links(self) -> list[tuple[str, str]]:
        """(story id, storyline id) links drawn since the last call."""
        links, self._links = self._links, []
        return links

    def observe(self, story: StorySnapshot, known_storyline: str | None = None) -> str | None:
        """Take a new or grown story into account; its storyline (or None)."""
        self._remember(story)
        line_id = self._line_of.get(story.story_id) or known_storyline
        if line_id is None:
            line_id = self._find_line(story)
        if line_id is not None:
            self._join(story, line_id)
        return line_id

    def register(self, story: StorySnapshot, storyline_id: str | None) -> None:
        """Take in a stored story as it was (restoring state): no new links are drawn."""
        self._remember(story)
        if storyline_id is not None:
            before = len(self._links)
            self._join(story, storyline_id)
            del self._links[before:]

    def merge_stories(self, gone: str, keep: str) -> None:
        """Story `gone` was absorbed by `keep`: `keep` inherits a storyline it lacked."""
        self._forget_recent(gone)
        line_id = self._line_of.pop(gone, None)
        self._facts.pop(gone, None)
        if line_id is None:
            return
        line = self._lines[line_id]
        line.stories.pop(gone, None)
        if keep not in self._line_of:
            self._line_of[keep] = line_id
            line.stories[keep] = None
            self._links.append((keep, line_id))

    def storylines(self) -> list[Storyline]:
        """Every storyline, with its stories in time order and a timeline."""
        return [self.storyline(line_id) for line_id in self._lines]

    def storyline(self, storyline_id: str) -> Storyline:
        line = self._lines[storyline_id]
        facts = [self._facts[s] for s in line.stories if s in self._facts]
        facts.sort(key=lambda f: (f.first_day is None, f.first_day or 0.0))
        timeline = [
            TimelineEntry(_iso_day(f.first_day), f.story_id, f.title, f.size) for f in facts
        ]
        names = [n for n in _shared_names(facts, limit=20) if not self.is_common(n)][:5]
        centroid = _unit(line.emb_sum)
        central = max(facts, key=lambda f: float(f.centroid @ centroid) + 0.01 * f.size)
        return Storyline(
            storyline_id=storyline_id,
            title=central.title,
            story_ids=[f.story_id for f in facts],
            timeline=timeline,
            names=names,
        )

    # ---- internals ----------------------------------------------------------------

    def _find_line(self, story: StorySnapshot) -> str | None:
        best_score = -math.inf
        best_line: str | None = None
        partner: StorySnapshot | None = None
        if self._line_index is not None:
            for line_id, cosine in self._line_index.search(story.centroid, self.candidates):
                if cosine < MIN_STORYLINE_COSINE:
                    break
                similarity, shared = self._name_similarity(
                    story.names, self._lines[line_id].names, one_sided=True
                )
                if self._names_agree(similarity, shared) and cosine + similarity > best_score:
                    best_score, best_line = cosine + similarity, line_id
        assert self._recent_index is not None
        for other_id, cosine in self._recent_index.search(story.centroid, self.candidates + 1):
            if cosine < MIN_STORY_COSINE:
                break
            if other_id == story.story_id or other_id in self._line_of:
                continue  # linked stories are reached through their storyline above
            similarity, shared = self._name_similarity(story.names, self._recent[other_id].names)
            if self._names_agree(similarity, shared) and cosine + similarity > best_score:
                best_score, best_line, partner = cosine + similarity, None, self._recent[other_id]
        if best_line is not None:
            return best_line
        if partner is None:
            return None
        line_id = self.storyline_ids()
        self._lines[line_id] = _Line(line_id, np.zeros_like(partner.centroid, dtype=np.float64))
        self._join(partner, line_id)
        return line_id

    @staticmethod
    def _names_agree(similarity: float, shared: int) -> bool:
        return similarity >= MIN_NAME_SIMILARITY and shared >= MIN_SHARED_NAMES

    def _join(self, story: StorySnapshot, line_id: str) -> None:
        line = self._lines.get(line_id)
        if line is None:  # a storyline restored from storage
            line = _Line(line_id, np.zeros_like(story.centroid, dtype=np.float64))
            self._lines[line_id] = line
        previous = self._facts.get(story.story_id)
        if previous is not None and self._line_of.get(story.story_id) == line_id:
            line.emb_sum -= previous.centroid
        else:
            line.stories[story.story_id] = None
            self._line_of[story.story_id] = line_id
            self._links.append((story.story_id, line_id))
        line.emb_sum += story.centroid
        for name, share in story.names.items():
            if share >= DISTINCTIVE_SHARE:
                line.names[name] = max(line.names.get(name, 0.0), share)
        if story.last_day is not None:
            line.last_day = max(line.last_day or story.last_day, story.last_day)
        self._facts[story.story_id] = story
        self._index_line(line)

    def _index_line(self, line: _Line) -> None:
        if self._line_index is None:
            self._line_index = CentroidIndex(line.emb_sum.shape[0])
        line.slot = self._line_index.put(line.storyline_id, _unit(line.emb_sum), line.slot)
        self._active_lines[line.storyline_id] = None
        self._active_lines.move_to_end(line.storyline_id)

    def _name_similarity(
        self, a: dict[str, float], b: dict[str, float], one_sided: bool = False
    ) -> tuple[float, int]:
        """IDF-weighted overlap of two name profiles, and the count of shared distinctive names.

        One-sided (a story against a storyline): only the story's names count, so a
        storyline that has gathered many names over months is neither penalised for them
        nor slower to compare with.
        """
        weight = self.name_weight
        shared_weight = 0.0
        total_weight = 0.0
        shared = 0
        for name in a.keys() if one_sided else a.keys() | b.keys():
            share_a = a.get(name, 0.0)
            share_b = b.get(name, 0.0)
            w = weight(name)
            shared_weight += w * min(share_a, share_b)
            total_weight += w * (share_a if one_sided else max(share_a, share_b))
            if min(share_a, share_b) >= DISTINCTIVE_SHARE and not self.is_common(name):
                shared += 1
        return (shared_weight / total_weight if total_weight else 0.0), shared

    def _remember(self, story: StorySnapshot) -> None:
        self._evict(story.last_day)
        self._recent[story.story_id] = story
        self._recent.move_to_end(story.story_id)
        if self._recent_index is None:
            self._recent_index = CentroidIndex(story.centroid.shape[0])
        self._recent_slots[story.story_id] = self._recent_index.put(
            story.story_id, story.centroid, self._recent_slots.get(story.story_id, -1)
        )

    def _evict(self, now: float | None) -> None:
        while self._recent:
            oldest = next(iter(self._recent.values()))
            too_many = len(self._recent) > self.max_recent
            if not (too_many or _older(oldest.last_day, now, self.recent_days)):
                break
            self._forget_recent(oldest.story_id)
        while self._active_lines:
            line = self._lines[next(iter(self._active_lines))]
            if not _older(line.last_day, now, self.window_days):
                break
            self._active_lines.popitem(last=False)
            if self._line_index is not None and line.slot >= 0:
                self._line_index.remove(line.slot)
                line.slot = -1

    def _forget_recent(self, story_id: str) -> None:
        self._recent.pop(story_id, None)
        slot = self._recent_slots.pop(story_id, None)
        if slot is not None and self._recent_index is not None:
            self._recent_index.remove(slot)


def _older(day: float | None, now: float | None, days: float) -> bool:
    return day is not None and now is not None and now - day > days


def _unit(vector: np.ndarray) -> np.ndarray:
    norm = float(np.linalg.norm(vector))
    return (vector / norm if norm > 0 else vector).astype(np.float32)


def _iso_day(day: float | None) -> str | None:
    if day is None or not math.isfinite(day):
        return None
    return datetime.fromtimestamp(day * 86400.0, tz=UTC).date().isoformat()


def _shared_names(facts: list[StorySnapshot], limit: int = 5) -> list[str]:
    counts: dict[str, int] = {}
    for fact in facts:
        for name, share in fact.names.items():
            if share >= DISTINCTIVE_SHARE:
                counts[name] = counts.get(name, 0) + 1
    shared = [n for n, c in counts.items() if c >= 2]
    shared.sort(key=lambda n: (-counts[n], n))
    return shared[:limit]


# -- naming -------------------------------------------------------------------------

TITLE_LABELS = ("PERSON", "ORG", "GPE", "LOC", "NORP")  # entity kinds that name an affair


@dataclass(frozen=True)
class NamedStory:
    """What naming a storyline reads of one of its stories."""

    title: str | None
    first_published: datetime | None
    entities: list[tuple[str, str]]  # (name, label), most mentioned first
    claims: list[dict[str, Any]] = field(default_factory=list)  # as stored with the story
    article_count: int = 0


def storyline_title(storyline_id: str, stories: list[NamedStory]) -> str:
    """The affair's allegation most of the storyline's stories restate (`affair_title`);
    else the title of its most covered story (the earliest of equals); else the names
    most of its stories share."""
    affair = affair_title([story.claims for story in stories])
    if affair:
        return affair
    never = datetime.max.replace(tzinfo=UTC)
    titled = [story for story in stories if story.title]
    if titled:
        return (
            min(titled, key=lambda st: (-st.article_count, st.first_published or never)).title or ""
        )
    names: Counter[str] = Counter()
    for story in stories:
        top = [n for n, label in story.entities if label in TITLE_LABELS and _fit_for_title(n)][:8]
        names.update({n.casefold(): n for n in top}.values())
    shared = [n for n, c in names.most_common(3) if c >= max(2, len(stories) // 2)]
    if shared:
        return " · ".join(shared)
    never = datetime.max.replace(tzinfo=UTC)
    first = min(stories, key=lambda st: st.first_published or never) if stories else None
    return (first.title if first else None) or storyline_id


def _fit_for_title(name: str) -> bool:
    """Entity names fit for a storyline title: no NER debris ("BROOKFIELD (Wire")."""
    return (
        2 < len(name) <= 40
        and not any(c in name for c in '()[]"\n')
        and not (name.isupper() and len(name) > 5)
    )
