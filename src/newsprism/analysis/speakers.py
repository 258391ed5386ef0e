"""Who spoke in a story: one speaker per person, group or organisation across its articles.

Each article resolves its own speakers (`enrich/quotes.py`: a surname alone or "the
spokesperson" takes the fullest earlier mention *in that article*). A story reads many
articles, which name the same person differently ("Mao Ning", "Mao", "Chinese Foreign
Ministry spokesperson Mao Ning", "the spokesperson"). Here those mentions become one
`Speaker` with its name, role and organisation apart, and phrases that name no one
(a date, a weekday, the reader, "Here's", "That's exactly what ...", "on bribery
charges") are dropped.

Rules, in order:
- a mention is dropped when `is_speaker_phrase` says it names no one;
- a title ("Mr.", "Sen.") is not part of the name; a leading capitalised role and
  organisation ("Foreign Ministry spokesperson Mao Ning") are split off the name;
- a person's short form (one word: a surname, or a family name written first) joins the
  one fuller name holding that word; two fuller names holding it: it stays apart;
- a role alone ("the spokesperson", "the ministry's spokeswoman") joins the one named
  person whose role has that role noun; none or several: it stays apart, typed `role`;
- the speaker's role and organisation are the ones its mentions give most often.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from newsprism.enrich.quote_patterns import (
    ANON_HEADS,
    AUXILIARIES,
    ORG_NOUNS,
    PERSON_TITLES,
    PREPOSITIONS,
    PRONOUNS,
    QUANTITY_SUBJECT,
    ROLE_NOUNS,
)
from newsprism.enrich.quotes import is_non_speaker


@dataclass(frozen=True)
class SpeakerMention:
    """One quote's speaker as an article gives it."""

    name: str
    role: str | None = None
    org: str | None = None
    anonymous: bool = False
    article_id: str | None = None
    outlet: str | None = None


@dataclass
class Speaker:
    """One speaker of a story: `kind` is person, organisation, group, role or anonymous."""

    name: str
    kind: str
    role: str | None = None
    org: str | None = None
    aliases: list[str] = field(default_factory=list)  # every wording met, fullest first
    article_ids: list[str] = field(default_factory=list)
    outlets: list[str] = field(default_factory=list)
    statements: int = 0

    def label(self) -> str:
        """`Mao Ning (spokesperson, Chinese Foreign Ministry)`."""
        return speaker_label(self.name, self.role, self.org)

    def summary(self) -> str:
        """`person · 3 statements in 2 outlets` (the story page and `story --markdown`)."""
        said = f"{self.statements} statement{'s' if self.statements != 1 else ''}"
        where = f"{len(self.outlets)} outlet{'s' if len(self.outlets) != 1 else ''}"
        return f"{self.kind} · {said} in {where}"

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "kind": self.kind,
            "role": self.role,
            "org": self.org,
            "aliases": self.aliases,
            "article_ids": self.article_ids,
            "outlets": self.outlets,
            "statements": self.statements,
        }


def speaker_label(name: str, role: str | None = None, org: str | None = None) -> str:
    """A speaker as shown: its name, then its role and organisation when the name does
    not already hold them (`Mao Ning (spokesperson, Foreign Ministry)`)."""
    extra = ", ".join(x for x in (role, org) if x and x not in name)
    return f"{name} ({extra})" if extra else name


# Openings of a clause or a fragment picked up as a speaker: "Here's", "That's exactly
# what ...", "It's", "What".
_FRAGMENT = re.compile(
    r"^(?:here|there|that|this|it|what|who|which|where|when|why|how)(?:[’']s\b|\s+(?:is|was)\b)?",
    re.IGNORECASE,
)
_CONTRACTION = re.compile(r"\w[’'](?:s|re|ll|ve|d)\b\s+\w+\s+(?:what|how|why)\b", re.IGNORECASE)
_WORD = re.compile(r"[\w’'.&-]+")
_POSSESSIVE = re.compile(r"[’']s$")


def _words(phrase: str) -> list[str]:
    return _WORD.findall(phrase)


def _bare(word: str) -> str:
    return _POSSESSIVE.sub("", word.lower().strip(".,;:’'\"()"))


def is_speaker_phrase(phrase: str) -> bool:
    """The phrase can name a person, group or organisation (not a date, a weekday, a
    time, a place adjective, a section name, the reader, a pronoun left unresolved, a
    fragment of a clause, or a prepositional phrase)."""
    phrase = phrase.strip()
    words = _words(phrase)
    if not words or len(words) > 14 or is_non_speaker(phrase):
        return False
    first = _bare(words[0])
    if first in PRONOUNS or first in ("him", "her", "them", "you", "your", "me", "us"):
        return False
    if first in PREPOSITIONS or first in ("and", "or", "but", "if", "because", "as"):
        return False
    if _FRAGMENT.match(phrase) and not (
        first in ("that", "this") and len(words) >= 2 and _bare(words[1]) in _HEADS
    ):
        return False
    if _CONTRACTION.search(phrase):
        return False
    if any(_bare(w) in _CLAUSE_WORDS for w in words):
        return False  # "The registration issue was first", "Neither Clinton nor ..."
    has_cap = any(w[:1].isupper() for w in words)
    has_head = any(_bare(w) in _HEADS for w in words)
    return has_cap or has_head


_HEADS = ANON_HEADS | ROLE_NOUNS | ORG_NOUNS
_CLAUSE_WORDS = AUXILIARIES | {"not", "neither", "nor", "never", "n’t", "n't"}
# Words before a name that describe rather than name ("Republican Donald Trump",
# "Rival Hillary Clinton"); dropped so that every mention of one person agrees.
_DESCRIPTORS = frozenset(
    [
        "republican",
        "democrat",
        "democratic",
        "libertarian",
        "independent",
        "rival",
        "former",
        "candidate",
        "nominee",
        "presidential",
        "conservative",
        "liberal",
        "progressive",
        "incumbent",
        "but",
        "and",
        "yet",
        "so",
        "also",
    ]
)


def _is_head(word: str) -> bool:
    bare = _bare(word)
    return bare in _HEADS or bare.removesuffix("s") in _HEADS


def _strip_titles(words: list[str]) -> list[str]:
    out = list(words)
    while len(out) > 1 and out[0].lower() in PERSON_TITLES:
        out = out[1:]
    return out


def _descriptive(phrase: str | None) -> str | None:
    """A role or organisation as given, or None when it describes nothing ("shows that",
    "rival", "the"): it needs a role, group or organisation noun or a capitalised word,
    and no verb."""
    if not phrase:
        return None
    words = _words(phrase)
    if any(_bare(w) in _CLAUSE_WORDS or _bare(w) == "that" for w in words):
        return None
    if any(_is_head(w) or w[:1].isupper() for w in words):
        return phrase
    return None


def split_name(mention: SpeakerMention) -> tuple[str, str | None, str | None]:
    """(name, role, organisation): a leading role and organisation come off a person's
    name ("Foreign Ministry spokesperson Mao Ning" -> "Mao Ning", "spokesperson",
    "Foreign Ministry"); the mention's own role and organisation win when given."""
    words = _words(mention.name)
    role, org = mention.role, _descriptive(mention.org)
    if role and _bare(role.split()[-1]) in PREPOSITIONS:
        # "Officials in" + "Riverland", "spokeswoman for" + "Hillary Clinton": the phrase
        # was cut before its name; whole again, it names a group or a role of that
        # organisation. Without a head noun ("ad uses footage of") it names no one.
        if not any(_is_head(w) for w in role.split()):
            return "", None, None
        name = mention.name.strip()
        return f"{role} {name}", None, name
    role = _descriptive(role)
    while len(words) > 2 and _bare(words[0]) in _DESCRIPTORS and words[1][:1].isupper():
        words = words[1:]
    if role and org and role.startswith(org + " "):
        role = role[len(org) :].strip()  # "Defence Ministry spokesperson" -> "spokesperson"
    # The last role noun before the capitalised name that ends the phrase.
    cut = max((i for i, w in enumerate(words[:-1]) if _bare(w) in ROLE_NOUNS), default=-1)
    tail = _strip_titles(words[cut + 1 :])
    if cut >= 0 and tail and all(w[:1].isupper() for w in tail):
        head = words[: cut + 1]
        role = role or words[cut]
        before = [w for w in head[:-1] if w.lower() not in ("the", "a", "an")]
        if before and not org:
            org = " ".join(before)
        return " ".join(tail), role, org
    if words and words[0][:1].isupper():
        return " ".join(_strip_titles(words)), role, org
    return " ".join(words), role, org


def _kind(name: str, role: str | None, anonymous: bool) -> str:
    words = _words(name)
    bare = [_bare(w) for w in words]
    if anonymous:
        return "anonymous"
    if QUANTITY_SUBJECT.match(name):
        return "group"  # "Six in 10 voters", "Almost half"
    if any(b in ANON_HEADS for b in bare) and not all(w[:1].isupper() for w in words):
        return "group"
    if any(b in ORG_NOUNS for b in bare):
        return "organisation"
    if words and words[0][:1].islower():
        return "role" if any(b in ROLE_NOUNS for b in bare) else "group"
    if len(words) == 1 and words[0].isupper() and len(words[0]) > 1:
        return "organisation"  # "NATO", "CNN"
    return "person"


def _person_words(name: str) -> set[str]:
    return {_bare(w) for w in _words(name) if w[:1].isupper()}


_Item = tuple[SpeakerMention, str, str | None, str | None, str]  # mention, name, role, org, kind


def unify_speakers(mentions: Iterable[SpeakerMention]) -> list[Speaker]:
    """The story's speakers, one per person, group or organisation, most quoted first."""
    kept: list[_Item] = []
    for mention in mentions:
        name, role, org = split_name(mention)
        if not name or not is_speaker_phrase(name):
            continue
        kept.append((mention, name, role, org, _kind(name, role, mention.anonymous)))
    # Full names: persons of two words or more; a one-word person joins the only one
    # holding that word.
    full = sorted(
        {name for _, name, _, _, kind in kept if kind == "person" and len(_words(name)) >= 2},
        key=lambda n: -len(_words(n)),
    )
    canonical: dict[str, str] = {}
    for name in full:
        # "Ning" / "Mao Ning" / "Mao Ning Li": a shorter full name inside a longer one.
        longer = [f for f in full if f != name and _person_words(name) < _person_words(f)]
        canonical[name] = longer[0] if len(longer) == 1 else name
    groups: dict[str, list[_Item]] = {}
    for item in kept:
        mention, name, role, org, kind = item
        key = canonical.get(name, name)
        # A surname alone, or a transcript's "PENCE", joins the one full name holding it.
        if kind in ("person", "organisation") and len(_words(name)) == 1:
            holders = {canonical[f] for f in full if _bare(name) in _person_words(f)}
            if len(holders) == 1 and (kind == "person" or name.isupper()):
                key = holders.pop()
                item = (mention, name, role, org, "person")
        groups.setdefault(key, []).append(item)
    _attach_roles(groups)
    speakers = [_speaker(key, items) for key, items in groups.items()]
    speakers.sort(key=lambda s: (-s.statements, -len(s.outlets), s.name))
    return speakers


def _attach_roles(groups: dict[str, list[_Item]]) -> None:
    """A role alone ("the spokesperson") joins the one named person holding that role."""
    for key in [k for k, items in groups.items() if items[0][4] == "role"]:
        nouns = {_bare(w) for w in _words(key)} & ROLE_NOUNS
        # "spokeswoman for Hillary Clinton" joins only a spokeswoman of that organisation.
        orgs = {_bare(w) for _, _, _, org, _ in groups[key] for w in _words(org or "")}
        holders = [
            k
            for k, items in groups.items()
            if k != key
            and items[0][4] == "person"
            and any(
                nouns & {_bare(w) for w in _words(role or "")}
                and (not orgs or orgs & {_bare(w) for w in _words(f"{role} {org or ''}")})
                for _, _, role, org, _ in items
            )
        ]
        if len(holders) == 1:
            groups[holders[0]].extend(groups.pop(key))


def _most_common(values: Iterable[str | None]) -> str | None:
    counted = Counter(v for v in values if v)
    return counted.most_common(1)[0][0] if counted else None


def _speaker(key: str, items: Sequence[_Item]) -> Speaker:
    kinds = Counter(kind for *_, kind in items)
    kind = "person" if kinds.get("person") else kinds.most_common(1)[0][0]
    aliases = sorted({m.name.strip() for m, *_ in items}, key=lambda a: (-len(a), a))
    return Speaker(
        name=key,
        kind=kind,
        role=_most_common(role for _, _, role, _, _ in items),
        org=_most_common(org for _, _, _, org, _ in items),
        aliases=aliases,
        article_ids=list(dict.fromkeys(m.article_id for m, *_ in items if m.article_id)),
        outlets=list(dict.fromkeys(m.outlet for m, *_ in items if m.outlet)),
        statements=len(items),
    )


def alias_map(speakers: Sequence[Speaker]) -> dict[str, Speaker]:
    """Every wording met -> its speaker (for relabelling a claim's speakers)."""
    return {alias: s for s in speakers for alias in [s.name, *s.aliases]}


def _first_text(item: Mapping[str, Any], *keys: str) -> str | None:
    for key in keys:
        value = item.get(key)
        if value is not None and str(value).strip():
            return str(value).strip()
    return None


def _claim_speakers(claim: Mapping[str, Any]) -> list[tuple[str, str | None, str | None]]:
    """(name, role, organisation) of each speaker a stored claim names: a name, or a
    mapping with `name` and maybe `role` and `org` (older records: `speaker`)."""
    raw = claim.get("speakers")
    if raw is None and claim.get("speaker"):
        raw = [claim["speaker"]]
    found = []
    for item in raw if isinstance(raw, list | tuple) else []:
        if isinstance(item, Mapping):
            name = _first_text(item, "name", "speaker", "text")
            role = _first_text(item, "role", "speaker_role")
            org = _first_text(item, "org", "organisation", "organization", "speaker_org")
        else:
            name, role, org = (str(item).strip() if item is not None else None), None, None
        if name:
            found.append((name, role, org))
    return found


def claim_speaker_labels(
    claim: Mapping[str, Any], speakers: Sequence[Speaker] | None = None
) -> list[str]:
    """The claim's speakers as shown, repeats once. With the story's unified `speakers`:
    a wording one of them was met under becomes its label (short forms get the full name,
    role and organisation), and a phrase that names no one is dropped. Without: as stored."""
    if speakers is None:
        return list(dict.fromkeys(speaker_label(*found) for found in _claim_speakers(claim)))
    by_alias = alias_map(speakers)
    names = []
    for name, role, org in _claim_speakers(claim):
        speaker = by_alias.get(name)
        if speaker is not None:
            names.append(speaker.label())
        elif is_speaker_phrase(name):
            names.append(speaker_label(name, role, org))
    return list(dict.fromkeys(names))


def relabel_claims(
    claims: Sequence[Mapping[str, Any]], speakers: Sequence[Speaker]
) -> list[dict[str, Any]]:
    """The claims with their speakers as unified speakers' labels (`claim_speaker_labels`):
    the one relabelling the story page, `story --json`/`--markdown` and the API show."""
    return [
        {**claim, "speakers": claim_speaker_labels(claim, speakers)}
        for claim in claims
        if isinstance(claim, Mapping)
    ]


def mentions_from_stored(
    quotes_by_article: Mapping[str, Sequence[Mapping[str, Any]]],
    outlet_of: Mapping[str, str | None],
) -> list[SpeakerMention]:
    """Speaker mentions from quotes as the store keeps them (`Store.quotes`)."""
    return [
        SpeakerMention(
            name=str(q.get("speaker") or ""),
            role=q.get("speaker_role"),
            org=q.get("speaker_org"),
            anonymous=bool(q.get("anonymous")),
            article_id=article_id,
            outlet=outlet_of.get(article_id),
        )
        for article_id, quotes in quotes_by_article.items()
        for q in quotes
    ]
