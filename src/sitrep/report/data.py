"""What a situation report says, computed from the store for a date window (no formatting here)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timezone

from sitrep.model import Aggregate, Incident
from sitrep.store.db import Store, StoredContradiction
from sitrep.store.query import IncidentFilter

GRADE_RANK = {"contested": 0, "denied": 1, "corroborated": 2, "single source": 3}
DISPLACEMENT_WORDS = ("displac", "fled", "flee", "idp", "evacuat")


@dataclass(slots=True)
class Tally:
    """Incidents and fatalities of one group: the conservative ACLED sum and the range of reported figures."""

    key: tuple[str, ...]
    incidents: int = 0
    fatalities: int = 0
    low: int = 0
    high: int = 0
    by_type: dict[str, int] = field(default_factory=dict)

    def add(self, inc: Incident) -> None:
        """Count one incident."""
        low = inc.fatalities_low if inc.fatalities_low is not None else inc.fatalities
        high = inc.fatalities_high if inc.fatalities_high is not None else max(low, inc.fatalities)
        self.incidents += 1
        self.fatalities += inc.fatalities
        self.low += low
        self.high += high
        self.by_type[inc.event_type] = self.by_type.get(inc.event_type, 0) + 1


@dataclass(slots=True)
class ReportData:
    """Everything a report shows."""

    date_from: date
    date_to: date
    generated_at: datetime
    title: str
    filters: IncidentFilter
    incidents: list[Incident]
    total: Tally
    by_area: list[Tally]
    by_type: list[Tally]
    daily: list[dict]
    key_incidents: list[Incident]
    contested: list[StoredContradiction]
    displacement: list[Aggregate]
    outlets: list[str]
    documents: dict[str, dict]  # doc_id -> {title, outlet, published, url}
    civilian_targeting: int = 0


def _tally(incidents: list[Incident], key) -> list[Tally]:
    """Tallies grouped by ``key(incident)``, largest first."""
    groups: dict[tuple[str, ...], Tally] = {}
    for inc in incidents:
        k = key(inc)
        groups.setdefault(k, Tally(k)).add(inc)
    return sorted(groups.values(), key=lambda t: (-t.high, -t.incidents, t.key))


def _key_incidents(incidents: list[Incident], n: int) -> list[Incident]:
    """The ``n`` incidents to describe: deadliest (highest reported figure) first, contested before others, then date."""

    def rank(inc: Incident) -> tuple:
        high = inc.fatalities_high if inc.fatalities_high is not None else inc.fatalities
        return (
            -high,
            -inc.fatalities,
            GRADE_RANK.get(inc.grade, 9),
            -len(inc.sources),
            inc.event_date,
            inc.incident_id,
        )

    return sorted(incidents, key=rank)[:n]


def is_displacement(agg: Aggregate) -> bool:
    """True for totals of displaced people."""
    q = (agg.quantity or "").lower()
    return any(w in q for w in DISPLACEMENT_WORDS)


def _daily(incidents: list[Incident]) -> list[dict]:
    """Counts per day and event type."""
    cells: dict[tuple[date, str], list[int]] = defaultdict(lambda: [0, 0])
    for inc in incidents:
        cell = cells[(inc.event_date, inc.event_type)]
        cell[0] += 1
        cell[1] += inc.fatalities
    return [{"date": d, "event_type": et, "incidents": n, "fatalities": f} for (d, et), (n, f) in sorted(cells.items())]


def build_report(
    store: Store,
    *,
    date_from: date | None = None,
    date_to: date | None = None,
    country: str | None = None,
    admin1: str | None = None,
    title: str | None = None,
    key_incidents: int = 10,
) -> ReportData:
    """Report data for incidents between two dates (default: the whole stored period)."""
    facets = store.facets()
    lo = date_from or (date.fromisoformat(facets["date_min"]) if facets["date_min"] else date.today())
    hi = date_to or (date.fromisoformat(facets["date_max"]) if facets["date_max"] else lo)
    flt = IncidentFilter(date_from=lo, date_to=hi, country=country, admin1=admin1)
    incidents = store.incidents(flt, order="date").items
    incidents.sort(key=lambda i: (i.event_date, i.incident_id))
    total = Tally(("all",))
    for inc in incidents:
        total.add(inc)
    cited = sorted({s.doc_id for inc in incidents for s in inc.sources})
    documents = {}
    for inc in incidents:
        for s in inc.sources:
            documents.setdefault(s.doc_id, {"outlet": s.outlet, "published": s.published, "url": s.url, "title": None})
    for doc_id in cited:
        doc = store.document(doc_id)
        if doc is not None:
            documents[doc_id]["title"] = doc.article.title
    displacement = [
        a.aggregate for a in store.aggregates(date_from=lo, date_to=hi).items if is_displacement(a.aggregate)
    ]
    displacement.sort(key=lambda a: (a.period_end or a.period_start or date.min, a.area, a.value_low))
    return ReportData(
        date_from=lo,
        date_to=hi,
        generated_at=datetime.now(timezone.utc),
        title=title or "Situation report",
        filters=flt,
        incidents=incidents,
        total=total,
        by_area=_tally(incidents, lambda i: (i.country, i.admin1 or "(unknown area)")),
        by_type=_tally(incidents, lambda i: (i.event_type,)),
        daily=_daily(incidents),
        key_incidents=_key_incidents(incidents, key_incidents),
        contested=store.contradictions(incident_ids=[i.incident_id for i in incidents]).items if incidents else [],
        displacement=displacement,
        outlets=sorted({d["outlet"] for d in documents.values() if d["outlet"]}),
        documents=documents,
        civilian_targeting=sum(1 for i in incidents if i.civilian_targeting),
    )


def fatality_range(low: int | None, high: int | None) -> str:
    """``5``, ``5–7``, ``1,200+`` or ``—``."""
    if low is None:
        return "—"
    if high is None:
        return f"{low:,}+"
    return f"{low:,}" if high == low else f"{low:,}–{high:,}"


def overview(data: ReportData) -> list[str]:
    """Plain-language summary sentences (no markup)."""
    t = data.total
    if not t.incidents:
        return [f"No incidents were recorded between {data.date_from.isoformat()} and {data.date_to.isoformat()}."]
    lines = [
        f"Between {data.date_from.isoformat()} and {data.date_to.isoformat()}, sources reported {t.incidents} "
        f"incident{'s' if t.incidents != 1 else ''} with {t.fatalities} fatalities by the conservative count "
        f"(reported figures range from {t.low} to {t.high})."
    ]
    if data.by_area:
        top = data.by_area[0]
        lines.append(
            f"{top.key[1]} ({top.key[0]}) was the most affected area: {top.incidents} incident"
            f"{'s' if top.incidents != 1 else ''}, {fatality_range(top.low, top.high)} fatalities reported."
        )
    if data.by_type:
        top = max(data.by_type, key=lambda x: (x.incidents, x.high))
        lines.append(
            f"The most frequent event type was {top.key[0]} ({top.incidents} incident"
            f"{'s' if top.incidents != 1 else ''})."
        )
    if data.civilian_targeting:
        lines.append(
            f"{data.civilian_targeting} incident{'s' if data.civilian_targeting != 1 else ''} targeted civilians."
        )
    if data.contested:
        lines.append(
            f"Sources disagree on {len(data.contested)} figure{'s' if len(data.contested) != 1 else ''} "
            "(see Contested figures)."
        )
    if data.displacement:
        last = data.displacement[-1]
        lines.append(
            f"The latest displacement figure reported: {fatality_range(last.value_low, last.value_high)} people "
            f"in {last.area or 'the area'}"
            + (f" (as of {last.period_end.isoformat()})" if last.period_end else "")
            + "."
        )
    return lines
