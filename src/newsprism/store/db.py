"""`Store`: the narrow interface every other stage uses to reach the database.

One class for SQLite and PostgreSQL. Callers pass and receive plain dataclasses and
dicts; SQL stays in this module.
"""

from __future__ import annotations

import fcntl
import gzip
import hashlib
import json
import os
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np
from sqlalchemy import Engine, create_engine, delete, event, func, insert, or_, select, text, update
from sqlalchemy.engine import Connection, RowMapping

from newsprism.models import Article, Entity, Quote, RawDocument
from newsprism.store import schema as s
from newsprism.store.migrations import migrate
from newsprism.store.story_filters import (
    StoryCursor,
    StoryFilter,
    after_cursor,
    filter_conditions,
    story_order,
)
from newsprism.text import to_utc

ENV_DB = "NEWSPRISM_DB"
# Search ranks at most this many matches, the newest (see `Store.search`).
RANKED_MATCHES = 2_000
# PostgreSQL search looks first among the newest RECENT_ARTICLES, then, if that gave too
# few, among all older matches. Its planner guesses every uncommon word at about 0.5% of
# articles (below the tsvector statistics' most common elements), so a single query
# either walks the date index row by row for a rare word (seconds at a million
# articles) or sorts every match of a common one (benchmarks/scale.py, 1M: 0.2-1.1 s).
# Bounded by date, both halves stay within tens of milliseconds.
RECENT_ARTICLES = 10_000
# Past this many articles (by the planner's estimate) PostgreSQL's home page shows the
# estimate instead of counting (see `Store._article_total`).
EXACT_COUNT_UP_TO = 200_000


def default_db_path() -> Path:
    """`$NEWSPRISM_DB`, else the per-user data dir (XDG on Linux)."""
    if os.environ.get(ENV_DB):
        return Path(os.environ[ENV_DB]).expanduser()
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "newsprism" / "newsprism.db"


def database_url(db: str | os.PathLike[str] | None) -> str:
    """A SQLAlchemy URL from a path, a URL, or None (the default path)."""
    if db is None:
        db = default_db_path()
    db = str(db)
    if "://" in db:
        if db.startswith("postgresql://"):
            return "postgresql+psycopg://" + db[len("postgresql://") :]
        return db
    path = Path(db).expanduser()
    path.parent.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{path}"


# Advisory lock keys (PostgreSQL's are 64-bit integers): one per kind of exclusive work.
LOCK_KEYS = {"migrate": 0x6E70_0001, "ingest": 0x6E70_0002, "cluster": 0x6E70_0003}

# What `Store.begin()` yields, named for callers that pass it to the store's methods.
Transaction = Connection


def _now() -> datetime:
    return datetime.now(UTC)


def _as_utc(value: datetime | None) -> datetime | None:
    # SQLite gives naive datetimes back; we store UTC
    return None if value is None else to_utc(value)


def _signed64(value: int | None) -> int | None:
    if value is None:
        return None
    return value - (1 << 64) if value >= (1 << 63) else value


def _unsigned64(value: int | None) -> int | None:
    if value is None:
        return None
    return value + (1 << 64) if value < 0 else value


def raw_sha256(raw: RawDocument) -> str:
    """Identity of a raw document: its bytes plus where it claims to come from."""
    digest = hashlib.sha256(raw.content)
    digest.update(b"\0" + (raw.url or "").encode())
    return digest.hexdigest()


def quote_row(article_id: str, quote: Quote) -> dict[str, Any]:
    """The `quotes` table row of one quote of an article."""
    return {
        "article_id": article_id,
        "speaker": quote.speaker,
        "speaker_role": quote.speaker_role,
        "speaker_org": quote.speaker_org,
        "anonymous": quote.anonymous,
        "cue": quote.cue,
        "content": quote.content,
        "content_start": quote.content_span.start,
        "content_end": quote.content_span.end,
        "direct": quote.direct,
        "stance": quote.stance,
    }


@dataclass
class StoryRow:
    id: str
    title: str | None
    storyline_id: str | None
    article_count: int
    outlet_count: int
    first_published: datetime | None
    last_published: datetime | None
    summary: dict[str, Any] | None
    coverage: dict[str, Any] | None
    claims: list[dict[str, Any]] | None
    blindspot: str | None
    merged_into: str | None


class Store:
    """Database access for newsprism. Use as a context manager or call `close()`."""

    def __init__(self, db: str | os.PathLike[str] | None = None, *, echo: bool = False) -> None:
        self.url = database_url(db)
        self.engine: Engine = create_engine(self.url, echo=echo, future=True)
        self.is_sqlite = self.engine.dialect.name == "sqlite"
        if self.is_sqlite:
            event.listen(self.engine, "connect", _sqlite_pragmas)
        # the schema version the database had when opened (0: created now)
        self.migrated_from = migrate(self.engine)

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.engine.dispose()

    @contextmanager
    def exclusive(self, work: str) -> Iterator[None]:
        """Hold the database's lock for `work` ("ingest" or "cluster") while inside.

        Work that reads, decides and then writes (is this article new? which story
        does it join?) must not interleave between processes sharing one database, or
        two writers each decide alone: twin stories, unique-key violations. PostgreSQL:
        a session advisory lock, released by the server if the holder dies. SQLite: an
        exclusive `flock` on a file beside the database, released by the OS likewise.
        """
        key = LOCK_KEYS[work]
        if self.is_sqlite:
            path = self.engine.url.database
            if not path or path == ":memory:":
                yield
                return
            with open(f"{path}.{work}.lock", "a+b") as handle:
                fcntl.flock(handle, fcntl.LOCK_EX)
                try:
                    yield
                finally:
                    fcntl.flock(handle, fcntl.LOCK_UN)
            return
        with self.engine.connect() as conn:
            conn.execute(text("SELECT pg_advisory_lock(:key)"), {"key": key})
            conn.commit()
            try:
                yield
            finally:
                conn.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": key})
                conn.commit()

    @property
    def display_url(self) -> str:
        """The database URL with any password hidden, fit to print."""
        return self.engine.url.render_as_string(hide_password=True)

    def begin(self) -> Any:
        """A transaction: `with store.begin() as conn: ...` (commits or rolls back).

        `conn` is a `Transaction`; callers outside the store only pass it back to
        the store's methods."""
        return self.engine.begin()

    # -- raw documents -------------------------------------------------------------

    def add_raw(self, conn: Connection, raw: RawDocument, sha: str | None = None) -> int:
        sha = sha or raw_sha256(raw)
        return self.add_raws(conn, [(raw, sha)])[sha]

    def add_raws(self, conn: Connection, raws: Sequence[tuple[RawDocument, str]]) -> dict[str, int]:
        """Insert raw documents in one statement; their ids by sha256."""
        if not raws:
            return {}
        now = _now()
        conn.execute(
            insert(s.raw_documents),
            [
                {
                    "sha256": sha,
                    "source": raw.source,
                    "url": raw.url,
                    "kind": raw.kind,
                    "content_gz": gzip.compress(raw.content, compresslevel=1),
                    # an interchange record's hints are its content: not stored twice
                    "hints": None if raw.kind == "article" else json.dumps(raw.hints, default=str),
                    "fetched_at": raw.fetched_at,
                    "added_at": now,
                }
                for raw, sha in raws
            ],
        )
        ids: dict[str, int] = {}
        shas = [sha for _, sha in raws]
        for start in range(0, len(shas), 500):
            rows = conn.execute(
                select(s.raw_documents.c.sha256, s.raw_documents.c.id).where(
                    s.raw_documents.c.sha256.in_(shas[start : start + 500])
                )
            )
            ids.update({r[0]: int(r[1]) for r in rows})
        return ids

    def promote_original(self, conn: Connection, old_id: str, new_id: str) -> None:
        """`new_id` becomes the original of `old_id` and of every copy of it."""
        conn.execute(
            update(s.articles)
            .where((s.articles.c.id == old_id) | (s.articles.c.duplicate_of == old_id))
            .values(duplicate_of=new_id)
        )

    def raw_document(self, raw_id: int) -> RawDocument | None:
        with self.engine.connect() as conn:
            row = (
                conn.execute(select(s.raw_documents).where(s.raw_documents.c.id == raw_id))
                .mappings()
                .first()
            )
        if row is None:
            return None
        return RawDocument(
            source=row["source"],
            content=gzip.decompress(row["content_gz"]),
            kind=row["kind"],
            url=row["url"],
            fetched_at=_as_utc(row["fetched_at"]),
            hints=json.loads(row["hints"] or "{}")
            if row["kind"] != "article"
            else json.loads(gzip.decompress(row["content_gz"])),
        )

    # -- articles ------------------------------------------------------------------

    def article_ids_present(self, conn: Connection, ids: Sequence[str]) -> set[str]:
        present: set[str] = set()
        for start in range(0, len(ids), 500):
            chunk = list(ids[start : start + 500])
            rows = conn.execute(select(s.articles.c.id).where(s.articles.c.id.in_(chunk)))
            present.update(r[0] for r in rows)
        return present

    def known_urls(self, urls: Sequence[str]) -> set[str]:
        known: set[str] = set()
        with self.engine.connect() as conn:
            for start in range(0, len(urls), 500):
                chunk = list(urls[start : start + 500])
                known.update(
                    r[0]
                    for r in conn.execute(
                        select(s.articles.c.url).where(s.articles.c.url.in_(chunk))
                    )
                )
                known.update(
                    r[0]
                    for r in conn.execute(
                        select(s.raw_documents.c.url).where(s.raw_documents.c.url.in_(chunk))
                    )
                )
        return known

    def raw_shas_present(self, conn: Connection, shas: Sequence[str]) -> set[str]:
        present: set[str] = set()
        for start in range(0, len(shas), 500):
            chunk = list(shas[start : start + 500])
            rows = conn.execute(
                select(s.raw_documents.c.sha256).where(s.raw_documents.c.sha256.in_(chunk))
            )
            present.update(r[0] for r in rows)
        return present

    def originals_by_hashes(self, conn: Connection, hashes: Sequence[str]) -> dict[str, str]:
        """content hash -> id of the stored original with that text."""
        owners: dict[str, str] = {}
        for start in range(0, len(hashes), 500):
            chunk = list(hashes[start : start + 500])
            rows = conn.execute(
                select(s.articles.c.content_hash, s.articles.c.id)
                .where(s.articles.c.content_hash.in_(chunk), s.articles.c.duplicate_of.is_(None))
                .order_by(s.articles.c.pk.desc())
            )
            owners.update({r[0]: r[1] for r in rows})  # ascending pk wins: the first stored
        return owners

    def add_articles(
        self,
        conn: Connection,
        rows: Iterable[tuple[Article, int | None]],
        *,
        enriched: bool = False,
    ) -> int:
        """Insert articles (each with its raw document id) in one statement."""
        now = _now()
        values = [
            {
                "id": a.id,
                "raw_id": raw_id,
                "url": a.url,
                "outlet": a.outlet,
                "title": a.title,
                "text": a.text,
                "published": _as_utc(a.published),
                "authors": json.dumps(a.authors),
                "language": a.language,
                "site_name": a.site_name,
                "source": a.source,
                "content_hash": a.content_hash,
                "simhash": _signed64(a.simhash),
                "duplicate_of": a.duplicate_of,
                "story_id": a.story_id,
                "storyline_id": a.storyline_id,
                "enriched": enriched,
                "added_at": now,
            }
            for a, raw_id in rows
        ]
        if values:
            conn.execute(insert(s.articles), values)
        return len(values)

    def article(self, article_id: str) -> Article | None:
        with self.engine.connect() as conn:
            row = (
                conn.execute(select(s.articles).where(s.articles.c.id == article_id))
                .mappings()
                .first()
            )
        return _article_from_row(row) if row else None

    def articles(
        self,
        *,
        story_id: str | None = None,
        ids: Sequence[str] | None = None,
        unenriched: bool = False,
        since: datetime | None = None,
        limit: int | None = None,
        undated: bool = False,
        newest_first: bool = False,
        outlet: str | None = None,
    ) -> list[Article]:
        """Articles in publication order (or newest first, for capped windows)."""
        if newest_first:
            query = select(s.articles).order_by(
                s.articles.c.published.desc(), s.articles.c.pk.desc()
            )
        else:
            query = select(s.articles).order_by(s.articles.c.published, s.articles.c.pk)
        if undated:
            query = query.where(s.articles.c.published.is_(None))
        if story_id is not None:
            query = query.where(s.articles.c.story_id == story_id)
        if ids is not None:
            query = query.where(s.articles.c.id.in_(list(ids)))
        if outlet is not None:
            query = query.where(s.articles.c.outlet == outlet)
        if unenriched:
            query = query.where(s.articles.c.enriched.is_(False))
        if since is not None:
            query = query.where(s.articles.c.published >= since)
        if limit is not None:
            query = query.limit(limit)
        with self.engine.connect() as conn:
            return [_article_from_row(r) for r in conn.execute(query).mappings()]

    def latest_published(self) -> datetime | None:
        with self.engine.connect() as conn:
            return _as_utc(conn.execute(select(func.max(s.articles.c.published))).scalar())

    def article_count(self) -> int:
        with self.engine.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(s.articles)).scalar_one())

    def simhashes(self, limit: int = 200_000) -> list[tuple[str, int, str | None]]:
        """(id, simhash, duplicate_of) of the most recent articles, for near-dup search."""
        query = (
            select(s.articles.c.id, s.articles.c.simhash, s.articles.c.duplicate_of)
            .where(s.articles.c.simhash.is_not(None))
            .order_by(s.articles.c.pk.desc())
            .limit(limit)
        )
        with self.engine.connect() as conn:
            return [(r[0], _unsigned64(r[1]) or 0, r[2]) for r in conn.execute(query)]

    def with_embedding(self, ids: Sequence[str]) -> set[str]:
        """Which of `ids` have a stored embedding (without reading the vectors)."""
        found: set[str] = set()
        with self.engine.connect() as conn:
            for start in range(0, len(ids), 500):
                chunk = list(ids[start : start + 500])
                found.update(
                    conn.execute(
                        select(s.articles.c.id).where(
                            s.articles.c.id.in_(chunk), s.articles.c.embedding.is_not(None)
                        )
                    ).scalars()
                )
        return found

    def embeddings(self, ids: Sequence[str]) -> dict[str, np.ndarray]:
        out: dict[str, np.ndarray] = {}
        with self.engine.connect() as conn:
            for start in range(0, len(ids), 500):
                chunk = list(ids[start : start + 500])
                rows = conn.execute(
                    select(s.articles.c.id, s.articles.c.embedding).where(
                        s.articles.c.id.in_(chunk), s.articles.c.embedding.is_not(None)
                    )
                )
                for article_id, blob in rows:
                    out[article_id] = np.frombuffer(blob, dtype="<f4").copy()
        return out

    def save_enrichment(
        self,
        conn: Connection,
        article_id: str,
        *,
        embedding: np.ndarray | None,
        quotes: Sequence[Quote],
        entities: Sequence[tuple[str, Entity]],
        mark_enriched: bool = True,
    ) -> None:
        """Replace an article's quotes and entities and store its embedding.

        `mark_enriched=False` (a backfill, enriching before it clusters) leaves the
        article pending: processing then clusters it with the stored embedding."""
        conn.execute(s.quotes.delete().where(s.quotes.c.article_id == article_id))
        conn.execute(
            s.article_entities.delete().where(s.article_entities.c.article_id == article_id)
        )
        if quotes:
            conn.execute(insert(s.quotes), [quote_row(article_id, q) for q in quotes])
        links: dict[int, dict[str, Any]] = {}  # variants of one entity share a key
        for key, entity in entities:
            entity_id = self._entity_id(conn, key, entity)
            link = links.setdefault(
                entity_id,
                {"article_id": article_id, "entity_id": entity_id, "mentions": 0, "sentence": None},
            )
            link["mentions"] += entity.mentions
            link["sentence"] = link["sentence"] or entity.sentence
        if links:
            conn.execute(insert(s.article_entities), list(links.values()))
        blob = None if embedding is None else np.asarray(embedding, dtype="<f4").tobytes()
        conn.execute(
            update(s.articles)
            .where(s.articles.c.id == article_id)
            .values(embedding=blob, enriched=mark_enriched)
        )

    def mark_enriched(self, conn: Connection, article_ids: Sequence[str]) -> None:
        for start in range(0, len(article_ids), 500):
            conn.execute(
                update(s.articles)
                .where(s.articles.c.id.in_(list(article_ids[start : start + 500])))
                .values(enriched=True)
            )

    def _entity_id(self, conn: Connection, key: str, entity: Entity) -> int:
        found = conn.execute(
            select(s.entities.c.id, s.entities.c.name).where(
                s.entities.c.key == key, s.entities.c.label == entity.label
            )
        ).first()
        if found:
            if len(entity.name) > len(found[1]):  # keep the fullest name seen
                conn.execute(
                    update(s.entities).where(s.entities.c.id == found[0]).values(name=entity.name)
                )
            return int(found[0])
        result = conn.execute(
            insert(s.entities).values(key=key, label=entity.label, name=entity.name)
        )
        inserted = result.inserted_primary_key
        assert inserted is not None
        return int(inserted[0])

    def quotes(self, article_ids: Sequence[str]) -> dict[str, list[dict[str, Any]]]:
        out: dict[str, list[dict[str, Any]]] = {}
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(s.quotes)
                .where(s.quotes.c.article_id.in_(list(article_ids)))
                .order_by(s.quotes.c.article_id, s.quotes.c.content_start)
            ).mappings()
            for row in rows:
                out.setdefault(row["article_id"], []).append(dict(row))
        return out

    def story_entities(self, story_id: str) -> list[dict[str, Any]]:
        query = (
            select(
                s.entities.c.id,
                s.entities.c.name,
                s.entities.c.label,
                func.sum(s.article_entities.c.mentions).label("mentions"),
                func.count(s.article_entities.c.article_id).label("articles"),
                func.max(s.article_entities.c.sentence).label("sentence"),
            )
            .join(s.article_entities, s.article_entities.c.entity_id == s.entities.c.id)
            .join(s.articles, s.articles.c.id == s.article_entities.c.article_id)
            .where(s.articles.c.story_id == story_id)
            .group_by(s.entities.c.id, s.entities.c.name, s.entities.c.label)
            .order_by(text("mentions DESC"))
        )
        with self.engine.connect() as conn:
            return [dict(r) for r in conn.execute(query).mappings()]

    def entity(self, entity_id: int) -> dict[str, Any] | None:
        with self.engine.connect() as conn:
            row = (
                conn.execute(select(s.entities).where(s.entities.c.id == entity_id))
                .mappings()
                .first()
            )
            if row is None:
                return None
            story_rows = conn.execute(
                select(s.articles.c.story_id, func.count().label("articles"))
                .join(s.article_entities, s.article_entities.c.article_id == s.articles.c.id)
                .where(s.article_entities.c.entity_id == entity_id)
                .where(s.articles.c.story_id.is_not(None))
                .group_by(s.articles.c.story_id)
            ).all()
        return {**dict(row), "stories": {r[0]: r[1] for r in story_rows}}

    def set_assignments(
        self, conn: Connection, assignments: Iterable[tuple[str, str, str | None]]
    ) -> None:
        """(article_id, story_id, storyline_id) for each article."""
        for article_id, story_id, storyline_id in assignments:
            conn.execute(
                update(s.articles)
                .where(s.articles.c.id == article_id)
                .values(story_id=story_id, storyline_id=storyline_id)
            )

    def story_assignments(self, since: datetime | None = None) -> list[tuple[str, str, str | None]]:
        query = select(s.articles.c.id, s.articles.c.story_id, s.articles.c.storyline_id).where(
            s.articles.c.story_id.is_not(None)
        )
        if since is not None:
            query = query.where(s.articles.c.published >= since)
        with self.engine.connect() as conn:
            return [(r[0], r[1], r[2]) for r in conn.execute(query)]

    def search(self, query: str, limit: int = 50) -> list[Article]:
        """Full-text search over article titles and texts."""
        words = [w for w in "".join(c if c.isalnum() else " " for c in query).split() if w]
        if not words:
            return []
        with self.engine.connect() as conn:
            if self.is_sqlite:
                match = " ".join(f'"{w}"' for w in words)
                # Ranking scores every match: for a word in most of a large archive that
                # takes seconds, so the best are taken among the newest RANKED_MATCHES.
                floor = conn.execute(
                    text(
                        "SELECT rowid FROM articles_fts WHERE articles_fts MATCH :q "
                        "ORDER BY rowid DESC LIMIT 1 OFFSET :k"
                    ),
                    {"q": match, "k": RANKED_MATCHES},
                ).scalar()
                found = conn.execute(
                    text(
                        "SELECT rowid FROM articles_fts WHERE articles_fts MATCH :q "
                        "AND rowid > :floor ORDER BY rank LIMIT :n"
                    ),
                    {"q": match, "n": limit, "floor": floor or 0},
                )
                order = [r[0] for r in found]
            else:
                order = _postgresql_search(conn, " ".join(words), limit)
            if not order:
                return []
            rows = conn.execute(select(s.articles).where(s.articles.c.pk.in_(order))).mappings()
            by_pk = {r["pk"]: _article_from_row(r) for r in rows}
            return [by_pk[pk] for pk in order if pk in by_pk]

    # -- stories -------------------------------------------------------------------

    def ensure_stories(
        self, conn: Connection, story_ids: Iterable[str], storylines: dict[str, str | None]
    ) -> None:
        """Create missing story rows and mark all of them dirty."""
        now = _now()
        for story_id in set(story_ids):
            exists = conn.execute(select(s.stories.c.id).where(s.stories.c.id == story_id)).first()
            if exists:
                values: dict[str, Any] = {"dirty": True, "updated_at": now}
                if storylines.get(story_id):
                    values["storyline_id"] = storylines[story_id]
                conn.execute(update(s.stories).where(s.stories.c.id == story_id).values(**values))
            else:
                conn.execute(
                    insert(s.stories).values(
                        id=story_id,
                        storyline_id=storylines.get(story_id),
                        dirty=True,
                        article_count=0,
                        outlet_count=0,
                        created_at=now,
                        updated_at=now,
                    )
                )

    def set_story_storyline(self, conn: Connection, story_id: str, storyline_id: str) -> None:
        conn.execute(
            update(s.stories).where(s.stories.c.id == story_id).values(storyline_id=storyline_id)
        )
        conn.execute(
            update(s.articles)
            .where(s.articles.c.story_id == story_id)
            .values(storyline_id=storyline_id)
        )

    def contested_stories(self) -> list[tuple[str, str | None, list[dict[str, Any]]]]:
        """(story id, storyline id, claims) of every live story whose claims include an
        allegation or a denial (the stories an affair can join, `stories.affairs`)."""
        query = select(s.stories.c.id, s.stories.c.storyline_id, s.stories.c.claims).where(
            s.stories.c.merged_into.is_(None),
            s.stories.c.article_count > 0,
            or_(
                s.stories.c.claims.like('%"stance": "alleges"%'),
                s.stories.c.claims.like('%"stance": "denies"%'),
            ),
        )
        with self.engine.connect() as conn:
            return [(r[0], r[1], json.loads(r[2])) for r in conn.execute(query)]

    def merges(self) -> list[tuple[str, str]]:
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(s.story_merges.c.absorbed_id, s.story_merges.c.into_id).order_by(
                    s.story_merges.c.merged_at
                )
            )
            return [(r[0], r[1]) for r in rows]

    def highest_story_number(self) -> tuple[int, int]:
        """Largest n of story ids `s<n>` and storyline ids `l<n>` (ids continue from them)."""
        highest = [0, 0]
        with self.engine.connect() as conn:
            for i, (table, prefix) in enumerate(((s.stories, "s"), (s.storylines, "l"))):
                for (identifier,) in conn.execute(select(table.c.id)):
                    if identifier.startswith(prefix) and identifier[1:].isdigit():
                        highest[i] = max(highest[i], int(identifier[1:]))
        return highest[0], highest[1]

    def record_merge(self, conn: Connection, absorbed_id: str, into_id: str) -> None:
        conn.execute(s.story_merges.delete().where(s.story_merges.c.absorbed_id == absorbed_id))
        conn.execute(
            insert(s.story_merges).values(
                absorbed_id=absorbed_id, into_id=into_id, merged_at=_now()
            )
        )
        conn.execute(
            update(s.stories).where(s.stories.c.id == absorbed_id).values(merged_into=into_id)
        )
        conn.execute(
            update(s.articles).where(s.articles.c.story_id == absorbed_id).values(story_id=into_id)
        )

    def resolve_story_id(self, story_id: str) -> str:
        """Follow merge redirects to the surviving story."""
        seen = set()
        with self.engine.connect() as conn:
            while story_id not in seen:
                seen.add(story_id)
                row = conn.execute(
                    select(s.story_merges.c.into_id).where(s.story_merges.c.absorbed_id == story_id)
                ).first()
                if row is None:
                    break
                story_id = row[0]
        return story_id

    def dirty_story_ids(self) -> list[str]:
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(s.stories.c.id).where(
                    s.stories.c.dirty.is_(True), s.stories.c.merged_into.is_(None)
                )
            )
            return [r[0] for r in rows]

    def save_story_analysis(
        self,
        story_id: str,
        *,
        title: str,
        article_count: int,
        outlet_count: int,
        first_published: datetime | None,
        last_published: datetime | None,
        summary: dict[str, Any],
        coverage: dict[str, Any],
        claims: list[dict[str, Any]],
        blindspot: str | None,
    ) -> None:
        with self.begin() as conn:
            conn.execute(
                update(s.stories)
                .where(s.stories.c.id == story_id)
                .values(
                    title=title,
                    article_count=article_count,
                    outlet_count=outlet_count,
                    first_published=_as_utc(first_published),
                    last_published=_as_utc(last_published),
                    summary=json.dumps(summary, default=str),
                    coverage=json.dumps(coverage, default=str),
                    claims=json.dumps(claims, default=str),
                    blindspot=blindspot,
                    dirty=False,
                    updated_at=_now(),
                )
            )

    def stories(
        self,
        *,
        limit: int = 100,
        offset: int = 0,
        storyline_id: str | None = None,
        blindspot: str | None = None,
        ids: Sequence[str] | None = None,
        where: StoryFilter | None = None,
        after: StoryCursor | None = None,
    ) -> list[StoryRow]:
        """Live stories, latest first (see `story_filters` for the order, filter, cursor)."""
        query = (
            select(s.stories)
            .where(s.stories.c.merged_into.is_(None), s.stories.c.article_count > 0)
            .order_by(*story_order())
            .limit(limit)
            .offset(offset)
        )
        if storyline_id is not None:
            query = query.where(s.stories.c.storyline_id == storyline_id)
        if blindspot is not None:
            query = query.where(s.stories.c.blindspot == blindspot)
        if ids is not None:
            query = query.where(s.stories.c.id.in_(list(ids)))
        if where is not None:
            query = query.where(*filter_conditions(where, self.is_sqlite))
        if after is not None:
            query = query.where(after_cursor(after))
        with self.engine.connect() as conn:
            return [_story_from_row(r) for r in conn.execute(query).mappings()]

    def story(self, story_id: str) -> StoryRow | None:
        story_id = self.resolve_story_id(story_id)
        with self.engine.connect() as conn:
            row = (
                conn.execute(select(s.stories).where(s.stories.c.id == story_id)).mappings().first()
            )
        return _story_from_row(row) if row else None

    def story_count(self) -> int:
        with self.engine.connect() as conn:
            return int(
                conn.execute(
                    select(func.count())
                    .select_from(s.stories)
                    .where(s.stories.c.merged_into.is_(None), s.stories.c.article_count > 0)
                ).scalar_one()
            )

    def upsert_storyline(self, conn: Connection, storyline_id: str, title: str | None) -> None:
        now = _now()
        exists = conn.execute(
            select(s.storylines.c.id).where(s.storylines.c.id == storyline_id)
        ).first()
        if exists:
            conn.execute(
                update(s.storylines)
                .where(s.storylines.c.id == storyline_id)
                .values(title=title, updated_at=now)
            )
        else:
            conn.execute(
                insert(s.storylines).values(
                    id=storyline_id, title=title, created_at=now, updated_at=now
                )
            )

    def storylines(self, limit: int | None = None) -> list[dict[str, Any]]:
        """Storylines with their live stories, latest story first; the first `limit`."""
        live = (s.stories.c.merged_into.is_(None), s.stories.c.article_count > 0)
        query = (
            select(
                s.storylines.c.id,
                s.storylines.c.title,
                func.count(s.stories.c.id).label("story_count"),
                func.min(s.stories.c.first_published).label("first_published"),
                func.max(s.stories.c.last_published).label("last_published"),
            )
            .join(s.stories, s.stories.c.storyline_id == s.storylines.c.id)
            .where(*live)
            .group_by(s.storylines.c.id, s.storylines.c.title)
            .order_by(text("last_published DESC NULLS LAST"), s.storylines.c.id)
        )
        with self.engine.connect() as conn:
            if limit is not None:
                # the storylines of the latest stories, found in the story order index,
                # rather than grouping every story of the archive
                query = query.where(s.storylines.c.id.in_(self._latest_storylines(conn, limit)))
            return [dict(r) for r in conn.execute(query).mappings()]

    def _latest_storylines(self, conn: Connection, limit: int) -> list[str]:
        found: dict[str, None] = {}
        batch, offset = 200, 0
        while len(found) < limit:
            rows = conn.execute(
                select(s.stories.c.storyline_id)
                .where(s.stories.c.merged_into.is_(None), s.stories.c.article_count > 0)
                .order_by(*story_order())
                .limit(batch)
                .offset(offset)
            ).all()
            for (line_id,) in rows:
                if line_id is not None and len(found) < limit:
                    found[line_id] = None
            if len(rows) < batch:
                break
            offset, batch = offset + batch, batch * 4
        return list(found)

    def storyline(self, storyline_id: str) -> dict[str, Any] | None:
        with self.engine.connect() as conn:
            row = (
                conn.execute(select(s.storylines).where(s.storylines.c.id == storyline_id))
                .mappings()
                .first()
            )
        if row is None:
            return None
        stories = sorted(
            self.stories(storyline_id=storyline_id, limit=1000),
            key=lambda st: st.first_published or datetime.min.replace(tzinfo=UTC),
        )
        return {**dict(row), "stories": stories}

    # -- corrections ---------------------------------------------------------------

    def add_correction(self, article_id: str, story_id: str, kind: str) -> None:
        with self.begin() as conn:
            conn.execute(
                s.story_corrections.delete().where(s.story_corrections.c.article_id == article_id)
            )
            conn.execute(
                insert(s.story_corrections).values(
                    article_id=article_id, story_id=story_id, kind=kind, corrected_at=_now()
                )
            )

    def add_separation(self, story_a: str, story_b: str) -> None:
        a, b = sorted((story_a, story_b))
        with self.begin() as conn:
            exists = conn.execute(
                select(s.story_separations).where(
                    s.story_separations.c.story_a == a, s.story_separations.c.story_b == b
                )
            ).first()
            if not exists:
                conn.execute(insert(s.story_separations).values(story_a=a, story_b=b))

    def separations(self) -> list[tuple[str, str]]:
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(s.story_separations.c.story_a, s.story_separations.c.story_b)
            )
            return [(r[0], r[1]) for r in rows]

    def corrections(self) -> dict[str, str]:
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(s.story_corrections.c.article_id, s.story_corrections.c.story_id)
            )
            return {r[0]: r[1] for r in rows}

    # -- outlets seen and feeds ----------------------------------------------------

    def upsert_outlets(self, conn: Connection, records: Iterable[dict[str, Any]]) -> None:
        """Remember outlets as the registry described them when their articles arrived."""
        for record in records:
            values = {
                "name": record.get("name") or record["id"],
                "domain": record.get("domain"),
                "lean": record.get("lean"),
                "factuality": record.get("factuality"),
                "record": json.dumps(record, default=str),
            }
            exists = conn.execute(
                select(s.outlets.c.id).where(s.outlets.c.id == record["id"])
            ).first()
            if exists:
                conn.execute(
                    update(s.outlets).where(s.outlets.c.id == record["id"]).values(**values)
                )
            else:
                conn.execute(insert(s.outlets).values(id=record["id"], **values))

    def outlets(self, ids: Sequence[str] | None = None) -> dict[str, dict[str, Any]]:
        query = select(s.outlets)
        if ids is not None:
            query = query.where(s.outlets.c.id.in_(list(ids)))
        with self.engine.connect() as conn:
            return {
                r["id"]: {
                    **json.loads(r["record"] or "{}"),
                    "id": r["id"],
                    "name": r["name"],
                    "lean": r["lean"],
                    "factuality": r["factuality"],
                    "domain": r["domain"],
                }
                for r in conn.execute(query).mappings()
            }

    def add_feed(self, url: str, title: str | None = None) -> bool:
        with self.begin() as conn:
            if conn.execute(select(s.feeds.c.id).where(s.feeds.c.url == url)).first():
                return False
            conn.execute(
                insert(s.feeds).values(
                    url=url, title=title, added_at=_now(), dead=False, consecutive_errors=0
                )
            )
            return True

    def feeds(self) -> list[dict[str, Any]]:
        with self.engine.connect() as conn:
            return [
                dict(r) for r in conn.execute(select(s.feeds).order_by(s.feeds.c.id)).mappings()
            ]

    def update_feed(self, url: str, **values: Any) -> None:
        with self.begin() as conn:
            conn.execute(update(s.feeds).where(s.feeds.c.url == url).values(**values))

    def move_feed(self, url: str, new_url: str) -> None:
        """A feed moved for good (permanent redirect): keep it under its new URL, once."""
        with self.begin() as conn:
            taken = conn.execute(select(s.feeds.c.id).where(s.feeds.c.url == new_url)).first()
            if taken:
                conn.execute(delete(s.feeds).where(s.feeds.c.url == url))
            else:
                conn.execute(update(s.feeds).where(s.feeds.c.url == url).values(url=new_url))

    def remove_feed(self, url_or_id: str) -> bool:
        """Forget a feed (by URL or numeric id); its articles stay. False if unknown."""
        condition = s.feeds.c.url == url_or_id
        if url_or_id.isdigit():
            condition = condition | (s.feeds.c.id == int(url_or_id))
        with self.begin() as conn:
            return bool(conn.execute(delete(s.feeds).where(condition)).rowcount)

    def outlet_counts(self) -> list[tuple[str, int]]:
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(s.articles.c.outlet, func.count())
                .group_by(s.articles.c.outlet)
                .order_by(func.count().desc())
            )
            return [(r[0] or "unknown", int(r[1])) for r in rows]

    def database_bytes(self) -> int:
        """The database's size on disk (SQLite: pages in use; PostgreSQL: the database)."""
        with self.engine.connect() as conn:
            if self.is_sqlite:
                pages = conn.execute(text("PRAGMA page_count")).scalar_one()
                page_size = conn.execute(text("PRAGMA page_size")).scalar_one()
                return int(pages) * int(page_size)
            return int(
                conn.execute(text("SELECT pg_database_size(current_database())")).scalar_one()
            )

    def analyze(self) -> None:
        """Refresh the query planner's statistics (after a bulk load)."""
        with self.engine.connect() as conn:
            conn.execute(text("ANALYZE"))
            conn.commit()

    def overview(self) -> dict[str, int]:
        """The counts the home page shows: articles, live stories, storylines."""
        with self.engine.connect() as conn:
            return {
                "articles": self._article_total(conn),
                "stories": self.story_count(),
                "storylines": int(
                    conn.execute(select(func.count()).select_from(s.storylines)).scalar_one()
                ),
            }

    def _article_total(self, conn: Connection) -> int:
        """How many articles, for display: exact, except on PostgreSQL past
        EXACT_COUNT_UP_TO, where the planner's estimate stands in (an exact count reads
        every row there: about 150-240 ms at a million articles, most of the home page)."""
        if not self.is_sqlite:
            estimate = conn.execute(
                text("SELECT reltuples::bigint FROM pg_class WHERE oid = 'articles'::regclass")
            ).scalar()
            if estimate is not None and estimate > EXACT_COUNT_UP_TO:
                return int(estimate)
        return int(conn.execute(select(func.count()).select_from(s.articles)).scalar_one())

    def stats(self) -> dict[str, int]:
        with self.engine.connect() as conn:

            def count(table: Any) -> int:
                return int(conn.execute(select(func.count()).select_from(table)).scalar_one())

            return {
                "articles": count(s.articles),
                "raw_documents": count(s.raw_documents),
                "stories": self.story_count(),
                "storylines": count(s.storylines),
                "quotes": count(s.quotes),
                "entities": count(s.entities),
                "feeds": count(s.feeds),
            }


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    # NORMAL is durable across application crashes in WAL mode (only an OS crash can
    # lose the last transactions), and several times faster than FULL for ingest.
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()


def _postgresql_search(conn: Connection, words: str, limit: int) -> list[int]:
    """Primary keys of the newest articles holding every word (undated ones last):
    first among the newest RECENT_ARTICLES, then, if too few, among the older ones."""
    query = {"q": words, "n": limit}
    floor = conn.execute(
        text(
            "SELECT published FROM articles WHERE published IS NOT NULL"
            " ORDER BY published DESC OFFSET :k LIMIT 1"
        ),
        {"k": RECENT_ARTICLES},
    ).scalar()
    found: list[int] = []
    if floor is not None:
        found = list(
            conn.execute(
                text(
                    "SELECT pk FROM articles WHERE search @@ plainto_tsquery('simple', :q)"
                    " AND published >= :floor ORDER BY published DESC LIMIT :n"
                ),
                {**query, "floor": floor},
            ).scalars()
        )
        if len(found) >= limit:
            return found
    # MATERIALIZED: every older match through the word index, then sorted; a plan that
    # walks the date index instead reads row after row when the word is rare.
    before_floor = " AND (published < :floor OR published IS NULL)" if floor is not None else ""
    older = conn.execute(
        text(
            "WITH matches AS MATERIALIZED (SELECT pk, published FROM articles"
            f" WHERE search @@ plainto_tsquery('simple', :q){before_floor})"
            " SELECT pk FROM matches ORDER BY published DESC NULLS LAST LIMIT :n"
        ),
        {**query, "n": limit - len(found), **({"floor": floor} if floor is not None else {})},
    ).scalars()
    return found + list(older)


def _article_from_row(row: RowMapping) -> Article:
    return Article(
        id=row["id"],
        title=row["title"],
        text=row["text"],
        url=row["url"],
        outlet=row["outlet"],
        published=_as_utc(row["published"]),
        authors=json.loads(row["authors"] or "[]"),
        language=row["language"],
        site_name=row["site_name"],
        source=row["source"],
        content_hash=row["content_hash"],
        simhash=_unsigned64(row["simhash"]),
        duplicate_of=row["duplicate_of"],
        story_id=row["story_id"],
        storyline_id=row["storyline_id"],
    )


def _story_from_row(row: RowMapping) -> StoryRow:
    def load(value: str | None) -> Any:
        return json.loads(value) if value else None

    return StoryRow(
        id=row["id"],
        title=row["title"],
        storyline_id=row["storyline_id"],
        article_count=row["article_count"],
        outlet_count=row["outlet_count"],
        first_published=_as_utc(row["first_published"]),
        last_published=_as_utc(row["last_published"]),
        summary=load(row["summary"]),
        coverage=load(row["coverage"]),
        claims=load(row["claims"]),
        blindspot=row["blindspot"],
        merged_into=row["merged_into"],
    )


def story_cursor(row: StoryRow) -> StoryCursor:
    """The cursor of the page that starts after `row`."""
    return StoryCursor(row.last_published, row.article_count, row.id)
