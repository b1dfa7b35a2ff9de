"""Shared fixtures: the compiled gazetteer is built once (in the default data dir) and shared."""

from __future__ import annotations

import pytest

from sitrep.geo import Gazetteer, Geocoder


@pytest.fixture(scope="session")
def gazetteer() -> Gazetteer:
    """The default gazetteer (built on first use)."""
    return Gazetteer.default()


@pytest.fixture(scope="session")
def geocoder(gazetteer: Gazetteer) -> Geocoder:
    """A geocoder on the default gazetteer."""
    return Geocoder(gazetteer)


@pytest.fixture(scope="session")
def resolve(geocoder: Geocoder):
    """Resolve every toponym of a text, with the text itself as document context."""

    def _resolve(text: str, *, context_text: str | None = None):
        ctx = geocoder.document_context(context_text if context_text is not None else text)
        return geocoder.find_places(text, 0, len(text), context=ctx)

    return _resolve
