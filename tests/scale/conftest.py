"""Fixtures of the scale tests: one fast Engine, the corpus of scale_corpus.py and its extraction results."""

from __future__ import annotations

import pytest
from scale_corpus import dev_articles, example_articles

from sitrep.model import Article


@pytest.fixture(scope="session")
def engine():
    """The default (fast) Engine."""
    from sitrep.pipeline import Engine

    return Engine()


@pytest.fixture(scope="session")
def corpus() -> list[Article]:
    """Examples plus the dev-set sample."""
    return example_articles() + dev_articles()


@pytest.fixture(scope="session")
def results(engine, corpus):
    """Extraction results of the corpus."""
    return [engine.process(a) for a in corpus]
