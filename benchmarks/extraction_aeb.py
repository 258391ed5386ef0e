"""Shared loading and scoring for the Article Extraction Benchmark (AEB) scripts.

The metric re-implements scrapinghub/article-extraction-benchmark's `evaluate.py`:
word 4-gram shingles (tokens are `\\w+` matches, case kept, as that script does),
counted as multisets; per page TP/FP/FN normalised by their sum; precision averaged
over the pages with TP+FP > 0, recall over the pages with TP+FN > 0 (a page with
nothing predicted scores recall 0 and is left out of precision); F1 from the two
averages.
"""

from __future__ import annotations

import gzip
import json
import os
import re
import statistics
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
OUT_DIR = REPO_ROOT / "benchmarks" / "out"

_TOKEN = re.compile(r"\w+", re.UNICODE)


def shared_data() -> Path:
    override = os.environ.get("NEWSPRISM_SHARED_DATA")
    return Path(override) if override else REPO_ROOT.parent / "shared" / "data"


def aeb_dir() -> Path:
    return shared_data() / "extraction" / "aeb"


@dataclass
class Page:
    id: str
    url: str
    gold: str
    html: str


def load_pages() -> list[Page]:
    root = aeb_dir()
    truth = json.loads((root / "ground-truth.json").read_text(encoding="utf-8"))
    pages = []
    for page_id in sorted(truth):
        with gzip.open(root / "html" / f"{page_id}.html.gz", "rt", encoding="utf-8") as f:
            html = f.read()
        record = truth[page_id]
        pages.append(Page(page_id, record.get("url", ""), record.get("articleBody", ""), html))
    return pages


def _shingles(text: str, n: int = 4, lowercase: bool = False) -> Counter[tuple[str, ...]]:
    tokens = _TOKEN.findall(text.lower() if lowercase else text)
    grams = (tuple(tokens[i : i + n]) for i in range(max(1, len(tokens) - n + 1)))
    return Counter(g for g in grams if g)


def shingle_counts(gold: str, predicted: str, lowercase: bool = False) -> tuple[float, ...]:
    """Normalised (tp, fp, fn) of one page."""
    true = _shingles(gold or "", lowercase=lowercase)
    pred = _shingles(predicted or "", lowercase=lowercase)
    tp = sum((true & pred).values())
    fp = sum((pred - true).values())
    fn = sum((true - pred).values())
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def _precision(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    if tp == fp == 0:
        return 0.0
    return tp / (tp + fp)


def _recall(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    if tp == fn == 0:
        return 0.0
    return tp / (tp + fn)


@dataclass
class Scores:
    f1: float
    precision: float
    recall: float


def score(rows: list[tuple[float, ...]]) -> Scores:
    precision = statistics.mean(_precision(*r) for r in rows if r[0] + r[1] > 0)
    recall = statistics.mean(_recall(*r) for r in rows if r[0] + r[2] > 0)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return Scores(f1, precision, recall)


def page_f1(row: tuple[float, ...]) -> float:
    p, r = _precision(*row), _recall(*row)
    return 2 * p * r / (p + r) if p + r else 0.0
