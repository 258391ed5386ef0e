"""The outlet registry: every known outlet, looked up by id, domain, URL, name or alias.

The bundled registry is built from public rating sets by `scripts/build_registry.py`
(see data/PROVENANCE.md); user override files (`overrides.py` parses them) are applied
on top, and the values they set are credited to them. The `Outlet` and `Rating` types
and the rule that combines raters live in `outlet.py`.
"""

from __future__ import annotations

import gzip
import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import replace
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from newsprism.outlets import names as nm
from newsprism.outlets import scales
from newsprism.outlets.outlet import RATER_TITLES, USER, Outlet, Rating
from newsprism.outlets.overrides import TEXT_FIELDS, OverrideRecord, read_override_file

# (user outlet first, known only by name, form of the name, -prominence, id)
_NamePriority = tuple[int, bool, int, int, str]


class Registry:
    """Outlets with indexes by id, domain and normalised name."""

    def __init__(self, outlets: Iterable[Outlet] = ()) -> None:
        self._outlets: dict[str, Outlet] = {}
        self._user_ids: set[str] = set()
        self._by_domain: dict[str, str] = {}
        self._by_name: dict[str, str] = {}
        self.sources: list[str] = []  # files loaded, in order
        # ids of outlets a rebuild merged into another (old id -> id): stored articles
        # and override files written before the rebuild keep their outlet
        self.moved: dict[str, str] = {}
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
        registry.moved = dict(_bundled_document().get("moved", {}))
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
        records = read_override_file(Path(path))
        apply_records(self, records, provenance or f"user override ({path})")
        self.sources.append(str(path))
        return len(records)

    # queries -------------------------------------------------------------------------

    def get(self, outlet_id: str) -> Outlet | None:
        """An outlet by id, or by the id it had before a rebuild merged it."""
        found = self._outlets.get(outlet_id)
        if found is None and outlet_id in self.moved:
            found = self._outlets.get(self.moved[outlet_id])
        return found

    def lookup(self, query: str | None) -> Outlet | None:
        """An outlet by id, URL, domain, name or alias; None when unknown."""
        if not query or not query.strip():
            return None
        query = query.strip()
        if query in self._outlets or query in self.moved:
            return self.get(query)
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
        """(name or alias, outlet id) pairs, for finding outlet names in text. Where
        outlets share a name, the one `exact_name` picks comes first ("AP": the news
        agency, not AllSides' author page of that name), for tables that keep the first."""
        pairs = []
        for outlet in self._outlets.values():
            priorities = self._name_priorities(outlet)
            for kind, name in enumerate([outlet.name, *outlet.aliases]):
                pairs.append((priorities[min(kind, 1) * 2], name, outlet.id))
        pairs.sort(key=lambda pair: pair[0])
        for _, name, outlet_id in pairs:
            yield name, outlet_id

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
        by_name: dict[str, tuple[_NamePriority, str]] = {}
        for outlet in self._outlets.values():
            priorities = self._name_priorities(outlet)
            rank, _, _, prominence, _ = priorities[0]
            for domain in outlet.domains:
                key = nm.normalize_domain(domain)
                priority = (rank, prominence, outlet.id)
                if key and (key not in by_domain or priority < by_domain[key][0]):
                    by_domain[key] = (priority, outlet.id)
            for kind, name in enumerate([outlet.name, *outlet.aliases]):
                for depth, key in enumerate(nm.name_keys(name)):
                    name_priority = priorities[min(kind, 1) * 2 + min(depth, 1)]
                    if key not in by_name or name_priority < by_name[key][0]:
                        by_name[key] = (name_priority, outlet.id)
        self._by_domain = {key: value[1] for key, value in by_domain.items()}
        self._by_name = {key: value[1] for key, value in by_name.items()}

    def _name_priorities(self, outlet: Outlet) -> list[_NamePriority]:
        """How strongly each form of the outlet's names claims a name several outlets
        share, lowest first: user outlets; outlets with a web address (one known only
        by name, a columnist, never shadows a real outlet); by form, its own name as
        written (form 0) or a variant of it (1), an alias (2) or its variant (3); then
        the best known."""
        rank = 0 if outlet.id in self._user_ids else 1
        nameless = not outlet.domains and outlet.parent is None
        prominence = -outlet.prominence()
        return [(rank, nameless, form, prominence, outlet.id) for form in range(4)]

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


# -- user overrides -------------------------------------------------------------------


def apply_records(registry: Registry, records: list[OverrideRecord], provenance: str) -> list[str]:
    """Apply validated records; returns the ids touched. All checks run before any change."""
    planned: dict[str, Outlet] = {}
    for record in records:
        target = planned.get(record.id or "") or _target(registry, record, planned)
        if target is None:
            outlet_id = record.id or _new_id(registry, record, planned)
            target = Outlet(id=outlet_id, name=record.name or record.domains[0])
        else:
            target = replace(
                target,
                aliases=list(target.aliases),
                domains=list(target.domains),
                ratings=list(target.ratings),
                provenance=dict(target.provenance),
            )
        _merge(target, record, provenance)
        planned[target.id] = target
    registry.replace(planned.values(), user=True)
    return list(planned)


def _target(
    registry: Registry, record: OverrideRecord, planned: dict[str, Outlet]
) -> Outlet | None:
    if record.id:
        found = planned.get(record.id) or registry.get(record.id)
        if found is not None:
            return found
    for domain in record.domains:
        found = registry.exact_domain(domain)
        if found is not None:
            return planned.get(found.id) or found
    if record.name and not record.domains and not record.id:
        found = registry.exact_name(record.name)
        if found is not None:
            return planned.get(found.id) or found
    return None


def _new_id(registry: Registry, record: OverrideRecord, planned: dict[str, Outlet]) -> str:
    base = scales.slug(record.name or record.domains[0].replace(".", "-")) or "outlet"
    candidate, number = base, 2
    while candidate in planned or registry.get(candidate) is not None:
        candidate, number = f"{base}-{number}", number + 1
    return candidate


def _merge(target: Outlet, record: OverrideRecord, provenance: str) -> None:
    if record.name and record.name != target.name:
        if target.name and target.name not in target.aliases and target.name not in target.domains:
            target.aliases.append(target.name)
        target.name = record.name
        target.provenance["name"] = provenance
    elif record.name and "name" not in target.provenance:
        target.provenance["name"] = provenance
    for alias in record.aliases:
        if alias not in target.aliases and alias != target.name:
            target.aliases.append(alias)
    for domain in record.domains:
        if domain not in target.domains:
            target.domains.append(domain)
    if record.aliases:
        target.provenance["aliases"] = provenance
    if record.domains:
        target.provenance["domains"] = provenance
    for key in TEXT_FIELDS:
        value = getattr(record, key)
        if value is not None:
            setattr(target, key, value)
            target.provenance[key] = provenance
    if record.ownership is not None:
        target.ownership = record.ownership
        target.provenance["ownership"] = provenance
    if record.lean is not None or record.factuality is not None or record.reliability is not None:
        target.ratings.append(
            Rating(
                rater="user",
                lean=None if record.lean is None else float(record.lean),
                factuality=record.factuality,
                reliability=record.reliability,
                source=provenance,
                label=None if record.lean is None else scales.lean_key(record.lean),
            )
        )
