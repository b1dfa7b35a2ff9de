"""Options and fixtures shared by the whole suite."""

from __future__ import annotations

import pytest

from sitrep.store.testing import BACKENDS, PG_SKIP_REASON, fresh_database_url


def pytest_addoption(parser):
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="Rewrite the golden files under tests/golden/ from the current output instead of comparing.",
    )


def database_url(backend: str, directory) -> str:
    """``fresh_database_url``, or a skip when the backend is PostgreSQL and none is configured."""
    url = fresh_database_url(backend, directory)
    if url is None:
        pytest.skip(PG_SKIP_REASON)
    return url


@pytest.fixture(params=BACKENDS)
def db_url(request, tmp_path) -> str:
    """A fresh, empty database URL of each backend (SQLite always, PostgreSQL when configured)."""
    return database_url(request.param, tmp_path)
