"""The HTTP service: ``create_app(db)`` builds the FastAPI app (API under /api/, web app at /, docs at /docs)."""

from __future__ import annotations

from typing import Any


def __getattr__(name: str) -> Any:
    """``create_app`` is imported on first use (the CLI must not pay for FastAPI at start)."""
    if name == "create_app":
        from sitrep.api.app import create_app

        return create_app
    raise AttributeError(f"module 'sitrep.api' has no attribute {name!r}")


__all__ = ["create_app"]
