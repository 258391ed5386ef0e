"""Storylines: separate stories of one affair, weeks apart, linked; others left alone."""

from __future__ import annotations

import numpy as np
import pytest

from newsprism.enrich.embeddings import article_embedding_text, embed_texts
from newsprism.stories.online import OnlineClusterer
from newsprism.stories.storylines import StorylineLinker, StorySnapshot


def story(day: str, key: str, title: str, text: str) -> dict:
    return {"id": key, "title": title, "text": text, "published": day}


AFFAIR = [
    story(
        "2023-01-10T09:00:00Z",
        "r1",
        "Report finds Iranian parts in Russian drones fired at Ukraine",
        "Investigators from Conflict Armament Research said Shahed drones launched by "
        "Russia at Kyiv contained engines and circuit boards made in Iran, adding to "
        "evidence that Tehran supplies Moscow's war in Ukraine.",
    ),
    story(
        "2023-01-10T15:00:00Z",
        "r2",
        "Shahed drones used by Russia in Ukraine built with Iranian components, report says",
        "A report by Conflict Armament Research traced components of Shahed drones that "
        "Russia launched against Ukraine to manufacturers in Iran.",
    ),
    story(
        "2023-02-14T09:00:00Z",
        "a1",
        "Ukraine accuses Iran of sending Russia hundreds more Shahed drones",
        "Ukraine's foreign minister accused Iran of shipping hundreds of Shahed drones to "
        "Russia by sea across the Caspian, and urged sanctions against Tehran.",
    ),
    story(
        "2023-02-14T13:00:00Z",
        "a2",
        "Kyiv says Tehran shipped Shahed drones to Moscow across the Caspian Sea",
        "Ukraine said Iran had delivered a new batch of Shahed drones to Russia via the "
        "Caspian Sea and called for more sanctions on Iran.",
    ),
    story(
        "2023-03-20T09:00:00Z",
        "d1",
        "Iran denies supplying Russia with Shahed drones for the war in Ukraine",
        "Iran's foreign ministry denied on Monday that Tehran had sent Shahed drones to "
        "Russia for use in Ukraine, calling the accusations by Kyiv baseless.",
    ),
    story(
        "2023-03-20T14:00:00Z",
        "d2",
        "Tehran rejects claims it arms Russia with drones against Ukraine",
        "Iran rejected accusations from Ukraine that it supplies Russia with Shahed drones, "
        "and its foreign ministry said Tehran was neutral in the war.",
    ),
]
UNRELATED = [
    story(
        "2023-02-01T09:00:00Z",
        "x1",
        "Heavy snow closes hundreds of schools across Scotland",
        "Hundreds of schools in Scotland were closed on Wednesday as heavy snow and ice "
        "disrupted roads and railways, the Met Office said.",
    ),
    story(
        "2023-02-01T11:00:00Z",
        "x2",
        "Snow and ice shut Scottish schools and roads",
        "Heavy snow forced the closure of schools across Scotland on Wednesday and caused "
        "travel disruption on roads and railways.",
    ),
]


@pytest.fixture(scope="module")
def clustered() -> OnlineClusterer:
    articles = sorted(AFFAIR + UNRELATED, key=lambda a: a["published"])
    vectors = embed_texts([article_embedding_text(a) for a in articles])
    clusterer = OnlineClusterer()
    for item, vector in zip(articles, vectors, strict=True):
        clusterer.add(item, vector)
    return clusterer


def test_stories_of_one_affair_share_a_storyline(clustered):
    got = {a.article_id: a for a in clustered.assignments()}
    report, accusation, denial = got["r1"], got["a1"], got["d1"]
    assert got["r2"].story_id == report.story_id
    assert got["a2"].story_id == accusation.story_id
    assert got["d2"].story_id == denial.story_id
    assert len({report.story_id, accusation.story_id, denial.story_id}) == 3
    assert report.storyline_id is not None
    assert report.storyline_id == accusation.storyline_id == denial.storyline_id
    assert got["x1"].storyline_id is None


def test_storyline_has_stories_in_time_order_and_a_timeline(clustered):
    assert clustered.linker is not None
    line_id = clustered.assignment("r1").storyline_id
    line = clustered.linker.storyline(line_id)
    expected = [clustered.assignment(k).story_id for k in ("r1", "a1", "d1")]
    assert line.story_ids == expected
    assert [entry.day for entry in line.timeline] == ["2023-01-10", "2023-02-14", "2023-03-20"]
    assert all(entry.article_count == 2 for entry in line.timeline)
    assert line.title
    assert {"russia", "shahed"} <= set(line.names) or "iran" in line.names


def snapshot(
    story_id: str, vector: np.ndarray, names: dict[str, float], day: float
) -> StorySnapshot:
    return StorySnapshot(story_id, vector / np.linalg.norm(vector), names, 2, day, day, story_id)


def test_linker_needs_both_topic_and_shared_names():
    counter = iter(range(1, 100))
    linker = StorylineLinker(lambda: f"l{next(counter)}")
    base = np.zeros(8, dtype=np.float32)
    base[0] = 1
    near = base.copy()
    near[1] = 0.5
    names = {"iran": 1.0, "shahed": 1.0, "russia": 1.0}
    assert linker.observe(snapshot("s1", base, names, 100.0)) is None
    assert linker.observe(snapshot("s2", near, {"france": 1.0}, 130.0)) is None  # topic only
    line = linker.observe(snapshot("s3", near, names, 140.0))
    assert line is not None
    assert linker.storyline_of("s1") == line
    assert linker.storyline_of("s2") is None
    far = np.zeros(8, dtype=np.float32)
    far[2] = 1
    assert linker.observe(snapshot("s4", far, names, 145.0)) is None  # names only
