"""A feed's entry links are web addresses or nothing: never a file on this machine.

A feed is written by someone else. Its `<link>` may be a local path, a `file:` URL or
a relative URL; the poller must resolve it against the feed's own URL and fetch only
http(s), so no feed can make newsprism store (and show, and index) a file from disk.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from newsprism.ingest.feeds import parse_feed, web_url
from newsprism.ingest.sources import IngestError, iter_items
from newsprism.models import RawDocument
from newsprism.pipeline.poll import poll_feeds
from newsprism.store import Store

SECRET = "TOP-SECRET-LOCAL-FILE-CONTENT the council must never see this line"

PAGE = """<!doctype html><html><head><title>{title}</title></head><body><article>
<h1>{title}</h1><p>{body}</p></article></body></html>"""

BODIES = {
    "/news/relative": (
        "Harbour ferry service resumes",
        "The harbour ferry resumed service on Monday after a two-week strike by crews "
        "ended with a new pay agreement, the operator said in a statement.",
    ),
    "/root-relative": (
        "Library extends opening hours",
        "The central library will open until ten in the evening from next month, the "
        "city council announced after a consultation with residents.",
    ),
    "/guid-only": (
        "Tram line reaches the airport",
        "The new tram line to the airport opened to passengers on Tuesday, two years "
        "after construction began, transport officials said.",
    ),
}


def feed_xml(secret_path: Path) -> str:
    return f"""<?xml version="1.0"?>
<rss version="2.0"><channel><title>Local Test Feed</title><link>/</link>
<item><title>Absolute path</title><link>{secret_path}</link></item>
<item><title>File URL</title><link>file://{secret_path}</link></item>
<item><title>Relative path</title><link>../{secret_path.name}</link></item>
<item><title>Relative</title><link>relative</link></item>
<item><title>Root relative</title><link>/root-relative</link></item>
<item><title>GUID only</title><guid isPermaLink="true">/guid-only</guid></item>
</channel></rss>"""


@pytest.fixture
def secret_file(tmp_path: Path) -> Path:
    path = tmp_path / "secret.txt"
    path.write_text(SECRET + "\n" + "More private text that only this machine holds.\n")
    return path


@pytest.fixture
def feed_server(secret_file: Path) -> Iterator[str]:
    body = feed_xml(secret_file).encode()

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def do_GET(self) -> None:
            if self.path == "/news/feed.xml":
                status, ctype, content = 200, "application/rss+xml", body
            elif self.path in BODIES:
                title, text = BODIES[self.path]
                status, ctype = 200, "text/html; charset=utf-8"
                content = PAGE.format(title=title, body=text).encode()
            else:
                status, ctype, content = 404, "text/plain", b"not found"
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(content)))
            self.end_headers()
            self.wfile.write(content)

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def test_web_url_resolves_against_the_feed_and_refuses_everything_else() -> None:
    base = "https://example.org/news/feed.xml"
    assert web_url("story", base) == "https://example.org/news/story"
    assert web_url("/story", base) == "https://example.org/story"
    assert web_url("//cdn.example.org/a", base) == "https://cdn.example.org/a"
    assert web_url("/etc/passwd", base) == "https://example.org/etc/passwd"
    assert web_url("/etc/passwd") is None
    assert web_url("file:///etc/passwd", base) is None
    assert web_url("FILE:///etc/passwd", base) is None
    assert web_url("javascript:alert(1)", base) is None
    assert web_url("ftp://example.org/x", base) is None
    assert web_url("http://", base) is None
    assert web_url("  ", base) is None


def test_parse_feed_keeps_only_web_links(secret_file: Path) -> None:
    feed = parse_feed(feed_xml(secret_file).encode(), base_url="http://h.test/news/feed.xml")
    links = [e.link for e in feed.entries]
    assert links == [
        f"http://h.test{secret_file}",
        None,
        f"http://h.test/{secret_file.name}",
        "http://h.test/news/relative",
        "http://h.test/root-relative",
        "http://h.test/guid-only",
    ]
    assert parse_feed(feed_xml(secret_file).encode()).entries[0].link is None


def test_local_feed_file_never_reads_linked_files(secret_file: Path, tmp_path: Path) -> None:
    feed_file = tmp_path / "feed.xml"
    feed_file.write_text(feed_xml(secret_file))
    items = list(iter_items([str(feed_file)], allow_private=True))
    documents = [i for i in items if isinstance(i, RawDocument)]
    assert all(SECRET.encode() not in d.content for d in documents)


def test_urls_only_inputs_are_never_paths(secret_file: Path) -> None:
    items = list(iter_items([str(secret_file), f"file://{secret_file}"], urls_only=True))
    assert all(isinstance(i, IngestError) for i in items)
    assert all("not an http(s) URL" in i.message for i in items if isinstance(i, IngestError))


def test_poll_stores_web_pages_and_never_a_local_file(
    feed_server: str, secret_file: Path, tmp_path: Path
) -> None:
    with Store(tmp_path / "poll.db") as store:
        store.add_feed(f"{feed_server}/news/feed.xml")
        poll_feeds(store, allow_private=True)
        articles = store.articles()
        texts = " ".join(a.text for a in articles)
        urls = {a.url for a in articles}
        assert SECRET not in texts
        assert not store.search("TOP-SECRET-LOCAL-FILE-CONTENT")
        assert all(u and u.startswith(feed_server) for u in urls)
        assert urls == {f"{feed_server}{path}" for path in BODIES}
