"""Ray Data backfill (issue 13): articles/s with 1 and with 2 Ray workers.

Generates `--articles` (default 20,000) JSON Lines records from the sample corpus's
English paragraphs (each record four to seven paragraphs of different articles, a lead
sentence with generated names and a quote, its own date and outlet), then runs
`newsprism backfill FILE --workers W` into a fresh SQLite database for each W, and
reports articles/s of the Ray phase (extraction and enrichment, stored as it streams)
and of the whole command (with clustering and story analysis, which run in the driver
alone), and the peak memory of the process tree (driver, Ray services and workers).

Bar: 2 workers >= 1.7x the articles/s of 1 worker (Ray phase). Exits 1 below it.

    nice -n 10 python benchmarks/backfill.py --articles 20000
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

SAMPLE = Path(__file__).resolve().parents[1] / "src" / "newsprism" / "sample"
BAR = 1.7
FIRST = ("Mara", "Jonas", "Elin", "Tomas", "Priya", "Olu", "Hana", "Dario", "Lena", "Ravi")
LAST = ("Okafor", "Lindqvist", "Moreau", "Tanaka", "Brennan", "Costa", "Novak", "Haddad")
ORGS = ("the Harbour Authority", "Kestland Rail", "the Finance Ministry", "Carvell Foods")


def english_paragraphs() -> list[str]:
    records = [json.loads(line) for line in (SAMPLE / "articles" / "articles.jsonl").open()]
    return [p for r in records for p in r["text"].split("\n\n") if len(p) > 80]


def generate(path: Path, count: int) -> None:
    rng = random.Random(13)
    paragraphs = english_paragraphs()
    outlets = [line.split(",")[0] for line in (SAMPLE / "outlets.csv").read_text().splitlines()[1:]]
    start = datetime(2025, 1, 1, tzinfo=UTC)
    with path.open("w", encoding="utf-8") as out:
        for i in range(count):
            person = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
            org = rng.choice(ORGS)
            lead = (
                f'{person}, who speaks for {org}, said on Tuesday: "We will publish '
                f'the figures for case {i} next week." Critics in {org} disagreed.'
            )
            body = rng.sample(paragraphs, rng.randint(4, 7))
            record = {
                "id": f"bench-{i:06d}",
                "url": f"https://backfill.example/{i}",
                "outlet": rng.choice(outlets),
                "title": f"{person} on case {i}: {body[0][:60]}",
                "text": "\n\n".join([lead, *body]),
                "published": (start + timedelta(minutes=37 * i)).isoformat(),
            }
            out.write(json.dumps(record) + "\n")


def tree_rss_bytes(root: int) -> int:
    """Resident memory of `root` and all its descendants (from /proc)."""
    parents: dict[int, int] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
            status = Path(f"/proc/{entry}/status").read_text()
        except OSError:
            continue
        parents[int(entry)] = int(stat.rsplit(")", 1)[1].split()[1])
        for line in status.splitlines():
            if line.startswith("VmRSS:"):
                rss[int(entry)] = int(line.split()[1]) * 1024
    family, changed = {root}, True
    while changed:
        grown = family | {pid for pid, parent in parents.items() if parent in family}
        changed, family = grown != family, grown
    return sum(rss.get(pid, 0) for pid in family)


def run(records: Path, workers: int, folder: Path) -> dict[str, float]:
    db = folder / f"backfill-{workers}.db"
    command = [
        sys.executable,
        "-m",
        "newsprism.cli",
        "backfill",
        str(records),
        "--db",
        str(db),
        "--workers",
        str(workers),
        "--json",
    ]
    began = time.perf_counter()
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
    )
    peak = [0]

    def sample() -> None:
        while process.poll() is None:
            peak[0] = max(peak[0], tree_rss_bytes(process.pid))
            time.sleep(0.5)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    stdout, _ = process.communicate()
    seconds = time.perf_counter() - began
    sampler.join()
    if process.returncode != 0:
        raise SystemExit(f"backfill with {workers} workers failed (exit {process.returncode})")
    report = json.loads(stdout.strip().splitlines()[-1])
    phase = report["seconds"]["extract_enrich"]
    return {
        "articles": report["added"],
        "ray_rate": report["added"] / phase,
        "total_rate": report["added"] / seconds,
        "ray_seconds": phase,
        "seconds": seconds,
        "peak_gb": peak[0] / 1e9,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=20_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="newsprism-backfill-") as tmp:
        folder = Path(tmp)
        records = folder / "archive.jsonl"
        generate(records, args.articles)
        print(
            f"{args.articles:,} articles; {os.cpu_count()} CPUs; "
            f"load average {os.getloadavg()[0]:.1f}"
        )
        results = {}
        for workers in (1, 2):
            r = results[workers] = run(records, workers, folder)
            print(
                f"{workers} worker(s): {r['articles']:,.0f} articles; Ray phase "
                f"{r['ray_rate']:.1f} articles/s ({r['ray_seconds']:.0f} s); whole command "
                f"{r['total_rate']:.1f} articles/s ({r['seconds']:.0f} s); "
                f"peak memory {r['peak_gb']:.2f} GB; load average {os.getloadavg()[0]:.1f}",
                flush=True,
            )
    speedup = results[2]["ray_rate"] / results[1]["ray_rate"]
    whole = results[2]["total_rate"] / results[1]["total_rate"]
    met = speedup >= BAR
    print(
        f"speed-up with 2 workers: Ray phase {speedup:.2f}x, whole command {whole:.2f}x "
        f"(bar >= {BAR}x on the Ray phase: {'met' if met else 'NOT MET'})"
    )
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
