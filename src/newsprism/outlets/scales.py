"""The rating scales the registry speaks: lean, factuality, reliability, ownership.

Lean is a number on a 7-point scale, -3 (far left) .. 0 (center) .. +3 (far right).
Raters that use coarser scales are placed on it (AllSides' "Lean Left" is -1, its
"Left" -2; MBFC's "Extreme Left" -3). The reader sees five labels (far left and left
share "Left") and the coverage charts use three sides (Left / Center / Right).

Factuality uses MBFC's six levels, Very High .. Very Low. Reliability is a number in
0..1 (Lin et al. 2023's aggregate quality `pc1`, or a stand-in derived from
factuality, see `RELIABILITY_FROM_FACTUALITY`).
"""

from __future__ import annotations

import re

LEAN_KEYS: tuple[str, ...] = (
    "far-left",
    "left",
    "lean-left",
    "center",
    "lean-right",
    "right",
    "far-right",
)
LEAN_VALUE: dict[str, int] = {key: value for value, key in enumerate(LEAN_KEYS, start=-3)}

LEAN5_LABELS: tuple[str, ...] = ("Left", "Lean Left", "Center", "Lean Right", "Right")
LEAN3_LABELS: tuple[str, ...] = ("Left", "Center", "Right")
SIDES: tuple[str, ...] = ("left", "center", "right")

FACTUALITY_KEYS: tuple[str, ...] = (
    "very-high",
    "high",
    "mostly-factual",
    "mixed",
    "low",
    "very-low",
)
FACTUALITY_LABELS: dict[str, str] = {
    "very-high": "Very High",
    "high": "High",
    "mostly-factual": "Mostly Factual",
    "mixed": "Mixed",
    "low": "Low",
    "very-low": "Very Low",
}

# Median Lin et al. 2023 `pc1` of the MBFC-rated domains at each MBFC factuality level
# (measured on ../shared/data/ratings when this table was written). Used as the
# reliability of an outlet that Lin et al. do not cover.
RELIABILITY_FROM_FACTUALITY: dict[str, float] = {
    "very-high": 0.91,
    "high": 0.78,
    "mostly-factual": 0.71,
    "mixed": 0.44,
    "low": 0.24,
    "very-low": 0.20,
}

OWNERSHIP_KEYS: tuple[str, ...] = (
    "independent",
    "corporate",
    "state-funded",
    "public-broadcaster",
    "non-profit",
    "other",
)
OWNERSHIP_LABELS: dict[str, str] = {
    "independent": "Independent",
    "corporate": "Corporate / conglomerate",
    "state-funded": "State-funded",
    "public-broadcaster": "Public broadcaster",
    "non-profit": "Non-profit",
    "other": "Other",
}

_OWNERSHIP_SYNONYMS: dict[str, str] = {
    "conglomerate": "corporate",
    "corporation": "corporate",
    "private": "corporate",
    "private-media": "corporate",
    "private-enterprise": "corporate",
    "print-media": "corporate",
    "state": "state-funded",
    "state-media": "state-funded",
    "state-owned": "state-funded",
    "state-funded-media": "state-funded",
    "state-media-digital": "state-funded",
    "public": "public-broadcaster",
    "public-media": "public-broadcaster",
    "public-service": "public-broadcaster",
    "public-agency-statutory-editorially-independent": "public-broadcaster",
    "nonprofit": "non-profit",
    "not-for-profit": "non-profit",
    "independent-media": "independent",
    "private-independent-media": "independent",
}

_LEAN_SYNONYMS: dict[str, str] = {
    "extreme-left": "far-left",
    "left-center": "lean-left",
    "center-left": "lean-left",
    "leftcenter": "lean-left",
    "centre": "center",
    "least-biased": "center",
    "right-center": "lean-right",
    "center-right": "lean-right",
    "rightcenter": "lean-right",
    "extreme-right": "far-right",
}

_FACTUALITY_SYNONYMS: dict[str, str] = {"mostly": "mostly-factual"}


def slug(text: str) -> str:
    """Lower-case words joined by hyphens ("Lean Left" -> "lean-left")."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def parse_lean(text: str) -> int | None:
    """A lean label ("lean-left", "Left-Center", "far right") -> -3..3, None if unknown."""
    key = slug(text)
    key = _LEAN_SYNONYMS.get(key, key)
    return LEAN_VALUE.get(key)


def parse_factuality(text: str) -> str | None:
    """A factuality label ("Mostly Factual", "very-high") -> its key, None if unknown."""
    key = slug(text)
    key = _FACTUALITY_SYNONYMS.get(key, key)
    return key if key in FACTUALITY_LABELS else None


def parse_ownership(text: str) -> str | None:
    """An ownership category or a Kagi typology -> its key, None if unknown."""
    key = slug(text)
    key = _OWNERSHIP_SYNONYMS.get(key, key)
    return key if key in OWNERSHIP_LABELS else None


def lean_key(lean: int) -> str:
    """-3..3 -> "far-left" .. "far-right"."""
    return LEAN_KEYS[max(-3, min(3, lean)) + 3]


def round_lean(score: float) -> int:
    """A combined lean score -> the nearest point of the 7-point scale (halves away from 0)."""
    magnitude = int(abs(score) + 0.5)
    return min(3, magnitude) * (1 if score > 0 else -1)


def lean5_label(lean: int) -> str:
    """-3..3 -> one of Left / Lean Left / Center / Lean Right / Right."""
    if lean <= -2:
        return "Left"
    if lean >= 2:
        return "Right"
    return LEAN5_LABELS[lean + 2]


def lean_side(lean: int) -> str:
    """-3..3 -> "left" / "center" / "right" (the 3-way split of the coverage bar)."""
    if lean < 0:
        return "left"
    if lean > 0:
        return "right"
    return "center"
