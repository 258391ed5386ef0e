"""What a reader sees beside an HTML page's headline: the date and byline printed
next to it, which are the article's own (metadata may describe the site, a template
or an older version of the page)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime

from lxml import etree

from newsprism.extract.bylines import (
    AFFILIATION,
    BYLINE,
    CREDENTIAL,
    ENGLISH_MONTH,
    byline_head,
    parse_byline,
    plausible_author,
)
from newsprism.extract.dates import find_date, is_yearless_stamp, relative_date

# Text read after the headline when looking for its date: the byline and date line
# sit within the first few hundred characters under it (tuned on wcxb_dev, 5-fold CV
# by page: 200..600 within 0.005; see docs/choices.md).
AFTER_HEADLINE_CHARS = 400
# Text read above the headline (breadcrumbs, kicker, a date printed over it).
BEFORE_HEADLINE_CHARS = 120
# A text node longer than this is prose, not a date or byline line.
MAX_META_WORDS = 20
_SKIP = ("script", "style", "noscript", "template", "svg", "button", "select", "option")
_TOKEN = re.compile(r"\w+")


def _node_texts(el: etree._Element, reverse: bool) -> list[str]:
    """Text pieces of an element and its descendants (and its tail), in reading
    order or reversed; scripts and styles skipped."""
    pieces: list[str] = []
    for node in el.iter():
        tag = node.tag if isinstance(node.tag, str) else ""
        if tag in _SKIP or not tag:
            if node is not el and node.tail:
                pieces.append(node.tail)
            continue
        if node.text:
            pieces.append(node.text)
        if node is not el and node.tail:
            pieces.append(node.tail)
    if el.tail:
        pieces.append(el.tail)
    return pieces[::-1] if reverse else pieces


def _following(heading: etree._Element, reverse: bool) -> Iterator[str]:
    """Text after the heading in document order (before it, nearest first, when
    `reverse`): its siblings, then its ancestors' siblings."""
    if not reverse and heading.tail:
        yield heading.tail
    node: etree._Element | None = heading
    while node is not None:
        for sibling in node.itersiblings(preceding=reverse):
            yield from _node_texts(sibling, reverse)
        node = node.getparent()
        if node is not None and reverse and node.text:
            yield node.text


def _texts(pieces: Iterator[str], limit: int) -> list[str]:
    """Short visible text pieces, in order, until `limit` characters were read."""
    found: list[str] = []
    total = 0
    for piece in pieces:
        text = " ".join(piece.split())
        if not text:
            continue
        total += len(text)
        if len(text.split()) <= MAX_META_WORDS:
            found.append(text)
        if total >= limit:
            break
    return found


def headline_element(tree: etree._Element, headline: str | None) -> etree._Element | None:
    """The heading element that prints the headline (first <h1> when none matches)."""
    key = _TOKEN.findall((headline or "").casefold())
    first = None
    for el in tree.iter("h1", "h2"):
        words = _TOKEN.findall(el.text_content().casefold())
        if key and words == key:
            return el
        if first is None and el.tag == "h1" and words:
            first = el
    if key:  # printed in another element, e.g. a <p> the parser moved out of its <h1>
        for el in tree.iter(*_HEADLINE_HOLDERS):
            if _TOKEN.findall(el.text_content().casefold()) == key:
                return el
    return first


_HEADLINE_HOLDERS = ("h3", "p", "div", "span", "strong", "header")


_UPDATED = re.compile(
    r"\b(?:updated|modified|revised|edited|aktualisiert|actualizado|mis à jour|atualizado"
    r"|aggiornato)\b",
    re.I,
)


@dataclass
class Surroundings:
    """Short text lines just below the headline and just above it, nearest first, and
    the page's date order (`dates.page_date_order`) for numeric dates among them."""

    after: list[str]
    before: list[str]
    day_first: bool | None = None


def near_headline(tree: etree._Element, headline: str | None) -> Surroundings:
    heading = headline_element(tree, headline)
    if heading is None:
        return Surroundings([], [])
    return Surroundings(
        _texts(_following(heading, reverse=False), AFTER_HEADLINE_CHARS),
        _texts(_following(heading, reverse=True), BEFORE_HEADLINE_CHARS),
    )


def lines_near(
    lines: Sequence[str],
    index: int,
    after_chars: int = AFTER_HEADLINE_CHARS,
    day_first: bool | None = None,
) -> Surroundings:
    """The same surroundings for the headline at `lines[index]` of a text capture, whose
    lines are what a page's elements show."""
    return Surroundings(
        _texts(iter(lines[index + 1 :]), after_chars),
        _texts(iter(lines[index - 1 :: -1] if index else []), BEFORE_HEADLINE_CHARS),
        day_first,
    )


_TODAY = re.compile(r"^\W*(?:today|heute|hoy|aujourd'hui|oggi|hoje)\b", re.I)


def is_other_date(line: str, previous: str = "") -> bool:
    """A date line that is not the article's: the site's "Today: ..." line, a copyright."""
    lowered = line.casefold()
    return bool(
        _TODAY.search(line) or _TODAY.search(previous) or "©" in line or "copyright" in lowered
    )


def is_updated_date(line: str, previous: str = "") -> bool:
    return bool(_UPDATED.search(line) or _UPDATED.search(previous))


# "Published Aug 13, 2025", "Posted on ...": a date the page says is the article's.
PUBLISHED_CUE = re.compile(
    r"\b(?:published|posted|publié|veröffentlicht|publicado|pubblicato)\b", re.I
)


def stamped_date(
    line: str, previous: str = "", day_first: bool | None = None
) -> tuple[datetime, bool] | None:
    """(date, whether it is an "Updated" date) that a line prints. A line labelling
    both ("Updated Nov 11, 2022 Originally published Nov 9, 2022", "PUBLISHED: ... |
    UPDATED: ...") gives the date after its publication label."""
    updated_cue = _UPDATED.search(line)
    if updated_cue is not None:
        for cue in PUBLISHED_CUE.finditer(line):
            end = updated_cue.start() if updated_cue.start() > cue.end() else len(line)
            published = find_date(line[cue.end() : end], day_first)
            if published is not None:
                return published, False
    date = find_date(line, day_first)
    return (date, is_updated_date(line, previous)) if date is not None else None


SENTENCE_WORDS = 10  # dated bylines ("By Jane Doe, March 4, 2024") are shorter


def _is_sentence(line: str) -> bool:
    return len(line.split()) >= SENTENCE_WORDS and line.rstrip()[-1:] in ".!?"


def _dated(lines: list[str], day_first: bool | None = None) -> list[tuple[int, datetime, bool]]:
    """(index, date, is an "updated" date) of the dated lines, in order; a date split
    over two adjacent lines ("Aug" "19, 2025") is read from the pair."""
    found = []
    for i, line in enumerate(lines):
        if _is_sentence(line):
            continue  # "The offer is valid until December 3." dates something else
        previous = lines[i - 1] if i > 0 else ""
        stamp = stamped_date(line, previous, day_first)
        if stamp is None and i + 1 < len(lines) and find_date(lines[i + 1]) is None:
            stamp = stamped_date(f"{line} {lines[i + 1]}", previous, day_first)
        if stamp is None or is_other_date(line, previous):
            continue
        found.append((i, *stamp))
    return found


# A date above the headline counts as this many lines away per line: below it stand
# the byline and date, above it breadcrumbs, teasers and the site's own dates.
BEFORE_DISTANCE = 2.0


def dates_near_headline(near: Surroundings) -> tuple[datetime | None, datetime | None]:
    """(date printed nearest the headline, nearest "Updated ..." date there)."""
    ranked = [(float(i), d, u) for i, d, u in _dated(near.after, near.day_first)]
    ranked += [(BEFORE_DISTANCE * (i + 1), d, u) for i, d, u in _dated(near.before, near.day_first)]
    ranked.sort(key=lambda r: r[0])
    published = next((d for _, d, updated in ranked if not updated), None)
    modified = next((d for _, d, updated in ranked if updated), None)
    return published, modified


_SEGMENT = re.compile(r"\s+[•·|]\s+")


def relative_near_headline(near: Surroundings, reference: datetime) -> datetime | None:
    """The date a stamp without a year under the headline means for a page fetched at
    `reference` ("22 hours ago", "Jo Roe • Nov 18"); not an "Updated ..." stamp. Above
    the headline such a stamp is the site's own day ("NOV 20" in the masthead)."""
    for line in near.after:
        if _is_sentence(line) or _UPDATED.search(line) or is_other_date(line):
            continue
        for segment in _SEGMENT.split(line):
            found = relative_date(segment, reference)
            if found is not None:
                return found
    return None


# "By", "Written by:", "Author" alone on a line: the names follow on the next line.
_BY_LABEL = re.compile(
    r"^(?:by|written by|posted by|words by|story by|author|authors|words|autor|auteur|von|por"
    r"|par)\s*[:：]?$",
    re.I,
)
# A word of a name: capitalised in any script ("Çelik"), or a short lower-case particle.
_CAPITALISED_WORD = re.compile(r"^[^\W\d_][\w'’.-]*$")
# Particles of names ("Ludwig van Beethoven", "Ana de la Cruz"), not "of", "to" or "and":
# "Internet of Things" and "Add to Favourites" are not names.
_LOWER_NAME_WORD = re.compile(
    r"^(?:van|von|vom|zu|de|der|den|des|du|da|das|do|dos|del|della|di|la|le|bin|ibn|al|el|y|e"
    r"|ter|ten|st\.?)$"
)
# A name printed beside a date or reading time with no "By" before it: the byline.
NAME_WORDS = (2, 4)
_READ_TIME = re.compile(r"\b\d+\s*(?:min|minute)s?\b", re.I)


def _looks_like_name(line: str) -> bool:
    words = line.replace(",", " ").split()
    if not NAME_WORDS[0] <= len(words) <= NAME_WORDS[1] or line.rstrip()[-1:] in ".!?:":
        return False
    return words[0][:1].isupper() and all(_is_name_word(w) for w in words)


# Words glued together by a capture ("OrganizationOfficeOrganizingPapers"), not "McDonald"
# or "MacKenzie".
_GLUED = re.compile(r"[a-z]{3}[A-Z][a-z]")  # not "DianaHR"


def _is_name_word(word: str) -> bool:
    if word[:1].isupper():
        return bool(_CAPITALISED_WORD.match(word)) and not _GLUED.search(word)
    return bool(_LOWER_NAME_WORD.match(word))


# Words of page furniture that follow a "By" label in markup, never of a name.
_NOT_NAME = re.compile(
    r"\b(?:checked|reviewed|edited|table|contents?|share|shares|updated|published|link|links"
    r"|size|read|print|comments?|menu|search|home|login|subscribe|follow|advertis\w*|posted)\b",
    re.I,
)


def _names(text: str) -> list[str]:
    return [n for n in parse_byline(f"By {text}") if n and not _NOT_NAME.search(n)]


def byline_near_headline(near: Surroundings, text: str = "") -> list[str]:
    """Authors printed next to the headline: "By Jane Doe", "By" then "Jane Doe", or a
    lone name beside the date or reading time that is not a phrase of `text` (the
    page's words)."""
    labelled = labelled_byline(near)
    if labelled:
        return labelled
    phrase = phrase_of(text)  # read the page's words only when a lone name is looked for
    return lone_name(near, lambda n: plausible_author(n) and not phrase(n))


_PHRASE_WORD = re.compile(r"[^\W\d_][\w'’-]*")


def phrase_of(text: str) -> Callable[[str], bool]:
    """Whether a capitalised line is a phrase of `text` rather than a name: each of its
    words is also written in lower case there ("Key Features", "Top Agencies")."""
    common = set(re.findall(r"\b[a-z]+\b", text))

    def is_phrase(name: str) -> bool:
        words = [w.casefold() for w in _PHRASE_WORD.findall(name)]
        return bool(words) and all(w in common for w in words)

    return is_phrase


_NOT_AUTHOR_ROLE = re.compile(
    r"\b(?:reviewed|checked|edited|photographed|illustrated|photos?|images?)\s*$", re.I
)


def labelled_byline(near: Surroundings) -> list[str]:
    """Authors a "By" line next to the headline names ("By Jane Doe", "By" then "Jane
    Doe")."""
    for lines, step in ((near.after, 1), (near.before, -1)):  # `before` runs upwards
        for i, line in enumerate(lines):
            nxt = lines[i + step] if 0 <= i + step < len(lines) else ""
            previous = lines[i - step] if 0 <= i - step < len(lines) else ""
            if _NOT_AUTHOR_ROLE.search(previous):
                continue  # "Medically reviewed" / "by" / the reviewer's name
            if _BY_LABEL.match(line) and nxt and not _MENU_WORD.search(nxt):
                found = _names(nxt)
                if found:
                    return found
            match = BYLINE.match(line)
            if match and len(byline_head(line).split()) <= 12:  # "By Jo | date | ..."
                found = _names(match.group("names"))
                if found:
                    return found
    return []


# A link word left after a name, or "in" and the topic ("Mahua Das in", "Jo Roe in seo").
_TRAILING_LINK_WORD = re.compile(r"\s+(?:in|on|at|for|and|with)$|\s+in(?:\s+[a-z]\S*){1,2}$")


# A job title printed under a lone name ("TECH WRITER", "Senior Editor", "Marketing
# Director"); never itself the name.
_ROLE_LINE = re.compile(
    r"^(?:[\w-]+\s+){0,2}(?:writer|editor|reporter|correspondent|contributor|columnist"
    r"|journalist|author|director|manager|founder|co-founder|ceo|president|specialist"
    r"|consultant|strategist|analyst|educator)$",
    re.I,
)


def lone_name(near: Surroundings, accept: Callable[[str], bool] = plausible_author) -> list[str]:
    """A name next to the headline beside the date, reading time or job title, without
    "By": below it (the lines just above the headline count as beside the first one), or
    above it ("Jane Doe" / "May 2, 2025" / the headline). Of several, the one nearest
    its date; `accept` may turn down a name (a capture's menu words)."""
    above = near.before[:NAME_CONTEXT_LINES]
    after = [line for line in near.after[:8] if any(c.isalnum() for c in line)]  # not "•"
    best: tuple[int, str] | None = None
    for lines, headline_side in ((after, above), (above, [])):
        for i, line in enumerate(lines):
            name, dated = _name_on_line(line)
            if not _is_lone_name(name) or not accept(name):
                continue
            distance = 0 if dated else _distance_to_date(lines, i, headline_side)
            if lines is after and i + 1 < len(lines) and _ROLE_LINE.match(lines[i + 1].strip()):
                distance = 1
            if distance is not None and (best is None or distance < best[0]):
                best = (distance, name)
    return [best[1]] if best else []


# Lines read below a lone name (and one above it) for its date or reading time, and
# above the headline for the date of a name right under it. Set by reading wcxb_dev
# misses (a category or a dek line between name and date), not searched.
NAME_CONTEXT_LINES = 2
# "Tom Talbot October 14, 2025", "Kristian Larsen 13 July 2025 — 7 minutes read": a name
# and the date the byline element prints after it.
_NAME_THEN_DATE = re.compile(
    rf"^(?P<name>[^,]+?)\s+(?P<date>(?:{ENGLISH_MONTH}\b|\d{{1,2}}(?:st|nd|rd|th)?\s+{ENGLISH_MONTH}\b"
    r"|\d{1,4}[./-]\d|\d+\s*min).*)$",
    re.I,
)


def _name_on_line(line: str) -> tuple[str, bool]:
    """The name a line may hold, and whether the line also dates the article."""
    text = _TRAILING_LINK_WORD.sub("", line.strip(" ,"))  # "Mahua Das in" (a topic)
    match = _NAME_THEN_DATE.match(text)
    if match and _dates_article(match.group("date")):
        return match.group("name").strip(" ,·|-–—"), True
    name, _, rest = text.partition(",")
    if rest and all(_is_credential(chunk.strip()) for chunk in rest.split(",")):
        return name.strip(), False
    return text, False


def _is_credential(chunk: str) -> bool:
    """What follows a name after a comma in an author line: credentials ("MS, RD, FAND")
    or a job title ("Print Managing Editor")."""
    words = chunk.split()
    return bool(words) and (
        all(CREDENTIAL.match(w) for w in words) or bool(_ROLE_LINE.match(chunk))
    )


# Words of menus and calls to action, printed as capitalised two-word lines beside a
# date as names are ("Start Trial", "All Posts", "Find A Location").
_MENU_WORD = re.compile(
    r"\b(?:all|about|free|start|trial|find|locations?|posts|insights|rss|newsletters?"
    r"|resources|articles|categories|topics|demo|download|learn|more|sign|join|back|next"
    r"|previous|related|released?|show|hide|sidebar|tags|features|monday|tuesday|wednesday"
    r"|thursday|friday|saturday|sunday)\b",
    re.I,
)


def _is_heading(name: str) -> bool:
    """A heading such as "The Rundown": a person's name does not open with "The"; a
    credit does ("The Harbour Desk", "The Associated Press")."""
    return name.casefold().startswith("the ") and not AFFILIATION.search(name)


def _is_lone_name(name: str) -> bool:
    return (
        not BYLINE.match(name)  # a labelled byline, read as one
        and _looks_like_name(name)
        and not _NOT_NAME.search(name)
        and not _MENU_WORD.search(name)
        and not _ROLE_LINE.match(name)
        and not _is_heading(name)
        and plausible_author(name)
    )


def _distance_to_date(lines: Sequence[str], i: int, headline_side: Sequence[str]) -> int | None:
    """Lines from lines[i] to the nearest one that dates the article or times its
    reading, within NAME_CONTEXT_LINES; `headline_side` lies beyond the headline, one
    line away from lines[0]."""
    distances = [
        abs(j - i)
        for j in range(max(0, i - 1), min(len(lines), i + 1 + NAME_CONTEXT_LINES))
        if j != i and _dates_article(lines[j])
    ]
    if i == 0:
        distances += [2 + k for k, line in enumerate(headline_side) if _dates_article(line)]
    return min(distances) if distances else None


# "02-12-2025": a date whichever of its numbers is the day.
_NUMERIC_DATE = re.compile(r"^\d{1,2}[./-]\d{1,2}[./-](?:\d{2}|\d{4})$")


def _dates_article(line: str) -> bool:
    """A line that dates the article or times its reading ("Jun 9", "5 min read")."""
    return bool(
        find_date(line)
        or is_yearless_stamp(line)
        or _READ_TIME.search(line)
        or _NUMERIC_DATE.match(line.strip())
    )


# Bylines that say they are the article's own anywhere on the page ("Written by Jane Doe",
# "Author: Jane Doe", "About the author" then the name); a bare "By Jane Doe" far from the
# headline is as often a related story's.
_AUTHORSHIP = re.compile(
    r"^(?:written|posted|authored)\s+by\s*[:：]?\s+(?P<names>.+)$|^author\s*[:：]\s*(?P<after>.+)$",
    re.I,
)
_AUTHORSHIP_LABEL = re.compile(
    r"^(?:(?:article|post|story)\s+(?:written\s+)?by|written\s+by|posted\s+by"
    r"|about\s+the\s+author|author(?:\(s\)|s)?)\s*[:：]?$",
    re.I,
)
AUTHORSHIP_WORDS = 10  # a longer piece is prose that happens to say "written by"


def byline_on_page(body: etree._Element) -> list[str]:
    """Authors from the first line anywhere on the page that claims authorship."""
    return byline_in_lines(_node_texts(body, reverse=False))


def byline_in_lines(texts: Sequence[str]) -> list[str]:
    """Authors from the first of a page's lines (its elements' texts, or a capture's
    lines) that claims authorship."""
    pieces = [" ".join(p.split()) for p in texts]
    pieces = [p for p in pieces if p]
    for i, piece in enumerate(pieces):
        if len(piece.split()) > AUTHORSHIP_WORDS:
            continue
        match = _AUTHORSHIP.match(piece)
        if match:
            found = _names(match.group("names") or match.group("after"))
            if found:
                return found
        elif _AUTHORSHIP_LABEL.match(piece) and i + 1 < len(pieces):
            following = pieces[i + 1]
            if (
                len(following.split()) <= AUTHORSHIP_WORDS
                and not _NOT_NAME.search(following)
                and not _MENU_WORD.search(following)  # "Author" / "Recent Posts"
            ):
                found = _names(following)
                if found:
                    return found
        elif _introduces(piece, pieces[i + 1] if i + 1 < len(pieces) else ""):
            return [piece]
        elif i + 1 < len(pieces) and _ROLE_AUTHOR.match(pieces[i + 1]) and _looks_like_name(piece):
            found = _names(piece)  # "Jane Doe" / "Author"
            if found:
                return found
    return []


_ROLE_AUTHOR = re.compile(r"^(?:author|writer|staff writer|contributor)$", re.I)


def _introduces(name: str, following: str) -> bool:
    """An author box: a name, then a biography that opens with it ("Jane Doe is a
    reporter who ...")."""
    return (
        _looks_like_name(name)
        and following.startswith(name + " ")
        and following[len(name) :].lstrip().split(" ", 1)[0] in ("is", "was", "has", "writes")
        and _BIOGRAPHY.search(following) is not None
        and plausible_author(name)
    )


# A biography speaks of a person ("she", "his") or a job; a definition ("Google
# Analytics is a tool that ...") does neither.
_BIOGRAPHY = re.compile(
    r"\b(?:he|she|his|her|they|their|writer|editor|reporter|journalist|correspondent|author"
    r"|founder|co-founder|head|director|manager|professor|specialist|consultant|expert"
    r"|contributor)\b",
    re.I,
)
