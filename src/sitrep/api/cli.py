"""Typer command ``serve``: the web app and the API over a store (mount with ``app.add_typer(api.cli.app)``)."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape

from sitrep.errors import SitrepError
from sitrep.store.cli import DbOption
from sitrep.store.urls import redact_url

app = typer.Typer(no_args_is_help=True, add_completion=False, help="Serve the web app and the API.")
SERVER_LIMITS = {"h11_max_incomplete_event_size": 64 * 1024, "timeout_keep_alive": 5, "limit_concurrency": 2000}
"""uvicorn settings of `serve`: request line + headers at most 64 KiB, idle keep-alive 5 s, connections capped."""
err = Console(stderr=True)


@app.callback()
def _group() -> None:
    """Keep the sub-command name (``serve``) even though this app has one command."""


@app.command()
def serve(
    db: DbOption,
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.", min=1, max=65535)] = 8000,
    max_body: Annotated[int, typer.Option("--max-body", help="Largest accepted request body, in bytes.")] = 10_000_000,
    workers: Annotated[int, typer.Option("--workers", min=1, max=64, help="Server processes (one per core).")] = 1,
    cache_mb: Annotated[int, typer.Option("--cache-mb", min=0, help="Response cache per process, MB (0: none).")] = 64,
    access_log: Annotated[bool, typer.Option("--access-log/--no-access-log", help="Log every request.")] = True,
) -> None:
    """Serve the web app at /, the API under /api/ and the OpenAPI docs at /docs (uploads need env SITREP_API_TOKEN)."""
    import os

    import uvicorn

    from sitrep.api.app import TOKEN_ENV, create_app

    try:
        application = create_app(db, max_body_bytes=max_body, cache_bytes=cache_mb * 1_000_000)
    except SitrepError as e:
        err.print(f"[red]error:[/] {escape(str(e))}")
        raise typer.Exit(2) from e
    store = application.state.store
    uploads = "enabled" if application.state.settings.api_token else f"disabled (set {TOKEN_ENV} to enable)"
    err.print(
        f"sitrep: {redact_url(store.url)} → http://{host}:{port}/  (POST /api/documents {uploads})"
        + (f", {workers} workers" if workers > 1 else ""),
        highlight=False,
        soft_wrap=True,
    )
    options = {"host": host, "port": port, "log_level": "info", "server_header": False, "access_log": access_log,
               **SERVER_LIMITS}
    if workers == 1:
        uvicorn.run(application, **options)
        return
    store.close()  # each worker process opens its own (the database was migrated above)
    os.environ.update(SITREP_DB=store.url, SITREP_MAX_BODY=str(max_body), SITREP_CACHE_BYTES=str(cache_mb * 1_000_000))
    uvicorn.run("sitrep.api.app:app_from_env", factory=True, workers=workers, **options)
