"""Front matter of Markdown clippings: parsed for metadata, dropped from the body."""

from __future__ import annotations

from datetime import UTC, datetime

from newsprism.extract import extract_document
from newsprism.extract.frontmatter import split_front_matter
from newsprism.extract.plaintext import extract_plaintext
from newsprism.models import RawDocument

PARAGRAPHS = [
    "The ferry operator said on Monday that the new timetable would add two sailings a "
    "day between the islands from the start of the summer season.",
    "Residents had asked for more crossings for years, complaining that the last boat "
    "left the mainland before most people finished work.",
    "The operator said the extra sailings would be paid for by a rise in car fares, "
    "while foot passengers would keep paying the current price.",
]

CLIPPING = "\n".join(
    [
        "---",
        'title: "Ferry operator adds two daily sailings: what changes"',
        'source: "https://www.islandpost.example/news/ferry-timetable"',
        "author:",
        '  - "[[Mara Quill]]"',
        "published: 2025-04-07",
        "created: 2025-04-09",
        'description: "The ferry operator said on Monday that the new timetable would add"',
        "site: The Island Post",
        "tags:",
        '  - "clippings"',
        "---",
        "# Ferry operator adds two daily sailings: what changes",
        "",
        "*Mara Quill, Transport Editor · The Island Post · 7 April 2025 09:30 GMT*",
        "",
        *[f"{p}\n" for p in PARAGRAPHS],
    ]
)


def test_front_matter_fields():
    front, rest = split_front_matter(CLIPPING)
    assert front is not None
    assert front.title == "Ferry operator adds two daily sailings: what changes"
    assert front.url == "https://www.islandpost.example/news/ferry-timetable"
    assert front.authors == ["Mara Quill"]  # wiki-link brackets removed
    assert front.published == datetime(2025, 4, 7)  # "created" is the clipping date
    assert front.site_name == "The Island Post"
    assert rest.startswith("# Ferry operator")


def test_clipping_metadata_and_body():
    result = extract_plaintext(CLIPPING, markdown=True)
    assert result.title == "Ferry operator adds two daily sailings: what changes"
    assert result.url == "https://www.islandpost.example/news/ferry-timetable"
    assert result.authors == ["Mara Quill"]
    # the day from the front matter, the time of day from the byline line
    assert result.published == datetime(2025, 4, 7, 9, 30, tzinfo=UTC)
    assert result.text.split("\n\n") == PARAGRAPHS
    for chrome in ("title:", "description:", "clippings", "Transport Editor", "---"):
        assert chrome not in result.text


def test_clipping_as_a_document():
    article = extract_document(RawDocument("clip.md", CLIPPING.encode(), "markdown"))
    assert article.url == "https://www.islandpost.example/news/ferry-timetable"
    assert article.site_name == "The Island Post" and article.outlet == "The Island Post"
    assert article.authors == ["Mara Quill"]
    assert article.published is not None and article.published.day == 7
    # a text capture can carry front matter too
    article = extract_document(RawDocument("clip.txt", CLIPPING.encode(), "text"))
    assert article.url is not None and "title:" not in article.text


def test_other_front_matter_forms():
    front, rest = split_front_matter(
        "\n---\n"
        "headline: 'It''s here'\n"
        'authors: ["Ann Lee", Bo Chen]\n'
        "date: 2025-04-07T09:30:00+02:00\n"
        "summary: >\n"
        "  Folded over\n"
        "  two lines\n"
        "link: https://x.example/a  # permalink\n"
        "...\n"
        "Body"
    )
    assert front is not None and rest == "Body"
    assert front.title == "It's here"
    assert front.authors == ["Ann Lee", "Bo Chen"]
    assert front.published is not None and front.published.utcoffset() is not None
    assert front.description == "Folded over two lines"
    assert front.url == "https://x.example/a"


def test_text_opening_with_a_rule_is_not_front_matter():
    text = "---\n\nA rule opens this text. It goes on: like this.\n\n---\nMore text."
    assert split_front_matter(text) == (None, text)
    unclosed = "---\ntitle: Never closed\n\nBody text."
    assert split_front_matter(unclosed)[0] is None
