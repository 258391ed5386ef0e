"""`newsprism outlet` (show records) and `newsprism outlets` (list, filter, export, check)."""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from newsprism.outlets import scales
from newsprism.outlets.outlet import Outlet
from newsprism.outlets.overrides import FIELDS, OverrideError
from newsprism.outlets.registry import Registry

OverridesOption = Annotated[
    Path | None,
    typer.Option(
        "--overrides",
        help="Outlet override file (TOML or CSV); default $NEWSPRISM_OUTLETS or "
        "~/.config/newsprism/outlets.toml when present.",
    ),
]


def register(app: typer.Typer) -> None:
    app.command("outlet")(outlet_command)
    app.command("outlets")(outlets_command)


def _load(overrides: Path | None) -> Registry:
    try:
        return Registry.load_default(overrides)
    except OverrideError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from exc


def outlet_command(
    queries: Annotated[list[str], typer.Argument(help="Domains, URLs, names or ids.")],
    as_json: Annotated[bool, typer.Option("--json", help="One JSON line per query.")] = False,
    overrides: OverridesOption = None,
) -> None:
    """Show the registry's record of each outlet, with where every value came from.

    An outlet the registry does not know is reported as "unrated". Exits 1 when none
    of the queries is known.
    """
    registry = _load(overrides)
    found_any = False
    for query in queries:
        outlet = registry.lookup(query)
        found_any = found_any or outlet is not None
        if as_json:
            record = {
                "query": query,
                "status": "rated" if outlet else "unrated",
                "outlet": outlet.to_json() if outlet else None,
            }
            typer.echo(json.dumps(record, ensure_ascii=False))
        elif outlet is None:
            typer.echo(f"{query}: unrated (not in the outlet registry)")
        else:
            typer.echo(describe(outlet, query))
    if not found_any:
        raise typer.Exit(1)


def describe(outlet: Outlet, query: str | None = None) -> str:
    """A human-readable record with the source of every value."""
    record = outlet.to_json()
    lines = [f"{outlet.name} [{outlet.id}]" + (f"  (for {query!r})" if query else "")]
    if outlet.domains:
        lines.append(f"  domains      {', '.join(outlet.domains)}")
    if outlet.aliases:
        lines.append(f"  also known   {'; '.join(outlet.aliases[:8])}")
    if outlet.parent:
        lines.append(f"  section of   {outlet.parent}")
    score = record["lean_score"]
    lean = f"{record['lean_label']} ({score:+.2f})" if record["lean_label"] else "unrated"
    lines.append(_line("lean", lean, "; ".join(record["lean_from"])))
    lines.append(
        _line("factuality", record["factuality_label"] or "unrated", record["factuality_from"])
    )
    reliability = record["reliability"]
    shown = "unrated" if reliability is None else f"{reliability:.2f}"
    lines.append(_line("reliability", shown, record["reliability_from"]))
    for key, label in (
        ("country", "country"),
        ("media_type", "media type"),
        ("owner", "owner"),
        ("ownership_label", "ownership"),
    ):
        value = record[key]
        source_key = "ownership" if key == "ownership_label" else key
        lines.append(_line(label, value or "unknown", outlet.provenance.get(source_key)))
    if outlet.ratings:
        lines.append("  ratings")
        for rating in outlet.ratings:
            parts = []
            if rating.lean is not None:
                parts.append(scales.lean5_label(scales.round_lean(rating.lean)))
            if rating.factuality:
                parts.append(f"factuality {scales.FACTUALITY_LABELS.get(rating.factuality)}")
            if rating.reliability is not None:
                parts.append(f"reliability {rating.reliability:.2f}")
            if rating.label:
                parts.append(f"({rating.label})")
            lines.append(f"    {rating.rater:<9} {' '.join(parts) or '-'}  <- {rating.source}")
    return "\n".join(lines)


def _line(label: str, value: str, source: str | None) -> str:
    return f"  {label:<12} {value}" + (f"   <- {source}" if source else "")


def outlets_command(
    lean: Annotated[
        str | None,
        typer.Option(help="left, lean-left, center, lean-right, right or unrated."),
    ] = None,
    side: Annotated[str | None, typer.Option(help="left, center or right (3-way).")] = None,
    country: Annotated[str | None, typer.Option(help="Country name, e.g. 'United States'.")] = None,
    factuality: Annotated[
        str | None,
        typer.Option(help="very-high, high, mostly-factual, mixed, low, very-low or unrated."),
    ] = None,
    ownership: Annotated[
        str | None,
        typer.Option(help="independent, corporate, state-funded, public-broadcaster, non-profit."),
    ] = None,
    query: Annotated[
        str | None, typer.Option(help="Text contained in the name, an alias or a domain.")
    ] = None,
    limit: Annotated[int | None, typer.Option(help="At most this many outlets.")] = None,
    check: Annotated[
        bool, typer.Option("--check", help="Report inconsistencies instead of listing.")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON line per outlet.")] = False,
    as_csv: Annotated[
        bool, typer.Option("--csv", help="CSV in the override file format (re-importable).")
    ] = False,
    overrides: OverridesOption = None,
) -> None:
    """List, filter and export the outlet registry; `--check` reports inconsistencies."""
    registry = _load(overrides)
    if check:
        problems = registry.check()
        for problem in problems:
            typer.echo(problem)
        typer.echo(f"{len(problems)} problems in {len(registry)} outlets", err=True)
        raise typer.Exit(1 if problems else 0)
    try:
        selected = filter_outlets(
            registry.all(),
            lean=lean,
            side=side,
            country=country,
            factuality=factuality,
            ownership=ownership,
            query=query,
        )
    except ValueError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from exc
    selected.sort(key=lambda o: (o.name.casefold(), o.id))
    if limit is not None:
        selected = selected[:limit]
    if as_csv:
        write_csv(selected, sys.stdout)
    elif as_json:
        for outlet in selected:
            typer.echo(json.dumps(outlet.to_json(), ensure_ascii=False))
    else:
        for outlet in selected:
            reliability = outlet.reliability
            typer.echo(
                "\t".join(
                    [
                        outlet.id,
                        outlet.name,
                        outlet.lean_label or "unrated",
                        outlet.factuality_label or "-",
                        "-" if reliability is None else f"{reliability:.2f}",
                        outlet.country or "-",
                        outlet.domains[0] if outlet.domains else "-",
                    ]
                )
            )
    typer.echo(f"{len(selected)} outlets", err=True)


_COUNTRY_ALIASES = {"us": "united states", "usa": "united states", "uk": "united kingdom"}


def filter_outlets(
    outlets: list[Outlet],
    *,
    lean: str | None = None,
    side: str | None = None,
    country: str | None = None,
    factuality: str | None = None,
    ownership: str | None = None,
    query: str | None = None,
) -> list[Outlet]:
    """Outlets matching every given filter; raises ValueError on an unknown value."""
    lean_want = _choice(lean, [scales.slug(x) for x in scales.LEAN5_LABELS], "lean")
    side_want = _choice(side, list(scales.SIDES), "side")
    fact_want = _choice(factuality, list(scales.FACTUALITY_KEYS), "factuality")
    own_want = _choice(ownership, list(scales.OWNERSHIP_KEYS), "ownership")
    country_want = None
    if country:
        country_want = _COUNTRY_ALIASES.get(country.casefold(), country.casefold())
    text = query.casefold() if query else None
    result = []
    for outlet in outlets:
        label = outlet.lean_label
        if lean_want and (scales.slug(label) if label else "unrated") != lean_want:
            continue
        if side_want and (outlet.lean_side or "unrated") != side_want:
            continue
        if fact_want and (outlet.factuality or "unrated") != fact_want:
            continue
        if own_want and (outlet.ownership or "unrated") != own_want:
            continue
        if country_want and (outlet.country or "").casefold() != country_want:
            continue
        if text and not any(
            text in s.casefold() for s in [outlet.name, *outlet.aliases, *outlet.domains]
        ):
            continue
        result.append(outlet)
    return result


def _choice(value: str | None, allowed: list[str], what: str) -> str | None:
    if value is None:
        return None
    key = scales.slug(value)
    if key not in [*allowed, "unrated"]:
        raise ValueError(f"--{what} {value!r}: use one of {', '.join(allowed)} or unrated")
    return key


def write_csv(outlets: list[Outlet], stream: object) -> None:
    """Outlets in the override CSV format, combined values in the lean/factuality columns."""
    writer = csv.writer(stream)  # type: ignore[arg-type]
    writer.writerow(FIELDS)
    for outlet in outlets:
        lean = outlet.lean
        reliability = outlet.reliability
        writer.writerow(
            [
                outlet.id,
                outlet.name,
                "|".join(outlet.aliases),
                "|".join(outlet.domains),
                "" if lean is None else scales.lean_key(lean),
                outlet.factuality or "",
                "" if reliability is None else f"{reliability:.3f}",
                outlet.owner or "",
                outlet.ownership or "",
                outlet.country or "",
                outlet.media_type or "",
            ]
        )
