"""`newsprism poll` and `newsprism feeds add|list|remove|export|status`."""

from __future__ import annotations

import json
import signal
import threading
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, Any

import typer

from newsprism.cli.ingest import print_report
from newsprism.cli.options import DbOption, JsonOption, err, progress_bar

feeds_app = typer.Typer(
    help="Manage the feeds `poll` reads: add, list, remove, export (OPML), status.",
    no_args_is_help=True,
)

IDLE_CHECK = 30.0  # seconds between looks at the schedule while no feed is due


def register(app: typer.Typer) -> None:
    app.command("poll")(poll)
    app.add_typer(feeds_app, name="feeds")


def poll(
    db: DbOption = None,
    once: Annotated[bool, typer.Option("--once", help="Poll every feed once and exit.")] = False,
    all_feeds: Annotated[
        bool, typer.Option("--all", help="Poll every feed now, due or not.")
    ] = False,
    allow_private: Annotated[
        bool, typer.Option("--allow-private", help="Allow fetching private and loopback addresses.")
    ] = False,
    json_out: JsonOption = False,
) -> None:
    """Poll the feeds as they fall due (conditional GET, per-host politeness, backoff),
    ingest new entries, cluster them. Runs until stopped; SIGTERM or Ctrl+C finishes
    the round in flight first. With --once, exits 1 when every feed failed."""
    from newsprism.pipeline.poll import poll_feeds, settle_allocator_for_long_runs
    from newsprism.store import Store

    if not once:
        settle_allocator_for_long_runs()
    stop = threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: stop.set())
    with Store(db) as store:
        while not stop.is_set():
            with progress_bar(disable=json_out) as progress:
                report = poll_feeds(
                    store,
                    allow_private=allow_private,
                    progress=progress,
                    due_only=not (once or all_feeds),
                    stop=stop,
                )
            if report.feeds_due or once:
                print_report(report.as_dict(), json_out)
            if once:
                raise typer.Exit(1 if report.all_failed else 0)
            stop.wait(_seconds_until_due(store))


def _seconds_until_due(store: Any) -> float:
    dues = [f["next_due"] for f in store.feeds() if f["next_due"] is not None]
    if not dues:
        return IDLE_CHECK
    soonest = min(d if d.tzinfo else d.replace(tzinfo=UTC) for d in dues)
    return min(max((soonest - datetime.now(UTC)).total_seconds(), 1.0), IDLE_CHECK)


@feeds_app.command("add")
def feeds_add(
    sources: Annotated[
        list[str] | None,
        typer.Argument(help="Feed URLs or OPML files; with --defaults, categories."),
    ] = None,
    defaults: Annotated[
        bool,
        typer.Option("--defaults", help="Add the bundled curated list (World unless named)."),
    ] = False,
    db: DbOption = None,
    json_out: JsonOption = False,
) -> None:
    """Add feeds by URL, every feed of an OPML file, or the bundled curated list."""
    from newsprism.ingest.feeds import FeedError, parse_opml, web_url
    from newsprism.ingest.poller import default_feed_urls, feed_categories
    from newsprism.store import Store

    urls: list[str] = []
    problems = 0
    if defaults:
        known = {c.casefold(): c for c in feed_categories()}
        wanted = sources or ["World"]
        for name in wanted:
            if name.casefold() not in known:
                err.print(f"error {name}: no such category ({', '.join(known.values())})")
                problems += 1
        chosen = tuple(known[n.casefold()] for n in wanted if n.casefold() in known)
        urls = default_feed_urls(chosen)
    else:
        for source in sources or []:
            path = Path(source).expanduser()
            if web_url(source) is None and path.is_file():
                try:
                    urls.extend(parse_opml(path.read_bytes()))
                except (OSError, FeedError) as exc:
                    err.print(f"error {source}: {exc}", markup=False, highlight=False)
                    problems += 1
            elif web_url(source) is not None:
                urls.append(source)
            else:
                err.print(f"error {source}: neither an http(s) feed URL nor an OPML file")
                problems += 1
    with Store(db) as store:
        added = sum(store.add_feed(url) for url in urls)
    if json_out:
        typer.echo(json.dumps({"added": added, "known": len(urls) - added, "failed": problems}))
    else:
        err.print(f"added {added} feeds ({len(urls) - added} already known)")
    if problems and not urls:
        raise typer.Exit(1)


@feeds_app.command("list")
def feeds_list(db: DbOption = None, json_out: JsonOption = False) -> None:
    """The configured feeds: id, URL, title."""
    from newsprism.store import Store

    with Store(db) as store:
        rows = store.feeds()
    for feed in rows:
        if json_out:
            typer.echo(json.dumps(_feed_json(feed)))
        else:
            typer.echo(f"{feed['id']}\t{feed['url']}\t{feed['title'] or ''}")


@feeds_app.command("remove")
def feeds_remove(
    feeds: Annotated[list[str], typer.Argument(help="Feed URLs or ids.")],
    db: DbOption = None,
) -> None:
    """Stop polling feeds (their articles stay)."""
    from newsprism.store import Store

    missing = 0
    with Store(db) as store:
        for feed in feeds:
            if not store.remove_feed(feed):
                err.print(f"error {feed}: no such feed", markup=False, highlight=False)
                missing += 1
    if missing == len(feeds):
        raise typer.Exit(1)


@feeds_app.command("export")
def feeds_export(
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write here instead of stdout.")
    ] = None,
    db: DbOption = None,
) -> None:
    """The configured feeds as OPML 2.0, for another feed reader."""
    from newsprism.ingest.feeds import write_opml
    from newsprism.store import Store

    with Store(db) as store:
        document = write_opml([(f["url"], f["title"]) for f in store.feeds()])
    if output is None:
        typer.echo(document, nl=False)
    else:
        output.write_text(document, encoding="utf-8")


@feeds_app.command("status")
def feeds_status(db: DbOption = None, json_out: JsonOption = False) -> None:
    """Per feed: last fetch, last new entry, errors in a row and the last one, next due."""
    from newsprism.store import Store

    with Store(db) as store:
        rows = store.feeds()
    for feed in rows:
        record = _feed_json(feed)
        if json_out:
            typer.echo(json.dumps(record))
            continue
        health = "dead" if record["dead"] else ("failing" if record["last_error"] else "ok")
        typer.echo(
            f"{record['id']}\t{health}\t{record['url']}\n"
            f"\tlast fetch {_when(feed['last_polled'])}, last new entry "
            f"{_when(feed['last_new_entry'])}, next due {_when(feed['next_due'])}, "
            f"errors in a row {record['consecutive_errors']}"
            + (f"\n\tlast error: {record['last_error']}" if record["last_error"] else "")
        )


def _feed_json(feed: dict[str, Any]) -> dict[str, Any]:
    def iso(value: Any) -> str | None:
        return value.isoformat() if isinstance(value, datetime) else value

    return {
        "id": feed["id"],
        "url": feed["url"],
        "title": feed["title"],
        "last_fetch": iso(feed["last_polled"]),
        "last_new_entry": iso(feed["last_new_entry"]),
        "next_due": iso(feed["next_due"]),
        "consecutive_errors": feed["consecutive_errors"] or 0,
        "last_error": feed["last_error"],
        "dead": bool(feed["dead"]),
    }


def _when(value: datetime | None) -> str:
    return "never" if value is None else f"{value:%Y-%m-%d %H:%M}"
