"""The Dask path on a LocalCluster (2 workers in this process): the incidents of ``run``, in Parquet or a store."""

from __future__ import annotations

import json

import pytest

pytest.importorskip("dask.distributed")
pytest.importorskip("pyarrow")

from sitrep.output.serialize import run_to_dict
from sitrep.pipeline import run
from sitrep.scale.cluster import local_client, plan_units, read_parquet_section, run_on_cluster
from sitrep.store.testing import PG_SKIP_REASON, configured_pg_url

from scale_corpus import EXAMPLES, dev_articles

PG_URL = configured_pg_url()


@pytest.fixture(scope="module")
def client():
    c = local_client(2, processes=False)
    yield c
    c.close()
    c.cluster.close()


@pytest.fixture(scope="module")
def inputs():
    """Our examples as files (read by the workers) plus dev-set notes as in-memory articles."""
    return [*dev_articles(per_set={"acled-syria-2020": 90, "acled-kenya-2004-2019": 40}), EXAMPLES / "articles"]


def _flat(d: dict) -> dict:
    return {k: json.dumps(v, ensure_ascii=False) if isinstance(v, list | dict) else v for k, v in d.items()}


def _sorted(rows: list[dict]) -> list[dict]:
    return sorted(rows, key=lambda d: (d["event_date"] or "", d["incident_id"]))


def test_plan_units_keep_input_order(inputs):
    units = plan_units(inputs, meta=EXAMPLES / "meta.jsonl", articles_per_unit=50, files_per_unit=2)
    assert [u.index for u in units] == list(range(len(units)))
    assert all(not f.endswith("meta.jsonl") for u in units for f in u.files)


def test_parquet_output_has_the_incidents_of_run(client, inputs, engine, tmp_path):
    meta = EXAMPLES / "meta.jsonl"
    want = run_to_dict(run(inputs, meta=meta, engine=engine))
    summary = run_on_cluster(inputs, client=client, parquet=tmp_path / "out", meta=meta, articles_per_unit=30, files_per_unit=2)
    assert summary.partitions > 2 and summary.errors == []
    assert _sorted(read_parquet_section(tmp_path / "out", "incidents")) == _sorted([_flat(d) for d in want["incidents"]])
    assert summary.incidents == len(want["incidents"]) > 0
    assert summary.documents == len(want["documents"])
    assert len(read_parquet_section(tmp_path / "out", "documents")) == summary.documents
    assert len(read_parquet_section(tmp_path / "out", "framing")) == len(want["framing"])
    assert len(read_parquet_section(tmp_path / "out", "contradictions")) == len(want["contradictions"])
    assert len(read_parquet_section(tmp_path / "out", "series")) == len(want["series"])


def test_a_non_empty_output_directory_is_refused(client, inputs, tmp_path):
    from sitrep.errors import SitrepError

    run_on_cluster(inputs[:3], client=client, parquet=tmp_path / "out")
    with pytest.raises(SitrepError):
        run_on_cluster(inputs[:3], client=client, parquet=tmp_path / "out")


@pytest.mark.skipif(not PG_URL, reason=PG_SKIP_REASON)
def test_postgresql_store_has_the_incidents_of_run(client, inputs, engine):
    from sitrep.store import Store
    from sitrep.store.testing import reset_database

    meta = EXAMPLES / "meta.jsonl"
    want = run(inputs, meta=meta, engine=engine)
    reset_database(PG_URL)
    summary = run_on_cluster(inputs, client=client, database=PG_URL, meta=meta, articles_per_unit=30, files_per_unit=2)
    store = Store(PG_URL, migrate=False)
    try:
        got = store.run_result(with_text=False)
        assert summary.incidents == len(want.incidents) == len(got.incidents)
        assert sorted(i.incident_id for i in got.incidents) == sorted(i.incident_id for i in want.incidents)
        assert store.counts()["documents"] == len(want.documents)
    finally:
        store.close()
