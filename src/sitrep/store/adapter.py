"""The one place where store/, api/ and report/ meet the processing pipeline and the output writers.

``sitrep.pipeline`` (Engine, resolve_results), ``sitrep.ingest.read_inputs`` and ``sitrep.output``
(write_result, incident_to_dict) are looked up when first used. Where one is missing, a small
fallback keeps the store usable (output) or a StoreError says what is missing (processing).
Tests replace these functions with fakes (monkeypatch ``sitrep.store.adapter.X``).
"""

from __future__ import annotations

import csv
import importlib
import json
import os
import tempfile
from collections.abc import Iterable, Iterator
from typing import IO, Any, Protocol

from sitrep.errors import StoreError
from sitrep.model import Aggregate, Article, Contradiction, DocumentResult, Framing, Incident, RunResult

LEVELS = ("incident", "document")
FORMATS = ("json", "jsonl", "csv", "acled-csv", "geojson")


class Processor(Protocol):
    """What ingestion needs from the pipeline's Engine."""

    def process(self, article: Article) -> DocumentResult:
        """Document-level extraction of one article."""
        ...


def _attr(module: str, name: str) -> Any | None:
    """``module.name`` if both exist, else None."""
    try:
        mod = importlib.import_module(module)
    except ImportError:
        return None
    return getattr(mod, name, None)


def make_engine() -> Processor:
    """The pipeline's Engine (loads its resources once)."""
    engine_cls = _attr("sitrep.pipeline", "Engine")
    if engine_cls is None:
        raise StoreError("sitrep.pipeline.Engine is not available")
    return engine_cls()


def process(engine: Processor, article: Article) -> DocumentResult | Any:
    """One document through the engine, guarded: a crash or an overrun comes back as that document's InputError."""
    fn = _attr("sitrep.pipeline", "process_guarded")
    if fn is not None:
        return fn(engine, article)
    from sitrep.errors import InputError, ProcessingError

    try:
        return engine.process(article)
    except InputError as e:
        return e
    except Exception as e:  # noqa: BLE001 - one article's processing bug must not stop a long ingestion
        return ProcessingError(f"document {article.doc_id!r}: extraction failed: {type(e).__name__}: {e}",
                               path=article.path, line=article.line)


def resolve(results: list[DocumentResult], *, level: str = "incident") -> RunResult:
    """Incidents, aggregates, contradictions and framing resolved from document results."""
    if level not in LEVELS:
        raise StoreError(f"unknown level {level!r} (expected one of {', '.join(LEVELS)})")
    fn = _attr("sitrep.pipeline", "resolve_results")
    if fn is None:
        raise StoreError("sitrep.pipeline.resolve_results is not available")
    return fn(results, level=level)


def read_inputs(paths: Iterable[str], *, meta: str | None = None, **options: Any) -> Iterator[Any]:
    """Articles (and InputErrors, yielded not raised) read from files and directories (options: max_chars ...)."""
    fn = _attr("sitrep.ingest", "read_inputs")
    if fn is None:
        raise StoreError("sitrep.ingest.read_inputs is not available")
    return fn(list(paths), meta=meta, **options)


def articles_from_json(objs: list[Any], *, where: str = "request") -> Iterator[Any]:
    """Articles (or InputErrors) from JSON objects shaped like lines of the jsonl input.

    The objects go through the input reader itself (as a temporary .jsonl file) when it exists, so
    that the API accepts exactly what ``ingest`` accepts; ``path`` is then set to ``where``.
    """
    from sitrep.errors import InputError

    fn = _attr("sitrep.ingest", "read_inputs")
    if fn is None:
        for i, obj in enumerate(objs, start=1):
            try:
                yield _fallback_article_from_json(obj, where=where, line=i)
            except InputError as e:
                yield e
        return
    with tempfile.TemporaryDirectory(prefix="sitrep-api-") as tmp:
        path = os.path.join(tmp, "request.jsonl")
        with open(path, "w", encoding="utf-8") as fh:
            for obj in objs:
                fh.write(json.dumps(obj) + "\n")  # ASCII escapes: lone surrogates survive the file
        for item in fn([path]):
            if isinstance(item, (Article, InputError)):
                item.path = where
            yield item


def _fallback_article_from_json(obj: Any, *, where: str, line: int | None) -> Article:
    """Minimal jsonl-line reader: {"id", "text", "title"?, "url"?, "outlet"?, "published"?}."""
    from datetime import date

    from sitrep.errors import JsonLineError

    if not isinstance(obj, dict):
        raise JsonLineError("an article must be a JSON object", path=where, line=line)
    doc_id, text = obj.get("id"), obj.get("text")
    if not isinstance(doc_id, str) or not doc_id.strip():
        raise JsonLineError('an article needs a non-empty string "id"', path=where, line=line)
    if not isinstance(text, str) or not text.strip():
        raise JsonLineError('an article needs a non-empty string "text"', path=where, line=line)
    published = obj.get("published")
    try:
        pub = date.fromisoformat(published[:10]) if isinstance(published, str) and published else None
    except ValueError as e:
        raise JsonLineError(f"bad published date {published!r}", path=where, line=line) from e
    opt = {k: obj.get(k) if isinstance(obj.get(k), str) else None for k in ("title", "url", "outlet")}
    return Article(doc_id=doc_id, text=text, published=pub, path=where, line=line, **opt)


def incident_to_dict(inc: Incident) -> dict[str, Any]:
    """An incident as the output formats show it (the output package's shape when available)."""
    fn = _attr("sitrep.output", "incident_to_dict")
    if fn is not None:
        return fn(inc)
    return _fallback_incident_to_dict(inc)


def _fallback_incident_to_dict(inc: Incident) -> dict[str, Any]:
    """Every Incident field but ``mentions``, dates as ISO strings."""
    from sitrep.store.serialize import encode

    data = encode(inc, Incident)
    data.pop("mentions", None)
    return data


_RECORD_SERIALISERS = {
    "Aggregate": "aggregate_to_dict",
    "Contradiction": "contradiction_to_dict",
    "Framing": "framing_to_dict",
    "Article": "document_to_dict",
}


def record_to_dict(record: Aggregate | Contradiction | Framing | Article) -> dict[str, Any]:
    """An aggregate, contradiction, framing row or document (metadata only) as the output formats show it."""
    name = _RECORD_SERIALISERS.get(type(record).__name__)
    if name is None:
        raise StoreError(f"no serialiser for {type(record).__name__}")
    fn = _attr("sitrep.output", name)
    if fn is not None:
        return fn(record)
    from sitrep.store.serialize import encode

    data = _untag(encode(record, type(record)))
    if isinstance(record, Article):
        data.pop("text", None)
    return data


def write_result(result: RunResult, fmt: str, out: IO[str]) -> None:
    """Write a RunResult in one of the output formats (the output package's writers when available)."""
    if fmt not in FORMATS:
        raise StoreError(f"unknown format {fmt!r} (expected one of {', '.join(FORMATS)})")
    fn = _attr("sitrep.output", "write_result")
    if fn is not None:
        fn(result, fmt, out)
        return
    _fallback_write(result, fmt, out)


def _fallback_write(result: RunResult, fmt: str, out: IO[str]) -> None:
    """Minimal writers for json / jsonl / csv / geojson (acled-csv needs sitrep.output)."""
    incidents = [incident_to_dict(i) for i in result.incidents]
    if fmt == "json":
        data = {
            "documents": [record_to_dict(a) for a in result.documents],
            "incidents": incidents,
            "aggregates": [record_to_dict(a) for a in result.aggregates],
            "contradictions": [record_to_dict(c) for c in result.contradictions],
            "framing": [record_to_dict(f) for f in result.framing],
        }
        json.dump(data, out, ensure_ascii=False, indent=2)
        out.write("\n")
    elif fmt == "jsonl":
        for inc in incidents:
            out.write(json.dumps(inc, ensure_ascii=False) + "\n")
    elif fmt == "geojson":
        json.dump(incidents_geojson(incidents), out, ensure_ascii=False)
        out.write("\n")
    elif fmt == "csv":
        _write_csv(incidents, out)
    else:
        raise StoreError(f"format {fmt!r} needs sitrep.output.write_result")


def _untag(data: Any) -> Any:
    """Drop serialiser type tags from a JSON-ready value."""
    if isinstance(data, dict):
        return {k: _untag(v) for k, v in data.items() if k != "__type__"}
    if isinstance(data, list):
        return [_untag(v) for v in data]
    return data


def _write_csv(incidents: list[dict[str, Any]], out: IO[str]) -> None:
    """Incidents as CSV, sources flattened to a JSON cell."""
    if not incidents:
        return
    cols = list(incidents[0])
    writer = csv.DictWriter(out, fieldnames=cols, extrasaction="ignore")
    writer.writeheader()
    for inc in incidents:
        writer.writerow(
            {k: json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict)) else v for k, v in inc.items()}
        )


def incidents_geojson(incidents: list[dict[str, Any]]) -> dict[str, Any]:
    """A GeoJSON FeatureCollection of incident dicts (incidents without coordinates are left out)."""
    features = []
    for inc in incidents:
        lat, lon = inc.get("latitude"), inc.get("longitude")
        if lat is None or lon is None:
            continue
        props = {k: v for k, v in inc.items() if k not in ("latitude", "longitude")}
        features.append(
            {
                "type": "Feature",
                "id": inc.get("incident_id"),
                "geometry": {"type": "Point", "coordinates": [lon, lat]},
                "properties": props,
            }
        )
    return {"type": "FeatureCollection", "features": features}
