"""Inline SVG charts and the view helpers behind the pages: pure functions, no server."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import UTC, datetime, timedelta

import pytest

from newsprism.analysis.report import StoredCoverage
from newsprism.models import Article
from newsprism.web import svg, views

SVG_NS = "{http://www.w3.org/2000/svg}"
T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def parse(markup: str) -> ET.Element:
    """The chart must be well-formed XML with an accessible name."""
    root = ET.fromstring(markup)
    assert root.tag == f"{SVG_NS}svg"
    assert root.get("role") == "img" and root.get("aria-label")
    assert root.find(f"{SVG_NS}title") is not None
    return root


def segments(root: ET.Element) -> list[ET.Element]:
    return [r for r in root.iter(f"{SVG_NS}rect") if "bias-seg" in (r.get("class") or "")]


# -- bias bar -------------------------------------------------------------------------


def test_bias_bar_has_one_segment_per_lean_present() -> None:
    counts = {"left": 2, "lean-left": 0, "center": 1, "lean-right": 0, "right": 1}
    root = parse(svg.bias_bar(counts, unrated=3, width=200))
    segs = segments(root)
    assert [s.get("data-lean") for s in segs] == ["left", "center", "right"]
    widths = [float(s.get("width") or 0) for s in segs]
    assert widths == pytest.approx([100, 50, 50])
    titles = [s.find(f"{SVG_NS}title").text for s in segs]  # type: ignore[union-attr]
    assert titles == ["Left: 2 outlets (50%)", "Center: 1 outlet (25%)", "Right: 1 outlet (25%)"]
    label = root.get("aria-label") or ""
    assert "Left 50%, Center 25%, Right 25% of 4 rated outlets; 3 unrated" in label


def test_bias_bar_without_rated_outlets_is_a_placeholder() -> None:
    root = parse(svg.bias_bar({}, unrated=2))
    assert segments(root) == []
    assert "No rated outlets; 2 unrated" in (root.get("aria-label") or "")
    assert "no rated outlets" in ET.tostring(root, encoding="unicode")


def test_bias_bar_ignores_negative_and_unknown_keys_and_escapes_its_title() -> None:
    root = parse(svg.bias_bar({"left": -4, "martian": 9, "right": 1}, title='<b>"x"</b>'))
    assert [s.get("data-lean") for s in segments(root)] == ["right"]
    assert (root.get("aria-label") or "").startswith('<b>"x"</b>')  # escaped, parsed back


def test_bias_bar_labels_only_segments_wide_enough() -> None:
    counts = {"left": 1, "right": 40}
    markup = svg.bias_bar(counts, width=300, height=20)
    assert "R 98%" in markup and "L 2%" not in markup
    assert "<text" not in svg.bias_bar(counts, labels=False)


# -- coverage timeline -------------------------------------------------------------------


def test_coverage_timeline_stacks_leans_per_bucket() -> None:
    buckets = [
        (T0, {"left": 2, "right": 1}),
        (T0 + timedelta(hours=1), {}),
        (T0 + timedelta(hours=2), {"center": 1, "unrated": 1}),
    ]
    root = parse(svg.coverage_timeline(buckets, unit="hour"))
    columns = [g for g in root.iter(f"{SVG_NS}g") if g.get("class") == "tl-col"]
    assert len(columns) == 2  # empty hours take space but draw nothing
    first = [r.get("data-lean") for r in columns[0].iter(f"{SVG_NS}rect")]
    assert first == ["left", "right"]
    heights = [float(r.get("height") or 0) for r in columns[0].iter(f"{SVG_NS}rect")]
    assert heights[0] == pytest.approx(2 * heights[1], abs=0.02)
    tip = columns[0].find(f"{SVG_NS}title").text or ""  # type: ignore[union-attr]
    assert "3 articles" in tip and "Left 2" in tip and "Right 1" in tip
    assert "5 articles" in (root.get("aria-label") or "")


def test_coverage_timeline_without_dates() -> None:
    root = parse(svg.coverage_timeline([]))
    assert "no dated articles" in (root.get("aria-label") or "")


# -- storyline timeline ---------------------------------------------------------------------


def test_storyline_timeline_escapes_titles_and_keeps_only_local_links() -> None:
    points = [
        svg.StorylinePoint(
            "<script>alert(1)</script> & more", T0, T0 + timedelta(days=1), 3, "/stories/s1"
        ),
        svg.StorylinePoint("Second", T0 + timedelta(days=5), None, 1, "javascript:alert(1)"),
        svg.StorylinePoint("Third", T0 + timedelta(days=9), None, 8, "//evil.example/x"),
        svg.StorylinePoint("Undated", None, None, 2, "/stories/s4"),
    ]
    markup = svg.storyline_timeline(points)
    root = parse(markup)
    assert "<script>" not in markup and "&lt;script&gt;" in markup
    links = [a.get("href") for a in root.iter(f"{SVG_NS}a")]
    assert links == ["/stories/s1"]
    assert "javascript" not in markup and "evil.example" not in markup
    texts = [t.text for t in root.iter(f"{SVG_NS}text")]
    assert "<script>alert(1)</script> & more" in texts  # shown as text
    assert "Undated" not in texts
    assert "3 stories" in (root.get("aria-label") or "")


def test_count_bar_clamps_its_share() -> None:
    root = parse(svg.count_bar(5, 4, width=100))
    widths = [float(r.get("width") or 0) for r in root.iter(f"{SVG_NS}rect")]
    assert widths == [100, 100]
    assert parse(svg.count_bar(0, 0)).get("aria-label") == "0 of 0"


# -- view helpers ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "safe"),
    [
        ("https://example.org/a?b=1", True),
        ("http://example.org", True),
        ("javascript:alert(1)", False),
        ("JAVASCRIPT:alert(1)", False),
        ("data:text/html,<b>", False),
        ("//example.org/x", False),
        ("/local", False),
        ("https://", False),
        (None, False),
    ],
)
def test_safe_url(url: str | None, safe: bool) -> None:
    assert (views.safe_url(url) is not None) is safe


@pytest.mark.parametrize(
    ("value", "lean"),
    [
        ("far-left", "left"),
        ("left", "left"),
        ("Lean Left", "lean-left"),
        ("left-center", "lean-left"),
        ("center", "center"),
        ("Least Biased", "center"),
        ("lean-right", "lean-right"),
        ("far-right", "right"),
        (-3, "left"),
        (-1, "lean-left"),
        (0.4, "center"),
        (1.6, "right"),
        (2, "right"),
        ({"lean": "right"}, "right"),
        (None, None),
        ("mixed", None),
        (True, None),
    ],
)
def test_lean5_reads_every_spelling(value: object, lean: str | None) -> None:
    assert views.lean5(value) == lean


def test_ago_and_dates() -> None:
    now = T0 + timedelta(hours=5, minutes=3)
    assert views.ago(T0, now) == "5 hours ago"
    assert views.ago(now - timedelta(minutes=1), now) == "1 minute ago"
    assert views.ago(now, now) == "just now"
    assert views.ago(T0 - timedelta(days=40), now) == "21 Jan 2026"
    assert views.ago(None, now) == "—"
    assert views.ago("2026-03-02T09:00:00+00:00", now) == "5 hours ago"
    assert views.fmt_date(T0, with_time=True) == "2 Mar 2026, 09:00 UTC"
    assert views.fmt_date("not a date") == "—"


def _article_views() -> list[views.ArticleView]:
    outlets = {
        "l": views.outlet_view(
            "l",
            {
                "name": "Lefty",
                "lean": "left",
                "factuality": "high",
                "country": "Avalon",
                "ownership": "non-profit",
            },
        ),
        "r": views.outlet_view(
            "r",
            {"name": "Righty", "lean": "far-right", "factuality": "low", "ownership": "corporate"},
        ),
        "": views.outlet_view(None, None),
    }
    articles = [
        Article("1", "Original", "t", "https://l.example/1", "l", T0),
        Article(
            "2",
            "Copy",
            "t",
            "https://x.example/2",
            "unknown-site",
            T0 + timedelta(hours=1),
            duplicate_of="1",
        ),
        Article("3", "Other side", "t", "javascript:x", "r", T0 + timedelta(hours=3)),
        Article("4", "Undated", "t", None, "l", None),
    ]
    return views.article_views(articles, outlets)


def test_coverage_is_derived_from_articles_when_nothing_is_stored() -> None:
    articles = _article_views()
    assert articles[2].url is None  # never linked
    assert articles[1].original is articles[0]
    cov = views.coverage_view(None, articles)
    assert cov.article_count == 4 and cov.outlet_count == 2  # the copy counts once
    assert cov.lean == {"left": 1, "lean-left": 0, "center": 0, "lean-right": 0, "right": 1}
    assert cov.unrated == 0
    assert cov.sides == {"left": 1, "center": 0, "right": 1} and cov.side_percent("left") == 50
    assert cov.factuality == [("High", 1), ("Low", 1)]
    assert cov.ownership == [("Corporate / conglomerate", 1), ("Non-profit", 1)]
    assert cov.countries == [("Avalon", 1), ("Unknown", 1)]
    assert cov.first is articles[0] and cov.first_published == T0
    assert [a.id for a in cov.syndicated] == ["2"]
    assert cov.timeline_unit == "hour" and len(cov.timeline) == 4
    assert cov.timeline[0][1] == {"left": 1} and cov.timeline[1][1] == {"unrated": 1}
    assert [a.id for a in cov.headlines["left"]] == ["1", "4"]
    assert [a.id for a in cov.headlines["right"]] == ["3"]
    assert cov.blindspot is None
    assert cov.shared_owners == []


def test_coverage_names_owners_of_several_of_the_outlets() -> None:
    group = {"ownership": "corporate", "owner": "Gull Media (Example Capital)"}
    outlets = {
        "a": views.outlet_view("a", {"name": "Gull Post", **group}),
        "b": views.outlet_view("b", {"name": "Tern Herald", **group}),
        "c": views.outlet_view("c", {"name": "Lone Courier", "owner": "Courier Trust"}),
        "c-op": views.outlet_view(
            "c-op", {"name": "Lone Courier (Opinion)", "owner": "Courier Trust", "parent": "c"}
        ),
    }
    articles = [
        Article("1", "One", "t", None, "a", T0),
        Article("2", "Two", "t", None, "b", T0),
        Article("3", "Three", "t", None, "a", T0),  # a second article of one outlet
        Article("4", "Four", "t", None, "c", T0),
        Article("5", "Five", "t", None, "c-op", T0),  # the same paper's opinion pages
    ]
    cov = views.coverage_view(None, views.article_views(articles, outlets))
    assert cov.shared_owners == [("Gull Media (Example Capital)", 2)]


def test_coverage_reads_the_stored_analysis_blob() -> None:
    from newsprism.analysis.report import story_coverage
    from newsprism.outlets.outlet import Outlet, Rating
    from newsprism.outlets.registry import Registry

    registry = Registry(
        [
            Outlet(
                "l",
                "Lefty",
                country="Avalon",
                ratings=[Rating("allsides", lean=-2.0), Rating("mbfc", factuality="high")],
            ),
            Outlet("r", "Righty", ratings=[Rating("allsides", lean=3.0)]),
        ]
    )
    raw = [
        Article("1", "Original", "t", None, "l", T0),
        Article("2", "Copy", "t", None, "Somewhere", T0 + timedelta(hours=1), duplicate_of="1"),
        Article("3", "Other side", "t", None, "r", T0 + timedelta(hours=3)),
    ]
    report = story_coverage(raw, registry)
    articles = _article_views()[:3]
    for blob in (report.to_json(), report.coverage.to_json()):
        cov = views.coverage_view(StoredCoverage.from_json(blob), articles)
        assert cov.lean["left"] == 1 and cov.lean["right"] == 1, blob.keys()
        assert cov.outlet_count == 2 and cov.article_count == 3
        assert ("High", 1) in cov.factuality and ("Unrated", 1) in cov.factuality
        assert cov.countries[0] == ("Avalon", 1)
        assert cov.first is articles[0]


def test_stored_blindspot_verdict_is_used() -> None:
    blob = {
        "coverage": {"bias5_counts": {"right": 4}},
        "headlines": None,
        "blindspot": {
            "covered_by": "right",
            "missed_by": "left",
            "low_factuality_only": True,
            "label": "x",
        },
    }
    cov = views.coverage_view(StoredCoverage.from_json(blob), _article_views())
    assert cov.blindspot == "left" and cov.covered_by == "right"
    assert cov.blindspot_low_factuality is True
    assert cov.lean["right"] == 4 and cov.rated == 4


def test_claims_are_grouped_by_stance_with_outlets_and_citations() -> None:
    articles = {a.id: a for a in _article_views()}
    outlets = {a.outlet.id: a.outlet for a in articles.values()}
    groups = views.claim_groups(
        [
            {
                "stance": "alleges",
                "content": "they did it",
                "speakers": ["Ann Smith"],
                "article_ids": ["1", "3"],
                "outlets": ["l", "r"],
            },
            {
                "stance": "denies",
                "content": "we did not",
                "speakers": [{"name": "Bo", "role": "spokesman"}],
                "article_ids": ["3"],
            },
            {"stance": "weird", "content": "other"},
            {"stance": "alleges"},  # no content: dropped
            "not a claim",
        ],
        articles,
        outlets,
    )
    assert [c.content for c in groups["alleges"]] == ["they did it"]
    assert [o.name for o in groups["alleges"][0].outlets] == ["Lefty", "Righty"]
    cites = groups["alleges"][0].citations
    assert [(c.outlet, c.href) for c in cites] == [
        ("Lefty", "https://l.example/1"),
        ("Righty", "#article-3"),
    ]
    assert groups["denies"][0].speakers == ["Bo (spokesman)"]
    assert [c.content for c in groups["neutral"]] == ["other"]
