"""The bundled sample corpus, built into a database (`newsprism demo` serves it)."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from rich.console import Console

err = Console(stderr=True)


def sample_dir() -> Path:
    """The bundled, entirely invented sample corpus (see sample/README.md)."""
    return Path(str(resources.files("newsprism") / "sample"))


def build_demo(db: str | Path, *, rebuild: bool = False) -> dict[str, int]:
    """Ingest, enrich, cluster and analyse the sample corpus into `db`; its stats."""
    from newsprism.cli.options import progress_bar
    from newsprism.extract.outlet import OutletResolver
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
