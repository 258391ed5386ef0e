"""Headline comparison: a story's headlines side by side, grouped by the outlet's lean.

Columns are Left / Center / Right (the 3-way side of the outlet's combined lean) plus
Unrated. Each reporting article (not a syndicated copy) gives one headline; the copies
of it are listed with it rather than repeating the same words. Within a column the
most partisan outlets come first (far left first on the left, far right first on the
right), then headlines run by publication time. Articles in other languages than the
story's own take part like any other, each headline carrying its language.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from newsprism.analysis.coverage import CoverageAccumulator
from newsprism.analysis.coverage_types import NEVER, CoverageEntry
from newsprism.models import Article
from newsprism.outlets.registry import Registry

COLUMNS: tuple[str, ...] = ("left", "center", "right", "unrated")


@dataclass(frozen=True)
class Headline:
    article_id: str
    title: str
    outlet: str  # outlet name
    outlet_id: str | None
    side: str  # "left" | "center" | "right" | "unrated"
    lean_label: str | None  # "Lean Left", ...
    factuality: str | None
    url: str | None
    published: datetime | None
    copy_ids: tuple[str, ...] = ()  # syndicated copies carrying the same article
    language: str | None = None  # the article's language (a story may mix languages)

    def to_json(self) -> dict[str, Any]:
        return {
            "article_id": self.article_id,
            "title": self.title,
            "outlet": self.outlet,
            "outlet_id": self.outlet_id,
            "side": self.side,
            "lean": self.lean_label,
            "factuality": self.factuality,
            "url": self.url,
            "published": None if self.published is None else self.published.isoformat(),
            "copy_ids": list(self.copy_ids),
            "language": self.language,
        }


@dataclass(frozen=True)
class HeadlineComparison:
    left: tuple[Headline, ...] = ()
    center: tuple[Headline, ...] = ()
    right: tuple[Headline, ...] = ()
    unrated: tuple[Headline, ...] = ()

    def columns(self) -> dict[str, tuple[Headline, ...]]:
        return {name: getattr(self, name) for name in COLUMNS}

    def rows(self) -> list[tuple[Headline | None, ...]]:
        """Left, center and right headlines side by side, row by row (None pads)."""
        sides = [self.left, self.center, self.right]
        depth = max((len(column) for column in sides), default=0)
        return [
            tuple(column[i] if i < len(column) else None for column in sides) for i in range(depth)
        ]

    def to_json(self) -> dict[str, Any]:
        return {name: [h.to_json() for h in column] for name, column in self.columns().items()}


def group_headlines(
    entries: Iterable[CoverageEntry], representatives: set[str], groups: dict[str, list[str]]
) -> HeadlineComparison:
    """Headlines from a coverage accumulator's entries (see `compare_headlines`)."""
    by_id = {entry.id: entry for entry in entries}
    columns: dict[str, list[tuple[tuple[Any, ...], Headline]]] = {name: [] for name in COLUMNS}
    for members in groups.values():
        representative = next((m for m in members if m in representatives), None)
        if representative is None:
            continue
        entry = by_id[representative]
        if not entry.title.strip():
            continue
        outlet = entry.outlet
        side = outlet.side or "unrated"
        headline = Headline(
            article_id=entry.id,
            title=entry.title.strip(),
            outlet=outlet.name,
            outlet_id=outlet.outlet_id,
            side=side,
            lean_label=outlet.lean_label,
            factuality=outlet.factuality,
            url=entry.url,
            published=entry.published,
            copy_ids=tuple(sorted(m for m in members if m != representative)),
            language=entry.language,
        )
        partisanship = -abs(outlet.lean) if outlet.lean is not None else 0
        order = (partisanship, entry.published or NEVER, outlet.name.casefold(), entry.id)
        columns[side].append((order, headline))
    return HeadlineComparison(
        **{
            name: tuple(h for _, h in sorted(items, key=lambda x: x[0]))
            for name, items in columns.items()
        }
    )


def compare_headlines(articles: Iterable[Article], registry: Registry) -> HeadlineComparison:
    """A story's headlines grouped by lean, syndicated copies folded into their original."""
    accumulator = CoverageAccumulator(registry)
    accumulator.extend(articles)
    return group_headlines(
        accumulator.entries.values(), accumulator.representatives(), accumulator.groups
    )
