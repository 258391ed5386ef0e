"""`newsprism ingest`: add articles from files, folders, URLs, feeds and stdin."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from newsprism.cli.options import (
    DbOption,
    FetchedAtOption,
    JsonOption,
    err,
    fetched_time,
    progress_bar,
)
from newsprism.ingest.sources import count_inputs


def register(app: typer.Typer) -> None:
    app.command("ingest")(ingest)


def ingest(
    inputs: Annotated[
        list[str], typer.Argument(help="Files, folders, URLs, feeds, OPML, or - for stdin.")
    ],
    db: DbOption = None,
    allow_private: Annotated[
        bool, typer.Option("--allow-private", help="Allow fetching private and loopback addresses.")
    ] = False,
    no_fetch: Annotated[
        bool,
        typer.Option("--no-fetch", help="Use feed content instead of fetching each entry's page."),
    ] = False,
    no_enrich: Annotated[
        bool, typer.Option("--no-enrich", help="Store articles only; enrich and cluster later.")
    ] = False,
    outlets: Annotated[
        Path | None,
        typer.Option("--outlets", help="Extra outlet file (CSV or TOML) on top of the registry."),
    ] = None,
    json_out: JsonOption = False,
    fetched_at: FetchedAtOption = None,
) -> None:
    """Add articles to the database and print a summary (added, duplicates, failed)."""
    from newsprism.extract.outlet import OutletResolver
    from newsprism.pipeline import ingest_inputs
    from newsprism.store import Store

    resolver = OutletResolver.default(extra=outlets)
    saved_at = fetched_time(fetched_at)
    with Store(db) as store, progress_bar() as progress:
        task = progress.add_task("ingesting", total=count_inputs(inputs))
        report = ingest_inputs(
            store,
            inputs,
            resolver=resolver,
            allow_private=allow_private,
            fetch_feed_pages=not no_fetch,
            enrich=not no_enrich,
            on_document=lambda: progress.advance(task),
            progress=progress,
            fetched_at=saved_at,
        )
    print_report(report.as_dict(), json_out)
    if report.failed and not report.added and not report.duplicates:
        raise typer.Exit(1)


def print_report(report: dict[str, object], json_out: bool) -> None:
    failed = report["failed"]
    assert isinstance(failed, list)
    if json_out:
        typer.echo(json.dumps(report))
        return
    for failure in failed:
        err.print(f"[red]error[/red] {failure['source']}: {failure['error']}", highlight=False)
    err.print(
        f"added {report['added']} (syndicated copies {report['syndicated']}), "
        f"duplicates {report['duplicates']}, failed {len(failed)}, "
        f"new feeds {report['feeds']}, stories updated {report['stories_updated']}"
    )
