"""Per-article stance towards a story's main claim, on FNC-1 dev, out of fold by topic.

    nice -n 10 .venv/bin/python benchmarks/article_stance.py [--folds 5]

`analysis/article_stance.py` labels an article `reports it as fact`, `reports the
dispute` or `discusses`. FNC-1's related pairs carry the same three readings of an
article against a claim: agree (the article asserts it), disagree (it disputes it),
discuss (it reports it without taking a side). Here each related pair of fnc1_dev is
labelled with a stance model fitted on the other folds (split by topic: claims joined
through a shared body never straddle folds, `stance.topics`) and the article's quote
stances from grammar alone (`claims.stance_of`, no model: the shipped model was fitted
on all of fnc1_dev and would leak). Unrelated pairs are left out: a story's articles are
about its claim by construction.

Prints accuracy and macro-F1 over the three labels, per-class F1, the confusion table,
and the majority-class and model-only figures beside them. No bar: it is a measurement.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

from sklearn.model_selection import GroupKFold

sys.path.insert(0, str(Path(__file__).resolve().parent))

from newsprism.analysis.article_stance import (
    ARTICLE_STANCES,
    DISAGREE_SHARE,
    DISCUSSES,
    DISPUTE,
    FACT,
    denies_claim,
)
from newsprism.analysis.article_stance import article_stance as label_article
from newsprism.enrich.claims import stance_of
from newsprism.enrich.quotes import find_quotes
from stance import fit, load, shared_data, topics

SHARES = (0.3, 0.4, 0.5, 0.6, 1.01)  # the disagree-share grid DISAGREE_SHARE came from
GOLD = {"agree": FACT, "disagree": DISPUTE, "discuss": DISCUSSES}


def scores(gold: list[str], pred: list[str]) -> tuple[float, float, dict[str, float]]:
    accuracy = sum(g == p for g, p in zip(gold, pred, strict=True)) / len(gold)
    per = {}
    for label in ARTICLE_STANCES:
        tp = sum(1 for g, p in zip(gold, pred, strict=True) if g == p == label)
        n_pred, n_gold = pred.count(label), gold.count(label)
        prec = tp / n_pred if n_pred else 0.0
        rec = tp / n_gold if n_gold else 0.0
        per[label] = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    return accuracy, sum(per.values()) / len(per), per


def show(name: str, gold: list[str], pred: list[str]) -> None:
    accuracy, macro, per = scores(gold, pred)
    print(
        f"{name}: accuracy {accuracy:.3f}  macro-F1 {macro:.3f}  "
        + "  ".join(f"{k!r} {v:.3f}" for k, v in per.items())
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folds", type=int, default=5)
    args = parser.parse_args()
    data = shared_data() / "stance"
    pairs, bodies = load(data / "fnc1_dev.jsonl", data / "fnc1_dev_bodies.jsonl")
    groups = topics(pairs)
    statements = {
        body_id: [(stance_of(q.cue, q.content), q.content) for q in find_quotes(text)]
        for body_id, text in bodies.items()
    }
    gold: list[str] = []
    pred: list[str] = []
    model_only: list[str] = []
    grid: dict[float, list[str]] = {share: [] for share in SHARES}
    for k, (train, test) in enumerate(GroupKFold(n_splits=args.folds).split(pairs, groups=groups)):
        model = fit([pairs[i] for i in train], bodies)
        for i in test:
            pair = pairs[i]
            if pair["stance"] == "unrelated":
                continue
            body_id = str(pair["body_id"])
            probs = model.probabilities(pair["claim"], bodies[body_id])
            denied = denies_claim(pair["claim"], statements.get(body_id, []))
            gold.append(GOLD[pair["stance"]])
            pred.append(label_article(probs, denied))
            model_only.append(label_article(probs, False))
            for share in SHARES:
                grid[share].append(label_article(probs, denied, share))
        print(f"fold {k + 1}/{args.folds} done", file=sys.stderr)
    print(f"FNC-1 dev related pairs: {len(gold)}, gold {dict(Counter(gold))}")
    majority = Counter(gold).most_common(1)[0][0]
    show("majority class", gold, [majority] * len(gold))
    show("model only", gold, model_only)
    show(f"model + article's denials of the claim (share {DISAGREE_SHARE})", gold, pred)
    for share in SHARES:
        show(f"  grid: disagree share {share}", gold, grid[share])
    print("confusion (rows gold, columns predicted):")
    for g in ARTICLE_STANCES:
        print(
            f"  {g:>20}: "
            + "  ".join(
                f"{sum(1 for a, b in zip(gold, pred, strict=True) if a == g and b == p):>5}"
                for p in ARTICLE_STANCES
            )
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
