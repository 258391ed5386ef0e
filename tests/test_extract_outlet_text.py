from __future__ import annotations

from newsprism.extract.outlet_text import (
    alias_table,
    find_outlet_credits,
    identify_outlet_from_text,
    origin_credit,
    publisher_name,
    syndication_credit,
)

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


def test_copyright_name_without_the_words_around_it():
    for footer in (
        "© Copyright Seaside Chronicle 2018",
        "(c) Copyright 2019 Seaside Chronicle, Inc.",
        "Copyright © 2024 Seaside Chronicle. All rights reserved.",
        "© 2025 by Seaside Chronicle LLC. All rights reserved.",
    ):
        assert publisher_name("", BODY + "\n\n" + footer) == "Seaside Chronicle", footer


def test_the_holder_is_read_without_the_footer_around_it():
    for footer, holder in (
        ("© 2025 Seaside Chronicle · Privacy ∙ Terms ∙ Collection notice", "Seaside Chronicle"),
        ("Copyright © 2025 Seaside Chronicle • Built with GeneratePress", "Seaside Chronicle"),
        ("© Seaside Chronicle 2025 - All Rights Reserved.", "Seaside Chronicle"),
        (
            "© 2019 Seaside Chronicle unless otherwise noted. All rights reserved.",
            "Seaside Chronicle",
        ),
        ("©All Rights Reserved Seaside Chronicle 2019, a nonprofit", "Seaside Chronicle"),
        ("© 2025 Seaside Chronicle B.V. All rights reserved.", "Seaside Chronicle"),
        (
            "© 2019 Seaside Chronicle.Harbour Media Group, Inc. All Rights Reserved.",
            "Seaside Chronicle",
        ),
        ("Copyright © 2025 seasidechronicle.com", "seasidechronicle.com"),
        ("© 2025 Seaside.org a Harbour Media Company", "Seaside.org"),
        (
            "All contents are copyrighted by Seaside Chronicle unless otherwise noted. "
            "All rights reserved.",
            "Seaside Chronicle",
        ),
        ("Copyright 2025 © Seaside Chronicle All Rights Reserved.", "Seaside Chronicle"),
        ("© 2025 Jane Q. Public · Privacy ∙ Terms", "Jane Q. Public"),
        (
            "© 2019 Seaside Chronicle is a registered Trademark of Harbour Media Inc.",
            "Seaside Chronicle",
        ),
    ):
        assert publisher_name("", BODY + "\n\n" + footer) == holder, footer


def test_a_footer_line_without_a_name_names_no_publisher():
    for footer in (
        "Copyright © 2025 | Made with love by Jo",
        "Copyright 2017-2025",
        "Copyright @2025",
        "© 2010-2025 All rights reserved.",
        "© 2013 onwards. All Rights Reserved.",
        "Copyright and Trademark",
        "Copyright © 2025 • FLEX Pro WordPress Theme by SNO • Log in",
        "© 2025 Designed by Harbour Web - Powered by Example CMS",
        "Site Map",
        "Site Search",
        "Publication design.",
    ):
        assert publisher_name("", BODY + "\n\n" + footer) is None, footer


def test_menu_words_do_not_match_by_prefix():
    text = "News\nDaily\nSport\nCouncil approves repair\n" + BODY
    assert identify_outlet_from_text("Council approves repair", text, NAMES) is None
    assert identify_outlet_from_text("x", BODY, []) is None


# --- publisher marks against credits of the story's origin ------------------------------

REGISTRY = [
    ("The Ridge Daily", "ridge-daily"),
    ("Ridge Daily", "ridge-daily"),
    ("Tidewater Wire", "tidewire"),
    ("TWW", "tidewire"),
    ("Harbourville Gazette", "gazette"),
]
WIRE_BODY = (
    "MILLBROOK (Tidewater Wire) — The county water board voted on Thursday to close the old "
    "reservoir at Fenwick Hill after inspectors found a crack in its dam wall."
)


def _copy(*, masthead: bool = True, footer: bool = True, origin: str = "") -> str:
    lines = ["The Ridge Daily"] if masthead else ["Menu"]
    lines += ["Home", "News", "Water board closes reservoir", "By Dana Pryce, Tidewater Wire"]
    lines += ["Photo: Lee Amos/Tidewater Wire", "", WIRE_BODY, "", origin, "", "Source link"]
    if footer:
        lines.append("© 2025 The Ridge Daily. All rights reserved.")
    return "\n".join(lines)


def test_syndicated_copy_belongs_to_the_site_that_carries_it():
    title = "Water board closes reservoir"
    for text in (
        _copy(origin="Originally published by Tidewater Wire."),
        _copy(masthead=False, origin="Originally published by Tidewater Wire."),
        _copy(footer=False, origin="Republished from Tidewater Wire"),
    ):
        assert identify_outlet_from_text(title, text, REGISTRY) == "ridge-daily"
        assert syndication_credit(title, text, REGISTRY) == "tidewire"
    # the dateline credit alone is enough to mark the copy
    assert syndication_credit(title, _copy(), REGISTRY) == "tidewire"


def test_wire_story_on_the_wires_own_site_is_not_a_copy():
    text = "Tidewater Wire\nWorld\n" + WIRE_BODY + "\n© 2025 Tidewater Wire. All rights reserved."
    assert identify_outlet_from_text("", text, REGISTRY) == "tidewire"
    assert syndication_credit("", text, REGISTRY) is None


def test_without_site_marks_the_origin_credit_decides_and_no_copy_is_claimed():
    text = "Water board closes reservoir\n\n" + WIRE_BODY
    assert identify_outlet_from_text("Water board closes reservoir", text, REGISTRY) == "tidewire"
    assert syndication_credit("Water board closes reservoir", text, REGISTRY) is None


def test_a_picture_credit_is_not_a_copyright_footer():
    text = "Menu\n" + WIRE_BODY + "\n© Tidewater Wire\n\nCopyright 2025 Ridge Daily Media Group"
    credits = [(c.name, c.kind) for c in find_outlet_credits("", text)]
    assert ("Tidewater Wire", "copyright") not in credits
    assert identify_outlet_from_text("", text, REGISTRY) == "ridge-daily"


def test_front_matter_site_and_prebuilt_alias_table():
    text = "---\ntitle: Water board closes reservoir\nsite: The Ridge Daily\n---\n" + WIRE_BODY
    table = alias_table(REGISTRY)
    assert identify_outlet_from_text("", text, table) == "ridge-daily"
    assert syndication_credit("", text, table) == "tidewire"
    assert publisher_name("", text) == "The Ridge Daily"
    assert publisher_name("", _copy(origin="Originally published by Tidewater Wire.")) == (
        "The Ridge Daily"
    )
    assert publisher_name("", WIRE_BODY) is None


def test_byline_credits_match_outlet_names_exactly():
    text = _copy() + "\nBy Thursday, Tidewater Wire reporters had left the site."
    credits = [(c.name, c.kind) for c in find_outlet_credits("", text)]
    assert ("Tidewater Wire", "byline") in credits  # from "By Dana Pryce, Tidewater Wire"
    prose = "The Ridge Daily\n\nBy Thursday, Tidewater Wire reporters had left the site."
    assert syndication_credit("", prose, REGISTRY) is None


def test_a_bare_copyright_line_in_the_footer_names_the_site():
    text = "Menu\n" + BODY + "\nTerms of Service\n© The Daily Example, a Example Media paper"
    assert identify_outlet_from_text("", text, NAMES) == "daily-example"


def test_a_name_in_a_section_menu_is_not_the_masthead():
    menu = "Sections\nTech\nReuters\nHealth\nCouncil approves repair\n" + BODY
    assert identify_outlet_from_text("Council approves repair", menu, NAMES) is None
    above = "Reuters\nTech\nHealth\nCouncil approves repair\n" + BODY
    assert identify_outlet_from_text("Council approves repair", above, NAMES) == "reuters"


# --- names that look like an outlet's and are not -------------------------------------

LOOKALIKES = [
    *REGISTRY,
    ("The Bulletin", "bulletin"),  # "The" and a common word
    ("Ms.", "ms-magazine"),  # an abbreviation, not written in capitals
    ("Gamebox", "gamebox"),
    ("Coastal Press Agency", "cpa-wire"),
    ("CPA", "cpa-wire"),
]


def test_credentials_after_a_byline_are_not_an_outlet():
    text = _copy() + "\n\nBy Lena Ortiz, MS, RDN\n\nEat more beans, say nutritionists."
    assert syndication_credit("", text, alias_table(LOOKALIKES)) == "tidewire"
    only = "The Ridge Daily\nBy Lena Ortiz, MS, RDN\n" + BODY
    assert syndication_credit("", only, alias_table(LOOKALIKES)) is None
    # an acronym the registry writes in capitals is still a credit
    wire = "The Ridge Daily\nBy Lena Ortiz, CPA\n" + BODY
    assert syndication_credit("", wire, alias_table(LOOKALIKES)) == "cpa-wire"


def test_a_common_word_is_not_the_outlet_called_the_word():
    table = alias_table(LOOKALIKES)
    assert table.needs_the == frozenset({"bulletin"})
    source = "The Ridge Daily\n" + BODY + "\nSource: Bulletin boards and agencies"
    assert syndication_credit("", source, table) is None
    masthead = "Bulletin\nHome\nCouncil approves repair\n" + BODY
    assert identify_outlet_from_text("Council approves repair", masthead, table) is None
    named = "The Bulletin\nHome\nCouncil approves repair\n" + BODY
    assert identify_outlet_from_text("Council approves repair", named, table) == "bulletin"


def test_a_list_item_in_brackets_is_not_a_dateline_credit():
    items = "- Gamebox (Gamebox version): check the price at the shop\n"
    text = "The Ridge Daily\nBest headsets\n" + items + "- Desk (Gamebox edition): $40\n" + BODY
    assert syndication_credit("Best headsets", text, alias_table(LOOKALIKES)) is None
    prose = "The Ridge Daily\nWater news\n" + BODY + "\nA reader (Gamebox fan): hello"
    assert syndication_credit("Water news", prose, alias_table(LOOKALIKES)) is None


def test_the_origin_credit_of_a_copy_and_of_the_wires_own_story():
    table = alias_table(LOOKALIKES)
    assert origin_credit(_copy(), table, "ridge-daily") == "tidewire"
    assert origin_credit(WIRE_BODY, table, "tidewire") is None  # the wire's own site
    assert origin_credit(WIRE_BODY, table, None) == "tidewire"  # publisher unknown
    assert origin_credit("By Lena Ortiz, MS, RDN\n" + BODY, table, None) is None
