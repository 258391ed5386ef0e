"""Which outlet a text came from, when there is no URL to go by.

Clues, in the order they are trusted: the masthead (the site's name alone on one of
the first lines), "Source:" / "Originally published by" / site-name lines, copyright
lines ("© 2024 The Daily Example"), and the wire credit in the dateline
("LONDON (Reuters) -", "(AP) —"). The outlet registry supplies (alias, outlet_id)
pairs; this module only matches text against them.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

# Wire credits are usually abbreviated in datelines; registries list full names too.
_WIRE_NAMES = {
    "ap": "associated press",
    "afp": "agence france-presse",
    "upi": "united press international",
    "dpa": "deutsche presse-agentur",
    "ians": "indo-asian news service",
    "pti": "press trust of india",
    "ani": "asian news international",
    "cna": "channel newsasia",
    "efe": "agencia efe",
    "pa": "pa media",
}
MASTHEAD_LINES = 8  # how far down a capture the site's name may stand alone

_DATELINE_CREDIT = re.compile(
    r"^[^\n]{0,80}?\((?P<name>[A-Z][\w&.'’ -]{0,40}?)\)\s*[-–—:]", re.MULTILINE
)
_SOURCE_LINE = re.compile(
    r"^\s*(?:source|sources|fonte|fuente|quelle|via|published (?:by|in|on)"
    r"|first published (?:by|in|on)"
    r"|(?:this (?:article|story|post) )?(?:was )?(?:originally|first) (?:appeared|published|posted)"
    r"(?: (?:on|in|by|at))?|republished (?:from|with permission (?:from|of))|courtesy(?: of)?"
    r"|reprinted (?:from|with permission (?:from|of)))"
    r"\s*[:\-–—]?\s+(?P<name>[^\n]{2,80}?)\s*[.!]?\s*$",
    re.IGNORECASE | re.MULTILINE,
)
_COPYRIGHT = re.compile(
    r"(?:©|\(c\)|copyright)\s*(?:©\s*)?(?:\d{4}(?:\s*[-–]\s*\d{4})?\s*)?,?\s*"
    r"(?P<name>[^\n.|,]{2,80}?)\s*(?:[.|,]|all rights reserved|$)",
    re.IGNORECASE | re.MULTILINE,
)
_SOURCE_LINK = re.compile(r"^\s*source\s+link\s*$", re.IGNORECASE | re.MULTILINE)


@dataclass
class OutletCredit:
    """An outlet name read from a text, and where it was read."""

    name: str
    kind: str  # masthead | source | copyright | dateline


def normalize_outlet_name(name: str) -> str:
    """Case-, accent- and punctuation-insensitive key; drops a leading 'The'."""
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    folded = re.sub(r"[^\w.]+", " ", folded.casefold()).strip()
    folded = re.sub(r"^the\s+", "", folded)
    folded = re.sub(r"\s*\.(?=\s|$)", "", folded)  # trailing dots, "Inc."
    return re.sub(r"\s+", " ", folded).strip()


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def _clean_name(name: str) -> str:
    name = re.sub(r"https?://\S+", "", name)
    name = re.sub(r"\s+(?:all rights reserved|ltd|llc|inc|plc|gmbh)\b.*$", "", name, flags=re.I)
    return name.strip(" .,:;-–—|\"'“”")


def find_outlet_credits(title: str, text: str) -> list[OutletCredit]:
    """Outlet names that a text credits, most trusted first (duplicates removed).

    Masthead candidates are the short lines above the title (or the first lines when
    the title is not found in the text); they are only reported when they look like a
    name (few words, capitalised) and are confirmed against the registry by
    `identify_outlet_from_text`.
    """
    credits: list[OutletCredit] = []
    lines = _lines(text)
    title_key = normalize_outlet_name(title) if title else ""
    for line in lines[:MASTHEAD_LINES]:
        if title_key and normalize_outlet_name(line) == title_key:
            break
        if len(line.split()) <= 5 and line[:1].isupper() and not line.endswith((".", "?", "!")):
            credits.append(OutletCredit(_clean_name(line), "masthead"))
    for match in _SOURCE_LINE.finditer(text):
        credits.append(OutletCredit(_clean_name(match.group("name")), "source"))
    for index, line in enumerate(lines):
        if _SOURCE_LINK.match(line):
            # Aggregators print the original's name next to "Source link".
            for neighbour in lines[max(0, index - 1) : index] + lines[index + 1 : index + 2]:
                if len(neighbour.split()) <= 6:
                    credits.append(OutletCredit(_clean_name(neighbour), "source"))
    for match in _COPYRIGHT.finditer(text):
        credits.append(OutletCredit(_clean_name(match.group("name")), "copyright"))
    head = "\n".join(lines[:12])
    for match in _DATELINE_CREDIT.finditer(head):
        credits.append(OutletCredit(_clean_name(match.group("name")), "dateline"))

    seen: set[tuple[str, str]] = set()
    unique = []
    for credit in credits:
        key = (normalize_outlet_name(credit.name), credit.kind)
        if credit.name and key[0] and key not in seen:
            seen.add(key)
            unique.append(credit)
    return unique


def alias_table(names: Iterable[tuple[str, str]]) -> dict[str, str]:
    """Normalised alias -> outlet_id; build it once and pass it to
    `identify_outlet_from_text` when identifying many texts."""
    table: dict[str, str] = {}
    for alias, outlet_id in names:
        key = normalize_outlet_name(alias)
        if len(key) >= 2:
            table.setdefault(key, outlet_id)
    return table


def _lookup(name: str, table: dict[str, str]) -> str | None:
    key = normalize_outlet_name(name)
    if key in table:
        return table[key]
    wire = _WIRE_NAMES.get(key)
    if wire and wire in table:
        return table[wire]
    for long, short in ((v, k) for k, v in _WIRE_NAMES.items()):
        if key == long and short in table:
            return table[short]
    # "The Daily Example Media Group", "Daily Example staff": the longest alias that
    # starts the credit.
    words = key.split()
    for size in range(len(words) - 1, 0, -1):
        prefix = " ".join(words[:size])
        if len(prefix) >= 4 and prefix in table:
            return table[prefix]
    return None


def identify_outlet_from_text(
    title: str, text: str, names: Iterable[tuple[str, str]] | Mapping[str, str]
) -> str | None:
    """outlet_id of the outlet a text credits, matched against the registry's aliases.

    `names` is (alias, outlet_id) pairs, or the table `alias_table` made of them.
    """
    table = dict(names) if isinstance(names, Mapping) else alias_table(names)
    if not table:
        return None
    for credit in find_outlet_credits(title, text):
        if credit.kind == "masthead":
            key = normalize_outlet_name(credit.name)
            found = table.get(key)  # exact only: menus sit next to mastheads
        else:
            found = _lookup(credit.name, table)
        if found is not None:
            return found
    return None
