"""Story filters and keyset cursors, the same on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from newsprism.models import Article, Entity, RawDocument
from newsprism.store import Store, StoryCursor, StoryFilter, date_bound, story_cursor

T0 = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)

# story id -> (hours before T0 of its last article, [(article id, outlet, title, copy of)])
STORIES: dict[str, tuple[float | None, list[tuple[str, str, str, str | None]]]] = {
    "s1": (
        1,
        [
            ("a1", "left-paper", "Ferry strike enters second week", None),
            ("a2", "centre-wire", "Ferry workers strike again", None),
        ],
    ),
    "s2": (
        5,
        [
            ("b1", "right-daily", "Budget vote delayed", None),
            ("b2", "left-paper", "Budget vote delayed", "b1"),
        ],
    ),  # a copy: not the left's
    "s3": (5, [("c1", "centre-wire", "Harbour fire contained", None)]),
    "s4": (30, [("d1", "right-daily", "Mayor opens ferry terminal", None)]),
    "s5": (None, [("e1", "unrated-blog", "An undated ferry note", None)]),
}
LEANS = {"left-paper": "lean-left", "centre-wire": "center", "right-daily": "far-right"}


def _fill(store: Store) -> int:
    """The stories above; returns the id of the entity mentioned in s1 and s4."""
    with store.begin() as conn:
        rows = []
        for story_id, (hours, members) in STORIES.items():
            when = None if hours is None else T0 - timedelta(hours=hours)
            for article_id, outlet, title, copy in members:
                article = Article(
                    id=article_id,
                    title=title,
                    text=f"{title}. More.",
                    outlet=outlet,
                    published=when,
                    duplicate_of=copy,
                    story_id=story_id,
                )
                raw = RawDocument(source=article_id, content=article_id.encode(), kind="text")
                rows.append((article, store.add_raw(conn, raw)))
        store.add_articles(conn, rows)
        records = [{"id": o, "name": o, "lean": lean} for o, lean in LEANS.items()]
        store.upsert_outlets(conn, records)
        store.ensure_stories(conn, list(STORIES), {})
        ferry = Entity("Porto Vale Ferries", "ORG", 1)
        for article_id in ("a1", "d1"):
            store.save_enrichment(
                conn,
                article_id,
                embedding=None,
                quotes=[],
                entities=[("ORG:porto vale ferries", ferry)],
            )
    for story_id, (hours, members) in STORIES.items():
        when = None if hours is None else T0 - timedelta(hours=hours)
        store.save_story_analysis(
            story_id,
            title=members[0][2],
            article_count=len(members),
            outlet_count=len({m[1] for m in members}),
            first_published=when,
            last_published=when,
            summary={},
            coverage={},
            claims=[],
            blindspot=None,
        )
    entity = store.story_entities("s1")[0]
    return int(entity["id"])


def _ids(store: Store, **kwargs: object) -> list[str]:
    return [row.id for row in store.stories(**kwargs)]  # type: ignore[arg-type]


def test_order_is_latest_first_then_larger_then_id_and_undated_last(any_store: Store) -> None:
    _fill(any_store)
    assert _ids(any_store) == ["s1", "s2", "s3", "s4", "s5"]


def test_filters(any_store: Store) -> None:
    entity_id = _fill(any_store)

    def ids(**fields: object) -> list[str]:
        return _ids(any_store, where=StoryFilter(**fields))  # type: ignore[arg-type]

    assert ids(since=T0 - timedelta(hours=5)) == ["s1", "s2", "s3"]
    assert ids(until=T0 - timedelta(hours=5)) == ["s2", "s3", "s4"]
    assert ids(since=T0 - timedelta(hours=6), until=T0 - timedelta(hours=2)) == ["s2", "s3"]
    # a naive bound is UTC
    assert ids(since=(T0 - timedelta(hours=2)).replace(tzinfo=None)) == ["s1"]
    assert ids(outlet="left-paper") == ["s1", "s2"]  # copies count as the outlet's articles
    assert ids(side="left") == ["s1"]  # ...but not as its side's coverage
    assert ids(side="center") == ["s1", "s3"]
    assert ids(side="right") == ["s2", "s4"]
    assert ids(entity_id=entity_id) == ["s1", "s4"]
    assert ids(query="ferry") == ["s1", "s4", "s5"]
    assert ids(query="ferry strike") == ["s1"]
    assert ids(query="ferry", side="right") == ["s4"]
    assert ids(query="  --  ") == []
    assert ids(outlet="nobody") == []


def test_cursor_pages_stay_stable_while_stories_arrive(any_store: Store) -> None:
    _fill(any_store)
    first = any_store.stories(limit=2)
    assert [r.id for r in first] == ["s1", "s2"]
    cursor = StoryCursor.decode(story_cursor(first[-1]).encode())
    # a newer story arrives: an offset would now repeat s2; the cursor does not
    with any_store.begin() as conn:
        raw = RawDocument(source="n1", content=b"x", kind="text")
        article = Article(id="n1", title="Breaking", text="Breaking.", story_id="s6", published=T0)
        any_store.add_articles(conn, [(article, any_store.add_raw(conn, raw))])
        any_store.ensure_stories(conn, ["s6"], {})
    any_store.save_story_analysis(
        "s6",
        title="Breaking",
        article_count=1,
        outlet_count=1,
        first_published=T0,
        last_published=T0,
        summary={},
        coverage={},
        claims=[],
        blindspot=None,
    )
    second = any_store.stories(limit=2, after=cursor)
    assert [r.id for r in second] == ["s3", "s4"]
    third = any_store.stories(limit=2, after=story_cursor(second[-1]))
    assert [r.id for r in third] == ["s5"]
    assert any_store.stories(limit=2, after=story_cursor(third[-1])) == []


@pytest.mark.parametrize("token", ["", "nonsense", "W10", "WyJ4IiwxLCJzMSJd", "WzEsMSwxXQ"])
def test_foreign_cursors_are_refused(token: str) -> None:
    with pytest.raises(ValueError):
        StoryCursor.decode(token)


def test_date_bounds() -> None:
    assert date_bound("2026-03-02") == datetime(2026, 3, 2, tzinfo=UTC)
    assert date_bound("2026-03-02", end_of_day=True) == datetime(
        2026, 3, 2, 23, 59, 59, 999999, tzinfo=UTC
    )
    assert date_bound("2026-03-02T10:00:00+02:00") == datetime(2026, 3, 2, 8, tzinfo=UTC)
    assert date_bound("2026-03-02T10:00Z") == datetime(2026, 3, 2, 10, tzinfo=UTC)
    assert date_bound("2026-03-02T10:00") == datetime(2026, 3, 2, 10, tzinfo=UTC)
    assert date_bound("") is None and date_bound(None) is None
    for bad in ("2026-13-02", "yesterday", "2026-03-02T25:00"):
        with pytest.raises(ValueError):
            date_bound(bad)
