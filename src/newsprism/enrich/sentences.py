"""A fast rule-based sentence splitter that keeps character offsets.

News text is regular enough that a handful of rules beat a statistical splitter on
speed by two orders of magnitude: a sentence ends at `.`, `!` or `?` (plus any closing
quotes and brackets) followed by whitespace and an upper-case letter, a digit or an
opening quote, unless the word before the period is a known abbreviation or a
single initial. A line break always ends a sentence (paragraphs never share one).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "sr",
        "jr",
        "st",
        "mt",
        "gen",
        "lt",
        "col",
        "maj",
        "capt",
        "cmdr",
        "adm",
        "sgt",
        "cpl",
        "pvt",
        "gov",
        "sen",
        "rep",
        "pres",
        "supt",
        "insp",
        "det",
        "rev",
        "fr",
        "hon",
        "amb",
        "atty",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "mon",
        "tue",
        "tues",
        "wed",
        "thu",
        "thur",
        "thurs",
        "fri",
        "sat",
        "sun",
        "no",
        "nos",
        "vol",
        "vols",
        "fig",
        "figs",
        "p",
        "pp",
        "ed",
        "eds",
        "co",
        "corp",
        "inc",
        "ltd",
        "llc",
        "bros",
        "dept",
        "univ",
        "assn",
        "est",
        "approx",
        "vs",
        "etc",
        "al",
        "e.g",
        "i.e",
        "u.s",
        "u.k",
        "u.n",
        "e.u",
        "d.c",
        "a.m",
        "p.m",
        "u.s.a",
        "n.y",
        "l.a",
        "ph.d",
        "ala",
        "ariz",
        "ark",
        "calif",
        "colo",
        "conn",
        "del",
        "fla",
        "ga",
        "ill",
        "ind",
        "kan",
        "ky",
        "la",
        "md",
        "mass",
        "mich",
        "minn",
        "miss",
        "mo",
        "mont",
        "neb",
        "nev",
        "okla",
        "ore",
        "pa",
        "tenn",
        "tex",
        "va",
        "vt",
        "wash",
        "wis",
        "wyo",
    ]
)

# Abbreviations that may end a sentence ("... in the U.S. The next ...").
_SENTENCE_FINAL_OK = frozenset(
    {
        "u.s",
        "u.k",
        "u.n",
        "e.u",
        "d.c",
        "a.m",
        "p.m",
        "etc",
        "inc",
        "co",
        "corp",
        "ltd",
        "llc",
        "jr",
        "sr",
    }
)

_BOUNDARY = re.compile(
    r"""[.!?…]+["'”’»)\]]*   # terminal punctuation and closers
        (?=\s+["'“‘«(\[]*[A-Z0-9À-Ý])  # whitespace, then what opens a sentence
    """,
    re.VERBOSE,
)
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)\.$")
_LINE_BREAK = re.compile(r"\n+")
_COMMON_SENTENCE_STARTERS = frozenset(
    [
        "The",
        "A",
        "An",
        "In",
        "It",
        "He",
        "She",
        "They",
        "We",
        "I",
        "But",
        "And",
        "This",
        "That",
        "His",
        "Her",
        "Their",
        "Its",
        "There",
        "After",
        "As",
        "At",
        "On",
        "For",
        "When",
        "While",
        "If",
        "Some",
        "Many",
        "Most",
    ]
)


@dataclass(frozen=True)
class Sentence:
    """A sentence as a `[start, end)` slice of the text it came from."""

    start: int
    end: int
    text: str


def _is_false_boundary(text: str, punct_start: int, next_start: int) -> bool:
    """True when the period at `punct_start` belongs to an abbreviation or initial."""
    if text[punct_start] != ".":
        return False
    match = _WORD_BEFORE.search(text, max(0, punct_start - 12), punct_start + 1)
    if not match:
        return False
    word = match.group(1).lower()
    if len(word) == 1 and match.group(1).isupper():  # an initial: "J. Smith"
        return True
    if word not in ABBREVIATIONS:
        return False
    if word in _SENTENCE_FINAL_OK:
        # "in the U.S. The next day" ends a sentence; "U.S. Secretary" does not.
        next_word = re.match(r"[\"'“‘«(\[]*(\w+)", text[next_start:])
        return not (next_word and next_word.group(1) in _COMMON_SENTENCE_STARTERS)
    return True


def _split_line(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    cursor = start
    for match in _BOUNDARY.finditer(text, start, end):
        next_start = match.end()
        while next_start < end and text[next_start].isspace():
            next_start += 1
        if _is_false_boundary(text, match.start(), next_start):
            continue
        spans.append((cursor, match.end()))
        cursor = next_start
    spans.append((cursor, end))
    return spans


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def split_sentences(text: str) -> list[Sentence]:
    """Sentences of `text` with their offsets; empty pieces are dropped."""
    sentences: list[Sentence] = []
    line_start = 0
    line_ends = [m.start() for m in _LINE_BREAK.finditer(text)] + [len(text)]
    breaks = [m.end() for m in _LINE_BREAK.finditer(text)]
    for index, line_end in enumerate(line_ends):
        for raw_start, raw_end in _split_line(text, line_start, line_end):
            start, end = _strip(text, raw_start, raw_end)
            if end > start:
                sentences.append(Sentence(start, end, text[start:end]))
        if index < len(breaks):
            line_start = breaks[index]
    return sentences


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """`[start, end)` of each non-empty line (news paragraphs are one line each)."""
    spans = []
    for match in re.finditer(r"[^\n]+", text):
        start, end = _strip(text, match.start(), match.end())
        if end > start:
            spans.append((start, end))
    return spans
