"""Fuzz tests: the real Engine (loaded once); settings profiles live in fuzz_support (env SITREP_FUZZ_PROFILE)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))


@pytest.fixture(scope="session")
def engine():
    """The real extraction Engine (skipped when it cannot be built here)."""
    from sitrep.errors import SitrepError
    from sitrep.pipeline import Engine

    try:
        return Engine()
    except (SitrepError, ImportError, OSError) as e:
        pytest.skip(f"the Engine cannot be built: {e}")
