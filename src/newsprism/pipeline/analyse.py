"""Analyse: recompute what a story page says for every story marked dirty."""

from __future__ import annotations

from typing import Any

from newsprism.extract.outlet import OutletResolver
from newsprism.models import Article, Quote
from newsprism.store import Store
from newsprism.stories.affairs import affair_key, affair_links
from newsprism.stories.storylines import NamedStory, storyline_title


def analyse_dirty_stories(
    store: Store, resolver: OutletResolver, progress: Any | None = None
) -> int:
    """Recompute summary, coverage, claims and blindspot of every story marked dirty."""
    from newsprism.analysis.article_stance import STORED_KEY, stances_record
    from newsprism.analysis.report import story_coverage
    from newsprism.analysis.summary import summarize_story
    from newsprism.enrich.claims import ArticleQuotes, group_claims

    dirty = store.dirty_story_ids()
    task = progress.add_task("analysing stories", total=len(dirty)) if progress else None
    registry = resolver.registry

    def lean_of(article: Article) -> str | None:
        outlet = registry.get(article.outlet) if article.outlet else None
        return outlet.lean_side if outlet else None

    touched_lines: set[str] = set()
    for story_id in dirty:
        articles = store.articles(story_id=story_id)
        touched_lines.update(a.storyline_id for a in articles if a.storyline_id)
        originals = [a for a in articles if a.duplicate_of is None] or articles
        report = story_coverage(articles, registry)
        summary = summarize_story(story_id, originals, outlet_lean=lean_of)
        stored_quotes = store.quotes([a.id for a in originals])
        claims = group_claims(
            [
                ArticleQuotes(
                    a.id, a.outlet, [Quote.from_stored(q) for q in stored_quotes.get(a.id, [])]
                )
                for a in originals
            ]
        )
        stances = stances_record([c.to_json() for c in claims], originals, stored_quotes)
        dated = [a.published for a in articles if a.published is not None]
        coverage = report.coverage
        store.save_story_analysis(
            story_id,
            title=summary.title,
            article_count=len(articles),
            outlet_count=coverage.outlet_count,
            first_published=min(dated) if dated else None,
            last_published=max(dated) if dated else None,
            summary=summary.to_json(),
            coverage={**report.to_json(), STORED_KEY: stances},
            claims=[c.to_json() for c in claims],
            # The side that missed it; low-factuality-only ones are flagged in the coverage JSON
            # and shown apart, never promoted (see analysis/blindspots.py).
            blindspot=report.blindspot.missed_by if report.blindspot else None,
        )
        if progress is not None and task is not None:
            progress.advance(task)
    touched_lines |= _link_affairs(store, dirty)
    _title_storylines(store, touched_lines)
    return len(dirty)


def _link_affairs(store: Store, story_ids: list[str]) -> set[str]:
    """Join the stories just analysed to the storyline of their affair, however old
    (`stories.affairs`); the storylines changed."""
    keys = [k for row in store.contested_stories() if (k := affair_key(*row)) is not None]
    lines = {k.storyline_id for k in keys if k.storyline_id}
    age = {line: _number(line) for line in lines}
    links = affair_links(keys, story_ids, age)
    if not links:
        return set()
    next_line = store.highest_story_number()[1]
    changed: set[str] = set()
    with store.begin() as conn:
        for link in links:
            target = link.storyline_id
            if target is None:
                next_line += 1
                target = f"l{next_line}"
                store.upsert_storyline(conn, target, None)
            for story_id in link.story_ids:
                store.set_story_storyline(conn, story_id, target)
            changed.add(target)
    return changed


def _number(storyline_id: str) -> int:
    digits = storyline_id[1:]
    return int(digits) if digits.isdigit() else 0


def _title_storylines(store: Store, storyline_ids: set[str]) -> None:
    """Name each storyline (see `stories.storylines.storyline_title`)."""
    for line_id in sorted(storyline_ids):
        stories = store.stories(storyline_id=line_id, limit=1000)
        if not stories:
            continue
        named = [
            NamedStory(
                story.title,
                story.first_published,
                [(e["name"], e["label"]) for e in store.story_entities(story.id)],
                story.claims or [],
                story.article_count,
            )
            for story in stories
        ]
        with store.begin() as conn:
            store.upsert_storyline(conn, line_id, storyline_title(line_id, named))
