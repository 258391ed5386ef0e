"""The data of a story's coverage: outlets as coverage sees them, counts, copies.

`coverage.py` computes a `Coverage`; `headlines.py` and `blindspots.py` read it; the
counting rules are in `coverage.py`'s docstring.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

from newsprism.analysis.timeline import Timeline
from newsprism.models import Article
from newsprism.outlets import names as nm
from newsprism.outlets import scales
from newsprism.outlets.registry import Registry

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
    owner: str | None = None
    parent: str | None = None  # the outlet of an opinion section

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


def shared_owners(outlets: Iterable[tuple[str, str | None]]) -> list[tuple[str, int]]:
    """(owner, outlets) for owners of two or more of a story's outlets, most outlets
    first, from (outlet, owner) pairs where an opinion section is given as its outlet
    (CNN and "CNN (Opinion)" are one outlet of their owner): five "corporate" outlets
    may be one company's."""
    counts = Counter(owner for _, owner in {(key, owner) for key, owner in outlets if owner})
    shared = [(owner, n) for owner, n in counts.items() if n > 1]
    return sorted(shared, key=lambda row: (-row[1], row[0]))


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
            owner=outlet.owner,
            parent=outlet.parent,
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
    def shared_owners(self) -> list[tuple[str, int]]:
        return shared_owners(
            (o.outlet.parent or o.outlet.key, o.outlet.owner) for o in self.outlets
        )

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
            "shared_owners": [{"owner": o, "outlets": n} for o, n in self.shared_owners],
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
                    "owner": o.outlet.owner,
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
class CoverageEntry:
    """One article as coverage counts it: its outlet, time and syndication group."""

    id: str
    title: str
    url: str | None
    published: datetime | None  # UTC
    group: str  # id of the original (own id when not a copy)
    outlet: OutletInfo
    language: str | None = None  # ISO 639-1 code of the article's language, when known


NEVER = datetime.max.replace(tzinfo=UTC)


def entry_order(entry: CoverageEntry) -> tuple[datetime, str]:
    return (entry.published or NEVER, entry.id)
