"""Everything a story page shows about coverage, assembled: counts, blindspot, headlines."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from newsprism.analysis.blindspots import Blindspot, BlindspotRule, detect_blindspot
from newsprism.analysis.coverage import CoverageAccumulator
from newsprism.analysis.coverage_types import Coverage
from newsprism.analysis.headlines import HeadlineComparison, group_headlines
from newsprism.models import Article
from newsprism.outlets.registry import Registry


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


def coverage_report(
    accumulator: CoverageAccumulator, rule: BlindspotRule | None = None
) -> StoryCoverage:
    """The report of the articles an accumulator holds."""
    coverage = accumulator.coverage()
    headlines = group_headlines(
        accumulator.entries.values(), accumulator.representatives(), accumulator.groups
    )
    return StoryCoverage(coverage, detect_blindspot(coverage, rule), headlines)


def story_coverage(
    articles: Iterable[Article], registry: Registry, rule: BlindspotRule | None = None
) -> StoryCoverage:
    """Coverage, blindspot and headlines of a story's articles, in one call."""
    accumulator = CoverageAccumulator(registry)
    accumulator.extend(articles)
    return coverage_report(accumulator, rule)


# -- the stored record, read back ---------------------------------------------------


@dataclass(frozen=True)
class StoredBlindspot:
    missed_by: str | None  # "left" or "right": the side that did not cover the story
    label: str | None
    low_factuality_only: bool


@dataclass(frozen=True)
class StoredCoverage:
    """A story's stored coverage record (`StoryCoverage.to_json()`), read back typed.

    The one reader of that record: the web pages, the API and the command line use it
    rather than probing the JSON themselves. A bare `Coverage.to_json()` is read too.
    """

    article_count: int
    outlet_count: int
    unrated_outlet_count: int
    bias: dict[str, float]  # 3-way shares of the rated outlets, in %
    bias5_counts: dict[str, int]
    factuality_counts: dict[str, int]
    ownership_counts: dict[str, int]
    country_counts: dict[str, int]
    first_article_id: str | None
    first_outlet: str | None
    first_published: datetime | None
    blindspot: StoredBlindspot | None
    headlines: dict[str, list[str]] | None  # column -> article ids, best first

    @classmethod
    def from_json(cls, blob: object) -> StoredCoverage | None:
        if not isinstance(blob, Mapping):
            return None
        inner = blob.get("coverage")
        coverage: Mapping[str, Any] = inner if isinstance(inner, Mapping) else blob
        found = coverage.get("first")
        first: Mapping[str, Any] = found if isinstance(found, Mapping) else {}
        return cls(
            article_count=_int(coverage.get("article_count")),
            outlet_count=_int(coverage.get("outlet_count")),
            unrated_outlet_count=_int(coverage.get("unrated_outlet_count")),
            bias=_numbers(coverage.get("bias"), float),
            bias5_counts=_numbers(coverage.get("bias5_counts"), int),
            factuality_counts=_numbers(coverage.get("factuality_counts"), int),
            ownership_counts=_numbers(coverage.get("ownership_counts"), int),
            country_counts=_numbers(coverage.get("country_counts"), int),
            first_article_id=first.get("article_id"),
            first_outlet=first.get("outlet"),
            first_published=_datetime(first.get("published")),
            blindspot=_blindspot(blob.get("blindspot")),
            headlines=_headline_ids(blob.get("headlines")),
        )


def _int(value: object) -> int:
    return int(value) if isinstance(value, int | float) and not isinstance(value, bool) else 0


def _numbers(value: object, kind: type[Any]) -> dict[str, Any]:
    if not isinstance(value, Mapping):
        return {}
    return {
        str(k): kind(v)
        for k, v in value.items()
        if isinstance(v, int | float) and not isinstance(v, bool)
    }


def _datetime(value: object) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        return None


def _blindspot(value: object) -> StoredBlindspot | None:
    if not isinstance(value, Mapping):
        return None
    return StoredBlindspot(
        missed_by=value.get("missed_by"),
        label=value.get("label"),
        low_factuality_only=bool(value.get("low_factuality_only")),
    )


def _headline_ids(value: object) -> dict[str, list[str]] | None:
    if not isinstance(value, Mapping):
        return None
    return {
        str(column): [str(h["article_id"]) for h in items if isinstance(h, Mapping)]
        for column, items in value.items()
        if isinstance(items, list)
    }
