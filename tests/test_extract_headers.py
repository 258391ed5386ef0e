"""Headline, byline and captions of invented plain-text captures: the headline is the
line above the byline/dateline, not a ticker, caption, label or menu item."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from newsprism.extract.bylines import parse_byline, person_names, tidy_authors
from newsprism.extract.plaintext import extract_plaintext

BODY = [
    "MILLBROOK (Tidewater Wire) — The county water board voted on Thursday to close the "
    "old reservoir at Fenwick Hill after inspectors found a crack in its dam wall.",
    "Board chair Ruth Okafor said the closure would not affect supplies, because the "
    "new treatment works on the river could meet demand for the whole county.",
    "Engineers will drain the reservoir over the next six weeks and then decide whether "
    "the dam can be repaired or should be taken down altogether.",
]
HEADLINE = "Water board closes Fenwick Hill reservoir after dam crack"


def capture(*header: str, footer: tuple[str, ...] = ()) -> str:
    return "\n".join([*header, "", *BODY, "", *footer])


def test_ticker_caption_and_credit_are_not_the_title():
    text = capture(
        "The Millbrook Courier",
        "Menu",
        "Local",
        "Politics",
        "Trending: Why kettles scale faster in winter · Ten walks for a wet weekend",
        "Local",
        HEADLINE,
        "By Dana Pryce, Tidewater Wire",
        "June 5, 2025 at 2:40 PM EDT",
        "Share this article",
        "Facebook",
        "Email",
        "The Fenwick Hill reservoir seen from the footpath on Thursday",
        "Photo: Lee Amos/Tidewater Wire",
    )
    result = extract_plaintext(text)
    assert result.title == HEADLINE
    assert result.authors == ["Dana Pryce"]  # the wire is an affiliation, not an author
    assert result.published == datetime(2025, 6, 5, 14, 40, tzinfo=timezone(timedelta(hours=-4)))
    assert result.text.split("\n\n") == BODY  # caption and credit left out


def test_breaking_label_and_posted_on_byline():
    text = capture(
        "Hilltop Voice",
        "Home",
        "News",
        "Opinion",
        "Donate",
        "BREAKING Council Votes To Rename High Street",
        "News",
        "Reservoir Scandal: Board Shuts Dam After Crack Found",
        "Posted on June 5, 2025 by Sam Ortiz",
        "(Photo: file)",
    )
    result = extract_plaintext(text)
    assert result.title == "Reservoir Scandal: Board Shuts Dam After Crack Found"
    assert result.authors == ["Sam Ortiz"]
    assert result.published == datetime(2025, 6, 5)


def test_image_caption_markers_and_inline_credits():
    text = capture(
        "Skip to content",
        HEADLINE,
        "5 June 2025",
        "By Nell Fraser",
        "Image source, Courier",
        "Image caption,",
        "The reservoir was built in 1904.",
    )
    result = extract_plaintext(text)
    assert result.title == HEADLINE and result.authors == ["Nell Fraser"]
    assert "built in 1904" not in result.text

    wire_page = capture(
        "Tidewater Wire",
        HEADLINE,
        "By Dana Pryce",
        "June 5, 2025 2:40 PM EDT",
        "Updated June 5, 2025 3:05 PM EDT",
        "The dam wall at Fenwick Hill on Thursday. Tidewater Wire file",
        "Purchase Licensing Rights, opens new tab",
    )
    result = extract_plaintext(wire_page)
    assert result.title == HEADLINE and result.authors == ["Dana Pryce"]
    assert result.text.split("\n\n") == BODY


def test_agency_caption_is_left_out():
    text = capture(
        HEADLINE,
        "In this June 4, 2025, file photo, a walker passes the Fenwick Hill dam, where "
        "inspectors later found a crack in the wall of the old reservoir.",
    )
    assert "walker passes" not in extract_plaintext(text).text


def test_without_a_byline_the_menu_is_not_the_title():
    text = capture("Home", "World News", "Local Sport", "Arts and Culture", "Weather", HEADLINE)
    assert extract_plaintext(text).title == HEADLINE


def test_bylines_with_roles_and_outlets():
    assert parse_byline("By Dana Pryce, Tidewater Wire") == ["Dana Pryce"]
    assert parse_byline("By Dana Pryce, Lee Amos and Ruth Okafor") == [
        "Dana Pryce",
        "Lee Amos",
        "Ruth Okafor",
    ]
    assert parse_byline("Nell Fraser, Senior Transport Correspondent") == ["Nell Fraser"]
    assert person_names(["Dana Pryce", "Tidewater Wire"]) == ["Dana Pryce"]
    assert person_names(["Tidewater Wire"]) == ["Tidewater Wire"]  # nothing better to keep


def test_author_fields_keep_names_and_drop_dates_and_labels() -> None:
    found = person_names(
        ["Updated January", "Dec", "View more posts", "Written By", "©", "Maria", "Katerina"]
    )
    assert found == ["Maria", "Katerina"]
    assert person_names(["View all posts by Ray Ansari"]) == ["Ray Ansari"]
    assert person_names(["Posted by Jane Example"]) == ["Jane Example"]


def test_authors_without_what_is_printed_beside_the_name() -> None:
    printed = [
        "Article by Dana Pryce",
        "Dana Pryce |",
        "Read more about The Tidewater Team",
        "Lee Amos Reviewed by Ruth Okafor",
        "Nell Fraser Last updated",
        "Ada Quill February 8",
        "On December 9",
        "DVM",
    ]
    assert tidy_authors(printed) == [
        "Dana Pryce",
        "The Tidewater Team",
        "Lee Amos",
        "Nell Fraser",
        "Ada Quill",
    ]
    assert tidy_authors(["AP"]) == ["AP"]  # a credit alone stays
    assert parse_byline("By Dana PryceStaff Writer") == ["Dana Pryce"]
    assert parse_byline("By Dana PryceTWNBusiness") == ["Dana Pryce"]
    assert parse_byline("By IndustrySelect") == ["IndustrySelect"]  # a glued brand
    assert parse_byline("By The Tidewater Team") == ["The Tidewater Team"]
    assert parse_byline("By TWN Staff | March 4, 2024") == ["TWN Staff"]
