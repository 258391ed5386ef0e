"""Content hashes, SimHash and the near-duplicate index on invented articles."""

from __future__ import annotations

import pytest

from newsprism.extract.dedupe import (
    NearDuplicateIndex,
    content_hash,
    hamming_distance,
    is_near_duplicate,
    is_syndicated_copy,
    normalize_text,
    simhash,
)

WIRE = """TOKYO (AP) — Japan's central bank kept its key interest rate unchanged on Thursday, \
saying the economy was recovering at a moderate pace despite weak exports to China and \
higher prices for imported energy and food.

The Bank of Japan's policy board voted eight to one to hold the short-term rate at minus \
0.1 percent and to keep buying government bonds to hold the ten-year yield near zero.

Governor Kazuo Ueda told reporters that the bank would not hesitate to ease further if \
needed, but that wage growth was showing signs of becoming more broad-based across \
industries and regions.

Economists had widely expected the decision. Several said the bank could still end its \
negative rate policy in the spring, after annual wage negotiations between the biggest \
companies and unions conclude in March.

The yen weakened slightly against the dollar after the announcement, while the Nikkei \
share average closed up 0.4 percent, led by exporters and bank stocks."""

OTHER_ON_SAME_EVENT = """The Bank of Japan left its ultra-loose monetary settings in place \
on Thursday, as Governor Kazuo Ueda signalled patience before any move away from negative \
interest rates that have been in place since 2016.

Markets had priced in little chance of a change. Analysts at several brokerages said the \
central bank wanted more evidence that wage increases would spread to smaller firms before \
it acted, and pointed to weak consumption data released earlier this month.

The dissenting board member argued for a faster exit, saying inflation had stayed above \
the bank's two percent target for well over a year. The yen was little changed after the \
decision, and government bond yields edged lower in afternoon trade in Tokyo."""


def republished(text: str) -> str:
    """The wire story as another site runs it: own chrome, a credit, a 'Related' list,
    and the last paragraph cut."""
    paragraphs = text.split("\n\n")[:-1]
    return "\n\n".join(
        [
            "Share this article",
            *paragraphs,
            "Copyright 2024 The Associated Press. All rights reserved.",
            "Related: Asian shares mixed ahead of central bank decisions",
        ]
    )


def test_normalisation_ignores_case_whitespace_and_punctuation():
    a = "The Bank of Japan — kept rates “unchanged”.\n\nIt said so."
    b = 'the bank of japan kept rates "unchanged" it said so'
    assert normalize_text(a) == normalize_text(b)
    assert content_hash(a) == content_hash(b)
    assert content_hash(a) != content_hash(a + " Again.")
    assert len(content_hash(a)) == 64


def test_simhash_is_64_bit_and_stable():
    value = simhash(WIRE)
    assert 0 <= value < 2**64
    assert value == simhash(WIRE)
    assert simhash("") == 0


def test_syndicated_copy_is_a_near_duplicate():
    original, copy = simhash(WIRE), simhash(republished(WIRE))
    assert is_near_duplicate(original, copy), hamming_distance(original, copy)
    assert is_syndicated_copy(WIRE, republished(WIRE))


def test_same_event_different_article_is_not():
    a, b = simhash(WIRE), simhash(OTHER_ON_SAME_EVENT)
    assert not is_near_duplicate(a, b), hamming_distance(a, b)
    assert not is_syndicated_copy(WIRE, OTHER_ON_SAME_EVENT)


def test_index_finds_copies_and_not_others():
    index = NearDuplicateIndex()
    index.add("wire", simhash(WIRE))
    index.add("other", simhash(OTHER_ON_SAME_EVENT))
    found = index.find(simhash(republished(WIRE)))
    assert [article_id for article_id, _ in found] == ["wire"]
    assert found[0][1] <= index.max_distance
    assert len(index) == 2 and "wire" in index


def test_index_finds_everything_within_distance():
    index = NearDuplicateIndex(max_distance=6)
    base = 0x0123_4567_89AB_CDEF
    index.add("same", base)
    index.add("six-bits", base ^ 0b111111)
    index.add("spread", base ^ (1 << 63) ^ (1 << 40) ^ (1 << 20) ^ 1)
    index.add("far", base ^ ((1 << 64) - 1))
    assert index.find(base) == [("same", 0), ("spread", 4), ("six-bits", 6)]
    index.remove("same")
    assert [i for i, _ in index.find(base)] == ["spread", "six-bits"]


def test_index_rejects_bad_distance():
    with pytest.raises(ValueError):
        NearDuplicateIndex(max_distance=64)
