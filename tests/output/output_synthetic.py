"""Synthetic incidents and runs (invented names and sentences) for the output tests."""

from __future__ import annotations

from datetime import date

from sitrep.errors import JsonLineError
from sitrep.model import (
    Aggregate,
    Article,
    Contradiction,
    ContradictionClaim,
    Framing,
    Incident,
    RunResult,
    Source,
)

SENTENCE = "Jets struck the market in Zorvan on Tuesday, killing three people."


def make_source(doc_id: str = "zorvan-01.txt", **kw) -> Source:
    base = dict(doc_id=doc_id, outlet="The Daily Example", published=date(2021, 3, 4), url="https://example.org/a",
                sentence=SENTENCE, start=120, end=120 + len(SENTENCE), claimed_by="Zorvan Rescue")  # fmt: skip
    base.update(kw)
    return Source(**base)


def make_incident(incident_id: str = "inc-1", **kw) -> Incident:
    base = dict(
        incident_id=incident_id, event_date=date(2021, 3, 2), date_min=date(2021, 3, 2), date_max=date(2021, 3, 2),
        time_precision=1, event_type="Explosions/Remote violence", sub_event_type="Air/drone strike",
        actor1="Military Forces of Syria (2000-2024)", inter1="State forces", actor2="Civilians (Syria)",
        inter2="Civilians", civilian_targeting=True, country="Syria", admin1="Idlib", admin2="Harim",
        location="Zorvan", latitude=36.1234567, longitude=36.7654321, geo_precision=1, geonameid=123,
        fatalities=3, fatalities_low=3, fatalities_best=4, fatalities_high=5, injuries_low=2, injuries_high=6,
        grade="corroborated", sources=[make_source(), make_source("zorvan-02.txt", outlet="Other Wire", claimed_by=None)],
    )  # fmt: skip
    base.update(kw)
    return Incident(**base)


def make_run() -> RunResult:
    art = Article(doc_id="zorvan-01.txt", text="x", title="Strike on Zorvan", outlet="The Daily Example",
                  published=date(2021, 3, 4), published_inferred=True, published_evidence="dateline",
                  url="https://example.org/a", path="in/zorvan-01.txt")  # fmt: skip
    claim = ContradictionClaim("zorvan-01.txt", "three killed", SENTENCE, 120, 120 + len(SENTENCE), "Zorvan Rescue")
    return RunResult(
        documents=[art],
        errors=[JsonLineError("not a JSON object", path="in/bad.jsonl", line=7)],
        incidents=[
            make_incident(),
            make_incident("inc-2", latitude=None, longitude=None, location="", geo_precision=None, sources=[]),
        ],
        aggregates=[Aggregate("zorvan-01.txt", "displaced", 5000, None, "Idlib", date(2021, 1, 1), None,
                              "UN agency", SENTENCE, 0, len(SENTENCE))],  # fmt: skip
        contradictions=[Contradiction("deaths in Zorvan", [claim, claim], "different figures")],
        framing=[Framing("Military Forces of Syria (2000-2024)", "zorvan-01.txt", "The Daily Example", ["regime jets"])],
    )
