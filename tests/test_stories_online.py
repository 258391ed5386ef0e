"""OnlineClusterer behaviour: joining, new stories, merges, corrections, restore."""

from __future__ import annotations

import numpy as np
import pytest

from newsprism.enrich.embeddings import EMBEDDING_DIM, article_embedding_text, embed_texts
from newsprism.models import Article
from newsprism.stories.features import FEATURE_NAMES
from newsprism.stories.model import PairModel
from newsprism.stories.online import (
    Assignment,
    MergeRecord,
    MoveRecord,
    OnlineClusterer,
    id_counter,
    publication_order,
)


def basis(*weights: float) -> np.ndarray:
    vector = np.zeros(EMBEDDING_DIM, dtype=np.float32)
    vector[: len(weights)] = weights
    return vector / np.linalg.norm(vector)


def nearest_member_model(cut: float = 0.6, join: float = 0.5, merge: float = 0.99) -> PairModel:
    """A hand-made model: P(same story) rises steeply once the nearest member passes `cut`."""
    n = len(FEATURE_NAMES)
    weights = [0.0] * n
    weights[FEATURE_NAMES.index("dense_max")] = 20.0
    return PairModel(
        list(FEATURE_NAMES),
        [0.0] * n,
        [1.0] * n,
        weights,
        -20.0 * cut,
        join_threshold=join,
        merge_threshold=merge,
    )


def article(article_id: str, title: str = "", text: str = "", published: str | None = None) -> dict:
    return {"id": article_id, "title": title, "text": text, "published": published}


# ---- with the bundled model and real embeddings ----------------------------------------

VOLCANO = [
    Article(
        id="v1",
        title="Volcano erupts near Icelandic town of Grindavik",
        text="A volcano erupted on Monday night near the fishing town of Grindavik in "
        "southwest Iceland, sending lava fountains into the sky after weeks of earthquakes. "
        "Authorities had evacuated the town's 4,000 residents.",
    ),
    Article(
        id="v2",
        title="Lava flows toward Grindavik as Iceland eruption begins",
        text="Lava poured from a fissure on the Reykjanes peninsula on Monday, threatening "
        "Grindavik, which was evacuated in November. Iceland's Meteorological Office said the "
        "eruption near the town was powerful.",
    ),
    Article(
        id="v3",
        title="Iceland volcano eruption forces emergency around Grindavik",
        text="Iceland's civil protection agency raised its alert to emergency on Monday after "
        "a volcanic eruption began north of Grindavik on the Reykjanes peninsula; the town "
        "had been emptied of its residents.",
    ),
]
CENTRAL_BANK = [
    Article(
        id="b1",
        title="ECB holds interest rates at record high",
        text="The European Central Bank kept its deposit rate at 4% on Thursday, with "
        "President Christine Lagarde saying it was premature to discuss cutting rates.",
    ),
    Article(
        id="b2",
        title="Lagarde says ECB is not discussing rate cuts yet",
        text="European Central Bank President Christine Lagarde said on Thursday that "
        "policymakers had not discussed lowering borrowing costs, as the bank held its deposit "
        "rate at 4%.",
    ),
    Article(
        id="b3",
        title="Euro slips after European Central Bank leaves rates unchanged",
        text="The euro fell on Thursday after the European Central Bank left its deposit rate "
        "unchanged at 4% and Christine Lagarde pushed back against bets on early rate cuts.",
    ),
]
UNRELATED = Article(
    id="u1",
    title="Ten easy recipes for a weekend brunch",
    text="Pancakes, shakshuka and a make-ahead frittata: these dishes feed a crowd with "
    "little effort and can be prepared the night before.",
)


@pytest.fixture(scope="module")
def real_embeddings() -> dict[str, np.ndarray]:
    articles = [*VOLCANO, *CENTRAL_BANK, UNRELATED]
    vectors = embed_texts([article_embedding_text(a) for a in articles])
    return {a.id: v for a, v in zip(articles, vectors, strict=True)}


def test_two_events_and_an_unrelated_article(real_embeddings):
    clusterer = OnlineClusterer()
    stream = [
        VOLCANO[0],
        CENTRAL_BANK[0],
        VOLCANO[1],
        UNRELATED,
        CENTRAL_BANK[1],
        VOLCANO[2],
        CENTRAL_BANK[2],
    ]
    for item in stream:
        clusterer.add(item, real_embeddings[item.id])
    story = {a.article_id: a.story_id for a in clusterer.assignments()}
    assert story["v1"] == story["v2"] == story["v3"]
    assert story["b1"] == story["b2"] == story["b3"]
    assert story["v1"] != story["b1"]
    assert story["u1"] not in {story["v1"], story["b1"]}


def test_embeddings_are_unit_length(real_embeddings):
    vectors = np.stack(list(real_embeddings.values()))
    assert vectors.dtype == np.float32
    assert vectors.shape[1] == EMBEDDING_DIM
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-4)


# ---- structural behaviour with a hand-made model ------------------------------------------


def test_new_story_below_threshold_and_join_above():
    clusterer = OnlineClusterer(nearest_member_model(), storylines=False)
    first = clusterer.add(article("a"), basis(1, 0))
    close = clusterer.add(article("b"), basis(1, 0.1))
    far = clusterer.add(article("c"), basis(0, 1))
    assert close.story_id == first.story_id
    assert far.story_id != first.story_id


def test_bridging_article_merges_two_stories_and_records_it():
    clusterer = OnlineClusterer(nearest_member_model(merge=0.01), storylines=False)
    a = clusterer.add(article("a"), basis(1, 0))
    b = clusterer.add(article("b"), basis(0, 1))
    assert a.story_id != b.story_id
    clusterer.add(article("c"), basis(1, 1))  # close to both
    stories = {x.story_id for x in clusterer.assignments()}
    assert len(stories) == 1
    (merge,) = clusterer.merges
    assert isinstance(merge, MergeRecord)
    assert {merge.absorbed_id, merge.surviving_id} == {a.story_id, b.story_id}
    assert clusterer.resolve(merge.absorbed_id) == merge.surviving_id
    assert stories == {merge.surviving_id}  # ids never change: the survivor keeps its own
    assert clusterer.pop_changes().merges == [merge]
    assert clusterer.pop_changes().merges == []


def test_split_is_kept_when_more_articles_arrive():
    clusterer = OnlineClusterer(nearest_member_model(merge=0.01), storylines=False)
    clusterer.add(article("a"), basis(1, 0))
    original = clusterer.add(article("b"), basis(1, 0.05)).story_id
    assert clusterer.assignment("a").story_id == original
    new_story = clusterer.split(["b"])
    assert new_story != original
    for i in range(5):
        clusterer.add(article(f"n{i}"), basis(1, 0.02 * i))
    assert clusterer.assignment("b").story_id == new_story
    assert clusterer.assignment("a").story_id == original
    assert not any(
        {m.absorbed_id, m.surviving_id} == {original, new_story} for m in clusterer.merges
    )
    assert (min(original, new_story), max(original, new_story)) in clusterer.cannot_link_pairs()


def test_pinned_article_stays_where_the_user_put_it():
    clusterer = OnlineClusterer(nearest_member_model(merge=0.01), storylines=False)
    first = clusterer.add(article("a"), basis(1, 0)).story_id
    clusterer.add(article("b"), basis(1, 0.05))
    other = clusterer.add(article("c"), basis(0, 1)).story_id
    clusterer.pin("b", other)
    assert "b" in clusterer.pinned
    for i in range(4):
        clusterer.add(article(f"n{i}"), basis(1, 0.5 + 0.1 * i))
    assert clusterer.assignment("b").story_id == clusterer.resolve(other)
    assert clusterer.resolve(first) != clusterer.resolve(other)


def test_restore_continues_the_stored_stories():
    model = nearest_member_model()
    clusterer = OnlineClusterer(model, storylines=False)
    vectors = {"a": basis(1, 0), "b": basis(1, 0.1), "c": basis(0, 1), "d": basis(0.1, 1)}
    for key, vector in vectors.items():
        clusterer.add(article(key, published="2024-05-01T10:00:00Z"), vector)
    stored = [
        {**article(a.article_id, published="2024-05-01T10:00:00Z"), "story_id": a.story_id}
        for a in clusterer.assignments()
    ]
    restored = OnlineClusterer.restore(
        stored, np.stack([vectors[r["id"]] for r in stored]), model=model, storylines=False
    )
    joined = restored.add(article("e", published="2024-05-01T12:00:00Z"), basis(1, 0.05))
    assert joined.story_id == clusterer.assignment("a").story_id
    fresh = restored.add(article("f", published="2024-05-01T12:00:00Z"), basis(0, 0, 1))
    assert fresh.story_id not in {s["story_id"] for s in stored}


def test_restore_rebuilds_the_neighbour_similarities_stories_met():
    model = nearest_member_model()
    vectors = [basis(1, 0), basis(1, 0.2), basis(0, 1), basis(0.3, 1), basis(1, 1)]
    clusterer = OnlineClusterer(model, storylines=False)
    for n, vector in enumerate(vectors):
        clusterer.add(article(f"a{n}", published=f"2024-05-01T1{n}:00:00Z"), vector)
    stored = [
        {**article(f"a{n}", published=f"2024-05-01T1{n}:00:00Z"), "story_id": a.story_id}
        for n, a in enumerate(clusterer.assignments())
    ]
    restored = OnlineClusterer.restore(stored, np.stack(vectors), model=model, storylines=False)
    for story_id, story in clusterer._stories.items():
        again = restored._stories[story_id].profile
        assert again.near_dense == pytest.approx(story.profile.near_dense)
        assert again.scale == pytest.approx(story.profile.scale)


def test_restore_keeps_corrections():
    model = nearest_member_model(merge=0.01)
    stored = [
        {**article("a"), "story_id": "s1"},
        {**article("b"), "story_id": "s2"},
    ]
    restored = OnlineClusterer.restore(
        stored,
        np.stack([basis(1, 0), basis(1, 0.05)]),
        model=model,
        storylines=False,
        pinned=["b"],
        cannot_link=[("s1", "s2")],
    )
    restored.add(article("c"), basis(1, 0.02))
    assert restored.assignment("a").story_id != restored.assignment("b").story_id
    assert restored.merges == []


def test_old_stories_leave_the_window():
    clusterer = OnlineClusterer(nearest_member_model(), window_days=3, storylines=False)
    first = clusterer.add(article("a", published="2024-01-01"), basis(1, 0)).story_id
    later = clusterer.add(article("b", published="2024-02-01"), basis(1, 0)).story_id
    assert later != first
    assert clusterer.assignment("a").story_id == first  # evicted stories keep their articles


def test_time_penalty_keeps_far_apart_articles_apart():
    model = nearest_member_model(cut=0.9)
    clusterer = OnlineClusterer(model, window_days=30, storylines=False)
    first = clusterer.add(article("a", published="2024-01-01"), basis(1, 0.3)).story_id
    near = clusterer.add(article("b", published="2024-01-01T20:00"), basis(1, 0.2)).story_id
    far = clusterer.add(article("c", published="2024-01-20"), basis(1, 0.25)).story_id
    assert near == first
    assert far != first


def test_publication_order_is_stable_and_keeps_undated_in_place():
    items = [
        article("x", published="2024-01-02"),
        article("y"),  # undated: stays after x
        article("z", published="2024-01-01"),
        {"id": "w", "date": "2024-01-02"},  # `date` alias
    ]
    order = [items[i]["id"] for i in publication_order(items)]
    assert order == ["z", "x", "y", "w"]


def test_same_article_twice_is_assigned_once():
    clusterer = OnlineClusterer(nearest_member_model(), storylines=False)
    first = clusterer.add(article("a"), basis(1, 0))
    again = clusterer.add(article("a"), basis(0, 1))
    assert again == first
    assert len(clusterer.assignments()) == 1


def test_consolidate_merges_stories_that_growth_checks_missed():
    model = nearest_member_model(merge=0.5, cut=0.6)
    clusterer = OnlineClusterer(model, storylines=False)
    a = clusterer.add(article("a"), basis(1, 0)).story_id
    b = clusterer.add(article("b"), basis(0, 1)).story_id
    assert a != b
    assert clusterer.consolidate() == []  # nothing alike: nothing merged
    clusterer.model = nearest_member_model(merge=0.5, cut=-0.5)  # now everything matches
    assert clusterer.consolidate() == []  # no article since the last sweep: nothing to check
    merged = clusterer.consolidate(whole_window=True)
    assert len(merged) == 1
    assert clusterer.assignment("a").story_id == clusterer.assignment("b").story_id


def test_a_new_day_sweeps_the_window_for_merges():
    """The sweep sees yesterday's stories before the new day's article moves the window."""
    for daily_sweep in (True, False):
        clusterer = OnlineClusterer(
            nearest_member_model(merge=0.5, cut=0.6),
            storylines=False,
            window_days=0.5,
            daily_sweep=daily_sweep,
        )
        clusterer.add(article("a", published="2024-05-01T09:00:00Z"), basis(1, 0))
        clusterer.add(article("b", published="2024-05-01T10:00:00Z"), basis(0, 1))
        clusterer.model = nearest_member_model(merge=0.5, cut=-0.5)  # now everything matches
        clusterer.add(article("c", published="2024-05-02T10:00:00Z"), basis(0, 0, 1))
        merged = clusterer.assignment("a").story_id == clusterer.assignment("b").story_id
        assert merged == daily_sweep


def centroid_model(cut: float = 0.6) -> PairModel:
    n = len(FEATURE_NAMES)
    weights = [0.0] * n
    weights[FEATURE_NAMES.index("dense_centroid")] = 20.0
    return PairModel(list(FEATURE_NAMES), [0.0] * n, [1.0] * n, weights, -20.0 * cut)


def test_consolidation_moves_an_early_article_to_the_story_that_formed_later():
    for pinned in (False, True):
        clusterer = OnlineClusterer(centroid_model(), storylines=False)
        first = clusterer.add(article("a1"), basis(1, 0)).story_id
        # between the two, a little nearer the story that does not exist yet
        assert clusterer.add(article("x"), basis(0.9, 1)).story_id == first
        if pinned:
            clusterer.pin("x", first)
        later = clusterer.add(article("b1"), basis(0, 1)).story_id
        assert later != first
        clusterer.add(article("b2"), basis(0.05, 1))
        clusterer.consolidate()
        moves = clusterer.pop_changes().moves
        if pinned:
            assert moves == []
            assert clusterer.assignment("x").story_id == first
        else:
            assert moves == [MoveRecord("x", first, later)]
            assert clusterer.assignment("x").story_id == later
        assert clusterer.assignment("a1").story_id == first  # no story is emptied


def test_url_date_stands_in_for_a_missing_publication_date():
    model = nearest_member_model(cut=0.9)
    clusterer = OnlineClusterer(model, storylines=False)
    first = clusterer.add(
        {"id": "a", "title": "", "text": "", "url": "https://x.test/2021/05/06/claims"},
        basis(1, 0.3),
    ).story_id
    later = clusterer.add(
        {"id": "b", "title": "", "text": "", "url": "https://x.test/2021/06/03/claims"},
        basis(1, 0.25),
    ).story_id
    assert later != first  # four weeks apart: the time penalty keeps them apart
    assert clusterer.now is None  # URL dates do not move the window
    plain = OnlineClusterer(model, storylines=False, url_dates=False)
    one = plain.add({"id": "a", "url": "https://x.test/2021/05/06/c"}, basis(1, 0.3)).story_id
    two = plain.add({"id": "b", "url": "https://x.test/2021/06/03/c"}, basis(1, 0.25)).story_id
    assert one == two


def test_restore_keeps_stored_storylines_and_story_ids():
    model = nearest_member_model()
    stored = [
        {**article("a", published="2024-05-01"), "story_id": "s7", "storyline_id": "l3"},
        {**article("b", published="2024-05-02"), "story_id": "s9", "storyline_id": None},
    ]
    restored = OnlineClusterer.restore(stored, np.stack([basis(1, 0), basis(0, 1)]), model=model)
    assert restored.assignment("a") == Assignment("a", "s7", "l3")
    assert restored.assignment("b").storyline_id is None
    fresh = restored.add(article("c", published="2024-05-02"), basis(0, 0, 1))
    assert fresh.story_id == "s10"  # continues after the largest stored id
    assert restored.pop_changes().storyline_links == []


def test_a_late_older_article_and_the_stored_story_it_would_have_joined_become_one():
    """Writers sharing a database: the newer articles were stored first (story s101), the
    older one comes in a later batch. Replayed after it, the stored article that would
    have joined its story brings its own story along; an unrelated one does not."""
    model = nearest_member_model()
    restored = OnlineClusterer.restore(
        [],
        np.zeros((0, EMBEDDING_DIM)),
        model=model,
        storylines=False,
        story_ids=id_counter("s", 200),
    )
    early = restored.add(article("a", published="2024-05-01T10:00:00Z"), basis(1, 0)).story_id
    restored.replay(
        {**article("b", published="2024-05-01T12:00:00Z"), "story_id": "s101"}, basis(1, 0.1)
    )
    restored.replay(
        {**article("c", published="2024-05-01T13:00:00Z"), "story_id": "s102"}, basis(0, 1)
    )
    assert restored.assignment("a").story_id == restored.assignment("b").story_id
    assert restored.assignment("c").story_id == "s102"
    (merge,) = restored.pop_changes().merges
    assert {merge.absorbed_id, merge.surviving_id} == {early, "s101"}

    in_order = OnlineClusterer(model, storylines=False)
    for key, hour, vector in [
        ("a", 10, basis(1, 0)),
        ("b", 12, basis(1, 0.1)),
        ("c", 13, basis(0, 1)),
    ]:
        in_order.add(article(key, published=f"2024-05-01T{hour}:00:00Z"), vector)
    assert in_order.assignment("a").story_id == in_order.assignment("b").story_id
    assert in_order.assignment("c").story_id != in_order.assignment("a").story_id


def test_a_replayed_article_never_merges_stories_a_user_separated():
    restored = OnlineClusterer.restore(
        [],
        np.zeros((0, EMBEDDING_DIM)),
        model=nearest_member_model(),
        storylines=False,
        story_ids=id_counter("s", 200),
        cannot_link=[("s201", "s101")],
    )
    fresh = restored.add(article("a", published="2024-05-01T10:00:00Z"), basis(1, 0)).story_id
    assert fresh == "s201"
    restored.replay(
        {**article("b", published="2024-05-01T12:00:00Z"), "story_id": "s101"}, basis(1, 0.1)
    )
    assert restored.assignment("b").story_id == "s101"
    assert restored.assignment("a").story_id == "s201"
    assert restored.pop_changes().merges == []
