"""The one schema shared by SQLite and PostgreSQL (SQLAlchemy 2 Core).

Text search is dialect-specific and lives in `db.py`: an FTS5 table with triggers on
SQLite, a stored `search` tsvector column with a GIN index on PostgreSQL (made in
`migrations.py`, so absent from the table below).
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    false,
)

# Bump when the schema changes and add a step to `migrations.MIGRATIONS`.
SCHEMA_VERSION = 3

metadata = MetaData()

meta = Table(
    "meta",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)

outlets = Table(
    "outlets",
    metadata,
    Column("id", String(200), primary_key=True),
    Column("name", Text, nullable=False),
    Column("domain", String(255)),
    Column("lean", String(32)),
    Column("factuality", String(32)),
    Column("record", Text),  # JSON snapshot of the registry record when first seen
)

feeds = Table(
    "feeds",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("url", Text, nullable=False, unique=True),
    Column("title", Text),
    Column("etag", Text),
    Column("last_modified", Text),
    Column("last_polled", DateTime(timezone=True)),
    Column("last_error", Text),
    Column("added_at", DateTime(timezone=True), nullable=False),
    # version 2: per-feed schedule and health (see ingest/poller.py)
    Column("last_new_entry", DateTime(timezone=True)),
    Column("next_due", DateTime(timezone=True)),
    Column("interval_seconds", Float),
    Column("consecutive_errors", Integer, nullable=False, server_default="0"),
    Column("gone_count", Integer, nullable=False, server_default="0"),
    # false(): "false" would be the string 'false' on SQLite, which reads back as True
    Column("dead", Boolean, nullable=False, server_default=false()),
)

raw_documents = Table(
    "raw_documents",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("sha256", String(64), nullable=False, unique=True),
    Column("source", Text, nullable=False),
    Column("url", Text),
    Column("kind", String(16), nullable=False),
    Column("content_gz", LargeBinary, nullable=False),  # original bytes, gzip-compressed
    Column("hints", Text),  # JSON
    Column("fetched_at", DateTime(timezone=True)),
    Column("added_at", DateTime(timezone=True), nullable=False),
)

articles = Table(
    "articles",
    metadata,
    Column("pk", Integer, primary_key=True, autoincrement=True),  # FTS5 content rowid
    Column("id", String(200), nullable=False, unique=True),
    Column("raw_id", Integer, ForeignKey("raw_documents.id")),
    Column("url", Text),
    Column("outlet", String(200)),
    Column("title", Text, nullable=False),
    Column("text", Text, nullable=False),
    Column("published", DateTime(timezone=True)),
    Column("authors", Text),  # JSON list
    Column("language", String(16)),
    Column("site_name", Text),
    Column("source", Text),
    Column("content_hash", String(64)),
    Column("simhash", BigInteger),  # stored signed (two's complement of the 64 bits)
    Column("duplicate_of", String(200)),
    Column("story_id", String(64)),
    Column("storyline_id", String(64)),
    Column("embedding", LargeBinary),  # float32 little-endian
    Column("enriched", Boolean, nullable=False, default=False),
    Column("added_at", DateTime(timezone=True), nullable=False),
)
Index("ix_articles_story", articles.c.story_id)
Index("ix_articles_hash", articles.c.content_hash)
Index("ix_articles_url", articles.c.url)
Index("ix_articles_published", articles.c.published)
# version 3: an outlet's newest articles without sorting all of them (the outlet page)
Index("ix_articles_outlet_published", articles.c.outlet, articles.c.published, articles.c.pk)

stories = Table(
    "stories",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("title", Text),
    Column("storyline_id", String(64)),
    Column("merged_into", String(64)),  # set when absorbed by another story
    Column("article_count", Integer, nullable=False, default=0),
    Column("outlet_count", Integer, nullable=False, default=0),
    Column("first_published", DateTime(timezone=True)),
    Column("last_published", DateTime(timezone=True)),
    Column("summary", Text),  # JSON: {"title", "bullets": [{"text", "citations"}]}
    Column("coverage", Text),  # JSON of analysis.coverage
    Column("claims", Text),  # JSON of grouped claims
    Column("blindspot", String(16)),  # "left" | "right" | None
    Column("dirty", Boolean, nullable=False, default=True),  # analysis out of date
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)
Index("ix_stories_last", stories.c.last_published)
Index("ix_stories_dirty", stories.c.dirty)
# version 3: the stories of a storyline (story and storyline pages). The index in story
# list order is dialect-specific (NULLS LAST) and made in `migrations.py`.
Index("ix_stories_storyline", stories.c.storyline_id)
# version 3: counting live stories reads this index, not every (wide) story row
Index("ix_stories_live", stories.c.merged_into, stories.c.article_count)

storylines = Table(
    "storylines",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("title", Text),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)

story_merges = Table(
    "story_merges",
    metadata,
    Column("absorbed_id", String(64), primary_key=True),
    Column("into_id", String(64), nullable=False),
    Column("merged_at", DateTime(timezone=True), nullable=False),
)

story_corrections = Table(
    "story_corrections",
    metadata,
    Column("article_id", String(200), primary_key=True),
    Column("story_id", String(64), nullable=False),
    Column("kind", String(16), nullable=False),  # "move" | "split"
    Column("corrected_at", DateTime(timezone=True), nullable=False),
)

story_separations = Table(
    "story_separations",
    metadata,
    Column("story_a", String(64), primary_key=True),  # a user split these two apart:
    Column("story_b", String(64), primary_key=True),  # clustering never merges them
)

entities = Table(
    "entities",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("key", String(300), nullable=False),
    Column("label", String(16), nullable=False),
    Column("name", Text, nullable=False),
    UniqueConstraint("key", "label", name="uq_entities_key_label"),
)

article_entities = Table(
    "article_entities",
    metadata,
    Column("article_id", String(200), nullable=False),
    Column("entity_id", Integer, ForeignKey("entities.id"), nullable=False),
    Column("mentions", Integer, nullable=False, default=1),
    Column("sentence", Text),  # for MONEY / PERCENT facts
    UniqueConstraint("article_id", "entity_id", name="uq_article_entity"),
)
Index("ix_article_entities_entity", article_entities.c.entity_id)

quotes = Table(
    "quotes",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("article_id", String(200), nullable=False),
    Column("speaker", Text, nullable=False),
    Column("speaker_role", Text),
    Column("speaker_org", Text),
    Column("anonymous", Boolean, nullable=False, default=False),
    Column("cue", Text),
    Column("content", Text, nullable=False),
    Column("content_start", Integer, nullable=False),
    Column("content_end", Integer, nullable=False),
    Column("direct", Boolean, nullable=False),
    Column("stance", String(16), nullable=False),
    Column("confidence", Float),
)
Index("ix_quotes_article", quotes.c.article_id)
