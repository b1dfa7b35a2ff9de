"""The store: documents and their extraction results in SQLite or PostgreSQL, resolved incidents on top.

Public API: ``Store(url)`` (migrates on open), ``IncidentFilter``, ``Ingestor`` (incremental ingest),
``default_url()``; the CLI commands live in ``sitrep.store.cli`` (``ingest``, ``export``).
Names are imported lazily so that the CLI starts fast.
"""

from __future__ import annotations

import importlib
from typing import Any

_EXPORTS = {
    "DEFAULT_URL": "sitrep.store.urls",
    "default_url": "sitrep.store.urls",
    "normalise_url": "sitrep.store.urls",
    "redact_url": "sitrep.store.urls",
    "Page": "sitrep.store.db",
    "Store": "sitrep.store.db",
    "StoredDocument": "sitrep.store.db",
    "input_key": "sitrep.store.db",
    "Failure": "sitrep.store.ingest",
    "Ingestor": "sitrep.store.ingest",
    "IngestSummary": "sitrep.store.ingest",
    "IncidentFilter": "sitrep.store.query",
    "parse_bbox": "sitrep.store.query",
}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    """Import a public name on first use."""
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'sitrep.store' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)
