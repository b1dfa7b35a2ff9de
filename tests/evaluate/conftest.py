"""Fixtures of the evaluation tests (data in eval_synthetic.py)."""

from __future__ import annotations

from types import ModuleType

import pytest
from eval_synthetic import GOLD, load_reference


@pytest.fixture
def gold() -> dict:
    return GOLD


@pytest.fixture(scope="session")
def reference() -> ModuleType:
    """The reference scorer (score.py) as a module; skips when it is not available."""
    module = load_reference()
    if module is None:
        pytest.skip("reference scorer not available")
    return module
