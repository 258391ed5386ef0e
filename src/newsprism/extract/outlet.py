"""Which outlet published an article: the registry applied to what extraction found."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from newsprism.extract.outlet_text import AliasTable
from newsprism.extract.outlet_votes import generic_words
from newsprism.extract.text_decoding import document_text
from newsprism.models import Article, RawDocument
from newsprism.outlets.outlet import Outlet
from newsprism.outlets.registry import Registry

# Votes for an outlet that the text credits (see outlet_text.find_outlet_credits): the
# site's own marks count as much as its domain; credits of a story's origin (a wire's
# dateline) count as one mention, so that a copy's publisher can outvote them.
_CREDIT_VOTES = {"masthead": 3.0, "copyright": 3.0, "publisher": 3.0, "staff": 2.0}


class OutletResolver:
    """Resolves articles to registry outlets and remembers the records it used.

    Order of evidence: the article's URL (its registrable domain), the outlet field of
    an interchange record (id, name or domain), the page's site name, and last the text
    itself (masthead, "(Agency)" credits, copyright lines). An outlet found nowhere
    keeps the name that was seen, and is shown as unrated.
    """

    def __init__(self, registry: Registry) -> None:
        self.registry = registry
        self._aliases: AliasTable | None = None
        self._generic: frozenset[str] = frozenset()
        self._seen: set[str] = set()
        self._cache: dict[tuple[str | None, str | None, str | None], Outlet | None] = {}
        self._new: list[dict[str, Any]] = []

    @classmethod
    def default(cls, extra: str | Path | None = None) -> OutletResolver:
        registry = Registry.load_default()
        if extra is not None:
            registry.apply_overrides(extra)
        return cls(registry)

    def resolve(self, article: Article, raw: RawDocument | None = None) -> str | None:
        """The outlet id, else the name seen. `raw` is the document the article was
        extracted from: for text captures its chrome (masthead, copyright line) is
        searched, since boilerplate removal drops it from the article."""
        outlet = self.find(article, _chrome_text(raw))
        if outlet is None:
            return article.outlet or article.site_name or _domain_of(article.url)
        if outlet.id not in self._seen:
            self._seen.add(outlet.id)
            self._new.append(outlet_record(outlet))
        return outlet.id

    def find(self, article: Article, raw_text: str | None = None) -> Outlet | None:
        key = (_host_of(article.url), article.outlet, article.site_name)
        if key not in self._cache:  # a batch has a handful of (site, name) pairs
            self._cache[key] = self._from_metadata(article)
        found = self._cache[key]
        if found is not None or (article.outlet and raw_text is None):
            return found  # a record that names its outlet is believed, rated or not
        return self._from_text(article.title, raw_text or article.text) or self._from_owner(article)

    def _from_metadata(self, article: Article) -> Outlet | None:
        """By URL, then by the outlet or site name the document gave."""
        if article.url:
            found = self.registry.lookup_address(article.url)
            if found is not None:
                return found
        for hint in (article.outlet, article.site_name):
            if hint:
                found = self.registry.lookup(hint)
                if found is not None:
                    return found
        return None

    def _from_owner(self, article: Article) -> Outlet | None:
        """Last: the copyright holder or publisher a text names (`article.outlet`), by
        its leading words or as a site's domain label ("Healthline Media")."""
        if not article.outlet or article.url:
            return None
        from newsprism.extract.outlet_text import owner_name_id

        outlet_id = owner_name_id(article.outlet, self._alias_table())
        return self.registry.get(outlet_id) if outlet_id else None

    def _from_text(self, title: str, text: str) -> Outlet | None:
        """The site's own marks (masthead, copyright, publisher line) and every mention
        of an outlet's name or domain in the capture, counted (`outlet_votes`)."""
        from newsprism.extract.outlet_text import credited_outlet
        from newsprism.extract.outlet_votes import likely_outlet

        aliases = self._alias_table()
        credited, kind = credited_outlet(title, text, aliases)
        bonus = {credited: _CREDIT_VOTES.get(kind, 1.0)} if credited else {}
        outlet_id = likely_outlet(text, aliases, self._domain_id, bonus, self._generic)
        return self.registry.get(outlet_id) if outlet_id else None

    def original(self, article: Article, raw: RawDocument | None = None) -> str | None:
        """The outlet whose story this is when the article is a copy of it ("(Reuters)
        -" dateline, "Originally published by ..."), as a registry id; None when the
        article credits no other known outlet. Call after `resolve`."""
        from newsprism.extract.outlet_text import origin_credit

        found = self.registry.get(article.outlet or "")
        publisher = found.id if found else None  # today's id of an outlet a rebuild merged
        return origin_credit(article.text, self._alias_table(), publisher)

    def _alias_table(self) -> AliasTable:
        """The registry's names as an alias table (built once), with the word lists
        the counting needs (common words, names that need their "The")."""
        if self._aliases is None:
            from newsprism.extract.outlet_text import alias_table

            self._aliases = alias_table(self.registry.names())
            self._generic = generic_words(self._aliases)
        return self._aliases

    def _domain_id(self, domain: str) -> str | None:
        found = self.registry.lookup_address(domain)
        return found.id if found is not None else None

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


def _chrome_text(raw: RawDocument | None) -> str | None:
    """A text or Markdown document as read, before boilerplate removal (capped)."""
    if raw is None or raw.kind not in ("text", "markdown"):
        return None
    return document_text(raw)[:200_000]


def _host_of(url: str | None) -> str | None:
    return urlsplit(url).hostname if url else None


def _domain_of(url: str | None) -> str | None:
    if not url:
        return None
    from newsprism.extract.domains import registrable_domain

    return registrable_domain(url)
