"""A user's move and split survive later clustering, in the database and the CLI."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from newsprism.cli import app
from newsprism.extract.outlet import OutletResolver
from newsprism.outlets.registry import Registry
from newsprism.pipeline import ingest_inputs
from newsprism.pipeline.corrections import move_article, split_articles
from newsprism.store import Store

BRIDGE = (
    "The Harrow Bay bridge reopened to traffic on {day} after eleven months of repairs "
    "costing 48 million pounds, the regional transport authority said. Engineer Lena "
    "Marsh said the steel cables had been replaced and the deck resurfaced. {extra}"
)
FLOODS = (
    "Heavy rain flooded the lower town of Pellin on {day}, forcing 300 residents from "
    "their homes, the fire service said. River levels peaked overnight and emergency "
    "shelters opened in two schools. {extra}"
)


def records(start: int, day: str) -> list[dict[str, object]]:
    out = []
    for i, (template, topic) in enumerate([(BRIDGE, "bridge"), (FLOODS, "floods")] * 2):
        out.append(
            {
                "id": f"{topic}-{start + i}",
                "outlet": f"Outlet {start + i}",
                "title": ("Harrow Bay bridge reopens" if topic == "bridge" else "Floods hit Pellin")
                + f" ({start + i})",
                "text": template.format(day=day, extra=f"Report number {start + i}."),
                "published": f"2026-03-0{2 if start == 0 else 3}T{9 + i}:00:00Z",
            }
        )
    return out


def ingest(store: Store, path: Path, rows: list[dict[str, object]]) -> None:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    ingest_inputs(store, [str(path)], resolver=OutletResolver(Registry()))


def test_move_and_split_are_kept_by_later_clustering(tmp_path: Path) -> None:
    with Store(tmp_path / "c.db") as store:
        ingest(store, tmp_path / "a.jsonl", records(0, "Monday"))
        story = {a.id: a.story_id for a in store.articles()}
        assert story["bridge-0"] == story["bridge-2"] != story["floods-1"] == story["floods-3"]

        move_article(store, "bridge-2", story["floods-1"] or "")
        new_story = split_articles(store, ["floods-3"])
        ingest(store, tmp_path / "b.jsonl", records(10, "Tuesday"))
        after = {a.id: a.story_id for a in store.articles()}
        assert after["bridge-2"] == story["floods-1"]
        assert after["floods-3"] == new_story
        assert after["bridge-10"] == after["bridge-0"]
        moved_into = store.story(story["floods-1"] or "")
        assert moved_into is not None and moved_into.article_count == after_count(
            after, moved_into.id
        )


def after_count(assignments: dict[str, str | None], story_id: str) -> int:
    return sum(1 for s in assignments.values() if s == story_id)


def test_cli_move_reports_unknown_ids(tmp_path: Path) -> None:
    db = str(tmp_path / "cli.db")
    Store(db).close()
    result = CliRunner().invoke(app, ["move", "nope", "s1", "--db", db])
    assert result.exit_code == 1
    assert "no article 'nope'" in result.output
