"""Headline, date and outlet signals of text captures (issue 10, third round)."""

from __future__ import annotations

from datetime import date

from newsprism.extract.dates import find_date
from newsprism.extract.outlet_text import alias_table, credited_outlet
from newsprism.extract.outlet_votes import outlet_votes
from newsprism.extract.plaintext import extract_plaintext

PROSE = [
    "Writing a weekly letter to readers takes more time than most people expect at first.",
    "The tools that draft it for you save an hour, but the voice of the letter suffers.",
    "Readers notice when a newsletter reads like a template, and they stop opening it soon.",
    "A good newsletter with AI help keeps the human parts: the opinions and the stories.",
    "Start with an outline you write yourself, then let the tool fill in the dull parts.",
    "Edit every paragraph as if you had written it, because your readers think you did.",
    "Measure what readers open and what they skip, and keep only the parts they read.",
    "After a month the letter takes half the time and reads as well as it did before.",
    "Most writers find that the saved hour goes into reporting, which readers value most.",
    "The best letters still carry one idea a week, told plainly and with an example.",
    "Tools change every season, but a clear idea and an honest voice do not go stale.",
    "Readers who reply are the best sign, and a short question at the end invites them.",
]


def _capture(*head: str, tail: tuple[str, ...] = ()) -> str:
    return "\n".join([*head, *PROSE, *tail]) + "\n"


def test_headline_that_mentions_a_newsletter_is_still_a_candidate() -> None:
    text = _capture(
        "Home", "Archive", "About", "Subscribe",
        "How to write a good newsletter with AI",
        "By Jane Example", "March 3, 2025",
    )  # fmt: skip
    assert extract_plaintext(text).title == "How to write a good newsletter with AI"


def test_menu_item_above_the_headline_is_not_taken() -> None:
    text = _capture(
        "Services", "Web Design", "Online Learning", "Contact",
        "Why readers stop opening your newsletter",
        "By Jane Example", "March 3, 2025",
    )  # fmt: skip
    assert extract_plaintext(text).title == "Why readers stop opening your newsletter"


def test_date_at_the_end_of_a_post_is_read_when_none_is_near_the_headline() -> None:
    text = _capture(
        "Home", "Blog", "Why readers stop opening your newsletter",
        tail=("Posted on August 13, 2025", "Share this post"),
    )  # fmt: skip
    found = extract_plaintext(text).published
    assert found is not None and found.date() == date(2025, 8, 13)


def test_published_line_wins_over_a_comment_time_stamp() -> None:
    text = _capture(
        "Home", "Blog", "Why readers stop opening your newsletter",
        tail=("Published August 13, 2025", "Jo Reader", "August 20, 2025 at 3:45 pm",
              "Great piece, thanks."),
    )  # fmt: skip
    found = extract_plaintext(text).published
    assert found is not None and found.date() == date(2025, 8, 13)


def test_dates_glued_to_their_neighbours() -> None:
    glued = find_date("Posted on June 29, 2020November 12, 2021")
    assert glued is not None and glued.date() == date(2020, 6, 29)
    after_name = find_date("ByJane ExampleMar 5, 2025 | 6 comments")
    assert after_name is not None and after_name.date() == date(2025, 3, 5)
    assert find_date("Mayor 5, 2019") is None
    reading_time = find_date("Mar 27, 20255 mins")
    assert reading_time is not None and reading_time.date() == date(2025, 3, 27)
    hyphens = find_date("Updated on 19-Dec-2025")
    assert hyphens is not None and hyphens.date() == date(2025, 12, 19)


NAMES = [
    ("Northline Courier", "northline-courier"),
    ("quillpost.com", "quillpost"),
    ("wordpress.example", "wordpress"),
    ("weather.com", "weather"),
]


def test_reporter_for_an_outlet_credits_it() -> None:
    text = "Jane Example is a reporter for Northline Courier.\n"
    assert credited_outlet("", text, alias_table(NAMES)) == ("northline-courier", "staff")


def test_site_named_as_its_domain_label_is_found() -> None:
    aliases = alias_table(NAMES)
    votes = outlet_votes("© 2025 QuillPost Media. All rights reserved.\n", aliases, lambda d: None)
    assert votes.get("quillpost", 0.0) > 0
    # a plain word that is some site's domain label is not that site
    assert "weather" not in outlet_votes("Weather\nTraffic\n", aliases, lambda d: None)


def test_platform_line_does_not_vote() -> None:
    aliases = alias_table(NAMES)
    by_domain = {"wordpress.example": "wordpress"}.get
    votes = outlet_votes("Powered by wordpress.example VIP\n", aliases, by_domain)
    assert "wordpress" not in votes


def test_printed_article_address_names_the_site() -> None:
    aliases = alias_table(NAMES)
    by_domain = {"www.quillpost.com": "quillpost", "quillpost.com": "quillpost"}.get
    text = "Share\nhttps://www.quillpost.com/news/article/Bridge-reopens-after-repairs-123.php\n"
    votes = outlet_votes(text, aliases, by_domain)
    assert votes["quillpost"] > 8.0


def test_calls_to_action_and_an_author_note_under_the_byline_are_dropped() -> None:
    text = _capture(
        "Home", "Blog", "Why readers stop opening your newsletter", "By Jane Example",
        "Jane Example is a content writer at Quillpost with ten years in newsrooms.",
        tail=("Get a demo", "Contact sales"),
    )  # fmt: skip
    body = extract_plaintext(text).text
    assert "content writer" not in body and "Get a demo" not in body
    assert PROSE[0] in body and PROSE[-1] in body


def test_article_printed_twice_is_kept_once() -> None:
    lines = [
        "Home", "Blog", "Why readers stop opening your newsletter", "By Jane Example",
        *PROSE, "Get a free trial of our newsletter tool today", *PROSE, "Contact sales",
    ]  # fmt: skip
    body = extract_plaintext("\n".join(lines) + "\n").text
    assert body.count(PROSE[0]) == 1 and PROSE[-1] in body
