"""Incremental, idempotent ingestion of articles into a Store, then re-resolution of the incidents.

Crash safety: documents are committed in small batches (``batch`` documents or ``flush_seconds``,
whichever comes first), each batch idempotent on doc_id + input key, and the resolved tables are
replaced in one transaction. A process killed at any point leaves committed documents and the previous
resolution; running the same ingest again skips what is stored, adds the rest and re-resolves, which
converges to the state of an uninterrupted run. Concurrent ingests serialise their writes on the
store's writer lock and a resolution never replaces a newer one (see ``Store.replace_resolved``).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from sitrep.errors import InputError, SitrepError
from sitrep.model import Article, DocumentResult, RunResult
from sitrep.store import adapter
from sitrep.store.db import Store, input_key

STATUSES = ("new", "updated", "unchanged", "failed")


@dataclass(slots=True)
class Failure:
    """An input that could not be read or processed."""

    path: str | None
    line: int | None
    code: str
    message: str
    doc_id: str | None = None

    def where(self) -> str:
        """``path:line`` (or what is known of it)."""
        if self.path and self.line:
            return f"{self.path}:{self.line}"
        return self.path or self.doc_id or "?"

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {"path": self.path, "line": self.line, "code": self.code, "message": self.message, "doc_id": self.doc_id}


@dataclass(slots=True)
class IngestSummary:
    """What one ingestion did."""

    new: int = 0
    updated: int = 0
    unchanged: int = 0
    failed: int = 0
    failures: list[Failure] = field(default_factory=list)
    resolved: bool = False
    incidents: int = 0
    aggregates: int = 0
    contradictions: int = 0
    doc_ids: list[str] = field(default_factory=list)  # documents new or updated, in input order

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {
            "documents": {"new": self.new, "updated": self.updated, "unchanged": self.unchanged, "failed": self.failed},
            "resolved": self.resolved,
            "incidents": self.incidents,
            "aggregates": self.aggregates,
            "contradictions": self.contradictions,
            "doc_ids": self.doc_ids,
            "failures": [f.as_dict() for f in self.failures],
        }


def _failure(err: SitrepError, *, doc_id: str | None = None) -> Failure:
    """Failure record from a domain error."""
    return Failure(err.path, err.line, err.code, err.message, doc_id)


class Ingestor:
    """Saves new/updated articles of a stream, then re-resolves the store when something changed."""

    def __init__(
        self,
        store: Store,
        *,
        engine: adapter.Processor | None = None,
        engine_factory: Callable[[], adapter.Processor] | None = None,
        resolver: Callable[..., RunResult] | None = None,
        level: str = "incident",
        batch: int = 200,
        flush_seconds: float = 2.0,
    ) -> None:
        if level not in adapter.LEVELS:
            raise SitrepError(f"unknown level {level!r}")
        self.store = store
        self._engine = engine
        self._engine_factory = engine_factory or adapter.make_engine
        self._resolver = resolver or adapter.resolve
        self.level = level
        self.batch = batch
        self.flush_seconds = flush_seconds

    @property
    def engine(self) -> adapter.Processor:
        """The pipeline engine, created on first need (nothing is loaded when every input is unchanged)."""
        if self._engine is None:
            self._engine = self._engine_factory()
        return self._engine

    def run(
        self, items: Iterable[Article | InputError], *, on_item: Callable[[str, Any], None] | None = None
    ) -> IngestSummary:
        """Ingest a stream of articles / input errors; ``on_item(status, item)`` is called for each."""
        summary = IngestSummary()
        known = self.store.document_index()
        pending: list[tuple[str, DocumentResult]] = []
        flushed = time.monotonic()
        for item in items:
            status = self._one(item, known, pending, summary)
            if on_item is not None:
                on_item(status, item)
            if pending and (len(pending) >= self.batch or time.monotonic() - flushed >= self.flush_seconds):
                self.store.save_documents(pending)
                pending.clear()
                flushed = time.monotonic()
        self.store.save_documents(pending)
        if self._needs_resolution(summary):
            self.resolve(summary)
        else:
            counts = self.store.counts()
            summary.incidents, summary.aggregates = counts["incidents"], counts["aggregates"]
            summary.contradictions = counts["contradictions"]
        return summary

    def _one(self, item: Any, known: dict[str, str], pending: list, summary: IngestSummary) -> str:
        """Handle one input item; returns its status."""
        if isinstance(item, InputError):
            summary.failed += 1
            summary.failures.append(_failure(item))
            return "failed"
        key = input_key(item)
        previous = known.get(item.doc_id)
        if previous == key:
            summary.unchanged += 1
            return "unchanged"
        engine = self.engine  # created on first need; a failure to load it stops the ingestion
        result = adapter.process(engine, item)  # a crash or overrun on this document is its failure
        if isinstance(result, SitrepError):
            summary.failed += 1
            summary.failures.append(_failure(result, doc_id=item.doc_id))
            return "failed"
        pending.append((key, result))
        known[item.doc_id] = key
        summary.doc_ids.append(item.doc_id)
        if previous is None:
            summary.new += 1
            return "new"
        summary.updated += 1
        return "updated"

    def _needs_resolution(self, summary: IngestSummary) -> bool:
        """Re-resolve when documents changed, a previous run stopped before resolving, or the level changed."""
        if summary.new or summary.updated:
            return True
        info = self.store.info()
        if info.get("dirty") == "1" or ("level" in info and info["level"] != self.level):
            return True
        done = info.get("resolved_generation")
        return done is not None and int(info.get("generation") or 0) > int(done)

    def resolve(self, summary: IngestSummary | None = None) -> RunResult:
        """Re-resolve every stored document and replace the resolved tables (one transaction).

        The documents generation is read before the documents, so the resolution is labelled with a
        generation no newer than what it contains; a concurrent ingest that resolved later documents
        first is not overwritten (the counts then come from the store).
        """
        generation, _ = self.store.generation()
        results = sorted(self.store.iter_results(), key=lambda r: r.article.doc_id)
        run = self._resolver(results, level=self.level)
        written = self.store.replace_resolved(run, level=self.level, generation=generation)
        if summary is not None:
            summary.resolved = True
            if written:
                summary.incidents = len(run.incidents)
                summary.aggregates = len(run.aggregates)
                summary.contradictions = len(run.contradictions)
            else:
                counts = self.store.counts()
                summary.incidents, summary.aggregates = counts["incidents"], counts["aggregates"]
                summary.contradictions = counts["contradictions"]
        return run
