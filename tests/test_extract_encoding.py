"""Encodings are recognised from evidence; UTF-8 is always read as UTF-8."""

from __future__ import annotations

import codecs

import pytest

from newsprism.extract import extract_document
from newsprism.extract.html import decode_html
from newsprism.extract.mojibake import undo_mojibake
from newsprism.models import RawDocument

WESTERN = "Le café était animé à côté de l’église; “quoted” — £5, 20°C, don´t. " * 4
TEXTS = {
    "pl": ("Wrocław to piękne miasto, które leży nad Odrą. Żółć gęślą jaźń. " * 4, "cp1250"),
    "ru": ("Привет, как дела? Это проверка кодировки текста. " * 4, "cp1251"),
    "el": ("Καλημέρα κόσμε, αυτό είναι ένα τεστ κωδικοποίησης. " * 4, "cp1253"),
    "fr": (WESTERN, "cp1252"),
}


@pytest.mark.parametrize("lang", sorted(TEXTS))
def test_single_byte_code_pages_from_evidence(lang: str) -> None:
    text, codec = TEXTS[lang]
    assert decode_html(text.encode(codec)) == text


def test_utf8_wins_over_a_wrong_label() -> None:
    html = f'<html><head><meta charset="iso-8859-1"></head><body>{WESTERN}</body></html>'
    assert decode_html(html.encode("utf-8"), "iso-8859-1") == html


@pytest.mark.parametrize(
    "content",
    [
        codecs.BOM_UTF8 + WESTERN.encode("utf-8"),
        WESTERN.encode("utf-16"),
        WESTERN.encode("cp1252"),
        WESTERN.encode("utf-8"),
    ],
)
def test_text_capture_in_any_encoding_gives_the_same_text(content: bytes) -> None:
    article = extract_document(RawDocument(source="t.txt", content=content, kind="text"))
    assert "café était animé à côté de l’église" in article.text


@pytest.mark.parametrize("misread_as", ["cp1252", "latin-1"])
def test_capture_of_a_page_the_browser_misread_is_repaired(misread_as: str) -> None:
    # The browser decoded a UTF-8 page as a Latin code page; the copy is valid UTF-8
    # holding "Ã©" and "â€™" (or "â\x80\x99") where the page had "é" and "’".
    shown = WESTERN.encode("utf-8").decode(misread_as, errors="ignore")
    assert "Ã©" in shown
    article = extract_document(
        RawDocument(source="t.txt", content=shown.encode("utf-8"), kind="text")
    )
    assert "café était animé à côté de l’église" in article.text


def test_latin_pairs_that_only_look_misread_are_kept() -> None:
    # "×" before a no-break space and "ß’" decode as UTF-8 pairs, but nothing else in
    # the text shows a misreading.
    text = "Die Straße’ ist 3 ×\xa0breiter als früher, sagte sie am Montag. " * 3
    assert undo_mojibake(text) == text
