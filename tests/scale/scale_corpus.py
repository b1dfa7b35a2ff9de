"""Corpora of the scale tests: our examples plus, when present, a sample of the dev sets read at run
time from ../shared (never copied into the repository)."""

from __future__ import annotations

import os
from pathlib import Path

from sitrep.errors import InputError
from sitrep.model import Article

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
SHARED = Path(os.environ.get("SITREP_SHARED") or ROOT.parent / "shared")
CORPUS = SHARED / "corpus"
ACLED_SAMPLE = {"acled-syria-2020": 313, "acled-afghanistan-2020": 200, "acled-kenya-2004-2019": 250}
"""Rows per ACLED set used by the resolution tests (evenly spread over each file)."""


def example_articles() -> list[Article]:
    """The bundled examples with their metadata."""
    from sitrep.ingest import read_inputs

    items = read_inputs([EXAMPLES / "articles"], meta=EXAMPLES / "meta.jsonl")
    return [a for a in items if not isinstance(a, InputError)]


def dev_articles(*, per_set: dict[str, int] | None = None) -> list[Article]:
    """Seeds (with their meta) and evenly sampled ACLED notes, or [] when ../shared is missing."""
    if not CORPUS.is_dir():
        return []
    from sitrep.evaluate.acled import read_acled_rows, rows_to_articles, sample_rows
    from sitrep.ingest import read_inputs

    out: list[Article] = []
    seeds = CORPUS / "seeds"
    if seeds.is_dir():
        items = read_inputs(sorted(seeds.glob("*.txt")), meta=seeds / "meta.jsonl")
        out.extend(a for a in items if not isinstance(a, InputError))
    for name, n in (per_set or ACLED_SAMPLE).items():
        path = CORPUS / name / "events.csv"
        if path.exists():
            out.extend(rows_to_articles(sample_rows(read_acled_rows(path), n), path=str(path)))
    return out
