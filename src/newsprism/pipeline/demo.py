"""The bundled sample corpus, built into a database (`newsprism demo` serves it)."""

from __future__ import annotations

from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import Any

from newsprism.extract.outlet import OutletResolver
from newsprism.ingest.sources import IngestError, count_inputs
from newsprism.pipeline.ingest import ingest_inputs
from newsprism.store import Store


def sample_dir() -> Path:
    """The bundled, entirely invented sample corpus (see sample/README.md)."""
    return Path(str(resources.files("newsprism") / "sample"))


def build_demo(
    db: str | Path,
    *,
    rebuild: bool = False,
    progress: Any | None = None,
    on_error: Callable[[IngestError], None] | None = None,
) -> dict[str, int]:
    """Ingest, enrich, cluster and analyse the sample corpus into `db`; its stats.

    `progress` is a Rich progress bar to advance; `on_error` hears of each document
    that could not be read (the sample has none; a broken install might).
    """
    path = Path(db)
    if rebuild and path.exists():
        for suffix in ("", "-wal", "-shm"):
            Path(str(path) + suffix).unlink(missing_ok=True)
    resolver = OutletResolver.default(extra=sample_dir() / "outlets.csv")
    articles = str(sample_dir() / "articles")
    task = (
        progress.add_task("reading the sample corpus", total=count_inputs([articles]))
        if progress
        else None
    )
    with Store(path) as store:
        report = ingest_inputs(
            store,
            [articles],
            resolver=resolver,
            fetch_feed_pages=False,  # the sample's feed links are invented; use feed content
            on_document=(lambda: progress.advance(task)) if progress is not None else None,
            progress=progress,
        )
        for failure in report.failed:
            if on_error is not None:
                on_error(failure)
        return store.stats()
