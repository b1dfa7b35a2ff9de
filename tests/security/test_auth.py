"""Writes need the bearer token (constant-time comparison); nothing else writes; the token is never optional."""

from __future__ import annotations

import hmac

from security_data import TOKEN, make_client
from fastapi.routing import APIRoute

from sitrep.api import app as app_module
from sitrep.store.testing import dump_tables

ARTICLE = {"id": "sec-new", "text": "Clashes erupted near the bridge on Monday.", "published": "2024-03-02"}
WRITE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}


def test_every_write_route_requires_the_token(ro_client) -> None:
    routes = [r for r in ro_client.app.routes if isinstance(r, APIRoute) and r.methods & WRITE_METHODS]
    assert routes, "no write route found"
    for r in routes:
        calls = {d.call for d in r.dependant.dependencies}
        assert app_module.require_token in calls, r.path


def test_other_methods_are_refused_and_change_nothing(store, client) -> None:
    before = dump_tables(store)
    for method in ("PUT", "PATCH", "DELETE"):
        for path in ("/api/documents", "/api/documents/ledger-001", "/api/incidents", "/api/incidents/x"):
            res = client.request(method, path, headers={"Authorization": f"Bearer {TOKEN}"}, json=ARTICLE)
            assert res.status_code == 405, (method, path, res.status_code)
    assert client.post("/api/incidents", json=ARTICLE).status_code == 405
    assert dump_tables(store) == before


WRONG = [
    {}, {"Authorization": ""}, {"Authorization": "Bearer"}, {"Authorization": "Bearer "},
    {"Authorization": f"bearer{TOKEN}"}, {"Authorization": f"Token {TOKEN}"}, {"Authorization": f"Basic {TOKEN}"},
    {"Authorization": f"Bearer {TOKEN.upper()}"}, {"Authorization": f"Bearer {TOKEN} extra"},
    {"Authorization": f"Bearer {TOKEN}\u00e9".encode()}, {"Authorization": "Bearer " + "a" * 8000},
    {"Authorization": "Bearer ' OR 1=1 --"}, {"Authorization": f"Bearer {TOKEN[:-1]}"},
    {"X-Api-Token": TOKEN}, {"Cookie": f"token={TOKEN}"},
]


def test_missing_or_wrong_token_is_refused(store, client) -> None:
    before = dump_tables(store)
    for headers in WRONG:
        res = client.post("/api/documents", json=ARTICLE, headers=headers)
        assert res.status_code == 401, (headers, res.text)
        assert res.headers["www-authenticate"].startswith("Bearer")
        assert client.post(f"/api/documents?token={TOKEN}", json=ARTICLE, headers=headers).status_code == 401
    assert dump_tables(store) == before


def test_uploads_disabled_without_a_configured_token(store) -> None:
    before = dump_tables(store)
    for token in ("", None):
        with make_client(store, token=token) as c:
            res = c.post("/api/documents", json=ARTICLE, headers={"Authorization": "Bearer "})
            assert res.status_code == 403
            assert c.post("/api/documents", json=ARTICLE, headers={"Authorization": "Bearer None"}).status_code == 403
    assert dump_tables(store) == before


def test_comparison_is_constant_time_for_every_length(client, monkeypatch) -> None:
    seen = []
    real = hmac.compare_digest
    monkeypatch.setattr(app_module.hmac, "compare_digest", lambda a, b: seen.append((a, b)) or real(a, b))
    for given in ("x", TOKEN[:-1], TOKEN + "x", "y" * 500, TOKEN):
        client.post("/api/documents", json=ARTICLE, headers={"Authorization": f"Bearer {given}"})
    assert [a for a, _ in seen] == [g.encode() for g in ("x", TOKEN[:-1], TOKEN + "x", "y" * 500, TOKEN)]
    assert all(b == TOKEN.encode() for _, b in seen)


def test_no_cross_origin_grants(client) -> None:
    pre = client.options("/api/documents", headers={"Origin": "https://evil.example",
                                                   "Access-Control-Request-Method": "POST"})
    assert "access-control-allow-origin" not in pre.headers
    res = client.get("/api/incidents", headers={"Origin": "https://evil.example"})
    assert "access-control-allow-origin" not in res.headers


def test_the_right_token_writes(store, client) -> None:
    res = client.post("/api/documents", json=ARTICLE, headers={"Authorization": f"Bearer {TOKEN}"})
    assert res.status_code == 200, res.text
    assert store.document("sec-new") is not None
