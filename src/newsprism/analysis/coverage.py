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
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from newsprism.analysis.timeline import HourlyCounts, Timeline, to_utc
from newsprism.models import Article
from newsprism.outlets import names as nm
from newsprism.outlets import scales
from newsprism.outlets.registry import Registry

if TYPE_CHECKING:
    from newsprism.analysis.blindspots import Blindspot, BlindspotRule
    from newsprism.analysis.headlines import HeadlineComparison

SIDE_KEYS: tuple[str, ...] = ("left", "center", "right")
LEAN5_KEYS: tuple[str, ...] = ("left", "lean-left", "center", "lean-right", "right")
UNRATED = "unrated"
UNKNOWN = "unknown"


@dataclass(frozen=True)
class OutletInfo:
    """An outlet as seen by coverage: registry values, or just a name when unrated."""

    key: str  # registry id, or "unrated:<normalised name>"
    outlet_id: str | None
    name: str
    lean: int | None = None  # 7-point, -3..3
    factuality: str | None = None
    reliability: float | None = None
    ownership: str | None = None
    country: str | None = None

    @property
    def rated(self) -> bool:
        return self.lean is not None

    @property
    def side(self) -> str | None:
        return None if self.lean is None else scales.lean_side(self.lean)

    @property
    def lean5(self) -> str | None:
        """ "left" / "lean-left" / "center" / "lean-right" / "right"."""
        return None if self.lean is None else scales.slug(scales.lean5_label(self.lean))

    @property
    def lean_label(self) -> str | None:
        return None if self.lean is None else scales.lean5_label(self.lean)


def outlet_info(article: Article, registry: Registry) -> OutletInfo:
    """Resolve an article's outlet (its id or name, else its URL) through the registry."""
    outlet = registry.resolve(article.outlet, article.url)
    if outlet is not None:
        return OutletInfo(
            key=outlet.id,
            outlet_id=outlet.id,
            name=outlet.name,
            lean=outlet.lean,
            factuality=outlet.factuality,
            reliability=outlet.reliability,
            ownership=outlet.ownership,
            country=outlet.country,
        )
    name = article.outlet or article.site_name or _host(article.url) or UNKNOWN
    return OutletInfo(key=f"{UNRATED}:{nm.normalize_name(name) or name}", outlet_id=None, name=name)


def _host(url: str | None) -> str | None:
    if not url:
        return None
    host = nm.normalize_host(urlsplit(url if "://" in url else "//" + url).netloc)
    return host or None


@dataclass(frozen=True)
class OutletCoverage:
    """One outlet in a story: what it reported and what it carried as copies."""

    outlet: OutletInfo
    article_ids: tuple[str, ...]  # articles counting as its own reporting
    copy_ids: tuple[str, ...]  # syndicated copies it carried of others' originals
    first_published: datetime | None

    @property
    def reports(self) -> bool:
        """True when the outlet counts in the distributions (it holds a representative)."""
        return bool(self.article_ids)


@dataclass(frozen=True)
class SyndicatedCopy:
    article_id: str
    outlet: str  # outlet name
    original_id: str
    original_outlet: str | None  # None when the original is not in the story


@dataclass(frozen=True)
class Coverage:
    article_count: int
    report_count: int  # articles counting once (a group of copies is one)
    copy_count: int
    outlet_count: int  # distinct outlets reporting
    rated_outlet_count: int
    unrated_outlet_count: int
    bias3_counts: dict[str, int]  # left / center / right, rated outlets
    bias5_counts: dict[str, int]  # left / lean-left / center / lean-right / right
    factuality_counts: dict[str, int]  # FACTUALITY_KEYS + "unrated"
    ownership_counts: dict[str, int]  # OWNERSHIP_KEYS + "unknown"
    country_counts: dict[str, int]  # most outlets first, "unknown" last
    outlets: tuple[OutletCoverage, ...]
    copies: tuple[SyndicatedCopy, ...]
    first_article_id: str | None
    first_outlet: str | None
    first_published: datetime | None
    timeline: Timeline

    @property
    def bias3(self) -> dict[str, float]:
        """Percentages of rated outlets, Left / Center / Right (all 0 when none rated)."""
        return percentages(self.bias3_counts)

    @property
    def bias5(self) -> dict[str, float]:
        return percentages(self.bias5_counts)

    @property
    def factuality_rated(self) -> dict[str, float]:
        """Factuality percentages of the outlets whose factuality is rated."""
        return percentages({k: v for k, v in self.factuality_counts.items() if k != UNRATED})

    def to_json(self) -> dict[str, Any]:
        return {
            "article_count": self.article_count,
            "report_count": self.report_count,
            "copy_count": self.copy_count,
            "outlet_count": self.outlet_count,
            "rated_outlet_count": self.rated_outlet_count,
            "unrated_outlet_count": self.unrated_outlet_count,
            "bias": {k: round(v, 1) for k, v in self.bias3.items()},
            "bias_counts": self.bias3_counts,
            "bias5": {k: round(v, 1) for k, v in self.bias5.items()},
            "bias5_counts": self.bias5_counts,
            "factuality_counts": self.factuality_counts,
            "ownership_counts": self.ownership_counts,
            "country_counts": self.country_counts,
            "outlets": [
                {
                    "key": o.outlet.key,
                    "outlet_id": o.outlet.outlet_id,
                    "name": o.outlet.name,
                    "lean": o.outlet.lean_label,
                    "side": o.outlet.side,
                    "factuality": o.outlet.factuality,
                    "reliability": o.outlet.reliability,
                    "ownership": o.outlet.ownership,
                    "country": o.outlet.country,
                    "article_ids": list(o.article_ids),
                    "copy_ids": list(o.copy_ids),
                    "first_published": _iso(o.first_published),
                }
                for o in self.outlets
            ],
            "copies": [
                {
                    "article_id": c.article_id,
                    "outlet": c.outlet,
                    "original_id": c.original_id,
                    "original_outlet": c.original_outlet,
                }
                for c in self.copies
            ],
            "first": {
                "article_id": self.first_article_id,
                "outlet": self.first_outlet,
                "published": _iso(self.first_published),
            },
            "timeline": self.timeline.to_json(),
        }


def _iso(moment: datetime | None) -> str | None:
    return None if moment is None else moment.isoformat()


def percentages(counts: dict[str, int]) -> dict[str, float]:
    """Each count as a percentage of their sum (0.0 each when the sum is 0)."""
    total = sum(counts.values())
    return {k: (100.0 * v / total if total else 0.0) for k, v in counts.items()}


def whole_percentages(counts: dict[str, int]) -> dict[str, int]:
    """Whole percentages that add up to exactly 100 (largest remainder), for display."""
    total = sum(counts.values())
    if not total:
        return {k: 0 for k in counts}
    exact = {k: 100 * v / total for k, v in counts.items()}
    result = {k: int(v) for k, v in exact.items()}
    order = sorted(counts, key=lambda k: (-(exact[k] - result[k]), list(counts).index(k)))
    for key in order[: 100 - sum(result.values())]:
        result[key] += 1
    return result


@dataclass
class _Entry:
    id: str
    title: str
    url: str | None
    published: datetime | None  # UTC
    group: str  # id of the original (own id when not a copy)
    outlet: OutletInfo


_NEVER = datetime.max.replace(tzinfo=UTC)


def _order(entry: _Entry) -> tuple[datetime, str]:
    return (entry.published or _NEVER, entry.id)


@dataclass
class CoverageAccumulator:
    """Coverage of one story, kept up to date one article at a time."""

    registry: Registry
    entries: dict[str, _Entry] = field(default_factory=dict)
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
    _first: _Entry | None = None

    def add(self, article: Article) -> bool:
        """Add one article; False (and no change) when its id is already in."""
        if article.id in self.entries:
            return False
        info = self._resolve(article)
        published = to_utc(article.published) if article.published else None
        group = article.duplicate_of or article.id
        entry = _Entry(article.id, article.title, article.url, published, group, info)
        self.entries[article.id] = entry
        self._hourly.add(published, info.side or UNRATED)
        if published is not None and (self._first is None or _order(entry) < _order(self._first)):
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

    def _join_group(self, entry: _Entry) -> None:
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
    def _better_representative(entry: _Entry, incumbent: _Entry) -> bool:
        if incumbent.id == incumbent.group:  # the original itself
            return False
        if entry.id == entry.group:
            return True
        return _order(entry) < _order(incumbent)

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
        own: dict[str, list[_Entry]] = {}
        copies: dict[str, list[_Entry]] = {}
        for entry in self.entries.values():
            target = own if entry.id in representatives else copies
            target.setdefault(entry.outlet.key, []).append(entry)
        result = []
        for key, info in self._outlets.items():
            mine = sorted(own.get(key, []), key=_order)
            carried = sorted(copies.get(key, []), key=_order)
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
        result.sort(key=lambda o: (not o.reports, o.first_published or _NEVER, o.outlet.key))
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

    def headlines(self) -> HeadlineComparison:
        """The story's headlines grouped by lean (see analysis.headlines)."""
        from newsprism.analysis.headlines import group_headlines

        representatives = set(self._representative.values())
        return group_headlines(self.entries.values(), representatives, self._groups)

    def blindspot(self, rule: BlindspotRule | None = None) -> Blindspot | None:
        from newsprism.analysis.blindspots import detect_blindspot

        return detect_blindspot(self.coverage(), rule)

    def report(self, rule: BlindspotRule | None = None) -> StoryCoverage:
        """Everything the story page shows about coverage, in one call."""
        from newsprism.analysis.blindspots import detect_blindspot

        coverage = self.coverage()
        return StoryCoverage(coverage, detect_blindspot(coverage, rule), self.headlines())


def _country_counts(countries: Counter[str]) -> dict[str, int]:
    items = [(k, v) for k, v in countries.items() if v > 0]
    items.sort(key=lambda kv: (kv[0] == UNKNOWN, -kv[1], kv[0]))
    return dict(items)


@dataclass(frozen=True)
class StoryCoverage:
    """Coverage details, blindspot verdict and headline comparison of one story."""

    coverage: Coverage
    blindspot: Blindspot | None
    headlines: HeadlineComparison

    def to_json(self) -> dict[str, Any]:
        return {
            "coverage": self.coverage.to_json(),
            "blindspot": None if self.blindspot is None else self.blindspot.to_json(),
            "headlines": self.headlines.to_json(),
        }


def compute_coverage(articles: Iterable[Article], registry: Registry) -> Coverage:
    """Coverage of a story's articles, computed from scratch."""
    accumulator = CoverageAccumulator(registry)
    accumulator.extend(articles)
    return accumulator.coverage()


def story_coverage(
    articles: Iterable[Article], registry: Registry, rule: BlindspotRule | None = None
) -> StoryCoverage:
    """Coverage, blindspot and headlines of a story's articles, in one call."""
    accumulator = CoverageAccumulator(registry)
    accumulator.extend(articles)
    return accumulator.report(rule)
