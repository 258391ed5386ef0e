"""Real pages and browser text captures: body, headline, date, author and outlet.

    nice -n 10 .venv/bin/python benchmarks/extraction_wcxb.py [--with-url] [--worst N]

Reads ../shared/data/extraction/wcxb_dev (WCXB v1.0 dev split, CC BY 4.0: 793 article
pages crawled in 2025, `html/ID.html.gz`, `ground-truth/ID.json`, `captures/ID.txt`)
and ../shared/data/extraction/aeb/captures (the AEB pages as text captures); override
the data root with NEWSPRISM_SHARED_DATA. Nothing is copied into the repository.

Measured in one run:
- HTML: newsprism's `extract_document` and, as the peer, the installed trafilatura
  (`bare_extraction(with_metadata=True)`), both given the page without its URL (a saved
  file) unless `--with-url`. Body: word-level F1 as WCXB's `evaluate.py` computes it
  (lower-cased `\\w+` tokens as multisets, per-page P/R/F1, mean over pages).
- Text captures (`document.body.innerText` of the page, no URL): body F1, headline,
  date, share of the gold `without` (chrome) snippets removed, mojibake; and the same
  capture re-encoded as UTF-8 with BOM, UTF-16 (with and without BOM), cp1252 and with
  CRLF line ends must give the same article; the captures hard-wrapped at 72 columns
  (as mail clients and text-mode browsers write pages) are scored too, without a bar,
  and so is each page's article copied alone (gold title, then gold text).
- AEB captures with the URL withheld: the outlet found from the text must be the
  registry entry of the page's domain (pages whose domain is in the registry). Captures
  of both sets left without a registry outlet keep the name they print; how many of
  those names agree with the page's domain is reported (no bar).
- AEB captures (news pages) against what each page's HTML declares (JSON-LD headline
  and datePublished, og:title, article:published_time): how often the capture's
  headline and date agree with them (no gold, no bar), and the date again with an
  estimated time of capture (the day after the set's latest declared date).

Headline: normalised words equal, or one contains the other and the shorter has at
least 70% of the longer's characters. Date: YYYY-MM-DD equal, over pages with a gold
date. Author: the first name of the gold author field (split on ",", "&", "and") has
the same words as a found author, or one contains the other; "wrong" is the share of
pages with a gold author that were given authors none of which is the gold's.

Bars (issue 10): HTML body F1 >= peer + 0.01, headline >= 0.90, date >= 0.92, author
>= 0.85; captures body F1 >= 0.93, headline >= 0.85, date >= 0.80, without removed >=
0.95, no mojibake; AEB capture outlets >= 0.80. Exits 1 when a bar is missed.
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import json
import re
import statistics
import sys
import textwrap
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(1, str(Path(__file__).resolve().parents[1] / "src"))  # when not pip-installed

from extraction_aeb import shared_data

_TOKEN = re.compile(r"\w+")


# --- data ------------------------------------------------------------------------------


@dataclass
class Page:
    id: str
    url: str
    html: bytes
    capture: bytes
    title: str
    author: str
    date: str
    body: str
    without: list[str] = field(default_factory=list)
    with_: list[str] = field(default_factory=list)


def wcxb_dir() -> Path:
    return shared_data() / "extraction" / "wcxb_dev"


def load_wcxb(limit: int = 0) -> list[Page]:
    root = wcxb_dir()
    pages = []
    for path in sorted((root / "ground-truth").glob("*.json")):
        record = json.loads(path.read_text(encoding="utf-8"))
        gold = record.get("ground_truth") or {}
        page_id = path.stem
        with gzip.open(root / "html" / f"{page_id}.html.gz", "rb") as f:
            html = f.read()
        capture = (root / "captures" / f"{page_id}.txt").read_bytes()
        pages.append(
            Page(
                id=page_id,
                url=record.get("url", ""),
                html=html,
                capture=capture,
                title=gold.get("title") or "",
                author=gold.get("author") or "",
                date=(gold.get("publish_date") or "")[:10],
                body=gold.get("main_content") or "",
                without=list(gold.get("without") or []),
                with_=list(gold.get("with") or []),
            )
        )
        if limit and len(pages) >= limit:
            break
    return pages


def load_aeb_captures() -> list[tuple[str, str, bytes]]:
    root = shared_data() / "extraction" / "aeb"
    truth = json.loads((root / "ground-truth.json").read_text(encoding="utf-8"))
    found = []
    for page_id in sorted(truth):
        path = root / "captures" / f"{page_id}.txt"
        if path.exists():
            found.append((page_id, truth[page_id].get("url", ""), path.read_bytes()))
    return found


# --- metrics ---------------------------------------------------------------------------


def tokens(text: str | None) -> list[str]:
    return _TOKEN.findall((text or "").lower())


def word_f1(predicted: str, reference: str) -> tuple[float, float, float]:
    """(precision, recall, F1) as WCXB's evaluate.py computes them."""
    pred, ref = tokens(predicted), tokens(reference)
    if not ref:
        return (1.0, 1.0, 1.0) if not pred else (0.0, 0.0, 0.0)
    if not pred:
        return (0.0, 0.0, 0.0)
    overlap = sum((Counter(pred) & Counter(ref)).values())
    p, r = overlap / len(pred), overlap / len(ref)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def snippet_rate(text: str, snippets: list[str]) -> float:
    if not snippets:
        return 1.0
    lowered = text.lower()
    return sum(1 for s in snippets if s.lower() in lowered) / len(snippets)


def same_headline(found: str | None, gold: str) -> bool:
    a, b = " ".join(tokens(found)), " ".join(tokens(gold))
    if not a or not b:
        return False
    if a == b:
        return True
    short, long_ = sorted((a, b), key=len)
    return f" {short} " in f" {long_} " and len(short) >= 0.7 * len(long_)


_NAME_SPLIT = re.compile(r"\s*(?:,|&|;|\band\b)\s*", re.I)


def gold_names(author: str) -> list[str]:
    """Person names of a gold author field; credentials after a comma are dropped."""
    parts = [p for p in _NAME_SPLIT.split(author) if p.strip()]
    return [p for p in parts if len(tokens(p)) >= 1 and not re.fullmatch(r"[A-Z.\-\d ]{1,8}", p)]


def same_author(found: list[str], gold: str) -> bool:
    """The gold's first (lead) author is among the found ones."""
    names = gold_names(gold)
    if not names or not found:
        return False
    key = " ".join(tokens(names[0]))
    keys = [" ".join(tokens(a)) for a in found]
    return any(k and (k == key or f" {k} " in f" {key} " or f" {key} " in f" {k} ") for k in keys)


def iso_day(value: Any) -> str:
    if value is None:
        return ""
    if hasattr(value, "isoformat"):
        return str(value.isoformat())[:10]
    return str(value)[:10]


# UTF-8 lead bytes read as cp1252 ("Ã©", "â€™") followed by a continuation byte.
_MOJIBAKE = re.compile(
    "[ÃÂâÅ][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013-\u2122]"
)


def mojibake(output: str, source: str) -> bool:
    """Output holds characters the UTF-8 source never had (a wrong decoding)."""
    if "\ufffd" in output and "\ufffd" not in source:
        return True
    return bool(_MOJIBAKE.search(output)) and not _MOJIBAKE.search(source)


# --- runs ------------------------------------------------------------------------------


@dataclass
class Found:
    title: str = ""
    text: str = ""
    date: str = ""
    authors: list[str] = field(default_factory=list)
    outlet: str | None = None


@dataclass
class Report:
    name: str
    f1: float
    precision: float
    recall: float
    headline: float
    date: float
    author: float
    author_wrong: float  # pages with a gold author given someone else (precision's side)
    with_rate: float
    without_removed: float
    pages_per_s: float


def report(name: str, pages: list[Page], found: list[Found], seconds: float) -> Report:
    pairs = list(zip(pages, found, strict=True))
    scores = [word_f1(f.text, p.body) for p, f in pairs]
    dated = [(p, f) for p, f in pairs if p.date]
    authored = [(p, f) for p, f in pairs if p.author]
    return Report(
        name=name,
        f1=statistics.mean(s[2] for s in scores),
        precision=statistics.mean(s[0] for s in scores),
        recall=statistics.mean(s[1] for s in scores),
        headline=statistics.mean(same_headline(f.title, p.title) for p, f in pairs),
        date=statistics.mean(bool(f.date) and f.date[: len(p.date)] == p.date for p, f in dated)
        if dated
        else 0.0,
        author=statistics.mean(same_author(f.authors, p.author) for p, f in authored)
        if authored
        else 0.0,
        author_wrong=statistics.mean(
            bool(f.authors) and not same_author(f.authors, p.author) for p, f in authored
        )
        if authored
        else 0.0,
        with_rate=statistics.mean(snippet_rate(f.text, p.with_) for p, f in pairs),
        without_removed=1
        - statistics.mean(snippet_rate(f.text, p.without) for p, f in pairs if p.without),
        pages_per_s=len(pages) / seconds if seconds else 0.0,
    )


def print_report(r: Report) -> None:
    print(
        f"{r.name:<28} F1={r.f1:.4f} P={r.precision:.4f} R={r.recall:.4f} "
        f"headline={r.headline:.3f} date={r.date:.3f} author={r.author:.3f} "
        f"(wrong {r.author_wrong:.3f}) "
        f"with={r.with_rate:.3f} without-removed={r.without_removed:.3f} "
        f"{r.pages_per_s:.1f} pages/s"
    )


def timed(pages: list[Page], run: Callable[[Page], Found]) -> tuple[list[Found], float]:
    started = time.perf_counter()
    found = [run(p) for p in pages]
    return found, time.perf_counter() - started


def run_peer(page: Page, with_url: bool) -> Found:
    import trafilatura

    try:
        doc = trafilatura.bare_extraction(
            page.html,
            url=page.url if with_url else None,
            with_metadata=True,
        )
    except Exception:  # the peer fails on some pages; that is its score
        return Found()
    if doc is None:
        return Found()
    author = getattr(doc, "author", None) or ""
    return Found(
        title=getattr(doc, "title", None) or "",
        text=getattr(doc, "text", None) or "",
        date=iso_day(getattr(doc, "date", None)),
        authors=[a.strip() for a in re.split(r";|\band\b|&", author) if a.strip()],
    )


def _article(content: bytes, kind: str, url: str | None) -> Found:
    from newsprism.extract import ExtractionError, extract_document
    from newsprism.models import RawDocument

    try:
        article = extract_document(RawDocument(source="bench", content=content, kind=kind, url=url))
    except ExtractionError:
        return Found()
    return Found(
        title=article.title,
        text=article.text,
        date=iso_day(article.published),
        authors=list(article.authors),
        outlet=article.outlet,
    )


def run_html(page: Page, with_url: bool) -> Found:
    return _article(page.html, "html", page.url if with_url else None)


def run_capture(page: Page) -> Found:
    return _article(page.capture, "text", None)


# --- encodings and outlets ----------------------------------------------------------------


def encoding_check(pages: list[Page], found: list[Found]) -> tuple[int, int, int]:
    """(mojibake pages, re-encoded variants tried, variants giving another article)."""
    bad = sum(
        mojibake(f.title + "\n" + f.text, p.capture.decode("utf-8"))
        for p, f in zip(pages, found, strict=True)
    )
    tried = differ = 0
    for page, first in zip(pages, found, strict=True):
        text = page.capture.decode("utf-8")
        variants = [
            b"\xef\xbb\xbf" + page.capture,
            text.encode("utf-16"),
            text.encode("utf-16-le"),  # without a BOM
            text.replace("\n", "\r\n").encode("utf-8"),  # a Windows clipboard's line ends
        ]
        with contextlib.suppress(UnicodeEncodeError):  # text cp1252 cannot hold
            variants.append(text.encode("cp1252"))
        for content in variants:
            tried += 1
            again = _article(content, "text", None)
            differ += (again.title, again.text) != (first.title, first.text)
    return bad, tried, differ


WRAP_WIDTH = 72  # as mail clients wrap; lynx and w3m dumps use 79-80 columns


def hard_wrapped(capture: bytes) -> bytes:
    """The capture as a program that wraps text at a fixed width writes it."""
    lines = capture.decode("utf-8").split("\n")
    wrapped = ["\n".join(textwrap.wrap(line, WRAP_WIDTH)) if line.strip() else "" for line in lines]
    return "\n".join(wrapped).encode("utf-8")


def wrapped_check(pages: list[Page]) -> Report:
    """Captures hard-wrapped at WRAP_WIDTH columns (no bar: unwrapping should give back
    nearly the figures of the captures themselves)."""
    found, seconds = timed(pages, lambda p: _article(hard_wrapped(p.capture), "text", None))
    return report(f"captures wrapped at {WRAP_WIDTH} columns", pages, found, seconds)


def article_alone_check(pages: list[Page]) -> Report:
    """Each page's article copied alone, as a reader selects it from the headline down:
    the gold title, then the gold text (no bar; pages with both)."""
    pages = [p for p in pages if p.title and p.body]
    found, seconds = timed(pages, lambda p: _article(f"{p.title}\n{p.body}".encode(), "text", None))
    return report("articles copied alone", pages, found, seconds)


@dataclass
class OutletCheck:
    pages: int
    known: int  # pages whose domain is in the registry
    right: int  # of those, resolved to that entry
    wrong_rated: int  # pages given a registry outlet other than their domain's
    misses: list[str]
    origins: Counter[str]  # outlets the captures credit as their story's origin
    unrated_named: int = 0  # pages left without a registry outlet that were given a name
    unrated_domain: int = 0  # of those, names that agree with the page's domain


def name_fits_domain(name: str, url: str) -> bool:
    """Whether an outlet name agrees with the page's domain: one contains the other once
    both are squashed ("Move.org" and move.org, "moveBuddha" and movebuddha.com), or
    the name's initials are the domain's label ("Center for Internet Security", cis)."""
    from newsprism.extract.domains import registrable_domain

    label = re.sub(r"[^a-z0-9]", "", (registrable_domain(url) or "").split(".")[0].lower())
    squashed = re.sub(r"[^a-z0-9]", "", name.lower())
    if not label or not squashed:
        return False
    if squashed in label or label in squashed:
        return True
    initials = "".join(w[0] for w in re.findall(r"[A-Za-z0-9]+", name)).lower()
    return len(initials) >= 2 and label.startswith(initials)


def outlet_check(pages: list[tuple[str, str, bytes]] | None = None) -> OutletCheck:
    """Outlets resolved from (id, URL, capture) triples with the URL withheld, by
    default the AEB captures."""
    from newsprism.extract import ExtractionError, extract_document
    from newsprism.extract.outlet import OutletResolver
    from newsprism.models import RawDocument

    resolver = OutletResolver.default()
    pages = load_aeb_captures() if pages is None else pages
    check = OutletCheck(len(pages), 0, 0, 0, [], Counter())
    for page_id, url, content in pages:
        expected = resolver.registry.lookup_address(url) if url else None
        raw = RawDocument(source=page_id, content=content, kind="text")
        try:
            article = extract_document(raw)
        except ExtractionError:
            article = None
        got = None
        if article is not None:
            article.outlet = got = resolver.resolve(article, raw)
            check.origins.update([resolver.original(article, raw) or ""])
            own = expected.id if expected is not None else None
            rated = resolver.registry.get(got or "") is not None
            check.wrong_rated += rated and got != own
            if got and not rated:  # the name shown for an outlet the registry lacks
                check.unrated_named += 1
                check.unrated_domain += name_fits_domain(got, url)
        if expected is None:
            continue
        check.known += 1
        if got == expected.id:
            check.right += 1
        else:
            check.misses.append(f"{expected.id}: {got or 'nothing extracted'}")
    del check.origins[""]
    return check


def _counted(counts: Counter[str]) -> str:
    return ", ".join(f"{name} {n}" for name, n in counts.most_common()) or "none"


@dataclass
class Declared:
    """What a page declares in its metadata, read without newsprism's extractor."""

    titles: list[str] = field(default_factory=list)
    day: str = ""
    authors: list[str] = field(default_factory=list)


def declared(html: bytes) -> Declared:
    """Headlines, publication day and authors a page declares in its metadata: JSON-LD
    `headline`, `datePublished` and `author` names, `og:title`,
    `article:published_time`, `<meta name="author">`. Read here, not through
    newsprism's extractor, so that it is a reference the extractor does not shape."""
    import lxml.html

    from newsprism.extract.dates import parse_iso_datetime
    from newsprism.extract.html import decode_html

    text = re.sub(r"^\s*<\?xml[^>]*>", "", decode_html(html))
    try:
        tree = lxml.html.fromstring(text)
    except (ValueError, lxml.etree.ParserError):
        return Declared()
    found = Declared()
    days: list[str] = []

    def walk(node: Any) -> None:
        if isinstance(node, list):
            for item in node:
                walk(item)
        elif isinstance(node, dict):
            if isinstance(node.get("headline"), str):
                found.titles.append(node["headline"])
            if isinstance(node.get("datePublished"), str):
                days.append(iso_day(parse_iso_datetime(node["datePublished"])))
            author = node.get("author")
            for item in author if isinstance(author, list) else [author]:
                name = item.get("name") if isinstance(item, dict) else item
                if isinstance(name, str) and name.strip():
                    found.authors.append(name.strip())
            for child in node.values():
                walk(child)

    for script in tree.xpath("//script[@type='application/ld+json']/text()"):
        with contextlib.suppress(ValueError, RecursionError):
            walk(json.loads(str(script)))
    found.titles += [str(t) for t in tree.xpath("//meta[@property='og:title']/@content")]
    found.titles = [t for t in found.titles if t.strip()]
    for value in tree.xpath("//meta[@property='article:published_time']/@content"):
        days.append(iso_day(parse_iso_datetime(str(value))))
    found.day = next((d for d in days if d), "")
    found.authors += [str(a).strip() for a in tree.xpath("//meta[@name='author']/@content")]
    found.authors = [a for a in found.authors if a]
    return found


def _near_day(found: str, day: str) -> bool:
    """Same day, or one apart: a page prints its local day, its metadata often UTC's."""
    from datetime import date

    with contextlib.suppress(ValueError):
        return abs((date.fromisoformat(found[:10]) - date.fromisoformat(day)).days) <= 1
    return False


@dataclass
class DeclaredCheck:
    titled: int = 0  # pages declaring a headline
    title_right: int = 0  # captures whose headline agrees
    dated: int = 0  # pages declaring a publication day
    date_right: int = 0  # captures dated that day or one apart
    timed_right: int = 0  # the same, given the estimated time of capture
    authored: int = 0  # pages declaring an author
    author_right: int = 0  # captures giving one of the declared authors
    author_other: int = 0  # captures giving authors, none of them declared


def declared_check() -> DeclaredCheck:
    """AEB news captures (URL withheld) against what each page's HTML declares. No gold,
    no bar: a declared headline may differ from the printed one (an SEO title), a
    declared author may be the site or a desk where the page prints a person, yet it
    shows how the capture path does on news sites, which the WCXB pages mostly are not.
    The captures carry no time of capture; it is estimated as the day after the latest
    declared date of the set (the crawl cannot be earlier), the time that dates stamps
    without a year ("22 hours ago", "Nov 18")."""
    from datetime import UTC, datetime, timedelta

    from newsprism.extract import ExtractionError, extract_document
    from newsprism.models import RawDocument

    root = shared_data() / "extraction" / "aeb"
    pages = []
    for page_id, _, capture in load_aeb_captures():
        with gzip.open(root / "html" / f"{page_id}.html.gz", "rb") as f:
            pages.append((capture, declared(f.read())))
    latest = max(meta.day for _, meta in pages if meta.day)
    crawled = datetime.fromisoformat(latest).replace(tzinfo=UTC) + timedelta(days=1)
    check = DeclaredCheck()
    for capture, meta in pages:
        found = _article(capture, "text", None)
        if meta.titles:
            check.titled += 1
            check.title_right += any(same_headline(found.title, t) for t in meta.titles)
        if meta.authors:
            check.authored += 1
            right = any(same_author(found.authors, a) for a in meta.authors)
            check.author_right += right
            check.author_other += bool(found.authors) and not right
        if meta.day:
            check.dated += 1
            check.date_right += _near_day(found.date, meta.day)
            raw = RawDocument(source="bench", content=capture, kind="text", fetched_at=crawled)
            with contextlib.suppress(ExtractionError):
                check.timed_right += _near_day(iso_day(extract_document(raw).published), meta.day)
    return check


# --- main ------------------------------------------------------------------------------

BARS = {
    "html_f1_margin": 0.01,
    "html_headline": 0.90,
    "html_date": 0.92,
    "html_author": 0.85,
    "capture_f1": 0.93,
    "capture_headline": 0.85,
    "capture_date": 0.80,
    "capture_without_removed": 0.95,
    "aeb_outlet": 0.80,
}


def _worst(pages: list[Page], found: list[Found], n: int, label: str) -> None:
    rows = sorted(
        ((word_f1(f.text, p.body)[2], p, f) for p, f in zip(pages, found, strict=True)),
        key=lambda r: r[0],
    )
    print(f"worst {label}:")
    for f1, page, f in rows[:n]:
        print(f"  {f1:.3f} {page.id} {page.url[:70]}  title={f.title[:50]!r}")


def main() -> None:
    parser = argparse.ArgumentParser(description="newsprism on WCXB dev pages and captures")
    parser.add_argument("--with-url", action="store_true", help="give extractors the page URL")
    parser.add_argument("--limit", type=int, default=0, help="first N pages only")
    parser.add_argument("--worst", type=int, default=0, help="list the N worst pages")
    parser.add_argument("--dump", type=Path, help="write per-page findings (JSONL) here")
    parser.add_argument("--quick", action="store_true", help="HTML and captures only (no bars)")
    args = parser.parse_args()

    import trafilatura

    pages = load_wcxb(args.limit)
    given = "given" if args.with_url else "withheld"
    print(f"WCXB dev: {len(pages)} pages from {wcxb_dir()} (URL {given})")
    peer_found, peer_s = timed(pages, lambda p: run_peer(p, args.with_url))
    peer = report(f"trafilatura {trafilatura.__version__} (HTML)", pages, peer_found, peer_s)
    html_found, html_s = timed(pages, lambda p: run_html(p, args.with_url))
    html = report("newsprism HTML", pages, html_found, html_s)
    cap_found, cap_s = timed(pages, run_capture)
    cap = report("newsprism text captures", pages, cap_found, cap_s)
    for r in (peer, html, cap):
        print_report(r)
    if args.quick:
        return
    bad, tried, differ = encoding_check(pages, cap_found)
    print(f"captures: mojibake on {bad} pages; re-encoded (BOM, UTF-16 with and without BOM, "
          f"cp1252, CRLF): {differ}/{tried} gave another article")  # fmt: skip
    print_report(wrapped_check(pages))
    print_report(article_alone_check(pages))
    aeb = outlet_check()
    outlet_rate = aeb.right / aeb.known if aeb.known else 0.0
    print(f"AEB captures, URL withheld: outlet right on {aeb.right}/{aeb.known} pages whose "
          f"domain is in the registry ({outlet_rate:.3f}; {aeb.pages} captures); given "
          f"another registry outlet than their own (no bar): {aeb.wrong_rated}")  # fmt: skip
    print(f"AEB captures crediting another outlet as the story's origin (wire copies; no "
          f"bar): {aeb.origins.total()} ({_counted(aeb.origins)})")  # fmt: skip
    meta = declared_check()
    print(
        f"AEB news captures against their pages' declared metadata (no bar): headline "
        f"agrees on {meta.title_right}/{meta.titled}, date within a day on "
        f"{meta.date_right}/{meta.dated} ({meta.timed_right} given the estimated time of "
        f"capture), author on {meta.author_right}/{meta.authored} (another on "
        f"{meta.author_other})"
    )
    wcxb = outlet_check([(p.id, p.url, p.capture) for p in pages])
    print(f"WCXB captures, URL withheld (no bar; most are not news sites): outlet right "
          f"on {wcxb.right}/{wcxb.known} pages whose domain is in the registry; given "
          f"another registry outlet than their own: {wcxb.wrong_rated}/{wcxb.pages}; "
          f"crediting an origin: {wcxb.origins.total()} ({_counted(wcxb.origins)})")  # fmt: skip
    named = aeb.unrated_named + wcxb.unrated_named
    fits = aeb.unrated_domain + wcxb.unrated_domain
    print(f"captures (AEB and WCXB) left without a registry outlet but given a name (no "
          f"bar): {named}, of which {fits} agree with the page's domain")  # fmt: skip
    if args.worst:
        _worst(pages, html_found, args.worst, "HTML")
        _worst(pages, cap_found, args.worst, "captures")
        print("outlet misses: " + "; ".join(aeb.misses[: args.worst]))
    if args.dump:
        with args.dump.open("w", encoding="utf-8") as out:
            for p, a, b, c in zip(pages, peer_found, html_found, cap_found, strict=True):
                out.write(json.dumps({"id": p.id, "gold": {"title": p.title, "date": p.date,
                    "author": p.author}, "peer": a.__dict__, "html": b.__dict__,
                    "capture": c.__dict__}, ensure_ascii=False) + "\n")  # fmt: skip

    checks = {
        "html_f1_margin": html.f1 - peer.f1,
        "html_headline": html.headline,
        "html_date": html.date,
        "html_author": html.author,
        "capture_f1": cap.f1,
        "capture_headline": cap.headline,
        "capture_date": cap.date,
        "capture_without_removed": cap.without_removed,
        "aeb_outlet": outlet_rate,
    }
    failed = [f"{k} {v:.4f} < {BARS[k]}" for k, v in checks.items() if v < BARS[k]]
    if bad or differ:
        failed.append(f"mojibake {bad}, re-encoded differences {differ}")
    for line in failed:
        print(f"FAIL: {line}")
    if failed:
        sys.exit(1)


if __name__ == "__main__":
    main()
