"""Typer commands of the store: ``ingest`` and ``export`` (mount with ``app.add_typer(store.cli.app)``)."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, TextIO

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from sitrep.errors import SitrepError
from sitrep.store import adapter
from sitrep.store.urls import default_url, redact_url

if TYPE_CHECKING:
    from sitrep.store.db import Store
    from sitrep.store.ingest import IngestSummary

app = typer.Typer(no_args_is_help=True, add_completion=False, help="Store articles and export what is stored.")
err = Console(stderr=True)

DbOption = Annotated[
    str,
    typer.Option(
        "--db",
        help="Database URL: sqlite:///PATH or postgresql://USER:PASS@HOST/DB (env SITREP_DB).",
        default_factory=default_url,
        show_default="sqlite:///sitrep.db",
    ),
]


def parse_date(value: str | None, *, name: str) -> date | None:
    """ISO date from an option value (BadParameter when malformed)."""
    if value is None or value == "":
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as e:
        raise typer.BadParameter(f"{value!r} is not an ISO date (YYYY-MM-DD)", param_hint=name) from e


def open_store(db: str) -> Store:
    """Open a store or exit with a message."""
    from sitrep.store.db import Store

    try:
        return Store(db)
    except SitrepError as e:
        err.print(f"[red]error:[/] {escape(str(e))}")
        raise typer.Exit(2) from e


@contextmanager
def output_stream(path: Path | None) -> Iterator[TextIO]:
    """The file to write (UTF-8, newline as written) or stdout."""
    if path is None or str(path) == "-":
        yield sys.stdout
        return
    with open(path, "w", encoding="utf-8", newline="") as fh:
        yield fh


def _progress() -> Progress:
    """Rich progress on stderr (no total: inputs are streamed)."""
    return Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[status]}"),
        TimeElapsedColumn(),
        console=err,
        transient=False,
    )


def print_summary(summary: IngestSummary, console: Console = err) -> None:
    """The ingestion summary table and the list of failed inputs."""
    table = Table(title="sitrep ingest", show_header=True)
    for col in ("new", "updated", "unchanged", "failed", "incidents", "aggregates", "contradictions"):
        table.add_column(col, justify="right")
    table.add_row(
        *(
            str(v)
            for v in (
                summary.new,
                summary.updated,
                summary.unchanged,
                summary.failed,
                summary.incidents,
                summary.aggregates,
                summary.contradictions,
            )
        )
    )
    console.print(table)
    console.print(
        f"documents: {summary.new} new, {summary.updated} updated, {summary.unchanged} unchanged, "
        f"{summary.failed} failed; {summary.incidents} incidents",
        highlight=False,
        soft_wrap=True,
    )
    if not summary.resolved:
        console.print("nothing changed: incidents were not re-resolved")
    for f in summary.failures:
        detail = escape(f"{f.where()}: [{f.code}] {f.message}")
        console.print(f"[red]failed[/] {detail}", highlight=False, soft_wrap=True)


@app.command()
def ingest(
    paths: Annotated[list[str], typer.Argument(help="Files and directories (.txt, .html, .jsonl), recursively.")],
    db: DbOption,
    meta: Annotated[str | None, typer.Option("--meta", help="Per-document metadata (.jsonl keyed by 'doc').")] = None,
    level: Annotated[
        str, typer.Option("--level", help="incident: resolve across documents; document: no merging.")
    ] = "incident",
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
) -> None:
    """Add new and updated articles to the store (unchanged ones are skipped), then re-resolve the incidents."""
    if level not in adapter.LEVELS:
        raise typer.BadParameter(f"expected one of {', '.join(adapter.LEVELS)}", param_hint="--level")
    from sitrep.store.ingest import Ingestor

    store = open_store(db)
    try:
        ingestor = Ingestor(store, level=level)
        items = adapter.read_inputs(paths, meta=meta)
        with _progress() as progress:
            task = progress.add_task("ingesting", total=None, status="", visible=not quiet)

            def tick(status: str, item: object) -> None:
                progress.update(task, advance=1, status=escape(f"{getattr(item, 'doc_id', '')[:40]} {status}"))

            summary = ingestor.run(items, on_item=tick)
            progress.update(task, description="done", status="")
    except SitrepError as e:
        err.print(f"[red]error:[/] {escape(str(e))}", highlight=False)
        raise typer.Exit(2) from e
    finally:
        store.close()
    print_summary(summary)
    err.print(f"database: {redact_url(store.url)}", highlight=False, soft_wrap=True)
    if summary.failed:
        raise typer.Exit(1)


@app.command()
def export(
    db: DbOption,
    fmt: Annotated[str, typer.Option("--format", "-f", help="json | jsonl | csv | acled-csv | geojson")] = "json",
    output: Annotated[Path | None, typer.Option("-o", "--output", help="Output file (default: stdout).")] = None,
    date_from: Annotated[str | None, typer.Option("--from", help="Earliest event date (YYYY-MM-DD).")] = None,
    date_to: Annotated[str | None, typer.Option("--to", help="Latest event date (YYYY-MM-DD).")] = None,
    country: Annotated[str | None, typer.Option(help="Country name (case-insensitive).")] = None,
    admin1: Annotated[str | None, typer.Option(help="First-level administrative area.")] = None,
    event_type: Annotated[str | None, typer.Option("--event-type", help="ACLED event type.")] = None,
    actor: Annotated[str | None, typer.Option(help="Text contained in any actor field.")] = None,
    grade: Annotated[str | None, typer.Option(help="single source | corroborated | contested | denied")] = None,
    bbox: Annotated[str | None, typer.Option(help="min_lon,min_lat,max_lon,max_lat")] = None,
) -> None:
    """Write what `extract` would write for everything stored (filters narrow it)."""
    if fmt not in adapter.FORMATS:
        raise typer.BadParameter(f"expected one of {', '.join(adapter.FORMATS)}", param_hint="--format")
    from sitrep.store.query import IncidentFilter, parse_bbox

    try:
        flt = IncidentFilter(
            parse_date(date_from, name="--from"),
            parse_date(date_to, name="--to"),
            country,
            admin1,
            event_type,
            actor,
            grade,
            parse_bbox(bbox),
        )
    except SitrepError as e:
        raise typer.BadParameter(e.message, param_hint="--bbox") from e
    store = open_store(db)
    try:
        result = store.run_result(flt, with_text=False)
        with output_stream(output) as out:
            adapter.write_result(result, fmt, out)
    except SitrepError as e:
        err.print(f"[red]error:[/] {escape(str(e))}", highlight=False)
        raise typer.Exit(2) from e
    finally:
        store.close()
    if output is not None:
        err.print(f"{len(result.incidents)} incidents written to {output}", highlight=False)
