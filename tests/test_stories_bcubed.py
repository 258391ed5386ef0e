import pytest

from newsprism.stories.bcubed import bcubed, bcubed_items, pairwise


def test_perfect_clustering_scores_one():
    gold = {"a": 1, "b": 1, "c": 2}
    predicted = {"a": "x", "b": "x", "c": "y"}
    assert bcubed(predicted, gold).f1 == pytest.approx(1.0)
    assert pairwise(predicted, gold).f1 == pytest.approx(1.0)


def test_everything_in_one_cluster():
    gold = {"a": 1, "b": 1, "c": 2, "d": 2}
    predicted = dict.fromkeys(gold, "x")
    scores = bcubed(predicted, gold)
    assert scores.precision == pytest.approx(0.5)
    assert scores.recall == pytest.approx(1.0)
    pair = pairwise(predicted, gold)
    assert pair.precision == pytest.approx(2 / 6)
    assert pair.recall == pytest.approx(1.0)


def test_all_singletons():
    gold = {"a": 1, "b": 1, "c": 1, "d": 2}
    predicted = {k: k for k in gold}
    scores = bcubed(predicted, gold)
    assert scores.precision == pytest.approx(1.0)
    assert scores.recall == pytest.approx((1 / 3 * 3 + 1) / 4)
    assert pairwise(predicted, gold).recall == pytest.approx(0.0)


def test_per_item_scores_and_subset():
    gold = {"a": 1, "b": 1, "c": 2}
    predicted = {"a": "x", "b": "y", "c": "y"}
    items = bcubed_items(predicted, gold)
    assert items["a"] == pytest.approx((1.0, 0.5))
    assert items["c"] == pytest.approx((0.5, 1.0))
    only_a = bcubed(predicted, gold, items=["a"])
    assert only_a.precision == pytest.approx(1.0)
    assert only_a.recall == pytest.approx(0.5)
