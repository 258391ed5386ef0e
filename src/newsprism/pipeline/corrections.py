"""A user's corrections to clustering: move an article, split articles off.

Each is recorded in `story_corrections`; the clusterer restores them as pinned
articles, so later clustering never undoes them.
"""

from __future__ import annotations

from newsprism.extract.outlet import OutletResolver
from newsprism.pipeline.analyse import analyse_dirty_stories
from newsprism.store import Store


class CorrectionError(ValueError):
    pass


def move_article(
    store: Store, article_id: str, story_id: str, resolver: OutletResolver | None = None
) -> None:
    article = store.article(article_id)
    if article is None:
        raise CorrectionError(f"no article {article_id!r}")
    target = store.story(story_id)
    if target is None:
        raise CorrectionError(f"no story {story_id!r}")
    store.add_correction(article_id, target.id, "move")
    if article.story_id and article.story_id != target.id:
        store.add_separation(article.story_id, target.id)
    with store.begin() as conn:
        store.set_assignments(conn, [(article_id, target.id, target.storyline_id)])
        stories = {target.id: target.storyline_id}
        if article.story_id:
            stories[article.story_id] = None
        store.ensure_stories(conn, list(stories), stories)
    _reanalyse(store, resolver)


def split_articles(
    store: Store, article_ids: list[str], resolver: OutletResolver | None = None
) -> str:
    articles = [store.article(a) for a in article_ids]
    missing = [i for i, a in zip(article_ids, articles, strict=True) if a is None]
    if missing:
        raise CorrectionError(f"no article {missing[0]!r}")
    highest, _ = store.highest_story_number()
    new_id = f"s{highest + 1}"
    # The split-off part stays in the storyline of the story it came from.
    storyline = next((a.storyline_id for a in articles if a and a.storyline_id), None)
    with store.begin() as conn:
        store.set_assignments(conn, [(a, new_id, storyline) for a in article_ids])
        old = {a.story_id for a in articles if a is not None and a.story_id}
        store.ensure_stories(conn, [new_id, *old], {new_id: storyline})
    for article_id in article_ids:
        store.add_correction(article_id, new_id, "split")
    for source in old:  # the part split off never merges back into where it came from
        store.add_separation(source, new_id)
    _reanalyse(store, resolver)
    return new_id


def _reanalyse(store: Store, resolver: OutletResolver | None) -> None:
    analyse_dirty_stories(store, resolver or OutletResolver.default())
