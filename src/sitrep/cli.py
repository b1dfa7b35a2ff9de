"""The ``sitrep`` command line. Library errors are translated here, at the edge."""

from __future__ import annotations

import importlib
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from sitrep import __version__
from sitrep.errors import SitrepError

app = typer.Typer(
    name="sitrep",
    help="Turn news reports about armed conflict into a sourced, deduplicated, geocoded ACLED-style incident dataset.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
err = Console(stderr=True)


class Format(str, Enum):
    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    acled_csv = "acled-csv"
    geojson = "geojson"


class Level(str, Enum):
    incident = "incident"
    document = "document"


def _version(value: bool) -> None:
    if value:
        typer.echo(f"sitrep {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")] = False,
) -> None:
    """sitrep: conflict news in, ACLED-style incidents with evidence out."""


@app.command()
def extract(
    paths: Annotated[list[Path], typer.Argument(help="Article files (.txt, .html, .jsonl) and/or directories (read recursively).")],
    fmt: Annotated[Format, typer.Option("--format", "-f", help="Output format.")] = Format.json,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write here instead of standard output.")] = None,
    level: Annotated[Level, typer.Option(help="incident: merge reports across documents; document: one document per incident.")] = Level.incident,
    meta: Annotated[Path | None, typer.Option(help="JSONL of per-document metadata keyed by `doc` (outlet, published, url, title); wins over the documents' own.")] = None,
    progress: Annotated[bool, typer.Option(help="Show a progress bar on standard error.")] = True,
    workers: Annotated[int, typer.Option("--workers", "-j", min=1, help="Extraction processes (same output for any number).")] = 1,
    stream: Annotated[bool, typer.Option(help="Bounded memory for big corpora: results spill to a temporary file and incidents are resolved block by block (same output).")] = False,
    acled_aggregation: Annotated[bool, typer.Option(help="ACLED mode: one event per sides, place and day, the higher type in ACLED's hierarchy winning.")] = False,
) -> None:
    """Extract incidents from articles and write them (json, jsonl, csv, acled-csv, geojson)."""
    from sitrep.output import write_result
    from sitrep.pipeline import run, run_stream

    try:
        runner = run_stream if stream else run
        result = runner(
            paths, meta=meta, level=level.value, progress=progress and sys.stderr.isatty(), workers=workers,
            acled_aggregation=acled_aggregation,
        )
    except SitrepError as e:
        err.print(f"[red]error[/red] {e}")
        raise typer.Exit(2) from e
    for e in result.errors:
        err.print(f"[yellow]skipped[/yellow] {e}")
    if output is None:
        write_result(result, fmt.value, sys.stdout)
    else:
        output.parent.mkdir(parents=True, exist_ok=True)
        with output.open("w", encoding="utf-8", newline="") as fh:
            write_result(result, fmt.value, fh)
    err.print(
        f"{len(result.documents)} documents, {len(result.incidents)} incidents, "
        f"{len(result.aggregates)} aggregates, {len(result.errors)} failed inputs"
        + (f" → {output}" if output else "")
    )
    if result.errors:
        raise typer.Exit(1)


@app.command()
def framing(
    paths: Annotated[list[Path], typer.Argument(help="Article files and/or directories.")],
    meta: Annotated[Path | None, typer.Option(help="JSONL of per-document metadata keyed by `doc`.")] = None,
) -> None:
    """Print how each outlet/document labels each actor ("rebels", "jihadists", "regime forces")."""
    from rich.table import Table

    from sitrep.pipeline import run

    result = run(paths, meta=meta, level="incident")
    table = Table("actor", "document", "outlet", "labels")
    for f in sorted(result.framing, key=lambda f: (f.actor, f.doc_id)):
        table.add_row(f.actor, f.doc_id, f.outlet or "", "; ".join(f.labels))
    Console().print(table)


def _mount(module: str, name: str, help_text: str) -> None:
    """Attach a stage's own Typer app (gazetteer, eval, store ...) when that stage is installed."""
    try:
        sub = importlib.import_module(module).app
    except (ImportError, AttributeError):
        return
    app.add_typer(sub, name=name, help=help_text)


def _mount_commands(module: str) -> None:
    """Add the commands of a stage's Typer app at the top level (ingest, export, serve, report)."""
    try:
        sub = importlib.import_module(module).app
    except (ImportError, AttributeError):
        return
    for cmd in sub.registered_commands:
        app.registered_commands.append(cmd)


_mount("sitrep.geo.cli", "gazetteer", "Build, extend (GeoNames dumps) and query the gazetteer.")
_mount("sitrep.evaluate.cli", "eval", "Score sitrep against gold annotations and ACLED exports; the quality gate.")
_mount("sitrep.scale.cli", "scale", "Throughput and scale-out: extraction and resolution on a Dask cluster.")
_mount_commands("sitrep.store.cli")
_mount_commands("sitrep.api.cli")
_mount_commands("sitrep.report.cli")


if __name__ == "__main__":  # pragma: no cover
    app()
