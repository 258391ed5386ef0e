"""Plain dataclasses that flow between the pipeline stages.

Every stage takes and returns these; none of them knows about the database or the
web. Keep them free of behaviour beyond small conveniences.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any


@dataclass
class RawDocument:
    """A document as it arrived, before extraction.

    `source` is the input path or URL as the user gave it; `hints` carries what the
    container knew about the document (a feed entry's title, link and summary, a
    JSONL record's fields, a WARC record's target URI).
    """

    source: str
    content: bytes
    kind: str  # "html" | "text" | "markdown" | "article" (already structured JSON)
    url: str | None = None
    fetched_at: datetime | None = None
    hints: dict[str, object] = field(default_factory=dict)


@dataclass
class Article:
    """One extracted news article (the JSONL interchange format plus metadata)."""

    id: str
    title: str
    text: str
    url: str | None = None
    outlet: str | None = None  # registry outlet id when resolved, else the name seen
    published: datetime | None = None
    authors: list[str] = field(default_factory=list)
    language: str | None = None
    site_name: str | None = None
    source: str | None = None  # input path or URL it was read from
    content_hash: str | None = None  # hash of the normalised text (exact duplicates)
    simhash: int | None = None  # 64-bit SimHash of word shingles (near duplicates)
    duplicate_of: str | None = None  # id of the original when this is a copy
    story_id: str | None = None
    storyline_id: str | None = None

    def to_json(self) -> dict[str, object]:
        """The interchange record (see DESIGN.md), with optional metadata."""
        record: dict[str, object] = {
            "id": self.id,
            "url": self.url,
            "outlet": self.outlet,
            "title": self.title,
            "text": self.text,
            "published": self.published.isoformat() if self.published else None,
            "authors": self.authors,
            "language": self.language,
            "site_name": self.site_name,
        }
        if self.source is not None:
            record["source"] = self.source
        if self.duplicate_of is not None:
            record["duplicate_of"] = self.duplicate_of
        return record


@dataclass
class Span:
    """A `[start, end)` character range into an article's text."""

    start: int
    end: int


@dataclass
class Quote:
    """A direct quote or an indirect attribution found in one article."""

    speaker: str  # as resolved: the fullest name the article gives, or the phrase
    speaker_span: Span | None
    cue: str
    cue_span: Span | None
    content: str
    content_span: Span
    direct: bool
    stance: str = "neutral"  # "alleges" | "denies" | "confirms" | "neutral"
    speaker_role: str | None = None  # "Foreign Ministry spokeswoman"
    speaker_org: str | None = None
    anonymous: bool = False

    @classmethod
    def from_stored(cls, row: Mapping[str, Any]) -> Quote:
        """A quote as the store keeps it (content offsets only; no speaker or cue span)."""
        return cls(
            speaker=row["speaker"],
            speaker_span=None,
            cue=row["cue"] or "",
            cue_span=None,
            content=row["content"],
            content_span=Span(row["content_start"], row["content_end"]),
            direct=bool(row["direct"]),
            stance=row["stance"],
            speaker_role=row["speaker_role"],
            speaker_org=row["speaker_org"],
            anonymous=bool(row["anonymous"]),
        )


@dataclass
class Entity:
    """A named entity mention, merged to a canonical name."""

    name: str  # canonical (fullest) form
    label: str  # PERSON | ORG | GPE | LOC | NORP | MONEY | PERCENT | ...
    mentions: int = 1
    sentence: str | None = None  # for MONEY / PERCENT facts: the sentence stating it


@dataclass
class Bullet:
    """One summary sentence and every article that supports it."""

    text: str
    citations: list[str]  # article ids
    source_article: str | None = None  # the article the sentence was taken from


@dataclass
class Summary:
    story_id: str
    title: str
    bullets: list[Bullet]

    def to_json(self) -> dict[str, Any]:
        """The summary as stored with its story (the story id is the row's)."""
        return {
            "title": self.title,
            "bullets": [
                {"text": b.text, "citations": b.citations, "source_article": b.source_article}
                for b in self.bullets
            ],
        }
