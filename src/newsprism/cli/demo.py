"""`newsprism demo`: build a database from the bundled sample corpus and serve it."""

from __future__ import annotations

from typing import Annotated

import typer

from newsprism.cli.options import err, progress_bar
from newsprism.pipeline.demo import build_demo


def demo(
    host: Annotated[str, typer.Option(help="Address to serve on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to serve on.")] = 8000,
    db: Annotated[str, typer.Option("--db", help="Database file for the demo.")] = "demo.db",
    rebuild: Annotated[
        bool, typer.Option("--rebuild", help="Start from an empty database.")
    ] = False,
    serve: Annotated[
        bool, typer.Option("--serve/--no-serve", help="Serve the web UI after building.")
    ] = True,
) -> None:
    """Build a database from the bundled sample corpus and serve the web UI."""
    with progress_bar() as progress:
        stats = build_demo(
            db,
            rebuild=rebuild,
            progress=progress,
            on_error=lambda failure: err.print(f"[red]error[/red] {failure}", highlight=False),
        )
    err.print(
        f"demo database {db}: {stats['articles']} articles, {stats['stories']} stories, "
        f"{stats['storylines']} storylines, {stats['quotes']} quotes, {stats['entities']} entities"
    )
    if serve:
        from newsprism.cli.serve import run_server

        err.print(f"serving on http://{host}:{port}/  (Ctrl+C to stop)")
        run_server(db=db, host=host, port=port)


def register(app: typer.Typer) -> None:
    app.command("demo")(demo)
