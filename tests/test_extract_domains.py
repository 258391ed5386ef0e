from __future__ import annotations

from newsprism.extract.domains import normalize_url, preferred_url, registrable_domain


def test_registrable_domain():
    assert registrable_domain("https://www.bbc.co.uk/news/world-1") == "bbc.co.uk"
    assert registrable_domain("edition.cnn.com") == "cnn.com"
    assert registrable_domain("HTTPS://News.Example.COM.:443/x") == "example.com"
    assert registrable_domain("someone.blogspot.com") == "someone.blogspot.com"
    assert registrable_domain("http://127.0.0.1/x") is None
    assert registrable_domain("co.uk") is None
    assert registrable_domain("") is None


def test_normalize_url_strips_tracking_and_fragment():
    url = "HTTPS://WWW.Example.com:443/News/Story?id=7&utm_source=tw&fbclid=abc&gclid=z#top"
    assert normalize_url(url) == "https://www.example.com/News/Story?id=7"
    assert normalize_url("http://example.com") == "http://example.com/"
    assert normalize_url("http://example.com:8080/a?b=1") == "http://example.com:8080/a?b=1"
    assert normalize_url("not a url") == "not a url"


def test_preferred_url():
    fetched = "https://www.example.com/story/123?utm_medium=rss"
    canonical = "https://www.example.com/2024/03/story-title"
    assert preferred_url(canonical, fetched) == canonical
    # canonical pointing at the site's front page is a template mistake
    assert preferred_url("https://www.example.com/", fetched) == "https://www.example.com/story/123"
    # a syndicated copy keeps its own address
    assert preferred_url("https://wire.example.org/original", fetched) == (
        "https://www.example.com/story/123"
    )
    assert preferred_url(canonical, None) == canonical
    assert preferred_url(None, None) is None
    assert preferred_url("/relative/path", None) is None
