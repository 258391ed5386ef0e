"""`newsprism ingest`, `newsprism poll` and `newsprism feeds`."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Annotated

import typer

from newsprism.cli.options import DbOption, JsonOption, err, progress_bar
from newsprism.ingest.sources import count_inputs


def register(app: typer.Typer) -> None:
    app.command("ingest")(ingest)
    app.command("poll")(poll)
    app.command("feeds")(feeds)


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
) -> None:
    """Add articles to the database and print a summary (added, duplicates, failed)."""
    from newsprism.extract.outlet import OutletResolver
    from newsprism.pipeline import ingest_inputs
    from newsprism.store import Store

    resolver = OutletResolver.default(extra=outlets)
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
        )
    _print_report(report.as_dict(), json_out)
    if report.failed and not report.added and not report.duplicates:
        raise typer.Exit(1)


def _print_report(report: dict[str, object], json_out: bool) -> None:
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


def poll(
    db: DbOption = None,
    once: Annotated[bool, typer.Option("--once", help="Poll every feed once and exit.")] = False,
    interval: Annotated[int, typer.Option(help="Seconds between rounds.")] = 900,
    allow_private: Annotated[bool, typer.Option("--allow-private")] = False,
    json_out: JsonOption = False,
) -> None:
    """Poll the configured feeds (conditional GET), ingest new entries, cluster them."""
    from newsprism.pipeline.poll import poll_feeds
    from newsprism.store import Store

    with Store(db) as store:
        while True:
            with progress_bar() as progress:
                report = poll_feeds(store, allow_private=allow_private, progress=progress)
            _print_report(report.as_dict(), json_out)
            if once:
                return
            time.sleep(interval)


def feeds(
    add: Annotated[
        list[str] | None, typer.Option("--add", help="Feed URL to add (repeatable).")
    ] = None,
    defaults: Annotated[
        bool, typer.Option("--defaults", help="Add the bundled default feed list.")
    ] = False,
    db: DbOption = None,
    json_out: JsonOption = False,
) -> None:
    """List the configured feeds, or add some."""
    from newsprism.ingest.poller import default_feed_urls
    from newsprism.store import Store

    with Store(db) as store:
        for url in add or []:
            store.add_feed(url)
        if defaults:
            for url in default_feed_urls():
                store.add_feed(url)
        for feed in store.feeds():
            if json_out:
                typer.echo(json.dumps(feed, default=str))
            else:
                status = feed["last_error"] or (
                    f"polled {feed['last_polled']:%Y-%m-%d %H:%M}" if feed["last_polled"] else "new"
                )
                typer.echo(f"{feed['url']}\t{status}")
