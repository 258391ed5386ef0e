"""The outlet registry: who an outlet is, how raters rate it, and where each value came from.

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

import gzip
import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from newsprism.outlets import names as nm
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


class Registry:
    """Outlets with indexes by id, domain and normalised name."""

    def __init__(self, outlets: Iterable[Outlet] = ()) -> None:
        self._outlets: dict[str, Outlet] = {}
        self._user_ids: set[str] = set()
        self._by_domain: dict[str, str] = {}
        self._by_name: dict[str, str] = {}
        self.sources: list[str] = []  # files loaded, in order
        for outlet in outlets:
            self._outlets[outlet.id] = outlet
        self._reindex()

    # loading -------------------------------------------------------------------------

    @classmethod
    def from_records(cls, records: Iterable[dict[str, Any]]) -> Registry:
        """Outlets from the bundled registry's record format (see `outlet_from_record`)."""
        return cls(outlet_from_record(record) for record in records)

    @classmethod
    def load_bundled(cls) -> Registry:
        """The bundled default registry, without user overrides."""
        registry = cls.from_records(_bundled_records())
        registry.sources.append(str(BUNDLED_PATH))
        return registry

    @classmethod
    def load_default(cls, overrides: str | Path | None = None) -> Registry:
        """The bundled registry plus the user's override file when there is one.

        The override file is `overrides` when given, else `$NEWSPRISM_OUTLETS`, else
        `outlets.toml` or `outlets.csv` in the user's config directory
        (`$XDG_CONFIG_HOME/newsprism`, by default `~/.config/newsprism`). A malformed
        file raises `OverrideError` (with the line number) and changes nothing.
        """
        registry = cls.load_bundled()
        path = Path(overrides) if overrides is not None else default_override_path()
        if path is not None and (overrides is not None or path.exists()):
            registry.apply_overrides(path)
        return registry

    def apply_overrides(self, path: str | Path, provenance: str | None = None) -> int:
        """Apply a user TOML/CSV file on top; returns how many records it held.

        Values it sets are credited to `provenance`, by default "user override (PATH)".
        Raises `OverrideError` naming the line of the first problem; the registry is
        left unchanged when it does.
        """
        from newsprism.outlets.overrides import apply_records, read_override_file

        records = read_override_file(Path(path))
        apply_records(self, records, provenance or f"user override ({path})")
        self.sources.append(str(path))
        return len(records)

    # queries -------------------------------------------------------------------------

    def get(self, outlet_id: str) -> Outlet | None:
        return self._outlets.get(outlet_id)

    def lookup(self, query: str | None) -> Outlet | None:
        """An outlet by id, URL, domain, name or alias; None when unknown."""
        if not query or not query.strip():
            return None
        query = query.strip()
        if query in self._outlets:
            return self._outlets[query]
        if nm.looks_like_address(query):
            found = self.lookup_address(query)
            if found is not None:
                return found
        return self.lookup_name(query)

    def lookup_address(self, address: str) -> Outlet | None:
        """An outlet by URL or domain (subdomains and www./m./amp. variants included)."""
        for key in nm.address_keys(address):
            outlet_id = self._by_domain.get(key)
            if outlet_id is not None:
                return self._outlets[outlet_id]
        return None

    def lookup_name(self, name: str) -> Outlet | None:
        """An outlet by name or alias (case, punctuation and a leading "The" ignored)."""
        for key in nm.query_keys(name):
            outlet_id = self._by_name.get(key)
            if outlet_id is not None:
                return self._outlets[outlet_id]
        return None

    def exact_domain(self, domain: str) -> Outlet | None:
        """The outlet holding exactly this domain key (no parent-domain walk)."""
        outlet_id = self._by_domain.get(nm.normalize_domain(domain))
        return None if outlet_id is None else self._outlets[outlet_id]

    def exact_name(self, name: str) -> Outlet | None:
        """The outlet with exactly this normalised name or alias."""
        outlet_id = self._by_name.get(nm.normalize_name(name))
        return None if outlet_id is None else self._outlets[outlet_id]

    def resolve(self, outlet: str | None, url: str | None = None) -> Outlet | None:
        """An article's outlet: by its outlet field (id or name), else by its URL."""
        found = self.lookup(outlet) if outlet else None
        if found is None and url:
            found = self.lookup_address(url)
        return found

    def names(self) -> Iterator[tuple[str, str]]:
        """(name or alias, outlet id) pairs, for finding outlet names in text."""
        for outlet in self._outlets.values():
            yield outlet.name, outlet.id
            for alias in outlet.aliases:
                yield alias, outlet.id

    def all(self) -> list[Outlet]:
        return list(self._outlets.values())

    def domains(self) -> set[str]:
        """Every domain key that resolves."""
        return set(self._by_domain)

    def __len__(self) -> int:
        return len(self._outlets)

    def __iter__(self) -> Iterator[Outlet]:
        return iter(self._outlets.values())

    def __contains__(self, outlet_id: object) -> bool:
        return outlet_id in self._outlets

    # editing -------------------------------------------------------------------------

    def add(self, outlet: Outlet, *, user: bool = False) -> None:
        """Add or replace an outlet (indexes are rebuilt)."""
        self.replace([outlet], user=user)

    def replace(self, outlets: Iterable[Outlet], *, user: bool = False) -> None:
        """Add or replace several outlets at once (indexes are rebuilt once)."""
        for outlet in outlets:
            self._outlets[outlet.id] = outlet
            if user:
                self._user_ids.add(outlet.id)
        self._reindex()

    def _reindex(self) -> None:
        by_domain: dict[str, tuple[tuple[int, int, str], str]] = {}
        by_name: dict[str, tuple[tuple[int, bool, int, int, str], str]] = {}
        for outlet in self._outlets.values():
            rank = 0 if outlet.id in self._user_ids else 1
            prominence = outlet.prominence()
            for domain in outlet.domains:
                key = nm.normalize_domain(domain)
                priority = (rank, -prominence, outlet.id)
                if key and (key not in by_domain or priority < by_domain[key][0]):
                    by_domain[key] = (priority, outlet.id)
            # an outlet known only by name (a columnist) never shadows a real outlet
            nameless = not outlet.domains and outlet.parent is None
            for kind, name in enumerate([outlet.name, *outlet.aliases]):
                for depth, key in enumerate(nm.name_keys(name)):
                    form = min(kind, 1) * 2 + min(depth, 1)
                    name_priority = (rank, nameless, form, -prominence, outlet.id)
                    if key not in by_name or name_priority < by_name[key][0]:
                        by_name[key] = (name_priority, outlet.id)
        self._by_domain = {key: value[1] for key, value in by_domain.items()}
        self._by_name = {key: value[1] for key, value in by_name.items()}

    # consistency ---------------------------------------------------------------------

    def check(self) -> list[str]:
        """Problems worth a human look, one line each.

        - an outlet whose raters give different domains for it;
        - a domain claimed by several outlets (only one can resolve);
        - a name shared by several outlets with domains (lookup picks the best known);
        - raters three or more points apart on the 7-point lean scale.
        """
        problems: list[str] = []
        domain_owners: dict[str, list[str]] = {}
        name_owners: dict[str, list[str]] = {}
        for outlet in self._outlets.values():
            problems.extend(_rater_domain_conflicts(outlet))
            problems.extend(_lean_conflicts(outlet))
            for domain in outlet.domains:
                domain_owners.setdefault(nm.normalize_domain(domain), []).append(outlet.id)
            if outlet.domains and outlet.parent is None:
                name_owners.setdefault(nm.normalize_name(outlet.name), []).append(outlet.id)
        for domain, owners in sorted(domain_owners.items()):
            if len(owners) > 1:
                chosen = self._by_domain.get(domain)
                problems.append(
                    f"domain {domain}: claimed by {', '.join(sorted(owners))}; resolves to {chosen}"
                )
        for key, owners in sorted(name_owners.items()):
            if len(owners) > 1 and key:
                chosen = self._by_name.get(key)
                problems.append(
                    f"name '{key}': shared by {', '.join(sorted(owners))}; resolves to {chosen}"
                )
        return problems


def _rater_domain_conflicts(outlet: Outlet) -> list[str]:
    claimed: dict[str, str] = {}
    for rating in outlet.ratings:
        if rating.domain:
            claimed.setdefault(rating.rater, nm.normalize_domain(rating.domain))
    distinct = set(claimed.values())
    if len(distinct) <= 1:
        return []
    hosts = {d.split("/", 1)[0] for d in distinct}
    related = all(
        any(a == b or a.endswith("." + b) or b.endswith("." + a) for b in hosts if b != a)
        for a in hosts
    )
    if len(hosts) > 1 and related:
        return []
    listed = ", ".join(f"{rater} {domain}" for rater, domain in sorted(claimed.items()))
    return [f"outlet {outlet.id}: raters give different domains: {listed}"]


def _lean_conflicts(outlet: Outlet) -> list[str]:
    leans = {r.rater: r.lean for r in outlet.ratings if r.lean is not None and r.rater != USER}
    if len(leans) < 2:
        return []
    if max(leans.values()) - min(leans.values()) < 3:
        return []
    listed = ", ".join(f"{rater} {lean:+g}" for rater, lean in sorted(leans.items()))
    return [f"outlet {outlet.id}: raters disagree on lean: {listed}"]


# record format ---------------------------------------------------------------------

BUNDLED_PATH = Path(str(resources.files("newsprism.outlets") / "data" / "registry.json.gz"))


def default_override_path() -> Path | None:
    """$NEWSPRISM_OUTLETS, else outlets.toml / outlets.csv in the user's config dir."""
    env = os.environ.get("NEWSPRISM_OUTLETS")
    if env:
        return Path(env).expanduser()
    config = Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config") / "newsprism"
    for name in ("outlets.toml", "outlets.csv"):
        if (config / name).exists():
            return config / name
    return config / "outlets.toml"


@lru_cache(maxsize=1)
def _bundled_document() -> dict[str, Any]:
    with gzip.open(BUNDLED_PATH, "rt", encoding="utf-8") as handle:
        document: dict[str, Any] = json.load(handle)
    return document


def _bundled_records() -> list[dict[str, Any]]:
    records: list[dict[str, Any]] = _bundled_document()["outlets"]
    return records


def bundled_info() -> dict[str, Any]:
    """The bundled registry's header: build date and the sets it was built from."""
    return {k: v for k, v in _bundled_document().items() if k != "outlets"}


def source_title(key: str) -> str:
    return RATER_TITLES.get(key, key)


def _source_text(key: str) -> str:
    """ "kagi" -> its title; "kagi:typology 'X'" -> "<title>: typology 'X'"; else as is."""
    prefix, _, rest = key.partition(":")
    if prefix in RATER_TITLES:
        return f"{RATER_TITLES[prefix]}: {rest}" if rest else RATER_TITLES[prefix]
    return key


def outlet_from_record(record: dict[str, Any]) -> Outlet:
    """One outlet from the compact record the build script writes.

    `{"id", "name", "aliases"?, "domains"?, "country"?, "media_type"?, "owner"?,
    "ownership"?, "parent"?, "traffic"?, "from": {field: source key},
    "ratings": [[rater, lean, factuality, reliability, ref, domain, label], ...]}`
    """
    ratings = []
    for rater, lean, factuality, reliability, ref, domain, label in record.get("ratings", []):
        title = source_title(rater)
        ratings.append(
            Rating(
                rater=rater,
                lean=lean,
                factuality=factuality,
                reliability=reliability,
                source=f"{title}: {ref}" if ref else title,
                label=label,
                domain=domain,
            )
        )
    provenance = {name: _source_text(key) for name, key in record.get("from", {}).items()}
    return Outlet(
        id=record["id"],
        name=record["name"],
        aliases=list(record.get("aliases", [])),
        domains=list(record.get("domains", [])),
        country=record.get("country"),
        media_type=record.get("media_type"),
        owner=record.get("owner"),
        ownership=record.get("ownership"),
        parent=record.get("parent"),
        traffic=record.get("traffic"),
        ratings=ratings,
        provenance=provenance,
    )


def rating_record(rating: Rating, ref: str | None = None) -> list[object]:
    """The compact list form of a rating (inverse of the parsing in `outlet_from_record`)."""
    return [
        rating.rater,
        rating.lean,
        rating.factuality,
        rating.reliability,
        ref,
        rating.domain,
        rating.label,
    ]
