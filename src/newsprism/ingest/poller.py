"""Feed polling: conditional GET per feed, then only the entries not seen before."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from importlib import resources
from typing import Any

from rich.progress import Progress

from newsprism.ingest.feeds import FeedError, parse_feed
from newsprism.ingest.fetch import Fetcher, FetchError
from newsprism.ingest.sources import IngestError
from newsprism.store import Store


def default_feed_urls(
    categories: tuple[str, ...] = ("World", "USA", "Business", "Science"),
) -> list[str]:
    """The bundled curated feed list (see ingest/data/PROVENANCE.md)."""
    data = json.loads(
        resources.files("newsprism.ingest").joinpath("data/default_feeds.json").read_text("utf-8")
    )
    urls: list[str] = []
    for category in categories:
        urls.extend(u for u in data["categories"].get(category, []) if u not in urls)
    return urls


def poll_feeds(
    store: Store, *, allow_private: bool = False, progress: Progress | None = None
) -> Any:
    """One round over every configured feed; returns the pipeline's IngestReport."""
    from newsprism.pipeline import IngestReport, ingest_inputs

    total = IngestReport()
    feeds = store.feeds()
    task = progress.add_task("polling feeds", total=len(feeds)) if progress else None
    with Fetcher(allow_private=allow_private) as fetcher:
        new_links: list[str] = []
        for feed in feeds:
            new_links.extend(_poll_one(store, fetcher, feed, total))
            if progress is not None and task is not None:
                progress.advance(task)
        if new_links:
            report = ingest_inputs(
                store, new_links, allow_private=allow_private, fetcher=fetcher, urls_only=True
            )
            for name in ("added", "duplicates", "syndicated", "enriched", "stories_updated"):
                setattr(total, name, getattr(total, name) + getattr(report, name))
            total.failed.extend(report.failed)
    return total


def _poll_one(store: Store, fetcher: Fetcher, feed: dict[str, Any], report: Any) -> list[str]:
    url = feed["url"]
    now = datetime.now(UTC)
    try:
        result = fetcher.fetch(url, etag=feed["etag"], last_modified=feed["last_modified"])
        if result.status == 304:
            store.update_feed(url, last_polled=now, last_error=None)
            return []
        if result.status >= 400:
            raise FetchError(f"HTTP {result.status}")
        parsed = parse_feed(result.content, base_url=result.url)
    except (FetchError, FeedError) as exc:
        report.failed.append(IngestError(url, str(exc)))
        store.update_feed(url, last_polled=now, last_error=str(exc))
        return []
    store.update_feed(
        url,
        last_polled=now,
        last_error=None,
        etag=result.headers.get("etag"),
        last_modified=result.headers.get("last-modified"),
        title=parsed.title or feed["title"],
    )
    links = [e.link for e in parsed.entries if e.link]
    known = store.known_urls(links)
    return [link for link in links if link not in known]
