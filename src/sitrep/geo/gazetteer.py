"""Read access to the compiled gazetteer: name lookups (exact, then transliteration-tolerant)."""

from __future__ import annotations

import math
import os
import sqlite3
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from rapidfuzz import fuzz

from sitrep.errors import GazetteerError
from sitrep.geo.names import keys
from sitrep.geo.store import build_gazetteer
from sitrep.model import Place

FUZZ_MIN = 75.0
"""Minimum rapidfuzz ratio between the query key and a name that only shares its skeleton."""

MIN_SKELETON = 3
"""Skeleton lookups need at least this many skeleton letters (shorter ones collide too much)."""

_WORD_CACHE = 50_000
"""Words whose demonym answer is remembered (the memo is emptied when full)."""

_UNSEEN = object()  # not in a memo

_FEATURE_BONUS = {"country": 30.0, "admin1": 6.0, "city": 6.0, "site": 5.0, "admin2": 3.0, "admin3": 2.0}
_ADMIN = frozenset({"admin1", "admin2", "admin3"})
_PLACE_COLUMNS = "p.id, p.name, p.cc, p.lat, p.lon, p.feature, p.population, p.admin1, p.admin2, p.admin3, " \
                 "p.geonameid, p.city_id, p.radius"
_COLUMNS = _PLACE_COLUMNS + ", n.nkey, n.main"


@dataclass(frozen=True, slots=True)
class Candidate:
    """A gazetteer entry matching a name, with how well it matched."""

    place_id: int
    name: str
    cc: str
    lat: float
    lon: float
    feature: str
    population: int
    admin1: str
    admin2: str
    admin3: str
    geonameid: int | None
    city_id: int | None
    radius: float  # extent of an admin unit in km (90th percentile distance of its towns); 0 otherwise
    exact: bool  # same name_key (else same skeleton and fuzzy ratio >= FUZZ_MIN)
    similarity: float  # 100 for exact matches
    main: bool  # matched the entry's own name (not an alternate name)
    prominence: float = field(init=False, compare=False, repr=False)
    """Population on a log scale plus a bonus per feature (admin units count a tenth); set on creation."""

    def __post_init__(self) -> None:
        """Compute the prominence once (ranking reads it often)."""
        pop = self.population / 10 if self.feature in _ADMIN else self.population
        object.__setattr__(self, "prominence", 3.0 * math.log10(pop + 1) + _FEATURE_BONUS.get(self.feature, 0.0))


def _row_to_candidate(row: tuple, *, query_key: str) -> Candidate:
    """Build a Candidate from a names/places row."""
    pid, name, cc, lat, lon, feature, pop, a1, a2, a3, gid, city_id, radius, nkey, main = row
    exact = nkey == query_key
    sim = 100.0 if exact else fuzz.ratio(query_key, nkey)
    return Candidate(pid, name, cc, lat, lon, feature, pop, a1, a2, a3, gid, city_id, radius, exact, sim, bool(main))


class Gazetteer:
    """The compiled gazetteer (SQLite, read-only); built on first use."""

    _default: Gazetteer | None = None
    _default_lock = threading.Lock()

    def __init__(self, path: str | Path | None = None) -> None:
        self.path = Path(path) if path else build_gazetteer()
        if not self.path.exists():
            raise GazetteerError("gazetteer database not found", path=str(self.path))
        self._lock = threading.RLock()
        self._pid = -1
        self._con: sqlite3.Connection | None = None
        con = self._connection()
        self.countries: dict[str, str] = dict(con.execute("SELECT cc, name FROM countries"))
        self._country_place: dict[str, int] = dict(con.execute("SELECT cc, place_id FROM countries"))
        self._demonyms: dict[str, str] = dict(con.execute("SELECT key, cc FROM demonyms"))
        self._demonym_of: dict[str, str | None] = {}  # by word as written (bounded: ``_WORD_CACHE``)
        self._match = lru_cache(maxsize=20_000)(self._match_uncached)
        self._place = lru_cache(maxsize=5_000)(self._place_uncached)

    @classmethod
    def default(cls) -> Gazetteer:
        """The process-wide gazetteer at the default location (cached)."""
        with cls._default_lock:
            if cls._default is None:
                cls._default = cls()
            return cls._default

    @classmethod
    def reset_default(cls) -> None:
        """Forget the cached default gazetteer (after a rebuild or an import)."""
        with cls._default_lock:
            if cls._default is not None:
                cls._default.close()
            cls._default = None

    def close(self) -> None:
        """Close the database connection."""
        with self._lock:
            if self._con is not None:
                self._con.close()
                self._con = None

    def _connection(self) -> sqlite3.Connection:
        """A read-only connection owned by this process (reopened after fork)."""
        if self._con is None or self._pid != os.getpid():
            try:
                con = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)
                con.execute("PRAGMA cache_size=-8000")
                con.execute("PRAGMA mmap_size=0")
            except sqlite3.Error as e:
                raise GazetteerError(f"cannot open the gazetteer: {e}", path=str(self.path)) from e
            self._con, self._pid = con, os.getpid()
        return self._con

    def _query(self, sql: str, args: tuple) -> list[tuple]:
        """Run a query under the connection lock."""
        with self._lock:
            try:
                return self._connection().execute(sql, args).fetchall()
            except sqlite3.Error as e:
                raise GazetteerError(f"gazetteer query failed: {e}", path=str(self.path)) from e

    def _match_uncached(self, key: str, skel: str) -> tuple[Candidate, ...]:
        """Candidates for a (name_key, skeleton) pair: exact rows, then skeleton rows."""
        rows = self._query(f"SELECT {_COLUMNS} FROM names n JOIN places p ON p.id = n.place_id WHERE n.nkey = ?",
                           (key,))
        if len(skel.replace(" ", "")) >= MIN_SKELETON:
            rows += self._similar_rows(key, skel)
        best: dict[int, Candidate] = {}
        for row in rows:
            c = _row_to_candidate(row, query_key=key)
            if not c.exact and c.similarity < FUZZ_MIN:
                continue
            old = best.get(c.place_id)
            if old is None or (c.exact, c.similarity, c.main) > (old.exact, old.similarity, old.main):
                best[c.place_id] = c
        return tuple(sorted(best.values(), key=lambda c: (not c.exact, -c.prominence)))

    def _similar_rows(self, key: str, skel: str) -> list[tuple]:
        """Rows (as in ``_COLUMNS``) of the first 400 other names with this skeleton that are similar enough.

        Names are read first from the skeleton index alone (most fail the fuzzy ratio); the places of
        the rest are then read by id. Same rows, in the same (index) order, as one query joining names
        and places: every name belongs to a place (the builder writes names only for the places it
        writes, and nothing deletes places)."""
        names = self._query("SELECT nkey, place_id, main FROM names WHERE skel = ? AND nkey <> ? LIMIT 400",
                            (skel, key))
        ratios: dict[str, float] = {}
        kept = []
        for nkey, pid, main in names:
            sim = ratios.get(nkey)
            if sim is None:
                sim = ratios[nkey] = fuzz.ratio(key, nkey)
            if sim >= FUZZ_MIN:
                kept.append((nkey, pid, main))
        if not kept:
            return []
        ids = sorted({pid for _, pid, _ in kept})
        marks = ",".join("?" * len(ids))
        places = {row[0]: row for row in self._query(f"SELECT {_PLACE_COLUMNS} FROM places p WHERE p.id IN ({marks})",
                                                     tuple(ids))}
        return [places[pid] + (nkey, main) for nkey, pid, main in kept]

    def match(self, name: str) -> tuple[Candidate, ...]:
        """All entries matching a name: exact name_key matches first, then skeleton matches."""
        key, skel = keys(name)
        if not key:
            return ()
        return self._match(key, skel)

    def lookup(self, name: str, *, country_code: str | None = None) -> list[Place]:
        """Places named so, ranked: exact before skeleton, same country, population, feature."""
        cands = self.match(name)
        cc = country_code.upper() if country_code else None
        ranked = sorted(cands, key=lambda c: (not c.exact, c.cc != cc if cc else False, -c.prominence))
        return [self.to_place(c) for c in ranked]

    def to_place(self, c: Candidate) -> Place:
        """The Place record of a candidate."""
        return Place(
            name=c.name, country=self.countries.get(c.cc, c.cc), country_code=c.cc, latitude=c.lat,
            longitude=c.lon, admin1=c.admin1, admin2=c.admin2, admin3=c.admin3, geonameid=c.geonameid,
            feature=c.feature, population=c.population,
        )

    def _place_uncached(self, place_id: int) -> Candidate | None:
        """Entry by id (as an exact candidate), or None."""
        rows = self._query(
            f"SELECT {_COLUMNS} FROM places p JOIN names n ON n.place_id = p.id WHERE p.id = ? "
            "ORDER BY n.main DESC LIMIT 1",
            (place_id,),
        )
        return _row_to_candidate(rows[0], query_key=rows[0][13]) if rows else None

    def candidate(self, place_id: int) -> Candidate | None:
        """The entry with this id, or None."""
        return self._place(place_id)

    def place(self, place_id: int) -> Place | None:
        """The Place with this id, or None."""
        c = self._place(place_id)
        return self.to_place(c) if c else None

    def city_of(self, c: Candidate) -> Candidate:
        """For a site inside a city (a neighbourhood), the city; otherwise the candidate itself."""
        if c.city_id is not None:
            city = self._place(c.city_id)
            if city is not None:
                return city
        return c

    def country_of(self, name: str) -> str | None:
        """ISO code of a country named (or its demonym: "Syrian" -> "SY"), else None."""
        for c in self.match(name):
            if c.feature == "country" and c.exact:
                return c.cc
        return self.demonym_country(name)

    def demonym_country(self, word: str) -> str | None:
        """ISO code of the country a demonym refers to ("Turkish" -> "TR"), else None."""
        try:
            return self._demonym_of[word]
        except KeyError:
            pass
        if len(self._demonym_of) >= _WORD_CACHE:
            self._demonym_of = {}
        cc = self._demonym_of[word] = self._demonyms.get(keys(word)[0])
        return cc

    def demonym_countries(self, words: Iterable[str]) -> list[str]:
        """The countries of the demonyms among words, in order: :meth:`demonym_country` of each word,
        without the Nones (one call for a whole text's words)."""
        memo = self._demonym_of  # (a full memo is replaced by demonym_country: this one stays correct)
        out = []
        for word in words:
            cc = memo.get(word, _UNSEEN)
            if cc is _UNSEEN:
                cc = self.demonym_country(word)
            if cc:
                out.append(cc)
        return out

    def country_name(self, cc: str) -> str:
        """Display name of a country code ("SY" -> "Syria")."""
        return self.countries.get(cc.upper(), cc)

    def country_place(self, cc: str) -> Place | None:
        """The Place of a country."""
        pid = self._country_place.get(cc.upper())
        return self.place(pid) if pid is not None else None

    def admin1(self, name: str, *, country_code: str) -> Place | None:
        """The first-level unit of a country with this name (or variant), or None."""
        for c in self.match(name):
            if c.feature == "admin1" and c.cc == country_code.upper():
                return self.to_place(c)
        return None

    def admin1_names(self, country_code: str) -> list[str]:
        """Names of the first-level units of a country."""
        rows = self._query("SELECT name FROM places WHERE cc = ? AND feature = 'admin1' ORDER BY name",
                           (country_code.upper(),))
        return [r[0] for r in rows]

    def stats(self) -> dict[str, str]:
        """Metadata recorded at build time."""
        return dict(self._query("SELECT key, value FROM meta", ()))
