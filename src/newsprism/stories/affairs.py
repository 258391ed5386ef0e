"""Affairs: stories that share a contested claim and its actors, however far apart.

The storyline linker (`storylines.py`) links stories within months, by topic and
names. An affair is reported in bursts years apart (a customs report one year, an
official's accusation the next, a new finding and its denial two years later); no
window holds it. So a story whose statements include an allegation or a denial gets an
`AffairKey` from its grouped claims (stored with the story): the word stems of its
contested statements (allegations and denials) and their actors (the capitalised
names in those statements and in their speakers). Two stories are one affair when one
story's main allegation is largely restated among the other's contested statements
and they share at least two actors, whatever their dates: a story that shares one
actor (the same government in another dispute) or the topic words without the actors
is left apart.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from newsprism.text import CLAIM_STOPWORDS, content_words

# Hand-set on the invented affairs of tests/test_stories_affairs.py (no gold storylines
# exist): a restated allegation keeps at least half of its content-word stems ("supplied
# drones to Russia" / "supplying Russia with drones"); two statements of one topic that
# are not the same claim keep a third or less.
MIN_CLAIM_OVERLAP = 0.5
MIN_SHARED_STEMS = 3
MIN_SHARED_ACTORS = 2
STEM = 5  # word stem: its first letters ("supplies", "supplying" -> "suppl")
ACTOR_STEM = 4  # actor stem: "China", "Chinese" -> "chin"; "Russia", "Russian" -> "russ"
CONTESTED = ("alleges", "denies")
_NAME = re.compile(r"\b[A-Z][\w'’-]*[a-z][\w'’-]*")
_PRONOUN_START = re.compile(r"^\W*(?:i|we|our|us|my|they|it|this|that)\b", re.IGNORECASE)


@dataclass(frozen=True)
class AffairKey:
    story_id: str
    storyline_id: str | None
    claim: str  # the story's main allegation
    claim_stems: frozenset[str]
    stems: frozenset[str]  # of every contested statement of the story
    actors: frozenset[str]


def _stems(text: str) -> frozenset[str]:
    return frozenset(w[:STEM] for w in content_words(text, CLAIM_STOPWORDS) if not w.isdigit())


def _actors(texts: Iterable[str]) -> frozenset[str]:
    """Stems of the capitalised names in `texts`, less capitalised function words."""
    out = set()
    for text in texts:
        for name in _NAME.findall(text):
            word = name.lower().rstrip("'’s")
            if word not in CLAIM_STOPWORDS and len(word) > 2:
                out.add(word[:ACTOR_STEM])
    return frozenset(out)


def main_claim(claims: Sequence[Mapping[str, Any]]) -> Mapping[str, Any] | None:
    """The contested claim: the allegation carried by the most articles (then the
    longest); in a story that reports only the denial, the longest denial (which
    restates what it denies: "has never supplied X to Y"); None without either."""
    for stance in CONTESTED:
        found = [c for c in claims if c.get("stance") == stance and c.get("content")]
        if found:
            return max(found, key=lambda c: (len(c.get("article_ids") or ()), len(c["content"])))
    return None


def affair_key(
    story_id: str, storyline_id: str | None, claims: Sequence[Mapping[str, Any]]
) -> AffairKey | None:
    """The story's affair key, from its stored claims; None without a contested claim."""
    main = main_claim(claims)
    if main is None:
        return None
    contested = [c for c in claims if c.get("stance") in CONTESTED]
    texts = [str(c.get("content") or "") for c in contested]
    speakers = [str(s) for c in contested for s in c.get("speakers") or ()]
    stems: frozenset[str] = frozenset().union(*(_stems(t) for t in texts))
    claim_stems, actors = _stems(str(main["content"])), _actors(texts + speakers)
    if len(claim_stems) < MIN_SHARED_STEMS or len(actors) < MIN_SHARED_ACTORS:
        return None  # too little to tell one affair from another ("That is false")
    return AffairKey(story_id, storyline_id, str(main["content"]), claim_stems, stems, actors)


def _restated(claim: frozenset[str], other: frozenset[str]) -> bool:
    shared = len(claim & other)
    return shared >= MIN_SHARED_STEMS and shared >= MIN_CLAIM_OVERLAP * len(claim)


def same_affair(a: AffairKey, b: AffairKey) -> bool:
    """Both stories are about the same contested claim, with the same actors."""
    if len(a.actors & b.actors) < MIN_SHARED_ACTORS:
        return False
    return _restated(a.claim_stems, b.stems) or _restated(b.claim_stems, a.stems)


@dataclass(frozen=True)
class AffairLink:
    """Put `story_ids` in `storyline_id` (None: a new storyline for them)."""

    storyline_id: str | None
    story_ids: tuple[str, ...]


def affair_links(
    keys: Sequence[AffairKey], new: Iterable[str], storyline_age: Mapping[str, int]
) -> list[AffairLink]:
    """Links that put every story of `new` in one storyline with its affair's stories.

    Each group of stories that are one affair (`same_affair`, transitively) and touch a
    story of `new` ends in one storyline: the oldest of theirs (`storyline_age`: lower
    is older), whose other storylines' stories move into it; or a new one when none of
    them has a storyline. Groups whose stories already share a storyline need nothing.
    """
    by_actor: dict[str, list[int]] = {}
    for index, key in enumerate(keys):
        for actor in key.actors:
            by_actor.setdefault(actor, []).append(index)
    position = {key.story_id: i for i, key in enumerate(keys)}
    parent = list(range(len(keys)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for story_id in new:
        i = position.get(story_id)
        if i is None:
            continue
        counts: dict[int, int] = {}
        for actor in keys[i].actors:
            for j in by_actor[actor]:
                counts[j] = counts.get(j, 0) + 1
        for j, shared in counts.items():
            if j != i and shared >= MIN_SHARED_ACTORS and same_affair(keys[i], keys[j]):
                parent[root(j)] = root(i)
    groups: dict[int, list[AffairKey]] = {}
    for i, key in enumerate(keys):
        groups.setdefault(root(i), []).append(key)
    links = []
    for members in groups.values():
        if len(members) < 2:
            continue
        lines = {k.storyline_id for k in members if k.storyline_id}
        if len(lines) == 1 and all(k.storyline_id for k in members):
            continue
        target = min(lines, key=lambda line: (storyline_age.get(line, 0), line)) if lines else None
        movers = [k for k in members if k.storyline_id != target or target is None]
        links.append(AffairLink(target, tuple(k.story_id for k in movers)))
    return links


def affair_title(claims_per_story: Sequence[Sequence[Mapping[str, Any]]]) -> str | None:
    """A storyline's name from its affair: the allegation most of its stories restate
    (a third-person wording, not "we ..."), cut to `TITLE_WORDS` words; None without one."""
    keys = [affair_key(str(i), None, claims) for i, claims in enumerate(claims_per_story)]
    present = [k for k in keys if k is not None]
    candidates = [
        str(c["content"])
        for claims in claims_per_story
        for c in claims
        if c.get("stance") == "alleges" and c.get("content")
        if not _PRONOUN_START.match(str(c["content"]))
    ]
    if len(present) < 2 or not candidates:
        return None

    def support(text: str) -> tuple[int, int]:
        stems = _stems(text)
        return sum(_restated(stems, k.stems) for k in present), -len(text)

    best = max(candidates, key=support)
    if support(best)[0] < 2:
        return None
    return _short(best)


TITLE_WORDS = 14


def _short(text: str) -> str:
    text = re.sub(r"\s+", " ", text).strip().strip("\"'“”‘’ ").rstrip(".,;:")
    words = text.split()
    short = " ".join(words[:TITLE_WORDS]) + ("…" if len(words) > TITLE_WORDS else "")
    return short[:1].upper() + short[1:]
