"""Ingest stage: files and directories (.txt, .html/.htm, .jsonl) → Articles, bad inputs → InputErrors.

Public API:
- ``read_inputs(paths, *, meta=None, max_bytes=20_000_000, infer_dates=True, max_chars=500_000, time_budget=60.0)
  -> InputStream``
  (an ``Iterator[Article | InputError]`` with ``.skipped`` / ``.n_skipped`` / ``.articles`` / ``.errors``).
- ``load_meta(path) -> dict[str, dict]``: the --meta JSONL file (MetadataError on a broken line).
- ``parse_published(value) -> date | None``.
- ``infer_published(text) -> (date | None, evidence | None)``, ``infer_year(text)``, ``infer_publication(text)``.
"""

from sitrep.ingest.dates import parse_published
from sitrep.ingest.meta import MetaIndex, load_meta
from sitrep.ingest.pubdate import PubDateGuess, infer_publication, infer_published, infer_year
from sitrep.ingest.readers import READERS
from sitrep.ingest.stream import InputStream, apply_inferred_date, apply_meta, read_inputs

SUPPORTED_EXTENSIONS = tuple(sorted(READERS))

__all__ = [
    "SUPPORTED_EXTENSIONS",
    "InputStream",
    "MetaIndex",
    "PubDateGuess",
    "apply_inferred_date",
    "apply_meta",
    "infer_publication",
    "infer_published",
    "infer_year",
    "load_meta",
    "parse_published",
    "read_inputs",
]
