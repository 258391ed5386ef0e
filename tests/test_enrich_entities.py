"""Entities: NER through spaCy, variant merging, canonical keys, money facts."""

from __future__ import annotations

import pytest

from newsprism.enrich.entities import (
    entity_key,
    extract_entities,
    facts,
    merge_variants,
    people,
    story_entities,
)
from newsprism.enrich.quotes import find_quotes
from newsprism.models import Entity

TEXT = (
    "Maria Okafor, a spokeswoman for the Foreign Ministry in Lagos, said Northfield Machine "
    "Tool Group sold lathes worth $4.5 million to the army. Okafor said exports rose 12 percent "
    "last year. Northfield Machine Tool did not reply.\n"
)


def test_variants_merge_to_fullest_name():
    merged = merge_variants(
        [
            Entity("Okafor", "PERSON", 2),
            Entity("Maria Okafor", "PERSON", 1),
            Entity("Northfield Machine Tool", "ORG", 1),
            Entity("Northfield Machine Tool Group", "ORG", 1),
        ]
    )
    names = {(e.name, e.label): e.mentions for e in merged}
    assert names == {("Maria Okafor", "PERSON"): 3, ("Northfield Machine Tool Group", "ORG"): 2}


def test_entity_key_is_stable_across_variants():
    assert entity_key("The Northfield Machine Tool Group Inc.", "ORG") == entity_key(
        "Northfield Machine Tool Group", "ORG"
    )
    assert entity_key("Mr. Okafor's", "PERSON") == "PERSON:okafor"
    assert entity_key("Lagos", "GPE") == entity_key("Lagos", "LOC")


def test_story_entities_merge_across_articles():
    merged = story_entities(
        [[Entity("Okafor", "PERSON", 1)], [Entity("Maria Okafor", "PERSON", 2)]]
    )
    assert [(e.name, e.mentions) for e in merged] == [("Maria Okafor", 3)]


@pytest.fixture(scope="module")
def doc():
    from newsprism.enrich.nlp import parse

    return parse(TEXT)


def test_ner_people_and_money_facts(doc):
    entities = extract_entities(TEXT, doc)
    assert "Maria Okafor" in [e.name for e in people(entities)]
    money = [e for e in facts(entities) if e.label == "MONEY"]
    assert money and "$4.5 million" in money[0].name
    assert money[0].sentence is not None and "lathes" in money[0].sentence
    assert any(e.label == "PERCENT" for e in facts(entities))


def test_quotes_use_ner_names(doc):
    quotes = find_quotes(TEXT, doc)
    later = next(q for q in quotes if "exports rose" in q.content)
    assert later.speaker == "Maria Okafor"
