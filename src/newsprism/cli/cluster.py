"""`newsprism cluster`: group the articles of interchange JSONL files into stories."""

from __future__ import annotations

import json
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import Progress
from rich.table import Table

from newsprism.cli.options import err, progress_bar
from newsprism.text import parse_iso_datetime


@dataclass
class ReadResult:
    records: list[dict[str, Any]]
    errors: list[str]


def read_articles(paths: list[Path]) -> ReadResult:
    """Interchange records from JSONL files; a bad line becomes an error, not a stop."""
    records: list[dict[str, Any]] = []
    errors: list[str] = []
    seen: set[str] = set()
    for path in paths:
        try:
            handle = path.open(encoding="utf-8", errors="replace")
        except OSError as exc:
            errors.append(f"{path}: cannot read ({exc.strerror or exc})")
            continue
        with handle:
            for number, line in enumerate(handle, start=1):
                if not line.strip():
                    continue
                record, problem = _record(line, f"{path.name}:{number}")
                if problem:
                    errors.append(f"{path}:{number}: {problem}")
                    continue
                assert record is not None
                if record["id"] in seen:
                    errors.append(f"{path}:{number}: duplicate id {record['id']!r}, skipped")
                    continue
                seen.add(record["id"])
                records.append(record)
    return ReadResult(records, errors)


def _record(line: str, fallback_id: str) -> tuple[dict[str, Any] | None, str | None]:
    try:
        data = json.loads(line)
    except json.JSONDecodeError as exc:
        return None, f"invalid JSON ({exc.msg} at column {exc.colno})"
    if not isinstance(data, dict):
        return None, "not a JSON object"
    text = data.get("text")
    if not isinstance(text, str):
        return None, 'no "text" field'
    published = data.get("published") or data.get("date")
    when = parse_iso_datetime(published) if isinstance(published, str) else None
    record = {
        "id": str(data["id"]) if data.get("id") not in (None, "") else fallback_id,
        "url": data.get("url") if isinstance(data.get("url"), str) else None,
        "outlet": data.get("outlet"),
        "title": data.get("title") if isinstance(data.get("title"), str) else "",
        "text": text,
        "published": when,
        "language": _language(data, text),
    }
    return record, None


def _language(data: dict[str, Any], text: str) -> str | None:
    """The record's `language` (or `lang`); else detected, from bodies only (a headline
    alone is too short to tell, and a wrong guess would move it off the English route)."""
    given = data.get("language") or data.get("lang")
    if isinstance(given, str) and given.strip():
        return given.strip()
    if not text.strip():
        return None
    from newsprism.extract.language import detect_language

    title = data.get("title") if isinstance(data.get("title"), str) else ""
    return detect_language(f"{title}. {text}")


def cluster_records(
    records: list[dict[str, Any]], progress: Progress | None = None
) -> list[dict[str, str | None]]:
    """Cluster records as one stream in publication order; one result per record, in input order."""
    from newsprism.enrich.embeddings import article_embedding_text, embed_texts
    from newsprism.stories.online import OnlineClusterer, publication_order

    texts = [article_embedding_text(r) for r in records]
    embed_task = progress.add_task("embedding", total=len(texts)) if progress else None
    vectors = []
    for start in range(0, len(texts), 256):
        vectors.append(embed_texts(texts[start : start + 256]))
        if progress is not None and embed_task is not None:
            progress.advance(embed_task, len(texts[start : start + 256]))
    import numpy as np

    embeddings = np.vstack(vectors) if vectors else np.zeros((0, 384), np.float32)
    clusterer = OnlineClusterer()
    task = progress.add_task("clustering", total=len(records)) if progress else None
    for i in publication_order(records):
        clusterer.add(records[i], embeddings[i])
        if progress is not None and task is not None:
            progress.advance(task)
    clusterer.consolidate()
    results = []
    for record in records:
        assignment = clusterer.assignment(record["id"])
        results.append(
            {
                "id": record["id"],
                "story_id": assignment.story_id,
                "storyline_id": assignment.storyline_id,
            }
        )
    return results


def register(app: typer.Typer) -> None:
    @app.command("cluster")
    def cluster(
        files: Annotated[list[Path], typer.Argument(help="interchange JSONL files (one stream)")],
        as_json: Annotated[
            bool, typer.Option("--json", help="one JSON line per article on stdout")
        ] = False,
    ) -> None:
        """Group articles into stories and storylines, taking them in publication order.

        Stores nothing. Prints {"id", "story_id", "storyline_id"} per article, in input
        order, with the ids as they stand after the whole stream (merged stories resolved).
        A broken line is reported on stderr with its line number; the rest is processed.
        """
        read = read_articles(files)
        for error in read.errors:
            sys.stderr.write(error + "\n")
        if not read.records:
            err.print("no articles to cluster")
            raise typer.Exit(1 if read.errors else 0)
        with progress_bar(transient=True) as progress:
            results = cluster_records(read.records, progress)
        if as_json:
            for result in results:
                sys.stdout.write(json.dumps(result, ensure_ascii=False) + "\n")
        else:
            _print_table(read.records, results)


def _print_table(records: list[dict[str, Any]], results: list[dict[str, str | None]]) -> None:
    sizes = Counter(r["story_id"] for r in results)
    table = Table(title=f"{len(results)} articles in {len(sizes)} stories")
    table.add_column("story")
    table.add_column("storyline")
    table.add_column("article")
    table.add_column("title")
    order = sorted(
        range(len(results)),
        key=lambda i: (-sizes[results[i]["story_id"]], str(results[i]["story_id"])),
    )
    for i in order:
        table.add_row(
            str(results[i]["story_id"]),
            str(results[i]["storyline_id"] or ""),
            str(records[i]["id"]),
            str(records[i]["title"])[:80],
        )
    Console().print(table)
