"""What every command shares: the `--db` and `--json` options, stderr, the progress bar."""

from __future__ import annotations

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
