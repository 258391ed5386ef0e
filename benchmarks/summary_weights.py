"""Fit the summary's concept model on NeuS train stories and print its coefficients.

    .venv/bin/python benchmarks/summary_weights.py [--split neus_train]

For every story, each word and word pair of its articles is a concept with the
features of `newsprism.analysis.summary.concept_features`; its label is whether the
editor's reference summary uses it. A logistic regression (scikit-learn, C=10) per
concept kind; paste the printed tuples into `summary.py` (UNIGRAM_COEF etc.).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from itertools import pairwise
from pathlib import Path

import numpy as np

from newsprism.analysis.summary import story_concept_features, summary_tokens
from newsprism.models import Article


def shared_data() -> Path:
    env = os.environ.get("NEWSPRISM_SHARED_DATA")
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[1].parent / "shared" / "data"


def main() -> int:
    from sklearn.linear_model import LogisticRegression

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", default="neus_train")
    args = parser.parse_args()
    path = shared_data() / "summaries" / f"{args.split}.jsonl"
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    unigram_x: list[np.ndarray] = []
    bigram_x: list[np.ndarray] = []
    unigram_y: list[bool] = []
    bigram_y: list[bool] = []
    for row in rows:
        articles = [
            Article(id=str(i), title=a.get("title") or "", text=a["text"])
            for i, a in enumerate(row["articles"])
        ]
        features = story_concept_features(articles)
        reference = summary_tokens(row["reference"]["text"])
        words, pairs = set(reference), set(pairwise(reference))
        unigram_x.append(features.unigram_rows)
        unigram_y.extend(w in words for w in features.unigrams)
        bigram_x.append(features.bigram_rows)
        bigram_y.extend(p in pairs for p in features.bigrams)
    for name, x, y in (("UNIGRAM", unigram_x, unigram_y), ("BIGRAM", bigram_x, bigram_y)):
        model = LogisticRegression(C=10.0, max_iter=2000).fit(np.vstack(x), np.array(y))
        coef = ", ".join(f"{c:.3f}" for c in model.coef_[0])
        print(f"{name}_COEF = ({coef})")
        print(f"{name}_BIAS = {model.intercept_[0]:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
