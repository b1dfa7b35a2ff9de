"""Every filter and every id is a bound parameter, on SQLite and PostgreSQL: attack strings match nothing,
change nothing, never error, and hostile values stored in the data are found by exact match like any other."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from security_data import HOSTILE, HOSTILE_DOC, HOSTILE_ID

from sitrep.store.testing import dump_tables

ATTACKS = [
    "' OR '1'='1", "' OR 1=1 --", '" OR ""="', "') OR ('a'='a", "1; DROP TABLE incidents; --",
    "'; DELETE FROM documents; --", "' UNION SELECT incident_id, notes FROM incidents --",
    "Syria' AND (SELECT count(*) FROM documents) > 0 --", "'||(SELECT version())||'",
    "'; SELECT pg_sleep(5); --", "$$; DROP TABLE incidents; $$", "E'\\x27'", "'::text", "\\'", "\\",
    "%", "_", "%%", "%_%", "[a-z]*", ".*", "*", "?", "'; ATTACH DATABASE '/tmp/x.db' AS x; --",
    "' COLLATE NOCASE --", "\x00", "a\x00' OR 1=1", "\u0000", "\ud7ff", "😀' OR ''='", "ｓｙｒｉａ' OR 1=1",
    "<script>alert(1)</script>", "../../etc/passwd", "%2e%2e%2f", "null", "None", "undefined", "true",
    "-1", "0x7fffffff", "1e309", " ", "\t\n", "a" * 200,
]
INCIDENT_TEXT = ("country", "admin1", "event_type", "actor", "grade")


def _expected(incidents: list[dict], param: str, value: str) -> int:
    """How many incidents a filter should keep, computed in Python (the oracle for the SQL)."""
    needle = value.strip().lower()
    if not needle:
        return len(incidents)
    if param == "actor":
        cols = ("actor1", "actor2", "assoc_actor_1", "assoc_actor_2")
        return sum(any(needle in (i[c] or "").lower() for c in cols) for i in incidents)
    return sum((i[param] or "").strip().lower() == needle for i in incidents)


def test_attack_strings_in_every_filter_and_id(ro_client, ro_store) -> None:
    client = ro_client
    before = dump_tables(ro_store)
    everything = client.get("/api/incidents", params={"limit": 1000}).json()["incidents"]
    for attack in ATTACKS:
        _attack(client, everything, attack)
    assert dump_tables(ro_store) == before


def _attack(client, everything: list[dict], attack: str) -> None:
    """One attack string in every filter and id."""
    for param in INCIDENT_TEXT:
        want = _expected(everything, param, attack) if "\x00" not in attack else 0
        res = client.get("/api/incidents", params={param: attack})
        assert res.status_code == 200, (param, res.text)
        assert res.json()["total"] == want, (param, attack)
        res = client.get("/api/timeline", params={param: attack})
        assert res.status_code == 200, (param, res.text)
        assert sum(row["incidents"] for row in res.json()) == want, (param, attack)
    for path, param in (("/api/documents", "outlet"), ("/api/aggregates", "quantity"), ("/api/contradictions",
                        "incident_id"), ("/api/framing", "actor"), ("/api/framing", "outlet"),
                        ("/api/framing", "doc_id")):
        res = client.get(path, params={param: attack})
        assert res.status_code == 200, (path, param, attack, res.text)
    for param in ("from", "to", "bbox", "limit", "offset", "format", "order"):
        res = client.get("/api/incidents", params={param: attack})
        assert res.status_code in (200, 422), (param, attack, res.text)
    for path in ("/api/incidents/", "/api/documents/"):
        assert client.get(path + quote(attack, safe="")).status_code in (404, 405), (path, attack)


def test_like_wildcards_are_literal(ro_client) -> None:
    client = ro_client
    """'%' and '_' in a substring filter match those characters, not anything."""
    assert client.get("/api/incidents", params={"actor": "%_\\"}).json()["total"] == 1
    assert client.get("/api/incidents", params={"actor": "%"}).json()["total"] == 1
    assert client.get("/api/incidents", params={"actor": "_"}).json()["total"] == 1
    assert client.get("/api/framing", params={"actor": "%"}).json()["total"] == 0


@pytest.mark.parametrize("field", sorted(HOSTILE.keys() - {"location", "actor1"}))
def test_hostile_values_are_data(ro_client, field) -> None:
    client = ro_client
    res = client.get("/api/incidents", params={field: HOSTILE[field]})
    assert res.status_code == 200 and res.json()["total"] == 1
    assert res.json()["incidents"][0]["incident_id"] == HOSTILE_ID


def test_hostile_ids_are_data(ro_client) -> None:
    client = ro_client
    inc = client.get("/api/incidents/" + quote(HOSTILE_ID, safe=""))
    assert inc.status_code == 200 and inc.json()["location"] == HOSTILE["location"]
    doc = client.get("/api/documents/" + quote(HOSTILE_DOC, safe=""))
    assert doc.status_code == 200 and doc.json()["doc_id"] == HOSTILE_DOC and "<script>" in doc.json()["text"]
    assert client.get("/api/documents", params={"outlet": "O'Reilly \"Daily\"; --"}).json()["total"] == 1
    assert client.get("/api/framing", params={"doc_id": HOSTILE_DOC}).status_code == 200
    assert client.get("/api/contradictions", params={"incident_id": HOSTILE_ID}).json()["total"] == 0
    assert client.get("/api/incidents/" + quote(HOSTILE_ID[:-1], safe="")).status_code == 404


@pytest.mark.parametrize("params", [
    {"limit": 1001}, {"limit": 10**6}, {"limit": 10**30}, {"limit": 0}, {"limit": -1}, {"limit": "1e3"},
    {"limit": "ten"}, {"offset": -1}, {"offset": 2**31}, {"offset": 2**63}, {"offset": 10**30}, {"offset": "x"},
])
def test_oversized_or_malformed_pages_are_refused(ro_client, params) -> None:
    client = ro_client
    for path in ("/api/incidents", "/api/documents", "/api/aggregates", "/api/contradictions", "/api/framing"):
        res = client.get(path, params=params)
        assert res.status_code == 422, (path, params, res.status_code)


def test_largest_page_and_offset_are_served(ro_client) -> None:
    client = ro_client
    for path in ("/api/incidents", "/api/documents", "/api/aggregates", "/api/contradictions", "/api/framing"):
        assert client.get(path, params={"limit": 1000, "offset": 2**31 - 1}).status_code == 200, path
