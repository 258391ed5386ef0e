"""HTML article extraction on the Article Extraction Benchmark (AEB); bar F1 >= 0.958.

    nice -n 10 .venv/bin/python benchmarks/extraction_aeb.py [--worst N]

Reads ../shared/data/extraction/aeb (181 pages, gold article bodies); override the
data root with NEWSPRISM_SHARED_DATA. Also prints trafilatura alone, for reference.

The metric re-implements scrapinghub/article-extraction-benchmark's `evaluate.py`:
word 4-gram shingles (tokens are `\\w+` matches, case kept, as that script does),
counted as multisets; per page TP/FP/FN normalised by their sum; precision averaged
over the pages with TP+FP > 0, recall over the pages with TP+FN > 0 (a page with
nothing predicted scores recall 0 and is left out of precision); F1 from the two
averages.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT / "src"))  # when newsprism is not pip-installed
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


# --- the benchmark ---------------------------------------------------------------------

BAR_F1 = 0.958


def _run(pages: list[Page], extract: Callable[[Page], str]) -> tuple[list[str], float]:
    started = time.perf_counter()
    predictions = [extract(page) for page in pages]
    return predictions, time.perf_counter() - started


def _rows(pages: list[Page], texts: list[str], lowercase: bool = False) -> list[tuple[float, ...]]:
    return [shingle_counts(p.gold, t, lowercase) for p, t in zip(pages, texts, strict=True)]


def main() -> None:
    parser = argparse.ArgumentParser(description="newsprism HTML extraction on the AEB pages")
    parser.add_argument("--no-baseline", action="store_true", help="skip trafilatura alone")
    parser.add_argument("--worst", type=int, default=0, help="list the N worst pages")
    args = parser.parse_args()

    from newsprism.extract.html import extract_html

    pages = load_pages()
    print(f"AEB: {len(pages)} pages from {aeb_dir()}")
    extractors: dict[str, list[str]] = {}

    if not args.no_baseline:
        import trafilatura

        texts, elapsed = _run(
            pages, lambda p: trafilatura.extract(p.html, include_comments=False) or ""
        )
        base = score(_rows(pages, texts))
        print(
            f"trafilatura {trafilatura.__version__} alone (defaults): F1={base.f1:.4f} "
            f"P={base.precision:.4f} R={base.recall:.4f}  {len(pages) / elapsed:.1f} pages/s"
        )

    def ours(page: Page) -> str:
        article = extract_html(page.html.encode("utf-8"), page.url)
        extractors.setdefault(article.extractor, []).append(page.id)
        return article.text

    texts, elapsed = _run(pages, ours)
    rows = _rows(pages, texts)
    result = score(rows)
    lowered = score(_rows(pages, texts, lowercase=True))
    print(
        f"newsprism extract_html (metadata included): F1={result.f1:.4f} "
        f"P={result.precision:.4f} R={result.recall:.4f}  {len(pages) / elapsed:.1f} pages/s"
    )
    print(f"  (with lower-cased tokens: F1={lowered.f1:.4f})")
    print("extractor used: " + ", ".join(f"{k}={len(v)}" for k, v in sorted(extractors.items())))
    if args.worst:
        ranked = sorted(zip(pages, rows, strict=True), key=lambda pr: page_f1(pr[1]))
        for page, row in ranked[: args.worst]:
            print(f"  {page_f1(row):.3f} {page.id[:12]} {page.url[:90]}")
    if result.f1 < BAR_F1:
        print(f"FAIL: F1 {result.f1:.4f} < {BAR_F1}")
        sys.exit(1)


if __name__ == "__main__":
    main()
