"""Fixtures of the output tests (data in output_synthetic.py)."""

from __future__ import annotations

import pytest
from output_synthetic import make_run

from sitrep.model import RunResult


@pytest.fixture
def run() -> RunResult:
    return make_run()
