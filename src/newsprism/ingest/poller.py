"""Feed polling, store-free: one conditional GET per feed, its entry links and new state.

`poll_feed` fetches a feed and says what was learned (`FeedUpdate`) and which entry
links it lists; `pipeline/poll.py` saves the update and ingests the links not seen.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib import resources

from newsprism.ingest.feeds import FeedError, parse_feed
from newsprism.ingest.fetch import Fetcher, FetchError
from newsprism.ingest.sources import IngestError


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


@dataclass(frozen=True)
class FeedState:
    """What is known of a feed before polling it."""

    url: str
    title: str | None = None
    etag: str | None = None
    last_modified: str | None = None


@dataclass
class FeedUpdate:
    """What polling a feed learned, to be saved with the feed.

    `fetched`: a new body was read, so its validators and title replace the stored
    ones; otherwise (304 Not Modified, an error) only the time and error are saved.
    """

    url: str
    last_polled: datetime
    last_error: str | None = None
    fetched: bool = False
    etag: str | None = None
    last_modified: str | None = None
    title: str | None = None

    def values(self) -> dict[str, object]:
        """The feed columns to write."""
        values: dict[str, object] = {"last_polled": self.last_polled, "last_error": self.last_error}
        if self.fetched:
            values.update(etag=self.etag, last_modified=self.last_modified, title=self.title)
        return values


@dataclass
class FeedPoll:
    """One feed polled: its update, the entry links it lists, and the error if it failed."""

    update: FeedUpdate
    links: list[str] = field(default_factory=list)
    error: IngestError | None = None


def poll_feed(fetcher: Fetcher, feed: FeedState) -> FeedPoll:
    """Fetch `feed` (conditional GET) and read its entry links (web URLs only)."""
    now = datetime.now(UTC)
    try:
        result = fetcher.fetch(feed.url, etag=feed.etag, last_modified=feed.last_modified)
        if result.status == 304:
            return FeedPoll(FeedUpdate(feed.url, now))
        if result.status >= 400:
            raise FetchError(f"HTTP {result.status}")
        parsed = parse_feed(result.content, base_url=result.url)
    except (FetchError, FeedError) as exc:
        failed = FeedUpdate(feed.url, now, last_error=str(exc))
        return FeedPoll(failed, error=IngestError(feed.url, str(exc)))
    update = FeedUpdate(
        feed.url,
        now,
        fetched=True,
        etag=result.headers.get("etag"),
        last_modified=result.headers.get("last-modified"),
        title=parsed.title or feed.title,
    )
    return FeedPoll(update, [e.link for e in parsed.entries if e.link])
