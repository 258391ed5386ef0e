"""How the summary picks its bullets: shared facts first, whole checkable sentences."""

from __future__ import annotations

import numpy as np

from newsprism.analysis.summary import (
    UNIGRAM_FEATURES,
    story_concept_features,
    summarize_story,
    summary_tokens,
)
from newsprism.models import Article

STORY = [
    Article(
        "l1",
        "Port strike halts container traffic in Rotterdam",
        "ROTTERDAM (Reuters) - Dock workers in Rotterdam walked off the job on Monday, "
        "halting container traffic at Europe's largest port. The strike is the first in "
        'a decade. Union leader Anke de Vries said members were "tired of waiting".',
        outlet="Wire",
    ),
    Article(
        "l2",
        "Rotterdam dock workers strike over pay",
        "Dock workers at the port of Rotterdam went on strike on Monday over pay, halting "
        "container traffic. Shipping lines diverted vessels to Antwerp. A spokesman for "
        "the port authority said talks would resume on Thursday.",
        outlet="Daily",
    ),
    Article(
        "l3",
        "Strike shuts Europe's biggest port",
        "A strike by dock workers halted container traffic at the port of Rotterdam on "
        'Monday. "We will stay out until the employers move," one worker told reporters. '
        "Talks with employers are set to resume on Thursday, the port authority said.",
        outlet="Post",
    ),
]


def test_first_bullet_is_the_fact_all_outlets_share():
    summary = summarize_story("s", STORY, max_bullets=3)
    first = summary.bullets[0]
    assert "halt" in first.text and "container traffic" in first.text
    assert set(first.citations) == {"l1", "l2", "l3"}


def test_bullets_are_checkable_against_their_source():
    summary = summarize_story("s", STORY, max_bullets=6)
    texts = {a.id: a.text for a in STORY}
    for bullet in summary.bullets:
        assert bullet.source_article is not None
        assert bullet.text in texts[bullet.source_article]


def test_dateline_is_trimmed_from_a_bullet():
    article = Article(
        "d1",
        "Strike",
        "ROTTERDAM (Reuters) - Dock workers in Rotterdam walked "
        "off the job on Monday, halting container traffic.",
        outlet="Wire",
    )
    (bullet,) = summarize_story("d", [article]).bullets
    assert bullet.text == (
        "Dock workers in Rotterdam walked off the job on Monday, halting container traffic."
    )


def test_fragments_of_longer_quotes_are_not_bullets():
    broken = Article(
        "b1",
        "Talks",
        'The union leader said: "We are not moving from the gates '
        "this week.\n\nNot this week, not next week, not until the employers "
        'move."\n',
        outlet="X",
    )
    for bullet in summarize_story("b", [broken, *STORY], max_bullets=6).bullets:
        assert bullet.text.count('"') % 2 == 0


def test_word_budget_stops_the_summary():
    summary = summarize_story("s", STORY, max_bullets=10, max_words=30)
    assert sum(len(b.text.split()) for b in summary.bullets[:-1]) < 30


def test_concept_features_describe_every_word_of_the_story():
    features = story_concept_features(STORY)
    assert features.unigram_rows.shape == (len(features.unigrams), len(UNIGRAM_FEATURES))
    share = dict(zip(features.unigrams, features.unigram_rows[:, 0], strict=True))
    assert share[summary_tokens("container")[0]] == 1.0  # in all three articles
    assert share[summary_tokens("Antwerp")[0]] == np.float64(1 / 3)
