"""Polite, safe HTTP fetching: timeouts, size and redirect caps, robots.txt, and no
requests to private or loopback addresses unless the user allows them."""

from __future__ import annotations

import ipaddress
import socket
import threading
import time
import urllib.robotparser
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin, urlsplit

import httpx

from newsprism import __version__

USER_AGENT = (
    f"newsprism/{__version__} (+https://github.com/newsprism/newsprism; news coverage analyser)"
)
MAX_BYTES = 10 * 1024 * 1024  # larger pages are not articles; 10 MB keeps memory bounded
MAX_REDIRECTS = 5
TIMEOUT = httpx.Timeout(connect=10.0, read=20.0, write=10.0, pool=10.0)
# A whole fetch (every redirect hop and the body) ends by then: a server that trickles
# a byte every few seconds never trips the read timeout, so the total is capped too.
DEADLINE = 60.0
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
PERMANENT_REDIRECTS = frozenset({301, 308})


class FetchError(Exception):
    """A URL could not be fetched; the message is one line naming the problem."""


@dataclass
class FetchResult:
    url: str  # final URL after redirects
    status: int
    content: bytes
    content_type: str
    headers: dict[str, str] = field(default_factory=dict)
    # Where the URL asked for has moved for good: the target of the permanent redirects
    # (301, 308) that began the chain; None when the first hop was not one.
    moved_to: str | None = None

    def retry_after(self, now: datetime | None = None) -> float | None:
        """Seconds the server asked us to wait (`Retry-After`), if it did."""
        return parse_retry_after(self.headers.get("retry-after"), now)


def parse_retry_after(value: str | None, now: datetime | None = None) -> float | None:
    """`Retry-After` as seconds from now: delta-seconds or an HTTP date; None if unreadable."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


class HostGate:
    """Politeness per host: at most `per_host` requests at once, `delay` seconds apart."""

    def __init__(self, per_host: int = 2, delay: float = 0.0) -> None:
        self.per_host = max(1, per_host)
        self.delay = max(0.0, delay)
        self._lock = threading.Lock()
        self._slots: dict[str, threading.Semaphore] = {}
        self._next_start: dict[str, float] = {}

    @contextmanager
    def enter(self, host: str) -> Iterator[None]:
        with self._lock:
            slot = self._slots.setdefault(host, threading.Semaphore(self.per_host))
        with slot:
            with self._lock:
                now = time.monotonic()
                start = max(now, self._next_start.get(host, now))
                self._next_start[host] = start + self.delay
            if start > now:
                time.sleep(start - now)
            yield


def is_private_address(host: str) -> bool:
    """True when any address the host resolves to is not a public unicast address."""
    try:
        infos = socket.getaddrinfo(host, None)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchError(f"cannot resolve host {host!r}: {exc}") from exc
    for info in infos:
        address = ipaddress.ip_address(info[4][0])
        if not address.is_global or address.is_multicast:
            return True
    return False


class Fetcher:
    """One HTTP client shared by a batch, with a robots.txt cache per host."""

    def __init__(
        self,
        *,
        allow_private: bool = False,
        respect_robots: bool = True,
        max_bytes: int = MAX_BYTES,
        timeout: httpx.Timeout = TIMEOUT,
        deadline: float = DEADLINE,
        gate: HostGate | None = None,
    ) -> None:
        self.allow_private = allow_private
        self.respect_robots = respect_robots
        self.max_bytes = max_bytes
        self.deadline = deadline
        self.gate = gate or HostGate()
        self._robots_lock = threading.Lock()
        self.client = httpx.Client(
            timeout=timeout,
            follow_redirects=False,
            headers={
                "User-Agent": USER_AGENT,
                "Accept": "text/html,application/xhtml+xml,"
                "application/rss+xml,application/atom+xml,application/xml;q=0.9,*/*;q=0.5",
            },
        )
        self._robots: dict[str, urllib.robotparser.RobotFileParser | None] = {}

    def close(self) -> None:
        self.client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def fetch(
        self, url: str, *, etag: str | None = None, last_modified: str | None = None
    ) -> FetchResult:
        """GET a URL, following up to MAX_REDIRECTS redirects, each hop checked.

        The whole fetch ends within `deadline` seconds; each request waits its turn
        at the host's gate. A 304 Not Modified comes back as a result, not an error.
        """
        headers: dict[str, str] = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        ends = time.monotonic() + self.deadline
        current = url
        moved_to: str | None = None
        permanent_so_far = True
        for _hop in range(MAX_REDIRECTS + 1):
            self._check_url(current)
            if self.respect_robots and not self._robots_allows(current):
                raise FetchError(f"robots.txt of {urlsplit(current).netloc} disallows {current}")
            location = self._get(current, headers, ends)
            if isinstance(location, FetchResult):
                location.moved_to = moved_to
                return location
            status, target = location
            if permanent_so_far and status in PERMANENT_REDIRECTS:
                moved_to = target
            else:
                permanent_so_far = False
            current = target
        raise FetchError(f"more than {MAX_REDIRECTS} redirects from {url}")

    def _get(self, url: str, headers: dict[str, str], ends: float) -> FetchResult | tuple[int, str]:
        """One request: the result, or (status, absolute target) of a redirect."""
        try:
            with (
                self.gate.enter(urlsplit(url).netloc),
                self.client.stream("GET", url, headers=headers) as response,
            ):
                if response.status_code in REDIRECT_STATUSES:
                    location = response.headers.get("location")
                    if not location:
                        raise FetchError(f"redirect without a Location header from {url}")
                    return response.status_code, urljoin(url, location)
                content = self._read_capped(response, url, ends)
                return FetchResult(
                    url=str(response.url),
                    status=response.status_code,
                    content=content,
                    content_type=response.headers.get("content-type", "").lower(),
                    headers={k.lower(): v for k, v in response.headers.items()},
                )
        except httpx.TimeoutException as exc:
            raise FetchError(f"timed out fetching {url} ({type(exc).__name__})") from exc
        except httpx.HTTPError as exc:
            raise FetchError(f"cannot fetch {url}: {str(exc).splitlines()[0][:200]}") from exc

    def _check_url(self, url: str) -> None:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https"):
            raise FetchError(f"unsupported URL scheme {parts.scheme!r} in {url}")
        host = parts.hostname
        if not host:
            raise FetchError(f"no host in URL {url}")
        if not self.allow_private and is_private_address(host):
            raise FetchError(
                f"refusing {url}: {host} is a private or loopback address "
                "(use --allow-private to permit)"
            )

    def _read_capped(self, response: httpx.Response, url: str, ends: float) -> bytes:
        declared = response.headers.get("content-length")
        if declared and declared.isdigit() and int(declared) > self.max_bytes:
            raise FetchError(
                f"{url} is {int(declared) / 1e6:.1f} MB, over the {self.max_bytes / 1e6:.0f} MB cap"
            )
        chunks: list[bytes] = []
        size = 0
        for chunk in response.iter_bytes():
            if time.monotonic() > ends:
                raise FetchError(f"{url} took longer than {self.deadline:.0f} s in all (too slow)")
            size += len(chunk)
            if size > self.max_bytes:
                raise FetchError(f"{url} is larger than the {self.max_bytes / 1e6:.0f} MB cap")
            chunks.append(chunk)
        return b"".join(chunks)

    def _robots_allows(self, url: str) -> bool:
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        with self._robots_lock:
            known = origin in self._robots
        if not known:
            loaded = self._load_robots(origin)
            with self._robots_lock:
                self._robots.setdefault(origin, loaded)
        parser = self._robots[origin]
        return True if parser is None else parser.can_fetch(USER_AGENT, url)

    def _load_robots(self, origin: str) -> urllib.robotparser.RobotFileParser | None:
        try:
            with self.gate.enter(urlsplit(origin).netloc):
                response = self.client.get(origin + "/robots.txt")
        except httpx.HTTPError:
            return None  # unreachable robots.txt: the page fetch will report the real error
        parser = urllib.robotparser.RobotFileParser()
        if response.status_code in (401, 403):
            parser.parse(["User-agent: *", "Disallow: /"])
        elif response.status_code >= 400:
            parser.parse([])  # no robots.txt: everything is allowed
        else:
            parser.parse(response.text[:500_000].splitlines())
        return parser
