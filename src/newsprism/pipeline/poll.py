"""Polling rounds: every feed that is due, fetched at once; what is new, stored once.

A round polls the due feeds concurrently (`ingest.poller`), saves what each feed taught
(validators, schedule, errors), fetches the pages of the entries not seen before (each
URL once, however many feeds list it, and AMP or mobile variants as one), then stores,
enriches, clusters and analyses them like any ingest. Feed state and stored articles
live in the database, so a restart resumes where the last round ended.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from newsprism.extract.domains import normalize_url
from newsprism.extract.outlet import OutletResolver
from newsprism.ingest.feeds import FeedEntry
from newsprism.ingest.fetch import Fetcher, HostGate
from newsprism.ingest.poller import FeedPoll, FeedState, interleave_hosts, poll_feeds_at_once
from newsprism.ingest.sources import IngestError, Item, read_feed_entry
from newsprism.pipeline.ingest import IngestReport, ingest_items
from newsprism.store import Store

WORKERS = 16  # concurrent requests in a round (each host still gets at most PER_HOST)
PER_HOST = 2
HOST_DELAY = 0.5  # seconds between two requests to one host
DEADLINE = 30.0  # seconds for one feed or page, all in: a trickling host holds a round no longer


@dataclass
class PollReport:
    """What a round did: feeds polled, unchanged and failed, and the articles it stored."""

    feeds_due: int = 0
    feeds_polled: int = 0
    feeds_not_modified: int = 0
    feeds_failed: list[IngestError] = field(default_factory=list)
    feeds_moved: int = 0
    new_entries: int = 0
    articles: IngestReport = field(default_factory=IngestReport)

    @property
    def all_failed(self) -> bool:
        """Every feed polled failed (nothing at all worked)."""
        return self.feeds_polled > 0 and len(self.feeds_failed) == self.feeds_polled

    def as_dict(self) -> dict[str, Any]:
        counts = self.articles.as_dict()
        feed_failures = [{"source": e.source, "error": e.message} for e in self.feeds_failed]
        return {
            **counts,
            "failed": feed_failures + counts["failed"],
            "feeds_due": self.feeds_due,
            "feeds_polled": self.feeds_polled,
            "feeds_not_modified": self.feeds_not_modified,
            "feeds_failed": len(self.feeds_failed),
            "feeds_moved": self.feeds_moved,
            "new_entries": self.new_entries,
        }


def feed_state(row: dict[str, Any]) -> FeedState:
    return FeedState(
        url=row["url"],
        title=row["title"],
        etag=row["etag"],
        last_modified=row["last_modified"],
        consecutive_errors=row.get("consecutive_errors") or 0,
        gone_count=row.get("gone_count") or 0,
        interval=row.get("interval_seconds"),
        next_due=_aware(row.get("next_due")),
    )


def poll_feeds(
    store: Store,
    *,
    allow_private: bool = False,
    progress: Any | None = None,
    resolver: OutletResolver | None = None,
    fetcher: Fetcher | None = None,
    now: datetime | None = None,
    due_only: bool = True,
    fetch_pages: bool = True,
    enrich: bool = True,
    workers: int = WORKERS,
    stop: threading.Event | None = None,
) -> PollReport:
    """One round over the configured feeds (only those due, unless `due_only` is False).

    `enrich=False` stores the new articles only; the next `process_pending` enriches them.
    """
    now = now or datetime.now(UTC)
    report = PollReport()
    feeds = [feed_state(row) for row in store.feeds()]
    due = [f for f in feeds if f.due(now)] if due_only else feeds
    report.feeds_due = len(due)
    if not due:
        return report
    own = fetcher is None
    fetcher = fetcher or Fetcher(
        allow_private=allow_private,
        deadline=DEADLINE,
        gate=HostGate(per_host=PER_HOST, delay=HOST_DELAY),
    )
    try:
        task = progress.add_task("polling feeds", total=len(due)) if progress else None

        def advance(_: FeedPoll) -> None:
            if progress is not None and task is not None:
                progress.advance(task)

        polls = poll_feeds_at_once(fetcher, due, now, workers=workers, on_done=advance)
        fresh = _new_entries(store, polls, report)
        if stop is not None and stop.is_set():
            fetch_pages = False  # asked to stop: store what the feeds carry, fetch nothing more
        items = _entry_items(fetcher, fresh, workers=workers, fetch_pages=fetch_pages)
        report.articles = ingest_items(
            store, items, resolver=resolver, progress=progress, enrich=enrich
        )
    finally:
        if own:
            fetcher.close()
        _return_free_memory()
    return report


@lru_cache(maxsize=1)
def _libc() -> Any | None:
    """glibc's C library, or None elsewhere (musl, macOS: their allocators differ).
    Looked up once: `find_library` runs `ldconfig`, too slow for every round."""
    import ctypes
    import ctypes.util

    name = ctypes.util.find_library("c")
    if name is None:
        return None
    try:
        libc = ctypes.CDLL(name)
        libc.malloc_trim, libc.mallopt  # noqa: B018 (glibc only)
    except (OSError, AttributeError):
        return None
    return libc


# glibc mallopt parameters (malloc.h)
_M_TRIM_THRESHOLD, _M_MMAP_THRESHOLD, _M_ARENA_MAX = -1, -3, -8


def settle_allocator_for_long_runs() -> None:
    """Allocator settings for a process that polls for days (`newsprism poll`).

    glibc raises its mmap threshold each time a large block is freed, so later large
    blocks (a round's pages, parser and model buffers) land in the heap, where what
    stays alive between them pins the freed space; and each of the round's fetching
    threads may get its own heap. Fixed thresholds keep large blocks in their own
    mappings (returned to the system when freed), and two heaps are plenty for threads
    that mostly wait on the network."""
    libc = _libc()
    if libc is None:
        return
    libc.mallopt(_M_MMAP_THRESHOLD, 256 * 1024)
    libc.mallopt(_M_TRIM_THRESHOLD, 1024 * 1024)
    libc.mallopt(_M_ARENA_MAX, 2)


def _return_free_memory() -> None:
    """Hand the heap a round freed back to the system (glibc only; elsewhere nothing).

    A round's pages, documents and models' scratch buffers are freed when it ends, but
    glibc keeps the freed heap mapped, so a poller running for days looks as if it grew
    by its largest round (benchmarks/feeds.py soak)."""
    import gc

    gc.collect()
    libc = _libc()
    if libc is not None:
        libc.malloc_trim(0)


def _new_entries(
    store: Store, polls: list[FeedPoll], report: PollReport
) -> list[tuple[FeedEntry, FeedPoll]]:
    """Entries no feed listed before and no stored article has, each once; saves updates."""
    for polled in polls:
        for entry in polled.entries:
            if entry.link:
                entry.link = without_amp(entry.link)
    links = [e.link for p in polls for e in p.entries if e.link]
    known = store.known_urls(sorted({*links, *(normalize_url(link) for link in links)}))
    seen: set[str] = set()
    fresh: list[tuple[FeedEntry, FeedPoll]] = []
    for polled in polls:
        report.feeds_polled += 1
        if polled.error is not None:
            report.feeds_failed.append(IngestError(polled.feed.url, polled.error))
        elif polled.status == 304:
            report.feeds_not_modified += 1
        new = 0
        for entry in polled.entries:
            key = article_key(entry.link) if entry.link else f"{polled.feed.url}#{entry.id}"
            if key in seen or (entry.link and {entry.link, normalize_url(entry.link)} & known):
                continue
            seen.add(key)
            fresh.append((entry, polled))
            new += 1
        report.new_entries += new
        store.update_feed(polled.feed.url, **polled.learned(new).values())
        moved = polled.update.moved_to
        if moved and moved != polled.feed.url:
            store.move_feed(polled.feed.url, moved)
            report.feeds_moved += 1
    return fresh


def _entry_items(
    fetcher: Fetcher,
    fresh: list[tuple[FeedEntry, FeedPoll]],
    *,
    workers: int,
    fetch_pages: bool,
) -> Iterable[Item]:
    """The new entries' documents, their pages fetched concurrently, in feed order."""
    if not fresh:
        return []

    def read(pair: tuple[FeedEntry, FeedPoll]) -> list[Item]:
        entry, polled = pair
        title = polled.update.title or polled.feed.title
        return read_feed_entry(fetcher, entry, polled.feed.url, title, fetch_page=fetch_pages)

    order = interleave_hosts([entry.link or polled.feed.url for entry, polled in fresh])
    with ThreadPoolExecutor(max_workers=max(1, min(workers, len(fresh)))) as pool:
        futures = {i: pool.submit(read, fresh[i]) for i in order}
        return [item for i in range(len(fresh)) for item in futures[i].result()]


_MOBILE_HOST = re.compile(r"^(?:m|mobile|amp)\.")
_AMP_PATH = re.compile(r"(?:/amp/?|\.amp)$")
_AMP_QUERY = {("amp", "1"), ("amp", "true"), ("amp", ""), ("outputtype", "amp")}


def without_amp(url: str) -> str:
    """The article page an AMP link stands for (`/amp`, `.amp`, `?amp=1`, `amp.` host)."""
    parts = urlsplit(url)
    path = _AMP_PATH.sub("", parts.path) or "/"
    host = parts.netloc[4:] if parts.netloc.lower().startswith("amp.") else parts.netloc
    pairs = parse_qsl(parts.query, keep_blank_values=True)
    query = [(k, v) for k, v in pairs if (k.lower(), v.lower()) not in _AMP_QUERY]
    if (path, host, len(query)) == (parts.path, parts.netloc, len(pairs)):
        return url
    return urlunsplit((parts.scheme, host, path, urlencode(query), parts.fragment))


def article_key(url: str) -> str:
    """One key for the variants of one article's URL: tracking parameters, fragments,
    AMP pages (`/amp`, `.amp`, `?amp=1`) and mobile hosts (`m.`, `mobile.`, `amp.`)."""
    parts = urlsplit(normalize_url(url))
    host = _MOBILE_HOST.sub("", parts.netloc)
    if host.startswith("www."):
        host = host[4:]
    path = _AMP_PATH.sub("", parts.path) or "/"
    query = [
        (k, v)
        for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if (k.lower(), v.lower()) not in _AMP_QUERY
    ]
    return urlunsplit(("https", host, path.rstrip("/") or "/", urlencode(query), ""))


def _aware(value: datetime | None) -> datetime | None:
    if value is None:
        return None
    return value if value.tzinfo else value.replace(tzinfo=UTC)
