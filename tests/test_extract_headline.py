"""Headline, date and byline of HTML pages, from invented pages."""

from __future__ import annotations

import lxml.html

from newsprism.extract.bylines import person_names
from newsprism.extract.headline import html_headline, strip_site_tail
from newsprism.extract.html import extract_html
from newsprism.extract.visible import (
    Surroundings,
    byline_near_headline,
    dates_near_headline,
    labelled_byline,
    near_headline,
)

PAGE = """<html><head>
<title>Harbour bridge reopens after repairs | The Northline Courier</title>
<meta property="og:site_name" content="The Northline Courier">
<meta property="og:title" content="Harbour bridge reopens after repairs | The Northline Courier">
<meta property="article:published_time" content="2024-03-01T08:00:00+00:00">
</head><body>
<header><h1>The Northline Courier</h1><nav><a>News</a><a>Sport</a></nav>
<p>Today: Friday 8 March 2024</p></header>
<article><h1>Harbour bridge reopens after repairs</h1>
<div class="meta"><span>By</span> <a>Jane Example</a> <time>March 4, 2024</time></div>
<p>The harbour bridge reopened to traffic on Monday after six months of repairs to its
deck and cables, the city's transport office said in a statement.</p>
<p>Engineers replaced the expansion joints and repainted the steel, and the work came in
under budget, according to the office. Commuters had used a ferry service meanwhile.</p>
<p>The office thanked residents for their patience during the closure and said the
bridge would be inspected again next year as part of its usual programme.</p>
</article></body></html>"""


def _tree(html: str) -> lxml.html.HtmlElement:
    return lxml.html.document_fromstring(html)


def test_strip_site_tail_drops_the_site_name_and_short_tails() -> None:
    names = ["The Northline Courier"]
    assert strip_site_tail("Bridge reopens after repairs | The Northline Courier", names) == (
        "Bridge reopens after repairs"
    )
    assert strip_site_tail("Best ferry routes in 2025 | Top 9 Picks | Courier", []) == (
        "Best ferry routes in 2025"
    )
    assert strip_site_tail("Blog | How the harbour bridge was rebuilt", []) == (
        "How the harbour bridge was rebuilt"
    )


def test_headline_is_the_h1_that_agrees_with_the_metadata() -> None:
    assert html_headline(_tree(PAGE)) == "Harbour bridge reopens after repairs"


def test_headline_without_h1_is_the_metadata_title_without_site() -> None:
    page = PAGE.replace("<h1>", "<div>").replace("</h1>", "</div>")
    assert html_headline(_tree(page)) == "Harbour bridge reopens after repairs"


def test_date_and_byline_beside_the_headline() -> None:
    near = near_headline(_tree(PAGE), "Harbour bridge reopens after repairs")
    stated, updated = dates_near_headline(near)
    assert stated is not None and stated.date().isoformat() == "2024-03-04"
    assert updated is None
    assert byline_near_headline(near) == ["Jane Example"]


def test_updated_date_is_not_the_publication_date() -> None:
    page = PAGE.replace(
        "<time>March 4, 2024</time>", "<span>Updated on</span> <time>May 2, 2024</time>"
    )
    article = extract_html(page)
    assert article.published is not None
    assert article.published.date().isoformat() == "2024-03-01"  # the metadata's, not May's


def test_extract_html_uses_the_visible_date_and_never_the_today_line() -> None:
    undeclared = PAGE.replace(
        '<meta property="article:published_time" content="2024-03-01T08:00:00+00:00">', ""
    )
    article = extract_html(undeclared)
    assert article.title == "Harbour bridge reopens after repairs"
    assert article.published is not None
    assert article.published.date().isoformat() == "2024-03-04"
    assert article.authors == ["Jane Example"]


def test_a_declared_earlier_publication_beats_a_later_printed_date() -> None:
    # published_time says 1 March, the page prints 4 March beside the headline without
    # saying "Updated": the later date is the update, the article appeared on 1 March.
    article = extract_html(PAGE)
    assert article.published is not None
    assert article.published.isoformat() == "2024-03-01T08:00:00+00:00"
    later = PAGE.replace("2024-03-01T08:00:00+00:00", "2024-03-09T08:00:00+00:00")
    printed = extract_html(later).published
    assert printed is not None and printed.date().isoformat() == "2024-03-04"


def test_pipe_tail_of_a_visible_heading_is_cut() -> None:
    page = PAGE.replace(
        "<h1>Harbour bridge reopens after repairs</h1>",
        "<h1>Harbour bridge reopens after repairs | Live updates</h1>",
    )
    assert html_headline(_tree(page)) == "Harbour bridge reopens after repairs"


def test_line_breaks_inside_the_heading_separate_its_words() -> None:
    page = PAGE.replace(
        "<h1>Harbour bridge reopens after repairs</h1>",
        "<h1>Harbour bridge<br>reopens after <b>repairs</b></h1>",
    )
    assert html_headline(_tree(page)) == "Harbour bridge reopens after repairs"


def test_a_capitalised_span_styled_as_its_own_line_is_a_new_phrase() -> None:
    page = PAGE.replace(
        "<h1>Harbour bridge reopens after repairs</h1>",
        '<h1>Harbour Bridge Reopens<span class="block">After Repairs</span></h1>',
    )
    assert html_headline(_tree(page)) == "Harbour Bridge Reopens After Repairs"
    page = PAGE.replace(  # a styled word inside the phrase is not a break
        "<h1>Harbour bridge reopens after repairs</h1>",
        "<h1>Harbour bridge re<em>opens</em> after repairs</h1>",
    )
    assert html_headline(_tree(page)) == "Harbour bridge reopens after repairs"


def test_a_heading_swallowed_by_an_unclosed_h1_is_not_part_of_it() -> None:
    page = PAGE.replace(
        "<h1>Harbour bridge reopens after repairs</h1>",
        "<h1>Harbour bridge reopens after repairs<h3>Posted on 4 March 2024</h3>",
    )
    assert html_headline(_tree(page)) == "Harbour bridge reopens after repairs"


def test_an_authorship_line_far_from_the_headline_names_the_author() -> None:
    # No byline beside the headline; the article ends "Written by ...". A plain "By" line
    # in a related-stories list further down is not taken.
    page = PAGE.replace(
        '<div class="meta"><span>By</span> <a>Jane Example</a> <time>March 4, 2024</time></div>',
        "",
    ).replace(
        "</article>",
        "<p>Written by: Omar Placeholder</p></article>"
        "<aside><h3>Related</h3><p>By Kim Elsewhere</p></aside>",
    )
    assert extract_html(page).authors == ["Omar Placeholder"]
    unsigned = page.replace("<p>Written by: Omar Placeholder</p>", "")
    assert extract_html(unsigned).authors == []


def test_byline_and_date_beside_a_headline_the_parser_moved_out_of_its_h1() -> None:
    # <p> inside <h1> is invalid HTML: the parser closes the <h1> and the headline
    # stands in a <p>; its byline and date are still the ones beside it.
    page = PAGE.replace(
        "<h1>Harbour bridge reopens after repairs</h1>",
        '<h1 class="title"><p>Harbour bridge reopens after repairs</p></h1>',
    )
    page = page.replace(
        '<meta property="article:published_time" content="2024-03-01T08:00:00+00:00">', ""
    )
    page = page.replace("<h1>The Northline Courier</h1>", "<div>The Northline Courier</div>")
    article = extract_html(page)
    assert article.authors == ["Jane Example"]
    assert article.published is not None
    assert article.published.date().isoformat() == "2024-03-04"


def test_author_labels_and_author_boxes_anywhere_on_the_page() -> None:
    unsigned = PAGE.replace(
        '<div class="meta"><span>By</span> <a>Jane Example</a> <time>March 4, 2024</time></div>',
        "",
    )

    def authors(ending: str) -> list[str]:
        return extract_html(unsigned.replace("</article>", ending + "</article>")).authors

    assert authors("<p>Article written by:</p><p>Omar Placeholder, MD</p>") == ["Omar Placeholder"]
    assert authors("<p>Written by</p><p>Omar Placeholder and Kim Sample</p>") == [
        "Omar Placeholder",
        "Kim Sample",
    ]
    box = "<h4>Omar Placeholder</h4><p>Omar Placeholder is a reporter who covers transport.</p>"
    assert authors(box) == ["Omar Placeholder"]
    # A term and its definition is no author box.
    definition = "<h4>Harbour Gauge</h4><p>Harbour Gauge is a tool that measures the tide.</p>"
    assert authors(definition) == []


def test_the_printed_byline_beats_a_different_declared_author() -> None:
    declared = PAGE.replace("</head>", '<meta name="author" content="Pat Webmaster"></head>')
    assert extract_html(declared).authors == ["Jane Example"]
    # A reviewer's "by" is not the byline; nor is a teaser's "By" far above the headline.
    reviewed = declared.replace(
        "<span>By</span>", "<span>Medically reviewed</span> <span>by</span>"
    )
    assert extract_html(reviewed).authors == ["Pat Webmaster"]


def test_bylines_read_upwards_with_accents_separators_and_role_lines() -> None:
    # Above the headline the page reads "by" / "Linda Example": the name follows the label.
    above = Surroundings(after=[], before=["Contributing Writer", "Linda Example", "by", "Tech"])
    assert labelled_byline(above) == ["Linda Example"]
    # A name with an accented capital, beside a date across a separator.
    assert byline_near_headline(Surroundings(["Çelik Example", "•", "Dec 19, 2025"], [])) == [
        "Çelik Example"
    ]
    assert byline_near_headline(Surroundings(["2025-12-17", "·", "Trond Example"], [])) == [
        "Trond Example"
    ]
    unsigned = PAGE.replace(
        '<div class="meta"><span>By</span> <a>Jane Example</a> <time>March 4, 2024</time></div>',
        "",
    )
    boxed = unsigned.replace("</article>", "<p>Omar Placeholder</p><p>Author</p></article>")
    assert extract_html(boxed).authors == ["Omar Placeholder"]


def test_template_placeholders_are_not_authors() -> None:
    assert person_names(["undefined", "Name", "Webmaster", "Posted on"]) == []
    assert person_names(["Jane Example"]) == ["Jane Example"]


def test_author_fields_lose_job_titles_and_labels_but_keep_long_names() -> None:
    assert person_names(["Zack Example Writer", "Hardware"]) == ["Zack Example", "Hardware"]
    assert person_names(["Kim Sample Senior Autos Reporter"]) == ["Kim Sample"]
    assert person_names(["Harry Example Tech Reporter"]) == ["Harry Example"]
    assert person_names(["Mary Jane Watson Writer"]) == ["Mary Jane Watson"]
    assert person_names(["This post was written by Dana Pryce"]) == ["Dana Pryce"]


def test_the_date_nearest_the_headline_wins_above_or_below() -> None:
    below = ["A teaser of the article", "Share", "Related", "Jo Other | July 15, 2025"]
    near = Surroundings(after=below, before=["January 16, 2025 11 min read", "Blog"])
    stated, _ = dates_near_headline(near)
    assert stated is not None and stated.date().isoformat() == "2025-01-16"
    near = Surroundings(after=["By Jane Example", "March 4, 2024"], before=["Today: May 9, 2024"])
    stated, _ = dates_near_headline(near)
    assert stated is not None and stated.date().isoformat() == "2024-03-04"


def test_a_date_inside_a_sentence_is_not_the_articles() -> None:
    after = ["The offer is valid from November 26 until December 3, 2025, the shop said."]
    near = Surroundings(after=after, before=["Deals", "November 24, 2025"])
    stated, _ = dates_near_headline(near)
    assert stated is not None and stated.date().isoformat() == "2025-11-24"
