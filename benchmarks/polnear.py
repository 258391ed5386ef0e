"""Reader for the PolNeAR attribution corpus (brat standoff), shared by benchmarks.

Layout: `text/NAME.txt` and `attributions/NAME_ANNOTATOR.ann`. When several
annotators marked the same text we keep the annotator whose id sorts first, so that
each text counts once and the choice does not depend on what a system predicts.
Brat spans may be discontinuous (`315 448;463 553`): a quote interrupted by its cue.
Fragments separated by whitespace only are joined; the others stay separate
fragments of the same attribution.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

QUOTE_MARKS = "\"“”„«»‘’'‹›‚"


@dataclass
class GoldAttribution:
    source: list[tuple[int, int]] = field(default_factory=list)
    cue: list[tuple[int, int]] = field(default_factory=list)
    content: list[tuple[int, int]] = field(default_factory=list)


@dataclass
class GoldDocument:
    name: str
    text: str
    attributions: list[GoldAttribution]


def _fragments(ranges: str, text: str) -> list[tuple[int, int]]:
    spans = sorted(tuple(int(x) for x in part.split()) for part in ranges.split(";"))
    joined: list[tuple[int, int]] = []
    for start, end in spans:
        if joined and not text[joined[-1][1] : start].strip():
            joined[-1] = (joined[-1][0], end)
        else:
            joined.append((start, end))
    return joined


def read_ann(path: Path, text: str) -> list[GoldAttribution]:
    spans: dict[str, tuple[str, list[tuple[int, int]]]] = {}
    events: list[dict[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 2:
            label, ranges = parts[1].split(" ", 1)
            spans[parts[0]] = (label, _fragments(ranges, text))
        elif line.startswith("E") and len(parts) >= 2:
            events.append(dict(arg.split(":", 1) for arg in parts[1].split()))
    result = []
    for event in events:
        gold = GoldAttribution()
        for role in ("Source", "Cue", "Content"):
            ref = event.get(role)
            if ref in spans:
                setattr(gold, role.lower(), spans[ref][1])
        result.append(gold)
    return result


def load_split(folder: Path) -> list[GoldDocument]:
    docs = []
    by_text: dict[str, list[Path]] = {}
    for ann in sorted((folder / "attributions").glob("*.ann")):
        name = re.sub(r"_[^_]+\.ann$", "", ann.name)
        by_text.setdefault(name, []).append(ann)
    for name, anns in sorted(by_text.items()):
        text_path = folder / "text" / f"{name}.txt"
        if not text_path.exists():
            continue
        text = text_path.read_text(encoding="utf-8")
        docs.append(GoldDocument(name, text, read_ann(anns[0], text)))
    return docs


def is_direct_fragment(text: str, span: tuple[int, int]) -> bool:
    """A content fragment that opens and closes with quote marks (after trailing
    punctuation), i.e. a direct quote rather than a paraphrase."""
    piece = text[span[0] : span[1]].strip().rstrip(".,;:")
    return len(piece) >= 2 and piece[0] in QUOTE_MARKS and piece[-1] in QUOTE_MARKS
