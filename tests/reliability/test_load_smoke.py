"""The load-test harness still works: a small database, 20 clients for a few seconds, no errors.

Not a benchmark (latency is not asserted: no timed unit tests); the real load test is the documented
command in docs/reliability.md (bench/load/run.py, 200 clients, 60 s, 100,000 incidents).
"""

from __future__ import annotations

import json
import socket
import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parents[2] / "bench" / "load"


def test_load_harness_runs_clean(tmp_path) -> None:
    db = f"sqlite:///{tmp_path / 'load.db'}"
    made = subprocess.run([sys.executable, str(BENCH / "make_db.py"), "--db", db, "--incidents", "3000",
                           "--documents", "1000"], capture_output=True, text=True, timeout=300, check=False)
    assert made.returncode == 0, made.stderr[-2000:]
    out = tmp_path / "load.json"
    with socket.socket() as sock:  # a free port on loopback
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    res = subprocess.run([sys.executable, str(BENCH / "run.py"), "--db", db, "--clients", "20", "--duration", "4",
                          "--think", "0.05,0.2", "--port", str(port), "--target-p95-ms", "1e9", "--json", str(out)],
                         capture_output=True, text=True, timeout=300, check=False)
    assert res.returncode == 0, (res.stdout[-2000:], res.stderr[-2000:])
    figures = json.loads(out.read_text(encoding="utf-8"))
    assert figures["errors"] == 0 and figures["requests"] > 50
    assert set(figures["by_kind"]) >= {"listing", "incident", "document", "map", "static"}
