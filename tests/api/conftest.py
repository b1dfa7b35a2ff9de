"""Fixtures of the API tests: an app over a store holding the sample corpus (SQLite, and PostgreSQL when configured)."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from sitrep.api.app import create_app
from sitrep.store import Ingestor, Store
from sitrep.store.testing import FakeEngine, sample_specs, toy_resolve

TOKEN = "test-token-5b1f0c"


@pytest.fixture
def specs():
    return sample_specs()


@pytest.fixture
def store(db_url, specs):
    """A store holding the sample corpus."""
    s = Store(db_url)
    Ingestor(s, engine=FakeEngine(specs), resolver=toy_resolve).run([x.article() for x in specs])
    yield s
    s.close()


def make_client(store, specs, *, token: str | None = TOKEN, **kw) -> TestClient:
    """A TestClient over an app on ``store`` with the faked engine and resolver."""
    kw.setdefault("engine_factory", lambda: FakeEngine(specs))
    kw.setdefault("resolver", toy_resolve)
    app = create_app(store, api_token=token, **kw)
    return TestClient(app)


@pytest.fixture
def client_factory(store, specs):
    """make_client bound to this test's store: ``client_factory(token=..., max_body_bytes=...)``."""
    return lambda **kw: make_client(store, specs, **kw)


@pytest.fixture
def client(store, specs):
    with make_client(store, specs) as c:
        yield c
