"""Golden file: the main job's output on the bundled examples, field by field.

A change in extraction shows here as a readable diff; when it is intended, rerun with
``pytest tests/golden --update-golden`` and review the golden file's diff before committing.
"""

import json
from pathlib import Path

import pytest

from sitrep.output import run_to_dict
from sitrep.pipeline import run

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = Path(__file__).with_name("examples.json")


def _summary(result) -> dict:
    """The stable, reviewable part of the output (no generated ids or notes wording)."""
    out = json.loads(json.dumps(run_to_dict(result), default=str))
    keep = (
        "event_date", "time_precision", "event_type", "sub_event_type", "actor1", "actor2", "country", "admin1",
        "location", "geo_precision", "fatalities", "fatalities_low", "fatalities_high", "grade",
    )
    incidents = [
        {**{k: inc[k] for k in keep}, "sources": sorted(s["doc_id"] for s in inc["sources"])}
        for inc in out["incidents"]
    ]
    incidents.sort(key=lambda i: (i["event_date"] or "", i["location"], i["sub_event_type"], i["sources"]))
    return {
        "documents": sorted(d["doc_id"] for d in out["documents"]),
        "incidents": incidents,
        "aggregates": sorted((a["doc_id"], a["quantity"], a["value_low"]) for a in out["aggregates"]),
        "errors": [e["code"] for e in out["errors"]],
    }


def test_examples_match_the_golden_file(request):
    result = run([ROOT / "examples" / "articles"], meta=ROOT / "examples" / "meta.jsonl", level="incident")
    got = json.loads(json.dumps(_summary(result)))
    if request.config.getoption("--update-golden") or not GOLDEN.exists():
        GOLDEN.write_text(json.dumps(got, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        pytest.skip("golden file written")
    want = json.loads(GOLDEN.read_text(encoding="utf-8"))
    assert got == want
