"""HTML -> article text and metadata.

trafilatura (precision mode; compared with its readability and jusText runs only when
it covers little of the page) first; when it returns too little, a fallback chain in
the manner of Media Cloud's story-indexer: trafilatura in its default mode, then
readability-lxml, then jusText; the first result long enough wins, else the longest.
When the page's paragraphs and lists hold more than that, trafilatura's recall mode
fills in what it finds inside the article (lists and sections the first pass dropped).
Published date from the page's own markup and the date beside the headline, htmldate
(fast mode, original date preferred) as the last resort; headline, author, site name and
description from trafilatura's metadata readers, read once; address and language from
the page's own `<link rel=canonical>` / `<html lang>`.
"""

from __future__ import annotations

import codecs
import json
import logging
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from urllib.parse import urljoin

import lxml.html
from lxml import etree

from newsprism.extract.bylines import person_names, tidy_authors
from newsprism.extract.dates import (
    find_date,
    page_date_order,
    parse_iso_datetime,
    with_original,
)
from newsprism.extract.headline import html_headline, same_words
from newsprism.extract.language import detect_language
from newsprism.extract.mojibake import undo_mojibake
from newsprism.extract.plaintext import is_chrome_line, prose_words, without_second_copy
from newsprism.extract.visible import (
    Surroundings,
    byline_near_headline,
    byline_on_page,
    dates_near_headline,
    labelled_byline,
    near_headline,
    relative_near_headline,
)
from newsprism.text import utf16_codec

# Pages are parsed from their first 5 MB only: the largest of the 181 AEB article
# pages is 1.5 MB, and parse time and memory grow with size (a runaway page of
# embedded data must not stall a batch). The cut leaves truncated HTML, which lxml
# and trafilatura handle.
MAX_HTML_BYTES = 5_000_000
# 50 words: on the AEB pages, falling back when trafilatura's precision mode gives
# fewer words fixes its misses (a teaser or a caption taken for the article) without
# replacing any good extraction; F1 0.964 -> 0.969 (30 and 50 tie; 80+ get worse
# as short real articles start being replaced by longer, noisier fallbacks).
MIN_ARTICLE_WORDS = 50
# Precision mode drops whole sections of some 2025 pages (guides, lists) that its
# default mode keeps; its text is used when it keeps at least this share of the
# default mode's words. Measured on both sets (body F1): share 0 (precision always):
# AEB 0.969, wcxb_dev 0.926; 0.5: AEB 0.967, wcxb_dev 0.937; 0.7: 0.965 / 0.937;
# 1.0 (default mode always): 0.960 / 0.937. 0.5 keeps most of both.
PRECISION_SHARE = 0.5
# The default mode is run only when precision mode kept less than this share of the
# words in the page's <p> elements: 0.7 gives the same F1 on both sets as always
# running it (wcxb_dev 0.9367, AEB 0.9688) with a second pass on 10% / 17% of pages
# (0.5: 0.9353 / 0.9688 on 6% / 7%).
PARAGRAPH_SHARE = 0.7
# Precision and default modes drop the boxed and bulleted lists and the later sections
# of many 2025 guides and listicles that trafilatura's recall mode keeps; recall mode
# also adds a news page's standfirst, captions, promotions and related-story lists. So
# recall mode is run when the text found so far has under RECALL_GATE of the words of
# the page's <p> and innermost content <li> elements, and what it adds is taken only
# between the first and last block the two share; above them only with at least
# PROSE_ABOVE_WORDS words of prose (AEB's longest standfirst: 38), never after them;
# not at all when the first pass's text is not (nearly all, MISSING_SHARE) in recall
# mode's, or when what it adds is mostly chrome to the capture rules. Body F1, wcxb_dev
# / AEB: 0.9385 / 0.9711 before, 0.9470 / 0.9721 now (a page that carries its article
# twice given once included), recall mode run on 43% of pages. Grid RECALL_GATE
# 0.7/0.9/1.2 x PROSE_ABOVE_WORDS 50/100/200 x ADDED_CHROME_SHARE 0.3/0.5/off,
# cross-validated by site (5 folds, 5 shufflings): 0.9475 (all pick gate 1.2, which runs
# recall mode on 93% of pages for +0.0004; 0.9 is kept for speed); with the gate at 0.9,
# 0.9471. Taking recall's additions after the article too: wcxb_dev -0.0004, AEB
# -0.0015; its additions above without the prose test: AEB -0.0035; shouted additions
# ("CLICK HERE TO GET THE APP") kept: AEB -0.0008; without MISSING_SHARE: wcxb_dev
# +0.0003, but article text the first pass found is lost.
RECALL_GATE = 0.9
# trafilatura compares each pass's text with its own readability and jusText runs, a
# fifth of the extraction time; on most pages the comparison changes nothing. The
# precision pass runs without it, and again with it when its text is under this share
# of the page's text: trafilatura's own threshold for "covers little of the page"
# (ESCALATION_PAGE_SHARE), not tuned here. Body F1 wcxb_dev / AEB: 0.9470 / 0.9721
# always compared, 0.9471 / 0.9721 this way (second run on 20% / 30% of pages), 0.9446
# / 0.9709 never compared (share 0.10: 0.9460, 0.15: 0.9471, 0.25: 0.9471).
FULL_PASS_PAGE_SHARE = 0.2
PROSE_ABOVE_WORDS = 100
ADDED_CHROME_SHARE = 0.5
MISSING_SHARE = 0.1


_log = logging.getLogger(__name__)

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_.:-]+)""", re.I)
# WHATWG: documents labelled latin-1 or ASCII are decoded as windows-1252.
_CHARSET_ALIASES = {
    "iso-8859-1": "cp1252", "iso8859-1": "cp1252", "latin-1": "cp1252", "latin1": "cp1252",
    "l1": "cp1252", "us-ascii": "cp1252", "ascii": "cp1252", "windows-1252": "cp1252",
    "x-user-defined": "cp1252", "unicode": "utf-8", "utf8": "utf-8",
}  # fmt: skip


_WESTERN_SINGLE_BYTE = {
    "iso8859-1", "iso8859-15", "cp1252", "ascii", "cp1140", "hp-roman8",
}  # fmt: skip


@dataclass
class HtmlArticle:
    title: str | None
    text: str
    published: datetime | None = None
    authors: list[str] = field(default_factory=list)
    site_name: str | None = None
    canonical_url: str | None = None
    language: str | None = None
    description: str | None = None
    extractor: str = "trafilatura"


# --- decoding -------------------------------------------------------------------------


def _codec(label: str | None) -> str | None:
    if not label:
        return None
    label = label.strip().strip("\"'").lower()
    label = _CHARSET_ALIASES.get(label, label)
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def charset_from_content_type(content_type: str | None) -> str | None:
    """`text/html; charset=ISO-8859-1` -> `cp1252` (as browsers decode it)."""
    if not content_type:
        return None
    match = re.search(r"charset\s*=\s*[\"']?([^\s;\"']+)", content_type, re.I)
    return _codec(match.group(1)) if match else None


def decode_html(content: bytes, declared_charset: str | None = None) -> str:
    """Text of an HTML document: BOM (or UTF-16 by its zero bytes), then valid UTF-8,
    then the HTTP charset, then `<meta charset>`, then charset-normalizer's guess
    (windows-1252 when the text reads as Western), then windows-1252 with replacements
    (never fails)."""
    if content.startswith(codecs.BOM_UTF8):
        return content[len(codecs.BOM_UTF8) :].decode("utf-8", errors="replace")
    wide = utf16_codec(content)
    if wide is not None:
        return content[: len(content) & ~1].decode(wide, errors="replace").removeprefix("\ufeff")
    utf8 = _strict_decode(content, "utf-8")
    if utf8 is not None and not content.isascii():
        # Valid UTF-8 with non-ASCII bytes is UTF-8 whatever the label says: other
        # encodings almost never form valid multi-byte sequences throughout a text.
        return utf8
    if utf8 is None and _mostly_utf8(content):
        # UTF-8 with a few stray bytes pasted in from a Windows code page ("mayor\x92s"):
        # read as UTF-8, the strays as cp1252, rather than the whole text as cp1252.
        return content.decode("utf-8", errors=_CP1252_STRAYS)
    candidates: list[str | None] = [_codec(declared_charset)]
    match = _META_CHARSET.search(content[:4096])
    if match:
        candidates.append(_codec(match.group(1).decode("ascii", "ignore")))
    candidates.append("utf-8")
    for label in candidates:
        if label:
            text = _strict_decode(content, label)
            if text is not None:
                return text
    guess = _guess_codec(content)
    if guess:
        text = _strict_decode(content, guess)
        if text is not None:
            return text
    # Nothing fits cleanly: the declared label (or cp1252, which maps every byte)
    # with the bad bytes replaced.
    fallback = next((c for c in candidates[:-1] if c), "cp1252")
    return content.decode(fallback, errors="replace")


_UTF8_SEQUENCE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)
# Valid multi-byte sequences per stray byte that make a text UTF-8 with strays: a cp1252
# text forms such sequences only by accident ("Ã©" in a word about a café), nowhere
# near as often as it has bytes that do not.
UTF8_SEQUENCES_PER_STRAY = 3
_CP1252_STRAYS = "newsprism-cp1252-strays"
_HIGH_BYTES = bytes(range(0x80, 0x100))


def _cp1252_strays(error: UnicodeError) -> tuple[str, int]:
    assert isinstance(error, UnicodeDecodeError)
    stray = error.object[error.start : error.end]
    return bytes(stray).decode("cp1252", errors="replace"), error.end


codecs.register_error(_CP1252_STRAYS, _cp1252_strays)


def _mostly_utf8(content: bytes) -> bool:
    """Whether a text that is not valid UTF-8 still is UTF-8 but for a few stray bytes."""
    sequences = _UTF8_SEQUENCE.findall(content)
    high = len(content) - len(content.translate(None, _HIGH_BYTES))
    strays = high - sum(len(seq) for seq in sequences)
    return len(sequences) >= UTF8_SEQUENCES_PER_STRAY * max(1, strays)


def _strict_decode(content: bytes, codec: str) -> str | None:
    try:
        return content.decode(codec)
    except UnicodeDecodeError as exc:
        # A document cut in the middle of a multi-byte character is still that charset.
        if exc.start >= len(content) - 4:
            try:
                return content[: exc.start].decode(codec)
            except UnicodeDecodeError:
                return None
        return None
    except LookupError:
        return None


def _guess_codec(content: bytes) -> str | None:
    from charset_normalizer import from_bytes

    western = _strict_decode(content, "cp1252")
    if western is not None and _reads_as_western(western):
        # Statistics cannot tell single-byte code pages apart on short texts (they
        # read Western text as cp1250 or even cp1006); web pages without a label that
        # are not UTF-8 are windows-1252 far more often than any other.
        return "cp1252"
    guesses = [_codec(match.encoding) for match in from_bytes(content[:200_000])]
    # DOS and Mac code pages are rare on the web: the first other guess (mac_cyrillic
    # and cp1251 read Russian alike).
    usual = [g for g in guesses if g and not _rarely_on_the_web(g)]
    return usual[0] if usual else (guesses[0] if guesses else None)


# A symbol of the cp1252 upper half between two letters ("Wroc³aw"): the bytes were
# letters of another code page.
_SYMBOL_IN_WORD = re.compile(
    r"(?<=[^\W\d_])[\u00a1-\u00a8\u00ab\u00ac\u00af-\u00b3\u00b5\u00b6\u00b8\u00b9"
    r"\u00bb-\u00bf\u02c6\u2030\u2039\u203a](?=[^\W\d_])"
)  # not no-break space, soft hyphen, (c), (R), ordinals, acute, middle dot: Western has them
# Western text has few non-ASCII letters; Cyrillic, Greek or Arabic read as cp1252 has
# them in nearly every word.
MAX_WESTERN_ACCENTED = 0.3


def _reads_as_western(text: str) -> bool:
    """Text decoded as cp1252 reads as a Western language: few accented letters, and no
    symbols inside words."""
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return True
    accented = sum(1 for c in letters if ord(c) > 127) / len(letters)
    return accented < MAX_WESTERN_ACCENTED and not _SYMBOL_IN_WORD.search(text)


def _rarely_on_the_web(codec: str | None) -> bool:
    if codec is None:
        return False
    dos_or_ebcdic = re.fullmatch(r"cp\d{3}", codec) is not None  # cp437, cp775, cp850, cp037
    return dos_or_ebcdic or codec.startswith("mac-") or codec in _WESTERN_SINGLE_BYTE


# --- page metadata --------------------------------------------------------------------


def _parse_tree(html: str) -> etree._Element | None:
    try:
        return lxml.html.document_fromstring(html)
    except (etree.ParserError, ValueError):
        try:
            # Documents with an XML declaration and a declared encoding refuse str input.
            return lxml.html.document_fromstring(html.encode("utf-8"))
        except (etree.ParserError, ValueError):
            return None


def _first(tree: etree._Element, xpath: str) -> str | None:
    for value in tree.xpath(xpath):
        text = str(value).strip()
        if text:
            return text
    return None


def _canonical(tree: etree._Element, base_url: str | None) -> str | None:
    href = _first(tree, "//link[translate(@rel,'CANONICAL','canonical')='canonical']/@href")
    href = href or _first(tree, "//meta[@property='og:url']/@content")
    if not href:
        return None
    return urljoin(base_url, href) if base_url else href


# "<!-- saved from url=(0042)https://... -->": the address a browser (Chromium, Internet
# Explorer) notes at the top of a page it saves.
_SAVED_FROM = re.compile(r"<!--\s*saved from url=\(\d+\)(https?://[^\s<>\"']+?)\s*-->", re.I)


def saved_from(html: str) -> str | None:
    """The address a saved page was saved from, when the browser noted it."""
    match = _SAVED_FROM.search(html[:4096])
    return match.group(1) if match else None


def _page_language(tree: etree._Element) -> str | None:
    lang = _first(tree, "/html/@lang") or _first(
        tree, "//meta[@http-equiv='content-language']/@content"
    )
    if not lang:
        return None
    primary = re.split(r"[-_]", lang.strip().lower())[0]
    return primary if re.fullmatch(r"[a-z]{2}", primary) else None


# Where pages state their publication time, most trusted first. Values are compared
# in lower case; `itemprop` values are matched the same way as `property`/`name`.
_PUBLISHED_META = (
    "article:published_time", "og:article:published_time", "og:published_time",
    "article:published", "datepublished", "published_time", "publish_date", "publish-date",
    "publishdate", "pubdate", "dcterms.issued", "dc.date.issued", "dcterms.created",
    "dc.date.created", "sailthru.date", "parsely-pub-date", "article.published",
    "originalpublicationdate", "citation_publication_date", "published", "dc.date", "date",
)  # fmt: skip
_ARTICLE_TYPES = re.compile(r"article|posting|report|blog|newsarticle", re.I)
_HAS_TIME = re.compile(r"\d[T ]\d{1,2}:\d{2}")
_META_ATTRS = ("property", "name", "itemprop", "http-equiv")


def _meta_values(tree: etree._Element) -> list[tuple[int, str]]:
    """(rank in _PUBLISHED_META, value) of the page's publication-date meta tags."""
    rank = {key: i for i, key in enumerate(_PUBLISHED_META)}
    found = []
    for meta in tree.iter("meta"):
        value = meta.get("content")
        if not value:
            continue
        for attr in _META_ATTRS:
            key = (meta.get(attr) or "").strip().lower()
            if key in rank:
                found.append((rank[key], value.strip()))
                break
    for el in tree.xpath("//*[@itemprop='datePublished'][not(self::meta)]"):
        value = el.get("datetime") or el.get("content")
        if value:
            found.append((rank["datepublished"], value.strip()))
    found.sort(key=lambda item: item[0])
    return found


def _json_ld_values(tree: etree._Element) -> tuple[list[str], list[str]]:
    """datePublished of the page's JSON-LD objects: (of articles, of other objects)."""
    articles: list[str] = []
    others: list[str] = []

    def walk(node: object) -> None:
        if isinstance(node, list):
            for item in node:
                walk(item)
        elif isinstance(node, dict):
            value = node.get("datePublished")
            if isinstance(value, str) and value.strip():
                kind = node.get("@type")
                kinds = kind if isinstance(kind, list) else [kind]
                is_article = any(isinstance(k, str) and _ARTICLE_TYPES.search(k) for k in kinds)
                (articles if is_article else others).append(value.strip())
            for key, child in node.items():
                if key != "datePublished" and isinstance(child, dict | list):
                    walk(child)

    for script in tree.xpath("//script[@type='application/ld+json']/text()"):
        try:
            walk(json.loads(str(script)))
        except (json.JSONDecodeError, RecursionError):
            continue
    return articles, others


def _plausible(found: datetime | None) -> datetime | None:
    return found if found is not None and 1990 <= found.year <= 2100 else None


@dataclass
class _StatedDate:
    value: datetime
    has_time: bool
    trusted: bool  # a field that means "published", not a generic "date"


# A field may state the date as the page prints it ("July 17, 2025"), not in ISO form.
MAX_PRINTED_DATE_CHARS = 40


def _stated_value(value: str) -> datetime | None:
    found = parse_iso_datetime(value)
    if found is None and len(value) <= MAX_PRINTED_DATE_CHARS:
        found = find_date(value)
    return found


def _stated_dates(tree: etree._Element) -> list[_StatedDate]:
    """Publication dates a page states in its metadata, most trusted first:
    `article:published_time`, JSON-LD `datePublished` of article objects,
    `itemprop=datePublished`, `<time class=published datetime>`; then generic fields
    (`date`, `dc.date`, `pubdate`, JSON-LD of other objects)."""
    meta = _meta_values(tree)
    json_ld_articles, json_ld_others = _json_ld_values(tree)
    itemprop_rank = _PUBLISHED_META.index("datepublished")
    trusted = [v for rank, v in meta if rank < 2] + json_ld_articles
    trusted += [v for rank, v in meta if rank == itemprop_rank]
    trusted += [
        str(v) for v in tree.xpath("//time[contains(@class,'published') or @pubdate]/@datetime")
    ]
    generic = [v for rank, v in meta if rank >= 2 and rank != itemprop_rank] + json_ld_others
    stated = []
    for values, is_trusted in ((trusted, True), (generic, False)):
        for value in values:
            found = _plausible(_stated_value(value))
            if found is not None:
                stated.append(_StatedDate(found, bool(_HAS_TIME.search(value)), is_trusted))
    return stated


# "/2026/03/2-billion-dollars/": htmldate reads a Y/M/D run at the start of a slug as a
# date (2 March). A day written between slashes (or at the end, before ".html") is one.
_URL_DATE = re.compile(r"/(?P<y>(?:19|20)\d{2})/(?P<m>\d{1,2})/(?P<d>\d{1,2})(?P<after>\D|$)")


def _ambiguous_url_date(url: str | None) -> tuple[int, int, int] | None:
    """(year, month, day) that a date reader would take from a URL whose "day" starts
    its slug ("/2024/03/2-million-..."); None when the URL has no such date."""
    match = _URL_DATE.search(url or "")
    if match is None or match.group("after") in ("/", ".", "?", "#", "_", ""):
        return None
    return int(match["y"]), int(match["m"]), int(match["d"])


def _url_for_htmldate(url: str | None) -> str:
    """The URL htmldate may read a date from; "" (none) when its date is ambiguous."""
    return "" if not url or _ambiguous_url_date(url) else url


def _htmldate(tree: etree._Element, url: str | None) -> datetime | None:
    return _run_htmldate(
        tree,
        outputformat="%Y-%m-%dT%H:%M:%S",
        url=_url_for_htmldate(url),
        deferred_url_extractor=True,  # the page's own metadata before the URL
    )


def _run_htmldate(tree: etree._Element, **options: Any) -> datetime | None:
    """htmldate's original date in fast mode (its dateparser scan took seconds on some
    wcxb_dev pages), with `options`; None when it finds none or fails."""
    from htmldate import find_date as htmldate_find_date

    try:
        found = htmldate_find_date(tree, extensive_search=False, original_date=True, **options)
    except Exception as exc:  # htmldate has failed on odd markup before
        _log.debug("htmldate failed: %s", exc)
        return None
    return parse_iso_datetime(found) if found else None


def _published(tree: etree._Element, url: str | None) -> datetime | None:
    """When a page was published, timezone kept when stated.

    A full datetime in a field that means "published" wins (htmldate keeps only the
    day); else htmldate's date, given its time of day by a generic metadata field of
    the same day; else the first date the metadata states."""
    stated = _stated_dates(tree)
    for date in stated:
        if date.trusted and date.has_time:
            return date.value
    found = _htmldate(tree, url)
    if found is None:
        return stated[0].value if stated else None
    for date in stated:
        if date.has_time and date.value.date() == found.date():
            return date.value
    return found


# --- body extractors --------------------------------------------------------------------


def _words(text: str | None) -> int:
    return len(text.split()) if text else 0


def _as_paragraphs(text: str | None) -> str:
    """trafilatura writes one block per line; the interchange text separates blocks
    with a blank line."""
    if not text:
        return ""
    blocks = [" ".join(line.split()) for line in text.split("\n")]
    return "\n\n".join(b for b in blocks if b)


def _for_trafilatura(html: str) -> str | lxml.html.HtmlElement:
    """The page parsed as trafilatura parses it, once for its two or three passes (each
    works on its own copy); the text itself when that parse fails."""
    import trafilatura

    try:
        tree = trafilatura.load_html(html)
    except Exception:  # left to bare_extraction, which reports it
        return html
    return html if tree is None else tree


def _trafilatura(
    document: str | lxml.html.HtmlElement,
    url: str | None,
    *,
    precise: bool,
    recall: bool = False,
    compared: bool = True,
) -> object | None:
    """One of trafilatura's passes over the page's text, `compared` with its readability
    and jusText runs or not; metadata is read once, by `_declared_metadata`."""
    import trafilatura

    try:
        return trafilatura.bare_extraction(
            document,
            url=url,
            fast=not compared,
            favor_precision=precise,
            favor_recall=recall,
            include_comments=False,
            include_tables=True,
            with_metadata=False,
        )
    except Exception as exc:  # trafilatura raises on some broken trees
        _log.debug("trafilatura failed: %s", exc)
        return None


def _precise_pass(
    document: str | lxml.html.HtmlElement, url: str | None, tree: etree._Element | None
) -> object | None:
    """trafilatura's precision mode, compared with its readability and jusText runs only
    when it finds little of the page's text (see FULL_PASS_PAGE_SHARE)."""
    quick = _trafilatura(document, url, precise=True, compared=False)
    if len(getattr(quick, "text", None) or "") >= FULL_PASS_PAGE_SHARE * _page_chars(tree):
        return quick
    return _trafilatura(document, url, precise=True)


def _page_chars(tree: etree._Element | None) -> int:
    """Characters of the page's body text, scripts and styles left out."""
    body = tree.find("body") if tree is not None else None
    if body is None:
        return 0
    unseen = sum(len(e.text_content()) for e in body.iter("script", "style", "noscript"))
    return len(body.text_content()) - unseen


def _declared_metadata(tree: etree._Element | None, url: str | None) -> object | None:
    """trafilatura's reading of the page's meta tags, JSON-LD and title: headline,
    author, site name, description and address. Its date (htmldate again), categories,
    tags and licence are left out: we read the date ourselves and use none of the rest,
    and they were a sixth of the HTML extraction time (wcxb_dev)."""
    if tree is None:
        return None
    from trafilatura import metadata as meta

    try:
        found = meta.examine_meta(tree)
        if found.author and " " not in found.author:
            found.author = None  # a one-word author field is a handle or the site
        # Its JSON-LD reader has raised on odd markup; the meta tags read so far stand,
        # as in trafilatura's own metadata extraction.
        try:
            found = meta.extract_meta_json(tree, found)
        except Exception as exc:
            _log.debug("trafilatura JSON-LD failed: %s", exc)
        found.title = found.title or meta.extract_title(tree)
        found.author = found.author or meta.extract_author(tree)
        found.url = found.url or meta.extract_url(tree, url)
        found.sitename = found.sitename or meta.extract_sitename(tree)
        if found.sitename:
            found.sitename = found.sitename.lstrip("@")
            if found.sitename and "." not in found.sitename and not found.sitename[0].isupper():
                found.sitename = found.sitename.title()
        elif found.url and (host := meta.META_URL.match(found.url)):
            found.sitename = host[1]
        found.clean_and_trim()
    except Exception as exc:  # trafilatura raises on some broken trees
        _log.debug("trafilatura metadata failed: %s", exc)
        return None
    return found


def _trafilatura_date(tree: etree._Element, declared: object | None) -> datetime | None:
    """htmldate's date as trafilatura asks for it (the page's declared address included),
    the last resort of `_metadata_date`."""
    return _run_htmldate(
        tree,
        url=getattr(declared, "url", None),
        max_date=datetime.now().astimezone().strftime("%Y-%m-%d"),
    )


_BLOCK_TAGS = {
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "tr",
    "section", "article", "ul", "ol", "dl", "dt", "dd", "figure", "figcaption", "table",
    "br", "header", "footer", "aside", "main",
}  # fmt: skip


def _block_text(root: etree._Element) -> str:
    """Text of an HTML fragment with a blank line between block elements."""
    parts: list[str] = []

    def walk(el: etree._Element) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag in ("script", "style", "noscript"):
            return
        if tag in _BLOCK_TAGS:
            parts.append("\n\n")
        if el.text and tag:
            parts.append(el.text)
        for child in el:
            walk(child)
            if child.tail:
                parts.append(child.tail)
        if tag in _BLOCK_TAGS:
            parts.append("\n\n")

    walk(root)
    blocks = [" ".join(b.split()) for b in "".join(parts).split("\n\n")]
    return "\n\n".join(b for b in blocks if b)


def _readability(html: str) -> str:
    from readability import Document

    try:
        summary = Document(html).summary(html_partial=True)
        return _block_text(lxml.html.fragment_fromstring(summary, create_parent="div"))
    except Exception as exc:  # readability raises on empty or odd documents
        _log.debug("readability failed: %s", exc)
        return ""


def _justext(html: str, language: str | None) -> str:
    import justext

    names = {"en": "English", "de": "German", "fr": "French", "es": "Spanish",
             "pt": "Portuguese", "it": "Italian", "nl": "Dutch", "ru": "Russian"}  # fmt: skip
    try:
        stoplist = justext.get_stoplist(names.get(language or "en", "English"))
        paragraphs = justext.justext(html.encode("utf-8"), stoplist, encoding="utf-8")
    except Exception as exc:  # jusText raises on empty documents
        _log.debug("justext failed: %s", exc)
        return ""
    return "\n\n".join(p.text for p in paragraphs if not p.is_boilerplate)


def _paragraph_words(tree: etree._Element | None) -> int:
    """Words in the page's <p> elements: a cheap upper estimate of its article."""
    if tree is None:
        return 0
    return sum(len((p.text_content() or "").split()) for p in tree.iter("p"))


def _list_item_words(tree: etree._Element | None) -> int:
    """Words in the page's innermost <li> elements outside its navigation, header,
    footer and asides: the lists of guides and listicles that precision mode drops."""
    if tree is None:
        return 0
    return sum(len(item.text_content().split()) for item in _CONTENT_LIST_ITEMS(tree))


_CONTENT_LIST_ITEMS = etree.XPath(
    "//li[not(.//li)][not(ancestor::nav or ancestor::header or ancestor::footer"
    " or ancestor::aside)]"
)


def _body(
    html: str,
    document: str | lxml.html.HtmlElement,
    url: str | None,
    first: object | None,
    title: str | None,
    language: str | None,
    tree: etree._Element | None,
) -> tuple[str, str]:
    """(text, extractor name): the first long enough of trafilatura's precision and
    default modes, readability and jusText; with what trafilatura's recall mode finds
    inside that article added when the page's paragraphs and lists hold more."""
    p_words = _paragraph_words(tree)
    text, extractor = _first_article(html, document, url, first, language, p_words)
    if _words(text) < RECALL_GATE * (p_words + _list_item_words(tree)):
        fuller = getattr(_trafilatura(document, url, precise=False, recall=True), "text", None)
        merged = _with_additions(text, _as_paragraphs(fuller), title)
        if merged is not None and _words(merged) > _words(text):
            text, extractor = merged, "trafilatura-recall"
    return "\n\n".join(without_second_copy(text.split("\n\n"))), extractor


def _with_additions(text: str, fuller: str, title: str | None) -> str | None:
    """`fuller` from the first to the last block it shares with `text`, and above that
    only when it holds PROSE_ABOVE_WORDS of prose: None when `fuller` lacks some of
    `text` or what it adds is mostly chrome. After the article, recall mode adds related
    stories, newsletter prompts and comments; above it, a news page's standfirst, its
    byline and photo captions."""
    blocks = fuller.split("\n\n")
    known = set(text.split("\n\n"))
    shared = _shared_blocks(blocks, known, title)
    missing = sum(_words(block) for block in known.difference(blocks))
    if not shared or missing > MISSING_SHARE * _words(text):
        return None
    above = blocks[: shared[0]]
    if prose_words(list(dict.fromkeys(above))) < PROSE_ABOVE_WORDS:
        above = []
    merged = [*above, *blocks[shared[0] : shared[-1] + 1]]
    merged = [block for block in merged if block in known or not _shouted(block)]
    added = [block for block in merged if block not in known]
    chrome = sum(_words(block) for block in added if is_chrome_line(block))
    if chrome > ADDED_CHROME_SHARE * sum(_words(block) for block in added):
        return None
    return "\n\n".join(merged)


def _shared_blocks(blocks: list[str], known: set[str], title: str | None) -> list[int]:
    """Positions of the blocks of `blocks` that are in `known` and say where the article
    is: not one printed twice (the headline over a gallery and again over the text),
    nor the headline itself, which stands above a standfirst."""
    counts = Counter(blocks)
    return [
        i
        for i, block in enumerate(blocks)
        if block in known and counts[block] == 1 and not (title and same_words(block, title))
    ]


def _shouted(block: str) -> bool:
    """A promotion in capitals: "CLICK HERE TO GET THE FOX NEWS APP"."""
    letters = [c for c in block if c.isalpha()]
    return len(block.split()) >= 3 and sum(c.isupper() for c in letters) >= 0.8 * len(letters)


def _first_article(
    html: str,
    document: str | lxml.html.HtmlElement,
    url: str | None,
    first: object | None,
    language: str | None,
    p_words: int,
) -> tuple[str, str]:
    """trafilatura's precision mode when it keeps most of the page's paragraphs or of
    what its default mode finds, else the default mode, then readability, then
    jusText."""
    precise = _as_paragraphs(getattr(first, "text", None))
    if _words(precise) >= max(MIN_ARTICLE_WORDS, PARAGRAPH_SHARE * p_words):
        return precise, "trafilatura"  # no second pass needed
    default = _as_paragraphs(getattr(_trafilatura(document, url, precise=False), "text", None))
    if _words(precise) >= max(MIN_ARTICLE_WORDS, PRECISION_SHARE * _words(default)):
        return precise, "trafilatura"
    candidates = [(precise, "trafilatura"), (default, "trafilatura-default")]
    if _words(default) >= MIN_ARTICLE_WORDS:
        return default, "trafilatura-default"
    for name, step in (
        ("readability", lambda: _readability(html)),
        ("justext", lambda: _justext(html, language)),
    ):
        text = step()
        if _words(text) >= MIN_ARTICLE_WORDS:
            return text, name
        candidates.append((text, name))
    return max(candidates, key=lambda c: _words(c[0]))


def _without_leading_title(text: str, title: str | None) -> str:
    """The body without the headline that some pages repeat as its first block."""
    if not title or not text:
        return text
    first, _, rest = text.partition("\n\n")
    if rest and same_words(first, title):
        return rest
    return text


BYLINE_LINES_ABOVE = 3  # wcxb_dev: the one teaser byline taken stood 8 lines above


def _same_people(printed: list[str], declared: list[str]) -> bool:
    """Whether a printed byline and a declared author share a surname."""
    surnames = {name.split()[-1].casefold() for name in declared if name.split()}
    return any(name.split() and name.split()[-1].casefold() in surnames for name in printed)


def _metadata_date(
    tree: etree._Element | None, url: str | None, declared: object | None
) -> datetime | None:
    if tree is None:
        return None
    published = _published(tree, url)
    if published is None:
        # As trafilatura asks htmldate, URL included: not the misread slug again.
        found = _trafilatura_date(tree, declared)
        if found is not None and (found.year, found.month, found.day) != _ambiguous_url_date(url):
            published = found
    return published


def _page_date(
    tree: etree._Element | None,
    near: Surroundings | None,
    url: str | None,
    declared: object | None,
) -> datetime | None:
    """The date printed beside the headline (not an "Updated ..." one), given its time
    of day by the metadata when they agree on the day; else the metadata's publication
    date; else the "Updated ..." date printed there. None when the page states none."""
    stated, updated = dates_near_headline(near) if near is not None else (None, None)
    metadata = _metadata_date(tree, url, declared)
    if stated is not None:
        if metadata is not None and metadata.date() == stated.date():
            return metadata
        declared = _declared_published(tree) if tree is not None else None
        if declared is not None and declared.date() < stated.date():
            # The page declares an earlier publication than the date it prints: the
            # printed one is an unlabelled update (wcxb_dev, pages with both: the
            # declared date was right on 15 of the 25 where the printed one was later,
            # the printed one on 10; where the printed one is earlier it wins, 8 to 3).
            return declared
        return stated
    return metadata or updated


# Author fields beside the ones trafilatura reads: the standard name, Open Graph's (when
# not a profile URL), Parse.ly's, Sailthru's, Dublin Core's, and the "By ..." line
# some sites put in a meta tag.
_AUTHOR_FIELDS = (
    "author", "article:author", "parsely-author", "sailthru.author", "dc.creator",
    "dcterms.creator", "byl",
)  # fmt: skip
# Twitter-card label/data pairs ("twitter:label1" = "Written by", "twitter:data1" = the
# name), as WordPress SEO plugins write them.
_WRITTEN_BY = re.compile(r"^(?:written\s+by|author|by)$", re.I)


def _author_names(field: str | None) -> list[str]:
    """The people a declared author field names ("Jane Doe and John Roe; Reuters")."""
    names = [a.strip() for a in re.split(r";|\band\b|&", field or "") if a.strip()]
    return person_names(names)


def _declared_author(tree: etree._Element) -> str | None:
    """The author a page's meta tags declare when trafilatura found none."""
    fields: dict[str, str] = {}
    for meta in tree.iter("meta"):
        key = (meta.get("name") or meta.get("property") or "").strip().lower()
        value = " ".join((meta.get("content") or "").split())
        if key and value:
            fields.setdefault(key, value)
    for key in _AUTHOR_FIELDS:
        value = fields.get(key, "")
        if value and not value.startswith(("http://", "https://")):
            return re.sub(r"^by\s+", "", value, flags=re.I)
    for n in range(1, 5):
        if _WRITTEN_BY.match(fields.get(f"twitter:label{n}", "")):
            return fields.get(f"twitter:data{n}") or None
    return None


def _declared_published(tree: etree._Element) -> datetime | None:
    """The full datetime a field that means "published" declares, if any."""
    for date in _stated_dates(tree):
        if date.trusted and date.has_time:
            return date.value
    return None


# --- entry point ---------------------------------------------------------------------------


def extract_html(
    content: bytes | str,
    url: str | None = None,
    *,
    charset: str | None = None,
    fetched_at: datetime | None = None,
) -> HtmlArticle:
    """Article text and metadata of an HTML page (bytes in any charset, or text).
    `fetched_at` dates a stamp without a year beside the headline ("22 hours ago") when
    neither the page's text nor its metadata states a date."""
    if isinstance(content, bytes):
        html = decode_html(content[:MAX_HTML_BYTES], charset)
    else:
        html = content[:MAX_HTML_BYTES]
    document = _for_trafilatura(html)
    # One parse for trafilatura's passes and our own reading of the page.
    tree = document if not isinstance(document, str) else _parse_tree(html)
    page_language = _page_language(tree) if tree is not None else None
    saved = None if url else saved_from(html)
    url = url or saved
    canonical = (_canonical(tree, url) if tree is not None else None) or saved

    declared = _declared_metadata(tree, url)
    first = _precise_pass(document, url, tree)
    title = getattr(declared, "title", None)
    text, extractor = _body(html, document, url, first, title, page_language, tree)
    if tree is not None:
        title = html_headline(tree, title)
    # A page its own CMS encoded twice shows "Investorâ\x80\x99s": repaired like captures.
    title = undo_mojibake(" ".join(title.split())) if title else None
    near = near_headline(tree, title) if tree is not None else None
    if near is not None:
        near.day_first = page_date_order("\n".join([*near.after, *near.before, text]))
    published = _page_date(tree, near, canonical or url, declared)
    if published is None and near is not None and fetched_at is not None:
        published = relative_near_headline(near, fetched_at)
    published = with_original(published, text)

    authors = _author_names(getattr(declared, "author", None))
    if near is not None:
        # Only a full name on a "By" line below the headline or just above it: one
        # further up is a teaser's.
        close = Surroundings(near.after, near.before[:BYLINE_LINES_ABOVE])
        printed = [name for name in labelled_byline(close) if len(name.split()) >= 2]
        if printed and not _same_people(printed, authors):
            authors = printed  # the byline the reader sees over a stale or site-wide field
        elif not authors:
            authors = byline_near_headline(near, text)
    if not authors and tree is not None:
        # Meta fields trafilatura does not read come after what the page prints beside
        # its headline: they name the site or a default account ("admin") more often.
        authors = byline_on_page(tree) or _author_names(_declared_author(tree))
    return HtmlArticle(
        title=title,
        text=undo_mojibake(_without_leading_title(text, title)),
        published=published,
        authors=tidy_authors(authors),
        site_name=getattr(declared, "sitename", None) or None,
        canonical_url=canonical,
        language=detect_language(text) or page_language,
        description=getattr(declared, "description", None) or None,
        extractor=extractor,
    )
