"""Where raw documents come from: paths (files, folders, `.gz`), JSON/JSONL, WARC,
pages saved by a browser (HTML, MHTML, Safari web archives), RSS/Atom feeds and OPML
lists, URLs and stdin.

`iter_documents` turns the user's inputs into a stream of `RawDocument`s, with an
`IngestError` in the stream (never an exception) for each input or record that cannot
be read, so one bad document never stops a batch.
"""

from __future__ import annotations

import codecs
import contextlib
import email
import email.utils
import gzip
import io
import json
import plistlib
import sys
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from newsprism.ingest.feeds import FeedEntry, FeedError, parse_feed, parse_opml, web_url
from newsprism.ingest.fetch import Fetcher, FetchError
from newsprism.models import RawDocument
from newsprism.text import to_utc, utf16_codec

MAX_FILE_BYTES = 20 * 1024 * 1024  # a news page is well under this; bigger is not an article
MAX_DECOMPRESSED_BYTES = 50 * 1024 * 1024  # cap on what one .gz may expand to (gzip bombs)
# A single-file save (MHTML) carries the page's images and fonts too; only its HTML is read.
MAX_MHTML_BYTES = 100 * 1024 * 1024

HTML_SUFFIXES = {".html", ".htm", ".xhtml", ".shtml"}
TEXT_SUFFIXES = {".txt", ".text"}
MARKDOWN_SUFFIXES = {".md", ".markdown"}
JSON_SUFFIXES = {".json", ".jsonl", ".ndjson"}
FEED_SUFFIXES = {".rss", ".atom", ".xml"}
OPML_SUFFIXES = {".opml"}
WARC_SUFFIXES = {".warc"}
MHTML_SUFFIXES = {".mhtml", ".mht"}
WEBARCHIVE_MAGIC = b"bplist00"  # Safari's .webarchive is a binary property list
# What a browser's "Save page, complete" writes beside the page (the "Page_files"
# folder): never articles. Skipped when a folder is read, refused when named.
ASSET_SUFFIXES = {
    ".js", ".mjs", ".css", ".map", ".wasm", ".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif",
    ".svg", ".ico", ".bmp", ".woff", ".woff2", ".ttf", ".otf", ".eot", ".mp4", ".webm", ".mp3",
}  # fmt: skip
BINARY_MAGIC = {
    b"%PDF": "a PDF",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"PK\x03\x04": "a ZIP archive",
    b"\x7fELF": "an executable",
}


@dataclass
class IngestError:
    """An input (or one record of it) that could not be read."""

    source: str
    message: str

    def __str__(self) -> str:
        return f"{self.source}: {self.message}"


@dataclass
class FeedLink:
    """A feed met while reading inputs, so the caller can remember it for polling."""

    url: str
    title: str | None = None


Item = RawDocument | IngestError | FeedLink


def iter_documents(
    inputs: list[str],
    *,
    allow_private: bool = False,
    fetch_feed_pages: bool = True,
    fetcher: Fetcher | None = None,
    fetched_at: datetime | None = None,
) -> Iterator[RawDocument | IngestError]:
    """Every document in `inputs` (paths, folders, URLs, `-`), in a stable order."""
    for item in iter_items(
        inputs,
        allow_private=allow_private,
        fetch_feed_pages=fetch_feed_pages,
        fetcher=fetcher,
        fetched_at=fetched_at,
    ):
        if not isinstance(item, FeedLink):
            yield item


def iter_items(
    inputs: list[str],
    *,
    allow_private: bool = False,
    fetch_feed_pages: bool = True,
    fetcher: Fetcher | None = None,
    urls_only: bool = False,
    fetched_at: datetime | None = None,
) -> Iterator[Item]:
    """Like `iter_documents`, with the feeds met along the way as `FeedLink`s.

    `urls_only` is for inputs that came from somewhere else (a feed's entry links, a
    web request): each must be an http(s) URL, and none is ever read as a local path.
    `fetched_at`: when documents that do not record it (files) were saved or copied.
    """
    own_fetcher = fetcher is None
    active = fetcher or Fetcher(allow_private=allow_private)
    reader = _Reader(active, fetch_feed_pages=fetch_feed_pages)
    try:
        for source in inputs:
            if urls_only and web_url(source) is None:
                yield IngestError(source, "not an http(s) URL (links are never read from disk)")
                continue
            for item in reader.read_input(source):
                if isinstance(item, RawDocument) and item.fetched_at is None:
                    item.fetched_at = fetched_at
                yield item
    finally:
        if own_fetcher:
            active.close()


def read_feed_entry(
    fetcher: Fetcher,
    entry: FeedEntry,
    feed: str,
    feed_title: str | None,
    *,
    fetch_page: bool = True,
) -> list[Item]:
    """One polled feed entry as documents: its page, else the feed's own content.

    The entry's link is already a web URL (see `feeds.web_url`); it is fetched, never
    read from disk.
    """
    return list(_Reader(fetcher, fetch_feed_pages=fetch_page).read_entry(entry, feed, feed_title))


def count_inputs(inputs: list[str]) -> int | None:
    """Number of documents the inputs hold (for a progress bar), or None if unknown.

    JSON Lines files count their lines; feeds, WARC and JSON lists are unknown
    until read, and so are URLs and stdin.
    """
    total = 0
    for source in inputs:
        path = Path(source)
        if source == "-" or "://" in source:
            return None
        files = list(_folder_files(path)) if path.is_dir() else [path]
        for file in files:
            name = file.name.lower()
            if name.endswith((".jsonl", ".ndjson")):
                try:
                    with file.open("rb") as handle:
                        total += sum(1 for line in handle if line.strip())
                except OSError:
                    total += 1
            elif name.endswith((".json", ".xml", ".rss", ".atom", ".opml", ".warc", ".warc.gz")):
                return None
            else:
                total += 1
    return total


def _hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def _folder_files(root: Path) -> Iterator[Path]:
    """The documents in a folder, recursively: not hidden files, not page assets."""
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        if not _hidden(path, root) and path.suffix.lower() not in ASSET_SUFFIXES:
            yield path


class _Reader:
    def __init__(self, fetcher: Fetcher, *, fetch_feed_pages: bool) -> None:
        self.fetcher = fetcher
        self.fetch_feed_pages = fetch_feed_pages

    def read_input(self, source: str) -> Iterator[Item]:
        if source == "-":
            data = sys.stdin.buffer.read(MAX_FILE_BYTES + 1)
            if len(data) > MAX_FILE_BYTES:
                yield IngestError("-", f"standard input is over the {MAX_FILE_BYTES >> 20} MB cap")
                return
            yield from self.read_bytes("-", data, name="stdin", url=None)
        elif source.startswith(("http://", "https://")):
            yield from self.read_url(source)
        else:
            path = Path(source).expanduser()
            if path.is_dir():
                for child in _folder_files(path):
                    yield from self.read_file(child)
            elif path.is_file():
                yield from self.read_file(path)
            elif "://" in source:
                yield IngestError(source, "unsupported URL scheme (only http and https)")
            else:
                yield IngestError(source, "no such file or directory")

    def read_file(self, path: Path) -> Iterator[Item]:
        source = str(path)
        lower = path.name.lower()
        if lower.endswith((".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz")):
            yield from read_json_lines_file(path)  # streamed: archives may be gigabytes
            return
        suffix = path.suffix.lower()
        if suffix in ASSET_SUFFIXES:
            yield IngestError(source, f"is a page asset ({suffix} file), not an article")
            return
        cap = MAX_MHTML_BYTES if suffix in MHTML_SUFFIXES else MAX_FILE_BYTES
        try:
            size = path.stat().st_size
            if size > cap:
                yield IngestError(
                    source, f"file is {size / 1e6:.1f} MB, over the {cap >> 20} MB cap"
                )
                return
            data = path.read_bytes()
        except OSError as exc:
            yield IngestError(source, f"cannot read file: {exc.strerror or exc}")
            return
        yield from self.read_bytes(source, data, name=path.name, url=None)

    def read_bytes(self, source: str, data: bytes, *, name: str, url: str | None) -> Iterator[Item]:
        if not data.strip():
            yield IngestError(source, "empty document")
            return
        lower = name.lower()
        if lower.endswith(".gz") or data[:2] == b"\x1f\x8b":
            if lower.endswith((".warc.gz", ".arc.gz")):
                yield from self.read_warc(source, data)
                return
            try:
                data = gunzip_capped(data)
            except ValueError as exc:
                yield IngestError(source, str(exc))
                return
            inner = lower[:-3] if lower.endswith(".gz") else lower
            yield from self.read_bytes(source, data, name=inner, url=url)
            return
        if data.startswith(WEBARCHIVE_MAGIC):
            yield read_webarchive(source, data)
            return
        for magic, what in BINARY_MAGIC.items():
            if data.startswith(magic):
                yield IngestError(source, f"is {what}, not an article")
                return
        kind = sniff_kind(lower, data)
        if kind == "binary":
            yield IngestError(source, "binary data, not an article")
        elif kind == "json":
            yield from read_json_records(source, data)
        elif kind == "warc":
            yield from self.read_warc(source, data)
        elif kind == "mhtml":
            yield read_mhtml(source, data)
        elif kind == "feed":
            yield from self.read_feed(source, data, feed_url=url)
        elif kind == "opml":
            yield from self.read_opml(source, data)
        else:
            yield RawDocument(source=source, content=data, kind=kind, url=url)

    def read_url(self, url: str, hints: dict[str, Any] | None = None) -> Iterator[Item]:
        try:
            result = self.fetcher.fetch(url)
        except FetchError as exc:
            yield IngestError(url, str(exc))
            return
        if result.status >= 400:
            yield IngestError(url, f"HTTP {result.status}")
            return
        ctype = result.content_type
        if "pdf" in ctype:
            yield IngestError(url, f"is a PDF ({ctype.split(';')[0]}), not an article page")
            return
        if any(t in ctype for t in ("rss", "atom")) or (
            "xml" in ctype and sniff_kind("", result.content) == "feed"
        ):
            yield FeedLink(url)
            yield from self.read_feed(url, result.content, feed_url=result.url)
            return
        name = "page.txt" if ctype.startswith("text/plain") else "page.html"
        if ctype and not any(t in ctype for t in ("html", "xml", "text")):
            yield IngestError(url, f"unsupported content type {ctype.split(';')[0]}")
            return
        for item in self.read_bytes(url, result.content, name=name, url=result.url):
            if isinstance(item, RawDocument):
                item.fetched_at = datetime.now(UTC)
                item.hints.update(hints or {})
            yield item

    def read_feed(self, source: str, data: bytes, *, feed_url: str | None) -> Iterator[Item]:
        try:
            feed = parse_feed(data, base_url=feed_url or web_url(source))
        except FeedError as exc:
            yield IngestError(source, str(exc))
            return
        if feed_url is None:
            yield FeedLink(source, feed.title)
        for entry in feed.entries:
            yield from self.read_entry(entry, source, feed.title)

    def read_entry(self, entry: FeedEntry, feed: str, feed_title: str | None) -> Iterator[Item]:
        """An entry's page (its link fetched), else the content the feed carries."""
        hints: dict[str, Any] = {
            "title": entry.title,
            "published": entry.published,
            "authors": entry.authors,
            "feed": feed,
            "feed_title": feed_title,
            "site_name": feed_title,
        }
        fetched = False
        if entry.link and self.fetch_feed_pages:
            for item in self.read_url(entry.link, hints):
                if isinstance(item, RawDocument):
                    fetched = True
                    yield item
                elif isinstance(item, IngestError) and not entry.content:
                    yield item
        if not fetched and entry.content:
            yield RawDocument(
                source=entry.link or f"{feed}#{entry.id}",
                content=entry.content.encode("utf-8"),
                kind="html",
                url=entry.link,
                hints={**hints, "from_feed_content": True},
            )
        elif not fetched and not entry.link:
            yield IngestError(feed, f"feed entry {entry.title!r} has no link and no content")

    def read_opml(self, source: str, data: bytes) -> Iterator[Item]:
        try:
            urls = parse_opml(data)
        except FeedError as exc:
            yield IngestError(source, str(exc))
            return
        for url in urls:
            yield from self.read_url(url)

    def read_warc(self, source: str, data: bytes) -> Iterator[Item]:
        from warcio.archiveiterator import ArchiveIterator
        from warcio.exceptions import ArchiveLoadFailed

        try:
            for record in ArchiveIterator(io.BytesIO(data)):
                if record.rec_type != "response":
                    continue
                uri = record.rec_headers.get_header("WARC-Target-URI")
                ctype = (
                    (record.http_headers.get_header("Content-Type") or "")
                    if record.http_headers
                    else ""
                )
                if "html" not in ctype.lower():
                    continue
                content = record.content_stream().read(MAX_FILE_BYTES + 1)
                if len(content) > MAX_FILE_BYTES:
                    yield IngestError(f"{source}#{uri}", "record over the size cap")
                    continue
                yield RawDocument(source=f"{source}#{uri}", content=content, kind="html", url=uri)
        except (ArchiveLoadFailed, ValueError, OSError, EOFError, zlib.error) as exc:
            yield IngestError(source, f"broken WARC file: {str(exc).splitlines()[0][:200]}")


def _is_mhtml(head: bytes) -> bool:
    """Whether lower-cased leading bytes open a MIME archive of a web page (Chromium
    writes "From: <Saved by Blink>"; others a multipart/related message)."""
    return head.startswith(b"from: <saved by") or (
        b"mime-version:" in head and b"multipart/related" in head
    )


def read_mhtml(source: str, data: bytes) -> RawDocument | IngestError:
    """The page of a browser's single-file save (MHTML: "Webpage, Single File"): its
    main HTML part, with the address it was saved from and when it was saved (the
    archive's date is the capture time, never the article's)."""
    message = email.message_from_bytes(data)
    location = _web_address(message.get("Snapshot-Content-Location"))
    pages = [part for part in message.walk() if part.get_content_type() == "text/html"]
    if not pages:
        return IngestError(source, "MHTML archive holds no HTML page")
    # Frames are saved as HTML parts too; the page is the part saved from its address.
    page = next((p for p in pages if _web_address(p.get("Content-Location")) == location), None)
    page = page or pages[0]
    content = page.get_payload(decode=True)
    if not isinstance(content, bytes) or not content.strip():
        return IngestError(source, "MHTML archive's HTML page is empty")
    charset = page.get_content_charset()
    saved = message.get("Date")
    fetched_at = None
    if saved:
        with contextlib.suppress(TypeError, ValueError):
            fetched_at = to_utc(email.utils.parsedate_to_datetime(str(saved)))
    return RawDocument(
        source=source,
        content=content,
        kind="html",
        url=location or _web_address(page.get("Content-Location")),
        fetched_at=fetched_at,
        hints={"charset": charset} if charset else {},
    )


def read_webarchive(source: str, data: bytes) -> RawDocument | IngestError:
    """The page of a Safari web archive (a property list holding the page's bytes, its
    address and its text encoding, beside its images and scripts)."""
    try:
        archive = plistlib.loads(data)
    except (ValueError, TypeError, OverflowError, RecursionError) as exc:  # bad or hostile
        return IngestError(source, f"broken binary property list: {exc}")
    main = archive.get("WebMainResource") if isinstance(archive, dict) else None
    if not isinstance(main, dict) or not isinstance(main.get("WebResourceData"), bytes):
        return IngestError(source, "binary property list, not a Safari web archive")
    if "html" not in str(main.get("WebResourceMIMEType", "text/html")):
        return IngestError(source, "Safari web archive of something other than a page")
    encoding = main.get("WebResourceTextEncodingName")
    return RawDocument(
        source=source,
        content=main["WebResourceData"],
        kind="html",
        url=_web_address(main.get("WebResourceURL")),
        hints={"charset": encoding} if isinstance(encoding, str) and encoding else {},
    )


def _web_address(value: object) -> str | None:
    text = str(value).strip() if value is not None else ""
    return text if text.startswith(("http://", "https://")) else None


def gunzip_capped(data: bytes, cap: int = MAX_DECOMPRESSED_BYTES) -> bytes:
    """Decompress gzip data, refusing anything that expands past `cap` (gzip bombs)."""
    decompressor = zlib.decompressobj(wbits=47)  # 32+15: gzip or zlib header
    out = bytearray()
    try:
        chunk = decompressor.decompress(data, cap + 1 - len(out))
        out += chunk
        if len(out) > cap or decompressor.unconsumed_tail:
            raise ValueError(f"decompresses to more than the {cap >> 20} MB cap (gzip bomb?)")
        if not decompressor.eof:
            raise ValueError("truncated or broken gzip data")
    except zlib.error as exc:
        raise ValueError(f"broken gzip data: {exc}") from exc
    return bytes(out)


def sniff_kind(name: str, data: bytes) -> str:
    """html | text | markdown | json | feed | opml | warc | mhtml | binary, from name then
    bytes."""
    suffix = Path(name).suffix
    wide = utf16_codec(data)
    if wide is not None:  # sniffed as the text it is; its NULs do not make it binary
        data = data[:4096].decode(wide, errors="replace").encode("utf-8")
    head = data[:2048].lstrip().removeprefix(codecs.BOM_UTF8).lower()
    if suffix in JSON_SUFFIXES:
        return "json"
    if suffix in OPML_SUFFIXES or (head.startswith(b"<?xml") and b"<opml" in head):
        return "opml"
    if suffix in WARC_SUFFIXES or data.startswith(b"WARC/"):
        return "warc"
    if suffix in MHTML_SUFFIXES or _is_mhtml(head):
        return "mhtml"
    if b"<rss" in head or b"<feed" in head or b"<rdf:rdf" in head:
        return "feed"
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix in MARKDOWN_SUFFIXES:
        return "markdown"
    if b"\x00" in data[:8192]:
        return "binary"
    if suffix in FEED_SUFFIXES:
        return "feed"
    if suffix in TEXT_SUFFIXES:
        return "text"
    if head.startswith((b"<!doctype html", b"<html")) or b"<body" in head:
        return "html"
    if head.startswith((b"{", b"[")):
        return "json"
    return "text"


def read_json_records(source: str, data: bytes) -> Iterator[RawDocument | IngestError]:
    """Interchange records from a JSON list/object or JSON Lines; bad lines reported."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        yield IngestError(source, f"JSON is not UTF-8 (byte {exc.start})")
        return
    stripped = text.lstrip()
    if stripped.startswith("["):
        try:
            records = json.loads(text)
        except json.JSONDecodeError as exc:
            yield IngestError(source, f"invalid JSON at line {exc.lineno}: {exc.msg}")
            return
        for index, record in enumerate(records, 1):
            yield _record_document(f"{source}#{index}", record)
        return
    for lineno, line in enumerate(text.splitlines(), 1):
        if line.strip():
            yield _line_document(f"{source}:{lineno}", line)


def read_json_lines_file(path: Path) -> Iterator[RawDocument | IngestError]:
    """Stream a (gzip'd) JSON Lines file; each line capped like a document."""
    source = str(path)
    opener = gzip.open if path.name.lower().endswith(".gz") else open
    try:
        with opener(path, "rb") as handle:
            for lineno, line in enumerate(handle, 1):
                if not line.strip():
                    continue
                where = f"{source}:{lineno}"
                if len(line) > MAX_FILE_BYTES:
                    yield IngestError(where, f"line is over the {MAX_FILE_BYTES >> 20} MB cap")
                    continue
                try:
                    decoded = line.decode("utf-8-sig")
                except UnicodeDecodeError as exc:
                    yield IngestError(where, f"not UTF-8 (byte {exc.start})")
                    continue
                yield _line_document(where, decoded)
    except (OSError, EOFError, zlib.error) as exc:
        yield IngestError(source, f"cannot read file: {str(exc).splitlines()[0][:200]}")


def _line_document(where: str, line: str) -> RawDocument | IngestError:
    """One JSON Lines record, or the one-line reason it cannot be read."""
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        return IngestError(where, f"invalid JSON: {exc.msg} (column {exc.colno})")
    return _record_document(where, record)


def _record_document(where: str, record: object) -> RawDocument | IngestError:
    if not isinstance(record, dict):
        return IngestError(where, "record is not a JSON object")
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        return IngestError(where, "record has no text")
    url = record.get("url") if isinstance(record.get("url"), str) else None
    content = json.dumps(record, ensure_ascii=False, sort_keys=True).encode("utf-8")
    return RawDocument(source=where, content=content, kind="article", url=url, hints=dict(record))
