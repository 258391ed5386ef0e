"""Polite, safe HTTP fetching: timeouts, size and redirect caps, robots.txt, and no
requests to private or loopback addresses unless the user allows them."""

from __future__ import annotations

import ipaddress
import socket
import urllib.robotparser
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import httpx

from newsprism import __version__

USER_AGENT = (
    f"newsprism/{__version__} (+https://github.com/newsprism/newsprism; news coverage analyser)"
)
MAX_BYTES = 10 * 1024 * 1024  # larger pages are not articles; 10 MB keeps memory bounded
MAX_REDIRECTS = 5
TIMEOUT = httpx.Timeout(connect=10.0, read=20.0, write=10.0, pool=10.0)


class FetchError(Exception):
    """A URL could not be fetched; the message is one line naming the problem."""


@dataclass
class FetchResult:
    url: str  # final URL after redirects
    status: int
    content: bytes
    content_type: str
    headers: dict[str, str] = field(default_factory=dict)


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
    ) -> None:
        self.allow_private = allow_private
        self.respect_robots = respect_robots
        self.max_bytes = max_bytes
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
        """GET a URL, following up to MAX_REDIRECTS redirects, each hop checked."""
        headers: dict[str, str] = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        current = url
        for _hop in range(MAX_REDIRECTS + 1):
            self._check_url(current)
            if self.respect_robots and not self._robots_allows(current):
                raise FetchError(f"robots.txt of {urlsplit(current).netloc} disallows {current}")
            try:
                with self.client.stream("GET", current, headers=headers) as response:
                    if response.is_redirect:
                        location = response.headers.get("location")
                        if not location:
                            raise FetchError(f"redirect without a Location header from {current}")
                        current = urljoin(current, location)
                        continue
                    content = self._read_capped(response, current)
                    return FetchResult(
                        url=str(response.url),
                        status=response.status_code,
                        content=content,
                        content_type=response.headers.get("content-type", "").lower(),
                        headers={k.lower(): v for k, v in response.headers.items()},
                    )
            except httpx.TimeoutException as exc:
                raise FetchError(f"timed out fetching {current} ({type(exc).__name__})") from exc
            except httpx.HTTPError as exc:
                raise FetchError(f"cannot fetch {current}: {exc}") from exc
        raise FetchError(f"more than {MAX_REDIRECTS} redirects from {url}")

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

    def _read_capped(self, response: httpx.Response, url: str) -> bytes:
        declared = response.headers.get("content-length")
        if declared and declared.isdigit() and int(declared) > self.max_bytes:
            raise FetchError(
                f"{url} is {int(declared) / 1e6:.1f} MB, over the {self.max_bytes / 1e6:.0f} MB cap"
            )
        chunks: list[bytes] = []
        size = 0
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > self.max_bytes:
                raise FetchError(f"{url} is larger than the {self.max_bytes / 1e6:.0f} MB cap")
            chunks.append(chunk)
        return b"".join(chunks)

    def _robots_allows(self, url: str) -> bool:
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        if origin not in self._robots:
            self._robots[origin] = self._load_robots(origin)
        parser = self._robots[origin]
        return True if parser is None else parser.can_fetch(USER_AGENT, url)

    def _load_robots(self, origin: str) -> urllib.robotparser.RobotFileParser | None:
        try:
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
