"""Benchmark (not a test): cross-source resolution of many document-level incidents.

    .venv/bin/python bench/resolve_bench.py            # 25,000 / 50,000 / 100,000 mentions
    .venv/bin/python bench/resolve_bench.py 10000 20000

Synthetic mentions (one per document) are spread over a year and a grid of towns, with about a third
reporting an event another document also reports (same type, place and day), so that merging happens.
Prints seconds per size and seconds / (n log2 n): a flat last column means the cost grows as n log n.
"""

from __future__ import annotations

import math
import random
import resource
import sys
import time
from datetime import date, timedelta

from sitrep.model import (
    Actor,
    ActorMention,
    Article,
    Count,
    DateRange,
    DocumentResult,
    Mention,
    Place,
    PlaceMention,
    Span,
)
from sitrep.resolve import resolve

TYPES = [
    ("Explosions/Remote violence", "Air/drone strike"),
    ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
    ("Battles", "Armed clash"),
    ("Violence against civilians", "Attack"),
    ("Protests", "Peaceful protest"),
]
ACTORS = [Actor(f"a{i}", f"Armed Group {i}", "rebel", "SY") for i in range(40)]


def synthetic_results(n: int, *, seed: int = 7) -> list[DocumentResult]:
    """n documents with one mention each; about a third repeat an event of an earlier document."""
    rng = random.Random(seed)
    towns = [Place(f"Town {i}", "Syria", "SY", 32.0 + (i // 60) * 0.11, 35.5 + (i % 60) * 0.1, admin1="A") for i in range(3600)]
    start = date(2024, 1, 1)
    events = []
    results = []
    for i in range(n):
        if events and rng.random() < 0.33:
            day, town, kind, actor = rng.choice(events)
        else:
            day = start + timedelta(days=rng.randrange(365))
            town, kind, actor = rng.choice(towns), rng.choice(TYPES), rng.choice(ACTORS)
            events.append((day, town, kind, actor))
        doc = f"doc{i:07d}"
        text = f"Report {i}."
        m = Mention(
            doc_id=doc,
            sentence=Span(0, len(text), text),
            trigger=Span(0, 6, "Report"),
            event_type=kind[0],
            sub_event_type=kind[1],
            actor1=ActorMention(Span(0, 0, ""), actor, "fighters"),
            place=PlaceMention(Span(0, 0, town.name), town, 1),
            date=DateRange(day, day, day, 1),
            fatalities=Count(k := rng.randrange(0, 6), k, k, "killed"),
        )
        art = Article(doc_id=doc, text=text, outlet=f"Outlet {i % 97}", published=day)
        results.append(DocumentResult(article=art, mentions=[m]))
    return results


def main(sizes: list[int]) -> None:
    print(f"{'mentions':>10} {'incidents':>10} {'seconds':>9} {'us/(n log2 n)':>14}")
    for n in sizes:
        results = synthetic_results(n)
        t = time.perf_counter()
        out = resolve(results, level="incident")
        dt = time.perf_counter() - t
        print(f"{n:>10} {len(out.incidents):>10} {dt:>9.2f} {1e6 * dt / (n * math.log2(n)):>14.3f}")
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS {rss:.0f} MB")


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [25_000, 50_000, 100_000])
