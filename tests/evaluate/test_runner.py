"""The runner's plumbing with a stand-in pipeline on a synthetic shared directory."""

from __future__ import annotations

import csv
import json
from datetime import date

import pytest
from eval_synthetic import GOLD

import sitrep.pipeline
from sitrep.errors import EvalError
from sitrep.evaluate.runner import run_all, shared_root
from sitrep.model import Article, Incident, RunResult, Source


@pytest.fixture
def shared(tmp_path):
    seeds = tmp_path / "corpus" / "seeds"
    seeds.mkdir(parents=True)
    for doc in ("000_alpha.txt", "001_bravo.txt"):
        (seeds / doc).write_text("An invented article about nothing in particular.\n")
    (seeds / "gold.json").write_text(json.dumps(GOLD))
    (seeds / "meta.jsonl").write_text(json.dumps({"doc": "000_alpha.txt", "published": "2021-03-02"}) + "\n")
    acled = tmp_path / "corpus" / "acled-syria-2020"
    acled.mkdir()
    with open(acled / "events.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["event_id_cnty", "event_date", "event_type", "sub_event_type", "actor1", "latitude",
                    "longitude", "fatalities", "notes"])  # fmt: skip
        for i in range(10):
            w.writerow([f"TST{i}", "3-Mar-21", "Battles", "Armed clash", "", "35", "38", "0", f"Invented note {i}."])
    return tmp_path


def fake_run(calls):
    def run(inputs, *, meta=None, level="incident", engine=None, progress=False):
        assert engine == "engine"
        calls.append((inputs, meta, level))
        incidents = []
        for x in inputs:
            if isinstance(x, Article):
                src = Source(x.doc_id, None, x.published, None, x.text, 0, len(x.text))
                incidents.append(Incident(f"i-{x.doc_id}", date(2021, 3, 3), date(2021, 3, 3), date(2021, 3, 3), 1,
                                          "Battles", "Armed clash", sources=[src]))  # fmt: skip
        return RunResult(incidents=incidents)

    return run


def test_run_all_with_stand_in_pipeline(shared, monkeypatch):
    calls = []
    monkeypatch.setattr(sitrep.pipeline, "run", fake_run(calls), raising=False)
    monkeypatch.setattr(sitrep.pipeline, "Engine", lambda: "engine", raising=False)
    report = run_all(shared, limit=4)
    assert set(report.figures) == {"seeds_doc", "seeds_incident", "acled_syria"}
    assert report.errors.keys() == {"acled_kenya", "acled_afghanistan"}  # not in the synthetic corpus
    assert report.runs["acled_syria"]["rows"] == 4 and report.runs["acled_syria"]["of"] == 10
    assert report.figures["acled_syria"]["found"] == 1.0 and report.figures["acled_syria"]["sub_event_type"] == 1.0
    seeds_call = calls[0]
    assert [p.name for p in seeds_call[0]] == ["000_alpha.txt", "001_bravo.txt"]  # only the articles
    assert seeds_call[1].name == "meta.jsonl" and seeds_call[2] == "document"
    assert calls[1][2] == "incident" and calls[2][2] == "document"
    assert [a.doc_id for a in calls[2][0]] == ["TST0", "TST2", "TST5", "TST7"]


def test_run_all_without_pipeline_records_errors(shared, monkeypatch):
    monkeypatch.delattr(sitrep.pipeline, "run", raising=False)
    monkeypatch.delattr(sitrep.pipeline, "Engine", raising=False)
    report = run_all(shared, limit=4)
    assert not report.figures
    assert "pipeline" in report.errors["seeds_doc"]


def test_shared_root(tmp_path, monkeypatch):
    (tmp_path / "corpus").mkdir()
    monkeypatch.setenv("SITREP_SHARED", str(tmp_path))
    assert shared_root() == tmp_path
    monkeypatch.delenv("SITREP_SHARED")
    monkeypatch.chdir(tmp_path)
    with pytest.raises(EvalError):
        shared_root()
