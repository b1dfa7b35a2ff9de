"""A synthetic corpus and a fast, deterministic stand-in for the Engine, for crash and concurrency tests.

The articles are invented one-line reports ("Shelling hit Homs on 2024-03-04. 3 people were killed,
medics said."); the engine reads the event straight back from that shape, so 10,000 documents are
processed in about a second and the test time goes to what is tested: commits, kills and resolution.
"""

from __future__ import annotations

import json
import random
import re
from datetime import date, timedelta
from pathlib import Path

from sitrep.model import Article, ContradictionClaim, Count, DateRange, DocumentResult, Mention, PlaceMention, Span
from sitrep.store.testing import ACTORS, PLACES, toy_resolve  # noqa: F401 (toy_resolve re-exported)

KINDS = {
    "Shelling": ("Explosions/Remote violence", "Shelling/artillery/missile attack", "SYR"),
    "Clashes": ("Battles", "Armed clash", "HTS"),
    "Protest": ("Protests", "Peaceful protest", "PRO"),
}
OUTLETS = ("Daily Ledger", "Evening Post", "Wire Service", "Valley Courier")
_SENTENCE = re.compile(
    r"(?P<kind>Shelling|Clashes|Protest) (?:hit|near|in) (?P<place>[A-Z]\w+) on (?P<day>\d{4}-\d{2}-\d{2})\."
    r"(?: (?P<n>\d+) people were killed)?"
)
START = date(2024, 1, 1)
N_DOCS = 10_000
"""Size of the crash-test corpus."""


def article_line(i: int, rng: random.Random) -> dict:
    """One JSONL record: a short invented report with an event, sometimes two, and an outlet."""
    sentences = []
    for _ in range(1 + (rng.random() < 0.2)):
        kind = rng.choice(sorted(KINDS))
        place = rng.choice(sorted(PLACES))
        day = START + timedelta(days=rng.randrange(60))
        verb = {"Shelling": "hit", "Clashes": "near", "Protest": "in"}[kind]
        s = f"{kind} {verb} {place} on {day.isoformat()}."
        if kind != "Protest" and rng.random() < 0.7:
            s += f" {rng.randrange(1, 9)} people were killed, medics said."
        sentences.append(s)
    sentences.append(f"Filed as report number {i}.")
    return {
        "id": f"doc-{i:05d}",
        "text": " ".join(sentences),
        "outlet": rng.choice(OUTLETS),
        "published": (START + timedelta(days=61)).isoformat(),
    }


def write_corpus(path: Path, ids: range, *, seed: int = 7) -> Path:
    """Write the records of ``ids`` (the same id always gets the same record) to a JSONL file."""
    with open(path, "w", encoding="utf-8") as fh:
        for i in ids:
            fh.write(json.dumps(article_line(i, random.Random(seed * 1_000_003 + i))) + "\n")
    return path


class SyntheticEngine:
    """Reads the synthetic reports back into Mentions (offsets into the text, as the real engine gives)."""

    def __init__(self) -> None:
        self.calls = 0

    def process(self, article: Article) -> DocumentResult:
        """Document-level extraction of one synthetic article."""
        self.calls += 1
        text = article.text
        mentions = []
        for m in _SENTENCE.finditer(text):
            event_type, sub_event_type, actor = KINDS[m["kind"]]
            day = date.fromisoformat(m["day"])
            sent = Span(m.start(), m.end(), m.group())
            mention = Mention(
                article.doc_id,
                sent,
                Span(m.start("kind"), m.end("kind"), m["kind"]),
                event_type,
                sub_event_type,
                place=PlaceMention(Span(m.start("place"), m.end("place"), m["place"]), PLACES[m["place"]]),
                date=DateRange(day, day, day, 1),
            )
            if m["n"]:
                n = int(m["n"])
                mention.fatalities = Count(n, n, n, "killed", "people", Span(m.start("n"), m.end("n"), m["n"]))
            mentions.append(mention)
        return DocumentResult(article, mentions)


__all__ = ["ContradictionClaim", "SyntheticEngine", "article_line", "toy_resolve", "write_corpus"]
