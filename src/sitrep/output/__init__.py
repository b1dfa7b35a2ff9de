"""Output stage: records → dicts (``serialize``, the only place) → json/jsonl/csv/acled-csv/geojson."""

from sitrep.output.notes import make_note
from sitrep.output.serialize import (
    aggregate_to_dict,
    contradiction_to_dict,
    document_to_dict,
    error_to_dict,
    framing_to_dict,
    incident_to_dict,
    run_to_dict,
    source_to_dict,
)
from sitrep.output.writers import FORMATS, write_result

__all__ = [
    "FORMATS",
    "aggregate_to_dict",
    "contradiction_to_dict",
    "document_to_dict",
    "error_to_dict",
    "framing_to_dict",
    "incident_to_dict",
    "make_note",
    "run_to_dict",
    "source_to_dict",
    "write_result",
]
