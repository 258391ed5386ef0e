"""Analyse: recompute what a story page says for every story marked dirty."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from newsprism.extract.outlet import OutletResolver
from newsprism.models import Article, Quote, Span, Summary
from newsprism.store import Store


def analyse_dirty_stories(
    store: Store, resolver: OutletResolver, progress: Any | None = None
) -> int:
    """Recompute summary, coverage, claims and blindspot of every story marked dirty."""
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
                    a.id, a.outlet, [quote_from_row(q) for q in stored_quotes.get(a.id, [])]
                )
                for a in originals
            ]
        )
        dated = [a.published for a in articles if a.published is not None]
        coverage = report.coverage
        store.save_story_analysis(
            story_id,
            title=summary.title,
            article_count=len(articles),
            outlet_count=coverage.outlet_count,
            first_published=min(dated) if dated else None,
            last_published=max(dated) if dated else None,
            summary=summary_json(summary),
            coverage=report.to_json(),
            claims=[claim_json(c) for c in claims],
            # The side that missed it; low-factuality-only ones are flagged in the coverage JSON
            # and shown apart, never promoted (see analysis/blindspots.py).
            blindspot=report.blindspot.missed_by if report.blindspot else None,
        )
        if progress is not None and task is not None:
            progress.advance(task)
    _title_storylines(store, touched_lines)
    return len(dirty)


def _title_storylines(store: Store, storyline_ids: set[str]) -> None:
    """A storyline is named by the names most of its stories share, else its first title."""
    from collections import Counter

    for line_id in sorted(storyline_ids):
        stories = store.stories(storyline_id=line_id, limit=1000)
        if not stories:
            continue
        names: Counter[str] = Counter()
        for story in stories:
            top = [
                e["name"]
                for e in store.story_entities(story.id)
                if e["label"] in ("PERSON", "ORG", "GPE", "LOC", "NORP")
                and _clean_title_name(e["name"])
            ][:8]
            names.update({n.casefold(): n for n in top}.values())
        shared = [n for n, c in names.most_common(3) if c >= max(2, len(stories) // 2)]
        first = min(stories, key=lambda st: st.first_published or datetime.max.replace(tzinfo=UTC))
        title = " · ".join(shared) if shared else (first.title or line_id)
        with store.begin() as conn:
            store.upsert_storyline(conn, line_id, title)


def _clean_title_name(name: str) -> bool:
    """Entity names fit for a storyline title: no NER debris ("BROOKFIELD (Wire")."""
    return (
        2 < len(name) <= 40
        and not any(c in name for c in '()[]"\n')
        and not (name.isupper() and len(name) > 5)
    )


def quote_from_row(row: dict[str, Any]) -> Quote:
    return Quote(
        speaker=row["speaker"],
        speaker_span=None,
        cue=row["cue"] or "",
        cue_span=None,
        content=row["content"],
        content_span=Span(row["content_start"], row["content_end"]),
        direct=bool(row["direct"]),
        stance=row["stance"],
        speaker_role=row["speaker_role"],
        speaker_org=row["speaker_org"],
        anonymous=bool(row["anonymous"]),
    )


def summary_json(summary: Summary) -> dict[str, Any]:
    return {
        "title": summary.title,
        "bullets": [
            {"text": b.text, "citations": b.citations, "source_article": b.source_article}
            for b in summary.bullets
        ],
    }


def claim_json(claim: Any) -> dict[str, Any]:
    return {
        "stance": claim.stance,
        "content": claim.content,
        "speakers": claim.speakers,
        "article_ids": claim.article_ids,
        "outlets": claim.outlets,
        "direct": claim.direct,
        "anonymous": claim.anonymous,
    }
