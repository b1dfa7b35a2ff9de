"""Request limits: body size (declared, chunked, lying), articles per request, text per article, JSON depth
and number size, URL and header size, page size; every refusal is a clean 4xx and the server stays up."""

from __future__ import annotations

import json

import pytest
from security_data import TOKEN, make_client
from security_live import raw_request, serve

from sitrep.api.app import MAX_ARTICLES_PER_POST
from sitrep.store.testing import dump_tables

AUTH = {"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"}


@pytest.fixture
def small(store):
    """A client whose body limit is 4 KB."""
    with make_client(store, max_body_bytes=4096) as c:
        yield c


def test_bodies_over_the_limit_are_refused_before_reading(store, small) -> None:
    before = dump_tables(store)
    big = json.dumps({"id": "big", "text": "x" * 5000}).encode()
    assert small.post("/api/documents", content=big, headers=AUTH).status_code == 413
    assert small.post("/api/documents", content=big).status_code == 413  # without a token too
    assert small.post("/api/documents", content=(b" " * 1000 for _ in range(10)), headers=AUTH).status_code == 413
    assert small.request("GET", "/api/incidents", content=big).status_code == 413  # a GET body is no way around
    for bad_length in ("-1", "abc", "1e9", "99999999999999999999"):
        res = small.post("/api/documents", content=b"{}", headers={**AUTH, "Content-Length": bad_length})
        assert res.status_code in (400, 413), bad_length
    assert dump_tables(store) == before


def test_too_many_articles_in_one_request(store, client) -> None:
    before = dump_tables(store)
    items = [{"id": f"a{i}", "text": "x"} for i in range(MAX_ARTICLES_PER_POST + 1)]
    assert client.post("/api/documents", json=items, headers=AUTH).status_code == 413
    assert dump_tables(store) == before


HOSTILE_BODIES = [
    b"[" * 100_000 + b"]" * 100_000,
    b'{"id": "n", "text": ' + b"[" * 5000 + b"]" * 5000 + b"}",
    b"1" * 5000,
    b'{"id": 1e999999, "text": "x"}',
    b"\xff\xfe\x00",
    b'{"id": "a", "text": "x"}{"id": "b"}',
    b"",
    b"null",
    b'"just a string"',
    b'{"articles": {"id": "x"}}',
]


def test_hostile_json_bodies_are_clean_client_errors(store, client) -> None:
    before = dump_tables(store)
    for body in HOSTILE_BODIES:
        res = client.post("/api/documents", content=body, headers=AUTH)
        assert 400 <= res.status_code < 500, (body[:40], res.status_code, res.text[:200])
    assert dump_tables(store) == before


def test_lone_surrogates_and_long_texts_in_uploads(store, client) -> None:
    body = b'[{"id": "sur", "text": "Clashes \\ud800 erupted."}, {"id": "long", "text": "' + b"y " * 300_000 + b'"}]'
    res = client.post("/api/documents", content=body, headers=AUTH)
    assert res.status_code == 200, res.text[:300]
    data = res.json()
    assert data["documents"]["new"] == 1 and data["documents"]["failed"] == 1
    assert data["failures"][0]["code"] == "SR106" and "characters" in data["failures"][0]["message"]
    assert store.document("sur").article.text == "Clashes \ufffd erupted."


def _refused(base: str, target: str, **kw) -> bool:
    """The server answers 4xx or drops the connection (what uvicorn does past its header limit)."""
    try:
        status, _ = raw_request(base, target, **kw)
    except (ConnectionResetError, BrokenPipeError):
        return True
    return status in (400, 413, 414, 422, 431)


def test_oversized_url_and_headers_on_the_wire(ro_store) -> None:
    with make_client(ro_store) as c, serve(c.app) as base:
        status, _ = raw_request(base, "/api/incidents?actor=" + "a" * 100_000)
        assert status in (400, 413, 414, 422, 431), status
        assert _refused(base, "/api/incidents", headers={"X-Big": "b" * 2_000_000})
        assert _refused(base, "/api/incidents?q=" + "q" * 2_000_000)
        status, _ = raw_request(base, "/api/incidents?" + "&".join(f"p{i}=1" for i in range(3000)))
        assert status in (200, 400, 414, 431), status
        assert _refused(base, "/api/documents", method="POST", body=b"x" * 20_000_000,
                        headers={"Authorization": f"Bearer {TOKEN}"})
        status, body = raw_request(base, "/api/facets")
        assert status == 200 and b"event_types" in body  # still serving
