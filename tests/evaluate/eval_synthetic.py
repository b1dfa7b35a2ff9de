"""Synthetic gold files and outputs (invented places, actors and sentences) for the evaluation tests."""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path
from types import ModuleType

SHARED = Path(os.environ.get("SITREP_SHARED", "/work/shared"))
REFERENCE_SCORER = SHARED / "tools" / "score.py"

DOCS = ("000_alpha.txt", "001_bravo.txt", "002_echo.txt", "003_charlie.txt", "004_delta.txt")

GOLD = {
    "about": "synthetic test gold",
    "actors": {
        "GOV": {"label": "Military Forces of Testland (2001-)", "match": "^(?!.*rebel).*(military forces of testland|government)"},
        "REB": {"label": "RF: Rebel Front", "match": "rebel front|^rf"},
        "CIV": {"label": "Civilians (Testland)", "match": "civilian"},
    },
    "incidents": [
        {"id": "G1", "reported_in": ["000_alpha.txt"], "event_type": "Explosions/Remote violence",
         "sub_event_type": "Air/drone strike", "also_accept_sub_event_types": [],
         "date_min": "2021-03-02", "date_max": "2021-03-02", "actor1_any_of": ["GOV"], "actor2_any_of": [],
         "location": "Kalmar Ridge", "admin1": "North Province", "lat": 35.0, "lon": 38.0, "geo_precision": 1,
         "fatalities": [3, 3], "required": True, "aliases": ["Kalmar"]},
        {"id": "G2", "reported_in": ["000_alpha.txt", "002_echo.txt"], "event_type": "Battles",
         "sub_event_type": "Armed clash", "also_accept_sub_event_types": ["Government regains territory"],
         "date_min": "2021-03-01", "date_max": "2021-03-03", "actor1_any_of": ["GOV", "REB"], "actor2_any_of": [],
         "location": "Tel Ossan", "admin1": "North Province", "lat": 35.5, "lon": 38.4, "geo_precision": 1,
         "fatalities": None, "required": True, "aliases": ["Tall Ussan"]},
        {"id": "G3", "reported_in": ["001_bravo.txt"], "event_type": "Violence against civilians",
         "sub_event_type": "Attack", "also_accept_sub_event_types": [],
         "date_min": "2022-07-10", "date_max": "2022-07-12", "actor1_any_of": ["REB"], "actor2_any_of": ["CIV"],
         "location": "al-Miran", "admin1": "East Province", "geo_precision": 2,
         "fatalities": [2, 5], "required": True, "aliases": []},
        {"id": "G4", "reported_in": ["003_charlie.txt", "004_delta.txt"], "event_type": "Battles",
         "sub_event_type": "Non-state actor overtakes territory", "also_accept_sub_event_types": [],
         "date_min": "2022-07-11", "date_max": "2022-07-11", "actor1_any_of": ["REB"], "actor2_any_of": ["GOV"],
         "location": "Darsin", "admin1": "East Province", "lat": 36.2, "lon": 37.1, "geo_precision": 1,
         "fatalities": [0, 0], "required": True, "aliases": []},
        {"id": "G5", "reported_in": ["003_charlie.txt"], "event_type": "Strategic developments",
         "sub_event_type": "Change to group/activity", "also_accept_sub_event_types": ["Other"],
         "date_min": "2022-07-09", "date_max": "2022-07-13", "actor1_any_of": [], "actor2_any_of": [],
         "location": "Darsin", "admin1": "East Province", "lat": 36.2, "lon": 37.1, "geo_precision": 1,
         "fatalities": None, "required": False, "aliases": []},
        {"id": "G6", "reported_in": ["004_delta.txt"], "event_type": "Explosions/Remote violence",
         "sub_event_type": "Shelling/artillery/missile attack", "also_accept_sub_event_types": [],
         "date_min": "2022-07-11", "date_max": "2022-07-11", "actor1_any_of": ["GOV"], "actor2_any_of": [],
         "location": "Qasr Nour", "admin1": "East Province", "geo_precision": 3,
         "fatalities": [1, 4], "required": True, "aliases": ["Kasr Nur"]},
    ],
    "aggregates": [],
    "contradictions": [],
    "not_contradictions": [],
    "framing_labels": {
        "GOV": {"000_alpha.txt": ["junta troops"], "003_charlie.txt": ["state army", "loyalists"]},
        "REB": {"001_bravo.txt": ["insurgent bands"], "004_delta.txt": ["the front"]},
    },
}


def source(doc: str, published: str | None, start: int = 0, claimed_by: str | None = None) -> dict:
    """A source dict with an invented sentence."""
    return {"doc_id": doc, "outlet": None, "published": published, "url": None,
            "sentence": "A made-up sentence for testing.", "start": start, "end": start + 31, "claimed_by": claimed_by}  # fmt: skip


def incident(event_type: str, sub: str, day: str, sources: list[dict], **kw) -> dict:
    """An incident dict with defaults for everything not given."""
    base = {"incident_id": "x", "event_date": day, "date_min": day, "date_max": day, "time_precision": 1,
            "event_type": event_type, "sub_event_type": sub, "actor1": "", "actor2": "", "location": "",
            "admin1": "", "latitude": None, "longitude": None, "fatalities": 0, "sources": sources}  # fmt: skip
    base.update(kw)
    return base


def example_outputs() -> list[dict]:
    """Hand-built outputs that exercise every matching rule."""
    ex = "Explosions/Remote violence"
    good = {
        "incidents": [
            incident(ex, "Air/drone strike", "2021-03-02", [source("000_alpha.txt", "2021-03-02")],
                     actor1="Military Forces of Testland (2001-)", latitude=35.05, longitude=38.02, fatalities=3),
            incident("Battles", "Government regains territory", "2021-03-04",
                     [source("000_alpha.txt", "2021-03-02"), source("002_echo", "2021-03-03")],
                     actor1="RF: Rebel Front", location="Tall Ussan"),
            incident("Violence against civilians", "Attack", "2022-07-11", [source("001_bravo.txt", "2022-07-12")],
                     actor1="Rebel Front", admin1="East Province", fatalities=4),
            incident("Battles", "Non-state actor overtakes territory", "2022-07-11",
                     [source("003_charlie.txt", "2022-07-12"), source("004_delta.txt", "2021-12-01")],
                     actor1="RF: Rebel Front", location="Darsine", fatalities=0),
            incident(ex, "Shelling/artillery/missile attack", "2022-07-11", [source("004_delta.txt", "2022-07-12")],
                     actor1="Government of Testland", location="Kasr Nur", fatalities=7),
            incident(ex, "Grenade", "2022-07-11", [source("004_delta.txt", "2022-07-12")], location="Nowhere"),
            incident("Protests", "Peaceful protest", "2022-07-11", []),
        ],
        "contradictions": [
            {"subject": "size of the town", "reason": "different figures",
             "claims": [{"doc_id": "003_charlie.txt", "value": "one million people", "sentence": ""},
                        {"doc_id": "004_delta.txt", "value": "two million people", "sentence": ""}]},
            {"subject": "outcome", "reason": "",
             "claims": [{"doc_id": "000_alpha.txt", "value": "the assault was repelled", "sentence": "x"},
                        {"doc_id": "002_echo.txt", "value": "the hill was taken", "sentence": None}]},
            {"subject": "displaced", "reason": "",
             "claims": [{"doc_id": "001_bravo.txt", "value": "14,000", "sentence": ""},
                        {"doc_id": "003_charlie.txt", "value": "48,500", "sentence": ""}]},
        ],
        "framing": [
            {"actor": "Military Forces of Testland (2001-)", "doc_id": "000_alpha", "labels": ["Junta troops"]},
            {"actor": "RF: Rebel Front", "doc_id": "004_delta.txt", "labels": ["front"]},
            {"actor": "Rebel Front", "doc_id": "001_bravo.txt", "labels": ["bandits"]},
        ],
    }
    doc_level = {
        "incidents": [
            incident(ex, "Air/drone strike", "2021-03-03", [source("000_alpha.txt", "2021-03-02")],
                     actor1="Rebel Front", location="Kalmar", fatalities=2),
            incident(ex, "Air/drone strike", "2021-03-02", [source("000_alpha.txt", "2021-03-02")],
                     actor1="government jets", latitude=35.0, longitude=38.0, fatalities=3),
            incident("Battles", "Armed clash", "2021-03-02", [source("002_echo.txt", "2021-03-02", start=40)],
                     location="Tel Osan"),
            incident("Battles", "Armed clash", "2021-03-02", [source("000_alpha.txt", "2021-03-02", start=5)],
                     latitude=35.6, longitude=38.5),
            incident("Strategic developments", "Other", "2022-07-10", [source("003_charlie.txt", "2022-07-12")],
                     location="Darsin"),
            incident(ex, "Shelling/artillery/missile attack", "2022-07-12", [source("004_delta.txt", "2022-07-12")],
                     admin1="East Province", actor1="Military Forces of Testland (2001-)", fatalities=1),
        ],
    }
    return [good, doc_level, {"incidents": []}, {}]


def load_reference() -> ModuleType | None:
    """The reference scorer imported as a module, or None when the shared tools are absent."""
    if not REFERENCE_SCORER.exists():
        return None
    spec = importlib.util.spec_from_file_location("reference_score", REFERENCE_SCORER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
