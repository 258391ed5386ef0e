"""Storage: one SQLAlchemy Core schema for SQLite (default) and PostgreSQL."""

from newsprism.store.db import Store, StoryRow, Transaction, default_db_path, story_cursor
from newsprism.store.story_filters import StoryCursor, StoryFilter, date_bound

__all__ = [
    "Store",
    "StoryCursor",
    "StoryFilter",
    "StoryRow",
    "Transaction",
    "date_bound",
    "default_db_path",
    "story_cursor",
]
