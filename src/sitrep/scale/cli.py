"""``sitrep scale``: runs on a Dask cluster (a scheduler address, or a LocalCluster on this machine)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from sitrep.errors import SitrepError

app = typer.Typer(no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False)
err = Console(stderr=True)


@app.command()
def dask(
    paths: Annotated[list[Path], typer.Argument(help="Article files and/or directories, readable by every worker.")],
    parquet: Annotated[Path | None, typer.Option(help="Write Parquet files here (documents/, incidents/, aggregates/, series/, contradictions/, framing/, errors/).")] = None,
    db: Annotated[str | None, typer.Option("--db", help="Write to this store instead (postgresql://... or a SQLite path).")] = None,
    scheduler: Annotated[str | None, typer.Option(help="Address of a running dask scheduler (tcp://host:8786); default: a LocalCluster here.")] = None,
    local_workers: Annotated[int, typer.Option(min=1, help="Workers of the LocalCluster (one process each) when no --scheduler is given.")] = 2,
    meta: Annotated[Path | None, typer.Option(help="JSONL of per-document metadata keyed by `doc`.")] = None,
    level: Annotated[str, typer.Option(help="incident or document.")] = "incident",
    files_per_partition: Annotated[int, typer.Option(min=1, help="Input files per partition.")] = 64,
    acled_aggregation: Annotated[bool, typer.Option(help="Merge incidents ACLED codes as one event (same sides, place, day).")] = False,
) -> None:
    """Extract and resolve a corpus on a Dask cluster; results go to Parquet or to a store."""
    from sitrep.scale.cluster import check_dask, local_client, run_on_cluster

    if (parquet is None) == (db is None):
        err.print("[red]error[/red] give exactly one of --parquet and --db")
        raise typer.Exit(2)
    try:
        check_dask()
        from dask.distributed import Client

        client = Client(scheduler) if scheduler else local_client(local_workers, processes=True)
        with client:
            summary = run_on_cluster(
                paths, client=client, parquet=parquet, database=db, meta=meta, level=level,
                files_per_unit=files_per_partition, acled_aggregation=acled_aggregation,
            )  # fmt: skip
    except (SitrepError, ValueError, OSError) as e:
        err.print(f"[red]error[/red] {e}")
        raise typer.Exit(2) from e
    typer.echo(json.dumps(summary.as_dict(), indent=2))
    if summary.errors:
        raise typer.Exit(1)
