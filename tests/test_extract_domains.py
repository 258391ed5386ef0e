from __future__ import annotations

from newsprism.extract.domains import (
    archived_original,
    normalize_url,
    preferred_url,
    registrable_domain,
)


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


def test_wayback_snapshot_stands_for_the_page_it_archives() -> None:
    snapshot = (
        "https://web.archive.org/web/20251201103000/https://www.Example.com/news/a?utm_source=x"
    )
    assert archived_original(snapshot) == "https://www.Example.com/news/a?utm_source=x"
    assert normalize_url(snapshot) == "https://www.example.com/news/a"
    # a raw-content flag after the timestamp, and an archived address without a scheme
    flagged = "http://web.archive.org/web/20251201103000id_/www.example.com/news/b"
    assert normalize_url(flagged) == "http://www.example.com/news/b"
    # the snapshot's rewritten canonical and its own address agree on the original site
    rewritten = "https://web.archive.org/web/20251201103000/https://www.example.com/news/c"
    assert preferred_url(rewritten, snapshot) == "https://www.example.com/news/c"
    assert archived_original("https://web.archive.org/about/") is None
    assert archived_original("https://example.com/web/2025/https://other.example/") is None


def test_amp_cache_address_stands_for_the_page() -> None:
    cached = "https://www-example-com.cdn.ampproject.org/c/s/www.example.com/news/a.amp?x=1"
    assert archived_original(cached) == "https://www.example.com/news/a.amp?x=1"
    viewer = "https://www-example-com.cdn.ampproject.org/v/www.example.com/news/b"
    assert archived_original(viewer) == "http://www.example.com/news/b"
    assert archived_original("https://cdn.ampproject.org/v0.js") is None
