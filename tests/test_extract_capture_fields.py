"""Headline and date of a text capture, from an invented capture."""

from __future__ import annotations

from newsprism.extract.plaintext import extract_plaintext

PARAGRAPHS = (
    "The harbour bridge reopened to traffic on Monday after six months of repairs to its deck"
    " and cables, the city's transport office said in a statement on its website.\n"
    "Engineers replaced the expansion joints of the harbour bridge and repainted the steel,"
    " and the repairs came in under budget, according to the transport office.\n"
    "Commuters had used a ferry service during the closure, and the office thanked residents"
    " for their patience while the bridge was shut for repairs.\n"
)
CAPTURE = (
    """Home
World
Business
Sport
Today: Friday 8 March 2024
Home > World > Harbour bridge reopens after six months of repairs
Harbour bridge reopens after six months of repairs
By Jane Example
Updated on March 6, 2024
March 4, 2024
"""
    + PARAGRAPHS
    + """Related stories
Ferry timetable changes for spring
"""
)


def test_capture_headline_is_the_line_the_article_is_about() -> None:
    found = extract_plaintext(CAPTURE)
    assert found.title == "Harbour bridge reopens after six months of repairs"


def test_capture_date_is_the_article_date_not_today_or_updated() -> None:
    found = extract_plaintext(CAPTURE)
    assert found.published is not None
    assert found.published.date().isoformat() == "2024-03-04"
    assert found.text.startswith("The harbour bridge reopened")


def test_capture_headline_is_never_a_ticker_or_live_banner_line() -> None:
    capture = (
        "Home\nWorld\nVideo\nWatch live\nSign in\n"
        "● LIVE: Harbour City News 24/7 channel on the harbour bridge\n"
        "Harbour bridge reopens after repairs\n"
        "4 March 2024\nBy Jane Example\n" + PARAGRAPHS
    )
    assert extract_plaintext(capture).title == "Harbour bridge reopens after repairs"


def test_capture_headline_printed_at_the_end_of_a_breadcrumb_trail() -> None:
    for trail in ("Home» World»", "Gazette/ World/ "):
        capture = f"Home\nWorld\n{trail}Harbour bridge reopens after six months\n" + PARAGRAPHS
        assert extract_plaintext(capture).title == "Harbour bridge reopens after six months"


def test_capture_date_from_a_posted_on_line_under_the_article() -> None:
    capture = (
        "Home\nHealth\nHarbour bridge reopens after six months\n"
        + PARAGRAPHS
        + "Posted on November 25, 2024December 3, 2024 in Transport, City, Harbour, Bridges,"
        " Repairs, Commuting, Ferries, Council, Budget, Engineering, Roads, Traffic,"
        " Infrastructure, Local News, Weekend\nRelated stories\nFerry timetable changes\n"
    )
    found = extract_plaintext(capture)
    assert found.published is not None
    assert found.published.date().isoformat() == "2024-11-25"


def test_capture_line_with_updated_and_published_dates_gives_the_published_one() -> None:
    for stamp in (
        "Updated November 11, 20228:23 PM ET Originally published November 9, 202211:01 AM ET",
        "PUBLISHED: November 9, 2022 at 11:01 am | UPDATED: November 11, 2022 at 8:23 pm",
    ):
        capture = (
            "Home\nWorld\nHarbour bridge reopens after six months\n"
            + stamp
            + "\nBy Jane Example\n"
            + PARAGRAPHS
            + "Related stories\nFerry timetable changes for spring, published March 2, 2024\n"
        )
        found = extract_plaintext(capture)
        assert found.published is not None
        assert found.published.date().isoformat() == "2022-11-09", stamp


def test_capture_headline_is_never_a_time_stamp_without_a_year() -> None:
    for stamp in ("Monday 6:30PM", "22 hours ago", "Nov 19, 6:51 AM"):
        capture = (
            "Home\nTech\nScience\nHarbour bridge reopens\nBy Jane Example\n"
            + stamp
            + "\n"
            + PARAGRAPHS
        )
        assert extract_plaintext(capture).title == "Harbour bridge reopens", stamp


def test_capture_stamp_without_a_year_is_dated_only_when_the_capture_time_is_known() -> None:
    from datetime import datetime

    capture = (
        "Home\nWorld\nHarbour bridge reopens after six months\n"
        "Jane Example • Nov 18\n" + PARAGRAPHS + "Related stories\nFerry timetable changes\n"
    )
    assert extract_plaintext(capture).published is None
    found = extract_plaintext(capture, fetched_at=datetime(2019, 11, 20, 15, 30))
    assert found.published == datetime(2019, 11, 18)
    # an "Updated" stamp is not the publication
    updated = capture.replace("Jane Example • Nov 18", "Updated 2 hours ago")
    assert extract_plaintext(updated, fetched_at=datetime(2019, 11, 20, 15, 30)).published is None


def test_capture_numeric_date_read_in_the_order_of_the_pages_other_dates() -> None:
    def capture(other: str) -> str:
        return (
            "Home\nWorld\nHarbour bridge reopens after six months\n03/10/2023\nBy Jane Example\n"
            + PARAGRAPHS
            + f"Related stories\nFerry timetable changes - {other}\n"
        )

    british = extract_plaintext(capture("12 October 2023")).published
    american = extract_plaintext(capture("October 12, 2023")).published
    assert british is not None and british.date().isoformat() == "2023-10-03"
    assert american is not None and american.date().isoformat() == "2023-03-10"


def test_capture_date_is_the_first_publication_the_page_states() -> None:
    capture = (
        "Home\nWorld\nHarbour bridge reopens after six months\nBy Jane Example\n"
        "30 Sep 2022, 11:07am\n"
        + PARAGRAPHS
        + "This article was originally published on 26 Sep 2019 at 4:12pm but has been"
        " regularly updated to keep the information current.\n"
    )
    found = extract_plaintext(capture)
    assert found.published is not None
    assert found.published.date().isoformat() == "2019-09-26"


def test_link_pasted_above_a_capture_gives_its_address_and_day() -> None:
    from newsprism.extract import extract_document
    from newsprism.models import RawDocument

    link = "https://www.ridgedaily.example/news/2024/mar/04/harbour-bridge-reopens"
    undated = f"{link}\n\nHarbour bridge reopens after six months of repairs\n{PARAGRAPHS}"
    article = extract_document(RawDocument("copy.txt", undated.encode(), "text"))
    assert article.url == link
    assert article.title == "Harbour bridge reopens after six months of repairs"
    assert article.published is not None and article.published.date().isoformat() == "2024-03-04"
    assert link not in article.text
    # a date the page prints wins over the address's
    dated = extract_document(RawDocument("copy.txt", f"{link}\n\n{CAPTURE}".encode(), "text"))
    assert dated.published is not None and dated.published.date().isoformat() == "2024-03-04"
    printed = CAPTURE.replace("March 4, 2024", "March 5, 2024 10:30")
    later = extract_document(RawDocument("copy.txt", f"{link}\n\n{printed}".encode(), "text"))
    assert later.published is not None and later.published.hour == 10


def test_day_in_a_url_path() -> None:
    from newsprism.extract.dates import url_date

    assert url_date("https://x.example/2025/07/17/story.html") is not None
    assert url_date("https://x.example/world/2026/dec/01/bridge") is not None
    for undated in (
        "https://x.example/2026/03/2-billion-dollars/",  # the slug opens with a number
        "https://x.example/2024/02/30/story",  # no such day
        "https://x.example/2025/07/story",  # a month only
        "https://x.example/a?from=/2025/01/02/",  # not in the path
        None,
    ):
        assert url_date(undated) is None, undated


def _capture(*header: str, footer: str = "") -> str:
    return (
        "\n".join(
            ["Home", "News", "Sport", "Harbour bridge reopens after six months of repairs", *header]
        )
        + "\n"
        + PARAGRAPHS
        + footer
    )


def test_capture_byline_on_two_lines_or_beside_the_date() -> None:
    for header in (
        ("By", "Jane Example", "March 4, 2024"),  # "By" on its own line
        ("Jane Example", "March 4, 2024"),  # a lone name beside the date
        ("Jane Example", "Senior Writer"),  # a lone name above a job title
        ("October 11, 2023 by Jane Example",),  # a date, then "by"
        ("By Jane ExampleMarch 4, 2024",),  # a capture that lost the space
        ("ByJane Example", "March 4, 2024"),
    ):
        found = extract_plaintext(_capture(*header))
        assert found.authors == ["Jane Example"], header


def test_capture_byline_as_pages_print_it_beside_the_headline() -> None:
    for header, authors in (
        (("Written by:Jane Example", "March 4, 2024"), ["Jane Example"]),  # no space
        (("Authors:Jane Example, John Roe", "March 4, 2024"), ["Jane Example", "John Roe"]),
        (("By Jane ExampleMar 4, 2024 | 6 comments",), ["Jane Example"]),
        (("By The Harbour Desk", "March 4, 2024"), ["The Harbour Desk"]),  # a team's credit
        (("March 4, 2024", "The Harbour Press"), ["The Harbour Press"]),  # an agency's
        (("Jane Example / harbour.example / Updated: Mar 4, 2024",), ["Jane Example"]),
        (("Jane Example", "Harbour", "March 4, 2024"), ["Jane Example"]),  # date 2 lines on
        (("Jane Example", "Mar 4", "5 min read"), ["Jane Example"]),  # a yearless stamp
        (("Jane Example", "04-03-2024"), ["Jane Example"]),  # either order of day, month
        (("Jane Example March 4, 2024 — 5 minutes read",), ["Jane Example"]),
        (("Jane Example, MS, RD", "March 4, 2024"), ["Jane Example"]),  # credentials
        (("Jane Example, Print Managing Editor", "March 4, 2024"), ["Jane Example"]),
        (("Jane Example in transport", "Mar 4", "Cautionary Tale"), ["Jane Example"]),
        (("By Jane ExampleStaff Writer", "March 4, 2024"), ["Jane Example"]),  # glued role
        (("March 4, 2024 | BY: Jane Example, MS, RDN",), ["Jane Example"]),
        (("Analysis by Jane Example, Harbour Editor-at-large", "March 4, 2024"), ["Jane Example"]),
        (
            ("By Jane Example jexample@harbour.example(555) 010-0100", "March 4, 2024"),
            ["Jane Example"],
        ),
        (("By Jane ExampleHNNBusiness", "March 4, 2024"), ["Jane Example"]),
        (
            ("By HNN Staff | March 4, 2024 at 2:26 PM HST - Updated March 4 at 4:46 PM",),
            ["HNN Staff"],
        ),
        (
            ("By Jane Example | March 4, 2024 -- 19:14 GMT (19:14 GMT) | Topic: Bridges, Ferries",),
            ["Jane Example"],
        ),
    ):
        found = extract_plaintext(_capture(*header))
        assert found.authors == authors, header


def test_capture_byline_under_a_headline_inside_the_article_block() -> None:
    # Prose above the headline opens the article block: the byline under the headline
    # is still read as the byline and left out of the text.
    capture = (
        "Home\nNews\nSport\n"
        "The city's transport office publishes notes on the harbour bridge and its repairs"
        " for residents, engineers and commuters who use it every day.\n"
        "Harbour bridge reopens after six months of repairs\n"
        "Harbour officials say the deck is sound\n"
        "By Jane Example , John Roe on March 4, 2024 | Comments\n" + PARAGRAPHS
    )
    found = extract_plaintext(capture)
    assert found.authors == ["Jane Example", "John Roe"]
    assert "Comments" not in found.text


def test_capture_menu_lines_beside_the_date_are_not_authors() -> None:
    for header in (
        ("Start Trial", "Harbour", "March 4, 2024"),
        ("Marketing Director", "March 4, 2024"),  # a job title alone
        ("Released Wednesday", "March 4, 2024"),
        ("Ferries, Bridges March 4, 2024",),  # a list of topics
        ("Reading time about 6 minutes", "Show Sidebar"),
        ("Updated March 4, 2024", "The Rundown"),  # a heading
        ("March 4, 2024", "Author", "Recent Posts"),  # an empty author box, then a menu
    ):
        assert extract_plaintext(_capture(*header)).authors == [], header


def test_capture_byline_anywhere_that_claims_authorship() -> None:
    found = extract_plaintext(_capture(footer="Written by Jane Example\nShare this story\n"))
    assert found.authors == ["Jane Example"]


def test_capture_labels_beside_the_date_are_not_authors() -> None:
    # Section labels sit where a name would; the capture writes their words in lower
    # case elsewhere, which a person's name is not.
    labels = _capture("Key Features", "March 4, 2024", footer="Its key features are few.\n")
    assert extract_plaintext(labels).authors == []
    title = _capture("Harbour Bridge Reopens", "March 4, 2024")
    assert extract_plaintext(title).authors == []
    for header in ("Video - March 4, 2024", "March 4, 2024 - Updated March 5, 2024", "TEXT SIZE"):
        assert extract_plaintext(_capture(header)).authors == [], header


def test_capture_headline_not_a_trail_glued_to_it_nor_a_numbered_item() -> None:
    capture = (
        "Home\nWorld\nHomeWorld NewsHarbour bridge reopens after six months of repairs\n"
        "Harbour bridge reopens after six months of repairs\n4 March 2024\n"
        + PARAGRAPHS
        + "1. Bridge repairs and the harbour ferry service\n"
        + "The ferry service will keep running on weekends until the end of the month, the"
        " transport office said, and tickets bought for it will be refunded on request.\n"
    )
    assert extract_plaintext(capture).title == "Harbour bridge reopens after six months of repairs"


def test_an_article_copied_alone_keeps_its_headline_and_all_its_text() -> None:
    table = "\n".join(f"{year}: {(year - 1990) * 1000} crossings" for year in range(2000, 2020))
    article = (
        "Harbour bridge traffic since 2000\nBy Jane Example\nMarch 4, 2024\n"
        + PARAGRAPHS
        + "How harbour bridge traffic grew\n"
        + table
        + "\nThe transport office expects traffic to pass its old peak by the end of the year,"
        " as the ferry service winds down and commuters return to the bridge.\n"
    )
    found = extract_plaintext(article)
    assert found.title == "Harbour bridge traffic since 2000"
    assert found.authors == ["Jane Example"]
    assert "2019: 29000 crossings" in found.text
    assert found.text.endswith("commuters return to the bridge.")
