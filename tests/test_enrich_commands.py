"""`newsprism quotes` and `newsprism summarize` through the CLI."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from newsprism.cli import app

runner = CliRunner()


def test_quotes_offsets_index_the_raw_txt(tmp_path):
    text = "Intro line.\r\n\r\n“We never sold arms,” said Tomas Berg.\r\n"
    path = tmp_path / "a.txt"
    path.write_bytes(text.encode("utf-8"))
    result = runner.invoke(app, ["quotes", str(path), str(tmp_path / "missing.txt"), "--json"])
    lines = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert len(lines) == 1 and lines[0]["source"] == str(path)
    quote = lines[0]["quotes"][0]
    start, end = quote["content_span"]
    assert text[start:end] == quote["content"] == "We never sold arms,"
    assert quote["speaker"] == "Tomas Berg" and quote["stance"] == "denies"
    assert set(quote) >= {
        "speaker",
        "speaker_span",
        "cue",
        "cue_span",
        "content",
        "content_span",
        "direct",
        "stance",
    }


def test_summarize_groups_stories_and_reports_broken_lines(tmp_path):
    records = [
        {
            "id": "a1",
            "story_id": "s1",
            "title": "Ministry accuses lathe maker",
            "text": "The ministry accused Northfield of shipping lathes to the army in March.",
        },
        {
            "id": "a2",
            "story_id": "s1",
            "title": "Lathe maker denies claims",
            "text": "Northfield denied shipping lathes to the army, calling the claim baseless.",
        },
        {
            "id": "b1",
            "story_id": "s2",
            "title": "Rain floods city",
            "text": "Heavy rain flooded the city centre on Monday, officials said.",
        },
    ]
    path = tmp_path / "articles.jsonl"
    lines = [json.dumps(records[0]), "{broken", json.dumps(records[1]), json.dumps(records[2])]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["summarize", str(path), "--json", "--bullets", "3"])
    assert result.exit_code == 0
    out = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert [s["story_id"] for s in out] == ["s1", "s2"]
    assert all(b["citations"] for s in out for b in s["bullets"])
    assert f"{path}:2:" in result.stderr
