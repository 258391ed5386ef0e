"""Speed of the enrichment + summary of a story: NER, quotes, claims and summary.

    .venv/bin/python benchmarks/enrich_speed.py [--articles 84] [--processes 2]

The story is the PolNeAR dev articles (real news, about 950 words each; the texts
are read from ../shared/data). Timed from texts to entities, quotes, grouped claims
and the cited summary, spaCy NER batched over `--processes` worker processes
(start-up of the workers included). Bar: >= 20 articles/s.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from newsprism.analysis.summary import summarize_story
from newsprism.enrich.claims import ArticleQuotes, group_claims
from newsprism.enrich.entities import entities_from_doc, story_entities
from newsprism.enrich.nlp import get_nlp
from newsprism.enrich.quotes import find_quotes
from newsprism.models import Article

BAR = 20.0


def shared_data() -> Path:
    env = os.environ.get("NEWSPRISM_SHARED_DATA")
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[1].parent / "shared" / "data"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=84)
    parser.add_argument("--processes", type=int, default=2)
    args = parser.parse_args()
    folder = shared_data() / "attribution" / "polnear_dev" / "text"
    paths = sorted(folder.glob("*.txt"))[: args.articles]
    articles = [Article(id=p.stem, title=p.read_text(encoding="utf-8").split("\n", 1)[0],
                        text=p.read_text(encoding="utf-8"), outlet=p.stem.split("_")[0])
                for p in paths]
    words = sum(len(a.text.split()) for a in articles) / len(articles)
    nlp = get_nlp()
    nlp("warm up")
    started = time.perf_counter()
    docs = list(nlp.pipe([a.text for a in articles], batch_size=16, n_process=args.processes))
    ner_done = time.perf_counter()
    per_article_entities = [entities_from_doc(doc, a.text) for doc, a in zip(docs, articles,
                                                                              strict=True)]
    entities = story_entities(per_article_entities)
    quotes = [ArticleQuotes(a.id, a.outlet, find_quotes(a.text, doc))
              for a, doc in zip(articles, docs, strict=True)]
    claims = group_claims(quotes)
    summary = summarize_story("bench", articles)
    elapsed = time.perf_counter() - started
    rate = len(articles) / elapsed
    print(f"{len(articles)} articles ({words:.0f} words on average), {args.processes} processes")
    print(f"  NER {ner_done - started:.2f}s, quotes+claims+entities+summary "
          f"{elapsed - (ner_done - started):.2f}s, total {elapsed:.2f}s")
    print(f"  {sum(len(q.quotes) for q in quotes)} quotes, {len(claims)} claims, "
          f"{len(entities)} entities, {len(summary.bullets)} bullets")
    print(f"  {rate:.1f} articles/s (bar {BAR}) -> {'PASS' if rate >= BAR else 'FAIL'}")
    return 0 if rate >= BAR else 1


if __name__ == "__main__":
    sys.exit(main())
