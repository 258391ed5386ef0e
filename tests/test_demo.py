"""The whole pipeline on the bundled sample corpus, checked against its ground truth.

The sample corpus is invented and ships `expected_stories.json` (article -> event,
events -> storylines) and `expected_syndication.json` (copy -> original), written by
hand with the texts.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsprism.models import Article
from newsprism.pipeline.demo import build_demo, sample_dir
from newsprism.store import Store
from newsprism.stories.bcubed import bcubed

ARTICLES = sample_dir() / "articles"


@pytest.fixture(scope="module")
def demo_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    build_demo(path)
    store = Store(path)
    yield store
    store.close()


def sample_key(article: Article) -> str:
    """The key the ground-truth files use: path under articles/, JSONL id, or feed link."""
    source = article.source or ""
    if source.startswith(str(ARTICLES)):
        relative = source[len(str(ARTICLES)) + 1 :]
        if relative.endswith((".jsonl", ".json")) or ".jsonl:" in relative:
            return article.id
        return relative
    return article.url or article.id


def expected() -> dict[str, object]:
    return json.loads((sample_dir() / "expected_stories.json").read_text())


def test_every_sample_article_is_stored_once(demo_store: Store) -> None:
    truth = expected()
    keys = {sample_key(a) for a in demo_store.articles()}
    wanted = {k for k in truth if k != "storylines"}
    assert keys == wanted


def test_every_article_has_its_sample_outlet(demo_store: Store) -> None:
    outlet_ids = {
        line.split(",")[0]
        for line in (sample_dir() / "outlets.csv").read_text().splitlines()[1:]
        if line.strip()
    }
    articles = demo_store.articles()
    unresolved = [sample_key(a) for a in articles if a.outlet not in outlet_ids]
    assert unresolved == []


def test_syndicated_copies_point_to_their_originals(demo_store: Store) -> None:
    truth = json.loads((sample_dir() / "expected_syndication.json").read_text())
    by_key = {sample_key(a): a for a in demo_store.articles()}
    id_to_key = {a.id: k for k, a in by_key.items()}
    found = {k: id_to_key.get(a.duplicate_of or "") for k, a in by_key.items() if a.duplicate_of}
    assert found == truth


def test_stories_match_the_events(demo_store: Store) -> None:
    truth = expected()
    predicted = {sample_key(a): a.story_id for a in demo_store.articles()}
    gold = {k: v for k, v in truth.items() if k != "storylines"}
    scores = bcubed(predicted, gold)
    assert scores.f1 >= 0.9, scores


def test_german_and_spanish_reports_join_their_english_stories(demo_store: Store) -> None:
    truth = expected()
    articles = demo_store.articles()
    foreign = [a for a in articles if a.language in ("de", "es")]
    assert len(foreign) >= 4
    for article in foreign:
        event = truth[sample_key(article)]
        english = {
            a.story_id for a in articles if a.language == "en" and truth[sample_key(a)] == event
        }
        assert article.story_id in english, (sample_key(article), event)


def test_storylines_link_the_long_running_affairs(demo_store: Store) -> None:
    truth = expected()
    storylines = truth["storylines"]
    assert isinstance(storylines, dict)
    event_of = {k: v for k, v in truth.items() if k != "storylines"}
    articles = demo_store.articles()
    for _name, events in storylines.items():
        lines = Counter(a.storyline_id for a in articles if event_of[sample_key(a)] in events)
        line, count = lines.most_common(1)[0]
        members = sum(1 for a in articles if event_of[sample_key(a)] in events)
        assert line is not None and count >= 0.8 * members


def test_claims_show_allegations_and_denials(demo_store: Store) -> None:
    stances: Counter[str] = Counter()
    for story in demo_store.stories(limit=100):
        for claim in story.claims or []:
            stances[claim["stance"]] += 1
    assert stances["alleges"] >= 3 and stances["denies"] >= 3


def test_summaries_cite_articles_of_their_story(demo_store: Store) -> None:
    for story in demo_store.stories(limit=100):
        ids = {a.id for a in demo_store.articles(story_id=story.id)}
        bullets = (story.summary or {}).get("bullets", [])
        assert bullets, story.id
        for bullet in bullets:
            assert bullet["citations"] and set(bullet["citations"]) <= ids


def test_entities_and_languages(demo_store: Store) -> None:
    languages = Counter(a.language for a in demo_store.articles())
    assert languages["en"] >= 60 and languages["de"] >= 2 and languages["es"] >= 2
    hits = demo_store.search("Northfield")
    assert hits
    story = demo_store.story(hits[0].story_id or "")
    assert story is not None
    names = {e["name"] for e in demo_store.story_entities(story.id)}
    assert any("Northfield" in name for name in names)


def test_rebuilding_adds_nothing(demo_store: Store, tmp_path: Path) -> None:
    before = demo_store.stats()
    build_demo(demo_store.url.removeprefix("sqlite:///"))
    assert demo_store.stats() == before
