"""Incident filters shared by export, the API and the report, compiled to SQLAlchemy conditions (bound parameters)."""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date
from typing import Any

from sqlalchemy import false, func, or_

from sitrep.errors import StoreError
from sitrep.store.schema import IncidentRow

BBox = tuple[float, float, float, float]


@dataclass(slots=True, frozen=True)
class IncidentFilter:
    """Which incidents to keep. Text filters are case-insensitive; ``actor`` is a substring of any actor field."""

    date_from: date | None = None
    date_to: date | None = None
    country: str | None = None
    admin1: str | None = None
    event_type: str | None = None
    actor: str | None = None
    grade: str | None = None
    bbox: BBox | None = None  # min_lon, min_lat, max_lon, max_lat

    def is_empty(self) -> bool:
        """True when nothing is filtered."""
        return all(getattr(self, f.name) in (None, "") for f in fields(self))


def parse_bbox(text: str | None) -> BBox | None:
    """``min_lon,min_lat,max_lon,max_lat`` → tuple (None for empty input)."""
    if text is None or not text.strip():
        return None
    parts = text.split(",")
    try:
        nums = tuple(float(p) for p in parts)
    except ValueError as e:
        raise StoreError(f"bbox must be four numbers min_lon,min_lat,max_lon,max_lat: {text!r}") from e
    if len(nums) != 4 or any(n != n for n in nums):
        raise StoreError(f"bbox must be four numbers min_lon,min_lat,max_lon,max_lat: {text!r}")
    min_lon, min_lat, max_lon, max_lat = nums
    if not (-90 <= min_lat <= max_lat <= 90 and -180 <= min_lon <= 180 and -180 <= max_lon <= 180):
        raise StoreError(f"bbox out of range: {text!r}")
    return nums  # type: ignore[return-value]


def matchable(value: str | None) -> bool:
    """False for text that no stored value can equal: NUL characters (PostgreSQL rejects them outright)."""
    return value is None or "\x00" not in value


def _ieq(col: Any, value: str) -> Any:
    """Case-insensitive equality."""
    return func.lower(col) == value.strip().lower()


def incident_conditions(flt: IncidentFilter) -> list[Any]:
    """SQL conditions (AND-ed) for a filter."""
    conds: list[Any] = []
    if not all(matchable(v) for v in (flt.country, flt.admin1, flt.event_type, flt.grade, flt.actor)):
        return [false()]
    if flt.date_from:
        conds.append(IncidentRow.event_date >= flt.date_from)
    if flt.date_to:
        conds.append(IncidentRow.event_date <= flt.date_to)
    for col, value in (
        (IncidentRow.country, flt.country),
        (IncidentRow.admin1, flt.admin1),
        (IncidentRow.event_type, flt.event_type),
        (IncidentRow.grade, flt.grade),
    ):
        if value and value.strip():  # whitespace only: no filter, as for ``actor``
            conds.append(_ieq(col, value))
    if flt.actor and flt.actor.strip():
        needle = flt.actor.strip().lower()
        conds.append(
            or_(
                *(
                    func.lower(c).contains(needle, autoescape=True)
                    for c in (
                        IncidentRow.actor1,
                        IncidentRow.actor2,
                        IncidentRow.assoc_actor_1,
                        IncidentRow.assoc_actor_2,
                    )
                )
            )
        )
    if flt.bbox:
        min_lon, min_lat, max_lon, max_lat = flt.bbox
        conds.append(IncidentRow.latitude.between(min_lat, max_lat))
        if min_lon <= max_lon:
            conds.append(IncidentRow.longitude.between(min_lon, max_lon))
        else:  # crosses the antimeridian
            conds.append(or_(IncidentRow.longitude >= min_lon, IncidentRow.longitude <= max_lon))
    return conds
