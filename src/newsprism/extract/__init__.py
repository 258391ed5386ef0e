"""extract: raw documents -> `Article`s (clean text, metadata, duplicate fingerprints).

`extract_document` dispatches on `RawDocument.kind`:
- "html": trafilatura with a fallback chain (`extract.html`);
- "text" / "markdown": our line-level boilerplate remover (`extract.plaintext`);
- "article": an interchange record (JSON) whose fields are only normalised.
"""

from __future__ import annotations

import hashlib
import json
import re
from datetime import datetime
from typing import Any

from newsprism.extract.dates import parse_iso_datetime, url_date
from newsprism.extract.dedupe import content_hash, fingerprints
from newsprism.extract.domains import normalize_url, preferred_url
from newsprism.extract.html import extract_html
from newsprism.extract.language import detect_language
from newsprism.extract.outlet_text import publisher_name
from newsprism.extract.plaintext import extract_plaintext
from newsprism.extract.text_decoding import declared_charset, document_text
from newsprism.models import Article, RawDocument
from newsprism.text import utf16_codec

__all__ = ["ExtractionError", "extract_document", "sniff_binary"]

_MAGIC = (
    (b"%PDF", "a PDF file"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"RIFF", "a RIFF (WebP/WAV/AVI) file"),
    (b"PK\x03\x04", "a ZIP archive (or Office document)"),
    (b"\x1f\x8b", "gzip-compressed data"),
    (b"BZh", "bzip2-compressed data"),
    (b"\xfd7zXZ\x00", "xz-compressed data"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!", "a RAR archive"),
    (b"\x7fELF", "an executable"),
    (b"MZ", "a Windows executable"),
    (b"\xd0\xcf\x11\xe0", "an old Office document"),
    (b"OggS", "an Ogg media file"),
    (b"ID3", "an MP3 file"),
    (b"\x00\x00\x00\x18ftyp", "an MP4 video"),
    (b"\x00\x00\x00\x20ftyp", "an MP4 video"),
    (b"\x00asm", "a WebAssembly module"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"wOFF", "a web font"),
    (b"wOF2", "a web font"),
)


class ExtractionError(Exception):
    """A document that holds no usable article (empty, binary, nothing extracted)."""

    def __init__(self, message: str) -> None:
        super().__init__(" ".join(message.split()))


def sniff_binary(content: bytes) -> str | None:
    """What a binary document is ("a PDF file"), or None for text."""
    for magic, name in _MAGIC:
        if content.startswith(magic):
            return name
    if utf16_codec(content) is not None:
        return None  # UTF-16 text carries NULs
    if b"\x00" in content[:8192]:
        return "binary data (NUL bytes)"
    return None


def _hint_str(hints: dict[str, Any], *keys: str) -> str | None:
    for key in keys:
        value = hints.get(key)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return None


def _hint_authors(hints: dict[str, Any]) -> list[str]:
    value = hints.get("authors", hints.get("author"))
    if isinstance(value, str):
        return [a.strip() for a in re.split(r";|,|\band\b", value) if a.strip()]
    if isinstance(value, list | tuple):
        return [str(a).strip() for a in value if str(a).strip()]
    return []


def _hint_date(hints: dict[str, Any]) -> datetime | None:
    for key in ("published", "date", "published_at", "pubdate"):
        if hints.get(key) is not None:
            found = parse_iso_datetime(hints[key])
            if found is not None:
                return found
    return None


def _stable_id(url: str | None, text: str) -> str:
    key = f"url:{url}" if url else f"text:{content_hash(text)}"
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


def _check_content(raw: RawDocument) -> None:
    if not raw.content or not raw.content.strip():
        raise ExtractionError("empty document")
    binary = sniff_binary(raw.content)
    if binary:
        raise ExtractionError(f"is {binary}, not an article")


def _from_record(raw: RawDocument) -> Article:
    record: dict[str, Any] = dict(raw.hints)
    if raw.content and raw.content.strip():
        try:
            parsed = json.loads(raw.content.decode("utf-8-sig"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            if not record:
                raise ExtractionError(f"article record is not valid JSON: {exc}") from exc
        else:
            if not isinstance(parsed, dict):
                raise ExtractionError("article record is not a JSON object")
            record = {**record, **parsed}
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise ExtractionError("article record has no text")
    url = _hint_str(record, "url", "link") or raw.url
    url = normalize_url(url) if url else None
    record_id = record.get("id")
    title = _hint_str(record, "title") or ""
    return Article(
        id=str(record_id) if record_id not in (None, "") else _stable_id(url, text),
        title=title,
        text=text,
        url=url,
        outlet=_hint_str(record, "outlet"),
        published=_hint_date(record),
        authors=_hint_authors(record),
        language=_hint_str(record, "language") or detect_language(text),
        site_name=_hint_str(record, "site_name", "sitename"),
    )


def _from_html(raw: RawDocument) -> Article:
    hints = raw.hints
    charset = declared_charset(hints)
    fetched_url = raw.url or _hint_str(hints, "url", "link")
    page = extract_html(raw.content, fetched_url, charset=charset, fetched_at=raw.fetched_at)
    url = preferred_url(page.canonical_url, fetched_url)
    site_name = page.site_name or _hint_str(hints, "site_name")
    return Article(
        id="",
        title=page.title or _hint_str(hints, "title") or "",
        text=page.text,
        url=url,
        outlet=site_name,
        # A feed entry's date is the publisher's own metadata; on a feed's HTML fragment
        # (no page metadata) it beats any date guessed from the text.
        published=(
            (_hint_date(hints) or page.published)
            if hints.get("from_feed_content")
            else (page.published or _hint_date(hints))
        ),
        authors=page.authors or _hint_authors(hints),
        language=page.language,
        site_name=site_name,
    )


def _from_text(raw: RawDocument, markdown: bool) -> Article:
    hints = raw.hints
    decoded = document_text(raw)
    found = extract_plaintext(decoded, markdown=markdown, fetched_at=raw.fetched_at)
    title = found.title or _hint_str(hints, "title") or ""
    url = raw.url or _hint_str(hints, "url", "link") or found.url
    site_name = _hint_str(hints, "site_name") or found.site_name
    # The publishing site as the capture states it (copyright footer, publisher line),
    # read from the whole capture: the footer is not part of the article text. Credits
    # of the story's origin ("Originally published by ...") are not the publisher.
    outlet = _hint_str(hints, "outlet") or site_name or publisher_name(title, decoded)
    return Article(
        id="",
        title=title,
        text=found.text,
        url=normalize_url(url) if url else None,
        outlet=outlet,
        # a link pasted above the capture may state the day the capture does not
        published=found.published or _hint_date(hints) or url_date(url),
        authors=found.authors or _hint_authors(hints),
        language=detect_language(found.text),
        site_name=site_name,
    )


def extract_document(raw: RawDocument) -> Article:
    """The article in a raw document; raises `ExtractionError` when there is none."""
    kind = (raw.kind or "").lower()
    if kind == "article":
        article = _from_record(raw)
    else:
        _check_content(raw)
        if kind == "html":
            article = _from_html(raw)
        elif kind in ("text", "markdown"):
            article = _from_text(raw, markdown=kind == "markdown")
        else:
            head = raw.content[:2048].lstrip().lower()
            looks_html = head.startswith((b"<!doctype html", b"<html")) or b"<body" in head
            article = _from_html(raw) if looks_html else _from_text(raw, markdown=False)
        if not article.text.strip():
            raise ExtractionError("no article text found")
        if not article.id:
            given = _hint_str(raw.hints, "id")
            article.id = given or _stable_id(article.url, article.text)
    article.source = raw.source
    # Too few words give a SimHash that matches unrelated short texts: None then.
    article.content_hash, article.simhash = fingerprints(article.text)
    return article
