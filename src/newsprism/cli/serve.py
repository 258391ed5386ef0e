"""`newsprism serve`: the web UI and JSON API over a database."""

from __future__ import annotations

import json
import os
import sys
from typing import Any

import typer


def run_server(
    db: str | os.PathLike[str] | None = None,
    host: str = "127.0.0.1",
    port: int = 8000,
    *,
    token: str | None = None,
    resolver: Any | None = None,
    as_json: bool = False,
) -> None:
    """Serve `create_app(db, token=token)` with uvicorn until interrupted."""
    import uvicorn

    from newsprism.web.app import create_app

    app = create_app(db, token=token, resolver=resolver)
    url = f"http://{host}:{port}/"
    if as_json:
        shown_db = app.state.store.display_url
        print(json.dumps({"url": url, "api": url + "api/", "db": shown_db}), flush=True)
    else:
        writes = "enabled" if app.state.token else "disabled (no token)"
        print(f"newsprism at {url} (API docs: {url}api/docs; writes {writes})", file=sys.stderr)
    uvicorn.run(app, host=host, port=port, log_level="warning")


def serve(
    host: str = typer.Option("127.0.0.1", help="Address to listen on."),
    port: int = typer.Option(8000, help="Port to listen on."),
    db: str | None = typer.Option(
        None, "--db", help="Database file or URL (default: $NEWSPRISM_DB or the user data dir)."
    ),
    token: str | None = typer.Option(
        None,
        "--token",
        help="Bearer token that enables the write endpoints (default: $NEWSPRISM_TOKEN).",
    ),
    as_json: bool = typer.Option(False, "--json", help="Print where it listens as one JSON line."),
) -> None:
    """Serve the web UI and the JSON API (API docs at /api/docs)."""
    run_server(db, host, port, token=token, as_json=as_json)


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)
