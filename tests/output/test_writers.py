"""Writers: jsonl, csv, acled-csv (ACLED's columns first, in order), geojson."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from output_synthetic import make_incident

from sitrep.errors import OutputError
from sitrep.model import RunResult
from sitrep.output import FORMATS, incident_to_dict, write_result
from sitrep.output.writers import (
    ACLED_COLUMNS,
    CSV_COLUMNS,
    interaction_code,
    interaction_text,
)

ACLED_SYRIA = Path("/work/shared/corpus/acled-syria-2020/events.csv")
EXPECTED_ACLED_HEADER = [
    "data_id", "iso", "event_id_cnty", "event_id_no_cnty", "event_date", "year", "time_precision", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction",
    "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision",
    "source", "source_scale", "notes", "fatalities", "timestamp", "iso3",
]  # fmt: skip


def written(run: RunResult, fmt: str) -> str:
    buf = io.StringIO(newline="")
    write_result(run, fmt, buf)
    return buf.getvalue()


def test_unknown_format(run):
    with pytest.raises(OutputError):
        written(run, "xml")


@pytest.mark.parametrize("fmt", FORMATS)
def test_empty_run_writes_valid_output(fmt):
    text = written(RunResult(), fmt)
    if fmt in ("json", "geojson"):
        json.loads(text)
    elif fmt == "jsonl":
        assert text == ""
    else:
        assert len(list(csv.reader(io.StringIO(text)))) == 1  # header only


def test_jsonl_one_incident_per_line(run):
    lines = written(run, "jsonl").splitlines()
    assert [json.loads(x) for x in lines] == [incident_to_dict(i) for i in run.incidents]


def test_acled_header_order(run):
    rows = list(csv.reader(io.StringIO(written(run, "acled-csv"))))
    assert rows[0][: len(EXPECTED_ACLED_HEADER)] == EXPECTED_ACLED_HEADER
    assert list(ACLED_COLUMNS) == EXPECTED_ACLED_HEADER
    assert len(rows) == 1 + len(run.incidents)


def test_acled_header_matches_a_real_export():
    if not ACLED_SYRIA.exists():
        pytest.skip("shared corpus not available")
    with open(ACLED_SYRIA, encoding="utf-8", newline="") as f:
        header = next(csv.reader(f))
    assert list(ACLED_COLUMNS) == header


def test_acled_row_values(run):
    row = next(csv.DictReader(io.StringIO(written(run, "acled-csv"))))
    assert (row["iso"], row["iso3"], row["region"]) == ("760", "SYR", "Middle East")
    assert row["event_date"] == "2021-03-02" and row["year"] == "2021"
    assert row["inter1"] == "State forces" and row["interaction"] == "State forces-Civilians"
    assert row["interaction_code"] == "17" and row["inter2_code"] == "7"
    assert row["source"] == "The Daily Example; Other Wire"
    assert row["latitude"] == "36.1235" and row["longitude"] == "36.7654"
    assert row["timestamp"] == "1614816000"  # 2021-03-04T00:00:00Z
    assert row["source_doc_ids"] == "zorvan-01.txt; zorvan-02.txt" and row["source_count"] == "2"
    assert row["civilian_targeting"] == "Civilian targeting"
    assert row["notes"] == incident_to_dict(run.incidents[0])["notes"]


def test_flat_csv(run):
    reader = csv.DictReader(io.StringIO(written(run, "csv")))
    assert tuple(reader.fieldnames) == CSV_COLUMNS
    first, second = list(reader)
    assert first["source_outlets"] == "The Daily Example; Other Wire"
    assert first["source_claimed_by"] == "Zorvan Rescue"
    assert first["source_sentence"] == run.incidents[0].sources[0].sentence
    assert first["civilian_targeting"] == "true" and first["fatalities_low"] == "3"
    assert second["latitude"] == "" and second["source_count"] == "0"


def test_geojson(run):
    data = json.loads(written(run, "geojson"))
    assert data["type"] == "FeatureCollection"
    (feat,) = data["features"]
    inc = run.incidents[0]
    assert feat["type"] == "Feature" and feat["geometry"]["type"] == "Point"
    assert feat["geometry"]["coordinates"] == [inc.longitude, inc.latitude]  # [lon, lat]
    assert feat["properties"] == incident_to_dict(inc) and feat["id"] == inc.incident_id
    assert [u["incident_id"] for u in data["unlocated"]] == ["inc-2"]


def test_geojson_coordinates_in_range():
    run = RunResult(incidents=[make_incident(latitude=-33.9, longitude=151.2), make_incident(latitude=0.0, longitude=0.0)])
    data = json.loads(written(run, "geojson"))
    for f in data["features"]:
        lon, lat = f["geometry"]["coordinates"]
        assert -180 <= lon <= 180 and -90 <= lat <= 90
    assert len(data["features"]) == 2  # 0.0 is a coordinate, not a missing one


@pytest.mark.parametrize(
    ("i1", "i2", "text", "code"),
    [("State forces", "Rebel group", "State forces-Rebel group", 12),
     ("Rebel group", "State forces", "State forces-Rebel group", 12),
     ("Protesters", "", "Protesters only", 60),
     ("", "", "", None),
     ("External/Other forces", "External/Other forces", "External/Other forces-External/Other forces", 88)],
)  # fmt: skip
def test_interaction(i1, i2, text, code):
    assert interaction_text(i1, i2) == text and interaction_code(i1, i2) == code
