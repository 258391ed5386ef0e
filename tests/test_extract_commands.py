"""`newsprism extract` end to end on local files."""

from __future__ import annotations

import json

import pytest
import typer
from typer.testing import CliRunner

pytest.importorskip("newsprism.ingest.sources")

from newsprism.cli.extract import register

PARAGRAPH = (
    "The city council voted on Tuesday to spend forty million dollars repairing the old "
    "harbour bridge, after engineers found cracks in two of its supporting piers. "
)


def _app() -> typer.Typer:
    app = typer.Typer()
    register(app)

    @app.command("noop")
    def noop() -> None:  # a second command keeps typer in multi-command mode
        pass

    return app


def test_extract_command_writes_one_line_per_document(tmp_path):
    (tmp_path / "a.html").write_text(
        f"<html><body><article><h1>Bridge</h1><p>{PARAGRAPH * 3}</p></article></body></html>"
    )
    (tmp_path / "b.txt").write_text(f"Bridge repair approved\n\n{PARAGRAPH * 2}")
    (tmp_path / "c.html").write_bytes(b"%PDF-1.4 not html")
    result = CliRunner().invoke(_app(), ["extract", str(tmp_path), "--json"])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    sources = sorted(record["source"] for record in lines)
    assert sources == [str(tmp_path / "a.html"), str(tmp_path / "b.txt")]
    assert all(record["text"] and record["id"] for record in lines)
    assert "c.html" in result.stderr and "PDF" in result.stderr


def test_extract_command_fails_when_nothing_extracted(tmp_path):
    (tmp_path / "empty.txt").write_text("")
    result = CliRunner().invoke(_app(), ["extract", str(tmp_path / "empty.txt")])
    assert result.exit_code == 1
    assert "empty" in result.stderr


def test_extract_json_gives_every_field_and_the_wire_of_a_copy(tmp_path):
    page = (
        "<html><head><title>Bridge repair approved | Example Site</title></head><body>"
        "<article><h1>Bridge repair approved</h1>"
        f"<p>LONDON (Reuters) - {PARAGRAPH * 3}</p></article></body></html>"
    )
    (tmp_path / "copy.html").write_text(page)
    (tmp_path / "undated.txt").write_text(f"Bridge repair approved\n\n{PARAGRAPH * 2}")
    result = CliRunner().invoke(_app(), ["extract", str(tmp_path), "--json"])
    assert result.exit_code == 0, result.output
    lines = {
        json.loads(line)["source"].rsplit("/", 1)[-1]: json.loads(line)
        for line in result.stdout.splitlines()
        if line.startswith("{")
    }
    for record in lines.values():
        for key in ("title", "published", "authors", "outlet", "original_outlet", "language"):
            assert key in record
        assert record["text"]
    assert lines["copy.html"]["title"] == "Bridge repair approved"
    assert lines["copy.html"]["original_outlet"] == "reuters"
    assert lines["undated.txt"]["published"] is None  # no date found: none stored
    assert lines["undated.txt"]["original_outlet"] is None


def test_extract_fetched_at_dates_a_capture_that_prints_only_hours_ago(tmp_path):
    capture = tmp_path / "capture.txt"
    capture.write_text(
        f"Home\nNews\nBridge repair approved\nBy Jane Example • 22 hours ago\n{PARAGRAPH * 2}\n"
    )
    dated = CliRunner().invoke(
        _app(), ["extract", str(capture), "--fetched-at", "2019-11-20T15:30:00Z"]
    )
    assert dated.exit_code == 0, dated.output
    assert json.loads(dated.stdout)["published"] == "2019-11-19T17:30:00+00:00"
    undated = CliRunner().invoke(_app(), ["extract", str(capture)])
    assert json.loads(undated.stdout)["published"] is None
    bad = CliRunner().invoke(_app(), ["extract", str(capture), "--fetched-at", "yesterday"])
    assert bad.exit_code == 2
    assert "'yesterday' is not an ISO 8601 date or time" in bad.output
