"""The crash test with the real Engine and resolver on a small corpus: kill, rerun, same as uninterrupted.

The corpus is made at run time from the project's own example articles (examples/articles), each
repeated under several ids with a distinguishing closing line, so that resolution merges reports
across documents as it does on real input.
"""

from __future__ import annotations

import json
import random
import signal
from pathlib import Path

import pytest
from crash_harness import canonical, check_consistent, ingest

from sitrep.errors import InputError

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "articles"
N_REAL = 24
SEED = 424_242


@pytest.fixture(scope="module")
def real_corpus(tmp_path_factory) -> Path:
    """N_REAL JSONL records built from the example articles."""
    from sitrep.ingest import read_inputs

    if not EXAMPLES.is_dir():
        pytest.skip(f"{EXAMPLES} is missing")
    articles = [a for a in read_inputs([EXAMPLES]) if not isinstance(a, InputError)]
    path = tmp_path_factory.mktemp("real") / "real.jsonl"
    with open(path, "w", encoding="utf-8") as fh:
        for k in range(N_REAL):
            a = articles[k % len(articles)]
            record = {"id": f"real-{k:03d}", "text": f"{a.text}\nCorrespondent report {k}.",
                      "outlet": a.outlet or f"Outlet {k % 3}",
                      "published": a.published.isoformat() if a.published else "2024-12-01"}
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


def test_real_engine_killed_twice_then_rerun_equals_uninterrupted(tmp_path, real_corpus) -> None:
    ref = f"sqlite:///{tmp_path / 'ref.db'}"
    res = ingest(ref, real_corpus, real_engine=True)
    if res.returncode != 0:
        pytest.fail(f"uninterrupted real-engine ingest failed: {res.stderr[-3000:]}")
    expected = canonical(ref)
    assert len(expected["documents"]) == N_REAL and expected["incidents"]
    db = f"sqlite:///{tmp_path / 'crash.db'}"
    rng = random.Random(SEED)
    for point in ({"kill_at_doc": rng.randint(3, N_REAL - 3)}, {"kill_at_stmt": rng.randint(4, 12)}):
        killed = ingest(db, real_corpus, real_engine=True, **point)
        assert killed.returncode == -signal.SIGKILL, (point, killed.stderr[-2000:])
        check_consistent(db)
    final = ingest(db, real_corpus, real_engine=True)
    assert final.returncode == 0, final.stderr[-3000:]
    assert canonical(db) == expected
