"""Text a program hard-wrapped at a fixed width (lynx and w3m dumps, mail clients)
reads as the same article as the browser's copy."""

from __future__ import annotations

import textwrap

from newsprism.extract.plaintext import extract_plaintext
from newsprism.extract.unwrap import unwrap

PARAGRAPHS = [
    "The harbour bridge reopened to traffic on Monday after six months of repairs to its"
    " deck and cables, the city's transport office said in a statement on its website.",
    "Engineers replaced the expansion joints of the harbour bridge and repainted the steel,"
    " and the repairs came in under budget, according to the transport office.",
    "Commuters had used a ferry service during the closure, and the office thanked"
    " residents for their patience while the bridge was shut for repairs.",
    "The ferry will keep running on weekends until the end of the month, the transport"
    " office said, and tickets bought for it will be refunded on request.",
]
HEADER = ["Home", "World", "Business", "Sport", "Harbour bridge reopens after repairs",
          "By Jane Example", "March 4, 2024"]  # fmt: skip


def _wrapped(width: int, indent: str = "") -> str:
    lines = list(HEADER)
    for paragraph in PARAGRAPHS:
        lines.append("")
        lines.extend(textwrap.wrap(paragraph, width, initial_indent=indent,
                                   subsequent_indent=indent))  # fmt: skip
    return "\n".join(lines) + "\n"


def test_wrapped_paragraphs_are_joined_and_short_lines_kept() -> None:
    for width, indent in ((72, ""), (79, "   ")):
        lines = unwrap(_wrapped(width, indent)).split("\n")
        assert lines[: len(HEADER)] == HEADER
        assert [line.strip() for line in lines if len(line) > 40] == PARAGRAPHS


def test_text_that_is_not_wrapped_is_left_as_it_is() -> None:
    copied = "\n".join(HEADER + PARAGRAPHS) + "\n"
    assert unwrap(copied) == copied
    teasers = "\n".join(
        f"Story {i:02d} about the harbour, its bridge and the ferry timetable" for i in range(30)
    )
    assert unwrap(teasers) == teasers  # lines of one length: not a wrapper's ragged edge
    short = "\n".join(f"Story {i} about the harbour" for i in range(30))
    assert unwrap(short) == short


def test_a_wrapped_capture_gives_the_same_article_as_the_copied_one() -> None:
    found = extract_plaintext(_wrapped(72))
    assert found.title == "Harbour bridge reopens after repairs"
    assert found.published is not None and found.published.date().isoformat() == "2024-03-04"
    assert found.text.split("\n\n") == PARAGRAPHS


def test_short_paragraphs_that_fill_the_width_are_not_wrapped_text() -> None:
    sentences = "\n".join([
        "The harbour bridge reopened on Monday after six months of repairs to its deck.",
        "Engineers replaced the expansion joints and repainted the steel of the bridge.",
        "Commuters used a ferry during the closure, and the office thanked the residents.",
        "The ferry will keep running on weekends until the end of the month, it said.",
        "Tickets bought for the ferry will be refunded on request at the harbour office.",
        "The board will decide in the spring whether the old toll booths are taken down.",
    ] * 2)  # fmt: skip
    assert unwrap(sentences) == sentences
