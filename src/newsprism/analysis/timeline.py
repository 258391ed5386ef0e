"""Coverage timelines: articles per hour or per day, by lean, and a chart-ready series.

Counts are kept per hour (cheap to add to one at a time); a `Timeline` is made from
them at the end with the unit chosen from the span: hours for coverage spanning up to
`HOURLY_SPAN_LIMIT`, days up to `DAILY_SPAN_LIMIT`, weeks (from Monday) beyond.
Buckets run without gaps from the first to the last (empty ones count zero) so that
charts show quiet periods. Times are UTC; a naive
datetime is taken to be UTC already.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from newsprism.text import to_utc

HOUR = "hour"
DAY = "day"
WEEK = "week"
# 48 h: a breaking story reads best hour by hour for its first two days; a chart of
# more than 48 hourly bars stops being legible, days take over.
HOURLY_SPAN_LIMIT = timedelta(hours=48)
# a long-running storyline (or a stray wrong date) would need thousands of daily bars
DAILY_SPAN_LIMIT = timedelta(days=120)
SERIES_KEYS: tuple[str, ...] = ("left", "center", "right", "unrated")


def floor_hour(moment: datetime) -> datetime:
    return to_utc(moment).replace(minute=0, second=0, microsecond=0)


def floor_day(moment: datetime) -> datetime:
    return to_utc(moment).replace(hour=0, minute=0, second=0, microsecond=0)


def floor_week(moment: datetime) -> datetime:
    day = floor_day(moment)
    return day - timedelta(days=day.weekday())


def choose_unit(first: datetime, last: datetime) -> str:
    """ "hour" up to HOURLY_SPAN_LIMIT of span, "day" up to DAILY_SPAN_LIMIT, else "week"."""
    span = to_utc(last) - to_utc(first)
    if span <= HOURLY_SPAN_LIMIT:
        return HOUR
    return DAY if span <= DAILY_SPAN_LIMIT else WEEK


_FLOORS = {HOUR: floor_hour, DAY: floor_day, WEEK: floor_week}
_STEPS = {HOUR: timedelta(hours=1), DAY: timedelta(days=1), WEEK: timedelta(weeks=1)}


@dataclass(frozen=True)
class Bucket:
    start: datetime
    counts: Mapping[str, int]  # series key ("left", "center", "right", "unrated") -> articles

    @property
    def total(self) -> int:
        return sum(self.counts.values())


@dataclass(frozen=True)
class Timeline:
    unit: str  # "hour" | "day" | "week"
    buckets: tuple[Bucket, ...] = ()
    undated: int = 0  # articles without a publication time

    @property
    def peak(self) -> int:
        return max((b.total for b in self.buckets), default=0)

    def to_json(self) -> dict[str, Any]:
        return {
            "unit": self.unit,
            "undated": self.undated,
            "buckets": [
                {"start": b.start.isoformat(), "total": b.total, **dict(b.counts)}
                for b in self.buckets
            ],
        }


@dataclass
class HourlyCounts:
    """Articles per (hour, series key); the incremental half of a timeline."""

    counts: Counter[tuple[datetime, str]] = field(default_factory=Counter)
    undated: int = 0

    def add(self, published: datetime | None, key: str) -> None:
        if published is None:
            self.undated += 1
        else:
            self.counts[(floor_hour(published), key)] += 1

    def remove(self, published: datetime | None, key: str) -> None:
        if published is None:
            self.undated -= 1
            return
        slot = (floor_hour(published), key)
        self.counts[slot] -= 1
        if self.counts[slot] <= 0:
            del self.counts[slot]

    def timeline(self, unit: str | None = None, keys: Iterable[str] = SERIES_KEYS) -> Timeline:
        return build_timeline(self.counts, self.undated, unit, tuple(keys))


def build_timeline(
    hourly: Mapping[tuple[datetime, str], int],
    undated: int = 0,
    unit: str | None = None,
    keys: tuple[str, ...] = SERIES_KEYS,
) -> Timeline:
    """A gap-free timeline from per-hour counts; `unit` None chooses from the span."""
    if not hourly:
        return Timeline(unit=unit or HOUR, buckets=(), undated=undated)
    hours = sorted({hour for hour, _ in hourly})
    unit = unit or choose_unit(hours[0], hours[-1])
    floor, step = _FLOORS[unit], _STEPS[unit]
    merged: Counter[tuple[datetime, str]] = Counter()
    for (hour, key), count in hourly.items():
        merged[(floor(hour), key)] += count
    buckets = []
    start, end = floor(hours[0]), floor(hours[-1])
    while start <= end:
        buckets.append(Bucket(start, {key: merged.get((start, key), 0) for key in keys}))
        start += step
    return Timeline(unit=unit, buckets=tuple(buckets), undated=undated)


def timeline_of(items: Iterable[tuple[datetime | None, str]], unit: str | None = None) -> Timeline:
    """A timeline from (published, series key) pairs."""
    counts = HourlyCounts()
    for published, key in items:
        counts.add(published, key)
    return counts.timeline(unit)


def svg_series(
    timeline: Timeline,
    width: float = 600.0,
    height: float = 120.0,
    keys: tuple[str, ...] = SERIES_KEYS,
) -> dict[str, Any]:
    """Coordinates for an inline SVG chart, y growing downwards as in SVG.

    `bars`: one stacked bar per bucket, segments bottom-up in `keys` order, each
    `{key, x, y, width, height, count}`; `lines`: per key a polyline `points` string
    through the bucket centres; `ticks`: bucket starts as ISO strings with their x.
    """
    count = len(timeline.buckets)
    peak = timeline.peak
    slot = width / count if count else width
    bar_width = slot * 0.8
    scale = height / peak if peak else 0.0
    bars = []
    points: dict[str, list[str]] = {key: [] for key in keys}
    ticks = []
    for index, bucket in enumerate(timeline.buckets):
        x = index * slot + (slot - bar_width) / 2
        centre = index * slot + slot / 2
        bottom = height
        segments = []
        for key in keys:
            value = bucket.counts.get(key, 0)
            segment_height = value * scale
            if value:
                segments.append(
                    {
                        "key": key,
                        "x": round(x, 2),
                        "y": round(bottom - segment_height, 2),
                        "width": round(bar_width, 2),
                        "height": round(segment_height, 2),
                        "count": value,
                    }
                )
            bottom -= segment_height
            points[key].append(f"{centre:.2f},{height - value * scale:.2f}")
        bars.append(
            {"start": bucket.start.isoformat(), "total": bucket.total, "segments": segments}
        )
        ticks.append({"x": round(centre, 2), "label": bucket.start.isoformat()})
    return {
        "width": width,
        "height": height,
        "unit": timeline.unit,
        "max": peak,
        "bars": bars,
        "lines": {key: " ".join(values) for key, values in points.items()},
        "ticks": ticks,
    }
