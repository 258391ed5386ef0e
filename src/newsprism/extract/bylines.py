"""Author names from bylines ("By Jane Doe and John Roe, Reuters") and author lists."""

from __future__ import annotations

import re

# The label, then a space or a colon ("Written by:Elise Nass" as captures glue it);
# "Authors" only with its colon ("Authors Guild sues ..." is a headline).
BYLINE = re.compile(
    r"^(?:(?:by|written by|posted by|words by|story by|reporting by|analysis by|opinion by"
    r"|commentary by|par|von|por|di|door|av|af"
    r"|author|autor|auteur|text|texto|testo|текст|автор)(?:\s*[:：]\s*|\s+)"
    r"|authors\s*[:：]\s*)(?P<names>.+)$",
    re.I,
)

# Where a byline line goes on to its date or section ("By Jo Roe | May 2 | Politics").
_BYLINE_SEPARATOR = re.compile(r"\s[|·•]\s")


def byline_head(line: str) -> str:
    """The part of a byline line before its first separator: the label and the names."""
    return _BYLINE_SEPARATOR.split(line, maxsplit=1)[0]


# A name glued to the role or outlet printed after it ("By Meg JamesStaff Writer", "By
# Jonathan GarberFOXBusiness"): after the first word, three lower-case letters then a
# capital, which names rarely have ("McDonald", "MacKenzie" have one or two), and a
# role or outlet word or a capitalised run ("IndustrySelect", "BeauHD" are names).
_GLUED_ROLE = re.compile(r"(?<=\S\s)[^\W\d_]*?[a-z]{3}(?=(?P<caps>[A-Z]{2})?(?P<word>[A-Z][a-z]*))")
_CONTACT = re.compile(r"\S+@\S+\.\w+\S*|(?<!\S)@\w+")  # an e-mail address or a handle
_NAME_SPLIT = re.compile(r"\s*(?:\band\b|&|\bund\b|\bet\b|\by\b|\be\b|;)\s*")
_NAME_JUNK = re.compile(
    r"\b(?:staff|writer|reporter|correspondent|editor|contributor|columnist|updated|published"
    r"|posted|ago|min|news|the)\b.*$",
    re.I,
)
# Words of outlet names and job titles: "By Jane Doe, Northline Wire", "Jane Doe, Defence
# Industry Editor". After a comma they name the employer or the role, not an author.
AFFILIATION = re.compile(
    r"\b(?:wire|news|press|agency|agencies|associated|reuters|bloomberg|service|network|media"
    r"|radio|television|tv|magazine|times|post|herald|journal|gazette|ledger|tribune|bulletin"
    r"|courier|zeitung|daily|weekly|today|chronicle|telegraph|guardian|observer|review|report"
    r"|online|digital|group|inc|ltd|llc|staff|desk|team|editor|editors|correspondent|reporter"
    r"|writer|contributor|columnist|bureau|industry|senior|chief|political|special|national"
    r"|international|foreign|business|health|science|sports?|culture|opinion|contributing)\b",
    re.I,
)


def parse_byline(text: str) -> list[str]:
    """Author names from a byline such as 'By Jane Doe and John Roe, Reuters' (only
    plausible ones: see `plausible_author`)."""
    match = BYLINE.match(text.strip())
    body = match.group("names") if match else text.strip()
    body = _CONTACT.sub(" ", body)  # "By Jo Roe jroe@post.example(509) 555-0100"
    glued = _GLUED_ROLE.search(body)
    if glued and (glued.group("caps") or AFFILIATION.match(glued.group("word"))):
        body = body[: glued.end()]
    body = re.split(r"\s[|·•]\s|\s[-–—]\s|\s(?:on|at|am|le|el|il|em)\s|\d", body)[0]
    names = []
    for position, chunk in enumerate(body.split(",")):
        if position > 0 and AFFILIATION.search(chunk):
            continue  # "..., Northline Wire", "..., Defence Industry Editor"
        for part in _NAME_SPLIT.split(chunk):
            part = _NAME_JUNK.sub("", part).strip(" .,:;-–—|·•")
            words = part.split()
            if 1 <= len(words) <= 4 and all(w[0].isupper() for w in words if w[0].isalpha()):
                names.append(part)
    if any(" " in name for name in names):
        # "By Jane Doe, Reuters": one-word parts next to full names are outlets or roles.
        names = [name for name in names if " " in name]
    names = [name for name in names if plausible_author(name)]  # not "Updated", "Name"
    team = _TEAM_CREDIT.match(body.strip())
    if team and not any(" " in name for name in names):  # "HNN Staff" is not "HNN"
        return [team.group(0)]
    return names


# A byline crediting a team rather than a person ("By The Investopedia Team", "by News
# Desk", "By The Currency editors"): the credit is the author, as the page prints it.
_TEAM_CREDIT = re.compile(
    r"^(?i:the\s+)?(?:[A-Z][\w.'’&-]*\s+){1,3}(?i:team|staff|desk|editors|newsroom)\b"
)


# An English month name or its abbreviation (match with re.I), as bylines print dates.
ENGLISH_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t|tember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
# What author fields and bylines hold besides names: a date ("Dec", "Updated January"),
# the label of a byline box ("Written By", "About the Author") or a link beside it
# ("View more posts", "Contact Us"), a template's placeholder ("undefined", "Name"), a symbol.
_NOT_A_NAME = re.compile(
    rf"^{ENGLISH_MONTH}\.?$"
    r"|^(?:updated|published|last\s+updated)\b|^posted(?:\s+on\b.*)?$"
    r"|^(?:undefined|null|none|name|author|webmaster|admin|administrator|wpadmin)$"
    r"|^(?:written|posted|reviewed|edited)\s+by$"
    r"|\b(?:about\s+the\s+author|view\s+(?:more|all)\s+posts$|more\s+posts$|contact\s+us"
    r"|in\s+this\s+article|privacy\s+policy|terms\s+(?:of|and)\b)",
    re.I,
)


_LABEL = re.compile(
    r"^(?:(?:this\s+(?:post|article|story)\s+(?:was\s+)?)?(?:written|posted|reviewed|edited)\s+by"
    r"|view\s+(?:all|more)\s+posts\s+by)\s+",
    re.I,
)
# A job title written after a name in an author field ("Zackery Cuevas Writer", "Keith
# Barry Senior Autos Reporter"): cut at the title and the words that qualify it.
_ROLE_WORDS = frozenset(
    ["writer", "editor", "reporter", "correspondent", "contributor", "columnist", "journalist"]
)
_ROLE_QUALIFIERS = frozenset(
    ["staff", "senior", "contributing", "freelance", "associate", "managing", "deputy", "chief",
     "executive", "features", "news", "sports", "science", "health", "tech", "autos"]
)  # fmt: skip


def plausible_author(name: str) -> bool:
    """False for what is not a person's or an organisation's name (see _NOT_A_NAME)."""
    name = name.strip()
    return any(c.isalpha() for c in name) and not _NOT_A_NAME.search(name)


def person_names(names: list[str]) -> list[str]:
    """Authors without the outlet credits that metadata lists among them
    (["Jane Doe", "Northline Wire"] -> ["Jane Doe"]); kept whole when nothing is left."""
    names = [_without_role(_LABEL.sub("", name)) for name in names if plausible_author(name)]
    people = [name for name in names if not AFFILIATION.search(name)]
    return people or names


# What author fields and bylines carry around a name: a label before it ("Article by",
# "Read more about"), and after it a reviewer, an update or a date ("... Reviewed by Jo
# Roe", "... Last updated", "... February 8"), or a separator or symbol ("Jo Roe |").
_LEADING_LABEL = re.compile(
    r"^(?:(?:article|story|post|words|written|posted)\s+by|read\s+more\s+about|more\s+about)\s+",
    re.I,
)
_TRAILING_NOTE = re.compile(
    rf"\s+(?:(?:medically\s+)?(?:reviewed|edited|fact[- ]checked)\s+by\b|(?:last\s+)?updated\b"
    rf"|(?:on\s+)?{ENGLISH_MONTH}\.?\s+\d).*$"
    r"|^(?:on\s+)?" + ENGLISH_MONTH + r"\.?\s+\d.*$",
    re.I,
)


def tidy_authors(names: list[str]) -> list[str]:
    """Authors as a reader expects them: without labels, reviewers, dates or separators
    printed beside the name, each once."""
    tidy: list[str] = []
    for name in names:
        name = _TRAILING_NOTE.sub("", _LEADING_LABEL.sub("", name.strip()))
        name = name.strip(" |·•©,;:-–—")
        if name and plausible_author(name) and name not in tidy:
            tidy.append(name)
    if len(tidy) > 1:  # "Shelby Loos, DVM" split at its comma: the credential is no author
        tidy = [name for name in tidy if not CREDENTIAL.match(name)] or tidy
    return tidy


# A credential or degree printed after a name ("MS", "RDN", "E-RYT", "PhD", "M.D.").
CREDENTIAL = re.compile(r"^(?:[A-Z][A-Z.-]{1,6}|Ph\.?D\.?|M\.D\.)$")


def _without_role(name: str) -> str:
    """The name without a job title after it; the first two words are always kept."""
    words = name.split()
    for i in range(2, len(words)):
        if words[i].casefold().strip(",.") in _ROLE_WORDS:
            while i > 2 and words[i - 1].casefold() in _ROLE_QUALIFIERS:
                i -= 1
            return " ".join(words[:i])
    return name
