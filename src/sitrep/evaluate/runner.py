"""Running sitrep on the dev sets and scoring it: seeds (both levels) and the ACLED note sets.

The dev sets are found under the ``shared`` directory: an explicit path, else ``$SITREP_SHARED``,
else ``../shared`` relative to the working directory. ACLED sets larger than ``limit`` rows are
sampled deterministically (row i*n//limit for i < limit: evenly spread over the whole file).
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sitrep.errors import EvalError, SitrepError
from sitrep.evaluate.acled import read_acled_rows, rows_to_articles, sample_rows, score_acled
from sitrep.evaluate.seeds import Level, score_seeds
from sitrep.model import Article, RunResult
from sitrep.output.serialize import run_to_dict

SHARED_ENV = "SITREP_SHARED"
ACLED_SETS: dict[str, str] = {
    "acled_syria": "acled-syria-2020",
    "acled_kenya": "acled-kenya-2004-2019",
    "acled_afghanistan": "acled-afghanistan-2020",
}
"""Figure section name -> directory under ``corpus/`` holding ``events.csv``."""
DEFAULT_LIMIT = 1000
"""Default row cap per ACLED set for ``eval all`` / ``eval gate`` (Kenya's 5,725 notes → 1,000)."""
PIPELINE_LEVEL = {"doc": "document", "document": "document", "incident": "incident"}


def shared_root(shared: str | Path | None = None) -> Path:
    """The shared dev-data directory (explicit, ``$SITREP_SHARED`` or ``../shared``); must exist."""
    root = Path(shared or os.environ.get(SHARED_ENV) or Path.cwd().parent / "shared")
    if not (root / "corpus").is_dir():
        raise EvalError(f"no corpus/ under the shared directory {root} (use --shared or ${SHARED_ENV})")
    return root


def seeds_dir(shared: Path) -> Path:
    """The seeds directory (articles, meta.jsonl, gold.json)."""
    return shared / "corpus" / "seeds"


def acled_csv(shared: Path, section: str) -> Path:
    """The events.csv of one ACLED set."""
    return shared / "corpus" / ACLED_SETS[section] / "events.csv"


def load_json(path: str | Path) -> Any:
    """A JSON file's content, with a domain error when unreadable."""
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        raise EvalError(f"cannot read JSON: {e}", path=str(path)) from e


def make_engine() -> Any:
    """One shared pipeline engine for all runs, or None when the pipeline has no Engine (yet)."""
    try:
        from sitrep.pipeline import Engine
    except ImportError:
        return None
    try:
        return Engine()
    except ImportError as e:
        raise EvalError(f"the pipeline engine cannot be built: {e}") from e


def pipeline_run(inputs: Sequence[Path | Article], *, meta: Path | None, level: str, engine: Any) -> RunResult:
    """``sitrep.pipeline.run`` with a clear error when the pipeline is not there."""
    try:
        from sitrep.pipeline import run
    except ImportError as e:
        raise EvalError("the pipeline (sitrep.pipeline.run) is not available") from e
    return run(list(inputs), meta=meta, level=level, engine=engine, progress=False)


def run_seeds(shared: Path, *, level: Level, engine: Any = None, gold: Path | None = None) -> dict[str, Any]:
    """Run sitrep on the seed articles (with their meta.jsonl) and score against gold.json (or ``gold``)."""
    d = seeds_dir(shared)
    articles = sorted(d.glob("*.txt"))
    if not articles:
        raise EvalError("no seed articles (*.txt)", path=str(d))
    meta = d / "meta.jsonl"
    result = pipeline_run(articles, meta=meta if meta.exists() else None, level=PIPELINE_LEVEL[level], engine=engine)
    return score_seeds(run_to_dict(result), load_json(gold or d / "gold.json"), level=level)


@dataclass(slots=True)
class AcledRun:
    """Figures of one ACLED set plus how they were obtained."""

    figures: dict[str, Any]
    rows: int
    of: int


def run_acled(path: Path, *, limit: int | None = None, engine: Any = None, gazetteer: Any = None) -> AcledRun:
    """Run sitrep on an ACLED CSV's notes (document level) and score against ACLED's coding."""
    all_rows = read_acled_rows(path)
    rows = sample_rows(all_rows, limit)
    result = pipeline_run(rows_to_articles(rows, path=str(path)), meta=None, level="document", engine=engine)
    return AcledRun(score_acled(run_to_dict(result), rows, gazetteer=gazetteer), len(rows), len(all_rows))


@dataclass(slots=True)
class EvalReport:
    """Everything ``eval all`` measured: figures per section, run details, and sections that failed."""

    figures: dict[str, dict[str, Any]] = field(default_factory=dict)
    runs: dict[str, dict[str, Any]] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """JSON form (what ``--json FILE`` writes and ``gate --figures FILE`` reads)."""
        return {"figures": self.figures, "runs": self.runs, "errors": self.errors}


def run_all(shared: Path, *, limit: int | None = DEFAULT_LIMIT, engine: Any = None) -> EvalReport:
    """Seeds at both levels and every ACLED set found; a failing section is recorded, not fatal."""
    report = EvalReport()
    try:
        engine = engine if engine is not None else make_engine()
    except SitrepError as e:
        report.errors = {name: str(e) for name in ("seeds_doc", "seeds_incident", *ACLED_SETS)}
        return report
    for level in ("doc", "incident"):
        section = f"seeds_{level}"
        t0 = time.perf_counter()
        try:
            report.figures[section] = run_seeds(shared, level=level, engine=engine)
        except SitrepError as e:
            report.errors[section] = str(e)
        report.runs[section] = {"seconds": round(time.perf_counter() - t0, 2)}
    for section in ACLED_SETS:
        path = acled_csv(shared, section)
        if not path.exists():
            report.errors[section] = f"missing {path}"
            continue
        t0 = time.perf_counter()
        try:
            got = run_acled(path, limit=limit, engine=engine)
        except SitrepError as e:
            report.errors[section] = str(e)
            continue
        report.figures[section] = got.figures
        report.runs[section] = {"rows": got.rows, "of": got.of, "seconds": round(time.perf_counter() - t0, 2)}
    return report
