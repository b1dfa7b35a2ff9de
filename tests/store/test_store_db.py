"""The Store: migrations, idempotent incremental ingestion, replacement of updated articles, queries, filters."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from sitrep.errors import InputError, StoreError
from sitrep.store import IncidentFilter, Ingestor, Store, normalise_url, parse_bbox
from sitrep.store.db import redact_url
from sitrep.store.schema import Base, include_object
from sitrep.store.testing import FakeEngine, dump_tables, sample_specs, toy_resolve

INJECTIONS = [
    "' OR '1'='1",
    "'; DROP TABLE incidents; --",
    '" OR 1=1 --',
    "%",
    "_",
    "\\",
    "Syria' UNION SELECT * FROM documents --",
    "\x00",
    "😀' OR ''='",
]


def _ingest(store: Store, specs, **kw):
    engine = kw.pop("engine", None) or FakeEngine(specs)
    return Ingestor(store, engine=engine, resolver=toy_resolve, **kw).run([s.article() for s in specs]), engine


def test_migration_matches_models_and_is_idempotent(db_url) -> None:
    store = Store(db_url)
    with store.engine.connect() as conn:
        ctx = MigrationContext.configure(conn, opts={"include_object": include_object})
        diffs = compare_metadata(ctx, Base.metadata)
        assert diffs == []
        assert MigrationContext.configure(conn).get_current_revision() == "0003"
    store.close()
    Store(db_url).close()  # re-opening applies nothing and fails on nothing


def test_url_normalisation(monkeypatch) -> None:
    assert normalise_url("postgresql://u:p@h/db") == "postgresql+psycopg://u:p@h/db"
    assert normalise_url("postgres://u@h/db") == "postgresql+psycopg://u@h/db"
    assert normalise_url("some/file.db") == "sqlite:///some/file.db"
    monkeypatch.delenv("SITREP_DB", raising=False)
    assert normalise_url(None) == "sqlite:///sitrep.db"
    monkeypatch.setenv("SITREP_DB", "sqlite:////tmp/x.db")
    assert normalise_url(None) == "sqlite:////tmp/x.db"
    assert redact_url("postgresql://user:secret@host/db") == "postgresql://user:***@host/db"


def test_bad_url_is_a_store_error(tmp_path) -> None:
    with pytest.raises(StoreError):
        Store("nosuchdialect://x/y")


def test_ingest_twice_leaves_the_database_unchanged(store) -> None:
    specs = sample_specs()
    first, _ = _ingest(store, specs)
    assert (first.new, first.updated, first.unchanged, first.failed) == (len(specs), 0, 0, 0)
    assert first.resolved and first.incidents == 4 and first.contradictions == 1
    before = dump_tables(store)
    second, engine = _ingest(store, specs)
    assert (second.new, second.updated, second.unchanged) == (0, 0, len(specs))
    assert not second.resolved
    assert engine.calls == 0  # nothing processed, engine never needed
    assert dump_tables(store) == before


def test_re_resolution_writes_identical_rows(store) -> None:
    specs = sample_specs()
    _ingest(store, specs)
    before = {k: v for k, v in dump_tables(store).items() if k != "store_info"}
    Ingestor(store, engine=FakeEngine(specs), resolver=toy_resolve).resolve()
    after = {k: v for k, v in dump_tables(store).items() if k != "store_info"}
    assert after == before


def test_updated_article_replaces_its_old_version(store) -> None:
    specs = sample_specs()
    _ingest(store, specs)
    old = store.document("post-002")
    spec = next(s for s in specs if s.doc_id == "post-002")
    spec.sentences[0] = spec.sentences[0].replace("seven", "five")
    spec.events[0].sentence = spec.sentences[0]
    spec.events[0].killed = 5
    summary, engine = _ingest(store, specs)
    assert (summary.new, summary.updated, summary.unchanged) == (0, 1, len(specs) - 1)
    assert engine.calls == 1 and summary.resolved
    new = store.document("post-002")
    assert new.content_hash != old.content_hash and "five" in new.article.text
    assert new.ingested_at == old.ingested_at and new.updated_at >= old.updated_at
    assert store.counts()["documents"] == len(specs)
    saraqib = store.incidents(
        IncidentFilter(admin1="Idleb", event_type="Explosions/Remote violence", date_to=date(2024, 3, 1))
    ).items
    assert len(saraqib) == 1 and saraqib[0].grade == "corroborated" and saraqib[0].fatalities_high == 5
    assert store.contradictions().total == 0  # the two tolls now agree


def test_metadata_change_counts_as_update(store) -> None:
    specs = sample_specs()
    _ingest(store, specs)
    specs[0].outlet = "Renamed Ledger"
    summary, _ = _ingest(store, specs)
    assert summary.updated == 1
    assert store.document(specs[0].doc_id).article.outlet == "Renamed Ledger"


def test_failures_are_reported_and_the_rest_goes_on(store) -> None:
    specs = sample_specs()

    class Flaky(FakeEngine):
        def process(self, article):
            if article.doc_id == "post-003":
                raise RuntimeError("boom")
            return super().process(article)

    items = [InputError("cannot read", path="bad.jsonl", line=3)] + [s.article() for s in specs]
    summary = Ingestor(store, engine=Flaky(specs), resolver=toy_resolve).run(items)
    assert summary.failed == 2 and summary.new == len(specs) - 1
    where = sorted(f.where() for f in summary.failures)
    assert where == ["bad.jsonl:3", "post-003.txt"]
    assert store.counts()["documents"] == len(specs) - 1


def test_unresolved_store_is_resolved_on_next_run(store) -> None:
    specs = sample_specs()

    def broken(results, *, level):
        raise StoreError("resolver down")

    with pytest.raises(StoreError):
        Ingestor(store, engine=FakeEngine(specs), resolver=broken).run([s.article() for s in specs])
    assert store.info()["dirty"] == "1" and store.counts()["incidents"] == 0
    summary, _ = _ingest(store, specs)
    assert summary.unchanged == len(specs) and summary.resolved and store.counts()["incidents"] == 4


def test_level_change_re_resolves(store) -> None:
    specs = sample_specs()
    _ingest(store, specs)
    summary, _ = _ingest(store, specs, level="document")
    assert summary.resolved and summary.incidents == 5  # the two Saraqib reports are no longer merged
    assert store.info()["level"] == "document"


def test_incident_round_trip_through_the_store(store) -> None:
    specs = sample_specs()
    _ingest(store, specs)
    expected = toy_resolve([FakeEngine(specs).process(s.article()) for s in specs])
    got = store.run_result()
    assert [dataclasses.replace(i, mentions=[]) for i in expected.incidents] == got.incidents
    assert expected.aggregates == got.aggregates
    assert expected.contradictions == got.contradictions
    assert expected.framing == got.framing
    assert {a.doc_id for a in got.documents} == {s.doc_id for s in specs}
    for inc in got.incidents:
        for src in inc.sources:
            text = store.document(src.doc_id).article.text
            assert text[src.start : src.end] == src.sentence


def test_document_results_come_back(store) -> None:
    specs = sample_specs()
    engine = FakeEngine(specs)
    _ingest(store, specs, engine=engine)
    for spec in specs:
        assert store.document_result(spec.doc_id) == engine.process(spec.article())
    assert store.document_result("nope") is None


def test_filters(store) -> None:
    _ingest(store, sample_specs())

    def ids(**kw):
        return {i.location for i in store.incidents(IncidentFilter(**kw)).items}

    assert ids() == {"Saraqib", "Idlib", "Nairobi", "Homs"}
    assert ids(country="kenya") == {"Nairobi"}
    assert ids(admin1="IDLEB") == {"Saraqib", "Idlib"}
    assert ids(event_type="Protests") == {"Nairobi"}
    assert ids(actor="russia") == {"Idlib"}
    assert ids(grade="contested") == {"Saraqib"}
    assert ids(date_from=date(2024, 3, 2), date_to=date(2024, 3, 2)) == {"Idlib"}
    assert ids(bbox=parse_bbox("36,35,37,36")) == {"Saraqib", "Idlib"}
    assert ids(bbox=(170.0, -90.0, 40.0, 90.0)) == {"Nairobi", "Saraqib", "Idlib", "Homs"}  # antimeridian
    page = store.incidents(limit=2, offset=1, order="date")
    assert page.total == 4 and len(page.items) == 2


@pytest.mark.parametrize("bad", INJECTIONS)
def test_injection_strings_match_nothing(store, bad) -> None:
    _ingest(store, sample_specs())
    before = dump_tables(store)
    for field in ("country", "admin1", "event_type", "actor", "grade"):
        assert store.incidents(IncidentFilter(**{field: bad})).total == 0
    assert store.incident(bad) is None
    assert store.document(bad) is None
    assert store.framing(actor_contains=bad).total == 0
    assert store.aggregates(quantity=bad).total == 0
    assert dump_tables(store) == before


@pytest.mark.parametrize("text", ["1,2,3", "a,b,c,d", "0,100,1,0", "nan,0,1,1"])
def test_bad_bbox(text) -> None:
    with pytest.raises(StoreError):
        parse_bbox(text)


def test_aggregates_contradictions_framing_queries(store) -> None:
    _ingest(store, sample_specs())
    disp = store.aggregates(quantity="displaced").items
    assert [a.aggregate.value_low for a in disp] == [3000, 4500]
    assert store.aggregates(date_from=date(2024, 3, 3)).total == 1
    con = store.contradictions().items[0]
    saraqib = store.incidents(IncidentFilter(grade="contested")).items[0]
    assert con.incident_ids == [saraqib.incident_id]
    assert store.contradictions(incident_ids=[saraqib.incident_id]).total == 1
    assert store.contradictions(incident_filter=IncidentFilter(country="Kenya")).total == 0
    frames = store.framing(actors=["Military Forces of Syria (2000-2024)"]).items
    assert {(f.outlet, tuple(f.labels)) for f in frames} >= {
        ("Daily Ledger", ("government forces",)),
        ("Evening Post", ("Regime artillery",)),
    }
    assert store.timeline(IncidentFilter(country="Syria"))[0] == {
        "date": "2024-03-01",
        "event_type": "Explosions/Remote violence",
        "incidents": 1,
        "fatalities": 5,
    }
    facets = store.facets()
    assert facets["date_min"] == "2024-03-01" and "Protests" in facets["event_types"]


def test_filtered_run_result_narrows_every_part(store) -> None:
    _ingest(store, sample_specs())
    run = store.run_result(IncidentFilter(country="Kenya"))
    assert [i.location for i in run.incidents] == ["Nairobi"]
    assert [d.doc_id for d in run.documents] == ["wire-004"]
    assert run.aggregates == [] and run.contradictions == []


def test_engine_that_cannot_load_stops_before_saving(store) -> None:
    from sitrep.errors import DataError

    def broken():
        raise DataError("bad lexicon")

    with pytest.raises(DataError):
        Ingestor(store, engine_factory=broken, resolver=toy_resolve).run([s.article() for s in sample_specs()])
    assert store.counts()["documents"] == 0
