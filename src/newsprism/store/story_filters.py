"""Which stories a list shows and where a page of it starts: filters and keyset cursors.

`StoryFilter` says which stories (by date, outlet, side, entity, words); `StoryCursor`
is the sort key of the last story of a page, so that the next page starts right after
it even when newer stories arrived in between (an offset would shift). Lists are
ordered by last publication (newest first, undated last), then by article count, then
by id; both backends order the same way.
"""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import ColumnElement, and_, false, or_, select, text

from newsprism.outlets.scales import LEAN_VALUE, lean_side
from newsprism.store import schema as s
from newsprism.text import parse_iso_datetime, to_utc

# "left" -> every lean key on that side of the 7-point scale
SIDE_LEANS: dict[str, tuple[str, ...]] = {
    side: tuple(key for key, value in LEAN_VALUE.items() if lean_side(value) == side)
    for side in ("left", "center", "right")
}


@dataclass(frozen=True)
class StoryFilter:
    """Stories to keep; every field left None keeps all.

    `since`/`until` bound the last publication (both inclusive); `outlet`: an article
    from that outlet; `side`: an original article (not a syndicated copy) from an outlet
    of that side (left, center, right); `entity_id`: an article that mentions it;
    `query`: an article whose title or text has every word."""

    since: datetime | None = None
    until: datetime | None = None
    outlet: str | None = None
    side: str | None = None
    entity_id: int | None = None
    query: str | None = None


@dataclass(frozen=True)
class StoryCursor:
    """The sort key of the last story of a page; opaque to API clients."""

    last_published: datetime | None
    article_count: int
    story_id: str

    def encode(self) -> str:
        stamp = to_utc(self.last_published).isoformat() if self.last_published else None
        raw = json.dumps([stamp, self.article_count, self.story_id], separators=(",", ":"))
        return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")

    @classmethod
    def decode(cls, token: str) -> StoryCursor:
        """The cursor `encode` made; ValueError for anything else."""
        try:
            raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
            stamp, count, story_id = json.loads(raw)
        except (binascii.Error, UnicodeDecodeError, ValueError, TypeError) as exc:
            raise ValueError("not a cursor of this server") from exc
        moment = parse_iso_datetime(stamp) if isinstance(stamp, str) else None
        if (
            (stamp is not None and moment is None)
            or not isinstance(story_id, str)
            or (isinstance(count, bool) or not isinstance(count, int))
        ):
            raise ValueError("not a cursor of this server")
        return cls(to_utc(moment) if moment else None, count, story_id)


def date_bound(value: str | None, *, end_of_day: bool = False) -> datetime | None:
    """A `since`/`until` bound from an ISO date or datetime (naive: UTC); None when empty.

    A bare date stands for the whole day: its first instant, or with `end_of_day` its
    last. ValueError when the text is neither."""
    text = (value or "").strip()
    if not text:
        return None
    if len(text) == 10:
        try:
            start = datetime.combine(date.fromisoformat(text), time(0, 0), tzinfo=UTC)
        except ValueError:
            pass
        else:
            return start + timedelta(days=1, microseconds=-1) if end_of_day else start
    moment = parse_iso_datetime(text)
    if moment is None:
        raise ValueError(f"not an ISO 8601 date or datetime: {value!r}")
    return to_utc(moment)


def search_words(query: str) -> list[str]:
    """The words of a search: letters and digits, everything else a separator."""
    return "".join(c if c.isalnum() else " " for c in query).split()


def text_match(words: list[str], is_sqlite: bool) -> ColumnElement[bool]:
    """Articles whose title or text has every word (FTS5 on SQLite, tsvector otherwise)."""
    if not words:
        return false()
    if is_sqlite:
        match = " ".join(f'"{w}"' for w in words)
        fts = text("SELECT rowid FROM articles_fts WHERE articles_fts MATCH :fts_q")
        return s.articles.c.pk.in_(fts.bindparams(fts_q=match))
    # `articles.search`: the stored tsvector PostgreSQL keeps (migrations.py)
    return text("articles.search @@ plainto_tsquery('simple', :ts_q)").bindparams(
        ts_q=" ".join(words)
    )  # type: ignore[return-value]


def _with_article(condition: ColumnElement[bool], *joins: Any) -> ColumnElement[bool]:
    """Stories with at least one article meeting `condition`."""
    query = select(s.articles.c.story_id).where(s.articles.c.story_id.is_not(None))
    for table, on in joins:
        query = query.join(table, on)
    return s.stories.c.id.in_(query.where(condition))


def filter_conditions(wanted: StoryFilter, is_sqlite: bool) -> list[ColumnElement[bool]]:
    """WHERE conditions on `stories` for a filter."""
    last = s.stories.c.last_published
    conditions: list[ColumnElement[bool]] = []
    if wanted.since is not None:
        conditions.append(last >= to_utc(wanted.since))
    if wanted.until is not None:
        conditions.append(last <= to_utc(wanted.until))
    if wanted.outlet is not None:
        conditions.append(_with_article(s.articles.c.outlet == wanted.outlet))
    if wanted.side is not None:
        conditions.append(
            _with_article(
                and_(
                    s.outlets.c.lean.in_(SIDE_LEANS.get(wanted.side, ())),
                    s.articles.c.duplicate_of.is_(None),
                ),
                (s.outlets, s.outlets.c.id == s.articles.c.outlet),
            )
        )
    if wanted.entity_id is not None:
        conditions.append(
            _with_article(
                s.article_entities.c.entity_id == wanted.entity_id,
                (s.article_entities, s.article_entities.c.article_id == s.articles.c.id),
            )
        )
    if wanted.query is not None:
        conditions.append(_with_article(text_match(search_words(wanted.query), is_sqlite)))
    return conditions


def story_order() -> list[Any]:
    return [
        s.stories.c.last_published.desc().nulls_last(),
        s.stories.c.article_count.desc(),
        s.stories.c.id,
    ]


def after_cursor(cursor: StoryCursor) -> ColumnElement[bool]:
    """Stories that sort after the cursor's story in `story_order`."""
    last, count, sid = s.stories.c.last_published, s.stories.c.article_count, s.stories.c.id
    tie = or_(
        count < cursor.article_count,
        and_(count == cursor.article_count, sid > cursor.story_id),
    )
    if cursor.last_published is None:
        return and_(last.is_(None), tie)
    moment = to_utc(cursor.last_published)
    return or_(last < moment, last.is_(None), and_(last == moment, tie))
