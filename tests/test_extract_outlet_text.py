from __future__ import annotations

from newsprism.extract.outlet_text import find_outlet_credits, identify_outlet_from_text

NAMES = [
    ("The Daily Example", "daily-example"),
    ("dailyexample.com", "daily-example"),
    ("Reuters", "reuters"),
    ("Associated Press", "ap"),
    ("Harbourville Gazette", "gazette"),
]

BODY = (
    "The council voted on Tuesday to spend $40 million repairing the harbour bridge.\n\n"
    "Repairs will begin in the spring."
)


def test_masthead_in_first_lines():
    text = "The Daily Example\nHome\nNews\nCouncil approves repair\n" + BODY
    assert identify_outlet_from_text("Council approves repair", text, NAMES) == "daily-example"


def test_wire_credit_in_dateline():
    text = "HARBOURVILLE (Reuters) - " + BODY
    assert identify_outlet_from_text("Council approves repair", text, NAMES) == "reuters"
    text = "HARBOURVILLE (AP) — " + BODY
    assert identify_outlet_from_text("Council approves repair", text, NAMES) == "ap"


def test_copyright_and_source_lines():
    text = BODY + "\n\n© 2024 The Daily Example. All rights reserved."
    assert identify_outlet_from_text("", text, NAMES) == "daily-example"
    text = BODY + "\n\nThis article originally appeared on Harbourville Gazette."
    assert identify_outlet_from_text("", text, NAMES) == "gazette"
    text = BODY + "\n\nSource link\nHarbourville Gazette"
    assert identify_outlet_from_text("", text, NAMES) == "gazette"


def test_unknown_outlet_is_reported_by_name():
    text = BODY + "\n\nCopyright 2024 Seaside Chronicle Ltd. All rights reserved."
    assert identify_outlet_from_text("", text, NAMES) is None
    credits = find_outlet_credits("", text)
    assert ("Seaside Chronicle", "copyright") in [(c.name, c.kind) for c in credits]


def test_menu_words_do_not_match_by_prefix():
    text = "News\nDaily\nSport\nCouncil approves repair\n" + BODY
    assert identify_outlet_from_text("Council approves repair", text, NAMES) is None
    assert identify_outlet_from_text("x", BODY, []) is None
