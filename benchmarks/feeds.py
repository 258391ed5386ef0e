"""Feed polling at scale, against local servers on loopback addresses only.

A server process answers for HOSTS loopback addresses (127.0.0.2, 127.0.0.3, ...):
FEEDS feeds of ENTRIES entries each, drawn from a shared pool of article pages (as
wire stories recur across outlets' feeds), and a tenth of the feeds faulty in the ways
issue 12 names (500, 503 with Retry-After, 404, 410, redirect loop, malformed XML, an
entity bomb, a gzip bomb, 100 MB, a web page instead of a feed, a connection closed
mid-body, a trickling server, a slow server). `poll_feeds` then runs one round with
its default politeness (2 requests at once per host, 0.5 s apart; 30 s per fetch).

Figures (bars from issue 12):
- round: feeds polled and every page fetched, extracted and stored: <= 90 s, every
  good article stored once, every faulty feed reported with a reason;
- enrichment (NER, quotes, embeddings, clustering, analysis) of what the round stored
  is timed apart: it costs the same whatever the source (see enrich_speed.py);
- soak (--soak-minutes, default 10): the feeds gain new entries every few seconds and
  rounds run back to back; resident memory may grow less than 10% from the end of the
  soak's first round, no article may be stored twice, and nothing may crash. The
  baseline is taken after that first soak round because it is the first in which this
  process runs NER, quotes and the stance model itself (the big first batch ran in
  forked workers), so its one-off allocations (model scratch buffers, lazily loaded
  tables) are start-up, not growth; every round's RSS is printed so the curve shows.

    nice -n 10 .venv/bin/python benchmarks/feeds.py [--feeds 500] [--soak-minutes 10]
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import random
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

ROUND_BAR = 90.0
SOAK_PERIOD = 5.0  # seconds between new stories in the soak
MEMORY_GROWTH_BAR = 0.10
ENTRIES = 20
FAULTS = (
    "http500",
    "busy503",
    "missing404",
    "gone410",
    "loop",
    "malformed",
    "bomb",
    "gzipbomb",
    "huge",
    "webpage",
    "closed",
    "trickle",
    "slow",
)
WORDS = [
    "council",
    "harbour",
    "budget",
    "minister",
    "strike",
    "port",
    "bridge",
    "repairs",
    "officials",
    "report",
    "workers",
    "pay",
    "talks",
    "agreement",
    "inspectors",
    "shipment",
    "customs",
    "ministry",
    "statement",
    "court",
    "ruling",
    "election",
    "campaign",
    "vote",
    "energy",
    "prices",
    "market",
    "trade",
    "export",
    "import",
    "tariff",
    "company",
    "shares",
    "investors",
    "bank",
    "rates",
    "inflation",
    "weather",
    "storm",
    "flood",
    "rescue",
    "hospital",
    "health",
    "school",
    "teachers",
    "police",
    "investigation",
    "allegation",
    "denial",
    "spokesperson",
    "embassy",
]
CHROME = (
    "<header><nav><a href='/'>Home</a> <a href='/world'>World</a> <a href='/business'>"
    "Business</a> <a href='/sport'>Sport</a></nav></header>"
)
FOOTER = (
    "<aside><h3>Most read</h3><ul><li><a href='/x'>Another story</a></li>"
    "<li><a href='/y'>Yet another</a></li></ul></aside>"
    "<footer><p>Subscribe to our newsletter</p><p>(c) 2026 Loopback Media</p></footer>"
)
BOMB = (
    b'<?xml version="1.0"?><!DOCTYPE z [<!ENTITY a "aaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>'
    b'<rss version="2.0"><channel><title>&b;</title></channel></rss>'
)


# -- the server process -------------------------------------------------------------------


def article_page(number: int) -> bytes:
    rng = random.Random(number)
    event = number % 97
    title = f"Story {number}: " + " ".join(rng.choice(WORDS) for _ in range(6)).capitalize()
    paragraphs = []
    for _ in range(8):
        words = [WORDS[(event + rng.randrange(12)) % len(WORDS)] for _ in range(75)]
        paragraphs.append("<p>" + " ".join(words).capitalize() + ".</p>")
    body = "".join(paragraphs)
    published = f"2026-06-{1 + number % 28:02d}T08:00:00Z"
    return (
        f"<!doctype html><html><head><title>{title} | Loopback News</title>"
        f"<meta property='og:title' content='{title}'>"
        f"<meta property='article:published_time' content='{published}'>"
        f"</head><body>{CHROME}<article><h1>{title}</h1>{body}</article>{FOOTER}</body></html>"
    ).encode()


GROUPS = 50  # feeds f and g list the same stories when f % GROUPS == g % GROUPS
NEW_PER_STEP = 10  # soak: new stories every `period` seconds, across all feeds


class FeedWorld:
    """Which entries each feed lists: its group's ENTRIES newest stories. In the soak,
    NEW_PER_STEP stories appear every `period` seconds."""

    def __init__(self, pool: int) -> None:
        self.pool = pool
        self.period = 0.0
        self.started = time.monotonic()

    def start_soak(self, period: float) -> None:
        self.period, self.started = period, time.monotonic()

    def newest(self) -> int:
        steps = int((time.monotonic() - self.started) / self.period) if self.period else 0
        return self.pool + steps * NEW_PER_STEP

    def entries(self, feed: int) -> list[int]:
        top = self.newest()
        group = feed % GROUPS
        return [n for n in range(top - ENTRIES * GROUPS, top) if n % GROUPS == group]

    @staticmethod
    def fault(feed: int) -> str | None:
        return FAULTS[(feed // 10) % len(FAULTS)] if feed % 10 == 9 else None


def serve(hosts: int, port: int, pool: int) -> None:
    world = FeedWorld(pool)

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args: object) -> None:
            pass

        def send(self, status: int, body: bytes, ctype: str, **headers: str) -> None:
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            for name, value in headers.items():
                self.send_header(name.replace("_", "-"), value)
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self) -> None:
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                self.route()

        def route(self) -> None:
            path = self.path
            if path == "/robots.txt":
                return self.send(200, b"User-agent: *\nAllow: /\n", "text/plain")
            if path.startswith("/soak/"):
                world.start_soak(float(path.split("/")[2]))
                return self.send(200, b"ok", "text/plain")
            if path.startswith("/article/"):
                return self.send(200, article_page(int(path.split("/")[2])), "text/html")
            if not path.startswith("/feed/"):
                return self.send(404, b"no", "text/plain")
            feed = int(path.split("/")[2].split(".")[0])
            fault = world.fault(feed)
            if fault is not None:
                return self.faulty(fault)
            host = self.headers.get("Host", "")
            items = "".join(
                f"<item><title>Story {n}</title><link>http://{_article_host(n, hosts)}"
                f"/article/{n}</link><guid>{host}-{feed}-{n}</guid></item>"
                for n in world.entries(feed)
            )
            body = (
                f'<?xml version="1.0"?><rss version="2.0"><channel><title>Feed {feed}</title>'
                f"<link>http://{host}/</link>{items}</channel></rss>"
            ).encode()
            return self.send(200, body, "application/rss+xml")

        def faulty(self, fault: str) -> None:
            if fault == "http500":
                return self.send(500, b"oops", "text/plain")
            if fault == "busy503":
                return self.send(503, b"busy", "text/plain", Retry_After="3600")
            if fault == "missing404":
                return self.send(404, b"no", "text/plain")
            if fault == "gone410":
                return self.send(410, b"gone", "text/plain")
            if fault == "loop":
                return self.send(302, b"", "text/plain", Location=self.path)
            if fault == "malformed":
                return self.send(200, b"<rss><channel><item><title>x", "application/rss+xml")
            if fault == "bomb":
                return self.send(200, BOMB, "application/rss+xml")
            if fault == "gzipbomb":
                body = gzip.compress(b"\0" * (60 << 20))
                return self.send(200, body, "application/rss+xml", Content_Encoding="gzip")
            if fault == "webpage":
                return self.send(200, article_page(1), "text/html")
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml")
            if fault == "huge":
                self.send_header("Content-Length", str(100 << 20))
                self.end_headers()
                return None
            self.send_header("Content-Length", "50000")
            self.end_headers()
            if fault == "closed":
                self.wfile.write(b"<?xml version='1.0'?><rss><chan")
                self.close_connection = True
            elif fault == "trickle":
                for _ in range(200):
                    self.wfile.write(b" ")
                    self.wfile.flush()
                    time.sleep(1.0)
            elif fault == "slow":
                time.sleep(45)
            return None

    servers = []
    for index in range(hosts):
        httpd = ThreadingHTTPServer((f"127.0.0.{2 + index}", port), Handler)
        httpd.daemon_threads = True
        threading.Thread(target=httpd.serve_forever, daemon=True).start()
        servers.append(httpd)
    print("ready", flush=True)
    sys.stdin.read()  # until the parent closes our stdin


def _article_host(number: int, hosts: int) -> str:
    return f"127.0.0.{2 + number % hosts}:{PORT}"


PORT = 0


# -- the measuring process -----------------------------------------------------------------


def rss_bytes() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    return 0


def main() -> int:
    global PORT
    parser = argparse.ArgumentParser()
    parser.add_argument("--feeds", type=int, default=500)
    parser.add_argument("--hosts", type=int, default=50)
    parser.add_argument("--pool", type=int, default=2500, help="stories before the soak")
    parser.add_argument("--soak-minutes", type=float, default=10.0)
    parser.add_argument("--port", type=int, default=8931)
    parser.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    PORT = args.port
    if args.serve:
        serve(args.hosts, args.port, args.pool)
        return 0

    from newsprism.extract.outlet import OutletResolver
    from newsprism.pipeline.poll import settle_allocator_for_long_runs
    from newsprism.pipeline.process import process_pending
    from newsprism.store import Store

    settle_allocator_for_long_runs()  # as `newsprism poll` does

    failures: list[str] = []
    server = subprocess.Popen(
        [
            sys.executable,
            __file__,
            "--serve",
            "--hosts",
            str(args.hosts),
            "--pool",
            str(args.pool),
            "--port",
            str(args.port),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert server.stdout is not None and server.stdin is not None
    if server.stdout.readline().strip() != "ready":
        print("the feed server did not start", file=sys.stderr)
        return 2
    world = FeedWorld(args.pool)
    faulty = {f for f in range(args.feeds) if world.fault(f)}
    try:
        with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "feeds.db") as store:
            resolver = OutletResolver.default()
            for feed in range(args.feeds):
                store.add_feed(
                    f"http://127.0.0.{2 + feed % args.hosts}:{args.port}/feed/{feed}.xml"
                )
            expected = {n for f in range(args.feeds) if f not in faulty for n in world.entries(f)}

            started = time.monotonic()
            report = _round(store, resolver)
            elapsed = time.monotonic() - started
            stored = [a.url for a in store.articles()]
            numbers = Counter(int(u.rsplit("/", 1)[1]) for u in stored if u)
            failed = {e.source for e in report.feeds_failed}
            reasons = Counter(e.message.split(":")[0][:40] for e in report.feeds_failed)
            print(
                f"round: {args.feeds} feeds on {args.hosts} hosts, {len(faulty)} faulty; "
                f"{elapsed:.1f} s (bar {ROUND_BAR:.0f}); {report.new_entries} new entries, "
                f"{report.articles.added} articles stored"
            )
            print(f"  faults reported: {len(failed)} of {len(faulty)}: {dict(reasons)}")
            if elapsed > ROUND_BAR:
                failures.append(f"round took {elapsed:.1f} s > {ROUND_BAR:.0f} s")
            if set(numbers) != expected or max(numbers.values(), default=1) > 1:
                failures.append(
                    f"stored {len(numbers)} distinct of {len(expected)} expected, "
                    f"{sum(c > 1 for c in numbers.values())} twice"
                )
            if len(failed) != len(faulty):
                failures.append(f"{len(failed)} faults reported of {len(faulty)}")

            started = time.monotonic()
            processed = process_pending(store, resolver)
            print(
                f"enrichment after the round: {processed.enriched} articles in "
                f"{time.monotonic() - started:.1f} s (timed apart; see enrich_speed.py)"
            )

            if args.soak_minutes:
                import httpx

                httpx.get(f"http://127.0.0.2:{args.port}/soak/{SOAK_PERIOD}")
                failures += _soak(store, resolver, args.soak_minutes)
    finally:
        server.stdin.close()
        server.wait(timeout=30)
    print("all bars met" if not failures else "FAILED: " + "; ".join(failures))
    return 1 if failures else 0


def _round(store: Any, resolver: Any) -> Any:
    from newsprism.pipeline.poll import poll_feeds

    # enrichment is timed apart: the round is fetching, extracting and storing
    return poll_feeds(store, allow_private=True, resolver=resolver, due_only=False, enrich=False)


def _soak(store: Any, resolver: Any, minutes: float) -> list[str]:
    from newsprism.pipeline.poll import poll_feeds

    ends = time.monotonic() + minutes * 60
    before = rss_bytes()
    poll_feeds(store, allow_private=True, resolver=resolver, due_only=False)  # warm-up
    baseline = rss_bytes()
    print(f"soak: RSS {before / 1e6:.0f} MB before its first round, {baseline / 1e6:.0f} after")
    rounds = 1
    peak = baseline
    while time.monotonic() < ends:
        report = poll_feeds(store, allow_private=True, resolver=resolver, due_only=False)
        rounds += 1
        peak = max(peak, rss_bytes())
        print(f"  round {rounds}: {report.articles.added} new, RSS {rss_bytes() / 1e6:.0f} MB")
    urls = [a.url for a in store.articles()]
    duplicates = len(urls) - len(set(urls))
    growth = (rss_bytes() - baseline) / baseline if baseline else 0.0
    print(
        f"soak: {minutes:g} min, {rounds} rounds, {len(urls)} articles stored, "
        f"{duplicates} stored twice; RSS {baseline / 1e6:.0f} MB -> {rss_bytes() / 1e6:.0f} MB "
        f"(growth {growth:.1%}, bar {MEMORY_GROWTH_BAR:.0%}; peak {peak / 1e6:.0f} MB)"
    )
    problems = []
    if duplicates:
        problems.append(f"{duplicates} articles stored twice in the soak")
    if growth >= MEMORY_GROWTH_BAR:
        problems.append(f"memory grew {growth:.1%} in the soak")
    return problems


if __name__ == "__main__":
    sys.exit(main())
