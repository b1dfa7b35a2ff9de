"""Blocking for resolution: split mentions into parts that can never merge with each other.

Two mentions can only end up in one incident (``sitrep.resolve.incidents.mergeable``) when they
share the event year, their dates are compatible (two exact dates are equal; a vague date range
overlaps the other's, with one day of slack beside an exact date: ``_same_day``), and their places
are compatible: both unplaced, the same
(name, country), or two resolved places at most 50 km apart (the widest limit of ``_same_place``).
The event type is deliberately NOT a blocking key (resolution merges some types with each other).
These are necessary conditions, so the connected components of the graph "all conditions hold"
are unions of the components of the "mergeable" graph, and ``group_mentions`` run on each
component gives exactly the groups it gives on everything at once: a mention only ever joins a
group all of whose members it can merge with, and the relative order of mentions and groups
inside a component is the same. ``tests/scale`` checks this against ``resolve()`` on the dev sets,
so a change of the merge rules that breaks a condition here is caught.

``sweep`` finds these components in one pass over a part's mentions sorted by the start of their
date range, releasing each component as soon as no later mention can reach it: memory holds the
mentions of open components only.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date

from sitrep.model import Mention

VAGUE_SLACK = 1
"""Days added on both sides of a vague (week/month) date range; an exact date is a single day. Then two
mentions ``_same_day`` accepts always have overlapping windows: exact = exact is the same day, exact
beside vague is within a day of the range, two vague ranges overlap."""
NEAR_KM = 50.0
"""The widest distance at which ``_same_place`` takes two differently named places as one."""
EARTH_KM = 6371.0
PURGE_EVERY = 4096
"""Items between two purges of the sweep's stale place keys (keeps its memory to the open window)."""
_CELL_KM = NEAR_KM  # 3-D grid cell edge: chord ≤ great-circle distance, so neighbours are ±1 cells


def part_key(m: Mention, *, level: str) -> tuple:
    """The part a mention belongs to: its event year (0: undated), or its document at document level."""
    if level == "document":
        return ("doc", m.doc_id)
    return ("year", m.date.event_date.year if m.date else 0)


def date_range(m: Mention) -> tuple[int, int]:
    """The mention's day window as ordinals (widened by VAGUE_SLACK unless exact); (0, 0) when undated."""
    d = m.date
    if d is None:
        return 0, 0
    days = [x.toordinal() for x in (d.event_date, d.date_min or d.event_date, d.date_max or d.event_date)]
    slack = 0 if d.time_precision == 1 else VAGUE_SLACK
    return min(days) - slack, max(days) + slack


@dataclass(slots=True)
class Keys:
    """What the sweep needs of a mention: its date range and place keys."""

    lo: int
    hi: int
    name: tuple | None  # ("name", place name, country) or ("none",) for an unplaced mention
    point: tuple[float, float] | None  # (lat, lon) of a resolved place


def keys_of(m: Mention) -> Keys:
    """Date range and place keys of one mention."""
    lo, hi = date_range(m)
    p = m.place.place if m.place is not None else None
    if p is None:
        return Keys(lo, hi, ("none",), None)
    point = None if p.feature == "unresolved" else (float(p.latitude), float(p.longitude))
    return Keys(lo, hi, ("name", p.name, p.country), point)


def _cell(point: tuple[float, float]) -> tuple[int, int, int]:
    lat, lon = map(math.radians, point)
    x = EARTH_KM * math.cos(lat) * math.cos(lon)
    y = EARTH_KM * math.cos(lat) * math.sin(lon)
    z = EARTH_KM * math.sin(lat)
    return (math.floor(x / _CELL_KM), math.floor(y / _CELL_KM), math.floor(z / _CELL_KM))


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    a_lat, a_lon, b_lat, b_lon = map(math.radians, (*a, *b))
    h = math.sin((b_lat - a_lat) / 2) ** 2 + math.cos(a_lat) * math.cos(b_lat) * math.sin((b_lon - a_lon) / 2) ** 2
    return 2 * EARTH_KM * math.asin(min(1.0, math.sqrt(h)))


class _Components:
    """Union-find over item indices with each root's members and latest day."""

    def __init__(self) -> None:
        self.parent: dict[int, int] = {}
        self.members: dict[int, list[tuple[int, object]]] = {}
        self.hi: dict[int, int] = {}

    def add(self, i: int, item, hi: int) -> None:
        self.parent[i] = i
        self.members[i] = [(i, item)]
        self.hi[i] = hi

    def find(self, i: int) -> int:
        root = i
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[i] != root:
            self.parent[i], i = root, self.parent[i]
        return root

    def union(self, a: int, b: int) -> int:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return ra
        if len(self.members[ra]) < len(self.members[rb]):
            ra, rb = rb, ra
        self.parent[rb] = ra
        self.members[ra].extend(self.members.pop(rb))
        self.hi[ra] = max(self.hi[ra], self.hi.pop(rb))
        return ra

    def release(self, root: int) -> list:
        """Items of a closed component; its union-find entries are forgotten."""
        members = self.members.pop(root)
        self.hi.pop(root)
        for i, _ in members:
            del self.parent[i]
        return [item for _, item in members]


class _Sweep:
    """The state of one part's sweep: open components and the place keys still reachable."""

    def __init__(self) -> None:
        self.comps = _Components()
        self.by_name: dict[tuple, tuple[int, int]] = {}  # name key -> (item index, latest day)
        self.by_point: dict[tuple, tuple[int, int]] = {}  # point -> (item index, latest day)
        self.grid: dict[tuple, set] = {}
        self.heap: list[tuple[int, int]] = []

    def link(self, i: int, keys: Keys) -> None:
        """Join item i to every open item it may merge with (same name, same or nearby point)."""
        self._via(self.by_name, keys.name, i, keys)
        if keys.point is not None:
            for q in self._near(keys.point, keys.lo):
                self.comps.union(i, self.by_point[q][0])
            self._via(self.by_point, keys.point, i, keys)
            self.grid.setdefault(_cell(keys.point), set()).add(keys.point)

    def _via(self, index: dict, key, i: int, keys: Keys) -> None:
        if key is None:
            return
        hit = index.get(key)
        if hit is not None and hit[1] >= keys.lo:
            self.comps.union(i, hit[0])
            index[key] = (hit[0], max(hit[1], keys.hi))
        else:
            index[key] = (i, keys.hi)

    def purge(self, lo: int) -> None:
        """Forget place keys no later mention (starting at ``lo`` or after) can reach."""
        for index in (self.by_name, self.by_point):
            for key in [k for k, (_, hi) in index.items() if hi < lo]:
                del index[key]
        for cell in [c for c, points in self.grid.items() if not (points & self.by_point.keys())]:
            del self.grid[cell]
        for points in self.grid.values():
            points.intersection_update(self.by_point.keys())

    def _near(self, point: tuple[float, float], lo: int) -> list[tuple]:
        """Other open points within NEAR_KM of ``point`` (closed ones are dropped from the grid)."""
        cx, cy, cz = _cell(point)
        out = []
        for dx in (-1, 0, 1):
            for dy in (-1, 0, 1):
                for dz in (-1, 0, 1):
                    cell = self.grid.get((cx + dx, cy + dy, cz + dz))
                    if not cell:
                        continue
                    for q in list(cell):
                        hit = self.by_point.get(q)
                        if hit is None or hit[1] < lo:
                            cell.discard(q)
                            self.by_point.pop(q, None)
                        elif q != point and _km(point, q) <= NEAR_KM * 1.001:
                            out.append(q)
        return out


def sweep(items: Iterable[tuple[Keys, object]]) -> Iterator[list]:
    """Components of ``(keys, item)`` pairs given in order of ``keys.lo``; each is yielded once closed."""
    state = _Sweep()
    for i, (keys, item) in enumerate(items):
        if i and i % PURGE_EVERY == 0:
            state.purge(keys.lo)
        while state.heap and state.heap[0][0] < keys.lo:
            hi, root = heapq.heappop(state.heap)
            if root in state.comps.members and state.comps.hi[root] == hi and state.comps.find(root) == root:
                yield state.comps.release(root)
        state.comps.add(i, item, keys.hi)
        state.link(i, keys)
        root = state.comps.find(i)
        heapq.heappush(state.heap, (state.comps.hi[root], root))
    for root in list(state.comps.members):
        yield state.comps.release(root)


def components(mentions: Iterable[Mention]) -> list[list[Mention]]:
    """All components of a part's mentions (any order; sorted here), mostly for tests."""
    pairs = sorted(((keys_of(m), m) for m in mentions), key=lambda p: p[0].lo)
    return list(sweep(pairs))


def ordinal_date(n: int) -> date | None:
    """The date of a day ordinal (None for 0, the undated marker)."""
    return date.fromordinal(n) if n > 0 else None
