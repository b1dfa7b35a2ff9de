"""The evaluation gate: figures vs the pinned floors of ``eval/baseline.json``; floors only ever go up.

Baseline file: ``{"floors": {"seeds_doc.recall_required": 0.85, ...}, "ceilings": {...}, ...}``.
A metric key is ``section.metric`` (sections: seeds_doc, seeds_incident, acled_syria, acled_kenya,
acled_afghanistan). ``floors`` are minimums; ``ceilings`` are maximums for lower-is-better counts
(``seeds_incident.false_contradictions``). ``update_bounds`` raises floors to the current figure
rounded DOWN to 2 decimals (and lowers ceilings to the figure rounded up), never the other way;
lowering a floor is a deliberate edit of the file.
"""

from __future__ import annotations

import json
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, ValidationError

from sitrep.errors import EvalError

LOWER_IS_BETTER = frozenset({"mixed_year_incidents", "false_contradictions"})
"""Metrics where smaller is better: bounded by ceilings."""
CENT = Decimal("0.01")
COUNTS = frozenset({"n", "n_pred", "n_known"})
"""Sizes, not quality: never bounded by ``--add-missing``."""
Status = Literal["ok", "below", "above", "missing"]


class Baseline(BaseModel):
    """``eval/baseline.json``: per-metric floors and ceilings (other keys are kept as they are)."""

    model_config = ConfigDict(extra="allow")

    floors: dict[str, float] = {}
    ceilings: dict[str, float] = {}


@dataclass(slots=True, frozen=True)
class GateRow:
    """One bounded metric: its figure, its bound and whether it holds."""

    metric: str
    figure: float | None
    bound: float
    kind: Literal["floor", "ceiling"]
    status: Status


def flatten(figures: dict[str, dict[str, Any]]) -> dict[str, float]:
    """``{section: {metric: value}}`` → ``{"section.metric": value}`` for numeric values only."""
    flat: dict[str, float] = {}
    for section, figs in figures.items():
        for name, value in figs.items():
            if isinstance(value, int | float) and not isinstance(value, bool):
                flat[f"{section}.{name}"] = value
    return flat


def figures_of(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The per-section figures of an ``eval all --json`` file (or of a bare figures dict)."""
    return data["figures"] if isinstance(data.get("figures"), dict) else data


def load_baseline(path: str | Path) -> Baseline:
    """Read and validate a baseline file."""
    try:
        return Baseline.model_validate(json.loads(Path(path).read_text(encoding="utf-8")))
    except (OSError, ValueError, ValidationError) as e:
        raise EvalError(f"cannot read baseline: {e}", path=str(path)) from e


def save_baseline(path: str | Path, baseline: Baseline) -> None:
    """Write a baseline file (stable key order, trailing newline)."""
    data = baseline.model_dump()
    data["floors"] = dict(sorted(baseline.floors.items()))
    data["ceilings"] = dict(sorted(baseline.ceilings.items()))
    Path(path).write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def floor2(x: float) -> float:
    """Round down to 2 decimals on the shortest decimal form (0.29 stays 0.29; never above ``x``)."""
    return float(Decimal(repr(x)).quantize(CENT, rounding=ROUND_FLOOR))


def ceil2(x: float) -> float:
    """Round up to 2 decimals on the shortest decimal form (never below ``x``)."""
    return float(Decimal(repr(x)).quantize(CENT, rounding=ROUND_CEILING))


def check(flat: dict[str, float], baseline: Baseline) -> list[GateRow]:
    """Every bounded metric with its status (a metric without a figure is ``missing``)."""
    rows = []
    for metric, bound in baseline.floors.items():
        fig = flat.get(metric)
        status: Status = "missing" if fig is None else ("ok" if fig >= bound else "below")
        rows.append(GateRow(metric, fig, bound, "floor", status))
    for metric, bound in baseline.ceilings.items():
        fig = flat.get(metric)
        status = "missing" if fig is None else ("ok" if fig <= bound else "above")
        rows.append(GateRow(metric, fig, bound, "ceiling", status))
    return sorted(rows, key=lambda r: r.metric)


def passed(rows: list[GateRow], *, allow_missing: bool = False) -> bool:
    """True when no metric breaks its bound (and none is missing, unless allowed)."""
    bad = {"below", "above"} if allow_missing else {"below", "above", "missing"}
    return not any(r.status in bad for r in rows)


def update_bounds(
    baseline: Baseline, flat: dict[str, float], *, add_missing: bool = False
) -> tuple[Baseline, list[tuple[str, float | None, float]]]:
    """Tighten bounds to the current figures (floors up, ceilings down, never loosened).

    With ``add_missing``, metrics that have no bound yet get one at the current figure.
    Returns the new baseline and the changes as (metric, old bound or None, new bound).
    """
    floors, ceilings = dict(baseline.floors), dict(baseline.ceilings)
    changes: list[tuple[str, float | None, float]] = []
    for metric, fig in flat.items():
        name = metric.rsplit(".", 1)[-1]
        if metric in floors:
            new = floor2(fig)
            if new > floors[metric]:
                changes.append((metric, floors[metric], new))
                floors[metric] = new
        elif metric in ceilings:
            new = ceil2(fig)
            if new < ceilings[metric]:
                changes.append((metric, ceilings[metric], new))
                ceilings[metric] = new
        elif add_missing and name not in COUNTS:
            target = ceilings if name in LOWER_IS_BETTER else floors
            target[metric] = ceil2(fig) if name in LOWER_IS_BETTER else floor2(fig)
            changes.append((metric, None, target[metric]))
    updated = baseline.model_copy(update={"floors": floors, "ceilings": ceilings})
    return updated, changes
