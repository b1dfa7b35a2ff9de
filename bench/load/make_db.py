"""Build a load-test database: 100,000 incidents (with sources, contradictions, framing, aggregates) over
30,000 documents, all synthetic, in SQLite or PostgreSQL.

    python bench/load/make_db.py --db sqlite:///build/load/load.db [--incidents 100000] [--documents 30000]

The texts are made of invented sentences; every source's offsets point at its sentence in its
document, as the web app's incident page expects. Deterministic (seeded). Replaces what is stored.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from datetime import date, timedelta

from sitrep.model import (
    Aggregate,
    Article,
    Contradiction,
    ContradictionClaim,
    DocumentResult,
    Framing,
    Incident,
    RunResult,
    Source,
)
from sitrep.store import Store
from sitrep.store.testing import reset_database

COUNTRIES = {
    "Syria": ["Aleppo", "Idleb", "Homs", "Hama", "Damascus", "Deir ez Zor", "Raqqa", "Dara"],
    "Yemen": ["Taizz", "Marib", "Al Hudaydah", "Sanaa", "Aden", "Al Bayda"],
    "Somalia": ["Banadir", "Lower Shabelle", "Middle Shabelle", "Bay", "Gedo"],
    "Nigeria": ["Borno", "Zamfara", "Kaduna", "Katsina", "Benue", "Plateau"],
    "Ukraine": ["Donetsk", "Kharkiv", "Zaporizhia", "Kherson", "Sumy", "Dnipropetrovsk"],
    "Sudan": ["Khartoum", "North Darfur", "West Darfur", "South Kordofan", "Al Jazirah"],
    "Myanmar": ["Sagaing", "Shan", "Rakhine", "Kachin", "Magway"],
    "Mali": ["Mopti", "Segou", "Gao", "Timbuktu"],
    "Burkina Faso": ["Sahel", "Nord", "Est", "Boucle du Mouhoun"],
    "DR Congo": ["North Kivu", "Ituri", "South Kivu"],
}
TYPES = {
    "Battles": ["Armed clash", "Government regains territory", "Non-state actor overtakes territory"],
    "Explosions/Remote violence": ["Air/drone strike", "Shelling/artillery/missile attack",
                                   "Remote explosive/landmine/IED"],
    "Violence against civilians": ["Attack", "Abduction/forced disappearance"],
    "Protests": ["Peaceful protest", "Protest with intervention"],
    "Riots": ["Violent demonstration", "Mob violence"],
    "Strategic developments": ["Arrests", "Looting/property destruction"],
}
ACTORS = [("Military Forces of {c}", "State forces"), ("Police Forces of {c}", "State forces"),
          ("Rebel Front ({c})", "Rebel group"), ("Unidentified Armed Group ({c})", "Political militia"),
          ("Communal Militia ({c})", "Identity militia"), ("Protesters ({c})", "Protesters"),
          ("Rioters ({c})", "Rioters"), ("Civilians ({c})", "Civilians")]
OUTLETS = ["Daily Ledger", "Evening Post", "Wire Service", "Valley Courier", "Frontline Monitor", "Radio Free Hill"]
GRADES = ["single source"] * 6 + ["corroborated"] * 3 + ["contested"]
START = date(2022, 1, 1)
DAYS = 3 * 365


def _sentence(rng: random.Random, place: str, day: date, n: int) -> str:
    """An invented report sentence."""
    verb = rng.choice(["Fighting was reported", "An attack was recorded", "Shelling hit", "Protesters gathered"])
    return f"{verb} in {place} on {day:%d %B %Y}, with {n} people reported killed by local sources."


def build(n_incidents: int, n_documents: int, seed: int = 11) -> tuple[list[DocumentResult], RunResult]:
    """Documents and the resolved run that cites them."""
    rng = random.Random(seed)
    texts: list[list[str]] = [[] for _ in range(n_documents)]
    meta = [(rng.choice(OUTLETS), START + timedelta(days=rng.randrange(DAYS))) for _ in range(n_documents)]
    incidents, pending = [], []
    for k in range(n_incidents):
        country = rng.choice(list(COUNTRIES))
        admin1 = rng.choice(COUNTRIES[country])
        et = rng.choice(list(TYPES))
        day = START + timedelta(days=rng.randrange(DAYS))
        (a1, i1), (a2, i2) = rng.sample(ACTORS, 2)
        deaths = rng.choice([0, 0, 0, 1, 2, 3, 5, 8, 12, 20, 40])
        inc = Incident(
            f"SR-{k:07d}", day, day, day, 1, et, rng.choice(TYPES[et]), actor1=a1.format(c=country), inter1=i1,
            actor2=a2.format(c=country), inter2=i2, civilian_targeting=et == "Violence against civilians",
            country=country, admin1=admin1, admin2=admin1, location=f"{admin1} town {k % 97}",
            latitude=round(rng.uniform(-10, 40), 5), longitude=round(rng.uniform(-10, 100), 5), geo_precision=1,
            fatalities=deaths, fatalities_low=deaths, fatalities_best=deaths, fatalities_high=deaths + rng.choice([0, 0, 2]),
            grade=rng.choice(GRADES), notes=f"On {day.isoformat()}, an incident in {admin1} ({country}).",
        )
        for _ in range(rng.choice([1, 1, 2, 3])):
            d = rng.randrange(n_documents)
            sentence = _sentence(rng, inc.location, day, deaths)
            pending.append((inc, d, sentence))
            texts[d].append(sentence)
        incidents.append(inc)
    docs_text = [" ".join(t) or "No incident was reported today." for t in texts]
    offsets: dict[tuple[int, str], int] = {}
    for inc, d, sentence in pending:
        start = docs_text[d].index(sentence, offsets.get((d, sentence), 0))
        offsets[(d, sentence)] = start + 1
        outlet, pub = meta[d]
        inc.sources.append(Source(f"doc-{d:06d}", outlet, pub, f"https://news.example/{d}", sentence, start,
                                  start + len(sentence), rng.choice([None, "local sources", "a monitor"])))
    docs = [DocumentResult(Article(f"doc-{d:06d}", docs_text[d], title=f"Report {d}", outlet=meta[d][0],
                                   published=meta[d][1], url=f"https://news.example/{d}", path="load.jsonl",
                                   line=d + 1)) for d in range(n_documents)]
    contradictions = []
    for inc in incidents[:: max(1, n_incidents // 2000)]:
        if len(inc.sources) > 1:
            s0, s1 = inc.sources[:2]
            contradictions.append(Contradiction(
                f"killed in {inc.location}", [ContradictionClaim(s0.doc_id, "3", s0.sentence, s0.start, s0.end),
                                              ContradictionClaim(s1.doc_id, "5", s1.sentence, s1.start, s1.end)],
                "sources give different death tolls"))
    framing = [Framing(inc.actor1, s.doc_id, s.outlet, ["forces", "troops"]) for inc in incidents[:20000:4]
               for s in inc.sources[:1]]
    aggregates = [Aggregate(s.doc_id, "displaced", 1000, 2000, inc.admin1, inc.date_min, inc.date_max, None,
                            s.sentence, s.start, s.end) for inc in incidents[:5000:5] for s in inc.sources[:1]]
    return docs, RunResult(incidents=incidents, aggregates=aggregates, contradictions=contradictions,
                           framing=framing)


def main() -> None:
    """Build the database given by --db."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", required=True)
    ap.add_argument("--incidents", type=int, default=100_000)
    ap.add_argument("--documents", type=int, default=30_000)
    args = ap.parse_args()
    t0 = time.monotonic()
    docs, run = build(args.incidents, args.documents)
    print(f"built {len(docs)} documents, {len(run.incidents)} incidents in {time.monotonic() - t0:.1f} s",
          file=sys.stderr)
    if not args.db.startswith("sqlite"):
        reset_database(args.db)
    with Store(args.db) as store:
        for i in range(0, len(docs), 2000):
            store.save_documents([(f"k-{d.article.doc_id}", d) for d in docs[i : i + 2000]])
        store.replace_resolved(run, level="incident")
        print(f"stored: {store.counts()} in {time.monotonic() - t0:.1f} s", file=sys.stderr)


if __name__ == "__main__":
    main()
