"""Alembic migrations of the sitrep store (applied automatically when a store is opened)."""
