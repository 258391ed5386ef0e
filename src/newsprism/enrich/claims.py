"""Stance of attributed statements, and claims grouped across a story's articles.

A stance is one of `alleges`, `denies`, `confirms`, `neutral`, read from the cue verb
first ("denied", "accused", "confirmed") and then from the content ("rejected the
accusation", "baseless", "no evidence"). Grouping puts together the statements of
different articles that say the same thing (lexical similarity of their content), so
a story shows which outlets carried each statement, and allegations next to denials.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from newsprism.models import Quote
from newsprism.text import CLAIM_STOPWORDS, content_words

STANCES = ("alleges", "denies", "confirms", "neutral")

_DENY_CUES = frozenset(
    [
        "denied",
        "denies",
        "deny",
        "denying",
        "rejected",
        "rejects",
        "rejecting",
        "dismissed",
        "dismisses",
        "dismissing",
        "disputed",
        "disputes",
        "disputing",
        "refuted",
        "refutes",
        "rebuffed",
        "repudiated",
        "contested",
    ]
)
_ALLEGE_CUES = frozenset(
    [
        "alleged",
        "alleges",
        "alleging",
        "allege",
        "accused",
        "accuses",
        "accusing",
        "accuse",
        "charged",
        "charges",
        "claimed",
        "claims",
        "claiming",
        "claim",
        "blamed",
        "blames",
        "blaming",
    ]
)
_CONFIRM_CUES = frozenset(
    [
        "confirmed",
        "confirms",
        "confirming",
        "confirm",
        "acknowledged",
        "acknowledges",
        "acknowledging",
        "admitted",
        "admits",
        "admitting",
        "conceded",
        "concedes",
        "verified",
        "verifies",
    ]
)
_DENY_CONTENT = re.compile(
    r"\b(?:baseless|groundless|unfounded|false(?:hoods?)?|fabricat\w+|untrue|lies|a\s+lie|"
    r"nonsense|absurd|"
    r"no\s+(?:\w+\s+)?(?:evidence|basis|truth|merit|grounds?|foundation)|"
    r"(?:is|was|were|are)\s+not\s+true|"
    r"(?:will|would|do|does|did|can|could)\s*(?:not|n[o'’]t)\s+accept|cannot\s+accept|"
    r"refuse[sd]?\s+to\s+accept|won[’']t\s+accept|"
    r"(?:categorically|flatly|strongly|firmly)\s+(?:den\w+|reject\w+)|"
    r"den(?:y|ied|ies)|reject(?:s|ed)?\s+(?:the|these|those|any|all)\s+"
    r"(?:accusations?|allegations?|claims?|charges?|reports?)|"
    r"never\s+(?:supplied|sold|provided|did|had|received|sent|took|paid)|"
    r"did\s+not\s+(?:supply|sell|provide|do|receive|send|take|pay)|"
    r"smear|slander\w*|fake\s+news|disinformation|politically\s+motivated)\b",
    re.IGNORECASE,
)
_ALLEGE_CONTENT = re.compile(
    r"\b(?:accus\w+|alleg\w+|illegally|(?:broke|breaking|breaks|flouted|flouting)\s+the|illicit\w*|violat\w+|in\s+breach|breach\w*|"
    r"smuggl\w+|evad\w+|circumvent\w*|covertly|secretly|fraud\w*|brib\w+|"
    r"(?:is|are|was|were|has\s+been|have\s+been)\s+(?:supplying|selling|providing|helping|"
    r"funnel\w+))\b",
    re.IGNORECASE,
)
_CONFIRM_CONTENT = re.compile(
    r"\b(?:confirm\w*|(?:is|was)\s+(?:true|accurate|correct)|we\s+can\s+confirm|"
    r"acknowledg\w+|admit\w*)\b",
    re.IGNORECASE,
)
# A first-person negated statement ("we have never sold", "I did not take") answers an
# accusation: in attributed speech it is a rebuttal.
_FIRST_PERSON_DENIAL = re.compile(
    r"\b(?:we|i|our\s+(?:company|firm|government|country|ministry|side))\s+"
    r"(?:(?:have|has|had|did|do|does|are|were|was|am|would|could)\s*(?:not\b|n[’']t\b)|"
    r"(?:have|has|had|did|do|would)?\s*never\b|[’'](?:ve|d)\s+never\b)",
    re.IGNORECASE,
)
# Nouns naming what a denial rejects ("the allegations are false"): with deny content
# they make a denial even after an accusing cue ("claimed the accusations were false").
_ACCUSATION_NOUN = re.compile(
    r"\b(?:allegations?|accusations?|claims?|charges?|reports?|rumou?rs?)\b", re.IGNORECASE
)
_NEGATED = re.compile(r"\b(?:not|never|no|n't|neither|nor)\b", re.IGNORECASE)


def stance_of(cue: str, content: str) -> str:
    """`alleges` | `denies` | `confirms` | `neutral` for one attributed statement."""
    cue_words = cue.lower().split()
    denial = bool(_DENY_CONTENT.search(content) or _FIRST_PERSON_DENIAL.search(content))
    if any(word in _DENY_CUES for word in cue_words):
        return "denies"
    if any(word in _CONFIRM_CUES for word in cue_words):
        return "denies" if _NEGATED.search(content[:40]) and "deny" in content else "confirms"
    if any(word in _ALLEGE_CUES for word in cue_words):
        return "denies" if denial and _ACCUSATION_NOUN.search(content) else "alleges"
    if denial:
        return "denies"
    if _CONFIRM_CONTENT.search(content):
        return "confirms"
    if _ALLEGE_CONTENT.search(content):
        return "alleges"
    return "neutral"


@dataclass
class Claim:
    """One statement as carried by one or more articles of a story."""

    stance: str
    content: str  # the fullest wording among the articles
    speakers: list[str]
    article_ids: list[str]
    outlets: list[str]
    direct: bool = False
    anonymous: bool = False
    quotes: list[tuple[str, Quote]] = field(default_factory=list)  # (article id, quote)

    def to_json(self) -> dict[str, Any]:
        """The claim as stored with its story (its quotes are stored per article)."""
        return {
            "stance": self.stance,
            "content": self.content,
            "speakers": self.speakers,
            "article_ids": self.article_ids,
            "outlets": self.outlets,
            "direct": self.direct,
            "anonymous": self.anonymous,
        }


@dataclass
class ArticleQuotes:
    """The quotes found in one article, with the article's id and outlet."""

    article_id: str
    outlet: str | None
    quotes: list[Quote]


def _content_tokens(text: str) -> set[str]:
    return content_words(text, CLAIM_STOPWORDS)


# 0.5: same-statement overlap; set by hand on invented allegation/denial stories (a
# paraphrase shares about half its content words with the quote; different
# statements of one story share a third or less). Short contents need 3 shared words.
SAME_STATEMENT = 0.5


def _same_speaker(a: Quote, b: Quote) -> bool:
    if a.anonymous or b.anonymous:
        return a.anonymous == b.anonymous
    last_a = a.speaker.split()[-1].lower() if a.speaker.split() else ""
    last_b = b.speaker.split()[-1].lower() if b.speaker.split() else ""
    return bool(last_a) and last_a == last_b


MAX_ALLEGATIONS = 12  # the story's longest allegations a neutral statement is read against


def _negated_statement(content: str) -> bool:
    return bool(_NEGATED.search(content) or _FIRST_PERSON_DENIAL.search(content))


def stance_against(content: str, allegations: Sequence[str]) -> str:
    """Stance of a statement the cue and wording left neutral, against a story's allegations.

    The learned stance model (`enrich/stance.py`) decides whether the statement is about
    an allegation at all (its relatedness stage: FNC-1 related/unrelated F1 0.976 in CV
    by topic) and whether it reports it as fact (agree) rather than discussing it.
    Polarity comes from negation, not from the model's disagree class, which does not
    carry over to unseen topics (F1 0.16 in CV by topic) nor to one-sentence
    statements. About an allegation and negated: `denies`; asserted: `alleges`.
    """
    from newsprism.enrich.stance import load_model

    if not allegations:
        return "neutral"
    _, best = load_model().best_claim(allegations, content)
    if best["unrelated"] >= 0.5:
        return "neutral"
    if _negated_statement(content):
        return "denies"
    return "alleges" if best["agree"] >= best["discuss"] else "neutral"


def restance(quotes: Sequence[Quote], allegations: Sequence[str]) -> list[Quote]:
    """The quotes, neutral ones re-read against the allegations (`stance_against`).

    Only statements sharing two content words with an allegation are read by the model
    (with fewer, its relatedness stage calls them unrelated anyway): most of a big
    story's statements are about something else, and this keeps the cost per story low.
    """
    allegation_words = [_content_tokens(a) for a in allegations]
    out = []
    for quote in quotes:
        words = _content_tokens(quote.content) if quote.stance == "neutral" else set()
        if any(len(words & other) >= 2 for other in allegation_words):
            quote = replace(quote, stance=stance_against(quote.content, allegations))
        out.append(quote)
    return out


# What an article says is alleged, in its own narrative: "rejected accusations that it
# supplies the army", "allegations of smuggling", "claims that the firm shipped lathes".
_NARRATED_ALLEGATION = re.compile(
    r"\b(?:accusations?|allegations?|claims?|charges?|reports?|suspicions?|rumou?rs?)\s+"
    r"(?:that|of)\s+(?P<claim>[^.;:!?\n]{12,240}?)(?=[.;:!?\n]|,\s+(?:which|saying|as|but)\b|$)",
    re.IGNORECASE,
)


def narrated_allegations(text: str) -> list[str]:
    """The clauses an article reports as alleged ("accusations that X" -> X)."""
    return [m.group("claim").strip() for m in _NARRATED_ALLEGATION.finditer(text)]


def article_restance(quotes: Sequence[Quote], text: str) -> list[Quote]:
    """One article's quotes, neutral ones re-read against what it reports as alleged
    (its narrative's "accusations that ..." and its quotes that allege)."""
    allegations = narrated_allegations(text) + [q.content for q in quotes if q.stance == "alleges"]
    return restance(quotes, sorted(set(allegations), key=lambda c: (-len(c), c))[:MAX_ALLEGATIONS])


def story_allegations(articles_quotes: Sequence[ArticleQuotes]) -> list[str]:
    """The distinct allegations of a story, longest first, at most `MAX_ALLEGATIONS`."""
    seen = {q.content for item in articles_quotes for q in item.quotes if q.stance == "alleges"}
    return sorted(seen, key=lambda c: (-len(c), c))[:MAX_ALLEGATIONS]


def group_claims(articles_quotes: Sequence[ArticleQuotes]) -> list[Claim]:
    """Statements of a story grouped across its articles, allegations and denials first.

    Statements left neutral by their cue and wording are first re-read against the
    story's allegations (`restance`). Two quotes join one claim when their contents
    overlap by at least `SAME_STATEMENT` (and 3 content words) and their stances agree,
    or when the same speaker says overlapping things.
    """
    claims: list[Claim] = []
    token_sets: list[set[str]] = []
    postings: dict[str, list[int]] = {}  # content word -> claims whose content has it
    allegations = story_allegations(articles_quotes)
    for item in articles_quotes:
        for quote in restance(item.quotes, allegations):
            tokens = _content_tokens(quote.content)
            if len(tokens) < 2:
                continue
            best, best_score = None, 0.0
            shared_counts = Counter(i for t in tokens for i in postings.get(t, ()))
            for index in sorted(shared_counts):
                claim = claims[index]
                shared = shared_counts[index]
                # Overlap coefficient: a short report of a long quote still matches it.
                score = shared / min(len(tokens), len(token_sets[index]))
                if shared < 3 or (claim.stance != quote.stance and quote.stance != "neutral"):
                    continue
                same_voice = any(_same_speaker(quote, q) for _, q in claim.quotes)
                threshold = SAME_STATEMENT - (0.15 if same_voice else 0.0)
                if score >= threshold and score > best_score:
                    best, best_score = index, score
            if best is None:
                claims.append(
                    Claim(quote.stance, quote.content, [], [], [], quote.direct, quote.anonymous)
                )
                token_sets.append(set())
                best = len(claims) - 1
            _add(claims[best], item, quote)
            for token in tokens - token_sets[best]:
                postings.setdefault(token, []).append(best)
            token_sets[best] |= tokens
    order = {"alleges": 0, "denies": 1, "confirms": 2, "neutral": 3}
    claims.sort(key=lambda c: (order.get(c.stance, 4), -len(c.article_ids)))
    return claims


def _add(claim: Claim, item: ArticleQuotes, quote: Quote) -> None:
    claim.quotes.append((item.article_id, quote))
    if quote.speaker and quote.speaker not in claim.speakers:
        claim.speakers.append(quote.speaker)
    if item.article_id not in claim.article_ids:
        claim.article_ids.append(item.article_id)
    if item.outlet and item.outlet not in claim.outlets:
        claim.outlets.append(item.outlet)
    if len(quote.content) > len(claim.content):
        claim.content = quote.content
    claim.direct = claim.direct or quote.direct
    if claim.stance == "neutral" and quote.stance != "neutral":
        claim.stance = quote.stance


def sides(claims: Sequence[Claim]) -> dict[str, list[Claim]]:
    """Claims by stance, for showing allegations and denials side by side."""
    grouped: dict[str, list[Claim]] = {stance: [] for stance in STANCES}
    for claim in claims:
        grouped.setdefault(claim.stance, []).append(claim)
    return grouped
