"""The store on both backends: one schema, the same behaviour."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import pytest
from sqlalchemy import create_engine, text

from newsprism.models import Article, Entity, Quote, RawDocument, Span
from newsprism.store import Store
from newsprism.store import schema as s
from newsprism.store.db import database_url, default_db_path
from newsprism.store.migrations import SchemaTooNewError


def make_article(article_id: str, title: str, body: str, **fields: object) -> Article:
    return Article(
        id=article_id,
        title=title,
        text=body,
        published=datetime(2026, 3, 2, 9, 30, tzinfo=UTC),
        simhash=(1 << 63) + 12345,  # above the signed 64-bit range: must round-trip
        content_hash="h-" + article_id,
        **fields,  # type: ignore[arg-type]
    )


def add(store: Store, *articles: Article) -> None:
    with store.begin() as conn:
        rows = []
        for article in articles:
            raw = RawDocument(
                source=f"{article.id}.txt", content=article.text.encode(), kind="text"
            )
            rows.append((article, store.add_raw(conn, raw)))
        store.add_articles(conn, rows)


def test_articles_round_trip_and_search(any_store: Store) -> None:
    add(
        any_store,
        make_article(
            "a1", "Ferry strike enters second week", "Dock workers in Porto Vale walked out."
        ),
        make_article("a2", "Council approves budget", "The council approved the budget on Monday."),
    )
    article = any_store.article("a1")
    assert article is not None
    assert article.simhash == (1 << 63) + 12345
    assert article.published == datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
    assert [a.id for a in any_store.search("dock workers")] == ["a1"]
    assert [a.id for a in any_store.search("budget")] == ["a2"]
    assert any_store.search("   ") == []
    assert any_store.stats()["articles"] == 2


def test_search_gives_the_newest_matches_first_then_older_and_undated(
    any_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    from newsprism.store import db

    monkeypatch.setattr(db, "RECENT_ARTICLES", 2)  # PostgreSQL: few recent, look further
    dated = [
        make_article(f"d{day}", f"Harbour report {day}", f"Dredging at berth {day}.")
        for day in range(1, 7)
    ]
    for day, article in enumerate(dated, start=1):
        article.published = datetime(2026, 3, day, tzinfo=UTC)
    others = [make_article(f"o{i}", "Budget", f"The council met {i} times.") for i in range(4)]
    undated = make_article("u1", "Harbour note", "Dredging again.")
    undated.published = None
    add(any_store, *dated, *others, undated)
    found = [a.id for a in any_store.search("dredging", limit=10)]
    if any_store.is_sqlite:  # FTS5 ranks the newest matches by relevance
        assert sorted(found) == ["d1", "d2", "d3", "d4", "d5", "d6", "u1"]
    else:
        assert found == ["d6", "d5", "d4", "d3", "d2", "d1", "u1"]
        assert [a.id for a in any_store.search("dredging", limit=3)] == ["d6", "d5", "d4"]


def test_raw_document_kept_compressed(any_store: Store) -> None:
    raw = RawDocument(source="x.html", content=b"<p>original bytes</p>" * 100, kind="html")
    with any_store.begin() as conn:
        raw_id = any_store.add_raw(conn, raw)
    again = any_store.raw_document(raw_id)
    assert again is not None and again.content == raw.content


def test_stories_merges_and_redirects(any_store: Store) -> None:
    add(any_store, make_article("a1", "One", "x"), make_article("a2", "Two", "y"))
    with any_store.begin() as conn:
        any_store.set_assignments(conn, [("a1", "s1", None), ("a2", "s2", None)])
        any_store.ensure_stories(conn, ["s1", "s2"], {})
        any_store.record_merge(conn, "s2", "s1")
    assert any_store.resolve_story_id("s2") == "s1"
    assert sorted(a.id for a in any_store.articles(story_id="s1")) == ["a1", "a2"]
    any_store.save_story_analysis(
        "s1",
        title="One",
        article_count=2,
        outlet_count=2,
        first_published=None,
        last_published=None,
        summary={"title": "One", "bullets": []},
        coverage={},
        claims=[],
        blindspot=None,
    )
    story = any_store.story("s2")
    assert story is not None and story.id == "s1" and story.article_count == 2
    assert [st.id for st in any_store.stories()] == ["s1"]
    assert any_store.dirty_story_ids() == []


def test_enrichment_entities_keep_fullest_name(any_store: Store) -> None:
    add(any_store, make_article("a1", "T", "Maria Okafor said"), make_article("a2", "U", "Okafor"))
    quote = Quote(
        speaker="Maria Okafor",
        speaker_span=Span(0, 12),
        cue="said",
        cue_span=Span(13, 17),
        content="no",
        content_span=Span(18, 20),
        direct=False,
        stance="denies",
    )
    with any_store.begin() as conn:
        any_store.save_enrichment(
            conn,
            "a2",
            embedding=None,
            quotes=[],
            entities=[("okafor", Entity(name="Okafor", label="PERSON"))],
        )
        any_store.save_enrichment(
            conn,
            "a1",
            embedding=np.ones(4, dtype=np.float32),
            quotes=[quote],
            entities=[("okafor", Entity(name="Maria Okafor", label="PERSON", mentions=2))],
        )
        any_store.set_assignments(conn, [("a1", "s1", None), ("a2", "s1", None)])
    (entity,) = any_store.story_entities("s1")
    assert entity["name"] == "Maria Okafor" and entity["mentions"] == 3
    detail = any_store.entity(entity["id"])
    assert detail is not None and detail["stories"] == {"s1": 2}
    assert any_store.quotes(["a1"])["a1"][0]["stance"] == "denies"
    assert any_store.embeddings(["a1", "a2"])["a1"].tolist() == [1.0] * 4


def test_corrections_and_feeds(any_store: Store) -> None:
    any_store.add_correction("a1", "s9", "move")
    any_store.add_correction("a1", "s7", "move")
    assert any_store.corrections() == {"a1": "s7"}
    assert any_store.add_feed("https://news.example/rss") is True
    assert any_store.add_feed("https://news.example/rss") is False
    assert [f["url"] for f in any_store.feeds()] == ["https://news.example/rss"]


def test_sqlite_is_wal_with_fts(tmp_path: Path) -> None:
    store = Store(tmp_path / "w.db")
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        names = {r[0] for r in conn.exec_driver_sql("SELECT name FROM sqlite_master")}
    assert "articles_fts" in names
    store.close()


def test_newer_schema_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "future.db"
    Store(path).close()
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as conn:
        conn.execute(
            text("UPDATE meta SET value = :v WHERE key = 'schema_version'"),
            {"v": str(s.SCHEMA_VERSION + 1)},
        )
    engine.dispose()
    with pytest.raises(SchemaTooNewError, match="newer than this newsprism"):
        Store(path)


def test_db_location(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("NEWSPRISM_DB", str(tmp_path / "env.db"))
    assert default_db_path() == tmp_path / "env.db"
    assert database_url("postgresql://u@h/db") == "postgresql+psycopg://u@h/db"
    monkeypatch.delenv("NEWSPRISM_DB")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert default_db_path() == tmp_path / "xdg" / "newsprism" / "newsprism.db"


def test_version_1_database_gains_the_feed_schedule(any_store: Store) -> None:
    """A database from before feed schedules (version 1) is migrated, its feeds kept."""
    any_store.add_feed("https://feeds.example/a.xml", "A")
    added = (
        "last_new_entry",
        "next_due",
        "interval_seconds",
        "consecutive_errors",
        "gone_count",
        "dead",
    )
    with any_store.begin() as conn:
        for column in added:
            conn.execute(text(f"ALTER TABLE feeds DROP COLUMN {column}"))
        conn.execute(text("UPDATE meta SET value = '1' WHERE key = 'schema_version'"))
    url = any_store.url
    any_store.close()
    with Store(url) as store:
        (feed,) = store.feeds()
        assert feed["url"] == "https://feeds.example/a.xml" and feed["title"] == "A"
        assert feed["consecutive_errors"] == 0 and not feed["dead"] and feed["next_due"] is None
        store.update_feed(feed["url"], consecutive_errors=2, dead=True)
        assert store.feeds()[0]["consecutive_errors"] == 2


def test_a_new_feed_is_not_dead(any_store: Store) -> None:
    any_store.add_feed("https://feeds.example/rss")
    feed = any_store.feeds()[0]
    assert feed["dead"] is False and feed["consecutive_errors"] == 0
