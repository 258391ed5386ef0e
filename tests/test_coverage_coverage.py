"""Coverage arithmetic: rated percentages, syndicated copies, unrated outlets, increments."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta, timezone

import pytest
from tests.factories import outlet_record

from newsprism.analysis.coverage import CoverageAccumulator, compute_coverage
from newsprism.analysis.coverage_types import whole_percentages
from newsprism.analysis.report import coverage_report, story_coverage
from newsprism.models import Article
from newsprism.outlets.registry import Registry

T0 = datetime(2024, 3, 4, 9, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def registry() -> Registry:
    return Registry.from_records(
        [
            outlet_record(
                "far-left-daily", "Far Left Daily", -3, "mixed", "independent", "Freedonia"
            ),
            outlet_record(
                "lefty-times",
                "Lefty Times",
                -1,
                "high",
                "corporate",
                "Freedonia",
                "leftytimes.example",
            ),
            outlet_record("middle-wire", "Middle Wire", 0, "very-high", "non-profit", "Sylvania"),
            outlet_record("centrist-post", "Centrist Post", 0, "high", "corporate", "Freedonia"),
            outlet_record("righty-herald", "Righty Herald", 1, "mixed", "corporate", "Freedonia"),
            outlet_record("state-voice", "State Voice", 2, "low", "state-funded", "Sylvania"),
            outlet_record("facts-only", "Facts Only", None, "high"),  # factuality but no lean
        ]
    )


def art(aid, outlet=None, hours=0.0, dup=None, url=None, title=None, published=True):
    return Article(
        id=aid,
        title=title or f"Headline {aid}",
        text="",
        url=url,
        outlet=outlet,
        published=T0 + timedelta(hours=hours) if published else None,
        duplicate_of=dup,
    )


def test_percentages_are_of_rated_outlets(registry: Registry) -> None:
    articles = [
        art("1", "Lefty Times"),
        art("2", "lefty-times", 1),  # same outlet again, by id: counts once
        art("3", "Far Left Daily", 2),
        art("4", "Middle Wire", 3),
        art("5", "Righty Herald", 4),
        art("6", "Mystery Gazette", 5),  # unknown -> unrated, not guessed
        art("7", "Facts Only", 6),  # known but without lean -> unrated
    ]
    coverage = compute_coverage(articles, registry)
    assert coverage.article_count == 7
    assert coverage.outlet_count == 6
    assert coverage.rated_outlet_count == 4
    assert coverage.unrated_outlet_count == 2
    assert coverage.bias3_counts == {"left": 2, "center": 1, "right": 1}
    assert coverage.bias3 == {"left": 50.0, "center": 25.0, "right": 25.0}
    assert coverage.bias5_counts == {
        "left": 1,
        "lean-left": 1,
        "center": 1,
        "lean-right": 1,
        "right": 0,
    }
    assert sum(coverage.bias5.values()) == pytest.approx(100.0)
    assert coverage.factuality_counts["high"] == 2  # Lefty Times, Facts Only
    assert coverage.factuality_counts["unrated"] == 1  # Mystery Gazette
    assert coverage.ownership_counts["corporate"] == 2
    assert coverage.ownership_counts["unknown"] == 2
    assert coverage.shared_owners == []  # no owner recorded twice
    assert coverage.country_counts == {"Freedonia": 3, "Sylvania": 1, "unknown": 2}
    lefty = next(o for o in coverage.outlets if o.outlet.key == "lefty-times")
    assert lefty.article_ids == ("1", "2")
    mystery = next(o for o in coverage.outlets if o.outlet.outlet_id is None)
    assert mystery.outlet.name == "Mystery Gazette" and not mystery.outlet.rated


def test_no_rated_outlets_gives_zero_percentages(registry: Registry) -> None:
    coverage = compute_coverage([art("1", "Nobody Knows"), art("2", "Facts Only")], registry)
    assert coverage.rated_outlet_count == 0
    assert coverage.unrated_outlet_count == 2
    assert coverage.bias3 == {"left": 0.0, "center": 0.0, "right": 0.0}


def test_syndicated_copy_counts_once(registry: Registry) -> None:
    articles = [
        art("wire", "Middle Wire", 0),
        art("copy-r", "Righty Herald", 1, dup="wire"),
        art("copy-s", "State Voice", 2, dup="wire"),
        art("own-r", "Righty Herald", 3),  # Righty Herald also reports on its own
    ]
    coverage = compute_coverage(articles, registry)
    assert coverage.article_count == 4
    assert coverage.report_count == 2
    assert coverage.copy_count == 2
    assert coverage.outlet_count == 2  # Middle Wire, Righty Herald; State Voice only copied
    assert coverage.bias3_counts == {"left": 0, "center": 1, "right": 1}
    copies = {(c.article_id, c.original_id, c.original_outlet) for c in coverage.copies}
    assert copies == {("copy-r", "wire", "Middle Wire"), ("copy-s", "wire", "Middle Wire")}
    state = next(o for o in coverage.outlets if o.outlet.key == "state-voice")
    assert state.copy_ids == ("copy-s",) and not state.reports
    righty = next(o for o in coverage.outlets if o.outlet.key == "righty-herald")
    assert righty.article_ids == ("own-r",) and righty.copy_ids == ("copy-r",)
    # the timeline still shows when each copy went out
    assert sum(b.total for b in coverage.timeline.buckets) == 4


def test_copy_stands_in_for_a_missing_original(registry: Registry) -> None:
    articles = [
        art("c2", "State Voice", 5, dup="elsewhere"),
        art("c1", "Righty Herald", 2, dup="elsewhere"),
    ]
    coverage = compute_coverage(articles, registry)
    assert coverage.report_count == 1
    assert coverage.outlet_count == 1
    reporting = [o for o in coverage.outlets if o.reports]
    assert [o.outlet.key for o in reporting] == ["righty-herald"]  # the earliest copy
    assert [(c.article_id, c.original_outlet) for c in coverage.copies] == [("c2", None)]


def test_original_arriving_late_takes_over(registry: Registry) -> None:
    accumulator = CoverageAccumulator(registry)
    accumulator.add(art("copy", "State Voice", 1, dup="orig"))
    assert accumulator.coverage().bias3_counts == {"left": 0, "center": 0, "right": 1}
    accumulator.add(art("orig", "Lefty Times", 0))
    coverage = accumulator.coverage()
    assert coverage.bias3_counts == {"left": 1, "center": 0, "right": 0}
    assert coverage.outlet_count == 1


def test_outlet_resolved_from_url_when_name_unknown(registry: Registry) -> None:
    coverage = compute_coverage(
        [art("1", "Some Columnist", url="https://www.leftytimes.example/opinion/x")], registry
    )
    assert coverage.outlets[0].outlet.key == "lefty-times"
    unknown = compute_coverage([art("2", None, url="https://blog.nowhere.example/p")], registry)
    assert unknown.outlets[0].outlet.name == "blog.nowhere.example"
    assert unknown.unrated_outlet_count == 1


def test_first_reporter_and_timezones(registry: Registry) -> None:
    eastern = timezone(timedelta(hours=-5))
    articles = [
        art("late", "Middle Wire", 3),
        Article(
            id="early",
            title="t",
            text="",
            outlet="State Voice",
            published=datetime(2024, 3, 4, 5, 30, tzinfo=eastern),
        ),  # 10:30 UTC
        Article(
            id="naive",
            title="t",
            text="",
            outlet="Lefty Times",
            published=datetime(2024, 3, 4, 10, 0),
        ),  # naive = UTC
        art("undated", "Righty Herald", published=False),
    ]
    coverage = compute_coverage(articles, registry)
    assert coverage.first_article_id == "naive"
    assert coverage.first_outlet == "Lefty Times"
    assert coverage.first_published == datetime(2024, 3, 4, 10, 0, tzinfo=UTC)
    assert coverage.timeline.undated == 1


def test_timeline_by_lean_hourly(registry: Registry) -> None:
    coverage = compute_coverage(
        [art("a", "Lefty Times", 0.2), art("b", "State Voice", 0.7), art("c", "Nobody", 3.5)],
        registry,
    )
    timeline = coverage.timeline
    assert timeline.unit == "hour"
    assert [b.total for b in timeline.buckets] == [2, 0, 0, 1]
    assert dict(timeline.buckets[0].counts) == {"left": 1, "center": 0, "right": 1, "unrated": 0}
    assert timeline.buckets[3].counts["unrated"] == 1


def rich_story() -> list[Article]:
    return [
        art("o1", "Middle Wire", 0),
        art("o1-c1", "Righty Herald", 0.5, dup="o1"),
        art("o1-c2", "Lefty Times", 0.5, dup="o1"),
        art("o2", "Lefty Times", 1),
        art("o3", "Far Left Daily", 30),
        art("o4", "Unknown Blog", 50),
        art("m-c1", "State Voice", 4, dup="missing"),
        art("m-c2", "Centrist Post", 3, dup="missing"),
        art("m-c3", "Facts Only", 3, dup="missing"),
        art("u1", "Righty Herald", published=False),
        art("u2", "Unknown Blog", 2),
    ]


def test_accumulator_equals_recompute_in_any_order(registry: Registry) -> None:
    articles = rich_story()
    expected = compute_coverage(articles, registry)
    generator = random.Random(7)
    for _ in range(25):
        shuffled = articles[:]
        generator.shuffle(shuffled)
        accumulator = CoverageAccumulator(registry)
        for index, article in enumerate(shuffled, 1):
            accumulator.add(article)
            # every intermediate state equals a recomputation over what has arrived
            if index in (3, 7):
                assert accumulator.coverage() == compute_coverage(shuffled[:index], registry)
        assert accumulator.coverage() == expected
        expected_headlines = story_coverage(articles, registry).headlines
        assert coverage_report(accumulator).headlines == expected_headlines


def test_adding_the_same_article_twice_changes_nothing(registry: Registry) -> None:
    accumulator = CoverageAccumulator(registry)
    assert accumulator.add(art("1", "Lefty Times"))
    before = accumulator.coverage()
    assert not accumulator.add(art("1", "Lefty Times"))
    assert accumulator.coverage() == before


def test_rich_story_figures(registry: Registry) -> None:
    coverage = compute_coverage(rich_story(), registry)
    assert coverage.article_count == 11
    assert coverage.report_count == 7  # o1, o2, o3, o4, missing, u1, u2
    assert coverage.copy_count == 4
    # reporting outlets: Middle Wire, Lefty Times, Far Left Daily, Unknown Blog,
    # Centrist Post (earliest copy of "missing": 3h, id m-c2 < m-c3), Righty Herald (u1)
    assert coverage.outlet_count == 6
    assert coverage.bias3_counts == {"left": 2, "center": 2, "right": 1}
    assert coverage.unrated_outlet_count == 1
    assert coverage.timeline.unit == "day"  # spans 50 hours
    assert coverage.to_json()["bias"] == {"left": 40.0, "center": 40.0, "right": 20.0}


@pytest.mark.parametrize(
    "counts",
    [
        {"a": 1, "b": 1, "c": 1},
        {"a": 2, "b": 1},
        {"a": 0, "b": 0},
        {"a": 5, "b": 3, "c": 3, "d": 0},
    ],
)
def test_whole_percentages_add_to_100(counts: dict[str, int]) -> None:
    shown = whole_percentages(counts)
    assert sum(shown.values()) == (100 if sum(counts.values()) else 0)
    assert set(shown) == set(counts)
    for key, value in counts.items():
        exact = 100 * value / sum(counts.values()) if sum(counts.values()) else 0
        assert abs(shown[key] - exact) < 1


def test_owners_of_several_outlets_are_named() -> None:
    owned = Registry.from_records(
        [
            {**outlet_record("gull-post", "Gull Post", -1, "high", "corporate"), "owner": "Gull"},
            {**outlet_record("tern-daily", "Tern Daily", 1, "high", "corporate"), "owner": "Gull"},
            {**outlet_record("auk-news", "Auk News", 0, "high", "corporate"), "owner": "Auk"},
            {**outlet_record("auk-news-opinion", "Auk News (Opinion)"), "owner": "Auk"}
            | {"parent": "auk-news"},
        ]
    )
    articles = [art("1", "gull-post"), art("2", "tern-daily", 1), art("3", "auk-news", 2)]
    articles.append(art("4", "auk-news-opinion", 3))  # the same paper's opinion pages
    record = compute_coverage(articles, owned).to_json()
    assert record["shared_owners"] == [{"owner": "Gull", "outlets": 2}]
    assert {o["name"]: o["owner"] for o in record["outlets"]} == {
        "Gull Post": "Gull",
        "Tern Daily": "Gull",
        "Auk News": "Auk",
        "Auk News (Opinion)": "Auk",
    }
