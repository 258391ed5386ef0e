"""The web UI in a real browser: Debian's Chromium driven by Playwright, over uvicorn."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
SCREENSHOT = Path("/tmp/newsprism-story-page.png")

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(),
        reason="needs Debian's Chromium at /usr/bin/chromium (apt-get install -y chromium)",
    ),
]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """uvicorn serving the invented test database on a free local port."""
    import uvicorn

    from newsprism.web.app import create_app
    from test_web_api import build_web_db

    path = tmp_path_factory.mktemp("browser") / "web.db"
    build_web_db(path)
    port = _free_port()
    server = uvicorn.Server(
        uvicorn.Config(create_app(path), host="127.0.0.1", port=port, log_level="warning")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            pytest.fail("uvicorn did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.set_default_timeout(15_000)
    errors: list[str] = []
    tab.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    tab.on("pageerror", lambda exc: errors.append(str(exc)))
    tab.console_errors = errors
    yield tab
    context.close()


def test_home_lists_stories_and_a_click_opens_one(page: Any, base_url: str) -> None:
    page.goto(base_url + "/")
    titles = page.locator("ol.story-list .story-title a")
    assert titles.count() == 4
    assert titles.first.inner_text() == "Port authority fines Northfield over harbour spill"
    # the hostile title is shown as text, and no script ran
    assert page.get_by_text("<script>alert('x')</script> Mayor's secret harbour deal").count() >= 1
    titles.first.click()
    page.wait_for_url(base_url + "/stories/s1")
    assert page.locator("h1").inner_text() == "Port authority fines Northfield over harbour spill"
    assert page.console_errors == []


def test_story_page_bias_bar_citations_and_screenshot(page: Any, base_url: str) -> None:
    page.goto(base_url + "/stories/s1")
    coverage = page.locator("section.coverage")
    assert coverage.get_by_role("heading", name="Coverage Details").is_visible()
    bar = coverage.locator("svg.bias-bar")
    assert bar.count() == 1 and bar.is_visible()
    assert bar.locator("rect.bias-seg").count() == 5
    assert bar.get_attribute("role") == "img"
    assert "Left 20%" in (bar.get_attribute("aria-label") or "")
    assert page.locator("svg.timeline").is_visible()

    article_links = {
        link.get_attribute("href"): link.inner_text()
        for link in page.locator("ol.articles .article-title a").all()
    }
    cites = page.locator("ul.bullets a.cite").all()
    assert len(cites) == 7
    for cite in cites:
        href = cite.get_attribute("href")
        assert href in article_links, href
        assert cite.inner_text() in {
            "Plainwire",
            "Northgate Herald",
            "The Civic Ledger",
            "Meridian Post",
            "Ironside Daily",
        }
    # a syndicated copy links to its original in the article list
    page.locator(".copy-note a").first.click()
    assert page.url.endswith("#article-a1")

    page.screenshot(path=str(SCREENSHOT), full_page=True)
    assert SCREENSHOT.stat().st_size > 10_000
    assert page.console_errors == []


def test_search_finds_an_article(page: Any, base_url: str) -> None:
    page.goto(base_url + "/")
    box = page.get_by_role("searchbox", name="Search articles").first
    box.fill("oil sheen")
    box.press("Enter")
    page.wait_for_url("**/search?q=oil+sheen")
    assert "2 articles match" in page.locator("#result-count").inner_text()
    result = page.get_by_role("link", name="Oil sheen spotted near Northfield plant")
    assert result.count() == 1
    page.locator(".result .story-title a").first.click()
    page.wait_for_url(base_url + "/stories/s2")
    assert page.console_errors == []


def test_storyline_timeline_links_to_stories(page: Any, base_url: str) -> None:
    page.goto(base_url + "/storylines")
    page.get_by_role("link", name="The Northfield harbour affair").click()
    page.wait_for_url(base_url + "/storylines/l1")
    chart = page.locator("svg.storyline-timeline")
    assert chart.is_visible()
    assert chart.locator("a.sl-row").count() == 2
    chart.locator("a.sl-row").first.click()
    page.wait_for_url(base_url + "/stories/s2")
    assert page.console_errors == []


def test_pages_render_without_errors_on_a_phone(browser: Any, base_url: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 800})
    tab = context.new_page()
    errors: list[str] = []
    tab.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    try:
        for path in (
            "/",
            "/stories/s1",
            "/blindspots",
            "/storylines/l1",
            "/entities/1",
            "/outlets/plainwire",
            "/search?q=harbour",
        ):
            tab.goto(base_url + path)
            width = tab.evaluate("document.documentElement.scrollWidth")
            assert width <= 390, (path, width)  # nothing overflows sideways
    finally:
        context.close()
    assert errors == []
