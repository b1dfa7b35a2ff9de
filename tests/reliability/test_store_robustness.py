"""Store robustness: upgrades keep the data, undated incidents are stored and served, the writer lock and
the generation keep concurrent writers and resolutions in order, and the API's response cache never
serves data older than the store's version allows."""

from __future__ import annotations

import dataclasses

import pytest
from fastapi.testclient import TestClient

from sitrep.api.app import create_app
from sitrep.api.middleware import ResponseCache, ResponseCacheMiddleware
from sitrep.model import Incident
from sitrep.store import Ingestor, Store
from sitrep.store.testing import FakeEngine, dump_tables, sample_specs, toy_resolve


@pytest.fixture
def url(db_url) -> str:
    """A fresh, empty database of each backend (``db_url`` of ``tests/conftest.py``)."""
    return db_url


def _results():
    specs = sample_specs()
    engine = FakeEngine(specs)
    return [engine.process(s.article()) for s in specs]


def test_upgrade_from_the_first_revision_keeps_every_row(url) -> None:
    from alembic import command

    from sitrep.store.db import _migrations_config

    store = Store(url, migrate=False)
    cfg = _migrations_config()
    with store.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0001")
    results = _results()
    store.save_documents([(f"k{n}", r) for n, r in enumerate(results)])
    store.replace_resolved(toy_resolve(results))
    before = dump_tables(store)
    store.migrate()
    after = dump_tables(store)
    assert after.pop("alembic_version") == [("0003",)]
    before.pop("alembic_version")
    assert after == before
    store.close()


def test_undated_incidents_are_stored_and_served(url) -> None:
    results = _results()
    run = toy_resolve(results)
    undated = dataclasses.replace(run.incidents[0], incident_id="undated-1", event_date=None, date_min=None,
                                  date_max=None, time_precision=None)
    with Store(url) as store:
        store.save_documents([(f"k{n}", r) for n, r in enumerate(results)])
        store.replace_resolved(dataclasses.replace(run, incidents=[*run.incidents, undated]))
        newest_first = store.incidents(order="date").items
        assert newest_first[-1].incident_id == "undated-1"  # undated last, on both backends
        assert newest_first[0].event_date == max(i.event_date for i in run.incidents)
        assert {"date": None, "event_type": undated.event_type, "incidents": 1,
                "fatalities": undated.fatalities} in store.timeline()
        with TestClient(create_app(store)) as client:
            assert client.get("/api/incidents/undated-1").json()["event_date"] is None
            assert client.get("/api/timeline").status_code == 200


def test_an_older_resolution_never_replaces_a_newer_one(url) -> None:
    results = _results()
    with Store(url) as store:
        store.save_documents([(f"k{n}", r) for n, r in enumerate(results[:2])])
        old_generation, _ = store.generation()
        store.save_documents([(f"k{n}", r) for n, r in enumerate(results)])
        new_generation, _ = store.generation()
        assert new_generation > old_generation
        assert store.replace_resolved(toy_resolve(results), generation=new_generation)
        newer = dump_tables(store)
        assert not store.replace_resolved(toy_resolve(results[:2]), generation=old_generation)  # late finisher
        assert dump_tables(store) == newer
        assert store.info()["dirty"] == "0"
        assert store.save_documents([(f"k{n}", r) for n, r in enumerate(results)]) == 0  # same keys: no change
        assert store.generation() == (new_generation, new_generation)


def test_ingest_after_a_concurrent_resolution_reports_the_stored_counts(url) -> None:
    specs = sample_specs()
    with Store(url) as store:
        first = Ingestor(store, engine=FakeEngine(specs), resolver=toy_resolve).run([s.article() for s in specs])
        assert first.resolved and first.incidents == store.counts()["incidents"]


def test_response_cache_serves_until_the_version_changes() -> None:
    from fastapi import FastAPI

    calls = {"n": 0}
    version = {"v": 1}
    app = FastAPI()

    @app.get("/api/x")
    def x() -> dict:
        calls["n"] += 1
        return {"n": calls["n"]}

    cache = ResponseCache(max_bytes=10_000)
    app.add_middleware(ResponseCacheMiddleware, cache=cache, version=lambda: version["v"], version_ttl=0)
    with TestClient(app) as client:
        assert client.get("/api/x").json() == {"n": 1}
        assert client.get("/api/x").json() == {"n": 1}  # cached
        assert client.get("/api/x?a=1").json() == {"n": 2}  # another query, another entry
        version["v"] = 2
        assert client.get("/api/x").json() == {"n": 3}  # the data changed: recomputed
    assert cache.hits == 1


def test_response_cache_is_bounded() -> None:
    cache = ResponseCache(max_bytes=1000, max_item=600)
    for i in range(10):
        cache.put(("/p", str(i).encode()), 1, [], b"x" * 300)
    assert cache._size <= 1000 and len(cache._items) == 3
    cache.put(("/big", b""), 1, [], b"x" * 700)
    assert cache.get(("/big", b""), 1) is None


def test_upload_through_the_api_is_visible_at_once(url) -> None:
    specs = sample_specs()
    store = Store(url)
    Ingestor(store, engine=FakeEngine(specs), resolver=toy_resolve).run([s.article() for s in specs[:2]])
    app = create_app(store, api_token="t", engine_factory=lambda: FakeEngine(specs), resolver=toy_resolve)
    with TestClient(app) as client:
        before = client.get("/api/incidents").json()["total"]
        assert client.get("/api/incidents").json()["total"] == before  # now cached
        body = [{"id": s.doc_id, "text": s.text} for s in specs[2:]]
        assert client.post("/api/documents", json=body, headers={"Authorization": "Bearer t"}).status_code == 200
        assert client.get("/api/incidents").json()["total"] > before
    store.close()


def test_undated_incident_model_default() -> None:
    inc = Incident("i", None, None, None, None, "Battles", "Armed clash")
    assert inc.event_date is None


def test_cache_steps_aside_when_the_version_cannot_be_read() -> None:
    from fastapi import FastAPI

    def broken():
        raise RuntimeError("database down")

    app = FastAPI()
    calls = {"n": 0}

    @app.get("/api/y")
    def y() -> dict:
        calls["n"] += 1
        return {"n": calls["n"]}

    cache = ResponseCache(max_bytes=10_000)
    app.add_middleware(ResponseCacheMiddleware, cache=cache, version=broken, version_ttl=0)
    with TestClient(app) as client:
        assert client.get("/api/y").json() == {"n": 1}
        assert client.get("/api/y").json() == {"n": 2}  # not cached: served by the route every time
    assert cache.hits == 0
