"""An outlet: who it is, how raters rate it, and where each value came from.

Every rater's value is kept as its own `Rating`; the values a reader sees (lean,
factuality, reliability) are derived from them when asked and never stored over them.

Combination rule (`Outlet.lean_score`, `Outlet.factuality`, `Outlet.reliability`):

- A user override, when it sets a value, is that value.
- MBFC, Baly et al. 2020 and Baly et al. 2018 are three snapshots of one rater (Baly's
  sets are MBFC labels collected earlier), so only the newest present counts, in that
  order: MBFC, Baly 2020, Baly 2018.
- Lean: weighted mean on the 7-point scale of AllSides (weight `ALLSIDES_WEIGHT` = 3)
  and the MBFC snapshot (weight 1), rounded to the nearest point (halves away from
  center). AllSides rates lean from blind surveys and editorial review and is the
  rater readers recognise for lean; MBFC rates factuality first and lean second.
  AllSides' "Mixed" rating carries no lean and does not count.
- Factuality: the MBFC snapshot (the only rater of factuality in the bundled sets).
- Reliability: Lin et al. 2023 `pc1` (an aggregate of several quality raters), else the
  typical `pc1` of outlets at the combined factuality level
  (`scales.RELIABILITY_FROM_FACTUALITY`).

Unknown outlets are `None`: callers show "unrated" and never guess.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from newsprism.outlets import scales

USER = "user"
# 3: AllSides decides the side whenever it rates an outlet. On allsides_2021_dev the side
# agrees with the articles' AllSides labels for 93.0% of articles at weights 2..100 and
# 81.0% with a plain mean (weight 1), where MBFC pulls AllSides' Center outlets aside.
ALLSIDES_WEIGHT = 3.0
MBFC_FAMILY: tuple[str, ...] = ("mbfc", "baly2020", "baly2018")

RATER_TITLES: dict[str, str] = {
    "allsides": "AllSides media bias ratings 2019 (favstats/AllSideR)",
    "mbfc": "Media Bias/Fact Check (mbzuai-nlp/llm-media-profiling)",
    "baly2020": "Baly et al. 2020, MBFC labels (ramybaly/News-Media-Reliability)",
    "baly2018": "Baly et al. 2018, MBFC labels (ramybaly/News-Media-Reliability)",
    "lin2023": "Lin et al. 2023 domain quality ratings (hauselin/domain-quality-ratings)",
    "kagi": "Kagi media data (kagisearch/kite-public)",
    "curated": "newsprism curated aliases",
}

_TRAFFIC_RANK = {"high": 3, "medium": 2, "minimal": 1}


@dataclass
class Rating:
    """One rater's view of one outlet, as that rater gave it."""

    rater: str  # "allsides" | "mbfc" | "baly2020" | "baly2018" | "lin2023" | "user"
    lean: float | None = None  # -3 (far left) .. +3 (far right)
    factuality: str | None = None  # a key of scales.FACTUALITY_LABELS
    reliability: float | None = None  # 0..1
    source: str = ""  # where it was read: rater title and its page / row
    label: str | None = None  # the rater's own words ("LEFT-CENTER", "allsides")
    domain: str | None = None  # the domain this rater gives for the outlet

    def to_json(self) -> dict[str, object]:
        record: dict[str, object] = {"rater": self.rater, "source": self.source}
        if self.lean is not None:
            record["lean"] = self.lean
            record["lean_label"] = scales.lean5_label(scales.round_lean(self.lean))
        if self.factuality is not None:
            record["factuality"] = self.factuality
        if self.reliability is not None:
            record["reliability"] = self.reliability
        if self.label is not None:
            record["label"] = self.label
        if self.domain is not None:
            record["domain"] = self.domain
        return record


@dataclass
class Outlet:
    """A news outlet (or an outlet's opinion section, with `parent` set)."""

    id: str
    name: str
    aliases: list[str] = field(default_factory=list)
    domains: list[str] = field(default_factory=list)
    country: str | None = None
    media_type: str | None = None
    owner: str | None = None
    ownership: str | None = None  # a key of scales.OWNERSHIP_LABELS
    parent: str | None = None
    traffic: str | None = None  # MBFC traffic: "high" | "medium" | "minimal"
    ratings: list[Rating] = field(default_factory=list)
    provenance: dict[str, str] = field(default_factory=dict)  # field -> where it came from

    def rating(self, rater: str) -> Rating | None:
        return next((r for r in self.ratings if r.rater == rater), None)

    def _user(self) -> Rating | None:
        # the last user override counts when several files set it
        users = [r for r in self.ratings if r.rater == USER]
        return users[-1] if users else None

    def _mbfc_snapshot(self, attribute: str) -> Rating | None:
        for rater in MBFC_FAMILY:
            rating = self.rating(rater)
            if rating is not None and getattr(rating, attribute) is not None:
                return rating
        return None

    def lean_sources(self) -> list[Rating]:
        """The ratings the combined lean is computed from."""
        user = self._user()
        if user is not None and user.lean is not None:
            return [user]
        used = [r for r in self.ratings if r.rater == "allsides" and r.lean is not None][:1]
        mbfc = self._mbfc_snapshot("lean")
        return used + ([mbfc] if mbfc is not None else [])

    @property
    def lean_score(self) -> float | None:
        """Combined lean on -3..3 as a real number (see the module docstring)."""
        sources = self.lean_sources()
        if not sources:
            return None
        total = weight_sum = 0.0
        for rating in sources:
            weight = ALLSIDES_WEIGHT if rating.rater == "allsides" else 1.0
            total += weight * float(rating.lean or 0.0)
            weight_sum += weight
        return total / weight_sum

    @property
    def lean(self) -> int | None:
        """Combined lean on the 7-point scale, -3 (far left) .. 3 (far right)."""
        score = self.lean_score
        return None if score is None else scales.round_lean(score)

    @property
    def lean_label(self) -> str | None:
        """ "Left" / "Lean Left" / "Center" / "Lean Right" / "Right", None when unrated."""
        lean = self.lean
        return None if lean is None else scales.lean5_label(lean)

    @property
    def lean_side(self) -> str | None:
        """ "left" / "center" / "right", None when unrated."""
        lean = self.lean
        return None if lean is None else scales.lean_side(lean)

    def factuality_source(self) -> Rating | None:
        user = self._user()
        if user is not None and user.factuality is not None:
            return user
        return self._mbfc_snapshot("factuality")

    @property
    def factuality(self) -> str | None:
        source = self.factuality_source()
        return None if source is None else source.factuality

    @property
    def factuality_label(self) -> str | None:
        level = self.factuality
        return None if level is None else scales.FACTUALITY_LABELS[level]

    def reliability_source(self) -> tuple[float, str] | None:
        user = self._user()
        if user is not None and user.reliability is not None:
            return user.reliability, user.source
        lin = self.rating("lin2023")
        if lin is not None and lin.reliability is not None:
            return lin.reliability, lin.source
        level = self.factuality
        if level is not None:
            return (
                scales.RELIABILITY_FROM_FACTUALITY[level],
                f"derived from factuality {scales.FACTUALITY_LABELS[level]}",
            )
        return None

    @property
    def reliability(self) -> float | None:
        found = self.reliability_source()
        return None if found is None else found[0]

    @property
    def ownership_label(self) -> str | None:
        return None if self.ownership is None else scales.OWNERSHIP_LABELS[self.ownership]

    @property
    def rated(self) -> bool:
        """True when the outlet has a combined lean."""
        return self.lean is not None

    def to_json(self) -> dict[str, Any]:
        """The full record with derived values and where each value came from."""
        lean_sources = self.lean_sources()
        fact_source = self.factuality_source()
        reliability = self.reliability_source()
        lean = self.lean
        return {
            "id": self.id,
            "name": self.name,
            "aliases": self.aliases,
            "domains": self.domains,
            "parent": self.parent,
            "lean": None if lean is None else scales.lean_key(lean),
            "lean_score": None if self.lean_score is None else round(self.lean_score, 3),
            "lean_label": self.lean_label,
            "lean_side": self.lean_side,
            "lean_from": [r.source for r in lean_sources],
            "factuality": self.factuality,
            "factuality_label": self.factuality_label,
            "factuality_from": fact_source.source if fact_source else None,
            "reliability": None if reliability is None else round(reliability[0], 3),
            "reliability_from": None if reliability is None else reliability[1],
            "country": self.country,
            "media_type": self.media_type,
            "owner": self.owner,
            "ownership": self.ownership,
            "ownership_label": self.ownership_label,
            "provenance": self.provenance,
            "ratings": [r.to_json() for r in self.ratings],
        }

    def prominence(self) -> int:
        """How well known the outlet is; breaks ties between outlets sharing a name."""
        raters = {r.rater for r in self.ratings}
        score = 8 * (USER in raters) + 4 * ("allsides" in raters)
        score += 2 * any(r in raters for r in MBFC_FAMILY)
        score += RATER_TITLES["kagi"] in self.provenance.values()
        score += _TRAFFIC_RANK.get(self.traffic or "", 0) + bool(self.domains)
        return score
