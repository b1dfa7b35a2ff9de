"""SQLAlchemy 2.x models of the store: documents (with their extraction result) and the resolved tables.

The resolved tables (incidents, sources, aggregates, contradictions, framing) are derived from the
documents and replaced as a whole, in one transaction, whenever documents change. Their keys are
content-derived, so re-resolving the same documents writes the same rows.
Changing this module needs a new Alembic revision under ``migrations/versions``.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    Text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    """Declarative base with a naming convention so that migrations name constraints alike everywhere."""

    metadata = MetaData(naming_convention=NAMING)


class DocumentRow(Base):
    """One stored article and its document-level extraction result (JSON)."""

    __tablename__ = "documents"

    doc_id: Mapped[str] = mapped_column(Text, primary_key=True)
    content_hash: Mapped[str] = mapped_column(Text)
    input_key: Mapped[str] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text)
    title: Mapped[str | None] = mapped_column(Text)
    outlet: Mapped[str | None] = mapped_column(Text)
    published: Mapped[date | None] = mapped_column(Date)
    published_inferred: Mapped[bool] = mapped_column(Boolean, default=False)
    published_evidence: Mapped[str | None] = mapped_column(Text)
    url: Mapped[str | None] = mapped_column(Text)
    path: Mapped[str | None] = mapped_column(Text)
    line: Mapped[int | None] = mapped_column(Integer)
    ingested_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    n_mentions: Mapped[int] = mapped_column(Integer, default=0)
    result_json: Mapped[str] = mapped_column(Text)

    __table_args__ = (Index(None, "published"), Index(None, "outlet"))


class IncidentRow(Base):
    """One resolved incident (every scalar field of model.Incident)."""

    __tablename__ = "incidents"

    incident_id: Mapped[str] = mapped_column(Text, primary_key=True)
    ordinal: Mapped[int] = mapped_column(Integer)
    event_date: Mapped[date | None] = mapped_column(Date)  # None: nothing dates it (revision 0002)
    date_min: Mapped[date | None] = mapped_column(Date)
    date_max: Mapped[date | None] = mapped_column(Date)
    time_precision: Mapped[int | None] = mapped_column(Integer)
    event_type: Mapped[str] = mapped_column(Text)
    sub_event_type: Mapped[str] = mapped_column(Text)
    actor1: Mapped[str] = mapped_column(Text, default="")
    assoc_actor_1: Mapped[str] = mapped_column(Text, default="")
    inter1: Mapped[str] = mapped_column(Text, default="")
    actor2: Mapped[str] = mapped_column(Text, default="")
    assoc_actor_2: Mapped[str] = mapped_column(Text, default="")
    inter2: Mapped[str] = mapped_column(Text, default="")
    civilian_targeting: Mapped[bool] = mapped_column(Boolean, default=False)
    country: Mapped[str] = mapped_column(Text, default="")
    admin1: Mapped[str] = mapped_column(Text, default="")
    admin2: Mapped[str] = mapped_column(Text, default="")
    admin3: Mapped[str] = mapped_column(Text, default="")
    location: Mapped[str] = mapped_column(Text, default="")
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    geo_precision: Mapped[int | None] = mapped_column(Integer)
    geonameid: Mapped[int | None] = mapped_column(Integer)
    fatalities: Mapped[int] = mapped_column(Integer, default=0)
    fatalities_low: Mapped[int | None] = mapped_column(Integer)
    fatalities_best: Mapped[int | None] = mapped_column(Integer)
    fatalities_high: Mapped[int | None] = mapped_column(Integer)
    injuries_low: Mapped[int | None] = mapped_column(Integer)
    injuries_high: Mapped[int | None] = mapped_column(Integer)
    grade: Mapped[str] = mapped_column(Text, default="single source")
    notes: Mapped[str] = mapped_column(Text, default="")

    __table_args__ = (
        Index(None, "event_date"),
        Index(None, "country", "admin1"),
        Index(None, "event_type"),
        Index(None, "ordinal"),
        # revision 0003: the timeline's GROUP BY from an index. The same revision adds, per dialect, indexes
        # for the case-insensitive filters with the newest-first order (lower(col), event_date ...): they
        # differ between SQLite and PostgreSQL and are expression indexes, so they live in the migration only.
        Index("ix_incidents_timeline", "event_date", "event_type", "fatalities"),
    )


class SourceRow(Base):
    """A source of an incident: the sentence of a document that reports it, with its offsets."""

    __tablename__ = "sources"

    incident_id: Mapped[str] = mapped_column(
        Text, ForeignKey("incidents.incident_id", ondelete="CASCADE"), primary_key=True
    )
    ordinal: Mapped[int] = mapped_column(Integer, primary_key=True)
    doc_id: Mapped[str] = mapped_column(Text)
    outlet: Mapped[str | None] = mapped_column(Text)
    published: Mapped[date | None] = mapped_column(Date)
    url: Mapped[str | None] = mapped_column(Text)
    sentence: Mapped[str] = mapped_column(Text)
    start: Mapped[int] = mapped_column("start_char", Integer)
    end: Mapped[int] = mapped_column("end_char", Integer)
    claimed_by: Mapped[str | None] = mapped_column(Text)

    __table_args__ = (Index(None, "doc_id"),)


class AggregateRow(Base):
    """A humanitarian total stated by a document (not an incident)."""

    __tablename__ = "aggregates"

    aggregate_id: Mapped[str] = mapped_column(Text, primary_key=True)
    ordinal: Mapped[int] = mapped_column(Integer)
    doc_id: Mapped[str] = mapped_column(Text)
    quantity: Mapped[str] = mapped_column(Text)
    value_low: Mapped[int] = mapped_column(Integer)
    value_high: Mapped[int | None] = mapped_column(Integer)
    area: Mapped[str] = mapped_column(Text, default="")
    period_start: Mapped[date | None] = mapped_column(Date)
    period_end: Mapped[date | None] = mapped_column(Date)
    claimed_by: Mapped[str | None] = mapped_column(Text)
    sentence: Mapped[str] = mapped_column(Text)
    start: Mapped[int] = mapped_column("start_char", Integer)
    end: Mapped[int] = mapped_column("end_char", Integer)

    __table_args__ = (Index(None, "doc_id"), Index(None, "quantity"))


class ContradictionRow(Base):
    """A quantity or fact stated differently by sources."""

    __tablename__ = "contradictions"

    contradiction_id: Mapped[str] = mapped_column(Text, primary_key=True)
    ordinal: Mapped[int] = mapped_column(Integer)
    subject: Mapped[str] = mapped_column(Text)
    reason: Mapped[str] = mapped_column(Text, default="")


class ContradictionClaimRow(Base):
    """One of the differing claims of a contradiction."""

    __tablename__ = "contradiction_claims"

    contradiction_id: Mapped[str] = mapped_column(
        Text, ForeignKey("contradictions.contradiction_id", ondelete="CASCADE"), primary_key=True
    )
    ordinal: Mapped[int] = mapped_column(Integer, primary_key=True)
    doc_id: Mapped[str] = mapped_column(Text)
    value: Mapped[str] = mapped_column(Text)
    sentence: Mapped[str] = mapped_column(Text)
    start: Mapped[int] = mapped_column("start_char", Integer)
    end: Mapped[int] = mapped_column("end_char", Integer)
    claimed_by: Mapped[str | None] = mapped_column(Text)

    __table_args__ = (Index(None, "doc_id"),)


class ContradictionIncidentRow(Base):
    """Link: a contradiction touches an incident (a claim's sentence overlaps one of its sources)."""

    __tablename__ = "contradiction_incidents"

    contradiction_id: Mapped[str] = mapped_column(
        Text, ForeignKey("contradictions.contradiction_id", ondelete="CASCADE"), primary_key=True
    )
    incident_id: Mapped[str] = mapped_column(
        Text, ForeignKey("incidents.incident_id", ondelete="CASCADE"), primary_key=True
    )

    __table_args__ = (Index(None, "incident_id"),)


class FramingRow(Base):
    """How one document labels one actor."""

    __tablename__ = "framing"

    framing_id: Mapped[str] = mapped_column(Text, primary_key=True)
    ordinal: Mapped[int] = mapped_column(Integer)
    actor: Mapped[str] = mapped_column(Text)
    doc_id: Mapped[str] = mapped_column(Text)
    outlet: Mapped[str | None] = mapped_column(Text)
    labels_json: Mapped[str] = mapped_column(Text, default="[]")

    __table_args__ = (Index(None, "actor"), Index(None, "doc_id"))


class StoreInfoRow(Base):
    """Key/value facts about the store (resolution level, dirty flag, last resolution time)."""

    __tablename__ = "store_info"

    key: Mapped[str] = mapped_column(Text, primary_key=True)
    value: Mapped[str] = mapped_column(Text)


LOWER_INDEXED = ("country", "admin1", "event_type", "grade")
"""Incident columns filtered case-insensitively (``lower(col) = ?``); revision 0003 indexes each."""
MIGRATION_ONLY_INDEXES = frozenset(
    {"ix_incidents_newest"}
    | {f"ix_incidents_lower_{c}" for c in LOWER_INDEXED}
    | {f"ix_incidents_lower_{c}_newest" for c in LOWER_INDEXED}
)
"""Dialect-specific expression indexes made by revision 0003 and not declared on the models."""


def include_object(obj: object, name: str | None, type_: str, reflected: bool, compare_to: object) -> bool:
    """Alembic comparison filter: leave out the migration-only indexes (they are not in the models)."""
    return not (type_ == "index" and name in MIGRATION_ONLY_INDEXES)


RESOLVED_TABLES = (
    ContradictionIncidentRow,
    ContradictionClaimRow,
    ContradictionRow,
    SourceRow,
    IncidentRow,
    AggregateRow,
    FramingRow,
)
"""Tables derived from the documents, in a safe deletion order."""
