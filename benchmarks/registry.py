"""Outlet registry benchmark: coverage of the rating sets, lean agreement with AllSides.

    .venv/bin/python benchmarks/registry.py

Bars (exit 1 below any):
- the bundled registry resolves >= 4,000 distinct domains;
- every MBFC outlet resolves by its domain / URL, and every AllSides outlet that the
  registry ties to a domain resolves by its name and by that domain;
- on ../shared/data/clustering/allsides_2021_dev.jsonl, the outlet of >= 95% of the
  articles resolves (by name, else by URL), and the combined lean's side (Left / Center
  / Right) equals the article's AllSides label for >= 85% of the articles that carry a
  Left/Center/Right label ("lean left" counts as Left; the 3 "mixed" ones are left out).
"""

from __future__ import annotations

import csv
import json
import os
import sys
import time
from collections import Counter
from pathlib import Path

from newsprism.outlets.registry import Registry

DATA = Path(
    os.environ.get("NEWSPRISM_SHARED_DATA")
    or Path(__file__).resolve().parents[1].parent / "shared" / "data"
)
GOLD_SIDE = {
    "left": "left",
    "lean left": "left",
    "center": "center",
    "lean right": "right",
    "right": "right",
}
MIN_DOMAINS = 4000
MIN_AGREEMENT = 0.85
MIN_RESOLVED = 0.95


def check_sets(registry: Registry) -> list[str]:
    failures = []
    ratings = DATA / "ratings"
    with (ratings / "mbfc_ratings.csv").open(encoding="utf-8") as handle:
        mbfc = list(csv.DictReader(handle))
    unresolved = []
    exact = 0
    for row in mbfc:
        outlet = registry.lookup(row["source"]) or registry.lookup(row["domain"])
        if outlet is None:
            unresolved.append(row["domain"])
            continue
        rating = outlet.rating("mbfc")
        exact += rating is not None and rating.source.endswith(row["mbfclink"])
    resolvable = [r for r in mbfc if "." in r["domain"].strip("w.")]
    print(
        f"MBFC: {len(mbfc) - len(unresolved)}/{len(mbfc)} rows resolve by URL or domain "
        f"({exact} to the outlet carrying that very row); unresolved: {unresolved[:5]}"
    )
    if len([d for d in unresolved if "." in d.strip("w.")]) > 0:
        failures.append(f"MBFC: {len(unresolved)} of {len(resolvable)} domains do not resolve")

    with (ratings / "allsides_2019.csv").open(encoding="utf-8") as handle:
        allsides = list(csv.DictReader(handle))
    by_page = {}
    for outlet in registry:
        rating = outlet.rating("allsides")
        if rating is not None:
            by_page[rating.source.rsplit(": ", 1)[-1]] = outlet
    with_domain = name_ok = domain_ok = any_name = 0
    misses = []
    for row in allsides:
        any_name += registry.lookup(row["news_source"]) is not None
        outlet = by_page.get(row["url"].strip())
        if outlet is None:
            continue
        home = registry.get(outlet.parent) if outlet.parent else outlet
        if home is None or not home.domains:
            continue
        with_domain += 1
        found = registry.lookup(row["news_source"])
        name_ok += found is not None and found.id == outlet.id
        if found is None or found.id != outlet.id:
            misses.append(f"{row['news_source']} -> {found.id if found else None} ({outlet.id})")
        domain_ok += registry.lookup(home.domains[0]) is not None
    print(
        f"AllSides: {len(allsides)} rows, {any_name} resolve by name; {with_domain} are tied "
        f"to a domain: {name_ok} resolve by name to their own record, {domain_ok} by domain"
    )
    if misses:
        print("  name lookups landing elsewhere:", "; ".join(misses[:10]))
    if domain_ok < with_domain or name_ok < with_domain:
        failures.append("AllSides: an outlet with a domain does not resolve")
    return failures


def check_dev(registry: Registry) -> list[str]:
    path = DATA / "clustering" / "allsides_2021_dev.jsonl"
    with path.open(encoding="utf-8") as handle:
        articles = [json.loads(line) for line in handle if line.strip()]
    confusion: Counter[tuple[str, str]] = Counter()
    wrong_outlets: Counter[str] = Counter()
    resolved = labelled = agree = 0
    by_name = 0
    for article in articles:
        outlet = registry.lookup_name(article["outlet"])
        by_name += outlet is not None
        if outlet is None and article.get("url"):
            outlet = registry.lookup_address(article["url"])
        resolved += outlet is not None
        gold = GOLD_SIDE.get(article["allsides_lean"])
        if gold is None:
            continue
        labelled += 1
        predicted = (outlet.lean_side if outlet else None) or "unrated"
        confusion[(gold, predicted)] += 1
        if predicted == gold:
            agree += 1
        else:
            shown = f"{article['outlet']} -> {outlet.id if outlet else None}"
            wrong_outlets[f"{shown} ({article['allsides_lean']} vs {predicted})"] += 1
    resolve_rate = resolved / len(articles)
    agreement = agree / labelled
    print(
        f"\nallsides_2021_dev: {len(articles)} articles; outlet resolves for {resolved} "
        f"({resolve_rate:.1%}; by name alone {by_name / len(articles):.1%})"
    )
    print(f"combined lean side = AllSides label for {agree}/{labelled} ({agreement:.1%})")
    columns = ["left", "center", "right", "unrated"]
    print("\n gold \\ registry " + "".join(f"{c:>9}" for c in columns))
    for gold in ["left", "center", "right"]:
        print(f" {gold:<16}" + "".join(f"{confusion[(gold, c)]:>9}" for c in columns))
    print("\ndisagreements by outlet (articles):")
    for text, count in wrong_outlets.most_common(20):
        print(f"  {count:3d}  {text}")
    failures = []
    if resolve_rate < MIN_RESOLVED:
        failures.append(f"dev outlets resolved {resolve_rate:.1%} < {MIN_RESOLVED:.0%}")
    if agreement < MIN_AGREEMENT:
        failures.append(f"dev lean agreement {agreement:.1%} < {MIN_AGREEMENT:.0%}")
    return failures


def main() -> None:
    started = time.perf_counter()
    registry = Registry.load_bundled()
    load_seconds = time.perf_counter() - started
    domains = registry.domains()
    hosts = {d.split("/", 1)[0] for d in domains}
    print(
        f"bundled registry: {len(registry)} outlets, {len(domains)} domain keys "
        f"({len(hosts)} distinct hosts), loaded in {load_seconds:.2f} s"
    )
    queries = [*sorted(domains)[:5000], *(name for name, _ in registry.names())][:10000]
    started = time.perf_counter()
    for query in queries:
        registry.lookup(query)
    per_lookup = (time.perf_counter() - started) / len(queries)
    print(f"lookup: {per_lookup * 1e6:.1f} µs per query ({len(queries)} domains and names)")
    unresolved = [d for d in domains if registry.lookup(d) is None]
    failures = []
    if len(domains) - len(unresolved) < MIN_DOMAINS:
        failures.append(f"only {len(domains) - len(unresolved)} domains resolve")
    failures += check_sets(registry)
    failures += check_dev(registry)
    problems = registry.check()
    print(f"\nregistry.check(): {len(problems)} problems, e.g. {problems[:3]}")
    if failures:
        print("\nBELOW BAR: " + "; ".join(failures))
        sys.exit(1)
    print("\nall bars met")


if __name__ == "__main__":
    main()
