"""Fixtures of the report tests: a SQLite store holding the sample corpus."""

from __future__ import annotations

import pytest

from sitrep.store import Ingestor, Store
from sitrep.store.testing import FakeEngine, sample_specs, toy_resolve


@pytest.fixture
def db_url(tmp_path) -> str:
    specs = sample_specs()
    url = f"sqlite:///{tmp_path / 'report.db'}"
    with Store(url) as store:
        Ingestor(store, engine=FakeEngine(specs), resolver=toy_resolve).run([s.article() for s in specs])
    return url


@pytest.fixture
def store(db_url):
    s = Store(db_url)
    yield s
    s.close()
