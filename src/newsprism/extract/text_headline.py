"""The headline of a text capture ("select all, copy" of a web page).

Every short line near the top of the article block is a candidate; a small logistic
model scores each from signals that hold on any site: how many of its words the
article goes on to use, whether a byline, date or reading time follows it, its length
and capitalisation, how far it is from the article block, whether the page prints it
again (a breadcrumb trail "Home > Blog > The headline", a repeated title). The best
scoring candidate is the headline. Weights are fitted by
`benchmarks/capture_headline_weights.py` (see there for the data and cross-validation).
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from typing import Protocol

from newsprism.extract.dates import find_date


class _Line(Protocol):
    """What the headline model reads of a line of the capture (`plaintext._Line`)."""

    text: str
    words: int
    sentence: bool
    lower_ratio: float
    kind: str


# Candidates: lines from this far above the article block to this far into it.
LINES_ABOVE = 40
LINES_INTO = 10
_CONTENT_WORD = re.compile(r"[^\W\d_]{4,}")
_META = re.compile(
    r"\b(?:by|updated|published|posted|written|min read|minutes? read|reading time)\b", re.I
)
_CRUMB = re.compile(r"\s(?:>|»|/|›|\|)\s")
_BYLINE = re.compile(r"^(?:by|written by|posted by|von|por|par)\s", re.I)
_URL = re.compile(r"^(?:https?://|www\.)\S+$", re.I)

FEATURES = (
    "body_overlap", "meta_after", "meta_before", "upper_share", "log_lines_above",
    "log_lines_into", "length", "repeated", "echoed", "question", "breadcrumb",
    "after_short_line", "before_long_line", "inside_block", "ends_sentence",
    "log_candidate_rank", "section_label", "breadcrumb_tail",
)  # fmt: skip
# Fitted on wcxb_dev captures (793 pages): in-sample accuracy 0.623, 5-fold CV by page
# 0.624 (benchmarks/capture_headline_weights.py).
WEIGHTS = (
    3.25, 2.08, -0.69, 0.19, -1.25, -0.87, 4.76, 0.36, 0.92, 0.24, 0.71, 1.47, 0.62,
    -2.8, -0.19, -0.26, -0.12, 2.37,
)  # fmt: skip


def _norm(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.casefold()))


def _is_candidate(line: _Line) -> bool:
    if line.kind not in ("text", "repeat", "section") or not 2 <= line.words <= 30:
        return False
    text = line.text.rstrip()
    if text[-1:] in ".,;:" or _BYLINE.match(text) or _URL.match(text):
        return False
    return not (line.words <= 8 and find_date(text) is not None)


def _is_meta(line: _Line) -> bool:
    return line.words <= 20 and (find_date(line.text) is not None or bool(_META.search(line.text)))


def _body_vocabulary(lines: Sequence[_Line], start: int, end: int) -> dict[str, int]:
    counts: dict[str, int] = {}
    for line in lines[start:end]:
        for word in set(_CONTENT_WORD.findall(line.text.casefold())):
            counts[word] = counts.get(word, 0) + 1
    return counts


def _features(
    lines: Sequence[_Line], norms: list[str], i: int, rank: int, block: tuple[int, int],
    vocabulary: dict[str, int],
) -> list[float]:  # fmt: skip
    start, end = block
    line = lines[i]
    inside = start <= i < end
    words = set(_CONTENT_WORD.findall(line.text.casefold()))
    used = sum(1 for w in words if vocabulary.get(w, 0) - (1 if inside else 0) > 0)
    me = norms[i]
    near = range(max(0, i - 60), min(len(lines), i + 60))
    echoed = len(me) > 10 and any(j != i and f" {me} " in f" {norms[j]} " for j in near)
    crumb_tail = len(me) > 8 and any(
        j != i and _CRUMB.search(lines[j].text) and norms[j].endswith(" " + me) for j in near
    )
    return [
        used / len(words) if words else 0.0,
        float(any(_is_meta(lines[j]) for j in range(i + 1, min(len(lines), i + 5)))),
        float(any(_is_meta(lines[j]) for j in range(max(0, i - 3), i))),
        1.0 - line.lower_ratio,
        math.log1p(start - i if i < start else 0),
        math.log1p(i - start if i >= start else 0),
        min(line.words, 20) / 20,
        float(line.kind == "repeat"),
        float(echoed),
        float(line.text.rstrip().endswith("?")),
        float(bool(_CRUMB.search(line.text))),
        float(i > 0 and lines[i - 1].words <= 4),
        float(i + 1 < len(lines) and lines[i + 1].words >= 15),
        float(inside),
        float(line.sentence),
        math.log1p(rank),
        float(line.kind == "section"),
        float(crumb_tail),
    ]


def headline_candidates(
    lines: Sequence[_Line], start: int, end: int
) -> list[tuple[int, str, list[float]]]:
    """(line index, headline text, features) of each candidate line."""
    lo, hi = max(0, start - LINES_ABOVE), min(len(lines), start + LINES_INTO)
    indexes = [i for i in range(lo, hi) if _is_candidate(lines[i])]
    norms = [_norm(line.text) for line in lines]
    vocabulary = _body_vocabulary(lines, start, end)
    found = []
    for rank, i in enumerate(indexes):
        features = _features(lines, norms, i, rank, (start, end), vocabulary)
        text = lines[i].text.strip()
        if _CRUMB.search(text):
            tail = _CRUMB.split(text)[-1].strip()
            text = tail if len(tail.split()) >= 3 else text  # "Home > Blog > Headline"
        found.append((i, text, features))
    return found


def score(features: list[float], weights: tuple[float, ...] = WEIGHTS) -> float:
    return sum(w * x for w, x in zip(weights, features, strict=True))


def find_headline(lines: Sequence[_Line], start: int, end: int) -> tuple[int | None, str | None]:
    """(line index, text) of the best-scoring headline candidate; (None, None) if none."""
    candidates = headline_candidates(lines, start, end)
    if not candidates:
        return None, None
    index, text, _ = max(candidates, key=lambda c: score(c[2]))
    return index, text
