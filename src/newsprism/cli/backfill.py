"""`newsprism backfill`: extract and enrich an archive on Ray, then cluster and store it."""

from __future__ import annotations

import glob
from pathlib import Path
from typing import Annotated

import typer

from newsprism.cli.ingest import print_report
from newsprism.cli.options import DbOption, JsonOption, err, progress_bar


def register(app: typer.Typer) -> None:
    app.command("backfill")(backfill)


def expand_inputs(inputs: list[str]) -> list[str]:
    """Paths as given; a pattern that names no existing path expands (`**` recursive)."""
    expanded: list[str] = []
    for given in inputs:
        if Path(given).exists() or not glob.has_magic(given):
            expanded.append(given)
            continue
        matches = sorted(glob.glob(given, recursive=True))
        if not matches:
            raise typer.BadParameter(f"{given}: no file matches this pattern")
        expanded.extend(matches)
    return expanded


def backfill(
    inputs: Annotated[
        list[str], typer.Argument(help="Folders, files (JSONL, WARC, HTML, text) or globs.")
    ],
    address: Annotated[
        str | None,
        typer.Option("--address", help="Ray cluster to run on (ray://host:10001); default local."),
    ] = None,
    workers: Annotated[
        int | None,
        typer.Option("--workers", min=1, help="Ray actors (default: one per CPU of the cluster)."),
    ] = None,
    db: DbOption = None,
    outlets: Annotated[
        Path | None,
        typer.Option("--outlets", help="Extra outlet file (CSV or TOML) on top of the registry."),
    ] = None,
    json_out: JsonOption = False,
) -> None:
    """Backfill an archive: extraction and enrichment as a Ray Data job, then clustering.

    Rerun after an interruption: documents already stored are skipped."""
    try:
        import ray  # noqa: F401
    except ImportError:
        err.print("[red]error[/red] backfill needs Ray: pip install 'newsprism[ray]'")
        raise typer.Exit(1) from None
    from newsprism.extract.outlet import OutletResolver
    from newsprism.pipeline.backfill import backfill as run_backfill
    from newsprism.store import Store

    paths = expand_inputs(inputs)
    resolver = OutletResolver.default(extra=outlets)
    with Store(db) as store, progress_bar() as progress:
        task = progress.add_task("extracting and enriching", total=None)
        report = run_backfill(
            store,
            paths,
            resolver=resolver,
            address=address,
            workers=workers,
            on_total=lambda total: progress.update(task, total=total),
            on_documents=lambda done: progress.advance(task, done),
            progress=progress,
        )
    summary = report.as_dict()
    if not json_out:
        err.print(
            f"read {report.documents} documents, {report.already_stored} already stored",
            highlight=False,
        )
    print_report(summary, json_out)
    if report.ingest.failed and not report.ingest.added and not report.already_stored:
        raise typer.Exit(1)
