"""GET endpoints: listings, filters, pagination, GeoJSON, incident detail, documents, docs, web root."""

from __future__ import annotations

from urllib.parse import quote

from sitrep.api.app import MAX_PAGE


def test_incidents_listing_and_pagination(client) -> None:
    res = client.get("/api/incidents")
    assert res.status_code == 200
    data = res.json()
    assert data["total"] == 4 and len(data["incidents"]) == 4
    dates = [i["event_date"] for i in data["incidents"]]
    assert dates == sorted(dates, reverse=True)
    page = client.get("/api/incidents", params={"limit": 2, "offset": 3}).json()
    assert page["total"] == 4 and len(page["incidents"]) == 1
    assert client.get("/api/incidents", params={"limit": MAX_PAGE + 1}).status_code == 422
    assert client.get("/api/incidents", params={"limit": 0}).status_code == 422
    assert client.get("/api/incidents", params={"offset": -1}).status_code == 422


def test_incident_filters(client) -> None:
    def locs(**params):
        res = client.get("/api/incidents", params=params)
        assert res.status_code == 200, res.text
        return {i["location"] for i in res.json()["incidents"]}

    assert locs(country="Kenya") == {"Nairobi"}
    assert locs(**{"from": "2024-03-02", "to": "2024-03-02"}) == {"Idlib"}
    assert locs(event_type="Explosions/Remote violence", grade="contested") == {"Saraqib"}
    assert locs(actor="hayat tahrir") == {"Homs"}
    assert locs(admin1="idleb") == {"Saraqib", "Idlib"}
    assert locs(bbox="36.5,35.5,37,36") == {"Saraqib", "Idlib"}
    assert client.get("/api/incidents", params={"bbox": "1,2,3"}).status_code == 422
    assert client.get("/api/incidents", params={"from": "not-a-date"}).status_code == 422


def test_geojson(client) -> None:
    data = client.get("/api/incidents", params={"format": "geojson", "country": "Syria"}).json()
    assert data["type"] == "FeatureCollection" and data["total"] == 3
    f = data["features"][0]
    assert f["geometry"]["type"] == "Point" and len(f["geometry"]["coordinates"]) == 2
    assert "latitude" not in f["properties"] and f["properties"]["incident_id"] == f["id"]


def test_incident_detail_has_sources_contradictions_framing(client, store) -> None:
    listing = client.get("/api/incidents", params={"grade": "contested"}).json()["incidents"]
    iid = listing[0]["incident_id"]
    inc = client.get(f"/api/incidents/{iid}").json()
    assert inc["incident_id"] == iid and len(inc["sources"]) == 2
    for src in inc["sources"]:
        text = client.get(f"/api/documents/{src['doc_id']}").json()["text"]
        assert text[src["start"] : src["end"]] == src["sentence"]
    assert len(inc["contradictions"]) == 1
    assert {c["value"] for c in inc["contradictions"][0]["claims"]} == {"5", "7"}
    assert inc["contradictions"][0]["incident_ids"] == [iid]
    outlets = {(f["outlet"], f["actor"]) for f in inc["framing"]}
    assert ("Evening Post", "Military Forces of Syria (2000-2024)") in outlets
    assert client.get("/api/incidents/does-not-exist").status_code == 404


def test_documents(client) -> None:
    data = client.get("/api/documents").json()
    assert data["total"] == 5 and all("text" not in d for d in data["documents"])
    assert {"content_hash", "ingested_at", "n_mentions", "outlet"} <= set(data["documents"][0])
    assert client.get("/api/documents", params={"outlet": "evening post"}).json()["total"] == 2
    doc = client.get("/api/documents/ledger-001").json()
    assert doc["text"].startswith("Shelling by government forces") and len(doc["incident_ids"]) == 1
    assert client.get("/api/documents/nope").status_code == 404


def test_aggregates_contradictions_framing_timeline_facets(client) -> None:
    agg = client.get("/api/aggregates", params={"quantity": "displaced"}).json()
    assert agg["total"] == 2 and {a["value_low"] for a in agg["aggregates"]} == {3000, 4500}
    assert all(a["aggregate_id"].startswith("agg-") for a in agg["aggregates"])
    assert client.get("/api/aggregates", params={"from": "2024-03-04"}).json()["total"] == 1
    con = client.get("/api/contradictions").json()
    assert con["total"] == 1 and len(con["contradictions"][0]["claims"]) == 2
    iid = con["contradictions"][0]["incident_ids"][0]
    assert client.get("/api/contradictions", params={"incident_id": iid}).json()["total"] == 1
    assert client.get("/api/contradictions", params={"incident_id": "x"}).json()["total"] == 0
    fr = client.get("/api/framing", params={"actor": "syria", "outlet": "Daily Ledger"}).json()
    assert [f["labels"] for f in fr["framing"] if f["actor"].startswith("Military")] == [["government forces"]]
    tl = client.get("/api/timeline", params={"country": "Syria"}).json()
    assert sum(r["incidents"] for r in tl) == 3
    facets = client.get("/api/facets").json()
    assert facets["counts"]["incidents"] == 4 and "contested" in facets["grades"]


def test_docs_openapi_and_web_root(client) -> None:
    schema = client.get("/openapi.json").json()
    assert "/api/incidents" in schema["paths"] and "/api/incidents/{incident_id}" in schema["paths"]
    assert schema["paths"]["/api/documents"]["post"]["security"] == [{"bearer": []}]
    docs = client.get("/docs")
    assert docs.status_code == 200 and "/static/vendor/swagger-ui/swagger-ui-bundle.js" in docs.text
    root = client.get("/")
    assert root.status_code == 200 and 'id="map"' in root.text
    csp = root.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert root.headers["x-content-type-options"] == "nosniff"
    assert client.get("/static/app.js").status_code == 200


def test_document_ids_with_slashes_and_unicode(client) -> None:
    body = [{"id": "dir/sub/ärticle 1", "text": "Clashes erupted in Homs on Tuesday between two armed groups."}]
    res = client.post("/api/documents", json=body, headers={"Authorization": "Bearer test-token-5b1f0c"})
    assert res.status_code == 200, res.text
    doc = client.get("/api/documents/" + quote("dir/sub/ärticle 1", safe=""))
    assert doc.status_code == 200 and doc.json()["doc_id"] == "dir/sub/ärticle 1"
