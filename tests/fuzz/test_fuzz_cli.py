"""End to end: a directory of hostile files through `sitrep extract` and `sitrep ingest` (real engine).

The good documents come out, every bad file or line is named in a clear error, the exit code is 1,
and nothing crashes or hangs (the subprocesses are bounded by a timeout).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

SITREP = [sys.executable, "-m", "sitrep.cli"]
TIMEOUT = 240
GOOD_1 = "Government forces shelled the town of Saraqib on Monday, killing three civilians, medics said."
GOOD_2 = "Clashes between the army and rebels near Homs on Tuesday killed two fighters, a monitor said."


@pytest.fixture(scope="module")
def hostile_dir(tmp_path_factory) -> Path:
    """Good articles among binary, empty, broken, nested, over-long and control-character files."""
    d = tmp_path_factory.mktemp("hostile")
    (d / "good.txt").write_text(GOOD_1, encoding="utf-8")
    (d / "empty.txt").write_bytes(b"")
    (d / "blank.jsonl").write_bytes(b"\xef\xbb\xbf\x0b\n\n")
    (d / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    (d / "nul.html").write_bytes(b"<html>\x00\x00\x00<body>x</body>")
    (d / "iframe.html").write_text("<iframe><html>", encoding="utf-8")
    (d / "nested.html").write_text("<div>" * 200 + f"<p>{GOOD_2}</p>", encoding="utf-8")
    (d / "deep.html").write_text("<div>" * 50_000 + f"<p>{GOOD_2}</p>", encoding="utf-8")  # past lxml's depth limit
    (d / "controls.txt").write_text(f"{GOOD_1}\x07 Then clashes erupted.\x0c", encoding="utf-8")
    (d / "binaryish.txt").write_text("Clashes\x1b[31m erupted\x07 in\x0b the \x7ftown.", encoding="utf-8")
    (d / "huge.txt").write_text("Shelling was reported in the town. " * 20_000, encoding="utf-8")  # 700,000 chars
    with open(d / "lines.jsonl", "w", encoding="utf-8") as fh:
        fh.write(json.dumps({"id": "line-good", "text": GOOD_2}) + "\n")
        fh.write('{"id": "broken", "text": \n')
        fh.write(json.dumps({"id": "megabyte", "text": "x " * 600_000}) + "\n")
        fh.write("[1, 2, 3]\n")
        fh.write(json.dumps({"id": "no-text"}) + "\n")
    (d / "notes.pdf").write_bytes(b"%PDF-1.4")
    return d


def _run(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "COLUMNS": "400"}  # one message per line
    return subprocess.run([*SITREP, *args], capture_output=True, text=True, timeout=TIMEOUT, check=False, env=env)


EXPECTED_ERRORS = ["empty.txt", "blank.jsonl", "image.txt", "nul.html", "iframe.html", "huge.txt", "deep.html",
                   "binaryish.txt", "lines.jsonl:2", "lines.jsonl:3", "lines.jsonl:4", "lines.jsonl:5"]
GOOD_IDS = {"good.txt", "line-good", "nested.html", "controls.txt"}


def test_extract_reports_every_bad_input_and_keeps_the_good(hostile_dir, tmp_path) -> None:
    out = tmp_path / "out.json"
    res = _run("extract", str(hostile_dir), "--format", "json", "-o", str(out), "--no-progress")
    assert res.returncode == 1, res.stderr[-3000:]
    assert "Traceback" not in res.stderr
    data = json.loads(out.read_text(encoding="utf-8"))
    assert {d["doc_id"] for d in data["documents"]} == GOOD_IDS
    assert data["incidents"]
    for where in EXPECTED_ERRORS:
        assert f"{where}:" in res.stderr, (where, res.stderr[-3000:])


def test_ingest_reports_every_bad_input_and_stores_the_good(hostile_dir, tmp_path) -> None:
    db = f"sqlite:///{tmp_path / 'hostile.db'}"
    res = _run("ingest", str(hostile_dir), "--db", db, "-q")
    assert res.returncode == 1, res.stderr[-3000:]
    assert "Traceback" not in res.stderr
    for where in EXPECTED_ERRORS:
        assert f"{where}:" in res.stderr, (where, res.stderr[-3000:])
    from sitrep.store import Store

    with Store(db) as store:
        assert set(store.document_index()) == GOOD_IDS
