"""Coverage details of one story: who covered it, how they lean, how factual, who owns them.

Counting rules:
- An article is a syndicated copy when its `duplicate_of` is set; copies of one
  original form a group keyed by that original's id. A group counts once: its
  representative is the original when the story holds it, else its earliest copy
  (by publication time, then id). The representative's outlet counts as reporting the
  story; the other members are listed as copies of it.
- Distributions (lean, factuality, ownership, country) count distinct outlets that
  report the story (hold at least one representative), each once, whatever the number
  of their articles. Lean percentages are of the RATED outlets; unrated outlets are
  counted beside them, never guessed.
- The timeline counts every article at its publication time (copies included: it
  shows when the story was published where), by its outlet's lean side.
- The first reporter is the outlet of the earliest dated article (ties: smaller id).

`CoverageAccumulator` adds articles one at a time in O(1) and gives the same
`Coverage` as `compute_coverage` over the same articles in any order. Outlet ratings
are read from the registry when an outlet is first seen.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from newsprism.analysis.coverage_types import (
    LEAN5_KEYS,
    NEVER,
    SIDE_KEYS,
    UNKNOWN,
    UNRATED,
    Coverage,
    CoverageEntry,
    OutletCoverage,
    OutletInfo,
    SyndicatedCopy,
    entry_order,
    outlet_info,
)
from newsprism.analysis.timeline import HourlyCounts
from newsprism.models import Article
from newsprism.outlets import scales
from newsprism.outlets.registry import Registry
from newsprism.text import to_utc


@dataclass
class CoverageAccumulator:
    """Coverage of one story, kept up to date one article at a time."""

    registry: Registry
    entries: dict[str, CoverageEntry] = field(default_factory=dict)
    _outlets: dict[str, OutletInfo] = field(default_factory=dict)
    _resolved: dict[tuple[str | None, ...], OutletInfo] = field(default_factory=dict)
    _groups: dict[str, list[str]] = field(default_factory=dict)  # group -> member ids
    _representative: dict[str, str] = field(default_factory=dict)  # group -> article id
    _reports: Counter[str] = field(default_factory=Counter)  # outlet key -> groups
    _bias3: Counter[str] = field(default_factory=Counter)
    _bias5: Counter[str] = field(default_factory=Counter)
    _factuality: Counter[str] = field(default_factory=Counter)
    _ownership: Counter[str] = field(default_factory=Counter)
    _countries: Counter[str] = field(default_factory=Counter)
    _hourly: HourlyCounts = field(default_factory=HourlyCounts)
    _first: CoverageEntry | None = None

    def add(self, article: Article) -> bool:
        """Add one article; False (and no change) when its id is already in."""
        if article.id in self.entries:
            return False
        info = self._resolve(article)
        published = to_utc(article.published) if article.published else None
        group = article.duplicate_of or article.id
        entry = CoverageEntry(
            article.id, article.title, article.url, published, group, info, article.language
        )
        self.entries[article.id] = entry
        self._hourly.add(published, info.side or UNRATED)
        if published is not None and (
            self._first is None or entry_order(entry) < entry_order(self._first)
        ):
            self._first = entry
        self._join_group(entry)
        return True

    def extend(self, articles: Iterable[Article]) -> None:
        for article in articles:
            self.add(article)

    def _resolve(self, article: Article) -> OutletInfo:
        cache_key: tuple[str | None, ...] = (article.outlet, None, None)
        if not article.outlet:
            cache_key = (None, article.url, article.site_name)
        info = self._resolved.get(cache_key)
        if info is None:
            info = outlet_info(article, self.registry)
            info = self._outlets.setdefault(info.key, info)
            self._resolved[cache_key] = info
        return info

    def _join_group(self, entry: CoverageEntry) -> None:
        members = self._groups.setdefault(entry.group, [])
        members.append(entry.id)
        current = self._representative.get(entry.group)
        if current is None:
            self._representative[entry.group] = entry.id
            self._count(entry.outlet, +1)
            return
        incumbent = self.entries[current]
        if self._better_representative(entry, incumbent):
            self._representative[entry.group] = entry.id
            self._count(incumbent.outlet, -1)
            self._count(entry.outlet, +1)

    @staticmethod
    def _better_representative(entry: CoverageEntry, incumbent: CoverageEntry) -> bool:
        if incumbent.id == incumbent.group:  # the original itself
            return False
        if entry.id == entry.group:
            return True
        return entry_order(entry) < entry_order(incumbent)

    def _count(self, info: OutletInfo, delta: int) -> None:
        before = self._reports[info.key]
        self._reports[info.key] = before + delta
        if self._reports[info.key] <= 0:
            del self._reports[info.key]
        if (before == 0) == (before + delta == 0):
            return  # the outlet's reporting status did not change
        sign = 1 if before == 0 else -1
        if info.side is not None and info.lean5 is not None:
            self._bias3[info.side] += sign
            self._bias5[info.lean5] += sign
        self._factuality[info.factuality or UNRATED] += sign
        self._ownership[info.ownership or UNKNOWN] += sign
        self._countries[info.country or UNKNOWN] += sign

    # results -------------------------------------------------------------------------

    def coverage(self) -> Coverage:
        """The story's coverage now (O(articles) to list them; the counts are kept)."""
        outlet_count = len(self._reports)
        rated = sum(self._bias3.values())
        first = self._first
        return Coverage(
            article_count=len(self.entries),
            report_count=len(self._groups),
            copy_count=len(self.entries) - len(self._groups),
            outlet_count=outlet_count,
            rated_outlet_count=rated,
            unrated_outlet_count=outlet_count - rated,
            bias3_counts={k: self._bias3.get(k, 0) for k in SIDE_KEYS},
            bias5_counts={k: self._bias5.get(k, 0) for k in LEAN5_KEYS},
            factuality_counts={
                k: self._factuality.get(k, 0) for k in (*scales.FACTUALITY_KEYS, UNRATED)
            },
            ownership_counts={
                k: self._ownership.get(k, 0) for k in (*scales.OWNERSHIP_KEYS, UNKNOWN)
            },
            country_counts=_country_counts(self._countries),
            outlets=self._outlet_list(),
            copies=self._copy_list(),
            first_article_id=first.id if first else None,
            first_outlet=first.outlet.name if first else None,
            first_published=first.published if first else None,
            timeline=self._hourly.timeline(),
        )

    def _outlet_list(self) -> tuple[OutletCoverage, ...]:
        representatives = set(self._representative.values())
        own: dict[str, list[CoverageEntry]] = {}
        copies: dict[str, list[CoverageEntry]] = {}
        for entry in self.entries.values():
            target = own if entry.id in representatives else copies
            target.setdefault(entry.outlet.key, []).append(entry)
        result = []
        for key, info in self._outlets.items():
            mine = sorted(own.get(key, []), key=entry_order)
            carried = sorted(copies.get(key, []), key=entry_order)
            if not mine and not carried:
                continue
            dated = [e.published for e in mine + carried if e.published is not None]
            result.append(
                OutletCoverage(
                    outlet=info,
                    article_ids=tuple(e.id for e in mine),
                    copy_ids=tuple(e.id for e in carried),
                    first_published=min(dated) if dated else None,
                )
            )
        result.sort(key=lambda o: (not o.reports, o.first_published or NEVER, o.outlet.key))
        return tuple(result)

    def _copy_list(self) -> tuple[SyndicatedCopy, ...]:
        copies = []
        for group, representative in self._representative.items():
            original = self.entries.get(group)
            for member in self._groups[group]:
                if member == representative:
                    continue
                entry = self.entries[member]
                copies.append(
                    SyndicatedCopy(
                        article_id=entry.id,
                        outlet=entry.outlet.name,
                        original_id=group,
                        original_outlet=original.outlet.name if original else None,
                    )
                )
        copies.sort(key=lambda c: (c.original_id, c.article_id))
        return tuple(copies)

    def representatives(self) -> set[str]:
        """Ids of the articles that count for their syndication group."""
        return set(self._representative.values())

    @property
    def groups(self) -> dict[str, list[str]]:
        """Syndication groups: original id -> member article ids."""
        return self._groups


def _country_counts(countries: Counter[str]) -> dict[str, int]:
    items = [(k, v) for k, v in countries.items() if v > 0]
    items.sort(key=lambda kv: (kv[0] == UNKNOWN, -kv[1], kv[0]))
    return dict(items)


def compute_coverage(articles: Iterable[Article], registry: Registry) -> Coverage:
    """Coverage of a story's articles, computed from scratch."""
    accumulator = CoverageAccumulator(registry)
    accumulator.extend(articles)
    return accumulator.coverage()
