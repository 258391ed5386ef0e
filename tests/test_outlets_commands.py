"""`newsprism outlet` and `newsprism outlets` on the command line."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from newsprism.cli import outlets as commands
from newsprism.outlets.registry import Registry

SAMPLE = """id,name,aliases,domains,lean,factuality,reliability,owner,ownership,country,media_type
harbor-gazette,Harbor Gazette,HG,harborgazette.example,lean-left,high,0.8,Gull Media,corporate,Freedonia,Newspaper
ridge-radio,Ridge Radio,,ridgeradio.example,right,low,,,state-funded,Freedonia,Radio Station
"""  # noqa: E501


@pytest.fixture()
def app() -> typer.Typer:
    application = typer.Typer()
    commands.register(application)
    return application


@pytest.fixture()
def overrides(tmp_path: Path) -> Path:
    path = tmp_path / "outlets.csv"
    path.write_text(SAMPLE, encoding="utf-8")
    return path


@pytest.fixture(autouse=True)
def no_user_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NEWSPRISM_OUTLETS", raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))


def test_outlet_json_for_many_queries(app: typer.Typer, overrides: Path) -> None:
    result = CliRunner().invoke(
        app,
        [
            "outlet",
            "HG",
            "https://www.reuters.com/world/x",
            "No Such Paper",
            "--json",
            "--overrides",
            str(overrides),
        ],
    )
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["status"] for line in lines] == ["rated", "rated", "unrated"]
    assert lines[0]["outlet"]["id"] == "harbor-gazette"
    assert lines[0]["outlet"]["lean_from"] == [f"user override ({overrides})"]
    assert lines[1]["outlet"]["lean_side"] == "center"
    assert lines[2]["outlet"] is None


def test_outlet_text_shows_sources(app: typer.Typer) -> None:
    result = CliRunner().invoke(app, ["outlet", "wsj.com"])
    assert result.exit_code == 0
    assert "Wall Street Journal" in result.stdout
    assert "allsides.com" in result.stdout and "mediabiasfactcheck.com" in result.stdout


def test_outlet_all_unknown_exits_1(app: typer.Typer) -> None:
    result = CliRunner().invoke(app, ["outlet", "no-such-paper.example"])
    assert result.exit_code == 1
    assert "unrated" in result.stdout


def test_bad_override_file_is_one_clear_error(app: typer.Typer, tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("id,name,lean\nx,X,sideways\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["outlet", "HG", "--overrides", str(path)])
    assert result.exit_code == 2
    assert f"{path}:2:" in result.stderr


def test_outlets_filters_and_csv_round_trip(
    app: typer.Typer, overrides: Path, tmp_path: Path
) -> None:
    result = CliRunner().invoke(
        app, ["outlets", "--country", "Freedonia", "--csv", "--overrides", str(overrides)]
    )
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [row["id"] for row in rows] == ["harbor-gazette", "ridge-radio"]
    assert rows[1]["lean"] == "right" and rows[1]["factuality"] == "low"
    exported = tmp_path / "exported.csv"
    exported.write_text(result.stdout, encoding="utf-8")
    again = Registry()
    again.apply_overrides(exported)
    assert again.lookup("ridgeradio.example").lean_label == "Right"

    right = CliRunner().invoke(
        app,
        [
            "outlets",
            "--side",
            "right",
            "--query",
            "ridgeradio.example",
            "--json",
            "--overrides",
            str(overrides),
        ],
    )
    assert [json.loads(x)["id"] for x in right.stdout.splitlines()] == ["ridge-radio"]


def test_outlets_rejects_unknown_filter_value(app: typer.Typer) -> None:
    result = CliRunner().invoke(app, ["outlets", "--lean", "sideways"])
    assert result.exit_code == 2
    assert "--lean" in result.stderr


def test_outlets_check(app: typer.Typer, tmp_path: Path) -> None:
    path = tmp_path / "clash.toml"
    path.write_text(
        '[[outlet]]\nid = "copycat"\nname = "Copycat"\ndomains = ["copycat.example"]\n'
        '[[outlet]]\nid = "copycat-two"\nname = "Copycat"\ndomains = ["copycat-two.example"]\n',
        encoding="utf-8",
    )
    result = CliRunner().invoke(app, ["outlets", "--check", "--overrides", str(path)])
    assert result.exit_code == 1
    assert "name 'copycat'" in result.stdout
