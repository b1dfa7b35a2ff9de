"""Helpers of the reliability tests: run the ingest CLI in a subprocess, kill it, compare databases."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
import warnings
from pathlib import Path
from typing import Any

from sqlalchemy import MetaData, create_engine, select, text
from sqlalchemy.exc import SAWarning

from sitrep.store.urls import normalise_url

HERE = Path(__file__).resolve().parent
FAKE_INGEST = HERE / "fake_ingest.py"
VOLATILE = {
    "documents": {"ingested_at", "updated_at"},
}
STABLE_INFO = {"level", "dirty"}
RUN_TIMEOUT = 300


def ingest(db: str, *inputs: Path, kill_at_doc: int = 0, kill_at_stmt: int = 0, kill_after: float = 0.0,
           real_engine: bool = False, stmt_log: Path | None = None) -> subprocess.CompletedProcess:
    """Run `sitrep ingest INPUTS --db DB` (synthetic engine unless ``real_engine``), with an optional kill."""
    env = {**os.environ, "SITREP_KILL_AT_DOC": str(kill_at_doc), "SITREP_KILL_AT_STMT": str(kill_at_stmt)}
    if real_engine:
        env["SITREP_REAL_ENGINE"] = "1"
    if stmt_log is not None:
        env["SITREP_STMT_LOG"] = str(stmt_log)
    proc = start(db, *inputs, env=env)
    if kill_after:
        try:
            out, err = proc.communicate(timeout=kill_after)
        except subprocess.TimeoutExpired:
            proc.send_signal(signal.SIGKILL)
            out, err = proc.communicate(timeout=RUN_TIMEOUT)
    else:
        out, err = proc.communicate(timeout=RUN_TIMEOUT)
    return subprocess.CompletedProcess(proc.args, proc.returncode, out, err)


def start(db: str, *inputs: Path, env: dict[str, str] | None = None) -> subprocess.Popen:
    """Start the ingest CLI without waiting."""
    cmd = [sys.executable, str(FAKE_INGEST), "ingest", *map(str, inputs), "--db", db, "-q"]
    return subprocess.Popen(cmd, env=env or dict(os.environ), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)


def wait_all(procs: list[subprocess.Popen], timeout: float = RUN_TIMEOUT) -> list[subprocess.CompletedProcess]:
    """Wait for every process (bounded), returning their results."""
    deadline = time.monotonic() + timeout
    out = []
    for p in procs:
        so, se = p.communicate(timeout=max(1.0, deadline - time.monotonic()))
        out.append(subprocess.CompletedProcess(p.args, p.returncode, so, se))
    return out


def statements(log: Path) -> list[str]:
    """The statements a logged run executed, in order (index 0 is statement number 1)."""
    return [line.split("\t", 1)[1].rstrip("\n") for line in log.read_text(encoding="utf-8").splitlines()]


def copy_sqlite(src: str, dst: Path) -> str:
    """Copy a (closed) SQLite database file, with its WAL if one was left; returns the new URL."""
    path = Path(src.removeprefix("sqlite:///"))
    for suffix in ("", "-wal"):
        if Path(f"{path}{suffix}").exists():
            shutil.copyfile(f"{path}{suffix}", f"{dst}{suffix}")
    return f"sqlite:///{dst}"


def _norm(value: Any) -> Any:
    """Backend-neutral cell value (SQLite gives 0/1 for booleans, PostgreSQL True/False)."""
    return int(value) if isinstance(value, bool) else value


def canonical(db: str, *, ignore: dict[str, set[str]] | None = None) -> dict[str, list[tuple]]:
    """Every table's rows without timestamps and run counters (and ``ignore``d columns), sorted."""
    engine = create_engine(normalise_url(db))
    try:
        meta = MetaData()
        with warnings.catch_warnings():  # expression indexes cannot be reflected: they do not matter here
            warnings.simplefilter("ignore", SAWarning)
            meta.reflect(engine)
        out: dict[str, list[tuple]] = {}
        with engine.connect() as conn:
            for name, table in sorted(meta.tables.items()):
                if name == "alembic_version":
                    continue
                skip = VOLATILE.get(name, set()) | (ignore or {}).get(name, set())
                cols = [c for c in table.c if c.name not in skip]
                rows = [tuple(_norm(v) for v in r) for r in conn.execute(select(*cols))]
                if name == "store_info":
                    rows = [r for r in rows if r[0] in STABLE_INFO]
                out[name] = sorted(rows, key=repr)
        return out
    finally:
        engine.dispose()


def check_consistent(db: str) -> dict[str, int]:
    """Structural checks after a kill: integrity, no duplicate documents, resolution never ahead of documents."""
    engine = create_engine(normalise_url(db))
    try:
        with engine.connect() as conn:
            if engine.dialect.name == "sqlite":
                assert conn.execute(text("PRAGMA integrity_check")).scalar() == "ok"
            tables = {r[0] for r in conn.execute(text(
                "SELECT name FROM sqlite_master WHERE type='table'" if engine.dialect.name == "sqlite"
                else "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()"))}
            if "documents" not in tables:
                return {"documents": 0}  # killed before the schema was committed: nothing half-made
            n, distinct = conn.execute(text("SELECT count(*), count(DISTINCT doc_id) FROM documents")).one()
            assert n == distinct
            info = dict(conn.execute(text("SELECT key, value FROM store_info")).all())
            if "resolved_generation" in info:
                assert int(info["resolved_generation"]) <= int(info["generation"])
            orphans = conn.execute(text(
                "SELECT count(*) FROM sources s LEFT JOIN incidents i ON i.incident_id = s.incident_id "
                "WHERE i.incident_id IS NULL")).scalar()
            assert orphans == 0
            return {"documents": n, "generation": int(info.get("generation", 0))}
    finally:
        engine.dispose()
