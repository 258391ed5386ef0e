"""Polling against a real local HTTP server full of faulty feeds.

Each fault has its test: none stops the round or loses a stored article, each is
reported with its reason, and the schedule reacts (backoff, Retry-After, dead feeds,
moved feeds). Servers listen on 127.0.0.1 only.
"""

from __future__ import annotations

import gzip
import itertools
import threading
import time
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import pytest
from typer.testing import CliRunner

from newsprism.cli import app
from newsprism.ingest.fetch import Fetcher, FetchError, HostGate, parse_retry_after
from newsprism.ingest.poller import (
    DEAD_AFTER,
    FIRST_BACKOFF,
    JITTER,
    MAX_INTERVAL,
    MIN_INTERVAL,
    FeedState,
    poll_feed,
)
from newsprism.pipeline.poll import article_key, poll_feeds, without_amp
from newsprism.store import Store

PAGE = """<!doctype html><html><head><title>{title}</title></head><body><article>
<h1>{title}</h1><p>{title}. The council of Port Halden met on Tuesday and agreed the plan
after a long debate, officials said, adding that work would begin next spring.</p>
</article></body></html>"""

HITS: Counter[str] = Counter()
GUIDS = itertools.count()


def rss(base: str, items: list[tuple[str, str]], *, guid: str | None = None) -> bytes:
    body = "".join(
        f"<item><title>{title}</title><link>{link}</link>"
        + (f"<guid isPermaLink='false'>{guid}{next(GUIDS)}</guid>" if guid else "")
        + f"<pubDate>Mon, 0{i + 1} Jun 2026 10:00:00 GMT</pubDate></item>"
        for i, (title, link) in enumerate(items)
    )
    return (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>Feed</title>'
        f"<link>{base}/</link>{body}</channel></rss>"
    ).encode()


BOMB = b"""<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">
<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
<rss version="2.0"><channel><title>&lol2;</title></channel></rss>"""


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args: object) -> None:
        pass

    def send(
        self, status: int, body: bytes, ctype: str = "application/rss+xml", **headers: str
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers.items():
            self.send_header(name.replace("_", "-"), value)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        path = self.path
        HITS[path] += 1
        base = f"http://127.0.0.1:{self.server.server_address[1]}"
        if path == "/robots.txt":
            return self.send(404, b"", "text/plain")
        if path.startswith("/news/"):
            title = path.rsplit("/", 1)[-1].replace("-", " ").title()
            return self.send(200, PAGE.format(title=title).encode(), "text/html; charset=utf-8")
        if path == "/good.xml":
            if self.headers.get("If-None-Match") == '"v1"':
                self.send_response(304)
                self.send_header("ETag", '"v1"')
                self.send_header("Content-Length", "0")
                self.end_headers()
                return None
            items = [
                ("Harbour", "/news/harbour-reopens"),
                ("Shared", "/news/shared-story"),
                ("Relative", "news/tram-line-opens"),
            ]
            return self.send(200, rss(base, items), ETag='"v1"')
        if path == "/other.xml":
            items = [
                ("Shared", f"{base}/news/shared-story?utm_source=rss"),
                ("Amp", f"{base}/news/shared-story/amp"),
            ]
            return self.send(200, rss(base, items))
        if path == "/newguids.xml":
            return self.send(200, rss(base, [("Guid", "/news/guid-story")], guid="g"))
        if path == "/moved.xml":
            return self.send(301, b"", "text/plain", Location="/moved-here.xml")
        if path == "/moved-here.xml":
            return self.send(200, rss(base, [("Moved", "/news/moved-story")]))
        if path == "/loop.xml":
            return self.send(302, b"", "text/plain", Location="/loop.xml")
        if path == "/busy.xml":
            return self.send(503, b"busy", "text/plain", Retry_After="7200")
        if path == "/broken.xml":
            return self.send(500, b"oops", "text/plain")
        if path == "/gone.xml":
            return self.send(410, b"gone", "text/plain")
        if path == "/malformed.xml":
            return self.send(200, b"<rss><channel><item><title>unclosed")
        if path == "/bomb.xml":
            return self.send(200, BOMB)
        if path == "/html.xml":
            return self.send(200, PAGE.format(title="Not a feed").encode(), "text/html")
        if path == "/gzip-bomb.xml":
            return self.send(200, gzip.compress(b"\0" * (8 << 20)), Content_Encoding="gzip")
        if path == "/huge.xml":
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml")
            self.send_header("Content-Length", str(100 << 20))
            self.end_headers()
            return None
        if path == "/closed.xml":
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml")
            self.send_header("Content-Length", "5000")
            self.end_headers()
            self.wfile.write(b"<?xml version='1.0'?><rss")
            self.wfile.flush()
            self.close_connection = True
            return None
        if path == "/slow.xml":
            time.sleep(2.5)
            return self.send(200, rss(base, [("Slow", "/news/slow-story")]))
        if path == "/trickle.xml":
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml")
            self.send_header("Content-Length", "100000")
            self.end_headers()
            try:
                for _ in range(100):
                    self.wfile.write(b" ")
                    self.wfile.flush()
                    time.sleep(0.3)
            except (BrokenPipeError, ConnectionResetError):
                pass
            return None
        return self.send(404, b"not found", "text/plain")


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def fetcher() -> Fetcher:
    """Short limits, so that slow and trickling servers are cut off within the test."""
    return Fetcher(
        allow_private=True,
        timeout=httpx.Timeout(1.0),
        deadline=2.0,
        max_bytes=2 << 20,
        gate=HostGate(per_host=8, delay=0.0),
    )


NOW = datetime(2026, 6, 10, 12, 0, tzinfo=UTC)


def poll_one(server: str, path: str, **state: object) -> object:
    with fetcher() as f:
        return poll_feed(f, FeedState(f"{server}{path}", **state), NOW)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("path", "reason"),
    [
        ("/loop.xml", "more than 5 redirects"),
        ("/broken.xml", "HTTP 500"),
        ("/malformed.xml", "malformed feed XML"),
        ("/bomb.xml", "refused unsafe XML"),
        ("/html.xml", "not an RSS or Atom feed"),
        ("/gzip-bomb.xml", "larger than the"),
        ("/huge.xml", "over the"),
        ("/closed.xml", "cannot fetch"),
        ("/slow.xml", "timed out"),
        ("/trickle.xml", "too slow"),
        ("/missing.xml", "HTTP 404"),
    ],
)
def test_each_fault_is_reported_with_its_reason_and_backs_off(
    server: str, path: str, reason: str
) -> None:
    started = time.monotonic()
    polled = poll_one(server, path)
    assert time.monotonic() - started < 6  # the deadline holds, whatever the server does
    assert polled.error is not None and reason in polled.error, polled.error
    update = polled.update
    assert update.consecutive_errors == 1 and update.last_error == polled.error
    wait = (update.next_due - NOW).total_seconds()
    assert FIRST_BACKOFF * (1 - JITTER) <= wait <= FIRST_BACKOFF * (1 + JITTER)


def test_not_modified_is_not_an_error(server: str) -> None:
    polled = poll_one(server, "/good.xml", etag='"v1"')
    assert polled.error is None and polled.status == 304 and polled.entries == []
    assert polled.update.consecutive_errors == 0 and not polled.update.fetched


def test_retry_after_is_honoured(server: str) -> None:
    polled = poll_one(server, "/busy.xml")
    assert polled.error == "HTTP 503"
    assert polled.update.next_due >= NOW + timedelta(seconds=7200)


def test_backoff_doubles_and_a_gone_feed_dies(server: str) -> None:
    state = FeedState(f"{server}/gone.xml")
    waits = []
    with fetcher() as f:
        for _ in range(DEAD_AFTER):
            update = poll_feed(f, state, NOW).update
            waits.append((update.next_due - NOW).total_seconds())
            state = FeedState(
                state.url,
                consecutive_errors=update.consecutive_errors,
                gone_count=update.gone_count,
            )
    assert waits[1] > waits[0] * 1.3
    assert update.dead and "dead" in (update.last_error or "")


def test_permanent_redirect_gives_the_new_url(server: str) -> None:
    polled = poll_one(server, "/moved.xml")
    assert polled.error is None
    assert polled.update.moved_to == f"{server}/moved-here.xml"


def test_interval_follows_the_feed_and_stays_in_bounds(server: str) -> None:
    polled = poll_one(server, "/good.xml")
    # entries a day apart: the longest interval allowed
    assert polled.dated and polled.update.interval == MAX_INTERVAL
    assert MIN_INTERVAL <= polled.learned(3).interval <= MAX_INTERVAL  # type: ignore[operator]


def test_retry_after_forms() -> None:
    assert parse_retry_after("120") == 120.0
    assert parse_retry_after("Wed, 10 Jun 2026 12:10:00 GMT", NOW) == 600.0
    assert parse_retry_after("soon") is None


def test_amp_links_lead_to_the_article_page() -> None:
    assert without_amp("https://example.org/news/a/amp") == "https://example.org/news/a"
    assert without_amp("https://amp.example.org/a.amp?x=1&amp=1") == "https://example.org/a?x=1"
    assert without_amp("https://example.org/camp") == "https://example.org/camp"


def test_article_key_joins_variants() -> None:
    key = article_key("https://www.example.org/news/a")
    for variant in (
        "https://m.example.org/news/a",
        "https://example.org/news/a/amp",
        "https://example.org/news/a?utm_source=rss#top",
        "https://amp.example.org/news/a.amp",
        "http://example.org/news/a/?amp=1",
    ):
        assert article_key(variant) == key, variant
    assert article_key("https://example.org/news/b") != key


def test_a_round_stores_every_good_article_once_and_reports_every_fault(
    server: str, tmp_path: Path
) -> None:
    faulty = [
        "/loop.xml",
        "/busy.xml",
        "/gone.xml",
        "/malformed.xml",
        "/bomb.xml",
        "/trickle.xml",
        "/closed.xml",
        "/huge.xml",
    ]
    good = ["/good.xml", "/other.xml", "/newguids.xml", "/moved.xml"]
    HITS.clear()
    with Store(tmp_path / "poll.db") as store:
        for path in good + faulty:
            store.add_feed(f"{server}{path}")
        with fetcher() as f:
            started = time.monotonic()
            report = poll_feeds(store, fetcher=f, due_only=False)
            assert time.monotonic() - started < 60
        urls = sorted(a.url or "" for a in store.articles())
        assert urls == sorted(
            f"{server}/news/{slug}"
            for slug in (
                "harbour-reopens",
                "shared-story",
                "tram-line-opens",
                "guid-story",
                "moved-story",
            )
        )
        assert HITS["/news/shared-story"] == 1  # listed by two feeds, fetched once
        assert {e.source for e in report.feeds_failed} == {f"{server}{p}" for p in faulty}
        status = {f["url"]: f for f in store.feeds()}
        for path in faulty:
            assert status[f"{server}{path}"]["last_error"], path
            assert status[f"{server}{path}"]["consecutive_errors"] == 1
        assert f"{server}/moved-here.xml" in status and f"{server}/moved.xml" not in status
        assert status[f"{server}/good.xml"]["etag"] == '"v1"'
        assert status[f"{server}/good.xml"]["last_new_entry"] is not None

        # Second round: 304 for the feed with an ETag, the new-GUID feed adds nothing,
        # no page is downloaded again, nothing stored is lost or repeated.
        with fetcher() as f:
            again = poll_feeds(store, fetcher=f, due_only=False)
        assert again.feeds_not_modified == 1
        assert again.articles.added == 0
        assert HITS["/news/shared-story"] == 1 and HITS["/news/guid-story"] == 1
        assert sorted(a.url or "" for a in store.articles()) == urls
        assert f"{server}/good.xml" not in {e.source for e in again.feeds_failed}


def test_only_due_feeds_are_polled(server: str, tmp_path: Path) -> None:
    with Store(tmp_path / "due.db") as store:
        store.add_feed(f"{server}/good.xml")
        store.update_feed(f"{server}/good.xml", next_due=datetime.now(UTC) + timedelta(hours=1))
        with fetcher() as f:
            assert poll_feeds(store, fetcher=f).feeds_polled == 0
            assert poll_feeds(store, fetcher=f, due_only=False).feeds_polled == 1


def test_poll_once_fails_when_every_feed_fails(server: str, tmp_path: Path) -> None:
    db = str(tmp_path / "cli.db")
    runner = CliRunner()
    added = runner.invoke(
        app, ["feeds", "add", f"{server}/broken.xml", f"{server}/gone.xml", "--db", db]
    )
    assert added.exit_code == 0, added.output
    result = runner.invoke(app, ["poll", "--once", "--allow-private", "--db", db, "--json"])
    assert result.exit_code == 1
    status = runner.invoke(app, ["feeds", "status", "--db", db])
    assert "HTTP 500" in status.output and "HTTP 410" in status.output


def test_feeds_commands_round_trip(server: str, tmp_path: Path) -> None:
    db = str(tmp_path / "feeds.db")
    runner = CliRunner()
    opml = tmp_path / "in.opml"
    opml.write_text(
        '<?xml version="1.0"?><opml version="2.0"><body>'
        f'<outline text="A" xmlUrl="{server}/good.xml"/>'
        f'<outline text="B" xmlUrl="{server}/other.xml"/></body></opml>'
    )
    assert runner.invoke(app, ["feeds", "add", str(opml), "--db", db]).exit_code == 0
    assert runner.invoke(app, ["feeds", "add", "not a url", "--db", db]).exit_code == 1
    listed = runner.invoke(app, ["feeds", "list", "--db", db]).output
    assert f"{server}/good.xml" in listed and f"{server}/other.xml" in listed
    exported = tmp_path / "out.opml"
    assert runner.invoke(app, ["feeds", "export", "-o", str(exported), "--db", db]).exit_code == 0
    assert runner.invoke(app, ["feeds", "remove", "1", "--db", db]).exit_code == 0
    assert runner.invoke(app, ["feeds", "remove", "1", "--db", db]).exit_code == 1
    listed = runner.invoke(app, ["feeds", "list", "--db", db]).output
    assert f"{server}/good.xml" not in listed
    assert runner.invoke(app, ["feeds", "add", str(exported), "--db", db]).exit_code == 0
    listed = runner.invoke(app, ["feeds", "list", "--db", db]).output
    assert f"{server}/good.xml" in listed
    defaults = runner.invoke(app, ["feeds", "add", "--defaults", "--db", db, "--json"])
    assert defaults.exit_code == 0 and '"added"' in defaults.output
    unknown = runner.invoke(app, ["feeds", "add", "--defaults", "Nowhere", "--db", db])
    assert unknown.exit_code == 1


def test_fetch_error_is_one_line(server: str) -> None:
    with fetcher() as f, pytest.raises(FetchError) as caught:
        f.fetch(f"{server}/trickle.xml")
    assert "\n" not in str(caught.value)


def test_sigterm_ends_the_poller_cleanly_and_a_restart_resumes(server: str, tmp_path: Path) -> None:
    import signal
    import subprocess
    import sys

    db = str(tmp_path / "term.db")
    with Store(db) as store:
        store.add_feed(f"{server}/good.xml")
    command = [
        sys.executable,
        "-m",
        "newsprism.cli",
        "poll",
        "--allow-private",
        "--db",
        db,
        "--json",
    ]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert process.stdout is not None
        first = process.stdout.readline()  # the first round's report
        assert '"added": 3' in first, first
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=30) == 0
    finally:
        if process.poll() is None:
            process.kill()
    HITS.clear()
    with Store(db) as store:
        assert len(store.articles()) == 3
        (feed,) = store.feeds()
        assert feed["next_due"] is not None and feed["etag"] == '"v1"'
    # a restart refetches no page it stored (and the feed answers 304 to its ETag)
    again = subprocess.run([*command, "--once"], capture_output=True, text=True, timeout=120)
    assert again.returncode == 0, again.stderr
    assert '"feeds_not_modified": 1' in again.stdout
    assert HITS["/news/harbour-reopens"] == 0
