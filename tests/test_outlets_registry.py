"""Outlet registry: lookups by every form, the rater combination rule, check()."""

from __future__ import annotations

import pytest
from tests.factories import rating_row

from newsprism.outlets import names as nm
from newsprism.outlets import scales
from newsprism.outlets.registry import Registry

RECORDS = [
    {
        "id": "harbor-gazette",
        "name": "Harbor Gazette",
        "aliases": ["The Harbor Gazette", "HG", "Harbor Gazette (Online News)"],
        "domains": ["harborgazette.example", "harborgazette.co.uk"],
        "country": "United States",
        "ownership": "corporate",
        "owner": "Gull Media Group",
        "from": {"country": "mbfc", "owner": "kagi", "ownership": "kagi:typology 'Private Media'"},
        "ratings": [
            rating_row("allsides", lean=-1, domain=None, label="left-center"),
            rating_row("mbfc", lean=-2, factuality="high", domain="harborgazette.example"),
            rating_row("baly2018", lean=0, factuality="mixed", domain="harborgazette.example"),
            rating_row("lin2023", reliability=0.81, domain="harborgazette.example"),
        ],
    },
    {
        "id": "harbor-gazette-opinion",
        "name": "Harbor Gazette (Opinion)",
        "aliases": ["Harbor Gazette - Editorial"],
        "parent": "harbor-gazette",
        "ratings": [rating_row("allsides", lean=-2)],
    },
    {
        "id": "ridge-courier",
        "name": "Ridge Courier",
        "domains": ["ridgecourier.example", "ridgecourier.example/weekend"],
        "ratings": [rating_row("mbfc", lean=2, factuality="mixed")],
    },
    {
        "id": "ridge-weekend",
        "name": "Ridge Weekend Magazine",
        "domains": ["ridgecourier.example/weekend"],
        "ratings": [rating_row("baly2020", lean=0, factuality="high")],
    },
    {
        "id": "valley-wire",
        "name": "Valley Wire News",
        "domains": ["valleywire.example"],
        "ratings": [rating_row("baly2020", lean=0, factuality="low")],
    },
    {
        "id": "quality-only-example",
        "name": "quality-only.example",
        "domains": ["quality-only.example"],
        "ratings": [rating_row("lin2023", reliability=0.42)],
    },
    {
        "id": "columnist",
        "name": "Pat Quill",
        "ratings": [rating_row("allsides", lean=2)],
    },
]


@pytest.fixture()
def registry() -> Registry:
    return Registry.from_records(RECORDS)


@pytest.mark.parametrize(
    "query",
    [
        "harbor-gazette",  # id
        "harborgazette.example",  # domain
        "HARBORGAZETTE.EXAMPLE",
        "www.harborgazette.example",
        "m.harborgazette.example",
        "amp.harborgazette.example",
        "mobile.harborgazette.example",
        "news.harborgazette.example",  # subdomain
        "harborgazette.co.uk",  # the outlet's other country domain
        "https://www.harborgazette.co.uk/2024/05/01/story.html?utm=1",
        "http://amp.harborgazette.example/politics/story",
        "www-harborgazette-example.cdn.ampproject.org",  # Google AMP cache host
        "Harbor Gazette",  # name
        "harbor gazette",
        "The Harbor Gazette",  # "The" optional both ways
        "  Harbor   Gazette!  ",
        "HG",  # alias
        "Harbor Gazette (Online News)",  # AllSides-style section suffixes
        "Harbor Gazette (Online)",
        "Harbor Gazette - News",
        "Harbor Gazette News",  # a trailing "News" may differ
    ],
)
def test_lookup_every_form(registry: Registry, query: str) -> None:
    outlet = registry.lookup(query)
    assert outlet is not None and outlet.id == "harbor-gazette"


@pytest.mark.parametrize(
    "query", ["Harbor Gazette (Opinion)", "Harbor Gazette - Opinion", "Harbor Gazette Editorial"]
)
def test_opinion_section_lookup(registry: Registry, query: str) -> None:
    outlet = registry.lookup(query)
    assert outlet is not None and outlet.id == "harbor-gazette-opinion"
    assert outlet.lean_label == "Left"


def test_news_suffix_dropped_from_query(registry: Registry) -> None:
    outlet = registry.lookup("Valley Wire")
    assert outlet is not None and outlet.id == "valley-wire"


def test_path_scoped_domain_wins_over_host(registry: Registry) -> None:
    weekend = registry.lookup("https://ridgecourier.example/weekend/2024/a-story")
    daily = registry.lookup("https://ridgecourier.example/news/2024/a-story")
    assert weekend is not None and daily is not None
    assert daily.id == "ridge-courier"
    # both claim the path; the better-rated Ridge Courier holds it, check() tells
    assert any("ridgecourier.example/weekend" in p for p in registry.check())


@pytest.mark.parametrize(
    "query",
    ["", "   ", "Unknown Paper", "unknown-paper.example", "https://nowhere.example/x", "example"],
)
def test_unknown_is_none(registry: Registry, query: str) -> None:
    assert registry.lookup(query) is None


def test_resolve_falls_back_to_url(registry: Registry) -> None:
    outlet = registry.resolve("Some Columnist", "https://www.harborgazette.example/a")
    assert outlet is not None and outlet.id == "harbor-gazette"
    assert registry.resolve(None, None) is None


def test_combined_lean_weighs_allsides_and_newest_mbfc_snapshot(registry: Registry) -> None:
    outlet = registry.get("harbor-gazette")
    assert outlet is not None
    # AllSides -1 (weight 3) and MBFC -2 (weight 1); Baly 2018 is an older MBFC snapshot
    assert outlet.lean_score == pytest.approx((3 * -1 + -2) / 4)
    assert outlet.lean == -1
    assert outlet.lean_label == "Lean Left"
    assert outlet.lean_side == "left"
    assert [r.rater for r in outlet.lean_sources()] == ["allsides", "mbfc"]
    # factuality from the newest MBFC snapshot, reliability from Lin et al.
    assert outlet.factuality == "high"
    assert outlet.factuality_label == "High"
    assert outlet.reliability == pytest.approx(0.81)
    # every rater's own value is kept
    assert outlet.rating("baly2018") is not None and outlet.rating("baly2018").lean == 0


def test_reliability_falls_back_to_factuality(registry: Registry) -> None:
    outlet = registry.get("valley-wire")
    assert outlet is not None
    assert outlet.factuality == "low"
    assert outlet.reliability == scales.RELIABILITY_FROM_FACTUALITY["low"]
    assert "derived from factuality" in outlet.to_json()["reliability_from"]


def test_unrated_outlet_has_no_guesses(registry: Registry) -> None:
    outlet = registry.get("quality-only-example")
    assert outlet is not None
    assert outlet.lean is None and outlet.lean_label is None and outlet.lean_side is None
    assert outlet.factuality is None
    assert outlet.reliability == pytest.approx(0.42)
    assert not outlet.rated


def test_to_json_names_sources(registry: Registry) -> None:
    record = registry.get("harbor-gazette").to_json()
    assert record["lean"] == "lean-left"
    assert len(record["lean_from"]) == 2 and all("row of" in s for s in record["lean_from"])
    assert record["provenance"]["owner"].startswith("Kagi media data")
    assert "Private Media" in record["provenance"]["ownership"]
    assert [r["rater"] for r in record["ratings"]] == ["allsides", "mbfc", "baly2018", "lin2023"]


def test_names_pairs_cover_aliases(registry: Registry) -> None:
    pairs = set(registry.names())
    assert ("HG", "harbor-gazette") in pairs
    assert ("Pat Quill", "columnist") in pairs


def test_check_reports_conflicts() -> None:
    records = [
        {
            "id": "split-outlet",
            "name": "Split Outlet",
            "domains": ["split.example", "split-other.example"],
            "ratings": [
                rating_row("mbfc", lean=-3, domain="split.example"),
                rating_row("allsides", lean=1),
                rating_row("baly2018", lean=-3, domain="split-other.example"),
            ],
        },
        {"id": "twin-a", "name": "Twin", "domains": ["twin-a.example"], "ratings": []},
        {"id": "twin-b", "name": "Twin", "domains": ["twin-b.example"], "ratings": []},
    ]
    problems = Registry.from_records(records).check()
    assert any("split-outlet" in p and "different domains" in p for p in problems)
    assert any("split-outlet" in p and "disagree on lean" in p for p in problems)
    assert any("name 'twin'" in p for p in problems)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("CNN (Online News)", ("CNN", "news")),
        ("New York Times - News", ("New York Times", "news")),
        ("NBC News (Online)", ("NBC News", "news")),
        ("Fox News Opinion", ("Fox News", "opinion")),
        ("Wall Street Journal - Editorial", ("Wall Street Journal", "opinion")),
        ("Fox News", ("Fox News", None)),
    ],
)
def test_split_section(name: str, expected: tuple[str, str | None]) -> None:
    assert nm.split_section(name) == expected


def test_normalize_name() -> None:
    assert nm.normalize_name("The Wall Street Journal") == "wall street journal"
    assert nm.normalize_name("U.S. News & World Report") == "us news and world report"
    assert nm.normalize_name("NBCNews.com") == "nbcnews.com"
    assert nm.normalize_name("Yahoo! News") == "yahoo news"
    assert nm.normalize_name("Le Monde Diplomatique") == nm.normalize_name("Le Mondé diplomatique")


def test_address_keys() -> None:
    assert nm.address_keys("https://edition.cnn.com/2024/politics/x") == [
        "edition.cnn.com/2024",
        "edition.cnn.com",
        "cnn.com/2024",
        "cnn.com",
    ]
    assert nm.address_keys("WWW.BBC.CO.UK") == ["bbc.co.uk", "co.uk"]


@pytest.fixture(scope="module")
def bundled() -> Registry:
    return Registry.load_bundled()


class TestBundled:
    """The shipped registry (built from the public rating sets)."""

    @pytest.mark.parametrize(
        ("query", "outlet_id"),
        [
            ("WSJ", "wall-street-journal"),
            ("The Wall Street Journal", "wall-street-journal"),
            ("Wall Street Journal (News)", "wall-street-journal"),
            ("https://www.wsj.com/articles/x-123", "wall-street-journal"),
            ("NBC News (Online)", "nbc-news"),
            ("CNN (Online News)", "cnn"),
            ("https://edition.cnn.com/2021/05/01/politics/x.html", "cnn"),
            ("bbc.co.uk", "bbc-news"),
            ("https://www.bbc.com/news/world-123", "bbc-news"),
            ("Fox News (Online News)", "fox-news"),
            ("New York Times (News)", "new-york-times"),
        ],
    )
    def test_well_known(self, bundled: Registry, query: str, outlet_id: str) -> None:
        outlet = bundled.lookup(query)
        assert outlet is not None and outlet.id == outlet_id

    def test_opinion_sections_are_separate(self, bundled: Registry) -> None:
        news = bundled.lookup("New York Times (News)")
        opinion = bundled.lookup("New York Times (Opinion)")
        assert news is not None and opinion is not None
        assert opinion.parent == news.id
        assert opinion.lean_label == "Left" and news.lean_label == "Lean Left"

    def test_every_value_is_traceable(self, bundled: Registry) -> None:
        reuters = bundled.lookup("reuters.com")
        assert reuters is not None
        record = reuters.to_json()
        assert record["lean_side"] == "center"
        assert record["factuality_from"] and "mediabiasfactcheck.com" in record["factuality_from"]
        assert "Lin et al. 2023" in record["reliability_from"]

    def test_size(self, bundled: Registry) -> None:
        assert len(bundled.domains()) >= 4000


def test_a_shared_name_goes_to_the_publication_first() -> None:
    # AllSides rates an author page called "HG"; the text's "HG" is the newspaper
    registry = Registry.from_records([{"id": "hg-author", "name": "HG"}, *RECORDS])
    found = registry.exact_name("HG")
    assert found is not None and found.id == "harbor-gazette"
    first = next(outlet_id for name, outlet_id in registry.names() if name == "HG")
    assert first == "harbor-gazette"


def test_an_id_a_rebuild_merged_still_finds_its_outlet(registry: Registry) -> None:
    registry.moved = {"harbor-gazette-feeds": "harbor-gazette"}
    for found in (registry.get("harbor-gazette-feeds"), registry.lookup("harbor-gazette-feeds")):
        assert found is not None and found.id == "harbor-gazette"
    assert registry.get("never-was") is None


@pytest.mark.parametrize(
    ("query", "outlet_id"),
    [
        ("feeds.washingtonpost.com", "washington-post"),  # Kagi's feed host, same paper
        ("the-washington-post", "washington-post"),  # the id it had before
        ("ap.org", "associated-press"),  # the agency's own two domains
        ("AP", "associated-press"),
        ("feeds.npr.org", "npr"),
        ("faz.net", "frankfurter-allgemeine-zeitung"),
        ("chron.com", "houston-chronicle"),  # curated: the paper's free site
        ("chron-com", "houston-chronicle"),
        ("newarab.com", "the-new-arab"),  # curated: the English edition's new address
    ],
)
def test_bundled_duplicates_are_one_outlet(bundled: Registry, query: str, outlet_id: str) -> None:
    found = bundled.lookup(query)
    assert found is not None and found.id == outlet_id
