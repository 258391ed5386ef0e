"""Speakers of a story across its articles: one per person, non-speakers dropped."""

from __future__ import annotations

import pytest

from newsprism.analysis.speakers import (
    SpeakerMention,
    is_speaker_phrase,
    relabel_claims,
    split_name,
    unify_speakers,
)


def _m(name, article="a1", outlet="one.example", role=None, org=None, anonymous=False):
    return SpeakerMention(name, role, org, anonymous, article, outlet)


@pytest.mark.parametrize(
    "phrase",
    [
        "Tuesday",
        "Nov. 12",
        "10:30 a.m.",
        "Chinese",
        "World",
        "you",
        "Here's",
        "That's exactly what he wanted",
        "on bribery and money laundering charges",
        "he",
        "It's",
        "The registration issue was first",
        "Neither Clinton",
    ],
)
def test_not_speakers(phrase):
    assert not is_speaker_phrase(phrase)


@pytest.mark.parametrize(
    "phrase",
    [
        "Mao Ning",
        "the spokesperson",
        "senior officials",
        "the Foreign Ministry",
        "NATO",
        "Jane Doe",
        "this official",
    ],
)
def test_speakers(phrase):
    assert is_speaker_phrase(phrase)


def test_role_and_organisation_split_off_the_name():
    name, role, org = split_name(_m("Foreign Ministry spokesperson Mao Ning"))
    assert (name, role, org) == ("Mao Ning", "spokesperson", "Foreign Ministry")


def test_same_person_across_articles_is_one_speaker():
    speakers = unify_speakers(
        [
            _m("Foreign Ministry spokesperson Mao Ning", "a1", "one.example"),
            _m("Mao", "a1", "one.example"),
            _m("Mao Ning", "a2", "two.example", role="spokeswoman", org="Foreign Ministry"),
            _m("the spokesperson", "a3", "three.example"),
            _m("Tuesday", "a3", "three.example"),
            _m("Jane Doe", "a2", "two.example", role="senior official", org="State Department"),
            _m("Ms. Doe", "a3", "three.example"),
        ]
    )
    names = [s.name for s in speakers]
    assert names == ["Mao Ning", "Jane Doe"]
    mao = speakers[0]
    assert mao.statements == 4
    assert mao.outlets == ["one.example", "two.example", "three.example"]
    assert mao.org == "Foreign Ministry" and mao.kind == "person"
    assert "Mao Ning (" in mao.label()
    assert speakers[1].role == "senior official"


def test_ambiguous_surname_stays_apart():
    speakers = unify_speakers([_m("John Smith"), _m("Anna Smith"), _m("Smith")])
    assert sorted(s.name for s in speakers) == ["Anna Smith", "John Smith", "Smith"]


def test_groups_and_organisations_typed():
    speakers = {
        s.name: s.kind
        for s in unify_speakers(
            [
                _m("senior officials", anonymous=True),
                _m("the Foreign Ministry"),
                _m("NATO"),
                _m("Six in 10 voters"),
            ]
        )
    }
    assert speakers == {
        "senior officials": "anonymous",
        "the Foreign Ministry": "organisation",
        "NATO": "organisation",
        "Six in 10 voters": "group",
    }


def test_claim_speakers_relabelled():
    speakers = unify_speakers(
        [_m("Mao Ning", role="spokesperson", org="Foreign Ministry"), _m("Mao")]
    )
    claims = [{"stance": "denies", "content": "x", "speakers": ["Mao", "Mao Ning", "Sept"]}]
    assert relabel_claims(claims, speakers)[0]["speakers"] == [
        "Mao Ning (spokesperson, Foreign Ministry)"
    ]


# -- the story page and `story --json` -----------------------------------------------------

STORY_TEXTS = {
    "x1": (
        "Officials in Riverland accused Eastmark of supplying drones to the rebels. "
        "“Eastmark has supplied the drones,” said Defence Ministry spokesperson Lara Quinn.\n\n"
        "Eastmark denied it. “Eastmark has never supplied drones to the rebels,” said Foreign "
        "Ministry spokesman Tomas Brel.\n"
    ),
    "x2": (
        "Eastmark has supplied drones to the rebels, Quinn said on Monday, citing customs "
        "records of the shipments.\n"
    ),
}


def _story_db(path, stored=True):
    from newsprism.analysis.article_stance import STORED_KEY, stances_record
    from newsprism.enrich.claims import ArticleQuotes, group_claims
    from newsprism.enrich.quotes import find_quotes
    from newsprism.models import Article, RawDocument
    from newsprism.store import Store

    found = {aid: find_quotes(text) for aid, text in STORY_TEXTS.items()}
    claims = group_claims([ArticleQuotes(aid, f"{aid}.example", qs) for aid, qs in found.items()])
    with Store(path) as store:
        with store.begin() as conn:
            for aid, text in STORY_TEXTS.items():
                article = Article(
                    id=aid, title=f"Drones {aid}", text=text, outlet=f"{aid}.example", story_id="s1"
                )
                raw = RawDocument(source=aid, content=aid.encode(), kind="text")
                store.add_articles(conn, [(article, store.add_raw(conn, raw))])
                store.save_enrichment(conn, aid, embedding=None, quotes=found[aid], entities=[])
            store.ensure_stories(conn, ["s1"], {})
        articles = store.articles(story_id="s1")
        coverage = {}
        if stored:
            coverage = {
                STORED_KEY: stances_record(
                    [c.to_json() for c in claims], articles, store.quotes(["x1", "x2"])
                )
            }
        store.save_story_analysis(
            "s1",
            title="Drones",
            article_count=2,
            outlet_count=2,
            first_published=None,
            last_published=None,
            summary={},
            coverage=coverage,
            claims=[c.to_json() for c in claims],
            blindspot=None,
        )


@pytest.mark.parametrize("stored", [True, False])
def test_story_json_has_unified_speakers_main_claim_and_article_stances(tmp_path, stored):
    import json

    from typer.testing import CliRunner

    from newsprism.analysis.article_stance import ARTICLE_STANCES
    from newsprism.cli import app

    db = tmp_path / "s.db"
    _story_db(db, stored)  # not stored (analysed before): the command computes them
    result = CliRunner().invoke(app, ["story", "s1", "--db", str(db), "--json"])
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout)
    speakers = {s["name"]: s for s in record["speakers"]}
    assert set(speakers) >= {"Lara Quinn", "Tomas Brel"}
    assert speakers["Lara Quinn"]["outlets"] == ["x1.example", "x2.example"]
    assert "Quinn" not in speakers
    assert "Drones" not in (record["main_claim"] or "") and "drones" in record["main_claim"]
    stances = {a["id"]: a["stance"] for a in record["articles"]}
    assert set(stances.values()) <= set(ARTICLE_STANCES)
    assert stances["x1"] == "reports the dispute"  # it carries Eastmark's denial
    named = [n for c in record["claims"] for n in c["speakers"]]
    assert "Quinn" not in named


def test_story_page_shows_stance_chip(tmp_path):
    from fastapi.testclient import TestClient

    from newsprism.web.app import create_app

    db = tmp_path / "s.db"
    _story_db(db)
    with TestClient(create_app(db)) as client:
        page = client.get("/stories/s1")
    assert page.status_code == 200
    assert "reports the dispute" in page.text
    assert "Lara Quinn (spokesperson, Defence Ministry)" in page.text
    assert "Main claim:" in page.text and "speakers</summary>" in page.text


def test_group_cut_at_its_place_is_whole_again():
    speakers = unify_speakers(
        [
            _m("Riverland", role="Officials in", org="Officials"),
            _m("Lara Quinn", role="Defence Ministry spokesperson", org="Defence Ministry"),
        ]
    )
    by_name = {s.name: s for s in speakers}
    assert by_name["Officials in Riverland"].kind == "group"
    assert by_name["Lara Quinn"].role == "spokesperson"
    assert by_name["Lara Quinn"].label() == "Lara Quinn (spokesperson, Defence Ministry)"


def test_article_stance_rules():
    from newsprism.analysis.article_stance import (
        DISCUSSES,
        DISPUTE,
        FACT,
        article_stance,
        denies_claim,
    )

    claim = "Eastmark supplied drones to the rebels"
    assert denies_claim(claim, [("denies", "We never supplied drones to the rebels")])
    assert not denies_claim(claim, [("denies", "The minister denied the tax rise")])
    assert not denies_claim(claim, [("alleges", "Eastmark supplied drones to the rebels")])
    assert article_stance({"agree": 0.6, "disagree": 0.1, "discuss": 0.2}) == FACT
    assert article_stance({"agree": 0.2, "disagree": 0.1, "discuss": 0.6}) == DISCUSSES
    assert article_stance({"agree": 0.1, "disagree": 0.7, "discuss": 0.1}) == DISPUTE
    assert article_stance({"agree": 0.6, "disagree": 0.1, "discuss": 0.2}, denied=True) == DISPUTE
    assert article_stance({"unrelated": 1.0}) == DISCUSSES


def test_story_page_without_stored_stances_shows_no_chip(tmp_path):
    from fastapi.testclient import TestClient

    from newsprism.web.app import create_app

    db = tmp_path / "s.db"
    _story_db(db, stored=False)
    with TestClient(create_app(db)) as client:
        page = client.get("/stories/s1")
    assert page.status_code == 200
    assert "reports the dispute" not in page.text and "Lara Quinn" in page.text


def test_descriptors_and_cut_roles():
    speakers = unify_speakers(
        [
            _m("Republican Ann Vole"),
            _m("Ann Vole"),
            _m("But Ann Vole"),
            _m("Ann Vole", role="ad uses footage of"),  # the ad speaks: no one named
            _m("Ann Vole", role="spokeswoman for"),  # her spokeswoman, not Ann Vole
            _m("Spokeswoman Jo Bell"),  # a spokeswoman of someone else
            _m("FBI", role="the"),
        ]
    )
    by_name = {s.name: s for s in speakers}
    assert by_name["Ann Vole"].statements == 3
    assert by_name["spokeswoman for Ann Vole"].kind == "role"
    assert by_name["spokeswoman for Ann Vole"].statements == 1  # not joined to Jo Bell
    assert by_name["FBI"].label() == "FBI"


def test_transcript_name_and_junk_roles():
    speakers = unify_speakers(
        [
            _m("Mike Pence", role="governor"),
            _m("PENCE"),
            _m("Ann Vole", role="shows that"),
        ]
    )
    by_name = {s.name: s for s in speakers}
    assert by_name["Mike Pence"].statements == 2 and by_name["Mike Pence"].kind == "person"
    assert by_name["Ann Vole"].role is None


def test_claim_speakers_stored_as_mappings_relabelled_the_same_way():
    from newsprism.analysis.speakers import claim_speaker_labels

    speakers = unify_speakers(
        [
            _m("Lara Quinn", role="spokesperson", org="Defence Ministry"),
            _m("Quinn", "a2", "two.example"),
        ]
    )
    claim = {
        "stance": "alleges",
        "content": "x",
        "speakers": [
            {"name": "Quinn"},
            {"name": "Bo", "role": "spokesman"},
            {"name": "Tuesday"},
            "Lara Quinn",
        ],
    }
    assert claim_speaker_labels(claim, speakers) == [
        "Lara Quinn (spokesperson, Defence Ministry)",
        "Bo (spokesman)",
    ]
    # without the story's speakers: as stored, junk kept (`claim_groups` of relabelled claims)
    assert claim_speaker_labels(claim) == ["Quinn", "Bo (spokesman)", "Tuesday", "Lara Quinn"]
    # without speakers to unify against, junk still goes (the storyline's claim timeline)
    assert claim_speaker_labels({"speaker": "Nov. 12"}, ()) == []
    assert relabel_claims([claim, "not a claim"], speakers)[0]["speakers"][1] == "Bo (spokesman)"
