"""Where the compiled gazetteer lives, and building it once (under a file lock) on first use."""

from __future__ import annotations

import contextlib
import fcntl
import os
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from sitrep.errors import GazetteerError

SCHEMA_VERSION = "5"
DB_NAME = "gazetteer.sqlite"
_LOCK_NAME = "gazetteer.lock"


def data_dir() -> Path:
    """The sitrep data directory (env SITREP_DATA_DIR, default ~/.local/share/sitrep), created."""
    raw = os.environ.get("SITREP_DATA_DIR") or str(Path.home() / ".local" / "share" / "sitrep")
    path = Path(raw).expanduser()
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise GazetteerError(f"cannot create the data directory: {e}", path=str(path)) from e
    return path


def db_path() -> Path:
    """Path of the compiled gazetteer database."""
    return data_dir() / DB_NAME


@contextlib.contextmanager
def build_lock(directory: Path) -> Iterator[None]:
    """Exclusive inter-process lock on the data directory (blocks until free)."""
    lock_path = directory / _LOCK_NAME
    with open(lock_path, "a+") as fh:
        fcntl.flock(fh.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh.fileno(), fcntl.LOCK_UN)


def schema_version(path: Path) -> str | None:
    """Schema version recorded in a database file, or None if missing/unreadable."""
    if not path.exists():
        return None
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            row = con.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
        finally:
            con.close()
    except sqlite3.Error:
        return None
    return row[0] if row else None


def is_current(path: Path) -> bool:
    """Whether the database exists and has the current schema."""
    return schema_version(path) == SCHEMA_VERSION


def build_gazetteer(*, force: bool = False, path: Path | None = None, quiet: bool = False) -> Path:
    """Build the compiled gazetteer if missing/outdated (or always with force); return its path."""
    path = path or db_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    if not force and is_current(path):
        return path
    with build_lock(path.parent):
        if not force and is_current(path):  # another process built it while we waited
            return path
        if not quiet:
            print(f"sitrep: building the gazetteer in {path} (once; about a minute) ...", file=sys.stderr)
        started = time.monotonic()
        _build_in_subprocess(path)
        if not quiet:
            print(f"sitrep: gazetteer built in {time.monotonic() - started:.0f} s", file=sys.stderr)
    return path


def _build_in_subprocess(path: Path) -> None:
    """Run the builder in a child process, so the caller's memory stays small."""
    code = "import sys; from sitrep.geo.build import main; sys.exit(main(sys.argv))"
    cmd = [sys.executable, "-c", code, str(path)]
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    except OSError as e:
        raise GazetteerError(f"cannot start the gazetteer build: {e}", path=str(path)) from e
    if proc.returncode != 0:
        tail = (proc.stderr or proc.stdout or "").strip().splitlines()[-5:]
        raise GazetteerError("gazetteer build failed: " + " | ".join(tail), path=str(path))
