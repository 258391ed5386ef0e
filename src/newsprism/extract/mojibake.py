"""Text that was UTF-8 but went through a Latin decoder on its way to the user.

A browser that reads an unlabelled UTF-8 page as Windows-1252 (or ISO-8859-1) shows
"wonâ€™t" for "won’t" and "cafÃ©" for "café"; "select all, copy" carries that into the
text capture, and no choice of decoder for the capture's own bytes can undo it. Each
such sequence is a UTF-8 lead byte read as a Latin letter (Â-ô) followed by its
continuation bytes read as cp1252 symbols, Latin-1 signs or C1 controls; turned back
into bytes it decodes as UTF-8. Real text has such pairs too ("×" before a no-break
space, German "ß’"), so a text is repaired only when it shows the usual signature:
the leads of Latin-1 letters and of punctuation (Â, Ã, â) turned back into UTF-8 at
least twice, or once when the sequence holds a C1 control character (Latin-1's reading
of "’" is "â\x80\x99"; no text has those characters). Pages whose own CMS encoded
them twice carry the same damage in their HTML, so HTML titles and text are repaired
the same way.
"""

from __future__ import annotations

import re


def _readings(byte: int) -> set[str]:
    """The characters a Latin decoder may give for a byte: cp1252's and Latin-1's."""
    latin1 = {chr(byte)}
    try:
        return latin1 | {bytes([byte]).decode("cp1252")}
    except UnicodeDecodeError:
        return latin1


_BYTE_OF = {char: b for b in range(0x80, 0x100) for char in _readings(b)}
_CONTINUATION = "".join(re.escape(c) for b in range(0x80, 0xC0) for c in sorted(_readings(b)))
# A lead byte with exactly as many continuation bytes as it announces.
_DOUBLE_DECODED = re.compile(
    f"[\u00c2-\u00df][{_CONTINUATION}]"
    f"|[\u00e0-\u00ef][{_CONTINUATION}]{{2}}"
    f"|[\u00f0-\u00f4][{_CONTINUATION}]{{3}}"
)


SIGNATURE_LEADS = "ÂÃâ"
MIN_SIGNATURES = 2
_C1 = re.compile("[\u0080-\u009f]")


def _redecode(sequence: str) -> str | None:
    try:
        return bytes(_BYTE_OF[c] for c in sequence).decode("utf-8")
    except UnicodeDecodeError:
        return None


def undo_mojibake(text: str) -> str:
    """`text` with the UTF-8 sequences that were decoded as cp1252 or Latin-1 restored,
    when it shows the signature of such a decoding; otherwise `text` unchanged."""
    signatures = 0
    for match in _DOUBLE_DECODED.finditer(text):
        if match.group()[0] in SIGNATURE_LEADS and _redecode(match.group()) is not None:
            # A C1 control character ("â\x80\x99", Latin-1's reading of "’") is never
            # text: one such sequence is evidence enough.
            signatures += MIN_SIGNATURES if _C1.search(match.group()) else 1
            if signatures >= MIN_SIGNATURES:
                break
    else:
        return text
    return _DOUBLE_DECODED.sub(lambda m: _redecode(m.group()) or m.group(), text)
