"""ACLED aggregation mode: one event per actors, place and day.

ACLED codes an air strike during ground fighting at the same place on the same day, by the same
sides, as one event whose type is the one higher in its hierarchy (Battles above Explosions/Remote
violence above Violence against civilians ...). sitrep's default keeps them apart (each with its own
evidence); this mode merges them for users who need ACLED-comparable counts.
"""

from __future__ import annotations

from collections import defaultdict

from sitrep.model import EVENT_TYPE_RANK, EVENT_TYPES, Incident
from sitrep.resolve.incidents import build_incident


def _rank(inc: Incident) -> tuple[int, int]:
    return EVENT_TYPE_RANK[inc.event_type], EVENT_TYPES[inc.event_type].index(inc.sub_event_type)


def _key(inc: Incident) -> tuple | None:
    """Same day (exact dates only), same place, same pair of sides (in either order)."""
    if inc.event_date is None or inc.time_precision != 1 or not inc.location:
        return None
    sides = tuple(sorted(a for a in (inc.actor1, inc.actor2) if a))
    return (inc.event_date, inc.country, inc.location, sides)


def acled_aggregate(incidents: list[Incident], articles: dict) -> list[Incident]:
    """Merge incidents that ACLED would code as one event; the merged one takes the highest type."""
    groups: dict[tuple, list[Incident]] = defaultdict(list)
    alone: list[Incident] = []
    for inc in incidents:
        key = _key(inc)
        if key is None:
            alone.append(inc)
        else:
            groups[key].append(inc)
    out = list(alone)
    for members in groups.values():
        if len(members) == 1:
            out.append(members[0])
            continue
        top = min(members, key=_rank)
        mentions = [m for inc in members for m in inc.mentions]
        for m in mentions:  # every mention now reports the top event
            m.event_type, m.sub_event_type = top.event_type, top.sub_event_type
        merged = build_incident(mentions, articles)
        out.append(merged)
    out.sort(key=lambda i: (i.event_date.toordinal() if i.event_date else 0, i.incident_id))
    return out
