"""``sitrep eval``: score sitrep on the dev sets and gate on the pinned floors (Typer sub-app)."""

from __future__ import annotations

import json
from enum import Enum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from sitrep.errors import EvalError, SitrepError
from sitrep.evaluate.acled import read_acled_rows, sample_rows, score_acled
from sitrep.evaluate.gate import check, figures_of, flatten, load_baseline, passed, save_baseline, update_bounds
from sitrep.evaluate.runner import (
    DEFAULT_LIMIT,
    EvalReport,
    load_json,
    make_engine,
    run_acled,
    run_all,
    run_seeds,
    seeds_dir,
    shared_root,
)
from sitrep.evaluate.seeds import score_seeds

app = typer.Typer(
    help="Score sitrep against the dev sets (seeds gold, ACLED exports) and gate on the pinned floors.",
    no_args_is_help=True,
    add_completion=False,
)
out_console = Console()
err_console = Console(stderr=True)

SharedOpt = Annotated[
    Path | None,
    typer.Option("--shared", help="Shared dev-data directory (default: $SITREP_SHARED, else ../shared)."),
]
JsonOpt = Annotated[Path | None, typer.Option("--json", help="Also write the figures as JSON to this file.")]
LimitOpt = Annotated[
    int,
    typer.Option(
        "--limit",
        min=0,
        help="At most N rows per ACLED set, spread evenly over the file (row i*n//N); 0 = all rows.",
    ),
]


class SeedLevel(str, Enum):
    doc = "doc"
    incident = "incident"
    both = "both"


def _fmt(value: Any) -> str:
    return f"{value:.3f}" if isinstance(value, float) else str(value)


def _figures_table(title: str, figs: dict[str, Any]) -> Table:
    table = Table(title=title)
    table.add_column("metric")
    table.add_column("value", justify="right")
    for name, value in figs.items():
        if not isinstance(value, dict):
            table.add_row(name, _fmt(value))
    return table


def _confusion_table(title: str, confusion: dict[str, dict[str, Any]]) -> Table:
    table = Table(title=f"{title}: sub-event types (ACLED → sitrep)")
    for col in ("ACLED sub-event type", "n", "found", "correct", "most often predicted"):
        table.add_column(col, justify="left" if col.startswith(("ACLED", "most")) else "right")
    for sub, cell in sorted(confusion.items(), key=lambda kv: -kv[1]["n"]):
        top = ", ".join(f"{k} ({v})" for k, v in list(cell["predicted"].items())[:3])
        table.add_row(sub, str(cell["n"]), str(cell["found"]), str(cell["correct"]), top)
    return table


def _print_section(name: str, figs: dict[str, Any]) -> None:
    out_console.print(_figures_table(name, figs))
    if "sub_event_confusion" in figs:
        out_console.print(_confusion_table(name, figs["sub_event_confusion"]))


def _write_json(path: Path | None, data: dict[str, Any]) -> None:
    if path is not None:
        path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def _fail(err: SitrepError) -> typer.Exit:
    err_console.print(f"[red]{err}[/red]")
    return typer.Exit(code=2)


@app.command("seeds")
def seeds_cmd(
    shared: SharedOpt = None,
    level: Annotated[SeedLevel, typer.Option("--level", help="Document level, incident level, or both.")] = (
        SeedLevel.both
    ),
    from_output: Annotated[
        Path | None,
        typer.Option("--from-output", help="Score this saved `--format json` output instead of running sitrep."),
    ] = None,
    gold: Annotated[Path | None, typer.Option("--gold", help="Gold file (default: the seeds' gold.json).")] = None,
    json_out: JsonOpt = None,
) -> None:
    """Run sitrep on the seed articles and score it against their hand-made gold."""
    try:
        levels = ["doc", "incident"] if level is SeedLevel.both else [level.value]
        if from_output is not None and len(levels) > 1:
            raise EvalError("--from-output needs --level doc or --level incident")
        gold_path = gold or seeds_dir(shared_root(shared)) / "gold.json"
        figures: dict[str, Any] = {}
        engine = make_engine() if from_output is None else None
        for lv in levels:
            if from_output is not None:
                figures[f"seeds_{lv}"] = score_seeds(load_json(from_output), load_json(gold_path), level=lv)
            else:
                figures[f"seeds_{lv}"] = run_seeds(shared_root(shared), level=lv, engine=engine, gold=gold)
    except SitrepError as e:
        raise _fail(e) from e
    for name, figs in figures.items():
        _print_section(name, figs)
    _write_json(json_out, {"figures": figures})


@app.command("acled")
def acled_cmd(
    csv_path: Annotated[Path, typer.Argument(metavar="CSV", help="An ACLED export CSV (notes in, coding as gold).")],
    limit: LimitOpt = 0,
    from_output: Annotated[
        Path | None,
        typer.Option("--from-output", help="Score this saved `--format json` output instead of running sitrep."),
    ] = None,
    no_gazetteer: Annotated[
        bool, typer.Option("--no-gazetteer", help="Skip loc10km_known (which needs the gazetteer).")
    ] = False,
    json_out: JsonOpt = None,
) -> None:
    """Run sitrep on an ACLED CSV's notes (document level) and score it against ACLED's coding."""
    gazetteer: Any = False if no_gazetteer else None
    try:
        if from_output is not None:
            rows = sample_rows(read_acled_rows(csv_path), limit or None)
            figs = score_acled(load_json(from_output), rows, gazetteer=gazetteer)
        else:
            figs = run_acled(csv_path, limit=limit or None, engine=make_engine(), gazetteer=gazetteer).figures
    except SitrepError as e:
        raise _fail(e) from e
    _print_section(csv_path.parent.name or csv_path.name, figs)
    _write_json(json_out, {"figures": {"acled": figs}})


def _run_report(shared: Path | None, limit: int) -> EvalReport:
    report = run_all(shared_root(shared), limit=limit or None)
    for section, message in report.errors.items():
        err_console.print(f"[yellow]{section}: {message}[/yellow]")
    return report


@app.command("all")
def all_cmd(shared: SharedOpt = None, limit: LimitOpt = DEFAULT_LIMIT, json_out: JsonOpt = None) -> None:
    """Seeds at both levels plus the ACLED Syria, Kenya and Afghanistan notes."""
    try:
        report = _run_report(shared, limit)
    except SitrepError as e:
        raise _fail(e) from e
    for name, figs in report.figures.items():
        _print_section(name, figs)
    _write_json(json_out, report.to_dict())


def _gate_table(rows: list, title: str) -> Table:
    table = Table(title=title)
    for col in ("metric", "figure", "bound", "status"):
        table.add_column(col, justify="right" if col in ("figure", "bound") else "left")
    colour = {"ok": "green", "below": "red", "above": "red", "missing": "yellow"}
    for r in rows:
        bound = f"{'≥' if r.kind == 'floor' else '≤'} {_fmt(r.bound)}"
        figure = "—" if r.figure is None else _fmt(r.figure)
        table.add_row(r.metric, figure, bound, f"[{colour[r.status]}]{r.status}[/{colour[r.status]}]")
    return table


@app.command("gate")
def gate_cmd(
    baseline: Annotated[
        Path, typer.Option("--baseline", help="Floors file: {'floors': {'section.metric': x}, 'ceilings': {...}}.")
    ] = Path("eval/baseline.json"),
    shared: SharedOpt = None,
    limit: Annotated[
        int | None,
        typer.Option("--limit", min=0, help="Rows per ACLED set (default: the baseline's 'limit', else 1000)."),
    ] = None,
    figures_file: Annotated[
        Path | None,
        typer.Option("--figures", help="Use figures saved by `sitrep eval all --json` instead of running."),
    ] = None,
    update_floors: Annotated[
        bool,
        typer.Option("--update-floors", help="Raise floors to the current figures (rounded down); never lower."),
    ] = False,
    add_missing: Annotated[
        bool, typer.Option("--add-missing", help="With --update-floors: also pin metrics that have no floor yet.")
    ] = False,
    allow_missing: Annotated[
        bool, typer.Option("--allow-missing", help="A metric without a figure is a warning, not a failure.")
    ] = False,
    json_out: JsonOpt = None,
) -> None:
    """Run everything (or read --figures) and exit 1 if any metric falls below its floor."""
    try:
        bl = load_baseline(baseline)
        if figures_file is not None:
            data = load_json(figures_file)
        else:
            rows_cap = limit if limit is not None else int(getattr(bl, "limit", DEFAULT_LIMIT) or 0)
            data = _run_report(shared, rows_cap).to_dict()
        flat = flatten(figures_of(data))
        if update_floors:
            bl, changes = update_bounds(bl, flat, add_missing=add_missing)
            save_baseline(baseline, bl)
            for metric, old, new in changes:
                out_console.print(f"{metric}: {'—' if old is None else _fmt(old)} → {_fmt(new)}")
            if not changes:
                out_console.print("no floor raised")
    except SitrepError as e:
        raise _fail(e) from e
    rows = check(flat, bl)
    ok = passed(rows, allow_missing=allow_missing)
    out_console.print(_gate_table(rows, f"eval gate ({baseline})"))
    out_console.print("[green]gate passed[/green]" if ok else "[red]gate FAILED[/red]")
    gate = [{"metric": r.metric, "figure": r.figure, "bound": r.bound, "kind": r.kind, "status": r.status} for r in rows]
    _write_json(json_out, {**data, "gate": {"passed": ok, "rows": gate}})
    if not ok:
        raise typer.Exit(code=1)


if __name__ == "__main__":
    app()
