"""`newsprism summarize FILE.jsonl ...`: one cited summary per story; stores nothing."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import typer

from newsprism.analysis.summary import AbstractiveConfig, summarize_story
from newsprism.models import Article, Summary

DEFAULT_STORY = "story"


def summary_record(summary: Summary) -> dict[str, Any]:
    return {
        "story_id": summary.story_id,
        "title": summary.title,
        "bullets": [{"text": b.text, "citations": b.citations} for b in summary.bullets],
    }


def _article_from(record: dict[str, Any], fallback_id: str) -> Article:
    text = record.get("text")
    if not isinstance(text, str):
        raise ValueError('no "text" field')
    return Article(
        id=str(record.get("id") or fallback_id),
        title=str(record.get("title") or ""),
        text=text,
        url=record.get("url") if isinstance(record.get("url"), str) else None,
        outlet=record.get("outlet") if isinstance(record.get("outlet"), str) else None,
        story_id=str(record["story_id"]) if record.get("story_id") is not None else None,
    )


def read_articles(path: Path) -> Iterator[Article | str]:
    """Articles of a JSONL file; a broken line yields its error message instead."""
    with path.open(encoding="utf-8", errors="replace") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
                if not isinstance(record, dict):
                    raise ValueError("not a JSON object")
                yield _article_from(record, f"{path.stem}-{number}")
            except (json.JSONDecodeError, ValueError) as exc:
                yield f"{path}:{number}: {exc}"


def _abstractive_from_env() -> AbstractiveConfig | None:
    base_url = os.environ.get("NEWSPRISM_LLM_BASE_URL")
    if not base_url:
        return None
    return AbstractiveConfig(
        base_url=base_url,
        model=os.environ.get("NEWSPRISM_LLM_MODEL", "default"),
        api_key=os.environ.get("NEWSPRISM_LLM_API_KEY"),
        enabled=True,
    )


def register(app: typer.Typer) -> None:
    @app.command("summarize")
    def summarize_command(
        files: list[Path] = typer.Argument(..., help="JSONL files of articles."),
        json_output: bool = typer.Option(False, "--json", help="One JSON line per story."),
        bullets: int = typer.Option(5, "--bullets", min=1, max=20, help="Bullets per story."),
        abstractive: bool = typer.Option(
            False,
            "--abstractive",
            help="Generate with the OpenAI-compatible endpoint in NEWSPRISM_LLM_BASE_URL "
            "(NEWSPRISM_LLM_MODEL, NEWSPRISM_LLM_API_KEY); unsupported sentences are "
            "dropped.",
        ),
    ) -> None:
        """Neutral extractive summary of each story, every bullet citing its articles.

        Articles are grouped by their `story_id` field (one story when absent).
        """
        config = _abstractive_from_env() if abstractive else None
        if abstractive and config is None:
            print("--abstractive needs NEWSPRISM_LLM_BASE_URL", file=sys.stderr)
            raise typer.Exit(2)
        stories: dict[str, list[Article]] = {}
        for path in files:
            if not path.is_file():
                print(f"{path}: no such file", file=sys.stderr)
                continue
            for item in read_articles(path):
                if isinstance(item, str):
                    print(item, file=sys.stderr)
                    continue
                stories.setdefault(item.story_id or DEFAULT_STORY, []).append(item)
        for story_id, articles in stories.items():
            summary = summarize_story(story_id, articles, max_bullets=bullets, abstractive=config)
            if json_output:
                print(json.dumps(summary_record(summary), ensure_ascii=False))
            else:
                print(f"# {summary.title}  ({story_id}, {len(articles)} articles)")
                for bullet in summary.bullets:
                    print(f"- {bullet.text} [{', '.join(bullet.citations)}]")
