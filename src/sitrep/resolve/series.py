"""Aggregates as time series: the same quantity for the same area and claimant, ordered by date."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from sitrep.model import Aggregate, AggregateSeries
from sitrep.nlp.normalize import name_key


def aggregate_series(aggregates: list[Aggregate]) -> list[AggregateSeries]:
    """Group totals by (quantity, area, claimant); points ordered by the end of their window."""
    groups: dict[tuple, list[Aggregate]] = defaultdict(list)
    for a in aggregates:
        groups[(a.quantity, name_key(a.area or ""), (a.claimed_by or "").lower())].append(a)
    out = []
    for (quantity, _, _), points in groups.items():
        points.sort(key=lambda a: (a.period_end or date.min, a.period_start or date.min, a.doc_id, a.start))
        out.append(AggregateSeries(quantity, points[0].area, points[0].claimed_by, points))
    out.sort(key=lambda s: (s.quantity, s.area, s.claimed_by or ""))
    return out
