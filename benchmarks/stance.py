"""Stance (agree / disagree / discuss / unrelated) on FNC-1, cross-validated by claim.

    nice -n 10 .venv/bin/python benchmarks/stance.py            # 5-fold CV on fnc1_dev
    nice -n 10 .venv/bin/python benchmarks/stance.py --train    # fit on all, write the model
    nice -n 10 .venv/bin/python benchmarks/stance.py --eval FILE.jsonl --bodies B.jsonl
                                                                # score the shipped model

Folds split by claim (no claim in both train and test). Bodies are shared between
claims (unrelated pairs borrow other claims' bodies), so one body can appear in both.
Every fold refits everything, IDF included, on its training claims only.

Figures: the official FNC-1 score as % of its maximum (+0.25 for related vs unrelated
right, +0.75 more for the right related label), macro-F1 over the four labels, and the
confusion table. Bars: >= 85% of maximum and macro-F1 >= 0.65.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np
from scipy import sparse as sp
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold

from newsprism.enrich import stance as st

BAR_SCORE = 0.85
BAR_MACRO_F1 = 0.65
# Regularisation of the two logistic regressions and the vocabulary cuts. Chosen by
# this script's 5-fold CV by topic on fnc1_dev (stance C in {0.05, 0.3}, sparse term
# groups, MIN_TERM_TOPICS in {1, 5, 10}; all within about 1 point of FNC score), so the
# CV figures are slightly optimistic; the other FNC-1 half is the unbiased check.
RELATE_C = 1.0
STANCE_C = 0.3
MIN_TERM_PAIRS = 5
# A term must occur in the related pairs of this many topics (claims linked by shared
# bodies): words of one affair cannot become stance cues.
MIN_TERM_TOPICS = 5
MAX_TERMS = 8000


def shared_data() -> Path:
    env = os.environ.get("NEWSPRISM_SHARED_DATA")
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[1].parent / "shared" / "data"


def load(pairs_path: Path, bodies_path: Path) -> tuple[list[dict[str, str]], dict[str, str]]:
    pairs = [json.loads(line) for line in pairs_path.open(encoding="utf-8") if line.strip()]
    bodies = {}
    for line in bodies_path.open(encoding="utf-8"):
        if line.strip():
            row = json.loads(line)
            bodies[str(row["body_id"])] = row["body"]
    return pairs, bodies


def featurise(
    pairs: Sequence[dict[str, str]], bodies: dict[str, str], idf: st.Idf
) -> tuple[np.ndarray, list[list[str]]]:
    prepared: dict[str, st.Body] = {}
    dense, terms = [], []
    for pair in pairs:
        body_id = str(pair["body_id"])
        if body_id not in prepared:
            prepared[body_id] = st.prepare_body(bodies[body_id], idf)
        d, s = st.pair_features(pair["claim"], prepared[body_id], idf)
        dense.append(d)
        terms.append(s)
    return np.asarray(dense, dtype=np.float64), terms


def _standardise(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale < 1e-9] = 1.0
    return mean, scale


def fit(pairs: Sequence[dict[str, str]], bodies: dict[str, str]) -> st.StanceModel:
    """Both stages fitted on `pairs` (IDF from their claims and bodies)."""
    used_bodies = sorted({str(p["body_id"]) for p in pairs})
    claims = sorted({p["claim"] for p in pairs})
    idf = st.fit_idf([st.tokens(bodies[b]) for b in used_bodies] + [st.tokens(c) for c in claims])
    dense, terms = featurise(pairs, bodies, idf)
    labels = np.array([p["stance"] for p in pairs])

    related = labels != "unrelated"
    r_mean, r_scale = _standardise(dense)
    relate = LogisticRegression(C=RELATE_C, max_iter=2000)
    relate.fit((dense - r_mean) / r_scale, related.astype(int))

    rel_dense = dense[related]
    rel_terms = [t for t, keep in zip(terms, related, strict=True) if keep]
    rel_topics = [t for t, keep in zip(topics(pairs), related, strict=True) if keep]
    counts: dict[str, int] = {}
    spread: dict[str, set[str]] = {}
    for bag, topic in zip(rel_terms, rel_topics, strict=True):
        for term in bag:
            counts[term] = counts.get(term, 0) + 1
            spread.setdefault(term, set()).add(topic)
    vocab_terms = sorted(
        (t for t, c in counts.items() if c >= MIN_TERM_PAIRS and len(spread[t]) >= MIN_TERM_TOPICS),
        key=lambda t: (-counts[t], t),
    )[:MAX_TERMS]
    vocab = {t: i for i, t in enumerate(vocab_terms)}
    s_mean, s_scale = _standardise(rel_dense)
    x = _design(rel_dense, rel_terms, s_mean, s_scale, vocab)
    model = LogisticRegression(C=STANCE_C, max_iter=3000, class_weight="balanced")
    model.fit(x, labels[related])
    order = [list(model.classes_).index(label) for label in st.RELATED_LABELS]
    coef = model.coef_[order]
    n_dense = len(st.DENSE_NAMES)
    return st.StanceModel(
        idf=idf,
        relate_mean=r_mean,
        relate_scale=r_scale,
        relate_weights=relate.coef_[0],
        relate_bias=float(relate.intercept_[0]),
        stance_mean=s_mean,
        stance_scale=s_scale,
        stance_dense=coef[:, :n_dense].T,
        stance_terms={t: coef[:, n_dense + i] for t, i in vocab.items()},
        stance_bias=model.intercept_[order],
        provenance={
            "trained_on": "FNC-1 competition test half fnc1_dev (12,660 pairs, 447 claims)",
            "script": "benchmarks/stance.py --train",
            "relate_C": RELATE_C,
            "stance_C": STANCE_C,
            "min_term_pairs": MIN_TERM_PAIRS,
        },
    )


def _design(
    dense: np.ndarray,
    terms: list[list[str]],
    mean: np.ndarray,
    scale: np.ndarray,
    vocab: dict[str, int],
) -> sp.csr_matrix:
    rows, cols = [], []
    for row, bag in enumerate(terms):
        for term in bag:
            col = vocab.get(term)
            if col is not None:
                rows.append(row)
                cols.append(col)
    bag_matrix = sp.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(terms), len(vocab)))
    return sp.hstack([sp.csr_matrix((dense - mean) / scale), bag_matrix]).tocsr()


def predict(
    model: st.StanceModel, pairs: Sequence[dict[str, str]], bodies: dict[str, str]
) -> list[str]:
    dense, terms = featurise(pairs, bodies, model.idf)
    out = []
    for d, t in zip(dense, terms, strict=True):
        if model.related_probability(d) < 0.5:
            out.append("unrelated")
            continue
        scores = model.related_scores(d, t)
        out.append(st.RELATED_LABELS[int(np.argmax(scores))])
    return out


def fnc_score(gold: Sequence[str], pred: Sequence[str]) -> float:
    """Official FNC-1 score as a share of the best possible."""
    score = best = 0.0
    for g, p in zip(gold, pred, strict=True):
        best += 0.25 if g == "unrelated" else 1.0
        if (g == "unrelated") == (p == "unrelated"):
            score += 0.25
        if g != "unrelated" and g == p:
            score += 0.75
    return score / best


def macro_f1(gold: Sequence[str], pred: Sequence[str]) -> tuple[float, dict[str, float]]:
    per = {}
    for label in st.LABELS:
        tp = sum(1 for g, p in zip(gold, pred, strict=True) if g == p == label)
        n_pred = sum(1 for p in pred if p == label)
        n_gold = sum(1 for g in gold if g == label)
        prec = tp / n_pred if n_pred else 0.0
        rec = tp / n_gold if n_gold else 0.0
        per[label] = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    return sum(per.values()) / len(per), per


def report(gold: Sequence[str], pred: Sequence[str]) -> tuple[float, float]:
    score = fnc_score(gold, pred)
    macro, per = macro_f1(gold, pred)
    print(f"FNC-1 score: {100 * score:.1f}% of maximum   macro-F1: {macro:.3f}")
    print("per-class F1: " + "  ".join(f"{k} {v:.3f}" for k, v in per.items()))
    print("confusion (rows gold, columns predicted):")
    print(f"{'':>10}" + "".join(f"{label:>11}" for label in st.LABELS))
    for g in st.LABELS:
        cells = [
            sum(1 for a, b in zip(gold, pred, strict=True) if a == g and b == p) for p in st.LABELS
        ]
        print(f"{g:>10}" + "".join(f"{c:>11}" for c in cells))
    return score, macro


def topics(pairs: Sequence[dict[str, str]]) -> list[str]:
    """Group id per pair: claims linked through a body they are both related to.

    FNC-1 headlines of one Emergent topic share their related bodies, so a claim-split
    still shows a test body's stance to its topic in training; this split does not.
    """
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for pair in pairs:
        if pair["stance"] != "unrelated":
            parent[find("c:" + pair["claim"])] = find("b:" + str(pair["body_id"]))
    return [find("c:" + p["claim"]) for p in pairs]


def cross_validate(
    pairs: list[dict[str, str]], bodies: dict[str, str], folds: int, by_topic: bool = False
) -> list[str]:
    groups = topics(pairs) if by_topic else [p["claim"] for p in pairs]
    pred = [""] * len(pairs)
    for k, (train, test) in enumerate(GroupKFold(n_splits=folds).split(pairs, groups=groups)):
        started = time.time()
        model = fit([pairs[i] for i in train], bodies)
        for i, label in zip(test, predict(model, [pairs[i] for i in test], bodies), strict=True):
            pred[i] = label
        print(
            f"fold {k + 1}/{folds}: {len(test)} pairs, {time.time() - started:.0f}s",
            file=sys.stderr,
        )
    return pred


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--train", action="store_true", help="fit on all of fnc1_dev and save")
    parser.add_argument("--eval", type=Path, help="score the shipped model on these pairs")
    parser.add_argument("--bodies", type=Path, help="bodies file for --eval")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument(
        "--by-topic",
        action="store_true",
        help="stricter folds: no topic (claims sharing bodies) on both sides",
    )
    args = parser.parse_args()
    data = shared_data() / "stance"
    if args.eval:
        pairs, bodies = load(
            args.eval, args.bodies or args.eval.with_name(args.eval.stem + "_bodies.jsonl")
        )
        model = st.load_model()
        pred = predict(model, pairs, bodies)
        report([p["stance"] for p in pairs], pred)
        return 0
    pairs, bodies = load(data / "fnc1_dev.jsonl", data / "fnc1_dev_bodies.jsonl")
    if args.train:
        model = fit(pairs, bodies)
        st.MODEL_PATH.write_text(
            json.dumps(st.model_to_json(model), separators=(",", ":")), encoding="utf-8"
        )
        print(
            f"wrote {st.MODEL_PATH} ({st.MODEL_PATH.stat().st_size // 1024} KB, "
            f"{len(model.stance_terms)} terms)"
        )
        return 0
    started = time.time()
    pred = cross_validate(pairs, bodies, args.folds, args.by_topic)
    unit = "topic" if args.by_topic else "claim"
    print(
        f"fnc1_dev, {args.folds}-fold CV by {unit}, {len(pairs)} pairs, "
        f"{time.time() - started:.0f}s"
    )
    score, macro = report([p["stance"] for p in pairs], pred)
    ok = score >= BAR_SCORE and macro >= BAR_MACRO_F1
    print(
        f"bars: score >= {100 * BAR_SCORE:.0f}% and macro-F1 >= {BAR_MACRO_F1}: "
        f"{'met' if ok else 'NOT met'}"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
