"""Copy a whole database into another (SQLite to PostgreSQL, usually), resumably.

Every table is read in its key order, in chunks, from the source; each chunk is
inserted into the target in one transaction together with the key it ended at
(`meta` row `copy:<table>`). An interrupted copy therefore restarts after the last
committed chunk, and nothing is inserted twice. Ids are kept as they are, raw bytes
included, and PostgreSQL sequences are moved past the copied ids at the end.

The target adopts the source's `database_id` (written into the source's `meta` the
first time it is copied); a target that holds rows but another id, or none, is refused.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import Column, DateTime, Table, func, insert, select, text, tuple_
from sqlalchemy.engine import Connection

from newsprism.store import schema as s
from newsprism.store.db import Store
from newsprism.text import to_utc

DATABASE_ID = "database_id"
CHUNK_ROWS = 1000
# Tables copied row by row; `meta` is not: the target has its own schema version.
COPIED_TABLES: tuple[Table, ...] = tuple(t for t in s.metadata.sorted_tables if t is not s.meta)

ProgressCallback = Callable[[str, int], None]


class CopyTargetError(RuntimeError):
    """The target database cannot receive this copy."""


def table_key(table: Table) -> list[Column[Any]]:
    """The columns that order and identify a table's rows: its primary key, else its
    first unique constraint (article_entities)."""
    if table.primary_key.columns:
        return list(table.primary_key.columns)
    for constraint in table.constraints:
        columns = getattr(constraint, "columns", None)
        if constraint.__class__.__name__ == "UniqueConstraint" and columns is not None:
            return list(columns)
    raise ValueError(f"table {table.name} has no key to copy it by")


def row_counts(store: Store) -> dict[str, int]:
    """Rows per copied table."""
    with store.engine.connect() as conn:
        return {
            t.name: int(conn.execute(select(func.count()).select_from(t)).scalar_one())
            for t in COPIED_TABLES
        }


def copy_database(
    source: Store,
    target: Store,
    *,
    chunk_rows: int = CHUNK_ROWS,
    on_rows: ProgressCallback | None = None,
) -> dict[str, int]:
    """Copy every table of `source` into `target`; rows copied per table by this run."""
    claim_target(source, target)
    copied = {}
    for table in COPIED_TABLES:
        copied[table.name] = _copy_table(source, target, table, chunk_rows, on_rows)
    if not target.is_sqlite:
        _advance_sequences(target)
    return copied


def _meta_value(conn: Connection, key: str) -> str | None:
    row = conn.execute(select(s.meta.c.value).where(s.meta.c.key == key)).first()
    return None if row is None else str(row[0])


def _set_meta(conn: Connection, key: str, value: str) -> None:
    conn.execute(s.meta.delete().where(s.meta.c.key == key))
    conn.execute(insert(s.meta).values(key=key, value=value))


def _source_id(source: Store) -> str:
    with source.begin() as conn:
        found = _meta_value(conn, DATABASE_ID)
        if found is None:
            found = uuid.uuid4().hex
            _set_meta(conn, DATABASE_ID, found)
        return found


def claim_target(source: Store, target: Store) -> None:
    """Make `target` a copy of `source` (or check that it is one): CopyTargetError if it
    holds rows of another database."""
    database_id = _source_id(source)
    with target.begin() as conn:
        held = _meta_value(conn, DATABASE_ID)
        if held == database_id:
            return  # a copy of this source: resume it
        holds_rows = any(
            conn.execute(select(text("1")).select_from(t).limit(1)).first() for t in COPIED_TABLES
        )
        if held is not None or holds_rows:
            raise CopyTargetError(
                f"{target.display_url} already holds a different database; "
                "copy into an empty database"
            )
        _set_meta(conn, DATABASE_ID, database_id)


def _copy_table(
    source: Store,
    target: Store,
    table: Table,
    chunk_rows: int,
    on_rows: ProgressCallback | None,
) -> int:
    key = table_key(table)
    progress_key = f"copy:{table.name}"
    with target.engine.connect() as conn:
        stored = _meta_value(conn, progress_key)
    last: list[Any] | None = json.loads(stored) if stored else None
    datetimes = [c.name for c in table.columns if isinstance(c.type, DateTime)]
    copied = 0
    while True:
        rows = _read_chunk(source, table, key, last, chunk_rows)
        if not rows:
            return copied
        for row in rows:
            for name in datetimes:  # SQLite gives naive UTC back; say it is UTC
                if row[name] is not None:
                    row[name] = to_utc(row[name])
        last = [rows[-1][c.name] for c in key]
        with target.begin() as conn:
            conn.execute(insert(table), rows)
            _set_meta(conn, progress_key, json.dumps(last))
        copied += len(rows)
        if on_rows is not None:
            on_rows(table.name, len(rows))


def _read_chunk(
    source: Store,
    table: Table,
    key: Sequence[Column[Any]],
    last: list[Any] | None,
    chunk_rows: int,
) -> list[dict[str, Any]]:
    query = select(table).order_by(*key).limit(chunk_rows)
    if last is not None:
        if len(key) == 1:
            query = query.where(key[0] > last[0])
        else:
            query = query.where(tuple_(*key) > tuple_(*last))
    with source.engine.connect() as conn:
        return [dict(r) for r in conn.execute(query).mappings()]


def _advance_sequences(target: Store) -> None:
    """Explicit ids do not move PostgreSQL's sequences: set each past its largest id."""
    with target.begin() as conn:
        for table in COPIED_TABLES:
            for column in table.primary_key.columns:
                if column.autoincrement is True:
                    conn.execute(
                        text(
                            f"SELECT setval(pg_get_serial_sequence('{table.name}', "
                            f"'{column.name}'), COALESCE(MAX({column.name}), 0) + 1, false) "
                            f"FROM {table.name}"
                        )
                    )
