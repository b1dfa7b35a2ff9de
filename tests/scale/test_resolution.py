"""Blocked resolution gives exactly what ``resolve`` gives, section by section, at both levels."""

from __future__ import annotations

import io

import pytest

from sitrep.output import write_result
from sitrep.output.serialize import run_to_dict
from sitrep.pipeline import run, run_stream
from sitrep.resolve import resolve
from sitrep.scale.resolution import BlockedResolver, resolve_blocked


@pytest.mark.parametrize(("level", "acled"), [("incident", False), ("document", False), ("incident", True)])
def test_same_run_as_resolve_on_the_dev_sets(results, level, acled):
    want = run_to_dict(resolve(results, level=level, acled_aggregation=acled))
    resolver = BlockedResolver(level=level, acled_aggregation=acled)
    resolver.extend(results)
    got = run_to_dict(resolver.result())
    got.pop("documents")
    want.pop("documents")
    assert got == want
    assert resolver.stats["mentions"] >= len(got["incidents"]) > 0


def test_blocks_are_smaller_than_the_whole(results):
    resolver = BlockedResolver(level="incident")
    resolver.extend(results)
    resolver.result()
    assert resolver.stats["components"] > 1
    assert resolver.stats["largest_component"] < resolver.stats["mentions"]


def test_lazy_sections_are_sequences(results):
    out = resolve_blocked(results[:40])
    assert len(out.incidents) == len(list(out.incidents))
    assert bool(out.incidents) == (len(out.incidents) > 0)
    if len(out.incidents):
        assert out.incidents[0].incident_id == next(iter(out.incidents)).incident_id


def test_documents_keep_metadata_but_not_text(results):
    out = resolve_blocked(results[:5])
    docs = list(out.documents)
    assert [d.doc_id for d in docs] == [r.article.doc_id for r in results[:5]]
    assert all(d.text == "" for d in docs)


def test_add_after_result_is_refused(results):
    resolver = BlockedResolver()
    resolver.result()
    with pytest.raises(ValueError):
        resolver.add(results[0])


@pytest.mark.parametrize("fmt", ["json", "csv", "acled-csv", "geojson"])
def test_run_stream_writes_the_same_output_as_run(engine, corpus, fmt):
    sample = corpus[:60]
    a, b = io.StringIO(), io.StringIO()
    write_result(run(sample, engine=engine), fmt, a)
    write_result(run_stream(sample, engine=engine), fmt, b)
    assert a.getvalue() == b.getvalue()
