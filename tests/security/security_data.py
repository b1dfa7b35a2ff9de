"""Data and helpers of the security tests: hostile records (SQL fragments, LIKE wildcards, markup, traversal
paths in every text field), stores holding them with the sample corpus, and test clients."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest
from fastapi.testclient import TestClient

from sitrep.api.app import create_app
from sitrep.model import Article, DocumentResult, Incident, Source
from sitrep.store import Store
from sitrep.store.testing import PG_SKIP_REASON, FakeEngine, fresh_database_url, sample_specs, toy_resolve

TOKEN = "sec-token-8c2e71d4"
HOSTILE_ID = "x' OR '1'='1\"; DROP TABLE incidents;--"
HOSTILE_DOC = "../../etc/passwd'--"
HOSTILE = {
    "country": "Syria'; DROP TABLE incidents;--",
    "admin1": '" OR ""="',
    "event_type": "Battles' UNION SELECT text FROM documents --",
    "grade": "single source' OR 1=1 --",
    "actor1": "Robert'); DELETE FROM documents;-- %_\\ group",
    "location": "<img src=x onerror=alert(1)>",
}


def hostile_records() -> tuple[DocumentResult, Incident]:
    """A document and an incident whose text fields are all attack strings."""
    text = "The <script>window.__pwned=1</script> report ' OR 1=1 -- from the town."
    art = Article(HOSTILE_DOC, text, title="<b onmouseover=alert(1)>t</b>", outlet="O'Reilly \"Daily\"; --",
                  published=date(2024, 3, 9), url="javascript:alert(1)", path="hostile.jsonl", line=1)
    src = Source(HOSTILE_DOC, art.outlet, art.published, art.url, text[:40], 0, 40)
    inc = Incident(HOSTILE_ID, date(2024, 3, 9), date(2024, 3, 9), date(2024, 3, 9), 1, HOSTILE["event_type"],
                   "Armed clash", actor1=HOSTILE["actor1"], country=HOSTILE["country"], admin1=HOSTILE["admin1"],
                   location=HOSTILE["location"], latitude=35.0, longitude=36.0, geo_precision=1,
                   grade=HOSTILE["grade"], sources=[src], notes="<script>alert(1)</script>")
    return DocumentResult(art), inc


def store_url(backend: str, tmp_dir) -> str:
    """A fresh, empty database URL of a backend (a skip when PostgreSQL is not configured)."""
    url = fresh_database_url(backend, tmp_dir, name="sec.db")
    if url is None:
        pytest.skip(PG_SKIP_REASON)
    return url


def fill_store(url: str) -> Store:
    """A store holding the sample corpus and the hostile records."""
    specs = sample_specs()
    engine = FakeEngine(specs)
    results = [engine.process(s.article()) for s in specs]
    doc, inc = hostile_records()
    s = Store(url)
    s.save_documents([(f"k-{r.article.doc_id}", r) for r in [*results, doc]])
    run = toy_resolve(results)
    s.replace_resolved(dataclasses.replace(run, incidents=[*run.incidents, inc]))
    return s


def make_client(store, *, token: str | None = TOKEN, **kw) -> TestClient:
    """A TestClient that turns server errors into 500 responses (never exceptions in the test)."""
    specs = sample_specs()
    kw.setdefault("engine_factory", lambda: FakeEngine(specs))
    kw.setdefault("resolver", toy_resolve)
    return TestClient(create_app(store, api_token=token, **kw), raise_server_exceptions=False)
