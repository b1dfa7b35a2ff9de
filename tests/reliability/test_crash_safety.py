"""SIGKILL `sitrep ingest` at seeded random points of a 10,000-document run; rerun; same state as no crash.

The kill points are drawn from a seeded generator: inside document processing (the N-th document),
before the N-th SQL statement (inside a batch commit, the migration, or the replacement of the
resolved tables) and from outside after a random delay. After every kill the database must be intact
(no duplicate document, no source without its incident, resolution never ahead of the documents);
after the final rerun it must hold every document once and exactly the incidents, sources,
contradictions and framing of an uninterrupted run (timestamps aside).
"""

from __future__ import annotations

import json
import random
import signal

import pytest
from crash_harness import canonical, check_consistent, copy_sqlite, ingest, statements
from synthetic_corpus import N_DOCS

SEED = 20_261_121
STATEMENTS_PER_RUN = 580  # SQL statements of a full 10,000-document run (migration, 50 commits, resolution)


def _kill_plan(rng: random.Random) -> list[dict]:
    """Where to kill: early (migration/first commits), mid-processing, inside any statement, from outside."""
    return [
        {"kill_at_stmt": rng.randint(1, 30)},
        {"kill_at_doc": rng.randint(1, N_DOCS // 2)},
        {"kill_at_stmt": rng.randint(30, STATEMENTS_PER_RUN // 2)},
        {"kill_after": rng.uniform(1.5, 3.0)},
        {"kill_at_stmt": rng.randint(2, 40)},  # on a rerun: inside its commits or its resolution
    ]


def test_sigkill_at_random_points_then_rerun_converges(db_url, corpus, reference) -> None:
    rng = random.Random(SEED)
    killed, stored = 0, []
    for point in _kill_plan(rng):
        res = ingest(db_url, corpus, **point)
        if res.returncode == -signal.SIGKILL:
            killed += 1
        else:  # the run finished before its kill point: nothing to check but success
            assert res.returncode == 0, (point, res.stderr[-2000:])
        stored.append(check_consistent(db_url)["documents"])
    assert killed >= 4, f"only {killed} runs were actually killed"
    assert stored == sorted(stored)  # committed documents are never lost
    final = ingest(db_url, corpus)
    assert final.returncode == 0, final.stderr[-2000:]
    state = canonical(db_url)
    assert len(state["documents"]) == N_DOCS
    assert state == reference


RESOLVED = ("incidents", "sources", "aggregates", "contradictions", "contradiction_claims",
            "contradiction_incidents", "framing")


def test_kill_inside_resolution_keeps_previous_incidents_then_recovers(tmp_path, small_corpus) -> None:
    base = f"sqlite:///{tmp_path / 'base.db'}"
    assert ingest(base, small_corpus).returncode == 0
    before = canonical(base)
    update = tmp_path / "update.jsonl"
    update.write_text(
        json.dumps({"id": "doc-00000", "text": "Shelling hit Aleppo on 2024-01-02. 5 people were killed, medics said.",
                    "outlet": "Daily Ledger", "published": "2024-03-02"}) + "\n"
        + json.dumps({"id": "doc-extra", "text": "Clashes near Homs on 2024-01-03. 2 people were killed.",
                      "outlet": "Wire Service", "published": "2024-03-02"}) + "\n",
        encoding="utf-8",
    )
    log = tmp_path / "statements.log"
    clean = copy_sqlite(base, tmp_path / "clean.db")
    assert ingest(clean, update, stmt_log=log).returncode == 0
    expected = canonical(clean)
    stmts = statements(log)
    first = next(i for i, s in enumerate(stmts) if s.startswith("DELETE FROM"))  # the resolution's transaction
    last = max(i for i, s in enumerate(stmts) if s.startswith("INSERT INTO"))
    rng = random.Random(SEED)
    for n, k in enumerate(sorted(rng.sample(range(first, last + 1), 3))):
        db = copy_sqlite(base, tmp_path / f"killed-{n}.db")
        res = ingest(db, update, kill_at_stmt=k + 1)
        assert res.returncode == -signal.SIGKILL, res.stderr[-2000:]
        check_consistent(db)
        state = canonical(db)
        assert all(state[t] == before[t] for t in RESOLVED), f"resolution half-replaced at statement {k + 1}"
        assert ("dirty", "1") in state["store_info"] and len(state["documents"]) == 2001
        assert ingest(db, update).returncode == 0  # everything unchanged: resolves because the store is dirty
        assert canonical(db) == expected


@pytest.mark.parametrize("seed", [1, 2])
def test_kill_inside_batch_commit_loses_only_that_batch(tmp_path, corpus, seed) -> None:
    db = f"sqlite:///{tmp_path / 'batch.db'}"
    rng = random.Random(SEED + seed)
    res = ingest(db, corpus, kill_at_stmt=rng.randint(60, 300))
    assert res.returncode == -signal.SIGKILL
    info = check_consistent(db)
    assert 0 < info["documents"] < N_DOCS
    assert info["documents"] % 200 == 0  # whole batches only: a batch is one transaction
