"""Line-level boilerplate removal on invented plain-text captures of news pages."""

from __future__ import annotations

from datetime import datetime

from newsprism.extract.bylines import parse_byline
from newsprism.extract.plaintext import extract_plaintext, markdown_to_text

PARAGRAPHS = [
    "HARBOURVILLE (Reuters) - The city council voted on Tuesday to spend $40 million "
    "repairing the old harbour bridge, after engineers found cracks in two of its "
    "supporting piers during a routine inspection last month.",
    "Mayor Dana Whitfield said the repairs would begin in the spring and take about "
    "eighteen months, during which one lane in each direction would stay open to traffic.",
    "\u201cWe cannot keep patching this bridge and hoping for the best,\u201d Whitfield told "
    "reporters outside city hall. \u201cThe people who cross it every day deserve better.\u201d",
    "Opposition councillors argued that the money should have come from the regional "
    "transport fund rather than the city's own reserves, and two of them voted against.",
    "The harbour authority, which owns the land beneath the bridge, has promised to "
    "contribute a further $5 million once the final engineering report is published.",
]

CAPTURE = "\n".join(
    [
        "Skip to content",
        "The Harbourville Gazette",
        "Home",
        "News",
        "Politics",
        "Business",
        "Sport",
        "Opinion",
        "Subscribe",
        "Sign in",
        "Council approves $40m harbour bridge repair",
        "By Jane Doe and Sam Roe",
        "March 3, 2024 at 4:15 pm",
        "Share",
        "Facebook",
        "Twitter",
        "Email",
        "",
        PARAGRAPHS[0],
        "",
        "The bridge seen from the ferry terminal. (Photo: Tom Hill/Gazette)",
        "",
        PARAGRAPHS[1],
        "",
        "Advertisement",
        "",
        PARAGRAPHS[2],
        "",
        "Read more: Ferry fares to rise for the third year running",
        "",
        PARAGRAPHS[3],
        "",
        PARAGRAPHS[4],
        "",
        "Jane Doe is a reporter at the Harbourville Gazette covering city hall. Follow her on "
        "Twitter.",
        "",
        "Share This",
        "Sign up for our morning newsletter and get the news delivered to your inbox.",
        "Related",
        "Ferry Fares To Rise For The Third Year Running",
        "New Mayor Sets Out Plans For Waterfront Housing",
        "Harbour Festival Returns After Five-Year Break",
        "Popular",
        "Local Team Wins Regional Cup In Extra Time",
        "Storm Warning Issued For The Coast Tonight",
        "Leave a Reply",
        "Your email address will not be published. Required fields are marked *",
        "Comment",
        "Name",
        "Email",
        "Take our reader survey and tell us what you think about the new site design.",
        "Source link",
        "We use cookies to give you the best experience on our website. By continuing to "
        "browse, you agree to our use of cookies.",
        "About us | Contact | Privacy Policy | Terms of Use",
        "© 2024 The Harbourville Gazette. All rights reserved.",
    ]
)


def _body_words(text: str) -> set[str]:
    return set(text.split())


def test_keeps_every_article_paragraph():
    result = extract_plaintext(CAPTURE)
    for paragraph in PARAGRAPHS:
        assert paragraph in result.text


def test_drops_all_kinds_of_chrome():
    text = extract_plaintext(CAPTURE).text
    for chrome in [
        "Skip to content",
        "Politics",
        "Subscribe",
        "Advertisement",
        "Photo: Tom Hill",
        "Read more",
        "is a reporter at",
        "Share This",
        "newsletter",
        "Ferry Fares To Rise",
        "Local Team Wins",
        "Leave a Reply",
        "reader survey",
        "Source link",
        "cookies",
        "Privacy Policy",
        "All rights reserved",
    ]:
        assert chrome not in text, chrome


def test_finds_title_byline_and_date():
    result = extract_plaintext(CAPTURE)
    assert result.title == "Council approves $40m harbour bridge repair"
    assert result.authors == ["Jane Doe", "Sam Roe"]
    assert result.published == datetime(2024, 3, 3, 16, 15)


def test_paragraphs_are_separated_by_blank_lines():
    result = extract_plaintext(CAPTURE)
    assert result.text.split("\n\n") == PARAGRAPHS
    assert result.text.startswith("HARBOURVILLE (Reuters) - ")  # dateline kept


def test_plain_article_without_chrome_is_kept_whole():
    text = "Bridge repairs approved\n\n" + "\n\n".join(PARAGRAPHS)
    result = extract_plaintext(text)
    assert result.title == "Bridge repairs approved"
    assert result.text == "\n\n".join(PARAGRAPHS)


def test_article_split_by_a_related_box_keeps_both_halves():
    capture = "\n".join(
        [
            "Menu",
            "Council approves harbour repair",
            PARAGRAPHS[0],
            PARAGRAPHS[1],
            "Related Articles",
            "Ferry Fares To Rise For The Third Year Running",
            "New Mayor Sets Out Plans For Waterfront Housing",
            PARAGRAPHS[2],
            PARAGRAPHS[3],
            PARAGRAPHS[4],
            "Trending",
            "Local Team Wins Regional Cup In Extra Time",
            "Storm Warning Issued For The Coast Tonight",
            "Harbour Festival Returns After Five-Year Break",
        ]
    )
    text = extract_plaintext(capture).text
    for paragraph in PARAGRAPHS:
        assert paragraph in text
    assert "Ferry Fares" not in text
    assert "Storm Warning" not in text


def test_comment_section_is_cut():
    capture = "\n".join(
        [
            "Council approves harbour repair",
            *PARAGRAPHS,
            "12 Comments",
            "harbourfan says:",
            "March 3, 2024 at 5:02 pm",
            "This is long overdue, and frankly the council should have acted years ago when the "
            "first cracks were reported by residents.",
            "Reply",
        ]
    )
    text = extract_plaintext(capture).text
    assert "long overdue" not in text
    assert PARAGRAPHS[-1] in text


def test_empty_and_chrome_only_inputs():
    assert extract_plaintext("").text == ""
    result = extract_plaintext("Home\nNews\nSport\nSign in")
    assert "Sign in" not in result.text


def test_markdown_strips_markup_and_takes_leading_title():
    markdown = (
        "# Council approves harbour repair\n\n"
        "**By Jane Doe**\n\n"
        "The city council [voted](https://example.org/vote) on Tuesday to spend *$40 "
        "million* on the bridge.\n\n"
        "![bridge](bridge.jpg)\n\n"
        "## What happens next\n\n"
        "- Repairs begin in spring\n"
        "- One lane stays open\n"
    )
    title, text = markdown_to_text(markdown)
    assert title == "Council approves harbour repair"
    assert "voted on Tuesday to spend $40 million" in text
    assert "](" not in text and "**" not in text and "#" not in text
    assert "Repairs begin in spring" in text

    result = extract_plaintext(markdown, markdown=True)
    assert result.title == "Council approves harbour repair"


def test_parse_byline_variants():
    assert parse_byline("By Jane Doe, Reuters") == ["Jane Doe"]
    assert parse_byline("By Jane Doe and John Roe | Staff writers") == ["Jane Doe", "John Roe"]
    assert parse_byline("Posted by Sam Lee on March 3, 2024") == ["Sam Lee"]


def test_affiliate_disclosures_in_the_sites_voice_are_chrome() -> None:
    disclosure = (
        "This post contains affiliate links, and we may earn a commission if you buy "
        "through them at no extra cost to you."
    )
    about_affiliates = (
        "Bloggers who use affiliate links earn a commission on each sale, the council's "
        "consumer office said, and readers are rarely told."
    )
    lines = ["Council approves harbour bridge repair", PARAGRAPHS[0], disclosure, PARAGRAPHS[1]]
    lines += [about_affiliates, PARAGRAPHS[2], PARAGRAPHS[3], "View all posts by Jane Doe"]
    text = "\n\n".join(lines)
    article = extract_plaintext(text)
    assert "affiliate links, and we may earn" not in article.text
    assert "View all posts" not in article.text
    assert about_affiliates in article.text
    assert PARAGRAPHS[1] in article.text


def test_calls_to_action_and_reading_lists_are_chrome() -> None:
    prose = "What started as a way to stay connected with friends is now a tool for the council."
    lines = ["Council approves harbour bridge repair", PARAGRAPHS[0], PARAGRAPHS[1], prose]
    lines += [PARAGRAPHS[2], "Pin this for later!", PARAGRAPHS[3], "Be the first to know"]
    lines += [PARAGRAPHS[4], "Other articles you may find interesting", "Ferry fares rise again"]
    article = extract_plaintext("\n\n".join(lines))
    assert prose in article.text
    assert PARAGRAPHS[4] in article.text
    for chrome in ("Pin this", "Be the first", "Other articles", "Ferry fares"):
        assert chrome not in article.text


def test_offers_forms_and_image_credits_are_chrome_but_product_facts_are_not() -> None:
    review = "The service offers a 30-day free trial, and the plans start at $12 a month."
    lines = ["Council approves harbour bridge repair", PARAGRAPHS[0], PARAGRAPHS[1], review]
    lines += ["Hero image by Kim Sample", PARAGRAPHS[2], PARAGRAPHS[3], PARAGRAPHS[4]]
    lines += ["Get $10 off your first order with code: HARBOUR", "Reply by email"]
    article = extract_plaintext("\n\n".join(lines))
    assert review in article.text
    for chrome in ("Hero image", "off your first order", "Reply by email"):
        assert chrome not in article.text
    bio = "Dana Pryce is the founder and lead instructor at Harbour Rowing."
    ending = extract_plaintext("\n\n".join([*lines[:3], *PARAGRAPHS[2:], bio]))
    assert "founder and lead instructor" not in ending.text


def test_a_note_about_the_author_is_cut_wherever_it_stands() -> None:
    note = (
        "Dana Pryce is a content writer at Harbour Insights with more than five years of "
        "experience in local journalism and data reporting."
    )
    menu = ["Skip to content", "Harbour Insights", "Home", "News", "Sport", "Subscribe"]
    lines = [*menu, "Council approves harbour bridge repair", "By Dana Pryce", "March 3, 2024"]
    after = "Engineers expect to publish their final report on the piers before the summer."
    lines += [*PARAGRAPHS[:4], note, "Get more city news with Harbour Insights", PARAGRAPHS[4]]
    lines.append(after)
    lines += ["Related", "Ferry fares to rise again", "© 2024 Harbour Insights"]
    article = extract_plaintext("\n".join(lines))
    assert article.authors == ["Dana Pryce"]
    assert "content writer" not in article.text
    assert PARAGRAPHS[4] in article.text and after in article.text
    # a paragraph that opens with a name the byline gives, and says nothing of a writer
    product = "Harbour Rowing is a club on the north shore with 300 members and two boathouses."
    lines = [*menu, "Council approves harbour bridge repair", "By Harbour Rowing", "March 3, 2024"]
    kept = extract_plaintext("\n".join([*lines, *PARAGRAPHS[:3], product, *PARAGRAPHS[3:]]))
    assert product in kept.text


def test_closing_author_box_is_cut_but_a_profile_in_the_article_is_kept() -> None:
    head = ["Council approves harbour bridge repair", *PARAGRAPHS[:4]]
    signed = [*head, "Written by Dana Pryce", "Writer and rower. Contributes to The Harbour."]
    article = extract_plaintext("\n\n".join(signed))
    assert "Written by" not in article.text and "Writer and rower" not in article.text
    assert PARAGRAPHS[3] in article.text
    boxed = [
        *head,
        "Dana Pryce",
        "Dana (DP) is a seasoned copywriter at The Harbour.",
        "Read all articles by Dana Pryce",
        "Try Harbour Pro free with a 30-day trial",
    ]
    article = extract_plaintext("\n\n".join(boxed))
    assert "seasoned copywriter" not in article.text and "Harbour Pro" not in article.text
    profile = "Ada Quill is a sculptor who casts the bridge's old rivets into small figures."
    profiled = [*head, "Ada Quill", profile, PARAGRAPHS[4]]
    article = extract_plaintext("\n\n".join(profiled))
    assert profile in article.text and PARAGRAPHS[4] in article.text


def test_paywall_closes_vendor_trials_and_template_paths_are_chrome() -> None:
    review = "Podia offers a 30-day free trial, no credit card required, then two paid plans."
    lines = ["Council approves harbour bridge repair", *PARAGRAPHS[:3], review, PARAGRAPHS[3]]
    lines += ["/content/harbour/en_gb/fragments/article-details", PARAGRAPHS[4]]
    lines += ["Continue reading this post for free, courtesy of Dana Pryce.", "Claim my free post"]
    lines += ["Or purchase a paid subscription."]
    article = extract_plaintext("\n\n".join(lines))
    assert review in article.text and PARAGRAPHS[4] in article.text
    for chrome in ("/content/harbour", "Continue reading", "Claim my", "paid subscription"):
        assert chrome not in article.text


def test_a_heading_about_copyright_is_not_the_footer() -> None:
    lines = ["Council approves harbour bridge repair", *PARAGRAPHS[:3]]
    lines += ["Copyright Complexity in a Fragmented World", PARAGRAPHS[3], PARAGRAPHS[4]]
    lines += ["Copyright © 2025 The Harbour Gazette. All rights reserved.", "Copyright Policy"]
    article = extract_plaintext("\n\n".join(lines))
    assert PARAGRAPHS[4] in article.text and "Copyright ©" not in article.text


def test_a_papers_discussion_is_its_text_and_its_references_end_it() -> None:
    paper = ["Stress among harbour pilots: a cohort study", "Abstract", PARAGRAPHS[0]]
    paper += ["Methods", PARAGRAPHS[1], "Results", PARAGRAPHS[2], "Discussion", PARAGRAPHS[3]]
    paper += ["References", "Pryce D, Quill A. Pilots at work. J Harb Stud 2019;3(2):1-9."]
    article = extract_plaintext("\n\n".join(paper))
    assert PARAGRAPHS[3] in article.text and "J Harb Stud" not in article.text
    post = ["Council approves harbour bridge repair", *PARAGRAPHS[:3], "Discussion", PARAGRAPHS[4]]
    assert PARAGRAPHS[4] not in extract_plaintext("\n\n".join(post)).text


def test_a_closing_note_about_the_writer_in_the_third_person_is_cut() -> None:
    note = (
        "Dana Pryce is the harbour and transport director at The Gazette. She has covered "
        "the port for fifteen years."
    )
    lines = ["Council approves harbour bridge repair", *PARAGRAPHS[:4], note]
    article = extract_plaintext("\n\n".join(lines))
    assert PARAGRAPHS[3] in article.text and note not in article.text
    about_a_club = "The Rowing Club is the town's oldest. The Rowing Club has 300 members."
    lines = ["Council approves harbour bridge repair", about_a_club]
    assert about_a_club in extract_plaintext("\n\n".join(lines)).text


def test_subheadings_listed_in_a_table_of_contents_stay_in_the_article() -> None:
    headings = ["Why the bridge cracked", "What the repair costs", "When the work ends"]
    lines = ["Join / Sign in", "Council approves harbour bridge repair", "Contents", *headings]
    lines.append(PARAGRAPHS[0])
    for heading, paragraph in zip(headings, PARAGRAPHS[1:], strict=False):
        lines += [heading, paragraph]
    lines += ["Join / Sign in", PARAGRAPHS[4]]
    text = extract_plaintext("\n".join(lines)).text
    for heading in headings:
        assert text.count(heading) == 1
    assert "Sign in" not in text


def test_a_list_the_article_introduces_with_a_colon_is_kept() -> None:
    tools = ["Harbour Crane Model A", "Tidal Pump Series Two", "Deck Sealant Pro Max"]
    lines = ["Council approves harbour bridge repair", *PARAGRAPHS[:2]]
    lines += ["The contractor will bring three machines:", *tools, *PARAGRAPHS[2:]]
    text = extract_plaintext("\n".join(lines)).text
    assert all(tool in text for tool in tools)
    lines = ["Council approves harbour bridge repair", *PARAGRAPHS[:2], *tools, *PARAGRAPHS[2:]]
    assert tools[0] not in extract_plaintext("\n".join(lines)).text
