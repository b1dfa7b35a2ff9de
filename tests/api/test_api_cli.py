"""`serve`: help, and a real uvicorn process answering on localhost."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time

import httpx
from typer.testing import CliRunner

from sitrep.api.cli import app
from sitrep.store import Ingestor, Store
from sitrep.store.testing import FakeEngine, sample_specs, toy_resolve


def test_help() -> None:
    res = CliRunner().invoke(app, ["serve", "--help"])
    assert res.exit_code == 0 and "--port" in res.output and "--db" in res.output


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_serve_process(tmp_path) -> None:
    url = f"sqlite:///{tmp_path / 'serve.db'}"
    specs = sample_specs()
    with Store(url) as store:
        Ingestor(store, engine=FakeEngine(specs), resolver=toy_resolve).run([s.article() for s in specs])
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k != "SITREP_API_TOKEN"}
    code = "from sitrep.api.cli import app; app()"
    proc = subprocess.Popen(
        [sys.executable, "-c", code, "serve", "--db", url, "--port", str(port)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 30
        while True:
            try:
                res = httpx.get(base + "/api/incidents", timeout=2)
                break
            except httpx.TransportError:
                assert proc.poll() is None and time.monotonic() < deadline, "server did not start"
                time.sleep(0.2)
        assert res.status_code == 200 and res.json()["total"] == 4
        assert httpx.get(base + "/", timeout=5).status_code == 200
        assert httpx.post(base + "/api/documents", json={"id": "x", "text": "y"}, timeout=5).status_code == 403
    finally:
        proc.terminate()
        out, _ = proc.communicate(timeout=15)
    assert "POST /api/documents disabled" in out
