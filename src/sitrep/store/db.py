"""The Store: opens a database (SQLite file or PostgreSQL), migrates it, saves documents, replaces and queries
the resolved tables. Every query is built with SQLAlchemy expressions (bound parameters only)."""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, timezone
from importlib import resources
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, delete, event, func, insert, select, text
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from sitrep.errors import StoreError
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
from sitrep.store.query import IncidentFilter, incident_conditions, matchable
from sitrep.store.schema import (
    RESOLVED_TABLES,
    AggregateRow,
    ContradictionClaimRow,
    ContradictionIncidentRow,
    ContradictionRow,
    DocumentRow,
    FramingRow,
    IncidentRow,
    SourceRow,
    StoreInfoRow,
)
from sitrep.store.serialize import dumps_result, loads_result
from sitrep.store.urls import DEFAULT_URL, default_url, normalise_url, redact_url  # noqa: F401 (re-exported)

_INCIDENT_SCALARS = tuple(c.key for c in IncidentRow.__mapper__.column_attrs if c.key != "ordinal")
# Table columns (not ORM attributes), run on the session's connection: plain rows without the ORM's
# loading machinery, several times cheaper for a page of 1000 incidents.
_INCIDENT_POSITIONAL = tuple(
    f.name for f in dataclasses.fields(Incident) if f.name in _INCIDENT_SCALARS and f.name != "notes"
)  # Incident's leading fields, in order (then sources, notes, mentions)
assert _INCIDENT_POSITIONAL == tuple(f.name for f in dataclasses.fields(Incident))[: len(_INCIDENT_POSITIONAL)]
_INCIDENT_COLUMNS = tuple(
    IncidentRow.__table__.c[IncidentRow.__mapper__.attrs[k].columns[0].name] for k in (*_INCIDENT_POSITIONAL, "notes")
)
_SOURCE_COLUMNS = tuple(
    SourceRow.__table__.c[SourceRow.__mapper__.attrs[k].columns[0].name].label(k)
    for k in ("incident_id", "doc_id", "outlet", "published", "url", "sentence", "start", "end", "claimed_by")
)
_BATCH = 500
_WRITE_OPTION = "sitrep_write"
_PG_LOCK_KEY = 0x5175_7265_7001  # pg_advisory_xact_lock key of the store-wide writer lock
SQLITE_BUSY_TIMEOUT = 300.0
"""Seconds a SQLite writer waits for another one (a whole re-resolution may hold the lock that long)."""


@dataclass(slots=True)
class StoredDocument:
    """A stored article with its bookkeeping."""

    article: Article
    content_hash: str
    ingested_at: datetime
    updated_at: datetime
    n_mentions: int


@dataclass(slots=True)
class StoredAggregate:
    aggregate_id: str
    aggregate: Aggregate


@dataclass(slots=True)
class StoredContradiction:
    contradiction_id: str
    contradiction: Contradiction
    incident_ids: list[str]


@dataclass(slots=True)
class Page:
    """One page of a listing: the total matching and the items of this page."""

    total: int
    items: list[Any]


def input_key(article: Article) -> str:
    """What decides whether an input article is already stored unchanged: its text hash and its metadata.

    Computed on the article as read (before processing, which may infer a date), so that reading the
    same input again gives the same key.
    """
    pub = article.published.isoformat() if article.published else None
    return _digest(
        article.content_hash, article.title, article.outlet, pub, bool(article.published_inferred), article.url
    )


def _make_sqlite_dir(url: str) -> None:
    """Create the directory of a SQLite database file if it is missing."""
    prefix = "sqlite:///"
    path = url[len(prefix) :].split("?", 1)[0] if url.startswith(prefix) else ""
    if path and path != ":memory:":
        Path(path).expanduser().parent.mkdir(parents=True, exist_ok=True)


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    """Foreign keys on, WAL journal (readers while one writer ingests); transactions begun by us, not the driver."""
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.close()


@contextmanager
def _foreign_keys_off(conn: Any) -> Iterator[None]:
    """SQLite: foreign keys off around a migration (set outside any transaction, restored after).

    A migration that rebuilds a table (SQLite cannot drop a NOT NULL in place) drops the old one; with
    foreign keys on, that drop would cascade to every referencing row (the sources of all incidents).
    """
    if conn.dialect.name != "sqlite":
        yield
        return
    raw = conn.connection.dbapi_connection
    raw.execute("PRAGMA foreign_keys=OFF")
    try:
        yield
    finally:
        raw.execute("PRAGMA foreign_keys=ON")


def _check_foreign_keys(conn: Any) -> None:
    """SQLite: refuse (roll back) a migration that left a dangling reference."""
    if conn.dialect.name == "sqlite":
        bad = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
        if bad:
            raise StoreError(f"migration would leave {len(bad)} dangling references, e.g. {tuple(bad[0])}")


def _sqlite_begin(conn: Any) -> None:
    """BEGIN IMMEDIATE for writers (the write lock is taken at once, waiting up to the busy timeout), else BEGIN.

    A deferred transaction that reads first and writes later could fail to upgrade its lock when another
    process committed meanwhile; writers therefore take the lock before their first read.
    """
    immediate = conn.get_execution_options().get(_WRITE_OPTION)
    conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def _migrations_config() -> Any:
    """Alembic config pointing at the migrations shipped in this package."""
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(resources.files("sitrep.store") / "migrations"))
    return cfg


class Store:
    """A sitrep database. Opening it applies any pending migration."""

    def __init__(
        self, url: str | None = None, *, migrate: bool = True, echo: bool = False,
        busy_timeout: float = SQLITE_BUSY_TIMEOUT,
    ) -> None:
        self.url = normalise_url(url)
        _make_sqlite_dir(self.url)
        sqlite = self.url.startswith("sqlite")
        try:
            self.engine: Engine = create_engine(
                self.url, echo=echo, future=True, connect_args={"timeout": busy_timeout} if sqlite else {}
            )
        except (SQLAlchemyError, ImportError, ValueError, TypeError) as e:
            raise StoreError(f"cannot open database {redact_url(self.url)}: {e}") from e
        if self.engine.dialect.name == "sqlite":
            event.listen(self.engine, "connect", _sqlite_pragmas)
            event.listen(self.engine, "begin", _sqlite_begin)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        self._write_sessions = sessionmaker(
            self.engine.execution_options(**{_WRITE_OPTION: True}), expire_on_commit=False
        )
        if migrate:
            self.migrate()

    # -- lifecycle -------------------------------------------------------------------------------

    def migrate(self) -> None:
        """Bring the schema to the latest revision (no-op when it is already there)."""
        from alembic import command
        from alembic.runtime.migration import MigrationContext
        from alembic.script import ScriptDirectory

        cfg = _migrations_config()
        head = ScriptDirectory.from_config(cfg).get_current_head()
        try:
            with self.engine.connect() as conn:
                if MigrationContext.configure(conn).get_current_revision() == head:
                    return
            # two processes opening a new database at once: the writer lock makes the second one wait
            # and then find the schema already there
            with self.engine.connect() as conn, _foreign_keys_off(conn):
                with conn.execution_options(**{_WRITE_OPTION: True}).begin():
                    self._lock(conn)
                    if MigrationContext.configure(conn).get_current_revision() == head:
                        return
                    cfg.attributes["connection"] = conn
                    command.upgrade(cfg, "head")
                    _check_foreign_keys(conn)
        except SQLAlchemyError as e:
            raise StoreError(f"cannot migrate database {redact_url(self.url)}: {e}") from e

    def _lock(self, conn: Any) -> None:
        """Take the store-wide writer lock inside the current transaction (PostgreSQL; SQLite: BEGIN IMMEDIATE)."""
        if self.engine.dialect.name == "postgresql":
            conn.execute(select(func.pg_advisory_xact_lock(_PG_LOCK_KEY)))

    @contextmanager
    def writing(self) -> Iterator[Session]:
        """A write transaction holding the store-wide writer lock: writers (ingests, the API) never interleave.

        SQLite: BEGIN IMMEDIATE (waits up to the busy timeout); PostgreSQL: a transaction-level advisory lock.
        Commits on success, rolls back on any error; a process killed inside leaves nothing of it behind.
        """
        with self._write_sessions() as s, s.begin():
            self._lock(s)
            yield s

    def close(self) -> None:
        """Release the connection pool."""
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def session(self) -> Session:
        """A new ORM session."""
        return self._sessions()

    # -- store info ------------------------------------------------------------------------------

    def info(self) -> dict[str, str]:
        """All store_info key/values."""
        with self.session() as s:
            return {r.key: r.value for r in s.scalars(select(StoreInfoRow))}

    def version(self) -> tuple[str, ...]:
        """What changes whenever stored documents or resolved tables change (a key for response caches)."""
        keys = ("generation", "resolved_generation", "resolved_at", "level")
        with self.session() as s:
            found = dict(s.execute(select(StoreInfoRow.key, StoreInfoRow.value).where(StoreInfoRow.key.in_(keys))).all())
        return tuple(found.get(k, "") for k in keys)

    def generation(self) -> tuple[int, int]:
        """(documents generation, generation the resolved tables were computed from); equal when up to date."""
        info = self.info()
        return _int(info.get("generation")), _int(info.get("resolved_generation"))

    @staticmethod
    def _set_info(s: Session, **values: str) -> None:
        """Upsert store_info keys inside session ``s``."""
        for key, value in values.items():
            row = s.get(StoreInfoRow, key)
            if row is None:
                s.add(StoreInfoRow(key=key, value=value))
            else:
                row.value = value

    # -- documents -------------------------------------------------------------------------------

    def document_index(self) -> dict[str, str]:
        """doc_id -> input key of every stored document (no texts loaded)."""
        with self.session() as s:
            return {d: k for d, k in s.execute(select(DocumentRow.doc_id, DocumentRow.input_key))}

    def save_documents(self, items: Sequence[tuple[str, DocumentResult]], *, now: datetime | None = None) -> int:
        """Insert or replace documents (input key, extraction result) in one transaction; returns how many changed.

        Idempotent: a document already stored with the same input key (text hash + metadata) is left alone,
        so that a rerun after a crash, or two ingests of the same input at once, store it once. Any change
        bumps the store's generation, which marks the resolved tables as out of date.
        """
        if not items:
            return 0
        now = now or datetime.now(timezone.utc)
        try:
            with self.writing() as s:
                ids = [r.article.doc_id for _, r in items]
                existing = {
                    row.doc_id: row for row in s.scalars(select(DocumentRow).where(DocumentRow.doc_id.in_(ids)))
                }
                changed = 0
                for key, res in items:
                    row = existing.get(res.article.doc_id)
                    if row is not None and row.input_key == key:
                        continue
                    if row is None:
                        row = DocumentRow(doc_id=res.article.doc_id, ingested_at=now)
                        s.add(row)
                        existing[row.doc_id] = row
                    _fill_document(row, res, now)
                    row.input_key = key
                    changed += 1
                if changed:
                    gen = _int(_info_value(s, "generation")) + 1
                    self._set_info(s, generation=str(gen), dirty="1")
                return changed
        except SQLAlchemyError as e:
            raise StoreError(f"cannot save documents: {e}") from e

    def iter_results(self) -> Iterator[DocumentResult]:
        """Every stored DocumentResult, ordered by doc_id."""
        with self.session() as s:
            stmt = select(DocumentRow).order_by(DocumentRow.doc_id).execution_options(yield_per=_BATCH)
            for row in s.scalars(stmt):
                yield loads_result(row.result_json, article=_row_article(row))

    def document(self, doc_id: str) -> StoredDocument | None:
        """One stored document (with its text), or None."""
        if not matchable(doc_id):
            return None
        with self.session() as s:
            row = s.get(DocumentRow, doc_id)
            return _stored_document(row, with_text=True) if row else None

    def document_result(self, doc_id: str) -> DocumentResult | None:
        """The stored extraction result of one document, or None."""
        if not matchable(doc_id):
            return None
        with self.session() as s:
            row = s.get(DocumentRow, doc_id)
            return loads_result(row.result_json, article=_row_article(row)) if row else None

    def documents(
        self,
        *,
        outlet: str | None = None,
        date_from: date | None = None,
        date_to: date | None = None,
        limit: int = 100,
        offset: int = 0,
    ) -> Page:
        """Stored documents (texts left out), newest first."""
        if not matchable(outlet):
            return Page(0, [])
        conds: list[Any] = []
        if outlet:
            conds.append(func.lower(DocumentRow.outlet) == outlet.lower())
        if date_from:
            conds.append(DocumentRow.published >= date_from)
        if date_to:
            conds.append(DocumentRow.published <= date_to)
        cols = [c for c in DocumentRow.__table__.c if c.key not in ("text", "result_json")]
        with self.session() as s:
            total = s.scalar(select(func.count()).select_from(DocumentRow).where(*conds)) or 0
            stmt = (
                select(*cols)
                .where(*conds)
                .order_by(DocumentRow.published.desc().nulls_last(), DocumentRow.doc_id)
                .limit(limit)
                .offset(offset)
            )
            items = [_stored_document(r, with_text=False) for r in s.execute(stmt)]
        return Page(total, items)

    def incident_ids_citing(self, doc_id: str) -> list[str]:
        """Ids of incidents that have a source in this document."""
        if not matchable(doc_id):
            return []
        with self.session() as s:
            stmt = (
                select(SourceRow.incident_id)
                .where(SourceRow.doc_id == doc_id)
                .distinct()
                .order_by(SourceRow.incident_id)
            )
            return list(s.scalars(stmt))

    # -- resolution ------------------------------------------------------------------------------

    def replace_resolved(self, run: RunResult, *, level: str = "incident", generation: int | None = None) -> bool:
        """Replace incidents, sources, aggregates, contradictions and framing in one transaction.

        ``generation`` is the documents generation read *before* the documents that ``run`` was resolved
        from. A resolution never replaces one computed from a later generation (two ingests finishing in
        the wrong order), so the tables only move forward; returns False when it was skipped for that reason.
        (The same generation is written again: the same documents give the same rows.)
        Without ``generation`` the current one is assumed (the caller holds the documents still).
        """
        rows = _resolved_rows(run)
        try:
            with self.writing() as s:
                current = _int(_info_value(s, "generation"))
                gen = current if generation is None else generation
                done = _int(_info_value(s, "resolved_generation"), -1)
                if _info_value(s, "level") == level and done > gen:
                    return False
                for table in RESOLVED_TABLES:
                    s.execute(delete(table))
                for table, items in rows:
                    for i in range(0, len(items), _BATCH):
                        s.execute(insert(table), items[i : i + _BATCH])
                if self.engine.dialect.name == "sqlite":  # fresh planner statistics: the tables were replaced
                    for table in (IncidentRow, SourceRow):
                        s.execute(text(f"ANALYZE {table.__tablename__}"))
                self._set_info(
                    s,
                    dirty="0" if gen >= current else "1",
                    level=level,
                    generation=str(current),
                    resolved_generation=str(gen),
                    resolved_at=datetime.now(timezone.utc).isoformat(),
                )
        except SQLAlchemyError as e:
            raise StoreError(f"cannot store resolved incidents: {e}") from e
        self._vacuum_resolved()
        return True

    def _vacuum_resolved(self) -> None:
        """PostgreSQL: reclaim the replaced rows and refresh statistics (index-only counts need the visibility map).

        Maintenance only: outside the transaction (VACUUM cannot run in one), and a failure is not an error.
        """
        if self.engine.dialect.name != "postgresql":
            return
        names = ", ".join(t.__tablename__ for t in RESOLVED_TABLES)
        try:
            with self.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
                conn.exec_driver_sql(f"VACUUM (ANALYZE) {names}")
        except SQLAlchemyError:  # e.g. another VACUUM running, or no owner rights: autovacuum will do it
            pass

    # -- incidents -------------------------------------------------------------------------------

    def incidents(
        self, flt: IncidentFilter | None = None, *, limit: int | None = None, offset: int = 0, order: str = "ordinal"
    ) -> Page:
        """Incidents (with sources) matching a filter, in ``ordinal`` (as resolved) or ``date`` order."""
        conds = incident_conditions(flt or IncidentFilter())
        keys = (
            (IncidentRow.ordinal,)
            if order == "ordinal"
            else (IncidentRow.event_date.desc().nulls_last(), IncidentRow.incident_id)
        )
        with self.session() as s:
            total = s.scalar(select(func.count()).select_from(IncidentRow).where(*conds)) or 0
            # plain rows, not ORM objects: a page of 1000 incidents is several times cheaper this way
            stmt = select(*_INCIDENT_COLUMNS).where(*conds).order_by(*keys).offset(offset)
            if limit is not None:
                stmt = stmt.limit(limit)
            rows = list(s.connection().execute(stmt))
            sources = self._sources_for(s, rows, conds if limit is None else None)
        return Page(total, [_row_incident(r, sources.get(r.incident_id, [])) for r in rows])

    @staticmethod
    def _sources_for(s: Session, rows: list[Any], conds: list | None) -> dict[str, list[Source]]:
        """Sources of the given incidents (by subquery when all matches are loaded, else by id list)."""
        if not rows:
            return {}
        if conds is not None:
            ids_q = select(IncidentRow.incident_id).where(*conds)
        else:
            ids_q = [r.incident_id for r in rows]
        stmt = (
            select(*_SOURCE_COLUMNS)
            .where(SourceRow.incident_id.in_(ids_q))
            .order_by(SourceRow.incident_id, SourceRow.ordinal)
        )
        out: dict[str, list[Source]] = defaultdict(list)
        for src in s.connection().execute(stmt):
            out[src.incident_id].append(_row_source(src))
        return out

    def incident(self, incident_id: str) -> Incident | None:
        """One incident with its sources, or None."""
        if not matchable(incident_id):
            return None
        with self.session() as s:
            row = s.connection().execute(select(*_INCIDENT_COLUMNS).where(IncidentRow.incident_id == incident_id)).first()
            if row is None:
                return None
            return _row_incident(row, self._sources_for(s, [row], None).get(row.incident_id, []))

    def timeline(self, flt: IncidentFilter | None = None) -> list[dict[str, Any]]:
        """Incident counts and fatalities per day and event type."""
        conds = incident_conditions(flt or IncidentFilter())
        stmt = (
            select(
                IncidentRow.event_date,
                IncidentRow.event_type,
                func.count(),
                func.coalesce(func.sum(IncidentRow.fatalities), 0),
            )
            .where(*conds)
            .group_by(IncidentRow.event_date, IncidentRow.event_type)
            .order_by(IncidentRow.event_date.nulls_last(), IncidentRow.event_type)
        )
        with self.session() as s:
            return [
                {"date": d.isoformat() if d else None, "event_type": et, "incidents": int(n), "fatalities": int(f)}
                for d, et, n, f in s.execute(stmt)
            ]

    def facets(self) -> dict[str, Any]:
        """Values present in the store, for filter choices: event types, grades, countries, admin1, dates."""
        with self.session() as s:

            def distinct(col: Any) -> list[str]:
                return [v for v in s.scalars(select(col).distinct().order_by(col)) if v]

            lo, hi = s.execute(select(func.min(IncidentRow.event_date), func.max(IncidentRow.event_date))).one()
            return {
                "event_types": distinct(IncidentRow.event_type),
                "grades": distinct(IncidentRow.grade),
                "countries": distinct(IncidentRow.country),
                "admin1": distinct(IncidentRow.admin1),
                "date_min": lo.isoformat() if lo else None,
                "date_max": hi.isoformat() if hi else None,
                "counts": self.counts(),
            }

    def counts(self) -> dict[str, int]:
        """Row counts of the main tables."""
        tables = {
            "documents": DocumentRow,
            "incidents": IncidentRow,
            "sources": SourceRow,
            "aggregates": AggregateRow,
            "contradictions": ContradictionRow,
            "framing": FramingRow,
        }
        with self.session() as s:
            return {name: int(s.scalar(select(func.count()).select_from(t)) or 0) for name, t in tables.items()}

    # -- aggregates, contradictions, framing -----------------------------------------------------

    def aggregates(
        self,
        *,
        quantity: str | None = None,
        doc_ids: Iterable[str] | None = None,
        date_from: date | None = None,
        date_to: date | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> Page:
        """Aggregates; a date window keeps those whose period (else their document's date) overlaps it."""
        doc_ids = None if doc_ids is None else list(doc_ids)
        if not matchable(quantity) or not all(matchable(d) for d in doc_ids or ()):
            return Page(0, [])
        conds: list[Any] = []
        if quantity:
            conds.append(func.lower(AggregateRow.quantity).contains(quantity.lower(), autoescape=True))
        if doc_ids is not None:
            conds.append(AggregateRow.doc_id.in_(list(doc_ids)))
        start = func.coalesce(AggregateRow.period_start, AggregateRow.period_end, DocumentRow.published)
        end = func.coalesce(AggregateRow.period_end, AggregateRow.period_start, DocumentRow.published)
        if date_from:
            conds.append(end >= date_from)
        if date_to:
            conds.append(start <= date_to)
        base = select(AggregateRow).outerjoin(DocumentRow, DocumentRow.doc_id == AggregateRow.doc_id).where(*conds)
        with self.session() as s:
            total = s.scalar(select(func.count()).select_from(base.subquery())) or 0
            stmt = base.order_by(AggregateRow.ordinal).offset(offset)
            if limit is not None:
                stmt = stmt.limit(limit)
            items = [StoredAggregate(r.aggregate_id, _row_aggregate(r)) for r in s.scalars(stmt)]
        return Page(total, items)

    def contradictions(
        self,
        *,
        incident_ids: Iterable[str] | None = None,
        incident_filter: IncidentFilter | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> Page:
        """Contradictions, optionally only those touching given incidents (ids or a filter)."""
        incident_ids = None if incident_ids is None else list(incident_ids)
        if not all(matchable(i) for i in incident_ids or ()):
            return Page(0, [])
        conds: list[Any] = []
        if incident_ids is not None:
            conds.append(
                ContradictionRow.contradiction_id.in_(
                    select(ContradictionIncidentRow.contradiction_id).where(
                        ContradictionIncidentRow.incident_id.in_(incident_ids)
                    )
                )
            )
        if incident_filter is not None and not incident_filter.is_empty():
            matching = select(IncidentRow.incident_id).where(*incident_conditions(incident_filter))
            conds.append(
                ContradictionRow.contradiction_id.in_(
                    select(ContradictionIncidentRow.contradiction_id).where(
                        ContradictionIncidentRow.incident_id.in_(matching)
                    )
                )
            )
        with self.session() as s:
            total = s.scalar(select(func.count()).select_from(ContradictionRow).where(*conds)) or 0
            stmt = select(ContradictionRow).where(*conds).order_by(ContradictionRow.ordinal).offset(offset)
            if limit is not None:
                stmt = stmt.limit(limit)
            rows = list(s.scalars(stmt))
            ids = [r.contradiction_id for r in rows]
            claims: dict[str, list[ContradictionClaim]] = defaultdict(list)
            links: dict[str, list[str]] = defaultdict(list)
            if ids:
                for c in s.scalars(
                    select(ContradictionClaimRow)
                    .where(ContradictionClaimRow.contradiction_id.in_(ids))
                    .order_by(ContradictionClaimRow.contradiction_id, ContradictionClaimRow.ordinal)
                ):
                    claims[c.contradiction_id].append(
                        ContradictionClaim(c.doc_id, c.value, c.sentence, c.start, c.end, c.claimed_by)
                    )
                for cid, iid in s.execute(
                    select(ContradictionIncidentRow.contradiction_id, ContradictionIncidentRow.incident_id)
                    .where(ContradictionIncidentRow.contradiction_id.in_(ids))
                    .order_by(ContradictionIncidentRow.incident_id)
                ):
                    links[cid].append(iid)
        items = [
            StoredContradiction(
                r.contradiction_id,
                Contradiction(r.subject, claims[r.contradiction_id], r.reason),
                links[r.contradiction_id],
            )
            for r in rows
        ]
        return Page(total, items)

    def framing(
        self,
        *,
        actors: Iterable[str] | None = None,
        actor_contains: str | None = None,
        doc_ids: Iterable[str] | None = None,
        outlet: str | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> Page:
        """Framing rows (how documents label actors), filtered by actor names, documents or outlet."""
        actors = None if actors is None else list(actors)
        doc_ids = None if doc_ids is None else list(doc_ids)
        if not all(matchable(t) for t in [actor_contains, outlet, *(actors or ()), *(doc_ids or ())]):
            return Page(0, [])
        conds: list[Any] = []
        if actors is not None:
            conds.append(FramingRow.actor.in_(list(actors)))
        if actor_contains:
            conds.append(func.lower(FramingRow.actor).contains(actor_contains.lower(), autoescape=True))
        if doc_ids is not None:
            conds.append(FramingRow.doc_id.in_(list(doc_ids)))
        if outlet:
            conds.append(func.lower(FramingRow.outlet) == outlet.lower())
        with self.session() as s:
            total = s.scalar(select(func.count()).select_from(FramingRow).where(*conds)) or 0
            stmt = select(FramingRow).where(*conds).order_by(FramingRow.ordinal).offset(offset)
            if limit is not None:
                stmt = stmt.limit(limit)
            items = [Framing(r.actor, r.doc_id, r.outlet, json.loads(r.labels_json)) for r in s.scalars(stmt)]
        return Page(total, items)

    # -- export ----------------------------------------------------------------------------------

    def run_result(self, flt: IncidentFilter | None = None, *, with_text: bool = True) -> RunResult:
        """What ``extract`` would produce for the stored documents; a filter narrows every part.

        With a filter, incidents match it; documents, aggregates and framing are those of the
        documents that the matching incidents cite; contradictions are those touching them.
        """
        flt = flt or IncidentFilter()
        incidents = self.incidents(flt).items
        if flt.is_empty():
            doc_ids = None
            contradictions = self.contradictions().items
        else:
            doc_ids = sorted({src.doc_id for inc in incidents for src in inc.sources})
            contradictions = self.contradictions(incident_ids=[i.incident_id for i in incidents]).items
        return RunResult(
            documents=self._articles(doc_ids, with_text=with_text),
            incidents=incidents,
            aggregates=[a.aggregate for a in self.aggregates(doc_ids=doc_ids).items],
            contradictions=[c.contradiction for c in contradictions],
            framing=self.framing(doc_ids=doc_ids).items,
        )

    def _articles(self, doc_ids: list[str] | None, *, with_text: bool) -> list[Article]:
        """Stored articles (all, or those listed), ordered by doc_id."""
        conds = [] if doc_ids is None else [DocumentRow.doc_id.in_(doc_ids)]
        cols = [c for c in DocumentRow.__table__.c if c.key != "result_json" and (with_text or c.key != "text")]
        with self.session() as s:
            rows = s.execute(select(*cols).where(*conds).order_by(DocumentRow.doc_id))
            return [_row_article(r) for r in rows]


# -- row <-> record ------------------------------------------------------------------------------


def _fill_document(row: DocumentRow, res: DocumentResult, now: datetime) -> None:
    """Copy an article and its result into a documents row."""
    a = res.article
    row.content_hash = a.content_hash
    row.text = a.text
    row.title, row.outlet, row.published = a.title, a.outlet, a.published
    row.published_inferred = bool(a.published_inferred)
    row.published_evidence, row.url, row.path, row.line = a.published_evidence, a.url, a.path, a.line
    row.updated_at = now
    row.n_mentions = len(res.mentions)
    row.result_json = dumps_result(res, with_article=False)


def _row_article(row: Any) -> Article:
    """Article from a documents row (or a row without the text column)."""
    return Article(
        doc_id=row.doc_id,
        text=getattr(row, "text", ""),
        title=row.title,
        outlet=row.outlet,
        published=row.published,
        published_inferred=bool(row.published_inferred),
        published_evidence=row.published_evidence,
        url=row.url,
        path=row.path,
        line=row.line,
    )


def _stored_document(row: Any, *, with_text: bool) -> StoredDocument:
    """StoredDocument from a documents row."""
    art = _row_article(row)
    if not with_text:
        art.text = ""
    return StoredDocument(art, row.content_hash, _aware(row.ingested_at), _aware(row.updated_at), row.n_mentions)


def _aware(dt: datetime) -> datetime:
    """SQLite gives naive datetimes back: they were stored in UTC."""
    return dt if dt.tzinfo else dt.replace(tzinfo=timezone.utc)


def _row_source(r: Any) -> Source:
    """Source from a row of _SOURCE_COLUMNS (incident_id first, then Source's fields in order)."""
    return Source(*r[1:])


def _row_incident(r: Any, sources: list[Source]) -> Incident:
    """Incident from a row of _INCIDENT_COLUMNS (Incident's leading fields in order, then notes)."""
    inc = Incident(*r[:-1], sources=sources, notes=r[-1])
    inc.civilian_targeting = bool(inc.civilian_targeting)
    return inc


def _row_aggregate(r: AggregateRow) -> Aggregate:
    return Aggregate(
        r.doc_id,
        r.quantity,
        r.value_low,
        r.value_high,
        r.area,
        r.period_start,
        r.period_end,
        r.claimed_by,
        r.sentence,
        r.start,
        r.end,
    )


def _info_value(s: Session, key: str) -> str | None:
    """One store_info value inside session ``s``."""
    row = s.get(StoreInfoRow, key)
    return row.value if row is not None else None


def _int(value: str | None, default: int = 0) -> int:
    """A store_info counter."""
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def _digest(*parts: Any) -> str:
    """Short stable hash of some values."""
    h = hashlib.sha1("\x1f".join("" if p is None else str(p) for p in parts).encode("utf-8"))
    return h.hexdigest()[:16]


def _unique(ids: list[str]) -> list[str]:
    """Make ids unique by suffixing repeats with -2, -3 ... (order preserved, deterministic)."""
    seen: dict[str, int] = {}
    out = []
    for i in ids:
        n = seen.get(i, 0) + 1
        seen[i] = n
        out.append(i if n == 1 else f"{i}-{n}")
    return out


def _resolved_rows(run: RunResult) -> list[tuple[type, list[dict[str, Any]]]]:
    """Rows of every resolved table for a RunResult, with content-derived keys."""
    inc_ids = _unique([inc.incident_id for inc in run.incidents])
    incidents, sources = [], []
    for n, (inc, iid) in enumerate(zip(run.incidents, inc_ids, strict=True)):
        incidents.append({**{k: getattr(inc, k) for k in _INCIDENT_SCALARS}, "incident_id": iid, "ordinal": n})
        for k, src in enumerate(inc.sources):
            sources.append(
                {
                    "incident_id": iid,
                    "ordinal": k,
                    "doc_id": src.doc_id,
                    "outlet": src.outlet,
                    "published": src.published,
                    "url": src.url,
                    "sentence": src.sentence,
                    "start": src.start,
                    "end": src.end,
                    "claimed_by": src.claimed_by,
                }
            )
    agg_ids = _unique(
        [
            "agg-" + _digest(a.doc_id, a.quantity, a.start, a.end, a.value_low, a.value_high, a.area)
            for a in run.aggregates
        ]
    )
    aggregates = [
        {
            "aggregate_id": aid,
            "ordinal": n,
            "doc_id": a.doc_id,
            "quantity": a.quantity,
            "value_low": a.value_low,
            "value_high": a.value_high,
            "area": a.area or "",
            "period_start": a.period_start,
            "period_end": a.period_end,
            "claimed_by": a.claimed_by,
            "sentence": a.sentence,
            "start": a.start,
            "end": a.end,
        }
        for n, (a, aid) in enumerate(zip(run.aggregates, agg_ids, strict=True))
    ]
    con_rows, claim_rows, link_rows = _contradiction_rows(run, incidents, sources)
    frm_ids = _unique(["frm-" + _digest(f.actor, f.doc_id) for f in run.framing])
    framing = [
        {
            "framing_id": fid,
            "ordinal": n,
            "actor": f.actor,
            "doc_id": f.doc_id,
            "outlet": f.outlet,
            "labels_json": json.dumps(list(f.labels), ensure_ascii=False),
        }
        for n, (f, fid) in enumerate(zip(run.framing, frm_ids, strict=True))
    ]
    return [
        (IncidentRow, incidents),
        (SourceRow, sources),
        (AggregateRow, aggregates),
        (ContradictionRow, con_rows),
        (ContradictionClaimRow, claim_rows),
        (ContradictionIncidentRow, link_rows),
        (FramingRow, framing),
    ]


def _contradiction_rows(
    run: RunResult, incidents: list[dict[str, Any]], sources: list[dict[str, Any]]
) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]]]:
    """Contradictions, their claims, and links to the incidents whose source sentences their claims overlap."""
    by_doc: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    for src in sources:
        by_doc[src["doc_id"]].append((src["start"], src["end"], src["incident_id"]))
    keys = [
        "con-" + _digest(c.subject, *[(cl.doc_id, cl.start, cl.end, cl.value) for cl in c.claims])
        for c in run.contradictions
    ]
    cons, claims, links = [], [], []
    for n, (c, cid) in enumerate(zip(run.contradictions, _unique(keys), strict=True)):
        cons.append({"contradiction_id": cid, "ordinal": n, "subject": c.subject, "reason": c.reason or ""})
        touched: set[str] = set()
        for k, cl in enumerate(c.claims):
            claims.append(
                {
                    "contradiction_id": cid,
                    "ordinal": k,
                    "doc_id": cl.doc_id,
                    "value": str(cl.value),
                    "sentence": cl.sentence,
                    "start": cl.start,
                    "end": cl.end,
                    "claimed_by": cl.claimed_by,
                }
            )
            touched.update(iid for s, e, iid in by_doc.get(cl.doc_id, ()) if s < cl.end and cl.start < e)
        links.extend({"contradiction_id": cid, "incident_id": iid} for iid in sorted(touched))
    return cons, claims, links
