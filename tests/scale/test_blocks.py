"""Blocking: components of 'may merge' (date window x place) never split what resolution merges."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from sitrep.model import DateRange, Mention, Place, PlaceMention, Span
from sitrep.scale.blocks import VAGUE_SLACK, components, keys_of, part_key

D0 = date(2024, 3, 1)


def mention(doc: str, day: int, *, place: tuple | None = ("Alpha", 36.0, 37.0), days: int = 0, precision: int = 1,
            sub: str = "Armed clash", feature: str = "city") -> Mention:  # fmt: skip
    start = D0 + timedelta(days=day)
    dr = DateRange(start + timedelta(days=days), start, start + timedelta(days=days), precision)
    pm = None
    if place is not None:
        name, lat, lon = place
        pm = PlaceMention(Span(0, len(name), name), Place(name, "Syria", "SY", lat, lon, feature=feature), 1)
    et = "Battles" if sub == "Armed clash" else "Explosions/Remote violence"
    return Mention(doc, Span(0, 5, "text."), Span(0, 4, "text"), et, sub, place=pm, date=dr)


def docs(comps) -> list[set[str]]:
    return sorted(({m.doc_id for m in c} for c in comps), key=lambda s: sorted(s))


def test_same_place_and_day_is_one_component():
    assert docs(components([mention("a", 0), mention("b", 0), mention("c", 0)])) == [{"a", "b", "c"}]


def test_days_apart_are_separate_but_a_range_bridges_them():
    far = [mention("a", 0), mention("b", 10)]
    assert docs(components(far)) == [{"a"}, {"b"}]
    bridge = far + [mention("c", 0, days=10, precision=2)]
    assert docs(components(bridge)) == [{"a", "b", "c"}]


def test_exact_days_do_not_chain_but_a_vague_range_reaches_a_day_beyond():
    assert VAGUE_SLACK >= 1
    assert docs(components([mention("a", 0), mention("b", 1)])) == [{"a"}, {"b"}]
    week = mention("c", 2, days=6, precision=2)  # days 2..8, so day 1 and day 9 are within a day
    assert docs(components([mention("a", 0), mention("b", 1), week, mention("d", 9)])) == [{"a"}, {"b", "c", "d"}]


def test_places_link_by_name_or_within_50_km():
    near = mention("b", 0, place=("Beta", 36.2, 37.0))  # ~22 km
    far = mention("c", 0, place=("Gamma", 37.0, 37.0))  # ~111 km
    same_name_far = mention("d", 0, place=("Alpha", 30.0, 30.0))
    assert docs(components([mention("a", 0), near, far, same_name_far])) == [{"a", "b", "d"}, {"c"}]


def test_unresolved_places_link_by_name_only_and_unplaced_together():
    u1 = mention("a", 0, place=("Kafr X", 0.0, 0.0), feature="unresolved")
    u2 = mention("b", 0, place=("Kafr Y", 0.0, 0.0), feature="unresolved")
    n1, n2 = mention("c", 0, place=None), mention("d", 0, place=None)
    assert docs(components([u1, u2, n1, n2])) == [{"a"}, {"b"}, {"c", "d"}]


def test_parts_are_years_and_documents():
    m = mention("a", 0)
    assert part_key(m, level="incident") == ("year", 2024)
    assert part_key(m, level="document") == ("doc", "a")
    undated = mention("b", 0)
    undated.date = None
    assert part_key(undated, level="incident") == ("year", 0) and keys_of(undated).lo == 0


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 40), st.integers(0, 6), st.integers(0, 5), st.booleans()), min_size=1, max_size=40))
def test_property_components_are_exactly_the_closure_of_may_merge(specs):
    places = [("Alpha", 36.0, 37.0), ("Beta", 36.3, 37.0), ("Gamma", 36.6, 37.0), ("Delta", 38.0, 39.0), None, ("Alpha", 10.0, 10.0)]
    ms = [mention(f"d{i}", day, days=span, precision=2 if span or vague else 1, place=places[p if not vague else 4])
          for i, (day, span, p, vague) in enumerate(specs)]  # fmt: skip
    got = docs(components(ms))
    assert got == docs(_brute_force(ms))


def _brute_force(ms: list[Mention]) -> list[list[Mention]]:
    """Connected components of the pairwise necessary conditions, the slow way."""
    from sitrep.scale.blocks import NEAR_KM, _km

    def linked(a: Mention, b: Mention) -> bool:
        ka, kb = keys_of(a), keys_of(b)
        if ka.lo > kb.hi or kb.lo > ka.hi:
            return False
        if ka.name == kb.name:
            return True
        return ka.point is not None and kb.point is not None and _km(ka.point, kb.point) <= NEAR_KM

    parent = list(range(len(ms)))

    def find(i: int) -> int:
        while parent[i] != i:
            i = parent[i]
        return i

    for i in range(len(ms)):
        for j in range(i):
            if linked(ms[i], ms[j]):
                parent[find(i)] = find(j)
    groups: dict[int, list[Mention]] = {}
    for i, m in enumerate(ms):
        groups.setdefault(find(i), []).append(m)
    return list(groups.values())


PLACES = [("Alpha", 36.0, 37.0, "city"), ("Beta", 36.02, 37.0, "city"), ("Gamma", 36.3, 37.0, "admin2"),
          ("Alpha", 20.0, 20.0, "city"), ("Kafr Z", 0.0, 0.0, "unresolved"), None]  # fmt: skip
SUBS = ["Armed clash", "Air/drone strike", "Attack", "Peaceful protest", "Protest with intervention"]


def _random_mention(doc: int, spec: tuple) -> Mention:
    from sitrep.model import SUB_EVENT_TYPES

    day, span, precision, place, sub, geo = spec
    m = mention(f"d{doc}", day, days=span if precision > 1 else 0, precision=precision, sub=SUBS[sub],
                place=PLACES[place][:3] if PLACES[place] else None, feature=PLACES[place][3] if PLACES[place] else "city")  # fmt: skip
    m.event_type = SUB_EVENT_TYPES[m.sub_event_type]
    if m.place is not None:
        m.place.geo_precision = geo
    return m


SPEC = st.tuples(st.integers(0, 5), st.integers(0, 6), st.sampled_from([1, 1, 2, 3]), st.integers(0, len(PLACES) - 1),
                 st.integers(0, len(SUBS) - 1), st.integers(1, 3))  # fmt: skip


@settings(max_examples=800, deadline=None)
@given(SPEC, SPEC)
def test_property_whatever_resolution_may_merge_is_in_one_block(a_spec, b_spec):
    from sitrep.resolve.incidents import mergeable

    a, b = _random_mention(1, a_spec), _random_mention(2, b_spec)
    if mergeable(a, b, level="incident") or mergeable(b, a, level="incident"):
        assert part_key(a, level="incident") == part_key(b, level="incident")
        assert docs(components([a, b])) == [{"d1", "d2"}]
