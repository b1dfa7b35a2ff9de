"""Fixtures of the store tests: an empty store on each backend (``db_url`` comes from ``tests/conftest.py``)."""

from __future__ import annotations

import pytest

from sitrep.store import Store


@pytest.fixture
def store(db_url):
    """An opened (migrated) empty store."""
    s = Store(db_url)
    yield s
    s.close()
