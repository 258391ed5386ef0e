"""Reading inputs: formats, containers, URLs and feeds, and every kind of bad input."""

from __future__ import annotations

import base64
import gzip
import io
import json
import plistlib
import quopri
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import pytest

from newsprism.extract import extract_document
from newsprism.ingest.fetch import Fetcher
from newsprism.ingest.sources import IngestError, iter_documents, iter_items
from newsprism.models import RawDocument

PAGE = b"""<!doctype html><html><head><title>Harbour bridge reopens</title></head>
<body><article><h1>Harbour bridge reopens</h1><p>The harbour bridge reopened on Monday
after three months of repairs, the city said.</p></article></body></html>"""

FEED = """<?xml version="1.0"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
<title>Test Feed</title><link>{base}/</link>
<item><title>Bridge reopens</title><link>{base}/article</link>
<pubDate>Mon, 02 Mar 2026 10:00:00 GMT</pubDate></item>
<item><title>Gone page</title><link>{base}/missing</link>
<content:encoded><![CDATA[<p>The council met on Tuesday to discuss the budget.</p>]]>
</content:encoded>
</item></channel></rss>"""


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        base = f"http://127.0.0.1:{self.server.server_address[1]}"
        routes = {
            "/article": (200, "text/html; charset=utf-8", PAGE),
            "/feed.xml": (200, "application/rss+xml", FEED.format(base=base).encode()),
            "/doc.pdf": (200, "application/pdf", b"%PDF-1.4 fake"),
            "/robots.txt": (200, "text/plain", b"User-agent: *\nDisallow: /private/\n"),
            "/private/page": (200, "text/html", PAGE),
        }
        if self.path == "/loop":
            self.send_response(302)
            self.send_header("Location", "/loop")
            self.end_headers()
            return
        if self.path == "/slow":
            time.sleep(3)
        if self.path == "/huge":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(50 * 1024 * 1024))
            self.end_headers()
            return
        status, ctype, body = routes.get(self.path, (404, "text/plain", b"not found"))
        try:
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def docs(inputs: list[str], **kwargs: object) -> list[RawDocument | IngestError]:
    return list(iter_documents(inputs, **kwargs))  # type: ignore[arg-type]


def errors(items: list[RawDocument | IngestError]) -> list[IngestError]:
    return [i for i in items if isinstance(i, IngestError)]


def test_folder_is_read_recursively_by_format(tmp_path: Path) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "page.html").write_bytes(PAGE)
    (tmp_path / "a" / "b" / "note.txt").write_text("A plain text capture of a report.\n")
    (tmp_path / "a" / "b" / "post.md").write_text("# Title\n\nSome text here.\n")
    (tmp_path / "zipped.html.gz").write_bytes(gzip.compress(PAGE))
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "skip.txt").write_text("not me")
    items = docs([str(tmp_path)])
    kinds = sorted((Path(d.source).name, d.kind) for d in items if isinstance(d, RawDocument))
    assert kinds == [
        ("note.txt", "text"),
        ("page.html", "html"),
        ("post.md", "markdown"),
        ("zipped.html.gz", "html"),
    ]


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_files_are_text_not_binary(tmp_path: Path, codec: str) -> None:
    # Windows editors save UTF-16 (with a byte-order mark, or without one): its zero
    # bytes must not make a capture or a page "binary data".
    (tmp_path / "note.txt").write_bytes("A plain text capture of a report.\n".encode(codec))
    (tmp_path / "saved").write_bytes(PAGE.decode().encode(codec))
    items = docs([str(tmp_path)])
    assert not errors(items)
    kinds = sorted((Path(d.source).name, d.kind) for d in items if isinstance(d, RawDocument))
    assert kinds == [("note.txt", "text"), ("saved", "html")]


def test_folder_of_pages_saved_complete_skips_their_assets(tmp_path: Path) -> None:
    # "Save page, complete" writes Story.html and a Story_files folder of scripts,
    # styles and images: none of them is an article, and none is an error.
    (tmp_path / "Story_files").mkdir()
    (tmp_path / "Story.html").write_bytes(PAGE)
    (tmp_path / "Story_files" / "app.js").write_text("// The reader loads comments.\nrun();\n")
    (tmp_path / "Story_files" / "style.css").write_text("body { margin: 0 auto; }\n")
    (tmp_path / "Story_files" / "logo.PNG").write_bytes(b"\x89PNG\r\n\x1a\n....")
    items = docs([str(tmp_path)])
    assert [(Path(d.source).name, d.kind) for d in items] == [("Story.html", "html")]
    (problem,) = errors(docs([str(tmp_path / "Story_files" / "style.css")]))
    assert problem.message == "is a page asset (.css file), not an article"


def _mhtml(page: str, *, location: str) -> bytes:
    """A single-file save as Chromium writes it: CRLF lines, quoted-printable HTML,
    an ad frame saved as a second HTML part, and a base64 image."""
    boundary = "----MultipartBoundary--t3st----"

    def part(ctype: str, where: str, encoding: str, body: str) -> list[str]:
        return [f"--{boundary}", f"Content-Type: {ctype}", f"Content-Transfer-Encoding: {encoding}",
                f"Content-Location: {where}", "", body]  # fmt: skip

    main = part("text/html", location, "quoted-printable",
                quopri.encodestring(page.encode("utf-8")).decode("ascii"))  # fmt: skip
    frame = part("text/html", "https://ads.example/frame", "quoted-printable",
                 "<html><body><p>An advertisement.</p></body></html>")  # fmt: skip
    image = part("image/png", "https://ads.example/a.png", "base64",
                 base64.b64encode(b"\x89PNG\r\n\x1a\n").decode("ascii"))  # fmt: skip
    lines = [
        "From: <Saved by Blink>",
        f"Snapshot-Content-Location: {location}",
        "Subject: =?utf-8?Q?Harbour_bridge_reopens?=",
        "Date: Sun, 6 Dec 2026 21:40:12 -0000",
        "MIME-Version: 1.0",
        f'Content-Type: multipart/related;\r\n\ttype="text/html";\r\n\tboundary="{boundary}"',
        "",
        *frame,  # frames come first in Chromium's saves
        *main,
        *image,
        f"--{boundary}--",
        "",
    ]
    return "\r\n".join(lines).encode("ascii")


def test_single_file_save_gives_its_page_and_address(tmp_path: Path) -> None:
    page = PAGE.decode().replace("three months", "three months (at a cost of €12 million)")
    location = "https://www.ridgedaily.example/news/harbour-bridge-reopens"
    (tmp_path / "Harbour bridge.mhtml").write_bytes(_mhtml(page, location=location))
    (doc,) = docs([str(tmp_path / "Harbour bridge.mhtml")])
    assert isinstance(doc, RawDocument)
    assert (doc.kind, doc.url) == ("html", location)
    assert doc.content.decode("utf-8") == page  # the main frame, not the ad's
    assert doc.fetched_at == datetime(2026, 12, 6, 21, 40, 12, tzinfo=UTC)  # saved, not published
    article = extract_document(doc)
    assert article.title == "Harbour bridge reopens"
    assert "€12 million" in article.text
    assert article.published is None  # the archive's date is when it was saved


def test_single_file_save_is_known_without_its_suffix(tmp_path: Path) -> None:
    location = "https://www.ridgedaily.example/a"
    (tmp_path / "download").write_bytes(_mhtml(PAGE.decode(), location=location))
    (tmp_path / "empty.mht").write_bytes(b"MIME-Version: 1.0\r\nContent-Type: text/plain\r\n\r\nhi")
    found = docs([str(tmp_path / "download"), str(tmp_path / "empty.mht")])
    assert isinstance(found[0], RawDocument) and found[0].url == location
    assert isinstance(found[1], IngestError)
    assert found[1].message == "MHTML archive holds no HTML page"


def test_safari_web_archive_gives_its_page_and_address(tmp_path: Path) -> None:
    page = PAGE.decode().replace("three months", "three months (€12 million)").encode("cp1252")
    archive = {
        "WebMainResource": {
            "WebResourceData": page,
            "WebResourceURL": "https://www.ridgedaily.example/a",
            "WebResourceMIMEType": "text/html",
            "WebResourceTextEncodingName": "windows-1252",
        },
        "WebSubresources": [{"WebResourceData": b"\x89PNG", "WebResourceURL": "https://x/a.png"}],
    }
    (tmp_path / "a.webarchive").write_bytes(plistlib.dumps(archive, fmt=plistlib.FMT_BINARY))
    (tmp_path / "b.webarchive").write_bytes(plistlib.dumps({"x": 1}, fmt=plistlib.FMT_BINARY))
    found = docs([str(tmp_path / "a.webarchive"), str(tmp_path / "b.webarchive")])
    assert isinstance(found[0], RawDocument)
    assert (found[0].kind, found[0].url) == ("html", "https://www.ridgedaily.example/a")
    assert "€12 million" in extract_document(found[0]).text
    assert isinstance(found[1], IngestError)
    assert found[1].message == "binary property list, not a Safari web archive"


def test_jsonl_broken_line_is_reported_with_its_number(tmp_path: Path) -> None:
    path = tmp_path / "articles.jsonl"
    good = {"id": "a1", "title": "T", "text": "Body one.", "date": "2026-03-01"}
    path.write_text(
        json.dumps(good)
        + "\n"
        + '{"id": "a2", "text": broken\n'
        + json.dumps({"id": "a3"})
        + "\n"
        + json.dumps({**good, "id": "a4"})
        + "\n"
    )
    items = docs([str(path)])
    found = [d.hints["id"] for d in items if isinstance(d, RawDocument)]
    assert found == ["a1", "a4"]
    problems = {e.source: e.message for e in errors(items)}
    assert f"{path}:2" in problems and "invalid JSON" in problems[f"{path}:2"]
    assert problems[f"{path}:3"] == "record has no text"


def test_json_list_file(tmp_path: Path) -> None:
    path = tmp_path / "list.json"
    path.write_text(json.dumps([{"text": "one"}, {"text": "two"}]))
    assert [d.kind for d in docs([str(path)])] == ["article", "article"]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.txt", b"", "empty document"),
        ("blank.html", b"   \n\n", "empty document"),
        ("report.pdf", b"%PDF-1.7\n...", "is a PDF"),
        ("image.html", b"\x89PNG\r\n\x1a\n....", "is a PNG image"),
        ("blob.txt", b"abc\x00\x01\x02def" * 10, "binary data"),
        ("bad.gz", b"\x1f\x8b\x08\x00garbage", "gzip data"),
    ],
)
def test_bad_files_get_one_line_errors(
    tmp_path: Path, name: str, content: bytes, message: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    (problem,) = errors(docs([str(path)]))
    assert problem.source == str(path)
    assert message in problem.message
    assert "\n" not in problem.message


def test_gzip_bomb_is_capped(tmp_path: Path) -> None:
    path = tmp_path / "bomb.html.gz"
    with gzip.open(path, "wb", compresslevel=9) as handle:
        chunk = b"\0" * (1 << 20)
        for _ in range(60):
            handle.write(chunk)
    assert path.stat().st_size < 1 << 20
    (problem,) = errors(docs([str(path)]))
    assert "cap" in problem.message


def test_oversized_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "huge.html"
    with path.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    (problem,) = errors(docs([str(path)]))
    assert "over the" in problem.message


def test_missing_path_and_batch_goes_on(tmp_path: Path) -> None:
    good = tmp_path / "ok.html"
    good.write_bytes(PAGE)
    items = docs([str(tmp_path / "nope.html"), str(good)])
    assert isinstance(items[0], IngestError) and "no such file" in items[0].message
    assert isinstance(items[1], RawDocument)


def test_warc_response_records(tmp_path: Path) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    path = tmp_path / "crawl.warc.gz"
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        record = writer.create_warc_record(
            "https://news.example/a", "response", payload=io.BytesIO(PAGE), http_headers=headers
        )
        writer.write_record(record)
    (doc,) = docs([str(path)])
    assert isinstance(doc, RawDocument)
    assert doc.url == "https://news.example/a" and doc.content == PAGE


def test_feed_file_with_malformed_xml(tmp_path: Path) -> None:
    path = tmp_path / "broken.xml"
    path.write_text("<?xml version='1.0'?><rss><channel><item><title>x</tit")
    (problem,) = errors(docs([str(path)]))
    assert "malformed feed XML" in problem.message


def test_feed_entity_bomb_is_refused(tmp_path: Path) -> None:
    bomb = (
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
        "<rss><channel><title>&lol2;</title></channel></rss>"
    )
    path = tmp_path / "bomb.rss"
    path.write_text(bomb)
    (problem,) = errors(docs([str(path)]))
    assert "refused unsafe XML" in problem.message


def test_url_fetch_and_private_refusal(server: str) -> None:
    refused = docs([f"{server}/article"])
    assert "private or loopback" in errors(refused)[0].message
    (doc,) = docs([f"{server}/article"], allow_private=True)
    assert isinstance(doc, RawDocument) and doc.kind == "html" and doc.url.endswith("/article")


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/missing", "HTTP 404"),
        ("/loop", "more than 5 redirects"),
        ("/doc.pdf", "is a PDF"),
        ("/huge", "cap"),
        ("/private/page", "robots.txt"),
    ],
)
def test_bad_urls(server: str, path: str, message: str) -> None:
    (problem,) = errors(docs([server + path], allow_private=True))
    assert problem.source == server + path
    assert message in problem.message


def test_url_timeout(server: str) -> None:
    fetcher = Fetcher(allow_private=True, timeout=httpx.Timeout(0.5))
    (problem,) = errors(docs([f"{server}/slow"], fetcher=fetcher))
    assert "timed out" in problem.message


def test_feed_url_fetches_pages_and_falls_back_to_feed_content(server: str) -> None:
    items = list(iter_items([f"{server}/feed.xml"], allow_private=True))
    pages = [i for i in items if isinstance(i, RawDocument)]
    assert [p.url for p in pages] == [f"{server}/article", f"{server}/missing"]
    assert pages[0].hints["title"] == "Bridge reopens"
    assert pages[1].hints.get("from_feed_content") is True
    assert b"council met" in pages[1].content
