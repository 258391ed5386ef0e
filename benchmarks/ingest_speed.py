"""Ingest speed: interchange JSONL into SQLite without enrichment.

Bar (foundation issue): >= 2,000 articles/s. The articles are synthetic (random words
from a fixed vocabulary, ~250 words each, distinct texts so none is a duplicate), which
exercises extraction of interchange records, hashing, SimHash, near-duplicate lookup,
language detection and the database writes.

    .venv/bin/python benchmarks/ingest_speed.py [--articles N]
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from pathlib import Path

from newsprism.extract.outlet import OutletResolver
from newsprism.pipeline import ingest_inputs
from newsprism.store import Store

BAR = 2000.0
WORDS = [
    "the",
    "council",
    "said",
    "on",
    "monday",
    "that",
    "its",
    "budget",
    "for",
    "harbour",
    "repairs",
    "would",
    "rise",
    "after",
    "officials",
    "found",
    "damage",
    "to",
    "the",
    "bridge",
    "while",
    "workers",
    "at",
    "the",
    "port",
    "began",
    "a",
    "strike",
    "over",
    "pay",
    "and",
    "ministers",
    "denied",
    "reports",
    "of",
    "shipments",
    "of",
    "machine",
    "tools",
    "to",
    "the",
    "arms",
    "industry",
    "according",
    "to",
    "documents",
    "seen",
    "by",
    "reporters",
    "in",
    "the",
    "capital",
    "where",
    "prices",
    "rose",
    "percent",
]


def write_corpus(path: Path, count: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8") as handle:
        for i in range(count):
            words = [rng.choice(WORDS) for _ in range(250)]
            text = " ".join(words[:120]) + ".\n\n" + " ".join(words[120:]) + "."
            record = {
                "id": f"bench-{i}",
                "url": f"https://outlet{i % 40}.example/news/{i}",
                "outlet": f"Outlet {i % 40}",
                "title": " ".join(words[:8]).capitalize(),
                "text": text,
                "published": f"2026-03-{1 + i % 28:02d}T{i % 24:02d}:00:00Z",
            }
            handle.write(json.dumps(record) + "\n")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=20_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "articles.jsonl"
        write_corpus(corpus, args.articles)
        resolver = OutletResolver.default()  # loaded before timing: a one-off cost
        with Store(Path(tmp) / "bench.db") as store:
            start = time.perf_counter()
            report = ingest_inputs(store, [str(corpus)], resolver=resolver, enrich=False)
            elapsed = time.perf_counter() - start
            stored = store.article_count()
    rate = report.added / elapsed
    print(
        f"ingested {report.added} articles ({stored} stored, {len(report.failed)} failed, "
        f"{report.syndicated} marked as copies) in {elapsed:.2f} s: {rate:,.0f} articles/s "
        f"(bar {BAR:,.0f})"
    )
    if report.added != args.articles or stored != args.articles:
        print("FAIL: not every article was stored")
        return 1
    if rate < BAR:
        print("FAIL: below the bar")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
