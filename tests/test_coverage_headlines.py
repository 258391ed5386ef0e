"""Headlines grouped by lean; timeline buckets and chart series."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from tests.factories import outlet_record, registry_of

from newsprism.analysis.headlines import compare_headlines
from newsprism.analysis.timeline import (
    build_timeline,
    choose_unit,
    floor_hour,
    svg_series,
    timeline_of,
)
from newsprism.models import Article
from newsprism.outlets.registry import Registry

T0 = datetime(2024, 6, 1, 12, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def registry() -> Registry:
    return registry_of(
        outlet_record("far-left", lean=-3, factuality="high"),
        outlet_record("lean-left", lean=-1, factuality="high"),
        outlet_record("middle", lean=0, factuality="high"),
        outlet_record("right", lean=2, factuality="high"),
    )


def test_headlines_side_by_side(registry: Registry) -> None:
    articles = [
        Article(id="1", title="Talks collapse", text="", outlet="lean-left", published=T0),
        Article(
            id="2",
            title="Talks fail",
            text="",
            outlet="far-left",
            published=T0 + timedelta(hours=2),
        ),
        Article(id="3", title="Negotiators part ways", text="", outlet="middle", published=T0),
        Article(id="4", title="Deal dead", text="", outlet="right", published=T0),
        Article(id="5", title="Negotiators part ways", text="", outlet="right", duplicate_of="3"),
        Article(id="6", title="What happened", text="", outlet="Unknown Gazette"),
        Article(id="7", title="   ", text="", outlet="middle"),
    ]
    comparison = compare_headlines(articles, registry)
    assert [h.title for h in comparison.left] == ["Talks fail", "Talks collapse"]  # far left first
    assert [h.article_id for h in comparison.center] == ["3"]
    assert comparison.center[0].copy_ids == ("5",)  # the copy is folded in, not repeated
    assert [h.title for h in comparison.right] == ["Deal dead"]
    assert [h.outlet for h in comparison.unrated] == ["Unknown Gazette"]
    rows = comparison.rows()
    assert len(rows) == 2
    assert rows[1][0] is not None and rows[1][1] is None and rows[1][2] is None
    assert comparison.to_json()["left"][0]["lean"] == "Left"


def test_choose_unit_boundary() -> None:
    assert choose_unit(T0, T0 + timedelta(hours=48)) == "hour"
    assert choose_unit(T0, T0 + timedelta(hours=48, minutes=1)) == "day"
    assert choose_unit(T0, T0 + timedelta(days=121)) == "week"


def test_timeline_fills_gaps_and_aggregates_days() -> None:
    items = [(T0, "left"), (T0 + timedelta(days=2, hours=3), "right"), (None, "center")]
    timeline = timeline_of(items)
    assert timeline.unit == "day"
    assert [b.start.day for b in timeline.buckets] == [1, 2, 3]
    assert [b.total for b in timeline.buckets] == [1, 0, 1]
    assert timeline.undated == 1
    hourly = timeline_of(items, unit="hour")
    assert len(hourly.buckets) == 2 * 24 + 3 + 1


def test_empty_timeline() -> None:
    timeline = build_timeline({})
    assert timeline.buckets == () and timeline.peak == 0
    assert svg_series(timeline)["bars"] == []


def test_svg_series_geometry() -> None:
    timeline = timeline_of([(T0, "left"), (T0, "right"), (T0 + timedelta(hours=1), "left")])
    series = svg_series(timeline, width=200, height=100)
    assert series["max"] == 2
    first, second = series["bars"]
    assert [s["key"] for s in first["segments"]] == ["left", "right"]
    left, right = first["segments"]
    assert left["y"] + left["height"] == pytest.approx(100)
    assert right["y"] == pytest.approx(0) and right["height"] == pytest.approx(50)
    assert second["segments"][0]["height"] == pytest.approx(50)
    assert len(series["lines"]["left"].split()) == 2
    assert floor_hour(T0 + timedelta(minutes=59)) == T0
