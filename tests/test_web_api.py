"""JSON API and server-rendered pages over a real SQLite file filled with invented news.

`build_web_db(path)` is also used by the browser tests (tests/test_web_browser.py).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from newsprism.analysis.article_stance import STORED_KEY
from newsprism.analysis.report import story_coverage
from newsprism.extract.outlet import OutletResolver, outlet_record
from newsprism.models import Article, Entity, Quote, RawDocument, Span
from newsprism.outlets.outlet import Outlet, Rating
from newsprism.outlets.registry import Registry
from newsprism.outlets.scales import LEAN_VALUE
from newsprism.store import Store
from newsprism.web.app import create_app

NOW = datetime.now(UTC).replace(microsecond=0)
TOKEN = "s3cret-test-token"
EVIL = "<script>alert('x')</script>"

# Invented outlets: (name, lean key, factuality, country, owner, ownership).
OUTLETS: dict[str, tuple[str, str, str, str, str, str]] = {
    "northgate-herald": (
        "Northgate Herald",
        "left",
        "high",
        "Avalon",
        "Herald Trust",
        "non-profit",
    ),
    "civic-ledger": (
        "The Civic Ledger",
        "lean-left",
        "very-high",
        "Avalon",
        "Ledger Media plc",
        "corporate",
    ),
    "tidewater-times": (
        "Tidewater Times",
        "lean-left",
        "high",
        "Avalon",
        "Tidewater Group",
        "corporate",
    ),
    "plainwire": (
        "Plainwire",
        "center",
        "very-high",
        "Avalon",
        "Plainwire Cooperative",
        "independent",
    ),
    "meridian-post": (
        "Meridian Post",
        "lean-right",
        "high",
        "Borealia",
        "Meridian Holdings",
        "corporate",
    ),
    "ironside-daily": (
        "Ironside Daily",
        "far-right",
        "low",
        "Borealia",
        "K. Ironside",
        "independent",
    ),
    "beacon-wire": ("Beacon Wire", "right", "low", "Borealia", "Beacon Group", "corporate"),
    "harbour-truth": (
        "Harbour Truth",
        "lean-right",
        "very-low",
        "Borealia",
        "Beacon Group",  # Beacon Wire's owner too
        "other",
    ),
    "redline-report": ("Redline Report", "right", "low", "Borealia", None, "independent"),
}
UNRATED = "valley-voice.example"  # not in the registry: shown as unrated


def _registry() -> Registry:
    outlets = []
    for outlet_id, (name, lean, factuality, country, owner, ownership) in OUTLETS.items():
        outlets.append(
            Outlet(
                id=outlet_id,
                name=name,
                domains=[f"{outlet_id}.example"],
                country=country,
                owner=owner,
                ownership=ownership,
                ratings=[
                    Rating(
                        "allsides",
                        lean=float(LEAN_VALUE[lean]),
                        source="Invented ratings for tests",
                    ),
                    Rating("mbfc", factuality=factuality, source="Invented factuality for tests"),
                ],
                provenance={"owner": "Invented ownership data"},
            )
        )
    return Registry(outlets)


def _article(
    article_id: str, outlet: str, title: str, hours: float, text: str = "", **extra: Any
) -> Article:
    return Article(
        id=article_id,
        title=title,
        text=text or f"{title}. Officials in Port Halden gave details on Tuesday.",
        url=extra.pop("url", f"https://{outlet}/news/{article_id}"),
        outlet=outlet,
        published=extra.pop("published", NOW - timedelta(hours=hours)),
        language=extra.pop("language", "en"),
        **extra,
    )


def _articles() -> list[tuple[Article, str]]:
    """(article, story id) for four stories, one merged story and a storyline."""
    harbour = "s1"
    return [
        (
            _article(
                "a1",
                "plainwire",
                "Port authority fines Northfield over harbour spill",
                30,
                "The Port Halden authority fined Northfield Machine Tool Group $4.2 million "
                'on Tuesday. Harbour master Maria Okafor said the company had "ignored '
                'three warnings". Northfield denied any wrongdoing.',
            ),
            harbour,
        ),
        (
            _article(
                "a2",
                UNRATED,
                "Port authority fines Northfield over harbour spill",
                29,
                duplicate_of="a1",
            ),
            harbour,
        ),
        (
            _article(
                "a3", "northgate-herald", "Northfield hit with record fine after toxic spill", 26
            ),
            harbour,
        ),
        (
            _article(
                "a4", "civic-ledger", "Regulator penalises Northfield for harbour pollution", 20
            ),
            harbour,
        ),
        (
            _article("a5", "meridian-post", "Northfield to appeal 'excessive' harbour penalty", 12),
            harbour,
        ),
        (
            _article(
                "a6", "ironside-daily", "Bureaucrats slap jobs-creating firm with huge fine", 6
            ),
            harbour,
        ),
        # same storyline, a week earlier
        (
            _article("b1", "plainwire", "Residents report oil sheen in Port Halden harbour", 170),
            "s2",
        ),
        (_article("b2", "civic-ledger", "Oil sheen spotted near Northfield plant", 165), "s2"),
        # covered only by low-factuality right-wing outlets, with a hostile title
        (
            _article(
                "c1",
                "ironside-daily",
                f"{EVIL} Mayor's secret harbour deal",
                40,
                url="javascript:alert(1)",
            ),
            "s3",
        ),
        (_article("c2", "beacon-wire", "Mayor accused of secret harbour deal", 38), "s3"),
        (_article("c3", "harbour-truth", "What the mayor is hiding", 37), "s3"),
        (_article("c4", "redline-report", "Harbour deal scandal grows", 36), "s3"),
        # covered mostly by the left: a blindspot for the right
        (_article("d1", "northgate-herald", "Dock workers vote to strike over safety", 50), "s4"),
        (_article("d2", "civic-ledger", "Harbour unions announce safety strike", 49), "s4"),
        (_article("d3", "tidewater-times", "Strike vote: what dock workers want", 48), "s4"),
        (_article("d4", "plainwire", "Dock workers back strike", 47), "s4"),
        # the same story reported in German (stories may mix languages, issue 14)
        (
            _article(
                "d5",
                "northgate-herald",
                "Hafenarbeiter stimmen für Streik",
                46,
                "Die Hafenarbeiter in Port Halden stimmten am Dienstag für einen Streik.",
                language="de",
            ),
            "s4",
        ),
        # a saved page whose date could not be found: listed as undated
        (_article("d6", "plainwire", "Strike ballot papers go out", 0, published=None), "s4"),
        # absorbed into s1 (its id must redirect)
        (_article("m1", "plainwire", "Northfield statement on harbour fine", 25), "s9"),
    ]


SUMMARY_S1 = {
    "title": "Port authority fines Northfield over harbour spill",
    "bullets": [
        {
            "text": "The Port Halden authority fined Northfield Machine Tool Group $4.2 million.",
            "citations": ["a1", "a3", "a4"],
        },
        {
            "text": "Harbour master Maria Okafor said the company had ignored three warnings.",
            "citations": ["a1", "a5"],
        },
        {"text": "Northfield said it would appeal the penalty.", "citations": ["a5", "a6"]},
    ],
}
CLAIMS_S1 = [
    # "Okafor" is her short form in a5 (one speaker); "Tuesday" names no one
    {
        "stance": "alleges",
        "content": "the company had ignored three warnings",
        "speakers": ["Maria Okafor", "Okafor", "Tuesday"],
        "article_ids": ["a1", "a3"],
        "outlets": ["plainwire", "northgate-herald"],
        "direct": True,
        "anonymous": False,
    },
    {
        "stance": "denies",
        "content": "Northfield denied any wrongdoing and called the fine politically motivated",
        "speakers": ["a Northfield spokesman"],
        "article_ids": ["a5"],
        "outlets": ["meridian-post"],
        "direct": False,
        "anonymous": False,
    },
    {
        "stance": "neutral",
        "content": "the appeal will be heard next month",
        "speakers": [],
        "article_ids": ["a4"],
        "outlets": ["civic-ledger"],
        "direct": False,
        "anonymous": True,
    },
]
# What the analysis stores of s1's article stances (`analysis/article_stance.py`).
STANCES_S1 = {
    "main_claim": "the company had ignored three warnings",
    "stances": {"a1": "reports it as fact", "a3": "discusses", "a5": "reports the dispute"},
}


def build_web_db(path: Path) -> dict[str, Any]:
    """Fill a SQLite file with the invented stories above, analysed as the pipeline does."""
    registry = _registry()
    pairs = _articles()
    by_story: dict[str, list[Article]] = {}
    for article, story_id in pairs:
        article.story_id = story_id
        article.storyline_id = "l1" if story_id in ("s1", "s2") else None
        by_story.setdefault(story_id, []).append(article)
    with Store(path) as store:
        with store.begin() as conn:
            rows = []
            for article, _ in pairs:
                raw = RawDocument(
                    source=article.url or article.id,
                    content=article.text.encode(),
                    kind="text",
                    url=article.url,
                )
                rows.append((article, store.add_raw(conn, raw)))
            store.add_articles(conn, rows)
            store.upsert_outlets(conn, [outlet_record(o) for o in registry.all()])
            store.upsert_storyline(conn, "l1", "The Northfield harbour affair")
            store.ensure_stories(conn, list(by_story), {"s1": "l1", "s2": "l1"})
            _enrich(store, conn)
        titles = {
            "s1": SUMMARY_S1["title"],
            "s2": "Residents report oil sheen in Port Halden harbour",
            "s3": f"{EVIL} Mayor's secret harbour deal",
            "s4": "Dock workers vote to strike over safety",
            "s9": "Northfield statement on harbour fine",
        }
        for story_id, members in by_story.items():
            report = story_coverage(members, registry)
            dated = [a.published for a in members if a.published]
            summary = (
                SUMMARY_S1
                if story_id == "s1"
                else {
                    "title": titles[story_id],
                    "bullets": [
                        {
                            "text": members[0].text.split(". ")[0] + ".",
                            "citations": [a.id for a in members],
                        }
                    ],
                }
            )
            spot = report.blindspot
            store.save_story_analysis(
                story_id,
                title=titles[story_id],
                article_count=len(members),
                outlet_count=report.coverage.outlet_count,
                first_published=min(dated),
                last_published=max(dated),
                summary=summary,
                # s4 has no stored coverage: its page derives it from the articles
                coverage={}
                if story_id == "s4"
                else {**report.to_json(), **({STORED_KEY: STANCES_S1} if story_id == "s1" else {})},
                claims=CLAIMS_S1 if story_id == "s1" else [],
                # every blindspot goes to the feed of the side that missed it; the page
                # labels the low-factuality-only ones
                blindspot=spot.missed_by if spot else None,
            )
        with store.begin() as conn:
            store.record_merge(conn, "s9", "s1")
    return {"blindspots": {"s3": "left", "s4": "right"}}


def _enrich(store: Store, conn: Any) -> None:
    okafor = Entity("Maria Okafor", "PERSON", 2)
    northfield = Entity("Northfield Machine Tool Group", "ORG", 3)
    place = Entity("Port Halden", "GPE", 1)
    money = Entity(
        "$4.2 million",
        "MONEY",
        1,
        "The Port Halden authority fined Northfield Machine Tool Group $4.2 million.",
    )
    quote = Quote(
        "Maria Okafor",
        Span(60, 72),
        "said",
        Span(73, 77),
        "ignored three warnings",
        Span(98, 120),
        True,
        "alleges",
        speaker_role="Harbour master",
    )
    short = Quote(
        "Okafor",
        Span(0, 6),
        "said",
        Span(7, 11),
        "the fine was deserved",
        Span(13, 34),
        True,
        "neutral",
    )
    for article_id in ("a1", "a3", "a4", "a5"):
        entities = [okafor, northfield, place] + ([money] if article_id == "a1" else [])
        store.save_enrichment(
            conn,
            article_id,
            embedding=None,
            quotes={"a1": [quote], "a5": [short]}.get(article_id, []),
            entities=[(f"{e.label}:{e.name.lower()}", e) for e in entities],
        )
    store.save_enrichment(
        conn,
        "d1",
        embedding=None,
        quotes=[],
        entities=[("ORG:northfield machine tool group", northfield)],
    )


@pytest.fixture(scope="module")
def web_db(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    path = tmp_path_factory.mktemp("web") / "web.db"
    info = build_web_db(path)
    return path, info


@pytest.fixture(scope="module")
def client(web_db: tuple[Path, dict[str, Any]]) -> Iterator[TestClient]:
    with TestClient(create_app(web_db[0])) as test_client:
        yield test_client


def _segments(html: str, svg_class: str = "bias-bar") -> list[list[str]]:
    """The `data-lean` of each segment, per SVG of the class, in page order."""
    found = []
    for match in re.finditer(rf'<svg[^>]*class="{svg_class}".*?</svg>', html, re.S):
        found.append(re.findall(r'<rect class="bias-seg[^"]*" data-lean="([^"]+)"', match.group(0)))
    return found


# -- JSON API ---------------------------------------------------------------------------


def test_stories_are_listed_latest_first_with_paging(client: TestClient) -> None:
    first = client.get("/api/stories", params={"limit": 2}).json()
    assert [s["id"] for s in first["items"]] == ["s1", "s3"]
    assert first["next_offset"] == 2
    rest = client.get("/api/stories", params={"limit": 2, "offset": 2}).json()
    assert [s["id"] for s in rest["items"]] == ["s4", "s2"]
    assert rest["next_offset"] is None
    story = first["items"][0]
    assert story["article_count"] == 6 and story["outlet_count"] == 5
    assert story["lean"] == {"left": 1, "lean-left": 1, "center": 1, "lean-right": 1, "right": 1}
    assert story["url"] == "/stories/s1"


def test_stories_filter_by_blindspot_and_storyline(client: TestClient) -> None:
    left = client.get("/api/stories", params={"blindspot": "left"}).json()["items"]
    right = client.get("/api/stories", params={"blindspot": "right"}).json()["items"]
    assert [s["id"] for s in left] == ["s3"]  # the left's blindspot: covered by the right
    assert left[0]["blindspot_covered_by"] == "right"
    assert left[0]["blindspot_low_factuality"] is True
    assert [s["id"] for s in right] == ["s4"]
    assert right[0]["blindspot_covered_by"] == "left"
    assert right[0]["blindspot_low_factuality"] is False
    assert client.get("/api/stories", params={"blindspot": "up"}).status_code == 422
    line = client.get("/api/stories", params={"storyline": "l1"}).json()["items"]
    assert {s["id"] for s in line} == {"s1", "s2"}


def test_story_detail_carries_summary_coverage_claims_entities(client: TestClient) -> None:
    story = client.get("/api/stories/s1").json()
    assert story["title"] == SUMMARY_S1["title"]
    assert story["summary"]["bullets"][0]["citations"] == ["a1", "a3", "a4"]
    assert story["coverage"]["coverage"]["outlet_count"] == 5
    assert {c["stance"] for c in story["claims"]} == {"alleges", "denies", "neutral"}
    names = {e["name"] for e in story["entities"]}
    assert {"Maria Okafor", "Northfield Machine Tool Group", "$4.2 million"} <= names


def test_story_detail_gives_who_said_what_as_the_page_shows_it(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    import newsprism.enrich.stance

    def no_model(*args: object, **kwargs: object) -> None:
        raise AssertionError("the API ran the stance model")

    monkeypatch.setattr(newsprism.enrich.stance, "load_model", no_model)
    story = client.get("/api/stories/s1").json()
    # one speaker for "Maria Okafor" (a1, Plainwire) and "Okafor" (a5, Meridian Post)
    assert story["speakers"] == [
        {
            "name": "Maria Okafor",
            "kind": "person",
            "role": "Harbour master",
            "org": None,
            "aliases": ["Maria Okafor", "Okafor"],
            "article_ids": ["a1", "a5"],
            "outlets": ["plainwire", "meridian-post"],
            "statements": 2,
        }
    ]
    speakers = {c["stance"]: c["speakers"] for c in story["claims"]}
    assert speakers == {
        "alleges": ["Maria Okafor (Harbour master)"],
        "denies": ["a Northfield spokesman"],
        "neutral": [],
    }
    assert story["main_claim"] == "the company had ignored three warnings"
    assert story["article_stances"] == STANCES_S1["stances"]
    # the stored record stays where it was
    assert story["coverage"][STORED_KEY] == STANCES_S1
    items = client.get("/api/stories/s1/articles").json()["items"]
    stances = {a["id"]: a["stance"] for a in items}
    assert stances == {
        "a1": "reports it as fact",
        "a2": None,
        "a3": "discusses",
        "a4": None,
        "a5": "reports the dispute",
        "a6": None,
        "m1": None,
    }
    # analysed without stances or claims: the fields are there, empty
    bare = client.get("/api/stories/s2").json()
    assert (bare["speakers"], bare["main_claim"], bare["article_stances"]) == ([], None, {})
    assert {a["stance"] for a in client.get("/api/stories/s2/articles").json()["items"]} == {None}
    # and the reference says so
    docs = client.get("/api/docs").text
    assert "article_stances" in docs and "`reports the dispute`" in docs


def test_story_page_relabels_speakers_and_shows_stances(client: TestClient) -> None:
    html = client.get("/stories/s1").text
    section = html.split('id="claims-h"', 1)[1]
    assert "Maria Okafor (Harbour master)" in section
    assert (
        'Maria Okafor (Harbour master) <span class="muted">· person · 2 statements in 2 '
        "outlets</span>" in section
    )
    assert "Tuesday" not in section and "Okafor;" not in section
    assert "Main claim:</strong> “the company had ignored three warnings”" in section
    assert (
        '<span class="chip stance" title="Towards the story\'s main claim">reports the '
        "dispute</span>" in html
    )


def test_story_markdown_shows_speakers_statements_and_stances(
    web_db: tuple[Path, dict[str, Any]], monkeypatch: pytest.MonkeyPatch
) -> None:
    from typer.testing import CliRunner

    import newsprism.enrich.stance
    from newsprism.cli import app

    def no_model(*args: object, **kwargs: object) -> None:
        raise AssertionError("stored stances are read, not computed")

    monkeypatch.setattr(newsprism.enrich.stance, "load_model", no_model)
    result = CliRunner().invoke(app, ["story", "s1", "--db", str(web_db[0]), "--markdown"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    said = lines[lines.index("## Who said what") : lines.index("## Articles")]
    assert said[2] == "Main claim: “the company had ignored three warnings”"
    assert "- Maria Okafor (Harbour master) · person · 2 statements in 2 outlets" in said
    assert (
        "- **alleges**: Maria Okafor (Harbour master): “the company had ignored three "
        "warnings”" in said
    )
    assert "- **neutral**: unnamed: “the appeal will be heard next month”" in said
    assert not any("Tuesday" in line for line in said)
    articles = {
        line.split("](")[1].split(")")[0]: line
        for line in lines[lines.index("## Articles") :]
        if line.startswith("- ")
    }
    assert articles["https://meridian-post/news/a5"].endswith(
        "[Northfield to appeal 'excessive' harbour penalty](https://meridian-post/news/a5)"
        " — reports the dispute"
    )
    assert articles["https://plainwire/news/a1"].endswith(" — reports it as fact")
    assert "—" not in articles["https://ironside-daily/news/a6"]  # no stance stored
    json_out = CliRunner().invoke(app, ["story", "s1", "--db", str(web_db[0]), "--json"])
    record = json.loads(json_out.stdout)
    assert record["claims"][0]["speakers"] == ["Maria Okafor (Harbour master)"]


def test_merged_story_redirects_to_the_survivor(client: TestClient) -> None:
    response = client.get("/api/stories/s9", follow_redirects=False)
    assert response.status_code == 307
    assert response.headers["location"] == "/api/stories/s1"
    response = client.get("/api/stories/s9/articles", follow_redirects=False)
    assert response.status_code == 307
    assert response.headers["location"] == "/api/stories/s1/articles"
    assert client.get("/api/stories/s9").json()["id"] == "s1"
    page = client.get("/stories/s9", follow_redirects=False)
    assert page.status_code == 307 and page.headers["location"] == "/stories/s1"


def test_unknown_ids_are_404(client: TestClient) -> None:
    assert client.get("/api/stories/nope").status_code == 404
    assert client.get("/api/stories/nope/articles").status_code == 404
    assert client.get("/api/storylines/nope").status_code == 404
    assert client.get("/api/entities/9999").status_code == 404
    assert client.get("/stories/nope").status_code == 404
    assert "no story" in client.get("/stories/nope").text.lower()


def test_story_articles_show_outlet_lean_and_copies(client: TestClient) -> None:
    items = client.get("/api/stories/s1/articles").json()["items"]
    by_id = {a["id"]: a for a in items}
    assert set(by_id) == {"a1", "a2", "a3", "a4", "a5", "a6", "m1"}
    assert by_id["a2"]["duplicate_of"] == "a1"
    assert by_id["a3"]["outlet_name"] == "Northgate Herald"
    assert by_id["a3"]["lean"] == "left" and by_id["a3"]["factuality"] == "high"
    assert by_id["a6"]["lean"] == "right"  # far right shows as Right
    assert by_id["a2"]["lean"] is None  # unrated, never guessed
    assert "text" not in by_id["a1"]


def test_storylines_list_and_detail(client: TestClient) -> None:
    lines = client.get("/api/storylines").json()["items"]
    assert [(sl["id"], sl["story_count"]) for sl in lines] == [("l1", 2)]
    detail = client.get("/api/storylines/l1").json()
    assert detail["title"] == "The Northfield harbour affair"
    assert [s["id"] for s in detail["stories"]] == ["s2", "s1"]  # time order


def test_entity_lists_every_story_that_mentions_it(
    client: TestClient, web_db: tuple[Path, dict[str, Any]]
) -> None:
    with Store(web_db[0]) as store:
        northfield = next(
            e["id"] for e in store.story_entities("s1") if e["name"].startswith("Northfield")
        )
    entity = client.get(f"/api/entities/{northfield}").json()
    assert entity["name"] == "Northfield Machine Tool Group"
    assert {s["id"] for s in entity["stories"]} == {"s1", "s4"}


def test_search_and_stats(client: TestClient) -> None:
    found = client.get("/api/search", params={"q": "oil sheen"}).json()["items"]
    assert {a["id"] for a in found} == {"b1", "b2"}
    assert client.get("/api/search").status_code == 422
    stats = client.get("/api/stats").json()
    assert stats["articles"] == 19 and stats["stories"] == 4 and stats["storylines"] == 1


def test_openapi_schema_documents_the_api(client: TestClient) -> None:
    schema = client.get("/api/openapi.json").json()
    for path in (
        "/api/stories",
        "/api/stories/{story_id}",
        "/api/stories/{story_id}/articles",
        "/api/storylines",
        "/api/storylines/{storyline_id}",
        "/api/entities/{entity_id}",
        "/api/search",
        "/api/stats",
        "/api/articles/{article_id}/move",
        "/api/stories/{story_id}/split",
        "/api/ingest",
    ):
        assert path in schema["paths"], path
    assert "/" not in schema["paths"]  # pages stay out of the API schema
    assert client.get("/api/docs").status_code == 200


# -- write endpoints and their token ------------------------------------------------------


@pytest.fixture
def writable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[TestClient, Path]]:
    """A fresh database (writes change it) and an app with a token; re-analysis recorded."""
    import newsprism.pipeline.corrections

    path = tmp_path / "write.db"
    build_web_db(path)
    reanalysed: list[object] = []
    monkeypatch.setattr(
        newsprism.pipeline.corrections,
        "analyse_dirty_stories",
        lambda store, resolver, progress=None: reanalysed.append(resolver) or 0,
        raising=False,
    )
    with TestClient(create_app(path, token=TOKEN, resolver="test-resolver")) as test_client:
        yield test_client, path


AUTH = {"Authorization": f"Bearer {TOKEN}"}


def test_writes_are_disabled_without_a_configured_token(
    web_db: tuple[Path, dict[str, Any]], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("NEWSPRISM_TOKEN", raising=False)
    with TestClient(create_app(web_db[0])) as test_client:
        response = test_client.post(
            "/api/articles/a6/move",
            json={"story_id": "s4"},
            headers={"Authorization": "Bearer anything"},
        )
    assert response.status_code == 403
    assert "disabled" in response.json()["detail"]
    assert "NEWSPRISM_TOKEN" in response.json()["detail"]


def test_token_can_come_from_the_environment(
    web_db: tuple[Path, dict[str, Any]], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NEWSPRISM_TOKEN", "from-env")
    with TestClient(create_app(web_db[0])) as test_client:
        response = test_client.post(
            "/api/stories/s1/split",
            json={"article_ids": ["zz"]},
            headers={"Authorization": "Bearer from-env"},
        )
    assert response.status_code == 400  # past the token check, refused on its merits


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"Authorization": "Bearer wrong"},
        {"Authorization": f"Basic {TOKEN}"},
        {"Authorization": TOKEN},
    ],
)
def test_missing_or_wrong_token_is_401(
    writable: tuple[TestClient, Path], headers: dict[str, str]
) -> None:
    test_client, _ = writable
    for url, body in (
        ("/api/articles/a6/move", {"story_id": "s4"}),
        ("/api/stories/s1/split", {"article_ids": ["a6"]}),
        ("/api/ingest", {"urls": ["https://example.org/a"]}),
    ):
        response = test_client.post(url, json=body, headers=headers)
        assert response.status_code == 401, url
        assert response.headers.get("www-authenticate") == "Bearer"


def test_move_records_a_correction_and_reassigns(writable: tuple[TestClient, Path]) -> None:
    test_client, path = writable
    response = test_client.post("/api/articles/a6/move", json={"story_id": "s4"}, headers=AUTH)
    assert response.status_code == 200, response.text
    assert response.json() == {"article_id": "a6", "story_id": "s4", "previous_story_id": "s1"}
    with Store(path) as store:
        assert store.corrections() == {"a6": "s4"}
        article = store.article("a6")
        assert article is not None and article.story_id == "s4"
    assert (
        test_client.post("/api/articles/zz/move", json={"story_id": "s4"}, headers=AUTH).status_code
        == 404
    )
    assert (
        test_client.post(
            "/api/articles/a5/move", json={"story_id": "nope"}, headers=AUTH
        ).status_code
        == 404
    )
    # moving into a merged story's old id lands in the survivor
    response = test_client.post("/api/articles/d3/move", json={"story_id": "s9"}, headers=AUTH)
    assert response.json()["story_id"] == "s1"


def test_split_moves_articles_into_a_new_story(writable: tuple[TestClient, Path]) -> None:
    test_client, path = writable
    response = test_client.post(
        "/api/stories/s1/split", json={"article_ids": ["a5", "a6"]}, headers=AUTH
    )
    assert response.status_code == 200, response.text
    new_id = response.json()["story_id"]
    assert new_id not in ("s1", "s2", "s3", "s4", "s9")
    with Store(path) as store:
        assert store.corrections() == {"a5": new_id, "a6": new_id}
        assert {a.id for a in store.articles(story_id=new_id)} == {"a5", "a6"}
    bad = test_client.post("/api/stories/s1/split", json={"article_ids": ["b1"]}, headers=AUTH)
    assert bad.status_code == 400 and "b1" in bad.json()["detail"]
    whole = test_client.post(
        "/api/stories/s2/split", json={"article_ids": ["b1", "b2"]}, headers=AUTH
    )
    assert whole.status_code == 400
    empty = test_client.post("/api/stories/s2/split", json={"article_ids": []}, headers=AUTH)
    assert empty.status_code == 422


def test_ingest_calls_the_pipeline_without_private_addresses(
    writable: tuple[TestClient, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    import newsprism.pipeline

    calls: list[tuple[list[str], dict[str, Any]]] = []

    class Report:
        def as_dict(self) -> dict[str, Any]:
            return {"added": 1, "failed": []}

    def fake_ingest(store: Store, inputs: list[str], **options: Any) -> Report:
        calls.append((inputs, options))
        return Report()

    monkeypatch.setattr(newsprism.pipeline, "ingest_inputs", fake_ingest)
    test_client, _ = writable
    urls = ["https://news.example/a", "http://feeds.example/rss"]
    response = test_client.post("/api/ingest", json={"urls": urls}, headers=AUTH)
    assert response.status_code == 200, response.text
    assert response.json() == {"added": 1, "failed": []}
    assert calls[0][0] == urls and calls[0][1]["allow_private"] is False
    for bad in (["/etc/passwd"], ["file:///etc/passwd"], ["javascript:alert(1)"]):
        response = test_client.post("/api/ingest", json={"urls": bad}, headers=AUTH)
        assert response.status_code == 400, bad
    assert len(calls) == 1


# -- pages ------------------------------------------------------------------------------------


def test_home_lists_stories_with_bias_bars(client: TestClient) -> None:
    response = client.get("/")
    assert response.status_code == 200
    html = response.text
    assert SUMMARY_S1["title"] in html
    assert 'href="/stories/s1"' in html and 'href="/stories/s9"' not in html
    assert '<form class="search' in html and 'action="/search"' in html
    assert "default-src 'self'" in response.headers["content-security-policy"]
    main_list = html.split('class="story-list"', 1)[1].split("</ol>", 1)[0]
    assert _segments(main_list)[0] == ["left", "lean-left", "center", "lean-right", "right"]


def test_page_text_is_escaped(client: TestClient) -> None:
    for url in ("/", "/stories/s3", "/blindspots", "/search?q=Mayor", "/outlets/ironside-daily"):
        html = client.get(url).text
        assert "<script>alert" not in html, url
        assert "&lt;script&gt;alert(" in html, url
    story = client.get("/stories/s3").text
    assert "javascript:" not in story  # an article URL that is not http(s) is not linked
    search = client.get("/search", params={"q": '"><script>alert(2)</script>'}).text
    assert "<script>alert(2)" not in search


def test_story_page_shows_every_part(client: TestClient) -> None:
    html = client.get("/stories/s1").text
    assert "Coverage Details" in html
    details = html.split('class="card coverage"', 1)[1]
    assert _segments(details) == [["left", "lean-left", "center", "lean-right", "right"]]
    assert len(_segments(html)) == 2  # and a small copy under the title for narrow screens
    assert re.search(r'<svg[^>]*class="timeline"[^>]*role="img"', html)
    # every bullet, with citations named after outlets and linking to the articles
    for bullet in SUMMARY_S1["bullets"]:
        assert bullet["text"] in html
    assert re.search(r'<a class="cite" href="https://plainwire/news/a1"[^>]*>Plainwire</a>', html)
    assert re.search(
        r'<a class="cite" href="https://meridian-post/news/a5"[^>]*>Meridian Post</a>', html
    )
    # allegations and denials side by side, with speakers and outlets
    assert "Allegations" in html and "Denials" in html
    assert "Maria Okafor" in html and "a Northfield spokesman" in html
    # entities link to their pages; money comes with its sentence
    assert re.search(r'href="/entities/\d+"[^>]*>Maria Okafor<', html)
    assert "$4.2 million" in html and "fined Northfield Machine Tool Group $4.2 million" in html
    # syndicated copy shown as a copy of its original
    assert "Syndicated copy of" in html and 'href="#article-a1"' in html
    # factuality, ownership, countries, first reported
    for text in ("Very High", "Low", "Non-profit", "Avalon", "Borealia", "First reported"):
        assert text in html, text
    assert "Part of the storyline" in html and 'href="/storylines/l1"' in html


def test_story_without_stored_coverage_derives_it(client: TestClient) -> None:
    html = client.get("/stories/s4").text
    # an article without a publication date says so, and the timeline counts it out
    row = html.split('id="article-d6"', 1)[1].split("</li>", 1)[0]
    assert '<span class="muted">undated</span>' in row
    assert "1 undated article (no publication date found) not on the timeline." in html
    assert _segments(html.split('class="card coverage"', 1)[1]) == [["left", "lean-left", "center"]]
    assert "Blindspot for the Right" in html
    assert "Tidewater Group" not in html  # the owner of one outlet is on its outlet page only
    assert "Corporate / conglomerate" in html and "Non-profit" in html


def test_a_story_names_owners_of_several_of_its_outlets(client: TestClient) -> None:
    html = client.get("/stories/s3").text
    owners = html.split('id="shared-owners-h"', 1)[1].split("</ul>", 1)[0]
    assert re.findall(r"<li>(.*?)</li>", owners) == ["Beacon Group: 2 of the 4 outlets"]
    assert 'id="shared-owners-h"' not in client.get("/stories/s4").text  # one outlet each


def test_blindspots_are_labelled(client: TestClient) -> None:
    story = client.get("/stories/s3").text
    assert "Covered only by low-factuality Right outlets" in story
    assert "not promoted" in story
    feed = client.get("/blindspots").text
    for_left = feed.split('id="left-h"', 1)[1].split('id="right-h"', 1)[0]
    assert "Covered only by low-factuality outlets" in for_left and "/stories/s3" in for_left
    for_right = feed.split('id="right-h"', 1)[1]
    assert "/stories/s4" in for_right and "Blindspot for the Right" in for_right
    assert "low-factuality" not in for_right
    home = client.get("/").text
    assert "Blindspot for the Right" in home


def test_storyline_pages(client: TestClient) -> None:
    listing = client.get("/storylines").text
    assert "The Northfield harbour affair" in listing and 'href="/storylines/l1"' in listing
    html = client.get("/storylines/l1").text
    chart = re.search(r'<svg[^>]*class="storyline-timeline".*?</svg>', html, re.S)
    assert chart is not None
    assert re.findall(r'<a class="sl-row" href="([^"]+)"', chart.group(0)) == [
        "/stories/s2",
        "/stories/s1",
    ]
    assert html.index("/stories/s2") < html.index('href="/stories/s1"')
    assert client.get("/storylines/nope").status_code == 404


def test_entity_search_and_outlet_pages(client: TestClient) -> None:
    story = client.get("/stories/s1").text
    entity_href = re.search(r'href="(/entities/\d+)"[^>]*>Northfield Machine Tool Group<', story)
    assert entity_href is not None
    entity = client.get(entity_href.group(1)).text
    assert "Mentioned in 2 stories" in entity
    assert 'href="/stories/s1"' in entity and 'href="/stories/s4"' in entity
    search = client.get("/search", params={"q": "sheen"}).text
    assert "2 articles match" in search and 'href="/stories/s2"' in search
    empty = client.get("/search", params={"q": "zzzqqq"}).text
    assert "0 articles match" in empty
    outlet = client.get("/outlets/meridian-post").text
    assert "Meridian Post" in outlet and "Lean Right" in outlet
    assert "Invented factuality for tests" in outlet and "Meridian Holdings" in outlet
    unrated = client.get("/outlets/valley-voice.example").text
    assert "Unrated" in unrated
    assert client.get("/outlets/nobody").status_code == 404


def test_static_files_and_empty_database(tmp_path: Path) -> None:
    with TestClient(create_app(tmp_path / "empty.db")) as test_client:
        assert "No stories yet" in test_client.get("/").text
        assert test_client.get("/api/stories").json()["items"] == []
        assert test_client.get("/blindspots").status_code == 200
        assert test_client.get("/storylines").status_code == 200
        css = test_client.get("/static/style.css")
        assert css.status_code == 200 and "text/css" in css.headers["content-type"]


def test_serve_command_runs_the_app(web_db: tuple[Path, dict[str, Any]]) -> None:
    import json
    import socket
    import subprocess
    import sys
    import time

    import httpx

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "newsprism.cli",
            "serve",
            "--port",
            str(port),
            "--db",
            str(web_db[0]),
            "--json",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        started = json.loads(process.stdout.readline())
        assert started["url"] == f"http://127.0.0.1:{port}/"
        deadline = time.monotonic() + 30
        while True:
            try:
                response = httpx.get(f"http://127.0.0.1:{port}/api/stats", timeout=2)
                break
            except httpx.TransportError:
                assert process.poll() is None, process.stderr.read() if process.stderr else ""
                assert time.monotonic() < deadline, "server did not answer"
                time.sleep(0.1)
        assert response.json()["stories"] == 4
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_articles_in_other_languages_carry_their_language(client: TestClient) -> None:
    items = client.get("/api/stories/s4/articles").json()["items"]
    assert {a["id"]: a["language"] for a in items}["d5"] == "de"
    assert {a["language"] for a in items} == {"en", "de"}
    html = client.get("/stories/s4").text
    headlines = html.split('id="headlines-h"', 1)[1].split("</section>", 1)[0]
    assert "Hafenarbeiter stimmen für Streik" in headlines
    assert '<span class="chip lang" title="Language">de</span>' in headlines
    assert 'title="Languages of the articles">de 1, en 5</span>' in html


def test_storyline_page_shows_the_claim_timeline(client: TestClient) -> None:
    html = client.get("/storylines/l1").text
    section = html.split('id="sl-claims-h"', 1)[1].split("</section>", 1)[0]
    alleged = section.index("Alleged")
    denied = section.index("Denied")
    assert "Maria Okafor" in section[alleged:denied]
    assert "the company had ignored three warnings" in section
    assert "a Northfield spokesman" in section[denied:]
    assert "politically motivated" in section[denied:]
    assert 'href="/stories/s1"' in section
    assert "the appeal will be heard" not in section  # neutral statements are not listed


def test_a_wire_copy_shows_the_wire_it_carries(tmp_path: Path) -> None:
    path = tmp_path / "web.db"
    build_web_db(path)
    copy = _article(
        "w1",
        "meridian-post",
        "Dock strike vote set for Friday",
        2,
        "PORT HALDEN (Plainwire) — Dock workers will vote on Friday on a strike over safety, "
        "the union said.",
        story_id="s4",
    )
    with Store(path) as store, store.begin() as conn:
        raw = RawDocument(source="w1", content=copy.text.encode(), kind="text", url=copy.url)
        store.add_articles(conn, [(copy, store.add_raw(conn, raw))])
    with TestClient(create_app(path, resolver=OutletResolver(_registry()))) as client:
        html = client.get("/stories/s4").text
        assert re.search(r'>Meridian Post</a>\s*<span class="via"[^>]*>via Plainwire</span>', html)
        assert "Meridian Post via Plainwire" in html  # beside the headline
        items = client.get("/api/stories/s4/articles").json()["items"]
        credited = {item["id"]: item["original_outlet"] for item in items}
        assert credited.pop("w1") == "plainwire"
        assert credited and set(credited.values()) == {None}


def test_a_broken_outlet_override_file_leaves_story_pages_up(
    web_db: tuple[Path, dict[str, Any]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    broken = tmp_path / "outlets.toml"
    broken.write_text("[[outlet]\nname = 'unclosed", encoding="utf-8")
    monkeypatch.setenv("NEWSPRISM_OUTLETS", str(broken))
    with TestClient(create_app(web_db[0])) as client:
        assert client.get("/stories/s1").status_code == 200
        assert client.get("/api/stories/s1/articles").status_code == 200
