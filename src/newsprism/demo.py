"""`newsprism demo`: build a database from the bundled sample corpus and serve it."""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

err = Console(stderr=True)


def sample_dir() -> Path:
    """The bundled, entirely invented sample corpus (see sample/README.md)."""
    return Path(str(resources.files("newsprism") / "sample"))


def build_demo(db: str | Path, *, rebuild: bool = False) -> dict[str, int]:
    """Ingest, enrich, cluster and analyse the sample corpus into `db`; its stats."""
    from newsprism.extract.outlet import OutletResolver
    from newsprism.ingest.commands import progress_bar
    from newsprism.ingest.sources import count_inputs
    from newsprism.pipeline import ingest_inputs
    from newsprism.store import Store

    path = Path(db)
    if rebuild and path.exists():
        for suffix in ("", "-wal", "-shm"):
            Path(str(path) + suffix).unlink(missing_ok=True)
    resolver = OutletResolver.default(extra=sample_dir() / "outlets.csv")
    articles = str(sample_dir() / "articles")
    with Store(path) as store, progress_bar() as progress:
        task = progress.add_task("reading the sample corpus", total=count_inputs([articles]))
        report = ingest_inputs(
            store,
            [articles],
            resolver=resolver,
            fetch_feed_pages=False,  # the sample's feed links are invented; use feed content
            on_document=lambda: progress.advance(task),
            progress=progress,
        )
        for failure in report.failed:
            err.print(f"[red]error[/red] {failure}", highlight=False)
        return store.stats()


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
    stats = build_demo(db, rebuild=rebuild)
    err.print(
        f"demo database {db}: {stats['articles']} articles, {stats['stories']} stories, "
        f"{stats['storylines']} storylines, {stats['quotes']} quotes, {stats['entities']} entities"
    )
    if serve:
        from newsprism.web.commands import run_server

        err.print(f"serving on http://{host}:{port}/  (Ctrl+C to stop)")
        run_server(db=db, host=host, port=port)


def register(app: typer.Typer) -> None:
    app.command("demo")(demo)
