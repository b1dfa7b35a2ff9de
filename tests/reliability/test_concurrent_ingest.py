"""Two `sitrep ingest` processes at once against the same database (SQLite and PostgreSQL) stay consistent.

The two inputs overlap (documents 3000-6999 are in both), so both processes extract and save the same
documents while the other one commits and resolves. Both must succeed, and the store must end with
every document once and the incidents of one uninterrupted ingest of everything.
"""

from __future__ import annotations

import os

from crash_harness import canonical, check_consistent, start, wait_all
from synthetic_corpus import N_DOCS


def test_two_ingests_at_once_end_consistent(db_url, halves, reference_db) -> None:
    from sitrep.store import Store

    Store(db_url).close()  # both processes then find the schema; opening races are tested below
    env = {**os.environ, "SITREP_KILL_AT_DOC": "0", "SITREP_KILL_AT_STMT": "0"}
    results = wait_all([start(db_url, halves[0], env=env), start(db_url, halves[1], env=env)])
    for res in results:
        assert res.returncode == 0, res.stderr[-3000:]
    check_consistent(db_url)
    # which input file (path, line) a shared document is recorded from depends on who saved it first
    where = {"documents": {"path", "line"}}
    state = canonical(db_url, ignore=where)
    assert len(state["documents"]) == N_DOCS
    assert state == canonical(reference_db, ignore=where)


def test_two_ingests_racing_to_create_the_schema(db_url, small_corpus) -> None:
    env = {**os.environ, "SITREP_KILL_AT_DOC": "0", "SITREP_KILL_AT_STMT": "0"}
    results = wait_all([start(db_url, small_corpus, env=env) for _ in range(2)])
    for res in results:
        assert res.returncode == 0, res.stderr[-3000:]
    assert check_consistent(db_url)["documents"] == 2000
