"""HTML extraction: chrome removal, metadata, charsets, truncated and huge pages."""

from __future__ import annotations

from newsprism.extract.html import MAX_HTML_BYTES, decode_html, extract_html

PARAGRAPHS = [
    "The city council voted on Tuesday to spend forty million dollars repairing the old "
    "harbour bridge, after engineers found cracks in two of its supporting piers.",
    "Mayor Dana Whitfield said the repairs would begin in the spring and take about "
    "eighteen months, during which one lane in each direction would stay open.",
    "Opposition councillors argued that the money should have come from the regional "
    "transport fund rather than from the city's own reserves, and two voted against.",
    "The harbour authority has promised to contribute a further five million dollars once "
    "the final engineering report on the state of the bridge is published next year.",
]


def page(paragraphs: list[str] = PARAGRAPHS, charset_meta: str = "utf-8") -> str:
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="{charset_meta}">
<title>Council approves harbour repair | The Harbourville Gazette</title>
<link rel="canonical" href="https://www.gazette.example/news/bridge-repair?utm_source=x">
<meta property="og:site_name" content="The Harbourville Gazette">
<meta property="og:title" content="Council approves harbour repair">
<meta name="author" content="Jane Doe">
<meta property="article:published_time" content="2024-03-03T16:15:00+00:00">
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li>
<li><a href="/sport">Sport</a></li></ul></nav>
<article><h1>Council approves harbour repair</h1>
<p class="byline">By Jane Doe</p>
{body}
</article>
<aside><h3>Related</h3><ul><li><a href="/a">Ferry fares to rise again</a></li>
<li><a href="/b">New mayor sets out waterfront plans</a></li></ul></aside>
<footer><p>&copy; 2024 The Harbourville Gazette. All rights reserved.</p></footer>
</body></html>"""


def test_article_text_and_metadata():
    result = extract_html(page().encode("utf-8"), "https://www.gazette.example/news/bridge-repair")
    for paragraph in PARAGRAPHS:
        assert paragraph in result.text
    assert "Ferry fares" not in result.text
    assert "All rights reserved" not in result.text
    assert "\n\n" in result.text  # paragraphs separated by blank lines
    assert result.title == "Council approves harbour repair"
    assert result.published is not None and result.published.date().isoformat() == "2024-03-03"
    assert result.authors == ["Jane Doe"]
    assert result.site_name == "The Harbourville Gazette"
    assert result.canonical_url is not None and "bridge-repair" in result.canonical_url
    assert result.language == "en"


def test_cp1252_bytes_with_latin1_label():
    text = [
        "Le maire a déclaré que les réparations du pont commenceraient au printemps "
        "et dureraient environ dix-huit mois, pendant lesquels une voie resterait ouverte.",
        "Les conseillers de l’opposition ont jugé que l’argent aurait dû venir du fonds "
        "régional des transports – et non des réserves de la ville – et ont voté contre.",
        "L’autorité portuaire a promis une contribution supplémentaire de cinq millions "
        "d’euros lorsque le rapport final des ingénieurs sera publié l’année prochaine.",
    ]
    raw = page(text, charset_meta="iso-8859-1").encode("cp1252")
    result = extract_html(raw)
    assert "réparations" in result.text
    assert "l’opposition" in result.text  # cp1252-only curly apostrophe
    assert "–" in result.text


def test_undeclared_legacy_charset_is_detected():
    raw = page(charset_meta="").replace('<meta charset="">', "").encode("utf-8")
    assert decode_html(raw) == raw.decode("utf-8")
    latin = "Präsident Müller sagte, die Brücke über den Fluss müsse repariert werden. " * 5
    assert decode_html(latin.encode("cp1252")) == latin


def test_truncated_html_still_extracts():
    html = page()
    cut = html[: html.index(PARAGRAPHS[3][:40]) + 20]  # cut inside the last paragraph
    result = extract_html(cut.encode("utf-8"))
    assert PARAGRAPHS[0] in result.text
    assert PARAGRAPHS[2] in result.text


def test_truncated_inside_a_multibyte_character():
    raw = page(["Über die Brücke sagte der Bürgermeister am Dienstag sehr viel. " * 8]).encode()
    cut = raw[: raw.index("Brücke".encode()) + 3]  # ends in the middle of "ü"
    assert decode_html(cut).endswith("Br")


def test_huge_page_is_capped():
    padding = "<div>" + ("x" * 1000 + "</div><div>") * (MAX_HTML_BYTES // 1000 + 100) + "</div>"
    html = page().replace("<footer>", padding + "<footer>")
    assert len(html) > MAX_HTML_BYTES
    result = extract_html(html.encode("utf-8"))
    assert PARAGRAPHS[0] in result.text


def test_fallback_chain_when_trafilatura_finds_little():
    # No <p>/<article> structure at all: text sits in <br>-separated table cells.
    rows = "<br><br>".join(PARAGRAPHS)
    html = f"<html><body><table><tr><td>{rows}</td></tr></table></body></html>"
    result = extract_html(html)
    assert PARAGRAPHS[1] in " ".join(result.text.split())


def _dated_page(head: str, body_extra: str = "") -> bytes:
    body = "\n".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    return (
        f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
        f"<title>Council approves harbour repair</title>{head}</head><body><article>"
        f"<h1>Council approves harbour repair</h1>{body_extra}{body}</article></body></html>"
    ).encode()


def test_full_datetime_from_metadata_keeps_its_timezone():
    from datetime import datetime, timedelta, timezone

    page_bytes = _dated_page(
        '<meta property="article:published_time" content="2024-03-11T01:30:00-04:00">'
    )
    result = extract_html(page_bytes, "https://gazette.example/news/bridge-repair")
    assert result.published == datetime(2024, 3, 11, 1, 30, tzinfo=timezone(timedelta(hours=-4)))


def test_first_publication_stated_in_the_article_beats_the_metadata_date():
    from datetime import date

    page_bytes = _dated_page(
        '<meta property="article:published_time" content="2023-04-13T10:00:00+00:00">',
        "<p>Update note: this guide was originally published on the 21st of June 2017 and"
        " has been revised since, most recently for the new harbour budget.</p>",
    )
    result = extract_html(page_bytes, "https://gazette.example/news/bridge-repair")
    assert result.published is not None
    assert result.published.date() == date(2017, 6, 21)


def test_hours_ago_beside_the_headline_dates_a_page_without_metadata_dates():
    from datetime import UTC, datetime

    page_bytes = _dated_page("", "<p class='meta'>Published 5 hours ago</p>")
    fetched = datetime(2024, 3, 11, 14, 0, tzinfo=UTC)
    result = extract_html(page_bytes, "https://gazette.example/news/bridge", fetched_at=fetched)
    assert result.published == datetime(2024, 3, 11, 9, 0, tzinfo=UTC)
    assert extract_html(page_bytes, "https://gazette.example/news/bridge").published is None
    # a date the metadata states wins over the stamp
    stated = _dated_page(
        '<meta property="article:published_time" content="2024-03-10T08:00:00+00:00">',
        "<p class='meta'>Published 5 hours ago</p>",
    )
    found = extract_html(stated, "https://gazette.example/news/bridge", fetched_at=fetched)
    assert found.published == datetime(2024, 3, 10, 8, 0, tzinfo=UTC)


def test_json_ld_and_itemprop_dates():
    json_ld = (
        '<script type="application/ld+json">{"@context": "https://schema.org", "@graph": ['
        '{"@type": "WebPage", "datePublished": "2020-01-01T00:00:00Z"},'
        '{"@type": "NewsArticle", "datePublished": "2024-03-11T08:05:00+00:00"}]}</script>'
    )
    result = extract_html(_dated_page(json_ld))
    assert result.published is not None
    assert result.published.isoformat() == "2024-03-11T08:05:00+00:00"  # the article's date

    itemprop = '<time itemprop="datePublished" datetime="2024-03-11T09:15:00+01:00">11 March</time>'
    result = extract_html(_dated_page("", body_extra=itemprop))
    assert result.published is not None
    assert result.published.isoformat() == "2024-03-11T09:15:00+01:00"


def test_slug_starting_with_a_number_is_not_a_day():
    # "/2024/03/2-million-..." is March 2024 and a slug, not 2 March.
    url = "https://gazette.example/2024/03/2-million-pledged-for-harbour-bridge/"
    result = extract_html(_dated_page('<meta name="date" content="2024-03-11">'), url)
    assert result.published is not None and result.published.date().isoformat() == "2024-03-11"
    result = extract_html(_dated_page(""), url)
    assert result.published is None or result.published.day != 2


def test_generic_date_field_gives_the_time_of_htmldates_day():
    result = extract_html(_dated_page('<meta name="date" content="2024-03-11T09:00:00+01:00">'))
    assert result.published is not None
    assert result.published.isoformat() == "2024-03-11T09:00:00+01:00"


def test_date_field_written_as_the_page_prints_it():
    result = extract_html(_dated_page('<meta name="published" content="March 11, 2024">'))
    assert result.published is not None
    assert result.published.date().isoformat() == "2024-03-11"


SAVED = """<!DOCTYPE html>
<!-- saved from url=(0049)https://www.ridgedaily.example/news/bridge-reopens -->
<html><head><title>Bridge reopens | Ridge Daily</title></head><body><article>
<h1>Bridge reopens</h1><p>The harbour bridge reopened on Monday after three months of
repairs, the city said, and traffic returned to normal by the evening rush hour.</p>
</article></body></html>"""


def test_saved_page_knows_the_address_it_was_saved_from():
    page = extract_html(SAVED)
    assert page.canonical_url == "https://www.ridgedaily.example/news/bridge-reopens"
    # the address it was fetched from, when known, wins over the note
    fetched = extract_html(SAVED, "https://mirror.example/copy")
    assert fetched.canonical_url is None
    # a canonical link still wins over the note
    linked = SAVED.replace("</title>", '</title><link rel="canonical" href="/news/b">')
    assert extract_html(linked).canonical_url == "https://www.ridgedaily.example/news/b"


def _page_with_meta(meta: str, body_extra: str = "") -> str:
    return f"""<html><head><title>Bridge reopens</title>{meta}</head><body><article>
<h1>Bridge reopens</h1>{body_extra}<p>The harbour bridge reopened on Monday after three
months of repairs, the city said, and traffic returned to normal by the evening.</p>
<p>Engineers replaced the cables and resurfaced the deck, the council said.</p>
</article></body></html>"""


def test_author_from_the_meta_fields_sites_declare():
    for meta in (
        '<meta name="twitter:label1" content="Written by"><meta name="twitter:data1" '
        'content="Jane Example">',
        '<meta name="parsely-author" content="Jane Example">',
        '<meta name="sailthru.author" content="Jane Example">',
        '<meta name="byl" content="By Jane Example">',
    ):
        assert extract_html(_page_with_meta(meta)).authors == ["Jane Example"], meta


def test_declared_author_comes_after_the_printed_byline_and_skips_default_accounts():
    printed = '<p class="byline">By John Roe</p>'
    meta = '<meta name="parsely-author" content="Ridge Daily Staff Account">'
    assert extract_html(_page_with_meta(meta, printed)).authors == ["John Roe"]
    admin = '<meta name="parsely-author" content="admin">'
    assert extract_html(_page_with_meta(admin)).authors == []


def test_printed_author_beside_the_headline_without_meta_fields():
    team = '<p class="byline">By The Harbour Desk</p><p>March 4, 2024</p>'
    assert extract_html(_page_with_meta("", team)).authors == ["The Harbour Desk"]
    lone = "<div><span>Jane Example</span><span>Bridges</span><time>Mar 4</time></div>"
    assert extract_html(_page_with_meta("", lone)).authors == ["Jane Example"]
    # A heading whose words the article writes in lower case is not a name.
    heading = "<div><span>Traffic Returned</span><time>March 4, 2024</time></div>"
    assert extract_html(_page_with_meta("", heading)).authors == []


TIPS = [
    "Check the weight limit signs before crossing with a trailer or a camper van",
    "Use the eastern lane during the morning rush, when the western one is closed",
    "Cyclists should dismount on the central span while the scaffolding is up",
    "Ferries run every twenty minutes from the north pier as an alternative",
]
CLOSING = (
    "The harbour authority will publish the final engineering report on the state of the "
    "bridge next year, and the council will vote on the second phase of works then."
)


def _guide_page(above: str = "", after: str = "") -> str:
    body = "".join(f"<p>{p}</p>" for p in PARAGRAPHS[:3])
    tips = "".join(f"<li>{tip}</li>" for tip in TIPS)
    return (
        "<html lang='en'><head><title>Council approves harbour repair</title></head><body>"
        "<article><h1>Council approves harbour repair</h1>"
        f"{above}{body}<h2>Crossing during the works</h2>"
        # A boxed list: trafilatura's precision mode drops bordered boxes.
        f"<div style='border: 1px solid #ccc'><ul>{tips}</ul></div>"
        f"<p>{CLOSING}</p>{after}</article></body></html>"
    )


def test_a_list_inside_the_article_that_precision_mode_drops_is_kept():
    result = extract_html(_guide_page())
    text = " ".join(result.text.split())
    for tip in TIPS:
        assert tip in text
    assert PARAGRAPHS[0] in text and CLOSING in text
    assert text.index(PARAGRAPHS[2]) < text.index(TIPS[0]) < text.index(CLOSING)


def test_what_recall_mode_adds_above_and_after_the_article_is_left_out():
    standfirst = "<p class='teaser'>Forty million dollars and a year and a half of closures.</p>"
    related = (
        "<div class='teaser-list'><ul>"
        "<li><a href='/a'>Ferry fares to rise again next month after a difficult winter</a></li>"
        "<li><a href='/b'>New mayor sets out her plans for the waterfront and fish market</a></li>"
        "<li><a href='/c'>Storm damage closes the coastal path between the two villages</a></li>"
        "</ul></div>"
    )
    result = extract_html(_guide_page(above=standfirst, after=related))
    text = " ".join(result.text.split())
    assert TIPS[0] in text and CLOSING in text
    assert "Forty million dollars and a year" not in text
    assert "Ferry fares" not in text and "Storm damage" not in text


def test_shouted_promotions_inside_the_article_are_not_added():
    body = "".join(f"<p>{p}</p>" for p in PARAGRAPHS[:3])
    tips = "".join(f"<li>{tip}</li>" for tip in TIPS)
    html = (
        "<html><head><title>Council approves harbour repair</title></head><body><article>"
        f"<h1>Council approves harbour repair</h1>{body}"
        "<div class='teaser'><a href='/app'>GET THE GAZETTE APP FOR BREAKING NEWS</a></div>"
        f"<div style='border: 1px solid #ccc'><ul>{tips}</ul></div><p>{CLOSING}</p>"
        "</article></body></html>"
    )
    text = " ".join(extract_html(html).text.split())
    assert TIPS[0] in text
    assert "GAZETTE APP" not in text


MORE_PARAGRAPHS = [
    "Local businesses near the bridge said they expected a drop in trade while the works "
    "are under way, and asked the council for help with parking for their customers.",
    "A public meeting about the works is planned for the first week of March at the town "
    "hall, where the engineers will answer questions from residents and traders.",
    "The bridge, which opened in 1931, carries about twenty thousand vehicles a day and was "
    "last repaired in the late 1980s, when its deck was replaced in sections.",
    "Emergency services have been consulted on the closures and say response times to the "
    "northern districts should not change while one lane stays open each way.",
    "Residents who want to comment on the plans can write to the council until the end of "
    "January, and their letters will be published with the final report.",
]


def test_a_page_that_carries_its_article_twice_gives_it_once():
    paragraphs = PARAGRAPHS + MORE_PARAGRAPHS
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    html = (
        "<html><head><title>Council approves harbour repair</title></head><body><main>"
        f"<div class='story desktop'><h1>Council approves harbour repair</h1>{body}</div>"
        f"<div class='story mobile'><h1>Council approves harbour repair</h1>{body}</div>"
        "</main></body></html>"
    )
    text = " ".join(extract_html(html).text.split())
    for paragraph in paragraphs:
        assert text.count(paragraph) == 1


def test_metadata_is_read_even_when_the_page_has_no_article_text():
    html = (
        "<html><head><title>In pictures: the harbour bridge at dawn | Harbourville Gazette"
        "</title><meta property='og:site_name' content='The Harbourville Gazette'>"
        "<meta property='og:description' content='Photographs of the old bridge before the "
        "repairs begin.'><meta name='author' content='Jane Doe'></head>"
        "<body><div class='gallery'><img src='a.jpg'><img src='b.jpg'></div></body></html>"
    )
    result = extract_html(html, "https://www.gazette.example/pictures/bridge")
    assert result.title == "In pictures: the harbour bridge at dawn"
    assert result.site_name == "The Harbourville Gazette"
    assert result.description == "Photographs of the old bridge before the repairs begin."
    assert result.authors == ["Jane Doe"]


def test_article_without_paragraph_tags_below_a_long_menu_is_kept_whole():
    # trafilatura's quick precision pass takes the newsletter promotion (the only <p>
    # text) here; compared with its readability and jusText runs it finds the article.
    paragraphs = PARAGRAPHS + MORE_PARAGRAPHS
    menu = "".join(f"<a href='/section/{i}'>Section number {i} of the site</a>" for i in range(200))
    promotion = (
        "<div class='promo'><p>Our newsletter brings the week's local stories to your inbox "
        "every Friday morning, with the best photographs from our readers and a round-up of "
        "what is on in the town.</p><p>Subscribers also get early access to tickets for the "
        "summer festival, discounts at the harbour market and an invitation to the annual "
        "readers' evening at the old customs house.</p></div>"
    )
    html = (
        "<html><head><title>Council approves harbour repair</title></head><body>"
        f"<div class='menu'>{menu}</div><div class='story'>{'<br><br>'.join(paragraphs)}</div>"
        f"{promotion}</body></html>"
    )
    text = " ".join(extract_html(html).text.split())
    for paragraph in paragraphs:
        assert paragraph in text
    assert "Section number" not in text
    assert "newsletter" not in text
