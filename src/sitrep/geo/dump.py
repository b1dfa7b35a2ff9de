"""Import a GeoNames dump (``SY.zip``, ``allCountries.zip`` or the extracted ``.txt``) for village coverage."""

from __future__ import annotations

import contextlib
import io
import sqlite3
import time
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

from sitrep.errors import GazetteerImportError
from sitrep.geo import lexicon as lx
from sitrep.geo.build import PlaceRow, PlaceWriter, display_name, nearest_unit
from sitrep.geo.names import index_keys
from sitrep.geo.store import build_gazetteer, build_lock

Progress = Callable[[int, int], None]
"""progress(bytes_done, bytes_total)."""

_N_COLUMNS = 19


@contextlib.contextmanager
def _open_text(path: Path) -> Iterator[tuple[io.TextIOBase, int]]:
    """Open the dump's tab-separated text (inside a zip or plain) and give its size in bytes."""
    try:
        if zipfile.is_zipfile(path):
            with zipfile.ZipFile(path) as zf:
                members = [i for i in zf.infolist() if i.filename.endswith(".txt")
                           and not i.filename.lower().startswith(("readme", "iso-languagecodes"))]
                if not members:
                    raise GazetteerImportError("no GeoNames .txt table inside the zip", path=str(path))
                info = max(members, key=lambda i: i.file_size)
                with zf.open(info) as raw:
                    yield io.TextIOWrapper(raw, encoding="utf-8", newline="\n"), info.file_size
        else:
            with open(path, encoding="utf-8", newline="\n") as fh:
                yield fh, path.stat().st_size
    except (OSError, zipfile.BadZipFile, UnicodeDecodeError) as e:
        raise GazetteerImportError(f"cannot read the dump: {e}", path=str(path)) from e


def _rows(path: Path, progress: Progress | None) -> Iterator[list[str]]:
    """Parsed rows of the dump (19 columns), reporting progress."""
    done, bad, seen = 0, 0, 0
    with _open_text(path) as (fh, total):
        for lineno, line in enumerate(fh, 1):
            done += len(line)
            cols = line.rstrip("\n").split("\t")
            if len(cols) != _N_COLUMNS or not cols[0].isdigit():
                bad += 1
                if bad > 10 and bad > seen:
                    raise GazetteerImportError("not a GeoNames dump (19 tab-separated columns)",
                                               path=str(path), line=lineno)
                continue
            seen += 1
            if progress is not None and lineno % 20_000 == 0:
                progress(done, total)
            yield cols
        if progress is not None:
            progress(total, total)
    if seen == 0:
        raise GazetteerImportError("no GeoNames rows found", path=str(path))


class _Importer:
    """State of one import into an open database."""

    def __init__(self, con: sqlite3.Connection) -> None:
        self.con = con
        self.features = lx.load_features()
        self.sites = frozenset(self.features.sites)
        self.a1 = {(cc, code): name for cc, code, name in con.execute("SELECT cc, code, name FROM admin1_codes")}
        self.sy_units = [tuple(r) for r in con.execute(
            "SELECT admin1, admin2, admin3, lat, lon FROM admin_centroids WHERE cc='SY'")]
        self.admin2_names: dict[tuple[str, str, str], str] = {}
        self.writer = PlaceWriter(con)
        self.added = 0

    def feature_of(self, fclass: str, fcode: str) -> str | None:
        """sitrep feature for a GeoNames class/code, or None to skip."""
        if fclass == "P":
            if fcode in self.features.populated_skip:
                return None
            return "site" if fcode in self.features.populated_sections else "city"
        if fclass == "A":
            feat = self.features.admin.get(fcode)
            return None if feat in (None, "skip") else feat
        if fclass in ("S", "T", "L", "H") and fcode in self.sites:
            return "site"
        return None

    def exists(self, gid: int) -> bool:
        """Whether a place with this geonameid is already in the database."""
        return self.con.execute("SELECT 1 FROM places WHERE geonameid=?", (gid,)).fetchone() is not None

    def collect_admin2(self, cols: list[str]) -> None:
        """Remember ADM2 names (first pass), to name the admin2 of the places."""
        if cols[6] == "A" and cols[7] == "ADM2":
            self.admin2_names[(cols[8], cols[10], cols[11])] = display_name(cols[1])

    def attach_names(self, pid: int, cols: list[str]) -> None:
        """Add the dump's names of a unit to an existing place."""
        self.writer.add_names(pid, [cols[1], cols[2], *cols[3].split(",")], main=False)

    def existing_unit(self, cc: str, feature: str, admin1: str, name: str) -> int | None:
        """An existing admin unit of that level with the same key (to merge into), or None."""
        k, s = index_keys(name)
        if not k:
            return None
        row = self.con.execute(
            "SELECT p.id FROM names n JOIN places p ON p.id = n.place_id WHERE (n.nkey=? OR n.skel=?) "
            "AND p.cc=? AND p.feature=? AND (?='' OR p.admin1=?) LIMIT 1",
            (k, s, cc, feature, admin1, admin1),
        ).fetchone()
        return int(row[0]) if row else None

    def add(self, cols: list[str]) -> None:
        """Import one row."""
        feature = self.feature_of(cols[6], cols[7])
        if feature is None:
            return
        gid = int(cols[0])
        if self.exists(gid):
            return
        cc, a1code, a2code = cols[8], cols[10], cols[11]
        admin1 = self.a1.get((cc, a1code), "")
        if feature == "admin1" or (cc == "SY" and feature in ("admin2", "admin3")):
            pid = self.existing_unit(cc, feature, admin1 if feature != "admin1" else "", cols[1])
            if pid is None and feature == "admin1":
                pid = self.existing_unit(cc, "admin1", "", admin1) if admin1 else None
            if pid is not None:
                self.attach_names(pid, cols)
            return
        try:
            lat, lon = float(cols[4]), float(cols[5])
            population = int(cols[14] or 0)
        except ValueError:
            return
        admin2, admin3 = self.admin2_names.get((cc, a1code, a2code), ""), ""
        if feature == "admin2":
            pid = self.existing_unit(cc, "admin2", admin1, cols[1])
            if pid is not None:
                self.attach_names(pid, cols)
                return
            admin2 = display_name(cols[1])
        if cc == "SY":
            unit = nearest_unit(self.sy_units, lat, lon, admin1=admin1) or nearest_unit(self.sy_units, lat, lon)
            if unit:
                admin1, admin2, admin3 = unit
        if feature == "admin3":
            admin3 = display_name(cols[1])
        self.writer.add(PlaceRow(
            name=display_name(cols[1]), cc=cc, lat=lat, lon=lon, feature=feature, population=population,
            admin1=admin1, admin2=admin2, admin3=admin3, a1code=a1code, a2code=a2code, geonameid=gid,
            source="geonames-dump", names=[cols[1], cols[2], *filter(None, cols[3].split(","))],
        ))
        self.added += 1


def import_into(con: sqlite3.Connection, path: Path, *, progress: Progress | None = None) -> int:
    """Import a dump into an open database; return the number of places added."""
    imp = _Importer(con)
    for cols in _rows(path, None):
        imp.collect_admin2(cols)
    for cols in _rows(path, progress):
        imp.add(cols)
    imp.writer.flush()
    con.execute(
        "INSERT OR REPLACE INTO imports VALUES (?, COALESCE((SELECT added FROM imports WHERE path=?), 0) + ?, ?)",
        (str(path.resolve()), str(path.resolve()), imp.added, time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())),
    )
    return imp.added


def import_geonames_dump(path: str | Path, *, progress: Progress | None = None) -> int:
    """Add a GeoNames dump to the compiled gazetteer (idempotent); return the number of places added."""
    path = Path(path)
    if not path.exists():
        raise GazetteerImportError("file not found", path=str(path))
    target = build_gazetteer()
    with build_lock(target.parent):
        con = sqlite3.connect(target, timeout=60)
        try:
            with con:
                added = import_into(con, path, progress=progress)
            con.execute("ANALYZE")
        except sqlite3.Error as e:
            raise GazetteerImportError(f"database error: {e}", path=str(path)) from e
        finally:
            con.close()
    from sitrep.geo.gazetteer import Gazetteer

    Gazetteer.reset_default()
    return added

