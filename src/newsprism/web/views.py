"""Turn stored stories, articles and outlet records into what pages and the API show.

The analysis blobs stored with a story (`coverage`, `claims`, `summary`) are written by
other stages whose fields may grow or be missing in older databases, so everything
here reads them defensively: a missing value becomes None (shown as "—"), and the
parts of "Coverage Details" that can be derived from the articles themselves (counts,
bias split, timeline, headlines) are computed here when the blob lacks them.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, urlsplit

from newsprism.analysis.article_stance import WhoSaidWhat, stored_stances, who_said_what
from newsprism.analysis.coverage_types import shared_owners
from newsprism.analysis.report import StoredCoverage
from newsprism.analysis.speakers import claim_speaker_labels
from newsprism.models import Article
from newsprism.outlets.scales import (
    FACTUALITY_KEYS,
    FACTUALITY_LABELS,
    OWNERSHIP_LABELS,
    parse_factuality,
    parse_lean,
    parse_ownership,
    round_lean,
)
from newsprism.store import Store
from newsprism.store.db import StoryRow
from newsprism.text import parse_iso_datetime, to_utc
from newsprism.web.svg import LEAN_LABELS, LEANS

if TYPE_CHECKING:
    from newsprism.extract.outlet import OutletResolver

SIDES = ("left", "center", "right")
SIDE_LABELS = {"left": "Left", "center": "Center", "right": "Right", "unrated": "Unrated"}
STANCES = ("alleges", "denies", "confirms", "neutral")
STANCE_LABELS = {
    "alleges": "Allegations",
    "denies": "Denials",
    "confirms": "Confirmations",
    "neutral": "Other statements",
}
ENTITY_GROUPS: tuple[tuple[str, str, frozenset[str]], ...] = (
    ("people", "People", frozenset({"PERSON", "PER"})),
    ("organisations", "Organisations", frozenset({"ORG", "NORP"})),
    ("places", "Places", frozenset({"GPE", "LOC", "FAC"})),
    ("events", "Events", frozenset({"EVENT"})),
    ("figures", "Money and figures", frozenset({"MONEY", "PERCENT", "QUANTITY", "CARDINAL"})),
)
# as analysis.blindspots.BlindspotRule.low_factuality (used only when a story's stored
# coverage has no blindspot verdict)
LOW_FACTUALITY = frozenset({"low", "very-low"})


# -- small formatting helpers -------------------------------------------------------


def safe_url(url: object) -> str | None:
    """An http(s) URL fit for an href, or None (no javascript:, data:, relative tricks)."""
    if not isinstance(url, str) or not url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return url.strip()


def path_id(value: str) -> str:
    """An id as one URL path segment."""
    return quote(value, safe="")


def as_datetime(value: object) -> datetime | None:
    """A datetime from a datetime or an ISO string (as JSON blobs store them)."""
    if isinstance(value, datetime):
        moment: datetime | None = value
    else:
        moment = parse_iso_datetime(value) if isinstance(value, str) else None
    return None if moment is None else (moment if moment.tzinfo else to_utc(moment))


def ago(value: object, now: datetime | None = None) -> str:
    """ "5 minutes ago", "3 hours ago", "2 days ago", else the date; "—" when unknown."""
    moment = as_datetime(value)
    if moment is None:
        return "—"
    now = now or datetime.now(UTC)
    seconds = (now - moment).total_seconds()
    if seconds < 0:
        return fmt_date(moment)
    for size, unit in ((86400, "day"), (3600, "hour"), (60, "minute")):
        if seconds >= size:
            count = int(seconds // size)
            if unit == "day" and count > 13:
                return fmt_date(moment)
            return f"{count} {unit}{'s' if count != 1 else ''} ago"
    return "just now"


def fmt_date(value: object, with_time: bool = False) -> str:
    moment = as_datetime(value)
    if moment is None:
        return "—"
    moment = moment.astimezone(UTC)
    text = f"{moment.day} {moment.strftime('%b %Y')}"
    if with_time:
        text += moment.strftime(", %H:%M UTC")
    return text


def iso(value: object) -> str | None:
    moment = as_datetime(value)
    return moment.isoformat() if moment else None


def dash(value: object) -> object:
    """Jinja filter: None and empty strings become an em dash."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return "—"
    return value


RATER_NAMES = {
    "allsides": "AllSides",
    "mbfc": "Media Bias/Fact Check",
    "baly2020": "Baly et al. 2020",
    "baly2018": "Baly et al. 2018",
    "lin2023": "Lin et al. 2023",
    "kagi": "Kagi media data",
    "user": "Your override",
}


def rater_name(rater: object) -> str:
    return RATER_NAMES.get(str(rater), str(rater)) if rater else "—"


def factuality_label(value: object) -> str:
    key = factuality_key(value)
    return FACTUALITY_LABELS[key] if key else "—"


# -- outlets ------------------------------------------------------------------------


def lean5(value: object) -> str | None:
    """A lean in any form the registry or a rater uses -> one of `LEANS`, or None."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, Mapping):
        for key in ("lean5", "lean", "value", "combined", "label"):
            if key in value:
                return lean5(value[key])
        return None
    number: int | None
    if isinstance(value, int | float):
        number = round_lean(float(value))
    elif isinstance(value, str):
        number = parse_lean(value)
        if number is None:
            try:
                number = round_lean(float(value))
            except ValueError:
                return None
    else:
        return None
    if number <= -2:
        return "left"
    if number >= 2:
        return "right"
    return ("lean-left", "center", "lean-right")[number + 1]


def side_of(lean: str | None) -> str:
    if lean in ("left", "lean-left"):
        return "left"
    if lean in ("right", "lean-right"):
        return "right"
    if lean == "center":
        return "center"
    return "unrated"


def factuality_key(value: object) -> str | None:
    if isinstance(value, Mapping):
        for key in ("factuality", "value", "combined", "label"):
            if key in value:
                return factuality_key(value[key])
        return None
    return parse_factuality(value) if isinstance(value, str) else None


@dataclass
class OutletView:
    id: str
    name: str
    lean: str | None = None
    factuality: str | None = None
    country: str | None = None
    owner: str | None = None
    ownership: str | None = None
    domain: str | None = None
    record: dict[str, Any] = field(default_factory=dict)

    @property
    def lean_label(self) -> str:
        return LEAN_LABELS[self.lean] if self.lean else "Unrated"

    @property
    def factuality_label(self) -> str:
        return FACTUALITY_LABELS[self.factuality] if self.factuality else "—"

    @property
    def ownership_label(self) -> str:
        return OWNERSHIP_LABELS.get(self.ownership or "", self.ownership or "—")

    @property
    def href(self) -> str:
        return f"/outlets/{path_id(self.id)}"


def outlet_view(outlet_id: str | None, record: Mapping[str, Any] | None) -> OutletView:
    record = dict(record or {})
    oid = outlet_id or "unknown"
    ownership = record.get("ownership") or record.get("ownership_category")
    if isinstance(ownership, Mapping):
        ownership = ownership.get("category") or ownership.get("value")
    owner = record.get("owner")
    if isinstance(owner, Mapping):
        owner = owner.get("name") or owner.get("value")
    country = record.get("country")
    if isinstance(country, Mapping):
        country = country.get("value") or country.get("name")
    return OutletView(
        id=oid,
        name=str(record.get("name") or outlet_id or "Unknown outlet"),
        lean=lean5(record.get("lean5", record.get("lean"))),
        factuality=factuality_key(record.get("factuality")),
        country=str(country) if country else None,
        owner=str(owner) if owner else None,
        ownership=(parse_ownership(str(ownership)) or str(ownership)) if ownership else None,
        domain=record.get("domain"),
        record=record,
    )


def outlet_views(store: Store, outlet_ids: Iterable[str | None]) -> dict[str, OutletView]:
    ids = sorted({o for o in outlet_ids if o})
    records = store.outlets(ids) if ids else {}
    views = {oid: outlet_view(oid, records.get(oid)) for oid in ids}
    views[""] = outlet_view(None, None)
    return views


def outlet_of(outlets: Mapping[str, OutletView], outlet_id: str | None) -> OutletView:
    return outlets.get(outlet_id or "") or outlets.get("") or outlet_view(outlet_id, None)


def outlet_articles(store: Store, outlet_id: str, limit: int = 100) -> list[Article]:
    """The latest articles of one outlet."""
    return store.articles(outlet=outlet_id, limit=limit, newest_first=True)


# -- articles -----------------------------------------------------------------------


@dataclass
class ArticleView:
    id: str
    title: str
    url: str | None
    outlet: OutletView
    published: datetime | None
    duplicate_of: str | None
    original: ArticleView | None = None
    story_id: str | None = None
    language: str | None = None
    stance: str | None = None  # towards the story's main claim (`analysis/article_stance.py`)
    via: OutletView | None = None  # the outlet whose story it carries ("via Reuters")

    @property
    def anchor(self) -> str:
        return f"article-{self.id}"

    @property
    def side(self) -> str:
        return side_of(self.outlet.lean)


def article_views(
    articles: Sequence[Article], outlets: Mapping[str, OutletView]
) -> list[ArticleView]:
    views = [
        ArticleView(
            id=a.id,
            title=a.title or "(untitled)",
            url=safe_url(a.url),
            outlet=outlet_of(outlets, a.outlet),
            published=a.published,
            duplicate_of=a.duplicate_of,
            story_id=a.story_id,
            language=a.language,
        )
        for a in articles
    ]
    by_id = {v.id: v for v in views}
    for view in views:
        if view.duplicate_of:
            view.original = by_id.get(view.duplicate_of)
    return views


# -- coverage -----------------------------------------------------------------------


def _first(mapping: Mapping[str, Any] | None, *keys: str) -> Any:
    if not isinstance(mapping, Mapping):
        return None
    for key in keys:
        if key in mapping and mapping[key] is not None:
            return mapping[key]
    return None


def _lean_counts(value: object) -> dict[str, int] | None:
    """{lean label or key: count} in any spelling -> {LEANS key: count}."""
    if not isinstance(value, Mapping):
        return None
    counts: dict[str, int] = dict.fromkeys(LEANS, 0)
    seen = False
    for key, count in value.items():
        lean = lean5(str(key))
        if lean is None or isinstance(count, bool) or not isinstance(count, int):
            continue
        counts[lean] += count
        seen = True
    return counts if seen else None


_EXTRA_LABELS = {"unrated": "Unrated", "unknown": "Unknown"}


def _labelled_counts(
    value: object, labels: Mapping[str, str], order: Sequence[str] = ()
) -> list[tuple[str, int]]:
    """{key: count} or [{"label"/"key", "count"}] -> [(label, count > 0)] in a stable order.

    Keys named in `order` come first in that order, then the rest by count; "unrated"
    and "unknown" always last.
    """
    items: list[tuple[Any, Any]]
    if isinstance(value, Mapping):
        items = list(value.items())
    elif isinstance(value, list):
        items = [
            (_first(v, "label", "key", "name"), _first(v, "count", "outlets", "n"))
            for v in value
            if isinstance(v, Mapping)
        ]
    else:
        return []
    rank = {key: i for i, key in enumerate(order)}
    rows = []
    for key, count in items:
        if key is None or isinstance(count, bool) or not isinstance(count, int) or count <= 0:
            continue
        key = str(key)
        last = key in _EXTRA_LABELS
        rows.append(((last, rank.get(key, len(rank)), -count, key), key, count))
    rows.sort()
    return [(labels.get(key) or _EXTRA_LABELS.get(key) or key, count) for _, key, count in rows]


@dataclass
class CoverageView:
    article_count: int
    outlet_count: int
    lean: dict[str, int]  # per LEANS key: distinct rated outlets
    unrated: int
    factuality: list[tuple[str, int]]
    ownership: list[tuple[str, int]]
    countries: list[tuple[str, int]]
    first: ArticleView | None
    first_outlet: str | None
    first_published: datetime | None
    syndicated: list[ArticleView]
    timeline: list[tuple[datetime, dict[str, int]]]
    timeline_unit: str
    undated: int  # articles with no publication date: listed, not on the timeline
    headlines: dict[str, list[ArticleView]]  # side -> articles that count (no copies)
    blindspot: str | None = None  # whose blindspot feed: the side that MISSED the story
    blindspot_low_factuality: bool = False
    blindspot_label: str | None = None
    # owners of two or more of the outlets, most outlets first: five "corporate" outlets
    # in the ownership table may be one company's
    shared_owners: list[tuple[str, int]] = field(default_factory=list)

    @property
    def rated(self) -> int:
        return sum(self.lean.values())

    @property
    def sides(self) -> dict[str, int]:
        return {
            "left": self.lean["left"] + self.lean["lean-left"],
            "center": self.lean["center"],
            "right": self.lean["right"] + self.lean["lean-right"],
        }

    @property
    def covered_by(self) -> str | None:
        """The side that covered a blindspot story (the opposite of the feed's side)."""
        if self.blindspot not in ("left", "right"):
            return None
        return "right" if self.blindspot == "left" else "left"

    def side_percent(self, side: str) -> int:
        return round(100 * self.sides.get(side, 0) / self.rated) if self.rated else 0

    def lean_percent(self, lean: str) -> int:
        return round(100 * self.lean.get(lean, 0) / self.rated) if self.rated else 0


def _distinct_outlets(originals: Sequence[ArticleView]) -> dict[str, OutletView]:
    outlets: dict[str, OutletView] = {}
    for view in originals:
        outlets.setdefault(view.outlet.id, view.outlet)
    return outlets


def timeline_buckets(
    articles: Sequence[ArticleView], max_buckets: int = 120
) -> tuple[list[tuple[datetime, dict[str, int]]], str]:
    """Articles per hour (up to 48 hours of coverage), else per day or week, by lean."""
    dated = sorted((a for a in articles if a.published), key=lambda a: a.published or 0)
    if not dated:
        return [], "day"
    start = dated[0].published
    end = dated[-1].published
    assert start is not None and end is not None
    start, end = start.astimezone(UTC), end.astimezone(UTC)
    if end - start <= timedelta(hours=48):
        unit, step = "hour", timedelta(hours=1)
        origin = start.replace(minute=0, second=0, microsecond=0)
    else:
        origin = start.replace(hour=0, minute=0, second=0, microsecond=0)
        unit, step = "day", timedelta(days=1)
        if (end - origin) / step > max_buckets:
            unit, step = "week", timedelta(days=7)
            origin -= timedelta(days=origin.weekday())
    count = int((end - origin) / step) + 1
    buckets: list[tuple[datetime, dict[str, int]]] = [(origin + i * step, {}) for i in range(count)]
    for article in dated:
        assert article.published is not None
        index = int((article.published.astimezone(UTC) - origin) / step)
        lean = article.outlet.lean or "unrated"
        counts = buckets[index][1]
        counts[lean] = counts.get(lean, 0) + 1
    return buckets, unit


def _stored_headlines(
    columns: Mapping[str, list[str]] | None, by_id: Mapping[str, ArticleView]
) -> dict[str, list[ArticleView]] | None:
    if columns is None:
        return None
    result: dict[str, list[ArticleView]] = {side: [] for side in (*SIDES, "unrated")}
    for side in result:
        result[side] = [by_id[i] for i in columns.get(side, []) if i in by_id]
    return result if any(result.values()) else None


def coverage_view(
    stored: StoredCoverage | None,
    articles: Sequence[ArticleView],
    *,
    blindspot: str | None = None,
) -> CoverageView:
    """Coverage Details for a story: the stored analysis when there is one, else derived.

    Derived values (a story not analysed yet) count each outlet once and leave
    syndicated copies out, as the coverage analysis does.
    """
    originals = [a for a in articles if not a.duplicate_of]
    outlets = _distinct_outlets(originals)
    by_id = {a.id: a for a in articles}

    lean = _lean_counts(stored.bias5_counts) if stored else None
    unrated = stored.unrated_outlet_count if stored else 0
    if lean is None:
        lean = dict.fromkeys(LEANS, 0)
        unrated = 0
        for outlet in outlets.values():
            if outlet.lean:
                lean[outlet.lean] += 1
            else:
                unrated += 1

    def counts(
        stored_counts: dict[str, int] | None,
        labels: Mapping[str, str],
        order: Sequence[str],
        derive: Any,
    ) -> list[tuple[str, int]]:
        if stored_counts:
            return _labelled_counts(stored_counts, labels, order)
        return _labelled_counts(dict(Counter(derive(o) for o in outlets.values())), labels, order)

    factuality = counts(
        stored.factuality_counts if stored else None,
        FACTUALITY_LABELS,
        FACTUALITY_KEYS,
        lambda o: o.factuality or "unrated",
    )
    ownership = counts(
        stored.ownership_counts if stored else None,
        OWNERSHIP_LABELS,
        list(OWNERSHIP_LABELS),
        lambda o: o.ownership or "unknown",
    )
    countries = counts(
        stored.country_counts if stored else None, {}, (), lambda o: o.country or "unknown"
    )

    first_id = stored.first_article_id if stored else None
    first_outlet = stored.first_outlet if stored else None
    first_published = stored.first_published if stored else None
    first = by_id.get(first_id) if first_id else None
    if first is None and first_id is None:
        dated = [a for a in articles if a.published]
        first = min(dated, key=lambda a: (a.published, a.id)) if dated else None
    if first is not None:
        first_outlet = first.outlet.name
        first_published = first_published or first.published

    # drawn 5-way from the articles (the stored timeline splits by 3 sides only)
    timeline = timeline_buckets(articles)
    headlines = _stored_headlines(stored.headlines if stored else None, by_id)
    if headlines is None:
        headlines = {side: [] for side in (*SIDES, "unrated")}
        for article in originals:
            headlines[article.side].append(article)

    low = False
    label = None
    feed = blindspot
    spot = stored.blindspot if stored else None
    if spot is not None:
        low = spot.low_factuality_only
        label = spot.label
        feed = feed or spot.missed_by
    elif feed in ("left", "right"):
        covered_by = "right" if feed == "left" else "left"
        covering = [o for o in outlets.values() if side_of(o.lean) == covered_by]
        low = bool(covering) and all(o.factuality in LOW_FACTUALITY for o in covering)

    return CoverageView(
        article_count=stored.article_count if stored else len(articles),
        outlet_count=stored.outlet_count if stored else len(outlets),
        lean=lean,
        unrated=unrated,
        factuality=factuality,
        ownership=ownership,
        countries=countries,
        first=first,
        first_outlet=str(first_outlet) if first_outlet else None,
        first_published=first_published,
        syndicated=[a for a in articles if a.duplicate_of],
        timeline=timeline[0],
        timeline_unit=timeline[1],
        undated=sum(1 for a in articles if a.published is None),
        headlines=headlines,
        blindspot=feed if feed in ("left", "right") else None,
        blindspot_low_factuality=low,
        shared_owners=shared_owners(
            (o.record.get("parent") or o.id, o.owner) for o in outlets.values()
        ),
        blindspot_label=str(label) if label else None,
    )


def _int_or(value: object, default: int) -> int:
    if isinstance(value, bool):
        return default
    if isinstance(value, int | float):
        return int(value)
    return default


def stored_lean_counts(story: StoryRow) -> tuple[dict[str, int], int] | None:
    """The bias split stored with a story's coverage, None when it has none."""
    stored = StoredCoverage.from_json(story.coverage)
    counts = _lean_counts(stored.bias5_counts) if stored else None
    if stored is None or counts is None:
        return None
    return counts, stored.unrated_outlet_count


# -- summary, claims, entities -------------------------------------------------------


@dataclass
class Citation:
    article_id: str
    outlet: str
    href: str
    title: str
    external: bool


@dataclass
class BulletView:
    text: str
    citations: list[Citation]


def summary_bullets(
    summary: Mapping[str, Any] | None, articles: Mapping[str, ArticleView]
) -> list[BulletView]:
    bullets = []
    for bullet in (summary or {}).get("bullets") or []:
        if isinstance(bullet, str):
            bullets.append(BulletView(bullet, []))
            continue
        if not isinstance(bullet, Mapping) or not bullet.get("text"):
            continue
        bullets.append(
            BulletView(str(bullet["text"]), citations(bullet.get("citations") or [], articles))
        )
    return bullets


def citations(ids: Iterable[object], articles: Mapping[str, ArticleView]) -> list[Citation]:
    cited = []
    for article_id in dict.fromkeys(str(i) for i in ids):
        article = articles.get(article_id)
        if article is None:
            continue
        cited.append(
            Citation(
                article_id=article_id,
                outlet=article.outlet.name,
                href=article.url or f"#{article.anchor}",
                title=article.title,
                external=article.url is not None,
            )
        )
    return cited


@dataclass
class ClaimView:
    stance: str
    content: str
    speakers: list[str]
    outlets: list[OutletView]
    citations: list[Citation]


def claim_groups(
    claims: Sequence[Any] | None,
    articles: Mapping[str, ArticleView],
    outlets: Mapping[str, OutletView],
) -> dict[str, list[ClaimView]]:
    """Claims by stance, each with its speakers, outlets and cited articles."""
    groups: dict[str, list[ClaimView]] = {stance: [] for stance in STANCES}
    for claim in claims or []:
        if not isinstance(claim, Mapping) or not claim.get("content"):
            continue
        stance = str(claim.get("stance") or "neutral").lower()
        stance = {"allege": "alleges", "deny": "denies", "confirm": "confirms"}.get(stance, stance)
        if stance not in groups:
            stance = "neutral"
        speakers = claim_speaker_labels(claim)  # relabelled before (`who_said`) on the page
        cited = citations(claim.get("article_ids") or [], articles)
        named: dict[str, OutletView] = {}
        for item in claim.get("outlets") or []:
            oid = str(_first(item, "id", "outlet") if isinstance(item, Mapping) else item)
            named[oid] = outlets.get(oid) or outlet_view(oid, None)
        for citation in cited:
            article = articles[citation.article_id]
            named.setdefault(article.outlet.id, article.outlet)
        groups[stance].append(
            ClaimView(
                stance=stance,
                content=str(claim["content"]),
                speakers=speakers,
                outlets=list(named.values()),
                citations=cited,
            )
        )
    for group in groups.values():
        group.sort(key=lambda c: -len(c.outlets))
    return groups


def entity_groups(entities: Sequence[Mapping[str, Any]]) -> list[tuple[str, list[dict[str, Any]]]]:
    grouped: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for entity in entities:
        label = str(entity.get("label") or "")
        for key, _title, labels in ENTITY_GROUPS:
            if label in labels:
                grouped[key].append(dict(entity))
                break
    return [(title, grouped[key]) for key, title, _labels in ENTITY_GROUPS if grouped[key]]


# -- whole pages ------------------------------------------------------------------------


@dataclass
class StoryCard:
    story: StoryRow
    lean: dict[str, int]
    unrated: int
    blindspot: str | None = None  # whose feed it belongs to ("left": the left misses it)
    low_factuality: bool = False

    @property
    def href(self) -> str:
        return f"/stories/{path_id(self.story.id)}"

    @property
    def covered_by(self) -> str | None:
        if self.blindspot not in ("left", "right"):
            return None
        return "right" if self.blindspot == "left" else "left"


def story_cards(store: Store, stories: Sequence[StoryRow]) -> list[StoryCard]:
    """Cards for story lists; a story stored without a bias split gets one derived."""
    cards = []
    for story in stories:
        stored = stored_lean_counts(story)
        record = StoredCoverage.from_json(story.coverage)
        spot = record.blindspot if record else None
        feed = story.blindspot or (spot.missed_by if spot else None)
        low = spot.low_factuality_only if spot else None
        if stored is None or (feed and low is None):
            articles = store.articles(story_id=story.id)
            outlets = outlet_views(store, [a.outlet for a in articles])
            derived = coverage_view(record, article_views(articles, outlets), blindspot=feed)
            stored = stored or (derived.lean, derived.unrated)
            low = derived.blindspot_low_factuality
        cards.append(
            StoryCard(
                story,
                stored[0],
                stored[1],
                feed if feed in ("left", "right") else None,
                bool(low) and bool(feed),
            )
        )
    return cards


def credited_origins(
    articles: Sequence[Article], resolver: OutletResolver
) -> dict[str, OutletView]:
    """Article id -> the outlet an article credits as its story's origin, when that is
    not its own outlet: a wire story a site republished ("(Reuters) -", "Originally
    published by ..."). Read from the stored text when a page is shown."""
    found = {}
    for article in articles:
        outlet_id = resolver.original(article)
        if outlet_id:
            found[article.id] = outlet_view(outlet_id, resolver.record(outlet_id))
    return found


def story_page(
    store: Store, story: StoryRow, resolver: OutletResolver | None = None
) -> dict[str, Any]:
    """Everything the story page shows, from the store; with a resolver, also the wire
    each article credits ("via Reuters")."""
    articles = store.articles(story_id=story.id)
    outlets = outlet_views(store, [a.outlet for a in articles])
    views = article_views(articles, outlets)
    if resolver is not None:
        origins = credited_origins(articles, resolver)
        for view in views:
            view.via = origins.get(view.id)
    by_id = {v.id: v for v in views}
    coverage = coverage_view(
        StoredCoverage.from_json(story.coverage), views, blindspot=story.blindspot
    )
    summary = story.summary or {}
    storyline = store.storyline(story.storyline_id) if story.storyline_id else None
    said = who_said(store, story, articles)
    for view in views:
        view.stance = said.stances.get(view.id)
    return {
        "story": story,
        "title": story.title or summary.get("title") or "Untitled story",
        "bullets": summary_bullets(summary, by_id),
        "coverage": coverage,
        "claims": claim_groups(said.claims, by_id, outlets),
        "speakers": said.speakers,
        "main_claim": said.main_claim,
        "entities": entity_groups(store.story_entities(story.id)),
        "articles": views,
        "storyline": storyline,
    }


def who_said(store: Store, story: StoryRow, articles: Sequence[Article]) -> WhoSaidWhat:
    """The story's unified speakers, relabelled claims, main claim and article stances,
    from what is stored: its quotes and its coverage record (a page or an API call never
    runs the stance model; a story analysed before stances were stored has none)."""
    return who_said_what(
        story.claims or [],
        articles,
        store.quotes([a.id for a in articles]),
        coverage=story.coverage,
        compute=False,
    )


def article_stances(story: StoryRow) -> dict[str, str]:
    """`article id -> stance towards the main claim` as the story's record keeps them."""
    stored = stored_stances(story.coverage)
    return stored[1] if stored else {}


def story_detail_json(store: Store, card: StoryCard) -> dict[str, Any]:
    """`/api/stories/{id}`: `story_json(full=True)` with who said what as the story page
    shows it: `claims` with unified speaker labels, `speakers`, `main_claim` and
    `article_stances` (article id -> stance)."""
    said = who_said(store, card.story, store.articles(story_id=card.story.id))
    return {
        **story_json(card, full=True),
        "claims": said.claims,
        "speakers": [s.to_json() for s in said.speakers],
        "main_claim": said.main_claim,
        "article_stances": said.stances,
    }


def story_json(card: StoryCard, *, full: bool = False) -> dict[str, Any]:
    story = card.story
    data: dict[str, Any] = {
        "id": story.id,
        "title": story.title,
        "storyline_id": story.storyline_id,
        "article_count": story.article_count,
        "outlet_count": story.outlet_count,
        "first_published": iso(story.first_published),
        "last_published": iso(story.last_published),
        "blindspot": story.blindspot,
        "blindspot_covered_by": card.covered_by,
        "blindspot_low_factuality": card.low_factuality,
        "lean": card.lean,
        "unrated": card.unrated,
        "url": card.href,
    }
    if full:
        data["summary"] = story.summary
        data["coverage"] = story.coverage
        data["claims"] = story.claims
    return data


def article_json(article: Article, outlet: OutletView | None = None) -> dict[str, Any]:
    data = article.to_json()
    data.pop("text", None)
    data["story_id"] = article.story_id
    data["storyline_id"] = article.storyline_id
    data["duplicate_of"] = article.duplicate_of
    if outlet is not None:
        data["outlet_name"] = outlet.name
        data["lean"] = outlet.lean
        data["factuality"] = outlet.factuality
    return data


@dataclass(frozen=True)
class ClaimEvent:
    """One row of a storyline's claim timeline: who alleged or denied what, when, where."""

    day: datetime | None
    stance: str  # alleges | denies
    content: str
    speakers: list[str]
    outlets: list[OutletView]
    story_id: str
    story_title: str


CLAIM_EVENTS_PER_STORY = 4  # the most carried allegations and denials of each story


def claim_timeline(store: Store, stories: Sequence[StoryRow]) -> list[ClaimEvent]:
    """The storyline's allegations and denials in time order (dated by their story's first
    article), each with its speakers and outlets."""
    events: list[ClaimEvent] = []
    for story in stories:
        contested = [
            c
            for c in story.claims or []
            if isinstance(c, Mapping) and c.get("stance") in ("alleges", "denies")
        ]
        contested.sort(key=lambda c: -len(c.get("article_ids") or ()))
        outlet_ids = {str(o) for c in contested for o in c.get("outlets") or []}
        views = outlet_views(store, outlet_ids) if outlet_ids else {}
        for claim in contested[:CLAIM_EVENTS_PER_STORY]:
            # without the story's quotes: junk speakers dropped, short forms as stored
            speakers = claim_speaker_labels(claim, ())
            events.append(
                ClaimEvent(
                    story.first_published,
                    str(claim["stance"]),
                    str(claim.get("content") or ""),
                    speakers,
                    [
                        views.get(str(o)) or outlet_view(str(o), None)
                        for o in claim.get("outlets") or []
                    ],
                    story.id,
                    story.title or story.id,
                )
            )
    return events


def storyline_points(stories: Sequence[StoryRow]) -> list[Any]:
    from newsprism.web.svg import StorylinePoint

    return [
        StorylinePoint(
            label=st.title or "Untitled story",
            start=st.first_published,
            end=st.last_published,
            article_count=st.article_count,
            href=f"/stories/{path_id(st.id)}",
        )
        for st in stories
    ]


# -- feeds ------------------------------------------------------------------------------


FEED_HEALTH_LABELS = {
    "healthy": "Healthy",
    "failing": "Failing",
    "dead": "Dead",
    "new": "Not polled yet",
}


@dataclass
class FeedView:
    id: int
    url: str
    title: str | None
    last_fetch: datetime | None
    last_new_entry: datetime | None
    next_due: datetime | None
    consecutive_errors: int
    last_error: str | None
    dead: bool

    @property
    def health(self) -> str:
        """dead (given up on), failing (the last poll failed), healthy, or new (never polled)."""
        if self.dead:
            return "dead"
        if self.last_error or self.consecutive_errors:
            return "failing"
        return "healthy" if self.last_fetch else "new"

    @property
    def health_label(self) -> str:
        return FEED_HEALTH_LABELS[self.health]

    @property
    def link(self) -> str | None:
        return safe_url(self.url)


def feed_view(row: Mapping[str, Any]) -> FeedView:
    """A stored feed row (as `Store.feeds()` gives it) for the page and the API."""
    return FeedView(
        id=int(row["id"]),
        url=str(row["url"]),
        title=row.get("title"),
        last_fetch=as_datetime(row.get("last_polled")),
        last_new_entry=as_datetime(row.get("last_new_entry")),
        next_due=as_datetime(row.get("next_due")),
        consecutive_errors=int(row.get("consecutive_errors") or 0),
        last_error=row.get("last_error") or None,
        dead=bool(row.get("dead")),
    )


def feed_json(feed: FeedView) -> dict[str, Any]:
    return {
        "id": feed.id,
        "url": feed.url,
        "title": feed.title,
        "last_fetch": iso(feed.last_fetch),
        "last_new_entry": iso(feed.last_new_entry),
        "next_due": iso(feed.next_due),
        "consecutive_errors": feed.consecutive_errors,
        "last_error": feed.last_error,
        "dead": feed.dead,
        "health": feed.health,
    }
