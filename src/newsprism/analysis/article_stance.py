"""Each article's stance towards its story's main claim.

Three labels, what a reader of the story page wants to know of each article:
- `reports it as fact`: the article asserts the claim in its own voice;
- `reports the dispute`: it carries a denial or a rebuttal of the claim (the FNC-1
  "disagree" class, or a denying statement in the article that shares two content
  words with the claim);
- `discusses`: it reports the claim as someone's, without taking it up.

The learned stance model (`enrich/stance.py`, FNC-1) gives agree/disagree/discuss
probabilities of the article against the claim; a denying quote in the article
outweighs them (the model's disagree class does not carry to new topics: FNC-1 CV by
topic, disagree F1 0.16). How well this does is measured by `benchmarks/article_stance.py`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from newsprism.analysis.speakers import (
    Speaker,
    mentions_from_stored,
    relabel_claims,
    unify_speakers,
)
from newsprism.models import Article
from newsprism.stories.affairs import main_claim
from newsprism.text import CLAIM_STOPWORDS, content_words

FACT = "reports it as fact"
DISPUTE = "reports the dispute"
DISCUSSES = "discusses"
ARTICLE_STANCES = (FACT, DISPUTE, DISCUSSES)

# Share of the related probability the model's disagree class needs to call an
# article a dispute on its own; set on FNC-1 dev folds by topic (`article_stance.py`
# prints the grid it was chosen from: one number, so its figure is a little optimistic).
DISAGREE_SHARE = 0.3
# A denial in the article is about the claim when it shares this many content words.
DENIAL_OVERLAP = 2


def denies_claim(claim: str, statements: Sequence[tuple[str, str]]) -> bool:
    """One of the article's statements (stance, content) denies the claim: a denial
    sharing `DENIAL_OVERLAP` content words with it."""
    words = content_words(claim, CLAIM_STOPWORDS)
    return any(
        stance == "denies"
        and len(words & content_words(content, CLAIM_STOPWORDS)) >= DENIAL_OVERLAP
        for stance, content in statements
    )


def article_stance(
    probabilities: Mapping[str, float],
    denied: bool = False,
    disagree_share: float = DISAGREE_SHARE,
) -> str:
    """The article's stance from the model's probabilities against the main claim
    (`StanceModel.probabilities`) and whether it carries a denial of it (`denies_claim`)."""
    if denied:
        return DISPUTE
    related = {k: probabilities.get(k, 0.0) for k in ("agree", "disagree", "discuss")}
    total = sum(related.values())
    if total <= 0:
        return DISCUSSES
    if related["disagree"] / total >= disagree_share:
        return DISPUTE
    return FACT if related["agree"] >= related["discuss"] else DISCUSSES


def story_article_stances(
    main_claim: str | None,
    articles: Sequence[tuple[str, str]],
    statements: Mapping[str, Sequence[tuple[str, str]]],
    model: Any | None = None,
) -> dict[str, str]:
    """`article id -> stance` for (id, text) pairs; empty without a main claim."""
    if not main_claim:
        return {}
    if model is None:
        from newsprism.enrich.stance import load_model

        model = load_model()
    return {
        article_id: article_stance(
            model.probabilities(main_claim, text),
            denies_claim(main_claim, statements.get(article_id, ())),
        )
        for article_id, text in articles
        if text
    }


@dataclass
class WhoSaidWhat:
    """What the story page and `story --json` show of a story's statements."""

    claims: list[dict[str, Any]]  # stored claims, speakers unified (`speakers.relabel_claims`)
    speakers: list[Speaker]
    main_claim: str | None
    stances: dict[str, str]  # article id -> stance towards the main claim


def _main_claim_text(claims: Sequence[Mapping[str, Any]]) -> str | None:
    main = main_claim(claims)
    return str(main["content"]) if main else None


def stances_record(
    claims: Sequence[Mapping[str, Any]],
    articles: Sequence[Article],
    quotes_by_article: Mapping[str, Sequence[Mapping[str, Any]]],
    model: Any | None = None,
) -> dict[str, Any]:
    """`{"main_claim", "stances": {article id: stance}}`, computed when a story is
    analysed and stored with its coverage (`STORED_KEY`), so that pages only read it
    (the model costs about 1.5 ms per article)."""
    main_text = _main_claim_text(claims)
    originals = [(a.id, a.text) for a in articles if a.duplicate_of is None]
    statements = {
        article_id: [
            (str(q.get("stance") or "neutral"), str(q.get("content") or "")) for q in quotes
        ]
        for article_id, quotes in quotes_by_article.items()
    }
    stances = story_article_stances(main_text, originals, statements, model)
    return {"main_claim": main_text, "stances": stances}


STORED_KEY = "article_stance"  # where `stances_record` sits in a story's coverage record


def stored_stances(coverage: object) -> tuple[str | None, dict[str, str]] | None:
    """(main claim, {article id: stance}) as a story's coverage record keeps them, or
    None when it was analysed before stances were stored."""
    record = coverage.get(STORED_KEY) if isinstance(coverage, Mapping) else None
    if not isinstance(record, Mapping):
        return None
    stances = record.get("stances")
    main = record.get("main_claim")
    return (
        str(main) if main else None,
        {str(k): str(v) for k, v in stances.items()} if isinstance(stances, Mapping) else {},
    )


def who_said_what(
    claims: Sequence[Mapping[str, Any]],
    articles: Sequence[Article],
    quotes_by_article: Mapping[str, Sequence[Mapping[str, Any]]],
    coverage: object = None,
    compute: bool = True,
    model: Any | None = None,
) -> WhoSaidWhat:
    """Unified speakers, relabelled claims, the main claim and each article's stance.

    The stances come from the story's stored coverage record when it holds them; else
    they are computed (`compute`) or left out (a page does not run the model)."""
    outlet_of = {a.id: a.outlet for a in articles}
    speakers = unify_speakers(mentions_from_stored(quotes_by_article, outlet_of))
    stored = stored_stances(coverage)
    if stored is not None:
        main_text, stances = stored
    elif compute:
        record = stances_record(claims, articles, quotes_by_article, model)
        main_text, stances = record["main_claim"], record["stances"]
    else:
        main_text, stances = _main_claim_text(claims), {}
    return WhoSaidWhat(relabel_claims(claims, speakers), speakers, main_text, stances)
