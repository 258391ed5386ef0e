"""The story title: the most representative, least loaded headline of its articles.

Each headline is scored by its mean TF-IDF-free word overlap with the other headlines
and with the story's text (how representative it is), minus its loaded-language
score, minus small penalties for questions, quotes, all-caps and very short or very
long headlines. Ties go to the earliest article.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from newsprism.analysis.loaded_language import loaded_score
from newsprism.models import Article
from newsprism.text import HEADLINE_STOPWORDS, content_words

# How a headline is scored. Hand-set values: no benchmark fits them. Agreement with the
# other headlines counts fully, words the story's texts use half; loaded language
# (analysis/loaded_language.py) and style count against.
COVERAGE_WEIGHT = 0.5
LOADED_WEIGHT = 0.6
QUESTION_OR_EXCLAMATION = 0.15
QUOTE_OR_COLON = 0.05
SHOUTING = 0.2  # more than SHOUTING_SHARE of the letters in capitals
SHOUTING_SHARE = 0.6
ODD_LENGTH = 0.1  # fewer than MIN_WORDS or more than MAX_WORDS words
MIN_WORDS, MAX_WORDS = 4, 20


def _words(text: str) -> set[str]:
    return content_words(text, HEADLINE_STOPWORDS)


def _style_penalty(title: str) -> float:
    penalty = 0.0
    if "?" in title or "!" in title:
        penalty += QUESTION_OR_EXCLAMATION
    if re.search(r"[\"“”‘’']\s*\w[^\"“”]*[\"“”’']", title) or ":" in title:
        penalty += QUOTE_OR_COLON
    letters = [c for c in title if c.isalpha()]
    if letters and sum(c.isupper() for c in letters) / len(letters) > SHOUTING_SHARE:
        penalty += SHOUTING
    words = len(title.split())
    if words < MIN_WORDS or words > MAX_WORDS:
        penalty += ODD_LENGTH
    return penalty


def headline_score(title: str, others: Sequence[str], story_words: set[str]) -> float:
    words = _words(title)
    if not words:
        return -1.0
    agreement = (
        sum(len(words & _words(o)) / len(words) for o in others) / len(others) if others else 0.0
    )
    coverage = len(words & story_words) / len(words)
    return (
        agreement
        + COVERAGE_WEIGHT * coverage
        - LOADED_WEIGHT * loaded_score(title)
        - _style_penalty(title)
    )


def choose_title(articles: Sequence[Article]) -> str:
    """The best headline among the articles' titles ("" when none has one)."""
    titles = [(i, a.title.strip()) for i, a in enumerate(articles) if (a.title or "").strip()]
    if not titles:
        return ""
    story_words: set[str] = set()
    for article in articles:
        story_words |= _words((article.text or "")[:2000])
    best_title, best_score = "", float("-inf")
    for index, title in titles:
        others = [t for j, t in titles if j != index]
        score = headline_score(title, others, story_words)
        if score > best_score:
            best_title, best_score = title, score
    return best_title
