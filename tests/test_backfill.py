"""`newsprism backfill`: a Ray Data job over an archive, resumable, same stories as ingest."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsprism.cli import app
from newsprism.cli.backfill import expand_inputs
from newsprism.extract.outlet import OutletResolver
from newsprism.pipeline import backfill as backfill_module
from newsprism.pipeline.backfill import BackfillReport, enrich_documents, read_documents
from newsprism.pipeline.process import process_pending
from newsprism.store import Store
from newsprism.stories.bcubed import bcubed

SAMPLE = Path(__file__).resolve().parents[1] / "src" / "newsprism" / "sample"
OUTLETS = str(SAMPLE / "outlets.csv")


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    """Eight HTML pages, the JSON Lines records, and one broken record."""
    folder = tmp_path / "archive"
    (folder / "html").mkdir(parents=True)
    for page in sorted((SAMPLE / "articles" / "html").glob("*.html"))[:8]:
        shutil.copy(page, folder / "html" / page.name)
    lines = (SAMPLE / "articles" / "articles.jsonl").read_text(encoding="utf-8").splitlines()
    (folder / "records.jsonl").write_text("\n".join([*lines, "{not json"]) + "\n")
    return folder


def partition(db: Path) -> dict[str, str]:
    with Store(db) as store:
        articles = store.articles()
        assert not store.articles(unenriched=True)
        return {a.id: str(a.story_id) for a in articles}


def test_backfill_on_ray_gives_the_stories_ingest_gives(archive: Path, tmp_path: Path) -> None:
    pytest.importorskip("ray")
    backfilled, ingested = tmp_path / "backfill.db", tmp_path / "ingest.db"
    run = CliRunner().invoke(
        app,
        [
            "backfill",
            str(archive),
            "--db",
            str(backfilled),
            "--workers",
            "1",
            "--outlets",
            OUTLETS,
            "--json",
        ],
    )
    assert run.exit_code == 0, run.output
    report = json.loads(run.stdout.strip().splitlines()[-1])
    assert report["added"] == 23 and report["enriched"] == 23
    [failure] = report["failed"]  # the broken record, with its place and reason
    assert "records.jsonl" in failure["source"] and "double quotes" in failure["error"]
    plain = CliRunner().invoke(
        app, ["ingest", str(archive), "--db", str(ingested), "--outlets", OUTLETS, "--json"]
    )
    assert plain.exit_code == 0, plain.output
    got, expected = partition(backfilled), partition(ingested)
    assert sorted(got) == sorted(expected)
    assert bcubed(got, expected).f1 == 1.0
    with Store(backfilled) as store:
        assert store.stats()["quotes"] > 0 and store.stats()["entities"] > 0

    again = CliRunner().invoke(
        app, ["backfill", str(archive), "--db", str(backfilled), "--workers", "1", "--json"]
    )
    report = json.loads(again.stdout.strip().splitlines()[-1])
    assert report["already_stored"] == 23 and report["added"] == 0


def test_interrupted_backfill_resumes(
    archive: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Stopped after two stored chunks; the rerun adds the rest, once each."""
    monkeypatch.setattr(backfill_module, "CHUNK_SIZE", 5)
    resolver = OutletResolver.default(extra=Path(OUTLETS))
    db = tmp_path / "resumed.db"

    def local_stream(raws: list[object], stop_after: int | None = None):  # type: ignore[no-untyped-def]
        for index, raw in enumerate(raws):
            if stop_after is not None and index == stop_after:
                raise KeyboardInterrupt
            yield from enrich_documents([index], [raw])  # type: ignore[list-item]

    with Store(db) as store:
        first = BackfillReport()
        raws = read_documents([str(archive)], first, store)
        with pytest.raises(KeyboardInterrupt):
            backfill_module.store_results(
                store, resolver, raws, local_stream(raws, stop_after=12), first
            )
        assert store.article_count() == 10  # two chunks of five committed
        second = BackfillReport()
        rest = read_documents([str(archive)], second, store)
        assert second.already_stored == 10 and len(rest) == 13
        backfill_module.store_results(store, resolver, rest, local_stream(rest), second)
        assert process_pending(store, resolver).enriched == 23
    assert len(partition(db)) == 23


def test_globs_expand_and_a_pattern_matching_nothing_is_named(archive: Path) -> None:
    found = expand_inputs([str(archive / "html" / "*.html"), str(archive / "records.jsonl")])
    assert len(found) == 9
    result = CliRunner().invoke(app, ["backfill", str(archive / "*.warc")])
    assert result.exit_code != 0 and "no file matches this pattern" in result.output
