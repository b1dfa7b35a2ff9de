"""``sitrep ingest`` (the real command line) run with the synthetic engine and the toy resolver.

Usage: python tests/reliability/fake_ingest.py ingest FILE --db URL -q   (any `sitrep` arguments)

Kill switches (environment), to stop the process with SIGKILL at a chosen point:
- SITREP_KILL_AT_DOC=N: when the engine is about to process its N-th document;
- SITREP_KILL_AT_STMT=N: before the N-th SQL statement (inside document commits, resolution, anything);
- SITREP_REAL_ENGINE=1: use the real Engine instead of the synthetic one (and the real resolver);
- SITREP_STMT_LOG=FILE: write "number<TAB>statement start" of every SQL statement to FILE (to aim kills).
"""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from sqlalchemy import event  # noqa: E402
from sqlalchemy.engine import Engine as SAEngine  # noqa: E402

import sitrep.store.adapter as adapter  # noqa: E402
from synthetic_corpus import SyntheticEngine, toy_resolve  # noqa: E402

KILL_AT_DOC = int(os.environ.get("SITREP_KILL_AT_DOC") or 0)
KILL_AT_STMT = int(os.environ.get("SITREP_KILL_AT_STMT") or 0)
STMT_LOG = os.environ.get("SITREP_STMT_LOG")


def _die() -> None:
    """SIGKILL this process: no cleanup, no flush, no rollback."""
    os.kill(os.getpid(), signal.SIGKILL)


class _Killing:
    """Wraps an engine: SIGKILL when the N-th document is about to be processed."""

    def __init__(self, inner) -> None:
        self.inner = inner
        self.calls = 0

    def process(self, article):
        self.calls += 1
        if self.calls == KILL_AT_DOC:
            _die()
        return self.inner.process(article)


def _statements() -> None:
    """Count SQL statements of every engine; SIGKILL before the N-th; log them when asked."""
    count = 0
    log = open(STMT_LOG, "w", encoding="utf-8") if STMT_LOG else None  # noqa: SIM115 - lives as long as the process

    @event.listens_for(SAEngine, "before_cursor_execute")
    def _before(_conn, _cursor, statement, *_args, **_kw):
        nonlocal count
        count += 1
        if count == KILL_AT_STMT:
            _die()
        if log is not None:
            log.write(f"{count}\t{' '.join(statement.split())[:60]}\n")
            log.flush()


def main() -> None:
    """Patch the adapter, arm the kill switches and hand over to the CLI."""
    if os.environ.get("SITREP_REAL_ENGINE") == "1":
        real = adapter.make_engine
        adapter.make_engine = lambda: _Killing(real())
    else:
        adapter.make_engine = lambda: _Killing(SyntheticEngine())
        adapter.resolve = toy_resolve
    if KILL_AT_STMT or STMT_LOG:
        _statements()
    from sitrep.cli import app

    app(prog_name="sitrep")


if __name__ == "__main__":
    main()
