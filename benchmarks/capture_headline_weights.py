"""Fit the text-capture headline model (`extract/text_headline.py: WEIGHTS`).

    nice -n 10 .venv/bin/python benchmarks/capture_headline_weights.py

Reads the WCXB dev captures and gold titles (../shared/data/extraction/wcxb_dev, see
extraction_wcxb.py); each candidate line of a capture is an example, labelled 1 when
it matches the gold title as the benchmark's headline test does. A logistic
regression (scikit-learn, L2, C=1) is fitted; the printed weights go into
text_headline.py. Accuracy (best-scoring candidate right) is reported in-sample and by
5-fold cross-validation over pages, next to the shipped weights' in-sample accuracy.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(1, str(Path(__file__).resolve().parents[1] / "src"))

import numpy as np
from sklearn.linear_model import LogisticRegression

from extraction_wcxb import Page, load_wcxb, same_headline
from newsprism.extract.plaintext import _clean, article_block
from newsprism.extract.text_headline import FEATURES, WEIGHTS, headline_candidates, score

Example = tuple[Page, list[tuple[int, str, list[float]]]]


def examples(pages: list[Page]) -> list[Example]:
    found = []
    for page in pages:
        block = article_block(_clean(page.capture.decode("utf-8")))
        found.append((page, headline_candidates(block.lines, block.start, block.end)))
    return found


def fit(items: list[Example]) -> tuple[float, ...]:
    x = [f for _, cands in items for _, _, f in cands]
    y = [int(same_headline(t, page.title)) for page, cands in items for _, t, _ in cands]
    model = LogisticRegression(C=1.0, max_iter=5000).fit(np.array(x), np.array(y))
    return tuple(float(w) for w in model.coef_[0])


def accuracy(items: list[Example], weights: tuple[float, ...]) -> float:
    right = 0
    for page, cands in items:
        if cands:
            best = max(cands, key=lambda c: score(c[2], weights))
            right += same_headline(best[1], page.title)
    return right / len(items)


def main() -> None:
    items = examples(load_wcxb())
    print(f"{len(items)} captures; shipped weights: accuracy {accuracy(items, WEIGHTS):.3f}")
    weights = fit(items)
    print(f"refitted in-sample: {accuracy(items, weights):.3f}")
    order = list(range(len(items)))
    random.Random(0).shuffle(order)
    folds = [order[k::5] for k in range(5)]
    right = 0.0
    for k in range(5):
        test = [items[i] for i in folds[k]]
        train = [items[i] for j in range(5) if j != k for i in folds[j]]
        right += accuracy(test, fit(train)) * len(test)
    print(f"5-fold CV by page: {right / len(items):.3f}")
    for name, w in zip(FEATURES, weights, strict=True):
        print(f"  {name:<20} {w:+.2f}")


if __name__ == "__main__":
    main()
