"""The blindspot rule at its boundaries."""

from __future__ import annotations

import pytest
from tests.factories import make_article, outlet_record, registry_of

from newsprism.analysis.blindspots import BlindspotRule, detect_blindspot
from newsprism.analysis.coverage import compute_coverage
from newsprism.models import Article
from newsprism.outlets.registry import Registry

LEANS = {"L": -2, "l": -1, "C": 0, "r": 1, "R": 2, "?": None}


def make_story(spec: str, factuality: str | None = "high", right_factuality: str | None = None):
    """One outlet per character of `spec` (L l C r R ?), each with one article."""
    records, articles = [], []
    for index, code in enumerate(spec):
        lean = LEANS[code]
        fact = (
            right_factuality if right_factuality and lean is not None and lean > 0 else factuality
        )
        rating = {"lean": lean, "factuality": fact} if lean is not None else {}
        records.append(outlet_record(f"o{index}", f"Outlet {index}", **rating))
        articles.append(make_article(f"a{index}", outlet=f"o{index}"))
    registry = registry_of(*records)
    return compute_coverage(articles, registry)


@pytest.mark.parametrize(
    ("spec", "covered_by"),
    [
        ("RRrL", "right"),  # 3 of 4 rated on the right
        ("LLllRC", "left"),  # exactly 4 of 6 = 2/3: inclusive
        ("LLRR" + "rrRR", "right"),  # 6 of 8
        ("RRrL??????", "right"),  # unrated outlets do not count
    ],
)
def test_blindspot(spec: str, covered_by: str) -> None:
    blindspot = detect_blindspot(make_story(spec))
    assert blindspot is not None
    assert blindspot.covered_by == covered_by
    assert blindspot.missed_by == ("left" if covered_by == "right" else "right")
    assert blindspot.promoted and blindspot.feed == blindspot.missed_by
    assert blindspot.label == f"Blindspot for the {blindspot.missed_by.title()}"


@pytest.mark.parametrize(
    "spec",
    [
        "LLLlRRC",  # 4 of 7 = 0.571 < 2/3
        "LLlllRRC",  # 5 of 8 = 0.625, just below
        "RRR",  # 3 rated < minimum 4
        "RRR???",  # unrated outlets do not lift it to the minimum
        "CCCCR",  # center-dominated: never a blindspot
        "",
        "????",
    ],
)
def test_not_a_blindspot(spec: str) -> None:
    assert detect_blindspot(make_story(spec)) is None


def test_minimum_outlets_configurable() -> None:
    assert detect_blindspot(make_story("RRR"), BlindspotRule(min_rated_outlets=3)) is not None
    assert detect_blindspot(make_story("RRL"), BlindspotRule(min_rated_outlets=3)) is not None
    strict = BlindspotRule(min_share=0.75, min_rated_outlets=3)
    assert detect_blindspot(make_story("RRL"), strict) is None  # 2/3 < 3/4
    assert detect_blindspot(make_story("RRRL"), strict) is not None  # 3/4 inclusive


def test_low_factuality_only_is_labelled_not_promoted() -> None:
    blindspot = detect_blindspot(make_story("RRrrL", right_factuality="very-low"))
    assert blindspot is not None and blindspot.low_factuality_only
    assert not blindspot.promoted and blindspot.feed is None
    assert "low-factuality" in blindspot.label
    assert blindspot.to_json()["promoted"] is False


@pytest.mark.parametrize("other", ["mixed", None])
def test_one_non_low_outlet_makes_it_a_real_blindspot(other: str | None) -> None:
    # three right outlets rated low, one of mixed or unknown factuality
    spec = "RRrrL"
    registry_records = []
    for index, code in enumerate(spec):
        lean = LEANS[code]
        fact = "low" if lean and lean > 0 else "high"
        if index == 0:
            fact = other
        registry_records.append(
            {
                "id": f"o{index}",
                "name": f"O{index}",
                "ratings": [["user", lean, fact, None, "t", None, None]],
            }
        )
    registry = Registry.from_records(registry_records)
    articles = [Article(id=f"a{i}", title="t", text="", outlet=f"o{i}") for i in range(len(spec))]
    coverage = compute_coverage(articles, registry)
    blindspot = detect_blindspot(coverage)
    assert blindspot is not None and blindspot.promoted


def test_share_is_of_rated_outlets() -> None:
    blindspot = detect_blindspot(make_story("LLLLRC??"))
    assert blindspot is not None
    assert (blindspot.side_outlets, blindspot.rated_outlets) == (4, 6)
    assert blindspot.share == pytest.approx(4 / 6)
