"""The headline of an HTML page, from what the page itself offers.

Pages state their headline several times: the visible `<h1>`, JSON-LD `headline`,
Open Graph / Twitter titles and `<title>`. The metadata titles often carry the site's
name (" | The Daily Example") or an SEO tail, and pages often hold several `<h1>`s (the
site logo, "Blog", a newsletter box). So the `<h1>` that agrees with the metadata is
the headline; when none agrees, the metadata title without its site tail is.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator

from lxml import etree

# Share of an <h1>'s words that must appear in a metadata title for the <h1> to count
# as the page's headline. Tuned on wcxb_dev (793 pages, 5-fold CV by page in
# benchmarks/extraction_wcxb.py --tune-headline): 0.3..0.6 score within 0.01.
H1_AGREEMENT = 0.5
# A page's only <h1> with this many words is its headline even when the metadata
# titles say something else (SEO titles are often rewritten). Tuned on wcxb_dev with
# H1_AGREEMENT (see there).
LONE_H1_WORDS = 4
# Separators between a headline and the site name or an SEO tail in metadata titles.
_SEPARATOR = re.compile(r"\s+(?:\||-|–|—|·|•|::|»|/)\s+")
# A trailing segment this short (in words) is a site name or a tail, not the headline.
TAIL_WORDS = 4
_TOKEN = re.compile(r"\w+")
_ARTICLE_TYPE = re.compile(r"article|posting|report|blog", re.I)


def _clean(text: str | None) -> str:
    return " ".join(html.unescape(text or "").split())


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(text.casefold())


def same_words(a: str, b: str) -> bool:
    """Whether two texts have the same words, whatever their case and punctuation (a
    block that repeats the headline, a "name" that is the headline)."""
    return _tokens(a) == _tokens(b)


def _json_ld_objects(tree: etree._Element) -> Iterator[dict[str, object]]:
    def walk(node: object) -> Iterator[dict[str, object]]:
        if isinstance(node, list):
            for item in node:
                yield from walk(item)
        elif isinstance(node, dict):
            yield node
            for child in node.values():
                if isinstance(child, dict | list):
                    yield from walk(child)

    for script in tree.xpath("//script[@type='application/ld+json']/text()"):
        try:
            yield from walk(json.loads(str(script)))
        except (json.JSONDecodeError, RecursionError):
            continue


def _is_article(node: dict[str, object]) -> bool:
    kind = node.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    return any(isinstance(k, str) and _ARTICLE_TYPE.search(k) for k in kinds)


def json_ld_headline(tree: etree._Element) -> str | None:
    """`headline` of the page's JSON-LD article object, if any."""
    for node in _json_ld_objects(tree):
        value = node.get("headline")
        if _is_article(node) and isinstance(value, str) and value.strip():
            return _clean(value)
    return None


def site_names(tree: etree._Element) -> list[str]:
    """Names the page gives itself: og:site_name, application-name, JSON-LD publisher."""
    names = [
        _clean(str(v))
        for v in tree.xpath(
            "//meta[@property='og:site_name' or @name='application-name'"
            " or @name='apple-mobile-web-app-title']/@content"
        )
    ]
    for node in _json_ld_objects(tree):
        publisher = node.get("publisher")
        if isinstance(publisher, dict) and isinstance(publisher.get("name"), str):
            names.append(_clean(str(publisher["name"])))
        if node.get("@type") in ("WebSite", "Organization") and isinstance(node.get("name"), str):
            names.append(_clean(str(node["name"])))
    return [n for n in names if n]


def _meta_titles(tree: etree._Element) -> list[str]:
    found = [json_ld_headline(tree)]
    for xpath in (
        "//meta[@property='og:title']/@content",
        "//meta[@name='twitter:title' or @property='twitter:title']/@content",
        "//title/text()",
    ):
        values = tree.xpath(xpath)
        found.append(_clean(str(values[0])) if values else None)
    return [t for t in found if t]


# Elements that break a line where they stand: "Top MBA Programs<br>Your Guide" is two
# phrases, which `text_content()` would glue ("ProgramsYour").
_LINE_BREAKING = frozenset(("br", "div", "p", "li", "section"))


# Headings never nest: a heading inside the <h1> starts what an unclosed </h1> swallowed
# ("Top Strategies ...<h3>Posted on ...</h3><div>By ..."), so the text ends there.
_NESTED_HEADINGS = frozenset(("h1", "h2", "h3", "h4", "h5", "h6"))


def _heading_text(el: etree._Element) -> str:
    parts: list[str] = []
    _collect_heading_text(el, parts)
    return "".join(parts)


def _collect_heading_text(el: etree._Element, parts: list[str]) -> bool:
    """Append the element's text to `parts`; False once a nested heading ends it."""
    parts.append(el.text or "")
    for child in el:
        if isinstance(child.tag, str) and child.tag in _NESTED_HEADINGS:
            return False
        if isinstance(child.tag, str) and child.tag not in ("script", "style"):
            gap = " " if child.tag in _LINE_BREAKING or _starts_a_phrase(parts, child) else ""
            parts.append(gap)
            if not _collect_heading_text(child, parts):
                return False
            parts.append(gap)
        parts.append(child.tail or "")
    return True


def _starts_a_phrase(parts: list[str], child: etree._Element) -> bool:
    """An element whose capitalised text follows a word with no space ("Alternatives" +
    <span>"Top Note-taking Tools"</span>, a span styled as its own line) starts a new
    phrase: gluing them would make "AlternativesTop"."""
    before = "".join(parts)[-1:]
    return before.isalnum() and (child.text or "")[:1].isupper()


def _h1s(tree: etree._Element) -> list[str]:
    found = []
    for el in tree.iter("h1"):
        text = _clean(_heading_text(el))
        if text:
            found.append(text)
    return found


def _agreement(candidate: str, titles: list[str]) -> float:
    words = _tokens(candidate)
    if not words:
        return 0.0
    best = 0.0
    for title in titles:
        vocabulary = set(_tokens(title))
        best = max(best, sum(w in vocabulary for w in words) / len(words))
    return best


def _is_site_name(segment: str, names: list[str]) -> bool:
    key = " ".join(_tokens(segment))
    squashed = key.replace(" ", "")
    for name in names:
        other = " ".join(_tokens(name))
        if other and (key == other or squashed == other.replace(" ", "")):
            return True
    return False


def strip_site_tail(title: str, names: list[str]) -> str:
    """ "Headline | Site" -> "Headline": segments naming the site are dropped, then short
    trailing segments (tails such as "Top 19 Companies" or an unnamed site)."""
    segments = [s for s in _SEPARATOR.split(title) if s.strip()]
    kept = [s for s in segments if not _is_site_name(s, names)] or segments
    while len(kept) > 1 and len(_tokens(kept[-1])) <= TAIL_WORDS:
        kept.pop()
    if len(kept) > 1 and len(_tokens(kept[0])) <= 2 < len(_tokens(kept[1])):
        kept.pop(0)  # "Blog | The headline ..."
    return kept[0] if len(kept) == 1 else " - ".join(kept)


def _without_pipe_tail(heading: str, names: list[str]) -> str:
    """A visible heading "Headline | Tail": a pipe is never part of a headline (dashes
    and colons are, so only the pipe is cut)."""
    return strip_site_tail(heading, names) if " | " in heading else heading


def html_headline(tree: etree._Element, fallback: str | None = None) -> str | None:
    """The page's headline: its <h1> that agrees with the metadata titles, else the
    first metadata title (JSON-LD, Open Graph, Twitter, <title>) without its site tail,
    else `fallback` (another extractor's title)."""
    titles = _meta_titles(tree)
    names = site_names(tree)
    if fallback:
        titles.append(_clean(fallback))
    h1s = [h for h in _h1s(tree) if not _is_site_name(h, names)]
    if titles:
        scored = [(_agreement(h, titles), -i, h) for i, h in enumerate(h1s)]
        best = max(scored, default=None)
        if best is not None and best[0] >= H1_AGREEMENT and len(_tokens(best[2])) >= 2:
            return _without_pipe_tail(best[2], names)
        if len(h1s) == 1 and len(_tokens(h1s[0])) >= LONE_H1_WORDS:
            # the page's only heading, long enough to be a headline
            return _without_pipe_tail(h1s[0], names)
        return strip_site_tail(titles[0], names) or None
    return h1s[0] if h1s else None
