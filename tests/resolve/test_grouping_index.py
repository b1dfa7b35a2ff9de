"""``group_mentions``'s index finds exactly the groups a scan of every group's founder finds."""

from __future__ import annotations

import random
from datetime import date, timedelta

import pytest

from sitrep.model import Actor, ActorMention, DateRange, Mention, Place, PlaceMention, Span
from sitrep.resolve.incidents import _affinity, _cell, _cells_around, _days, _kind, group_mentions, mention_key, mergeable

ACTORS = [Actor("SYR_MIL", "Military Forces of Syria (2000-2024)", "state", "SY"), Actor("HTS", "HTS", "rebel", "SY"), None]
SUBS = [("Explosions/Remote violence", "Air/drone strike"), ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
        ("Battles", "Armed clash"), ("Battles", "Government regains territory"), ("Protests", "Peaceful protest"),
        ("Riots", "Violent demonstration")]  # fmt: skip


def _scan_groups(mentions: list[Mention], *, level: str) -> list[list[Mention]]:
    """The definition the index implements: a mention is compared with every group whose founder has its
    scope and kind, a grid cell next to its own and a founding day inside its window (one day of slack)."""
    groups: list[list[Mention]] = []
    order = sorted(mentions, key=lambda m: ((m.date.time_precision if m.date else 9), mention_key(m)))
    for m in order:
        scope = m.doc_id if level == "document" else ""
        window = set(_days(m, 1))
        around = _cells_around(_cell(m))
        candidates = []
        for gi, group in enumerate(groups):
            f = group[0]
            if (f.doc_id if level == "document" else "") != scope or _kind(f, level) != _kind(m, level):
                continue
            if _cell(f) in around and window & set(_days(f, 0)):
                candidates.append(gi)
        fits = [gi for gi in candidates if all(mergeable(m, o, level=level) for o in groups[gi])]
        if fits:
            best = max(fits, key=lambda gi: (_affinity(m, groups[gi]), -gi))
            groups[best].append(m)
        else:
            groups.append([m])
    return groups


def _random_mentions(rng: random.Random, n: int) -> list[Mention]:
    # towns a few km apart around a corner of the half-degree grid, so that neighbouring cells matter
    places = [
        Place(f"Town {i}", "Syria", "SY", 35.5 + rng.uniform(-0.03, 0.03), 36.5 + rng.uniform(-0.03, 0.03), feature=rng.choice(["city", "admin2"]))
        for i in range(8)
    ]
    places.append(Place("Somewhere", "Syria", "SY", 0.0, 0.0, feature="unresolved"))
    out = []
    for i in range(n):
        event_type, sub = rng.choice(SUBS)
        day = date(2024, 1, 1) + timedelta(days=rng.randrange(40))
        precision = rng.choice([1, 1, 1, 2, 3])
        width = {1: 0, 2: 6, 3: 30}[precision]
        dated = rng.random() > 0.1
        place = rng.choice([*places, None])
        actor = rng.choice(ACTORS)
        out.append(Mention(
            doc_id=f"d{rng.randrange(12)}", sentence=Span(i * 10, i * 10 + 5, "s"), trigger=Span(i * 10, i * 10 + 1, "t"),
            event_type=event_type, sub_event_type=sub,
            actor1=ActorMention(Span(0, 0, ""), actor, "x") if actor else None,
            place=PlaceMention(Span(0, 0, place.name), place, rng.choice([1, 2, 3])) if place else None,
            date=DateRange(day, day - timedelta(days=width // 2), day + timedelta(days=width - width // 2), precision) if dated else None,
        ))  # fmt: skip
    return out


@pytest.mark.parametrize("level", ["incident", "document"])
@pytest.mark.parametrize("seed", range(6))
def test_index_finds_the_groups_a_full_scan_finds(level, seed):
    mentions = _random_mentions(random.Random(seed), 300)
    got = group_mentions(mentions, level=level)
    want = _scan_groups(mentions, level=level)
    assert [[id(m) for m in g] for g in got] == [[id(m) for m in g] for g in want]
    assert any(len(g) > 1 for g in got)
