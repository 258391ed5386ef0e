"""Cited extractive summaries, titles, loaded language, the abstractive mode."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import ClassVar

import pytest

from newsprism.analysis.loaded_language import loaded_score
from newsprism.analysis.summary import AbstractiveConfig, summarize_story
from newsprism.analysis.title import choose_title
from newsprism.models import Article

ARTICLES = [
    Article(
        "a1",
        "Ministry accuses Northfield of shipping lathes to army",
        "The Foreign Ministry accused Northfield Machine Tool Group of shipping lathes to "
        "the army in breach of the embargo. The ministry said the shipments began in "
        "January and continued until March. Officials said they had invoices for 40 "
        "machines.",
        outlet="Left Daily",
    ),
    Article(
        "a2",
        "Northfield SLAMS outrageous ministry smear!",
        "Northfield Machine Tool Group denied shipping lathes to the army, calling the "
        "ministry's accusation baseless. This shameful, disgraceful smear is the latest "
        "chapter in a ridiculous campaign against a great company. The firm said it "
        "had stopped all exports to the region in 2021.",
        outlet="Right Post",
    ),
    Article(
        "a3",
        "Lathe maker denies shipping machines to army",
        "Northfield Machine Tool Group denied on Tuesday that it shipped lathes to the "
        "army. The Foreign Ministry has accused the company of breaching the embargo "
        "between January and March. The case will go before a trade court in June.",
        outlet="Center Wire",
    ),
]


def test_every_bullet_cites_all_supporting_articles():
    summary = summarize_story("s1", ARTICLES, max_bullets=4)
    assert 1 <= len(summary.bullets) <= 4
    for bullet in summary.bullets:
        assert bullet.source_article in bullet.citations
    denial = next(b for b in summary.bullets if "denied" in b.text)
    assert {"a2", "a3"} <= set(denial.citations)


def test_summary_prefers_reporting_and_does_not_repeat():
    summary = summarize_story("s1", ARTICLES, max_bullets=5)
    texts = [b.text for b in summary.bullets]
    assert not any("disgraceful" in t for t in texts)
    assert len(set(texts)) == len(texts)


def test_outlet_lean_balances_sources():
    leans = {"Left Daily": "left", "Right Post": "right", "Center Wire": "center"}
    summary = summarize_story(
        "s1", ARTICLES, max_bullets=3, outlet_lean=lambda a: leans.get(a.outlet or "")
    )
    assert len({b.source_article for b in summary.bullets}) >= 2


def test_title_is_representative_and_not_loaded():
    assert choose_title(ARTICLES) != "Northfield SLAMS outrageous ministry smear!"
    assert loaded_score("This shameful, disgraceful smear is ridiculous") > loaded_score(
        "The firm said it had stopped all exports in 2021"
    )


def test_max_words_limits_length():
    summary = summarize_story("s1", ARTICLES, max_bullets=10, max_words=20)
    assert sum(len(b.text.split()) for b in summary.bullets[:-1]) < 20


class _CannedHandler(BaseHTTPRequestHandler):
    answer = ""
    requests: ClassVar[list[dict]] = []

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length", 0))
        _CannedHandler.requests.append(json.loads(self.rfile.read(length)))
        body = json.dumps(
            {"choices": [{"message": {"role": "assistant", "content": _CannedHandler.answer}}]}
        )
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(body.encode())

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture()
def llm_server():
    server = HTTPServer(("127.0.0.1", 0), _CannedHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/v1"
    server.shutdown()
    server.server_close()


def test_abstractive_drops_unsupported_sentences(llm_server):
    _CannedHandler.answer = (
        "1. Northfield Machine Tool Group denied shipping lathes to the army.\n"
        "2. The company's founder was arrested in Paris for tax fraud yesterday.\n"
    )
    config = AbstractiveConfig(base_url=llm_server, model="tiny", enabled=True, timeout=10)
    summary = summarize_story("s1", ARTICLES, abstractive=config)
    assert [b.text for b in summary.bullets] == [
        "Northfield Machine Tool Group denied shipping lathes to the army."
    ]
    assert {"a2", "a3"} <= set(summary.bullets[0].citations)
    assert _CannedHandler.requests[-1]["model"] == "tiny"


def test_abstractive_off_by_default_and_falls_back(llm_server):
    config = AbstractiveConfig(base_url="http://127.0.0.1:9/v1", model="x", enabled=True, timeout=2)
    summary = summarize_story("s1", ARTICLES, abstractive=config)
    assert summary.bullets and all(b.source_article for b in summary.bullets)
