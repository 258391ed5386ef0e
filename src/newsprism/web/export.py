"""Stories out of the web app and the command line: CSV rows and an RSS 2.0 feed.

Both read what the story lists show (`views.StoryCard`): counts, the bias split of the
rated outlets and the blindspot. CSV cells that a spreadsheet would run as a formula
are defused; the RSS document is built with ElementTree, which escapes every text.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, datetime
from email.utils import format_datetime
from typing import Any
from xml.etree import ElementTree as ET

from newsprism.models import Article
from newsprism.web.views import SIDES, OutletView, StoryCard, iso, outlet_of

STORY_COLUMNS = (
    "id",
    "title",
    "first_published",
    "last_published",
    "article_count",
    "outlet_count",
    "left_pct",
    "center_pct",
    "right_pct",
    "unrated_outlets",
    "blindspot",
    "storyline_id",
)
ARTICLE_COLUMNS = ("id", "title", "outlet", "lean", "published", "url", "duplicate_of")
# a cell starting with one of these is a formula (or becomes one) in spreadsheet programs
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


# -- bias split -------------------------------------------------------------------------


def side_counts(card: StoryCard) -> dict[str, int]:
    """Rated outlets per side (left, center, right) of a story card's 5-way split."""
    lean = card.lean
    return {
        "left": lean.get("left", 0) + lean.get("lean-left", 0),
        "center": lean.get("center", 0),
        "right": lean.get("right", 0) + lean.get("lean-right", 0),
    }


def side_percents(card: StoryCard) -> dict[str, int]:
    """Each side's share of the rated outlets, in whole percent (all 0 when none is rated)."""
    counts = side_counts(card)
    rated = sum(counts.values())
    return {side: round(100 * counts[side] / rated) if rated else 0 for side in SIDES}


def bias_words(card: StoryCard) -> str:
    """ "Left 40% · Center 20% · Right 40% of 5 rated outlets; 1 unrated"."""
    shares = side_percents(card)
    rated = sum(side_counts(card).values())
    if not rated:
        return f"No rated outlet; {card.unrated} unrated"
    split = " · ".join(f"{side.title()} {shares[side]}%" for side in SIDES)
    return f"{split} of {rated} rated outlet{'s' if rated != 1 else ''}; {card.unrated} unrated"


# -- CSV --------------------------------------------------------------------------------


def safe_cell(value: object) -> object:
    """A text cell that a spreadsheet would read as a formula gets a leading quote."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return "" if value is None else value


def csv_text(columns: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """A CSV document (header first, CRLF line ends as RFC 4180 has them)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(columns)
    writer.writerows([safe_cell(v) for v in row] for row in rows)
    return buffer.getvalue()


def story_row(card: StoryCard) -> list[object]:
    story = card.story
    shares = side_percents(card)
    return [
        story.id,
        story.title,
        iso(story.first_published),
        iso(story.last_published),
        story.article_count,
        story.outlet_count,
        shares["left"],
        shares["center"],
        shares["right"],
        card.unrated,
        story.blindspot,
        story.storyline_id,
    ]


def stories_csv(cards: Iterable[StoryCard]) -> str:
    return csv_text(STORY_COLUMNS, (story_row(card) for card in cards))


def article_row(article: Article, outlet: OutletView) -> list[object]:
    return [
        article.id,
        article.title,
        article.outlet,
        outlet.lean,
        iso(article.published),
        article.url,
        article.duplicate_of,
    ]


def articles_csv(articles: Iterable[Article], outlets: Mapping[str, OutletView]) -> str:
    return csv_text(
        ARTICLE_COLUMNS, (article_row(a, outlet_of(outlets, a.outlet)) for a in articles)
    )


# -- RSS 2.0 ----------------------------------------------------------------------------


def first_bullet(summary: Mapping[str, Any] | None) -> str | None:
    for bullet in (summary or {}).get("bullets") or []:
        text = bullet.get("text") if isinstance(bullet, Mapping) else bullet
        if isinstance(text, str) and text.strip():
            return text.strip()
    return None


def item_description(card: StoryCard) -> str:
    story = card.story
    parts = [first_bullet(story.summary) or ""]
    parts.append(
        f"{story.article_count} article{'s' if story.article_count != 1 else ''} from "
        f"{story.outlet_count} outlet{'s' if story.outlet_count != 1 else ''}. "
        f"Bias: {bias_words(card)}."
    )
    if card.blindspot:
        parts.append(f"Blindspot: the {card.blindspot} barely covered it.")
    return "\n".join(p for p in parts if p)


def rss_date(moment: datetime) -> str:
    """RFC 822 date, as RSS 2.0 wants it."""
    return format_datetime(moment.astimezone(UTC))


def _child(parent: ET.Element, tag: str, text: str, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, tag, attrs)
    element.text = text
    return element


def _item(channel: ET.Element, card: StoryCard, base_url: str) -> None:
    story = card.story
    link = base_url.rstrip("/") + card.href
    item = ET.SubElement(channel, "item")
    _child(item, "title", story.title or "Untitled story")
    _child(item, "link", link)
    _child(item, "guid", link, isPermaLink="true")
    if story.last_published:
        _child(item, "pubDate", rss_date(story.last_published))
    _child(item, "description", item_description(card))


def stories_rss(
    cards: Sequence[StoryCard], *, base_url: str, feed_url: str, title: str, now: datetime
) -> bytes:
    """An RSS 2.0 document with one item per story, linking back to `base_url`."""
    rss = ET.Element("rss", {"version": "2.0", "xmlns:atom": "http://www.w3.org/2005/Atom"})
    channel = ET.SubElement(rss, "channel")
    _child(channel, "title", title)
    _child(channel, "link", base_url.rstrip("/") + "/")
    _child(channel, "description", "Latest stories: who covered them and from which side.")
    ET.SubElement(
        channel,
        "atom:link",
        {"href": feed_url, "rel": "self", "type": "application/rss+xml"},
    )
    _child(channel, "lastBuildDate", rss_date(now))
    _child(channel, "generator", "newsprism")
    for card in cards:
        _item(channel, card, base_url)
    body: bytes = ET.tostring(rss, encoding="utf-8", xml_declaration=True)
    return body
