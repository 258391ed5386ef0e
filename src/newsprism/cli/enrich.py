"""`newsprism quotes PATH ...`: quotes and attributions of each document;
`newsprism stance FILE.jsonl`: stance of each text towards its claim.

For a `.txt` file the offsets index its exact characters (read as UTF-8 text with
newlines kept as they are); for other inputs they index the extracted article text.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
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
    register_stance(app)

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
                        print(
                            f"  [{quote.stance}] {quote.speaker} ({quote.cue}, {kind}): "
                            f"{quote.content[:120]}"
                        )
        if failed:
            raise typer.Exit(1)


def stance_line(line: str) -> dict[str, Any]:
    """One `{"id", "claim", "text"}` line -> `{"id", "stance"}` (ValueError when malformed)."""
    from newsprism.enrich.stance import predict_stance

    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise ValueError(f"not JSON ({exc.msg})") from None
    if not isinstance(record, dict):
        raise ValueError("not a JSON object")
    for key in ("claim", "text"):
        if not isinstance(record.get(key), str):
            raise ValueError(f'"{key}" missing or not a string')
    return {"id": record.get("id"), "stance": predict_stance(record["claim"], record["text"])}


def _lines(path: str) -> Iterator[str]:
    if path == "-":
        yield from sys.stdin
        return
    with open(path, encoding="utf-8", errors="replace") as handle:
        yield from handle


def register_stance(app: typer.Typer) -> None:
    @app.command("stance")
    def stance_command(
        path: str = typer.Argument(..., help='JSONL file of {"id", "claim", "text"}; - for stdin.'),
        json_output: bool = typer.Option(False, "--json", help="One JSON line per input line."),
    ) -> None:
        """Stance of each text towards its claim: agree, disagree, discuss or unrelated.

        A bad line is reported on stderr as FILE:LINE: reason and skipped (as `summarize`
        does); the exit code is 0 unless the file cannot be read.
        """
        if path != "-" and not Path(path).is_file():
            print(f"{path}: no such file", file=sys.stderr)
            raise typer.Exit(2)
        for number, line in enumerate(_lines(path), 1):
            if not line.strip():
                continue
            try:
                result = stance_line(line)
            except ValueError as exc:
                print(f"{path}:{number}: {exc}", file=sys.stderr)
                continue
            print(
                json.dumps(result, ensure_ascii=False)
                if json_output
                else f"{result['id']}\t{result['stance']}"
            )
