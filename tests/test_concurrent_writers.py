"""Four `newsprism ingest` processes writing overlapping JSON Lines into one database.

Each process gets about 60% of the sample corpus (every article is in two or more of
the files), all start at once, and the result must equal one process ingesting
everything: the same articles, each once, and the same story partition (BCubed 1.0).
Runs on a real PostgreSQL server and on SQLite.

Which writer takes the cluster lock first decides which articles are stored first, so
a writer often clusters articles older than stories the others already stored. Stored
articles keep their stories, but those published after a batch's first article are
replayed between the batch's own, and one that would have joined a story the batch
opened merges its story with it (`OnlineClusterer.replay`): the interleaving does not
show in the partition. Before that rule, one borderline article of this corpus landed
differently in about half the runs (F1 0.944-0.98).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from newsprism.store import Store
from newsprism.stories.bcubed import bcubed

SAMPLE = Path(__file__).resolve().parents[1] / "src" / "newsprism" / "sample"
WRITERS = 4


@pytest.fixture(scope="module")
def records(tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, object]]:
    """The sample corpus as interchange records (its registry outlets resolved)."""
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "newsprism.cli",
            "extract",
            str(SAMPLE / "articles"),
            "--json",
            "--outlets",
            str(SAMPLE / "outlets.csv"),
        ],
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    )
    fields = ("id", "url", "outlet", "title", "text", "published")
    rows = [json.loads(line) for line in out.stdout.splitlines() if line.strip()]
    return [{k: row[k] for k in fields if row.get(k) is not None} for row in rows]


def write_files(records: list[dict[str, object]], folder: Path) -> list[Path]:
    """WRITERS files; file k holds the records whose index mod 5 is not k or k+1."""
    paths = []
    for k in range(WRITERS):
        path = folder / f"part{k}.jsonl"
        chosen = [r for i, r in enumerate(records) if i % 5 not in (k, (k + 1) % 5)]
        path.write_text("".join(json.dumps(r) + "\n" for r in chosen), encoding="utf-8")
        paths.append(path)
    return paths


def ingest(db: str, files: list[Path]) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "newsprism.cli",
            "ingest",
            *map(str, files),
            "--db",
            db,
            "--outlets",
            str(SAMPLE / "outlets.csv"),
            "--json",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def partition(db: str) -> dict[str, str]:
    with Store(db) as store:
        articles = store.articles()
        ids = [a.id for a in articles]
        assert len(ids) == len(set(ids))
        assert all(a.story_id for a in articles)
        return {a.id: str(a.story_id) for a in articles}


def fresh_postgres_database(server_url: str, name: str) -> str:
    engine = create_engine(server_url, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(f"DROP DATABASE IF EXISTS {name}"))
        conn.execute(text(f"CREATE DATABASE {name}"))
    engine.dispose()
    return server_url.rsplit("/", 1)[0] + f"/{name}"


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_four_writers_give_what_one_writer_gives(
    backend: str,
    records: list[dict[str, object]],
    tmp_path: Path,
    request: pytest.FixtureRequest,
) -> None:
    files = write_files(records, tmp_path)
    if backend == "sqlite":
        single, shared = str(tmp_path / "single.db"), str(tmp_path / "shared.db")
    else:
        server = request.getfixturevalue("postgres_url")
        single = fresh_postgres_database(server, "single_writer")
        shared = fresh_postgres_database(server, "four_writers")

    one = ingest(single, files)
    assert one.wait(timeout=300) == 0, one.stderr
    writers = [ingest(shared, [path]) for path in files]
    for process in writers:
        assert process.wait(timeout=300) == 0, process.stderr

    expected, got = partition(single), partition(shared)
    assert sorted(got) == sorted(expected) == sorted(str(r["id"]) for r in records)
    scores = bcubed(got, expected)
    assert scores.f1 == 1.0, scores
