"""Everything a story page shows about coverage, assembled: counts, blindspot, headlines."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
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
