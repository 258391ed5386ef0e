"""The characters of a text or Markdown document, decoded once for every reader of it.

Extraction and the outlet resolver both read a capture's whole text (the resolver reads
the chrome that extraction drops); they must read the same characters, or a capture
saved as UTF-16 or cp1252 names its outlet in one and garbles it in the other.
"""

from __future__ import annotations

from typing import Any

from newsprism.extract.html import charset_from_content_type, decode_html
from newsprism.extract.mojibake import undo_mojibake
from newsprism.models import RawDocument
from newsprism.text import utf16_codec


def declared_charset(hints: dict[str, Any]) -> str | None:
    """The charset a document's hints declare (`charset`, or a `content_type`'s)."""
    charset = hints.get("charset")
    if isinstance(charset, str) and charset.strip():
        return charset.strip()
    content_type = hints.get("content_type")
    return charset_from_content_type(content_type if isinstance(content_type, str) else None)


def decode_text(content: bytes, hints: dict[str, Any]) -> str:
    """A text document's characters: its declared charset, else UTF-8, else UTF-16 or
    a legacy code page from the bytes' evidence (decode_html's chain suits text too)."""
    charset = declared_charset(hints)
    if charset is None and utf16_codec(content) is None:  # zero-laden UTF-16 is valid UTF-8
        try:
            return content.decode("utf-8-sig")
        except UnicodeDecodeError:
            pass
    return decode_html(content, charset)


def document_text(raw: RawDocument) -> str:
    """`decode_text`, then undo the misreading of a browser that decoded the page in the
    wrong charset: text copied from it carries that whatever the capture's own encoding."""
    return undo_mojibake(decode_text(raw.content, raw.hints))
