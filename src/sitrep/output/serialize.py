"""The one place where records become plain JSON-ready dicts (field names are the spec's contract)."""

from __future__ import annotations

from datetime import date
from typing import Any

from sitrep.model import (
    Aggregate,
    Article,
    Contradiction,
    ContradictionClaim,
    Framing,
    Incident,
    RunResult,
    Source,
)
from sitrep.output.notes import make_note

INCIDENT_FIELDS: tuple[str, ...] = (
    "incident_id",
    "event_date",
    "date_min",
    "date_max",
    "time_precision",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "civilian_targeting",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "geonameid",
    "fatalities",
    "fatalities_low",
    "fatalities_best",
    "fatalities_high",
    "injuries_low",
    "injuries_high",
    "grade",
    "sources",
    "notes",
)
"""Keys of ``incident_to_dict`` in output order (the spec's Incident table plus ``admin3``)."""

SOURCE_FIELDS = ("doc_id", "outlet", "published", "url", "sentence", "start", "end", "claimed_by")
DOCUMENT_FIELDS = (
    "doc_id", "title", "outlet", "published", "published_inferred", "published_evidence", "url", "path", "line",
)  # fmt: skip
RUN_SECTIONS = ("documents", "incidents", "aggregates", "contradictions", "framing", "errors")


def iso(d: date | None) -> str | None:
    """ISO date string, or None."""
    return d.isoformat() if d is not None else None


def source_to_dict(s: Source) -> dict[str, Any]:
    """One source of an incident: where the sentence is, and who the article says claimed it."""
    return {
        "doc_id": s.doc_id,
        "outlet": s.outlet,
        "published": iso(s.published),
        "url": s.url,
        "sentence": s.sentence,
        "start": s.start,
        "end": s.end,
        "claimed_by": s.claimed_by,
    }


def incident_to_dict(inc: Incident) -> dict[str, Any]:
    """An incident as the spec's JSON object (no internal ``mentions``); notes generated when empty."""
    return {
        "incident_id": inc.incident_id,
        "event_date": iso(inc.event_date),
        "date_min": iso(inc.date_min),
        "date_max": iso(inc.date_max),
        "time_precision": inc.time_precision,
        "event_type": inc.event_type,
        "sub_event_type": inc.sub_event_type,
        "actor1": inc.actor1,
        "assoc_actor_1": inc.assoc_actor_1,
        "inter1": inc.inter1,
        "actor2": inc.actor2,
        "assoc_actor_2": inc.assoc_actor_2,
        "inter2": inc.inter2,
        "civilian_targeting": inc.civilian_targeting,
        "country": inc.country,
        "admin1": inc.admin1,
        "admin2": inc.admin2,
        "admin3": inc.admin3,
        "location": inc.location,
        "latitude": inc.latitude,
        "longitude": inc.longitude,
        "geo_precision": inc.geo_precision,
        "geonameid": inc.geonameid,
        "fatalities": inc.fatalities,
        "fatalities_low": inc.fatalities_low,
        "fatalities_best": inc.fatalities_best,
        "fatalities_high": inc.fatalities_high,
        "injuries_low": inc.injuries_low,
        "injuries_high": inc.injuries_high,
        "grade": inc.grade,
        "sources": [source_to_dict(s) for s in inc.sources],
        "notes": inc.notes or make_note(inc),
    }


def document_to_dict(article: Article) -> dict[str, Any]:
    """An input document's metadata (not its text)."""
    return {
        "doc_id": article.doc_id,
        "title": article.title,
        "outlet": article.outlet,
        "published": iso(article.published),
        "published_inferred": article.published_inferred,
        "published_evidence": article.published_evidence,
        "url": article.url,
        "path": article.path,
        "line": article.line,
    }


def aggregate_to_dict(agg: Aggregate) -> dict[str, Any]:
    """A humanitarian total (a claim, not an incident)."""
    return {
        "doc_id": agg.doc_id,
        "quantity": agg.quantity,
        "value_low": agg.value_low,
        "value_high": agg.value_high,
        "area": agg.area,
        "period_start": iso(agg.period_start),
        "period_end": iso(agg.period_end),
        "claimed_by": agg.claimed_by,
        "sentence": agg.sentence,
        "start": agg.start,
        "end": agg.end,
    }


def claim_to_dict(c: ContradictionClaim) -> dict[str, Any]:
    """One side of a contradiction."""
    return {
        "doc_id": c.doc_id,
        "value": c.value,
        "sentence": c.sentence,
        "start": c.start,
        "end": c.end,
        "claimed_by": c.claimed_by,
    }


def contradiction_to_dict(c: Contradiction) -> dict[str, Any]:
    """The same quantity or fact stated differently by sources."""
    return {"subject": c.subject, "claims": [claim_to_dict(x) for x in c.claims], "reason": c.reason}


def framing_to_dict(f: Framing) -> dict[str, Any]:
    """The words one document uses for one actor."""
    return {"actor": f.actor, "doc_id": f.doc_id, "outlet": f.outlet, "labels": list(f.labels)}


def error_to_dict(err: BaseException) -> dict[str, Any]:
    """An input error: stable code, file, line and the human message."""
    return {
        "code": getattr(err, "code", "SR000"),
        "path": getattr(err, "path", None),
        "line": getattr(err, "line", None),
        "message": getattr(err, "message", None) or str(err),
    }


def series_to_dict(series) -> dict[str, Any]:
    """An aggregate time series: quantity, area, claimant and its points in date order."""
    return {
        "quantity": series.quantity,
        "area": series.area,
        "claimed_by": series.claimed_by,
        "points": [aggregate_to_dict(a) for a in series.points],
    }


SECTION_SERIALIZERS = {
    "documents": document_to_dict,
    "incidents": incident_to_dict,
    "aggregates": aggregate_to_dict,
    "contradictions": contradiction_to_dict,
    "framing": framing_to_dict,
    "series": series_to_dict,
    "errors": error_to_dict,
}
"""RunResult attribute -> serializer, in output order."""


def run_to_dict(result: RunResult) -> dict[str, list[dict[str, Any]]]:
    """The whole run as the ``--format json`` object."""
    return {name: [fn(x) for x in getattr(result, name)] for name, fn in SECTION_SERIALIZERS.items()}
