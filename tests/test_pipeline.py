"""The pipeline over a real SQLite file: idempotence, syndication, crash safety."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import text

from newsprism.extract.outlet import OutletResolver
from newsprism.outlets.registry import Registry
from newsprism.pipeline import ingest_inputs
from newsprism.store import Store

OUTLETS_CSV = """\
id,name,aliases,domains,lean,factuality,reliability,owner,ownership,country,media_type
tidewire,Tide Wire,TW,tidewire.example,center,very-high,0.9,Tide Co,corporate,GB,wire
harbour-post,Harbour Post,,harbourpost.example,lean-left,high,0.8,,independent,GB,newspaper
ridge-daily,Ridge Daily,,ridgedaily.example,right,mixed,0.5,,corporate,GB,website
"""

WIRE_TEXT = (
    "The port authority of Kelston said on Tuesday that it would close the northern "
    "harbour for six weeks of dredging work, diverting cargo ships to the southern "
    "terminal. Officials said the work would cost 12 million pounds and was needed "
    "after silt built up during the winter storms. Shipping companies said they expected "
    "delays of up to two days for container traffic while the harbour is closed."
)


def resolver(tmp_path: Path) -> OutletResolver:
    path = tmp_path / "outlets.csv"
    path.write_text(OUTLETS_CSV)
    registry = Registry()
    registry.apply_overrides(path)
    return OutletResolver(registry)


def write_jsonl(path: Path, records: list[dict[str, object]]) -> None:
    path.write_text("".join(json.dumps(r) + "\n" for r in records))


def test_reingest_adds_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "page.html").write_text(
        "<html><head><title>Dredging closes harbour</title></head><body><article>"
        f"<h1>Dredging closes harbour</h1><p>{WIRE_TEXT}</p></article></body></html>"
    )
    (folder / "note.txt").write_text(
        "Council budget\n\n" + WIRE_TEXT.replace("port", "city") + "\n"
    )
    write_jsonl(folder / "a.jsonl", [{"id": "j1", "title": "T", "text": "Short body text."}])
    with Store(tmp_path / "db.sqlite") as store:
        first = ingest_inputs(store, [str(folder)], resolver=resolver(tmp_path), enrich=False)
        second = ingest_inputs(store, [str(folder)], resolver=resolver(tmp_path), enrich=False)
        assert (first.added, first.duplicates, len(first.failed)) == (3, 0, 0)
        assert (second.added, second.duplicates) == (0, 3)
        assert store.stats()["articles"] == 3
        assert store.stats()["raw_documents"] == 3


def test_fetch_time_given_for_files_dates_a_capture_that_prints_hours_ago(tmp_path: Path) -> None:
    from datetime import UTC, datetime

    path = tmp_path / "capture.txt"
    path.write_text(f"Home\nNews\nDredging closes harbour\nBy Jo Roe • 5 hours ago\n{WIRE_TEXT}\n")
    fetched = datetime(2024, 3, 11, 14, 0, tzinfo=UTC)
    with Store(tmp_path / "db.sqlite") as store:
        report = ingest_inputs(
            store, [str(path)], resolver=resolver(tmp_path), enrich=False, fetched_at=fetched
        )
        assert report.added == 1
        (article,) = store.articles()
        assert article.published is not None
        assert article.published.astimezone(UTC) == datetime(2024, 3, 11, 9, 0, tzinfo=UTC)


def test_syndicated_copy_points_to_the_wire_original(tmp_path: Path) -> None:
    records = [
        {
            "id": "copy-early",
            "url": "https://harbourpost.example/a",
            "title": "Harbour shut",
            "text": WIRE_TEXT,
            "published": "2026-03-03T08:00:00Z",
        },
        {
            "id": "wire",
            "url": "https://tidewire.example/x",
            "title": "Kelston closes harbour",
            "text": WIRE_TEXT + " (Tide Wire)",
            "published": "2026-03-03T09:00:00Z",
        },
        {
            "id": "copy-late",
            "url": "https://ridgedaily.example/b",
            "title": "Port chaos",
            "text": "Kelston port: " + WIRE_TEXT,
            "published": "2026-03-03T10:00:00Z",
        },
    ]
    path = tmp_path / "a.jsonl"
    write_jsonl(path, records[:1])
    write_jsonl(tmp_path / "b.jsonl", records[1:])
    with Store(tmp_path / "db.sqlite") as store:
        ingest_inputs(store, [str(path)], resolver=resolver(tmp_path), enrich=False)
        report = ingest_inputs(
            store, [str(tmp_path / "b.jsonl")], resolver=resolver(tmp_path), enrich=False
        )
        assert report.syndicated == 2
        by_id = {a.id: a for a in store.articles()}
    assert by_id["wire"].duplicate_of is None
    assert by_id["copy-early"].duplicate_of == "wire"
    assert by_id["copy-late"].duplicate_of == "wire"
    assert by_id["wire"].outlet == "tidewire" and by_id["copy-late"].outlet == "ridge-daily"


def test_bad_document_does_not_stop_the_batch(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a_empty.html").write_bytes(b"")
    (folder / "b_binary.txt").write_bytes(b"\x00\x01" * 50)
    (folder / "c_cp1252.txt").write_bytes(
        ("Caf\u00e9 owners protest\n\n" + WIRE_TEXT + " \u2013 \u201cquoted\u201d").encode("cp1252")
    )
    write_jsonl(folder / "d.jsonl", [{"id": "x", "text": WIRE_TEXT + " more"}])
    with (folder / "d.jsonl").open("a") as handle:
        handle.write("{not json\n")
    with Store(tmp_path / "db.sqlite") as store:
        report = ingest_inputs(store, [str(folder)], resolver=resolver(tmp_path), enrich=False)
        titles = {a.title for a in store.articles()}
    sources = sorted(Path(f.source.split(":")[0]).name for f in report.failed)
    assert sources == ["a_empty.html", "b_binary.txt", "d.jsonl"]
    assert report.added == 2
    assert "Caf\u00e9 owners protest" in titles


CRASH_SCRIPT = """
import sys, time
import newsprism.pipeline.ingest as pipeline
from newsprism.pipeline.ingest import ingest_inputs
from newsprism.store import Store
from newsprism.outlets.registry import Registry
from newsprism.extract.outlet import OutletResolver
pipeline.CHUNK_SIZE = 50
original = pipeline._Batch.commit
def slow_commit(self):
    original(self)
    print("committed", flush=True)
    time.sleep(0.3)
pipeline._Batch.commit = slow_commit
with Store(sys.argv[1]) as store:
    ingest_inputs(store, [sys.argv[2]], resolver=OutletResolver(Registry()), enrich=False)
"""


def test_kill_9_mid_batch_leaves_a_consistent_database(tmp_path: Path) -> None:
    corpus = tmp_path / "many.jsonl"
    write_jsonl(
        corpus,
        [
            {
                "id": f"a{i}",
                "title": f"Report {i}",
                "text": f"Report number {i}. " + WIRE_TEXT[i % 50 :],
            }
            for i in range(400)
        ],
    )
    db = tmp_path / "crash.db"
    script = tmp_path / "crash.py"
    script.write_text(CRASH_SCRIPT)
    process = subprocess.Popen(
        [sys.executable, str(script), str(db), str(corpus)], stdout=subprocess.PIPE, text=True
    )
    assert process.stdout is not None
    for _ in range(2):  # let two chunks commit, then kill it in the middle of the rest
        assert process.stdout.readline().strip() == "committed"
    time.sleep(0.1)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    with Store(db) as store:
        with store.engine.connect() as conn:
            assert conn.execute(text("PRAGMA integrity_check")).scalar() == "ok"
            orphans = conn.execute(
                text(
                    "SELECT count(*) FROM articles a LEFT JOIN raw_documents r ON r.id = a.raw_id "
                    "WHERE r.id IS NULL"
                )
            ).scalar()
        assert orphans == 0
        partial = store.article_count()
        assert 100 <= partial < 400 and partial % 50 == 0
        report = ingest_inputs(
            store, [str(corpus)], resolver=OutletResolver(Registry()), enrich=False
        )
        assert report.added == 400 - partial
        assert report.duplicates == partial
        assert store.article_count() == 400


@pytest.mark.parametrize("backend", ["postgresql"])
def test_ingest_on_postgresql(backend: str, postgres_url: str, tmp_path: Path) -> None:
    store = Store(postgres_url)
    with store.begin() as conn:
        conn.exec_driver_sql("DROP SCHEMA public CASCADE; CREATE SCHEMA public;")
    store.close()
    with Store(postgres_url) as store:
        path = tmp_path / "a.jsonl"
        write_jsonl(path, [{"id": "p1", "title": "Harbour", "text": WIRE_TEXT}])
        first = ingest_inputs(store, [str(path)], resolver=resolver(tmp_path), enrich=False)
        again = ingest_inputs(store, [str(path)], resolver=resolver(tmp_path), enrich=False)
        assert (first.added, again.duplicates) == (1, 1)
        assert [a.id for a in store.search("dredging")] == ["p1"]


def test_worker_processes_store_what_one_process_stores(tmp_path: Path, monkeypatch) -> None:
    """NER, entities and quotes in forked workers (the path of large batches) give the
    same enrichment and the same stories as one process."""
    from newsprism.pipeline import process

    sample = Path(__file__).parents[1] / "src/newsprism/sample/articles/articles.jsonl"

    def run(name: str) -> tuple[object, ...]:
        with Store(tmp_path / name) as store:
            ingest_inputs(store, [str(sample)], resolver=resolver(tmp_path))
            articles = sorted(store.articles(), key=lambda a: a.id)
            ids = [a.id for a in articles]
            partition = sorted(
                sorted(a.id for a in articles if a.story_id == story)
                for story in {a.story_id for a in articles}
            )
            return partition, store.quotes(ids), sorted(store.embeddings(ids))

    serial = run("serial.db")
    monkeypatch.setattr(process, "PARALLEL_MIN", 1)
    assert run("workers.db") == serial
    assert serial[1] and len(serial[0]) > 1
