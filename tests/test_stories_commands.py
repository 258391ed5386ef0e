"""`newsprism cluster`: JSONL in, one line per article out, bad lines reported."""

from __future__ import annotations

import json

import typer
from typer.testing import CliRunner

from newsprism.cli.cluster import read_articles, register


def make_app() -> typer.Typer:
    app = typer.Typer()
    register(app)

    @app.command("noop", hidden=True)
    def noop() -> None:  # a second command keeps Typer from collapsing to one
        pass

    return app


RECORDS = [
    {
        "id": "late",
        "title": "Lagarde says ECB is not discussing rate cuts yet",
        "text": "European Central Bank President Christine Lagarde said on Thursday that "
        "policymakers had not discussed lowering borrowing costs.",
        "published": "2024-01-25T15:00:00Z",
    },
    {
        "id": "early",
        "title": "ECB holds interest rates at record high",
        "text": "The European Central Bank kept its deposit rate at 4% on Thursday, with "
        "Christine Lagarde saying it was premature to discuss cutting rates.",
        "date": "2024-01-25T13:15:00Z",
    },
    {
        "title": "Ten easy recipes for a weekend brunch",
        "text": "Pancakes, shakshuka and a make-ahead frittata feed a crowd with little effort.",
    },
]


def write_jsonl(tmp_path, broken: bool = True):
    lines = [json.dumps(RECORDS[0]), "{not json", json.dumps(RECORDS[1]), json.dumps(RECORDS[2])]
    if not broken:
        lines.pop(1)
    path = tmp_path / "articles.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_broken_line_is_reported_and_the_rest_processed(tmp_path):
    path = write_jsonl(tmp_path)
    result = CliRunner().invoke(make_app(), ["cluster", str(path), "--json"])
    assert result.exit_code == 0, result.output
    assert "articles.jsonl:2" in result.stderr
    assert "invalid JSON" in result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["id"] for r in rows] == ["late", "early", "articles.jsonl:4"]
    assert all(set(r) == {"id", "story_id", "storyline_id"} for r in rows)
    by_id = {r["id"]: r["story_id"] for r in rows}
    assert by_id["late"] == by_id["early"]
    assert by_id["articles.jsonl:4"] != by_id["early"]


def test_human_output_is_a_table(tmp_path):
    path = write_jsonl(tmp_path, broken=False)
    result = CliRunner().invoke(make_app(), ["cluster", str(path)])
    assert result.exit_code == 0, result.output
    assert "3 articles in 2 stories" in result.stdout


def test_reader_accepts_date_alias_and_rejects_missing_text(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_text(
        json.dumps({"id": 7, "title": "t", "text": "x", "date": "2024-03-01"})
        + "\n"
        + json.dumps({"id": "no-text", "title": "t"})
        + "\n"
        + json.dumps({"id": 7, "text": "again"})
        + "\n",
        encoding="utf-8",
    )
    read = read_articles([path, tmp_path / "missing.jsonl"])
    assert [r["id"] for r in read.records] == ["7"]
    assert read.records[0]["published"].year == 2024
    assert any(":2:" in e and "text" in e for e in read.errors)
    assert any(":3:" in e and "duplicate" in e for e in read.errors)
    assert any("missing.jsonl" in e for e in read.errors)
