"""Text utilities shared by several stages: word lists, tokens, aware UTC datetimes, and
the UTF-16 test that both ingest (is this text?) and extract (how to decode it) need.

Each stop-word list is named for the one job it was tuned for: a list that suits
clustering (where reporting verbs and time words are noise) would hurt headline
choice, so they are kept apart rather than merged.
"""

from __future__ import annotations

import codecs
import re
from datetime import UTC, datetime

WORD_TOKEN = re.compile(r"[a-z0-9]+")  # on lower-cased text: runs of letters and digits


def word_set(text: str) -> frozenset[str]:
    """The whitespace-separated words of `text` (for writing word lists)."""
    return frozenset(text.split())


def content_words(text: str, stopwords: frozenset[str]) -> set[str]:
    """Lower-cased letter/digit tokens of `text`, less `stopwords` and one-character ones."""
    return {w for w in WORD_TOKEN.findall(text.lower()) if w not in stopwords and len(w) > 1}


def to_utc(moment: datetime) -> datetime:
    """Aware -> UTC; naive -> taken as UTC (what the store and the feeds mean by it)."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def parse_iso_datetime(value: str) -> datetime | None:
    """ISO 8601 date or datetime (a trailing Z is accepted); None when unreadable."""
    text = value.strip()
    if not text:
        return None
    if text.endswith(("Z", "z")):
        text = text[:-1] + "+00:00"
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        return None


# Clustering (stories/): function words plus reporting verbs, counters and time words,
# which every news story shares and which say nothing of which event it is.
CLUSTERING_STOPWORDS = word_set(
    """
    a about above after again against all also am an and any are as at be because been
    before being below between both but by can could did do does doing down during each
    few for from further had has have having he her here hers herself him himself his
    how i if in into is it its itself just me more most my myself no nor not now of off
    on once only or other our ours ourselves out over own same she should so some such
    than that the their theirs them themselves then there these they this those through
    to too under until up very was we were what when where which while who whom why will
    with would you your yours yourself yourselves said says say new one two first last
    year years may might must us mr mrs ms via amid per get gets got like make makes
    made many much even still back well way since told tell according week day days time
    """
)

# Claim grouping (enrich/claims.py): function words, pronouns and reporting verbs, so
# that two wordings of one statement share their content words.
CLAIM_STOPWORDS = word_set(
    """
    the a an and or of to in on for with at by from that this is are was were be been it
    its as he she they we i you his her their our not no but has have had will would
    said says
    """
)

# Summary sentence selection (analysis/summary.py): a broad function-word list.
SUMMARY_STOPWORDS = word_set(
    """
    a an the and or but if of to in on at by for with from as is are was were be been
    being it its this that these those he she they we i you his her their our your him
    them us me my has have had do does did will would can could should may might must
    not no so than then there here what which who whom whose when where why how all any
    some such into over after before about against between during through up down out
    off just also very more most other only own same too s t said says say
    """
)

# Headline choice (analysis/title.py): a short list, so that what a headline says
# (including its verbs) counts when headlines are compared.
HEADLINE_STOPWORDS = word_set(
    """
    a an the and or of to in on at by for with from as is are was were be it its this
    that after over says said new
    """
)


# Without a BOM, UTF-16 shows itself by its zero bytes: in mostly Latin-script text
# nearly every character has a zero high byte and almost none a zero low byte (English
# and German have over 90% at one position, none at the other). Russian (high byte 0x04)
# and Chinese have no such pattern and are left to the byte-order mark Windows writes.
# Read from the first 4 KB; the decoded sample must also be printable text.
UTF16_MIN_ZERO_SHARE = 0.6
UTF16_MAX_OTHER_ZERO_SHARE = 0.05
UTF16_SAMPLE_BYTES = 4096
UTF16_MIN_READABLE_SHARE = 0.95


def utf16_codec(content: bytes) -> str | None:
    """ "utf-16-le" or "utf-16-be" when `content` is UTF-16 text (by its byte-order mark,
    or without one by where its zero bytes fall); None otherwise."""
    if content.startswith(codecs.BOM_UTF16_LE) and not content.startswith(codecs.BOM_UTF32_LE):
        return "utf-16-le"
    if content.startswith(codecs.BOM_UTF16_BE):
        return "utf-16-be"
    sample = content[: min(len(content), UTF16_SAMPLE_BYTES) & ~1]  # whole code units
    if not sample:
        return None
    pairs = len(sample) // 2
    even_zeros = sample[0::2].count(0) / pairs
    odd_zeros = sample[1::2].count(0) / pairs
    codec = None
    if odd_zeros >= UTF16_MIN_ZERO_SHARE and even_zeros <= UTF16_MAX_OTHER_ZERO_SHARE:
        codec = "utf-16-le"
    elif even_zeros >= UTF16_MIN_ZERO_SHARE and odd_zeros <= UTF16_MAX_OTHER_ZERO_SHARE:
        codec = "utf-16-be"
    return codec if codec and _reads_as_text(sample.decode(codec, errors="replace")) else None


def _reads_as_text(text: str) -> bool:
    """Nearly all printable characters or whitespace: not binary data that happens to
    have its zeros in step (b"\x00\x01" repeated)."""
    readable = sum(1 for c in text if c.isprintable() or c.isspace())
    return readable >= UTF16_MIN_READABLE_SHARE * len(text)
