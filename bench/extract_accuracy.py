"""Accuracy of the numbers and dates extractors on ACLED notes (dev corpora, read at run time).

For each ACLED event, the note is the input text and ACLED's coding is the gold:
- fatalities: the note's own coding statement (``fatalities_coded``) when present, else the sum of the
  killed counts of the note (see ``note_fatalities``), else 0; compared with the ``fatalities`` column;
- dates: with published = the event's date, does ``best_event_date(find_dates(note))`` give
  ``event_date`` exactly?

Usage: .venv/bin/python bench/extract_accuracy.py [--corpus DIR] [--show N] [--verbose]
Nothing from the corpora is written anywhere; mismatches are printed only with --show.
"""

from __future__ import annotations

import argparse
import bisect
import csv
import re
import sys
import time
from datetime import date, datetime
from pathlib import Path

from sitrep.extract.dates import best_event_date, default_date, find_dates
from sitrep.extract.numbers import find_counts
from sitrep.model import Count

CORPORA = ("acled-syria-2020", "acled-afghanistan-2020", "acled-kenya-2004-2019")
_FORMATS = ("%d-%b-%y", "%d %B %Y", "%d-%m-%y", "%Y-%m-%d", "%d/%m/%Y")


def parse_event_date(s: str) -> date:
    """ACLED export dates come as 9-May-20, 09 March 2020 or 09-10-18 (day-month-year)."""
    for fmt in _FORMATS:
        try:
            return datetime.strptime(s.strip(), fmt).date()
        except ValueError:
            continue
    raise ValueError(f"unknown date format: {s!r}")


_SENTENCE_END = re.compile(r"[.;!?](?:\s+|$)")


def note_fatalities(note: str, counts: list[Count]) -> int:
    """ACLED-style fatalities of one note.

    The note's own coding statement when present (the last one); else the killed counts of the main
    clause summed, taken as the first sentence that states any (later sentences add background, other
    sources' figures or restatements); else 0.
    """
    coded = [c for c in counts if c.quantity == "fatalities_coded"]
    if coded:
        return coded[-1].best
    killed = [
        c for c in counts if c.quantity == "killed" and not c.negated and c.qualifier != "including" and c.span
    ]
    if not killed:
        return 0
    ends = [m.end() for m in _SENTENCE_END.finditer(note)]

    def sentence(c: Count) -> int:
        return bisect.bisect_right(ends, c.span.start)  # type: ignore[union-attr]

    first = sentence(killed[0])
    return sum(c.best for c in killed if sentence(c) == first)


def run(corpus_dir: Path, show: int, verbose: bool) -> list[tuple[str, int, float, float]]:
    """Measure every corpus; return rows (name, n, fatalities accuracy, date accuracy)."""
    rows = []
    for name in CORPORA:
        path = corpus_dir / name / "events.csv"
        if not path.exists():
            print(f"skip {name}: {path} missing", file=sys.stderr)
            continue
        with path.open(encoding="utf-8") as f:
            events = list(csv.DictReader(f))
        ok_fat = ok_date = found_date = ok_default = 0
        shown = 0
        t0 = time.perf_counter()
        for ev in events:
            note = ev["notes"]
            gold_date = parse_event_date(ev["event_date"])
            got = note_fatalities(note, find_counts(note))
            if got == int(ev["fatalities"]):
                ok_fat += 1
            elif shown < show:
                shown += 1
                print(f"[{name}] fatalities gold={ev['fatalities']} got={got}: {note}\n")
            best = best_event_date(find_dates(note, published=gold_date))
            found_date += best is not None
            if best is not None and best.event_date == gold_date:
                ok_date += 1
            elif verbose and best is not None:
                print(f"[{name}] date gold={gold_date} got={best.event_date} ({best.span}): {note[:160]}\n")
            ok_default += (best or default_date(gold_date)).event_date == gold_date
        dt = time.perf_counter() - t0
        n = len(events)
        rows.append((name, n, ok_fat / n, ok_date / n))
        print(
            f"{name}: n={n} fatalities exact={ok_fat / n:.3f} | event_date exact={ok_date / n:.3f}"
            f" (a date found in {found_date / n:.3f} of notes, exact in {ok_date / max(found_date, 1):.3f} of those;"
            f" with default_date fallback {ok_default / n:.3f}) | {dt:.2f}s"
        )
    return rows


def main() -> None:
    """Command line entry point."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "corpus")
    ap.add_argument("--show", type=int, default=0, help="print up to N fatality mismatches per corpus")
    ap.add_argument("--verbose", action="store_true", help="print date mismatches")
    args = ap.parse_args()
    run(args.corpus, args.show, args.verbose)


if __name__ == "__main__":
    main()
