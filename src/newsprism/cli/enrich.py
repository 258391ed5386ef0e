"""`newsprism quotes PATH ...`: quotes and attributions of each document.

For a `.txt` file the offsets index its exact characters (read as UTF-8 text with
newlines kept as they are); for other inputs they index the extracted article text.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import typer

from newsprism.enrich.quotes import find_quotes
from newsprism.models import Quote


def quote_record(quote: Quote) -> dict[str, Any]:
    """The JSON form of one quote (the `quotes` command's contract, plus extras)."""

    def span(value: Any) -> list[int] | None:
        return [value.start, value.end] if value is not None else None

    return {
        "speaker": quote.speaker,
        "speaker_span": span(quote.speaker_span),
        "cue": quote.cue,
        "cue_span": span(quote.cue_span),
        "content": quote.content,
        "content_span": span(quote.content_span),
        "direct": quote.direct,
        "stance": quote.stance,
        "speaker_role": quote.speaker_role,
        "speaker_org": quote.speaker_org,
        "anonymous": quote.anonymous,
    }


def _read_txt(path: Path) -> str:
    with path.open(encoding="utf-8", errors="replace", newline="") as handle:
        return handle.read()


def _texts_of(source: str) -> list[tuple[str, str]]:
    """(source label, text) for each document the input holds."""
    path = Path(source)
    if path.is_file() and path.suffix.lower() == ".txt":
        return [(source, _read_txt(path))]
    if path.is_dir():
        found: list[tuple[str, str]] = []
        for child in sorted(p for p in path.rglob("*") if p.is_file()):
            if not any(part.startswith(".") for part in child.relative_to(path).parts):
                found.extend(_texts_of(str(child)))
        return found
    return _extracted_texts(source)


def _extracted_texts(source: str) -> list[tuple[str, str]]:
    """Any other input goes through the ingest and extract stages."""
    from newsprism.extract import extract_document
    from newsprism.ingest.sources import IngestError, iter_documents

    texts = []
    for item in iter_documents([source]):
        if isinstance(item, IngestError):
            raise ValueError(item.message)
        article = extract_document(item)
        texts.append((article.source or item.source, article.text))
    return texts


def register(app: typer.Typer) -> None:
    @app.command("quotes")
    def quotes_command(
        paths: list[str] = typer.Argument(..., help="Files, folders or URLs."),
        json_output: bool = typer.Option(False, "--json", help="One JSON line per document."),
    ) -> None:
        """Direct quotes and attributions (speaker, cue, content, stance) per document."""
        from newsprism.enrich.nlp import parse

        failed = False
        for source in paths:
            try:
                documents = _texts_of(source)
            except Exception as exc:
                print(f"{source}: {exc}", file=sys.stderr)
                failed = True
                continue
            for label, text in documents:
                try:
                    quotes = find_quotes(text, parse(text))
                except Exception as exc:
                    print(f"{label}: {exc}", file=sys.stderr)
                    failed = True
                    continue
                if json_output:
                    record = {"source": label, "quotes": [quote_record(q) for q in quotes]}
                    print(json.dumps(record, ensure_ascii=False))
                else:
                    print(f"{label}: {len(quotes)} quotes")
                    for quote in quotes:
                        kind = "direct" if quote.direct else "indirect"
                        print(f"  [{quote.stance}] {quote.speaker} ({quote.cue}, {kind}): "
                              f"{quote.content[:120]}")
        if failed:
            raise typer.Exit(1)
