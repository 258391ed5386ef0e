"""`newsprism db copy` and `newsprism db migrate` against a real PostgreSQL server."""

from __future__ import annotations

import gzip
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, select, text
from typer.testing import CliRunner

from factories import T0
from newsprism.cli import app
from newsprism.models import Article, Entity, Quote, RawDocument, Span
from newsprism.store import Store
from newsprism.store.copy import COPIED_TABLES, copy_database, table_key
from newsprism.store.db import raw_sha256


def fresh_postgres_database(server_url: str, name: str) -> str:
    engine = create_engine(server_url, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(f"DROP DATABASE IF EXISTS {name}"))
        conn.execute(text(f"CREATE DATABASE {name}"))
    engine.dispose()
    return server_url.rsplit("/", 1)[0] + f"/{name}"


def fill(store: Store, articles: int = 7) -> None:
    """Raw bytes (not UTF-8), articles in two stories, quotes, entities, a feed, a merge."""
    raws = [
        RawDocument(
            source=f"in/{i}.html",
            content=b"\xff\xfe<p>" + bytes([i]) * 50,
            kind="html",
            url=f"https://example.org/{i}",
            fetched_at=T0,
        )
        for i in range(articles)
    ]
    with store.begin() as conn:
        ids = store.add_raws(conn, [(raw, raw_sha256(raw)) for raw in raws])
        rows = [
            (
                Article(
                    id=f"a{i}",
                    title=f"Title {i}",
                    text=f"Text number {i}. " * 20,
                    url=raw.url,
                    outlet="example",
                    published=T0 + timedelta(hours=i),
                    story_id=f"s{i % 2}",
                    simhash=(1 << 63) + i,
                ),
                ids[raw_sha256(raw)],
            )
            for i, raw in enumerate(raws)
        ]
        store.add_articles(conn, rows)
        for article, _ in rows:
            store.save_enrichment(
                conn,
                article.id,
                embedding=None,
                quotes=[
                    Quote(
                        speaker="Ann Lee",
                        speaker_span=None,
                        cue="said",
                        cue_span=None,
                        content="We will build it",
                        content_span=Span(3, 19),
                        direct=True,
                    )
                ],
                entities=[
                    ("ann lee", Entity("Ann Lee", "PERSON", 2)),
                    ("oslo", Entity("Oslo", "GPE")),
                ],
            )
        store.ensure_stories(conn, ["s0", "s1", "s2"], {})
        store.record_merge(conn, "s2", "s0")
    store.add_feed("https://example.org/feed.xml", "Example")
    store.add_separation("s0", "s1")
    store.add_correction("a1", "s1", "move")


def dump(store: Store) -> dict[str, list[dict[str, Any]]]:
    """Every copied table's rows in key order, datetimes compared as instants."""
    out = {}
    with store.engine.connect() as conn:
        for table in COPIED_TABLES:
            rows = conn.execute(select(table).order_by(*table_key(table))).mappings()
            out[table.name] = [
                {
                    k: v.replace(tzinfo=None) - (v.utcoffset() or timedelta(0))
                    if hasattr(v, "utcoffset")
                    else v
                    for k, v in r.items()
                }
                for r in rows
            ]
    return out


@pytest.fixture
def source(tmp_path: Path) -> Path:
    path = tmp_path / "source.db"
    with Store(path) as store:
        fill(store)
    return path


def test_copy_moves_every_row_with_its_id(source: Path, postgres_url: str) -> None:
    target = fresh_postgres_database(postgres_url, "copy_whole")
    result = CliRunner().invoke(app, ["db", "copy", str(source), target])
    assert result.exit_code == 0, result.output
    with Store(source) as origin, Store(target) as copy:
        assert dump(copy) == dump(origin)
        assert copy.raw_document(1) == origin.raw_document(1)
        assert copy.search("number")  # the full-text index covers the copied rows
        with copy.begin() as conn:  # sequences moved past the copied ids
            raw = RawDocument(source="new", content=b"new", kind="html")
            assert copy.add_raws(conn, [(raw, "f" * 64)]) == {"f" * 64: 8}


def test_interrupted_copy_resumes_without_duplicates(source: Path, postgres_url: str) -> None:
    target = fresh_postgres_database(postgres_url, "copy_resumed")
    chunks = []

    def stop_after_three_chunks(table: str, rows: int) -> None:
        chunks.append(table)
        if len(chunks) == 3:
            raise KeyboardInterrupt

    with Store(source) as origin, Store(target) as copy:
        with pytest.raises(KeyboardInterrupt):
            copy_database(origin, copy, chunk_rows=2, on_rows=stop_after_three_chunks)
        assert 0 < sum(len(rows) for rows in dump(copy).values()) < 20
    result = CliRunner().invoke(app, ["db", "copy", str(source), target, "--chunk-rows", "3"])
    assert result.exit_code == 0, result.output
    with Store(source) as origin, Store(target) as copy:
        assert dump(copy) == dump(origin)
        with copy.begin() as conn:
            stored = conn.execute(text("SELECT content_gz FROM raw_documents WHERE id = 3"))
            assert gzip.decompress(stored.scalar_one()).startswith(b"\xff\xfe")


def test_copy_refuses_a_target_holding_another_database(
    source: Path, tmp_path: Path, postgres_url: str
) -> None:
    target = fresh_postgres_database(postgres_url, "copy_other")
    with Store(target) as other:
        fill(other, articles=2)
    result = CliRunner().invoke(app, ["db", "copy", str(source), target])
    assert result.exit_code == 1
    assert "already holds a different database" in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_copy_names_a_missing_source(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["db", "copy", str(tmp_path / "nope.db"), "x.db"])
    assert result.exit_code == 1
    assert "nope.db: no such database file" in result.output


def test_migrate_creates_then_upgrades(tmp_path: Path) -> None:
    db = str(tmp_path / "old.db")
    created = CliRunner().invoke(app, ["db", "migrate", "--db", db])
    assert created.exit_code == 0 and "created at schema version 3" in created.output
    with Store(db) as store, store.begin() as conn:  # make it a version-1 database
        for column in (
            "last_new_entry",
            "next_due",
            "interval_seconds",
            "consecutive_errors",
            "gone_count",
            "dead",
        ):
            conn.execute(text(f"ALTER TABLE feeds DROP COLUMN {column}"))
        conn.execute(text("UPDATE meta SET value = '1' WHERE key = 'schema_version'"))
    upgraded = CliRunner().invoke(app, ["db", "migrate", "--db", db])
    assert "migrated from schema version 1 to 3" in upgraded.output
    again = CliRunner().invoke(app, ["db", "migrate", "--db", db])
    assert "already at schema version 3" in again.output
    with Store(db) as store:
        assert store.add_feed("https://example.org/feed.xml")
        assert store.feeds()[0]["dead"] is False
