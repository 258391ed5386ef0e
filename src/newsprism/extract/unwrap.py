"""Paragraphs of text that a program hard-wrapped at a fixed width.

Text-mode browsers (`lynx -dump`, `w3m -dump`), mail clients and some "save as text"
commands write a page's paragraphs as lines of at most 72-80 characters. A browser's
"select all, copy" writes each paragraph on one line, and the capture extractor reads
lines as the page's elements: wrapped, every paragraph looks like a run of short menu
lines (wcxb_dev captures wrapped at 72 columns: body F1 0.913 -> 0.472, headline 0.770
-> 0.343; unwrapped first: 0.906 and 0.740).

A line was broken by the wrapper when the next line's first word would not have fitted
after it within the width; a line that ends short of that ended in the page itself (a
headline, a menu item, a paragraph's last line). The width is the longest line with a
space in it; text is treated as wrapped only when that width is a wrapper's (60 to 100
columns), many of its lines end where the wrapper broke them, and those lines end
raggedly (a list of lines of one length, a table's rows, is not wrapped prose) and
mostly inside a sentence.
"""

from __future__ import annotations

MIN_WRAP_WIDTH = 60
MAX_WRAP_WIDTH = 100  # wrappers use 72-80 columns; innerText paragraphs run far longer
MIN_BROKEN_LINES = 5
# Share of the lines longer than half the width that end where the wrapper broke them;
# in wrapped prose nearly all do, in a list of unwrapped teasers or menu lines few.
MIN_BROKEN_SHARE = 0.5
MIN_RAGGED_LENGTHS = 3  # different lengths among the broken lines
# A wrapper breaks sentences anywhere, so few broken lines end one; a page whose short
# paragraphs happen to fill the width ends nearly every line with a full stop.
MAX_SENTENCE_ENDS = 0.5
_SENTENCE_END = tuple('.!?:"”’)')


def _first_word(line: str) -> str:
    words = line.split()
    return words[0] if words else ""


def _width(lines: list[str]) -> int | None:
    spaced = [len(line) for line in lines if " " in line.strip()]
    return max(spaced) if spaced else None


def _broken(line: str, following: str, width: int) -> bool:
    """Whether the wrapper ended `line` because `following`'s first word did not fit."""
    word = _first_word(following)
    return bool(line.strip() and word) and len(line) + 1 + len(word) > width


def unwrap(text: str) -> str:
    """`text` with the paragraphs of hard-wrapped text joined into single lines (each
    joined line keeps the indentation of its first); other text is returned unchanged."""
    lines = [line.rstrip().expandtabs() for line in text.split("\n")]
    width = _width(lines)
    if width is None or not MIN_WRAP_WIDTH <= width <= MAX_WRAP_WIDTH:
        return text
    broken = [
        i for i in range(len(lines) - 1) if _broken(lines[i], lines[i + 1], width)
    ]  # fmt: skip
    long_lines = sum(1 for line in lines if len(line) > width / 2)
    if len(broken) < MIN_BROKEN_LINES or len(broken) < MIN_BROKEN_SHARE * long_lines:
        return text
    if len({len(lines[i]) for i in broken}) < MIN_RAGGED_LENGTHS:
        return text
    if sum(lines[i].endswith(_SENTENCE_END) for i in broken) > MAX_SENTENCE_ENDS * len(broken):
        return text
    joins = set(broken)
    out: list[str] = []
    for i, line in enumerate(lines):
        if i - 1 in joins and out:
            out[-1] = f"{out[-1]} {line.strip()}"
        else:
            out.append(line)
    return "\n".join(out)
