"""Which outlet published an article: the registry applied to what extraction found."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from newsprism.models import Article
from newsprism.outlets.registry import Outlet, Registry


class OutletResolver:
    """Resolves articles to registry outlets and remembers the records it used.

    Order of evidence: the article's URL (its registrable domain), the outlet field of
    an interchange record (id, name or domain), the page's site name, and last the text
    itself (masthead, "(Agency)" credits, copyright lines). An outlet found nowhere
    keeps the name that was seen, and is shown as unrated.
    """

    def __init__(self, registry: Registry) -> None:
        self.registry = registry
        self._aliases: dict[str, str] | None = None
        self._seen: set[str] = set()
        self._cache: dict[tuple[str | None, str | None, str | None], Outlet | None] = {}
        self._new: list[dict[str, Any]] = []

    @classmethod
    def default(cls, extra: str | Path | None = None) -> OutletResolver:
        registry = Registry.load_default()
        if extra is not None:
            registry.apply_overrides(extra)
        return cls(registry)

    def resolve(self, article: Article, raw_text: str | None = None) -> str | None:
        """The outlet id, else the name seen; `raw_text` is the document before
        boilerplate removal (mastheads and copyright lines live in the chrome)."""
        outlet = self.find(article, raw_text)
        if outlet is None:
            return article.outlet or article.site_name or _domain_of(article.url)
        if outlet.id not in self._seen:
            self._seen.add(outlet.id)
            self._new.append(outlet_record(outlet))
        return outlet.id

    def find(self, article: Article, raw_text: str | None = None) -> Outlet | None:
        # Most articles of a batch share a handful of (site, name) pairs: look each up once.
        key = (_host_of(article.url), article.outlet, article.site_name)
        if key in self._cache:
            return self._cache[key]
        found = self._find(article, raw_text)
        if found is not None or raw_text is None:
            self._cache[key] = found
        return found

    def _find(self, article: Article, raw_text: str | None) -> Outlet | None:
        if article.url:
            found = self.registry.lookup_address(article.url)
            if found is not None:
                return found
        for hint in (article.outlet, article.site_name):
            if hint:
                found = self.registry.lookup(hint)
                if found is not None:
                    return found
        if article.outlet and raw_text is None:
            return None  # a record that names its outlet is believed, rated or not
        return self._from_text(article.title, raw_text or article.text)

    def _from_text(self, title: str, text: str) -> Outlet | None:
        from newsprism.extract.outlet_text import alias_table, identify_outlet_from_text

        if self._aliases is None:
            self._aliases = alias_table(self.registry.names())
        outlet_id = identify_outlet_from_text(title, text, self._aliases)
        return self.registry.get(outlet_id) if outlet_id else None

    def take_new_records(self) -> list[dict[str, Any]]:
        """Records of outlets resolved for the first time since the last call."""
        new, self._new = self._new, []
        return new

    def record(self, outlet_id: str | None) -> dict[str, Any] | None:
        outlet = self.registry.get(outlet_id) if outlet_id else None
        return outlet_record(outlet) if outlet else None


def outlet_record(outlet: Outlet) -> dict[str, Any]:
    record = outlet.to_json()
    record["domain"] = outlet.domains[0] if outlet.domains else None
    return record


def _host_of(url: str | None) -> str | None:
    return urlsplit(url).hostname if url else None


def _domain_of(url: str | None) -> str | None:
    if not url:
        return None
    from newsprism.extract.domains import registrable_domain

    return registrable_domain(url)
