"""Typed records shared by every stage: Article → Mention → Incident (+ Claim, Source, Aggregate ...).

All character offsets are into ``Article.text`` and satisfy ``text[start:end] == span_text``.
Records are plain dataclasses (slots) so that they are cheap to create by the million.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

EVENT_TYPES: dict[str, tuple[str, ...]] = {
    "Battles": ("Government regains territory", "Non-state actor overtakes territory", "Armed clash"),
    "Protests": ("Excessive force against protesters", "Protest with intervention", "Peaceful protest"),
    "Riots": ("Violent demonstration", "Mob violence"),
    "Explosions/Remote violence": (
        "Chemical weapon",
        "Air/drone strike",
        "Suicide bomb",
        "Shelling/artillery/missile attack",
        "Remote explosive/landmine/IED",
        "Grenade",
    ),
    "Violence against civilians": ("Sexual violence", "Attack", "Abduction/forced disappearance"),
    "Strategic developments": (
        "Agreement",
        "Arrests",
        "Change to group/activity",
        "Disrupted weapons use",
        "Headquarters or base established",
        "Looting/property destruction",
        "Non-violent transfer of territory",
        "Other",
    ),
}
"""ACLED's event types and sub-event types, in ACLED's hierarchy order (earlier wins)."""

SUB_EVENT_TYPES: dict[str, str] = {sub: et for et, subs in EVENT_TYPES.items() for sub in subs}
"""sub_event_type -> event_type."""

EVENT_TYPE_RANK: dict[str, int] = {et: i for i, et in enumerate(EVENT_TYPES)}

INTER_CODES: tuple[str, ...] = (
    "State forces",
    "Rebel group",
    "Political militia",
    "Identity militia",
    "Rioters",
    "Protesters",
    "Civilians",
    "External/Other forces",
)
"""ACLED actor categories (text form of inter1/inter2)."""

ActorKind = Literal[
    "state",  # State forces
    "rebel",  # Rebel group
    "political_militia",
    "identity_militia",
    "rioters",
    "protesters",
    "civilians",
    "external",  # External/Other forces (incl. international coalitions, PMCs)
    "organisation",  # humanitarian / media / monitoring organisation: never an event actor
]

KIND_TO_INTER: dict[str, str] = {
    "state": "State forces",
    "rebel": "Rebel group",
    "political_militia": "Political militia",
    "identity_militia": "Identity militia",
    "rioters": "Rioters",
    "protesters": "Protesters",
    "civilians": "Civilians",
    "external": "External/Other forces",
    "organisation": "",
}


@dataclass(slots=True)
class Article:
    """One input document."""

    doc_id: str
    text: str
    title: str | None = None
    outlet: str | None = None
    published: date | None = None
    published_inferred: bool = False
    published_evidence: str | None = None
    url: str | None = None
    path: str | None = None
    line: int | None = None  # 1-based line number for JSONL inputs

    @property
    def content_hash(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()[:16]


@dataclass(slots=True, frozen=True)
class Span:
    """A stretch of an article's text."""

    start: int
    end: int
    text: str


@dataclass(slots=True)
class Place:
    """A gazetteer entry (or an administrative area) that a toponym resolved to."""

    name: str
    country: str  # English country name, e.g. "Syria"
    country_code: str  # ISO 3166-1 alpha-2, e.g. "SY"
    latitude: float
    longitude: float
    admin1: str = ""
    admin2: str = ""
    admin3: str = ""
    geonameid: int | None = None
    feature: str = "city"  # city | admin1 | admin2 | admin3 | country | site
    population: int = 0


@dataclass(slots=True)
class PlaceMention:
    span: Span
    place: Place | None
    geo_precision: int = 1  # ACLED 1/2/3
    relation: str = "in"  # in | near | countryside | region


@dataclass(slots=True)
class Actor:
    """A canonical actor from the knowledge base (or a generic ACLED fallback)."""

    actor_id: str
    name: str  # ACLED-style name, e.g. "Military Forces of Syria (2000-2024)"
    kind: str  # one of ActorKind
    country: str = ""  # ISO alpha-2 of the actor's home country ("" for international)
    parent: str = ""  # actor_id of the force it is part of / affiliated to
    valid_from: date | None = None
    valid_to: date | None = None

    @property
    def inter(self) -> str:
        return KIND_TO_INTER.get(self.kind, "")


@dataclass(slots=True)
class ActorMention:
    span: Span
    actor: Actor
    label: str  # the words the document used ("regime forces", "jihadists")
    descriptors: list[str] = field(default_factory=list)  # appositive labels ("an al-Qaeda-linked group")


@dataclass(slots=True)
class DateRange:
    event_date: date
    date_min: date
    date_max: date
    time_precision: int = 1  # ACLED 1 day / 2 week-range / 3 month
    span: Span | None = None
    background: bool = False  # a past date clearly before the reporting window ("in December 2016")


@dataclass(slots=True)
class Count:
    """A number of people (killed, injured, displaced ...) as the text states it."""

    low: int
    high: int | None  # None = open-ended ("more than 50")
    best: int
    quantity: str  # killed | injured | displaced | captured | ...
    who: str = ""  # civilians | children | soldiers | ...
    span: Span | None = None
    qualifier: str = ""  # at least | more than | about | vague | exact
    negated: bool = False  # "no injuries were reported"


@dataclass(slots=True)
class Claim:
    """Who the article says made a statement ("according to the White Helmets")."""

    claimant: str
    span: Span | None = None
    kind: str = "said"  # said | claimed | denied | reported


@dataclass(slots=True)
class Mention:
    """One event mention inside one document: the unit that resolution merges into incidents."""

    doc_id: str
    sentence: Span
    trigger: Span
    event_type: str
    sub_event_type: str
    actor1: ActorMention | None = None
    actor2: ActorMention | None = None
    assoc_actor_1: list[ActorMention] = field(default_factory=list)
    assoc_actor_2: list[ActorMention] = field(default_factory=list)
    civilian_targeting: bool = False
    place: PlaceMention | None = None
    date: DateRange | None = None
    fatalities: Count | None = None
    injuries: Count | None = None
    claim: Claim | None = None
    negated: bool = False  # the text says it did not happen
    denied: bool = False  # a party denies it
    background: bool = False  # history, not a current incident
    aggregate: bool = False  # a total over a period/area, not one incident
    confidence: float = 1.0


@dataclass(slots=True)
class Source:
    doc_id: str
    outlet: str | None
    published: date | None
    url: str | None
    sentence: str
    start: int
    end: int
    claimed_by: str | None = None


@dataclass(slots=True)
class Incident:
    incident_id: str
    event_date: date | None  # None when neither the text nor a publication date dates it
    date_min: date | None
    date_max: date | None
    time_precision: int | None
    event_type: str
    sub_event_type: str
    actor1: str = ""
    assoc_actor_1: str = ""
    inter1: str = ""
    actor2: str = ""
    assoc_actor_2: str = ""
    inter2: str = ""
    civilian_targeting: bool = False
    country: str = ""
    admin1: str = ""
    admin2: str = ""
    admin3: str = ""
    location: str = ""
    latitude: float | None = None
    longitude: float | None = None
    geo_precision: int | None = None
    geonameid: int | None = None
    fatalities: int = 0
    fatalities_low: int | None = None
    fatalities_best: int | None = None
    fatalities_high: int | None = None
    injuries_low: int | None = None
    injuries_high: int | None = None
    grade: str = "single source"
    sources: list[Source] = field(default_factory=list)
    notes: str = ""
    mentions: list[Mention] = field(default_factory=list)


@dataclass(slots=True)
class Aggregate:
    doc_id: str
    quantity: str
    value_low: int
    value_high: int | None
    area: str
    period_start: date | None
    period_end: date | None
    claimed_by: str | None
    sentence: str
    start: int
    end: int


@dataclass(slots=True)
class AggregateSeries:
    """One quantity for one area and claimant over time: successive totals, a series not a conflict."""

    quantity: str
    area: str
    claimed_by: str | None
    points: list[Aggregate] = field(default_factory=list)


@dataclass(slots=True)
class ContradictionClaim:
    doc_id: str
    value: str
    sentence: str
    start: int
    end: int
    claimed_by: str | None = None


@dataclass(slots=True)
class Contradiction:
    subject: str
    claims: list[ContradictionClaim]
    reason: str


@dataclass(slots=True)
class Framing:
    actor: str
    doc_id: str
    outlet: str | None
    labels: list[str]


@dataclass(slots=True, eq=False)
class Fact:
    """A checkable statement (a city's population, its rank, an attack's outcome) for contradiction finding."""

    kind: str  # population | rank | outcome | ...
    subject: str  # human-readable subject, e.g. "population of Aleppo"
    key: tuple  # what must be equal for two facts to be about the same thing
    value: str  # the words used
    norm: float | str  # comparable value
    doc_id: str
    sentence: Span
    claimed_by: str | None = None
    ref_date: date | None = None


@dataclass(slots=True)
class DocumentResult:
    """Everything extracted from one article (document level, before cross-source resolution)."""

    article: Article
    mentions: list[Mention] = field(default_factory=list)
    aggregates: list[Aggregate] = field(default_factory=list)
    actor_mentions: list[ActorMention] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)  # stated facts for contradiction detection


@dataclass(slots=True)
class RunResult:
    """What one run of sitrep produces: the shape of ``--format json``."""

    documents: list[Article] = field(default_factory=list)
    errors: list = field(default_factory=list)  # InputError instances (file/line + reason)
    incidents: list[Incident] = field(default_factory=list)
    aggregates: list[Aggregate] = field(default_factory=list)
    contradictions: list[Contradiction] = field(default_factory=list)
    framing: list[Framing] = field(default_factory=list)
    series: list[AggregateSeries] = field(default_factory=list)  # aggregates as time series
