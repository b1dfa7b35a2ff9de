"""Fixtures of the store tests: databases (SQLite always, PostgreSQL when SITREP_TEST_PG_URL is set)."""

from __future__ import annotations

import os

import pytest

from sitrep.store import Store
from sitrep.store.testing import reset_database

PG_URL = os.environ.get("SITREP_TEST_PG_URL")
PG_SKIP = "PostgreSQL tests need env SITREP_TEST_PG_URL (see .ci/services.sh, which prints it)"


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path) -> str:
    """A fresh, empty database URL of each backend."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'store.db'}"
    if not PG_URL:
        pytest.skip(PG_SKIP)
    reset_database(PG_URL)
    return PG_URL


@pytest.fixture
def store(db_url):
    """An opened (migrated) empty store."""
    s = Store(db_url)
    yield s
    s.close()
