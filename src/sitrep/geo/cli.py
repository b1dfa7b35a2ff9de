"""``sitrep gazetteer ...``: build the compiled gazetteer, import GeoNames dumps, look names up."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from sitrep.errors import SitrepError

app = typer.Typer(
    name="gazetteer",
    help="Manage the compiled gazetteer (GeoNames 500+ places, OCHA Syria admin units, imported dumps).",
    no_args_is_help=True,
)
_err = Console(stderr=True)
_out = Console()


def _fail(err: SitrepError) -> typer.Exit:
    """Print a domain error and give the exit to raise."""
    _err.print(f"[red]{err}[/red]")
    return typer.Exit(code=1)


@app.command("build")
def build_cmd(
    force: Annotated[bool, typer.Option("--force", help="Rebuild even if the gazetteer is up to date.")] = False,
) -> None:
    """Build the compiled gazetteer in the data directory (SITREP_DATA_DIR, default ~/.local/share/sitrep)."""
    from sitrep.geo.gazetteer import Gazetteer
    from sitrep.geo.store import build_gazetteer

    try:
        path = build_gazetteer(force=force)
    except SitrepError as e:
        raise _fail(e) from e
    Gazetteer.reset_default()
    _out.print(f"gazetteer: {path} ({path.stat().st_size / 1e6:.0f} MB)")


@app.command("import")
def import_cmd(
    file: Annotated[Path, typer.Argument(help="GeoNames dump: SY.zip, allCountries.zip or an extracted .txt.")],
) -> None:
    """Add a GeoNames dump (populated places, admin units, some sites) for village-level coverage.

    Importing the same file twice adds nothing. A later `build --force` re-imports recorded dumps.
    """
    from sitrep.geo.dump import import_geonames_dump

    with Progress(TextColumn("[bold]importing {task.description}"), BarColumn(), DownloadColumn(),
                  TimeRemainingColumn(), console=_err) as progress:
        task = progress.add_task(file.name, total=None)

        def report(done: int, total: int) -> None:
            progress.update(task, completed=done, total=total)

        try:
            added = import_geonames_dump(file, progress=report)
        except SitrepError as e:
            raise _fail(e) from e
    _out.print(f"{added} places added from {file}")


@app.command("lookup")
def lookup_cmd(
    name: Annotated[str, typer.Argument(help="A place name in any common transliteration.")],
    country: Annotated[str | None, typer.Option("--country", "-c", help="ISO alpha-2 code to rank first.")] = None,
    limit: Annotated[int, typer.Option(help="Show at most this many entries.")] = 10,
) -> None:
    """Look a name up: exact matches first, then transliteration variants."""
    from sitrep.geo.gazetteer import Gazetteer

    try:
        places = Gazetteer.default().lookup(name, country_code=country)
    except SitrepError as e:
        raise _fail(e) from e
    if not places:
        _out.print(f"no place named {name!r}")
        raise typer.Exit(code=1)
    table = Table("name", "feature", "country", "admin1", "admin2", "lat", "lon", "population", "geonameid")
    for p in places[:limit]:
        table.add_row(p.name, p.feature, p.country_code, p.admin1, p.admin2, f"{p.latitude:.4f}",
                      f"{p.longitude:.4f}", str(p.population), str(p.geonameid or ""))
    _out.print(table)
