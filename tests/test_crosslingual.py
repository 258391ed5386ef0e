"""Grouping across languages: the multilingual route of the online clusterer."""

from __future__ import annotations

import numpy as np
import pytest
from tests.factories import make_article, outlet_record, registry_of

from newsprism.analysis.headlines import compare_headlines
from newsprism.analysis.summary import majority_language
from newsprism.cli.cluster import _record
from newsprism.enrich.multilingual import multilingual_text
from newsprism.stories.crosslingual import (
    CROSS_FEATURES,
    CrossDoc,
    CrossModel,
    cross_features,
    default_cross_model,
    names_of,
    numbers_of,
    route_language,
    transliterate,
)
from newsprism.stories.online import OnlineClusterer

# Words that name each invented event in English, German and Spanish.
EVENTS = {
    "ferry": ("ferry", "fähre", "ferri"),
    "raid": ("raid", "razzia", "redada"),
    "strike": ("strike", "streik", "huelga"),
}


def one_hot(index: int, size: int) -> np.ndarray:
    vector = np.zeros(size, np.float32)
    vector[index] = 1.0
    return vector


def event_of(text: str) -> int:
    lowered = text.lower()
    for i, words in enumerate(EVENTS.values()):
        if any(word in lowered for word in words):
            return i
    return len(EVENTS)  # none of them


def fake_multilingual(texts: list[str]) -> np.ndarray:
    """A stand-in encoder: texts about the same event get the same vector."""
    return np.stack([one_hot(event_of(t), 16) for t in texts])


def refusing_encoder(texts: list[str]) -> np.ndarray:
    raise AssertionError("the multilingual encoder was called for English articles")


def article(article_id: str, title: str, language: str | None) -> dict[str, object]:
    return {"id": article_id, "title": title, "text": f"{title}. More of it.", "language": language}


def clustered(articles: list[dict[str, object]], **options: object) -> dict[str, str]:
    clusterer = OnlineClusterer(storylines=False, multilingual=fake_multilingual, **options)
    for a in articles:
        clusterer.add(a, one_hot(event_of(str(a["title"])), 384))
    clusterer.consolidate()
    return {x.article_id: x.story_id for x in clusterer.assignments()}


def test_route_language_normalises_and_drops_unknown_languages() -> None:
    assert route_language("de-AT") == "de"
    assert route_language("EN") == "en"
    assert route_language("zh_TW") == "zh"
    assert route_language("hi") is None  # not one the multilingual encoder knows
    assert route_language("") is None and route_language(None) is None


def test_names_and_numbers_survive_script_and_separators() -> None:
    assert transliterate("Хабаровск") == "khabarovsk"
    assert names_of("Губернатор Хабаровского края") & names_of("The Khabarovsk governor")
    assert numbers_of("1.250 Menschen, 3 Tote") == numbers_of("1,250 people, 3 dead") == {"1250"}


def test_cross_features_rank_the_matching_story_first() -> None:
    doc = CrossDoc(one_hot(0, 4), frozenset({"345"}), frozenset({"aldara"}), "es")
    right = [CrossDoc(one_hot(0, 4), frozenset({"345"}), frozenset({"aldara"}), "en")]
    wrong = [CrossDoc(one_hot(1, 4), frozenset(), frozenset(), "en")]
    features = cross_features(doc, [wrong, right])
    assert features.shape == (2, len(CROSS_FEATURES))
    assert default_cross_model().best(features) == 1
    assert default_cross_model().best(features[:1]) is None


def test_cross_model_rejects_other_features() -> None:
    with pytest.raises(ValueError, match="cross-language model features"):
        CrossModel(["xcos"], [1.0], 0.0)


def test_translations_join_the_english_story() -> None:
    found = clustered(
        [
            article("en-ferry", "Ferry runs aground off La Gomera", "en"),
            article("en-raid", "Customs officers raid Northfield", "en"),
            article("de-ferry", "Fähre läuft vor La Gomera auf Grund", "de"),
            article("es-raid", "Redada en la sede de Northfield", "es-ES"),
            article("de-other", "Wahl in Kestland verschoben", "de"),
        ]
    )
    assert found["de-ferry"] == found["en-ferry"]
    assert found["es-raid"] == found["en-raid"]
    assert found["en-ferry"] != found["en-raid"]
    assert found["de-other"] not in {found["en-ferry"], found["en-raid"]}


def test_an_english_report_adopts_a_story_begun_in_other_languages() -> None:
    found = clustered(
        [
            article("de-strike", "Streik in neun Lagerhallen", "de"),
            article("es-strike", "Huelga en nueve almacenes", "es"),
            article("en-strike", "Warehouse workers strike at nine sites", "en"),
        ]
    )
    assert found["de-strike"] == found["es-strike"] == found["en-strike"]


def test_english_only_streams_never_meet_the_multilingual_route() -> None:
    stream = [
        article("a", "Ferry runs aground", "en"),
        article("b", "Ferry passengers rescued", "en"),
        article("c", "Customs raid at Northfield", None),
    ]
    clusterer = OnlineClusterer(storylines=False, multilingual=refusing_encoder)
    for a in stream:
        clusterer.add(a, one_hot(event_of(str(a["title"])), 384))
    with_language = {x.article_id: x.story_id for x in clusterer.assignments()}
    plain = [{k: v for k, v in a.items() if k != "language"} for a in stream]
    again = OnlineClusterer(storylines=False, multilingual=refusing_encoder)
    for a in plain:
        again.add(a, one_hot(event_of(str(a["title"])), 384))
    assert {x.article_id: x.story_id for x in again.assignments()} == with_language


def test_an_article_in_another_language_can_be_pinned_and_split() -> None:
    clusterer = OnlineClusterer(storylines=False, multilingual=fake_multilingual)
    for a in (
        article("en-ferry", "Ferry runs aground", "en"),
        article("en-raid", "Customs raid at Northfield", "en"),
        article("de-ferry", "Fähre auf Grund", "de"),
    ):
        clusterer.add(a, one_hot(event_of(str(a["title"])), 384))
    raid = clusterer.assignment("en-raid").story_id
    assert clusterer.pin("de-ferry", raid).story_id == raid
    alone = clusterer.split(["de-ferry"])
    assert clusterer.assignment("de-ferry").story_id == alone != raid


def test_restore_puts_other_language_articles_back() -> None:
    stored = [
        {**article("en-ferry", "Ferry runs aground", "en"), "story_id": "s1"},
        {**article("de-ferry", "Fähre auf Grund", "de"), "story_id": "s1"},
    ]
    vectors = np.stack([one_hot(0, 384), one_hot(0, 384)])
    clusterer = OnlineClusterer.restore(stored, vectors, multilingual=fake_multilingual)
    added = clusterer.add(article("es-ferry", "Ferri encallado", "es"), one_hot(0, 384))
    assert added.story_id == "s1"


def test_cjk_leads_are_shorter() -> None:
    body = "字" * 1000
    assert len(multilingual_text("标题", body, "zh")) < len(multilingual_text("T", body, "de"))


def test_summary_keeps_to_the_majority_language() -> None:
    articles = [
        make_article("1", language="en"),
        make_article("2", language="en"),
        make_article("3", language="de"),
        make_article("4"),
    ]
    assert [a.id for a in majority_language(articles)] == ["1", "2", "4"]
    tie = [make_article("1", language="es"), make_article("2", language="de")]
    assert [a.id for a in majority_language(tie)] == ["2"]


def test_headlines_carry_each_articles_language() -> None:
    registry = registry_of(outlet_record("nz", "Nordwind Zeitung"), outlet_record("gp", "Post"))
    articles = [
        make_article("1", "Razzia bei Northfield", outlet="nz", language="de"),
        make_article("2", "Customs raid Northfield", outlet="gp", language="en"),
    ]
    headlines = [
        h for column in compare_headlines(articles, registry).columns().values() for h in column
    ]
    assert {h.article_id: h.language for h in headlines} == {"1": "de", "2": "en"}
    assert {h.to_json()["language"] for h in headlines} == {"de", "en"}


def test_cluster_records_read_the_language() -> None:
    record, _ = _record('{"id": "x", "title": "T", "text": "Hallo", "lang": "de"}', "f:1")
    assert record is not None and record["language"] == "de"
    record, _ = _record('{"id": "y", "title": "Only a headline", "text": ""}', "f:2")
    assert record is not None and record["language"] is None
