"""Measure the GEO stage on ACLED exports (read at run time from ../shared/corpus; nothing is copied).

(a) location names as given: the share that the gazetteer places within 10 km of ACLED's coordinates
    (top-ranked entry of the event's country, preferring ACLED's admin1);
(b) find_places on the notes (document context from the note), most specific mention: the share
    within 10 km, overall and over the events whose location the gazetteer holds (some entry of that
    name in the country lies within 10 km); also over the held events whose note names the location
    (ACLED often codes a place that the note does not name).

Usage: .venv/bin/python bench/geo_accuracy.py [--sample N] [--seed S] [--corpus DIR] [--show-misses K]
"""

from __future__ import annotations

import argparse
import csv
import math
import random
import resource
import sys
import time
from pathlib import Path

from sitrep.geo import Geocoder, Gazetteer, best_mention
from sitrep.nlp.normalize import fold

CORPORA = {"syria": "acled-syria-2020", "kenya": "acled-kenya-2004-2019", "afghanistan": "acled-afghanistan-2020"}
CC = {"syria": "SY", "kenya": "KE", "afghanistan": "AF"}
NEAR_KM = 10.0


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 12742.0 * math.asin(min(1.0, math.sqrt(a)))


def load(corpus: Path, name: str, sample: int | None, seed: int) -> list[dict[str, str]]:
    """Events of one ACLED export (optionally a random sample)."""
    with open(corpus / CORPORA[name] / "events.csv", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    if sample and sample < len(rows):
        rows = random.Random(seed).sample(rows, sample)
    return rows


def location_hit(gz: Gazetteer, row: dict[str, str], cc: str) -> tuple[bool, bool]:
    """(top-ranked entry within 10 km, some entry within 10 km) for the ACLED location name."""
    lat, lon = float(row["latitude"]), float(row["longitude"])
    places = [p for p in gz.lookup(row["location"], country_code=cc) if p.country_code == cc]
    if not places:
        return False, False
    admin1 = gz.admin1(row["admin1"], country_code=cc)
    same = [p for p in places if admin1 and p.admin1 == admin1.admin1] or places
    top = same[0]
    held = any(km(lat, lon, p.latitude, p.longitude) <= NEAR_KM for p in places)
    return km(lat, lon, top.latitude, top.longitude) <= NEAR_KM, held


def run(name: str, args: argparse.Namespace, gz: Gazetteer, geo: Geocoder) -> None:
    """Print the figures for one corpus."""
    rows = load(Path(args.corpus), name, args.sample, args.seed)
    cc = CC[name]
    n = len(rows)
    a_hits = held_n = b_hits = b_hits_held = prec_same = located = named_n = b_hits_named = 0
    misses: list[str] = []
    started = time.perf_counter()
    for row in rows:
        top_hit, held = location_hit(gz, row, cc)
        a_hits += top_hit
        held_n += held
        note = row["notes"]
        named = held and fold(row["location"]) in fold(note)
        named_n += named
        mentions = geo.resolve_text(note, country_hint=cc if args.country_hint else None)
        m = best_mention(mentions, text=note)
        if m is None:
            if held and len(misses) < args.show_misses:
                spans = [x.span.text for x in mentions]
                misses.append(f"  NONE  {row['location']!r} ({row['geo_precision']}) | {spans}")
            continue
        located += 1
        d = km(float(row["latitude"]), float(row["longitude"]), m.place.latitude, m.place.longitude)
        ok = d <= NEAR_KM
        b_hits += ok
        b_hits_held += ok and held
        b_hits_named += ok and named
        prec_same += str(m.geo_precision) == row["geo_precision"]
        if held and not ok and len(misses) < args.show_misses:
            misses.append(f"  MISS  {row['location']!r} ({row['geo_precision']}) -> {m.place.name!r} "
                          f"[{m.place.feature}, {m.geo_precision}] {d:.0f} km | span {m.span.text!r}")
    secs = time.perf_counter() - started
    print(f"{name}: {n} events ({secs:.1f} s, {1000 * secs / max(n, 1):.2f} ms/event)")
    print(f"  (a) location names as given: top entry within {NEAR_KM:.0f} km {a_hits / n:.3f}; "
          f"gazetteer holds the location {held_n / n:.3f}")
    print(f"  (b) find_places on notes: within {NEAR_KM:.0f} km {b_hits / n:.3f} overall; "
          f"{b_hits_held / max(held_n, 1):.3f} over held locations ({held_n}); "
          f"a place found for {located / n:.3f}; geo_precision equal to ACLED's {prec_same / max(located, 1):.3f}")
    print(f"      held and named in the note ({named_n}): within {NEAR_KM:.0f} km {b_hits_named / max(named_n, 1):.3f}")
    for line in misses:
        print(line)


def perf(corpus: Path, gz: Gazetteer, geo: Geocoder) -> None:
    """Lookup speed (uncached and cached) and find_places throughput."""
    rows = [r for name in CORPORA for r in load(corpus, name, None, 0)]
    names = sorted({r["location"] for r in rows} | {r["admin1"] for r in rows})
    gz._match.cache_clear()
    t = time.perf_counter()
    for n in names:
        gz.lookup(n)
    cold = (time.perf_counter() - t) / len(names)
    t = time.perf_counter()
    for _ in range(5):
        for n in names:
            gz.lookup(n)
    warm = (time.perf_counter() - t) / (5 * len(names))
    notes = [r["notes"] for r in rows]
    chars = sum(len(n) for n in notes)
    t = time.perf_counter()
    for note in notes:
        geo.resolve_text(note)
    secs = time.perf_counter() - t
    print(f"lookup: {len(names)} distinct names, {1e6 * cold:.0f} us uncached, {1e6 * warm:.1f} us cached; "
          f"document_context + find_places on {len(notes)} notes: {secs:.1f} s ({chars / secs / 1e3:.0f} k chars/s)")


def main() -> int:
    """Entry point."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", default=str(Path(__file__).resolve().parents[1].parent / "shared" / "corpus"))
    ap.add_argument("--sample", type=int, default=None, help="random sample size per corpus")
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--only", choices=sorted(CORPORA), action="append")
    ap.add_argument("--show-misses", type=int, default=0)
    ap.add_argument("--country-hint", action="store_true", help="pass the corpus country as document context")
    ap.add_argument("--perf", action="store_true", help="also time lookups and find_places")
    args = ap.parse_args()
    if not Path(args.corpus).exists():
        print(f"corpus not found: {args.corpus}", file=sys.stderr)
        return 1
    t0 = time.perf_counter()
    gz = Gazetteer.default()
    geo = Geocoder(gz)
    print(f"gazetteer opened in {time.perf_counter() - t0:.2f} s: {gz.path} "
          f"({gz.path.stat().st_size / 1e6:.0f} MB)")
    for name in args.only or ["syria", "kenya", "afghanistan"]:
        run(name, args, gz, geo)
    if args.perf:
        perf(Path(args.corpus), gz, geo)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS {rss:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
