"""Incremental, blocked resolution with bounded memory: the RunResult of ``sitrep.resolve.resolve``
from a stream of DocumentResults, without holding the stream.

``BlockedResolver.add(result)`` writes what resolution needs to a spill file (SQLite, on disk):
the article's metadata (no text), its mentions keyed by part (sub-event type, event year) and date,
its aggregates, facts and framing rows. ``BlockedResolver.result()`` then resolves part by part:
``sitrep.scale.blocks.sweep`` cuts each part into components that cannot merge with each other
(date window × place) and the lead's own ``group_mentions`` / ``build_incident`` run on each
component, so the incidents are exactly those of ``resolve()`` (tested on the dev sets). The
returned RunResult's sections are lazy sequences read back from the spill, in ``resolve()``'s
order, so that the output writers stream them too. Incidents come back without their ``mentions``
(no writer reads them) unless ``keep_mentions=True``.
"""

from __future__ import annotations

import copyreg
import dataclasses
import inspect
import io
import operator
import pickle
import sqlite3
import tempfile
import weakref
from collections import OrderedDict
from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from functools import cache
from pathlib import Path

from sitrep import model
from sitrep.errors import StoreError
from sitrep.model import Article, DocumentResult, Incident, Mention, RunResult
from sitrep.scale.blocks import date_range, keys_of, part_key, sweep

PROTOCOL = pickle.HIGHEST_PROTOCOL
BATCH = 2000
"""Rows buffered before one INSERT of many."""
ARTICLE_CACHE = 4096

_SCHEMA = """
CREATE TABLE documents (seq INTEGER PRIMARY KEY, doc_id TEXT NOT NULL, blob BLOB NOT NULL);
CREATE TABLE mentions (part TEXT NOT NULL, lo INTEGER NOT NULL, seq INTEGER NOT NULL, blob BLOB NOT NULL);
CREATE TABLE aggregates (seq INTEGER PRIMARY KEY, gkey TEXT, blob BLOB NOT NULL);
CREATE TABLE facts (seq INTEGER PRIMARY KEY, fkey TEXT NOT NULL, blob BLOB NOT NULL);
CREATE TABLE framing (actor TEXT NOT NULL, doc_id TEXT NOT NULL, seq INTEGER NOT NULL, blob BLOB NOT NULL);
CREATE TABLE incidents (ekey TEXT NOT NULL, iid TEXT NOT NULL, blob BLOB NOT NULL);
CREATE TABLE incident_contradictions (ekey TEXT NOT NULL, iid TEXT NOT NULL, n INTEGER NOT NULL, blob BLOB NOT NULL);
"""
_INDEXES = """
CREATE INDEX IF NOT EXISTS documents_id ON documents (doc_id, seq);
CREATE INDEX IF NOT EXISTS mentions_part ON mentions (part, lo, seq);
CREATE INDEX IF NOT EXISTS facts_key ON facts (fkey, seq);
CREATE INDEX IF NOT EXISTS aggregates_key ON aggregates (gkey, seq);
CREATE INDEX IF NOT EXISTS framing_order ON framing (actor, doc_id, seq);
CREATE INDEX IF NOT EXISTS incidents_order ON incidents (ekey, iid);
CREATE INDEX IF NOT EXISTS icontra_order ON incident_contradictions (ekey, iid, n);
"""
_TABLES = ("documents", "mentions", "aggregates", "facts", "framing", "incidents", "incident_contradictions")


def _positional_reducer(cls: type):
    """``obj -> (cls, field values)`` for a slotted dataclass whose ``__init__`` takes every field as is
    (None when it does not): a smaller pickle that loads by calling the class, instead of the default
    slot-state dict (and, for frozen classes, dataclasses' per-object ``fields()`` lookups)."""
    if not (dataclasses.is_dataclass(cls) and "__slots__" in vars(cls)) or hasattr(cls, "__post_init__"):
        return None
    fields = dataclasses.fields(cls)
    names = [f.name for f in fields]
    params = list(inspect.signature(cls.__init__).parameters.values())[1:]
    positional = all(p.kind is inspect.Parameter.POSITIONAL_OR_KEYWORD for p in params)
    if not names or not positional or [p.name for p in params] != names or tuple(cls.__slots__) != tuple(names):
        return None
    getter = operator.attrgetter(*names)
    if len(names) == 1:
        return lambda obj: (cls, (getter(obj),))
    return lambda obj: (cls, getter(obj))


@cache
def _dispatch_table() -> dict:
    """copyreg's table plus positional reducers for the model's slotted dataclasses."""
    table = dict(copyreg.dispatch_table)
    for obj in vars(model).values():
        if isinstance(obj, type) and obj.__module__ == model.__name__ and (reducer := _positional_reducer(obj)):
            table[obj] = reducer
    return table


class _Dumper:
    """One reusable pickler (memo cleared between records) with the positional reducers."""

    def __init__(self) -> None:
        self._buf = io.BytesIO()
        self._pickler = pickle.Pickler(self._buf, PROTOCOL)
        self._pickler.dispatch_table = _dispatch_table()

    def __call__(self, obj) -> bytes:
        buf, pickler = self._buf, self._pickler
        buf.seek(0)
        buf.truncate()
        pickler.clear_memo()
        pickler.dump(obj)
        return buf.getvalue()


def resolvable(m: Mention) -> bool:
    """The mentions ``resolve`` turns into incidents (not history, totals or negated reports)."""
    return not (m.background or m.aggregate or m.negated)


def incident_sort_key(inc: Incident) -> tuple[str, str]:
    """``resolve``'s incident order, as text: (event date or 0001-01-01, incident id)."""
    return ((inc.event_date or date.min).isoformat(), inc.incident_id)


def aggregate_group(a) -> str | None:
    """The key under which ``aggregate_contradictions`` compares aggregates (None: never compared)."""
    if a.area and a.period_start and a.period_end:
        return repr((a.quantity, a.area.lower(), a.period_start, a.period_end))
    return None


class Spilled(Sequence):
    """A read-only sequence of pickled records, streamed from the spill file in SQL order."""

    def __init__(self, spill: _Spill, sql: str, params: tuple = (), *, column: int = 0) -> None:
        self._spill = spill
        self._sql = sql
        self._params = params
        self._column = column
        self._len: int | None = None

    def __iter__(self) -> Iterator:
        for row in self._spill.conn.execute(self._sql, self._params):
            yield pickle.loads(row[self._column])

    def __len__(self) -> int:
        if self._len is None:
            self._len = self._spill.conn.execute(f"SELECT COUNT(*) FROM ({self._sql})", self._params).fetchone()[0]
        return self._len

    def __bool__(self) -> bool:
        return any(True for _ in self._spill.conn.execute(self._sql + " LIMIT 1", self._params))

    def __getitem__(self, index):
        items = list(self)
        return items[index]


class Chained(Sequence):
    """Sequences one after the other (contradictions: facts, incidents, aggregates)."""

    def __init__(self, *parts: Sequence) -> None:
        self._parts = parts

    def __iter__(self) -> Iterator:
        for part in self._parts:
            yield from part

    def __len__(self) -> int:
        return sum(len(p) for p in self._parts)

    def __bool__(self) -> bool:
        return any(bool(p) for p in self._parts)

    def __getitem__(self, index):
        return list(self)[index]


class Computed(Sequence):
    """A sequence computed on first use (aggregate series: the lead's function over all aggregates)."""

    def __init__(self, compute) -> None:
        self._compute = compute
        self._items: list | None = None

    def _get(self) -> list:
        if self._items is None:
            self._items = list(self._compute())
        return self._items

    def __iter__(self) -> Iterator:
        return iter(self._get())

    def __len__(self) -> int:
        return len(self._get())

    def __getitem__(self, index):
        return self._get()[index]


class _Spill:
    """The SQLite spill file (in a temporary directory unless a directory is given)."""

    def __init__(self, directory: str | Path | None) -> None:
        self._tmp = tempfile.TemporaryDirectory(prefix="sitrep-spill-", dir=directory)
        self.path = Path(self._tmp.name) / "spill.sqlite"
        try:
            self.conn = sqlite3.connect(self.path, check_same_thread=False)
            self.conn.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA cache_size=-16000;")
            self.conn.executescript(_SCHEMA)
        except sqlite3.Error as e:
            raise StoreError(f"cannot create the spill file: {e}", path=str(self.path)) from e
        self._rows: dict[str, list[tuple]] = {t: [] for t in _TABLES}
        self.dump = _Dumper()
        weakref.finalize(self, _close, self.conn, self._tmp)

    def put(self, table: str, row: tuple) -> None:
        rows = self._rows[table]
        rows.append(row)
        if len(rows) >= BATCH:
            self.flush(table)

    def flush(self, table: str | None = None) -> None:
        for name in [table] if table else list(self._rows):
            rows = self._rows[name]
            if not rows:
                continue
            marks = ",".join("?" * len(rows[0]))
            try:
                self.conn.executemany(f"INSERT INTO {name} VALUES ({marks})", rows)
            except sqlite3.Error as e:
                raise StoreError(f"cannot write the spill file: {e}", path=str(self.path)) from e
            rows.clear()

    def index(self) -> None:
        self.flush()
        self.conn.executescript(_INDEXES)
        self.conn.commit()


def _close(conn: sqlite3.Connection, tmp: tempfile.TemporaryDirectory) -> None:
    conn.close()
    tmp.cleanup()


class BlockedResolver:
    """Streams DocumentResults in (``add``); ``result()`` resolves them block by block."""

    def __init__(
        self, *, level: str = "incident", spill_dir: str | Path | None = None, keep_text: bool = False,
        acled_aggregation: bool = False, keep_mentions: bool = False,
    ) -> None:  # fmt: skip
        if level not in ("incident", "document"):
            raise ValueError(f"level must be 'incident' or 'document', not {level!r}")
        self.level = level
        self.acled_aggregation = acled_aggregation
        self.keep_mentions = keep_mentions
        self.keep_text = keep_text
        self.spill = _Spill(spill_dir)
        self.errors: list = []
        self._seq = 0
        self._done: RunResult | None = None
        self.stats = {"documents": 0, "mentions": 0, "parts": 0, "components": 0, "largest_component": 0}

    # ------------------------------------------------------------------ in
    def add(self, result: DocumentResult) -> None:
        """Keep what resolution needs of one document (its text only with ``keep_text``)."""
        if self._done is not None:
            raise ValueError("add() after result()")
        put, dump, seq = self.spill.put, self.spill.dump, self._next()
        art = result.article
        meta = art if self.keep_text else _without_text(art)
        put("documents", (seq, art.doc_id, dump(meta)))
        for m in result.mentions:
            if resolvable(m):
                put("mentions", (repr(part_key(m, level=self.level)), date_range(m)[0], self._next(), dump(m)))  # lo = keys_of(m).lo
                self.stats["mentions"] += 1
        for a in result.aggregates:
            put("aggregates", (self._next(), aggregate_group(a), dump(a)))
        for f in result.facts:
            put("facts", (self._next(), repr(f.key), dump(f)))
        for row in _framing([result]):
            put("framing", (row.actor, row.doc_id, self._next(), dump(row)))
        self.stats["documents"] += 1

    def add_error(self, error) -> None:
        """An input that could not be read (kept in memory: bad inputs are few)."""
        self.errors.append(error)

    def extend(self, results: Iterable[DocumentResult]) -> None:
        for r in results:
            self.add(r)

    def _next(self) -> int:
        self._seq += 1
        return self._seq

    # ------------------------------------------------------------------ out
    def result(self) -> RunResult:
        """Resolve every part, then the RunResult whose sections stream from the spill file."""
        if self._done is not None:
            return self._done
        self.spill.index()
        self._resolve_parts()
        self.spill.index()
        spill = self.spill
        out = RunResult(
            documents=Spilled(spill, "SELECT blob FROM documents ORDER BY seq"),
            errors=self.errors,
            incidents=Spilled(spill, "SELECT blob FROM incidents ORDER BY ekey, iid"),
            aggregates=Spilled(spill, "SELECT blob FROM aggregates ORDER BY seq"),
            framing=Spilled(spill, "SELECT blob FROM framing ORDER BY actor, doc_id, seq"),
        )
        out.series = Computed(lambda: _series(out.aggregates))
        out.contradictions = Chained(
            self._fact_contradictions(),
            Spilled(spill, "SELECT blob FROM incident_contradictions ORDER BY ekey, iid, n"),
            self._aggregate_contradictions(),
        )
        self._done = out
        return out

    def _resolve_parts(self) -> None:
        """Every part's blocks resolved; incidents and their contradictions written to the spill."""
        articles = _ArticleLookup(self.spill.conn)
        conn = self.spill.conn
        parts = [row[0] for row in conn.execute("SELECT DISTINCT part FROM mentions ORDER BY part")]
        self.stats["parts"] = len(parts)
        for part in parts:
            rows = conn.execute("SELECT blob FROM mentions WHERE part = ? ORDER BY lo, seq", (part,))
            for comp in self._components(pickle.loads(r[0]) for r in rows):
                self.stats["components"] += 1
                self.stats["largest_component"] = max(self.stats["largest_component"], len(comp))
                for inc in self._incidents(comp, articles):
                    self._spill_incident(inc)
        self.spill.flush()

    def _incidents(self, comp: list[Mention], articles: _ArticleLookup) -> list[Incident]:
        """The lead's grouping and incident building on one block (plus ACLED aggregation if asked)."""
        from sitrep.resolve.incidents import build_incident, group_mentions

        incidents = [build_incident(g, articles.for_mentions(g)) for g in group_mentions(comp, level=self.level)]
        if self.acled_aggregation:  # its merge key (exact day, place name, sides) never crosses blocks
            from sitrep.resolve.aggregation import acled_aggregate

            incidents = acled_aggregate(incidents, articles.for_mentions(comp))
        return incidents

    def _spill_incident(self, inc: Incident) -> None:
        """Note, per-incident contradictions, then the incident itself into the spill, keyed for output order."""
        make_note, per_incident = _note_maker(), _incident_contradictions()
        if make_note is not None:
            inc.notes = make_note(inc)
        ekey, iid = incident_sort_key(inc)
        for n, c in enumerate(per_incident([inc]) if per_incident else []):
            self.spill.put("incident_contradictions", (ekey, iid, n, self.spill.dump(c)))
        if not self.keep_mentions:  # the writers never read them; they are most of the bytes
            inc.mentions = []
        self.spill.put("incidents", (ekey, iid, self.spill.dump(inc)))

    def _components(self, mentions: Iterator[Mention]) -> Iterator[list[Mention]]:
        """Blocks of one part: the whole document at document level, else the sweep's components."""
        if self.level == "document":
            yield list(mentions)
            return
        yield from sweep((keys_of(m), m) for m in mentions)

    def _fact_contradictions(self) -> list:
        try:
            from sitrep.resolve.contradictions import fact_contradictions
        except ImportError:
            return []
        sql = "SELECT fkey FROM facts GROUP BY fkey HAVING COUNT(*) > 1"
        return fact_contradictions(self._groups("facts", "fkey", sql))

    def _aggregate_contradictions(self) -> list:
        try:
            from sitrep.resolve.contradictions import aggregate_contradictions
        except ImportError:
            return []
        sql = "SELECT gkey FROM aggregates WHERE gkey IS NOT NULL GROUP BY gkey HAVING COUNT(*) > 1"
        return aggregate_contradictions(self._groups("aggregates", "gkey", sql))

    def _groups(self, table: str, column: str, keys_sql: str) -> list:
        """Records of every group of two or more, in input order (singletons never contradict)."""
        conn = self.spill.conn
        rows = []
        for (key,) in conn.execute(keys_sql).fetchall():
            rows.extend(conn.execute(f"SELECT seq, blob FROM {table} WHERE {column} = ?", (key,)))
        rows.sort(key=lambda r: r[0])
        return [pickle.loads(blob) for _, blob in rows]


def _without_text(article: Article) -> Article:
    """The article's metadata (what sources, grades and the documents section use)."""
    return Article(
        doc_id=article.doc_id, text="", title=article.title, outlet=article.outlet, published=article.published,
        published_inferred=article.published_inferred, published_evidence=article.published_evidence,
        url=article.url, path=article.path, line=article.line,
    )  # fmt: skip


class _ArticleLookup:
    """doc_id -> Article (the last one added under that id, as ``resolve`` keeps), with a small cache."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self.cache: OrderedDict[str, Article | None] = OrderedDict()

    def get(self, doc_id: str) -> Article | None:
        if doc_id in self.cache:
            self.cache.move_to_end(doc_id)
            return self.cache[doc_id]
        row = self.conn.execute("SELECT blob FROM documents WHERE doc_id = ? ORDER BY seq DESC LIMIT 1", (doc_id,)).fetchone()
        art = pickle.loads(row[0]) if row else None
        self.cache[doc_id] = art
        if len(self.cache) > ARTICLE_CACHE:
            self.cache.popitem(last=False)
        return art

    def for_mentions(self, mentions: list[Mention]) -> dict[str, Article]:
        out = {}
        for m in mentions:
            if m.doc_id not in out and (art := self.get(m.doc_id)) is not None:
                out[m.doc_id] = art
        return out


def _series(aggregates: Iterable) -> list:
    try:
        from sitrep.resolve.series import aggregate_series
    except ImportError:
        return []
    return aggregate_series(list(aggregates))


def _framing(results: list[DocumentResult]) -> list:
    try:
        from sitrep.resolve.framing import framing
    except ImportError:
        return []
    return framing(results)


@cache
def _note_maker():
    try:
        from sitrep.output.notes import make_note
    except ImportError:
        return None
    return make_note


@cache
def _incident_contradictions():
    try:
        from sitrep.resolve.contradictions import incident_contradictions
    except ImportError:
        return None
    return incident_contradictions


def resolve_blocked(
    results: Iterable[DocumentResult], *, level: str = "incident", spill_dir: str | Path | None = None,
    acled_aggregation: bool = False,
) -> RunResult:  # fmt: skip
    """``resolve(results, level=level)`` computed block by block from a stream (lazy sections)."""
    resolver = BlockedResolver(level=level, spill_dir=spill_dir, acled_aggregation=acled_aggregation)
    resolver.extend(results)
    return resolver.result()
