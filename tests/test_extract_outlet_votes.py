"""Outlet of a text capture from the names and domains its chrome mentions."""

from __future__ import annotations

from newsprism.extract.outlet_text import alias_table
from newsprism.extract.outlet_votes import (
    generic_words,
    likely_outlet,
    outlet_votes,
)

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


def test_names_count_only_where_written_as_names() -> None:
    names = [*NAMES, ("The Lantern", "the-lantern"), ("Morning Ledger", "morning-ledger")]
    aliases = alias_table(names)
    assert "lantern" in aliases.needs_the  # the table knows how each name is written

    def votes(text: str) -> dict[str, float]:
        return outlet_votes(text, aliases, _by_domain, generic_words(aliases))

    assert "the-lantern" in votes("The Lantern\nHome\n")
    assert "the-lantern" not in votes("Lantern\nHome\n")  # a menu item, or a thing
    assert "the-lantern" not in votes("She held the lantern up to the window of the shed.")
    assert "morning-ledger" in votes("Morning Ledger\n")
    assert "morning-ledger" not in votes("Check the morning ledger before you leave.")


def test_the_copyright_holder_names_the_site_when_nothing_else_does() -> None:
    from newsprism.extract.outlet import OutletResolver
    from newsprism.models import Article, RawDocument
    from newsprism.outlets.registry import Registry

    registry = Registry.from_records(
        [{"id": "quillpost-com", "name": "quillpost.com", "domains": ["quillpost.com"]}]
    )
    resolver = OutletResolver(registry)
    text = "Home\nA heat pump guide\nBy Jane Example\n© 2025 QuillPost Media LLC"
    article = Article(id="a", title="A heat pump guide", text=text, outlet="QuillPost Media")
    raw = RawDocument(source="capture.txt", content=text.encode(), kind="text")
    assert resolver.resolve(article, raw) == "quillpost-com"


def test_names_written_with_digits_or_as_two_words_for_a_domain() -> None:
    names = [("9to5Gadget", "nine"), ("quillmagazine.com", "quill-magazine")]
    aliases = alias_table(names)
    votes = outlet_votes("Subscribe to 9to5Gadget on YouTube\n", aliases, _by_domain)
    assert votes.get("nine", 0.0) > 0
    # "Quill Magazine" inside a phrase is the site quillmagazine.com ...
    votes = outlet_votes("Get Quill Magazine delivered to your inbox\n", aliases, _by_domain)
    assert votes.get("quill-magazine", 0.0) > 0
    # ... but not as a bare section name, nor when "quill" is a common word of the page.
    assert outlet_votes("Quill Magazine\n", aliases, _by_domain) == {}
    prose = "Get Quill Magazine delivered\nShe picked up a quill and wrote.\n"
    assert "quill-magazine" not in outlet_votes(prose, aliases, _by_domain)


def test_share_bars_name_platforms_not_the_publisher() -> None:
    names = [*NAMES, ("Reddit", "reddit"), ("Xpress Wire", "xpress")]
    aliases = alias_table(names)
    capture = CAPTURE.replace("Follow Northline Courier\n", "") + (
        "Share on: Facebook Twitter Reddit\nFacebook Twitter Email LinkedIn Reddit Pinterest\n"
        "Share\nReddit\nFacebook Twitter Reddit\n"
    )
    votes = outlet_votes(capture, aliases, _by_domain, generic_words(aliases))
    assert votes.get("reddit", 0.0) == 2.0  # only the lone "Reddit" line counts
    assert likely_outlet(capture, aliases, _by_domain, None, generic_words(aliases)) == (
        "northline-courier"
    )


def test_publishing_platforms_in_the_chrome_are_not_the_publisher() -> None:
    names = [*NAMES, ("WordPress", "wordpress-com"), ("FeedBurner", "feedburner-com")]
    aliases = alias_table(names)
    platforms = {"wordpress.com": "wordpress-com", "feedburner.com": "feedburner-com"}

    def by_domain(domain: str) -> str | None:
        return platforms.get(domain) or DOMAINS.get(domain)

    spam = "Download Premium WordPress Themes Free\nPremium WordPress Themes Download\n" * 3
    capture = CAPTURE + spam + "Delivered by FeedBurner\nhttps://wordpress.com/themes\n"
    votes = outlet_votes(capture, aliases, by_domain, generic_words(aliases))
    assert "wordpress-com" not in votes and "feedburner-com" not in votes
    assert likely_outlet(capture, aliases, by_domain, None, generic_words(aliases)) == (
        "northline-courier"
    )


def test_search_video_and_social_platforms_are_not_the_publisher() -> None:
    from newsprism.extract import extract_document
    from newsprism.extract.outlet import OutletResolver
    from newsprism.models import RawDocument
    from newsprism.outlets.registry import Registry

    registry = Registry.from_records(
        [
            {"id": "google", "name": "Google", "domains": ["google.com"]},
            {"id": "youtube-com", "name": "youtube.com", "domains": ["youtube.com"]},
        ]
    )
    capture = (
        "Home\nGuides\nHow to get a bakery found in search\nBy Jane Example\n"
        "Google ranks pages by many signals, and Google Search Console shows which ones\n"
        "bring visitors to a small bakery's site, from maps to reviews and photos.\n"
        "Watch on YouTube\nhttps://www.youtube.com/watch?v=abc123\nFollow us on YouTube\n"
        "© 2025 Crumb Marketing. All rights reserved.\n"
    )
    raw = RawDocument(source="capture.txt", content=capture.encode(), kind="text")
    article = extract_document(raw)
    assert OutletResolver(registry).resolve(article, raw) == "Crumb Marketing"


def test_a_phrase_with_the_word_is_not_the_outlet_called_the_word() -> None:
    names = [*NAMES, ("The Lantern", "the-lantern")]
    aliases = alias_table(names)

    def votes(text: str) -> dict[str, float]:
        return outlet_votes(text, aliases, _by_domain, generic_words(aliases))

    assert "the-lantern" not in votes("Life by the Lantern\nRoom of the Lantern\n")
    assert "the-lantern" in votes("Subscribe to The Lantern\n")


def test_a_one_word_name_inside_a_longer_name_is_not_a_mention() -> None:
    names = [*NAMES, ("QPW", "qp-wire")]
    aliases = alias_table(names)
    longer = "Quillpost Analytics\nThe Daily Quillpost Open\nGet Quillpost Cloud today\n"
    assert "quillpost" not in outlet_votes(longer, aliases, _by_domain)
    assert "quillpost" in outlet_votes("Follow us on Quillpost\n", aliases, _by_domain)
    # a name the registry writes in capitals keeps counting: "QPW Business" is QPW's
    assert "qp-wire" in outlet_votes("QPW Business\n", aliases, _by_domain)


def test_picture_credits_do_not_name_the_publisher() -> None:
    aliases = alias_table(NAMES)
    credits = (
        "Jane Example/Harbour Times/Getty Images\nPhoto: Harbour Times\n"
        "(Harbour Times Photo/Jane Example)\nCredit: Harbour Times\n"
    )
    assert "harbour-times" not in outlet_votes(credits, aliases, _by_domain)
    assert "harbour-times" in outlet_votes("Harbour Times\nHome\n", aliases, _by_domain)


def test_a_wire_on_its_own_site_is_no_copy_under_its_old_id() -> None:
    from newsprism.extract.outlet import OutletResolver
    from newsprism.models import Article
    from newsprism.outlets.registry import Registry

    registry = Registry.from_records(
        [{"id": "tidewire", "name": "Tidewater Wire", "domains": ["tidewire.example"]}]
    )
    registry.moved = {"tidewire-feeds": "tidewire"}  # an id a registry rebuild merged
    text = "MILLBROOK (Tidewater Wire) — The water board voted on Thursday to close the dam."
    resolver = OutletResolver(registry)
    for outlet, credited in (("tidewire-feeds", None), ("ridge-daily", "tidewire")):
        article = Article(id="a", title="Dam closes", text=text, outlet=outlet)
        assert resolver.original(article) == credited
