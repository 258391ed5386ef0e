"""The `newsprism` command line (Typer + Rich).

Each module of this package registers its commands through a `register(app)`
function, so this file stays a table of contents; `options.py` holds what they share.
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
    "newsprism.cli.ingest",
    "newsprism.cli.feeds",
    "newsprism.cli.extract",
    "newsprism.cli.outlets",
    "newsprism.cli.cluster",
    "newsprism.cli.enrich",
    "newsprism.cli.summarize",
    "newsprism.cli.serve",
    "newsprism.cli.browse",
    "newsprism.cli.demo",
    "newsprism.cli.db",
    "newsprism.cli.backfill",
]

for _name in _COMMAND_MODULES:
    importlib.import_module(_name).register(app)
