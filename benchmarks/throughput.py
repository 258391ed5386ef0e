"""End-to-end throughput: generated article pages through `newsprism ingest`, whole pipeline.

    nice -n 10 .venv/bin/python benchmarks/throughput.py [--pages 2000] [--keep DIR]

Bar (issue 11): >= 12 articles/s over >= 2,000 pages on this machine, with the whole
pipeline as `newsprism ingest FOLDER` runs it: HTML extraction (worker processes),
dedupe and storage, embeddings, NER, quotes and attributions, entities, clustering and
storylines, then per story the summary, coverage, claims with their stance (the learned
stance model re-reads neutral statements against the story's allegations) and the
storyline titles.

The pages are generated here (seeded, nothing downloaded): about 600 words each, with a
news site's chrome (cookie banner, navigation, related links, footer) around the
article, from 40 outlets, about events that recur over days (each event is covered by
several outlets over one to four days; affairs come back in later bursts), with
allegations, denials and quotes so the claim and stance stages have work to do.

The command is run in this process (the Typer app, as `newsprism ingest` runs it) with
timers wrapped around the stage functions, so it prints seconds per 1,000 articles for
each stage; the models (spaCy, the sentence encoder, the stance model) are loaded
before timing starts (a one-off start-up cost, printed apart). Peak RSS is printed for
this process and for its largest worker. Exits 1 below the bar or when an article is
lost.
"""

from __future__ import annotations

import argparse
import html
import os
import random
import resource
import shutil
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

BAR = 12.0  # articles/s, issue 11

# -- generated corpus ---------------------------------------------------------------

_OUTLET_A = "Granite Northline Harbour Lakeside Summit Riverside Capital Evening Morning Coastal"
_OUTLET_B = "Post Herald Courier Wire Times Ledger Gazette Observer Tribune Review"
COUNTRIES = [
    "Varosia", "Aldmark", "Ostrava", "Kelland", "Morvania", "Tessaly", "Brenland", "Quorra",
    "Delmar", "Sundmark", "Ilvania", "Corvath",
]  # fmt: skip
FIRST = [
    "Anna",
    "Jonas",
    "Mira",
    "Pavel",
    "Lena",
    "Tomas",
    "Ines",
    "Karl",
    "Sofia",
    "Ravi",
    "Elena",
    "Marek",
    "Nadia",
    "Oskar",
]
LAST = [
    "Hale",
    "Brandt",
    "Novak",
    "Okafor",
    "Lindqvist",
    "Moreau",
    "Tanaka",
    "Kovac",
    "Reyes",
    "Holm",
    "Petrov",
    "Varga",
]
ROLES = [
    "foreign ministry spokesperson", "trade minister", "defence ministry spokesperson",
    "customs agency director", "chief executive", "opposition leader", "senior analyst",
]  # fmt: skip
CITIES = [
    "Ostervik",
    "Brennholm",
    "Calder",
    "Tarsk",
    "Velmora",
    "Duneport",
    "Haldor",
    "Kessing",
    "Lunvik",
    "Perrow",
]
# Topic families: headline and core sentences (with their placeholders) and the words
# background sentences are composed of, so stories differ in vocabulary as real ones do.
FAMILIES: list[dict[str, list[str]]] = [
    {
        "headline": [
            "{A} accuses {B} of supplying {goods} to {C}'s arms industry",
            "{B} denies sending {goods} to {C} after {A} claims",
            "{company} rejects report on {goods} exports to {C}",
        ],
        "core": [
            "Officials in {A} have accused {B} of supplying {goods} to {C}'s arms industry.",
            '"{B} has been supplying {goods} to the {C} military through {company} for months," '
            "said {official}, {A}'s {role}.",
            "{B}'s foreign ministry spokesperson {person} denied the accusations, saying they "
            "had no factual basis.",
            '"We have never supplied weapons or their parts to any side," {person_last} told '
            "reporters at a regular briefing.",
            "{company} said in a statement that its name had been used by a third party.",
        ],
        "subjects": ["customs officials", "export control experts", "the trade ministry",
                     "investigators", "sanctions monitors", "shipping analysts"],
        "objects": ["the consignments of {goods}", "export licences for {goods}",
                    "shipping manifests from {city}", "the intermediaries in {C}",
                    "dual-use components", "the sanctions regime"],
    },
    {
        "headline": ["Dock workers in {city} strike over pay", "{city} port strike enters day {n}",
                     "Union and port operators in {city} fail to agree on wages"],
        "core": ["Thousands of dock workers in {city} walked out on {weekday} over pay.",
                 '"Our members cannot live on these wages," said {person}, the union\'s leader.',
                 "The port operator {company} said its offer of a {n} percent rise was fair."],
        "subjects": ["union leaders", "the port operator", "shipping lines", "freight forwarders",
                     "striking crane drivers", "the harbour master"],
        "objects": ["the container backlog", "overtime rates", "the wage offer",
                    "queues of lorries outside {city}", "picket lines at the terminals",
                    "perishable cargo"],
    },
    {
        "headline": ["Floods force thousands from homes in {city}",
                     "River bursts its banks in {A} as storms continue",
                     "Rescue teams reach villages cut off by floods near {city}"],
        "core": ["Heavy rain flooded large parts of {city} overnight, forcing {n} families out.",
                 '"The water rose faster than anyone expected," said {person}, the mayor.',
                 "Forecasters in {A} warned of more storms before the weekend."],
        "subjects": ["rescue crews", "the weather service", "volunteers", "local councils",
                     "insurers", "farmers near {city}"],
        "objects": ["flood barriers", "evacuation centres", "submerged roads",
                    "the river level", "damaged bridges", "drinking water supplies"],
    },
    {
        "headline": ["{A}'s central bank raises interest rates to curb inflation",
                     "Inflation in {A} hits {n}-year high", "Markets react to {A} rate decision"],
        "core": ["The central bank of {A} raised its main interest rate by half a point.",
                 '"Inflation remains far above our target," governor {person} said.',
                 "Consumer prices in {A} rose {n} percent from a year earlier."],
        "subjects": ["bond traders", "economists", "the finance ministry", "mortgage lenders",
                     "retailers", "pension funds"],
        "objects": ["borrowing costs", "the currency", "household budgets", "mortgage rates",
                    "the inflation forecast", "government bond yields"],
    },
    {
        "headline": ["{person} leads polls ahead of {A} election",
                     "Opposition in {A} rallies behind {person}",
                     "{A} election campaign enters final week"],
        "core": ["Polls put {person} ahead by {n} points with a week to go before the vote.",
                 '"People want change and they want it now," {person} told supporters in {city}.',
                 "The governing party of {A} said the polls underestimated its support."],
        "subjects": ["campaign strategists", "pollsters", "first-time voters", "party officials",
                     "election observers", "regional governors"],
        "objects": ["the televised debate", "turnout in {city}", "the coalition talks",
                    "postal ballots", "campaign spending limits", "the party manifesto"],
    },
    {
        "headline": ["{city} FC sign striker {person} in record deal",
                     "{person} scores twice as {city} FC win derby",
                     "{city} FC coach praises {person} after victory"],
        "core": ["{city} FC completed the signing of {person} for a club record fee.",
                 '"This is the club I always wanted to play for," {person_last} said.',
                 "The striker scored {n} goals in the league last season."],
        "subjects": ["the coach", "supporters", "the club's directors", "rival clubs",
                     "sports pundits", "the league"],
        "objects": ["the transfer fee", "the derby at {city}", "the title race",
                    "the squad's injuries", "ticket prices", "the youth academy"],
    },
    {
        "headline": ["{company} says hackers stole customer data",
                     "Data breach at {company} hits {n} million accounts",
                     "Regulator in {A} opens inquiry into {company} breach"],
        "core": ["{company} said attackers had copied the records of millions of customers.",
                 '"We take the security of our customers extremely seriously," said {person}, '
                 "its chief executive.",
                 "The data regulator in {A} said it would examine whether rules were broken."],
        "subjects": ["security researchers", "the data regulator", "affected customers",
                     "the company's engineers", "privacy campaigners", "banks"],
        "objects": ["stolen passwords", "the encryption keys", "the ransom demand",
                    "customer notifications", "the compromised servers", "card details"],
    },
    {
        "headline": ["Former minister {person} goes on trial for bribery in {A}",
                     "{person} denies corruption charges as trial opens",
                     "Prosecutors in {A} say {person} took bribes from {company}"],
        "core": ["Prosecutors in {A} accused former minister {person} of taking bribes from "
                 "{company} in return for contracts.",
                 '"I have never taken a single bribe," {person_last} told the court in {city}.',
                 "{company} said it had cooperated fully with the investigation."],
        "subjects": ["prosecutors", "defence lawyers", "the judge", "anti-corruption campaigners",
                     "witnesses", "the court in {city}"],
        "objects": ["the public contracts", "bank transfers", "the indictment",
                    "the bribery charges", "the testimony of aides", "the sentencing hearing"],
    },
]  # fmt: skip
GOODS = [
    "machine tools",
    "drone engines",
    "ball bearings",
    "microchips",
    "optical sensors",
    "lathes",
]
VERBS = [
    "said they were examining", "raised new questions about", "pointed to", "warned about",
    "published figures on", "criticised the handling of", "called for a review of",
    "were divided over", "drew attention to", "had been tracking",
]  # fmt: skip
TAILS = [
    "on {weekday}", "in a statement", "in recent weeks", "according to people familiar with "
    "the matter", "after a meeting in {city}", "citing {n} cases", "late on {weekday}",
    "for the first time", "in an interview", "earlier this month",
]  # fmt: skip
FILLER = """officials said more details would follow in the coming weeks
analysts noted that the figures had changed sharply over the past year
the account drew on public records and interviews with people involved
several of those named did not respond to requests for comment
the government promised an inquiry but gave no date for its conclusions
lawmakers in {A} called for a debate in parliament
a statement was published on an official website late in the evening
experts cautioned that the data covered only part of the period
the episode has strained relations between {A} and {B}
the central bank said the matter had no bearing on its decisions
diplomats met in {city} to discuss the matter
shares in {company} moved sharply in early trading
independent researchers said they had checked the figures
a spokesperson declined to give further details
the opposition accused the government of ignoring earlier warnings
observers said the case showed how hard the rules are to enforce
the documents were first obtained by investigative journalists
residents of {city} said they had followed the news closely
officials in the region said they were monitoring the situation
the next hearing is expected in {n} days""".splitlines()
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]
CHROME_LINKS = [
    "Home",
    "World",
    "Politics",
    "Business",
    "Technology",
    "Science",
    "Health",
    "Sport",
    "Culture",
    "Opinion",
]


@dataclass(frozen=True)
class Outlet:
    name: str
    domain: str


@dataclass(frozen=True)
class Event:
    number: int
    family: int
    names: dict[str, str]  # placeholder -> value
    start: datetime


def outlets(count: int = 40) -> list[Outlet]:
    names = [f"The {a} {b}" for a in _OUTLET_A.split() for b in _OUTLET_B.split()]
    random.Random(3).shuffle(names)
    return [Outlet(n, n.lower()[4:].replace(" ", "") + ".example") for n in names[:count]]


def person(rng: random.Random) -> str:
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}"


def events(count: int, rng: random.Random) -> list[Event]:
    """Events over about two months; every fourth one is an earlier event coming back."""
    base = datetime(2026, 3, 1, 8, tzinfo=UTC)
    out: list[Event] = []
    for number in range(count):
        start = base + timedelta(days=rng.uniform(0, 60), hours=rng.uniform(0, 10))
        if number % 4 == 3 and out:  # a later burst of an earlier affair
            earlier = rng.choice(out)
            out.append(Event(number, earlier.family, earlier.names, start))
            continue
        a, b, c = rng.sample(COUNTRIES, 3)
        spokesperson = person(rng)
        names = {
            "A": a, "B": b, "C": c, "goods": rng.choice(GOODS), "city": rng.choice(CITIES),
            "company": f"{rng.choice(LAST)} {rng.choice(['Industries', 'Group', 'Holdings'])}",
            "person": spokesperson, "person_last": spokesperson.split()[-1],
            "official": person(rng), "role": rng.choice(ROLES),
        }  # fmt: skip
        out.append(Event(number, rng.randrange(len(FAMILIES)), names, start))
    return out


def fill(template: str, names: dict[str, str], rng: random.Random) -> str:
    return template.format(**names, n=rng.randint(2, 90), weekday=rng.choice(WEEKDAYS))


def article_text(event: Event, rng: random.Random) -> tuple[str, list[str]]:
    """Headline and paragraphs of about 600 words: the event's core sentences, then
    background sentences composed at random from the family's words."""
    family = FAMILIES[event.family]
    names = event.names
    headline = fill(rng.choice(family["headline"]), names, rng)
    sentences = [fill(t, names, rng) for t in family["core"]]
    paragraphs: list[list[str]] = []
    words = 0
    while words < 600:
        if sentences:
            sentence = sentences.pop(0)
        else:
            subject = fill(rng.choice(family["subjects"]), names, rng)
            template = f"{rng.choice(VERBS)} {rng.choice(family['objects'])} {rng.choice(TAILS)}"
            rest = fill(template, names, rng)
            extra = fill(rng.choice(FILLER), names, rng)
            sentence = f"{subject[0].upper()}{subject[1:]} {rest}, and {extra}."
        if not paragraphs or len(paragraphs[-1]) >= rng.randint(2, 3):
            paragraphs.append([])
        paragraphs[-1].append(sentence)
        words += len(sentence.split())
    return headline, [" ".join(p) for p in paragraphs]


def page(event: Event, outlet: Outlet, published: datetime, index: int, rng: random.Random) -> str:
    headline, paragraphs = article_text(event, rng)
    slug = "-".join(headline.lower().replace("'", "").split()[:8])
    url = f"https://{outlet.domain}/{published:%Y/%m/%d}/{slug}-{index}/"
    e = html.escape
    nav = "".join(f'<li><a href="/{s.lower()}/">{s}</a></li>' for s in CHROME_LINKS)
    teasers = [fill(rng.choice(FILLER), event.names, rng).capitalize()[:70] for _ in range(6)]
    related = "".join(f'<li><a href="/news/{i}">{e(t)}</a></li>' for i, t in enumerate(teasers))
    body = "\n".join(f"<p>{e(p)}</p>" for p in paragraphs)
    author = person(rng)
    author_slug = author.lower().replace(" ", "-")
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>{e(headline)} | {e(outlet.name)}</title>
<meta property="og:site_name" content="{e(outlet.name)}">
<meta property="og:title" content="{e(headline)}">
<meta name="author" content="{e(author)}">
<meta property="article:published_time" content="{published.isoformat()}">
<link rel="canonical" href="{url}">
<script async src="/assets/js/analytics.js"></script></head>
<body>
<div class="cookie-banner"><p>We use cookies to personalise content and ads and to analyse our
traffic. You can change your choices at any time.</p><button>Accept all</button></div>
<header class="site-header"><a href="/" class="logo">{e(outlet.name)}</a>
<nav aria-label="Sections"><ul>{nav}</ul></nav>
<a href="/subscribe">Subscribe</a> <a href="/login">Sign in</a></header>
<main id="main"><article>
<h1>{e(headline)}</h1>
<p class="byline">By <a rel="author" href="/authors/{author_slug}">{e(author)}</a>
<time datetime="{published.isoformat()}">{published:%B %d, %Y}</time></p>
{body}
</article>
<aside class="related"><h2>More from {e(outlet.name)}</h2><ul>{related}</ul></aside>
<div class="newsletter"><h3>Sign up for our morning briefing</h3><form><input type="email">
<button>Sign up</button></form></div></main>
<footer><p>&copy; 2026 {e(outlet.name)}. All rights reserved.</p>
<ul><li><a href="/about">About us</a></li><li><a href="/privacy">Privacy policy</a></li>
<li><a href="/terms">Terms of use</a></li><li><a href="/contact">Contact</a></li></ul></footer>
</body></html>
"""


def write_pages(folder: Path, count: int, seed: int = 11) -> None:
    """`count` pages: about 12 per event, from several outlets over one to four days."""
    rng = random.Random(seed)
    sites = outlets()
    affair = events(max(4, count // 12), rng)
    for index in range(count):
        event = affair[index % len(affair)]
        outlet = rng.choice(sites)
        published = event.start + timedelta(hours=rng.uniform(0, 24 * rng.choice([1, 2, 4])))
        name = f"{published:%Y-%m-%d}-{outlet.domain.split('.')[0]}-{index}.html"
        (folder / name).write_text(page(event, outlet, published, index, rng), encoding="utf-8")


# -- timing ---------------------------------------------------------------------------

STAGE_SECONDS: dict[str, float] = defaultdict(float)
_NESTED: list[float] = []  # time spent in timed calls nested in each open timed call


def timed(stage: str, func: Callable[..., Any]) -> Callable[..., Any]:
    """`func`, its own time (less that of timed calls inside it) added to `stage`."""

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        started = time.perf_counter()
        _NESTED.append(0.0)
        try:
            return func(*args, **kwargs)
        finally:
            elapsed = time.perf_counter() - started
            STAGE_SECONDS[stage] += elapsed - _NESTED.pop()
            if _NESTED:
                _NESTED[-1] += elapsed

    return wrapper


def instrument() -> None:
    """Wrap the stage functions the pipeline looks up at call time (`ingest_items` and
    `process.py` import them inside the functions that call them)."""
    from newsprism.enrich import embeddings
    from newsprism.pipeline import process
    from newsprism.stories import online

    embeddings.embed_texts = timed("enrich: embeddings", embeddings.embed_texts)
    # NER, entities and quotes run in worker processes on large batches: what is timed
    # here is the wait for them (all their time when the batch is small and runs here).
    process._take_enrichments = timed(
        "enrich: NER, entities, quotes (waiting on workers)", process._take_enrichments
    )
    process._restore_clusterer = timed("cluster", process._restore_clusterer)
    online.OnlineClusterer.add = timed("cluster", online.OnlineClusterer.add)  # type: ignore[method-assign]
    online.OnlineClusterer.consolidate = timed("cluster", online.OnlineClusterer.consolidate)  # type: ignore[method-assign]
    process.analyse_dirty_stories = timed(
        "analysis (summary, coverage, claims + stance, titles)", process.analyse_dirty_stories
    )
    process.process_pending = timed(
        "process: store writes, replay, the rest", process.process_pending
    )


def warm_up() -> float:
    from newsprism.enrich.embeddings import embed_texts
    from newsprism.enrich.nlp import get_nlp
    from newsprism.enrich.stance import load_model

    started = time.perf_counter()
    get_nlp()("Warm up in Varosia.")
    embed_texts(["warm up"])
    load_model()
    return time.perf_counter() - started


def peak_rss_mb() -> tuple[float, float]:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return own, children


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=2000)
    parser.add_argument("--keep", type=Path, help="write the pages and database here (kept)")
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="newsprism-throughput-"))
    try:
        return run(folder, args.pages)
    finally:
        if args.keep is None:
            shutil.rmtree(folder, ignore_errors=True)


def run(folder: Path, pages: int) -> int:
    from newsprism.cli import app
    from newsprism.store import Store

    page_dir = folder / "pages"
    page_dir.mkdir(parents=True, exist_ok=True)
    db = folder / "bench.db"
    started = time.perf_counter()
    write_pages(page_dir, pages)
    print(f"generated {pages} pages in {time.perf_counter() - started:.1f} s ({page_dir})")
    print(f"models loaded in {warm_up():.1f} s (not timed below)")
    instrument()
    load_before = os.getloadavg()[0]
    started = time.perf_counter()
    try:
        app(["ingest", str(page_dir), "--db", str(db), "--json"], standalone_mode=False)
    except SystemExit as exc:  # typer.Exit
        if exc.code:
            print(f"FAIL: newsprism ingest exited {exc.code}")
            return 1
    elapsed = time.perf_counter() - started
    with Store(db) as store:
        stored = store.article_count()
        stories = store.story_count()
        storylines = len(store.storylines())
    rate = stored / elapsed
    per_k = 1000.0 / max(stored, 1)
    stages = {"ingest: extraction, dedupe, storage": elapsed - sum(STAGE_SECONDS.values())}
    stages.update(STAGE_SECONDS)
    print(
        f"{stored} articles, {stories} stories, {storylines} storylines in {elapsed:.1f} s: "
        f"{rate:.1f} articles/s (bar {BAR:.0f}); load average {load_before:.2f} before, "
        f"{os.getloadavg()[0]:.2f} after"
    )
    print("seconds per 1,000 articles:")
    for name, seconds in stages.items():
        print(f"  {name:<55} {seconds * per_k:7.1f}")
    own, children = peak_rss_mb()
    print(f"peak RSS: {own:.0f} MB (this process), {children:.0f} MB (largest worker)")
    if stored != pages:
        print(f"FAIL: {pages - stored} pages were not stored")
        return 1
    if rate < BAR:
        print("FAIL: below the bar")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
