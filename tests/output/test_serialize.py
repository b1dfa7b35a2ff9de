"""Serialisation: the spec's field names, exactly; ISO dates; no internal fields."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest

from sitrep.model import Mention, Span
from sitrep.output import incident_to_dict, run_to_dict, write_result
from sitrep.output.serialize import error_to_dict

from output_synthetic import make_incident

SPEC = Path("/work/shared/spec/interfaces.md")

INCIDENT_SPEC_FIELDS = {
    "incident_id", "event_date", "date_min", "date_max", "time_precision", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "actor2", "assoc_actor_2", "inter1", "inter2", "civilian_targeting", "country",
    "admin1", "admin2", "location", "latitude", "longitude", "geo_precision", "geonameid", "fatalities",
    "fatalities_low", "fatalities_best", "fatalities_high", "injuries_low", "injuries_high", "grade", "sources",
    "notes",
}  # fmt: skip
SOURCE_FIELDS = {"doc_id", "outlet", "published", "url", "sentence", "start", "end", "claimed_by"}
AGGREGATE_FIELDS = {"doc_id", "quantity", "value_low", "value_high", "area", "period_start", "period_end",
                    "claimed_by", "sentence", "start", "end"}  # fmt: skip
CLAIM_FIELDS = {"doc_id", "value", "sentence", "start", "end", "claimed_by"}
DOCUMENT_FIELDS = {"doc_id", "title", "outlet", "published", "published_inferred", "published_evidence", "url", "path"}


def spec_incident_fields() -> set[str]:
    """Field names in the spec's Incident table (read at run time)."""
    text = SPEC.read_text(encoding="utf-8")
    table = text.split("### Incident", 1)[1].split("###", 1)[0]
    return {name for line in table.splitlines() if line.startswith("| `")
            for name in re.findall(r"`(\w+)`", line.split("|")[1])}  # fmt: skip


def roundtrip(run) -> dict:
    buf = io.StringIO()
    write_result(run, "json", buf)
    return json.loads(buf.getvalue())


def test_hardcoded_names_match_the_spec():
    if not SPEC.exists():
        pytest.skip("spec not available")
    assert spec_incident_fields() == INCIDENT_SPEC_FIELDS


def test_json_roundtrip_field_names(run):
    data = roundtrip(run)
    assert set(data) >= {"documents", "incidents", "aggregates", "contradictions", "framing"}
    inc = data["incidents"][0]
    assert INCIDENT_SPEC_FIELDS <= set(inc)
    assert set(inc) - INCIDENT_SPEC_FIELDS == {"admin3"}
    assert all(set(s) == SOURCE_FIELDS for s in inc["sources"])
    assert set(data["aggregates"][0]) == AGGREGATE_FIELDS
    con = data["contradictions"][0]
    assert set(con) == {"subject", "claims", "reason"} and set(con["claims"][0]) == CLAIM_FIELDS
    assert set(data["framing"][0]) == {"actor", "doc_id", "outlet", "labels"}
    assert DOCUMENT_FIELDS <= set(data["documents"][0])
    assert set(data["errors"][0]) == {"code", "path", "line", "message"}


def test_json_stream_equals_run_to_dict(run):
    assert roundtrip(run) == run_to_dict(run)


def test_values_and_iso_dates(run):
    data = roundtrip(run)
    inc = data["incidents"][0]
    assert inc["event_date"] == "2021-03-02" and inc["sources"][0]["published"] == "2021-03-04"
    assert inc["latitude"] == 36.1234567 and inc["fatalities_best"] == 4
    assert data["documents"][0]["published"] == "2021-03-04" and data["documents"][0]["published_inferred"] is True
    assert data["aggregates"][0]["period_start"] == "2021-01-01" and data["aggregates"][0]["period_end"] is None
    assert data["errors"][0] == {"code": "SR104", "path": "in/bad.jsonl", "line": 7, "message": "not a JSON object"}


def test_mentions_are_internal():
    inc = make_incident()
    inc.mentions.append(Mention("d", Span(0, 1, "x"), Span(0, 1, "x"), "Battles", "Armed clash"))
    assert "mentions" not in incident_to_dict(inc)


def test_notes_kept_when_given_else_generated():
    assert incident_to_dict(make_incident(notes="Given note."))["notes"] == "Given note."
    assert incident_to_dict(make_incident())["notes"].startswith("On 2 March 2021, ")


def test_error_to_dict_of_a_plain_exception():
    assert error_to_dict(ValueError("boom")) == {"code": "SR000", "path": None, "line": None, "message": "boom"}
