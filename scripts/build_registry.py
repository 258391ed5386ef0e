#!/usr/bin/env python3
"""Build the bundled outlet registry from the public rating sets.

    .venv/bin/python scripts/build_registry.py [--data DIR] [--out DIR]

Reads `ratings/` under the shared data folder (default ../shared/data, or
$NEWSPRISM_SHARED_DATA) and writes `src/newsprism/outlets/data/registry.json.gz` and
`PROVENANCE.md` next to it.

How records become outlets:
1. Every row of every set is a record with its domains. Records that share a domain are
   one outlet. Baly et al. rows also name their MBFC page, which ties them to the MBFC
   row of that page even when the two give different domains.
2. A Kagi organisation ties its domains together only when they are one brand
   (`bbc.com`, `bbc.co.uk`) or one is a subdomain of another; a group owning several
   brands (Groupe Le Monde) gives each brand its owner and ownership, not a merge.
3. AllSides rows have no domain. They are matched by name to the outlets built so far:
   the name itself (AllSides section suffixes such as "(Online News)" or " - News"
   removed), a domain-like name ("NBCNews.com"), the slug of the AllSides page, the
   Wikipedia title, the name without a trailing " - X" / "(X)", and finally the name
   written as one word + ".com" when that domain is rated elsewhere. Opinion/editorial
   rows ("New York Times - Opinion") become an opinion section of the matched outlet.
   Columnists ("Author" rows) and unmatched rows stay outlets without a domain.
"""

from __future__ import annotations

import argparse
import bisect
import csv
import datetime as dt
import difflib
import gzip
import json
import os
import re
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from publicsuffixlist import PublicSuffixList

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from newsprism.outlets import names as nm  # noqa: E402
from newsprism.outlets import scales  # noqa: E402

PSL = PublicSuffixList()

# Well-known short names and spellings that the rating sets do not carry.
CURATED_ALIASES: dict[str, list[str]] = {
    "wsj.com": ["WSJ", "The Wall Street Journal", "Wall Street Journal"],
    "nytimes.com": ["NYT", "The New York Times", "New York Times", "NY Times"],
    "washingtonpost.com": ["WaPo", "The Washington Post", "Washington Post"],
    "apnews.com": ["AP", "Associated Press", "The Associated Press", "AP News"],
    "reuters.com": ["Reuters", "Thomson Reuters"],
    "bbc.com": ["BBC", "BBC News", "BBC World News"],
    "cnn.com": ["CNN", "Cable News Network"],
    "foxnews.com": ["Fox News", "Fox News Channel", "FNC"],
    "nbcnews.com": ["NBC News", "NBC"],
    "cbsnews.com": ["CBS News", "CBS"],
    "abcnews.go.com": ["ABC News"],
    "npr.org": ["NPR", "National Public Radio"],
    "usatoday.com": ["USA Today"],
    "latimes.com": ["LA Times", "L.A. Times", "Los Angeles Times"],
    "theguardian.com": ["The Guardian", "Guardian"],
    "huffpost.com": ["HuffPost", "Huffington Post", "The Huffington Post"],
    "nypost.com": ["New York Post", "NY Post"],
    "bloomberg.com": ["Bloomberg", "Bloomberg News"],
    "economist.com": ["The Economist"],
    "ft.com": ["FT", "Financial Times"],
    "aljazeera.com": ["Al Jazeera", "Al Jazeera English"],
    "dailymail.co.uk": ["Daily Mail", "MailOnline"],
    "telegraph.co.uk": ["The Telegraph", "The Daily Telegraph"],
    "independent.co.uk": ["The Independent"],
    "msnbc.com": ["MSNBC"],
    "pbs.org": ["PBS", "PBS NewsHour"],
    "afp.com": ["AFP", "Agence France-Presse"],
    "dw.com": ["DW", "Deutsche Welle"],
    "rt.com": ["RT", "Russia Today"],
    "politico.com": ["Politico"],
    "axios.com": ["Axios"],
    "businessinsider.com": ["Business Insider"],
    "theatlantic.com": ["The Atlantic"],
    "thehill.com": ["The Hill"],
    "washingtontimes.com": ["The Washington Times"],
    "washingtonexaminer.com": ["The Washington Examiner"],
    "cnbc.com": ["CNBC"],
    "breitbart.com": ["Breitbart", "Breitbart News"],
    # rated on subdomains of indiatimes.com, which the sets leave without a name
    "timesofindia.indiatimes.com": ["The Times of India", "Times of India"],
    "economictimes.indiatimes.com": ["The Economic Times", "Economic Times"],
}

COUNTRY_NAMES = {
    "usa": "United States",
    "us": "United States",
    "united states of america": "United States",
    "uk": "United Kingdom",
    "the netherlands": "Netherlands",
}

MBFC_5CLASS = {"left": -2, "leftcenter": -1, "center": 0, "rightcenter": 1, "right": 2}
BALY_2018_LEAN = {
    "extreme-left": -3,
    "left": -2,
    "left-center": -1,
    "center": 0,
    "right-center": 1,
    "right": 2,
    "extreme-right": 3,
}
# Baly et al. 2020 fold MBFC's scale into three classes: "left" is MBFC left and extreme
# left, "center" takes in left-center and right-center (checked against MBFC labels).
BALY_2020_LEAN = {"left": -2, "center": 0, "right": 2}
ALLSIDES_LEAN = {"left": -2, "left-center": -1, "center": 0, "right-center": 1, "right": 2}


@dataclass
class Record:
    """One row of one rating set."""

    source: str
    domains: list[str]
    names: list[str] = field(default_factory=list)
    link: str | None = None  # MBFC page slug, ties Baly rows to MBFC rows
    fields: dict[str, str] = field(default_factory=dict)
    rating: list[Any] | None = None  # compact rating, see registry.outlet_from_record
    traffic: str | None = None


# reading the sets ---------------------------------------------------------------------


# Path segments that name a page or an edition of the whole site, not a distinct outlet.
GENERIC_SEGMENTS = {"english", "eng", "home", "index", "main_page", "about", "news", "wiki"}
JUNK_HOST_PREFIX = re.compile(r"^(?:new|home|front|ww\d+)\.")


def clean_domain(text: str) -> str | None:
    """A domain key from a set's domain or URL cell; None when it holds no domain.

    Keeps a first path segment that names a section run as its own outlet
    ("cbsnews.com/boston", "newyorker.com/humor"), drops one that names a language
    edition or a page ("amnesty.org/en", "citizensunited.org/index.aspx").
    """
    text = text.strip()
    if not text or text.lower() in ("na", "none"):
        return None
    host, _, segment = nm.normalize_domain(text).partition("/")
    host = JUNK_HOST_PREFIX.sub("", host)
    if not re.fullmatch(r"[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,}", host):
        return None
    generic = len(segment) <= 2 or "." in segment or segment in GENERIC_SEGMENTS
    return host if not segment or generic else f"{host}/{segment}"


def mbfc_slug(url: str) -> str | None:
    path = urlsplit(url.strip()).path.strip("/")
    if not path:
        return None
    slug = re.sub(r"-(media-)?bias(-rating)?$", "", path.split("/")[-1].lower())
    return "mbfc:" + slug


def clean_country(text: str | None) -> str | None:
    if not text:
        return None
    text = re.sub(r"\s*\(.*?\)\s*", " ", text).strip()
    if not text or text.lower() in ("unknown", "global", "n/a", "none"):
        return None
    return COUNTRY_NAMES.get(text.lower(), text)


def mbfc_lean(bias: str, five_class: str) -> int | None:
    text = bias.upper()
    side = -1 if "LEFT" in text and "RIGHT" not in text else 1 if "RIGHT" in text else 0
    if "LEAST BIASED" in text:
        return 0
    if "CENTER" in text and side:
        return side
    if ("EXTREME" in text or "FAR" in text) and side:
        return 3 * side
    if ("EXTREME" in text or "FAR" in text) and five_class in MBFC_5CLASS:
        return 3 if MBFC_5CLASS[five_class] > 0 else -3 if MBFC_5CLASS[five_class] < 0 else 0
    if "LEANING" not in text and side and re.fullmatch(r"(LEFT|RIGHT)( BIASED)?", text.strip()):
        return 2 * side
    return MBFC_5CLASS.get(five_class)


def read_mbfc(path: Path) -> list[Record]:
    records = []
    with path.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            # the source URL is exact ("cbsnews.com/boston"); the domain column holds only
            # the registrable domain of it ("cbsnews.com")
            domain = clean_domain(row["source"]) or clean_domain(row["domain"])
            if domain is None:
                continue
            lean = mbfc_lean(row["bias_rating"], row["bias_label_5_class"])
            factuality = scales.parse_factuality(row["factual_reporting"])
            label = (
                f"{row['bias_rating'].strip()}; factual reporting {row['factual_reporting'] or '?'}"
            )
            traffic = row["trafficpopularity"].split(" ")[0].lower() or None
            fields = {"country": clean_country(row["country"]), "media_type": row["media_type"]}
            records.append(
                Record(
                    source="mbfc",
                    domains=[domain],
                    names=[row["page"].strip()],
                    link=mbfc_slug(row["mbfclink"]),
                    fields={k: v for k, v in fields.items() if v},
                    rating=["mbfc", lean, factuality, None, row["mbfclink"], domain, label],
                    traffic=traffic,
                )
            )
    return records


def read_baly(path: Path, source: str, leans: dict[str, int]) -> list[Record]:
    records = []
    with path.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            domain = clean_domain(row["source_url"])
            if domain is None:
                continue
            fact = row["fact"].strip().lower()
            factuality = fact if fact in ("high", "mixed", "low") else None
            label = f"bias {row['bias']}; fact {row['fact']}"
            rating = [
                source,
                leans.get(row["bias"].strip()),
                factuality,
                None,
                row["ref"],
                domain,
                label,
            ]
            records.append(Record(source, [domain], link=mbfc_slug(row["ref"]), rating=rating))
    return records


def read_lin(path: Path) -> list[Record]:
    records = []
    with path.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            raw = row["domain"].split("–")[-1]
            domain = clean_domain(raw)
            if domain is None or not row["pc1"]:
                continue
            pc1 = round(float(row["pc1"]), 3)
            rating = ["lin2023", None, None, pc1, None, domain, f"pc1 {pc1}"]
            records.append(Record("lin2023", [domain], rating=rating))
    return records


def brand(domain: str) -> str:
    host = domain.split("/", 1)[0]
    private = PSL.privatesuffix(host) or host
    return private.split(".")[0]


def short_owner(text: str) -> str | None:
    text = " ".join(text.split())
    if not text:
        return None
    if len(text) <= 160:
        return text
    first = re.split(r"(?<=[.;])\s", text, maxsplit=1)[0]
    return first if len(first) <= 200 else first[:197].rstrip() + "..."


_NAME_FILLERS = {"the", "of", "and", "de", "la", "le", "el"}


def is_own_brand(organization: str, label: str) -> bool:
    """Whether a domain's brand ("apnews", "faz") is the organisation's own name run
    together or its initials ("The Associated Press", "Frankfurter Allgemeine
    Zeitung"), a "news", "media" or "group" after it allowed."""
    compact = nm.normalize_name(organization).replace(" ", "")
    words = [w for w in re.findall(r"[a-z]+", organization.casefold()) if w not in _NAME_FILLERS]
    initials = "".join(w[0] for w in words) if len(words) >= 2 else None
    stem = re.sub(r"(news|media|group)$", "", label)
    return label in (compact, re.sub(r"(news|media|group)$", "", compact)) or stem in (
        compact,
        initials,
    )


def own_brand_together(organization: str, domains: list[str]) -> dict[str, list[str]]:
    """An organisation's domains by brand: one outlet per brand it owns, except that
    the domains of its own brand are one outlet (ap.org and apnews.com)."""
    clusters: dict[str, list[str]] = defaultdict(list)
    for domain in domains:
        clusters[brand(domain)].append(domain)
    own = [label for label in clusters if is_own_brand(organization, label)]
    for label in own[1:]:
        clusters[own[0]] += clusters.pop(label)
    return dict(clusters)


def read_kagi(path: Path) -> list[Record]:
    records = []
    for org in json.loads(path.read_text(encoding="utf-8")):
        domains = sorted({d for d in (clean_domain(x) for x in org["domains"]) if d})
        if not domains:
            continue
        clusters = own_brand_together(org["organization"], domains)
        ownership = scales.parse_ownership(org["typology"]) or "other"
        single = len(clusters) == 1
        for label, cluster in clusters.items():
            named = single or is_own_brand(org["organization"], label)
            # a group of several brands is itself the owner of each brand
            owner = short_owner(org["owner"]) if named else org["organization"].strip()
            fields = {
                "country": clean_country(org["country"]),
                "owner": owner,
                "ownership": ownership,
                "typology": org["typology"],
            }
            records.append(
                Record(
                    source="kagi",
                    domains=cluster,
                    names=[org["organization"].strip()] if named else [],
                    fields={k: v for k, v in fields.items() if v},
                )
            )
    return records


# merging records into outlets ---------------------------------------------------------


class UnionFind:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, item: str) -> str:
        self.parent.setdefault(item, item)
        while self.parent[item] != item:
            self.parent[item] = self.parent[self.parent[item]]
            item = self.parent[item]
        return item

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


SOURCE_ORDER = ("mbfc", "kagi", "baly2020", "baly2018", "lin2023")
TRAFFIC_RANK = {"high": 3, "medium": 2, "minimal": 1}


@dataclass
class Draft:
    """An outlet being assembled."""

    names: list[str] = field(default_factory=list)
    domains: list[str] = field(default_factory=list)
    fields: dict[str, str] = field(default_factory=dict)
    provenance: dict[str, str] = field(default_factory=dict)
    ratings: list[list[Any]] = field(default_factory=list)
    traffic: str | None = None
    parent: Draft | None = None
    id: str = ""

    def add_name(self, name: str) -> None:
        if name and name not in self.names:
            self.names.append(name)

    def set_field(self, key: str, value: str | None, source: str) -> None:
        if value and key not in self.fields:
            self.fields[key] = value
            self.provenance[key] = source

    def raters(self) -> set[str]:
        return {r[0] for r in self.ratings}

    def prominence(self) -> tuple[int, int, int]:
        raters = self.raters()
        return ("allsides" in raters, "mbfc" in raters, TRAFFIC_RANK.get(self.traffic or "", 0))


def merge(records: list[Record]) -> list[Draft]:
    uf = UnionFind()
    for record in records:
        nodes = [f"d:{d}" for d in record.domains] + ([record.link] if record.link else [])
        for node in nodes[1:]:
            uf.union(nodes[0], node)
        uf.find(nodes[0])
    groups: dict[str, list[Record]] = defaultdict(list)
    for record in records:
        groups[uf.find(f"d:{record.domains[0]}")].append(record)
    drafts = []
    for group in groups.values():
        group.sort(
            key=lambda r: (SOURCE_ORDER.index(r.source), -TRAFFIC_RANK.get(r.traffic or "", 0))
        )
        draft = Draft()
        for record in group:
            for domain in record.domains:
                if domain not in draft.domains:
                    draft.domains.append(domain)
            for name in record.names:
                draft.add_name(name)
            for key, value in record.fields.items():
                if key == "country" and record.source == "kagi":
                    # Kagi places an organisation by hand; MBFC's country column
                    # defaults to the USA in places (Le Monde, "United States")
                    draft.fields.pop("country", None)
                draft.set_field(key, value, record.source)
            if record.rating is not None and record.rating[0] not in draft.raters():
                draft.ratings.append(record.rating)
            if draft.traffic is None and record.traffic:
                draft.traffic = record.traffic
        drafts.append(draft)
    return fold_subdomains(drafts)


def fold_subdomains(drafts: list[Draft]) -> list[Draft]:
    """Give a subdomain or path record to the outlet of its parent domain when it is
    that outlet: a nameless subdomain ("edition.cnn.com" in Lin et al.), or a record
    under one of the parent's names ("feeds.washingtonpost.com", "The Washington Post"
    in Kagi's set; "faz.net/aktuell" in MBFC's). Its ratings and fields give way to
    the parent's."""
    owner_of = {domain: draft for draft in drafts for domain in draft.domains}
    kept = []
    for draft in drafts:
        parent = parent_outlet(draft, owner_of)
        # a nameless path is often a publisher of its own (facebook.com/somepage)
        nameless_path = "/" in draft.domains[0] and not draft.names
        if (
            parent is None
            or nameless_path
            or not known_by_names_of(draft, parent)
            or rated_apart(draft, parent)
        ):
            kept.append(draft)
            continue
        absorb(parent, draft)
        for domain in draft.domains:
            owner_of[domain] = parent
    return kept


def absorb(parent: Draft, draft: Draft) -> None:
    """Give the draft's domains, names, ratings and fields to the parent outlet; the
    parent's own values come first."""
    for domain in draft.domains:
        if domain not in parent.domains:
            parent.domains.append(domain)
    for name in draft.names:
        parent.add_name(name)
    for rating in draft.ratings:
        if rating[0] not in parent.raters():
            parent.ratings.append(rating)
    for key, value in draft.fields.items():
        parent.set_field(key, value, draft.provenance.get(key, ""))
    parent.traffic = parent.traffic or draft.traffic


# Sites of one outlet that the sets list apart under different domains, which no name
# or domain rule can join: (domain, domain of the outlet it is part of, the public page
# that says so). Written without network access to read the pages again: check them.
CURATED_SAME_OUTLET: list[tuple[str, str, str]] = [
    (
        "chron.com",
        "houstonchronicle.com",
        "Wikipedia, 'Houston Chronicle' (https://en.wikipedia.org/wiki/Houston_Chronicle):"
        " the paper publishes two websites, the free Chron.com and the subscription"
        " HoustonChronicle.com",
    ),
    (
        "newarab.com",
        "alaraby.co.uk",
        "Wikipedia, 'The New Arab' (https://en.wikipedia.org/wiki/The_New_Arab): the English"
        " edition of Al-Araby Al-Jadeed, first published at alaraby.co.uk/english, moved to"
        " newarab.com",
    ),
]


def join_curated(drafts: list[Draft]) -> list[Draft]:
    """The outlets of `CURATED_SAME_OUTLET` joined; each join names its source in the
    provenance of the domain it adds."""
    by_domain = {domain: draft for draft in drafts for domain in draft.domains}
    gone: list[Draft] = []
    for domain, into, source in CURATED_SAME_OUTLET:
        draft, parent = by_domain.get(domain), by_domain.get(into)
        if draft is None or parent is None:
            print(f"same outlet: {domain} or {into} is not in the sets", file=sys.stderr)
            continue
        if draft is parent:
            continue
        absorb(parent, draft)
        parent.provenance[f"domain:{domain}"] = source
        for moved in draft.domains:
            by_domain[moved] = parent
        gone.append(draft)
    return [draft for draft in drafts if all(draft is not g for g in gone)]


def parent_outlet(draft: Draft, owner_of: dict[str, Draft]) -> Draft | None:
    """The outlet of the site that holds the draft's first domain: of its host when the
    domain is a path ("faz.net/aktuell"), else of the nearest parent domain."""
    host, _, path = draft.domains[0].partition("/")
    labels = host.split(".")
    hosts = ([host] if path else []) + [".".join(labels[i:]) for i in range(1, len(labels) - 1)]
    for name in hosts:
        parent = owner_of.get(name)
        if parent is not None and parent is not draft:
            return parent
    return None


def rating_pages(draft: Draft) -> set[str]:
    """The MBFC pages the draft's ratings cite (Baly et al. rows cite them too)."""
    pages = [r[4] for r in draft.ratings if r[4] and "mediabiasfactcheck.com" in r[4]]
    return {slug for page in pages if (slug := mbfc_slug(page))}


def rated_apart(draft: Draft, parent: Draft) -> bool:
    """Whether a rating set gives the subdomain a page of its own, another than the
    parent's: timesofindia.indiatimes.com and economictimes.indiatimes.com are rated
    as the Times of India and The Economic Times, not as indiatimes.com (a page named as
    the parent is named, newsite.thehindu.com's "the-hindu", is the parent's). When the
    parent has no page, a subdomain that carries the parent's names is the parent (news.err.ee,
    "ERR News"), a nameless one with a page is a site of its own (a blog on
    wordpress.com)."""
    own, pages = rating_pages(draft), rating_pages(parent)
    named = {"mbfc:" + scales.slug(name) for name in parent.names}
    if not own or own & (pages | named):
        return False
    return bool(pages) or not draft.names


def known_by_names_of(draft: Draft, parent: Draft) -> bool:
    """Whether every name of the draft is a name of the parent (true when it has none)."""
    keys = {nm.normalize_name(name) for name in parent.names}
    return all(nm.normalize_name(name) in keys for name in draft.names)


# AllSides ------------------------------------------------------------------------------


def neg(values: tuple[int, ...]) -> tuple[int, ...]:
    return tuple(-v for v in values)


# Words that many outlet names share; a name made only of them is too vague to extend.
GENERIC_NAME_WORDS = {
    *("the", "news", "daily", "times", "post", "herald", "journal", "state", "tribune"),
    *("gazette", "press", "weekly", "report", "review", "star", "sun", "city", "county"),
    *("magazine", "media", "online", "today", "world", "national", "american", "public"),
    *("radio", "tv", "network"),
}


class NameIndex:
    """Normalised names and domains of the drafts, best-known outlet first."""

    def __init__(self, drafts: list[Draft]) -> None:
        self.by_name: dict[str, Draft] = {}
        self.by_compact: dict[str, Draft] = {}
        self.by_domain: dict[str, Draft] = {}
        # a primary name beats an alias; then US outlets (AllSides rates for a US
        # audience), then the better-known outlet
        ranked: list[tuple[tuple[int, bool, tuple[int, ...]], str, Draft]] = []
        for draft in drafts:
            us = draft.fields.get("country") == "United States"
            for domain in draft.domains:
                self.by_domain.setdefault(domain, draft)
            for position, name in enumerate(draft.names):
                for key in nm.name_keys(name):
                    ranked.append(((min(position, 1), not us, neg(draft.prominence())), key, draft))
        ranked.sort(key=lambda item: item[0])
        for _, key, draft in ranked:
            self.by_name.setdefault(key, draft)
            self.by_compact.setdefault(key.replace(" ", ""), draft)
        self.names_sorted = sorted(self.by_name)

    def name(self, text: str) -> Draft | None:
        key = nm.normalize_name(text)
        return self.by_name.get(key) if key else None

    def compact(self, text: str) -> Draft | None:
        """ "ThinkProgress" finds "Think Progress"."""
        key = nm.normalize_name(text).replace(" ", "")
        return self.by_compact.get(key) if key else None

    def prefix(self, text: str) -> Draft | None:
        """ "Manhattan Institute" finds "Manhattan Institute for Policy Research" when no
        other name starts with those words (two words at least)."""
        key = nm.normalize_name(text)
        if len(key.split()) < 2 or set(key.split()) <= GENERIC_NAME_WORDS:
            return None
        start = bisect.bisect_left(self.names_sorted, key + " ")
        found = {
            id(self.by_name[name])
            for name in self.names_sorted[start : start + 3]
            if name.startswith(key + " ")
        }
        if len(found) != 1:
            return None
        return self.by_name[self.names_sorted[start]]

    def close(self, text: str) -> Draft | None:
        """One typo apart, for long names only ("Tallahasee Democrat")."""
        key = nm.normalize_name(text).replace(" ", "")
        if len(key) < 12:
            return None
        close = difflib.get_close_matches(key, list(self.by_compact), n=2, cutoff=0.94)
        return self.by_compact[close[0]] if len(close) == 1 else None

    def domain(self, text: str) -> Draft | None:
        if not nm.looks_like_address(text):
            return None
        for key in nm.address_keys(text):
            if key in self.by_domain:
                return self.by_domain[key]
        return None

    def find(self, kind: str, text: str) -> Draft | None:
        finder = {
            "name": self.name,
            "compact": self.compact,
            "prefix": self.prefix,
            "close": self.close,
            "domain": self.domain,
        }[kind]
        return finder(text)


def allsides_candidates(row: dict[str, str], base: str) -> list[tuple[str, str]]:
    """(kind, text) to try for an AllSides row, most trustworthy first."""
    candidates = [("name", row["news_source"].strip()), ("name", base)]
    if nm.looks_like_address(base):
        candidates.append(("domain", base))
    page = urlsplit(row["url"]).path.rstrip("/").split("/")[-1]
    page = re.sub(r"-(media-)?bias$|-\d+$", "", page)
    candidates.append(("name", page.replace("-", " ")))
    candidates.append(("compact", base))
    wiki = row["wiki"].strip()
    if wiki and wiki != "NA":
        for part in re.sub(r"^.*?/wiki/", "", wiki).split(" - "):
            part = re.sub(r"_\(.*\)$", "", part).replace("_", " ").replace("%26", "&")
            candidates.append(("domain" if nm.looks_like_address(part) else "name", part))
    stripped = re.sub(r"\s*(\(.*\)|\s[-–]\s.*)$", "", base)
    if stripped != base:
        candidates.append(("name", stripped))
    compact = nm.normalize_name(base).replace(" ", "")
    if compact and "." not in compact:
        candidates.extend(("domain", f"{compact}.{tld}") for tld in ("com", "org", "net"))
    candidates += [("prefix", base), ("close", base)]
    return candidates


def add_allsides(drafts: list[Draft], path: Path) -> dict[str, int]:
    index = NameIndex(drafts)
    stats: dict[str, int] = defaultdict(int)
    sections: dict[tuple[int, str], Draft] = {}
    with path.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        name = " ".join(row["news_source"].split())
        if not name or name.lower() == "test source":  # a placeholder row of the set
            stats["skipped"] += 1
            continue
        rating_key = row["rating"].strip().lower()
        lean = ALLSIDES_LEAN.get(rating_key)
        label = "Mixed (AllSides rating 'allsides')" if rating_key == "allsides" else rating_key
        rating = ["allsides", lean, None, None, row["url"].strip(), None, label]
        base, section = nm.split_section(name)
        kind_of_source = row["type"].strip()
        match = None
        if kind_of_source != "Author":
            for kind, text in allsides_candidates(row, base):
                match = index.find(kind, text)
                if match is not None:
                    stats[f"matched by {kind}"] += 1
                    break
        if match is not None and section == nm.OPINION:
            key = (id(match), nm.OPINION)
            if key not in sections:
                sections[key] = opinion_section(match, drafts)
            match = sections[key]
        if match is not None and "allsides" in match.raters():
            stats["second row for one outlet"] += 1
            print(
                f"AllSides: {name!r} matched {match.names[:1]} again; kept apart", file=sys.stderr
            )
            match = None
        if match is None:
            stats["without domain"] += 1
            match = Draft()
            drafts.append(match)
            if kind_of_source == "Author":
                match.add_name(re.sub(r"\s*\(.*\)$", "", name))
        match.add_name(name)
        if base != name and section != nm.OPINION:
            match.add_name(base)
        match.ratings.insert(0, rating)
        type_label = "Columnist" if kind_of_source == "Author" else kind_of_source
        match.set_field("media_type", type_label, "allsides")
    return dict(stats)


def opinion_section(parent: Draft, drafts: list[Draft]) -> Draft:
    section = Draft(parent=parent)
    for name in parent.names:
        section.add_name(f"{name} (Opinion)")
    for key in ("country", "owner", "ownership", "typology", "media_type"):
        if key in parent.fields:
            section.fields[key] = parent.fields[key]
            section.provenance[key] = "inherited from the outlet"
    drafts.append(section)
    return section


# Ownership of the international state media of major countries that the rating sets
# above leave without an owner, each value with the public page that states it (the
# first five read 2026-12-05; later additions are marked). Kagi's values win where Kagi
# has the outlet (RT, TASS, Al Jazeera, TRT World, Anadolu); these only fill gaps.
# (domain, owner, ownership, source)
CURATED_STATE_MEDIA: list[tuple[str, str, str, str]] = [
    (
        "xinhuanet.com",
        "People's Republic of China (State Council; ministry-level state news agency)",
        "state-funded",
        "Wikipedia, 'Xinhua News Agency' (https://en.wikipedia.org/wiki/Xinhua_News_Agency):"
        " official state-run press agency, a ministry-level institution under the State Council",
    ),
    (
        "cgtn.com",
        "China Media Group (Publicity Department of the Chinese Communist Party)",
        "state-funded",
        "Wikipedia, 'China Global Television Network'"
        " (https://en.wikipedia.org/wiki/China_Global_Television_Network): state media, owner"
        " Publicity Department of the CCP, parent China Media Group; State Media Monitor,"
        " 'China Media Group' (http://statemediamonitor.com/2024/09/china-media-group)",
    ),
    (
        "chinadaily.com.cn",
        "Publicity Department of the Chinese Communist Party",
        "state-funded",
        "Wikipedia, 'China Daily' (https://en.wikipedia.org/wiki/China_Daily): daily"
        " newspaper owned by the Publicity Department of the Chinese Communist Party",
    ),
    (
        "sputniknews.com",
        "Rossiya Segodnya (owned and operated by the Russian government)",
        "state-funded",
        "Wikipedia, 'Sputnik (news agency)' (https://en.wikipedia.org/wiki/Sputnik_(news_agency))"
        ": state media, owner Rossiya Segodnya; State Media Monitor, 'Rossiya Segodnya'"
        " (https://statemediamonitor.com/?p=1589): fully state-owned",
    ),
    (
        "presstv.ir",
        "Islamic Republic of Iran Broadcasting (IRIB)",
        "state-funded",
        "Wikipedia, 'Press TV' (https://en.wikipedia.org/wiki/Press_TV): Iranian state-owned"
        " news organisation owned by Islamic Republic of Iran Broadcasting, state-funded",
    ),
    # Added 2026-12-07, written from what these pages state, without network access to
    # read them again that day: check them before relying on a value.
    (
        "globaltimes.cn",
        "People's Daily (Central Committee of the Chinese Communist Party)",
        "state-funded",
        "Wikipedia, 'Global Times' (https://en.wikipedia.org/wiki/Global_Times): daily"
        " tabloid published under the auspices of the People's Daily, the CCP's newspaper",
    ),
    (
        "cctv.com",
        "China Media Group (Publicity Department of the Chinese Communist Party)",
        "state-funded",
        "Wikipedia, 'China Central Television' (https://en.wikipedia.org/wiki/"
        "China_Central_Television): state broadcaster, part of China Media Group",
    ),
    (
        "ria.ru",
        "Rossiya Segodnya (owned and operated by the Russian government)",
        "state-funded",
        "Wikipedia, 'RIA Novosti' (https://en.wikipedia.org/wiki/RIA_Novosti): state-owned"
        " news agency, operated by Rossiya Segodnya",
    ),
    (
        "kcna.kp",
        "Government of North Korea",
        "state-funded",
        "Wikipedia, 'Korean Central News Agency' (https://en.wikipedia.org/wiki/"
        "Korean_Central_News_Agency): the state news agency of North Korea",
    ),
    (
        "granma.cu",
        "Central Committee of the Communist Party of Cuba",
        "state-funded",
        "Wikipedia, 'Granma (newspaper)' (https://en.wikipedia.org/wiki/Granma_(newspaper)):"
        " official newspaper of the Central Committee of the Communist Party of Cuba",
    ),
    (
        "telesurenglish.net",
        "Government of Venezuela (majority owner)",
        "state-funded",
        "Wikipedia, 'Telesur' (https://en.wikipedia.org/wiki/Telesur): network funded and"
        " majority-owned by the Venezuelan government",
    ),
    (
        "nhk.or.jp",
        "Japan Broadcasting Corporation (statutory corporation funded by receiving fees)",
        "public-broadcaster",
        "Wikipedia, 'NHK' (https://en.wikipedia.org/wiki/NHK): Japan's national public"
        " broadcaster, a statutory corporation funded by viewers' receiving fees",
    ),
    (
        "cbc.ca",
        "Canadian Broadcasting Corporation (federal Crown corporation)",
        "public-broadcaster",
        "Wikipedia, 'Canadian Broadcasting Corporation' (https://en.wikipedia.org/wiki/"
        "Canadian_Broadcasting_Corporation): Canadian public broadcaster, a federal Crown"
        " corporation",
    ),
]

# Regional and language editions of Sputnik that the sets list under their own
# domains, without an owner: each takes Sputnik's value and source (sputniknews.com).
SPUTNIK_EDITIONS = [
    "armeniasputnik.am", "az.sputniknews.ru", "lt.sputniknews.ru", "tj.sputniknews.ru",
    "uz.sputniknews.ru", "sputnik-abkhazia.info", "sputnik-abkhazia.ru", "sputnik.az",
    "sputnik.by", "sputnik-georgia.com", "sputnik-georgia.ru", "sputnik.kg", "sputnik.kz",
    "sputnik.md", "sputnik-ossetia.com", "sputnik-ossetia.ru", "sputnik-tj.com",
    "sputniknews.cn", "sputniknews.gr", "sputniknews.lt", "sputniknews-uz.com",
    "sputniknewslv.com", "fr.sputniknews.com", "it.sputniknews.com", "snanews.de",
]  # fmt: skip


# The owner's country, for curated outlets the sets give none (a Sputnik edition is
# counted as Russian media, as Kagi counts Sputnik's French, German and Italian ones).
CURATED_COUNTRY = {"telesurenglish.net": "Venezuela", "sputniknews.com": "Russia"}


def _curated_state_media() -> list[tuple[str, str, str, str, str | None]]:
    """(domain, owner, ownership, source, country) of each curated outlet."""
    rows = [(*row, CURATED_COUNTRY.get(row[0])) for row in CURATED_STATE_MEDIA]
    _, owner, ownership, source, country = next(row for row in rows if row[0] == "sputniknews.com")
    editions = [
        (domain, owner, ownership, f"edition of Sputnik (sputniknews.com): {source}", country)
        for domain in SPUTNIK_EDITIONS
    ]
    return rows + editions


def add_state_media(drafts: list[Draft]) -> int:
    """Owner, ownership and the owner's country from the curated lists where the sets
    gave none."""
    by_domain = {domain: draft for draft in drafts for domain in draft.domains}
    added = 0
    for domain, owner, ownership, source, country in _curated_state_media():
        draft = by_domain.get(domain)
        if draft is None:
            print(f"state media: {domain} is not in the sets", file=sys.stderr)
            continue
        if "ownership" not in draft.fields:
            draft.set_field("owner", owner, source)
            draft.set_field("ownership", ownership, source)
            added += 1
        draft.set_field("country", country, source)  # only where the sets gave none
    return added


# Owners of news and magazine groups that the rating sets leave without one, so that a
# story page can count its coverage by ownership and name the owners of several of its
# outlets. Each group with the public pages that state what it owns; an owner's name is
# written as its pages' copyright lines write it, its parent in parentheses. Kagi's values win
# where Kagi has the outlet. Read through a search of stored public pages on
# 2026-12-07 and 2026-12-08 (see PROVENANCE.md): check them before relying on a value.
# (owner, ownership, source, domains)
CURATED_OWNERS: list[tuple[str, str, str, list[str]]] = [
    (
        "Gannett (USA Today Co.)",
        "corporate",
        "Wikipedia, 'USA Today Co.' (https://en.wikipedia.org/wiki/USA_Today_Co.): the"
        " company formerly called Gannett (renamed in 2025) publishes USA Today plus local"
        " dailies such as the Detroit Free Press, Indianapolis Star, Cincinnati Enquirer,"
        " Columbus Dispatch, Florida Times-Union, Tennessean, Courier-Journal, Des Moines"
        " Register, Arizona Republic and Milwaukee Journal Sentinel; O'Dwyer's, 'Media"
        " Maneuvers' 2025-02-21"
        " (https://www.odwyerpr.com/story/public/22602/2025-02-21/media-maneuvers-hearst-buys-austin-american-statesman.html):"
        " Gannett keeps the Corpus Christi Caller-Times and the Lubbock Avalanche-Journal",
        [
            "usatoday.com", "freep.com", "indystar.com", "cincinnati.com", "dispatch.com",
            "jacksonville.com", "tallahassee.com", "tennessean.com", "dnj.com",
            "courier-journal.com", "democratandchronicle.com", "desmoinesregister.com",
            "elpasotimes.com", "azcentral.com", "news-press.com", "jsonline.com", "argusleader.com",
            "chieftain.com", "greatfallstribune.com", "caller.com", "lubbockonline.com",
        ],
    ),
    (
        "Hearst Communications",
        "corporate",
        "CultureMap Houston, 'Houston Chronicle owner Hearst acquires Austin newspaper'"
        " (https://houston.culturemap.com/news/city-life/austin-american-statesman-hearst-gannett):"
        " in 2025 Hearst agreed to buy the Austin American-Statesman from Gannett, adding to"
        " its Texas papers (Houston Chronicle, San Antonio Express-News, Beaumont"
        " Enterprise, Laredo Morning Times, Midland Reporter-Telegram); Wikipedia, 'Hearst"
        " Communications' (copy at https://www.hubbry.com/Delish): the San Francisco"
        " Chronicle and the Times Union (Albany)",
        [
            "houstonchronicle.com", "expressnews.com", "statesman.com", "beaumontenterprise.com",
            "lmtonline.com", "mrt.com", "sfchronicle.com", "timesunion.com",
        ],
    ),
    (
        "MediaNews Group (Alden Global Capital)",
        "corporate",
        "Flippingbook article on Alden Global Capital"
        " (https://online.flippingbook.com/view/568839840/27): Alden owns MediaNews Group,"
        " whose papers include the Denver Post, Boston Herald, Orange County Register and"
        " San Jose Mercury News, and local titles such as the Marin Independent Journal and"
        " East Bay Times; Dan Kennedy, 2024"
        " (https://dankennedy.net/tag/tribune-publishing/): the Lowell Sun, Sentinel &"
        " Enterprise and Boston Herald; savethenews.org quoting the WSJ (c. 2021): the St."
        " Paul Pioneer Press",
        [
            "denverpost.com", "bostonherald.com", "ocregister.com", "mercurynews.com",
            "marinij.com", "eastbaytimes.com", "lowellsun.com", "sentinelandenterprise.com",
            "twincities.com",
        ],
    ),
    (
        "Tribune Publishing (Alden Global Capital)",
        "corporate",
        "Wikipedia, 'Tribune Publishing'"
        " (https://en.wikipedia.org/wiki/Tribune_Publishing): Alden Global Capital bought"
        " the company in 2021; it publishes the Chicago Tribune, Orlando Sentinel, South"
        " Florida Sun-Sentinel, Virginian-Pilot and Hartford Courant",
        [
            "chicagotribune.com", "orlandosentinel.com", "sun-sentinel.com", "pilotonline.com",
            "courant.com",
        ],
    ),
    (
        "Dow Jones & Company (News Corp)",
        "corporate",
        "Wikipedia, 'Dow Jones & Company' (copy at"
        " https://friendlywiki.com/article/index.php?title=Dow_Jones_%26_Company): a News"
        " Corp subsidiary since 2007 that publishes The Wall Street Journal, Barron's,"
        " MarketWatch and Financial News",
        [
            "wsj.com", "barrons.com", "marketwatch.com", "fnlondon.com",
        ],
    ),
    (
        "NBCUniversal (Comcast)",
        "corporate",
        "Wikipedia, 'KNTV' (http://en.wikipedia.org/wiki/KNTV?ns=0&oldid=1124768750): NBC"
        " Bay Area (KNTV) is owned and operated by NBC Owned Television Stations, the"
        " NBCUniversal station group, alongside Telemundo outlet KSTS; pixelation.org"
        " (https://pixelation.org/nbc-owned-television-stations-how-the-network-localizes-its-power-wjh):"
        " WNBC, KNBC, WMAQ, WTVJ, KXAS and Telemundo among NBCUniversal's own stations",
        [
            "nbcbayarea.com", "nbcnewyork.com", "nbclosangeles.com", "nbcchicago.com",
            "nbcmiami.com", "nbcdfw.com", "telemundo.com",
        ],
    ),
    (
        "Condé Nast (Advance Publications)",
        "corporate",
        "Wikipedia, 'Condé Nast' (copy at https://www.hubbry.com/Conde-Nast): an Advance"
        " Publications company whose brands include Vogue, The New Yorker, GQ, Glamour,"
        " Vanity Fair, Wired and Ars Technica",
        [
            "vogue.com", "newyorker.com", "gq.com", "glamour.com", "vanityfair.com", "wired.com",
            "arstechnica.com",
        ],
    ),
    (
        "Vox Media",
        "corporate",
        "Vox Media news page (https://www.voxmedia.com/news/, as described at"
        " https://www.bobslost.com/wander/https-www-voxmedia-com-news): the portfolio lists"
        " Curbed, The Cut, The Dodo, Eater, The Verge, Vox and Vulture; Wikipedia (de), 'Vox"
        " Media' (https://www.wikizero.org/wiki/de/Vox_Media): New York magazine and SB"
        " Nation",
        [
            "curbed.com", "thecut.com", "thedodo.com", "eater.com", "theverge.com", "vox.com",
            "vulture.com", "nymag.com", "sbnation.com",
        ],
    ),
    (
        "Future plc",
        "corporate",
        "Wikipedia, 'GamesRadar+' (https://en.wikipedia.org/wiki/GamesRadar%2B): the games"
        " and entertainment site is owned by Future plc; Android Police, 2019: Future owns"
        " TechRadar",
        [
            "gamesradar.com", "techradar.com",
        ],
    ),
    (
        "Dotdash Meredith (People Inc., IAC)",
        "corporate",
        "Houston Chronicle via PressReader, 'Magazine publishing giant sells to Dotdash for"
        " $2.7B'"
        " (http://www.pressreader.com/usa/houston-chronicle/20211008/281908776318781): IAC's"
        " Dotdash bought Meredith, publisher of People, Better Homes & Gardens, InStyle and"
        " Entertainment Weekly, creating Dotdash Meredith (renamed People Inc. in 2025);"
        " inkl / TheStreet"
        " (https://www.inkl.com/news/barry-diller-makes-entertainment-weekly-instyle-online-only):"
        " Investopedia, Verywell, Southern Living, Health and Parents",
        [
            "people.com", "instyle.com", "ew.com", "investopedia.com", "verywellhealth.com",
            "verywellmind.com", "southernliving.com", "parents.com", "health.com",
        ],
    ),
    (
        "Penske Media Corporation",
        "corporate",
        "Los Angeles magazine, 'Citizen Jay: How An Eccentric Racing Heir Became King of"
        " Hollywood Media'"
        " (https://www.lamag.com/culturefiles/citizen-jay-how-eccentric-racing-heir-hollywood-media/):"
        " Jay Penske's company owns Variety, Rolling Stone, Robb Report, WWD and other"
        " titles; The Globe and Mail"
        " (https://arc-dev.theglobeandmail.com/arts/film/article-penske-media-hollywood-oscars):"
        " Deadline, IndieWire and SheKnows",
        [
            "variety.com", "rollingstone.com", "robbreport.com", "deadline.com", "indiewire.com",
            "sheknows.com",
        ],
    ),
    (
        "McClatchy",
        "corporate",
        "Associated Press via San Diego Union-Tribune, 'McClatchy has 30 papers in 14"
        " states, operations continue'"
        " (https://www.sandiegouniontribune.com/news/california/story/2020-02-13/mcclatchy-has-30-papers-in-14-states-operations-continue):"
        " lists McClatchy's dailies, among them the Miami Herald, Kansas City Star,"
        " Sacramento Bee, Charlotte Observer, News & Observer and Fort Worth Star-Telegram",
        [
            "miamiherald.com", "kansascity.com", "sacbee.com", "charlotteobserver.com",
            "newsobserver.com", "star-telegram.com", "fresnobee.com", "modbee.com",
            "idahostatesman.com", "kentucky.com", "thestate.com", "bnd.com", "kansas.com",
            "bradenton.com", "ledger-enquirer.com", "macon.com", "sunherald.com", "heraldsun.com",
            "islandpacket.com", "myrtlebeachonline.com", "heraldonline.com", "centredaily.com",
            "sanluisobispo.com", "mercedsunstar.com",
        ],
    ),
    (
        "Lee Enterprises",
        "corporate",
        "KCUR, 'The Iowa-based owner of 75 hometown newspapers is in pain'"
        " (https://www.kcur.org/2025-10-09/the-iowa-based-owner-of-75-hometown-newspapers-is-in-pain-that-hurts-communities):"
        " the Omaha World-Herald and Lincoln Journal Star are Lee Enterprises dailies"
        " (2025); AJR 2005 (Pulitzer papers to Lee: St. Louis Post-Dispatch, Arizona Daily"
        " Star), Virginia Business 2020 (BH Media papers to Lee: The Buffalo News, The"
        " Roanoke Times)",
        [
            "omaha.com", "journalstar.com", "stltoday.com", "buffalonews.com", "roanoke.com",
            "tucson.com",
        ],
    ),
    (
        "Reach plc",
        "corporate",
        "Wikipedia, 'Reach plc' (excerpt at"
        " https://triviaquestions.online/pages/Reach_plc___Sunday_Mail_(Scotland).html): the"
        " publisher owns the Daily Mirror, Daily Express, Daily Star, Manchester Evening"
        " News, Liverpool Echo, BirminghamLive, Nottingham Post, BelfastLive, WalesOnline"
        " and the Daily Record",
        [
            "mirror.co.uk", "express.co.uk", "dailystar.co.uk", "manchestereveningnews.co.uk",
            "liverpoolecho.co.uk", "birminghammail.co.uk", "nottinghampost.com",
            "belfastlive.co.uk", "walesonline.co.uk", "dailyrecord.co.uk",
        ],
    ),
    (
        "News UK (News Corp)",
        "corporate",
        "Wikipedia, 'News UK' (copy at https://wikimili.com/en/News_UK): a wholly owned"
        " News Corp subsidiary that publishes The Times, The Sunday Times and The Sun",
        [
            "thesun.co.uk", "thetimes.co.uk",
        ],
    ),
    (
        "News Corp Australia (News Corp)",
        "corporate",
        "Grokipedia, 'News Corp Australia'"
        " (https://grokipedia.com/page/News_Corp_Australia): the News Corp subsidiary"
        " publishes The Australian, the Herald Sun, The Daily Telegraph, The Courier-Mail,"
        " The Advertiser and news.com.au",
        [
            "theaustralian.com.au", "heraldsun.com.au", "dailytelegraph.com.au",
            "couriermail.com.au", "adelaidenow.com.au", "news.com.au",
        ],
    ),
    (
        "DMG Media (Daily Mail and General Trust)",
        "corporate",
        "Sky News via news1.nyc, 'Daily Mail owner snaps up New Scientist magazine in £70m"
        " deal'"
        " (https://news1.nyc/daily-mail-owner-snaps-up-world-renowned-new-scientist-magazine-in-70m-deal):"
        " DMGT owns MailOnline, the Mail on Sunday and Metro",
        [
            "dailymail.co.uk", "metro.co.uk",
        ],
    ),
    (
        "The Poynter Institute",
        "non-profit",
        "PolitiFact, 'PolitiFact gains nonprofit status with move to Poynter Institute'"
        " (https://politifact.com/truth-o-meter/article/2018/feb/12/politifact-gains-nonprofit-status-move-poynter-ins):"
        " the non-profit journalism school took direct ownership of PolitiFact in 2018 and"
        " already owns the Tampa Bay Times",
        [
            "politifact.com", "tampabay.com", "poynter.org",
        ],
    ),
    (
        "The Printers (Mysore) Private Limited",
        "corporate",
        "Wikipedia, 'Media in Karnataka'"
        " (https://en.m.wikipedia.org/wiki/Media_in_Karnataka): K.N. Guruswamy founded The"
        " Printers (Mysore) Pvt. Ltd., which publishes Deccan Herald (English) and Prajavani"
        " (Kannada)",
        [
            "deccanherald.com",
        ],
    ),
    (
        "Ziff Davis",
        "corporate",
        "GayGamer, 'IGN Sold To Ziff Davis'"
        " (http://gaygamer.net/2013/02/ign-sold-to-ziff-davis/): Ziff Davis, then a j2"
        " Global subsidiary that owned PCMag.com, bought IGN Entertainment from News Corp in"
        " 2013",
        [
            "ign.com", "pcmag.com",
        ],
    ),
    (
        "BuzzFeed, Inc.",
        "corporate",
        "Wikipedia, 'BuzzFeed' (https://en.wikipedia.org/wiki/BuzzFeed): the New York"
        " digital media company lists HuffPost as a subsidiary",
        [
            "buzzfeed.com", "huffpost.com",
        ],
    ),
    (
        "Fox Corporation",
        "corporate",
        "Ticker News, 'Does Rupert Murdoch Still Own Fox News?'"
        " (https://ticker.tv/news/does-rupert-murdoch-still-own-fox-news/374596/): after"
        " Disney bought most of 21st Century Fox in 2019, the new Fox Corporation kept Fox"
        " News and Fox Business Network",
        [
            "foxnews.com", "foxbusiness.com",
        ],
    ),
    # Added later the same day: broadcasters, Canadian, Indian and European groups.
    (
        "The Walt Disney Company",
        "corporate",
        "Wikipedia, 'ABC Owned Television Stations'"
        " (https://en.wikipedia.org/wiki/ABC_Owned_Television_Stations): a unit of Disney"
        " Entertainment Television, part of the Walt Disney Company, running ABC's eight"
        " owned-and-operated stations (New York, Los Angeles, Chicago, Philadelphia, San"
        " Francisco, Houston, Raleigh-Durham, Fresno); the Capital Cities stations KTRK,"
        " WTVD and KFSN were kept after the merger",
        [
            "abc7.com", "abc7ny.com", "abc7chicago.com", "6abc.com", "abc13.com", "abc11.com",
            "abc30.com",
        ],
    ),
    (
        "Warner Bros. Discovery",
        "corporate",
        "Factually, 'Who currently owns CNN'"
        " (https://factually.co/fact-checks/media/who-owns-cnn-currently-95510b): CNN's"
        " parent is still Warner Bros. Discovery as of late 2025/January 2026; a planned"
        " split would move CNN into the networks company (Discovery Global)",
        [
            "cnn.com", "cnnespanol.cnn.com", "edition.cnn.com",
        ],
    ),
    (
        "Nexstar Media Group",
        "corporate",
        "Wikipedia, 'Nexstar Media Group'"
        " (https://en.wikipedia.org/wiki/Nexstar_Media_Group): the biggest US owner of TV"
        " stations, with NewsNation and The Hill among its divisions; Wikipedia, 'KXAN-TV'"
        " (https://en.wikipedia.org/wiki/KXAN-TV): the Austin NBC station is Nexstar-owned",
        [
            "newsnationnow.com", "kxan.com",
        ],
    ),
    (
        "Advance Local (Advance Publications)",
        "corporate",
        "TruthSI, 'Staten Island Advance/SILive tip of massive Advance empire'"
        " (https://truthsi.com/business/staten-island-advance-silive-tip-of-massive-advance-empire):"
        " Advance Publications' local arm runs NJ.com, Syracuse.com, the Plain Dealer"
        " (Cleveland), AL.com, MLive (including the Grand Rapids Press), the Oregonian, the"
        " Patriot-News (PennLive) and SILive; eatsip365, 'Explaining the ownership of the"
        " MassLive Media Group'"
        " (https://eatsip365.com/explaining-the-ownership-of-the-masslive-media-group):"
        " MassLive belongs to Advance Local, the digital subsidiary of Advance Publications",
        [
            "nj.com", "cleveland.com", "mlive.com", "mlive.com/grand-rapids", "syracuse.com",
            "al.com", "oregonlive.com", "pennlive.com", "silive.com", "masslive.com",
        ],
    ),
    (
        "Cox Enterprises",
        "corporate",
        "Wikipedia, 'The Atlanta Journal-Constitution' (via"
        " https://www.hubbry.com/Atlanta_Journal): the AJC is Cox Enterprises' flagship"
        " paper; it stopped printing at the end of 2025 and went digital-only, and it is no"
        " longer co-owned with WSB-TV, which went to the separate Cox Media Group;"
        " Chattanoogan"
        " (https://www.chattanoogan.com/2025/8/28/507780/Atlanta-Journal-Constitution-To-Go.aspx):"
        " an August 2025 note from the AJC cites its Cox ownership",
        [
            "ajc.com", "myajc.com", "politics.myajc.com",
        ],
    ),
    (
        "Postmedia Network",
        "corporate",
        "Wikipedia, 'Postmedia Network' (https://en.wikipedia.org/wiki/Postmedia_Network):"
        " the Canadian chain formed from Canwest's papers, owner of the National Post and"
        " Financial Post, and buyer of Sun Media's English papers; The Canadian Encyclopedia"
        " (https://www.thecanadianencyclopedia.ca/en/article/postmedia-network-inc): its"
        " dailies include the Montreal Gazette, Ottawa Citizen, Edmonton Journal, Calgary"
        " Herald and Vancouver Sun; SLFP"
        " (https://www.slfp.com/who-owns-canadian-newspapers/): also The Province and the"
        " Sun tabloids",
        [
            "nationalpost.com", "financialpost.com", "business.financialpost.com",
            "calgaryherald.com", "edmontonjournal.com", "ottawacitizen.com", "vancouversun.com",
            "montrealgazette.com", "theprovince.com", "torontosun.com",
        ],
    ),
    (
        "Torstar Corporation",
        "corporate",
        "Grokipedia mirror, 'Torstar'"
        " (https://web-production-4e80b.up.railway.app/page/Torstar): the privately held"
        " publisher of the Toronto Star, taken private by NordStar Capital in 2020, with"
        " Jordan Bitove as sole owner since 2023",
        [
            "thestar.com", "thestar.com/local-east-gwillimbury",
        ],
    ),
    (
        "Bell Media (BCE Inc.)",
        "corporate",
        "Wikipedia, 'Bell Media' (https://en.wikipedia.org/wiki/Bell_Media): BCE's media"
        " subsidiary, operating the CTV networks; Alchetron, 'Bell Media'"
        " (https://alchetron.com/Bell-Media): lists CP24 as a subsidiary",
        [
            "ctvnews.ca", "cp24.com",
        ],
    ),
    (
        "Rogers Sports & Media (Rogers Communications)",
        "corporate",
        "Wikipedia, 'Rogers Sports & Media'"
        " (https://en.wikipedia.org/wiki/Rogers_Sports_%26_Media): the Rogers Communications"
        " subsidiary holding Citytv, Sportsnet and the Rogers Radio stations; it sold its"
        " magazines, Maclean's and Chatelaine among them, to St. Joseph Communications in"
        " 2019",
        [
            "citynews.ca", "calgary.citynews.ca", "edmonton.citynews.ca", "halifax.citynews.ca",
            "kitchener.citynews.ca", "montreal.citynews.ca", "ottawa.citynews.ca",
            "toronto.citynews.ca", "680news.com", "sportsnet.ca",
        ],
    ),
    (
        "Nine Entertainment Co.",
        "corporate",
        "Wikipedia, 'Nine Entertainment'"
        " (https://en.wikipedia.org/wiki/Nine_Entertainment): Nine's holdings include The"
        " Sydney Morning Herald, The Age and The Australian Financial Review, which came"
        " with the 2018 Fairfax merger",
        [
            "afr.com",
        ],
    ),
    (
        "Schibsted Media (Tinius Trust)",
        "corporate",
        "NRK/NTB via feedman (https://feedman.me/posts/zVlsU): in 2025 Schibsted Media,"
        " owned by the Tinius Trust, publishes Aftonbladet and Svenska Dagbladet in Sweden,"
        " along with VG and Aftenposten in Norway",
        [
            "aftonbladet.se",
        ],
    ),
    (
        "Mediahuis",
        "corporate",
        "Wikipedia, 'Mediahuis' (https://en.wikipedia.org/wiki/Mediahuis): the Belgian"
        " group bought Telegraaf Media Groep in 2017 and Independent News & Media (Irish"
        " Independent) in 2019; Media Ownership Monitor Ireland"
        " (https://ireland.mom-gmr.org/en/owner/companies/detail/company/company/show/mediahuis-ltd-2/):"
        " Mediahuis Ireland publishes the Irish Independent",
        [
            "telegraaf.nl", "independent.ie",
        ],
    ),
    (
        "Bennett, Coleman & Co. Ltd. (The Times Group)",
        "corporate",
        "Wikipedia, 'The Times Group' (https://en.wikipedia.org/wiki/The_Times_Group): the"
        " Sahu Jain family's Mumbai conglomerate, which publishes The Times of India and The"
        " Economic Times and runs Times Internet (Indiatimes)",
        [
            "timesofindia.indiatimes.com", "economictimes.indiatimes.com",
        ],
    ),
    (
        "HT Media Ltd.",
        "corporate",
        "Grokipedia mirror, 'HT Media'"
        " (https://web-production-4e80b.up.railway.app/page/HT_Media): a listed New Delhi"
        " company controlled by the Birla family that publishes the Hindustan Times and the"
        " business paper Mint",
        [
            "hindustantimes.com", "livemint.com",
        ],
    ),
    (
        "The Indian Express [P] Limited",
        "corporate",
        "Wikipedia, 'List of news media ownership in India'"
        " (https://en.wikipedia.org/wiki/List_of_news_media_ownership_in_India): the Goenka"
        " family's Express Group publishes The Indian Express and The Financial Express",
        [
            "financialexpress.com",
        ],
    ),
    (
        "Network18 Media & Investments (Reliance Industries)",
        "corporate",
        "Wikipedia, 'Network18 Group' (https://en.wikipedia.org/wiki/Network18_Group): a"
        " media holding company controlled by Reliance Industries that owns News18,"
        " Firstpost and Moneycontrol",
        [
            "news18.com",
        ],
    ),
    (
        "Axel Springer SE",
        "corporate",
        "Wikipedia, 'Axel Springer SE' (https://en.wikipedia.org/wiki/Axel_Springer_SE):"
        " the Berlin publisher of Bild and Die Welt, which bought Politico (including"
        " Politico Europe) in 2021; Fortune"
        " (https://fortune.com/2021/08/27/politico-acquisition-axel-springer-dominate-digital-publishing-democratic-world):"
        " it also owns Insider",
        [
            "politico.com", "politico.eu", "bild.de", "welt.de",
        ],
    ),
    (
        "Bustle Digital Group",
        "corporate",
        "Wikipedia, 'Bustle' (https://www.wikiwand.com/en/Bustle_Digital_Group): Bustle,"
        " with its sister site Romper, belongs to Bustle Digital Group; Variety via"
        " entertainmentnewsboom"
        " (https://entertainmentnewsboom.com/2018/11/29/bustle-digital-group-acquires-mic-following-mics-massive-layoff):"
        " BDG's titles include Elite Daily, and it bought Mic",
        [
            "bustle.com", "romper.com", "elitedaily.com", "mic.com",
        ],
    ),
]  # fmt: skip


def add_curated_owners(drafts: list[Draft]) -> int:
    """Owner and ownership from `CURATED_OWNERS` where the sets gave no owner."""
    by_domain = {domain: draft for draft in drafts for domain in draft.domains}
    added = 0
    for owner, ownership, source, domains in CURATED_OWNERS:
        for domain in domains:
            draft = by_domain.get(domain)
            if draft is None:
                print(f"owners: {domain} is not in the sets", file=sys.stderr)
            elif "owner" not in draft.fields:
                draft.set_field("owner", owner, source)
                draft.set_field("ownership", ownership, source)
                added += 1
    return added


def add_curated_aliases(drafts: list[Draft]) -> int:
    by_domain = {domain: draft for draft in drafts for domain in draft.domains}
    added = 0
    for domain, aliases in CURATED_ALIASES.items():
        draft = by_domain.get(domain)
        if draft is None:
            print(f"curated aliases: {domain} is not in the sets", file=sys.stderr)
            continue
        for alias in aliases:
            if alias not in draft.names:
                draft.add_name(alias)
                added += 1
    return added


# output -------------------------------------------------------------------------------


def assign_ids(drafts: list[Draft]) -> None:
    taken: set[str] = set()
    ordered = sorted(
        drafts,
        key=lambda d: (
            d.parent is not None,
            [-x for x in d.prominence()],
            d.names[:1],
            d.domains[:1],
        ),
    )
    for draft in ordered:
        if draft.parent is not None:
            base = draft.parent.id + "-opinion"
        elif draft.names:
            base = scales.slug(draft.names[0])
        else:
            base = scales.slug(draft.domains[0])
        candidate = base or "outlet"
        if candidate in taken and draft.domains:
            candidate = f"{base}-{scales.slug(draft.domains[0])}"
        number = 2
        while candidate in taken:
            candidate, number = f"{base}-{number}", number + 1
        taken.add(candidate)
        draft.id = candidate


def moved_ids(previous_path: Path, drafts: list[Draft]) -> dict[str, str]:
    """Old id -> new id for the outlets of the previous build that this one merged
    into another (the new outlet holds one of its domains), and the earlier builds'
    merges, followed to today's ids: what stored articles refer to keeps resolving."""
    if not previous_path.exists():
        return {}
    with gzip.open(previous_path, "rt", encoding="utf-8") as handle:
        previous = json.load(handle)
    ids = {draft.id for draft in drafts}
    holder = {domain: draft.id for draft in drafts for domain in draft.domains}
    moved: dict[str, str] = dict(previous.get("moved", {}))
    for record in previous["outlets"]:
        if record["id"] not in ids:
            targets = [holder[d] for d in record.get("domains", []) if d in holder]
            if targets:
                moved[record["id"]] = targets[0]
    for old in list(moved):
        target, seen = moved[old], {old}
        while target not in ids and target in moved and target not in seen:
            seen.add(target)
            target = moved[target]
        if old in ids or target not in ids:
            del moved[old]  # the id is in use again, or its outlet is gone
        else:
            moved[old] = target
    return dict(sorted(moved.items()))


def to_record(draft: Draft) -> dict[str, Any]:
    name = draft.names[0] if draft.names else draft.domains[0]
    record: dict[str, Any] = {"id": draft.id, "name": name}
    if draft.names[1:]:
        record["aliases"] = draft.names[1:]
    if draft.domains:
        record["domains"] = draft.domains
    for key in ("country", "media_type", "owner", "ownership"):
        if key in draft.fields:
            record[key] = draft.fields[key]
    if draft.parent is not None:
        record["parent"] = draft.parent.id
    if draft.traffic:
        record["traffic"] = draft.traffic
    provenance = {k: v for k, v in draft.provenance.items() if k != "typology"}
    if provenance.get("ownership") == "kagi" and "typology" in draft.fields:
        provenance["ownership"] = f"kagi:typology '{draft.fields['typology']}'"
    if provenance:
        record["from"] = provenance
    record["ratings"] = draft.ratings
    return record


PROVENANCE = """# Provenance of the bundled outlet registry

`registry.json.gz` is derived from the public rating sets below (copies kept in the
project's shared reference data, `../shared/data/ratings/`). Every rater's value is
kept per outlet with a link to its source row or page; the values newsprism shows
(lean, factuality, reliability) are computed from them when the registry is loaded
(rule: `src/newsprism/outlets/registry.py`, module docstring).

Built {date} with `{command}`: {outlets} outlets, {domains} domains.

| set | source (repository / path) | licence | what was taken |
|---|---|---|---|
| Media Bias/Fact Check ratings ({mbfc} rows) | mbzuai-nlp/llm-media-profiling `data/mbfc_labels/mbfc_ratings_cleaned.csv` (ratings by mediabiasfactcheck.com) | CC BY-NC 4.0 | name, domain, bias rating (lean), factual reporting, country, media type, traffic, MBFC page link |
| AllSides media bias ratings 2019 ({allsides} rows) | favstats/AllSideR `data/allsides_data.csv` (ratings by allsides.com) | repository GPL-3.0; AllSides ratings CC BY-NC 4.0 | name, rating (lean), type, AllSides page link; matched to domains by name |
| Lin et al. 2023 domain quality ratings ({lin2023} rows) | hauselin/domain-quality-ratings `data/domain_ratings.csv` (Lin et al. 2023, PNAS Nexus 2(9), pgad286) | "feel free to reuse the data" (authors) | domain, aggregate quality `pc1` (reliability) |
| Baly et al. 2018 ({baly2018} rows) | ramybaly/News-Media-Reliability, 2018 corpus (Baly, R. et al., EMNLP 2018); shared copy `baly2018_corpus.tsv` | none stated | domain, MBFC factuality and bias labels, MBFC page link |
| Baly et al. 2020 ({baly2020} rows) | ramybaly/News-Media-Reliability, 2020 corpus (Baly, R. et al., ACL 2020); shared copy `baly2020_corpus.tsv` | none stated | domain, MBFC factuality and 3-class bias, MBFC page link |
| Kagi media data ({kagi} organisations) | kagisearch/kite-public `media_data.json` (first sourced from State Media Monitor) | MIT | organisation name, domains, country, owner (shortened to its first sentence), typology mapped to an ownership category |

Ownership categories from Kagi typologies: Private Media, Private Enterprise, Print
Media -> corporate; State Funded Media, State Media / Digital -> state-funded; Public
Media, Public Broadcaster, public agency -> public-broadcaster; Independent Media,
Private Independent Media -> independent; Non-Profit -> non-profit. The Kagi typology
itself is kept in the provenance of the ownership value.

Row counts are the rows used (a row without a usable domain is skipped). Where sets
disagree on a field, the first source in this order gives it: MBFC, Kagi, Baly 2020,
Baly 2018, Lin et al. (country: Kagi before MBFC). Ratings are never merged: each
rater's row stays its own rating, and the combined lean, factuality and reliability
are derived when the registry loads.

Records are joined into one outlet when they share a domain; a nameless subdomain
record (Lin et al.'s "edition.cnn.com"), or a subdomain or path record carrying only
names of the outlet of its parent domain (Kagi's "feeds.washingtonpost.com", MBFC's
"faz.net/aktuell"), joins that outlet; a nameless path record (facebook.com/somepage)
stays its own, and so does a subdomain that a rating set rates on a page of its own,
another than its parent's (Baly et al.'s timesofindia.indiatimes.com and
economictimes.indiatimes.com are the Times of India and The Economic Times, not MBFC's
"India Times"; a blog on wordpress.com is not WordPress). Kagi splits an organisation's domains by brand, one outlet each, except
that the domains of its own brand, its name run together or its initials, are one
(ap.org and apnews.com). Two sites that the sets list apart but are one outlet's are
joined by hand (`CURATED_SAME_OUTLET` in `scripts/build_registry.py`: chron.com with the
Houston Chronicle, newarab.com with The New Arab), each with the public page that says so,
kept as the source of that domain (written without network access to read the pages
again: check them). An outlet id that a rebuild merges into another is kept in the file's
`moved` table (old id -> new id), so that articles stored earlier keep their outlet.

A small list of well-known aliases ("WSJ", "NYT", "AP", ...) is written by hand in
`scripts/build_registry.py` (`CURATED_ALIASES`).

State ownership of international state media that the sets leave without an owner
(Xinhua, CGTN, China Daily, Sputnik, Press TV; since 2026-12-07 also Sputnik's
regional editions, Global Times, CCTV, RIA Novosti, KCNA, Granma, teleSUR, and NHK and
CBC as public broadcasters; for Sputnik's editions and teleSUR also the owner's country,
which the sets leave out) is written by hand in `scripts/build_registry.py`
(`CURATED_STATE_MEDIA`, `SPUTNIK_EDITIONS`, `CURATED_COUNTRY`), each value with the public page that
states it (Wikipedia articles and State Media Monitor profiles; the first five read
2026-12-05, the 2026-12-07 additions written without network access to read the pages
again: check them before relying on a value), which the registry keeps as that value's
source. Kagi's values are kept
where Kagi has the outlet (RT, TASS, Al Jazeera, TRT World, Anadolu).

Owners of news and magazine groups that the sets leave without one (40 groups: US
newspaper, magazine and broadcast groups such as Gannett, Hearst, MediaNews Group, Dow
Jones, NBCUniversal, Disney's ABC stations, Condé Nast, McClatchy, Lee, Advance Local;
Reach, News UK and DMG Media in Britain; Postmedia, Torstar, Bell Media and Rogers in
Canada; the Times Group, HT Media and Network18 in India; Axel Springer, Mediahuis,
Schibsted; The Poynter Institute; 214 domains, 196 outlets without an owner in the sets)
are written by hand in `scripts/build_registry.py` (`CURATED_OWNERS`), each group with
the public pages that state what it owns, kept as the source of the owner and ownership
values. They were read on 2026-12-07 and 2026-12-08 through a search of stored copies of
public pages (Wikipedia articles, often through mirrors, and press reports, some from
before 2025), not on the live web: check them before relying on a value. An outlet whose
2025 owner no page confirmed was left out (docs/choices.md, "Owners of news groups",
says which and why). Kagi's values are kept where Kagi has the outlet.

The non-commercial licences of MBFC and AllSides ratings apply to this file: keep this
notice with it, and check those terms before any commercial use.
"""  # noqa: E501


def main() -> None:
    default_data = Path(os.environ.get("NEWSPRISM_SHARED_DATA") or REPO.parent / "shared" / "data")
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=default_data)
    parser.add_argument("--out", type=Path, default=REPO / "src" / "newsprism" / "outlets" / "data")
    args = parser.parse_args()
    ratings = args.data / "ratings"

    mbfc = read_mbfc(ratings / "mbfc_ratings.csv")
    baly2020 = read_baly(ratings / "baly2020_corpus.tsv", "baly2020", BALY_2020_LEAN)
    baly2018 = read_baly(ratings / "baly2018_corpus.tsv", "baly2018", BALY_2018_LEAN)
    lin = read_lin(ratings / "lin2023_domain_ratings.csv")
    kagi = read_kagi(ratings / "kagi_media_data.json")
    drafts = join_curated(merge(mbfc + kagi + baly2020 + baly2018 + lin))
    owners = add_curated_owners(drafts)  # before AllSides: opinion sections inherit them
    stats = add_allsides(drafts, ratings / "allsides_2019.csv")
    with (ratings / "allsides_2019.csv").open(encoding="utf-8") as handle:
        allsides_rows = sum(1 for _ in csv.DictReader(handle))
    aliases = add_curated_aliases(drafts)
    state_media = add_state_media(drafts)
    assign_ids(drafts)
    drafts.sort(key=lambda d: d.id)
    outlets = [to_record(d) for d in drafts]
    domains = {domain for d in drafts for domain in d.domains}
    date = dt.date.today().isoformat()
    counts = {
        "mbfc": len(mbfc),
        "allsides": allsides_rows,
        "lin2023": len(lin),
        "baly2018": len(baly2018),
        "baly2020": len(baly2020),
        "kagi": len(json.loads((ratings / "kagi_media_data.json").read_text())),
    }
    moved = moved_ids(args.out / "registry.json.gz", drafts)
    document = {"format": 1, "built": date, "sets": counts, "outlets": outlets, "moved": moved}
    args.out.mkdir(parents=True, exist_ok=True)
    payload = json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    with gzip.GzipFile(args.out / "registry.json.gz", "wb", compresslevel=9, mtime=0) as handle:
        handle.write(payload)
    (args.out / "PROVENANCE.md").write_text(
        PROVENANCE.format(
            date=date,
            command="python scripts/build_registry.py",
            outlets=len(outlets),
            domains=len(domains),
            **counts,
        ),
        encoding="utf-8",
    )
    print(f"{len(outlets)} outlets, {len(domains)} domains; AllSides: {stats}")
    print(f"curated aliases added: {aliases}; state media owners added: {state_media}")
    print(f"group owners added: {owners}")


if __name__ == "__main__":
    main()
