"""Test helpers for the store, API, web app and report: hand-built DocumentResults and a toy resolver.

Nothing here is used at run time. The example articles are invented for tests (fictional wording,
real place names and coordinates so that the map has something to show).
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from sitrep.model import (
    Actor,
    ActorMention,
    Aggregate,
    Article,
    Claim,
    Contradiction,
    ContradictionClaim,
    Count,
    DateRange,
    DocumentResult,
    Framing,
    Incident,
    Mention,
    Place,
    PlaceMention,
    RunResult,
    Source,
)

PLACES = {
    "Aleppo": Place("Aleppo", "Syria", "SY", 36.2021, 37.1343, admin1="Aleppo", admin2="Jebel Saman", geonameid=170063),
    "Idlib": Place("Idlib", "Syria", "SY", 35.9306, 36.6339, admin1="Idleb", admin2="Idleb", geonameid=169389),
    "Saraqib": Place("Saraqib", "Syria", "SY", 35.8647, 36.8006, admin1="Idleb", admin2="Idleb", geonameid=169304),
    "Homs": Place("Homs", "Syria", "SY", 34.7268, 36.7234, admin1="Homs", admin2="Homs", geonameid=169577),
    "Nairobi": Place("Nairobi", "Kenya", "KE", -1.2833, 36.8167, admin1="Nairobi", admin2="Nairobi", geonameid=184745),
}

ACTORS = {
    "SYR": Actor("SYR_GOV", "Military Forces of Syria (2000-2024)", "state", "SY"),
    "RUS": Actor("RUS_MIL", "Military Forces of Russia (2000-)", "external", "RU"),
    "HTS": Actor("HTS", "HTS: Hayat Tahrir al-Sham", "rebel", "SY"),
    "CIV": Actor("CIV_SY", "Civilians (Syria)", "civilians", "SY"),
    "PRO": Actor("PRO_KE", "Protesters (Kenya)", "protesters", "KE"),
    "POL": Actor("POL_KE", "Police Forces of Kenya (2022-)", "state", "KE"),
}


def span(text: str, needle: str, start_at: int = 0):
    """Span of the first occurrence of ``needle`` in ``text`` at or after ``start_at``."""
    from sitrep.model import Span

    i = text.index(needle, start_at)
    return Span(i, i + len(needle), needle)


@dataclass
class EventSpec:
    """One event mention to put into a test article."""

    sentence: str
    trigger: str
    event_type: str
    sub_event_type: str
    place: str
    day: date
    actor1: tuple[str, str] | None = None  # (actor key, words used)
    actor2: tuple[str, str] | None = None
    killed: int | None = None
    claimant: str | None = None
    civilian_targeting: bool = False


@dataclass
class DocSpec:
    """A test article: text built from sentences, plus the events and aggregates it states."""

    doc_id: str
    sentences: list[str]
    outlet: str | None = None
    published: date | None = None
    title: str | None = None
    url: str | None = None
    events: list[EventSpec] = field(default_factory=list)
    displaced: list[tuple[str, int, str, date | None, date | None]] = field(
        default_factory=list
    )  # sentence, n, area, from, to

    @property
    def text(self) -> str:
        return " ".join(self.sentences)

    def article(self) -> Article:
        return Article(
            self.doc_id,
            self.text,
            title=self.title,
            outlet=self.outlet,
            published=self.published,
            url=self.url,
            path=f"{self.doc_id}.txt",
        )


def build_result(spec: DocSpec, article: Article | None = None) -> DocumentResult:
    """A DocumentResult as the engine would give it for a DocSpec."""
    art = article or spec.article()
    text = art.text
    mentions, actor_mentions = [], []
    for ev in spec.events:
        sent = span(text, ev.sentence)
        trig = span(text, ev.trigger, sent.start)
        m = Mention(
            art.doc_id,
            sent,
            trig,
            ev.event_type,
            ev.sub_event_type,
            civilian_targeting=ev.civilian_targeting,
            place=PlaceMention(span(text, ev.place, sent.start), PLACES[ev.place]),
            date=DateRange(ev.day, ev.day, ev.day, 1),
        )
        for attr, spec_actor in (("actor1", ev.actor1), ("actor2", ev.actor2)):
            if spec_actor:
                am = ActorMention(span(text, spec_actor[1], sent.start), ACTORS[spec_actor[0]], spec_actor[1])
                setattr(m, attr, am)
                actor_mentions.append(am)
        if ev.killed is not None:
            m.fatalities = Count(ev.killed, ev.killed, ev.killed, "killed", "civilians", qualifier="exact")
        if ev.claimant:
            m.claim = Claim(ev.claimant, span(text, ev.claimant, sent.start))
        mentions.append(m)
    aggregates = []
    for sentence, n, area, d0, d1 in spec.displaced:
        sp = span(text, sentence)
        aggregates.append(Aggregate(art.doc_id, "displaced", n, n, area, d0, d1, None, sentence, sp.start, sp.end))
    return DocumentResult(art, mentions, aggregates, actor_mentions)


class FakeEngine:
    """Stands in for sitrep.pipeline.Engine: finds the spec with the article's text (any doc_id)."""

    def __init__(self, specs: list[DocSpec]) -> None:
        self.by_text = {s.text.strip(): s for s in specs}
        self.calls = 0

    def process(self, article: Article) -> DocumentResult:
        self.calls += 1
        spec = self.by_text.get(article.text.strip())
        if spec is None:
            return DocumentResult(article)
        return build_result(dataclasses.replace(spec, doc_id=article.doc_id, sentences=[article.text]), article)


def _incident_key(m: Mention, level: str) -> tuple:
    """Toy merging key: same type, place and day (and document at document level)."""
    place = m.place.place.name if m.place and m.place.place else ""
    key = (m.event_type, place, m.date.event_date if m.date else None)
    return key + ((m.doc_id,) if level == "document" else ())


def toy_resolve(results: list[DocumentResult], *, level: str = "incident") -> RunResult:
    """A deterministic stand-in for sitrep.pipeline.resolve_results."""
    articles = {r.article.doc_id: r.article for r in results}
    groups: dict[tuple, list[Mention]] = defaultdict(list)
    for r in sorted(results, key=lambda r: r.article.doc_id):
        for m in r.mentions:
            groups[_incident_key(m, level)].append(m)
    incidents, contradictions = [], []
    for key, ms in sorted(groups.items(), key=lambda kv: (str(kv[0][2]), kv[0][0], kv[0][1])):
        inc = _incident(key, ms, articles)
        incidents.append(inc)
        figures = {m.fatalities.best for m in ms if m.fatalities}
        if len(figures) > 1:
            inc.grade = "contested"
            claims = [
                ContradictionClaim(
                    m.doc_id,
                    str(m.fatalities.best),
                    m.sentence.text,
                    m.sentence.start,
                    m.sentence.end,
                    m.claim.claimant if m.claim else None,
                )
                for m in ms
                if m.fatalities
            ]
            contradictions.append(
                Contradiction(f"killed in {key[1]} on {key[2]}", claims, "sources give different death tolls")
            )
    framing = []
    for r in sorted(results, key=lambda r: r.article.doc_id):
        labels: dict[str, list[str]] = defaultdict(list)
        for am in r.actor_mentions:
            if am.label not in labels[am.actor.name]:
                labels[am.actor.name].append(am.label)
        framing.extend(Framing(actor, r.article.doc_id, r.article.outlet, ls) for actor, ls in sorted(labels.items()))
    aggregates = [a for r in sorted(results, key=lambda r: r.article.doc_id) for a in r.aggregates]
    return RunResult(incidents=incidents, aggregates=aggregates, contradictions=contradictions, framing=framing)


def _incident(key: tuple, ms: list[Mention], articles: dict[str, Article]) -> Incident:
    """Incident from the mentions merged under one key."""
    m0 = ms[0]
    place = m0.place.place
    day = m0.date.event_date
    iid = hashlib.sha1(repr(key).encode()).hexdigest()[:12]
    deaths = [m.fatalities.best for m in ms if m.fatalities]
    a1 = next((m.actor1.actor for m in ms if m.actor1), None)
    a2 = next((m.actor2.actor for m in ms if m.actor2), None)
    sources = []
    for m in ms:
        art = articles[m.doc_id]
        sources.append(
            Source(
                m.doc_id,
                art.outlet,
                art.published,
                art.url,
                m.sentence.text,
                m.sentence.start,
                m.sentence.end,
                m.claim.claimant if m.claim else None,
            )
        )
    outlets = {s.outlet for s in sources if s.outlet}
    return Incident(
        incident_id=iid,
        event_date=day,
        date_min=day,
        date_max=day,
        time_precision=1,
        event_type=m0.event_type,
        sub_event_type=m0.sub_event_type,
        actor1=a1.name if a1 else "",
        inter1=a1.inter if a1 else "",
        actor2=a2.name if a2 else "",
        inter2=a2.inter if a2 else "",
        civilian_targeting=any(m.civilian_targeting for m in ms),
        country=place.country,
        admin1=place.admin1,
        admin2=place.admin2,
        location=place.name,
        latitude=place.latitude,
        longitude=place.longitude,
        geo_precision=1,
        geonameid=place.geonameid,
        fatalities=min(deaths) if deaths else 0,
        fatalities_low=min(deaths) if deaths else None,
        fatalities_best=sorted(deaths)[len(deaths) // 2] if deaths else None,
        fatalities_high=max(deaths) if deaths else None,
        grade="corroborated" if len(outlets) > 1 else "single source",
        sources=sources,
        notes=f"On {day.isoformat()}, {m0.sub_event_type.lower()} in {place.name}.",
    )


def sample_specs() -> list[DocSpec]:
    """A small invented corpus: two outlets on one shelling (different tolls), an air strike, a protest, a hostile text."""
    d1, d2, d3 = date(2024, 3, 1), date(2024, 3, 2), date(2024, 3, 5)
    return [
        DocSpec(
            "ledger-001",
            [
                "Shelling by government forces hit a crowded market in Saraqib on Friday.",
                "Five civilians were killed in the shelling, medics at the town's hospital said.",
                "Around 3,000 people have fled the Saraqib area since the start of the month, an aid group said.",
            ],
            outlet="Daily Ledger",
            published=d2,
            title="Market shelled in Saraqib",
            url="https://ledger.example/001",
            events=[
                EventSpec(
                    "Shelling by government forces hit a crowded market in Saraqib on Friday.",
                    "Shelling",
                    "Explosions/Remote violence",
                    "Shelling/artillery/missile attack",
                    "Saraqib",
                    d1,
                    actor1=("SYR", "government forces"),
                    actor2=("CIV", "market"),
                    killed=5,
                    civilian_targeting=True,
                )
            ],
            displaced=[
                (
                    "Around 3,000 people have fled the Saraqib area since the start of the month, an aid group said.",
                    3000,
                    "Saraqib",
                    date(2024, 3, 1),
                    d2,
                )
            ],
        ),
        DocSpec(
            "post-002",
            [
                "Regime artillery pounded Saraqib on Friday, killing seven people, according to rescue workers.",
                "Residents said the market was full at the time.",
            ],
            outlet="Evening Post",
            published=d2,
            title="Seven dead in Saraqib",
            url="https://post.example/002",
            events=[
                EventSpec(
                    "Regime artillery pounded Saraqib on Friday, killing seven people, according to rescue workers.",
                    "pounded",
                    "Explosions/Remote violence",
                    "Shelling/artillery/missile attack",
                    "Saraqib",
                    d1,
                    actor1=("SYR", "Regime artillery"),
                    killed=7,
                    claimant="rescue workers",
                    civilian_targeting=True,
                )
            ],
        ),
        DocSpec(
            "post-003",
            [
                "Warplanes struck the outskirts of Idlib on Saturday.",
                "Russian jets were seen over the city before the raid, witnesses said.",
                "By Tuesday, some 4,500 people had left their homes in the Idlib area.",
            ],
            outlet="Evening Post",
            published=d3,
            title="Air raid near Idlib",
            events=[
                EventSpec(
                    "Warplanes struck the outskirts of Idlib on Saturday.",
                    "struck",
                    "Explosions/Remote violence",
                    "Air/drone strike",
                    "Idlib",
                    d2,
                    actor1=("RUS", "Warplanes"),
                    killed=2,
                )
            ],
            displaced=[
                (
                    "By Tuesday, some 4,500 people had left their homes in the Idlib area.",
                    4500,
                    "Idlib",
                    date(2024, 3, 1),
                    d3,
                )
            ],
        ),
        DocSpec(
            "wire-004",
            [
                "Hundreds of demonstrators 📣 marched through central Nairobi on Tuesday 🇰🇪.",
                "Police fired tear gas to disperse the crowd near parliament in Nairobi.",
            ],
            outlet="Wire Service",
            published=d3,
            title="Nairobi protest dispersed",
            events=[
                EventSpec(
                    "Police fired tear gas to disperse the crowd near parliament in Nairobi.",
                    "fired tear gas",
                    "Protests",
                    "Protest with intervention",
                    "Nairobi",
                    d3,
                    actor1=("PRO", "crowd"),
                    actor2=("POL", "Police"),
                )
            ],
        ),
        DocSpec(
            "hostile-005",
            [
                'Clashes <script>window.__pwned = 1</script> erupted in Homs on Tuesday <img src=x onerror="window.__pwned = 1">.',
                'The article text also says <b onmouseover="window.__pwned=1">bold</b> & "quoted" things.',
            ],
            outlet='<img src=x onerror="window.__pwned=1">Outlet',
            published=d3,
            title="<script>window.__pwned = 1</script>Title",
            events=[
                EventSpec(
                    'Clashes <script>window.__pwned = 1</script> erupted in Homs on Tuesday <img src=x onerror="window.__pwned = 1">.',
                    "Clashes",
                    "Battles",
                    "Armed clash",
                    "Homs",
                    d3,
                    actor1=("SYR", "Clashes"),
                    actor2=("HTS", "Clashes"),
                )
            ],
        ),
    ]


def sample_results() -> list[DocumentResult]:
    """DocumentResults of :func:`sample_specs`."""
    return [build_result(s) for s in sample_specs()]


def reset_database(url: str) -> None:
    """Drop every table of a (test) database, including Alembic's version table."""
    from sqlalchemy import MetaData, create_engine

    from sitrep.store.db import normalise_url

    engine = create_engine(normalise_url(url))
    try:
        meta = MetaData()
        meta.reflect(engine)
        meta.drop_all(engine)
    finally:
        engine.dispose()


TEST_PG_ENV = "SITREP_TEST_PG_URL"
"""The environment variable naming the PostgreSQL database that tests may empty (``.ci/services.sh`` prints it)."""
PG_SKIP_REASON = f"PostgreSQL tests need env {TEST_PG_ENV} (see .ci/services.sh, which prints it)"
BACKENDS = ("sqlite", "postgresql")


def configured_pg_url() -> str | None:
    """The PostgreSQL URL that tests may use, if one is configured."""
    return os.environ.get(TEST_PG_ENV) or None


def fresh_database_url(backend: str, directory: Path, *, name: str = "test.db") -> str | None:
    """A fresh, empty database for a test: a new SQLite file ``name`` in ``directory``, or the configured
    PostgreSQL database with every table dropped; None when the backend is PostgreSQL and none is configured."""
    if backend == "sqlite":
        return f"sqlite:///{Path(directory) / name}"
    if backend != "postgresql":
        raise ValueError(f"unknown backend {backend!r}; expected one of {BACKENDS}")
    url = configured_pg_url()
    if url is not None:
        reset_database(url)
    return url


def dump_tables(store) -> dict[str, list[tuple]]:
    """Every row of every table of a store, sorted, for before/after comparisons."""
    from sqlalchemy import MetaData, select

    import warnings

    from sqlalchemy.exc import SAWarning

    meta = MetaData()
    with warnings.catch_warnings():  # SQLite's expression indexes (revision 0003) cannot be reflected: no matter
        warnings.simplefilter("ignore", SAWarning)
        meta.reflect(store.engine)
    out = {}
    with store.engine.connect() as conn:
        for name, table in sorted(meta.tables.items()):
            rows = conn.execute(select(table)).all()
            out[name] = sorted((tuple(r) for r in rows), key=repr)
    return out
