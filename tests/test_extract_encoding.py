"""Encodings are recognised from evidence; UTF-8 is always read as UTF-8."""

from __future__ import annotations

import codecs

import pytest

from newsprism.extract import extract_document, sniff_binary
from newsprism.extract.html import decode_html
from newsprism.extract.mojibake import undo_mojibake
from newsprism.extract.outlet import OutletResolver
from newsprism.models import RawDocument
from newsprism.outlets.registry import Registry
from newsprism.text import utf16_codec

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
        WESTERN.encode("utf-16-le"),
        WESTERN.encode("utf-16-be"),
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


@pytest.mark.parametrize(
    ("content", "codec"),
    [
        (WESTERN.encode("utf-16"), "utf-16-le"),  # Python writes the BOM little-endian
        (codecs.BOM_UTF16_BE + WESTERN.encode("utf-16-be"), "utf-16-be"),
        (WESTERN.encode("utf-16-le"), "utf-16-le"),
        (WESTERN.encode("utf-16-be"), "utf-16-be"),
        (WESTERN.encode("utf-8"), None),
        (WESTERN.encode("utf-32"), None),  # its BOM starts like UTF-16's
        (b"abc\x00\x01\x02def" * 10, None),
        (b"\x00\x01" * 50, None),  # zeros in step, but control characters
        # Without a BOM only Latin-script UTF-16 shows itself (Cyrillic's high byte is
        # 0x04): left to decoding's other evidence rather than guessed.
        (TEXTS["ru"][0].encode("utf-16-le"), None),
    ],
)
def test_utf16_is_told_by_its_bom_or_its_zero_bytes(content: bytes, codec: str | None) -> None:
    assert utf16_codec(content) == codec


def test_utf16_without_bom_is_text_not_binary() -> None:
    assert sniff_binary(WESTERN.encode("utf-16-le")) is None
    assert sniff_binary(b"abc\x00\x01\x02def" * 10) == "binary data (NUL bytes)"


@pytest.mark.parametrize("codec", ["utf-8", "utf-16", "cp1252"])
def test_outlet_is_read_from_the_capture_in_its_own_encoding(codec: str) -> None:
    # The resolver reads the capture's chrome, which extraction drops: it must decode
    # the capture as extraction does, or "Harbour’s Herald" in a cp1252 footer is lost.
    registry = Registry.from_records(
        [{"id": "harbours-herald", "name": "Harbour’s Herald", "domains": ["harbours.example"]}]
    )
    capture = "\n".join(
        ["Menu", "Council approves repair", "", WESTERN, "", "© 2025 Harbour’s Herald"]
    )
    raw = RawDocument(source="copy.txt", content=capture.encode(codec), kind="text")
    article = extract_document(raw)
    article.outlet = None  # as if extraction had not seen the footer: the resolver must
    assert OutletResolver(registry).resolve(article, raw) == "harbours-herald"


def test_utf8_with_a_stray_windows_byte_stays_utf8() -> None:
    # A UTF-8 text with one byte pasted in from cp1252 ("mayor\x92s") is not valid
    # UTF-8, but it is not cp1252 either: only the stray byte is read as cp1252.
    content = WESTERN.encode("utf-8") + b"The mayor\x92s office said so."
    assert decode_html(content) == WESTERN + "The mayor\u2019s office said so."
    article = extract_document(RawDocument(source="t.txt", content=content, kind="text"))
    assert "café était animé à côté de l’église; “quoted”" in article.text


def test_one_misread_quote_with_control_characters_is_repaired() -> None:
    # Latin-1's reading of "’" holds two C1 control characters: once is evidence enough.
    assert undo_mojibake("A DIY Investor\u00e2\u0080\u0099s Guide") == "A DIY Investor’s Guide"
    # cp1252's reading ("â€™") once is not: it could be what a text means to show.
    assert undo_mojibake("A DIY Investorâ€™s Guide") == "A DIY Investorâ€™s Guide"


def test_html_page_encoded_twice_by_its_cms_is_repaired() -> None:
    title = "A DIY Investor\u00e2\u0080\u0099s Guide"
    html = (
        f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
        f"<p>{WESTERN}</p></article></body></html>"
    )
    assert decode_html(html.encode("utf-8")) == html
    article = extract_document(RawDocument(source="p.html", content=html.encode(), kind="html"))
    assert article.title == "A DIY Investor’s Guide"
