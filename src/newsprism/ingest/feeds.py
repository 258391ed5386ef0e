"""RSS/Atom feeds and OPML lists.

Every XML document is first parsed with defusedxml, which refuses entity
declarations (billion-laughs bombs, external entities); only then does feedparser,
which is lenient about the rest, read the entries.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urljoin, urlsplit
from xml.etree.ElementTree import ParseError

import feedparser
from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring


class FeedError(Exception):
    """A feed or OPML file that cannot be used; the message is one line."""


@dataclass
class FeedEntry:
    id: str
    title: str | None
    link: str | None
    published: str | None  # ISO 8601
    authors: list[str] = field(default_factory=list)
    content: str | None = None  # full HTML content when the feed carries it, else summary


@dataclass
class Feed:
    title: str | None
    link: str | None
    entries: list[FeedEntry]


def _refuse_unsafe_xml(data: bytes) -> bool:
    """Raise FeedError on entity tricks; return whether the XML is well-formed."""
    try:
        fromstring(data, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        raise FeedError(f"refused unsafe XML ({type(exc).__name__})") from exc
    except ParseError:
        return False
    return True


def web_url(link: str | None, base: str | None = None) -> str | None:
    """`link` resolved against `base`, if the result is an http(s) URL with a host.

    A feed is written by someone else: its links may be relative, `file:` URLs or
    local paths. Only web addresses come out, so no entry can make us read a file.
    """
    if not link or not link.strip():
        return None
    link = link.strip()
    resolved = urljoin(base, link) if base else link
    try:
        parts = urlsplit(resolved)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    return resolved


def parse_feed(data: bytes, base_url: str | None = None) -> Feed:
    """Entries of an RSS/Atom document; links resolved against `base_url` (the feed's URL).

    An entry link that is not an http(s) URL after resolution is dropped; a GUID that
    is one stands in for a missing link.
    """
    well_formed = _refuse_unsafe_xml(data)
    parsed: Any = feedparser.parse(data, sanitize_html=True, resolve_relative_uris=True)
    entries = [_entry(e, i, base_url) for i, e in enumerate(parsed.entries)]
    if not well_formed:  # keep what a lenient parse recovered, if anything usable
        entries = [e for e in entries if e.link or e.content]
    if not entries:
        problem = parsed.get("bozo_exception") if parsed.get("bozo") else None
        if problem is not None or not well_formed:
            detail = str(problem).splitlines()[0] if problem is not None else "not well-formed"
            raise FeedError(f"malformed feed XML: {detail}")
        if not parsed.get("version"):
            raise FeedError("not an RSS or Atom feed")
    feed = parsed.get("feed", {})
    return Feed(title=feed.get("title"), link=feed.get("link"), entries=entries)


def _entry(raw: Any, index: int, base_url: str | None) -> FeedEntry:
    published = None
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = raw.get(key)
        if value:
            published = datetime.fromtimestamp(calendar.timegm(value), UTC).isoformat()
            break
    content = None
    if raw.get("content"):
        content = max((c.get("value", "") for c in raw["content"]), key=len) or None
    if not content:
        content = raw.get("summary") or None
    authors = [a.get("name") for a in raw.get("authors", []) if a.get("name")]
    guid = raw.get("id")
    link = web_url(raw.get("link"), base_url) or web_url(guid, base_url)
    return FeedEntry(
        id=str(guid or link or index),
        title=raw.get("title"),
        link=link,
        published=published,
        authors=authors,
        content=content,
    )


def parse_opml(data: bytes) -> list[str]:
    """Feed URLs (`xmlUrl` of each outline) in document order, without repeats."""
    try:
        root = fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        raise FeedError(f"refused unsafe XML ({type(exc).__name__})") from exc
    except ParseError as exc:
        raise FeedError(f"malformed OPML: {exc}") from exc
    urls: list[str] = []
    for outline in root.iter("outline"):
        url = outline.get("xmlUrl") or outline.get("xmlurl")
        if url and url not in urls:
            urls.append(url)
    if not urls:
        raise FeedError("OPML lists no feeds (no outline with xmlUrl)")
    return urls


def write_opml(feeds: list[tuple[str, str | None]], title: str = "newsprism feeds") -> str:
    """An OPML 2.0 document listing `(url, title)` feeds, for other feed readers."""
    from xml.etree.ElementTree import Element, SubElement, tostring

    root = Element("opml", version="2.0")
    head = SubElement(root, "head")
    SubElement(head, "title").text = title
    SubElement(head, "dateCreated").text = datetime.now(UTC).strftime("%a, %d %b %Y %H:%M:%S GMT")
    body = SubElement(root, "body")
    for url, name in feeds:
        SubElement(body, "outline", type="rss", text=name or url, title=name or url, xmlUrl=url)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + tostring(root, encoding="unicode") + "\n"
