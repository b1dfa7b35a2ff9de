"""Fixtures of the reliability tests: the synthetic corpus and database URLs (SQLite; PostgreSQL when configured)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic_corpus import N_DOCS, write_corpus  # noqa: E402


@pytest.fixture(scope="session")
def corpus(tmp_path_factory) -> Path:
    """The 10,000-document synthetic corpus (one JSONL file)."""
    return write_corpus(tmp_path_factory.mktemp("corpus") / "all.jsonl", range(N_DOCS))


@pytest.fixture(scope="session")
def small_corpus(tmp_path_factory) -> Path:
    """The first 2,000 documents of the corpus (for tests that ingest many times)."""
    return write_corpus(tmp_path_factory.mktemp("small") / "small.jsonl", range(2000))


@pytest.fixture(scope="session")
def halves(tmp_path_factory) -> tuple[Path, Path]:
    """Two overlapping parts of the corpus (0-6999 and 3000-9999) for concurrent ingests."""
    d = tmp_path_factory.mktemp("halves")
    return write_corpus(d / "a.jsonl", range(0, 7000)), write_corpus(d / "b.jsonl", range(3000, N_DOCS))


@pytest.fixture(scope="session")
def reference_db(tmp_path_factory, corpus) -> str:
    """A SQLite database after one uninterrupted ingest of the whole corpus."""
    from crash_harness import ingest

    db = f"sqlite:///{tmp_path_factory.mktemp('ref') / 'ref.db'}"
    res = ingest(db, corpus)
    assert res.returncode == 0, res.stderr
    return db


@pytest.fixture(scope="session")
def reference(reference_db) -> dict:
    """The stored state of one uninterrupted ingest of the whole corpus."""
    from crash_harness import canonical

    return canonical(reference_db)
