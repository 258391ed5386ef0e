"""What every command shares: the `--db` and `--json` options, stderr, the progress bar."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

err = Console(stderr=True)

DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        help="Database file or PostgreSQL URL (default: $NEWSPRISM_DB, else the user data dir).",
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Machine-readable output.")]
FetchedAtOption = Annotated[
    str | None,
    typer.Option(
        "--fetched-at",
        help="When files were saved or copied (ISO 8601), to date pages that print"
        ' "22 hours ago" or "Nov 18"; URLs and MHTML files carry their own time.',
    ),
]


def fetched_time(value: str | None) -> datetime | None:
    """The --fetched-at time, in UTC when it names no zone."""
    if value is None:
        return None
    from newsprism.extract.dates import parse_iso_datetime

    found = parse_iso_datetime(value) if value.strip()[:1].isdigit() else None
    if found is None:
        message = f"{value!r} is not an ISO 8601 date or time"
        raise typer.BadParameter(message, param_hint="--fetched-at")
    return found if found.tzinfo else found.replace(tzinfo=UTC)


def progress_bar(*, transient: bool = False, disable: bool = False) -> Progress:
    """The Rich progress bar of long work, on stderr so that stdout stays data."""
    return Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=transient,
        disable=disable,
    )
