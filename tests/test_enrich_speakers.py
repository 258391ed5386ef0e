"""Speakers: never a date, weekday, time, section, place adjective or the reader; short
forms resolved to the fullest mention with role and organisation."""

from __future__ import annotations

import pytest

from newsprism.enrich.quotes import find_quotes, is_non_speaker

ARTICLE = (
    "World\n\n"
    "BEIJING, Nov. 12 -- China on Tuesday rejected accusations that it supplies Russia's "
    "arms industry.\n\n"
    "Chinese Foreign Ministry spokesperson Mao Ning told a regular press briefing on Tuesday "
    "that the accusations had no factual basis.\n\n"
    "“China has never provided lethal weapons to any party to the conflict,” Mao said. "
    "“We firmly oppose groundless smears.”\n\n"
    "The spokesperson said Beijing would not accept the sanctions.\n\n"
    "Western officials said Chinese firms had shipped machine tools to Russian factories.\n\n"
    "“The evidence is clear,” said Jane Doe, a senior official at the State Department. "
    "Doe added that more sanctions were being prepared.\n\n"
    "What do you think? “Share your views,” you said in the comments.\n"
)


def _quote(fragment):
    return next(q for q in find_quotes(ARTICLE) if fragment in q.content)


@pytest.mark.parametrize(
    "phrase",
    [
        "Nov. 12",
        "Tuesday",
        "Sept",
        "10:30 a.m.",
        "World",
        "you",
        "Chinese",
        "BEIJING China",
        "last Tuesday",
        "Monday morning",
    ],
)
def test_non_speakers(phrase):
    assert is_non_speaker(phrase)


@pytest.mark.parametrize(
    "phrase", ["Mao Ning", "Chinese officials", "the spokesperson", "China", "Jane Doe", "May Li"]
)
def test_speakers(phrase):
    assert not is_non_speaker(phrase)


def test_family_name_first_resolves_to_full_name_with_role():
    quote = _quote("never provided lethal weapons")
    assert quote.speaker == "Mao Ning"
    assert quote.speaker_role == "Chinese Foreign Ministry spokesperson"
    assert quote.speaker_org and "Foreign Ministry" in quote.speaker_org
    assert quote.stance == "denies"


def test_the_spokesperson_resolves_to_the_named_one():
    quote = _quote("would not accept")
    assert quote.speaker == "Mao Ning"
    assert quote.stance == "denies"


def test_surname_alone_keeps_role_and_organisation():
    quote = _quote("more sanctions")
    assert quote.speaker == "Jane Doe"
    assert quote.speaker_org == "State Department"


def test_place_adjective_source_is_typed_anonymous():
    quote = _quote("shipped machine tools")
    assert quote.anonymous and quote.speaker == "Western officials"


def test_reader_is_never_a_speaker():
    assert all("Share your views" not in q.content for q in find_quotes(ARTICLE))
    assert all(
        q.speaker.lower() not in {"world", "tuesday", "nov", "you"} for q in find_quotes(ARTICLE)
    )


def test_officials_of_a_place_stay_anonymous():
    quotes = find_quotes("Officials in Riverland said the drones came from Eastmark last year.")
    assert quotes and quotes[0].anonymous
    assert quotes[0].speaker == "Officials in Riverland"
