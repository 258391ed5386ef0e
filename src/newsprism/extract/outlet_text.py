"""Which outlet a text came from, when there is no URL to go by.

Two questions, kept apart:

- Who published this copy? The site whose chrome the capture carries: its masthead
  (the site's name alone on one of the first lines), its copyright footer
  ("© 2024 The Daily Example. All rights reserved."), a front matter or "Publisher:"
  line. Only when none of these names a known outlet do the weaker clues decide.
- Whose story is it? A copy of another outlet's story credits it: "Originally
  published by ...", "Source: ...", the wire credit in the dateline
  ("LONDON (Reuters) -", "(AP) —"), an outlet after the byline ("By Jane Doe,
  Reuters"). `syndication_credit` reports that outlet when it is not the publisher,
  so that the pipeline can link the copy to the original.

The outlet registry supplies (alias, outlet_id) pairs; this module only matches text
against them.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from newsprism.extract.dates import find_date
from newsprism.extract.frontmatter import split_front_matter

# Wire credits are usually abbreviated in datelines; registries list full names too.
_WIRE_NAMES = {
    "ap": "associated press",
    "afp": "agence france-presse",
    "upi": "united press international",
    "dpa": "deutsche presse-agentur",
    "ians": "indo-asian news service",
    "pti": "press trust of india",
    "ani": "asian news international",
    "cna": "channel newsasia",
    "efe": "agencia efe",
    "pa": "pa media",
}
MASTHEAD_LINES = 8  # how far down a capture the site's name may stand alone
DATELINE_LINES = 200  # the article (and its dateline) may sit below long menus
BYLINE_LINES = 80
STAFF_LINE_WORDS = 40  # an author's note is short; longer lines are the article's prose

# Evidence of the publishing site, most trusted first; then evidence of the story's
# origin, which names the publisher only when nothing else does.
PUBLISHER_KINDS = ("masthead", "copyright", "publisher", "staff")
SYNDICATION_KINDS = ("source", "dateline", "byline")

# "LONDON (Reuters) -", "New Delhi, Jan 5 (PTI):"; not a list item ("- Buy (Xbox
# version): ...").
_DATELINE_CREDIT = re.compile(
    r"^(?![-*•·]\s)[^\n]{0,80}?\((?P<name>[A-Z][\w&.'’ -]{0,40}?)\)\s*[-–—:]", re.MULTILINE
)
_SOURCE_LINE = re.compile(
    r"^\s*(?:source|sources|fonte|fuente|quelle|via"
    r"|first published (?:by|in|on)"
    r"|(?:this (?:article|story|post) )?(?:was )?(?:originally|first) (?:appeared|published|posted)"
    r"(?: (?:on|in|by|at))?|republished (?:from|with permission (?:from|of))|courtesy(?: of)?"
    r"|reprinted (?:from|with permission (?:from|of)))"
    r"\s*[:\-–—]?\s+(?!link\s*$)(?P<name>[^\n]{2,80}?)\s*[.!]?\s*$",
    re.IGNORECASE | re.MULTILINE,
)
# "Published by X"; the other labels need their colon or dash, as "Site Map", "Site
# Search" and "Publication design" are links and headings, not labels.
_PUBLISHER_LINE = re.compile(
    r"^\s*(?:published by\s*[:\-–—]?|(?:publisher|site|site[ _]name|publication)\s*[:\-–—])"
    r"\s*(?P<name>[^\n]{2,80}?)\s*[.]?\s*$",
    re.IGNORECASE | re.MULTILINE,
)
# The holder's name may hold a dot before a domain ending, inside an abbreviation or
# after a middle initial ("Example.com", "Example B.V.", "Jane Q. Public"); other dots
# end it, glued ones too ("Network.Turner"). Case-sensitive inside _COPYRIGHT.
_NAME_DOT = r"(?-i:\.(?=[a-z]{2,}\b|[A-Za-z]\.|[A-Z]\b)|(?<=\s[A-Z])\.(?=\s[A-Z][a-z]))"
_COPYRIGHT = re.compile(
    r"(?:©|\(c\)|copyright(?:ed|s)?\b)\s*(?:(?:©|copyrights?\b)\s*)?"
    r"(?P<year>(?:19|20)\d{2}(?:\s*[-–]\s*(?:19|20)\d{2})?\s*)?[,.]?"
    rf"\s*(?:by\s+)?(?P<name>(?:[^\n.|,]|{_NAME_DOT})(?:[^\n.|,]|{_NAME_DOT}){{1,79}}?)"
    rf"\s*(?:(?!{_NAME_DOT})\.|[|,]|all rights reserved|$)",
    re.IGNORECASE,
)
_COPYRIGHT_LINE_START = re.compile(r"^[\s|*•·-]*(?:©|\(c\)|copyright\b)", re.IGNORECASE)
_SOURCE_LINK = re.compile(r"^\s*source\s+link\s*$", re.IGNORECASE | re.MULTILINE)
# An author's note: "Phil Helsel is a reporter for NBC News", "Zac covers Apple news for
# 9to5Mac", "Science writer at Gizmodo".
_STAFF_LINE = re.compile(
    r"\b(?:reporter|writer|editor|correspondent|journalist|columnist|contributor|producer"
    r"|covers\s[^.\n]{1,60}?)\s+(?:for|at|with)\s+(?P<name>(?:the\s+)?[A-Z0-9][\w&.'’-]*"
    r"(?:\s+[A-Z][\w&.'’-]*){0,4})",
)
_BYLINE_START = re.compile(r"^(?:by|von|por|par|di|door)\s+(?P<rest>.+)$", re.IGNORECASE)
_BYLINE_SEPARATORS = re.compile(r"\s*,\s*|\s+[|·•–—-]\s+|\s+(?:for|für|para|pour)\s+")


@dataclass
class OutletCredit:
    """An outlet name read from a text, and where it was read."""

    name: str
    kind: str  # masthead | copyright | publisher | source | dateline | byline


def normalize_outlet_name(name: str) -> str:
    """Case-, accent- and punctuation-insensitive key; drops a leading 'The'."""
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    folded = re.sub(r"[^\w.]+", " ", folded.casefold()).strip()
    folded = re.sub(r"^the\s+", "", folded)
    folded = re.sub(r"\s*\.(?=\s|$)", "", folded)  # trailing dots, "Inc."
    return re.sub(r"\s+", " ", folded).strip()


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def _clean_name(name: str) -> str:
    name = " ".join(re.sub(r"https?://\S+", "", name).split())
    name = re.sub(
        r"\s+(?:all rights reserved|ltd|llc|inc|plc|gmbh|b\.v|n\.v|pte|pty|ag)\b.*$",
        "",
        name,
        flags=re.I,
    )
    name = re.sub(r"\s+(?:19|20)\d{2}$", "", name)  # "© Gannett 2018": the year after
    return name.strip(" .,:;-–—|\"'“”*_#•·∙®™")


# What follows a holder's name on a footer line: a separator before the footer's links
# ("Jo Roe · Privacy ∙ Terms"), what owns it ("a Centerfield Media company"), the makers
# of the site ("Powered by", "Theme by"), "unless otherwise noted", the year ("© Example
# 2025 - All Rights Reserved") or a licence number.
_AFTER_HOLDER = re.compile(
    r"\s+[·•∙|–—-]\s.*$"
    r"|\s+an?\s+(?:\S+\s+){0,4}?(?:company|brand|publication)\b.*$"
    r"|\s*\b(?:(?:powered|designed|developed|built|hosted|made)\s+(?:by|with)"
    r"|(?:theme|template|site|website)\s+by)\b.*$"
    r"|\s+unless\s+otherwise\b.*$"
    r"|\s+(?:19|20)\d{2}\b.*$"
    r"|\s+\S*\d{6,}.*$"
    r"|\s+(?:is|are)\s+(?:a\s+)?(?:registered\s+)?trademarks?\b.*$",
    re.IGNORECASE,
)
_LEADING_RESERVED = re.compile(r"^(?:all rights reserved|copyrights?)\b[\s.,:;|·•∙–—-]*", re.I)
# Words a footer line holds where a name should be: "Copyright and Trademark", "© 2013
# onwards", "Site Map".
_NOT_A_HOLDER = re.compile(
    r"^(?:all rights reserved|privacy|terms|policies|notices|index|links|blog|map|search"
    r"|home|standards|site|website|log in|sign in)$",
    re.IGNORECASE,
)
_SITE_SOFTWARE = re.compile(r"\b(?:wordpress|theme|template)\b", re.IGNORECASE)


def holder_name(text: str) -> str | None:
    """The name a copyright footer or a publisher label gives, without what stands
    around it on the line; None when that is no name (a year, "All rights reserved",
    a theme's credit, a lower-case word)."""
    name = _clean_name(_LEADING_RESERVED.sub("", text.strip(" \t•·∙|©")))
    name = _clean_name(_AFTER_HOLDER.sub("", name))
    if not re.search(r"[^\W\d_]", name) or _NOT_A_HOLDER.match(name):
        return None
    if _SITE_SOFTWARE.search(name):
        return None
    if name[0].islower() and not re.fullmatch(r"\S*[A-Z0-9.\-]\S*", name):
        return None  # brand names written lower-case are one word: "moveBuddha", "example.com"
    return name


def _masthead_credits(lines: list[str], title: str) -> list[OutletCredit]:
    title_key = normalize_outlet_name(title) if title else ""
    credits = []
    for index, line in enumerate(lines[:MASTHEAD_LINES]):
        name = _clean_name(line)
        if title_key and normalize_outlet_name(name) == title_key:
            break
        if _in_menu(lines, index):
            continue
        if len(name.split()) <= 5 and name[:1].isupper() and not name.endswith((".", "?", "!")):
            credits.append(OutletCredit(name, "masthead"))
    return credits


MENU_ITEM_WORDS = 3  # set once, not searched (AEB captures: 94/120 with the rule, 92 without)


def _in_menu(lines: list[str], index: int) -> bool:
    """A line between two menu items is a section ("Tech / Nature / Politics"), not the
    site's name; the masthead stands above the menu or apart from it."""
    if index == 0 or index + 1 >= len(lines):
        return False
    return all(
        len(lines[i].split()) <= MENU_ITEM_WORDS and not lines[i].endswith((".", "?", "!"))
        for i in (index - 1, index + 1)
    )


FOOTER_LINES = 8  # set once, not searched (AEB captures: Detroit News gained, none lost)


def _copyright_credits(lines: list[str]) -> list[OutletCredit]:
    """Footer copyright lines, the last (the site's own footer) first. A bare "© Agency"
    without a year or "all rights reserved" is a picture credit and is not kept, unless
    it stands among the last lines of a page that has no dated copyright line."""
    dated: list[OutletCredit] = []
    bare: list[OutletCredit] = []
    for index in range(len(lines) - 1, -1, -1):
        line = lines[index]
        reserved = "all rights reserved" in line.lower()
        if not _COPYRIGHT_LINE_START.match(line) and not reserved:
            continue
        match = _COPYRIGHT.search(line)
        if match is None:
            continue
        name = holder_name(match.group("name"))
        if name is None:
            continue
        credit = OutletCredit(name, "copyright")
        if match.group("year") or reserved:
            dated.append(credit)
        elif index >= len(lines) - FOOTER_LINES:
            bare.append(credit)
    return dated or bare


def _source_credits(text: str, lines: list[str]) -> list[OutletCredit]:
    credits = []
    for match in _SOURCE_LINE.finditer(text):
        credits.append(OutletCredit(_clean_name(match.group("name")), "source"))
    for index, line in enumerate(lines):
        if _SOURCE_LINK.match(line):
            # Aggregators print the original's name next to "Source link".
            for neighbour in lines[max(0, index - 1) : index] + lines[index + 1 : index + 2]:
                if len(neighbour.split()) <= 6:
                    credits.append(OutletCredit(_clean_name(neighbour), "source"))
    return credits


def _byline_credits(lines: list[str]) -> list[OutletCredit]:
    """Outlets named after the author: "By Jane Doe, Reuters", "By Jane Doe | AP",
    "Jane Doe, Editor · The Daily Example · 3 March 2024"."""
    credits: list[OutletCredit] = []
    for line in lines[:BYLINE_LINES]:
        if len(line.split()) > 20:
            continue
        match = _BYLINE_START.match(line)
        if match is not None and len(line.split()) <= 14:
            chunks = re.split(_BYLINE_SEPARATORS, match["rest"])
            credits.extend(OutletCredit(_clean_name(c), "byline") for c in chunks[1:] if c.strip())
            continue
        segments = re.split(r"\s+[|·•]\s+", line)
        if len(segments) >= 3 and any(find_date(s) is not None for s in segments):
            credits.extend(OutletCredit(_clean_name(s), "byline") for s in segments[1:])
    return credits


# Words a name may write in lower case ("Voice of America", "Il Sole 24 Ore").
_NAME_CONNECTORS = frozenset(
    [
        "a",
        "an",
        "and",
        "at",
        "de",
        "del",
        "der",
        "des",
        "di",
        "du",
        "el",
        "en",
        "for",
        "il",
        "in",
        "la",
        "le",
        "les",
        "of",
        "on",
        "the",
        "to",
        "und",
        "y",
    ]
)


def written_as_name(span: list[str]) -> bool:
    """Whether words are written as a name, each capitalised but for connectors after
    the first: "The Paper", "Press Trust of India"; not "the paper" in prose or
    "Xbox version" in "- Buy (Xbox version): ..."."""
    return all(
        w[:1].isupper() or w[:1].isdigit() or w.casefold() in _NAME_CONNECTORS for w in span
    ) and (span[0][:1].isupper() or span[0][:1].isdigit())


def find_outlet_credits(title: str, text: str) -> list[OutletCredit]:
    """Outlet names that a text credits, publisher evidence first (masthead, copyright
    footer, publisher lines), then origin evidence (source lines, dateline credits,
    byline credits); duplicates removed.

    Masthead candidates are the short lines above the title (or the first lines when
    the title is not found in the text); they are only reported when they look like a
    name (few words, capitalised) and are confirmed against the registry by
    `identify_outlet_from_text`.
    """
    front, body = split_front_matter(text)
    lines = _lines(body)
    credits: list[OutletCredit] = []
    if front is not None and front.site_name:
        credits.append(OutletCredit(_clean_name(front.site_name), "publisher"))
    credits += _masthead_credits(lines, title)
    credits += _copyright_credits(lines)
    for match in _PUBLISHER_LINE.finditer(body):
        name = holder_name(match.group("name"))
        if name is not None:
            credits.append(OutletCredit(name, "publisher"))
    for line in lines:
        if len(line.split()) <= STAFF_LINE_WORDS:
            credits += [
                OutletCredit(_clean_name(m.group("name")), "staff")
                for m in _STAFF_LINE.finditer(line)
            ]
    return _unique(credits + _origin_credits(body, lines))


def _origin_credits(body: str, lines: list[str]) -> list[OutletCredit]:
    """Credits of a story's origin: source lines, dateline and byline credits."""
    credits = _source_credits(body, lines)
    head = "\n".join(lines[:DATELINE_LINES])
    for match in _DATELINE_CREDIT.finditer(head):
        if written_as_name(match.group("name").split()):
            credits.append(OutletCredit(_clean_name(match.group("name")), "dateline"))
    return credits + _byline_credits(lines)


def _unique(credits: list[OutletCredit]) -> list[OutletCredit]:
    """Credits in order of kind (publisher marks first), each name once per kind."""
    order = {kind: i for i, kind in enumerate(PUBLISHER_KINDS + SYNDICATION_KINDS)}
    credits = sorted(credits, key=lambda c: order[c.kind])  # stable: reading order
    seen: set[tuple[str, str]] = set()
    unique = []
    for credit in credits:
        key = (normalize_outlet_name(credit.name), credit.kind)
        if credit.name and key[0] and key not in seen:
            seen.add(key)
            unique.append(credit)
    return unique


def publisher_name(title: str, text: str) -> str | None:
    """The publishing site's name as a text states it (copyright footer, publisher or
    front matter line), without a registry; None when the text does not say."""
    for credit in find_outlet_credits(title, text):
        if credit.kind in ("copyright", "publisher"):
            return credit.name
    return None


class AliasTable(dict[str, str]):
    """Normalised alias -> outlet_id (made by `alias_table`), with how the names are
    written: `needs_the`, the keys of outlets called "The" and one word ("The News",
    "The Week"), whose word alone is a common word; `acronyms`, the keys of names
    written in capitals ("AP", "CNN"), not mere abbreviations of one ("Ms.")."""

    needs_the: frozenset[str] = frozenset()
    acronyms: frozenset[str] = frozenset()


THE_AND_A_WORD = re.compile(r"^the\s+[\w'’-]+$", re.I)
MAX_ACRONYM_CHARS = 5


def _is_acronym(name: str) -> bool:
    """A short name written in capitals: "AP", "CNN", "WSJ" (not "Ms.", "Vox")."""
    letters = re.sub(r"[^A-Za-z]", "", name)
    return 2 <= len(letters) <= MAX_ACRONYM_CHARS and letters.isupper() and " " not in name.strip()


def alias_table(names: Iterable[tuple[str, str]]) -> AliasTable:
    """Normalised alias -> outlet_id; build it once and pass it to
    `identify_outlet_from_text` when identifying many texts. Where names collide the
    first pair wins (`Registry.names` gives the best claim first)."""
    table = AliasTable()
    labels: dict[str, str] = {}
    needs_the: set[str] = set()
    acronyms: set[str] = set()
    for alias, outlet_id in names:
        key = normalize_outlet_name(alias)
        if len(key) >= 2:
            table.setdefault(key, outlet_id)
        if THE_AND_A_WORD.match(alias.strip()):
            needs_the.add(key)
        if _is_acronym(alias):
            acronyms.add(key)
        label = _domain_label(key)
        if label is not None:
            labels.setdefault(label, outlet_id)
    for label, outlet_id in labels.items():
        table.setdefault(LABEL_PREFIX + label, outlet_id)
    table.needs_the = frozenset(needs_the)
    table.acronyms = frozenset(acronyms)
    return table


_DOMAIN_NAME = re.compile(r"^(?P<label>[a-z0-9-]+)\.[a-z]{2,6}(?:\.[a-z]{2})?$")
MIN_LABEL_CHARS = 6  # shorter labels ("open", "week") are words, not names


# Domain labels are kept apart in the alias table (under this prefix, which a
# normalised name never starts with) and matched only by a name written as one word
# with capitals or digits inside: "ScienceAlert", "CityAM", "9to5Mac" -- not by a
# plain word ("Weather", "Panorama") or words run together ("White House") that
# happen to be some site's domain.
LABEL_PREFIX = "~"
_CAMEL = re.compile(r"[a-z][A-Z]|[A-Z]{2}[a-z]|\d[A-Za-z]|[A-Za-z]\d")


def label_key(words: list[str]) -> str | None:
    """The alias-table key of a written name as a domain label, when the name is one
    word written like a label; None otherwise."""
    if len(words) != 1 or not _CAMEL.search(words[0]):
        return None
    squashed = re.sub(r"[^a-z0-9]", "", words[0].casefold())
    return LABEL_PREFIX + squashed if len(squashed) >= MIN_LABEL_CHARS else None


def _domain_label(key: str) -> str | None:
    """The name a site writes of itself when its registry name is its domain:
    "sciencealert.com" -> "sciencealert" (read as "ScienceAlert" in the text)."""
    match = _DOMAIN_NAME.match(key)
    if match is None or len(match.group("label")) < MIN_LABEL_CHARS:
        return None
    return match.group("label")


def _table(names: Iterable[tuple[str, str]] | Mapping[str, str]) -> Mapping[str, str]:
    # a prebuilt table is used as it is: copying ~20,000 aliases per text is the cost
    # `alias_table` exists to avoid
    return names if isinstance(names, Mapping) else alias_table(names)


def _claims(name: str, key: str, table: Mapping[str, str]) -> bool:
    """Whether a name as written may stand for the outlet under `key`: "News" is not
    "The News", though both reduce to one key."""
    needs_the: frozenset[str] = getattr(table, "needs_the", frozenset())
    return key in table and (key not in needs_the or name.strip().casefold().startswith("the "))


def _exact(name: str, table: Mapping[str, str]) -> str | None:
    """The outlet an alias (or a wire's abbreviation or full name) names exactly."""
    key = normalize_outlet_name(name)
    if _claims(name, key, table):
        return table[key]
    label = label_key(name.split())
    if label is not None and label in table:
        return table[label]
    wire = _WIRE_NAMES.get(key)
    if wire and wire in table:
        return table[wire]
    for long, short in ((v, k) for k, v in _WIRE_NAMES.items()):
        if key == long and short in table:
            return table[short]
    return None


def _lookup(name: str, table: Mapping[str, str]) -> str | None:
    found = _exact(name, table)
    if found is not None:
        return found
    # "The Daily Example Media Group", "Daily Example staff": the longest alias that
    # starts the credit.
    words = normalize_outlet_name(name).split()
    for size in range(len(words) - 1, 0, -1):
        prefix = " ".join(words[:size])
        if len(prefix) >= 4 and _claims(name, prefix, table):
            return table[prefix]
    return None


MAX_LABEL_WORDS = 4  # leading words of an owner's name tried as one domain label


def owner_name_id(name: str, table: Mapping[str, str]) -> str | None:
    """The outlet a publisher or copyright holder's name stands for: the name or its
    longest leading alias, else its leading words run together as a site's domain label
    ("Healthline Media" -> healthline.com, "The Real Deal is a registered trademark of
    ..." -> therealdeal.com). Only for names the page gives as its owner: in prose, words
    run together would find any site whose domain spells them."""
    found = _lookup(name, table)
    if found is not None:
        return found
    words = re.findall(r"[a-z0-9]+", name.casefold())
    starts = [words, words[1:]] if words[:1] == ["the"] else [words]
    for lead in starts:  # therealdeal.com, but hollywoodreporter.com for "The Hollywood ..."
        for size in range(min(len(lead), MAX_LABEL_WORDS), 0, -1):
            label = "".join(lead[:size])
            if len(label) >= MIN_LABEL_CHARS and LABEL_PREFIX + label in table:
                return table[LABEL_PREFIX + label]
    return None


def _match(credit: OutletCredit, table: Mapping[str, str]) -> str | None:
    if credit.kind == "masthead":  # exact: menus sit nearby
        key = normalize_outlet_name(credit.name)
        return table[key] if _claims(credit.name, key, table) else None
    if credit.kind == "byline":  # exact: "By Tuesday, Reuters reported ..." is prose
        key = normalize_outlet_name(credit.name)
        acronyms = getattr(table, "acronyms", None)
        if acronyms is not None and _is_acronym(credit.name) and key not in acronyms:
            # "By Jane Doe, MS, RDN": letters after a name are credentials unless the
            # registry writes the name so ("AP", "CNN"), not as "Ms."
            return _exact(_WIRE_NAMES[key], table) if key in _WIRE_NAMES else None
        return _exact(credit.name, table)
    if credit.kind in ("copyright", "publisher"):
        return owner_name_id(credit.name, table)
    return _lookup(credit.name, table)


def _publisher(credits: list[OutletCredit], table: Mapping[str, str]) -> tuple[str | None, str]:
    """(outlet_id, kind of the evidence) of the publisher; (None, "") when unknown."""
    for credit in credits:
        found = _match(credit, table)
        if found is not None:
            return found, credit.kind
    return None, ""


def credited_outlet(
    title: str, text: str, names: Iterable[tuple[str, str]] | Mapping[str, str]
) -> tuple[str | None, str]:
    """(outlet_id, kind of credit) of the outlet a text credits most surely (publisher
    marks before origin credits); (None, "") when no credit names a known outlet."""
    table = _table(names)
    return _publisher(find_outlet_credits(title, text), table) if table else (None, "")


def identify_outlet_from_text(
    title: str, text: str, names: Iterable[tuple[str, str]] | Mapping[str, str]
) -> str | None:
    """outlet_id of the outlet that published a text, matched against the registry.

    The site's own marks (masthead, copyright footer, publisher line) win over the
    credits of a story's origin ("Originally published by ...", "(Wire) —" datelines),
    which decide only when the text carries no site marks. Pass the text before
    boilerplate removal: mastheads and footers live in the chrome. `names` is
    (alias, outlet_id) pairs, or the table `alias_table` made of them.
    """
    table = _table(names)
    if not table:
        return None
    return _publisher(find_outlet_credits(title, text), table)[0]


def syndication_credit(
    title: str, text: str, names: Iterable[tuple[str, str]] | Mapping[str, str]
) -> str | None:
    """outlet_id of the outlet whose story a text republishes, when the text is a copy.

    A copy carries its publisher's marks (masthead, copyright footer) and credits
    another outlet as the story's origin: "Originally published by Northline Wire",
    "Source: ...", a "(Northline Wire) —" dateline, "By Jane Doe, Northline Wire".
    None when the credited outlet is the publisher itself (a wire on its own site) or
    when the text has no publisher marks to tell a copy from the original.
    """
    table = _table(names)
    if not table:
        return None
    credits = find_outlet_credits(title, text)
    publisher, kind = _publisher(credits, table)
    if publisher is None or kind not in PUBLISHER_KINDS:
        return None
    for credit in credits:
        if credit.kind in SYNDICATION_KINDS:
            found = _match(credit, table)
            if found is not None and found != publisher:
                return found
    return None


def origin_credit(
    text: str,
    names: Iterable[tuple[str, str]] | Mapping[str, str],
    publisher: str | None,
) -> str | None:
    """outlet_id of the outlet a text credits as its story's origin ("(Reuters) -",
    "Originally published by ...", "By Jane Doe, AP") when that is not `publisher`,
    the outlet already known to have published it (from its URL, for instance). Only
    the origin credits are read, not the site's marks: a fifth of the time."""
    table = _table(names)
    if not table:
        return None
    _, body = split_front_matter(text)
    for credit in _unique(_origin_credits(body, _lines(body))):
        found = _match(credit, table)
        if found is not None and found != publisher:
            return found
    return None
