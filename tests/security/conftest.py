"""Fixtures of the security tests: stores (SQLite; PostgreSQL when configured) holding the sample corpus and
hostile records, and clients over them (see security_data)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from security_data import fill_store, make_client, store_url  # noqa: E402


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def ro_store(request, tmp_path_factory):
    """The filled store, shared by the read-only tests of a module (one per backend)."""
    s = fill_store(store_url(request.param, tmp_path_factory.mktemp("ro")))
    yield s
    s.close()


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request, tmp_path):
    """A filled store of its own, for tests that write."""
    s = fill_store(store_url(request.param, tmp_path))
    yield s
    s.close()


@pytest.fixture(scope="module")
def ro_client(ro_store):
    """A client over the shared read-only store."""
    with make_client(ro_store) as c:
        yield c


@pytest.fixture
def client(store):
    """A client over a store of its own."""
    with make_client(store) as c:
        yield c
