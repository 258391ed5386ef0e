"""One polling round over the configured feeds: save what each taught, ingest what is new."""

from __future__ import annotations

from typing import Any

from newsprism.ingest.fetch import Fetcher
from newsprism.ingest.poller import FeedPoll, FeedState, poll_feed
from newsprism.pipeline.ingest import IngestReport, ingest_inputs
from newsprism.store import Store

REPORT_COUNTS = ("added", "duplicates", "syndicated", "enriched", "stories_updated")


def poll_feeds(
    store: Store, *, allow_private: bool = False, progress: Any | None = None
) -> IngestReport:
    """One round over every configured feed; counts and failures of feeds and articles."""
    total = IngestReport()
    feeds = store.feeds()
    task = progress.add_task("polling feeds", total=len(feeds)) if progress else None
    with Fetcher(allow_private=allow_private) as fetcher:
        new_links: list[str] = []
        for row in feeds:
            state = FeedState(row["url"], row["title"], row["etag"], row["last_modified"])
            polled = poll_feed(fetcher, state)
            _save(store, polled, total)
            known = store.known_urls(polled.links)
            new_links.extend(link for link in polled.links if link not in known)
            if progress is not None and task is not None:
                progress.advance(task)
        if new_links:
            report = ingest_inputs(
                store, new_links, allow_private=allow_private, fetcher=fetcher, urls_only=True
            )
            for name in REPORT_COUNTS:
                setattr(total, name, getattr(total, name) + getattr(report, name))
            total.failed.extend(report.failed)
    return total


def _save(store: Store, polled: FeedPoll, report: IngestReport) -> None:
    if polled.error is not None:
        report.failed.append(polled.error)
    store.update_feed(polled.update.url, **polled.update.values())
