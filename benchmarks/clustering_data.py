"""Loading the clustering gold sets and caching their embeddings (for clustering.py)."""

from __future__ import annotations

import csv
import hashlib
import json
import os
import sys
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT / "src") not in sys.path:
    sys.path.insert(0, str(ROOT / "src"))

SHARED = Path(os.environ.get("NEWSPRISM_SHARED_DATA", ROOT.parent / "shared" / "data"))
OUT = ROOT / "benchmarks" / "out"


@dataclass
class GoldSet:
    name: str
    articles: list[dict[str, Any]]  # interchange records: id, url, outlet, title, text, published
    gold: dict[str, str]  # article id -> gold story
    embeddings: np.ndarray

    def without_dates(self) -> GoldSet:
        undated = [{**a, "published": None} for a in self.articles]
        return GoldSet(self.name + " (no dates)", undated, self.gold, self.embeddings)


def load_allsides() -> GoldSet:
    path = SHARED / "clustering" / "allsides_2021_dev.jsonl"
    articles, gold = [], {}
    with path.open(encoding="utf-8") as lines:
        for n, line in enumerate(lines):
            row = json.loads(line)
            article_id = f"as{n}"
            articles.append(
                {
                    "id": article_id,
                    "url": row.get("url"),
                    "outlet": row.get("outlet"),
                    "title": row.get("title") or "",
                    "text": row.get("text") or "",
                    "published": None,  # AllSides dates would give the gold story away
                }
            )
            gold[article_id] = row["story_id"]
    return GoldSet("allsides_2021_dev", articles, gold, _embeddings("allsides", articles))


def load_uci() -> GoldSet:
    path = SHARED / "clustering" / "uci_news_aggregator_sample.csv"
    articles, gold = [], {}
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if not row.get("TIMESTAMP") or not row.get("STORY"):
                continue  # the file's last line is cut short
            article_id = f"uci{row['ID']}"
            published = datetime.fromtimestamp(int(row["TIMESTAMP"]) / 1000, tz=UTC)
            articles.append(
                {
                    "id": article_id,
                    "url": row.get("URL"),
                    "outlet": row.get("PUBLISHER"),
                    "title": (row.get("TITLE") or "").strip(),
                    "text": "",
                    "published": published.isoformat(),
                }
            )
            gold[article_id] = row["STORY"]
    return GoldSet("uci_news_aggregator_sample", articles, gold, _embeddings("uci", articles))


def _embeddings(name: str, articles: list[dict[str, Any]]) -> np.ndarray:
    from newsprism.enrich.embeddings import article_embedding_text, embed_texts

    texts = [article_embedding_text(a) for a in articles]
    digest = hashlib.sha1("\n\x00".join(texts).encode()).hexdigest()[:16]
    path = OUT / f"emb_{name}_{digest}.npy"
    if path.exists():
        return np.load(path)
    OUT.mkdir(parents=True, exist_ok=True)
    vectors = embed_texts(texts)
    np.save(path, vectors)
    return vectors
