"""Affairs: stories of one contested claim and its actors join one storyline, years apart;
stories sharing one actor or only the claim's words do not."""

from __future__ import annotations

import json

import pytest

from newsprism.extract.outlet import OutletResolver
from newsprism.pipeline import ingest_inputs
from newsprism.store import Store
from newsprism.stories.affairs import affair_key, affair_links, affair_title, same_affair


def rec(i: str, day: str, outlet: str, title: str, text: str) -> dict[str, str]:
    return {
        "id": i,
        "url": f"https://{outlet}.example/news/{i}",
        "outlet": outlet.title(),
        "title": title,
        "text": text,
        "published": day,
    }


BURSTS = [
    rec(
        "c1",
        "2022-03-08T09:00:00Z",
        "tidewire",
        "Customs report says Aldmark firms shipped machine tools to Varosia",
        "Brennland's customs agency said on Tuesday that Aldmark companies shipped precision "
        "machine tools to Varosia's arms industry through intermediaries. "
        '"Aldmark is supplying machine tools to the arms industry of Varosia," said Marta Holm, '
        "the agency's director. "
        "The report listed forty consignments that crossed the border last year. "
        "Aldmark's trade ministry did not respond to a request for comment on Tuesday.",
    ),
    rec(
        "c2",
        "2022-03-08T15:00:00Z",
        "harbourpost",
        "Aldmark machine tools reached Varosian arms plants, customs agency says",
        "Precision machine tools made in Aldmark reached arms plants in Varosia, Brennland's "
        "customs agency said. "
        "Agency director Marta Holm said Aldmark was supplying machine tools to Varosia's arms "
        "industry in breach of export rules. "
        "The agency counted forty consignments last year, most of them routed through third "
        "countries.",
    ),
    rec(
        "b1",
        "2024-04-16T09:00:00Z",
        "tidewire",
        "Brennland accuses Aldmark of arming Varosia with machine tools",
        "Brennland's foreign minister Jonas Brandt accused Aldmark on Tuesday of supplying "
        "machine tools to Varosia's arms industry. "
        '"Aldmark has been supplying machine tools to the Varosian arms industry for two years," '
        "Brandt told a briefing. "
        "Aldmark's foreign ministry spokesperson Lena Okafor denied the accusations. "
        '"We have never supplied weapons or machine tools for weapons to Varosia," Okafor said.',
    ),
    rec(
        "b2",
        "2024-04-16T14:00:00Z",
        "ridgedaily",
        "Aldmark rejects Brennland claims over machine tools for Varosia",
        "Aldmark rejected accusations by Brennland that it supplies machine tools to Varosia's "
        "arms industry. "
        "Foreign minister Jonas Brandt said Aldmark had been supplying machine tools to Varosia's "
        "arms industry. "
        '"These accusations have no factual basis," said Lena Okafor, a spokesperson for '
        "Aldmark's foreign ministry.",
    ),
    rec(
        "n1",
        "2026-05-12T09:00:00Z",
        "harbourpost",
        "New finding: Aldmark lathes inside Varosia artillery plant",
        "Investigators in Brennland said they had found Aldmark lathes inside a Varosian "
        "artillery plant, the latest sign that Aldmark supplies machine tools to Varosia's arms "
        "industry. "
        '"Aldmark keeps supplying machine tools to the arms industry of Varosia," said Marta Holm '
        "of Brennland's customs agency. "
        "Aldmark's foreign ministry denied the report. "
        '"Aldmark has never supplied machine tools to Varosia\'s arms industry," spokesperson '
        "Lena Okafor said.",
    ),
    rec(
        "n2",
        "2026-05-12T16:00:00Z",
        "tidewire",
        "Aldmark denies new Brennland report on Varosia machine tools",
        "Aldmark denied a new report from Brennland that it supplies machine tools to Varosia's "
        "arms industry. "
        "Brennland's customs agency said Aldmark was still supplying machine tools to Varosia's "
        "arms industry. "
        '"The report is false and politically motivated," said Lena Okafor, Aldmark\'s foreign '
        "ministry spokesperson.",
    ),
]
DISTRACTORS = [
    # one actor (Aldmark) shared, another claim
    rec(
        "s1",
        "2024-04-17T09:00:00Z",
        "tidewire",
        "Kelland accuses Aldmark of dumping cheap steel",
        "Kelland's trade minister Pavel Novak accused Aldmark on Wednesday of dumping cheap steel "
        "on European markets. "
        '"Aldmark is selling steel below cost to drive our mills out of business," Novak said. '
        "Aldmark's trade ministry rejected the accusation as baseless.",
    ),
    rec(
        "s2",
        "2024-04-17T13:00:00Z",
        "ridgedaily",
        "Aldmark rejects Kelland steel dumping charge",
        "Aldmark rejected a charge by Kelland that it dumps cheap steel on European markets. "
        "Trade minister Pavel Novak said Aldmark was selling steel below cost. "
        '"We have never sold steel below cost," an Aldmark trade ministry spokesperson said.',
    ),
    # the same claim's words, other actors
    rec(
        "t1",
        "2025-02-11T09:00:00Z",
        "harbourpost",
        "Tessaly accuses Morvania of supplying machine tools to Corvath",
        "Tessaly's foreign minister Ines Reyes accused Morvania of supplying machine tools to "
        "Corvath's arms industry. "
        '"Morvania is supplying machine tools to the arms industry of Corvath," Reyes said. '
        "Morvania's foreign ministry denied the accusations.",
    ),
    rec(
        "t2",
        "2025-02-11T15:00:00Z",
        "tidewire",
        "Morvania denies sending machine tools to Corvath arms makers",
        "Morvania denied accusations from Tessaly that it supplies machine tools to Corvath's "
        "arms industry. "
        "Foreign minister Ines Reyes said Morvania was supplying machine tools to Corvath's arms "
        "industry.",
    ),
]


@pytest.fixture(scope="module")
def stored(tmp_path_factory: pytest.TempPathFactory) -> Store:
    folder = tmp_path_factory.mktemp("affair")
    path = folder / "articles.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in BURSTS + DISTRACTORS))
    store = Store(folder / "db.sqlite")
    ingest_inputs(store, [str(path)], resolver=OutletResolver.default())
    return store


def storyline_of(store: Store, article_id: str) -> str | None:
    (article,) = [a for a in store.articles() if a.id == article_id]
    return article.storyline_id


def test_three_bursts_two_years_apart_join_one_storyline(stored: Store) -> None:
    lines = {storyline_of(stored, a["id"]) for a in BURSTS}
    assert len(lines) == 1 and None not in lines
    stories = {a.story_id for a in stored.articles() if a.id in {b["id"] for b in BURSTS}}
    assert len(stories) == 3  # three stories (one per burst) in the storyline


def test_stories_sharing_one_actor_or_only_the_words_stay_apart(stored: Store) -> None:
    affair = storyline_of(stored, "c1")
    for article in DISTRACTORS:
        assert storyline_of(stored, article["id"]) != affair


def test_the_storyline_title_names_the_allegation(stored: Store) -> None:
    line = stored.storyline(storyline_of(stored, "c1") or "")
    assert line is not None
    title = line["title"]
    assert "machine tools" in title and "Aldmark" in title and "·" not in title


def claims(*items: tuple[str, str, list[str]]) -> list[dict[str, object]]:
    return [
        {"stance": stance, "content": content, "speakers": speakers, "article_ids": ["x"]}
        for stance, content, speakers in items
    ]


REPORT = claims(("alleges", "Aldmark is supplying machine tools to Varosia's arms industry", []))
DENIAL = claims(
    ("alleges", "Aldmark has been supplying machine tools to the Varosian arms industry", []),
    ("denies", "We have never supplied machine tools to Varosia", ["Lena Okafor"]),
)
STEEL = claims(("alleges", "Aldmark is dumping cheap steel on European markets", ["Pavel Novak"]))
OTHERS = claims(("alleges", "Morvania is supplying machine tools to Corvath's arms industry", []))


def test_same_affair_needs_the_claim_and_two_actors() -> None:
    report, denial = affair_key("a", "l1", REPORT), affair_key("b", None, DENIAL)
    steel, others = affair_key("c", None, STEEL), affair_key("d", None, OTHERS)
    assert report and denial and steel and others
    assert same_affair(report, denial)
    assert not same_affair(report, steel)  # one actor, another claim
    assert not same_affair(report, others)  # the claim's words, other actors
    assert affair_key("e", None, claims(("denies", "That is false", []))) is None


def test_links_join_the_oldest_storyline_and_leave_others() -> None:
    keys = [
        k
        for k in (
            affair_key("old", "l2", REPORT),
            affair_key("mid", "l7", DENIAL),
            affair_key("new", None, DENIAL),
            affair_key("steel", "l9", STEEL),
        )
        if k
    ]
    (link,) = affair_links(keys, ["new"], {"l2": 2, "l7": 7, "l9": 9})
    assert link.storyline_id == "l2" and set(link.story_ids) == {"mid", "new"}
    fresh = [k for k in (affair_key("p", None, REPORT), affair_key("q", None, DENIAL)) if k]
    (link,) = affair_links(fresh, ["q"], {})
    assert link.storyline_id is None and set(link.story_ids) == {"p", "q"}


def test_affair_title_prefers_a_third_person_allegation() -> None:
    title = affair_title([REPORT, DENIAL, []])
    assert title == "Aldmark is supplying machine tools to Varosia's arms industry"
    assert affair_title([STEEL, OTHERS]) is None  # no allegation restated by two stories
