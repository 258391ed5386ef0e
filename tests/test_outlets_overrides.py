"""User override files (CSV and TOML): adding, overriding, provenance, errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsprism.outlets.overrides import OverrideError
from newsprism.outlets.registry import Registry

HEADER = "id,name,aliases,domains,lean,factuality,reliability,owner,ownership,country,media_type"

SAMPLE_CSV = (
    f"{HEADER}\n"
    "harbor-gazette,Harbor Gazette,The Gazette|HG,harborgazette.example|gazette.example,"
    "lean-left,high,0.8,Gull Media,corporate,United States,Newspaper\n"
    "ridge-radio,Ridge Radio,,ridgeradio.example,far-right,very-low,,,state-funded,Freedonia,"
    "Radio Station\n"
)

SAMPLE_TOML = """
# fictional outlets
[[outlet]]
id = "harbor-gazette"
name = "Harbor Gazette"
aliases = ["The Gazette", "HG"]
domains = ["harborgazette.example", "gazette.example"]
lean = "lean-left"
factuality = "high"
reliability = 0.8
owner = "Gull Media"
ownership = "corporate"
country = "United States"
media_type = "Newspaper"

[[outlet]]
id = "ridge-radio"
name = "Ridge Radio"
domains = ["ridgeradio.example"]
lean = "far-right"
factuality = "very-low"
ownership = "state-funded"
country = "Freedonia"
media_type = "Radio Station"
"""


def base_registry() -> Registry:
    return Registry.from_records(
        [
            {
                "id": "old-town-post",
                "name": "Old Town Post",
                "domains": ["oldtownpost.example"],
                "country": "United States",
                "from": {"country": "mbfc"},
                "ratings": [["mbfc", -2, "mixed", None, "page", "oldtownpost.example", None]],
            }
        ]
    )


@pytest.mark.parametrize(("suffix", "text"), [(".csv", SAMPLE_CSV), (".toml", SAMPLE_TOML)])
def test_adds_outlets(tmp_path: Path, suffix: str, text: str) -> None:
    path = tmp_path / f"outlets{suffix}"
    path.write_text(text, encoding="utf-8")
    registry = base_registry()
    assert registry.apply_overrides(path) == 2
    gazette = registry.lookup("https://www.gazette.example/story")
    assert gazette is not None and gazette.id == "harbor-gazette"
    assert registry.lookup("HG") is gazette
    assert gazette.lean_label == "Lean Left"
    assert gazette.factuality == "high"
    assert gazette.reliability == pytest.approx(0.8)
    assert gazette.ownership == "corporate"
    assert gazette.provenance["owner"] == f"user override ({path})"
    assert gazette.to_json()["lean_from"] == [f"user override ({path})"]
    radio = registry.lookup("Ridge Radio")
    assert radio is not None and radio.lean_label == "Right" and radio.lean == 3
    assert radio.reliability is not None  # derived from its factuality


def test_override_beats_raters_and_keeps_them(tmp_path: Path) -> None:
    path = tmp_path / "mine.csv"
    path.write_text(
        "domains,lean,country\nwww.oldtownpost.example,center,Canada\n", encoding="utf-8"
    )
    registry = base_registry()
    registry.apply_overrides(path)
    outlet = registry.lookup("oldtownpost.example")
    assert outlet is not None and outlet.id == "old-town-post"
    assert outlet.lean == 0
    assert outlet.rating("mbfc") is not None and outlet.rating("mbfc").lean == -2
    assert outlet.factuality == "mixed"  # not set by the override: still MBFC's
    assert outlet.country == "Canada"
    assert outlet.provenance["country"] == f"user override ({path})"


def test_unknown_id_with_known_domain_overrides_that_outlet(tmp_path: Path) -> None:
    path = tmp_path / "mine.csv"
    path.write_text("id,domains,factuality\nmy-post,oldtownpost.example,low\n", encoding="utf-8")
    registry = base_registry()
    registry.apply_overrides(path)
    assert len(registry) == 1
    assert registry.get("old-town-post").factuality == "low"


def test_override_by_id_and_by_name(tmp_path: Path) -> None:
    path = tmp_path / "mine.toml"
    path.write_text(
        '[[outlet]]\nname = "Old Town Post"\nfactuality = "very-high"\n', encoding="utf-8"
    )
    registry = base_registry()
    registry.apply_overrides(path)
    assert registry.get("old-town-post").factuality == "very-high"
    assert len(registry) == 1


@pytest.mark.parametrize(
    ("name", "text", "line", "words"),
    [
        (
            "bad.csv",
            f"{HEADER}\nok,Ok Paper,,ok.example,center,high,,,,,\n"
            "bad,Bad,,bad.example,leftish,high,,,,,\n",
            3,
            "lean",
        ),
        ("bad.csv", "id,name,colour\nx,X,red\n", 1, "unknown column"),
        ("bad.csv", f"{HEADER}\nx,X,,x.example,center\n", 2, "cells"),
        ("bad.csv", f"{HEADER}\nx,X,,not a domain,center,high,,,,,\n", 2, "domain"),
        ("bad.csv", f"{HEADER}\nx,X,,x.example,center,high,1.5,,,,\n", 2, "reliability"),
        (
            "bad.toml",
            '[[outlet]]\nid = "x"\nname = "X"\n\n[[outlet]]\nid = "y"\nfactuality = "great"\n',
            7,
            "factuality",
        ),
        ("bad.toml", '[[outlet]]\nid = "x"\nname = "X\n', 3, ""),
        ("bad.toml", '[[outlet]]\nid = "x"\nslant = "left"\n', 3, "unknown key"),
        ("bad.toml", '[[outlet]]\nlean = "left"\n', 1, "needs an id"),
    ],
)
def test_malformed_file_names_line_and_changes_nothing(
    tmp_path: Path, name: str, text: str, line: int, words: str
) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    registry = base_registry()
    before = [o.to_json() for o in registry.all()]
    with pytest.raises(OverrideError) as caught:
        registry.apply_overrides(path)
    assert caught.value.line == line
    assert str(caught.value).startswith(f"{path}:{line}:")
    assert words in str(caught.value)
    assert [o.to_json() for o in registry.all()] == before
    assert registry.lookup("ok.example") is None


def test_load_default_reads_env_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "outlets.csv"
    path.write_text(SAMPLE_CSV, encoding="utf-8")
    monkeypatch.setenv("NEWSPRISM_OUTLETS", str(path))
    registry = Registry.load_default()
    assert registry.lookup("harborgazette.example") is not None
    assert registry.lookup("reuters.com") is not None  # the bundled registry is below


def test_load_default_without_user_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NEWSPRISM_OUTLETS", raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    registry = Registry.load_default()
    assert registry.lookup("harborgazette.example") is None
    (tmp_path / "newsprism").mkdir()
    (tmp_path / "newsprism" / "outlets.toml").write_text(SAMPLE_TOML, encoding="utf-8")
    assert Registry.load_default().lookup("harborgazette.example") is not None


def test_sample_outlets_on_an_empty_registry(tmp_path: Path) -> None:
    path = tmp_path / "outlets.csv"
    path.write_text(SAMPLE_CSV, encoding="utf-8")
    registry = Registry()
    registry.apply_overrides(path, provenance="newsprism demo sample")
    assert len(registry) == 2
    assert registry.get("ridge-radio").provenance["country"] == "newsprism demo sample"
