"""Attribution patterns of news style: where the speaker is, and what the speaker is."""

from __future__ import annotations

import pytest

from newsprism.enrich.quotes import find_quotes


def _direct(text):
    return [q for q in find_quotes(text) if q.direct]


def _speaker_text(text, quote):
    return text[quote.speaker_span.start : quote.speaker_span.end]


def test_speaker_with_state_abbreviation_after_the_quote():
    text = (
        '"It is time to close the loopholes," Senate leader Harry M. Reid (D-Nev.) said '
        'in a statement. "They cost us billions."\n'
    )
    quotes = _direct(text)
    assert len(quotes) == 2
    assert all(_speaker_text(text, q) == "Senate leader Harry M. Reid (D-Nev.)" for q in quotes)


def test_any_verb_after_a_quote_that_leaves_its_sentence_open():
    text = '"Cruz could win the general election in a landslide," Viguerie concludes.\n'
    (quote,) = _direct(text)
    assert _speaker_text(text, quote) == "Viguerie" and quote.cue == "concludes"


def test_verb_first_after_the_quote():
    text = '"This is fantastic!" beamed Donald Hartley of Madison, a delegate.\n'
    (quote,) = _direct(text)
    assert quote.speaker.startswith("Donald Hartley")


def test_colon_introduces_a_quote_of_the_clause_subject():
    text = (
        'A short time later, Ms. Abedin wrote back: "We all have him on our radar. '
        'Personnel has been sending him options."\n'
    )
    (quote,) = _direct(text)
    assert _speaker_text(text, quote) == "Ms. Abedin"
    assert quote.cue == "wrote back"


def test_listener_after_told_is_not_the_speaker():
    text = 'Htay Oo, its acting chairman, told the Reuters news agency simply, "We lost."\n'
    (quote,) = _direct(text)
    assert "Reuters" not in _speaker_text(text, quote)
    assert quote.speaker.startswith("Htay Oo")


def test_later_subject_after_an_opening_clause():
    text = (
        "At one point, a woman asked for a photo and Clinton said, "
        '"as long as we\'re not violating any election laws."\n'
    )
    (quote,) = _direct(text)
    assert _speaker_text(text, quote) == "Clinton"


def test_continuation_after_a_long_appositive():
    text = (
        '"There are pages in his book that are blank," said Tom Rath, a veteran New '
        "Hampshire Republican leader who had endorsed the governor and is slated to be a "
        'delegate to the convention in July. "I think he needs to fill them in."\n'
    )
    quotes = _direct(text)
    assert len(quotes) == 2 and quotes[1].speaker == quotes[0].speaker == "Tom Rath"


def test_quote_mark_between_spaces_closes_the_open_quote():
    text = (
        "\"It's not just Sanders saying, 'Oh, yes, just vote for her,' \" Sanders told CNN "
        'on Sunday. "It is her standing up."\n'
    )
    quotes = _direct(text)
    assert [q.speaker for q in quotes] == ["Sanders", "Sanders"]
    assert quotes[0].content.startswith("It's not just")


def test_dash_line_names_the_speaker_of_the_quote_above():
    text = '"Boeing and GE and other multinationals pay zero taxes."\n\n- Sanders.\n\nFact check.\n'
    (quote,) = _direct(text)
    assert quote.speaker == "Sanders"


def test_titles_and_subheads_are_not_quotes():
    text = (
        "His autobiography, ''A Time for Truth,'' published in 2015, described his youth.\n\n"
        "'A fight from start to finish.'\n\nThe merger was approved.\n"
    )
    assert _direct(text) == []


def test_no_continuation_after_an_attribution_before_the_quote():
    text = (
        'Boreing said, "We will still meet." Another member disagreed.\n\n'
        '"It is time we change how we do it."\n'
    )
    quotes = _direct(text)
    assert [q.content for q in quotes] == ["We will still meet."]


def test_inserted_attribution_and_opening_adverbial():
    text = (
        "After being informed that he would be charged, police said, the man went to "
        "headquarters. On Tuesday, campaign chairman John Podesta told a lunch group that "
        "her position remains firm.\n"
    )
    quotes = find_quotes(text)
    inserted = [q for q in quotes if q.cue == "said"]
    # The statement is in two fragments around the inserted attribution, as PolNeAR has it.
    assert [q.speaker for q in inserted] == ["police", "police"]
    assert inserted[0].content.startswith("After being informed")
    assert inserted[1].content.startswith("the man went")
    told = next(q for q in quotes if q.cue == "told")
    assert "John Podesta" in told.speaker and told.content == "her position remains firm"


def test_object_pronoun_after_a_cue_is_not_a_speaker():
    assert not [
        q
        for q in find_quotes("Tomas Berg, the chief executive, denied it.\n")
        if q.speaker.lower() == "it"
    ]


def test_relative_pronoun_speaker_span_points_at_the_pronoun():
    text = "It was a plan backed by a former official who suggested the talks should resume.\n"
    quote = next(q for q in find_quotes(text) if q.cue == "suggested")
    assert text[quote.speaker_span.start : quote.speaker_span.end] == "who"
    assert quote.content == "the talks should resume"


# -- issue 11, second round: shapes of indirect attribution found in reporting ----------


@pytest.mark.parametrize(
    ("sentence", "speaker", "content_start"),
    [
        (
            "It is rare for a budget of this size to pass in a week, said Omar Haddad, a "
            "professor of economics at the city university.",
            "Omar Haddad",
            "It is rare",
        ),
        ("About half of voters say they want a new mayor.", "About half of voters", "they want"),
        (
            "But water engineers say the dam could fail within a decade.",
            "water engineers",
            "the dam",
        ),
        (
            "Six in 10 residents said the bridge should be rebuilt.",
            "Six in 10 residents",
            "the bridge",
        ),
        ("The mayor is demanding that the council publish the audit.", "The mayor", None),
        (
            "The town's chief planner, Lea Moss, said the road would reopen in May.",
            None,
            "the road",
        ),
    ],
)
def test_indirect_shapes(sentence, speaker, content_start):
    quotes = find_quotes(sentence)
    assert quotes, sentence
    if speaker is not None:
        assert any(
            q.speaker == speaker or sentence[q.speaker_span.start : q.speaker_span.end] == speaker
            for q in quotes
        ), [q.speaker for q in quotes]
    if content_start is not None:
        assert any(q.content.startswith(content_start) for q in quotes), [q.content for q in quotes]


@pytest.mark.parametrize(
    "sentence",
    [
        "Smith won three states on Tuesday and lost two.",
        "The senator spoke for about 30 minutes before leaving.",
    ],
)
def test_not_attributions(sentence):
    assert find_quotes(sentence) == []


def test_transcript_line_and_dash_signature():
    text = (
        "Interview transcript.\n\nREYES: We will not raise the fare this year.\n\n"
        "“The buses must run on time. That is the whole job.” ― Mara Lind\n"
    )
    quotes = find_quotes(text)
    assert any(q.speaker == "REYES" and q.content.startswith("We will not") for q in quotes)
    assert any(q.speaker == "Mara Lind" and q.direct for q in quotes)


def test_statement_added_after_a_quote():
    text = "“We are ready,” the minister said, adding that the talks would resume on Monday."
    quotes = find_quotes(text)
    assert any(q.cue == "adding" and q.content.startswith("the talks") for q in quotes)
