"""Four `newsprism ingest` processes writing overlapping JSON Lines into one database.

Each process gets about 60% of the sample corpus (every article is in two or more of
the files), all start at once, and the result must equal one process ingesting
everything: the same articles, each once, and nearly the same story partition
(the difference is stated below). Runs on a real PostgreSQL server and on SQLite.

Why not BCubed 1.0: clustering is online and a stored article keeps its story when an
older one arrives later (story ids are shown to users and must not churn), so which
writer takes the cluster lock first can change where a borderline article lands. Seen
on this corpus: the first article of the Northfield resignation story (an interview
published at midnight, before the resignation pieces) arriving after the rest had
formed their story and staying alone (precision 1.0, recall 0.977), or one article
joining a neighbouring story of the same affair (precision 0.977, F1 0.967-0.977 over
several runs). The bar is F1 >= 0.95, which lets one borderline article of this corpus land
differently and not two, with every article stored once; re-deciding the stored
articles published after a late arrival would close the gap at the cost of moving
articles users have seen.
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
        [sys.executable, "-m", "newsprism.cli", "extract", str(SAMPLE / "articles"), "--json",
         "--outlets", str(SAMPLE / "outlets.csv")],
        capture_output=True, text=True, check=True, timeout=300,
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
        [sys.executable, "-m", "newsprism.cli", "ingest", *map(str, files), "--db", db,
         "--outlets", str(SAMPLE / "outlets.csv"), "--json"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
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
    backend: str, records: list[dict[str, object]], tmp_path: Path,
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
    assert scores.f1 >= 0.95, scores
