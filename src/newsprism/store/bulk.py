"""Bulk writes for loading an archive at once (the scale benchmark, backfills).

The pipeline writes a story at a time and looks things up as it goes; an archive
loaded whole already knows its ids, so these insert many rows per statement inside the
caller's transaction and look nothing up.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import insert
from sqlalchemy.engine import Connection

from newsprism.models import Entity, Quote
from newsprism.store import schema as s
from newsprism.store.db import StoryRow, quote_row
from newsprism.text import to_utc


def add_entities(conn: Connection, entities: Sequence[tuple[int, str, Entity]]) -> None:
    """Insert entities with the ids given: (id, key, entity)."""
    if entities:
        conn.execute(
            insert(s.entities),
            [{"id": i, "key": key, "label": e.label, "name": e.name} for i, key, e in entities],
        )


def add_quotes(conn: Connection, quotes: Sequence[tuple[str, Quote]]) -> None:
    """Insert quotes: (article id, quote)."""
    if quotes:
        conn.execute(insert(s.quotes), [quote_row(article_id, q) for article_id, q in quotes])


def add_entity_links(conn: Connection, links: Sequence[tuple[str, int, int]]) -> None:
    """Link articles to entities: (article id, entity id, mentions)."""
    if links:
        conn.execute(
            insert(s.article_entities),
            [{"article_id": a, "entity_id": e, "mentions": m} for a, e, m in links],
        )


def add_stories(conn: Connection, stories: Sequence[StoryRow]) -> None:
    """Insert analysed stories (not dirty) as they are."""
    now = datetime.now(UTC)
    if stories:
        conn.execute(insert(s.stories), [_story_values(story, now) for story in stories])


def add_storylines(conn: Connection, storylines: Sequence[tuple[str, str | None]]) -> None:
    """Insert storylines: (id, title)."""
    now = datetime.now(UTC)
    if storylines:
        conn.execute(
            insert(s.storylines),
            [{"id": i, "title": t, "created_at": now, "updated_at": now} for i, t in storylines],
        )


def _story_values(story: StoryRow, now: datetime) -> dict[str, Any]:
    def dump(value: object) -> str | None:
        return None if value is None else json.dumps(value, default=str)

    return {
        "id": story.id,
        "title": story.title,
        "storyline_id": story.storyline_id,
        "merged_into": story.merged_into,
        "article_count": story.article_count,
        "outlet_count": story.outlet_count,
        "first_published": to_utc(story.first_published) if story.first_published else None,
        "last_published": to_utc(story.last_published) if story.last_published else None,
        "summary": dump(story.summary),
        "coverage": dump(story.coverage),
        "claims": dump(story.claims),
        "blindspot": story.blindspot,
        "dirty": False,
        "created_at": now,
        "updated_at": now,
    }
