"""`ingest` and `export` commands over real input files (the pipeline's engine and resolver are faked)."""

from __future__ import annotations

import csv
import io
import json

import pytest
from typer.testing import CliRunner

from sitrep.store import Store, adapter
from sitrep.store.cli import app
from sitrep.store.testing import FakeEngine, dump_tables, sample_specs, toy_resolve

runner = CliRunner()


@pytest.fixture
def corpus(tmp_path, monkeypatch):
    """A directory of .txt articles, a .jsonl file with one bad line, and a meta file; faked engine/resolver."""
    specs = sample_specs()
    monkeypatch.setattr(adapter, "make_engine", lambda: FakeEngine(specs))
    monkeypatch.setattr(adapter, "resolve", toy_resolve)
    d = tmp_path / "in"
    d.mkdir()
    for s in specs[:3]:
        (d / f"{s.doc_id}.txt").write_text(s.text, encoding="utf-8")
    lines = [
        json.dumps({"id": s.doc_id, "text": s.text, "outlet": s.outlet, "published": s.published.isoformat()})
        for s in specs[3:]
    ]
    lines.insert(1, "{this is not json")
    (d / "batch.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    meta = tmp_path / "meta.jsonl"
    meta.write_text(
        "\n".join(
            json.dumps({"doc": f"{s.doc_id}.txt", "outlet": s.outlet, "published": s.published.isoformat()})
            for s in specs[:3]
        )
        + "\n",
        encoding="utf-8",
    )
    return d, meta


def _ingest(d, meta, url):
    return runner.invoke(app, ["ingest", str(d), "--db", url, "--meta", str(meta)])


def test_help() -> None:
    for cmd in ("ingest", "export"):
        res = runner.invoke(app, [cmd, "--help"])
        assert res.exit_code == 0 and "--db" in res.output


def test_ingest_reports_bad_line_and_goes_on_then_is_idempotent(corpus, db_url) -> None:
    d, meta = corpus
    res = _ingest(d, meta, db_url)
    assert res.exit_code == 1, res.output
    assert "batch.jsonl:2" in res.output
    with Store(db_url) as store:
        counts = store.counts()
        assert counts["documents"] == 5 and counts["incidents"] == 4
        before = dump_tables(store)
    again = _ingest(d, meta, db_url)
    assert again.exit_code == 1  # the bad line is still bad
    assert "nothing changed" in again.output
    with Store(db_url) as store:
        assert dump_tables(store) == before


def test_updated_file_replaces(corpus, db_url, monkeypatch) -> None:
    d, meta = corpus
    _ingest(d, meta, db_url)
    path = d / "post-003.txt"
    path.write_text(path.read_text(encoding="utf-8") + " A later paragraph was added.", encoding="utf-8")
    res = _ingest(d, meta, db_url)
    assert "documents: 0 new, 1 updated, 4 unchanged, 1 failed; 3 incidents" in res.output
    with Store(db_url) as store:
        assert store.counts()["documents"] == 5
        assert "later paragraph" in store.document("post-003.txt").article.text


def test_export_formats(corpus, db_url, tmp_path) -> None:
    d, meta = corpus
    _ingest(d, meta, db_url)
    res = runner.invoke(app, ["export", "--db", db_url, "--format", "json"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    assert set(data) >= {"documents", "incidents", "aggregates", "contradictions", "framing"}
    assert len(data["incidents"]) == 4 and len(data["contradictions"]) == 1
    out = tmp_path / "x.jsonl"
    assert (
        runner.invoke(
            app, ["export", "--db", db_url, "--format", "jsonl", "-o", str(out), "--country", "Syria"]
        ).exit_code
        == 0
    )
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert {r["country"] for r in rows} == {"Syria"} and len(rows) == 3
    geo = json.loads(
        runner.invoke(app, ["export", "--db", db_url, "--format", "geojson", "--event-type", "Protests"]).stdout
    )
    assert [f["properties"]["location"] for f in geo["features"]] == ["Nairobi"]
    for fmt in ("csv", "acled-csv"):
        res = runner.invoke(
            app, ["export", "--db", db_url, "--format", fmt, "--from", "2024-03-02", "--to", "2024-03-31"]
        )
        assert res.exit_code == 0, res.output
        assert len(list(csv.DictReader(io.StringIO(res.stdout)))) == 3


def test_export_rejects_bad_options(db_url) -> None:
    assert runner.invoke(app, ["export", "--db", db_url, "--format", "xml"]).exit_code == 2
    assert runner.invoke(app, ["export", "--db", db_url, "--from", "yesterday"]).exit_code == 2
    assert runner.invoke(app, ["export", "--db", db_url, "--bbox", "1,2"]).exit_code == 2


def test_export_filters_with_injection_text_give_nothing(corpus, db_url) -> None:
    d, meta = corpus
    _ingest(d, meta, db_url)
    res = runner.invoke(app, ["export", "--db", db_url, "--format", "jsonl", "--actor", "' OR 1=1 --"])
    assert res.exit_code == 0 and res.stdout.strip() == ""
