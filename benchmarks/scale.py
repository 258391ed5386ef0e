"""Fast at a million (issue 13): page latencies over a generated archive.

Generates an archive through the store's bulk interface (not the NLP): N articles
(default 1,000,000) in about N/6.7 stories over two years, each article about 3,000
characters with two quotes and four entities, each story analysed (coverage computed by
`analysis.report.story_coverage` from the outlet registry, a summary and a claim), a
third of the stories in storylines. Then one uvicorn worker (`newsprism serve`) answers
`--requests` requests per page type from a separate load-generating process, one request
at a time: home, story page, story API, storyline page, search, outlet page.

Bars (p95): story page and story API <= 50 ms, home <= 100 ms, search <= 150 ms, on
SQLite and on PostgreSQL. Exits 1 below a bar.

    nice -n 10 python benchmarks/scale.py --articles 1000000 --backend sqlite
    python benchmarks/scale.py --articles 20000 --requests 200    # a quick run

The generated database is kept (`--db`, default under /tmp) and reused by the next run
with the same `--articles`; PostgreSQL runs on a throwaway server started here unless
`--pg-url` names one.
"""

from __future__ import annotations

import argparse
import glob
import http.client
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import quote

import numpy as np

from newsprism.analysis.report import story_coverage
from newsprism.extract.outlet import OutletResolver, outlet_record
from newsprism.models import Article, Entity, Quote, Span
from newsprism.outlets.outlet import Outlet
from newsprism.store import Store, StoryRow, bulk

BARS_MS = {"story page": 50.0, "story API": 50.0, "home": 100.0, "search": 150.0}
PAGES = ("home", "story page", "story API", "storyline page", "search", "outlet page")
START = datetime(2024, 1, 1, tzinfo=UTC)
SPAN_SECONDS = 2 * 365 * 86400
MEAN_STORY_SIZE = 6.67
STORIES_PER_TRANSACTION = 2000
SEED = 13

CONSONANTS = "bcdfghklmnprstvz"
VOWELS = "aeiou"


# -- the archive's words -------------------------------------------------------------------


def pseudo_words(rng: np.random.Generator, count: int, syllables: tuple[int, int]) -> list[str]:
    """`count` distinct lowercase words made of consonant-vowel syllables."""
    seen: dict[str, None] = {}
    while len(seen) < count:
        length = int(rng.integers(syllables[0], syllables[1] + 1))
        word = "".join(
            CONSONANTS[int(rng.integers(len(CONSONANTS)))] + VOWELS[int(rng.integers(5))]
            for _ in range(length)
        )
        seen[word] = None
    return list(seen)


@dataclass
class Vocabulary:
    common: list[str]  # the everyday words of paragraphs, drawn Zipf-like
    topics: list[str]  # rarer words that name what a story is about
    people: list[str]
    orgs: list[str]
    places: list[str]
    paragraphs: list[str]  # shared body text, ~90 words each

    @classmethod
    def build(cls, rng: np.random.Generator, n_stories: int) -> Vocabulary:
        common = pseudo_words(rng, 5000, (1, 3))
        topics = pseudo_words(rng, max(2000, n_stories // 5), (3, 4))
        names = [w.title() for w in pseudo_words(rng, 6000, (2, 3))]
        people = [
            f"{names[int(rng.integers(3000))]} {names[3000 + int(rng.integers(3000))]}"
            for _ in range(max(500, n_stories // 10))
        ]
        kinds = ("Group", "Council", "Bank")
        orgs = [f"{name} {kinds[i % 3]}" for i, name in enumerate(names[:2000])]
        places = names[2000:3000]
        weights = 1.0 / np.arange(1, len(common) + 1)
        weights /= weights.sum()
        paragraphs = []
        for _ in range(3000):
            picks = rng.choice(len(common), size=90, p=weights)
            words = [common[i] for i in picks]
            sentences = [" ".join(words[i : i + 15]).capitalize() + "." for i in range(0, 90, 15)]
            paragraphs.append(" ".join(sentences))
        return cls(common, topics, people, orgs, places, paragraphs)

    def search_terms(self, rng: np.random.Generator, count: int) -> list[str]:
        """What readers search for: a topic word, a person, or a mid-frequency word."""
        terms = []
        for i in range(count):
            kind = i % 3
            if kind == 0:
                terms.append(self.topics[int(rng.integers(len(self.topics)))])
            elif kind == 1:
                terms.append(self.people[int(rng.integers(len(self.people)))])
            else:
                terms.append(self.common[int(rng.integers(200, 2000))])
        return terms


# -- generation -----------------------------------------------------------------------------


@dataclass
class Plan:
    """What the load generator asks for."""

    story_ids: list[str]
    storyline_ids: list[str]
    outlet_ids: list[str]
    search_terms: list[str]


def rated_outlets(resolver: OutletResolver, count: int) -> list[Outlet]:
    rated = [o for o in resolver.registry.all() if o.lean_side is not None and o.domains]
    rated.sort(key=lambda o: o.id)
    return rated[:count]


def story_sizes(rng: np.random.Generator, n_articles: int) -> list[int]:
    sizes: list[int] = []
    total = 0
    while total < n_articles:
        size = min(int(rng.geometric(1 / MEAN_STORY_SIZE)), 200, n_articles - total)
        sizes.append(size)
        total += size
    return sizes


def archive_shape(n_articles: int) -> tuple[np.random.Generator, list[int], Vocabulary]:
    """The seeded generator, story sizes and words of an archive of `n_articles`."""
    rng = np.random.default_rng(SEED)
    sizes = story_sizes(rng, n_articles)
    return rng, sizes, Vocabulary.build(rng, len(sizes))


def generate(store: Store, n_articles: int, *, verbose: bool = True) -> None:
    rng, sizes, vocab = archive_shape(n_articles)
    resolver = OutletResolver.default()
    outlets = rated_outlets(resolver, 400)
    outlet_weights = 1.0 / np.arange(1, len(outlets) + 1) ** 0.8
    outlet_weights /= outlet_weights.sum()
    entity_ids = _add_entities(store, vocab)
    with store.begin() as conn:
        store.upsert_outlets(conn, [outlet_record(o) for o in outlets])
    n_storylines = max(1, len(sizes) // 20)
    with store.begin() as conn:
        bulk.add_storylines(
            conn,
            [
                (f"l{j + 1}", f"Storyline {vocab.topics[j % len(vocab.topics)]}")
                for j in range(n_storylines)
            ],
        )
    starts = np.sort(rng.uniform(0, SPAN_SECONDS, size=len(sizes)))
    writer = StoryWriter(rng, vocab, outlets, outlet_weights, entity_ids, resolver, n_storylines)
    began, done = time.perf_counter(), 0
    for first in range(0, len(sizes), STORIES_PER_TRANSACTION):
        batch = range(first, min(first + STORIES_PER_TRANSACTION, len(sizes)))
        chunk = [writer.story(k, sizes[k], float(starts[k])) for k in batch]
        with store.begin() as conn:
            store.add_articles(conn, [(a, None) for c in chunk for a in c.articles], enriched=True)
            bulk.add_quotes(conn, [q for c in chunk for q in c.quotes])
            bulk.add_entity_links(conn, [link for c in chunk for link in c.links])
            bulk.add_stories(conn, [c.story for c in chunk])
        done += sum(len(c.articles) for c in chunk)
        if verbose:
            rate = done / (time.perf_counter() - began)
            print(f"\r  {done:,}/{n_articles:,} articles ({rate:,.0f}/s)", end="", file=sys.stderr)
    if verbose:
        print(file=sys.stderr)


def _add_entities(store: Store, vocab: Vocabulary) -> dict[tuple[str, str], int]:
    named = (
        [(n, "PERSON") for n in vocab.people]
        + [(n, "ORG") for n in vocab.orgs]
        + [(n, "GPE") for n in vocab.places]
    )
    ids = {key: i + 1 for i, key in enumerate(named)}
    with store.begin() as conn:
        bulk.add_entities(
            conn, [(i, name.lower(), Entity(name, label)) for (name, label), i in ids.items()]
        )
    return ids


@dataclass
class GeneratedStory:
    articles: list[Article]
    quotes: list[tuple[str, Quote]]
    links: list[tuple[str, int, int]]
    story: StoryRow


class StoryWriter:
    """One story at a time: its articles, their quotes and entities, its analysis."""

    def __init__(
        self,
        rng: np.random.Generator,
        vocab: Vocabulary,
        outlets: list[Outlet],
        outlet_weights: np.ndarray,
        entity_ids: dict[tuple[str, str], int],
        resolver: OutletResolver,
        n_storylines: int,
    ) -> None:
        self.rng, self.vocab, self.outlets = rng, vocab, outlets
        self.outlet_weights, self.entity_ids = outlet_weights, entity_ids
        self.registry = resolver.registry
        self.n_storylines = n_storylines
        self.article_number = 0

    def pick(self, items: list[str]) -> str:
        return items[int(self.rng.integers(len(items)))]

    def story(self, k: int, size: int, start_offset: float) -> GeneratedStory:
        rng, vocab = self.rng, self.vocab
        story_id = f"s{k + 1}"
        topic = [self.pick(vocab.topics) for _ in range(3)]
        person, other = self.pick(vocab.people), self.pick(vocab.people)
        while other == person:
            other = self.pick(vocab.people)
        org, place = self.pick(vocab.orgs), self.pick(vocab.places)
        start = START + timedelta(seconds=start_offset)
        outlet_picks = rng.choice(len(self.outlets), size=size, p=self.outlet_weights)
        delays = np.sort(rng.exponential(12 * 3600, size=size))
        paragraph_picks = rng.integers(len(vocab.paragraphs), size=(size, 4))
        articles, quotes, links = [], [], []
        for i in range(size):
            self.article_number += 1
            said = f"the {topic[0]} {vocab.common[i % 50]} will {topic[1]} before {place}"
            lead = (
                f"{person} of {org} said on {place} that the {topic[0]} {topic[1]} had "
                f'changed. "We expect {said}," {person} said. {other} disputed the '
                f'{topic[2]}: "It was never about {topic[1]}," {other} said.'
            )
            text = "\n\n".join([lead, *(vocab.paragraphs[int(j)] for j in paragraph_picks[i])])
            outlet = self.outlets[int(outlet_picks[i])]
            article = Article(
                id=f"x{self.article_number:08x}",
                title=f"{person} and {org}: {topic[0]} {topic[1]} in {place}".capitalize(),
                text=text,
                url=f"https://{outlet.domains[0]}/news/{self.article_number}",
                outlet=outlet.id,
                published=start + timedelta(seconds=float(delays[i])),
                authors=[self.pick(vocab.people)],
                language="en",
                story_id=story_id,
            )
            articles.append(article)
            quotes.extend((article.id, q) for q in _quotes(text, person, other))
            for name, label in (
                (person, "PERSON"),
                (other, "PERSON"),
                (org, "ORG"),
                (place, "GPE"),
            ):
                links.append((article.id, self.entity_ids[(name, label)], 1 + i % 3))
        return GeneratedStory(articles, quotes, links, self.analysed(k, articles, quotes))

    def analysed(
        self, k: int, articles: list[Article], quotes: list[tuple[str, Quote]]
    ) -> StoryRow:
        report = story_coverage(articles, self.registry)
        lead = quotes[0][1]
        bullets = [
            {"text": a.text.split(". ")[0] + ".", "citations": [a.id], "source_article": a.id}
            for a in articles[:3]
        ]
        claim = {
            "stance": "neutral",
            "content": lead.content,
            "speakers": [lead.speaker],
            "article_ids": [a.id for a in articles[:5]],
            "outlets": sorted({a.outlet for a in articles[:5] if a.outlet}),
            "direct": True,
            "anonymous": False,
        }
        in_line = self.rng.random() < 1 / 3
        return StoryRow(
            id=f"s{k + 1}",
            title=articles[0].title,
            storyline_id=f"l{int(self.rng.integers(self.n_storylines)) + 1}" if in_line else None,
            article_count=len(articles),
            outlet_count=report.coverage.outlet_count,
            first_published=articles[0].published,
            last_published=articles[-1].published,
            summary={"title": articles[0].title, "bullets": bullets},
            coverage=report.to_json(),
            claims=[claim],
            blindspot=report.blindspot.missed_by if report.blindspot else None,
            merged_into=None,
        )


def _quotes(text: str, person: str, other: str) -> list[Quote]:
    found = []
    start = 0
    for speaker in (person, other):
        open_at = text.index('"', start) + 1
        close_at = text.index('"', open_at)
        found.append(
            Quote(
                speaker=speaker,
                speaker_span=None,
                cue="said",
                cue_span=None,
                content=text[open_at:close_at].rstrip(","),
                content_span=Span(open_at, close_at),
                direct=True,
            )
        )
        start = close_at + 1
    return found


def plan_for(store: Store, requests: int) -> Plan:
    rng = np.random.default_rng(SEED + 1)
    n_stories = store.story_count()
    n_storylines = max(1, n_stories // 20)
    _, _, vocab = archive_shape(store.article_count())
    outlets = [o.id for o in rated_outlets(OutletResolver.default(), 400)]
    present = set(store.outlets(outlets))
    return Plan(
        story_ids=[f"s{int(i) + 1}" for i in rng.integers(n_stories, size=requests)],
        storyline_ids=[f"l{int(i) + 1}" for i in rng.integers(n_storylines, size=requests)],
        outlet_ids=[o for o in rng.choice(sorted(present), size=requests)],
        search_terms=vocab.search_terms(rng, requests),
    )


# -- serving and load -----------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def server(db: str) -> Iterator[int]:
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "newsprism.cli", "serve", "--db", db, "--port", str(port)],
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.time() + 120
        while time.time() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.2)
        yield port
    finally:
        process.terminate()
        process.wait(timeout=30)


def paths_of(plan: Plan) -> dict[str, list[str]]:
    return {
        "home": ["/"] * len(plan.story_ids),
        "story page": [f"/stories/{i}" for i in plan.story_ids],
        "story API": [f"/api/stories/{i}" for i in plan.story_ids],
        "storyline page": [f"/storylines/{i}" for i in plan.storyline_ids],
        "search": [f"/search?q={quote(t)}" for t in plan.search_terms],
        "outlet page": [f"/outlets/{quote(o)}" for o in plan.outlet_ids],
    }


def run_load(port: int, paths: dict[str, list[str]]) -> dict[str, list[float]]:
    """Run the load generator as its own process; milliseconds per request per page."""
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as handle:
        json.dump(paths, handle)
    try:
        out = subprocess.run(
            [sys.executable, __file__, "--load-port", str(port), "--load-plan", handle.name],
            capture_output=True,
            text=True,
            check=True,
        )
    finally:
        os.unlink(handle.name)
    result: dict[str, list[float]] = json.loads(out.stdout)
    return result


def load_generator(port: int, plan_file: str) -> None:
    """The separate process: each page's requests one at a time over one connection."""
    paths: dict[str, list[str]] = json.loads(Path(plan_file).read_text())
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    timings: dict[str, list[float]] = {}
    for page, urls in paths.items():
        for url in urls[:20]:  # warm-up: not measured
            _get(conn, url)
        measured = []
        for url in urls:
            began = time.perf_counter()
            status = _get(conn, url)
            measured.append((time.perf_counter() - began) * 1000)
            if status != 200:
                raise SystemExit(f"{url}: HTTP {status}")
        timings[page] = measured
    print(json.dumps(timings))


def _get(conn: http.client.HTTPConnection, url: str) -> int:
    conn.request("GET", url)
    response = conn.getresponse()
    response.read()
    return response.status


# -- PostgreSQL -----------------------------------------------------------------------------


@contextmanager
def throwaway_postgres() -> Iterator[str]:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if not found:
        raise SystemExit("PostgreSQL server binaries not found: run `make system-deps`")
    bindir = Path(found[-1]).parent
    root = Path(tempfile.mkdtemp(prefix="newsprism-scale-pg-"))
    as_pg = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    if os.geteuid() == 0:
        shutil.chown(root, "postgres", "postgres")
    port = free_port()
    subprocess.run(
        [
            *as_pg,
            str(bindir / "initdb"),
            "-D",
            str(root / "data"),
            "-A",
            "trust",
            "-U",
            "postgres",
            "-E",
            "UTF8",
        ],
        check=True,
        capture_output=True,
    )
    options = f"-p {port} -k {root} -h 127.0.0.1 -F -c shared_buffers=1GB -c work_mem=32MB"
    subprocess.run(
        [
            *as_pg,
            str(bindir / "pg_ctl"),
            "-D",
            str(root / "data"),
            "-l",
            str(root / "log"),
            "-o",
            options,
            "start",
            "-w",
        ],
        check=True,
        capture_output=True,
    )
    try:
        yield f"postgresql://postgres@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run(
            [*as_pg, str(bindir / "pg_ctl"), "-D", str(root / "data"), "stop", "-m", "fast"],
            capture_output=True,
        )
        shutil.rmtree(root, ignore_errors=True)


# -- the benchmark --------------------------------------------------------------------------


def percentile(values: list[float], q: float) -> float:
    return float(np.percentile(np.asarray(values), q))


def measure(db: str, n_articles: int, requests: int) -> bool:
    """Generate (unless already there), serve, load; print figures; True if bars are met."""
    with Store(db) as store:
        present = store.article_count()
        if present not in (0, n_articles):
            raise SystemExit(f"{store.display_url}: holds {present} articles, not {n_articles}")
        if present == 0:
            began = time.perf_counter()
            generate(store, n_articles)
            seconds = time.perf_counter() - began
            print(
                f"generated {n_articles:,} articles in {seconds:.0f} s "
                f"({n_articles / seconds:,.0f}/s)"
            )
        store.analyze()
        plan = plan_for(store, requests)
        size, stats = store.database_bytes(), store.stats()
        where = store.display_url
    print(
        f"{where}: {stats['articles']:,} articles, {stats['stories']:,} stories, "
        f"{stats['quotes']:,} quotes; database {size / 1e9:.2f} GB; "
        f"load average {os.getloadavg()[0]:.1f}"
    )
    with server(db) as port:
        timings = run_load(port, paths_of(plan))
    met = True
    print(f"{'page':<16}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}  bar")
    for page in PAGES:
        values = timings[page]
        p50, p95, p99 = (percentile(values, q) for q in (50, 95, 99))
        bar = BARS_MS.get(page)
        verdict = "" if bar is None else ("met" if p95 <= bar else "NOT MET") + f" (p95 <= {bar:g})"
        met = met and (bar is None or p95 <= bar)
        print(f"{page:<16}{p50:>9.1f}{p95:>9.1f}{p99:>9.1f}  {verdict}")
    return met


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=1_000_000)
    parser.add_argument("--requests", type=int, default=1000, help="Per page type.")
    parser.add_argument("--backend", choices=("sqlite", "postgresql", "both"), default="both")
    parser.add_argument("--db", help="SQLite file to generate into or reuse.")
    parser.add_argument("--pg-url", help="PostgreSQL database to use instead of a throwaway one.")
    parser.add_argument("--load-port", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--load-plan", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.load_port:
        load_generator(args.load_port, args.load_plan)
        return 0
    met = True
    if args.backend in ("sqlite", "both"):
        db = args.db or f"{tempfile.gettempdir()}/newsprism-scale-{args.articles}.db"
        print(f"== SQLite ({db})")
        met = measure(db, args.articles, args.requests) and met
    if args.backend in ("postgresql", "both"):
        print("== PostgreSQL")
        if args.pg_url:
            met = measure(args.pg_url, args.articles, args.requests) and met
        else:
            with throwaway_postgres() as url:
                met = measure(url, args.articles, args.requests) and met
    print("all bars met" if met else "a bar is NOT met")
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
