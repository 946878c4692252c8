"""`chainatlas serve`: the dashboard and API in one process."""

from __future__ import annotations

import os
from dataclasses import replace
from typing import Annotated

import typer

from chainatlas.cli.output import out, print_json, state
from chainatlas.services.users import ensure_admin

APP_FACTORY = "chainatlas.app:app_from_environment"


def announce_admin(ctx: typer.Context, *, quiet: bool = False) -> str | None:
    """Create `admin` on a database without users; print (unless quiet) and return its one-time password."""
    cli = state(ctx)
    with cli.unit_of_work() as uow:
        password = ensure_admin(uow.session, cli.context())
        uow.commit()
    if password and not quiet:
        note = "one-time password (shown once, change it at first sign-in)"
        out.print(f"[bold]Created user admin[/] — {note}: [bold]{password}[/]")
    return password


def serve(
    ctx: typer.Context,
    host: Annotated[str | None, typer.Option("--host", help="Address to listen on (env CHAINATLAS_HOST).")] = None,
    port: Annotated[int | None, typer.Option("--port", min=1, max=65535, help="Port (env CHAINATLAS_PORT).")] = None,
    json_out: Annotated[
        bool, typer.Option("--json", help="Print the address (and a new admin password) as one JSON line.")
    ] = False,
) -> None:
    """Serve the dashboard and the REST API (docs at /api/docs)."""
    import uvicorn

    cli = state(ctx)
    settings = replace(cli.settings, host=host or cli.settings.host, port=port or cli.settings.port)
    password = announce_admin(ctx, quiet=json_out)
    url = f"http://{settings.host}:{settings.port}/"
    if json_out:
        print_json({"url": url, "api_docs": f"{url}api/docs", "admin_one_time_password": password})
    else:
        out.print(f"Chain Atlas on {url}  (API docs: {url}api/docs)", highlight=False)
    # The app is named by import string (the composition root sits above the CLI) and reads the
    # same settings back from the environment, the documented channel for settings.
    os.environ["CHAINATLAS_DATABASE_URL"] = settings.database_url
    # Forwarded headers (X-Forwarded-Proto/-For) are believed only from CHAINATLAS_FORWARDED_ALLOW_IPS: they
    # decide the HTTPS-only cookie under CHAINATLAS_COOKIE_SECURE=auto and the address a session records.
    uvicorn.run(
        APP_FACTORY,
        factory=True,
        host=settings.host,
        port=settings.port,
        log_level="warning",
        proxy_headers=True,
        forwarded_allow_ips=settings.forwarded_allow_ips,
    )
