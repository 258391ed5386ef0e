"""`newsprism db migrate` and `newsprism db copy`: a database's schema and moving it."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from newsprism.cli.options import DbOption, err, progress_bar

db_app = typer.Typer(help="Database upkeep: bring the schema up to date, copy to PostgreSQL.")


def register(app: typer.Typer) -> None:
    app.add_typer(db_app, name="db")


@db_app.command("migrate")
def migrate(db: DbOption = None) -> None:
    """Bring a database's schema up to date (creates the database if it is new)."""
    from newsprism.store import Store
    from newsprism.store.schema import SCHEMA_VERSION

    with Store(db) as store:
        before, where = store.migrated_from, store.display_url
    if before == 0:
        err.print(f"{where}: created at schema version {SCHEMA_VERSION}", highlight=False)
    elif before == SCHEMA_VERSION:
        err.print(f"{where}: already at schema version {SCHEMA_VERSION}", highlight=False)
    else:
        err.print(
            f"{where}: migrated from schema version {before} to {SCHEMA_VERSION}", highlight=False
        )


@db_app.command("copy")
def copy(
    source: Annotated[Path, typer.Argument(help="The SQLite file to copy from.")],
    target: Annotated[str, typer.Argument(help="Where to: postgresql://user@host/dbname.")],
    chunk_rows: Annotated[
        int, typer.Option("--chunk-rows", min=1, help="Rows per committed chunk.")
    ] = 1000,
) -> None:
    """Copy every table of a database into another, ids and raw bytes included.

    Rerun after an interruption to continue where it stopped; nothing is copied twice."""
    from newsprism.store import Store
    from newsprism.store.copy import CopyTargetError, claim_target, copy_database, row_counts

    if not source.is_file():
        err.print(
            f"[red]error[/red] {source}: no such database file", highlight=False, soft_wrap=True
        )
        raise typer.Exit(1)
    with Store(source) as origin, Store(target) as destination:
        try:
            claim_target(origin, destination)
        except CopyTargetError as error:
            err.print(f"[red]error[/red] {error}", highlight=False, soft_wrap=True)
            raise typer.Exit(1) from None
        totals, present = row_counts(origin), row_counts(destination)
        with progress_bar() as progress:
            task = progress.add_task(
                "copying",
                total=sum(totals.values()),
                completed=min(sum(present.values()), sum(totals.values())),
            )

            def advance(table: str, rows: int) -> None:
                progress.update(task, advance=rows, description=f"copying {table}")

            copied = copy_database(origin, destination, chunk_rows=chunk_rows, on_rows=advance)
        where = destination.display_url
    err.print(
        f"copied {sum(copied.values())} rows to {where} ({sum(totals.values())} rows in {source})",
        highlight=False,
    )
