"""Blindspots: stories covered mostly by one side of the spectrum.

The rule (`BlindspotRule`, every number configurable):

    A story is a blindspot when it has at least `min_rated_outlets` rated reporting
    outlets AND at least `min_share` of them (default two thirds, inclusive) lean to
    one side, left or right. Lean Left counts as left, Lean Right as right; Center
    outlets count in the total but never make a blindspot; unrated outlets do not
    count at all. Each outlet counts once, however many articles it published
    (see analysis.coverage for how syndicated copies count).

    Covered mostly by the right -> a blindspot for the left (`missed_by="left"`), and
    goes in the left's blindspot feed ("stories the left is missing"); and the mirror.

    When every dominant-side outlet is rated low factuality (`low_factuality`, by
    default Low and Very Low; an outlet of unknown factuality is not assumed low), the
    blindspot is labelled `low_factuality_only` and is not promoted to the feed: a
    story only low-factuality outlets carry is more likely unfounded than ignored.

Shares are compared exactly (as fractions), so 2 of 3 meets a 2/3 share.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from newsprism.analysis.coverage_types import Coverage

SIDES = ("left", "right")


@dataclass(frozen=True)
class BlindspotRule:
    min_share: float = 2 / 3  # of rated reporting outlets on one side, inclusive
    # 4: with 3 outlets, 2 on one side would already be a blindspot; AllSides roundups
    # pair one outlet of each side, so a handful of outlets is normal coverage
    min_rated_outlets: int = 4
    low_factuality: tuple[str, ...] = ("low", "very-low")

    def share(self) -> Fraction:
        return Fraction(self.min_share).limit_denominator(1000)


@dataclass(frozen=True)
class Blindspot:
    covered_by: str  # "left" | "right": the side that covered the story
    missed_by: str  # the other side: the story is in its blindspot feed
    side_outlets: int  # rated reporting outlets on the covering side
    rated_outlets: int
    low_factuality_only: bool

    @property
    def share(self) -> float:
        return self.side_outlets / self.rated_outlets

    @property
    def promoted(self) -> bool:
        """True when the story belongs in the `missed_by` side's blindspot feed."""
        return not self.low_factuality_only

    @property
    def feed(self) -> str | None:
        """ "left" / "right": whose blindspot feed shows it; None when not promoted."""
        return self.missed_by if self.promoted else None

    @property
    def label(self) -> str:
        if self.low_factuality_only:
            return f"Covered only by low-factuality {self.covered_by.title()} outlets"
        return f"Blindspot for the {self.missed_by.title()}"

    def to_json(self) -> dict[str, Any]:
        return {
            "covered_by": self.covered_by,
            "missed_by": self.missed_by,
            "side_outlets": self.side_outlets,
            "rated_outlets": self.rated_outlets,
            "share": round(self.share, 4),
            "low_factuality_only": self.low_factuality_only,
            "promoted": self.promoted,
            "feed": self.feed,
            "label": self.label,
        }


def detect_blindspot(coverage: Coverage, rule: BlindspotRule | None = None) -> Blindspot | None:
    """The story's blindspot under `rule`, or None when coverage is balanced or thin."""
    rule = rule or BlindspotRule()
    rated = coverage.rated_outlet_count
    if rated < rule.min_rated_outlets or rated == 0:
        return None
    needed = rule.share()
    for side in SIDES:
        count = coverage.bias3_counts.get(side, 0)
        if count * needed.denominator >= needed.numerator * rated and count > rated - count:
            factualities = [
                o.outlet.factuality for o in coverage.outlets if o.reports and o.outlet.side == side
            ]
            low_only = all(f in rule.low_factuality for f in factualities)
            return Blindspot(
                covered_by=side,
                missed_by="right" if side == "left" else "left",
                side_outlets=count,
                rated_outlets=rated,
                low_factuality_only=low_only,
            )
    return None
