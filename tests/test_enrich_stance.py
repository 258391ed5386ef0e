"""Stance: cue and negation semantics of attributed statements, and the FNC-1 style model."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from newsprism.cli import app
from newsprism.enrich import stance as st
from newsprism.enrich.claims import stance_of

# (cue, content, stance): denials must come out as denials however they are worded.
STATEMENTS = [
    ("denied", "that the firm sold drones to the army", "denies"),
    ("rejected", "the report as politically motivated", "denies"),
    ("said", "the accusations had no factual basis", "denies"),
    ("said", "Beijing will not accept these groundless claims", "denies"),
    ("said", "we won't accept any interference in our affairs", "denies"),
    ("said", "We have never supplied weapons to either side", "denies"),
    ("said", "our company has never exported dual-use goods to the region", "denies"),
    ("told reporters", "I did not take any money from them", "denies"),
    ("said", "the allegation that it armed the rebels is completely untrue", "denies"),
    ("claimed", "the allegations were fabricated by rivals", "denies"),
    ("said", "allegations of smuggling were a smear", "denies"),
    ("accused", "the firm of smuggling machine tools", "alleges"),
    ("said", "the company had illegally shipped lathes to the army", "alleges"),
    ("alleged", "that the shipments broke the embargo", "alleges"),
    ("confirmed", "the deliveries took place in March", "confirms"),
    ("said", "the talks will resume in May", "neutral"),
]


@pytest.mark.parametrize(("cue", "content", "expected"), STATEMENTS)
def test_statement_stance(cue, content, expected):
    assert stance_of(cue, content) == expected


CLAIM = "Northfield shipped machine tools to the army"
AGREE = (
    "Northfield shipped machine tools to the army last year, customs records show. "
    "The records list three shipments of lathes and milling machines to army factories."
)
DISAGREE = (
    "Northfield denied that it shipped machine tools to the army. The report is false "
    "and a hoax, the company said; no such shipments ever took place."
)
UNRELATED = "Heavy rain flooded the city centre on Monday and schools were closed."


def test_model_separates_related_from_unrelated():
    model = st.load_model()
    assert model.predict(CLAIM, UNRELATED) == "unrelated"
    assert model.predict(CLAIM, AGREE) != "unrelated"
    assert model.predict(CLAIM, DISAGREE) != "unrelated"


def test_model_reads_refutation():
    model = st.load_model()
    agree, disagree = model.probabilities(CLAIM, AGREE), model.probabilities(CLAIM, DISAGREE)
    assert disagree["disagree"] > agree["disagree"]
    assert model.predict(CLAIM, AGREE) == "agree"
    assert model.predict(CLAIM, DISAGREE) == "disagree"


def test_model_round_trips_through_json():
    model = st.load_model()
    again = st.model_from_json(json.loads(json.dumps(st.model_to_json(model))))
    assert again.probabilities(CLAIM, AGREE) == pytest.approx(model.probabilities(CLAIM, AGREE))


def test_tokens_split_contractions():
    assert st.tokens("We don't accept it") == ["we", "do", "n't", "accept", "it"]


def test_stance_command_reports_bad_lines_and_goes_on(tmp_path):
    path = tmp_path / "pairs.jsonl"
    lines = [
        json.dumps({"id": "p1", "claim": CLAIM, "text": AGREE}),
        "{not json",
        json.dumps({"id": "p2", "claim": CLAIM}),
        json.dumps({"id": "p3", "claim": CLAIM, "text": UNRELATED}),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["stance", str(path), "--json"])
    assert result.exit_code == 0
    out = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert [o["id"] for o in out] == ["p1", "p3"]
    assert out[1]["stance"] == "unrelated"
    assert all(o["stance"] in st.LABELS for o in out)
    assert f"{path}:2: not JSON" in result.stderr
    assert f'{path}:3: "text" missing' in result.stderr


def test_officials_statement_about_the_allegation_alleges():
    from newsprism.enrich.claims import stance_against

    allegations = ["Northfield shipped machine tools to the army"]
    assert (
        stance_against(
            "the shipments of machine tools to the army continued until March", allegations
        )
        == "alleges"
    )
    assert (
        stance_against("Northfield never shipped machine tools to the army", allegations)
        == "denies"
    )
    assert stance_against("the talks will resume in May", allegations) == "neutral"
    assert stance_against("the talks will resume in May", []) == "neutral"


AFFAIR = (
    "The Foreign Ministry on Monday repeated accusations that Northfield Machine Tool Group "
    "supplied machine tools to the army's drone factories.\n\n"
    "Two senior officials said Northfield machine tools were found at three drone factories "
    "last year.\n\n"
    "“We have never sold a single machine to the army,” said Tomas Berg, Northfield's chief "
    "executive. “These allegations are politically motivated.”\n\n"
    "The ministry did not say when it would publish the customs records.\n"
)


def test_narrated_allegation_is_found():
    from newsprism.enrich.claims import narrated_allegations

    assert narrated_allegations(AFFAIR) == [
        "Northfield Machine Tool Group supplied machine tools to the army's drone factories"
    ]


def test_officials_accusation_alleges_and_rebuttals_deny():
    from newsprism.enrich.quotes import find_quotes

    quotes = find_quotes(AFFAIR)
    by = {q.content.split()[0]: q for q in quotes}
    assert by["Northfield"].stance == "alleges" and by["Northfield"].anonymous
    assert by["We"].stance == "denies" and by["We"].speaker == "Tomas Berg"
    assert by["These"].stance == "denies"
    assert not [q for q in quotes if q.content.startswith("when it would publish")]
