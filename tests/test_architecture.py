"""The import graph of `src/newsprism` keeps the one-way flow ARCHITECTURE.md promises.

Read with `ast`, not by importing: every `import` and `from ... import` counts, those
inside functions and under `TYPE_CHECKING` too, since each is a dependency a reader
has to follow.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "newsprism"

# The computing stages in flow order; each may import only those before it. `outlets`
# (the registry) comes first: extract reads it to say who published, analysis to say
# how they lean. `text` and `models` are the shared base every stage may use.
STAGES = ("outlets", "ingest", "extract", "enrich", "stories", "analysis")
BASE = ("models", "text")
# What runs the stages, in order: the store keeps their results, the pipeline runs
# them against it, the web serves it, the command line drives all of it.
RUNNERS = ("store", "pipeline", "web", "cli")
LAYERS = (*BASE, *STAGES, *RUNNERS)
# Only the store speaks SQL.
SQL_LIBRARIES = ("sqlalchemy", "psycopg", "sqlite3")


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def modules() -> dict[str, Path]:
    return {module_name(p): p for p in PACKAGE.rglob("*.py")}


def imported_names(path: Path, name: str) -> Iterator[str]:
    """Absolute dotted names a module imports (`from a import b` gives `a.b` and `a`)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*parent, *([node.module] if node.module else [])])
            yield base
            yield from (f"{base}.{alias.name}" for alias in node.names)


def graph() -> dict[str, set[str]]:
    """Module -> project modules it imports. `from pkg import sub` is an arrow to
    `pkg.sub` only, not to `pkg`: the idiom names the submodule it needs."""
    known = modules()
    edges: dict[str, set[str]] = {}
    for name, path in known.items():
        targets: set[str] = set()
        names = list(imported_names(path, name))
        for target in names:
            if target not in known or target == name:
                continue
            if any(other.startswith(target + ".") and other in known for other in names):
                continue  # `from pkg import sub`: the arrow goes to pkg.sub
            targets.add(target)
        edges[name] = targets
    return edges


def layer(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in LAYERS else None


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in edges.get(node, ()):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return found


def arrows_against_the_flow(edges: dict[str, set[str]]) -> list[str]:
    wrong = []
    for source, targets in sorted(edges.items()):
        here = layer(source)
        for target in sorted(targets):
            there = layer(target)
            if there is None or there == here:
                continue
            if here in BASE:
                wrong.append(f"{source} -> {target}: {here} imports nothing of the project")
            elif here is None:  # newsprism/__init__.py
                wrong.append(f"{source} -> {target}: the package root imports no stage")
            elif LAYERS.index(there) > LAYERS.index(here):
                wrong.append(f"{source} -> {target}: {here} may not import {there}")
    return wrong


def test_the_graph_sees_the_project() -> None:
    edges = graph()
    assert "newsprism.pipeline.ingest" in edges
    assert "newsprism.extract.outlet" in edges["newsprism.pipeline.ingest"]


def test_no_import_cycles() -> None:
    assert cycles(graph()) == []


def test_no_arrow_against_the_flow() -> None:
    assert arrows_against_the_flow(graph()) == []


def test_models_and_text_import_nothing_of_the_project() -> None:
    edges = graph()
    assert edges["newsprism.models"] == set()
    assert edges["newsprism.text"] == set()


def test_stages_know_nothing_downstream() -> None:
    edges = graph()
    for source, targets in edges.items():
        if layer(source) in STAGES:
            downstream = {t for t in targets if layer(t) in RUNNERS}
            assert not downstream, f"{source} imports {sorted(downstream)}"


def test_only_the_store_speaks_sql() -> None:
    for name, path in modules().items():
        if layer(name) == "store":
            continue
        found = {
            imported.split(".")[0]
            for imported in imported_names(path, name)
            if imported.split(".")[0] in SQL_LIBRARIES
        }
        assert not found, f"{name} imports {sorted(found)}"


def test_the_checks_catch_what_they_should() -> None:
    assert cycles({"a": {"b"}, "b": {"a"}, "c": set()}) == [["a", "b"]]
    edges = {
        "newsprism.extract.html": {"newsprism.store.db"},
        "newsprism.enrich.quotes": {"newsprism.extract.html"},
        "newsprism.models": {"newsprism.text"},
    }
    wrong = arrows_against_the_flow(edges)
    assert len(wrong) == 2
    assert "extract may not import store" in wrong[0]
    assert "models imports nothing" in wrong[1]
