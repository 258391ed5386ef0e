"""The `newsprism` command line (Typer + Rich).

Each pipeline stage registers its own commands from `<stage>/commands.py` through a
`register(app)` function, so this file stays a table of contents.
"""

from __future__ import annotations

import importlib

import typer

app = typer.Typer(
    name="newsprism",
    help="Read news from many outlets, group it into stories, and show who covered what.",
    no_args_is_help=True,
    add_completion=False,
)

_COMMAND_MODULES = [
    "newsprism.ingest.commands",
    "newsprism.extract.commands",
    "newsprism.outlets.commands",
    "newsprism.stories.commands",
    "newsprism.enrich.commands",
    "newsprism.analysis.commands",
    "newsprism.web.commands",
    "newsprism.store.commands",
    "newsprism.demo",
]

for _name in _COMMAND_MODULES:
    try:
        _module = importlib.import_module(_name)
    except ModuleNotFoundError as exc:  # a stage without commands yet
        if exc.name != _name:
            raise
        continue
    _module.register(app)


if __name__ == "__main__":
    app()
