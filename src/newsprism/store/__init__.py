"""Storage: one SQLAlchemy Core schema for SQLite (default) and PostgreSQL."""

from newsprism.store.db import Store, StoryRow, Transaction, default_db_path

__all__ = ["Store", "StoryRow", "Transaction", "default_db_path"]
