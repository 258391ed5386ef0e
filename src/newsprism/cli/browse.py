"""Commands that read and correct the database: stories, storylines, search, corrections."""

from __future__ import annotations

import json
import sys
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console

from newsprism.analysis.report import StoredCoverage
from newsprism.cli.options import DbOption, JsonOption
from newsprism.store import Store, StoryFilter, StoryRow, date_bound

if TYPE_CHECKING:
    from newsprism.analysis.article_stance import WhoSaidWhat

out = Console(highlight=False)
err = Console(stderr=True, highlight=False)

CsvOption = Annotated[
    bool, typer.Option("--csv", help="One CSV row per story, after a header row.")
]


def _one_format(json_out: bool, csv_out: bool) -> None:
    if json_out and csv_out:
        err.print("error: choose --json or --csv, not both")
        raise typer.Exit(2)


def register(app: typer.Typer) -> None:
    app.command("stories")(stories)
    app.command("story")(story)
    app.command("storylines")(storylines)
    app.command("search")(search)
    app.command("stats")(stats)
    app.command("move")(move)
    app.command("split")(split)


def story_json(row: StoryRow) -> dict[str, Any]:
    coverage = StoredCoverage.from_json(row.coverage)
    return {
        "id": row.id,
        "title": row.title,
        "article_count": row.article_count,
        "outlet_count": row.outlet_count,
        "storyline_id": row.storyline_id,
        "first_published": row.first_published.isoformat() if row.first_published else None,
        "last_published": row.last_published.isoformat() if row.last_published else None,
        "blindspot": row.blindspot,
        "bias": coverage.bias if coverage else None,
        "unrated_outlets": coverage.unrated_outlet_count if coverage else None,
    }


def _story_filter(
    since: str | None,
    until: str | None,
    outlet: str | None,
    lean: str | None,
    query: str | None,
) -> StoryFilter:
    if lean is not None and lean not in ("left", "center", "right"):
        err.print(f"error: --lean takes left, center or right, not {lean!r}")
        raise typer.Exit(2)
    try:
        start, end = date_bound(since), date_bound(until, end_of_day=True)
    except ValueError as exc:
        err.print(f"error: {exc}")
        raise typer.Exit(2) from exc
    return StoryFilter(since=start, until=end, outlet=outlet, side=lean, query=query or None)


def stories(
    db: DbOption = None,
    limit: Annotated[int, typer.Option(help="How many stories.")] = 50,
    blindspot: Annotated[str | None, typer.Option(help="Only left or right blindspots.")] = None,
    since: Annotated[
        str | None, typer.Option(help="Last published on or after (ISO date or datetime).")
    ] = None,
    until: Annotated[
        str | None, typer.Option(help="Last published on or before (ISO date or datetime).")
    ] = None,
    outlet: Annotated[str | None, typer.Option(help="With an article from this outlet id.")] = None,
    lean: Annotated[
        str | None, typer.Option(help="Covered by an outlet of this side: left, center, right.")
    ] = None,
    query: Annotated[
        str | None, typer.Option("--query", "-q", help="With an article that has these words.")
    ] = None,
    json_out: JsonOption = False,
    csv_out: CsvOption = False,
) -> None:
    """List stories, newest first."""
    _one_format(json_out, csv_out)
    where = _story_filter(since, until, outlet, lean, query)
    with Store(db) as store:
        rows = store.stories(limit=limit, blindspot=blindspot, where=where)
        if csv_out:
            from newsprism.web import export, views

            sys.stdout.write(export.stories_csv(views.story_cards(store, rows)))
            return
    for row in rows:
        if json_out:
            typer.echo(json.dumps(story_json(row)))
        else:
            when = f"{row.last_published:%Y-%m-%d}" if row.last_published else "undated"
            out.print(
                f"{row.id:>6}  {when}  {row.article_count:>3} articles "
                f"{row.outlet_count:>3} outlets  {row.title or '(untitled)'}"
            )


def story(
    story_id: Annotated[str, typer.Argument(help="Story id (merged ids redirect).")],
    db: DbOption = None,
    markdown: Annotated[bool, typer.Option("--markdown", help="Print as Markdown.")] = False,
    json_out: JsonOption = False,
    csv_out: Annotated[
        bool, typer.Option("--csv", help="Its articles as CSV, one row each.")
    ] = False,
) -> None:
    """Show one story: summary with citations, coverage, claims, articles."""
    _one_format(json_out, csv_out)
    with Store(db) as store:
        row = store.story(story_id)
        if row is None:
            err.print(f"error: no story {story_id!r}")
            raise typer.Exit(1)
        articles = store.articles(story_id=row.id)
        outlets = store.outlets([a.outlet for a in articles if a.outlet])
        if csv_out:
            from newsprism.web import export, views

            views_by_id = views.outlet_views(store, [a.outlet for a in articles])
            sys.stdout.write(export.articles_csv(articles, views_by_id))
            return
        quotes = store.quotes([a.id for a in articles])
    from newsprism.analysis.article_stance import who_said_what

    # stances as stored at analysis; computed here for a story analysed before
    said = who_said_what(row.claims or [], articles, quotes, coverage=row.coverage)
    if json_out:
        record = {
            **story_json(row),
            "summary": row.summary,
            "coverage": row.coverage,
            "claims": said.claims,
            "speakers": [s.to_json() for s in said.speakers],
            "main_claim": said.main_claim,
            "articles": [
                {
                    "id": a.id,
                    "title": a.title,
                    "outlet": a.outlet,
                    "url": a.url,
                    "published": a.published.isoformat() if a.published else None,
                    "duplicate_of": a.duplicate_of,
                    "stance": said.stances.get(a.id),
                }
                for a in articles
            ],
        }
        typer.echo(json.dumps(record, default=str))
        return
    text = story_markdown(row, articles, outlets, said)
    if markdown:
        typer.echo(text)
    else:
        from rich.markdown import Markdown

        out.print(Markdown(text))


def story_markdown(
    row: StoryRow,
    articles: list[Any],
    outlets: dict[str, dict[str, Any]],
    said: WhoSaidWhat,
) -> str:
    """The story as Markdown; `said` (`who_said_what`) gives the unified speakers, the
    relabelled claims, the main claim and each article's stance, as the story page."""
    names = {a.id: outlets.get(a.outlet or "", {}).get("name") or a.outlet or "?" for a in articles}
    lines = [f"# {row.title or '(untitled)'}", ""]
    coverage = StoredCoverage.from_json(row.coverage)
    lines.append(f"{row.article_count} articles from {row.outlet_count} outlets.")
    bias = coverage.bias if coverage else {}
    if coverage and bias:
        shares = ", ".join(f"{k} {v}%" for k, v in bias.items())
        unrated = coverage.unrated_outlet_count
        lines.append(f"Bias of rated outlets: {shares} ({unrated} unrated).")
    if row.blindspot:
        lines.append(f"Blindspot for the {row.blindspot}: that side's outlets barely covered it.")
    lines += ["", "## Summary", ""]
    for bullet in (row.summary or {}).get("bullets", []):
        cites = ", ".join(f"[{names.get(c, c)}]({c})" for c in bullet["citations"])
        lines.append(f"- {bullet['text']} ({cites})")
    if said.claims or said.speakers:
        lines += ["", "## Who said what", ""]
        if said.main_claim:
            lines += [f"Main claim: \u201c{said.main_claim}\u201d", ""]
        if said.speakers:
            lines += ["### Speakers", ""]
            lines += [f"- {s.label()} \u00b7 {s.summary()}" for s in said.speakers]
            lines += ["", "### Statements", ""] if said.claims else []
        for claim in said.claims:
            speakers = ", ".join(claim["speakers"]) or "unnamed"
            lines.append(
                f"- **{claim.get('stance')}**: {speakers}: \u201c{claim.get('content')}\u201d"
            )
    lines += ["", "## Articles", ""]
    for a in articles:
        copy = f" (copy of {a.duplicate_of})" if a.duplicate_of else ""
        when = f"{a.published:%Y-%m-%d %H:%M}" if a.published else "undated"
        stance = f" \u2014 {said.stances[a.id]}" if a.id in said.stances else ""
        lines.append(f"- {when} {names[a.id]}: [{a.title}]({a.url or a.id}){copy}{stance}")
    return "\n".join(lines)


def storylines(db: DbOption = None, json_out: JsonOption = False) -> None:
    """List storylines: long-running affairs and their stories."""
    with Store(db) as store:
        rows = store.storylines()
    for row in rows:
        if json_out:
            typer.echo(json.dumps(row, default=str))
        else:
            out.print(f"{row['id']:>6}  {row['story_count']:>3} stories  {row['title'] or ''}")


def search(
    query: Annotated[str, typer.Argument(help="Words to find in titles and texts.")],
    db: DbOption = None,
    limit: int = 20,
    json_out: JsonOption = False,
) -> None:
    """Full-text search over articles."""
    with Store(db) as store:
        found = store.search(query, limit=limit)
    for a in found:
        if json_out:
            typer.echo(
                json.dumps(
                    {
                        "id": a.id,
                        "title": a.title,
                        "outlet": a.outlet,
                        "story_id": a.story_id,
                        "url": a.url,
                    }
                )
            )
        else:
            out.print(f"{a.story_id or '-':>6}  {a.outlet or '?'}: {a.title}")


def stats(db: DbOption = None, json_out: JsonOption = False) -> None:
    """Counts of what the database holds."""
    with Store(db) as store:
        counts = store.stats()
    typer.echo(
        json.dumps(counts) if json_out else "\n".join(f"{k}: {v}" for k, v in counts.items())
    )


def move(
    article_id: Annotated[str, typer.Argument(help="Article to move.")],
    story_id: Annotated[str, typer.Argument(help="Story to move it to.")],
    db: DbOption = None,
) -> None:
    """Move an article to another story; later clustering keeps the correction."""
    from newsprism.pipeline.corrections import CorrectionError, move_article

    with Store(db) as store:
        try:
            move_article(store, article_id, story_id)
        except CorrectionError as exc:
            err.print(f"error: {exc}")
            raise typer.Exit(1) from exc
    err.print(f"moved {article_id} to {story_id}")


def split(
    article_ids: Annotated[list[str], typer.Argument(help="Articles to split off together.")],
    db: DbOption = None,
) -> None:
    """Split articles off into a new story of their own; prints its id."""
    from newsprism.pipeline.corrections import CorrectionError, split_articles

    with Store(db) as store:
        try:
            new_id = split_articles(store, article_ids)
        except CorrectionError as exc:
            err.print(f"error: {exc}")
            raise typer.Exit(1) from exc
    typer.echo(new_id)
