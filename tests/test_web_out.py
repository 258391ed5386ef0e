"""Stories out of the web app: API filters and cursors, CSV, RSS 2.0, feed status, docs.

Runs over the invented news of tests/test_web_api.py (`build_web_db`).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

import pytest
from fastapi.testclient import TestClient

from newsprism.models import Article, RawDocument
from newsprism.store import Store
from newsprism.web import export
from newsprism.web.app import create_app
from test_web_api import EVIL, NOW, build_web_db


@pytest.fixture(scope="module")
def db_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("web-out") / "web.db"
    build_web_db(path)
    return path


@pytest.fixture(scope="module")
def client(db_path: Path) -> Iterator[TestClient]:
    with TestClient(create_app(db_path)) as test_client:
        yield test_client


def _ids(client: TestClient, **params: Any) -> list[str]:
    response = client.get("/api/stories", params=params)
    assert response.status_code == 200, response.text
    return [s["id"] for s in response.json()["items"]]


# -- /api/stories filters and pages --------------------------------------------------------


def test_stories_filter_by_dates(client: TestClient) -> None:
    # last published: s1 6 h ago, s3 36 h, s4 47 h, s2 165 h
    assert _ids(client, since=(NOW - timedelta(hours=40)).isoformat()) == ["s1", "s3"]
    assert _ids(client, until=(NOW - timedelta(hours=40)).isoformat()) == ["s4", "s2"]
    naive = (NOW - timedelta(hours=40)).replace(tzinfo=None).isoformat()
    assert _ids(client, since=naive) == ["s1", "s3"]  # naive: UTC
    day_of_s2 = (NOW - timedelta(hours=165)).date().isoformat()
    assert "s2" in _ids(client, since=day_of_s2, until=day_of_s2)  # a date: the whole day
    assert _ids(client, since=(NOW + timedelta(days=2)).date().isoformat()) == []
    bad = client.get("/api/stories", params={"since": "last tuesday"})
    assert bad.status_code == 422 and "since" in bad.text


def test_stories_filter_by_outlet_lean_entity_and_words(client: TestClient) -> None:
    assert _ids(client, outlet="plainwire") == ["s1", "s4", "s2"]
    assert _ids(client, outlet="nobody") == []
    assert _ids(client, lean="right") == ["s1", "s3"]
    assert _ids(client, lean="center") == ["s1", "s4", "s2"]
    assert _ids(client, lean="left") == ["s1", "s4", "s2"]
    assert client.get("/api/stories", params={"lean": "far-out"}).status_code == 422
    entities = client.get("/api/stories/s1").json()["entities"]
    northfield = next(e["id"] for e in entities if e["name"].startswith("Northfield"))
    assert _ids(client, entity=northfield) == ["s1", "s4"]
    assert _ids(client, q="oil sheen") == ["s2"]
    assert _ids(client, q="harbour", lean="right", blindspot="left") == ["s3"]


def test_cursor_walks_every_story_once(client: TestClient) -> None:
    seen: list[str] = []
    cursor = None
    for _ in range(10):
        params: dict[str, Any] = {"limit": 1}
        if cursor:
            params["cursor"] = cursor
        page = client.get("/api/stories", params=params).json()
        seen += [s["id"] for s in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert seen == ["s1", "s3", "s4", "s2"]
    assert client.get("/api/stories", params={"cursor": "bogus"}).status_code == 422
    both = client.get("/api/stories", params={"cursor": cursor or "x", "offset": 1})
    assert both.status_code == 422


def _add_story(path: Path, story_id: str, hours_ago: float) -> None:
    published = NOW - timedelta(hours=hours_ago)
    with Store(path) as store:
        with store.begin() as conn:
            article = Article(
                id=f"{story_id}-a",
                title="Ferry sinks near the breakwater",
                text="A ferry sank near the breakwater.",
                outlet="plainwire",
                published=published,
                story_id=story_id,
            )
            raw = RawDocument(source=article.id, content=article.id.encode(), kind="text")
            store.add_articles(conn, [(article, store.add_raw(conn, raw))])
            store.ensure_stories(conn, [story_id], {})
        store.save_story_analysis(
            story_id,
            title=article.title,
            article_count=1,
            outlet_count=1,
            first_published=published,
            last_published=published,
            summary={},
            coverage={},
            claims=[],
            blindspot=None,
        )


def test_cursor_pages_hold_while_new_stories_arrive(tmp_path: Path) -> None:
    path = tmp_path / "web.db"
    build_web_db(path)
    with TestClient(create_app(path)) as test_client:
        first = test_client.get("/api/stories", params={"limit": 2}).json()
        assert [s["id"] for s in first["items"]] == ["s1", "s3"]
        _add_story(path, "s20", hours_ago=1)  # newest: it would shift an offset by one
        params = {"limit": 2, "cursor": first["next_cursor"]}
        second = test_client.get("/api/stories", params=params).json()
        assert [s["id"] for s in second["items"]] == ["s4", "s2"]
        assert second["next_cursor"] is None
        by_offset = test_client.get("/api/stories", params={"limit": 2, "offset": 2}).json()
        assert [s["id"] for s in by_offset["items"]] == ["s3", "s4"]  # the old way shifts


def test_offset_pages_keep_working(client: TestClient) -> None:
    page = client.get("/api/stories", params={"limit": 3, "offset": 1}).json()
    assert [s["id"] for s in page["items"]] == ["s3", "s4", "s2"]
    assert page["next_offset"] is None and page["next_cursor"] is None
    page = client.get("/api/stories", params={"limit": 2}).json()
    assert page["next_offset"] == 2 and page["next_cursor"]


# -- CSV --------------------------------------------------------------------------------------


def _csv(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_stories_csv_has_one_row_per_story_with_counts_and_shares(client: TestClient) -> None:
    response = client.get("/api/stories.csv")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    rows = _csv(response.text)
    assert list(rows[0]) == list(export.STORY_COLUMNS)
    assert [r["id"] for r in rows] == ["s1", "s3", "s4", "s2"]
    s1 = rows[0]
    assert (s1["article_count"], s1["outlet_count"]) == ("6", "5")
    assert (s1["left_pct"], s1["center_pct"], s1["right_pct"]) == ("40", "20", "40")
    assert s1["unrated_outlets"] == "0" and s1["storyline_id"] == "l1" and s1["blindspot"] == ""
    assert datetime.fromisoformat(s1["last_published"]) == NOW - timedelta(hours=6)
    s3 = rows[1]
    assert s3["title"].startswith(EVIL) and s3["right_pct"] == "100" and s3["blindspot"] == "left"


def test_stories_csv_takes_the_api_filters_and_links_the_next_page(client: TestClient) -> None:
    assert [r["id"] for r in _csv(client.get("/api/stories.csv?lean=right").text)] == ["s1", "s3"]
    response = client.get("/api/stories.csv", params={"limit": 3})
    assert len(_csv(response.text)) == 3
    match = re.fullmatch(
        r'<(http://testserver/api/stories\.csv\?[^>]+)>; rel="next"', response.headers["link"]
    )
    assert match
    rest = _csv(client.get(match.group(1)).text)
    assert [r["id"] for r in rest] == ["s2"]
    assert "link" not in client.get("/api/stories.csv").headers


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+1", "'+1"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("Fine title", "Fine title"),
        (5, 5),
        (None, ""),
    ],
)
def test_csv_cells_that_spreadsheets_would_run_are_defused(value: object, written: object) -> None:
    assert export.safe_cell(value) == written


def test_csv_text_quotes_what_it_must() -> None:
    text = export.csv_text(
        ("id", "title"), [("s1", 'He said "no", then left\nagain'), ("s2", "=1+1")]
    )
    assert list(csv.reader(io.StringIO(text))) == [
        ["id", "title"],
        ["s1", 'He said "no", then left\nagain'],
        ["s2", "'=1+1"],
    ]


# -- RSS --------------------------------------------------------------------------------------


def _rss(client: TestClient, **params: Any) -> ET.Element:
    response = client.get("/rss.xml", params=params)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/rss+xml")
    root = ET.fromstring(response.content)
    assert root.tag == "rss" and root.get("version") == "2.0"
    return root


def _items(root: ET.Element) -> list[ET.Element]:
    channel = root.find("channel")
    assert channel is not None
    return channel.findall("item")


def test_rss_is_valid_rss2_with_the_latest_stories(client: TestClient) -> None:
    root = _rss(client)
    channel = root.find("channel")
    assert channel is not None
    for required in ("title", "link", "description"):  # what RSS 2.0 requires of a channel
        assert (channel.findtext(required) or "").strip(), required
    assert channel.findtext("link") == "http://testserver/"
    items = _items(root)
    assert [i.findtext("link") for i in items] == [
        f"http://testserver/stories/{sid}" for sid in ("s1", "s3", "s4", "s2")
    ]
    first = items[0]
    assert first.findtext("title") == "Port authority fines Northfield over harbour spill"
    guid = first.find("guid")
    assert guid is not None and guid.text == "http://testserver/stories/s1"
    assert parsedate_to_datetime(first.findtext("pubDate") or "") == NOW - timedelta(hours=6)
    description = first.findtext("description") or ""
    assert description.startswith("The Port Halden authority fined Northfield")
    assert "6 articles from 5 outlets" in description
    assert "Left 40% · Center 20% · Right 40% of 5 rated outlets; 0 unrated" in description


def test_rss_text_is_escaped_not_markup(client: TestClient) -> None:
    response = client.get("/rss.xml")
    assert EVIL not in response.text  # escaped in the XML...
    titles = [i.findtext("title") for i in _items(ET.fromstring(response.content))]
    assert f"{EVIL} Mayor's secret harbour deal" in titles  # ...and read back as text


def test_rss_filters(client: TestClient) -> None:
    def links(**params: Any) -> list[str]:
        items = _items(_rss(client, **params))
        return [(i.findtext("link") or "").rsplit("/", 1)[-1] for i in items]

    assert links(blindspot="left") == ["s3"]
    assert links(blindspot="right") == ["s4"]
    assert links(q="oil sheen") == ["s2"]
    assert links(outlet="plainwire") == ["s1", "s4", "s2"]
    assert links(outlet="plainwire", q="strike") == ["s4"]
    assert "Blindspot: the left barely covered it" in (
        _items(_rss(client, blindspot="left"))[0].findtext("description") or ""
    )
    assert client.get("/rss.xml", params={"blindspot": "up"}).status_code == 422


def test_rss_links_follow_the_request_base_url(db_path: Path) -> None:
    with TestClient(create_app(db_path), base_url="https://news.example:8443") as test_client:
        items = _items(_rss(test_client))
    assert items[0].findtext("link") == "https://news.example:8443/stories/s1"


def test_pages_announce_their_feeds(client: TestClient) -> None:
    home = client.get("/").text
    assert '<link rel="alternate" type="application/rss+xml"' in home and 'href="/rss.xml"' in home
    outlet = client.get("/outlets/plainwire").text
    assert 'href="/rss.xml?outlet=plainwire"' in outlet
    search = client.get("/search", params={"q": "oil & sheen"}).text
    assert 'href="/rss.xml?q=oil+%26+sheen"' in search
    assert 'href="/feeds"' in home and 'href="/rss.xml"' in home


# -- feed status -------------------------------------------------------------------------------


@pytest.fixture
def feeds_client(tmp_path: Path) -> Iterator[TestClient]:
    path = tmp_path / "feeds.db"
    then = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
    with Store(path) as store:
        for url in (
            "https://ok.example/rss",
            "https://down.example/rss",
            "https://gone.example/rss",
            "https://new.example/rss",
        ):
            store.add_feed(url, title=url.split("/")[2])
        store.update_feed(
            "https://ok.example/rss",
            last_polled=then,
            last_new_entry=then,
            next_due=then + timedelta(minutes=30),
        )
        store.update_feed(
            "https://down.example/rss",
            last_polled=then,
            consecutive_errors=3,
            last_error=f"server error 503 {EVIL}",
            next_due=then + timedelta(hours=2),
        )
        store.update_feed(
            "https://gone.example/rss",
            last_polled=then,
            consecutive_errors=5,
            last_error="dead: gone (410) 5 times in a row",
            dead=True,
        )
    with TestClient(create_app(path)) as test_client:
        yield test_client


def test_api_feeds_reports_each_feed(feeds_client: TestClient) -> None:
    items = feeds_client.get("/api/feeds").json()["items"]
    by_url = {f["url"]: f for f in items}
    assert set(items[0]) >= {
        "id",
        "url",
        "title",
        "last_fetch",
        "last_new_entry",
        "next_due",
        "consecutive_errors",
        "last_error",
        "dead",
    }
    ok = by_url["https://ok.example/rss"]
    assert ok["health"] == "healthy" and ok["last_error"] is None and ok["dead"] is False
    assert datetime.fromisoformat(ok["last_fetch"]) == datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
    assert datetime.fromisoformat(ok["next_due"]) == datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
    down = by_url["https://down.example/rss"]
    assert down["health"] == "failing" and down["consecutive_errors"] == 3
    gone = by_url["https://gone.example/rss"]
    assert gone["health"] == "dead" and gone["dead"] is True
    new = by_url["https://new.example/rss"]
    assert new["health"] == "new" and new["last_fetch"] is None


def test_feeds_page_lists_health_and_errors_in_words(feeds_client: TestClient) -> None:
    page = feeds_client.get("/feeds")
    assert page.status_code == 200
    html = page.text
    for label in ("Healthy", "Failing", "Dead", "Not polled yet"):
        assert label in html
    assert "Last error: server error 503" in html
    assert "dead: gone (410) 5 times in a row" in html
    assert EVIL not in html and "&lt;script&gt;" in html


def test_feeds_page_without_feeds_says_how_to_add_them(tmp_path: Path) -> None:
    with TestClient(create_app(tmp_path / "empty.db")) as test_client:
        assert "newsprism feeds add" in test_client.get("/feeds").text
        assert test_client.get("/api/feeds").json() == {"items": []}


# -- API reference ---------------------------------------------------------------------------


def test_api_docs_page_lists_every_route_and_loads_nothing_from_elsewhere(
    client: TestClient,
) -> None:
    spec = client.get("/api/openapi.json").json()
    for path in ("/api/stories.csv", "/api/feeds", "/rss.xml"):
        assert path in spec["paths"], path
    page = client.get("/api/docs")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    html = page.text
    routes = [(m.upper(), p) for p, item in spec["paths"].items() for m in item]
    assert len(routes) >= 14
    for method, path in routes:
        assert f"{method}</span> {path}</code>" in html, (method, path)
    for name in ("since", "until", "outlet", "lean", "entity", "cursor", "article_ids"):
        assert f"<code>{name}</code>" in html, name
    assert "MoveRequest" in html and "Validation Error" in html
    assert "<script" not in html
    external = re.findall(r'(?:src|href)\s*=\s*["\']?\s*(?:https?:)?//', html, re.I)
    assert external == []
    assert "'self'" in page.headers["content-security-policy"]


def test_api_docs_text_is_escaped(tmp_path: Path) -> None:
    from newsprism.web import apidocs

    spec = {
        "openapi": "3.1.0",
        "info": {"title": EVIL, "version": "1"},
        "paths": {
            "/x": {
                "get": {
                    "summary": EVIL,
                    "parameters": [
                        {
                            "name": "q",
                            "in": "query",
                            "schema": {"type": "string", "maxLength": 5},
                            "description": EVIL,
                        }
                    ],
                    "responses": {"200": {"description": EVIL}},
                }
            }
        },
    }
    ops = apidocs.operations(spec)
    assert ops[0].summary == EVIL and ops[0].parameters[0].constraints == "length at most 5"
    assert ops[0].anchor == "GET-x"
    app = create_app(tmp_path / "docs.db")
    app.openapi = lambda: spec  # type: ignore[method-assign]
    with TestClient(app) as test_client:
        html = test_client.get("/api/docs").text
    assert EVIL not in html and html.count("&lt;script&gt;") >= 3


# -- the command line ---------------------------------------------------------------------------


def test_stories_csv_command_matches_the_api(db_path: Path, client: TestClient) -> None:
    from typer.testing import CliRunner

    from newsprism.cli import app

    result = CliRunner().invoke(app, ["stories", "--db", str(db_path), "--csv"])
    assert result.exit_code == 0, result.output
    rows = _csv(result.stdout)
    assert rows == _csv(client.get("/api/stories.csv").text)
    both = CliRunner().invoke(app, ["stories", "--db", str(db_path), "--csv", "--json"])
    assert both.exit_code == 2


def test_stories_command_takes_the_api_filters(db_path: Path) -> None:
    from typer.testing import CliRunner

    from newsprism.cli import app

    def ids(*args: str) -> list[str]:
        result = CliRunner().invoke(app, ["stories", "--db", str(db_path), "--csv", *args])
        assert result.exit_code == 0, result.output
        return [r["id"] for r in _csv(result.stdout)]

    assert ids("--lean", "right") == ["s1", "s3"]
    assert ids("--outlet", "plainwire", "-q", "strike") == ["s4"]
    assert ids("--since", (NOW - timedelta(hours=40)).isoformat()) == ["s1", "s3"]
    day_of_s2 = (NOW - timedelta(hours=165)).date().isoformat()
    assert "s2" in ids("--until", day_of_s2)
    for bad in (["--lean", "up"], ["--since", "yesterday"]):
        result = CliRunner().invoke(app, ["stories", "--db", str(db_path), *bad])
        assert result.exit_code == 2


def test_story_csv_command_lists_its_articles(db_path: Path) -> None:
    from typer.testing import CliRunner

    from newsprism.cli import app

    result = CliRunner().invoke(app, ["story", "s1", "--db", str(db_path), "--csv"])
    assert result.exit_code == 0, result.output
    rows = _csv(result.stdout)
    assert list(rows[0]) == list(export.ARTICLE_COLUMNS)
    by_id = {r["id"]: r for r in rows}
    assert set(by_id) == {"a1", "a2", "a3", "a4", "a5", "a6", "m1"}
    assert by_id["a3"]["outlet"] == "northgate-herald" and by_id["a3"]["lean"] == "left"
    assert by_id["a5"]["lean"] == "lean-right" and by_id["a2"]["lean"] == ""
    assert by_id["a2"]["duplicate_of"] == "a1" and by_id["a1"]["duplicate_of"] == ""
    assert by_id["a1"]["url"] == "https://plainwire/news/a1"
    assert datetime.fromisoformat(by_id["a1"]["published"]) == NOW - timedelta(hours=30)
    missing = CliRunner().invoke(app, ["story", "s404", "--db", str(db_path), "--csv"])
    assert missing.exit_code == 1
