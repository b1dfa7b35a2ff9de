"""sitrep on a Dask cluster (``dask.distributed``): extraction over a corpus, blocked resolution, output
to Parquet files or to a PostgreSQL (or SQLite) store.

1. The inputs become *units*: groups of files (directories are walked like ``read_inputs`` does) or
   of in-memory Articles. Each unit is one partition of a ``dask.bag``.
2. Each partition reads its files (with ``--meta``), runs the worker's Engine (one per worker
   thread) on every article, writes its documents to the sink (``documents/part-NNNNN.parquet``, or
   ``Store.save_documents``) and returns compact records: each resolvable mention with its article's
   metadata, keyed by its part (event year), plus aggregates, facts and framing rows.
3. Mentions are shuffled by part (``Bag.groupby``); each part is resolved on a worker by the same
   blocked resolution as ``sitrep.scale.resolution`` (components of date window × place, then the
   lead's ``group_mentions`` / ``build_incident``); fact and aggregate contradictions are grouped by
   their keys the same way.
4. Incidents, aggregates, contradictions and framing go to ``<dir>/<section>/part-NNNNN.parquet``;
   for a database they are gathered and written with ``Store.replace_resolved``.

The incidents are those of ``sitrep.pipeline.run`` on the same inputs (tested on a LocalCluster).
Inputs must be readable by every worker (a shared file system or the same paths on every node).
"""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sitrep.errors import InputError, SitrepError
from sitrep.model import Article, Contradiction, DocumentResult, Incident, Mention, RunResult
from sitrep.scale.blocks import keys_of, part_key, sweep
from sitrep.scale.resolution import aggregate_group, incident_sort_key, resolvable

SECTIONS = ("documents", "incidents", "aggregates", "series", "contradictions", "framing", "errors")
DEFAULT_FILES_PER_UNIT = 64
DEFAULT_ARTICLES_PER_UNIT = 500

_local = threading.local()


# ---------------------------------------------------------------------------------------- planning
@dataclass(slots=True)
class Unit:
    """One partition's input: files to read and/or articles given in memory."""

    index: int
    files: list[str] = field(default_factory=list)
    articles: list[Article] = field(default_factory=list)


def list_files(paths: Iterable[str | os.PathLike]) -> list[str]:
    """Input files as ``read_inputs`` would read them: files as given, directories walked sorted, hidden skipped."""
    from sitrep.ingest.readers import READERS

    out: list[str] = []

    def walk(top: Path) -> None:
        for entry in sorted(os.scandir(top), key=lambda e: e.name):
            path = top / entry.name
            if entry.name.startswith("."):
                continue
            if entry.is_dir():
                walk(path)
            elif path.suffix.lower() in READERS:
                out.append(str(path))

    for p in paths:
        path = Path(p)
        if path.is_dir():
            walk(path)
        else:
            out.append(str(path))  # a missing or unsupported file is reported by the worker that reads it
    return out


def plan_units(
    inputs: Sequence[str | os.PathLike | Article],
    *,
    meta: str | os.PathLike | None = None,
    files_per_unit: int = DEFAULT_FILES_PER_UNIT,
    articles_per_unit: int = DEFAULT_ARTICLES_PER_UNIT,
) -> list[Unit]:
    """Partitions of the inputs, in input order (the --meta file itself is never an input)."""
    articles = [x for x in inputs if isinstance(x, Article)]
    skip = {Path(meta).resolve()} if meta else set()
    files = [f for f in list_files([x for x in inputs if not isinstance(x, Article)]) if Path(f).resolve() not in skip]
    units: list[Unit] = []
    for i in range(0, len(articles), articles_per_unit):
        units.append(Unit(len(units), articles=articles[i : i + articles_per_unit]))
    for i in range(0, len(files), files_per_unit):
        units.append(Unit(len(units), files=files[i : i + files_per_unit]))
    return units


# ---------------------------------------------------------------------------------------- sinks
@dataclass(slots=True)
class Sink:
    """Where results go: a directory of Parquet files, or a store URL (PostgreSQL/SQLite)."""

    parquet: str | None = None
    database: str | None = None

    def __post_init__(self) -> None:
        if (self.parquet is None) == (self.database is None):
            raise ValueError("give exactly one of parquet= or database=")

    def save_documents(self, unit: int, results: list[DocumentResult]) -> None:
        """One partition's documents (each with its extraction result)."""
        if self.parquet is not None:
            _write_parquet(Path(self.parquet) / "documents" / f"part-{unit:05d}.parquet", [_document_row(r) for r in results])
            return
        from sitrep.store import Store
        from sitrep.store.db import input_key

        store = Store(self.database, migrate=False)
        try:
            store.save_documents([(input_key(r.article), r) for r in results])
        finally:
            store.close()

    def save_section(self, section: str, part: int | str, rows: list[dict[str, Any]]) -> None:
        """One part file of a section (Parquet only; the database takes the resolved run at once)."""
        if self.parquet is not None:
            name = f"part-{part:05d}" if isinstance(part, int) else f"part-{part}"
            _write_parquet(Path(self.parquet) / section / f"{name}.parquet", rows)


def _write_parquet(path: Path, rows: list[dict[str, Any]]) -> None:
    """Rows (flat dicts) to one Parquet file; an empty partition still writes its (empty) file."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    path.parent.mkdir(parents=True, exist_ok=True)
    table = pa.Table.from_pylist(rows) if rows else pa.table({})
    pq.write_table(table, path)


def read_parquet_section(directory: str | os.PathLike, section: str) -> list[dict[str, Any]]:
    """Every row of one section written by ``run_on_cluster`` (all parts, in part order)."""
    import pyarrow.parquet as pq

    rows: list[dict[str, Any]] = []
    for path in sorted((Path(directory) / section).glob("part-*.parquet")):
        rows.extend(pq.read_table(path).to_pylist())
    return rows


def _document_row(r: DocumentResult) -> dict[str, Any]:
    from sitrep.store.serialize import dumps_result

    a = r.article
    return {
        "doc_id": a.doc_id, "title": a.title, "outlet": a.outlet,
        "published": a.published.isoformat() if a.published else None,
        "published_inferred": bool(a.published_inferred), "url": a.url, "path": a.path, "line": a.line,
        "mentions": len(r.mentions), "aggregates": len(r.aggregates),
        "result_json": dumps_result(r, with_article=False),
    }  # fmt: skip


def _json_row(d: dict[str, Any]) -> dict[str, Any]:
    """A serialised record with nested values (sources, claims, labels) as JSON text: flat Parquet columns."""
    return {k: json.dumps(v, ensure_ascii=False) if isinstance(v, list | dict) else v for k, v in d.items()}


# ---------------------------------------------------------------------------------------- worker side
def _engine():
    """This worker thread's Engine (built once; Engines are not shared between threads)."""
    engine = getattr(_local, "engine", None)
    if engine is None:
        from sitrep.pipeline import Engine

        engine = _local.engine = Engine()
    return engine


def _unit_items(unit: Unit, meta: str | None) -> Iterator[Article | InputError]:
    yield from unit.articles
    if unit.files:
        from sitrep.ingest import read_inputs

        yield from read_inputs(unit.files, meta=meta)


def extract_partition(units: list[Unit], *, meta: str | None, level: str, sink: Sink) -> list[tuple]:
    """Extraction of one partition: documents to the sink, compact records back for resolution."""
    from sitrep.pipeline import process_guarded
    from sitrep.resolve.framing import framing

    out: list[tuple] = []
    for unit in units:
        results: list[DocumentResult] = []
        for item in _unit_items(unit, meta):
            res = item if isinstance(item, InputError) else process_guarded(_engine(), item)
            if isinstance(res, InputError):
                out.append(("error", None, str(res)))
                continue
            results.append(res)
            out.extend(_records(res, level=level, seq=(unit.index, len(results))))
        sink.save_documents(unit.index, results)
        frames = framing(results)
        out.extend(("aggregate_row", None, a) for r in results for a in r.aggregates)  # for the series
        if sink.parquet is not None:  # per-document sections are written here, by the worker
            sink.save_section("aggregates", unit.index, [_aggregate_row(a) for r in results for a in r.aggregates])
            sink.save_section("framing", unit.index, [_framing_row(f) for f in frames])
        else:
            out.extend(("framing", (f.actor, f.doc_id), f) for f in frames)
        out.append(("documents", None, len(results)))
        out.append(("aggregates", None, sum(len(r.aggregates) for r in results)))
        out.append(("framings", None, len(frames)))
    return out


def _aggregate_row(a) -> dict[str, Any]:
    from sitrep.output.serialize import aggregate_to_dict

    return _json_row(aggregate_to_dict(a))


def _framing_row(f) -> dict[str, Any]:
    from sitrep.output.serialize import framing_to_dict

    return _json_row(framing_to_dict(f))


def _records(res: DocumentResult, *, level: str, seq: tuple[int, int]) -> Iterator[tuple]:
    """Resolution records of one document; ``seq`` (unit, position) restores input order inside a group."""
    meta = _light(res.article)
    for m in res.mentions:
        if resolvable(m):
            yield ("mention", repr(part_key(m, level=level)), (m, meta))
    for i, a in enumerate(res.aggregates):
        if (gkey := aggregate_group(a)) is not None:
            yield ("aggregate", gkey, ((*seq, i), a))
    for i, f in enumerate(res.facts):
        yield ("fact", repr(f.key), ((*seq, i), f))


def _light(a: Article) -> Article:
    return Article(doc_id=a.doc_id, text="", title=a.title, outlet=a.outlet, published=a.published, url=a.url)


def resolve_part(group: tuple[str, list], *, level: str, acled_aggregation: bool = False) -> list[tuple[Incident, list[Contradiction]]]:
    """Incidents (with their own contradictions, without their mentions) of one part, by the blocked resolution."""
    from sitrep.resolve.contradictions import incident_contradictions
    from sitrep.resolve.incidents import build_incident, group_mentions

    try:
        from sitrep.output.notes import make_note
    except ImportError:
        make_note = None
    pairs = [r[2] for r in group[1]]  # records ("mention", part, (mention, article metadata))
    articles = {meta.doc_id: meta for _, meta in pairs}
    mentions = [m for m, _ in pairs]
    if level == "document":
        comps: Iterable[list[Mention]] = [mentions]
    else:
        comps = sweep(sorted(((keys_of(m), m) for m in mentions), key=lambda p: p[0].lo))
    out = []
    for comp in comps:
        incidents = [build_incident(g, {m.doc_id: articles[m.doc_id] for m in g}) for g in group_mentions(comp, level=level)]
        if acled_aggregation:
            from sitrep.resolve.aggregation import acled_aggregate

            incidents = acled_aggregate(incidents, {m.doc_id: articles[m.doc_id] for m in comp})
        for inc in incidents:
            if make_note is not None:
                inc.notes = make_note(inc)
            contradictions = incident_contradictions([inc])
            inc.mentions = []  # not written anywhere; they would only travel
            out.append((inc, contradictions))
    return out


def write_resolved(pairs: Iterable[tuple[Incident, list[Contradiction]]], *, sink: Sink) -> list[tuple[str, int]]:
    """One partition of resolved incidents to Parquet, written by the worker; counts back."""
    from sitrep.output.serialize import contradiction_to_dict, incident_to_dict

    pairs = sorted(pairs, key=lambda p: incident_sort_key(p[0]))
    if not pairs:
        return [("incidents", 0), ("contradictions", 0)]
    name = _digest(pairs[0][0].incident_id, pairs[-1][0].incident_id, len(pairs))
    sink.save_section("incidents", name, [_json_row(incident_to_dict(i)) for i, _ in pairs])
    contradictions = [c for _, cs in pairs for c in cs]
    if contradictions:
        sink.save_section("contradictions", name, [_json_row(contradiction_to_dict(c)) for c in contradictions])
    return [("incidents", len(pairs)), ("contradictions", len(contradictions))]


def _digest(*parts: Any) -> str:
    import hashlib

    return hashlib.sha1(repr(parts).encode("utf-8")).hexdigest()[:12]


def _kind_is(kind: str):
    def keep(record: tuple) -> bool:
        return record[0] == kind

    return keep


def _key(record: tuple):
    return record[1]


def _payload(record: tuple):
    return record[2]


def _in_order(group: tuple[str, list]) -> list:
    """A group's records back in input order (a shuffle does not keep it)."""
    return [item for _, item in sorted((r[2] for r in group[1]), key=lambda p: p[0])]


def _fact_group(group: tuple[str, list]) -> list[Contradiction]:
    from sitrep.resolve.contradictions import fact_contradictions

    return fact_contradictions(_in_order(group)) if len(group[1]) > 1 else []


def _aggregate_group(group: tuple[str, list]) -> list[Contradiction]:
    from sitrep.resolve.contradictions import aggregate_contradictions

    return aggregate_contradictions(_in_order(group)) if len(group[1]) > 1 else []


# ---------------------------------------------------------------------------------------- driver
@dataclass(slots=True)
class ClusterSummary:
    """What a cluster run did (the data itself is in the sink)."""

    documents: int = 0
    errors: list[str] = field(default_factory=list)
    incidents: int = 0
    aggregates: int = 0
    contradictions: int = 0
    framing: int = 0
    partitions: int = 0
    parts: int = 0

    def as_dict(self) -> dict[str, Any]:
        return {k: getattr(self, k) for k in self.__slots__}


def run_on_cluster(
    inputs: Sequence[str | os.PathLike | Article],
    *,
    client,
    parquet: str | os.PathLike | None = None,
    database: str | None = None,
    meta: str | os.PathLike | None = None,
    level: str = "incident",
    files_per_unit: int = DEFAULT_FILES_PER_UNIT,
    articles_per_unit: int = DEFAULT_ARTICLES_PER_UNIT,
    acled_aggregation: bool = False,
) -> ClusterSummary:
    """Extract and resolve ``inputs`` on the cluster of ``client``; results go to ``parquet`` or ``database``."""
    import dask
    import dask.bag as db

    if level not in ("incident", "document"):
        raise ValueError(f"level must be 'incident' or 'document', not {level!r}")
    sink = Sink(parquet=str(parquet) if parquet is not None else None, database=database)
    if database is not None:
        from sitrep.store import Store

        Store(database).close()  # migrate once, here, before the workers write
    elif Path(sink.parquet).exists() and any(Path(sink.parquet).glob("*/part-*.parquet")):
        raise SitrepError(f"{sink.parquet} already holds a run's Parquet files; give an empty directory")
    units = plan_units(inputs, meta=meta, files_per_unit=files_per_unit, articles_per_unit=articles_per_unit)
    summary = ClusterSummary(partitions=len(units))
    if not units:
        return summary
    meta_s = str(meta) if meta is not None else None
    records = db.from_sequence(units, npartitions=len(units)).map_partitions(
        extract_partition, meta=meta_s, level=level, sink=sink
    )
    records = client.persist(records)
    mentions = records.filter(_kind_is("mention"))
    resolved = mentions.groupby(_key, shuffle="tasks").map(resolve_part, level=level, acled_aggregation=acled_aggregation).flatten()
    fact_c = records.filter(_kind_is("fact")).groupby(_key, shuffle="tasks").map(_fact_group).flatten()
    agg_c = records.filter(_kind_is("aggregate")).groupby(_key, shuffle="tasks").map(_aggregate_group).flatten()
    counted = records.filter(_is_count)
    errors = records.filter(_kind_is("error")).map(_payload)
    aggregates = records.filter(_kind_is("aggregate_row")).map(_payload)
    with dask.config.set(scheduler=client):
        parts = mentions.map(_key).distinct().count()
        if sink.parquet is not None:
            written = resolved.map_partitions(write_resolved, sink=sink)
            counts, errs, n_parts, wrote, facts_c, aggs_c, aggs = dask.compute(
                counted, errors, parts, written, fact_c, agg_c, aggregates
            )
            _tally(summary, counts + wrote)
            sink.save_section("series", 0, [_json_row(series_to_dict(x)) for x in _series(aggs)])
            extra = list(facts_c) + list(aggs_c)
            if extra:
                from sitrep.output.serialize import contradiction_to_dict

                sink.save_section("contradictions", "groups", [_json_row(contradiction_to_dict(c)) for c in extra])
            summary.contradictions += len(extra)
            sink.save_section("errors", 0, [{"error": e} for e in errs])
        else:
            framing = records.filter(_kind_is("framing"))
            counts, errs, n_parts, pairs, facts_c, aggs_c, aggs, frames = dask.compute(
                counted, errors, parts, resolved, fact_c, agg_c, aggregates, framing
            )
            _tally(summary, counts)
            _store_run(sink, level, pairs, list(facts_c), list(aggs_c), list(aggs), frames, summary)
    summary.errors = list(errs)
    summary.parts = n_parts
    return summary


def _series(aggregates: list) -> list:
    """The lead's aggregate series over every aggregate (few: they are gathered here)."""
    from sitrep.resolve.series import aggregate_series

    return aggregate_series(list(aggregates))


def series_to_dict(series) -> dict[str, Any]:
    from sitrep.output.serialize import series_to_dict as to_dict

    return to_dict(series)


def _is_count(record: tuple) -> bool:
    return record[0] in ("documents", "aggregates", "framings")


def _tally(summary: ClusterSummary, counts: Iterable[tuple]) -> None:
    """Add (kind, None, n) records and (section, n) pairs to the summary."""
    for rec in counts:
        kind, n = (rec[0], rec[2]) if len(rec) == 3 else rec
        attr = {"documents": "documents", "aggregates": "aggregates", "framings": "framing",
                "incidents": "incidents", "contradictions": "contradictions"}[kind]  # fmt: skip
        setattr(summary, attr, getattr(summary, attr) + n)


def _store_run(sink: Sink, level: str, pairs, facts_c, aggs_c, aggregates, framing, summary: ClusterSummary) -> None:
    """The resolved run into the store, in ``resolve``'s order, in one transaction."""
    from sitrep.store import Store

    pairs = sorted(pairs, key=lambda p: incident_sort_key(p[0]))
    run = RunResult(
        incidents=[p[0] for p in pairs],
        aggregates=aggregates,
        contradictions=facts_c + [c for p in pairs for c in p[1]] + aggs_c,
        framing=[r[2] for r in sorted(framing, key=lambda r: r[1])],
    )
    run.series = _series(aggregates)
    summary.incidents, summary.contradictions = len(run.incidents), len(run.contradictions)
    store = Store(sink.database, migrate=False)
    try:
        store.replace_resolved(run, level=level)
    finally:
        store.close()


def local_client(workers: int = 2, *, processes: bool = False):
    """A LocalCluster client (tests, one machine): ``workers`` workers of one thread each."""
    from dask.distributed import Client, LocalCluster

    cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=processes, dashboard_address=None)
    return Client(cluster)


def check_dask() -> None:
    """Raise a SitrepError when dask.distributed or pyarrow is missing."""
    try:
        import dask.distributed  # noqa: F401
        import pyarrow  # noqa: F401
    except ImportError as e:
        raise SitrepError(f"the Dask path needs dask[distributed] and pyarrow: {e}") from e
