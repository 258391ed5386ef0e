"""Speed of the enrichment + summary of a story: NER, quotes, claims and summary.

    .venv/bin/python benchmarks/enrich_speed.py [--articles 84] [--processes 2]

The story is the PolNeAR dev articles (real news, about 800 words each; the texts are
read from ../shared/data). Timed, wall clock, from the texts to the entities, quotes,
grouped claims and cited summary of the story, as the product computes them:
`EnrichJob` runs spaCy NER (the NER component only), `entities_from_doc` and
`find_quotes` over the articles in `--processes` forked workers (their start-up is
timed too; NER reads the first `nlp.NER_MAX_CHARS` characters of each article, see
`--ner-max-chars`) while this process writes the summary, then claims and story entities
are merged here. Bar: >= 20 articles/s (wall clock) on 2 cores. The machine's load
average and the CPU time used are printed with the result, since other jobs share the
cores; run it when the machine is quiet.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import time
from pathlib import Path

from newsprism.analysis.summary import summarize_story
from newsprism.enrich import nlp
from newsprism.enrich.batch import EnrichJob
from newsprism.enrich.claims import ArticleQuotes, group_claims
from newsprism.enrich.entities import story_entities
from newsprism.enrich.nlp import get_nlp
from newsprism.models import Article

BAR = 20.0


def shared_data() -> Path:
    env = os.environ.get("NEWSPRISM_SHARED_DATA")
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[1].parent / "shared" / "data"


def cpu_seconds() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=84)
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument(
        "--ner-max-chars",
        type=int,
        default=None,
        help=f"characters NER reads per article (0: all; default {nlp.NER_MAX_CHARS})",
    )
    args = parser.parse_args()
    if args.ner_max_chars is not None:
        nlp.NER_MAX_CHARS = args.ner_max_chars or None
    folder = shared_data() / "attribution" / "polnear_dev" / "text"
    paths = sorted(folder.glob("*.txt"))[: args.articles]
    articles = []
    for path in paths:
        text = path.read_text(encoding="utf-8")
        title = text.split("\n", 1)[0]
        articles.append(
            Article(id=path.stem, title=title, text=text, outlet=path.stem.split("_")[0])
        )
    words = sum(len(a.text.split()) for a in articles) / len(articles)
    get_nlp()("warm up")  # model loading is start-up, not per-story work
    load_before = os.getloadavg()
    cpu_before = cpu_seconds()
    started = time.perf_counter()
    job = EnrichJob([a.text for a in articles], args.processes)
    summary = summarize_story("bench", articles)
    summary_done = time.perf_counter()
    enriched = job.get()
    workers_done = time.perf_counter()
    entities = story_entities([e for e, _ in enriched])
    claims = group_claims(
        [ArticleQuotes(a.id, a.outlet, q) for a, (_, q) in zip(articles, enriched, strict=True)]
    )
    elapsed = time.perf_counter() - started
    cpu = cpu_seconds() - cpu_before
    rate = len(articles) / elapsed
    quotes = sum(len(q) for _, q in enriched)
    print(
        f"{len(articles)} articles ({words:.0f} words on average), {args.processes} processes, "
        f"NER reads {nlp.NER_MAX_CHARS or 'all'} characters per article"
    )
    merged = elapsed - (workers_done - started)
    order = (
        "NER+entities+quotes, then the summary"
        if args.processes == 1
        else ("the summary alongside the workers' NER+entities+quotes")
    )
    print(
        f"  {order}: done at {summary_done - started:.2f}s / {workers_done - started:.2f}s, "
        f"then claims+story entities {merged:.2f}s; total {elapsed:.2f}s wall, {cpu:.2f}s CPU"
    )
    print(
        f"  {quotes} quotes, {len(claims)} claims, {len(entities)} entities, "
        f"{len(summary.bullets)} bullets"
    )
    print(f"  load average before: {load_before[0]:.2f} (1 min), {load_before[1]:.2f} (5 min)")
    # What the CPU time allows when the workers have the cores to themselves (wall time
    # includes waiting for other jobs' processes on a shared machine).
    capacity = len(articles) / (cpu / args.processes)
    print(f"  CPU-bound estimate on {args.processes} free cores: {capacity:.1f} articles/s")
    print(f"  {rate:.1f} articles/s wall clock (bar {BAR}) -> {'PASS' if rate >= BAR else 'FAIL'}")
    return 0 if rate >= BAR else 1


if __name__ == "__main__":
    sys.exit(main())
