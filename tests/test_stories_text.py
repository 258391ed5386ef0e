from newsprism.stories.text import (
    content_tokens,
    figures,
    proper_names,
    time_mentions,
    url_slug_tokens,
)


def test_proper_names_skip_sentence_openers_and_keep_surnames():
    text = "Officials said Florida Gov. Ron DeSantis signed the order. The NSA declined to comment."
    names = proper_names("", text)
    assert "ron desantis" in names
    assert "desantis" in names
    assert "nsa" in names
    assert "officials" not in names


def test_title_case_headline_does_not_make_every_word_a_name():
    names = proper_names("Secrets Are Revealed In New Trailer For The Show", "")
    assert "secrets" not in names


def test_figures_skip_years_and_product_names():
    found = figures(
        "Jobless claims fall to 473,000", "In 2021 COVID-19 cost $1.9 trillion, or 45%."
    )
    assert "473000" in found
    assert "$1.9 trillion" in found
    assert "45%" in found
    assert "2021" not in found
    assert "19" not in found


def test_time_mentions():
    assert time_mentions("", "Signed on Friday, effective May 8th.") == {"friday", "may 8"}


def test_tokens_and_slugs():
    assert content_tokens("The masks were required") == ["mask", "required"]
    slug = url_slug_tokens("https://example.com/news/florida-governor-signs-mask-order-n1275492")
    assert slug == ["florida", "governor", "sign", "mask", "order"]


def test_url_dates():
    from datetime import date

    from newsprism.stories.text import url_date

    assert url_date("https://www.cnn.com/2021/07/30/politics/x/index.html") == date(2021, 7, 30)
    assert url_date("https://www.reuters.com/world/us/biden-2021-07-29/") == date(2021, 7, 29)
    assert url_date("https://www.washingtontimes.com/news/2021/jul/28/x/") == date(2021, 7, 28)
    assert url_date("https://www.businessinsider.com/desantis-2021-7") is None
    assert url_date(None) is None
