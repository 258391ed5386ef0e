"""Chrome after the article in invented plain-text captures: readers' comments, lists of
other stories (dated, glued, cut short, unheaded), headings in other scripts."""

from __future__ import annotations

from newsprism.extract.plaintext import extract_plaintext

ARTICLE = [
    "The county water board voted on Thursday to close the old reservoir at Fenwick Hill "
    "after inspectors found a crack in its dam wall during a routine survey.",
    "Board chair Ruth Okafor said the closure would not affect supplies, because the new "
    "treatment works on the river could meet demand for the whole county.",
    "Engineers will drain the reservoir over the next six weeks and then decide whether "
    "the dam can be repaired or should be taken down altogether.",
]
COMMENT = (
    "I walk past that dam every morning and have been telling the board about the crack "
    "for two years, so it is good to see somebody finally listening to residents here."
)


HEADER = ["Water board closes reservoir", "By Kim Ashdown"]


def _extract(*lines: str) -> str:
    return extract_plaintext("\n".join([*HEADER, *lines])).text


def test_readers_comments_are_cut_however_long():
    text = _extract(
        *ARTICLE,
        "[ 58 comments ]",
        "Top Rated Comments",
        *[f"reader{i}\n2 days ago\n{COMMENT} Number {i}." for i in range(8)],
    )
    assert text.split("\n\n") == ARTICLE


def test_dated_teasers_after_the_article():
    teasers = []
    for n in range(4):
        teasers += [
            f"Other story number {n} about the county",
            "Kim Ashdown",
            f"Tuesday June {n + 3}, 2025",
            f"A long summary of story {n} that the site shows under its own date line, "
            "written as full sentences so that it reads like text of the article. It goes on "
            "for a while about the council, the budget and the roads, as summaries of longer "
            "stories on this kind of site often do.",
        ]
    text = _extract(*ARTICLE, "Water", "Dams", *teasers)
    assert text.split("\n\n") == ARTICLE


def test_lists_of_headlines_without_a_heading():
    text = _extract(
        *ARTICLE,
        "Council to vote on new parking charges for the town centre",
        "Schools prepare for the heatwave as temperatures climb",
        "Rail line to close for two weekends of engineering work",
        "Local bakery wins national award for its sourdough loaf",
        "Plans for riverside flats rejected after hundreds of obj...",
    )
    assert text.split("\n\n") == ARTICLE


def test_teaser_cards_with_glued_summaries():
    cards = [
        "Police Arrest Two After Break-In At Harbour StoreThe two men were held on Monday "
        "night after an alarm went off at the shop on Quay Street.",
        "Is The Heatwave Here To Stay?Forecasters say temperatures could stay above thirty "
        "degrees for most of the coming week across the region.",
        "Bakery On Mill Lane Wins National Sourdough PrizeA family bakery that opened in 2019 "
        "has been named the best in the country by a panel of judges.",
    ]
    text = extract_plaintext("\n".join(["Menu", *cards, *HEADER, *ARTICLE])).text
    assert text.split("\n\n") == ARTICLE


def test_related_heading_in_japanese():
    teasers = [
        "ダムの点検が始まり住民説明会で質問相次ぐ",
        "貯水池の水位低下で県が新しい浄水場に切り替え",
        "町議会が駐車料金の値上げ案を審議",
    ]
    text = _extract(*ARTICLE, "関連記事", *teasers)
    assert text.split("\n\n") == ARTICLE


def test_a_short_comments_link_above_the_article_does_not_hide_it():
    text = extract_plaintext("\n".join(["Comments", *HEADER, *ARTICLE]))
    assert text.text.split("\n\n") == ARTICLE
