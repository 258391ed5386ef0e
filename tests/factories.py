"""Builders the tests share: articles, rating rows, outlet records and registries.

Every outlet and rating made here is invented; the values mean only what a test says.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from newsprism.models import Article
from newsprism.outlets.registry import Registry

T0 = datetime(2024, 3, 4, 9, 0, tzinfo=UTC)


def rating_row(
    rater: str = "user",
    lean: float | None = None,
    factuality: str | None = None,
    reliability: float | None = None,
    *,
    source: str | None = None,
    domain: str | None = None,
    label: str | None = None,
) -> list[object]:
    """A rating as the registry's records keep it: [rater, lean, factuality,
    reliability, source, domain, label]."""
    return [rater, lean, factuality, reliability, source or f"row of {rater}", domain, label]


def outlet_record(
    oid: str,
    name: str | None = None,
    lean: float | None = None,
    factuality: str | None = None,
    ownership: str | None = None,
    country: str | None = None,
    domain: str | None = None,
) -> dict[str, Any]:
    """A registry record rated by the user (lean on the 7-point scale, -3..3)."""
    rated = lean is not None or factuality
    record: dict[str, Any] = {
        "id": oid,
        "name": name or oid.replace("-", " ").title(),
        "ratings": [rating_row("user", lean, factuality, source="test")] if rated else [],
    }
    if domain:
        record["domains"] = [domain]
    if ownership:
        record["ownership"] = ownership
    if country:
        record["country"] = country
    return record


def registry_of(*records: dict[str, Any]) -> Registry:
    return Registry.from_records(list(records))


def make_article(article_id: str, title: str = "t", text: str = "", **fields: Any) -> Article:
    return Article(id=article_id, title=title, text=text, **fields)
