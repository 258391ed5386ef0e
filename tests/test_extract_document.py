"""`extract_document` dispatch, identifiers, hints, errors, and `newsprism extract`."""

from __future__ import annotations

import json
from datetime import datetime

import pytest

from newsprism.extract import ExtractionError, extract_document, sniff_binary
from newsprism.models import RawDocument

PARAGRAPHS = [
    "The city council voted on Tuesday to spend forty million dollars repairing the old "
    "harbour bridge, after engineers found cracks in two of its supporting piers.",
    "Mayor Dana Whitfield said the repairs would begin in the spring and take about "
    "eighteen months, during which one lane in each direction would stay open.",
    "Opposition councillors argued that the money should have come from the regional "
    "transport fund rather than from the city's own reserves, and two voted against.",
]
HTML = (
    "<html><head><title>Council approves repair</title>"
    '<link rel="canonical" href="https://gazette.example/news/bridge?utm_source=feed#top">'
    "</head><body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav><article>"
    "<h1>Council approves repair</h1>"
    + "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    + "</article><footer>© 2024 The Gazette</footer></body></html>"
)
TEXT = "\n".join(
    ["Home", "News", "Sport", "Council approves repair", "By Jane Doe", "", *PARAGRAPHS,
     "Share This", "Leave a Reply"]
)  # fmt: skip


def test_html_document():
    raw = RawDocument(source="page.html", content=HTML.encode(), kind="html",
                      url="https://gazette.example/story?id=1&fbclid=x")  # fmt: skip
    article = extract_document(raw)
    assert article.url == "https://gazette.example/news/bridge"
    assert article.title == "Council approves repair"
    assert all(p in article.text for p in PARAGRAPHS)
    assert article.source == "page.html"
    assert article.language == "en"
    assert len(article.id) == 16
    assert article.content_hash and article.simhash is not None
    # stable: the same document gives the same id
    assert extract_document(raw).id == article.id


def test_text_document_and_hints():
    raw = RawDocument(
        source="capture.txt",
        content=TEXT.encode(),
        kind="text",
        hints={"published": "2024-03-05T08:00:00Z", "title": "Feed title"},
    )
    article = extract_document(raw)
    assert article.title == "Council approves repair"
    assert article.authors == ["Jane Doe"]
    assert article.published is not None and article.published.year == 2024
    assert "Leave a Reply" not in article.text and "Share This" not in article.text
    assert article.text.split("\n\n") == PARAGRAPHS


def test_same_text_from_html_and_capture_has_same_hash():
    html = extract_document(RawDocument("a.html", HTML.encode(), "html"))
    text = extract_document(RawDocument("a.txt", TEXT.encode(), "text"))
    assert html.content_hash == text.content_hash


def test_cp1252_text_capture():
    text = "Le maire a déclaré que les réparations commenceraient au printemps – enfin."
    article = extract_document(
        RawDocument("a.txt", ("Titre du jour\n\n" + text).encode("cp1252"), "text")
    )
    assert "réparations" in article.text and "–" in article.text


def test_markdown_document():
    md = "# Council approves repair\n\n" + "\n\n".join(f"*{p}*" for p in PARAGRAPHS)
    article = extract_document(RawDocument("a.md", md.encode(), "markdown"))
    assert article.title == "Council approves repair"
    assert article.text.split("\n\n") == PARAGRAPHS


def test_article_record_normalised():
    record = {"id": "x1", "title": "T", "text": "Body text.", "date": "2024-03-05",
              "outlet": "Gazette", "url": "https://gazette.example/a?utm_campaign=z"}  # fmt: skip
    raw = RawDocument("recs.jsonl:1", json.dumps(record).encode(), "article", hints=record)
    article = extract_document(raw)
    assert article.id == "x1"
    assert article.published == datetime(2024, 3, 5)
    assert article.url == "https://gazette.example/a"
    assert article.outlet == "Gazette"
    assert article.text == "Body text."
    assert article.simhash is None  # too short for a meaningful fingerprint

    minimal = {"text": "Only a body here."}
    article = extract_document(RawDocument("r:2", json.dumps(minimal).encode(), "article"))
    assert article.title == "" and len(article.id) == 16

    with pytest.raises(ExtractionError, match="no text"):
        extract_document(RawDocument("r:3", b'{"title": "x"}', "article"))


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty"),
        (b"   \n\t ", "empty"),
        (b"%PDF-1.7\n%\xe2\xe3", "PDF"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "PNG"),
        (b"PK\x03\x04\x14\x00", "ZIP"),
        (b"some\x00binary\x00data", "NUL"),
    ],
)
def test_unusable_documents_raise_one_line_errors(content, message):
    with pytest.raises(ExtractionError, match=message) as info:
        extract_document(RawDocument("bad", content, "html"))
    assert "\n" not in str(info.value)


def test_no_article_text():
    with pytest.raises(ExtractionError):
        extract_document(
            RawDocument("x.html", b"<html><body><script>x()</script></body></html>", "html")
        )


def test_utf16_is_not_binary():
    assert sniff_binary("<html>hé</html>".encode("utf-16")) is None


def test_text_copy_names_its_publisher_not_the_wire():
    capture = "\n".join(
        ["The Ridge Daily", "Menu", "Council approves repair", "By Jane Doe, Tidewater Wire", "",
         *PARAGRAPHS, "", "Originally published by Tidewater Wire.", "Source link", "",
         "© 2024 The Ridge Daily. All rights reserved."]
    )  # fmt: skip
    article = extract_document(RawDocument("copy.txt", capture.encode(), "text"))
    assert article.outlet == "The Ridge Daily"
    assert article.authors == ["Jane Doe"]
    assert article.text.split("\n\n") == PARAGRAPHS
