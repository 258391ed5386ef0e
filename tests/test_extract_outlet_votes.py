"""Outlet of a text capture from the names and domains its chrome mentions."""

from __future__ import annotations

from newsprism.extract.outlet_text import alias_table
from newsprism.extract.outlet_votes import generic_words, likely_outlet, outlet_votes

NAMES = [
    ("Northline Courier", "northline-courier"),
    ("Harbour Times", "harbour-times"),
    ("The News", "the-news"),
    ("Valley News", "valley-news"),
    ("City News", "city-news"),
    ("Coast News", "coast-news"),
    ("Metro News", "metro-news"),
    ("River News", "river-news"),
    ("Quillpost", "quillpost"),
]
DOMAINS = {"northlinecourier.example": "northline-courier", "quillpost.example": "quillpost"}

CAPTURE = """News
Sport
Northline Courier
Harbour bridge reopens after repairs
By Jane Example
The bridge reopened on Monday, the Harbour Times reported first, after six months of work.
Engineers replaced the joints and the work came in under budget, officials said today.
Write to the newsroom: desk@northlinecourier.example
Follow Northline Courier
"""


def _by_domain(domain: str) -> str | None:
    return DOMAINS.get(domain)


def test_site_marks_outvote_an_outlet_named_in_the_article() -> None:
    aliases = alias_table(NAMES)
    votes = outlet_votes(CAPTURE, aliases, _by_domain, generic_words(aliases))
    assert votes["northline-courier"] > votes.get("harbour-times", 0.0)
    assert likely_outlet(CAPTURE, aliases, _by_domain, None, generic_words(aliases)) == (
        "northline-courier"
    )


def test_common_words_are_not_outlet_names() -> None:
    aliases = alias_table(NAMES)
    generic = generic_words(aliases)
    assert "news" in generic
    votes = outlet_votes("News\nSport\nWeather\n", aliases, _by_domain, generic)
    assert "the-news" not in votes


def test_one_word_name_counts_only_when_never_used_as_a_word() -> None:
    aliases = alias_table(NAMES)
    assert "quillpost" in outlet_votes("Quillpost\nHome\n", aliases, _by_domain)
    assert "quillpost" not in outlet_votes("Quillpost\nthe quillpost of", aliases, _by_domain)


def test_too_little_evidence_gives_none() -> None:
    aliases = alias_table(NAMES)
    text = "A long sentence of the article that mentions the Harbour Times once in passing, " * 2
    assert likely_outlet(text, aliases, _by_domain) is None
