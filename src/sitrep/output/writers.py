"""Writers for ``--format json|jsonl|csv|acled-csv|geojson``; all go through ``serialize``.

- ``json``: the whole run object, streamed one record per line (never built in memory as one string).
- ``jsonl``: incidents, one JSON object per line.
- ``csv``: incidents flattened: the incident fields, then the sources summarised (count, doc ids,
  outlets, urls, claimants joined with "; ") and the first source's sentence.
- ``acled-csv``: ACLED's export columns first, in ACLED's order, then sitrep's extra columns.
  ``inter1``/``inter2`` are ACLED's current text categories ("State forces") and ``interaction`` the
  current text form ("State forces-Rebel group", "Protesters only"); the older numeric codes are in
  the extra columns ``inter1_code``, ``inter2_code``, ``interaction_code`` (e.g. 13, 10).
  ``data_id``, ``event_id_no_cnty`` and ``source_scale`` are left empty (ACLED-internal);
  ``event_id_cnty`` is the incident id; ``timestamp`` is the latest source's publication day
  (Unix time, midnight UTC) so that output stays reproducible.
- ``geojson``: a FeatureCollection of Point features (coordinates ``[longitude, latitude]``) whose
  properties are the incident objects; incidents without coordinates go into the top-level foreign
  member ``"unlocated"`` (a list of incident objects) so that nothing is lost silently.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterable
from datetime import UTC, date, datetime
from typing import Any, TextIO

from sitrep.errors import OutputError
from sitrep.model import INTER_CODES, Incident, RunResult
from sitrep.output.countries import country_info
from sitrep.output.serialize import INCIDENT_FIELDS, SECTION_SERIALIZERS, incident_to_dict

FORMATS: tuple[str, ...] = ("json", "jsonl", "csv", "acled-csv", "geojson")

ACLED_COLUMNS: tuple[str, ...] = (
    "data_id", "iso", "event_id_cnty", "event_id_no_cnty", "event_date", "year", "time_precision",
    "event_type", "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2",
    "inter2", "interaction", "region", "country", "admin1", "admin2", "admin3", "location", "latitude",
    "longitude", "geo_precision", "source", "source_scale", "notes", "fatalities", "timestamp", "iso3",
)  # fmt: skip
"""ACLED's export columns in ACLED's order."""

SOURCE_SUMMARY_COLUMNS: tuple[str, ...] = (
    "source_count", "source_doc_ids", "source_outlets", "source_urls", "source_claimed_by", "source_sentence",
)  # fmt: skip

ACLED_EXTRA_COLUMNS: tuple[str, ...] = (
    "incident_id", "date_min", "date_max", "civilian_targeting", "geonameid", "fatalities_low",
    "fatalities_best", "fatalities_high", "injuries_low", "injuries_high", "grade", "inter1_code",
    "inter2_code", "interaction_code", *SOURCE_SUMMARY_COLUMNS,
)  # fmt: skip
"""sitrep's columns after ACLED's in ``acled-csv``."""

CSV_COLUMNS: tuple[str, ...] = tuple(f for f in INCIDENT_FIELDS if f != "sources") + SOURCE_SUMMARY_COLUMNS
"""Columns of the flat ``csv`` format."""

LIST_SEPARATOR = "; "
_INTER_RANK = {name: i for i, name in enumerate(INTER_CODES)}


def _dumps(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False)


def _cell(value: Any) -> str:
    """A CSV cell: '' for None, 'true'/'false' for booleans, str otherwise."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _distinct(values: Iterable[str | None]) -> list[str]:
    return list(dict.fromkeys(v for v in values if v))


def source_summary(d: dict[str, Any]) -> dict[str, Any]:
    """The flat summary of an incident dict's sources."""
    sources = d["sources"]
    return {
        "source_count": len(sources),
        "source_doc_ids": LIST_SEPARATOR.join(_distinct(s["doc_id"] for s in sources)),
        "source_outlets": LIST_SEPARATOR.join(_distinct(s["outlet"] for s in sources)),
        "source_urls": LIST_SEPARATOR.join(_distinct(s["url"] for s in sources)),
        "source_claimed_by": LIST_SEPARATOR.join(_distinct(s["claimed_by"] for s in sources)),
        "source_sentence": sources[0]["sentence"] if sources else "",
    }


def inter_code(inter: str) -> int:
    """ACLED's old numeric actor category (1 State forces .. 8 External/Other forces; 0 none)."""
    if inter in _INTER_RANK:
        return _INTER_RANK[inter] + 1
    return int(inter) if inter.isdigit() else 0


def interaction_text(inter1: str, inter2: str) -> str:
    """ACLED's current text interaction: 'State forces-Rebel group', 'Protesters only' or ''."""
    present = [i for i in (inter1, inter2) if i]
    if not present:
        return ""
    if len(present) == 1:
        return f"{present[0]} only"
    first, second = sorted(present, key=lambda i: _INTER_RANK.get(i, len(_INTER_RANK)))
    return f"{first}-{second}"


def interaction_code(inter1: str, inter2: str) -> int | None:
    """ACLED's old numeric interaction: 10*lower+higher code; 10*code when only one actor."""
    codes = sorted(c for c in (inter_code(inter1), inter_code(inter2)) if c)
    if not codes:
        return None
    return codes[0] * 10 if len(codes) == 1 else codes[0] * 10 + codes[1]


def _timestamp(d: dict[str, Any]) -> int | None:
    days = [s["published"] for s in d["sources"] if s["published"]]
    if not days:
        return None
    latest = date.fromisoformat(max(days))
    return int(datetime(latest.year, latest.month, latest.day, tzinfo=UTC).timestamp())


def _round(x: float | None, digits: int = 4) -> float | None:
    return None if x is None else round(x, digits)


def acled_row(inc: Incident) -> dict[str, Any]:
    """One incident as an ACLED export row (ACLED's columns, then sitrep's)."""
    d = incident_to_dict(inc)
    info = country_info(inc.country)
    row = {
        "data_id": None,
        "iso": info.isonumeric if info else None,
        "event_id_cnty": inc.incident_id,
        "event_id_no_cnty": None,
        "event_date": d["event_date"],
        "year": inc.event_date.year if inc.event_date else "",
        "time_precision": inc.time_precision,
        "event_type": inc.event_type,
        "sub_event_type": inc.sub_event_type,
        "actor1": inc.actor1,
        "assoc_actor_1": inc.assoc_actor_1,
        "inter1": inc.inter1,
        "actor2": inc.actor2,
        "assoc_actor_2": inc.assoc_actor_2,
        "inter2": inc.inter2,
        "interaction": interaction_text(inc.inter1, inc.inter2),
        "region": info.region if info else None,
        "country": inc.country,
        "admin1": inc.admin1,
        "admin2": inc.admin2,
        "admin3": inc.admin3,
        "location": inc.location,
        "latitude": _round(inc.latitude),
        "longitude": _round(inc.longitude),
        "geo_precision": inc.geo_precision,
        "source": LIST_SEPARATOR.join(_distinct(s["outlet"] for s in d["sources"])),
        "source_scale": None,
        "notes": d["notes"],
        "fatalities": inc.fatalities,
        "timestamp": _timestamp(d),
        "iso3": info.iso3 if info else None,
        "civilian_targeting": "Civilian targeting" if inc.civilian_targeting else "",
        "inter1_code": inter_code(inc.inter1),
        "inter2_code": inter_code(inc.inter2),
        "interaction_code": interaction_code(inc.inter1, inc.inter2),
    }
    for key in ("incident_id", "date_min", "date_max", "geonameid", "fatalities_low", "fatalities_best",
                "fatalities_high", "injuries_low", "injuries_high", "grade"):  # fmt: skip
        row[key] = d[key]
    row.update(source_summary(d))
    return row


def flat_row(inc: Incident) -> dict[str, Any]:
    """One incident as a flat ``csv`` row."""
    d = incident_to_dict(inc)
    row = {k: v for k, v in d.items() if k != "sources"}
    row.update(source_summary(d))
    return row


def _write_csv(rows: Iterable[dict[str, Any]], columns: tuple[str, ...], out: TextIO) -> None:
    w = csv.writer(out)
    w.writerow(columns)
    for row in rows:
        w.writerow([_cell(row.get(c)) for c in columns])


def write_json(result: RunResult, out: TextIO) -> None:
    """The run object, one record per line."""
    out.write("{")
    for i, (name, fn) in enumerate(SECTION_SERIALIZERS.items()):
        out.write(("," if i else "") + f"\n{_dumps(name)}: [")
        items = getattr(result, name)
        for j, item in enumerate(items):
            out.write(("," if j else "") + "\n  " + _dumps(fn(item)))
        out.write("\n]" if items else "]")
    out.write("\n}\n")


def write_jsonl(result: RunResult, out: TextIO) -> None:
    """Incidents, one JSON object per line."""
    for inc in result.incidents:
        out.write(_dumps(incident_to_dict(inc)) + "\n")


def write_csv(result: RunResult, out: TextIO) -> None:
    """Incidents as a flat CSV."""
    _write_csv((flat_row(i) for i in result.incidents), CSV_COLUMNS, out)


def write_acled_csv(result: RunResult, out: TextIO) -> None:
    """Incidents as an ACLED export CSV (plus sitrep's extra columns)."""
    _write_csv((acled_row(i) for i in result.incidents), ACLED_COLUMNS + ACLED_EXTRA_COLUMNS, out)


def feature(d: dict[str, Any]) -> dict[str, Any]:
    """A GeoJSON Point feature for a located incident dict."""
    return {
        "type": "Feature",
        "id": d["incident_id"],
        "geometry": {"type": "Point", "coordinates": [d["longitude"], d["latitude"]]},
        "properties": d,
    }


def write_geojson(result: RunResult, out: TextIO) -> None:
    """A FeatureCollection of located incidents; the others under ``"unlocated"``."""
    unlocated: list[dict[str, Any]] = []
    out.write('{"type": "FeatureCollection", "features": [')
    n = 0
    for inc in result.incidents:
        d = incident_to_dict(inc)
        if d["latitude"] is None or d["longitude"] is None:
            unlocated.append(d)
            continue
        out.write(("," if n else "") + "\n  " + _dumps(feature(d)))
        n += 1
    out.write("\n]" if n else "]")
    out.write(',\n"unlocated": [' + ",".join("\n  " + _dumps(d) for d in unlocated))
    out.write("\n]}\n" if unlocated else "]}\n")


WRITERS: dict[str, Callable[[RunResult, TextIO], None]] = {
    "json": write_json,
    "jsonl": write_jsonl,
    "csv": write_csv,
    "acled-csv": write_acled_csv,
    "geojson": write_geojson,
}


def write_result(result: RunResult, fmt: str, out: TextIO) -> None:
    """Write a run in one of ``FORMATS`` to a text stream (open it with ``newline=""`` for CSV)."""
    writer = WRITERS.get(fmt)
    if writer is None:
        raise OutputError(f"unknown output format {fmt!r}; expected one of {', '.join(FORMATS)}")
    writer(result, out)
