"""`newsprism extract PATH|URL ...`: each document -> one Article JSON line; stores nothing."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from newsprism.cli.options import FetchedAtOption, err, fetched_time, progress_bar


def register(app: typer.Typer) -> None:
    app.command("extract")(extract)


def extract(
    inputs: Annotated[
        list[str],
        typer.Argument(
            help="Files, folders (HTML, MHTML, Safari .webarchive, text captures, Markdown,"
            " JSONL, WARC, .gz), URLs, or -."
        ),
    ],
    json_out: Annotated[
        bool, typer.Option("--json", help="One Article JSON line per document (the default).")
    ] = False,
    allow_private: Annotated[
        bool, typer.Option("--allow-private", help="Allow fetching private and loopback addresses.")
    ] = False,
    outlets: Annotated[
        Path | None,
        typer.Option("--outlets", help="Extra outlet file (CSV or TOML) on top of the registry."),
    ] = None,
    fetched_at: FetchedAtOption = None,
) -> None:
    """Extract each document's article (title, text, date, authors, outlet, URL, language).

    Prints one JSON line per document with `"source"` (the input path or URL). A
    document that cannot be read or holds no article gives one line on stderr and the
    batch goes on; the exit code is 1 when nothing at all was extracted.
    """
    from newsprism.extract import ExtractionError, extract_document
    from newsprism.extract.outlet import OutletResolver
    from newsprism.ingest.sources import IngestError, count_inputs, iter_documents

    resolver = OutletResolver.default(extra=outlets)
    saved_at = fetched_time(fetched_at)

    del json_out  # the output is JSON lines either way; the flag is the CLI-wide convention
    extracted = failed = 0
    with progress_bar(transient=True, disable=not err.is_terminal) as progress:
        task = progress.add_task("extracting", total=count_inputs(inputs))
        for item in iter_documents(inputs, allow_private=allow_private, fetched_at=saved_at):
            progress.advance(task)
            if isinstance(item, IngestError):
                failed += 1
                err.print(f"error {item.source}: {item.message}", markup=False, highlight=False)
                continue
            try:
                article = extract_document(item)
            except ExtractionError as exc:
                failed += 1
                err.print(f"error {item.source}: {exc}", markup=False, highlight=False)
                continue
            except Exception as exc:  # a bug on one page must not stop the batch
                failed += 1
                err.print(
                    f"error {item.source}: extraction failed ({type(exc).__name__}: {exc})",
                    markup=False,
                    highlight=False,
                )
                continue
            extracted += 1
            seen_name = article.outlet or article.site_name
            article.outlet = resolver.resolve(article, item)
            record = article.to_json()
            record["original_outlet"] = resolver.original(article, item)  # wire copies
            # the registry's id when the outlet is known, else the name seen (unrated)
            record["outlet_rated"] = resolver.registry.get(article.outlet or "") is not None
            record["outlet_name_seen"] = seen_name
            record["source"] = item.source
            record["content_hash"] = article.content_hash
            record["simhash"] = f"{article.simhash:016x}" if article.simhash is not None else None
            typer.echo(json.dumps(record, ensure_ascii=False))
    if extracted == 0 and failed:
        raise typer.Exit(1)
