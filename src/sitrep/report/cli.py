"""Typer command ``report``: a situation report for a date window, in Markdown or HTML."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape

from sitrep.errors import SitrepError
from sitrep.store.cli import DbOption, open_store, parse_date

app = typer.Typer(no_args_is_help=True, add_completion=False, help="Situation reports from the store.")
err = Console(stderr=True)


@app.callback()
def _group() -> None:
    """Keep the sub-command name (``report``) even though this app has one command."""


FORMATS = ("md", "html")


def _chart_saver(output: Path):
    """Write charts next to a Markdown report as ``<stem>-<name>.svg``; returns the relative path."""

    def save(name: str, svg: str) -> str:
        path = output.with_name(f"{output.stem}-{name}.svg")
        path.write_text(svg, encoding="utf-8")
        return path.name

    return save


@app.command()
def report(
    db: DbOption,
    date_from: Annotated[
        str | None, typer.Option("--from", help="First day (YYYY-MM-DD; default: earliest stored).")
    ] = None,
    date_to: Annotated[str | None, typer.Option("--to", help="Last day (YYYY-MM-DD; default: latest stored).")] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="md | html")] = "md",
    output: Annotated[Path | None, typer.Option("-o", "--output", help="Output file (default: stdout).")] = None,
    country: Annotated[str | None, typer.Option(help="Only this country.")] = None,
    admin1: Annotated[str | None, typer.Option(help="Only this first-level area.")] = None,
    title: Annotated[str, typer.Option(help="Report title.")] = "Situation report",
    key_incidents: Annotated[
        int, typer.Option("--key-incidents", min=0, max=100, help="How many key incidents to describe.")
    ] = 10,
) -> None:
    """Write a situation report: totals by area and event type with fatality ranges, key incidents with sources,
    contested figures, displacement, charts (inline SVG in html; SVG files next to the md file, or data URIs on stdout)."""
    from sitrep.report.data import build_report
    from sitrep.report.render import render_html, render_markdown

    if fmt not in FORMATS:
        raise typer.BadParameter(f"expected one of {', '.join(FORMATS)}", param_hint="--format")
    lo, hi = parse_date(date_from, name="--from"), parse_date(date_to, name="--to")
    if lo and hi and lo > hi:
        raise typer.BadParameter("--from is after --to", param_hint="--from")
    store = open_store(db)
    try:
        data = build_report(
            store, date_from=lo, date_to=hi, country=country, admin1=admin1, title=title, key_incidents=key_incidents
        )
    except SitrepError as e:
        err.print(f"[red]error:[/] {escape(str(e))}")
        raise typer.Exit(2) from e
    finally:
        store.close()
    if output is not None:
        output.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "html":
        text = render_html(data)
    else:
        text = render_markdown(data, save_chart=_chart_saver(output) if output is not None else None)
    if output is None:
        sys.stdout.write(text)
    else:
        output.write_text(text, encoding="utf-8")
        err.print(f"report written to {output} ({data.total.incidents} incidents)", highlight=False, soft_wrap=True)
