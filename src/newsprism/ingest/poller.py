"""Feed polling, store-free: when each feed is due, one conditional GET, what was learned.

`poll_feed` fetches one feed and returns its entries and a `FeedUpdate` (validators,
title, errors, the next time it is due); `poll_feeds_at_once` polls many feeds over a
thread pool, each host behind the fetcher's politeness gate; `pipeline/poll.py` saves
the updates and ingests the entries not seen before.

Scheduling: a healthy feed is polled about as often as it publishes (the median gap
between its newest entries, within MIN_INTERVAL..MAX_INTERVAL); a feed with nothing new
is polled less often, one with new entries more often. A failing feed backs off
exponentially with jitter (at least as long as its `Retry-After` asks); a feed that
answers 404 or 410 DEAD_AFTER times in a row is reported dead and tried once a day.
"""

from __future__ import annotations

import json
import random
import statistics
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from importlib import resources
from itertools import pairwise
from urllib.parse import urlsplit

from newsprism.ingest.feeds import FeedEntry, FeedError, parse_feed
from newsprism.ingest.fetch import Fetcher, FetchError, FetchResult

MIN_INTERVAL = 5 * 60.0  # seconds: no feed is polled more often
MAX_INTERVAL = 6 * 3600.0  # nor less often while healthy
DEFAULT_INTERVAL = 30 * 60.0  # a new feed, before its rhythm is known
QUIET_STRETCH = 1.5  # nothing new: wait this much longer next time
BUSY_SHRINK = 0.5  # new entries and no dates to go by: come back sooner
FIRST_BACKOFF = 60.0  # seconds after the first failure, doubling with each next one
MAX_BACKOFF = 24 * 3600.0
JITTER = 0.2  # +-20%, so that feeds failing together do not retry together
DEAD_AFTER = 3  # consecutive 404/410 answers before a feed is called dead
GONE = frozenset({404, 410})
RHYTHM_ENTRIES = 10  # newest entries whose gaps set the interval


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


def feed_categories() -> list[str]:
    """Categories of the bundled feed list."""
    data = json.loads(
        resources.files("newsprism.ingest").joinpath("data/default_feeds.json").read_text("utf-8")
    )
    return list(data["categories"])


@dataclass(frozen=True)
class FeedState:
    """What is known of a feed before polling it."""

    url: str
    title: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    consecutive_errors: int = 0
    gone_count: int = 0  # consecutive 404/410 answers
    interval: float | None = None  # seconds between polls while healthy
    next_due: datetime | None = None

    def due(self, now: datetime) -> bool:
        return self.next_due is None or self.next_due <= now


@dataclass
class FeedUpdate:
    """What polling a feed learned, to be saved with the feed.

    `fetched`: a new body was read, so its validators and title replace the stored
    ones; otherwise (304 Not Modified, an error) they stay as they were.
    """

    url: str
    last_polled: datetime
    next_due: datetime
    last_error: str | None = None
    consecutive_errors: int = 0
    gone_count: int = 0
    dead: bool = False
    fetched: bool = False
    etag: str | None = None
    last_modified: str | None = None
    title: str | None = None
    interval: float | None = None
    moved_to: str | None = None  # a permanent redirect: the feed's new URL
    last_new_entry: datetime | None = None  # set by the caller when entries were new

    def values(self) -> dict[str, object]:
        """The feed columns to write."""
        values: dict[str, object] = {
            "last_polled": self.last_polled,
            "last_error": self.last_error,
            "consecutive_errors": self.consecutive_errors,
            "gone_count": self.gone_count,
            "dead": self.dead,
            "next_due": self.next_due,
        }
        if self.fetched:
            values.update(etag=self.etag, last_modified=self.last_modified, title=self.title)
        if self.interval is not None:
            values["interval_seconds"] = self.interval
        if self.last_new_entry is not None:
            values["last_new_entry"] = self.last_new_entry
        return values


@dataclass
class FeedPoll:
    """One feed polled: its state before, the update, its entries, and why it failed."""

    feed: FeedState
    update: FeedUpdate
    entries: list[FeedEntry] = field(default_factory=list)
    error: str | None = None
    status: int | None = None  # the HTTP status of the feed's answer, when there was one
    dated: bool = False  # the entries' dates set the interval

    def learned(self, new_entries: int) -> FeedUpdate:
        """The update to save, once the caller knows how many entries were new to it."""
        update = self.update
        if self.error is not None or not update.fetched:
            return update
        changed = replace(update, last_new_entry=update.last_polled if new_entries else None)
        if not self.dated:
            changed.interval = stretch(self.feed.interval, found_new=bool(new_entries))
            changed.next_due = update.last_polled + seconds(changed.interval)
        return changed


def poll_feed(
    fetcher: Fetcher, feed: FeedState, now: datetime, rng: random.Random | None = None
) -> FeedPoll:
    """Fetch `feed` (conditional GET) and read its entries; never raises for the feed."""
    rng = rng or random.Random()
    try:
        result = fetcher.fetch(feed.url, etag=feed.etag, last_modified=feed.last_modified)
    except FetchError as exc:
        return _failed(feed, now, str(exc), None, None, rng)
    if result.status == 304:
        interval = stretch(feed.interval, found_new=False)
        update = FeedUpdate(feed.url, now, now + seconds(interval), interval=interval)
        update.moved_to = result.moved_to
        return FeedPoll(feed, update, status=304)
    if result.status >= 400:
        return _failed(feed, now, f"HTTP {result.status}", result.status, result, rng)
    if _is_web_page(result):
        kind = result.content_type.split(";")[0] or "a web page"
        return _failed(feed, now, f"not an RSS or Atom feed ({kind})", result.status, result, rng)
    try:
        parsed = parse_feed(result.content, base_url=result.url)
    except FeedError as exc:
        return _failed(feed, now, str(exc), result.status, result, rng)
    from_dates = rhythm(parsed.entries)
    interval = from_dates or feed.interval or DEFAULT_INTERVAL
    update = FeedUpdate(
        feed.url,
        now,
        now + seconds(interval),
        fetched=True,
        etag=result.headers.get("etag"),
        last_modified=result.headers.get("last-modified"),
        title=parsed.title or feed.title,
        interval=interval,
        moved_to=result.moved_to,
    )
    return FeedPoll(feed, update, parsed.entries, status=result.status, dated=bool(from_dates))


def _is_web_page(result: FetchResult) -> bool:
    """An HTML page where a feed was expected (a moved feed, a login wall, a typo)."""
    head = result.content[:2048].lower()
    feedish = any(tag in head for tag in (b"<rss", b"<feed", b"<rdf"))
    return not feedish and ("html" in result.content_type or b"<html" in head)


def _failed(
    feed: FeedState,
    now: datetime,
    reason: str,
    status: int | None,
    result: FetchResult | None,
    rng: random.Random,
) -> FeedPoll:
    errors = feed.consecutive_errors + 1
    gone = feed.gone_count + 1 if status in GONE else 0
    dead = gone >= DEAD_AFTER
    wait = MAX_BACKOFF if dead else backoff(errors, rng)
    asked = result.retry_after(now) if result is not None else None
    if asked is not None:
        wait = min(max(wait, asked), MAX_BACKOFF)
    if dead:
        reason = f"dead: {reason} {gone} times in a row; tried again once a day"
    update = FeedUpdate(
        feed.url,
        now,
        now + seconds(wait),
        last_error=reason,
        consecutive_errors=errors,
        gone_count=gone,
        dead=dead,
    )
    return FeedPoll(feed, update, error=reason, status=status)


def backoff(errors: int, rng: random.Random) -> float:
    """Seconds to wait after the `errors`-th failure in a row: doubling, capped, jittered."""
    base = min(FIRST_BACKOFF * 2 ** max(errors - 1, 0), MAX_BACKOFF)
    return base * (1 + rng.uniform(-JITTER, JITTER))


def rhythm(entries: Sequence[FeedEntry]) -> float | None:
    """How often the feed publishes: the median gap between its newest dated entries."""
    times = sorted(
        {when for e in entries if (when := _when(e.published)) is not None}, reverse=True
    )[:RHYTHM_ENTRIES]
    if len(times) < 3:
        return None
    gaps = [(a - b).total_seconds() for a, b in pairwise(times)]
    return clamp(statistics.median(gaps))


def stretch(interval: float | None, *, found_new: bool) -> float:
    """The next interval of a feed without dates to go by: shorter after news, else longer."""
    current = interval or DEFAULT_INTERVAL
    return clamp(current * (BUSY_SHRINK if found_new else QUIET_STRETCH))


def clamp(interval: float) -> float:
    return min(max(interval, MIN_INTERVAL), MAX_INTERVAL)


def seconds(value: float) -> timedelta:
    return timedelta(seconds=value)


def _when(published: str | None) -> datetime | None:
    if not published:
        return None
    try:
        moment = datetime.fromisoformat(published)
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def poll_feeds_at_once(
    fetcher: Fetcher,
    feeds: Sequence[FeedState],
    now: datetime,
    *,
    workers: int = 16,
    on_done: Callable[[FeedPoll], None] | None = None,
) -> list[FeedPoll]:
    """Poll `feeds` over `workers` threads; results in the feeds' order.

    Each request waits at the fetcher's per-host gate, so one slow host holds only its
    own feeds, and each fetch ends within the fetcher's deadline.
    """
    rng = random.Random()
    if not feeds:
        return []
    order = interleave_hosts([f.url for f in feeds])
    with ThreadPoolExecutor(max_workers=max(1, min(workers, len(feeds)))) as pool:
        futures = {
            i: pool.submit(poll_feed, fetcher, feeds[i], now, random.Random(rng.random()))
            for i in order
        }
        results = []
        for i in range(len(feeds)):
            polled = futures[i].result()
            if on_done is not None:
                on_done(polled)
            results.append(polled)
    return results


def interleave_hosts(urls: Sequence[str]) -> list[int]:
    """Indexes of `urls` taking one host after another, so that workers waiting at one
    host's gate do not starve the others."""
    by_host: dict[str, list[int]] = {}
    for index, url in enumerate(urls):
        by_host.setdefault(urlsplit(url).netloc, []).append(index)
    queues = list(by_host.values())
    order: list[int] = []
    for rank in range(max((len(q) for q in queues), default=0)):
        order.extend(q[rank] for q in queues if rank < len(q))
    return order
