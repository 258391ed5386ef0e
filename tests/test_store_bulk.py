"""The bulk writers and the queries that keep pages fast on a large archive."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import inspect, text

from factories import T0
from newsprism.models import Article, Entity, Quote, Span
from newsprism.store import Store, StoryRow, bulk, db


def story_row(number: int, storyline: str | None, days: int) -> StoryRow:
    return StoryRow(
        id=f"s{number}",
        title=f"Story {number}",
        storyline_id=storyline,
        article_count=1,
        outlet_count=1,
        first_published=T0 + timedelta(days=days),
        last_published=T0 + timedelta(days=days),
        summary={"title": "t", "bullets": []},
        coverage=None,
        claims=[],
        blindspot=None,
        merged_into=None,
    )


def load(store: Store) -> None:
    lines = ["l1", "l2", "l3", None]
    with store.begin() as conn:
        bulk.add_storylines(conn, [(line, f"Line {line}") for line in lines if line])
        bulk.add_stories(conn, [story_row(n, lines[n % 4], days=n * 7 % 30) for n in range(12)])
        store.add_articles(
            conn,
            [
                (
                    Article(
                        id=f"a{n}",
                        title="Ann Lee speaks",
                        text='Ann said "yes" today.',
                        story_id=f"s{n}",
                        published=T0,
                    ),
                    None,
                )
                for n in range(12)
            ],
            enriched=True,
        )
        bulk.add_entities(conn, [(1, "ann lee", Entity("Ann Lee", "PERSON"))])
        bulk.add_entity_links(conn, [(f"a{n}", 1, 2) for n in range(12)])
        bulk.add_quotes(
            conn,
            [
                (
                    "a0",
                    Quote(
                        speaker="Ann Lee",
                        speaker_span=None,
                        cue="said",
                        cue_span=None,
                        content="yes",
                        content_span=Span(10, 13),
                        direct=True,
                    ),
                )
            ],
        )


def test_bulk_loaded_archive_reads_back(any_store: Store) -> None:
    load(any_store)
    assert any_store.story("s5") == story_row(5, "l2", days=5)
    assert any_store.story_entities("s3")[0]["mentions"] == 2
    assert any_store.quotes(["a0"])["a0"][0]["content"] == "yes"
    assert any_store.articles(unenriched=True) == []
    assert any_store.search("speaks")


def test_latest_storylines_are_those_of_the_full_list(any_store: Store) -> None:
    load(any_store)
    everything = any_store.storylines()
    assert [line["id"] for line in everything] == ["l1", "l3", "l2"]
    assert any_store.storylines(limit=2) == everything[:2]
    assert any_store.storylines(limit=10) == everything


def test_overview_counts_what_the_home_page_shows(any_store: Store) -> None:
    load(any_store)
    assert any_store.overview() == {"articles": 12, "stories": 12, "storylines": 3}


def test_sqlite_search_ranks_the_newest_matches_of_a_common_word(
    sqlite_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(db, "RANKED_MATCHES", 3)
    with sqlite_store.begin() as conn:
        sqlite_store.add_articles(
            conn,
            [
                (
                    Article(id=f"a{n}", title=f"Harbour {'rare' if n < 2 else ''}", text="harbour"),
                    None,
                )
                for n in range(8)
            ],
        )
    assert sorted(a.id for a in sqlite_store.search("harbour")) == ["a5", "a6", "a7"]
    assert sorted(a.id for a in sqlite_store.search("rare")) == ["a0", "a1"]


def test_version_2_database_gains_the_page_indexes(any_store: Store) -> None:
    load(any_store)
    with any_store.begin() as conn:  # back to what version 2 had
        for index in (
            "ix_stories_order",
            "ix_stories_storyline",
            "ix_stories_live",
            "ix_articles_outlet_published",
        ):
            conn.execute(text(f"DROP INDEX {index}"))
        conn.execute(text("CREATE INDEX ix_articles_outlet ON articles (outlet)"))
        if not any_store.is_sqlite:
            conn.execute(text("ALTER TABLE articles DROP COLUMN search"))
            conn.execute(
                text(
                    "CREATE INDEX ix_articles_fts ON articles USING gin "
                    "(to_tsvector('simple', title || ' ' || text))"
                )
            )
        conn.execute(text("UPDATE meta SET value = '2' WHERE key = 'schema_version'"))
    with Store(any_store.url) as store:
        assert store.migrated_from == 2
        assert [a.id for a in store.search("speaks")]
        assert store.storylines(limit=1)[0]["id"] == "l1"
        names = {i["name"] for i in inspect(store.engine).get_indexes("stories")}
        assert {"ix_stories_order", "ix_stories_storyline", "ix_stories_live"} <= names
