"""From mentions to incidents: grouping mentions that report one happening, and the incident's fields.

``group_mentions`` decides which mentions are one incident (document level: only within a
document; incident level: across documents); ``build_incident`` turns a group into an Incident with
ACLED's conservative fatalities, UCDP-style low/best/high, a grade and every source's sentence.
"""

from __future__ import annotations

import hashlib
import math
from collections import Counter
from datetime import date, timedelta

from sitrep.model import EVENT_TYPE_RANK, EVENT_TYPES, Article, Incident, Mention, Source

GENERIC_PREFIXES = ("Unidentified", "Civilians (", "Protesters (", "Rioters (", "Opposition Rebels (")


def haversine_km(a_lat: float, a_lon: float, b_lat: float, b_lon: float) -> float:
    a_lat, a_lon, b_lat, b_lon = map(math.radians, (a_lat, a_lon, b_lat, b_lon))
    h = math.sin((b_lat - a_lat) / 2) ** 2 + math.cos(a_lat) * math.cos(b_lat) * math.sin((b_lon - a_lon) / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(h)))


def mention_key(m: Mention) -> tuple:
    """A stable identity for a mention: document, sentence and trigger offsets, place."""
    place = m.place.place.name if m.place and m.place.place else ""
    return (m.doc_id, m.sentence.start, m.trigger.start, m.sub_event_type, place)


def incident_id(mentions: list[Mention]) -> str:
    """Deterministic id from the founding mention (the smallest key): same input, same id."""
    return _id_of(min(mention_key(m) for m in mentions))


def _id_of(founding: tuple) -> str:
    digest = hashlib.sha1(repr(founding).encode("utf-8")).hexdigest()[:12]
    return f"SR-{digest}"


def actor_name(am) -> str:
    return am.actor.name if am is not None else ""


def _named_first(names: list[str]) -> str:
    """Most frequent actor name, preferring a named actor over a generic ACLED fallback."""
    names = [n for n in names if n]
    if not names:
        return ""
    first = names[0]
    if all(n == first for n in names):  # one name (the usual case): it is the most frequent
        return first
    tally = Counter(names)
    return max(tally, key=lambda n: (not n.startswith(GENERIC_PREFIXES), tally[n], -names.index(n)))


def build_incident(mentions: list[Mention], articles: dict[str, Article]) -> Incident:
    """One Incident from the mentions that report it."""
    mentions = sorted(mentions, key=mention_key)
    rep = _representative(mentions)
    dated = [m for m in mentions if m.date is not None]
    best_date = min(dated, key=lambda m: (m.date.time_precision, m.date.date_max - m.date.date_min)) if dated else None
    placed = [m for m in mentions if m.place is not None and m.place.place is not None]
    best_place = min(placed, key=lambda m: (m.place.geo_precision, m.place.relation != "in")) if placed else None
    a1 = _named_first([actor_name(m.actor1) for m in mentions])
    a1_mention = next((m.actor1 for m in mentions if actor_name(m.actor1) == a1), None)
    a2 = _named_first([actor_name(m.actor2) for m in mentions if actor_name(m.actor2) != a1])
    a2_mention = next((m.actor2 for m in mentions if actor_name(m.actor2) == a2), None)
    inc = Incident(
        incident_id=_id_of(mention_key(mentions[0])),  # = incident_id(mentions), as they are sorted by key
        event_date=best_date.date.event_date if best_date else None,
        date_min=best_date.date.date_min if best_date else None,
        date_max=best_date.date.date_max if best_date else None,
        time_precision=best_date.date.time_precision if best_date else None,
        event_type=rep.event_type,
        sub_event_type=rep.sub_event_type,
        actor1=a1,
        inter1=a1_mention.actor.inter if a1_mention else "",
        actor2=a2,
        inter2=a2_mention.actor.inter if a2_mention else "",
        civilian_targeting=any(m.civilian_targeting for m in mentions),
        mentions=mentions,
    )
    inc.assoc_actor_1 = "; ".join(dict.fromkeys(a.actor.name for m in mentions for a in m.assoc_actor_1))
    inc.assoc_actor_2 = "; ".join(dict.fromkeys(a.actor.name for m in mentions for a in m.assoc_actor_2))
    if best_place is not None:
        p = best_place.place.place
        inc.country, inc.admin1, inc.admin2, inc.admin3 = p.country, p.admin1, p.admin2, p.admin3
        inc.location, inc.latitude, inc.longitude = p.name, p.latitude, p.longitude
        inc.geo_precision, inc.geonameid = best_place.place.geo_precision, p.geonameid
    _figures(inc, mentions)
    inc.sources = _sources(mentions, articles)
    inc.grade = grade(mentions, articles)
    return inc


CROWD_ORDER = ("Excessive force against protesters", "Violent demonstration", "Protest with intervention", "Peaceful protest")
"""A demonstration reported in several sentences takes its strongest description: violence by the crowd
makes it a riot, force against it an intervention."""


def _representative(mentions: list[Mention]) -> Mention:
    """The mention whose type the incident takes: ACLED's hierarchy (Battles above remote violence)."""
    if all(m.sub_event_type in CROWD_ORDER for m in mentions):
        return min(mentions, key=lambda m: CROWD_ORDER.index(m.sub_event_type))
    tally = Counter(m.sub_event_type for m in mentions)
    return min(
        mentions,
        key=lambda m: (EVENT_TYPE_RANK[m.event_type], EVENT_TYPES[m.event_type].index(m.sub_event_type), -tally[m.sub_event_type]),
    )


def _figures(inc: Incident, mentions: list[Mention]) -> None:
    """ACLED's conservative fatalities plus the UCDP-style range across sources."""
    fats = [m.fatalities for m in mentions if m.fatalities is not None]
    coded = [c for c in fats if c.quantity == "fatalities_coded"]
    if coded:
        inc.fatalities = min(c.best for c in coded)
    if fats:
        inc.fatalities_low = min(c.low for c in fats)
        inc.fatalities_best = sorted(c.best for c in fats)[(len(fats) - 1) // 2]
        highs = [c.high if c.high is not None else c.best for c in fats]
        inc.fatalities_high = max(highs)
        if not coded:
            inc.fatalities = min(c.best for c in fats)
    injuries = [m.injuries for m in mentions if m.injuries is not None]
    if injuries:
        inc.injuries_low = min(c.low for c in injuries)
        inc.injuries_high = max(c.high if c.high is not None else c.best for c in injuries)


def _sources(mentions: list[Mention], articles: dict[str, Article]) -> list[Source]:
    out, seen = [], set()
    for m in mentions:
        key = (m.doc_id, m.sentence.start)
        if key in seen:
            continue
        seen.add(key)
        art = articles.get(m.doc_id)
        out.append(
            Source(
                doc_id=m.doc_id,
                outlet=art.outlet if art else None,
                published=art.published if art else None,
                url=art.url if art else None,
                sentence=m.sentence.text,
                start=m.sentence.start,
                end=m.sentence.end,
                claimed_by=m.claim.claimant if m.claim else None,
            )
        )
    return out


def independent_sources(mentions: list[Mention], articles: dict[str, Article]) -> set[str]:
    """Independent outlets: a claim relayed from the same original claimant counts once."""
    keys = set()
    for m in mentions:
        art = articles.get(m.doc_id)
        if m.claim is not None and m.claim.claimant:
            keys.add(("claimant", m.claim.claimant.lower()))
        else:
            keys.add(("outlet", (art.outlet or m.doc_id).lower() if art else m.doc_id))
    return {f"{k}:{v}" for k, v in keys}


def grade(mentions: list[Mention], articles: dict[str, Article]) -> str:
    """single source / corroborated / contested / denied."""
    if any(m.denied for m in mentions):
        return "denied"
    docs = {m.doc_id for m in mentions}
    fats = {m.fatalities.best for m in mentions if m.fatalities is not None and not m.fatalities.negated}
    perpetrators = {actor_name(m.actor1) for m in mentions if m.actor1 is not None and not actor_name(m.actor1).startswith(GENERIC_PREFIXES)}
    if len(docs) > 1 and (len(perpetrators) > 1 or _numbers_disagree(fats)):
        return "contested"
    if len(independent_sources(mentions, articles)) > 1 and len(docs) > 1:
        return "corroborated"
    return "single source"


def _numbers_disagree(values: set[int]) -> bool:
    if len(values) < 2:
        return False
    lo, hi = min(values), max(values)
    return hi - lo > max(2, 0.25 * hi)


LOCAL_FEATURES = frozenset({"city", "site", "unresolved"})


def _same_place(a: Mention, b: Mention) -> bool:
    """Same named place, or close enough for the vaguer of the two precisions. Two different named
    towns are the same place only when they are a few kilometres apart (a site inside a city)."""
    pa, pb = a.place.place if a.place else None, b.place.place if b.place else None
    if pa is None or pb is None:
        return pa is None and pb is None
    if pa.name == pb.name and pa.country == pb.country:
        return True
    if "unresolved" in (pa.feature, pb.feature):
        return False
    km = haversine_km(pa.latitude, pa.longitude, pb.latitude, pb.longitude)
    if pa.feature in LOCAL_FEATURES and pb.feature in LOCAL_FEATURES:
        return km <= 3.0
    limit = {1: 3.0, 2: 15.0, 3: 50.0}[max(a.place.geo_precision, b.place.geo_precision)]
    return km <= limit


def _same_day(a: Mention, b: Mention) -> bool:
    if a.date is None or b.date is None:
        return a.date is None and b.date is None
    if a.date.event_date.year != b.date.event_date.year:
        return False
    if a.date.time_precision == 1 and b.date.time_precision == 1:
        return a.date.event_date == b.date.event_date
    # a vague date (a report's own date, "in recent days") beside an exact one is uncertain by a day
    slack = timedelta(days=1) if 1 in (a.date.time_precision, b.date.time_precision) else timedelta(0)
    return a.date.date_min - slack <= b.date.date_max and b.date.date_min - slack <= a.date.date_max


def _side(m: Mention) -> set[str]:
    """The perpetrator and those acting with it ("Syrian and Russian warplanes")."""
    return {am.actor.name for am in [m.actor1, *m.assoc_actor_1] if am is not None}


def _compatible_actors(a: Mention, b: Mention) -> bool:
    """Same or unnamed perpetrators (or sharing one of a joint side); different named ones only for the same
    named place on the same exact day (then the incident is one, and contested)."""
    n1, n2 = actor_name(a.actor1), actor_name(b.actor1)
    if not n1 or not n2 or n1 == n2 or _side(a) & _side(b):
        return True
    if n1.startswith(GENERIC_PREFIXES) or n2.startswith(GENERIC_PREFIXES):
        return True
    exact_day = a.date is not None and b.date is not None and a.date.time_precision == 1 == b.date.time_precision
    same_named_place = (
        a.place is not None and b.place is not None and a.place.place is not None and b.place.place is not None
        and a.place.place.name == b.place.place.name and a.place.geo_precision == 1 == b.place.geo_precision
    )
    return exact_day and same_named_place and a.doc_id != b.doc_id


def mergeable(a: Mention, b: Mention, *, level: str = "incident") -> bool:
    """Same type, day, place and compatible actors. Within one document (document level) only exact
    repeats merge: the same place on the same exact day, or the same sentence."""
    if level == "document":
        if a.sentence.start == b.sentence.start and a.trigger.start == b.trigger.start:
            return _same_place(a, b)
        crowd = a.sub_event_type in CROWD_ORDER and b.sub_event_type in CROWD_ORDER
        if crowd:
            return _same_day(a, b) and _same_place(a, b)  # one demonstration told in several sentences
        if a.date is None or b.date is None or a.date.time_precision != 1 or b.date.time_precision != 1:
            return False
    same_type = a.sub_event_type == b.sub_event_type or (
        level != "document" and a.event_type == b.event_type == "Battles"
    ) or (a.sub_event_type in CROWD_ORDER and b.sub_event_type in CROWD_ORDER)
    return (
        same_type
        and _same_day(a, b)
        and _same_place(a, b)
        and _compatible_actors(a, b)
    )


def _affinity(m: Mention, group: list[Mention]) -> tuple:
    """How well a mention fits a group: closest date first, then a shared perpetrator and place name."""
    gaps = [abs((m.date.event_date - o.date.event_date).days) for o in group if m.date and o.date]
    same_actor = sum(1 for o in group if actor_name(o.actor1) == actor_name(m.actor1))
    same_name = sum(1 for o in group if o.place and m.place and o.place.place and m.place.place and o.place.place.name == m.place.place.name)
    return (-(min(gaps) if gaps else 0), same_actor, same_name)


CELL_DEGREES = 0.5  # ~55 km: a 3x3 neighbourhood of cells covers the widest merge distance (50 km)
MAX_WINDOW_DAYS = 31


def _kind(m: Mention, level: str) -> str:
    """What must be equal for two mentions to be compared at all."""
    if m.sub_event_type in CROWD_ORDER:
        return "crowd"
    return m.event_type if m.event_type == "Battles" and level != "document" else m.sub_event_type


def _days(m: Mention, slack: int) -> list[int | None]:
    """Day ordinals a mention's date window touches (capped), None when undated."""
    if m.date is None:
        return [None]
    lo, hi = m.date.date_min.toordinal() - slack, m.date.date_max.toordinal() + slack
    return list(range(lo, min(hi, lo + MAX_WINDOW_DAYS) + 1))


def _cell(m: Mention) -> tuple[int, int] | None:
    p = m.place.place if m.place else None
    if p is None:
        return None
    return (math.floor(p.latitude / CELL_DEGREES), math.floor(p.longitude / CELL_DEGREES))


def _cells_around(cell: tuple[int, int] | None) -> list[tuple[int, int] | None]:
    if cell is None:
        return [None]
    return [(cell[0] + dy, cell[1] + dx) for dy in (-1, 0, 1) for dx in (-1, 0, 1)]


def group_mentions(mentions: list[Mention], *, level: str) -> list[list[Mention]]:
    """Cluster mentions into incidents, deterministically: exact-dated mentions found the groups, vaguer
    ones join the group they fit best; a mention joins only a group it is compatible with entirely.
    Document level never merges across documents.

    Groups are indexed by kind, day and a half-degree grid cell of their founding mention, so a mention
    is compared only with groups whose founder is within a few days and ~50 km: the cost is the sort,
    O(n log n), plus a bounded number of comparisons per mention."""
    groups: list[list[Mention]] = []
    index: dict[tuple, dict[int | None, list[int]]] = {}  # (scope, kind, cell) -> founding day -> groups
    order = sorted(mentions, key=lambda m: ((m.date.time_precision if m.date else 9), mention_key(m)))
    for m in order:
        scope = m.doc_id if level == "document" else ""
        kind = _kind(m, level)
        cell = _cell(m)
        days = _days(m, 1)
        candidates: set[int] = set()
        for near in _cells_around(cell):
            by_day = index.get((scope, kind, near))
            if by_day:
                for day in days:
                    hit = by_day.get(day)
                    if hit:
                        candidates.update(hit)
        fits = [gi for gi in sorted(candidates) if all(mergeable(m, o, level=level) for o in groups[gi])]
        if fits:
            best = max(fits, key=lambda gi: (_affinity(m, groups[gi]), -gi))
            groups[best].append(m)
            continue
        gi = len(groups)
        groups.append([m])
        by_day = index.setdefault((scope, kind, cell), {})
        for day in _days(m, 0):
            by_day.setdefault(day, []).append(gi)
    return groups
