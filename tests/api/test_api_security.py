"""Uploads need the bearer token (constant-time compare); bodies are size-limited; hostile input never errors."""

from __future__ import annotations

import hmac
from urllib.parse import quote

import pytest

from sitrep.api import app as app_module
from sitrep.store.testing import sample_specs

TOKEN = "test-token-5b1f0c"  # the token conftest's clients are built with
ARTICLE = {"id": "new-001", "text": sample_specs()[1].text, "outlet": "Another Outlet", "published": "2024-03-02"}
INJECTIONS = [
    "' OR '1'='1",
    "1; DROP TABLE incidents; --",
    '" OR ""="',
    "%' --",
    "_%",
    "\\x00",
    "\x00",
    "<script>alert(1)</script>",
    "../../etc/passwd",
    "Robert'); DELETE FROM documents;--",
    "ｓｙｒｉａ' OR 1=1",
    "a" * 199,
]


def _auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def test_post_refused_without_token_configured(store, client_factory) -> None:
    with client_factory(token="") as client:
        res = client.post("/api/documents", json=ARTICLE, headers=_auth("anything"))
        assert res.status_code == 403
        assert client.post("/api/documents", json=ARTICLE).status_code == 403
    assert store.document("new-001") is None


def test_post_token_env_is_read(client_factory, monkeypatch) -> None:
    monkeypatch.setenv("SITREP_API_TOKEN", "from-env")
    with client_factory(token=None) as client:
        assert client.post("/api/documents", json=ARTICLE, headers=_auth("from-env")).status_code == 200


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"Authorization": ""},
        {"Authorization": "Bearer"},
        {"Authorization": f"Basic {TOKEN}"},
        {"Authorization": "Bearer wrong"},
        {"Authorization": f"Bearer {TOKEN[:-1]}"},
        {"Authorization": f"Bearer {TOKEN}x"},
        {"Authorization": "Bearer ' OR 1=1 --"},
    ],
)
def test_post_refused_with_missing_or_wrong_token(client, store, headers) -> None:
    res = client.post("/api/documents", json=ARTICLE, headers=headers)
    assert res.status_code == 401
    assert res.headers["www-authenticate"].startswith("Bearer")
    assert store.document("new-001") is None


def test_token_compared_in_constant_time(client, monkeypatch) -> None:
    calls = []
    real = hmac.compare_digest

    def spy(a, b):
        calls.append((a, b))
        return real(a, b)

    monkeypatch.setattr(app_module.hmac, "compare_digest", spy)
    assert client.post("/api/documents", json=ARTICLE, headers=_auth("wrong")).status_code == 401
    assert client.post("/api/documents", json=ARTICLE, headers=_auth(TOKEN)).status_code == 200
    assert calls == [(b"wrong", TOKEN.encode()), (TOKEN.encode(), TOKEN.encode())]


def test_post_ingests_then_is_idempotent_then_updates(client, store) -> None:
    res = client.post("/api/documents", json={"articles": [ARTICLE]}, headers=_auth(TOKEN))
    assert res.status_code == 200, res.text
    assert res.json()["documents"] == {"new": 1, "updated": 0, "unchanged": 0, "failed": 0}
    saraqib = client.get("/api/incidents", params={"grade": "contested"}).json()["incidents"][0]
    assert {s["doc_id"] for s in saraqib["sources"]} == {"ledger-001", "post-002", "new-001"}
    again = client.post("/api/documents", json=ARTICLE, headers=_auth(TOKEN)).json()
    assert again["documents"]["unchanged"] == 1 and not again["resolved"]
    changed = {**ARTICLE, "text": ARTICLE["text"] + " More later."}
    upd = client.post("/api/documents", json=[changed], headers=_auth(TOKEN)).json()
    assert upd["documents"]["updated"] == 1
    assert client.get("/api/documents/new-001").json()["text"].endswith("More later.")


def test_post_bad_bodies(client) -> None:
    h = {**_auth(TOKEN), "Content-Type": "application/json"}
    assert client.post("/api/documents", content=b"{not json", headers=h).status_code == 400
    assert client.post("/api/documents", content=b"[]", headers=h).status_code == 400
    res = client.post("/api/documents", json=[{"id": "x"}, {"text": "no id"}], headers=_auth(TOKEN))
    assert res.status_code == 400
    failures = res.json()["failures"]
    assert [f["line"] for f in failures] == [1, 2] and all(f["path"] == "api" for f in failures)
    mixed = client.post("/api/documents", json=[{"id": "x"}, ARTICLE], headers=_auth(TOKEN))
    assert mixed.status_code == 200 and mixed.json()["documents"]["failed"] == 1


def test_body_size_limit(client_factory) -> None:
    with client_factory(max_body_bytes=2_000) as client:
        big = {**ARTICLE, "text": "x " * 5_000}
        assert client.post("/api/documents", json=big, headers=_auth(TOKEN)).status_code == 413

        def chunks():
            for _ in range(10):
                yield b" " * 500

        res = client.post(
            "/api/documents", content=chunks(), headers={**_auth(TOKEN), "Content-Type": "application/json"}
        )
        assert res.status_code == 413
        assert client.post("/api/documents", json=ARTICLE, headers=_auth(TOKEN)).status_code == 200


def test_body_limit_is_checked_before_anything_else_for_unauthenticated(client_factory) -> None:
    with client_factory(max_body_bytes=100) as client:
        assert client.post("/api/documents", content=b"x" * 1000).status_code == 413


@pytest.mark.parametrize("bad", INJECTIONS)
def test_injection_in_filters_and_ids_never_errors(client, store, bad) -> None:
    counts = store.counts()
    for param in ("country", "admin1", "event_type", "actor", "grade"):
        res = client.get("/api/incidents", params={param: bad})
        assert res.status_code == 200, (param, res.text)
        assert res.json()["total"] == 0
    for path, params in (
        ("/api/documents", {"outlet": bad}),
        ("/api/aggregates", {"quantity": bad}),
        ("/api/contradictions", {"incident_id": bad}),
        ("/api/framing", {"actor": bad}),
        ("/api/framing", {"doc_id": bad}),
        ("/api/timeline", {"actor": bad}),
    ):
        res = client.get(path, params=params)
        assert res.status_code == 200, (path, res.text)
        body = res.json()
        assert body == [] or body["total"] == 0
    for path in ("/api/incidents/", "/api/documents/"):
        assert client.get(path + quote(bad, safe="")).status_code == 404
    assert store.counts() == counts


def test_overlong_filters_are_rejected_cleanly(client) -> None:
    assert client.get("/api/incidents", params={"actor": "a" * 5000}).status_code == 422


def test_engine_that_cannot_load_gives_a_coded_server_error(client_factory, store) -> None:
    from sitrep.errors import DataError

    def broken():
        raise DataError("bad lexicon")

    with client_factory(engine_factory=broken) as client:
        res = client.post("/api/documents", json=ARTICLE, headers=_auth(TOKEN))
    assert res.status_code == 500 and res.json() == {"detail": "bad lexicon", "code": "SR200"}
    assert store.document("new-001") is None
