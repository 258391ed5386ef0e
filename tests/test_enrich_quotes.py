"""Quotes, attributions, speakers and stances on small invented texts."""

from __future__ import annotations

from newsprism.enrich.claims import ArticleQuotes, group_claims, sides, stance_of
from newsprism.enrich.quotes import find_quote_spans, find_quotes
from newsprism.enrich.sentences import split_sentences

ALLEGATION = (
    "Foreign Ministry spokeswoman Maria Okafor said on Tuesday that Northfield Machine Tool "
    "Group had shipped lathes to the army.\n\n"
    "“The company knowingly broke the embargo,” Okafor said. “We have the invoices.\n\n"
    "“And we will publish them,” she added.\n\n"
    "Two senior U.S. officials said the shipments continued until March.\n"
)
DENIAL = (
    "Northfield Machine Tool Group denied the accusation on Wednesday.\n\n"
    "“These allegations are baseless,” said Tomas Berg, the company's chief executive. "
    "“We never supplied the army.”\n"
)


def _by_content(quotes, fragment):
    return next(q for q in quotes if fragment in q.content)


def test_offsets_index_the_text_exactly():
    for quote in find_quotes(ALLEGATION):
        assert ALLEGATION[quote.content_span.start : quote.content_span.end] == quote.content
        assert quote.speaker_span is not None and quote.cue_span is not None
        assert ALLEGATION[quote.cue_span.start : quote.cue_span.end] == quote.cue


def test_direct_quote_speaker_resolved_to_full_name():
    quote = _by_content(find_quotes(ALLEGATION), "knowingly broke")
    assert quote.direct
    assert quote.speaker == "Maria Okafor"
    assert ALLEGATION[quote.speaker_span.start : quote.speaker_span.end] == "Okafor"
    assert quote.stance == "alleges"


def test_quote_spanning_paragraphs_and_pronoun():
    quote = _by_content(find_quotes(ALLEGATION), "We have the invoices")
    assert "And we will publish them" in quote.content
    assert quote.speaker == "Maria Okafor"
    assert quote.cue == "added"


def test_indirect_attribution_with_role_and_org():
    quote = _by_content(find_quotes(ALLEGATION), "shipped lathes")
    assert not quote.direct
    assert quote.speaker == "Maria Okafor"
    assert quote.speaker_role == "Foreign Ministry spokeswoman"
    assert quote.speaker_org == "Foreign Ministry"
    assert quote.content.startswith("Northfield")


def test_anonymous_source_kept_as_such():
    quote = _by_content(find_quotes(ALLEGATION), "shipments continued")
    assert quote.anonymous
    assert quote.speaker == "Two senior U.S. officials"


def test_denial_with_appositive_speaker():
    quotes = find_quotes(DENIAL)
    quote = _by_content(quotes, "baseless")
    assert quote.speaker == "Tomas Berg"
    assert quote.stance == "denies"
    assert quote.speaker_role and "chief executive" in quote.speaker_role
    follow_up = _by_content(quotes, "never supplied")
    assert follow_up.speaker == "Tomas Berg"


def test_according_to_and_told():
    text = (
        "According to the spokeswoman, the talks will resume in May. "
        "Okafor told Reuters that the ministry had evidence."
    )
    quotes = find_quotes(text)
    assert any(
        q.cue.lower().startswith("according") and "talks will resume" in q.content for q in quotes
    )
    told = _by_content(quotes, "ministry had evidence")
    assert told.cue == "told" and told.speaker == "Okafor"


def test_other_quote_marks():
    text = (
        "« Nous partirons », a-t-il dit. She said: „Wir bleiben hier.“ He said: ‘We stay here now.’"
    )
    spans = [text[s:e] for s, e in find_quote_spans(text)]
    assert any("Nous partirons" in s for s in spans)
    assert any("Wir bleiben hier" in s for s in spans)
    assert any("We stay here now" in s for s in spans)


def test_scare_quotes_are_not_direct_quotes():
    text = "The plan, dubbed “Operation Sunrise” by critics, was approved on Monday."
    assert not [q for q in find_quotes(text) if q.direct]


def test_stance_from_cue_and_content():
    assert stance_of("denied", "that it sold parts") == "denies"
    assert stance_of("said", "the claims are baseless") == "denies"
    assert stance_of("accused", "the firm of smuggling") == "alleges"
    assert stance_of("confirmed", "the deliveries took place") == "confirms"
    assert stance_of("said", "the weather was fine") == "neutral"


def test_claims_grouped_across_outlets_with_both_sides():
    first = ArticleQuotes("a1", "Left Daily", find_quotes(ALLEGATION + DENIAL))
    second = ArticleQuotes(
        "a2",
        "Right Post",
        find_quotes(
            "“The company knowingly broke the embargo,” said Maria Okafor, "
            "a ministry spokeswoman.\n"
            "“These allegations are baseless,” Berg said.\n"
        ),
    )
    claims = group_claims([first, second])
    by_stance = sides(claims)
    allegation = next(c for c in by_stance["alleges"] if "embargo" in c.content)
    denial = next(c for c in by_stance["denies"] if "baseless" in c.content)
    assert set(allegation.outlets) == {"Left Daily", "Right Post"}
    assert set(denial.article_ids) == {"a1", "a2"}
    assert "Maria Okafor" in allegation.speakers
    assert "Tomas Berg" in denial.speakers


def test_sentences_keep_offsets_and_abbreviations():
    text = "Gov. Jane Doe met U.S. officials at 3 p.m. Tuesday. Prices rose 3.5 percent!\nNew line"
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == [
        "Gov. Jane Doe met U.S. officials at 3 p.m. Tuesday.",
        "Prices rose 3.5 percent!",
        "New line",
    ]
    assert all(text[s.start : s.end] == s.text for s in sentences)
