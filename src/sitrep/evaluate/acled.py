"""ACLED export CSVs as evaluation data: the notes are the input, ACLED's coding is the gold.

``score_acled`` gives the reference scorer's per-field figures (each a share of ALL rows, so a row
that sitrep found nothing for counts as wrong everywhere):
  found, event_type, sub_event_type, loc10km, fatalities (exact), actor1 (without regime period),
  actor1_loose (first 12 characters either way, as the reference scorer computes it)
and sitrep's own additions (also shares of all rows):
  actor2, inter1 (category; ACLED's old numeric codes are mapped to text), time_precision,
  geo_precision, loc10km_known (loc10km over the rows whose ``location`` the gazetteer holds within
  10 km of ACLED's point; absent when no gazetteer is available), n_known, and ``sub_event_confusion``
  ({gold sub type: {n, found, correct, predicted: {sub type: count}}}).
The prediction for a row is taken among the incidents whose first source is the row's document:
the first one (by sentence offset) with ACLED's sub-event type, else the first one.
"""

from __future__ import annotations

import csv
from collections import Counter, defaultdict
from collections.abc import Iterable
from datetime import date, datetime
from pathlib import Path
from typing import Any, Protocol

from sitrep.errors import EvalError, SitrepError
from sitrep.evaluate.common import actor_core, distance_km, doc_stem
from sitrep.model import INTER_CODES, Article

Dict = dict[str, Any]
LOC_KM = 10
EVENT_DATE_FORMATS = ("%Y-%m-%d", "%d-%b-%y", "%d %B %Y", "%d-%m-%y", "%d/%m/%Y", "%d-%B-%Y")
"""ACLED event_date spellings seen in exports ('2020-05-09', '9-May-20', '9 May 2020', '31-12-19' ...)."""
NOT_FOUND = "(not found)"


class GazetteerLike(Protocol):
    """The part of ``sitrep.geo.gazetteer.Gazetteer`` the ACLED scorer uses."""

    def lookup(self, name: str, country_code: str | None = None) -> list[Any]: ...


def parse_event_date(value: str) -> date | None:
    """An ACLED ``event_date`` in any of ``EVENT_DATE_FORMATS``; None when unreadable."""
    value = (value or "").strip()
    for fmt in EVENT_DATE_FORMATS:
        try:
            return datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    return None


def read_acled_rows(path: str | Path) -> list[Dict]:
    """All rows of an ACLED export CSV as dicts."""
    try:
        with open(path, encoding="utf-8", newline="") as f:
            rows = list(csv.DictReader(f))
    except OSError as e:
        raise EvalError(f"cannot read ACLED CSV: {e}", path=str(path)) from e
    if rows and not {"event_id_cnty", "notes", "event_type"} <= set(rows[0]):
        raise EvalError("not an ACLED export (needs event_id_cnty, notes, event_type)", path=str(path))
    return rows


def sample_rows(rows: list[Dict], limit: int | None) -> list[Dict]:
    """At most ``limit`` rows spread evenly over the file (row i*n//limit): deterministic, all periods."""
    if not limit or limit >= len(rows):
        return rows
    n = len(rows)
    return [rows[i * n // limit] for i in range(limit)]


def rows_to_articles(rows: Iterable[Dict], *, path: str | None = None) -> list[Article]:
    """One article per row: the note as text, published on the event date, id = event_id_cnty."""
    return [
        Article(
            doc_id=r["event_id_cnty"],
            text=r["notes"],
            published=parse_event_date(r.get("event_date", "")),
            path=path,
            line=i + 2,
        )
        for i, r in enumerate(rows)
    ]


def acled_rows_to_articles(path: str | Path) -> list[Article]:
    """An ACLED export CSV as sitrep input (as ``acled_to_jsonl.py`` does)."""
    return rows_to_articles(read_acled_rows(path), path=str(path))


def predictions_by_doc(out: Dict) -> dict[str, list[Dict]]:
    """Incidents grouped by their first source's document (stem), in sentence order."""
    grouped: dict[str, list[tuple[int, Dict]]] = defaultdict(list)
    for p in out.get("incidents", []):
        for s in p.get("sources", [])[:1]:
            grouped[doc_stem(s.get("doc_id"))].append((s.get("start") or 0, p))
    return {k: [p for _, p in sorted(v, key=lambda x: x[0])] for k, v in grouped.items()}


def inter_text(value: Any) -> str:
    """ACLED inter code as text: '1' → 'State forces', '0'/'' → '', text kept."""
    s = str(value or "").strip()
    if s.isdigit():
        i = int(s)
        return INTER_CODES[i - 1] if 1 <= i <= len(INTER_CODES) else ""
    return s


def _int_or_none(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


class KnownPlaces:
    """Whether the gazetteer holds a row's location within 10 km of ACLED's point (cached per name)."""

    def __init__(self, gazetteer: GazetteerLike) -> None:
        self.gazetteer = gazetteer
        self._cache: dict[tuple[str, str | None], list[Any]] = {}

    def _candidates(self, name: str, cc: str | None) -> list[Any]:
        key = (name, cc)
        if key not in self._cache:
            self._cache[key] = list(self.gazetteer.lookup(name, country_code=cc))
        return self._cache[key]

    def holds(self, row: Dict) -> bool:
        """A candidate for the row's ``location`` lies within 10 km of the row's coordinates."""
        name = (row.get("location") or "").strip()
        if not name:
            return False
        try:
            cands = self._candidates(name, _country_code(row))
        except SitrepError:
            return False
        lat, lon = row.get("latitude"), row.get("longitude")
        return any(distance_km(lat, lon, c.latitude, c.longitude) <= LOC_KM for c in cands)


def _country_code(row: Dict) -> str | None:
    from sitrep.output.countries import country_info

    info = country_info(row.get("iso3") or row.get("country"))
    return info.iso2 if info else None


def default_gazetteer() -> GazetteerLike | None:
    """The packaged gazetteer, or None when it is not available (yet)."""
    try:
        from sitrep.geo.gazetteer import Gazetteer

        return Gazetteer.default()
    except (ImportError, AttributeError, OSError, SitrepError):
        return None


def _known_places(gazetteer: GazetteerLike | None | bool) -> KnownPlaces | None:
    """None → the packaged gazetteer if available; False → no gazetteer figure."""
    if gazetteer is False:
        return None
    gz = default_gazetteer() if gazetteer is None or gazetteer is True else gazetteer
    return KnownPlaces(gz) if gz is not None else None


def _pick(preds: list[Dict], sub_event_type: str) -> Dict:
    return next((q for q in preds if q.get("sub_event_type") == sub_event_type), preds[0])


def _near(r: Dict, p: Dict) -> bool:
    return distance_km(r["latitude"], r["longitude"], p.get("latitude"), p.get("longitude")) <= LOC_KM


def _row_hits(r: Dict, p: Dict) -> dict[str, bool]:
    gold_a1, got_a1 = actor_core(r["actor1"]), actor_core(p.get("actor1"))
    return {
        "event_type": p.get("event_type") == r["event_type"],
        "sub_event_type": p.get("sub_event_type") == r["sub_event_type"],
        "loc10km": _near(r, p),
        "fatalities": str(p.get("fatalities", "")) == str(r["fatalities"]),
        "actor1": got_a1 == gold_a1,
        "actor1_loose": bool(gold_a1) and (gold_a1[:12] in got_a1 or got_a1[:12] in gold_a1),
        "actor2": actor_core(p.get("actor2")) == actor_core(r.get("actor2")),
        "inter1": inter_text(p.get("inter1")) == inter_text(r.get("inter1")),
        "time_precision": _int_or_none(p.get("time_precision")) == _int_or_none(r.get("time_precision")),
        "geo_precision": _int_or_none(p.get("geo_precision")) == _int_or_none(r.get("geo_precision")),
    }


REFERENCE_FIELDS = ("event_type", "sub_event_type", "loc10km", "fatalities", "actor1", "actor1_loose")
EXTRA_FIELDS = ("actor2", "inter1", "time_precision", "geo_precision")


class Tally:
    """Counts per field, per gold sub-event type, and over the gazetteer-known rows."""

    def __init__(self, known: KnownPlaces | None) -> None:
        self.known = known
        self.n = self.n_known = self.known_hits = 0
        self.hits: Counter[str] = Counter()
        self.confusion: dict[str, Dict] = {}

    def add(self, r: Dict, p: Dict | None) -> None:
        """Count one ACLED row against its prediction (None when sitrep found nothing)."""
        self.n += 1
        cell = self.confusion.setdefault(r["sub_event_type"], {"n": 0, "found": 0, "correct": 0, "predicted": Counter()})
        cell["n"] += 1
        if self.known is not None and self.known.holds(r):
            self.n_known += 1
            self.known_hits += p is not None and _near(r, p)
        if p is None:
            cell["predicted"][NOT_FOUND] += 1
            return
        row_hits = _row_hits(r, p)
        self.hits["found"] += 1
        self.hits.update(k for k, v in row_hits.items() if v)
        cell["found"] += 1
        cell["correct"] += row_hits["sub_event_type"]
        cell["predicted"][p.get("sub_event_type") or ""] += 1

    def figures(self) -> Dict:
        """Shares of all rows, the gazetteer-known figure, and the confusion summary."""
        n = max(1, self.n)
        figs: Dict = {"n": self.n, **{k: self.hits[k] / n for k in ("found", *REFERENCE_FIELDS, *EXTRA_FIELDS)}}
        if self.known is not None:
            figs["loc10km_known"] = self.known_hits / max(1, self.n_known)
            figs["n_known"] = self.n_known
        figs["sub_event_confusion"] = {
            k: {**v, "predicted": dict(v["predicted"].most_common())} for k, v in sorted(self.confusion.items())
        }
        return figs


def score_acled(out: Dict, rows: list[Dict], *, gazetteer: GazetteerLike | None | bool = None) -> Dict:
    """Per-field agreement of a ``--format json`` output with ACLED's coding (gazetteer=False: no loc10km_known)."""
    by_doc = predictions_by_doc(out)
    tally = Tally(_known_places(gazetteer))
    for r in rows:
        preds = by_doc.get(doc_stem(r["event_id_cnty"]))
        tally.add(r, _pick(preds, r["sub_event_type"]) if preds else None)
    return tally.figures()
